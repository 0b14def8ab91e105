/* hab-page-securite.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_SECURITE (hab_page_securite_get_type ())

G_DECLARE_FINAL_TYPE (HabPageSecurite, hab_page_securite, HAB, PAGE_SECURITE, HabPage)

G_END_DECLS
