/* hab-page-securite.c: the Sécurité step (DESIGN §2.7).
 *
 * Asked by DataPass only for a production request: the security
 * attestation (homologation de sécurité, or the DGFiP security
 * questionnaire with its questions O1 to O5), its validity and renewal,
 * the functional acceptance (recette) of in-house software, and the call
 * rate with its justification above the minimum. In sandbox, the page
 * says that all of this comes with the production request.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-securite"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib/gi18n.h>

#include "hab-attachment-row.h"
#include "hab-choice-row.h"
#include "hab-finding.h"
#include "hab-page-securite.h"
#include "hab-questionnaire.h"
#include "hab-text-row.h"

#define CALLS_PATH           "security.calls_per_minute"
#define DEFAULT_CALL_RATE    50
#define RENEWAL_NOTICE_MONTHS 3
#define QUESTIONNAIRE_VALID_MONTHS 36


struct _HabPageSecurite
{
  HabPage              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *problems_group;
  GtkLabel            *stage_label;
  GtkWidget           *attestation_group;
  GtkWidget           *kind_row;
  GtkWidget           *reason_row;
  GtkWidget           *document_row;
  GtkWidget           *authority_name_row;
  GtkWidget           *authority_function_row;
  GtkWidget           *validity_group;
  GtkWidget           *begin_date_row;
  GtkWidget           *end_date_row;
  GtkWidget           *renewal_row;
  GtkWidget           *end_date_button;
  GtkWidget           *questionnaire_group;
  GtkWidget           *axes_group;
  GtkWidget           *acceptance_group;
  GtkWidget           *acceptance_row;
  GtkWidget           *acceptance_check;
  GtkWidget           *calls_group;
  GtkWidget           *calls_row;
  GtkWidget           *justification_row;

  /* The rate of each item of calls_row, in its order. */
  GArray              *rates;
  /* Shows the findings of the call rate under calls_row, which this page
   * edits itself (the rate is a number, not a key). */
  HabField            *calls_field;
  char                *suggested_end_date;
  gboolean             syncing_calls;
  guint                store_rate_id;
};

G_DEFINE_FINAL_TYPE (HabPageSecurite, hab_page_securite, HAB_TYPE_PAGE)

static gboolean
str_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

static gboolean
parse_iso_date (const char *str,
                GDate      *date)
{
  guint year, month, day;
  char end;

  g_date_clear (date, 1);
  if (str == NULL || strlen (str) != 10
      || sscanf (str, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

/* Choices in full */

/* AdwComboRow 1.2 cuts its popover's items at 20 characters; these labels
 * (“DGFiP Security Questionnaire”, “75 calls per minute (not offered…)”)
 * are longer, so the popover gets items that wrap, with the same check
 * mark on the selected one. */

static void
update_check_mark (GtkListItem *item,
                   AdwComboRow *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *mark = gtk_widget_get_last_child (box);

  gtk_widget_set_opacity (mark, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item));
}

static void
row_selected_cb (GtkListItem *item,
                 GParamSpec  *pspec,
                 AdwComboRow *row)
{
  update_check_mark (item, row);
}

static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  /* A grid: a horizontal box lays a wrapping label out many times over
   * (see hab_message_row_new()). */
  GtkWidget *box = gtk_grid_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_grid_set_column_spacing (GTK_GRID (box), 6);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (mark), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_grid_attach (GTK_GRID (box), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (box), mark, 1, 0, 1, 1);
  gtk_list_item_set_child (item, box);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (string));
  update_check_mark (item, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (row_selected_cb), item,
                           G_CONNECT_SWAPPED);
}

static void
choice_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, row_selected_cb, item);
}

static void
show_choices_in_full (GtkWidget *combo_row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), combo_row);
  g_signal_connect (factory, "unbind", G_CALLBACK (choice_unbind_cb), combo_row);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (combo_row), factory);
}

/* Call rate */

static gboolean
get_rate (HabDossier *dossier,
          gint64     *rate)
{
  JsonNode *node = hab_dossier_lookup (dossier, CALLS_PATH);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *rate = json_node_get_int (node);
  return TRUE;
}

