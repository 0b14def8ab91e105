/* hab-sha256-private.h: for the tests only.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether this processor has the SHA instructions hab-sha256.c uses. */
gboolean hab_sha256_has_instructions (void);

/* FALSE: the portable rounds even where the instructions are, so that the
 * tests compare both with GLib's. */
void     hab_sha256_set_instructions (gboolean use);

G_END_DECLS
