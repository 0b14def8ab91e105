/* hab-title-layout.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HAB_TYPE_TITLE_LAYOUT (hab_title_layout_get_type ())

G_DECLARE_FINAL_TYPE (HabTitleLayout, hab_title_layout, HAB, TITLE_LAYOUT, GtkLayoutManager)

void hab_title_layout_fit (GtkWidget *root);

G_END_DECLS
