/* hab-page-donnees.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_DONNEES (hab_page_donnees_get_type ())

G_DECLARE_FINAL_TYPE (HabPageDonnees, hab_page_donnees, HAB, PAGE_DONNEES, HabPage)

G_END_DECLS
