/* hab-page-layout.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_LAYOUT (hab_page_layout_get_type ())

G_DECLARE_FINAL_TYPE (HabPageLayout, hab_page_layout, HAB, PAGE_LAYOUT, GtkLayoutManager)

G_END_DECLS
