/* hab-module.c: a library's functions, loaded with GModule.
 *
 * The programs load libarchive (hab-archive.c) and libsecret
 * (hab-secret.c) when first needed rather than linking them: each brings
 * libraries to map and link at every start. A table of function pointers,
 * typed by the library's own header, gets their addresses here.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-module"

#include "config.h"

#include <gmodule.h>

#include "hab-module.h"

/**
 * hab_module_load:
 * @variable: an environment variable that names another file in its
 *   place: the tests check what happens when a library cannot be loaded
 * @library: the library's file name (its soname)
 * @symbols: (array length=n_symbols): the functions to find
 * @table: where their addresses go, at each symbol's offset
 * @error: (out): why it failed, in English (from the system)
 *
 * Opens @library and keeps it for the process, with every function of
 * @symbols found.
 *
 * Returns: whether it did; else nothing stays loaded
 */
gboolean
hab_module_load (const char            *variable,
                 const char            *library,
                 const HabModuleSymbol *symbols,
                 guint                  n_symbols,
                 gpointer               table,
                 char                 **error)
{
  const char *name = g_getenv (variable);
  GModule *module;

  if (name == NULL || *name == '\0')
    name = library;

  module = g_module_open (name, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

  if (module == NULL)
    {
      *error = g_strdup (g_module_error ());
      return FALSE;
    }

  for (guint i = 0; i < n_symbols; i++)
    {
      gpointer *address = G_STRUCT_MEMBER_P (table, symbols[i].offset);

      if (!g_module_symbol (module, symbols[i].name, address) || *address == NULL)
        {
          *error = g_strdup_printf ("%s: %s", symbols[i].name, g_module_error ());
          g_module_close (module);
          return FALSE;
        }
    }

  /* Kept for the process: its functions are called from then on. */
  g_module_make_resident (module);
  return TRUE;
}
