/* hab-module.h: a library's functions, loaded with GModule.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A function of the library, and where its address goes in the table. */
typedef struct
{
  const char *name;
  gsize       offset;
} HabModuleSymbol;

#define HAB_MODULE_SYMBOL(Table, field, name) { name, G_STRUCT_OFFSET (Table, field) }

gboolean hab_module_load (const char            *variable,
                          const char            *library,
                          const HabModuleSymbol *symbols,
                          guint                  n_symbols,
                          gpointer               table,
                          char                 **error);

G_END_DECLS
