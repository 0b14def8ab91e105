/* hab-recovery.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hab-dossier.h"

G_BEGIN_DECLS

/* The top-level member of a recovery copy naming the dossier's own file. */
#define HAB_RECOVERY_SOURCE_MEMBER "recovery_source"

#define HAB_TYPE_RECOVERY_ENTRY (hab_recovery_entry_get_type ())

G_DECLARE_FINAL_TYPE (HabRecoveryEntry, hab_recovery_entry, HAB, RECOVERY_ENTRY, GObject)

GFile       *hab_recovery_entry_get_file     (HabRecoveryEntry  *self);
GFile       *hab_recovery_entry_get_source   (HabRecoveryEntry  *self);
const char  *hab_recovery_entry_get_title    (HabRecoveryEntry  *self);
GDateTime   *hab_recovery_entry_get_modified (HabRecoveryEntry  *self);

GFile       *hab_recovery_get_folder         (void);
gboolean     hab_recovery_save               (HabDossier        *dossier,
                                              GError           **error);
void         hab_recovery_discard            (HabDossier        *dossier);
GPtrArray   *hab_recovery_list               (void);
HabDossier  *hab_recovery_load               (HabRecoveryEntry  *entry,
                                              GError           **error);

G_END_DECLS
