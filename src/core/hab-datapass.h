/* hab-datapass.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hab-catalogue.h"
#include "hab-dossier.h"

G_BEGIN_DECLS

#define HAB_DATAPASS_BASE_URL "https://datapass.api.gouv.fr"

const char *hab_datapass_get_form_uid (HabDossier    *dossier,
                                       HabCatalogue  *catalogue,
                                       GError       **error);
char       *hab_datapass_build_url    (HabDossier    *dossier,
                                       HabCatalogue  *catalogue,
                                       GError       **error);
char       *hab_datapass_build_description (HabDossier *dossier);

G_END_DECLS
