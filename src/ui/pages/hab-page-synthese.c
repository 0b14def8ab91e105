/* hab-page-synthese.c: the Synthèse step (DESIGN §2.9): the dossier at a
 * glance and every finding, grouped by step; activating one goes to its
 * step and focuses its field.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-synthese"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-finding.h"
#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-page-synthese.h"

struct _HabPageSynthese
{
  HabPage       parent_instance;

  GtkImage     *status_icon;
  GtkLabel     *status_title;
  GtkLabel     *status_description;
  AdwActionRow *api_row;
  AdwActionRow *path_row;
  AdwActionRow *use_case_row;
  AdwActionRow *organisation_row;
  AdwActionRow *data_row;
  AdwActionRow *dpo_row;
  AdwPreferencesPage *prefs_page;

  GPtrArray    *groups;   /* AdwPreferencesGroup of findings, in prefs_page */
};

G_DEFINE_FINAL_TYPE (HabPageSynthese, hab_page_synthese, HAB_TYPE_PAGE)

enum {
  SHOW_FINDING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "—";
}

static char *
describe_dpo (HabDossier *dossier)
{
  JsonArray *reviews = hab_dossier_get_array (dossier, "dpo.reviews");
  guint n = reviews ? json_array_get_length (reviews) : 0;
  JsonNode *last;
  JsonObject *review;
  const char *decision, *reviewer, *date, *fingerprint;
  g_autofree char *current = NULL;

  if (n == 0)
    return g_strdup (_("Not reviewed yet"));

  last = json_array_get_element (reviews, n - 1);
  if (!JSON_NODE_HOLDS_OBJECT (last))
    return g_strdup (_("Not reviewed yet"));

  review = json_node_get_object (last);
  decision = hab_json_object_get_string (review, "decision");
  reviewer = hab_json_object_get_string (review, "reviewer");
  date = hab_json_object_get_string (review, "date");
  fingerprint = hab_json_object_get_string (review, "fingerprint");
  current = hab_fingerprint_compute (dossier);

  if (g_strcmp0 (decision, "approved") == 0)
    {
      if (g_strcmp0 (fingerprint, current) != 0)
        /* Translators: "Approved by Awa Diallo on 2026-11-20, but the data changed since" */
        return g_strdup_printf (_("Approved by %s on %s, but the data changed since: outdated"),
                                or_dash (reviewer), or_dash (date));
      return g_strdup_printf (_("Approved by %s on %s"), or_dash (reviewer), or_dash (date));
    }

  if (g_strcmp0 (decision, "changes_requested") == 0)
    return g_strdup_printf (_("Changes requested by %s on %s"), or_dash (reviewer), or_dash (date));

  return g_strdup (_("Review not readable"));
}

static void
update_overview (HabPageSynthese *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const HabApi *api = hab_page_get_api (HAB_PAGE (self));
  const char *stage = hab_dossier_get_string (dossier, "parcours.stage");
  const char *development = hab_dossier_get_string (dossier, "parcours.development");
  const char *use_case_id = hab_dossier_get_string (dossier, "parcours.use_case");
  const HabUseCase *use_case = api && use_case_id ? hab_api_lookup_use_case (api, use_case_id) : NULL;
  JsonArray *scopes = hab_dossier_get_array (dossier, "data.scopes");
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *dpo = NULL;
  const char *name = hab_dossier_get_string (dossier, "organisation.name");
  const char *siret = hab_dossier_get_string (dossier, "organisation.siret");

  adw_action_row_set_subtitle (self->api_row, api ? api->label : _("Not chosen"));

  /* Translators: "Sandbox, with a software editor" */
  path = g_strdup_printf (_("%s, %s"),
                          g_strcmp0 (stage, "production") == 0 ? _("Production") : _("Sandbox"),
                          g_strcmp0 (development, "editor") == 0 ? _("with a software editor")
                          : g_strcmp0 (development, "in_house") == 0 ? _("developed in-house")
                          : _("development mode not chosen"));
  adw_action_row_set_subtitle (self->path_row, path);

  adw_action_row_set_subtitle (self->use_case_row,
                               use_case ? use_case->label
                               : api && api->use_cases->len > 0
                                 ? ((const HabUseCase *) g_ptr_array_index (api->use_cases, 0))->label
                                 : "—");

  organisation = siret && *siret ? g_strdup_printf ("%s — SIRET %s", or_dash (name), siret)
                                 : g_strdup (or_dash (name));
  adw_action_row_set_subtitle (self->organisation_row, organisation);

  for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
    {
      JsonNode *element = json_array_get_element (scopes, i);
      const char *key = JSON_NODE_HOLDS_OBJECT (element)
                        ? hab_json_object_get_string (json_node_get_object (element), "key") : NULL;
      const HabScope *scope = api && key ? hab_api_lookup_scope (api, key) : NULL;

      if (key == NULL)
        continue;
      if (data->len > 0)
        g_string_append (data, "\n");
      g_string_append (data, scope ? scope->label : key);
    }
  if (data->len == 0)
    g_string_append (data, api && !api->has_scopes ? _("Defined by the access modality")
                                                   : _("No data item ticked"));
  adw_action_row_set_subtitle (self->data_row, data->str);

  dpo = describe_dpo (dossier);
  adw_action_row_set_subtitle (self->dpo_row, dpo);
}

