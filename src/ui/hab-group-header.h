/* hab-group-header.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void hab_group_header_fit      (AdwPreferencesGroup *group);
void hab_group_header_fit_all  (GtkWidget           *root);
void hab_group_header_set_description
                               (AdwPreferencesGroup *group,
                                const char          *description);

G_END_DECLS
