/* test-catalogue.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "hab-catalogue.h"

/* reference/domain.md b.1: the 40 keys of Impôt particulier and SFiP. */
static const char *const all_scope_keys[] = {
  "dgfip_annee_n_moins_1",
  "dgfip_annee_n_moins_2",
  "dgfip_annee_n_moins_3",
  "dgfip_annee_n_moins_2_si_indispo_n_moins_1",
  "dgfip_nmUsaDec1",
  "dgfip_nmNaiDec1",
  "dgfip_prnmDec1",
  "dgfip_dateNaisDec1",
  "dgfip_nmUsaDec2",
  "dgfip_nmNaiDec2",
  "dgfip_prnmDec2",
  "dgfip_dateNaisDec2",
  "dgfip_aft",
  "dgfip_sitfam",
  "dgfip_nbpart",
  "dgfip_pac_nbPac",
  "dgfip_pac",
  "dgfip_pariso",
  "dgfip_annee_df_au_3112_si_deces_ctb_mp",
  "dgfip_rfr",
  "dgfip_mntRevbareme",
  "dgfip_inddeficit",
  "dgfip_indiIFI",
  "dgfip_rbg",
  "dgfip_RevDecl_Cat1_Tspr",
  "dgfip_RevDecl_Cat1_RentOn",
  "dgfip_RevDecl_Cat2_Rcm",
  "dgfip_RevDecl_Cat3_PMV",
  "dgfip_RevDecl_Cat4_Ref",
  "dgfip_RevDecl_Cat5_NonSal",
  "dgfip_RevNets_Cat1_Tspr",
  "dgfip_RevNets_Cat1_RentOn",
  "dgfip_RevNets_Cat2_Rcm",
  "dgfip_RevNets_Cat3_PMV",
  "dgfip_RevNets_Cat4_Ref",
  "dgfip_RevNets_Cat5_NonSal",
  "dgfip_PaDeduc_EnfMaj",
  "dgfip_PaDeduc_Autres",
  "dgfip_EpargRetrDeduc",
  "dgfip_IndLep",
};

/* reference/domain.md b.2: deprecated since 2025-05-20. */
static const char *const deprecated_scope_keys[] = {
  "dgfip_RevDecl_Cat1_Tspr",
  "dgfip_RevDecl_Cat1_RentOn",
  "dgfip_RevDecl_Cat2_Rcm",
  "dgfip_RevDecl_Cat3_PMV",
  "dgfip_RevDecl_Cat4_Ref",
  "dgfip_RevDecl_Cat5_NonSal",
  "dgfip_RevNets_Cat1_Tspr",
  "dgfip_RevNets_Cat1_RentOn",
  "dgfip_RevNets_Cat2_Rcm",
  "dgfip_RevNets_Cat3_PMV",
  "dgfip_RevNets_Cat4_Ref",
  "dgfip_RevNets_Cat5_NonSal",
  "dgfip_PaDeduc_EnfMaj",
  "dgfip_PaDeduc_Autres",
  "dgfip_EpargRetrDeduc",
};

/* reference/domain.md a.3: the R2P modalities. */
static const char *const r2p_modality_keys[] = {
  "with_acces_etat_civil",
  "with_acces_spi",
  "with_acces_etat_civil_et_adresse",
  "with_acces_etat_civil_restitution_spi",
  "with_acces_etat_civil_complet_adresse",
  "with_acces_etat_civil_degrade_adresse",
  "with_acces_etat_civil_complet_restitution_complet_adresse_cp_coordonnées",
  "with_acces_etat_civil_degrade_adresse_restitution_complet_adresse_cp_coordonnées",
};

/* reference/domain.md c.1, plus the generic form first. */
static const char *const fiscal_use_cases[] = {
  "libre",
  "cantine_scolaire",
  "place_creche",
  "activites_periscolaires",
  "stationnement_residentiel",
  "subventions_associations",
  "carte_transport",
};

/* reference/domain.md c.2, plus the generic form first. */
static const char *const r2p_use_cases[] = {
  "libre",
  "ordonnateur",
  "appel_api_impot_particulier",
};

static HabCatalogue *
catalogue (void)
{
  HabCatalogue *self = hab_catalogue_get_default ();

  g_assert_true (HAB_IS_CATALOGUE (self));
  return self;
}