static void
finding_activated_cb (HabPageSynthese *self,
                      AdwActionRow    *row)
{
  HabFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  g_signal_emit (self, signals[SHOW_FINDING], 0, (guint) finding->rule->step, finding->field);
}

static const char *
severity_icon (HabSeverity severity)
{
  return severity == HAB_SEVERITY_ERROR ? "dialog-error-symbolic"
         : severity == HAB_SEVERITY_WARNING ? "dialog-warning-symbolic"
         : "dialog-information-symbolic";
}

static const char *
severity_word (HabSeverity severity)
{
  return severity == HAB_SEVERITY_ERROR ? _("Error")
         : severity == HAB_SEVERITY_WARNING ? _("Warning")
         : _("Note");
}

static void
hab_page_synthese_show_findings (HabPage   *page,
                                 GPtrArray *findings)
{
  HabPageSynthese *self = HAB_PAGE_SYNTHESE (page);
  AdwPreferencesGroup *group = NULL;
  HabStep group_step = HAB_N_STEPS;
  guint counts[3] = { 0, 0, 0 };
  g_autofree char *description = NULL;

  update_overview (self);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->prefs_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);
      HabStep step = finding->rule->step;
      GtkWidget *row;
      GtkWidget *icon;
      g_autofree char *subtitle = NULL;

      counts[finding->rule->severity]++;

      if (group == NULL || step != group_step)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, step == HAB_STEP_SYNTHESE ? _("The File")
                                                                            : hab_step_get_title (step));
          adw_preferences_page_add (self->prefs_page, group);
          g_ptr_array_add (self->groups, group);
          group_step = step;
        }

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      /* Translators: severity, then the rule id, e.g. "Error · contact.email_free_domain" */
      subtitle = g_strdup_printf (_("%s · %s"), severity_word (finding->rule->severity),
                                  finding->rule->id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      icon = gtk_image_new_from_icon_name (severity_icon (finding->rule->severity));
      gtk_widget_add_css_class (icon, finding->rule->severity == HAB_SEVERITY_ERROR ? "error"
                                      : finding->rule->severity == HAB_SEVERITY_WARNING ? "warning"
                                      : "dim-label");
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      if (step != HAB_STEP_SYNTHESE)
        {
          GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

          gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "finding", hab_finding_copy (finding),
                                  (GDestroyNotify) hab_finding_free);
          g_signal_connect_swapped (row, "activated", G_CALLBACK (finding_activated_cb), self);
        }

      adw_preferences_group_add (group, row);
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon),
                            counts[HAB_SEVERITY_ERROR] > 0 ? "error"
                            : counts[HAB_SEVERITY_WARNING] > 0 ? "warning" : "success");

  if (counts[HAB_SEVERITY_ERROR] > 0)
    {
      gtk_image_set_from_icon_name (self->status_icon, "dialog-error-symbolic");
      gtk_label_set_label (self->status_title, _("Not Ready to Submit"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u error must be corrected before the request "
                                                  "can be submitted on DataPass.",
                                                  "%u errors must be corrected before the request "
                                                  "can be submitted on DataPass.",
                                                  counts[HAB_SEVERITY_ERROR]),
                                     counts[HAB_SEVERITY_ERROR]);
    }
  else if (counts[HAB_SEVERITY_WARNING] > 0)
    {
      gtk_image_set_from_icon_name (self->status_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->status_title, _("Ready, With Points to Check"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "No error remains. %u warning points to a "
                                                  "likely question from the DGFiP.",
                                                  "No error remains. %u warnings point to likely "
                                                  "questions from the DGFiP.",
                                                  counts[HAB_SEVERITY_WARNING]),
                                     counts[HAB_SEVERITY_WARNING]);
    }
  else
    {
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_label_set_label (self->status_title, _("Ready to Submit"));
      description = g_strdup (_("Every DGFiP and DataPass rule the application knows is met."));
    }

  gtk_label_set_label (self->status_description, description);
}

static void
hab_page_synthese_dispose (GObject *object)
{
  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_SYNTHESE);

  G_OBJECT_CLASS (hab_page_synthese_parent_class)->dispose (object);
}

static void
hab_page_synthese_finalize (GObject *object)
{
  HabPageSynthese *self = HAB_PAGE_SYNTHESE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (hab_page_synthese_parent_class)->finalize (object);
}

static void
hab_page_synthese_class_init (HabPageSyntheseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_synthese_dispose;
  object_class->finalize = hab_page_synthese_finalize;
  page_class->show_findings = hab_page_synthese_show_findings;

  /**
   * HabPageSynthese::show-finding:
   * @step: the step of the finding
   * @field: its field path
   *
   * The user activated a finding: go to its field.
   */
  signals[SHOW_FINDING] =
    g_signal_new ("show-finding", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-synthese.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, status_icon);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, status_title);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, status_description);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, api_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, path_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, use_case_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, data_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, dpo_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, prefs_page);
}

static void
hab_page_synthese_init (HabPageSynthese *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
}
