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

/* Month names come from the translations, not from the C library's locale:
 * under LANGUAGE=fr with an English or C locale, dates must be French too,
 * like every other word of the documents. */
static const char *const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

/**
 * hab_format_long_date:
 * @month: 1 to 12
 *
 * Returns: (transfer full): the date in words in the language of the
 *   messages, e.g. "27 November 2026" (« 27 novembre 2026 »)
 */
char *
hab_format_long_date (guint year,
                      guint month,
                      guint day)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  /* Translators: a date in words: %1$u the day, %2$s the month's name, %3$u the year */
  return g_strdup_printf (C_("long date", "%1$u %2$s %3$u"), day,
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]), year);
}