static const HabApi *
api (const char *id)
{
  const HabApi *found = hab_catalogue_lookup_api (catalogue (), id);

  g_assert_nonnull (found);
  g_assert_cmpstr (found->id, ==, id);
  return found;
}

static void
test_apis (void)
{
  GPtrArray *apis = hab_catalogue_get_apis (catalogue ());

  g_assert_cmpstr (hab_catalogue_get_version (catalogue ()), ==, "2026-11");
  g_assert_cmpuint (apis->len, ==, 3);
  g_assert_cmpstr (((HabApi *) g_ptr_array_index (apis, 0))->id, ==, "api_impot_particulier");
  g_assert_cmpstr (((HabApi *) g_ptr_array_index (apis, 1))->id, ==, "api_sfip");
  g_assert_cmpstr (((HabApi *) g_ptr_array_index (apis, 2))->id, ==, "api_sfip_r2p");
  g_assert_null (hab_catalogue_lookup_api (catalogue (), "api_particulier"));
  g_assert_null (hab_catalogue_lookup_api (catalogue (), NULL));

  for (guint i = 0; i < apis->len; i++)
    {
      const HabApi *a = g_ptr_array_index (apis, i);

      g_assert_cmpstr (a->datapass_definition, ==, a->id);
      g_assert_nonnull (a->label);
      g_assert_cmpuint (g_strv_length ((char **) a->stages), ==, 2);
      g_assert_cmpstr (a->stages[0], ==, "sandbox");
      g_assert_cmpstr (a->stages[1], ==, "production");
    }

  g_assert_cmpstr (api ("api_impot_particulier")->label, ==, "API Impôt particulier");
  g_assert_cmpstr (api ("api_sfip")->label, ==, "API Courtier fonctionnel SFiP");
}

static void
check_fiscal_scopes (const HabApi *a)
{
  guint n_deprecated = 0;

  g_assert_true (a->has_scopes);
  g_assert_cmpuint (a->scopes->len, ==, G_N_ELEMENTS (all_scope_keys));
  g_assert_cmpuint (a->scopes->len, ==, 40);

  for (guint i = 0; i < G_N_ELEMENTS (all_scope_keys); i++)
    {
      const HabScope *scope = hab_api_lookup_scope (a, all_scope_keys[i]);
      gboolean deprecated = g_strv_contains (deprecated_scope_keys, all_scope_keys[i]);

      g_assert_nonnull (scope);
      g_assert_cmpstr (scope->key, ==, all_scope_keys[i]);
      g_assert_nonnull (scope->label);
      g_assert_nonnull (scope->keywords);
      g_assert_nonnull (scope->keywords[0]);
      if (deprecated)
        g_assert_cmpstr (scope->deprecated_since, ==, "2025-05-20");
      else
        g_assert_null (scope->deprecated_since);
    }

  for (guint i = 0; i < a->scopes->len; i++)
    {
      const HabScope *scope = g_ptr_array_index (a->scopes, i);
      gboolean group_found = FALSE;

      if (scope->deprecated_since != NULL)
        n_deprecated++;

      for (guint j = 0; j < a->groups->len; j++)
        if (g_strcmp0 (((HabScopeGroup *) g_ptr_array_index (a->groups, j))->id,
                       scope->group) == 0)
          group_found = TRUE;
      g_assert_true (group_found);

      /* Keywords are lower case, without accents. */
      for (guint j = 0; scope->keywords[j] != NULL; j++)
        {
          const char *keyword = scope->keywords[j];
          g_autofree char *lower = g_utf8_strdown (keyword, -1);

          g_assert_true (g_str_is_ascii (keyword));
          g_assert_cmpstr (keyword, ==, lower);
        }
    }

  g_assert_cmpuint (n_deprecated, ==, G_N_ELEMENTS (deprecated_scope_keys));
  g_assert_cmpuint (a->scopes->len - n_deprecated, ==, 25);

  g_assert_cmpstr (hab_api_lookup_scope (a, "dgfip_rfr")->label, ==,
                   "Revenu fiscal de référence");
  g_assert_true (g_strv_contains (hab_api_lookup_scope (a, "dgfip_rfr")->keywords, "rfr"));
  g_assert_null (hab_api_lookup_scope (a, "dgfip_nope"));
  g_assert_null (hab_api_lookup_scope (a, NULL));
}

