/* hab-validator.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hab-catalogue.h"
#include "hab-contact.h"
#include "hab-dossier.h"
#include "hab-finding.h"

G_BEGIN_DECLS

#define HAB_TYPE_VALIDATOR (hab_validator_get_type ())

G_DECLARE_FINAL_TYPE (HabValidator, hab_validator, HAB, VALIDATOR, GObject)

HabValidator *hab_validator_new                (HabCatalogue          *catalogue);
void          hab_validator_set_today          (HabValidator          *self,
                                                const GDate           *today);
void          hab_validator_set_contact_lookup (HabValidator          *self,
                                                HabContactLookupFunc   func,
                                                gpointer               user_data,
                                                GDestroyNotify         destroy);
GPtrArray    *hab_validator_validate           (HabValidator          *self,
                                                HabDossier            *dossier);

void          hab_findings_count               (GPtrArray             *findings,
                                                guint                 *n_errors,
                                                guint                 *n_warnings,
                                                guint                 *n_infos);

G_END_DECLS
