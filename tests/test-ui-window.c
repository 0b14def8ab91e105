/* test-ui-window.c: the window as a user drives it: live validation under
 * the rows and in the sidebar, files, unsaved changes, visibility rules and
 * crash recovery.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hab-test-ui.h"

#include <string.h>
#include <adwaita.h>

#include "hab-field.h"
#include "hab-prefill.h"
#include "hab-recovery.h"
#include "hab-start-page.h"
#include "hab-step-row.h"
#include "hab-text-row.h"
#include "hab-window.h"

static HabWindow *
open_window (const char *path)
{
  HabWindow *window = hab_window_new (NULL);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_assert_true (hab_window_load_file (window, file));
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static HabField *
find_field (HabWindow  *window,
            HabStep     step,
            const char *path)
{
  GPtrArray *fields = hab_page_get_fields (hab_window_get_page (window, step));

  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (hab_field_get_path (g_ptr_array_index (fields, i)), path))
      return g_ptr_array_index (fields, i);

  g_error ("No field edits %s", path);
  return NULL;
}

static void
type_text (HabField   *field,
           const char *text)
{
  GtkWidget *widget = hab_field_get_widget (field);

  gtk_widget_grab_focus (widget);
  if (HAB_IS_TEXT_ROW (widget))
    hab_text_row_set_text (HAB_TEXT_ROW (widget), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  hab_test_iterate ();
}

static const char *
step_status (HabWindow *window,
             HabStep    step)
{
  return hab_step_row_get_status (HAB_STEP_ROW (hab_window_get_step_row (window, step)));
}

/* A webmail address for the DPO: the row and the Acteurs sidebar row say
 * so at once; putting the address back clears both. */
static void
test_live_validation (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("creche-production-editeur.habilitation", dir);
  HabWindow *window = open_window (path);
  HabField *email;
  GtkWidget *row;
  g_autofree char *original = NULL;

  g_assert_cmpstr (step_status (window, HAB_STEP_ACTEURS), ==, "Complete");

  hab_window_show_step (window, HAB_STEP_ACTEURS);
  email = find_field (window, HAB_STEP_ACTEURS, "actors.delegue_protection_donnees.contact.email");
  row = hab_field_get_row (email);
  original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (hab_field_get_widget (email))));
  g_assert_cmpstr (original, ==, "thomas.nguyen@saint-amand-des-pres.fr");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  type_text (email, "thomas.nguyen@gmail.com");
  g_assert_cmpstr (hab_dossier_get_string (hab_window_get_dossier (window),
                                           "actors.delegue_protection_donnees.contact.email"),
                   ==, "thomas.nguyen@gmail.com");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (step_status (window, HAB_STEP_ACTEURS), ==, "1 error");
  /* The message is in words right under the row. */
  {
    GtkWidget *next = gtk_widget_get_next_sibling (row);

    g_assert_nonnull (next);
    g_assert_true (gtk_widget_has_css_class (next, "hab-message-row"));
  }
  g_assert_true (hab_window_get_modified (window));

  type_text (email, original);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (step_status (window, HAB_STEP_ACTEURS), ==, "Complete");
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_next_sibling (row) ? gtk_widget_get_next_sibling (row) : row,
                                            "hab-message-row"));

  hab_window_save_to_file (window, hab_dossier_get_file (hab_window_get_dossier (window)));
  hab_test_close_window (window);
}