static void
test_scopes (void)
{
  check_fiscal_scopes (api ("api_impot_particulier"));
  check_fiscal_scopes (api ("api_sfip"));

  g_assert_false (api ("api_sfip_r2p")->has_scopes);
  g_assert_cmpuint (api ("api_sfip_r2p")->scopes->len, ==, 0);
  g_assert_null (hab_api_lookup_scope (api ("api_sfip_r2p"), "dgfip_rfr"));
}

static void
test_combination (void)
{
  const char *const fallback = "dgfip_annee_n_moins_2_si_indispo_n_moins_1";
  const HabApi *apis[] = { api ("api_impot_particulier"), api ("api_sfip") };

  for (guint i = 0; i < G_N_ELEMENTS (apis); i++)
    {
      const HabApi *a = apis[i];

      g_assert_cmpuint (g_strv_length ((char **) a->year_scopes), ==, 4);
      g_assert_true (g_strv_contains (a->year_scopes, "dgfip_annee_n_moins_1"));
      g_assert_true (g_strv_contains (a->year_scopes, "dgfip_annee_n_moins_2"));
      g_assert_true (g_strv_contains (a->year_scopes, "dgfip_annee_n_moins_3"));
      g_assert_true (g_strv_contains (a->year_scopes, fallback));
      g_assert_cmpstr (a->year_fallback_scope, ==, fallback);

      g_assert_cmpuint (g_strv_length ((char **) a->incompatible_a), ==, 2);
      g_assert_true (g_strv_contains (a->incompatible_a, fallback));
      g_assert_true (g_strv_contains (a->incompatible_a,
                                      "dgfip_annee_df_au_3112_si_deces_ctb_mp"));
      g_assert_cmpuint (g_strv_length ((char **) a->incompatible_b), ==, 2);
      g_assert_true (g_strv_contains (a->incompatible_b, "dgfip_indiIFI"));
      g_assert_true (g_strv_contains (a->incompatible_b, "dgfip_IndLep"));
      g_assert_cmpstr (a->alone_scope, ==, "dgfip_IndLep");
    }

  g_assert_null (api ("api_sfip_r2p")->year_scopes[0]);
  g_assert_null (api ("api_sfip_r2p")->alone_scope);
}

static void
test_modalities (void)
{
  const HabApi *ip = api ("api_impot_particulier");
  const HabApi *sfip = api ("api_sfip");
  const HabApi *r2p = api ("api_sfip_r2p");

  /* Impôt particulier: FranceConnect or SPI; the état civil is SFiP's. */
  g_assert_true (ip->has_modalities);
  g_assert_cmpuint (ip->modalities->len, ==, 2);
  g_assert_cmpstr (hab_api_lookup_modality (ip, "with_france_connect")->label, ==,
                   "Avec FranceConnect");
  g_assert_cmpstr (hab_api_lookup_modality (ip, "with_spi")->label, ==,
                   "Via le numéro fiscal (SPI)");
  g_assert_null (hab_api_lookup_modality (ip, "with_etat_civil"));
  g_assert_true (hab_api_is_modality_forbidden (ip, "with_etat_civil"));
  g_assert_false (hab_api_is_modality_forbidden (ip, "with_spi"));
  g_assert_false (hab_api_is_modality_forbidden (ip, NULL));
  g_assert_false (ip->scopes_required);

  /* SFiP: no modality step, scopes required. */
  g_assert_false (sfip->has_modalities);
  g_assert_cmpuint (sfip->modalities->len, ==, 0);
  g_assert_true (sfip->scopes_required);
  g_assert_false (hab_api_is_modality_forbidden (sfip, "with_etat_civil"));

  /* R2P: the eight modalities. */
  g_assert_true (r2p->has_modalities);
  g_assert_cmpuint (r2p->modalities->len, ==, G_N_ELEMENTS (r2p_modality_keys));
  for (guint i = 0; i < G_N_ELEMENTS (r2p_modality_keys); i++)
    {
      const HabModality *modality = g_ptr_array_index (r2p->modalities, i);

      g_assert_cmpstr (modality->key, ==, r2p_modality_keys[i]);
      g_assert_true (hab_api_lookup_modality (r2p, r2p_modality_keys[i]) == modality);
      g_assert_true (g_str_has_prefix (modality->label, "Recherche par "));
    }
  g_assert_false (r2p->scopes_required);
}

