/* hab-rules-parcours.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-validator-private.h"

/* The Parcours step: which API, which stage, who develops, which use case
 * and which access modalities (DESIGN §2.1, reference/domain.md a.1–a.3). */

static const HabRule rules[] = {
  { "parcours.api_missing", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("No DGFiP API is chosen") },
  { "parcours.api_unknown", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("The API in the file is not one of the DGFiP APIs of the catalogue") },
  { "parcours.stage_missing", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("The stage (sandbox or production) is not chosen") },
  { "parcours.stage_unknown", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("The stage is neither sandbox nor production") },
  { "parcours.development_missing", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("The development mode (software editor or in-house) is not chosen") },
  { "parcours.development_unknown", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("The development mode is neither software editor nor in-house") },
  { "parcours.use_case_missing", HAB_SEVERITY_INFO, HAB_STEP_PARCOURS,
    N_("No use case is chosen, so the request will use DataPass’s “Demande libre” form") },
  { "parcours.use_case_unknown", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("The use case is not one that DataPass offers for the chosen API") },
  { "parcours.sandbox_not_validated", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("A production request for in-house software without a validated sandbox request: "
       "DataPass opens the production form only from a validated sandbox request") },
  { "parcours.editor_sandbox", HAB_SEVERITY_INFO, HAB_STEP_PARCOURS,
    N_("A sandbox request with a software editor: if the editor has already validated its "
       "sandbox developments, production can be requested directly") },
  { "parcours.modality_missing", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("No access modality is chosen although the API requires at least one") },
  { "parcours.modality_forbidden", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("A modality the API does not offer, such as access by état civil on API Impôt "
       "particulier (only API SFiP offers it)") },
  { "parcours.modality_unknown", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("A modality that is not in the chosen API’s list") },
  { "parcours.modalities_not_applicable", HAB_SEVERITY_WARNING, HAB_STEP_PARCOURS,
    N_("Access modalities are given for an API that has none (API SFiP): DataPass ignores them") },
  { "parcours.france_connect_id_missing", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("FranceConnect access is chosen without the number of the organisation’s validated "
       "FranceConnect habilitation") },
  { "parcours.france_connect_id_unused", HAB_SEVERITY_INFO, HAB_STEP_PARCOURS,
    N_("A FranceConnect habilitation number is given but FranceConnect access is not chosen") },
  { "parcours.r2p_modality_outside_decret", HAB_SEVERITY_WARNING, HAB_STEP_PARCOURS,
    N_("An R2P search by fiscal number (SPI) or by partial état civil and address is chosen "
       "outside the ordonnateur use case: the R2P terms of use allow them only under décret "
       "n° 2022-814") },
};

#define MODALITY_FRANCE_CONNECT "with_france_connect"
#define LEGAL_BASIS_DECRET      "decret_2022_814"

/* Searches of API SFiP R2P that its terms of use (CGU API SFiP R2P
 * production v4.0 §4, reference/domain.md a.3 and f.3) allow only within
 * décret n° 2022-814, i.e. for an ordonnateur identifying its debtors: the
 * search by fiscal number (SPI) and the search by partial ("dégradé") état
 * civil with address elements. */
static gboolean
is_decret_only_modality (const char *key)
{
  return g_str_equal (key, "with_acces_spi")
         || g_str_equal (key, "with_acces_etat_civil_et_adresse")
         || g_str_has_prefix (key, "with_acces_etat_civil_degrade_adresse");
}

static void
check_modalities (HabCheckContext *ctx)
{
  const HabApi *api = ctx->api;
  JsonArray *modalities = hab_dossier_get_array (ctx->dossier, "parcours.modalities");
  guint n = modalities ? json_array_get_length (modalities) : 0;
  guint n_strings = 0;
  gboolean france_connect = FALSE;
  gboolean decret_use_case;
  const char *fc_id;

  decret_use_case = ctx->use_case != NULL
                    && g_strcmp0 (ctx->use_case->legal_basis, LEGAL_BASIS_DECRET) == 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (modalities, i);
      const char *key;
      char field[64];

      /* Other types are reported by the format family. */
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;

      key = json_node_get_string (node);
      if (_hab_str_blank (key))
        continue;

      n_strings++;
      g_snprintf (field, sizeof field, "parcours.modalities.%u", i);

      if (!api->has_modalities)
        continue;

      if (hab_api_is_modality_forbidden (api, key))
        {
          if (strstr (key, "etat_civil") != NULL)
            _hab_check_add (ctx, "parcours.modality_forbidden", field,
                            _("Access by état civil is not offered on %s: it is available only "
                              "through API Courtier fonctionnel SFiP. Choose access by fiscal "
                              "number (SPI), or choose API SFiP as the API."),
                            api->label);
          else
            _hab_check_add (ctx, "parcours.modality_forbidden", field,
                            _("The modality “%s” is not offered on %s; remove it."),
                            key, api->label);
          continue;
        }

      if (hab_api_lookup_modality (api, key) == NULL)
        {
          _hab_check_add (ctx, "parcours.modality_unknown", field,
                          _("“%s” is not an access modality of %s; choose the modalities again "
                            "from the list."),
                          key, api->label);
          continue;
        }

      if (g_str_equal (key, MODALITY_FRANCE_CONNECT))
        france_connect = TRUE;

      if (g_str_equal (api->id, "api_sfip_r2p") && !decret_use_case
          && is_decret_only_modality (key))
        {
          const HabModality *modality = hab_api_lookup_modality (api, key);

          _hab_check_add (ctx, "parcours.r2p_modality_outside_decret", field,
                          _("The search “%s” is allowed only to an ordonnateur identifying its "
                            "debtors under décret n° 2022-814. Choose the ordonnateur use case "
                            "if that is your case, or another search modality."),
                          modality->label);
        }
    }

  if (!api->has_modalities)
    {
      if (n_strings > 0)
        _hab_check_add (ctx, "parcours.modalities_not_applicable", "parcours.modalities",
                        _("%s has no access modality: with it, searches by état civil go "
                          "through the broker. Remove the modalities."),
                        api->label);
      return;
    }

  if (n_strings == 0)
    _hab_check_add (ctx, "parcours.modality_missing", "parcours.modalities",
                    _("Choose at least one access modality: how your users’ records will be "
                      "looked up in %s."),
                    api->label);

  fc_id = hab_dossier_get_string (ctx->dossier, "parcours.france_connect_authorization_id");
  if (france_connect && _hab_str_blank (fc_id))
    _hab_check_add (ctx, "parcours.france_connect_id_missing",
                    "parcours.france_connect_authorization_id",
                    _("Access with FranceConnect needs an already validated FranceConnect "
                      "habilitation of your organisation. Enter its number, or request a "
                      "FranceConnect habilitation first."));
  else if (!france_connect && !_hab_str_blank (fc_id)
           && hab_api_lookup_modality (api, MODALITY_FRANCE_CONNECT) != NULL)
    _hab_check_add (ctx, "parcours.france_connect_id_unused",
                    "parcours.france_connect_authorization_id",
                    _("A FranceConnect habilitation number is given but access with "
                      "FranceConnect is not chosen; choose that modality or clear the number."));
}

