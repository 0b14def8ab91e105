/* hab-page.c: the base of every step page.
 *
 * A page edits the dossier through its fields (HabField) and renders the
 * findings the window hands it; it never validates on its own (DESIGN §3).
 * Findings that no field of the page claims are listed in the page's
 * "problems" group, so that nothing is ever hidden.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-choice-row.h"
#include "hab-finding.h"
#include "hab-page.h"
#include "hab-page-layout.h"
#include "hab-title-layout.h"

typedef struct
{
  HabStep              step;
  HabDossier          *dossier;
  GPtrArray           *fields;          /* HabField */
  AdwPreferencesGroup *problems_group;
  GPtrArray           *problem_rows;    /* GtkWidget, inside problems_group */
} HabPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (HabPage, hab_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STEP,
  PROP_DOSSIER,
  N_PROPS
};

enum {
  ADD_TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_problems (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  for (guint i = 0; i < priv->problem_rows->len; i++)
    adw_preferences_group_remove (priv->problems_group, g_ptr_array_index (priv->problem_rows, i));
  g_ptr_array_set_size (priv->problem_rows, 0);
}

static const char *
severity_icon (HabSeverity severity)
{
  switch (severity)
    {
    case HAB_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case HAB_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case HAB_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_word (HabSeverity severity)
{
  switch (severity)
    {
    case HAB_SEVERITY_ERROR:
      return _("Error");
    case HAB_SEVERITY_WARNING:
      return _("Warning");
    case HAB_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

static void
add_problem_row (HabPage          *self,
                 const HabFinding *finding)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (finding->rule->severity));
  g_autofree char *escaped = g_markup_escape_text (finding->message, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), severity_word (finding->rule->severity));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_widget_add_css_class (row, finding->rule->severity == HAB_SEVERITY_ERROR ? "error"
                                 : finding->rule->severity == HAB_SEVERITY_WARNING ? "warning"
                                 : "info");
  adw_preferences_group_add (priv->problems_group, row);
  g_ptr_array_add (priv->problem_rows, row);
}

static void
hab_page_real_dossier_changed (HabPage    *self,
                               const char *path)
{
}

static void
hab_page_real_show_findings (HabPage   *self,
                             GPtrArray *findings)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);
  g_autoptr(GPtrArray) claimed = g_ptr_array_new ();
  g_autoptr(GPtrArray) per_field = g_ptr_array_new ();

  /* Each finding goes to the field with the longest matching path. */
  for (guint i = 0; i < priv->fields->len; i++)
    {
      HabField *field = g_ptr_array_index (priv->fields, i);

      g_ptr_array_set_size (per_field, 0);
      for (guint j = 0; findings != NULL && j < findings->len; j++)
        {
          HabFinding *finding = g_ptr_array_index (findings, j);
          gboolean best = hab_field_matches (field, finding->field);

          for (guint k = 0; best && k < priv->fields->len; k++)
            {
              HabField *other = g_ptr_array_index (priv->fields, k);

              if (other != field && hab_field_matches (other, finding->field)
                  && strlen (hab_field_get_finding_path (other))
                       > strlen (hab_field_get_finding_path (field))
                  && hab_field_get_row (other) != NULL
                  && gtk_widget_get_visible (hab_field_get_row (other)))
                best = FALSE;
            }

          if (best && hab_field_get_row (field) != NULL
              && gtk_widget_get_visible (hab_field_get_row (field)))
            {
              g_ptr_array_add (per_field, finding);
              g_ptr_array_add (claimed, finding);
            }
        }

      hab_field_show_findings (field, per_field);
    }

  if (priv->problems_group == NULL)
    return;

  clear_problems (self);
  for (guint j = 0; findings != NULL && j < findings->len; j++)
    {
      HabFinding *finding = g_ptr_array_index (findings, j);

      if (!g_ptr_array_find (claimed, finding, NULL))
        add_problem_row (self, finding);
    }
  gtk_widget_set_visible (GTK_WIDGET (priv->problems_group), priv->problem_rows->len > 0);
}

static gboolean
hab_page_real_focus_field (HabPage    *self,
                           const char *field)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);
  HabField *best = NULL;

  for (guint i = 0; i < priv->fields->len; i++)
    {
      HabField *candidate = g_ptr_array_index (priv->fields, i);

      if (hab_field_matches (candidate, field)
          && (best == NULL || strlen (hab_field_get_finding_path (candidate))
                                > strlen (hab_field_get_finding_path (best))))
        best = candidate;
    }

  return best != NULL && hab_field_focus (best);
}

static void
hab_page_constructed (GObject *object)
{
  G_OBJECT_CLASS (hab_page_parent_class)->constructed (object);

  /* The rows and groups of the page's template; those made later, after
   * each update (hab_page_update()). */
  hab_title_layout_fit (GTK_WIDGET (object));
}

static void
hab_page_dispose (GObject *object)
{
  HabPage *self = (HabPage *)object;
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  if (priv->fields != NULL)
    g_ptr_array_set_size (priv->fields, 0);
  g_clear_object (&priv->dossier);

  G_OBJECT_CLASS (hab_page_parent_class)->dispose (object);
}

static void
hab_page_finalize (GObject *object)
{
  HabPage *self = (HabPage *)object;
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  g_clear_pointer (&priv->fields, g_ptr_array_unref);
  g_clear_pointer (&priv->problem_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hab_page_parent_class)->finalize (object);
}

