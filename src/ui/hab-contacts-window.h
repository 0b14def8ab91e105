/* hab-contacts-window.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hab-contact-store.h"

G_BEGIN_DECLS

#define HAB_TYPE_CONTACTS_WINDOW (hab_contacts_window_get_type ())

G_DECLARE_FINAL_TYPE (HabContactsWindow, hab_contacts_window, HAB, CONTACTS_WINDOW, AdwWindow)

HabContactsWindow *hab_contacts_window_new        (GtkWindow         *parent,
                                                   HabContactStore   *store);
HabContactStore   *hab_contacts_window_get_store  (HabContactsWindow *self);
void               hab_contacts_window_set_role   (HabContactsWindow *self,
                                                   const char        *role,
                                                   const char        *role_title);
const char        *hab_contacts_window_get_role   (HabContactsWindow *self);
void               hab_contacts_window_edit       (HabContactsWindow *self,
                                                   const char        *contact_id);
const char        *hab_contacts_window_get_editing (HabContactsWindow *self);
GtkWidget         *hab_contacts_window_get_list   (HabContactsWindow *self);
GtkWidget         *hab_contacts_window_get_editor_row (HabContactsWindow *self,
                                                       const char        *member);

G_END_DECLS
