/* hab-step-row.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hab-types.h"

G_BEGIN_DECLS

#define HAB_TYPE_STEP_ROW (hab_step_row_get_type ())

G_DECLARE_FINAL_TYPE (HabStepRow, hab_step_row, HAB, STEP_ROW, GtkListBoxRow)

GtkWidget  *hab_step_row_new        (HabStep     step);
HabStep     hab_step_row_get_step   (HabStepRow *self);
void        hab_step_row_set_counts (HabStepRow *self,
                                     guint       n_errors,
                                     guint       n_warnings,
                                     gboolean    applicable);
const char *hab_step_row_get_status (HabStepRow *self);

G_END_DECLS
