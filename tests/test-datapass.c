/* test-datapass.c: the DataPass pre-fill link (reference/domain.md a.5).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-datapass.h"

static HabDossier *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

/* Splits the query into decoded (key, value) pairs, in order. */
static GPtrArray *
query_params (const char *url)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  const char *query = strchr (url, '?');
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return params;

  pairs = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      g_assert_nonnull (eq);
      *eq = '\0';
      g_ptr_array_add (params, g_strdup (pairs[i]));
      g_ptr_array_add (params, g_uri_unescape_string (eq + 1, NULL));
    }

  return params;
}

static const char *
param (GPtrArray  *params,
       const char *key)
{
  for (guint i = 0; i + 1 < params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (params, i), key))
      return g_ptr_array_index (params, i + 1);

  return NULL;
}

static guint
count_param (GPtrArray  *params,
             const char *key)
{
  guint n = 0;

  for (guint i = 0; i + 1 < params->len; i += 2)
    if (g_str_equal (g_ptr_array_index (params, i), key))
      n++;

  return n;
}

static void
test_sandbox_editor (void)
{
  g_autoptr(HabDossier) dossier = load_example ("cantine-scolaire-bac-a-sable.habilitation");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = hab_datapass_build_url (dossier, NULL, &error);
  g_autoptr(GPtrArray) params = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://datapass.api.gouv.fr/formulaires/"
                                   "api-impot-particulier-cantine-scolaire-sandbox/demande/nouveau?"));

  params = query_params (url);
  g_assert_cmpstr (param (params, "intitule"), ==, "Dites-le-nous une fois – Cantine scolaire");
  g_assert_cmpstr (param (params, "modalities[]"), ==, "with_spi");
  g_assert_cmpuint (count_param (params, "scopes[]"), ==, 4);
  g_assert_cmpstr (param (params, "duree_conservation_donnees_caractere_personnel"), ==, "12");
  g_assert_cmpstr (param (params, "date_prevue_mise_en_production"), ==, "2027-03-01");
  g_assert_nonnull (strstr (param (params, "description"), "QF = RFR / nombre de parts"));
  g_assert_cmpstr (param (params, "contact_technique_extra_email"), ==,
                   "support-api@logiciels-civiques.fr");

  /* Sandbox: no production-only field. */
  g_assert_null (param (params, "volumetrie_appels_par_minute"));
  g_assert_null (param (params, "safety_certification_authority_name"));

  /* Never a person's contact details, never a file. */
  g_assert_null (strstr (url, "jeanne.martin"));
  g_assert_null (strstr (url, "awa.diallo"));
  g_assert_null (strstr (url, "05%2063"));
  g_assert_null (strstr (url, ".pdf"));
  g_assert_null (strstr (url, "1984-03-12"));

  /* The value is fully escaped: no raw space, accent or ampersand. */
  for (const char *p = url; *p; p++)
    g_assert_true (*p > 0x20 && *p < 0x7f);
}

static void
test_production_forms (void)
{
  g_autoptr(HabDossier) creche = load_example ("creche-production-editeur.habilitation");
  g_autoptr(HabDossier) r2p = load_example ("ordonnateur-r2p-interne.habilitation");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) params = NULL;

  /* Production with an editor: the "-editeur" form, no recette. */
  g_assert_cmpstr (hab_datapass_get_form_uid (creche, NULL, &error), ==,
                   "api-impot-particulier-place-creche-editeur");
  url = hab_datapass_build_url (creche, NULL, &error);
  g_assert_no_error (error);
  params = query_params (url);
  g_assert_cmpstr (param (params, "volumetrie_appels_par_minute"), ==, "100");
  g_assert_cmpstr (param (params, "safety_certification_end_date"), ==, "2029-10-14");
  g_assert_null (param (params, "operational_acceptance_done"));
  g_clear_pointer (&url, g_free);
  g_clear_pointer (&params, g_ptr_array_unref);

  /* In-house production: the form is known, but DataPass starts it from the
   * validated sandbox request, never from a link. */
  g_assert_cmpstr (hab_datapass_get_form_uid (r2p, NULL, &error), ==,
                   "api-sfip-r2p-ordonnateur-production");
  url = hab_datapass_build_url (r2p, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "sandbox"));
  g_clear_error (&error);

  /* The same R2P dossier in sandbox: modalities, no scopes. */
  hab_dossier_set_string (r2p, "parcours.stage", "sandbox");
  url = hab_datapass_build_url (r2p, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://datapass.api.gouv.fr/formulaires/"
                                   "api-sfip-r2p-ordonnateur-sandbox/"));
  params = query_params (url);
  g_assert_cmpuint (count_param (params, "modalities[]"), ==, 3);
  g_assert_cmpuint (count_param (params, "scopes[]"), ==, 0);
  g_assert_null (param (params, "volumetrie_appels_par_minute"));
  g_assert_cmpstr (param (params, "cadre_juridique_url"), ==,
                   "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045802934");
}

static void
test_form_choice (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GError) error = NULL;

  /* No API: a clear error. */
  g_assert_null (hab_datapass_get_form_uid (dossier, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  hab_dossier_set_string (dossier, "parcours.api", "api_sfip");
  g_assert_cmpstr (hab_datapass_get_form_uid (dossier, NULL, &error), ==, "api-sfip-sandbox");

  hab_dossier_set_string (dossier, "parcours.stage", "production");
  hab_dossier_set_string (dossier, "parcours.development", "in_house");
  g_assert_cmpstr (hab_datapass_get_form_uid (dossier, NULL, &error), ==, "api-sfip-production");

  hab_dossier_set_string (dossier, "parcours.development", "editor");
  g_assert_cmpstr (hab_datapass_get_form_uid (dossier, NULL, &error), ==, "api-sfip-editeur");

  hab_dossier_set_string (dossier, "parcours.use_case", "carte_transport");
  g_assert_cmpstr (hab_datapass_get_form_uid (dossier, NULL, &error), ==,
                   "api-sfip-carte-transport-editeur");

  hab_dossier_set_string (dossier, "parcours.use_case", "no_such_case");
  g_assert_null (hab_datapass_get_form_uid (dossier, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "no_such_case"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/datapass/sandbox-editor", test_sandbox_editor);
  g_test_add_func ("/core/datapass/production-forms", test_production_forms);
  g_test_add_func ("/core/datapass/form-choice", test_form_choice);

  return g_test_run ();
}
