/* test-ui-french.c: under LANGUAGE=fr the window speaks French.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hab-test-ui.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-i18n.h"
#include "hab-step-row.h"
#include "hab-window.h"

static void
test_french_window (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                 "creche-production-editeur.habilitation", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HabWindow *window = hab_window_new (NULL);
  const char *status;

  g_assert_true (hab_window_load_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* The catalogue is the one compiled with the build. */
  g_assert_cmpstr (_("Complete"), ==, "Complet");

  status = hab_step_row_get_status (HAB_STEP_ROW (hab_window_get_step_row (window, HAB_STEP_ACTEURS)));
  g_assert_cmpstr (status, ==, "Complet");

  /* A title the window sets itself. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Habilitation"));
  g_assert_cmpstr (_("Save Changes?"), !=, "Save Changes?");
  g_assert_cmpstr (_("Not Ready to Submit"), !=, "Not Ready to Submit");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_setenv ("HAB_LOCALEDIR", BUILD_LOCALEDIR, TRUE);
  hab_i18n_init ();
  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/french/window", test_french_window);

  return g_test_run ();
}
