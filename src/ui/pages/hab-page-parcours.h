/* hab-page-parcours.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_PARCOURS (hab_page_parcours_get_type ())

G_DECLARE_FINAL_TYPE (HabPageParcours, hab_page_parcours, HAB, PAGE_PARCOURS, HabPage)

G_END_DECLS