static void
test_call_rates (void)
{
  static const gint64 fiscal_rates[] = { 50, 100, 200, 500, 750, 1000 };
  static const gint64 r2p_rates[] = { 50, 200, 1000 };
  const HabApi *fiscal[] = { api ("api_impot_particulier"), api ("api_sfip") };
  const HabApi *r2p = api ("api_sfip_r2p");

  for (guint i = 0; i < G_N_ELEMENTS (fiscal); i++)
    {
      g_assert_cmpmem (fiscal[i]->call_rates, fiscal[i]->n_call_rates * sizeof (gint64),
                       fiscal_rates, sizeof fiscal_rates);
      g_assert_true (hab_api_is_call_rate_allowed (fiscal[i], 750));
      g_assert_false (hab_api_is_call_rate_allowed (fiscal[i], 700));
      g_assert_false (hab_api_is_call_rate_allowed (fiscal[i], 0));
    }

  g_assert_cmpmem (r2p->call_rates, r2p->n_call_rates * sizeof (gint64),
                   r2p_rates, sizeof r2p_rates);
  g_assert_true (hab_api_is_call_rate_allowed (r2p, 200));
  g_assert_false (hab_api_is_call_rate_allowed (r2p, 100));
}

static void
check_use_case_ids (const HabApi      *a,
                    const char *const *ids,
                    guint              n_ids)
{
  g_assert_cmpuint (a->use_cases->len, ==, n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      const HabUseCase *use_case = g_ptr_array_index (a->use_cases, i);

      g_assert_cmpstr (use_case->id, ==, ids[i]);
      g_assert_true (hab_api_lookup_use_case (a, ids[i]) == use_case);
      g_assert_nonnull (use_case->label);
      g_assert_nonnull (use_case->prefill);
      g_assert_true (g_str_has_suffix (use_case->form_sandbox, "-sandbox"));
      g_assert_true (g_str_has_suffix (use_case->form_production, "-production"));
      g_assert_true (g_str_has_suffix (use_case->form_editor, "editeur"));

      /* Every usual scope exists and is still selectable. */
      for (guint j = 0; use_case->usual_scopes[j] != NULL; j++)
        {
          const HabScope *scope = hab_api_lookup_scope (a, use_case->usual_scopes[j]);

          g_assert_nonnull (scope);
          g_assert_null (scope->deprecated_since);
          g_assert_true (hab_use_case_is_usual_scope (use_case, scope->key));
        }

      /* Every pre-selected modality is offered. */
      for (guint j = 0; use_case->modalities[j] != NULL; j++)
        g_assert_nonnull (hab_api_lookup_modality (a, use_case->modalities[j]));
    }

  g_assert_null (hab_api_lookup_use_case (a, "nope"));
  g_assert_null (hab_api_lookup_use_case (a, NULL));
}

