/* test-ui-files.c: no lost work. The real application killed with SIGKILL
 * after an autosave offers the edits back; a file someone else saved while
 * it was open is never silently overwritten; a read-only folder and a full
 * disk keep the original intact and say so.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include "hab-test-ui.h"

#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "hab-field.h"
#include "hab-recovery.h"
#include "hab-review.h"
#include "hab-text-row.h"
#include "hab-window.h"

/* Whether this process has a mount namespace of its own (root only), for
 * a small tmpfs and a read-only folder. */
static gboolean can_mount;

static char *
read_file (const char *path,
           gsize      *length)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, NULL));
  return contents;
}

static void
assert_file_is (const char *path,
                const char *expected,
                gsize       expected_length)
{
  gsize length;
  g_autofree char *contents = read_file (path, &length);

  g_assert_cmpmem (contents, length, expected, expected_length);
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
  return window;
}

/* Types into the row that edits @path, as the user does. */
static void
type_text (HabWindow  *window,
           HabStep     step,
           const char *path,
           const char *text)
{
  GPtrArray *fields;
  GtkWidget *widget = NULL;

  hab_window_show_step (window, step);
  fields = hab_page_get_fields (hab_window_get_page (window, step));
  for (guint i = 0; i < fields->len && widget == NULL; i++)
    if (g_str_equal (hab_field_get_path (g_ptr_array_index (fields, i)), path))
      widget = hab_field_get_widget (g_ptr_array_index (fields, i));
  g_assert_nonnull (widget);

  gtk_widget_grab_focus (widget);
  if (HAB_IS_TEXT_ROW (widget))
    hab_text_row_set_text (HAB_TEXT_ROW (widget), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  hab_test_iterate ();
}

/* The dialog the user sees now, with this heading. */
static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  AdwMessageDialog *dialog;

  g_assert_true (hab_test_wait_until (hab_test_has_message_dialog, NULL, 10000));
  dialog = hab_test_find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  return dialog;
}

/* As a click on one of its buttons does. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (hab_test_wait_until (hab_test_no_message_dialog, NULL, 5000));
}

static void
save_with_action (HabWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  hab_test_iterate ();
}

/* Another version of the dossier written over @path, as a colleague's
 * copy of the application would. */
static void
write_their_version (const char *path,
                     const char *title)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HabDossier) theirs = hab_dossier_new_from_file (file, NULL, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_nonnull (theirs);
  hab_dossier_set_string (theirs, "project.title", title);
  data = hab_dossier_to_data (theirs, &length);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

static const char *
title_in_file (const char *path,
               HabDossier **keep)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  *keep = hab_dossier_new_from_file (file, NULL, NULL);
  g_assert_nonnull (*keep);
  return hab_dossier_get_string (*keep, "project.title");
}

/* A colleague saves the shared file while it is open here: saving shows
 * the conflict and writes nothing; Cancel keeps both; Replace writes ours
 * and keeps theirs as the backup. */
static void
test_conflict (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autofree char *theirs = NULL;
  g_autoptr(HabDossier) saved = NULL;
  g_autoptr(HabDossier) kept = NULL;
  HabWindow *window = open_window (path);
  AdwMessageDialog *dialog;
  gsize theirs_length;

  type_text (window, HAB_STEP_PROJET, "project.title", "Notre version");
  write_their_version (path, "Leur version");
  theirs = read_file (path, &theirs_length);

  save_with_action (window);
  dialog = wait_for_dialog ("The File Was Changed by Someone Else");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cantine-scolaire-bac-a-sable.habilitation"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  assert_file_is (path, theirs, theirs_length);
  respond (dialog, "cancel");
  assert_file_is (path, theirs, theirs_length);
  g_assert_true (hab_window_get_modified (window));

  /* Closing with unsaved changes and choosing Save meets the same dialog. */
  save_with_action (window);
  dialog = wait_for_dialog ("The File Was Changed by Someone Else");
  assert_file_is (path, theirs, theirs_length);
  respond (dialog, "replace");

  g_assert_false (hab_window_get_modified (window));
  g_assert_cmpstr (title_in_file (path, &saved), ==, "Notre version");
  g_assert_cmpstr (title_in_file (backup, &kept), ==, "Leur version");
  assert_file_is (backup, theirs, theirs_length);

  /* And the next save is ours again, without a dialog. */
  type_text (window, HAB_STEP_PROJET, "project.title", "Notre version, suite");
  save_with_action (window);
  g_assert_null (hab_test_find_message_dialog ());
  g_assert_false (hab_window_get_modified (window));

  hab_test_close_window (window);
}