/* Open, edit, save through the window's action, reopen. */
static void
test_save_round_trip (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  HabWindow *window = open_window (path);
  HabWindow *again;
  HabField *title;

  hab_window_show_step (window, HAB_STEP_PROJET);
  title = find_field (window, HAB_STEP_PROJET, "project.title");
  type_text (title, "Tarification de la cantine 2027");
  g_assert_true (hab_window_get_modified (window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  hab_test_iterate ();
  g_assert_false (hab_window_get_modified (window));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  hab_test_close_window (window);

  again = open_window (path);
  title = find_field (again, HAB_STEP_PROJET, "project.title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hab_field_get_widget (title))), ==,
                   "Tarification de la cantine 2027");
  g_assert_false (hab_window_get_modified (again));
  hab_test_close_window (again);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closing with unsaved changes asks; "Cancel" keeps the window, "Discard"
 * closes it and leaves the file as it was. */
static void
test_unsaved_changes (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("ordonnateur-r2p-interne.habilitation", dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  HabWindow *window = open_window (path);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  type_text (find_field (window, HAB_STEP_PROJET, "project.title"), "Changed");

  gtk_window_close (GTK_WINDOW (window));
  hab_test_iterate ();
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (window);
  adw_message_dialog_response (dialog, "cancel");
  hab_test_iterate ();
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_window_close (GTK_WINDOW (window));
  hab_test_iterate ();
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (hab_test_wait_until (window_gone, &window, 5000));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);
}

/* A file that cannot be opened gets a dialog naming it, and stays as it was. */
static void
test_unreadable_file (void)
{
  static const char truncated[] = "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"proj";
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.habilitation", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *after = NULL;
  HabWindow *window = open_window (NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, truncated, -1, NULL));
  g_assert_false (hab_window_load_file (window, file));
  hab_test_iterate ();

  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.habilitation"));
  adw_message_dialog_response (dialog, "close");
  hab_test_iterate ();

  g_assert_true (hab_window_is_empty (window));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, truncated);
  hab_test_close_window (window);
}

static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_is_visible (widget);
}

/* What does not apply is hidden: the editor's step and fields in in-house
 * mode, the production-only security fields in sandbox. */
static void
test_step_visibility (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("creche-production-editeur.habilitation", dir);
  HabWindow *window = open_window (path);
  HabDossier *dossier = hab_window_get_dossier (window);
  GtkWidget *editor_row = hab_window_get_step_row (window, HAB_STEP_EDITEUR);
  GtkWidget *editor_name, *security_kind;

  hab_window_show_step (window, HAB_STEP_PROJET);
  editor_name = hab_field_get_row (find_field (window, HAB_STEP_PROJET, "project.editor_name"));
  g_assert_true (shown (editor_row));
  g_assert_true (shown (editor_name));

  hab_dossier_set_string (dossier, "parcours.development", "in_house");
  hab_test_iterate ();
  g_assert_false (shown (editor_row));
  g_assert_false (shown (editor_name));

  /* Alt+8 does not reach a step that does not apply. */
  hab_window_show_step (window, HAB_STEP_EDITEUR);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (hab_window_get_page (window, HAB_STEP_EDITEUR))));

  hab_window_show_step (window, HAB_STEP_SECURITE);
  security_kind = hab_field_get_row (find_field (window, HAB_STEP_SECURITE, "security.kind"));
  g_assert_true (shown (security_kind));
  hab_dossier_set_string (dossier, "parcours.stage", "sandbox");
  hab_test_iterate ();
  g_assert_false (shown (security_kind));

  hab_window_save_to_file (window, hab_dossier_get_file (dossier));
  hab_test_close_window (window);
}

/* Alt+1…9 and the Synthèse's findings lead to their steps and fields. */
static void
test_navigation (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  HabWindow *window = open_window (path);
  GtkWidget *focus;
  HabField *siret;

  for (guint step = 0; step < HAB_N_STEPS; step++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.goto-step", "i", step));
      hab_test_iterate ();
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hab_window_get_page (window, step))));
    }

  /* A finding's field gets the focus. */
  siret = find_field (window, HAB_STEP_ACTEURS, "organisation.siret");
  g_assert_true (hab_window_show_field (window, HAB_STEP_ACTEURS, "organisation.siret"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == hab_field_get_widget (siret)
                 || gtk_widget_is_ancestor (focus, hab_field_get_widget (siret)));

  hab_window_save_to_file (window, hab_dossier_get_file (hab_window_get_dossier (window)));
  hab_test_close_window (window);
}