static void
hab_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HabPage *self = HAB_PAGE (object);
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_uint (value, priv->step);
      break;

    case PROP_DOSSIER:
      g_value_set_object (value, priv->dossier);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HabPage *self = HAB_PAGE (object);
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STEP:
      priv->step = g_value_get_uint (value);
      break;

    case PROP_DOSSIER:
      hab_page_set_dossier (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_page_class_init (HabPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hab_page_constructed;
  object_class->dispose = hab_page_dispose;
  object_class->finalize = hab_page_finalize;
  object_class->get_property = hab_page_get_property;
  object_class->set_property = hab_page_set_property;

  gtk_widget_class_set_layout_manager_type (widget_class, HAB_TYPE_PAGE_LAYOUT);
  /* The pages' templates use it. */
  g_type_ensure (HAB_TYPE_CHOICE_ROW);

  klass->dossier_changed = hab_page_real_dossier_changed;
  klass->show_findings = hab_page_real_show_findings;
  klass->focus_field = hab_page_real_focus_field;

  properties[PROP_STEP] =
    g_param_spec_uint ("step", NULL, NULL, 0, HAB_N_STEPS - 1, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DOSSIER] =
    g_param_spec_object ("dossier", NULL, NULL, HAB_TYPE_DOSSIER,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HabPage::add-toast:
   *
   * Asks the window to show a short message.
   */
  signals[ADD_TOAST] =
    g_signal_new ("add-toast",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
hab_page_init (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  priv->fields = g_ptr_array_new_with_free_func (g_object_unref);
  priv->problem_rows = g_ptr_array_new ();
}

HabStep
hab_page_get_step (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  g_return_val_if_fail (HAB_IS_PAGE (self), 0);

  return priv->step;
}

HabDossier *
hab_page_get_dossier (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  g_return_val_if_fail (HAB_IS_PAGE (self), NULL);

  return priv->dossier;
}

HabCatalogue *
hab_page_get_catalogue (HabPage *self)
{
  return hab_catalogue_get_default ();
}

/**
 * hab_page_get_api:
 *
 * Returns: (nullable): the catalogue entry of the dossier's API.
 */
const HabApi *
hab_page_get_api (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);
  const char *api_id;

  if (priv->dossier == NULL)
    return NULL;

  api_id = hab_dossier_get_string (priv->dossier, "parcours.api");
  return api_id ? hab_catalogue_lookup_api (hab_catalogue_get_default (), api_id) : NULL;
}

void
hab_page_sync_fields (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    hab_field_sync (g_ptr_array_index (priv->fields, i));
}

void
hab_page_set_dossier (HabPage    *self,
                      HabDossier *dossier)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  g_return_if_fail (HAB_IS_PAGE (self));

  if (!g_set_object (&priv->dossier, dossier))
    return;

  for (guint i = 0; i < priv->fields->len; i++)
    hab_field_set_dossier (g_ptr_array_index (priv->fields, i), dossier);

  if (dossier != NULL)
    {
      HAB_PAGE_GET_CLASS (self)->dossier_changed (self, NULL);
      hab_page_sync_fields (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOSSIER]);
}

/**
 * hab_page_update:
 * @path: (nullable): what changed, or %NULL for everything
 * @findings: (element-type HabFinding): every finding of the dossier
 *
 * Called by the window after each edit, once the validator has run.
 */
void
hab_page_update (HabPage    *self,
                 const char *path,
                 GPtrArray  *findings)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();

  g_return_if_fail (HAB_IS_PAGE (self));

  if (priv->dossier == NULL)
    return;

  HAB_PAGE_GET_CLASS (self)->dossier_changed (self, path);
  hab_page_sync_fields (self);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);

      if (priv->step == HAB_STEP_SYNTHESE || finding->rule->step == priv->step)
        g_ptr_array_add (mine, finding);
    }

  HAB_PAGE_GET_CLASS (self)->show_findings (self, mine);
  /* The rows these made (the window updates a page before showing it) */
  hab_title_layout_fit (GTK_WIDGET (self));
}

gboolean
hab_page_focus_field (HabPage    *self,
                      const char *field)
{
  g_return_val_if_fail (HAB_IS_PAGE (self), FALSE);

  return HAB_PAGE_GET_CLASS (self)->focus_field (self, field);
}

/**
 * hab_page_bind:
 *
 * Binds @widget to @path; the page owns the binding.
 *
 * Returns: (transfer none): the field
 */
HabField *
hab_page_bind (HabPage      *self,
               HabFieldKind  kind,
               GtkWidget    *widget,
               const char   *path)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);
  HabField *field = hab_field_new (kind, widget, path);

  g_ptr_array_add (priv->fields, field);
  if (priv->dossier != NULL)
    hab_field_set_dossier (field, priv->dossier);

  return field;
}

HabField *
hab_page_bind_choice (HabPage           *self,
                      GtkWidget         *combo_row,
                      const char        *path,
                      const char *const *keys,
                      const char *const *labels)
{
  HabField *field = hab_page_bind (self, HAB_FIELD_CHOICE, combo_row, path);

  hab_field_set_choices (field, keys, labels);
  return field;
}

void
hab_page_remove_field (HabPage  *self,
                       HabField *field)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  hab_field_show_findings (field, NULL);
  g_ptr_array_remove (priv->fields, field);
}

/**
 * hab_page_get_fields:
 *
 * Returns: (transfer none) (element-type HabField): the page's fields
 */
GPtrArray *
hab_page_get_fields (HabPage *self)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  return priv->fields;
}

/**
 * hab_page_set_problems_group:
 *
 * The group (at the top of the page) that lists the findings no field of
 * the page shows. Hidden while empty.
 */
void
hab_page_set_problems_group (HabPage             *self,
                             AdwPreferencesGroup *group)
{
  HabPagePrivate *priv = hab_page_get_instance_private (self);

  priv->problems_group = group;
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
}

void
hab_page_add_toast (HabPage    *self,
                    const char *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}
