/* hab-page-synthese.c: the Synthèse step (DESIGN §2.9): the dossier at a
 * glance and every finding, grouped by step; activating one goes to its
 * step and focuses its field. Then the export of the submission bundle
 * (DESIGN §9): what it will hold, refused while errors remain (they are
 * listed, each with a link to its field) unless it is a draft, made in a
 * worker thread with its progress shown, and the folder offered at the
 * end; and the DataPass hand-off: "Open in DataPass" with the pre-fill
 * link, and the text of each DataPass field, ready to copy.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-synthese"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-bundle.h"
#include "hab-contact-store.h"
#include "hab-datapass.h"
#include "hab-datapass-text.h"
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
  AdwPreferencesGroup *export_group;
  AdwPreferencesGroup *bundle_group;
  AdwPreferencesGroup *datapass_steps_group;
  AdwExpanderRow *contents_row;
  AdwPreferencesGroup *datapass_group;
  GtkWidget    *export_button;
  GtkWidget    *draft_button;
  AdwActionRow *blocked_row;
  AdwActionRow *progress_row;
  GtkProgressBar *progress_bar;
  GtkWidget    *cancel_button;
  AdwActionRow *result_row;
  GtkWidget    *datapass_button;

  GPtrArray    *groups;          /* AdwPreferencesGroup of findings, in prefs_page */
  GPtrArray    *error_rows;      /* in bundle_group */
  GPtrArray    *content_rows;    /* in contents_row */
  GPtrArray    *datapass_rows;   /* in datapass_steps_group */
  char         *contents_key;    /* what the rows show, to rebuild them only on change */
  char         *datapass_key;
  char         *datapass_url;
  guint         n_errors;

  GtkFileChooserNative *chooser;
  GCancellable *export_cancellable;
  GFile        *exported_file;
  gboolean      exported_draft;
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

/* The submission bundle */

static void
set_exporting (HabPageSynthese *self,
               gboolean         exporting)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_row), exporting);
  gtk_widget_set_sensitive (self->export_button, !exporting && self->n_errors == 0);
  gtk_widget_set_sensitive (self->draft_button, !exporting);
  if (exporting)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      adw_action_row_set_subtitle (self->progress_row, "");
    }
}

/* The errors that stop the export, each a link to its field. */
static void
update_export (HabPageSynthese *self,
               GPtrArray       *findings)
{
  g_autofree char *title = NULL;
  GtkWidget *after[3];

  for (guint i = 0; i < self->error_rows->len; i++)
    adw_preferences_group_remove (self->bundle_group, g_ptr_array_index (self->error_rows, i));
  g_ptr_array_set_size (self->error_rows, 0);

  /* The errors go right under the row saying that they block the export:
   * the rows after it come back after them. */
  after[0] = GTK_WIDGET (self->progress_row);
  after[1] = GTK_WIDGET (self->result_row);
  after[2] = GTK_WIDGET (self->contents_row);
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      g_object_ref (after[i]);
      adw_preferences_group_remove (self->bundle_group, after[i]);
    }

  self->n_errors = 0;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row;
      GtkWidget *arrow;

      if (finding->rule->severity != HAB_SEVERITY_ERROR)
        continue;

      self->n_errors++;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   finding->rule->step == HAB_STEP_SYNTHESE
                                   ? _("The File") : hab_step_get_title (finding->rule->step));
      arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_accessible_update_state (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      if (finding->rule->step != HAB_STEP_SYNTHESE)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "finding", hab_finding_copy (finding),
                                  (GDestroyNotify) hab_finding_free);
          g_signal_connect_swapped (row, "activated", G_CALLBACK (finding_activated_cb), self);
        }
      adw_preferences_group_add (self->bundle_group, row);
      g_ptr_array_add (self->error_rows, row);
    }

  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      adw_preferences_group_add (self->bundle_group, after[i]);
      g_object_unref (after[i]);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->blocked_row), self->n_errors > 0);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u error must be corrected before the export: open it "
                                        "below to go to its field. A draft can be exported "
                                        "meanwhile, every page marked as such.",
                                        "%u errors must be corrected before the export: open each "
                                        "one below to go to its field. A draft can be exported "
                                        "meanwhile, every page marked as such.",
                                        self->n_errors),
                           self->n_errors);
  adw_action_row_set_subtitle (self->blocked_row, title);
  set_exporting (self, self->export_cancellable != NULL);
}