static gboolean
has_recovery (gpointer data)
{
  g_autoptr(GPtrArray) entries = hab_recovery_list ();

  return entries->len > 0;
}

/* Edits are copied to the recovery folder while editing; after a crash
 * (the window never closed) they are offered on the next start. */
static void
test_recovery (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  HabWindow *window = open_window (path);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(HabDossier) recovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HabWindow *next;

  type_text (find_field (window, HAB_STEP_PROJET, "project.title"), "Travail non enregistré");
  g_assert_true (hab_test_wait_until (has_recovery, NULL, 10000));

  /* The crash: the window goes away without being asked to close. */
  gtk_window_destroy (GTK_WINDOW (window));
  hab_test_iterate ();

  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (hab_recovery_entry_get_title (g_ptr_array_index (entries, 0)), ==,
                   "Travail non enregistré");
  g_assert_true (g_file_equal (hab_recovery_entry_get_source (g_ptr_array_index (entries, 0)), file));

  /* The next start offers it. */
  next = open_window (NULL);
  g_assert_cmpuint (hab_start_page_get_n_recoveries (HAB_START_PAGE (hab_window_get_start_page (next))),
                    ==, 1);
  recovered = hab_recovery_load (g_ptr_array_index (entries, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hab_dossier_get_string (recovered, "project.title"), ==, "Travail non enregistré");
  hab_test_close_window (next);

  /* A save makes the copy useless: it is removed. */
  window = open_window (path);
  type_text (find_field (window, HAB_STEP_PROJET, "project.title"), "Enregistré");
  g_assert_true (hab_window_save_to_file (window, file));
  {
    g_autoptr(GPtrArray) left = hab_recovery_list ();
    g_assert_cmpuint (left->len, ==, 0);
  }
  hab_test_close_window (window);
}

/* The start page makes a dossier pre-filled as DataPass does. */
static void
test_new_dossier (void)
{
  HabWindow *window = open_window (NULL);
  g_autoptr(HabDossier) dossier = hab_dossier_new_for_use_case (NULL, "api_impot_particulier",
                                                                "cantine_scolaire");

  hab_window_set_dossier (window, dossier, TRUE);
  hab_test_iterate ();
  g_assert_false (hab_window_is_empty (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hab_field_get_widget (
                     find_field (window, HAB_STEP_PROJET, "project.title")))),
                   ==, "Dites-le-nous une fois – Cantine scolaire");
  g_assert_cmpstr (step_status (window, HAB_STEP_ACTEURS), !=, "Complete");
  gtk_window_destroy (GTK_WINDOW (window));
  hab_test_iterate ();
}

/* The window opens at the size of the last one closed, and F1 leads to the
 * help page of the step shown, which exists. */
