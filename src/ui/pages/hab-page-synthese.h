/* hab-page-synthese.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-page.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE_SYNTHESE (hab_page_synthese_get_type ())

G_DECLARE_FINAL_TYPE (HabPageSynthese, hab_page_synthese, HAB, PAGE_SYNTHESE, HabPage)

void      hab_page_synthese_export            (HabPageSynthese *self,
                                               GFile           *file,
                                               gboolean         draft);
gboolean  hab_page_synthese_get_exporting     (HabPageSynthese *self);
GFile    *hab_page_synthese_get_exported_file (HabPageSynthese *self);

G_END_DECLS
