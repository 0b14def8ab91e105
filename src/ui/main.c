/* main.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "hab-application.h"
#include "hab-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HabApplication) application = NULL;

  hab_i18n_init ();

  g_set_application_name (_("Habilitation"));

  application = hab_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
