/* hab-page-parcours.c: the Parcours step (DESIGN §2.1).
 *
 * The API, who develops the software, the stage, the use case and the
 * access modalities: together they choose the DataPass form. The use-case
 * list and the modality rows follow the chosen API. When the user picks a
 * use case, the fields its DataPass form pre-fills are filled where they
 * are still empty; when the user picks another API, the use case and the
 * modalities it does not offer are removed, with an Undo.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-parcours"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-datapass.h"
#include "hab-finding.h"
#include "hab-page-parcours.h"
#include "hab-prefill.h"

#define API_PATH                "parcours.api"
#define USE_CASE_PATH           "parcours.use_case"
#define MODALITIES_PATH         "parcours.modalities"
#define FRANCE_CONNECT_ID_PATH  "parcours.france_connect_authorization_id"
#define MODALITY_FRANCE_CONNECT "with_france_connect"

/* Data kept on each modality row */
#define ROW_KEY   "hab-modality-key"
#define ROW_CHECK "hab-modality-check"

struct _HabPageParcours
{
  HabPage              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *problems_group;
  GtkWidget           *api_row;
  GtkWidget           *development_row;
  GtkWidget           *stage_row;
  GtkWidget           *sandbox_validated_row;
  GtkWidget           *sandbox_validated_switch;
  GtkWidget           *form_row;
  GtkWidget           *use_case_group;
  GtkWidget           *use_case_row;
  AdwPreferencesGroup *modalities_group;
  GtkWidget           *france_connect_group;
  GtkWidget           *france_connect_row;

  HabField            *use_case_field;

  /* The API the use-case list and the modality rows were built for. */
  char                *built_api_id;
  GPtrArray           *modality_rows;   /* AdwActionRow */
  GPtrArray           *message_rows;    /* findings under modality rows */
  gboolean             syncing;

  /* After the user picks another API: what to drop, and what Undo restores. */
  guint                api_changed_id;
  char                *previous_api_id;
  char                *previous_use_case;
  JsonNode            *previous_modalities;

  /* After the user picks a use case: its pre-fill. */
  guint                use_case_changed_id;

  /* The dossier the pending idles are for (compared, not owned). */
  gpointer             pending_dossier;
};

G_DEFINE_FINAL_TYPE (HabPageParcours, hab_page_parcours, HAB_TYPE_PAGE)

/* Findings under the modality rows (HabField binds one member, these rows
 * edit one array together). Same look as HabField's messages. */

static void
clear_modality_messages (HabPageParcours *self)
{
  for (guint i = 0; i < self->message_rows->len; i++)
    {
      GtkWidget *message_row = g_ptr_array_index (self->message_rows, i);
      GtkWidget *parent = gtk_widget_get_parent (message_row);

      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), message_row);
    }
  g_ptr_array_set_size (self->message_rows, 0);

  for (guint i = 0; i < self->modality_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->modality_rows, i);

      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (row, "warning");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Shows @findings under @row, or at the end of the group when @row is the
 * modalities group itself (a finding about the whole list). */
static void
show_row_messages (HabPageParcours *self,
                   GtkWidget       *row,
                   GPtrArray       *findings)
{
  g_autofree char *text = hab_findings_join_messages (findings);
  HabSeverity worst = hab_findings_get_worst (findings);
  gboolean whole_group = row == GTK_WIDGET (self->modalities_group);
  GtkWidget *first_row = g_ptr_array_index (self->modality_rows, 0);
  GtkWidget *parent = gtk_widget_get_parent (whole_group ? first_row : row);

  if (GTK_IS_LIST_BOX (parent))
    {
      GtkWidget *message_row = hab_message_row_new (findings);

      if (whole_group)
        gtk_list_box_append (GTK_LIST_BOX (parent), message_row);
      else
        gtk_list_box_insert (GTK_LIST_BOX (parent), message_row,
                             gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      g_ptr_array_add (self->message_rows, message_row);
    }

  if (whole_group)
    {
      /* No row is wrong on its own: every row tells it. The rows' own
       * messages, shown after, replace it on theirs. */
      for (guint i = 0; i < self->modality_rows->len; i++)
        gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (self->modality_rows, i)),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                        -1);
      return;
    }

  if (worst == HAB_SEVERITY_ERROR)
    gtk_widget_add_css_class (row, "error");
  else if (worst == HAB_SEVERITY_WARNING)
    gtk_widget_add_css_class (row, "warning");

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               worst == HAB_SEVERITY_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Modality rows */

