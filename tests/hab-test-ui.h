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
