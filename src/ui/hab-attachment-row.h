/* hab-attachment-row.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hab-dossier.h"

G_BEGIN_DECLS

typedef enum
{
  HAB_ATTACHMENT_KIND_PDF,          /* legal texts, mock-up, homologation */
  HAB_ATTACHMENT_KIND_SPREADSHEET,  /* specific needs expression */
} HabAttachmentKind;

#define HAB_TYPE_ATTACHMENT_ROW (hab_attachment_row_get_type ())

G_DECLARE_FINAL_TYPE (HabAttachmentRow, hab_attachment_row, HAB, ATTACHMENT_ROW, AdwActionRow)

GtkWidget  *hab_attachment_row_new         (HabAttachmentKind  kind);
void        hab_attachment_row_set_kind    (HabAttachmentRow  *self,
                                            HabAttachmentKind  kind);
void        hab_attachment_row_set_path    (HabAttachmentRow  *self,
                                            const char        *path);
const char *hab_attachment_row_get_path    (HabAttachmentRow  *self);
void        hab_attachment_row_set_dossier (HabAttachmentRow  *self,
                                            HabDossier        *dossier);
void        hab_attachment_row_sync        (HabAttachmentRow  *self);
void        hab_attachment_row_choose      (HabAttachmentRow  *self);
gboolean    hab_attachment_row_attach_file (HabAttachmentRow  *self,
                                            GFile             *file,
                                            GError           **error);

G_END_DECLS