static void
test_settings_and_help (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.habilitation.Habilitation");
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  HabWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);
  window = hab_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);

  {
    g_autofree char *page = hab_window_get_help_page (window);
    g_assert_cmpstr (page, ==, "index");
  }

  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_assert_true (hab_window_load_file (window, file));
  }

  for (guint step = 0; step < HAB_N_STEPS; step++)
    {
      g_autofree char *page = NULL;
      g_autofree char *help = NULL;

      if (step == HAB_STEP_EDITEUR && g_strcmp0 (hab_dossier_get_string (hab_window_get_dossier (window),
                                                                         "parcours.development"),
                                                 "editor") != 0)
        continue;
      hab_window_show_step (window, step);
      page = hab_window_get_help_page (window);
      g_assert_true (g_str_has_prefix (page, "step-"));
      help = g_test_build_filename (G_TEST_DIST, "..", "help", "C", page, NULL);
      {
        g_autofree char *file = g_strconcat (help, ".page", NULL);
        g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
      }
    }

  g_assert_false (hab_window_get_modified (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  hab_test_iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
}

static gboolean
is_entry_row_titled (GtkWidget  *widget,
               const char *title)
{
  return ADW_IS_ENTRY_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The check of a data item that can be ticked and is not. */
static gboolean
is_unticked_item (GtkWidget  *widget,
                  const char *unused)
{
  return GTK_IS_CHECK_BUTTON (widget) && !gtk_check_button_get_active (GTK_CHECK_BUTTON (widget))
         && gtk_widget_get_sensitive (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
}

/* Données: a purpose row exists for each ticked item only, right below it;
 * ticking an item makes its row there, unticking hides it, ticking again
 * shows the same row with the purpose typed before. */
static void
test_data_item_purpose (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  HabWindow *window = open_window (path);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *page;
  GtkWidget *check;
  GtkWidget *item_row;
  GtkWidget *purpose_row;
  HabField *purpose;

  hab_window_show_step (window, HAB_STEP_DONNEES);
  hab_test_iterate ();
  page = GTK_WIDGET (hab_window_get_page (window, HAB_STEP_DONNEES));

  /* The example ticks four items: four purpose rows, each below its item. */
  hab_test_collect_widgets (page, is_entry_row_titled, "Purpose of This Item", rows);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *field_path = g_strdup_printf ("data.scopes.%u.purpose", i);
      GtkWidget *widget = hab_field_get_widget (find_field (window, HAB_STEP_DONNEES, field_path));
      GtkWidget *above = gtk_widget_get_prev_sibling (widget);

      g_assert_true (g_ptr_array_find (rows, widget, NULL));
      g_assert_true (gtk_widget_get_visible (widget));
      g_assert_true (ADW_IS_ACTION_ROW (above));
    }

  /* Ticking another item: its purpose row comes right below it. */
  check = hab_test_find_widget (page, is_unticked_item, NULL);
  g_assert_nonnull (check);
  item_row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);
  g_assert_false (ADW_IS_ENTRY_ROW (gtk_widget_get_next_sibling (item_row))
                  && gtk_widget_get_visible (gtk_widget_get_next_sibling (item_row)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  hab_test_iterate ();

  purpose = find_field (window, HAB_STEP_DONNEES, "data.scopes.4.purpose");
  purpose_row = hab_field_get_widget (purpose);
  g_assert_true (gtk_widget_get_next_sibling (item_row) == purpose_row);
  g_assert_true (gtk_widget_get_visible (purpose_row));
  gtk_editable_set_text (GTK_EDITABLE (purpose_row), "Calcul du tarif");
  hab_test_iterate ();
  g_assert_cmpstr (hab_dossier_get_string (hab_window_get_dossier (window), "data.scopes.4.purpose"),
                   ==, "Calcul du tarif");

  /* Unticked: hidden, not removed; ticked again: the same row, the same text. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  hab_test_iterate ();
  g_assert_false (gtk_widget_get_visible (purpose_row));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  hab_test_iterate ();
  g_assert_true (gtk_widget_get_next_sibling (item_row) == purpose_row);
  g_assert_true (gtk_widget_get_visible (purpose_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (purpose_row)), ==, "Calcul du tarif");

  g_ptr_array_set_size (rows, 0);
  hab_test_collect_widgets (page, is_entry_row_titled, "Purpose of This Item", rows);
  g_assert_cmpuint (rows->len, ==, 5);

  hab_window_save_to_file (window, hab_dossier_get_file (hab_window_get_dossier (window)));
  hab_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/window/live-validation", test_live_validation);
  g_test_add_func ("/ui/window/save-round-trip", test_save_round_trip);
  g_test_add_func ("/ui/window/unsaved-changes", test_unsaved_changes);
  g_test_add_func ("/ui/window/unreadable-file", test_unreadable_file);
  g_test_add_func ("/ui/window/step-visibility", test_step_visibility);
  g_test_add_func ("/ui/window/navigation", test_navigation);
  g_test_add_func ("/ui/window/recovery", test_recovery);
  g_test_add_func ("/ui/window/new-dossier", test_new_dossier);
  g_test_add_func ("/ui/window/settings-and-help", test_settings_and_help);
  g_test_add_func ("/ui/window/data-item-purpose", test_data_item_purpose);

  return g_test_run ();
}