/* The DPO saved their copy, with an approval, over the shared file: the
 * dialog offers to import the review, and the dossier with the review and
 * its contact details then replaces the copy, which is kept. */
static void
test_conflict_dpo_copy (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(HabDossier) saved = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *theirs = NULL;
  HabWindow *window = open_window (path);
  AdwMessageDialog *dialog;
  gboolean is_copy = FALSE;
  gsize theirs_length;

  type_text (window, HAB_STEP_PROJET, "project.title", "Cantine, version de l’agent");

  copy = hab_review_dup_dpo_copy (hab_window_get_dossier (window), NULL, NULL);
  g_assert_nonnull (copy);
  g_assert_true (hab_review_append (copy, "Thomas Nguyen", HAB_REVIEW_DECISION_APPROVED,
                                    "Données limitées au calcul du quotient familial.",
                                    NULL, now, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *data = NULL;
    gsize length;

    data = hab_dossier_to_data (copy, &length);
    g_assert_true (g_file_set_contents (path, data, length, NULL));
  }
  theirs = read_file (path, &theirs_length);

  save_with_action (window);
  dialog = wait_for_dialog ("The File Was Changed by Someone Else");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "DPO"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "import");
  assert_file_is (path, theirs, theirs_length);
  respond (dialog, "import");

  /* The review is in the dossier and in the file, with our edit and the
   * phone numbers the copy did not carry. */
  g_assert_cmpint (hab_review_get_status (hab_window_get_dossier (window), NULL), ==,
                   HAB_REVIEW_STATUS_APPROVED);
  g_assert_false (hab_window_get_modified (window));
  saved = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hab_dossier_get_string (saved, "project.title"), ==, "Cantine, version de l’agent");
  g_assert_cmpint (hab_review_get_status (saved, NULL), ==, HAB_REVIEW_STATUS_APPROVED);
  g_assert_false (hab_dossier_get_boolean (saved, "dpo_copy", &is_copy) && is_copy);
  assert_file_is (backup, theirs, theirs_length);

  /* Dismiss what the import says, if it says it in a dialog. */
  while (hab_test_find_message_dialog () != NULL)
    respond (hab_test_find_message_dialog (), "close");
  hab_test_close_window (window);
}

/* A folder the agent may not write in: the dialog says so in words and
 * offers Save As; the file is as it was. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  g_autofree char *original = NULL;
  gsize original_length;
  HabWindow *window = open_window (path);
  AdwMessageDialog *dialog;
  const char *body;
  gboolean bound = FALSE;

  original = read_file (path, &original_length);
  type_text (window, HAB_STEP_PROJET, "project.title", "Un changement impossible à écrire");

  if (geteuid () == 0)
    {
      /* Root writes through permissions: make the folder a read-only mount. */
      if (!can_mount)
        {
          g_test_skip ("No mount namespace for a read-only folder");
          hab_test_close_window (window);
          return;
        }
      g_assert_cmpint (mount (dir, dir, NULL, MS_BIND, NULL), ==, 0);
      g_assert_cmpint (mount (NULL, dir, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
      bound = TRUE;
    }
  else
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  save_with_action (window);
  dialog = wait_for_dialog ("The Dossier Was Not Saved");
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "cantine-scolaire-bac-a-sable.habilitation"));
  g_assert_true (strstr (body, "you are not allowed to write in the folder") != NULL
                 || strstr (body, "is on a read-only disk") != NULL);
  g_assert_null (strstr (body, ".goutputstream"));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  respond (dialog, "close");

  g_assert_true (hab_window_get_modified (window));
  assert_file_is (path, original, original_length);

  if (bound)
    g_assert_cmpint (umount (dir), ==, 0);
  else
    g_chmod (dir, 0755);
  hab_test_close_window (window);
}