static void
sync_calls (HabPageSecurite *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const HabApi *api = hab_page_get_api (HAB_PAGE (self));
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 rate = DEFAULT_CALL_RATE;
  gboolean has_rate = get_rate (dossier, &rate);
  gboolean listed = FALSE;
  gboolean same;
  guint selected = 0;

  /* The API's choices, and the dossier's rate if it is not one of them,
   * so that the row shows what the file holds (the finding says why it
   * is wrong). */
  for (guint i = 0; api != NULL && i < api->n_call_rates; i++)
    {
      g_array_append_val (wanted, api->call_rates[i]);
      listed |= api->call_rates[i] == rate;
    }
  if (has_rate && !listed)
    g_array_append_val (wanted, rate);

  same = wanted->len == self->rates->len
         && memcmp (wanted->data, self->rates->data, wanted->len * sizeof (gint64)) == 0;

  self->syncing_calls = TRUE;

  if (!same)
    {
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

      for (guint i = 0; i < wanted->len; i++)
        {
          gint64 value = g_array_index (wanted, gint64, i);
          g_autofree char *label = NULL;
          gboolean allowed = api != NULL && hab_api_is_call_rate_allowed (api, value);

          if (allowed)
            label = g_strdup_printf (_("%lld calls per minute"), (long long) value);
          else
            label = g_strdup_printf (_("%lld calls per minute (not offered for this API)"),
                                     (long long) value);
          gtk_string_list_append (model, label);
        }

      g_array_set_size (self->rates, 0);
      g_array_append_vals (self->rates, wanted->data, wanted->len);
      adw_combo_row_set_model (ADW_COMBO_ROW (self->calls_row), G_LIST_MODEL (model));
    }

  /* No rate in the file means DataPass's default, the smallest one. */
  for (guint i = 0; i < self->rates->len; i++)
    if (g_array_index (self->rates, gint64, i) == rate)
      selected = i;

  if (self->rates->len > 0
      && adw_combo_row_get_selected (ADW_COMBO_ROW (self->calls_row)) != selected)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->calls_row), selected);

  self->syncing_calls = FALSE;
}

static gboolean
store_rate_cb (gpointer user_data)
{
  HabPageSecurite *self = user_data;
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->calls_row));

  self->store_rate_id = 0;

  if (dossier != NULL && selected < self->rates->len)
    hab_dossier_set_int (dossier, CALLS_PATH, g_array_index (self->rates, gint64, selected));

  return G_SOURCE_REMOVE;
}

static void
calls_selected_cb (HabPageSecurite *self)
{
  if (self->syncing_calls || hab_page_get_dossier (HAB_PAGE (self)) == NULL
      || self->rates == NULL || self->store_rate_id != 0)
    return;

  /* Stored once the combo row is done selecting: the edit may rebuild
   * its model (dropping a rate the API does not offer). */
  self->store_rate_id = g_idle_add (store_rate_cb, self);
}

/* Validity */

static void
end_date_clicked_cb (HabPageSecurite *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));

  if (dossier != NULL && self->suggested_end_date != NULL)
    hab_dossier_set_string (dossier, "security.end_date", self->suggested_end_date);
}

