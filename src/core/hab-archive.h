/* hab-archive.h: libarchive's functions, loaded on first use.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <glib.h>

G_BEGIN_DECLS

/* The functions of libarchive the bundle uses, with their own prototypes. */
typedef struct
{
  __typeof__ (archive_write_new)                       *write_new;
  __typeof__ (archive_write_free)                      *write_free;
  __typeof__ (archive_write_set_format_zip)            *write_set_format_zip;
  __typeof__ (archive_write_set_options)               *write_set_options;
  __typeof__ (archive_write_set_bytes_in_last_block)   *write_set_bytes_in_last_block;
  __typeof__ (archive_write_open)                      *write_open;
  __typeof__ (archive_write_zip_set_compression_store) *write_zip_set_compression_store;
  __typeof__ (archive_write_zip_set_compression_deflate) *write_zip_set_compression_deflate;
  __typeof__ (archive_write_header)                    *write_header;
  __typeof__ (archive_write_data)                      *write_data;
  __typeof__ (archive_write_finish_entry)              *write_finish_entry;
  __typeof__ (archive_write_close)                     *write_close;
  __typeof__ (archive_error_string)                    *error_string;
  __typeof__ (archive_errno)                           *error_number;
  __typeof__ (archive_entry_new)                       *entry_new;
  __typeof__ (archive_entry_free)                      *entry_free;
  __typeof__ (archive_entry_set_pathname_utf8)         *entry_set_pathname_utf8;
  __typeof__ (archive_entry_set_filetype)              *entry_set_filetype;
  __typeof__ (archive_entry_set_perm)                  *entry_set_perm;
  __typeof__ (archive_entry_set_size)                  *entry_set_size;
  __typeof__ (archive_entry_set_mtime)                 *entry_set_mtime;
  __typeof__ (archive_entry_set_uid)                   *entry_set_uid;
  __typeof__ (archive_entry_set_gid)                   *entry_set_gid;
} HabArchive;

const HabArchive *hab_archive_get (GError **error);

G_END_DECLS
