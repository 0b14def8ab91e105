/* hab-page-projet.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_PROJET (hab_page_projet_get_type ())

G_DECLARE_FINAL_TYPE (HabPageProjet, hab_page_projet, HAB, PAGE_PROJET, HabPage)

G_END_DECLS
