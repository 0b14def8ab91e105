/* hab-page-cadre-juridique.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_CADRE_JURIDIQUE (hab_page_cadre_juridique_get_type ())

G_DECLARE_FINAL_TYPE (HabPageCadreJuridique, hab_page_cadre_juridique, HAB, PAGE_CADRE_JURIDIQUE, HabPage)

G_END_DECLS