static GtkWidget *
find_modality_row (HabPageParcours *self,
                   const char      *key)
{
  for (guint i = 0; key != NULL && i < self->modality_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->modality_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), ROW_KEY), key) == 0)
        return row;
    }

  return NULL;
}

/* Where a finding about @field shows: the row of the modality at
 * parcours.modalities.<i>, else the modalities group itself (at its end);
 * NULL when the finding is not about the modalities or the group is not
 * shown. */
static GtkWidget *
modality_row_for_field (HabPageParcours *self,
                        const char      *field)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const char *rest;
  GtkWidget *row = NULL;

  if (field == NULL || !g_str_has_prefix (field, MODALITIES_PATH))
    return NULL;

  rest = field + strlen (MODALITIES_PATH);
  if (*rest != '\0' && *rest != '.')
    return NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->modalities_group)) || self->modality_rows->len == 0)
    return NULL;

  if (*rest == '.')
    {
      JsonArray *modalities = hab_dossier_get_array (dossier, MODALITIES_PATH);
      guint64 index;

      if (modalities != NULL
          && g_ascii_string_to_unsigned (rest + 1, 10, 0, G_MAXUINT, &index, NULL)
          && index < json_array_get_length (modalities))
        {
          JsonNode *element = json_array_get_element (modalities, index);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            row = find_modality_row (self, json_node_get_string (element));
        }
    }

  return row != NULL ? row : GTK_WIDGET (self->modalities_group);
}

static void
modality_toggled_cb (HabPageParcours *self,
                     GtkCheckButton  *check)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const char *key = g_object_get_data (G_OBJECT (check), ROW_KEY);

  if (self->syncing || dossier == NULL)
    return;

  hab_dossier_set_modality (dossier, key, gtk_check_button_get_active (check));
}

static void
add_modality_row (HabPageParcours *self,
                  const char      *key,
                  const char      *label,
                  gboolean         offered)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_auto(GStrv) parts = NULL;
  g_autofree char *title = NULL;

  /* The catalogue's labels read “search - what is returned” (R2P). */
  parts = g_strsplit (label != NULL ? label : key, " - ", 2);
  title = g_markup_escape_text (parts[0], -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (!offered)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Not offered by this API: untick it to remove it from the request"));
  else if (parts[1] != NULL)
    {
      g_autofree char *subtitle = g_markup_escape_text (parts[1], -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }

  /* The row names the check button (labelled by its title, described by
   * its subtitle): a label of its own would make GTK 4.8 say it twice. */
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), ROW_KEY, g_strdup (key), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (modality_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), ROW_KEY, g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (row), ROW_CHECK, check);

  adw_preferences_group_add (self->modalities_group, row);
  g_ptr_array_add (self->modality_rows, row);
}

/* Whether the dossier holds a modality that has no row (e.g. read from a
 * file, and not offered by the API). */
static gboolean
has_modality_without_row (HabPageParcours *self,
                          HabDossier      *dossier)
{
  JsonArray *modalities = hab_dossier_get_array (dossier, MODALITIES_PATH);

  for (guint i = 0; modalities != NULL && i < json_array_get_length (modalities); i++)
    {
      JsonNode *element = json_array_get_element (modalities, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
          && *json_node_get_string (element) != '\0'
          && find_modality_row (self, json_node_get_string (element)) == NULL)
        return TRUE;
    }

  return FALSE;
}

static void
rebuild_modality_rows (HabPageParcours *self,
                       HabDossier      *dossier,
                       const HabApi    *api,
                       gboolean         with_unoffered)
{
  JsonArray *modalities = hab_dossier_get_array (dossier, MODALITIES_PATH);

  clear_modality_messages (self);
  for (guint i = 0; i < self->modality_rows->len; i++)
    adw_preferences_group_remove (self->modalities_group, g_ptr_array_index (self->modality_rows, i));
  g_ptr_array_set_size (self->modality_rows, 0);

  if (api == NULL)
    return;

  for (guint i = 0; api->has_modalities && i < api->modalities->len; i++)
    {
      const HabModality *modality = g_ptr_array_index (api->modalities, i);

      add_modality_row (self, modality->key, modality->label, TRUE);
    }

  /* What the file holds beyond the API's list stays visible, so that it
   * can be unticked; the findings say why. */
  for (guint i = 0; with_unoffered && modalities != NULL && i < json_array_get_length (modalities); i++)
    {
      JsonNode *element = json_array_get_element (modalities, i);
      const HabModality *modality;
      const char *key;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;

      key = json_node_get_string (element);
      if (*key == '\0' || find_modality_row (self, key) != NULL)
        continue;

      modality = hab_api_lookup_modality (api, key);
      add_modality_row (self, key, modality ? modality->label : NULL, FALSE);
    }
}

