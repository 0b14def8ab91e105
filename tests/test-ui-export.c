/* test-ui-export.c: the export on the Synthèse step, as a user drives it:
 * what will be generated, the refusal while errors remain with a link to
 * each, the draft, the export in a worker thread while the window goes on,
 * and the DataPass hand-off with a copy button per field.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hab-test-ui.h"

#include <string.h>
#include <sys/wait.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "hab-page-synthese.h"
#include "hab-window.h"

/* Under the test's own folders, which g_test_init() removes at the end. */
static char *
make_dir (void)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "hab-ui-export-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
}

/* The example and, unless told not to, its pieces. */
static char *
copy_example (const char *name,
              const char *dir,
              gboolean    with_pieces)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  char *target = g_build_filename (dir, name, NULL);

  copy_file (source, target);

  if (with_pieces)
    {
      g_autofree char *pieces_source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                              "pieces", NULL);
      g_autofree char *pieces = g_build_filename (dir, "pieces", NULL);
      g_autoptr(GDir) folder = g_dir_open (pieces_source, 0, NULL);
      const char *entry;

      g_assert_cmpint (g_mkdir_with_parents (pieces, 0700), ==, 0);
      while ((entry = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *from = g_build_filename (pieces_source, entry, NULL);
          g_autofree char *to = g_build_filename (pieces, entry, NULL);

          copy_file (from, to);
        }
    }

  return target;
}

static HabWindow *
open_window (const char *path)
{
  HabWindow *window = hab_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (hab_window_load_file (window, file));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  hab_window_show_step (window, HAB_STEP_SYNTHESE);
  hab_test_iterate ();
  return window;
}

static HabPageSynthese *
synthese (HabWindow *window)
{
  return HAB_PAGE_SYNTHESE (hab_window_get_page (window, HAB_STEP_SYNTHESE));
}

/* Widgets, found the way a user finds them: by what they say. */

static const char *
button_label (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return NULL;
  if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));

  child = gtk_button_get_child (GTK_BUTTON (widget));
  return ADW_IS_BUTTON_CONTENT (child) ? adw_button_content_get_label (ADW_BUTTON_CONTENT (child)) : NULL;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return g_strcmp0 (button_label (widget), label) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_row_containing (GtkWidget  *widget,
                   const char *text)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL;
}

/* A group's description starting so: libadwaita's label under the
 * group's title, in its header's box.labels. */
static gboolean
is_description_starting (GtkWidget  *widget,
                         const char *start)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_parent (widget) != NULL
         && gtk_widget_has_css_class (gtk_widget_get_parent (widget), "labels")
         && gtk_widget_get_prev_sibling (widget) != NULL
         && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), start);
}

static GtkWidget *
find_button (HabWindow  *window,
             const char *label)
{
  GtkWidget *button = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_button_labelled,
                                            label);

  g_assert_nonnull (button);
  return button;
}

static GtkWidget *
find_row (HabWindow  *window,
          const char *title)
{
  GtkWidget *row = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_row_titled, title);

  if (row == NULL)
    g_error ("No row titled “%s”", title);
  return row;
}

static gboolean
not_exporting (gpointer data)
{
  return !hab_page_synthese_get_exporting (data);
}

/* Waits for the export to end, counting the main loop's turns meanwhile. */
static guint
wait_for_export (HabPageSynthese *page)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint turns = 0;

  while (!not_exporting (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
      turns++;
    }
  hab_test_iterate ();

  return turns;
}

static int
run (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* A complete dossier: what will be generated, the export in a worker
 * thread with its progress, then the folder offered. */
static void
test_export (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example ("creche-production-editeur.habilitation", dir, TRUE);
  g_autofree char *zip = g_build_filename (dir, "bundle.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (zip);
  HabWindow *window = open_window (path);
  HabPageSynthese *page = synthese (window);
  GtkWidget *export_button = find_button (window, "_Export Bundle…");
  GtkWidget *draft_button = find_button (window, "Export _Draft…");
  GtkWidget *progress_row = find_row (window, "Exporting…");
  GtkWidget *result_row;
  guint turns;

  /* What will be generated. */
  find_row (window, "Summary of the Request");
  find_row (window, "Employer Attestation of the Demandeur");
  find_row (window, "Employer Attestation of the Editor");
  find_row (window, "Designation");
  find_row (window, "DataPass Hand-off");
  find_row (window, "deliberation-2026-112.pdf");
  find_row (window, "Checksums");
  g_assert_null (hab_test_find_widget (GTK_WIDGET (page), is_row_titled, "Security Questionnaire"));

  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_false (gtk_widget_get_visible (find_row (window, "The Bundle Cannot Be Exported Yet")));
  g_assert_false (gtk_widget_get_visible (progress_row));

  hab_page_synthese_export (page, file, FALSE);
  g_assert_true (hab_page_synthese_get_exporting (page));
  g_assert_true (gtk_widget_get_visible (progress_row));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_false (gtk_widget_get_sensitive (draft_button));

  /* The window keeps turning while the thread works. */
  turns = wait_for_export (page);
  g_assert_cmpuint (turns, >, 1);
  g_assert_false (gtk_widget_get_visible (progress_row));
  g_assert_true (gtk_widget_get_sensitive (export_button));

  result_row = find_row (window, "Bundle Exported");
  g_assert_true (gtk_widget_get_visible (result_row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (result_row)), ==, zip);
  g_assert_true (g_file_equal (hab_page_synthese_get_exported_file (page), file));
  find_button (window, "_Open Folder");

  {
    const char *argv[] = { "unzip", "-t", zip, NULL };

    g_assert_cmpint (run (argv), ==, 0);
  }

  hab_test_close_window (window);
}

/* Errors: the export is refused, each error listed with a link to its
 * field; a draft can still be exported. */
static void
test_refused_and_draft (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, TRUE);
  g_autofree char *zip = g_build_filename (dir, "draft.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (zip);
  HabWindow *window = open_window (path);
  HabPageSynthese *page = synthese (window);
  GtkWidget *export_button = find_button (window, "_Export Bundle…");
  GtkWidget *blocked_row;
  GtkWidget *error_row;

  g_assert_true (gtk_widget_get_sensitive (export_button));

  hab_dossier_set_string (hab_window_get_dossier (window), "organisation.siret", "123");
  hab_window_show_step (window, HAB_STEP_SYNTHESE);
  hab_test_iterate ();

  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_true (gtk_widget_get_sensitive (find_button (window, "Export _Draft…")));
  blocked_row = find_row (window, "The Bundle Cannot Be Exported Yet");
  g_assert_true (gtk_widget_get_visible (blocked_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (blocked_row)), "1 error"));

  /* The error, a link to its field. */
  error_row = hab_test_find_widget (GTK_WIDGET (page), is_row_containing, "14 digits");
  g_assert_nonnull (error_row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (error_row)));
  g_signal_emit_by_name (error_row, "activated");
  hab_test_iterate ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hab_window_get_page (window, HAB_STEP_ACTEURS))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));

  /* A draft, marked as such. */
  hab_window_show_step (window, HAB_STEP_SYNTHESE);
  hab_test_iterate ();
  hab_page_synthese_export (page, file, TRUE);
  wait_for_export (page);
  g_assert_true (gtk_widget_get_visible (find_row (window, "Draft Exported")));
  g_assert_true (g_file_test (zip, G_FILE_TEST_IS_REGULAR));

  hab_test_close_window (window);
}

