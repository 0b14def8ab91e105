/* hab-page-editeur.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_EDITEUR (hab_page_editeur_get_type ())

G_DECLARE_FINAL_TYPE (HabPageEditeur, hab_page_editeur, HAB, PAGE_EDITEUR, HabPage)

G_END_DECLS