static void
sync_modality_rows (HabPageParcours *self,
                    HabDossier      *dossier)
{
  self->syncing = TRUE;
  for (guint i = 0; i < self->modality_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->modality_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), ROW_CHECK);
      gboolean active = hab_dossier_has_modality (dossier, g_object_get_data (G_OBJECT (row), ROW_KEY));

      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
  self->syncing = FALSE;
}

/* Use cases */

static void
rebuild_use_cases (HabPageParcours *self,
                   const HabApi    *api)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  /* The first use case is “Demande libre”, stored as null (hab-prefill.c). */
  g_ptr_array_add (keys, (gpointer) "");
  if (api != NULL && api->use_cases->len > 0)
    g_ptr_array_add (labels, (gpointer) ((HabUseCase *) g_ptr_array_index (api->use_cases, 0))->label);
  else
    g_ptr_array_add (labels, (gpointer) _("Demande libre"));

  for (guint i = 1; api != NULL && i < api->use_cases->len; i++)
    {
      const HabUseCase *use_case = g_ptr_array_index (api->use_cases, i);

      g_ptr_array_add (keys, (gpointer) use_case->id);
      g_ptr_array_add (labels, (gpointer) use_case->label);
    }

  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (labels, NULL);

  hab_field_set_choices (self->use_case_field,
                         (const char *const *) keys->pdata,
                         (const char *const *) labels->pdata);
}

/* Toasts */

/* json_node_copy() shares arrays; what Undo keeps must not change with
 * the dossier. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;

  text = json_to_string (node, FALSE);
  return json_from_string (text, NULL);
}

static void
add_toast (HabPageParcours *self,
           AdwToast        *toast)
{
  g_signal_emit_by_name (self, "add-toast", toast);
}

typedef struct
{
  GWeakRef  dossier;
  char     *api_id;
  char     *use_case;
  JsonNode *modalities;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->dossier);
  g_free (undo->api_id);
  g_free (undo->use_case);
  g_clear_pointer (&undo->modalities, json_node_unref);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(HabDossier) dossier = g_weak_ref_get (&undo->dossier);

  if (dossier == NULL)
    return;

  if (undo->api_id != NULL)
    hab_dossier_set_string (dossier, API_PATH, undo->api_id);
  else
    hab_dossier_set_null (dossier, API_PATH);

  if (undo->modalities != NULL)
    hab_dossier_set_node (dossier, MODALITIES_PATH, deep_copy (undo->modalities));

  if (undo->use_case != NULL)
    hab_dossier_set_string (dossier, USE_CASE_PATH, undo->use_case);
}

static void
clear_previous (HabPageParcours *self)
{
  g_clear_pointer (&self->previous_api_id, g_free);
  g_clear_pointer (&self->previous_use_case, g_free);
  g_clear_pointer (&self->previous_modalities, json_node_unref);
}

/* The user picked another API: drop the use case and the modalities it
 * does not offer. Run from an idle, never inside a ::changed emission. */