static void
update_renewal (HabPageSecurite *self,
                gboolean         questionnaire)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  GDate begin, end, today;
  gboolean has_begin = parse_iso_date (hab_dossier_get_string (dossier, "security.begin_date"),
                                       &begin);
  gboolean has_end = parse_iso_date (hab_dossier_get_string (dossier, "security.end_date"),
                                     &end);
  g_autofree char *subtitle = NULL;

  g_clear_pointer (&self->suggested_end_date, g_free);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));

  if (has_end && (!has_begin || g_date_compare (&end, &begin) > 0))
    {
      GDate notice = end;
      g_autofree char *end_text = format_date (&end);
      g_autofree char *notice_text = NULL;

      g_date_subtract_months (&notice, RENEWAL_NOTICE_MONTHS);
      notice_text = format_date (&notice);

      if (g_date_compare (&end, &today) < 0)
        subtitle = g_strdup_printf (_("The attestation ended on %s: send a new one to the DGFiP, "
                                      "which suspends exchanges without it."),
                                    end_text);
      else if (g_date_compare (&notice, &today) <= 0)
        subtitle = g_strdup_printf (_("The attestation ends on %s: a new one was due at the "
                                      "DGFiP by %s, 3 months before the end. Send it now, or "
                                      "exchanges are suspended."),
                                    end_text, notice_text);
      else
        subtitle = g_strdup_printf (_("Send a new attestation to the DGFiP by %s, 3 months "
                                      "before the end on %s; without it, exchanges are "
                                      "suspended."),
                                    notice_text, end_text);
    }
  else if (questionnaire && has_begin && !has_end)
    {
      GDate expiry = begin;
      g_autofree char *expiry_text = NULL;

      /* Valid 3 years: until the day before the third anniversary. */
      g_date_add_months (&expiry, QUESTIONNAIRE_VALID_MONTHS);
      g_date_subtract_days (&expiry, 1);
      expiry_text = format_date (&expiry);

      if (g_date_compare (&expiry, &today) < 0)
        subtitle = g_strdup_printf (_("The questionnaire is valid for 3 years after its "
                                      "signature: it expired on %s. Fill in and sign a new one."),
                                    expiry_text);
      else
        {
          self->suggested_end_date = g_strdup_printf ("%04u-%02u-%02u",
                                                      g_date_get_year (&expiry),
                                                      g_date_get_month (&expiry),
                                                      g_date_get_day (&expiry));
          subtitle = g_strdup_printf (_("The questionnaire is valid for 3 years after its "
                                        "signature: until %s. DataPass asks for this end date "
                                        "too."),
                                      expiry_text);
        }
    }

  gtk_widget_set_visible (self->renewal_row, subtitle != NULL);
  gtk_widget_set_visible (self->end_date_button, self->suggested_end_date != NULL);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->renewal_row), subtitle);
}

/* HabPage */

static void
update_kind (HabPageSecurite *self,
             const char      *kind)
{
  gboolean questionnaire = g_strcmp0 (kind, "questionnaire") == 0;
  gboolean homologation = g_strcmp0 (kind, "homologation") == 0;
  const char *document, *name, *function, *begin, *end, *validity;

  if (homologation)
    {
      document = _("Homologation Decision (PDF, under 10 MB)");
      name = _("Name of the Homologation Authority");
      function = _("Function of the Homologation Authority");
      begin = _("Date of the Homologation Decision (DD/MM/YYYY)");
      end = _("End Date of the Homologation (DD/MM/YYYY)");
      validity = _("The begin date is the date of the homologation decision; the end date is "
                   "the one set in the decision. A new attestation must reach the DGFiP 3 months "
                   "before the end, or exchanges are suspended.");
    }
  else if (questionnaire)
    {
      document = _("Signed Security Questionnaire (PDF, under 10 MB)");
      name = _("Name of the Signatory of the Questionnaire");
      function = _("Function of the Signatory");
      begin = _("Date the Questionnaire Was Signed (DD/MM/YYYY)");
      end = _("End of Validity of the Questionnaire (DD/MM/YYYY)");
      validity = _("The begin date is the date the questionnaire was signed; the end date is the "
                   "end of its validity, at most 3 years later. It must be renewed 3 months "
                   "before it expires.");
    }
  else
    {
      document = _("Homologation Decision or Signed Questionnaire (PDF, under 10 MB)");
      name = _("Name of the Authority or Signatory");
      function = _("Function of the Authority or Signatory");
      begin = _("Homologation or Signature Date (DD/MM/YYYY)");
      end = _("End Date (DD/MM/YYYY)");
      validity = _("For a homologation, the date of the decision and the end date it sets; for "
                   "the questionnaire, the date it was signed and the end of its validity, at "
                   "most 3 years later.");
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->document_row), document);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->authority_name_row), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->authority_function_row), function);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->begin_date_row), begin);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->end_date_row), end);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->validity_group), validity);
}

