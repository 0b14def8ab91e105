/* hab-page-acteurs.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_ACTEURS (hab_page_acteurs_get_type ())

G_DECLARE_FINAL_TYPE (HabPageActeurs, hab_page_acteurs, HAB, PAGE_ACTEURS, HabPage)

G_END_DECLS