/* A full disk (a 64 KiB tmpfs): the same, and the file is as it was. */
static void
test_full_disk (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *original = NULL;
  g_autofree char *padding = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  gsize original_length;
  struct statvfs fs;
  HabWindow *window;
  AdwMessageDialog *dialog;
  const char *body;

  if (!can_mount)
    {
      g_test_skip ("Mounting a small tmpfs needs root and a mount namespace");
      return;
    }

  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", 0, "size=64k"), ==, 0);
  path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  original = read_file (path, &original_length);

  /* What is left is less than the dossier. */
  g_assert_cmpint (statvfs (dir, &fs), ==, 0);
  filler = g_build_filename (dir, "filler", NULL);
  if (fs.f_bavail * fs.f_bsize > 8192)
    {
      gsize size = fs.f_bavail * fs.f_bsize - 4096;

      padding = g_malloc0 (size);
      g_assert_true (g_file_set_contents (filler, padding, size, NULL));
    }

  window = open_window (path);
  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "Un projet décrit longuement, plus long que la place qui reste. ");
  type_text (window, HAB_STEP_PROJET, "project.description", long_text->str);

  save_with_action (window);
  dialog = wait_for_dialog ("The Dossier Was Not Saved");
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "is full"));
  respond (dialog, "close");

  g_assert_true (hab_window_get_modified (window));
  assert_file_is (path, original, original_length);

  hab_test_close_window (window);
  g_assert_cmpint (umount (dir), ==, 0);
}

/* The real application, on a display of its own */

typedef struct
{
  GPid  xvfb;
  char *display;
} Display;

static void
display_stop (Display *display)
{
  if (display->xvfb > 0)
    {
      kill (display->xvfb, SIGTERM);
      waitpid (display->xvfb, NULL, 0);
      g_spawn_close_pid (display->xvfb);
    }
  g_free (display->display);
}

static gboolean
display_answers (const char *display)
{
  const char *argv[] = { "timeout", "5", "xdotool", "getmouselocation", NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "DISPLAY", display, TRUE);
  int status = 0;

  return g_spawn_sync (NULL, (char **) argv, envp,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
         && g_spawn_check_wait_status (status, NULL);
}

/* A private X server: the test's key events reach only the application.
 * A free display number of our own (-displayfd proved unreliable with the
 * servers other tests start at the same time), checked to answer. */
static void
display_start (Display *display)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      int number = g_random_int_range (200, 1000);
      g_autofree char *lock = g_strdup_printf ("/tmp/.X%d-lock", number);
      g_autofree char *socket = g_strdup_printf ("/tmp/.X11-unix/X%d", number);
      g_autofree char *name = g_strdup_printf (":%d", number);
      const char *argv[] = { "Xvfb", name, "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                             "-noreset", NULL };
      g_autoptr(GError) error = NULL;
      gint64 end;
      GPid pid;

      if (g_file_test (lock, G_FILE_TEST_EXISTS) || g_file_test (socket, G_FILE_TEST_EXISTS))
        continue;

      g_spawn_async (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD
                     | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);

      end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < end)
        {
          if (waitpid (pid, NULL, WNOHANG) == pid)
            {
              pid = 0;   /* that number was taken after all */
              break;
            }
          if (g_file_test (socket, G_FILE_TEST_EXISTS) && display_answers (name))
            {
              display->xvfb = pid;
              display->display = g_steal_pointer (&name);
              return;
            }
          g_usleep (50 * 1000);
        }

      if (pid != 0)
        {
          kill (pid, SIGTERM);
          waitpid (pid, NULL, 0);
        }
    }

  g_error ("Could not start a private Xvfb");
}