static const char *
entry_icon (const char *name)
{
  if (g_str_has_prefix (name, "pieces/"))
    return "mail-attachment-symbolic";
  if (g_str_has_suffix (name, ".pdf"))
    return "x-office-document-symbolic";
  if (g_str_has_suffix (name, ".json"))
    return "document-properties-symbolic";

  return "text-x-generic-symbolic";
}

static void
update_contents (HabPageSynthese *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autoptr(GPtrArray) entries = hab_bundle_list_entries (dossier);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *description = NULL;
  g_autofree char *file_name = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  file_name = hab_bundle_suggest_file_name (dossier, &today);
  g_string_append (key, file_name);
  for (guint i = 0; i < entries->len; i++)
    {
      HabBundleEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (key, "\n%s", entry->name);
    }

  if (g_strcmp0 (key->str, self->contents_key) == 0)
    return;
  g_free (self->contents_key);
  self->contents_key = g_strdup (key->str);

  for (guint i = 0; i < self->content_rows->len; i++)
    adw_expander_row_remove (self->contents_row, g_ptr_array_index (self->content_rows, i));
  g_ptr_array_set_size (self->content_rows, 0);

  /* Translators: %u is a number of files, %s the ZIP's suggested name */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u file in one ZIP, e.g. “%s”",
                                              "%u files in one ZIP, e.g. “%s”",
                                              entries->len),
                                 entries->len, file_name);
  adw_expander_row_set_subtitle (self->contents_row, description);

  for (guint i = 0; i < entries->len; i++)
    {
      HabBundleEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", entry->name, entry->description);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (entry_icon (entry->name));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_expander_row_add_row (self->contents_row, row);
      g_ptr_array_add (self->content_rows, row);
    }
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  HabPageSynthese *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  adw_action_row_set_subtitle (self->progress_row, message);
}

static GtkWindow *
parent_window (HabPageSynthese *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HabPageSynthese) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open it: %s"), error->message);

      hab_page_add_toast (HAB_PAGE (self), message);
    }
}

static void
show_uri (HabPageSynthese *self,
          const char      *uri)
{
  GtkWindow *window = parent_window (self);

  if (window == NULL)
    return;

  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, show_uri_cb, g_object_ref (self));
}

static void
open_folder (HabPageSynthese *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  if (self->exported_file == NULL || (folder = g_file_get_parent (self->exported_file)) == NULL)
    return;

  uri = g_file_get_uri (folder);
  show_uri (self, uri);
}

static void
open_folder_clicked_cb (HabPageSynthese *self)
{
  open_folder (self);
}

