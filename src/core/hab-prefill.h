/* hab-prefill.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-catalogue.h"
#include "hab-dossier.h"

G_BEGIN_DECLS

HabDossier *hab_dossier_new_for_use_case (HabCatalogue *catalogue,
                                          const char   *api_id,
                                          const char   *use_case_id);
gboolean    hab_dossier_apply_use_case   (HabDossier   *dossier,
                                          HabCatalogue *catalogue,
                                          const char   *api_id,
                                          const char   *use_case_id,
                                          gboolean      overwrite);

G_END_DECLS