static void
test_use_cases (void)
{
  const HabApi *ip = api ("api_impot_particulier");
  const HabApi *sfip = api ("api_sfip");
  const HabApi *r2p = api ("api_sfip_r2p");
  const HabUseCase *use_case;

  check_use_case_ids (ip, fiscal_use_cases, G_N_ELEMENTS (fiscal_use_cases));
  check_use_case_ids (sfip, fiscal_use_cases, G_N_ELEMENTS (fiscal_use_cases));
  check_use_case_ids (r2p, r2p_use_cases, G_N_ELEMENTS (r2p_use_cases));

  use_case = hab_api_lookup_use_case (ip, "libre");
  g_assert_cmpstr (use_case->label, ==, "Demande libre");
  g_assert_cmpstr (use_case->form_sandbox, ==, "api-impot-particulier-sandbox");
  g_assert_cmpstr (use_case->form_production, ==, "api-impot-particulier-production");
  g_assert_cmpstr (use_case->form_editor, ==, "api-impot-particulier-production-editeur");
  g_assert_null (use_case->legal_basis);

  use_case = hab_api_lookup_use_case (ip, "cantine_scolaire");
  g_assert_cmpstr (use_case->label, ==, "Cantine scolaire");
  g_assert_cmpstr (use_case->form_sandbox, ==, "api-impot-particulier-cantine-scolaire-sandbox");
  g_assert_cmpstr (use_case->form_production, ==,
                   "api-impot-particulier-cantine-scolaire-production");
  g_assert_cmpstr (use_case->form_editor, ==, "api-impot-particulier-cantine-scolaire-editeur");
  g_assert_cmpstr (use_case->legal_basis, ==, "deliberation");
  g_assert_true (hab_use_case_is_usual_scope (use_case, "dgfip_rfr"));
  g_assert_true (hab_use_case_is_usual_scope (use_case, "dgfip_nbpart"));
  g_assert_false (hab_use_case_is_usual_scope (use_case, "dgfip_indiIFI"));
  g_assert_false (hab_use_case_is_usual_scope (use_case, NULL));

  use_case = hab_api_lookup_use_case (sfip, "cantine_scolaire");
  g_assert_cmpstr (use_case->form_sandbox, ==, "api-sfip-cantine-scolaire-sandbox");
  g_assert_cmpstr (use_case->form_production, ==, "api-sfip-cantine-scolaire-production");
  g_assert_cmpstr (use_case->form_editor, ==, "api-sfip-cantine-scolaire-editeur");

  use_case = hab_api_lookup_use_case (ip, "subventions_associations");
  g_assert_cmpstr (use_case->label, ==, "Aides sociales facultatives");
  g_assert_cmpstr (use_case->form_sandbox, ==,
                   "api-impot-particulier-aides-sociales-facultatives-sandbox");

  use_case = hab_api_lookup_use_case (r2p, "ordonnateur");
  g_assert_cmpstr (use_case->form_sandbox, ==, "api-sfip-r2p-ordonnateur-sandbox");
  g_assert_cmpstr (use_case->form_production, ==, "api-sfip-r2p-ordonnateur-production");
  g_assert_cmpstr (use_case->form_editor, ==, "api-sfip-r2p-ordonnateur-production-editeur");
  g_assert_cmpstr (use_case->legal_basis, ==, "decret_2022_814");
  g_assert_cmpuint (g_strv_length ((char **) use_case->modalities), ==, 3);
  g_assert_true (g_strv_contains (use_case->modalities, "with_acces_etat_civil"));
  g_assert_true (g_strv_contains (use_case->modalities, "with_acces_spi"));
  g_assert_true (g_strv_contains (use_case->modalities, "with_acces_etat_civil_et_adresse"));
  g_assert_null (use_case->usual_scopes[0]);

  use_case = hab_api_lookup_use_case (r2p, "appel_api_impot_particulier");
  g_assert_cmpstr (use_case->form_sandbox, ==, "api-sfip-r2p-appel-spi-sandbox");
  g_assert_null (use_case->legal_basis);
  g_assert_cmpuint (g_strv_length ((char **) use_case->modalities), ==, 1);
  g_assert_cmpstr (use_case->modalities[0], ==, "with_acces_etat_civil_restitution_spi");

  use_case = hab_api_lookup_use_case (r2p, "libre");
  g_assert_cmpstr (use_case->form_editor, ==, "api-sfip-r2p-production-editeur");
}