static char *
run_xdotool (const char  *display,
             const char  *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "DISPLAY", display, TRUE);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "timeout");
  g_ptr_array_add (argv, (char *) "60");
  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool %s failed: %s", args[0], err);

  return g_strstrip (g_steal_pointer (&out));
}

typedef struct
{
  const char *path;
  const char *typed;
} RecoveryWait;

/* The autosave holds the typed text. */
static gboolean
recovery_holds_edit (gpointer data)
{
  RecoveryWait *wait = data;
  g_autoptr(GPtrArray) entries = hab_recovery_list ();
  g_autoptr(GFile) file = g_file_new_for_path (wait->path);

  for (guint i = 0; i < entries->len; i++)
    {
      HabRecoveryEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(HabDossier) recovered = NULL;
      const char *title;

      if (hab_recovery_entry_get_source (entry) == NULL
          || !g_file_equal (hab_recovery_entry_get_source (entry), file))
        continue;
      recovered = hab_recovery_load (entry, NULL);
      title = recovered ? hab_dossier_get_string (recovered, "legal.nature") : NULL;
      if (title != NULL && g_str_has_suffix (title, wait->typed))
        return TRUE;
    }

  g_usleep (50 * 1000);
  return FALSE;
}

/* The application killed with SIGKILL after an autosave: the file is as it
 * was, and opening it again offers the edits typed before the crash. */
static void
test_sigkill_recovery (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  g_autofree char *pid_path = g_build_filename (dir, "app.pid", NULL);
  g_autofree char *app = g_test_build_filename (G_TEST_BUILT, "..", "src", "ui", "habilitation", NULL);
  g_autofree char *original = NULL;
  g_autofree char *window_id = NULL;
  g_autofree char *pid_text = NULL;
  g_auto(GStrv) envp = NULL;
  g_autoptr(GError) error = NULL;
  const char *typed = " (saisi avant la panne)";
  RecoveryWait wait = { path, typed };
  Display display = { 0 };
  GPid session;
  pid_t app_pid = 0;
  gsize original_length;
  HabWindow *window;
  AdwMessageDialog *dialog;
  const char *nature;
  int status;

  for (const char *const *tool = (const char *const[]) { "Xvfb", "xdotool", "dbus-run-session", NULL };
       *tool != NULL; tool++)
    {
      g_autofree char *found = g_find_program_in_path (*tool);

      if (found == NULL)
        {
          g_test_fail_printf ("%s is missing (build-aux/install-deps.sh installs it)", *tool);
          return;
        }
    }

  original = read_file (path, &original_length);
  display_start (&display);

  /* The application, as the desktop starts it, in a session bus of its
   * own; the shell writes the pid the application then takes over. */
  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "DISPLAY", display.display, TRUE);
  envp = g_environ_setenv (envp, "GDK_BACKEND", "x11", TRUE);
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  {
    const char *argv[] = { "dbus-run-session", "--", "sh", "-c", "echo $$ > \"$0\"; exec \"$1\" \"$2\"",
                           pid_path, app, path, NULL };

    g_spawn_async (dir, (char **) argv, envp, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                   NULL, NULL, &session, &error);
    g_assert_no_error (error);
  }

  window_id = run_xdotool (display.display,
                           (const char *const[]) { "search", "--sync", "--onlyvisible", "--name",
                                                   "Habilitation", NULL });
  g_assert_true (g_file_get_contents (pid_path, &pid_text, NULL, NULL));
  app_pid = atoi (pid_text);
  g_assert_cmpint (app_pid, >, 0);
  /* Several windows can match while the first frame is drawn: the first. */
  if (strchr (window_id, '\n') != NULL)
    *strchr (window_id, '\n') = '\0';

  /* Alt+4 shows the Cadre juridique step with the focus in its first row,
   * the nature of the texts; End, then type. */
  g_free (run_xdotool (display.display,
                       (const char *const[]) { "windowfocus", "--sync", window_id, NULL }));
  g_free (run_xdotool (display.display, (const char *const[]) { "key", "alt+4", NULL }));
  g_usleep (500 * 1000);
  g_free (run_xdotool (display.display, (const char *const[]) { "key", "ctrl+End", NULL }));
  g_free (run_xdotool (display.display,
                       (const char *const[]) { "type", "--delay", "30", typed, NULL }));

  g_assert_true (hab_test_wait_until (recovery_holds_edit, &wait, 30000));

  g_assert_cmpint (kill (app_pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (session, &status, 0), ==, session);
  g_spawn_close_pid (session);
  display_stop (&display);

  /* The file never saw the edit. */
  assert_file_is (path, original, original_length);

  /* Started again on the same file: the edits are offered back. */
  window = open_window (path);
  dialog = wait_for_dialog ("Recover Unsaved Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cantine-scolaire-bac-a-sable.habilitation"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "recover");
  respond (dialog, "recover");

  nature = hab_dossier_get_string (hab_window_get_dossier (window), "legal.nature");
  g_assert_true (g_str_has_suffix (nature, typed));
  g_assert_true (hab_window_get_modified (window));
  assert_file_is (path, original, original_length);

  /* Saved, they are in the file, and the recovery copy is gone. */
  save_with_action (window);
  g_assert_null (hab_test_find_message_dialog ());
  {
    gsize length;
    g_autofree char *saved = read_file (path, &length);

    g_assert_nonnull (strstr (saved, "(saisi avant la panne)"));
  }
  g_assert_false (recovery_holds_edit (&wait));
  hab_test_close_window (window);
}

