/* hab-attachment.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What became of an attached file since it was attached. */
typedef enum
{
  HAB_ATTACHMENT_OK,       /* there, and the same bytes */
  HAB_ATTACHMENT_MISSING,  /* gone, not a regular file, or unreadable */
  HAB_ATTACHMENT_CHANGED,  /* there, but other bytes (size or SHA-256) */
} HabAttachmentState;

JsonNode           *hab_attachment_new_from_file (GFile         *file,
                                                  GFile         *dossier_file,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
GFile              *hab_attachment_resolve       (JsonNode      *attachment,
                                                  GFile         *dossier_file);
HabAttachmentState  hab_attachment_check         (JsonNode      *attachment,
                                                  GFile         *dossier_file);
HabAttachmentState  hab_attachment_check_size    (JsonNode      *attachment,
                                                  GFile         *dossier_file);

gboolean            hab_attachment_is_special    (GFile         *file);

G_END_DECLS