static void
hab_page_securite_dossier_changed (HabPage    *page,
                                   const char *path)
{
  HabPageSecurite *self = HAB_PAGE_SECURITE (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  const char *stage = hab_dossier_get_string (dossier, "parcours.stage");
  const char *kind = hab_dossier_get_string (dossier, "security.kind");
  gboolean production = g_strcmp0 (stage, "production") == 0;
  gboolean questionnaire = g_strcmp0 (kind, "questionnaire") == 0;
  gboolean in_house = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"),
                                 "in_house") == 0;
  gboolean rgs = FALSE;
  gint64 rate = DEFAULT_CALL_RATE;

  hab_dossier_get_boolean (dossier, "organisation.subject_to_rgs", &rgs);
  get_rate (dossier, &rate);

  if (production)
    gtk_label_set_label (self->stage_label,
                         _("For this production request, DataPass asks for the security "
                           "attestation and the call rate below."));
  else if (g_strcmp0 (stage, "sandbox") == 0)
    gtk_label_set_label (self->stage_label,
                         _("Nothing is asked here for a sandbox request: the security "
                           "attestation, the functional acceptance (recette) and the call rate "
                           "come with the production request. You can prepare them meanwhile."));
  else
    gtk_label_set_label (self->stage_label,
                         _("These items are asked only for a production request; choose the "
                           "stage in the Parcours step."));

  gtk_widget_set_visible (self->attestation_group, production);
  gtk_widget_set_visible (self->validity_group, production);
  gtk_widget_set_visible (self->questionnaire_group, production && questionnaire);
  gtk_widget_set_visible (self->axes_group, production && questionnaire);
  gtk_widget_set_visible (self->acceptance_group, production && in_house);
  /* The choices come from the API. */
  gtk_widget_set_visible (self->calls_group, production && hab_page_get_api (page) != NULL);

  /* The reason is asked of bodies subject to the RGS; kept in sight once
   * written. */
  gtk_widget_set_visible (self->reason_row,
                          questionnaire
                          && (rgs || !str_blank (hab_dossier_get_string (dossier,
                                                                         "security.questionnaire_reason"))));
  gtk_widget_set_visible (self->justification_row, rate > DEFAULT_CALL_RATE);

  update_kind (self, kind);
  update_renewal (self, questionnaire);
  sync_calls (self);
}

static void
hab_page_securite_show_findings (HabPage   *page,
                                 GPtrArray *findings)
{
  HabPageSecurite *self = HAB_PAGE_SECURITE (page);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GPtrArray) calls = g_ptr_array_new ();
  gboolean shown = gtk_widget_get_visible (self->calls_group);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);

      if (shown && hab_field_matches (self->calls_field, finding->field))
        g_ptr_array_add (calls, finding);
      else
        g_ptr_array_add (others, finding);
    }

  hab_field_show_findings (self->calls_field, calls);

  HAB_PAGE_CLASS (hab_page_securite_parent_class)->show_findings (page, others);
}

static gboolean
hab_page_securite_focus_field (HabPage    *page,
                               const char *field)
{
  HabPageSecurite *self = HAB_PAGE_SECURITE (page);

  if (hab_field_matches (self->calls_field, field))
    return gtk_widget_grab_focus (self->calls_row);

  return HAB_PAGE_CLASS (hab_page_securite_parent_class)->focus_field (page, field);
}

static void
hab_page_securite_dispose (GObject *object)
{
  HabPageSecurite *self = HAB_PAGE_SECURITE (object);

  g_clear_handle_id (&self->store_rate_id, g_source_remove);
  g_clear_object (&self->calls_field);

  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_SECURITE);

  G_OBJECT_CLASS (hab_page_securite_parent_class)->dispose (object);
}

static void
hab_page_securite_finalize (GObject *object)
{
  HabPageSecurite *self = HAB_PAGE_SECURITE (object);

  g_clear_pointer (&self->rates, g_array_unref);
  g_free (self->suggested_end_date);

  G_OBJECT_CLASS (hab_page_securite_parent_class)->finalize (object);
}