static void
check_parcours (HabCheckContext *ctx)
{
  gboolean stage_ok = FALSE;
  gboolean development_ok = FALSE;

  /* API */
  if (_hab_str_blank (ctx->api_id))
    _hab_check_add (ctx, "parcours.api_missing", "parcours.api",
                    _("Choose the DGFiP API you are asking access to: API Impôt particulier, "
                      "API Courtier fonctionnel SFiP, or its R2P person search."));
  else if (ctx->api == NULL)
    _hab_check_add (ctx, "parcours.api_unknown", "parcours.api",
                    _("“%s” is not a DGFiP API known to this application; choose the API "
                      "again."),
                    ctx->api_id);

  /* Stage */
  if (_hab_str_blank (ctx->stage))
    _hab_check_add (ctx, "parcours.stage_missing", "parcours.stage",
                    _("Choose the stage of the request: sandbox (tests with fictitious data) "
                      "or production (real data)."));
  else
    {
      stage_ok = g_str_equal (ctx->stage, "sandbox") || g_str_equal (ctx->stage, "production");
      if (stage_ok && ctx->api != NULL && ctx->api->stages != NULL)
        stage_ok = g_strv_contains (ctx->api->stages, ctx->stage);

      if (!stage_ok)
        _hab_check_add (ctx, "parcours.stage_unknown", "parcours.stage",
                        _("“%s” is not a stage of the request; choose sandbox or production."),
                        ctx->stage);
    }

  /* Development mode */
  if (_hab_str_blank (ctx->development))
    _hab_check_add (ctx, "parcours.development_missing", "parcours.development",
                    _("Say who develops the software that will call the API: a software "
                      "editor, or your organisation in-house."));
  else
    {
      development_ok = g_str_equal (ctx->development, "editor")
                       || g_str_equal (ctx->development, "in_house");
      if (!development_ok)
        _hab_check_add (ctx, "parcours.development_unknown", "parcours.development",
                        _("“%s” is not a development mode; choose software editor or "
                          "in-house."),
                        ctx->development);
    }

  /* The path from sandbox to production (reference/domain.md a.0, h.1). */
  if (stage_ok && development_ok)
    {
      if (ctx->production && !ctx->editor_mode)
        {
          gboolean validated = FALSE;

          if (!hab_dossier_get_boolean (ctx->dossier, "parcours.sandbox_validated", &validated)
              || !validated)
            _hab_check_add (ctx, "parcours.sandbox_not_validated", "parcours.sandbox_validated",
                            _("Software developed in-house must first go through the sandbox: "
                              "DataPass offers the production form only from a validated "
                              "sandbox request. Request the sandbox first, or confirm that your "
                              "sandbox request was validated."));
        }
      else if (!ctx->production && ctx->editor_mode)
        _hab_check_add (ctx, "parcours.editor_sandbox", "parcours.stage",
                        _("If your software editor has already finished and validated its "
                          "developments in the sandbox of this API, you can request production "
                          "directly (DataPass form “avec éditeur”). Otherwise, keep the sandbox "
                          "request."));
    }

  if (ctx->api == NULL)
    return;

  /* Use case */
  if (_hab_str_blank (ctx->use_case_id))
    _hab_check_add (ctx, "parcours.use_case_missing", "parcours.use_case",
                    _("No use case is chosen: the request will use the “Demande libre” form. "
                      "If your project is one of the use cases offered for %s, choose it so "
                      "that DataPass pre-fills the form."),
                    ctx->api->label);
  else if (ctx->use_case == NULL)
    _hab_check_add (ctx, "parcours.use_case_unknown", "parcours.use_case",
                    _("“%s” is not a use case of %s; choose the use case again from the list, "
                      "or “Demande libre”."),
                    ctx->use_case_id, ctx->api->label);

  check_modalities (ctx);
}

HAB_DEFINE_RULE_FAMILY (parcours, rules, check_parcours);