static void
test_prefill (void)
{
  const HabApi *fiscal[] = { api ("api_impot_particulier"), api ("api_sfip") };
  const HabUseCase *use_case;
  const char *nature;
  JsonArray *modalities;

  for (guint i = 0; i < G_N_ELEMENTS (fiscal); i++)
    for (guint j = 1; j < fiscal[i]->use_cases->len; j++)
      {
        JsonObject *prefill;
        const char *description;

        use_case = g_ptr_array_index (fiscal[i]->use_cases, j);
        prefill = use_case->prefill;
        description = json_object_get_string_member (prefill, "description");

        g_assert_true (g_str_has_prefix (json_object_get_string_member (prefill, "intitule"),
                                         "Dites-le"));
        g_assert_true (g_str_has_prefix (description, "Simplification "));
        g_assert_nonnull (strstr (description, "DGFiP"));
        g_assert_true (g_str_has_suffix (description, "(A compléter par le demandeur)"));
        g_assert_true (g_str_has_prefix (
          json_object_get_string_member (prefill, "destinataire_donnees_caractere_personnel"),
          "Agents instructeurs des demandes "));
        nature = json_object_get_string_member (prefill, "cadre_juridique_nature");
        g_assert_nonnull (strstr (nature, "2016/679"));
        g_assert_nonnull (strstr (nature, "L. 114-8"));
        g_assert_nonnull (strstr (nature, "Délibération de la collectivité"));
      }

  use_case = hab_api_lookup_use_case (api ("api_impot_particulier"), "cantine_scolaire");
  g_assert_cmpstr (json_object_get_string_member (use_case->prefill, "intitule"), ==,
                   "Dites-le-nous une fois – Cantine scolaire");
  g_assert_cmpstr (json_object_get_string_member (use_case->prefill,
                                                  "destinataire_donnees_caractere_personnel"),
                   ==, "Agents instructeurs des demandes de souscription à la cantine scolaire");

  use_case = hab_api_lookup_use_case (api ("api_sfip_r2p"), "ordonnateur");
  g_assert_cmpstr (json_object_get_string_member (use_case->prefill, "intitule"), ==,
                   "Ordonnateur (fiabilisation des bases tiers des collectivités)");
  nature = json_object_get_string_member (use_case->prefill, "cadre_juridique_nature");
  g_assert_true (g_str_has_prefix (nature, "Décret n° 2022-814 du 16 mai 2022 "));
  g_assert_nonnull (strstr (nature, "L. 135 ZN du livre des procédures fiscales"));
  g_assert_cmpstr (json_object_get_string_member (use_case->prefill, "cadre_juridique_url"), ==,
                   "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045802934");
  modalities = json_object_get_array_member (use_case->prefill, "modalities");
  g_assert_cmpuint (json_array_get_length (modalities), ==, 3);

  use_case = hab_api_lookup_use_case (api ("api_impot_particulier"), "libre");
  g_assert_cmpuint (json_object_get_size (use_case->prefill), ==, 0);
}

static void
test_free_domains (void)
{
  static const char *const free_domains[] = {
    "gmail.com", "orange.fr", "wanadoo.fr", "sfr.fr", "neuf.fr", "free.fr", "laposte.net",
    "outlook.com", "aol.com", "yopmail.com", "bbox.fr", "club-internet.fr",
    "mail.orange.fr", "GMAIL.COM", "Orange.FR", "gmail.com.",
  };
  static const char *const other_domains[] = {
    "beta.gouv.fr", "villeneuve.fr", "mairie-villeneuve.fr", "dgfip.finances.gouv.fr",
    "orange.fr.example.com", "myorange.fr", "fr", "", ".",
  };

  for (guint i = 0; i < G_N_ELEMENTS (free_domains); i++)
    if (!hab_catalogue_is_free_email_domain (catalogue (), free_domains[i]))
      g_error ("“%s” should be a free domain", free_domains[i]);

  for (guint i = 0; i < G_N_ELEMENTS (other_domains); i++)
    if (hab_catalogue_is_free_email_domain (catalogue (), other_domains[i]))
      g_error ("“%s” should not be a free domain", other_domains[i]);

  g_assert_false (hab_catalogue_is_free_email_domain (catalogue (), NULL));
}