static void
hab_page_securite_class_init (HabPageSecuriteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_securite_dispose;
  object_class->finalize = hab_page_securite_finalize;
  page_class->dossier_changed = hab_page_securite_dossier_changed;
  page_class->show_findings = hab_page_securite_show_findings;
  page_class->focus_field = hab_page_securite_focus_field;

  g_type_ensure (HAB_TYPE_TEXT_ROW);
  g_type_ensure (HAB_TYPE_ATTACHMENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/hab-page-securite.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, stage_label);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, attestation_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, kind_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, reason_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, document_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, authority_name_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, authority_function_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, validity_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, begin_date_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, end_date_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, renewal_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, end_date_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, questionnaire_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, axes_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, acceptance_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, acceptance_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, acceptance_check);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, calls_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, calls_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSecurite, justification_row);
  gtk_widget_class_bind_template_callback (widget_class, calls_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, end_date_clicked_cb);
}

static void
add_questionnaire_rows (HabPageSecurite *self)
{
  HabPage *page = HAB_PAGE (self);
  static const char *const answer_keys[] = { "", "yes", "no", NULL };
  const char *answer_labels[] = { _("Not Answered"), _("Yes"), _("No"), NULL };
  guint n_questions;
  const HabQuestionnaireItem *questions = hab_questionnaire_get_questions (&n_questions);

  for (guint i = 0; i < n_questions; i++)
    {
      g_autofree char *path = g_strdup_printf ("security.questionnaire.%s", questions[i].key);
      /* Translators: a question of the security questionnaire with its
       * number, e.g. “O1 — Has an … been appointed?” */
      g_autofree char *title = g_strdup_printf (_("%s — %s"), questions[i].key,
                                                _(questions[i].text));
      GtkWidget *row = hab_choice_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->questionnaire_group), row);
      hab_page_bind_choice (page, row, path, answer_keys, answer_labels);
    }
  guint n_axes;
  const HabQuestionnaireItem *axes = hab_questionnaire_get_axes (&n_axes);

  for (guint i = 0; i < n_axes; i++)
    {
      g_autofree char *path = g_strdup_printf ("security.questionnaire_preparation.%s",
                                               axes[i].key);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      HabField *field;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(axes[i].text));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->axes_group), row);

      field = hab_page_bind (page, HAB_FIELD_BOOLEAN, check, path);
      hab_field_set_row (field, row);
    }
}

static void
hab_page_securite_init (HabPageSecurite *self)
{
  HabPage *page = HAB_PAGE (self);
  static const char *const kind_keys[] = { "", "homologation", "questionnaire", NULL };
  const char *kind_labels[] = {
    _("Not Chosen"), _("Homologation de sécurité"), _("DGFiP Security Questionnaire"), NULL
  };
  HabField *field;

  self->rates = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  hab_attachment_row_set_kind (HAB_ATTACHMENT_ROW (self->document_row), HAB_ATTACHMENT_KIND_PDF);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->acceptance_check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->acceptance_row, NULL,
                                  -1);

  hab_choice_row_set_wrap (HAB_CHOICE_ROW (self->kind_row), TRUE);
  show_choices_in_full (self->calls_row);
  hab_page_bind_choice (page, self->kind_row, "security.kind", kind_keys, kind_labels);
  hab_page_bind (page, HAB_FIELD_TEXT, self->reason_row, "security.questionnaire_reason");
  hab_page_bind (page, HAB_FIELD_ATTACHMENT, self->document_row, "security.document");
  hab_page_bind (page, HAB_FIELD_TEXT, self->authority_name_row, "security.authority_name");
  hab_page_bind (page, HAB_FIELD_TEXT, self->authority_function_row,
                 "security.authority_function");
  hab_page_bind (page, HAB_FIELD_DATE, self->begin_date_row, "security.begin_date");
  hab_page_bind (page, HAB_FIELD_DATE, self->end_date_row, "security.end_date");
  add_questionnaire_rows (self);
  field = hab_page_bind (page, HAB_FIELD_BOOLEAN, self->acceptance_check,
                         "security.operational_acceptance_done");
  hab_field_set_row (field, self->acceptance_row);
  hab_page_bind (page, HAB_FIELD_TEXT, self->justification_row, "security.calls_justification");

  self->calls_field = hab_field_new (HAB_FIELD_ATTACHMENT, self->calls_row, CALLS_PATH);
}