static void
toast_open_folder_cb (HabPageSynthese *self)
{
  open_folder (self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HabPageSynthese) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwToast) toast = NULL;

  g_clear_object (&self->export_cancellable);
  set_exporting (self, FALSE);

  if (!hab_bundle_write_finish (result, &error))
    {
      GtkWindow *window = parent_window (self);

      g_clear_object (&self->exported_file);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          hab_page_add_toast (HAB_PAGE (self), _("Export cancelled"));
          return;
        }

      if (window != NULL)
        {
          AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window,
                                                                                 _("The Bundle Was Not Exported"),
                                                                                 error->message));

          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          adw_message_dialog_set_default_response (dialog, "close");
          adw_message_dialog_set_close_response (dialog, "close");
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        g_warning ("The bundle was not exported: %s", error->message);
      return;
    }

  {
    g_autofree char *where = g_file_get_parse_name (self->exported_file);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row),
                                   self->exported_draft ? _("Draft Exported") : _("Bundle Exported"));
    adw_action_row_set_subtitle (self->result_row, where);
    gtk_widget_set_visible (GTK_WIDGET (self->result_row), TRUE);
  }

  toast = adw_toast_new (self->exported_draft ? _("Draft exported") : _("Bundle exported"));
  adw_toast_set_button_label (toast, _("Open Folder"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_open_folder_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_emit_by_name (self, "add-toast", toast);
}

/**
 * hab_page_synthese_export:
 * @file: the ZIP to write
 * @draft: a draft: allowed with errors, every page marked
 *
 * Exports the bundle in a worker thread; the page shows the progress and,
 * at the end, offers to open the folder.
 */
void
hab_page_synthese_export (HabPageSynthese *self,
                          GFile           *file,
                          gboolean         draft)
{
  HabDossier *dossier;
  HabDocumentOptions options;

  g_return_if_fail (HAB_IS_PAGE_SYNTHESE (self));
  g_return_if_fail (G_IS_FILE (file));

  dossier = hab_page_get_dossier (HAB_PAGE (self));
  if (dossier == NULL || self->export_cancellable != NULL)
    return;

  hab_document_options_init (&options);
  options.catalogue = hab_page_get_catalogue (HAB_PAGE (self));
  options.draft = draft;
  /* Cards kept in the address book rather than in the file (DESIGN §4):
   * the bundle's dossier.json carries them inline. */
  options.contact_lookup = hab_contact_store_lookup_func;
  options.contact_lookup_data = hab_contact_store_get_default ();

  g_set_object (&self->exported_file, file);
  self->exported_draft = draft;
  self->export_cancellable = g_cancellable_new ();
  set_exporting (self, TRUE);

  hab_bundle_write_async (dossier, file, &options, progress_cb, g_object_ref (self), g_object_unref,
                          self->export_cancellable, export_done_cb, g_object_ref (self));
}

/**
 * hab_page_synthese_get_exporting:
 *
 * Returns: whether an export is going on
 */
gboolean
hab_page_synthese_get_exporting (HabPageSynthese *self)
{
  g_return_val_if_fail (HAB_IS_PAGE_SYNTHESE (self), FALSE);

  return self->export_cancellable != NULL;
}

/**
 * hab_page_synthese_get_exported_file:
 *
 * Returns: (transfer none) (nullable): the bundle last exported
 */
GFile *
hab_page_synthese_get_exported_file (HabPageSynthese *self)
{
  g_return_val_if_fail (HAB_IS_PAGE_SYNTHESE (self), NULL);

  return self->exported_file;
}

static void
cancel_clicked_cb (HabPageSynthese *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
chooser_response_cb (HabPageSynthese      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  gboolean draft = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "draft"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      /* Add the extension when the user did not type it. */
      if (path != NULL && !g_str_has_suffix (path, ".zip"))
        {
          g_autofree char *with_extension = g_strconcat (path, ".zip", NULL);
          g_autoptr(GFile) fixed = g_file_new_for_path (with_extension);

          g_set_object (&file, fixed);
        }

      if (file != NULL)
        hab_page_synthese_export (self, file, draft);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file (HabPageSynthese *self,
             gboolean         draft)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GFile *dossier_file;
  GDate today;

  if (dossier == NULL || self->chooser != NULL || self->export_cancellable != NULL)
    return;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  name = hab_bundle_suggest_file_name (dossier, &today);
  if (draft)
    {
      /* Translators: the file name of a draft bundle; %s is the usual name without ".zip" */
      g_autofree char *base = g_strndup (name, strlen (name) - strlen (".zip"));

      g_free (name);
      name = g_strdup_printf (_("%s-draft.zip"), base);
    }

  self->chooser = gtk_file_chooser_native_new (draft ? _("Export a Draft Bundle")
                                                     : _("Export the Bundle"),
                                               parent_window (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("ZIP Archives"));
  gtk_file_filter_add_pattern (filter, "*.zip");
  gtk_file_filter_add_mime_type (filter, "application/zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  dossier_file = hab_dossier_get_file (dossier);
  if (dossier_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (dossier_file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_object_set_data (G_OBJECT (self->chooser), "draft", GINT_TO_POINTER (draft));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_clicked_cb (HabPageSynthese *self)
{
  if (self->n_errors == 0)
    choose_file (self, FALSE);
}

static void
export_draft_clicked_cb (HabPageSynthese *self)
{
  choose_file (self, TRUE);
}

/* DataPass */

static void
open_datapass_clicked_cb (HabPageSynthese *self)
{
  if (self->datapass_url != NULL)
    show_uri (self, self->datapass_url);
}

static void
copy_clicked_cb (GtkButton       *button,
                 HabPageSynthese *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "value");
  const char *label = g_object_get_data (G_OBJECT (button), "label");
  g_autofree char *message = NULL;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);
  /* Translators: %s is the label of a DataPass field */
  message = g_strdup_printf (_("Copied “%s”"), label);
  hab_page_add_toast (HAB_PAGE (self), message);
}

static GtkWidget *
datapass_field_row (HabPageSynthese  *self,
                    HabDatapassField *field)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  gboolean empty = *field->value == '\0';

  if (empty)
    subtitle = g_strdup (field->kind == HAB_DATAPASS_FIELD_FILE ? _("No file") : _("Nothing to enter"));
  else if (field->prefilled)
    /* Translators: under a DataPass field: what to enter, then a note */
    subtitle = g_strdup_printf (_("%s\n(pre-filled by the link)"), field->value);
  else
    subtitle = g_strdup (field->value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_set_tooltip_text (row, field->key);

  if (!empty && (field->kind == HAB_DATAPASS_FIELD_TEXT || field->kind == HAB_DATAPASS_FIELD_CHOICE))
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Copy “%s”"), field->label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      g_object_set_data_full (G_OBJECT (button), "value", g_strdup (field->value), g_free);
      g_object_set_data_full (G_OBJECT (button), "label", g_strdup (field->label), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (copy_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

/* "5 fields, 4 pre-filled by the link", unless the step says it is kept
 * from the sandbox request. */
static void
set_step_subtitle (AdwExpanderRow *expander,
                   guint           n_fields,
                   guint           n_prefilled)
{
  g_autofree char *fields = NULL;
  g_autofree char *subtitle = NULL;

  if (*adw_expander_row_get_subtitle (expander) != '\0')
    return;

  fields = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field", "%u fields", n_fields), n_fields);
  if (n_prefilled == 0)
    subtitle = g_steal_pointer (&fields);
  else
    /* Translators: "5 fields, 4 pre-filled by the link" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u pre-filled by the link",
                                             "%s, %u pre-filled by the link", n_prefilled),
                                fields, n_prefilled);
  adw_expander_row_set_subtitle (expander, subtitle);
}

static void
update_datapass (HabPageSynthese *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GError) url_error = NULL;
  g_autoptr(GError) form_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *description = NULL;
  HabDocumentOptions options;
  const char *form;
  GtkWidget *expander = NULL;
  const char *step = NULL;
  guint n_step = 0;
  guint n_fields = 0, n_prefilled = 0;

  hab_document_options_init (&options);
  options.catalogue = hab_page_get_catalogue (HAB_PAGE (self));
  options.contact_lookup = hab_contact_store_lookup_func;
  options.contact_lookup_data = hab_contact_store_get_default ();

  fields = hab_datapass_text_get_fields (dossier, &options);
  url = hab_datapass_build_url (dossier, options.catalogue, &url_error);
  form = hab_datapass_get_form_uid (dossier, options.catalogue, &form_error);

  g_string_append_printf (key, "%s\n%s\n", url ? url : url_error->message, form ? form : "");
  for (guint i = 0; i < fields->len; i++)
    {
      HabDatapassField *field = g_ptr_array_index (fields, i);

      g_string_append_printf (key, "%s\t%s\t%d\t%d\t%s\n", field->step, field->key, field->prefilled,
                              field->from_sandbox, field->value);
    }

  if (g_strcmp0 (key->str, self->datapass_key) == 0)
    return;
  g_free (self->datapass_key);
  self->datapass_key = g_strdup (key->str);
  g_free (self->datapass_url);
  self->datapass_url = g_steal_pointer (&url);

  gtk_widget_set_sensitive (self->datapass_button, self->datapass_url != NULL);
  /* The description is markup: the form id and the messages are escaped. */
  if (self->datapass_url != NULL)
    /* Translators: %s is the id of a DataPass form */
    description = g_markup_printf_escaped (_("Form %s. The link fills in the plain fields and the "
                                             "data items; DataPass never pre-fills contacts nor "
                                             "files: copy them from the fields below, and upload "
                                             "the files of the bundle."),
                                           form);
  else if (form != NULL)
    description = g_markup_printf_escaped (_("Form %s. %s The text of each field is below, ready "
                                             "to copy."),
                                           form, url_error->message);
  else
    description = g_markup_escape_text (form_error->message, -1);
  adw_preferences_group_set_description (self->datapass_group, description);

  for (guint i = 0; i < self->datapass_rows->len; i++)
    adw_preferences_group_remove (self->datapass_steps_group, g_ptr_array_index (self->datapass_rows, i));
  g_ptr_array_set_size (self->datapass_rows, 0);

  for (guint i = 0; i < fields->len; i++)
    {
      HabDatapassField *field = g_ptr_array_index (fields, i);

      if (expander == NULL || g_strcmp0 (step, field->step) != 0)
        {
          g_autofree char *title = NULL;

          if (expander != NULL)
            set_step_subtitle (ADW_EXPANDER_ROW (expander), n_fields, n_prefilled);
          n_fields = n_prefilled = 0;

          /* Translators: "Step 1 · Mon projet", a step of the DataPass form */
          title = g_strdup_printf (_("Step %u · %s"), ++n_step, field->step_title);
          expander = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
          hab_a11y_name_buttons (expander);
          if (field->from_sandbox)
            adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                           _("Kept from your sandbox request: check it"));
          adw_preferences_group_add (self->datapass_steps_group, expander);
          g_ptr_array_add (self->datapass_rows, expander);
          step = field->step;
        }

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), datapass_field_row (self, field));
      n_fields++;
      if (field->prefilled)
        n_prefilled++;
    }

  if (expander != NULL)
    set_step_subtitle (ADW_EXPANDER_ROW (expander), n_fields, n_prefilled);
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
  update_export (self, findings);
  update_contents (self);
  update_datapass (self);

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
  HabPageSynthese *self = HAB_PAGE_SYNTHESE (object);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

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
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);
  g_clear_pointer (&self->content_rows, g_ptr_array_unref);
  g_clear_pointer (&self->datapass_rows, g_ptr_array_unref);
  g_clear_pointer (&self->contents_key, g_free);
  g_clear_pointer (&self->datapass_key, g_free);
  g_clear_pointer (&self->datapass_url, g_free);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->exported_file);

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
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, export_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, bundle_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, datapass_steps_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, contents_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, datapass_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, export_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, draft_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, blocked_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, progress_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, result_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageSynthese, datapass_button);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_draft_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_datapass_clicked_cb);
}

static void
hab_page_synthese_init (HabPageSynthese *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->error_rows = g_ptr_array_new ();
  self->content_rows = g_ptr_array_new ();
  self->datapass_rows = g_ptr_array_new ();
}