/* Opening a file whose unsaved edits are not wanted: Discard removes the
 * recovery copy, the saved version stays on screen. */
static void
test_recovery_discard (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_ui_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HabDossier) edited = hab_dossier_new_from_file (file, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *typed = " (à jeter)";
  RecoveryWait wait = { path, typed };
  g_autofree char *nature = NULL;
  HabWindow *window;
  AdwMessageDialog *dialog;

  nature = g_strconcat (hab_dossier_get_string (edited, "legal.nature"), typed, NULL);
  hab_dossier_set_string (edited, "legal.nature", nature);
  g_assert_true (hab_recovery_save (edited, &error));
  g_assert_no_error (error);
  g_assert_true (recovery_holds_edit (&wait));

  window = open_window (path);
  dialog = wait_for_dialog ("Recover Unsaved Changes?");
  respond (dialog, "discard");
  g_assert_false (g_str_has_suffix (hab_dossier_get_string (hab_window_get_dossier (window), "legal.nature"),
                                    typed));
  g_assert_false (hab_window_get_modified (window));
  g_assert_false (recovery_holds_edit (&wait));
  hab_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists: a mount namespace of our own, so that the
   * tmpfs and read-only mounts never show outside this process. */
  if (geteuid () == 0 && unshare (CLONE_NEWNS) == 0
      && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0)
    can_mount = TRUE;

  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/files/conflict", test_conflict);
  g_test_add_func ("/ui/files/conflict-dpo-copy", test_conflict_dpo_copy);
  g_test_add_func ("/ui/files/read-only-folder", test_read_only_folder);
  g_test_add_func ("/ui/files/full-disk", test_full_disk);
  g_test_add_func ("/ui/files/sigkill-recovery", test_sigkill_recovery);
  g_test_add_func ("/ui/files/recovery-discard", test_recovery_discard);

  return g_test_run ();
}
