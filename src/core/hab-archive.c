/* hab-archive.c: libarchive, loaded when the first bundle is written.
 *
 * The bundle is a ZIP written by libarchive. Linked to the programs,
 * libarchive brings eleven libraries with it (libxml2, ICU, libstdc++,
 * nettle and the compressors): 2.2 ms to map and link at every start of
 * `habilitation-cli`, before anything else it does, and 4.9 M instructions
 * of the application's start-up, for what only an export uses. The
 * programs do not link it: the first bundle loads it, in the thread that
 * writes the bundle (in an export of the command line, while the summary
 * is being made in the other), and keeps it.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-archive"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hab-archive.h"
#include "hab-module.h"

/* libarchive 3's, since 2011 (Debian, Fedora, the GNOME runtime). */
#define LIBARCHIVE_SONAME "libarchive.so.13"

static HabArchive functions;
static char *load_error;

#define SYMBOL(field, name) HAB_MODULE_SYMBOL (HabArchive, field, name)

static const HabModuleSymbol symbols[] = {
  SYMBOL (write_new, "archive_write_new"),
  SYMBOL (write_free, "archive_write_free"),
  SYMBOL (write_set_format_zip, "archive_write_set_format_zip"),
  SYMBOL (write_set_options, "archive_write_set_options"),
  SYMBOL (write_set_bytes_in_last_block, "archive_write_set_bytes_in_last_block"),
  SYMBOL (write_open, "archive_write_open"),
  SYMBOL (write_zip_set_compression_store, "archive_write_zip_set_compression_store"),
  SYMBOL (write_zip_set_compression_deflate, "archive_write_zip_set_compression_deflate"),
  SYMBOL (write_header, "archive_write_header"),
  SYMBOL (write_data, "archive_write_data"),
  SYMBOL (write_finish_entry, "archive_write_finish_entry"),
  SYMBOL (write_close, "archive_write_close"),
  SYMBOL (error_string, "archive_error_string"),
  SYMBOL (error_number, "archive_errno"),
  SYMBOL (entry_new, "archive_entry_new"),
  SYMBOL (entry_free, "archive_entry_free"),
  SYMBOL (entry_set_pathname_utf8, "archive_entry_set_pathname_utf8"),
  SYMBOL (entry_set_filetype, "archive_entry_set_filetype"),
  SYMBOL (entry_set_perm, "archive_entry_set_perm"),
  SYMBOL (entry_set_size, "archive_entry_set_size"),
  SYMBOL (entry_set_mtime, "archive_entry_set_mtime"),
  SYMBOL (entry_set_uid, "archive_entry_set_uid"),
  SYMBOL (entry_set_gid, "archive_entry_set_gid"),
};

static gpointer
load (gpointer data)
{
  /* HAB_LIBARCHIVE names another file, for the tests. */
  if (!hab_module_load ("HAB_LIBARCHIVE", LIBARCHIVE_SONAME, symbols, G_N_ELEMENTS (symbols),
                        &functions, &load_error))
    return NULL;

  return &functions;
}

/**
 * hab_archive_get:
 * @error: return location for an error
 *
 * Loads libarchive the first time (thread-safe), and gives its functions.
 *
 * Returns: (transfer none) (nullable): libarchive's functions, or %NULL
 *   with @error set when it cannot be loaded
 */
const HabArchive *
hab_archive_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const HabArchive *archive = g_once (&once, load, NULL);

  if (archive == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %s says why, in English (from the system) */
                 _("The ZIP library (libarchive) cannot be loaded: %s"), load_error);

  return archive;
}
