/* test-prefill.c: dossiers started from a use case (reference/domain.md c.1, c.2).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-prefill.h"

static void
count_changed (HabDossier *dossier,
               const char *path,
               guint      *count)
{
  (*count)++;
}

static void
assert_modalities (HabDossier        *dossier,
                   const char *const *expected)
{
  JsonArray *modalities = hab_dossier_get_array (dossier, "parcours.modalities");
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (modalities);
  g_assert_cmpuint (json_array_get_length (modalities), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (json_array_get_string_element (modalities, i), ==, expected[i]);
}

static void
test_cantine_scolaire (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new_for_use_case (NULL, "api_impot_particulier",
                                                                "cantine_scolaire");
  static const char *const none[] = { NULL };
  const char *nature;

  g_assert_nonnull (dossier);
  g_assert_true (g_uuid_string_is_valid (hab_dossier_get_string (dossier, "id")));
  g_assert_null (hab_dossier_get_file (dossier));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.api"), ==, "api_impot_particulier");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.use_case"), ==, "cantine_scolaire");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.stage"), ==, "sandbox");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==,
                   "Dites-le-nous une fois – Cantine scolaire");
  g_assert_true (g_str_has_prefix (hab_dossier_get_string (dossier, "project.description"),
                                   "Simplification de la souscription à la cantine scolaire"));
  g_assert_true (g_str_has_suffix (hab_dossier_get_string (dossier, "project.description"),
                                   "(A compléter par le demandeur)"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.recipients"), ==,
                   "Agents instructeurs des demandes de souscription à la cantine scolaire");

  /* RGPD, CRPA L. 114-8, délibération: three lines. */
  nature = hab_dossier_get_string (dossier, "legal.nature");
  g_assert_true (g_str_has_prefix (nature, "- Règlement (UE) 2016/679"));
  g_assert_nonnull (strstr (nature, "L. 114-8"));
  g_assert_nonnull (strstr (nature, "Délibération de la collectivité"));

  /* Not pre-filled: no URL, no modality, no scope, no retention. */
  g_assert_cmpstr (hab_dossier_get_string (dossier, "legal.url"), ==, "");
  assert_modalities (dossier, none);
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "data.scopes")), ==, 0);
  g_assert_false (hab_dossier_get_int (dossier, "data.retention_months", NULL));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "catalogue_version"), ==,
                   hab_catalogue_get_version (hab_catalogue_get_default ()));

  /* The same use case on SFiP. */
  {
    g_autoptr(HabDossier) sfip = hab_dossier_new_for_use_case (NULL, "api_sfip", "cantine_scolaire");

    g_assert_nonnull (sfip);
    g_assert_cmpstr (hab_dossier_get_string (sfip, "parcours.api"), ==, "api_sfip");
    g_assert_cmpstr (hab_dossier_get_string (sfip, "project.title"), ==,
                     "Dites-le-nous une fois – Cantine scolaire");
  }
}

static void
test_ordonnateur (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new_for_use_case (NULL, "api_sfip_r2p", "ordonnateur");
  static const char *const expected[] = {
    "with_acces_etat_civil", "with_acces_spi", "with_acces_etat_civil_et_adresse", NULL
  };
  const char *nature;

  g_assert_nonnull (dossier);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.api"), ==, "api_sfip_r2p");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.use_case"), ==, "ordonnateur");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.stage"), ==, "sandbox");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==,
                   "Ordonnateur (fiabilisation des bases tiers des collectivités)");

  nature = hab_dossier_get_string (dossier, "legal.nature");
  g_assert_true (g_str_has_prefix (nature, "Décret n° 2022-814 du 16 mai 2022 relatif aux "
                                           "conditions dans lesquelles"));
  g_assert_nonnull (strstr (nature, "L. 135 ZN du livre des procédures fiscales"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "legal.url"), ==,
                   "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045802934");
  assert_modalities (dossier, expected);

  /* No description or recipients in this form's prefill. */
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.description"), ==, "");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.recipients"), ==, "");
}

static void
test_libre (void)
{
  static const char *const apis[] = { "api_impot_particulier", "api_sfip", "api_sfip_r2p" };
  static const char *const none[] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (apis); i++)
    {
      g_autoptr(HabDossier) libre = hab_dossier_new_for_use_case (NULL, apis[i], "libre");
      g_autoptr(HabDossier) no_use_case = hab_dossier_new_for_use_case (NULL, apis[i], NULL);

      g_assert_nonnull (libre);
      g_assert_nonnull (no_use_case);
      g_assert_cmpstr (hab_dossier_get_string (libre, "parcours.api"), ==, apis[i]);
      g_assert_cmpstr (hab_dossier_get_string (no_use_case, "parcours.api"), ==, apis[i]);

      /* Present and null. */
      g_assert_nonnull (hab_dossier_lookup (libre, "parcours.use_case"));
      g_assert_true (JSON_NODE_HOLDS_NULL (hab_dossier_lookup (libre, "parcours.use_case")));
      g_assert_true (JSON_NODE_HOLDS_NULL (hab_dossier_lookup (no_use_case, "parcours.use_case")));

      g_assert_cmpstr (hab_dossier_get_string (libre, "parcours.stage"), ==, "sandbox");
      g_assert_cmpstr (hab_dossier_get_string (libre, "project.title"), ==, "");
      g_assert_cmpstr (hab_dossier_get_string (libre, "legal.nature"), ==, "");
      assert_modalities (libre, none);
    }
}

