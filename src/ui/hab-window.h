/* hab-window.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hab-dossier.h"
#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_WINDOW (hab_window_get_type ())

G_DECLARE_FINAL_TYPE (HabWindow, hab_window, HAB, WINDOW, AdwApplicationWindow)

HabWindow  *hab_window_new              (AdwApplication *application);
HabDossier *hab_window_get_dossier      (HabWindow      *self);
void        hab_window_set_dossier      (HabWindow      *self,
                                         HabDossier     *dossier,
                                         gboolean        modified);
gboolean    hab_window_load_file        (HabWindow      *self,
                                         GFile          *file);
gboolean    hab_window_save_to_file     (HabWindow      *self,
                                         GFile          *file);
gboolean    hab_window_get_modified     (HabWindow      *self);
GPtrArray  *hab_window_get_findings     (HabWindow      *self);
HabPage    *hab_window_get_page         (HabWindow      *self,
                                         HabStep         step);
GtkWidget  *hab_window_get_step_row     (HabWindow      *self,
                                         HabStep         step);
void        hab_window_show_step        (HabWindow      *self,
                                         HabStep         step);
gboolean    hab_window_show_field       (HabWindow      *self,
                                         HabStep         step,
                                         const char     *field);
gboolean    hab_window_is_empty         (HabWindow      *self);
void        hab_window_add_toast        (HabWindow      *self,
                                         AdwToast       *toast);
GtkWidget  *hab_window_get_start_page   (HabWindow      *self);
char       *hab_window_get_help_page    (HabWindow      *self);
gboolean    hab_window_offer_move_contacts (HabWindow   *self);
void        hab_window_move_contacts    (HabWindow      *self);
gboolean    hab_window_send_to_dpo      (HabWindow      *self,
                                         GFile          *file);
gboolean    hab_window_import_review    (HabWindow      *self,
                                         GFile          *file);

G_END_DECLS