static gboolean
api_changed_idle_cb (gpointer user_data)
{
  HabPageParcours *self = user_data;
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const HabApi *api = hab_page_get_api (HAB_PAGE (self));
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  gboolean use_case_dropped = FALSE;
  const char *message = NULL;
  JsonArray *modalities;
  const char *use_case;

  self->api_changed_id = 0;

  if (dossier == NULL || dossier != self->pending_dossier || api == NULL)
    {
      clear_previous (self);
      return G_SOURCE_REMOVE;
    }

  modalities = hab_dossier_get_array (dossier, MODALITIES_PATH);
  for (guint i = 0; modalities != NULL && i < json_array_get_length (modalities); i++)
    {
      JsonNode *element = json_array_get_element (modalities, i);
      const char *key;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;

      key = json_node_get_string (element);
      if (*key != '\0' && (hab_api_lookup_modality (api, key) == NULL
                           || hab_api_is_modality_forbidden (api, key)))
        g_ptr_array_add (dropped, g_strdup (key));
    }

  for (guint i = 0; i < dropped->len; i++)
    hab_dossier_set_modality (dossier, g_ptr_array_index (dropped, i), FALSE);

  use_case = hab_dossier_get_string (dossier, USE_CASE_PATH);
  if (use_case != NULL && *use_case != '\0' && hab_api_lookup_use_case (api, use_case) == NULL)
    {
      hab_dossier_set_null (dossier, USE_CASE_PATH);
      use_case_dropped = TRUE;
    }

  if (use_case_dropped && dropped->len > 0)
    message = _("Removed the use case and the access modalities that this API does not offer");
  else if (use_case_dropped)
    message = _("Removed the use case that this API does not offer");
  else if (dropped->len > 0)
    message = _("Removed the access modalities that this API does not offer");

  if (message != NULL)
    {
      g_autoptr(AdwToast) toast = adw_toast_new (message);
      Undo *undo = g_new0 (Undo, 1);

      g_weak_ref_init (&undo->dossier, dossier);
      undo->api_id = g_steal_pointer (&self->previous_api_id);
      undo->use_case = g_steal_pointer (&self->previous_use_case);
      undo->modalities = g_steal_pointer (&self->previous_modalities);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo,
                             undo_free, 0);
      add_toast (self, toast);
    }

  clear_previous (self);

  return G_SOURCE_REMOVE;
}

static void
collect_path_cb (HabDossier *dossier,
                 const char *path,
                 GPtrArray  *paths)
{
  if (!g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
    g_ptr_array_add (paths, g_strdup (path));
}

static const char *
describe_path (const char *path)
{
  static const struct
  {
    const char *path;
    const char *words;
  } names[] = {
    { "project.title", N_("project title") },
    { "project.description", N_("project description") },
    { "data.recipients", N_("data recipients") },
    { "legal.nature", N_("legal text") },
    { "legal.url", N_("URL of the legal text") },
    { MODALITIES_PATH, N_("access modalities") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (path, names[i].path))
      return _(names[i].words);

  return path;
}

/* The user picked a use case: fill the empty fields its DataPass form
 * pre-fills, and say which. */
static gboolean
use_case_changed_idle_cb (gpointer user_data)
{
  HabPageParcours *self = user_data;
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const HabApi *api = hab_page_get_api (HAB_PAGE (self));
  const char *use_case_id;
  const HabUseCase *use_case;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) filled = g_string_new (NULL);
  gulong handler;

  self->use_case_changed_id = 0;

  if (dossier == NULL || dossier != self->pending_dossier || api == NULL)
    return G_SOURCE_REMOVE;

  use_case_id = hab_dossier_get_string (dossier, USE_CASE_PATH);
  use_case = use_case_id != NULL ? hab_api_lookup_use_case (api, use_case_id) : NULL;
  if (use_case == NULL)
    return G_SOURCE_REMOVE;

  handler = g_signal_connect (dossier, "changed", G_CALLBACK (collect_path_cb), paths);
  hab_dossier_apply_use_case (dossier, hab_page_get_catalogue (HAB_PAGE (self)),
                              api->id, use_case->id, FALSE);
  g_signal_handler_disconnect (dossier, handler);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_str_equal (path, API_PATH) || g_str_equal (path, USE_CASE_PATH))
        continue;
      if (filled->len > 0)
        /* Translators: between the names of the fields filled in */
        g_string_append (filled, _(", "));
      g_string_append (filled, describe_path (path));
    }

  if (filled->len > 0)
    {
      g_autoptr(AdwToast) toast = NULL;

      /* Translators: the use case, then the list of fields filled in */
      toast = adw_toast_new_format (_("Filled in as DataPass does for “%s”: %s"),
                                    use_case->label, filled->str);
      adw_toast_set_timeout (toast, 8);
      add_toast (self, toast);
    }

  return G_SOURCE_REMOVE;
}

/* HabPage */

