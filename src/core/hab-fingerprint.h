/* hab-fingerprint.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hab-dossier.h"

G_BEGIN_DECLS

/* The data fingerprint a DPO approval is bound to (DESIGN §7). */
#define HAB_FINGERPRINT_PREFIX     "sha256:"
#define HAB_FINGERPRINT_HEX_LENGTH 64

char     *hab_fingerprint_canonical_text (HabDossier *dossier);
char     *hab_fingerprint_compute        (HabDossier *dossier);
gboolean  hab_fingerprint_is_valid       (const char *fingerprint);

G_END_DECLS
