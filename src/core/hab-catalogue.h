/* hab-catalogue.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The catalogue is data (data/catalogue/dgfip.json, in the GResource):
 * these structs are read-only views of it, owned by the HabCatalogue. */

typedef struct
{
  const char  *key;
  const char  *label;
} HabModality;

typedef struct
{
  const char  *id;
  const char  *label;
} HabScopeGroup;

typedef struct
{
  const char  *key;
  const char  *label;
  const char  *group;             /* HabScopeGroup.id */
  const char  *deprecated_since;  /* YYYY-MM-DD, or NULL */
  const char  *notes;             /* or NULL */
  const char *const *keywords;    /* words a délibération names it by (lower case, no accents) */
} HabScope;

typedef struct
{
  const char  *id;                /* use_case key, e.g. "cantine_scolaire" */
  const char  *label;             /* e.g. "Cantine scolaire" */
  const char  *form_sandbox;      /* DataPass form uids */
  const char  *form_production;
  const char  *form_editor;
  const char  *legal_basis;       /* "deliberation" or "decret_2022_814" or NULL */
  JsonObject  *prefill;           /* DataPass attribute -> value (string or array) */
  const char *const *usual_scopes;
  const char *const *modalities;  /* pre-selected modalities */
} HabUseCase;

typedef struct
{
  const char  *id;                /* "api_impot_particulier", "api_sfip", "api_sfip_r2p" */
  const char  *label;
  const char  *datapass_definition;
  const char *const *stages;      /* "sandbox", "production" */
  gboolean     has_modalities;
  gboolean     has_scopes;
  gboolean     scopes_required;   /* SFiP: at least one scope */
  GPtrArray   *modalities;        /* HabModality */
  const char *const *forbidden_modalities; /* e.g. with_etat_civil on Impôt particulier */
  GPtrArray   *groups;            /* HabScopeGroup */
  GPtrArray   *scopes;            /* HabScope */
  /* Combination rules (reference/domain.md b.3). */
  const char *const *year_scopes;
  const char  *year_fallback_scope;    /* "…n_moins_2_si_indispo_n_moins_1" */
  const char *const *incompatible_a;
  const char *const *incompatible_b;
  const char  *alone_scope;            /* dgfip_IndLep */
  const gint64 *call_rates;
  guint        n_call_rates;
  GPtrArray   *use_cases;         /* HabUseCase; the first one is "libre" */
} HabApi;

#define HAB_TYPE_CATALOGUE (hab_catalogue_get_type ())

G_DECLARE_FINAL_TYPE (HabCatalogue, hab_catalogue, HAB, CATALOGUE, GObject)

HabCatalogue      *hab_catalogue_get_default        (void);
HabCatalogue      *hab_catalogue_new_from_data      (const char    *data,
                                                     gsize          length,
                                                     GError       **error);
const char        *hab_catalogue_get_version        (HabCatalogue  *self);
GPtrArray         *hab_catalogue_get_apis           (HabCatalogue  *self);
const HabApi      *hab_catalogue_lookup_api         (HabCatalogue  *self,
                                                     const char    *api_id);
const HabScope    *hab_api_lookup_scope             (const HabApi  *api,
                                                     const char    *key);
const HabModality *hab_api_lookup_modality          (const HabApi  *api,
                                                     const char    *key);
const HabUseCase  *hab_api_lookup_use_case          (const HabApi  *api,
                                                     const char    *id);
gboolean           hab_api_is_call_rate_allowed     (const HabApi  *api,
                                                     gint64         rate);
gboolean           hab_api_is_modality_forbidden    (const HabApi  *api,
                                                     const char    *key);
gboolean           hab_use_case_is_usual_scope      (const HabUseCase *use_case,
                                                     const char    *key);

/* E-mail lists (data/catalogue/email.json, reference/domain.md g). */
gboolean           hab_catalogue_is_free_email_domain (HabCatalogue *self,
                                                       const char   *domain);
gboolean           hab_catalogue_is_generic_mailbox   (HabCatalogue *self,
                                                       const char   *local_part);

G_END_DECLS