static void
hab_page_parcours_dossier_changed (HabPage    *page,
                                   const char *path)
{
  HabPageParcours *self = HAB_PAGE_PARCOURS (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  const HabApi *api = hab_page_get_api (page);
  const char *api_id = api ? api->id : NULL;
  const char *stage = hab_dossier_get_string (dossier, "parcours.stage");
  const char *development = hab_dossier_get_string (dossier, "parcours.development");
  const char *france_connect_id = hab_dossier_get_string (dossier, FRANCE_CONNECT_ID_PATH);
  gboolean api_changed = g_strcmp0 (api_id, self->built_api_id) != 0;
  gboolean user_changed_api = api_changed && g_strcmp0 (path, API_PATH) == 0;
  gboolean offers_france_connect;
  const char *form;

  if (user_changed_api)
    {
      JsonNode *modalities = hab_dossier_lookup (dossier, MODALITIES_PATH);

      /* What Undo restores; the use case and modalities are still those
       * chosen for the previous API. */
      if (self->api_changed_id == 0)
        {
          clear_previous (self);
          self->previous_api_id = g_strdup (self->built_api_id);
          self->previous_use_case = g_strdup (hab_dossier_get_string (dossier, USE_CASE_PATH));
          self->previous_modalities = deep_copy (modalities);
          self->api_changed_id = g_idle_add (api_changed_idle_cb, self);
          self->pending_dossier = dossier;
        }
    }
  else if (g_strcmp0 (path, USE_CASE_PATH) == 0 && self->use_case_changed_id == 0)
    {
      self->use_case_changed_id = g_idle_add (use_case_changed_idle_cb, self);
      self->pending_dossier = dossier;
    }

  if (api_changed)
    {
      g_free (self->built_api_id);
      self->built_api_id = g_strdup (api_id);
      rebuild_use_cases (self, api);
      /* Modalities the new API does not offer are about to be removed. */
      rebuild_modality_rows (self, dossier, api, !user_changed_api);
    }
  else if (api != NULL && self->api_changed_id == 0 && has_modality_without_row (self, dossier))
    rebuild_modality_rows (self, dossier, api, TRUE);

  sync_modality_rows (self, dossier);

  gtk_widget_set_visible (self->use_case_group, api != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->modalities_group),
                          api != NULL && self->modality_rows->len > 0);

  /* The FranceConnect number matters with that modality; it stays visible
   * while it holds a number, so that it can be cleared. */
  offers_france_connect = api != NULL && hab_api_lookup_modality (api, MODALITY_FRANCE_CONNECT) != NULL;
  gtk_widget_set_visible (self->france_connect_group,
                          offers_france_connect
                          && (hab_dossier_has_modality (dossier, MODALITY_FRANCE_CONNECT)
                              || (france_connect_id != NULL && *france_connect_id != '\0')));

  /* Only a production request for in-house software starts from a
   * validated sandbox request. */
  gtk_widget_set_visible (self->sandbox_validated_row,
                          g_strcmp0 (stage, "production") == 0
                          && g_strcmp0 (development, "in_house") == 0);

  form = api != NULL ? hab_datapass_get_form_uid (dossier, hab_page_get_catalogue (page), NULL) : NULL;
  gtk_widget_set_visible (self->form_row, form != NULL);
  if (form != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->form_row), form);
}

static void
hab_page_parcours_show_findings (HabPage   *page,
                                 GPtrArray *findings)
{
  HabPageParcours *self = HAB_PAGE_PARCOURS (page);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GHashTable) per_row = NULL;

  per_row = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  clear_modality_messages (self);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = modality_row_for_field (self, finding->field);
      GPtrArray *row_findings;

      if (row == NULL)
        {
          g_ptr_array_add (others, finding);
          continue;
        }

      row_findings = g_hash_table_lookup (per_row, row);
      if (row_findings == NULL)
        {
          row_findings = g_ptr_array_new ();
          g_hash_table_insert (per_row, row, row_findings);
        }
      g_ptr_array_add (row_findings, finding);
    }

  HAB_PAGE_CLASS (hab_page_parcours_parent_class)->show_findings (page, others);

  if (g_hash_table_contains (per_row, self->modalities_group))
    show_row_messages (self, GTK_WIDGET (self->modalities_group),
                       g_hash_table_lookup (per_row, self->modalities_group));

  for (guint i = 0; i < self->modality_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->modality_rows, i);
      GPtrArray *row_findings = g_hash_table_lookup (per_row, row);

      if (row_findings != NULL)
        show_row_messages (self, row, row_findings);
    }
}

