/* hab-test-ui.h: set-up shared by the tests of the application.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

/* gtk_test_init() ignores G_TEST_OPTION_ISOLATE_DIRS: give the test its own
 * home and XDG folders before GTK or GLib reads them, so that recovery
 * copies, recent files and settings never leak between runs, nor into the
 * home of whoever runs the tests. */
static inline void
hab_test_ui_init (int    *argc,
                  char ***argv)
{
  static const char *const variables[] = {
    "HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("hab-ui-test-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (root, variables[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (variables[i], dir, TRUE);
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* The first widget of @root's tree (depth first, @root included) that
 * @match accepts with @data, or NULL. */
static inline GtkWidget *
hab_test_find_widget (GtkWidget  *root,
                      gboolean  (*match) (GtkWidget *, const char *),
                      const char *data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hab_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every widget of @root's tree that @match accepts with @data, depth
 * first, added to @found. */
static inline void
hab_test_collect_widgets (GtkWidget  *root,
                          gboolean  (*match) (GtkWidget *, const char *),
                          const char *data,
                          GPtrArray  *found)
{
  if (match (root, data))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hab_test_collect_widgets (child, match, data, found);
}

/* Runs what the main loop has to do now. */
static inline void
hab_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @condition holds; FALSE after @timeout_ms. */
static inline gboolean
hab_test_wait_until (gboolean (*condition) (gpointer),
                     gpointer   data,
                     guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* The message dialog the user sees now, if any. */
static inline AdwMessageDialog *
hab_test_find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static inline gboolean
hab_test_has_message_dialog (gpointer data)
{
  return hab_test_find_message_dialog () != NULL;
}

static inline gboolean
hab_test_no_message_dialog (gpointer data)
{
  return hab_test_find_message_dialog () == NULL;
}

/* A folder of the test's own. */
static inline char *
hab_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hab-ui-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* A copy of data/examples/@name in @dir, whose path is returned. */
static inline char *
hab_test_ui_copy_example (const char *name,
                          const char *dir)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  char *target = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));
  return target;
}

static inline void
hab_test_close_window (gpointer window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  hab_test_iterate ();
}