static void
test_unknown (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changes = 0;

  g_assert_null (hab_dossier_new_for_use_case (NULL, "api_inconnue", NULL));
  g_assert_null (hab_dossier_new_for_use_case (NULL, NULL, "cantine_scolaire"));
  g_assert_null (hab_dossier_new_for_use_case (NULL, "api_impot_particulier", "inconnu"));
  /* A use case of another API. */
  g_assert_null (hab_dossier_new_for_use_case (NULL, "api_impot_particulier", "ordonnateur"));

  before = hab_dossier_to_data (dossier, NULL);
  g_signal_connect (dossier, "changed", G_CALLBACK (count_changed), &changes);
  g_assert_false (hab_dossier_apply_use_case (dossier, NULL, "api_inconnue", NULL, TRUE));
  g_assert_false (hab_dossier_apply_use_case (dossier, NULL, "api_sfip_r2p", "cantine_scolaire", TRUE));
  g_assert_cmpuint (changes, ==, 0);
  after = hab_dossier_to_data (dossier, NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_apply_fills_empty (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new_for_use_case (NULL, "api_sfip_r2p", "libre");
  static const char *const own[] = { "with_acces_spi", NULL };
  static const char *const appel[] = { "with_acces_etat_civil_restitution_spi", NULL };
  guint changes = 0;

  hab_dossier_set_string (dossier, "parcours.stage", "production");
  hab_dossier_set_string (dossier, "project.title", "Fiabilisation des tiers de la régie");
  hab_dossier_set_modality (dossier, "with_acces_spi", TRUE);
  g_signal_connect (dossier, "changed", G_CALLBACK (count_changed), &changes);

  /* The user picks "ordonnateur" in the Parcours step: what they wrote stays. */
  g_assert_true (hab_dossier_apply_use_case (dossier, NULL, "api_sfip_r2p", "ordonnateur", FALSE));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.use_case"), ==, "ordonnateur");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.stage"), ==, "production");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==,
                   "Fiabilisation des tiers de la régie");
  g_assert_true (g_str_has_prefix (hab_dossier_get_string (dossier, "legal.nature"), "Décret n° 2022-814"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "legal.url"), ==,
                   "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045802934");
  assert_modalities (dossier, own);
  /* use_case, legal.nature, legal.url: one signal each. */
  g_assert_cmpuint (changes, ==, 3);

  /* Applying it again changes nothing. */
  changes = 0;
  g_assert_true (hab_dossier_apply_use_case (dossier, NULL, "api_sfip_r2p", "ordonnateur", FALSE));
  g_assert_cmpuint (changes, ==, 0);

  /* Overwrite: the pre-filled values replace the user's. */
  g_assert_true (hab_dossier_apply_use_case (dossier, NULL, "api_sfip_r2p",
                                             "appel_api_impot_particulier", TRUE));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.use_case"), ==,
                   "appel_api_impot_particulier");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==,
                   "Restitution du numéro fiscal (SPI) pour appel de l’API Impôt particulier");
  assert_modalities (dossier, appel);
  /* Not in that use case's prefill: left as they were. */
  g_assert_true (g_str_has_prefix (hab_dossier_get_string (dossier, "legal.nature"), "Décret n° 2022-814"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.stage"), ==, "production");

  /* Back to the generic form: the use case is null again. */
  g_assert_true (hab_dossier_apply_use_case (dossier, NULL, "api_sfip_r2p", "libre", TRUE));
  g_assert_true (JSON_NODE_HOLDS_NULL (hab_dossier_lookup (dossier, "parcours.use_case")));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==,
                   "Restitution du numéro fiscal (SPI) pour appel de l’API Impôt particulier");
}

static void
test_apply_overwrite (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  static const char *const expected[] = {
    "with_acces_etat_civil", "with_acces_spi", "with_acces_etat_civil_et_adresse", NULL
  };

  hab_dossier_set_string (dossier, "project.title", "Mon titre");
  hab_dossier_set_string (dossier, "legal.url", "https://example.org/deliberation.pdf");
  hab_dossier_set_modality (dossier, "with_acces_spi", TRUE);

  g_assert_true (hab_dossier_apply_use_case (dossier, NULL, "api_sfip_r2p", "ordonnateur", TRUE));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.api"), ==, "api_sfip_r2p");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==,
                   "Ordonnateur (fiabilisation des bases tiers des collectivités)");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "legal.url"), ==,
                   "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045802934");
  assert_modalities (dossier, expected);

  /* A member of the wrong type counts as empty. */
  {
    g_autoptr(HabDossier) odd = hab_dossier_new ();

    hab_dossier_set_int (odd, "data.recipients", 3);
    g_assert_true (hab_dossier_apply_use_case (odd, NULL, "api_impot_particulier", "place_creche", FALSE));
    g_assert_cmpstr (hab_dossier_get_string (odd, "data.recipients"), ==,
                     "Agents instructeurs des demandes de place en crèche");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/prefill/cantine-scolaire", test_cantine_scolaire);
  g_test_add_func ("/core/prefill/ordonnateur", test_ordonnateur);
  g_test_add_func ("/core/prefill/libre", test_libre);
  g_test_add_func ("/core/prefill/unknown", test_unknown);
  g_test_add_func ("/core/prefill/apply/fills-empty", test_apply_fills_empty);
  g_test_add_func ("/core/prefill/apply/overwrite", test_apply_overwrite);

  return g_test_run ();
}
