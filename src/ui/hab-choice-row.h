/* hab-choice-row.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HAB_TYPE_CHOICE_ROW (hab_choice_row_get_type ())

G_DECLARE_FINAL_TYPE (HabChoiceRow, hab_choice_row, HAB, CHOICE_ROW, AdwActionRow)

GtkWidget  *hab_choice_row_new            (void);
void        hab_choice_row_set_choices    (HabChoiceRow       *self,
                                           const char *const  *labels);
guint       hab_choice_row_get_n_choices  (HabChoiceRow       *self);
guint       hab_choice_row_get_selected   (HabChoiceRow       *self);
void        hab_choice_row_set_selected   (HabChoiceRow       *self,
                                           guint               position);
gboolean    hab_choice_row_get_use_subtitle (HabChoiceRow     *self);
void        hab_choice_row_set_use_subtitle (HabChoiceRow     *self,
                                           gboolean            use_subtitle);
gboolean    hab_choice_row_get_wrap       (HabChoiceRow       *self);
void        hab_choice_row_set_wrap       (HabChoiceRow       *self,
                                           gboolean            wrap);
GtkPopover *hab_choice_row_get_popover    (HabChoiceRow       *self);

G_END_DECLS