static void
test_generic_mailbox (void)
{
  static const char *const generic[] = {
    "mairie", "accueil.mairie", "contact", "secretariat-mairie", "dgs", "rh", "informatique",
    "Mairie", "ACCUEIL", "secrétariat", "comptabilité", "Secrétariat.Général",
    "contact2", "rh_villeneuve", "no-reply", "noreply", "info+datapass", "etat-civil",
    "accueilmairie", "contactmairie", "mairiedevilleneuve", "villeneuvemairie.accueil",
    "services-techniques", "ccas.villeneuve", "dgs.villeneuve",
  };
  static const char *const nominative[] = {
    "jeanne.martin", "j.martin", "awa.diallo", "Jeanne.Martin", "paul-durand", "luc_bernard2",
    "jmartin", "villeneuve", "lemaire", "jean.lemaire", "mailys.dupont", "mairesse",
    "delaville", "marie.contant", "francoise.d",
  };

  for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
    if (!hab_catalogue_is_generic_mailbox (catalogue (), generic[i]))
      g_error ("“%s” should be generic", generic[i]);

  for (guint i = 0; i < G_N_ELEMENTS (nominative); i++)
    if (hab_catalogue_is_generic_mailbox (catalogue (), nominative[i]))
      g_error ("“%s” should be nominative", nominative[i]);

  g_assert_false (hab_catalogue_is_generic_mailbox (catalogue (), ""));
  g_assert_false (hab_catalogue_is_generic_mailbox (catalogue (), "1234"));
  g_assert_false (hab_catalogue_is_generic_mailbox (catalogue (), NULL));
}