static gboolean
hab_page_parcours_focus_field (HabPage    *page,
                               const char *field)
{
  HabPageParcours *self = HAB_PAGE_PARCOURS (page);
  GtkWidget *row = modality_row_for_field (self, field);

  if (row == GTK_WIDGET (self->modalities_group))
    row = g_ptr_array_index (self->modality_rows, 0);
  if (row != NULL)
    return gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), ROW_CHECK));

  return HAB_PAGE_CLASS (hab_page_parcours_parent_class)->focus_field (page, field);
}

/* GObject */

static void
hab_page_parcours_dispose (GObject *object)
{
  HabPageParcours *self = HAB_PAGE_PARCOURS (object);

  g_clear_handle_id (&self->api_changed_id, g_source_remove);
  g_clear_handle_id (&self->use_case_changed_id, g_source_remove);

  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_PARCOURS);

  G_OBJECT_CLASS (hab_page_parcours_parent_class)->dispose (object);
}

static void
hab_page_parcours_finalize (GObject *object)
{
  HabPageParcours *self = HAB_PAGE_PARCOURS (object);

  clear_previous (self);
  g_free (self->built_api_id);
  g_clear_pointer (&self->modality_rows, g_ptr_array_unref);
  g_clear_pointer (&self->message_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hab_page_parcours_parent_class)->finalize (object);
}

static void
hab_page_parcours_class_init (HabPageParcoursClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_parcours_dispose;
  object_class->finalize = hab_page_parcours_finalize;
  page_class->dossier_changed = hab_page_parcours_dossier_changed;
  page_class->show_findings = hab_page_parcours_show_findings;
  page_class->focus_field = hab_page_parcours_focus_field;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-parcours.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, api_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, development_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, stage_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, sandbox_validated_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, sandbox_validated_switch);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, form_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, use_case_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, use_case_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, modalities_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, france_connect_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageParcours, france_connect_row);
}

static void
hab_page_parcours_init (HabPageParcours *self)
{
  HabPage *page = HAB_PAGE (self);
  HabCatalogue *catalogue = hab_page_get_catalogue (page);
  GPtrArray *apis = hab_catalogue_get_apis (catalogue);
  g_autoptr(GPtrArray) api_keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) api_labels = g_ptr_array_new ();
  static const char *const stage_keys[] = { "", "sandbox", "production", NULL };
  const char *stage_labels[] = {
    _("Not Given"), _("Sandbox (tests with fictitious data)"), _("Production (real data)"), NULL
  };
  static const char *const development_keys[] = { "", "editor", "in_house", NULL };
  const char *development_labels[] = {
    _("Not Given"), _("A software editor"), _("In-house, by the organisation"), NULL
  };
  HabField *field;

  self->modality_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  g_ptr_array_add (api_keys, (gpointer) "");
  g_ptr_array_add (api_labels, (gpointer) _("Not Given"));
  for (guint i = 0; i < apis->len; i++)
    {
      const HabApi *api = g_ptr_array_index (apis, i);

      g_ptr_array_add (api_keys, (gpointer) api->id);
      g_ptr_array_add (api_labels, (gpointer) api->label);
    }
  g_ptr_array_add (api_keys, NULL);
  g_ptr_array_add (api_labels, NULL);

  hab_page_bind_choice (page, self->api_row, API_PATH,
                        (const char *const *) api_keys->pdata,
                        (const char *const *) api_labels->pdata);
  hab_page_bind_choice (page, self->development_row, "parcours.development",
                        development_keys, development_labels);
  hab_page_bind_choice (page, self->stage_row, "parcours.stage", stage_keys, stage_labels);

  field = hab_page_bind (page, HAB_FIELD_BOOLEAN, self->sandbox_validated_switch,
                         "parcours.sandbox_validated");
  hab_field_set_row (field, self->sandbox_validated_row);

  self->use_case_field = hab_page_bind (page, HAB_FIELD_CHOICE, self->use_case_row, USE_CASE_PATH);
  rebuild_use_cases (self, NULL);

  hab_page_bind (page, HAB_FIELD_TEXT, self->france_connect_row, FRANCE_CONNECT_ID_PATH);
}
