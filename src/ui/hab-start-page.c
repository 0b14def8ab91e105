/* hab-start-page.c: what a window shows before a dossier is open: a new
 * dossier from a use case of the catalogue, open, recent dossiers, and the
 * work recovered after a crash.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-catalogue.h"
#include "hab-prefill.h"
#include "hab-recovery.h"
#include "hab-start-page.h"
#include "hab-title-layout.h"

#define MAX_RECENT 8

struct _HabStartPage
{
  AdwBin               parent_instance;

  AdwComboRow         *api_row;
  AdwComboRow         *use_case_row;
  AdwPreferencesGroup *recent_group;
  AdwPreferencesGroup *recovery_group;

  GPtrArray           *recent_rows;
  GPtrArray           *recovery_rows;
};

G_DEFINE_FINAL_TYPE (HabStartPage, hab_start_page, ADW_TYPE_BIN)

enum {
  CREATE,
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const HabApi *
selected_api (HabStartPage *self)
{
  GPtrArray *apis = hab_catalogue_get_apis (hab_catalogue_get_default ());
  guint selected = adw_combo_row_get_selected (self->api_row);

  return selected < apis->len ? g_ptr_array_index (apis, selected) : NULL;
}

static void
fill_use_cases (HabStartPage *self)
{
  const HabApi *api = selected_api (self);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; api != NULL && i < api->use_cases->len; i++)
    {
      const HabUseCase *use_case = g_ptr_array_index (api->use_cases, i);

      gtk_string_list_append (model, use_case->label);
    }

  adw_combo_row_set_model (self->use_case_row, G_LIST_MODEL (model));
  /* The first named use case rather than "Demande libre", when there is one. */
  adw_combo_row_set_selected (self->use_case_row, api != NULL && api->use_cases->len > 1 ? 1 : 0);
}

static void
create_activated_cb (HabStartPage *self)
{
  const HabApi *api = selected_api (self);
  guint selected = adw_combo_row_get_selected (self->use_case_row);
  g_autoptr(HabDossier) dossier = NULL;
  const HabUseCase *use_case;

  if (api == NULL || selected >= api->use_cases->len)
    return;

  use_case = g_ptr_array_index (api->use_cases, selected);
  dossier = hab_dossier_new_for_use_case (hab_catalogue_get_default (), api->id, use_case->id);
  if (dossier != NULL)
    g_signal_emit (self, signals[CREATE], 0, dossier);
}

static void
recent_activated_cb (HabStartPage *self,
                     AdwActionRow *row)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  g_signal_emit (self, signals[OPEN], 0, file);
}