static char *
read_dgfip_json (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data ("/io/github/habilitation/Habilitation/catalogue/dgfip.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Replaces the first occurrence of from by to. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
test_new_from_data (void)
{
  g_autofree char *text = read_dgfip_json ();
  g_autoptr(HabCatalogue) copy = NULL;
  g_autoptr(GError) error = NULL;
  static const struct
  {
    const char *from;
    const char *to;
  } breakages[] = {
    { "\"catalogue_version\": \"2026-11\"", "\"catalogue_version\": 2026" },
    { "\"group\": \"annees\"", "\"group\": \"nope\"" },
    { "\"key\": \"dgfip_annee_n_moins_2\"", "\"key\": \"dgfip_annee_n_moins_1\"" },
    { "\"deprecated_since\": \"2025-05-20\"", "\"deprecated_since\": \"2025-02-30\"" },
    { "\"usual_scopes\": [\n", "\"usual_scopes\": [\n\"dgfip_RevDecl_Cat1_Tspr\",\n" },
    { "\"alone_scope\": \"dgfip_IndLep\"", "\"alone_scope\": \"dgfip_nope\"" },
    { "\"id\": \"libre\"", "\"id\": \"free\"" },
    { "\"call_rates\": [\n        50,", "\"call_rates\": [\n        \"50\"," },
    { "\"has_scopes\": true", "\"has_scopes\": \"yes\"" },
    { "\"with_france_connect\"", "\"with_etat_civil\"" },
  };

  /* The bundled text loads as a new, separate catalogue. */
  copy = hab_catalogue_new_from_data (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (copy != hab_catalogue_get_default ());
  g_assert_cmpstr (hab_catalogue_get_version (copy), ==, "2026-11");
  g_assert_true (hab_catalogue_is_free_email_domain (copy, "gmail.com"));
  g_clear_object (&copy);

  /* Nul-terminated. */
  copy = hab_catalogue_new_from_data (text, (gsize) -1, &error);
  g_assert_no_error (error);
  g_clear_object (&copy);

  /* Not JSON at all. */
  copy = hab_catalogue_new_from_data ("{ \"apis\": [", (gsize) -1, &error);
  g_assert_null (copy);
  g_assert_nonnull (error);
  g_clear_error (&error);

  copy = hab_catalogue_new_from_data ("[]", (gsize) -1, &error);
  g_assert_null (copy);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Valid JSON, broken catalogue. */
  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *broken = replace_once (text, breakages[i].from, breakages[i].to);

      copy = hab_catalogue_new_from_data (broken, (gsize) -1, &error);
      if (copy != NULL)
        g_error ("replacing “%s” should break the catalogue", breakages[i].from);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }
}

static gpointer
get_default_thread (gpointer user_data)
{
  return hab_catalogue_get_default ();
}

static void
test_default_threads (void)
{
  GThread *threads[8];
  HabCatalogue *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("catalogue", get_default_thread, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      HabCatalogue *self = g_thread_join (threads[i]);

      g_assert_true (HAB_IS_CATALOGUE (self));
      if (first == NULL)
        first = self;
      g_assert_true (self == first);
    }

  g_assert_true (first == hab_catalogue_get_default ());
}

/* A tiny JSON reader that only tracks object member names, to find
 * duplicates (json-glib keeps the last one silently). It assumes valid
 * JSON, which json-glib checks first. */
typedef struct
{
  const char *p;
  GString    *path;
  GPtrArray  *duplicates;
} Scanner;

static void scan_value (Scanner *scanner);

static void
scan_space (Scanner *scanner)
{
  while (g_ascii_isspace (*scanner->p))
    scanner->p++;
}

static char *
scan_string (Scanner *scanner)
{
  GString *str = g_string_new (NULL);

  g_assert_cmpint (*scanner->p, ==, '"');
  scanner->p++;

  while (*scanner->p != '"')
    {
      g_assert_cmpint (*scanner->p, !=, '\0');
      if (*scanner->p == '\\')
        g_string_append_c (str, *scanner->p++);
      g_string_append_c (str, *scanner->p++);
    }
  scanner->p++;

  return g_string_free (str, FALSE);
}

static void
scan_object (Scanner *scanner)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize path_len = scanner->path->len;

  scanner->p++;
  scan_space (scanner);

  while (*scanner->p != '}')
    {
      char *name;

      if (*scanner->p == ',')
        {
          scanner->p++;
          scan_space (scanner);
        }

      name = scan_string (scanner);
      g_string_append_printf (scanner->path, ".%s", name);
      if (!g_hash_table_add (seen, name))
        g_ptr_array_add (scanner->duplicates, g_strdup (scanner->path->str));

      scan_space (scanner);
      g_assert_cmpint (*scanner->p, ==, ':');
      scanner->p++;
      scan_value (scanner);
      g_string_truncate (scanner->path, path_len);
      scan_space (scanner);
    }

  scanner->p++;
}

static void
scan_array (Scanner *scanner)
{
  gsize path_len = scanner->path->len;
  guint index = 0;

  scanner->p++;
  scan_space (scanner);

  while (*scanner->p != ']')
    {
      if (*scanner->p == ',')
        scanner->p++;

      g_string_append_printf (scanner->path, "[%u]", index++);
      scan_value (scanner);
      g_string_truncate (scanner->path, path_len);
      scan_space (scanner);
    }

  scanner->p++;
}

static void
scan_value (Scanner *scanner)
{
  scan_space (scanner);

  switch (*scanner->p)
    {
    case '{':
      scan_object (scanner);
      break;

    case '[':
      scan_array (scanner);
      break;

    case '"':
      g_free (scan_string (scanner));
      break;

    default:
      /* A number, true, false or null. */
      while (*scanner->p != '\0' && strchr (",]} \t\r\n", *scanner->p) == NULL)
        scanner->p++;
      break;
    }
}

static void
check_source_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "catalogue",
                                                 name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) scan_path = g_string_new ("$");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  Scanner scanner;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  scanner.p = text;
  scanner.path = scan_path;
  scanner.duplicates = duplicates;
  scan_value (&scanner);
  scan_space (&scanner);
  g_assert_cmpint (*scanner.p, ==, '\0');

  for (guint i = 0; i < duplicates->len; i++)
    g_test_message ("%s: duplicate member %s", name,
                    (char *) g_ptr_array_index (duplicates, i));
  g_assert_cmpuint (duplicates->len, ==, 0);
}

static void
test_source_files (void)
{
  check_source_file ("dgfip.json");
  check_source_file ("email.json");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/catalogue/apis", test_apis);
  g_test_add_func ("/core/catalogue/scopes", test_scopes);
  g_test_add_func ("/core/catalogue/combination", test_combination);
  g_test_add_func ("/core/catalogue/modalities", test_modalities);
  g_test_add_func ("/core/catalogue/call-rates", test_call_rates);
  g_test_add_func ("/core/catalogue/use-cases", test_use_cases);
  g_test_add_func ("/core/catalogue/prefill", test_prefill);
  g_test_add_func ("/core/catalogue/email/free-domains", test_free_domains);
  g_test_add_func ("/core/catalogue/email/generic-mailbox", test_generic_mailbox);
  g_test_add_func ("/core/catalogue/new-from-data", test_new_from_data);
  g_test_add_func ("/core/catalogue/default-threads", test_default_threads);
  g_test_add_func ("/core/catalogue/source-files", test_source_files);

  return g_test_run ();
}