/* A missing piece: the draft export stops, and a dialog says why. */
static void
test_missing_piece (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example ("creche-production-editeur.habilitation", dir, FALSE);
  g_autofree char *zip = g_build_filename (dir, "draft.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (zip);
  HabWindow *window = open_window (path);
  HabPageSynthese *page = synthese (window);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  g_assert_false (gtk_widget_get_sensitive (find_button (window, "_Export Bundle…")));

  hab_page_synthese_export (page, file, TRUE);
  wait_for_export (page);
  g_assert_false (g_file_test (zip, G_FILE_TEST_EXISTS));
  g_assert_null (hab_page_synthese_get_exported_file (page));

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        dialog = ADW_MESSAGE_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Bundle Was Not Exported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "deliberation-2026-112.pdf"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  hab_test_close_window (window);
}

/* DataPass: the link, and a copy button per field. */
typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static void
test_datapass (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, TRUE);
  g_autofree char *r2p_path = copy_example ("ordonnateur-r2p-interne.habilitation", dir, TRUE);
  HabWindow *window = open_window (path);
  GtkWidget *open_button = find_button (window, "Open in _DataPass");
  GtkWidget *copy_button;
  GtkWidget *step_row;
  GtkWidget *description;
  ClipboardRead read = { 0 };

  g_assert_true (gtk_widget_get_sensitive (open_button));
  /* The form's id in the description, which is markup: shown as it is. */
  description = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_description_starting,
                                      "Form ");
  g_assert_nonnull (description);
  g_assert_true (gtk_label_get_use_markup (GTK_LABEL (description)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (description)),
                                   "Form api-impot-particulier-cantine-scolaire-sandbox. The link "
                                   "fills in the plain fields"));
  step_row = find_row (window, "Step 1 · Mon projet");
  g_assert_true (ADW_IS_EXPANDER_ROW (step_row));
  find_row (window, "Step 4 · Les données");
  find_row (window, "Les données dont vous avez besoin");
  find_row (window, "Responsable de traitement — Email");

  copy_button = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_button_with_tooltip,
                             "Copy “Nom du projet”");
  g_assert_nonnull (copy_button);
  g_signal_emit_by_name (copy_button, "clicked");
  hab_test_iterate ();

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (copy_button), NULL, read_text_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (read.text, ==, "Dites-le-nous une fois – Cantine scolaire");
  g_free (read.text);

  /* The contacts' e-mail addresses are copied, never linked. */
  copy_button = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_button_with_tooltip,
                             "Copy “Responsable de traitement — Email”");
  g_assert_nonnull (copy_button);
  hab_test_close_window (window);

  /* In-house production: no link, the path explained, the fields still there. */
  window = open_window (r2p_path);
  open_button = find_button (window, "Open in _DataPass");
  g_assert_false (gtk_widget_get_sensitive (open_button));
  description = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_description_starting,
                                      "Form ");
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (description)),
                            "The text of each field is below, ready to copy."));

  /* A use case from the file that the catalogue does not know: its id is
   * in the message, and the description (markup) shows it as it is. */
  hab_dossier_set_string (hab_window_get_dossier (window), "parcours.use_case", "a & <b>");
  hab_test_iterate ();
  description = hab_test_find_widget (GTK_WIDGET (synthese (window)), is_description_starting,
                             "The use case “a & <b>” does not exist");
  g_assert_nonnull (description);
  find_row (window, "Step 1 · La recette fonctionnelle");
  find_row (window, "Nom de l’autorité d’homologation ou du signataire du questionnaire de sécurité");
  find_row (window, "Security Questionnaire");
  hab_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/export/export", test_export);
  g_test_add_func ("/ui/export/refused-and-draft", test_refused_and_draft);
  g_test_add_func ("/ui/export/missing-piece", test_missing_piece);
  g_test_add_func ("/ui/export/datapass", test_datapass);

  return g_test_run ();
}
