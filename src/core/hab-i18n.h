/* hab-i18n.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  hab_i18n_init        (void);
char *hab_format_long_date (guint year,
                            guint month,
                            guint day);

G_END_DECLS
