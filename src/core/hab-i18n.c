/* hab-i18n.c: the locale and the translations, for the app and the CLI.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-i18n"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "hab-i18n.h"

/**
 * hab_i18n_init:
 *
 * Sets the locale from the environment and binds the translations: the
 * installed ones, or, when the program runs from its build folder and
 * nothing is installed, the catalogues compiled there. HAB_LOCALEDIR in
 * the environment names another folder.
 */
void
hab_i18n_init (void)
{
  const char *dir = g_getenv ("HAB_LOCALEDIR");

  setlocale (LC_ALL, "");

  if (dir == NULL)
    {
      g_autofree char *installed = g_build_filename (LOCALEDIR, "fr", "LC_MESSAGES",
                                                     GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *built = g_build_filename (BUILD_LOCALEDIR, "fr", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

      dir = !g_file_test (installed, G_FILE_TEST_EXISTS) && g_file_test (built, G_FILE_TEST_EXISTS)
            ? BUILD_LOCALEDIR : LOCALEDIR;
    }

  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