static void
reload_recent (HabStartPage *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  for (guint i = 0; i < self->recent_rows->len; i++)
    adw_preferences_group_remove (self->recent_group, g_ptr_array_index (self->recent_rows, i));
  g_ptr_array_set_size (self->recent_rows, 0);

  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = NULL;
      g_autofree char *name = NULL;
      g_autofree char *folder = NULL;
      g_autoptr(GFile) parent = NULL;
      GtkWidget *row;

      if (!g_str_has_suffix (uri, ".habilitation") || !gtk_recent_info_exists (info))
        continue;

      file = g_file_new_for_uri (uri);
      parent = g_file_get_parent (file);
      name = g_file_get_basename (file);
      folder = parent ? g_file_get_parse_name (parent) : g_strdup ("");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (recent_activated_cb), self);
      adw_preferences_group_add (self->recent_group, row);
      g_ptr_array_add (self->recent_rows, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
  hab_title_layout_fit (GTK_WIDGET (self->recent_group));
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
recover_clicked_cb (HabStartPage *self,
                    GtkButton    *button)
{
  HabRecoveryEntry *entry = g_object_get_data (G_OBJECT (button), "entry");
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;

  dossier = hab_recovery_load (entry, &error);
  if (dossier == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("This Work Cannot Be Recovered"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* Saving goes back to the dossier's own file, when it had one. */
  hab_dossier_set_file (dossier, hab_recovery_entry_get_source (entry));
  g_signal_emit (self, signals[CREATE], 0, dossier);
}

static void
discard_clicked_cb (HabStartPage *self,
                    GtkButton    *button)
{
  HabRecoveryEntry *entry = g_object_get_data (G_OBJECT (button), "entry");

  g_file_delete (hab_recovery_entry_get_file (entry), NULL, NULL);
  hab_start_page_reload (self);
}

static void
reload_recovery (HabStartPage *self)
{
  g_autoptr(GPtrArray) entries = hab_recovery_list ();

  for (guint i = 0; i < self->recovery_rows->len; i++)
    adw_preferences_group_remove (self->recovery_group, g_ptr_array_index (self->recovery_rows, i));
  g_ptr_array_set_size (self->recovery_rows, 0);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      HabRecoveryEntry *entry = g_ptr_array_index (entries, i);
      const char *title = hab_recovery_entry_get_title (entry);
      GFile *source = hab_recovery_entry_get_source (entry);
      g_autofree char *when = g_date_time_format (hab_recovery_entry_get_modified (entry),
                                                  /* Translators: a date and time, strftime format */
                                                  _("%d/%m/%Y at %H:%M"));
      g_autofree char *source_name = source ? g_file_get_basename (source) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *recover = gtk_button_new_with_mnemonic (_("_Recover"));
      GtkWidget *discard = gtk_button_new_from_icon_name ("user-trash-symbolic");

      /* Translators: "Edited on 27/11/2026 at 10:40 — cantine.habilitation" */
      subtitle = source_name ? g_strdup_printf (_("Edited on %s — %s"), when, source_name)
                             : g_strdup_printf (_("Edited on %s — never saved"), when);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title && *title ? title : _("Untitled Dossier"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      gtk_widget_set_valign (recover, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (recover, "suggested-action");
      g_object_set_data_full (G_OBJECT (recover), "entry", g_object_ref (entry), g_object_unref);
      g_signal_connect_swapped (recover, "clicked", G_CALLBACK (recover_clicked_cb), self);

      gtk_widget_set_valign (discard, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (discard, _("Discard This Work"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (discard), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Discard This Work"), -1);
      gtk_widget_add_css_class (discard, "flat");
      g_object_set_data_full (G_OBJECT (discard), "entry", g_object_ref (entry), g_object_unref);
      g_signal_connect_swapped (discard, "clicked", G_CALLBACK (discard_clicked_cb), self);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), recover);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), discard);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), recover);
      hab_a11y_name_buttons (row);
      adw_preferences_group_add (self->recovery_group, row);
      g_ptr_array_add (self->recovery_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recovery_group), self->recovery_rows->len > 0);
  hab_title_layout_fit (GTK_WIDGET (self->recovery_group));
}

/**
 * hab_start_page_reload:
 *
 * Reads the recent dossiers and the recovery folder again.
 */
void
hab_start_page_reload (HabStartPage *self)
{
  g_return_if_fail (HAB_IS_START_PAGE (self));

  reload_recovery (self);
  reload_recent (self);
}

/**
 * hab_start_page_get_n_recoveries:
 *
 * Returns: how many pieces of unsaved work the page offers to recover.
 */
guint
hab_start_page_get_n_recoveries (HabStartPage *self)
{
  g_return_val_if_fail (HAB_IS_START_PAGE (self), 0);

  return self->recovery_rows->len;
}

static void
hab_start_page_finalize (GObject *object)
{
  HabStartPage *self = (HabStartPage *)object;

  g_clear_pointer (&self->recent_rows, g_ptr_array_unref);
  g_clear_pointer (&self->recovery_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hab_start_page_parent_class)->finalize (object);
}

static void
hab_start_page_dispose (GObject *object)
{
  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_START_PAGE);

  G_OBJECT_CLASS (hab_start_page_parent_class)->dispose (object);
}

static void
hab_start_page_class_init (HabStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hab_start_page_dispose;
  object_class->finalize = hab_start_page_finalize;

  /**
   * HabStartPage::create:
   * @dossier: the new (or recovered) dossier
   */
  signals[CREATE] =
    g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, HAB_TYPE_DOSSIER);

  /**
   * HabStartPage::open:
   * @file: a dossier file to open
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HabStartPage, api_row);
  gtk_widget_class_bind_template_child (widget_class, HabStartPage, use_case_row);
  gtk_widget_class_bind_template_child (widget_class, HabStartPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, HabStartPage, recovery_group);
  gtk_widget_class_bind_template_callback (widget_class, create_activated_cb);
}

static void
hab_start_page_init (HabStartPage *self)
{
  GPtrArray *apis = hab_catalogue_get_apis (hab_catalogue_get_default ());
  g_autoptr(GtkStringList) api_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_title_layout_fit (GTK_WIDGET (self));

  self->recent_rows = g_ptr_array_new ();
  self->recovery_rows = g_ptr_array_new ();

  for (guint i = 0; i < apis->len; i++)
    gtk_string_list_append (api_model, ((const HabApi *) g_ptr_array_index (apis, i))->label);

  adw_combo_row_set_model (self->api_row, G_LIST_MODEL (api_model));
  g_signal_connect_swapped (self->api_row, "notify::selected", G_CALLBACK (fill_use_cases), self);
  fill_use_cases (self);

  hab_start_page_reload (self);
}
