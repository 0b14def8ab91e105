/* hab-page-dpo.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_DPO (hab_page_dpo_get_type ())

G_DECLARE_FINAL_TYPE (HabPageDpo, hab_page_dpo, HAB, PAGE_DPO, HabPage)

GtkWidget *hab_page_dpo_get_item_comment_row (HabPageDpo *self,
                                              const char *key);

G_END_DECLS
