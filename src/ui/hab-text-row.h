/* hab-text-row.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HAB_TYPE_TEXT_ROW (hab_text_row_get_type ())

G_DECLARE_FINAL_TYPE (HabTextRow, hab_text_row, HAB, TEXT_ROW, AdwPreferencesRow)

GtkWidget     *hab_text_row_new        (void);
GtkTextBuffer *hab_text_row_get_buffer (HabTextRow *self);
char          *hab_text_row_dup_text   (HabTextRow *self);
void           hab_text_row_set_text   (HabTextRow *self,
                                        const char *text);
GtkWidget     *hab_text_row_get_view   (HabTextRow *self);

G_END_DECLS
