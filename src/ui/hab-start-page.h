/* hab-start-page.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HAB_TYPE_START_PAGE (hab_start_page_get_type ())

G_DECLARE_FINAL_TYPE (HabStartPage, hab_start_page, HAB, START_PAGE, AdwBin)

void  hab_start_page_reload            (HabStartPage *self);
guint hab_start_page_get_n_recoveries (HabStartPage *self);

G_END_DECLS
