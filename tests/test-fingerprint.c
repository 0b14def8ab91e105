/* test-fingerprint.c: the data fingerprint a DPO approval is bound to
 * (DESIGN §7), against known answers computed outside the code.
 *
 * Each case is tests/data/fingerprint/<case>.habilitation, written by hand,
 * with the canonical text written by hand in <case>.txt; the expected
 * hashes below are `sha256sum <case>.txt`, run in a shell.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-fingerprint.h"
#include "hab-validator.h"

typedef struct
{
  const char *name;
  const char *sha256;
} KnownAnswer;

static const KnownAnswer known_answers[] = {
  /* two modalities in reverse order; three scopes out of order, one of
   * them sorting first only in byte order (upper case before lower case) */
  { "basic", "dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585bc" },
  /* backslash, LF, CR, "|" and non-ASCII text in values */
  { "escapes", "960458225a35781d9dbc95aa5de1427a0811a895765a3f1550fd1142439ed047" },
  /* no api, no modalities, no retention, null or absent values */
  { "missing", "55961811cdd4dec92de613e7d692fb2d1a0abc03d5b7c773558a1e5f1b214054" },
  /* retention_months and specific_requirements given as strings */
  { "retention-string", "114404f2742f317dad47db61ea6e5d7c6f21e006ed7ea46f1b2b727778f2d60d" },
};

static HabDossier *
load_case (const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".habilitation", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fingerprint", file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dossier);

  return dossier;
}

static char *
load_text (const char *name,
           gsize      *length)
{
  g_autofree char *file_name = g_strconcat (name, ".txt", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fingerprint", file_name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_known_answer (gconstpointer data)
{
  const KnownAnswer *known = data;
  g_autoptr(HabDossier) dossier = load_case (known->name);
  g_autofree char *expected_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *expected = g_strconcat ("sha256:", known->sha256, NULL);
  gsize expected_length;

  expected_text = load_text (known->name, &expected_length);
  text = hab_fingerprint_canonical_text (dossier);

  /* byte for byte, the final line feed included */
  g_assert_cmpmem (text, strlen (text), expected_text, expected_length);

  fingerprint = hab_fingerprint_compute (dossier);
  g_assert_cmpstr (fingerprint, ==, expected);
  g_assert_true (hab_fingerprint_is_valid (fingerprint));
}

static void
test_purpose_changes (void)
{
  g_autoptr(HabDossier) dossier = load_case ("basic");
  g_autofree char *before = hab_fingerprint_compute (dossier);
  g_autofree char *after_title = NULL;
  g_autofree char *after_purpose = NULL;
  g_autofree char *restored = NULL;

  /* Not data: the title, the stage, the contacts. */
  hab_dossier_set_string (dossier, "project.title", "Un tout autre titre");
  hab_dossier_set_string (dossier, "parcours.stage", "production");
  hab_dossier_set_string (dossier, "actors.delegue_protection_donnees.display_name", "Awa Diallo");
  after_title = hab_fingerprint_compute (dossier);
  g_assert_cmpstr (after_title, ==, before);

  hab_dossier_set_string (dossier, "data.scopes.0.purpose", "Calcul du quotient familial.");
  after_purpose = hab_fingerprint_compute (dossier);
  g_assert_cmpstr (after_purpose, !=, before);

  hab_dossier_set_string (dossier, "data.scopes.0.purpose", "Calcul du quotient familial");
  restored = hab_fingerprint_compute (dossier);
  g_assert_cmpstr (restored, ==, before);
}

static void
test_data_changes (void)
{
  static const struct
  {
    const char *path;
    const char *json;
  } edits[] = {
    { "parcours.api", "\"api_sfip\"" },
    { "parcours.modalities", "[\"with_spi\"]" },
    { "data.scopes", "[{\"key\": \"dgfip_rfr\", \"purpose\": \"Calcul du quotient familial\"}]" },
    { "data.specific_requirements", "true" },
    { "data.recipients", "\"Agents du service Enfance \"" },
    { "data.retention_months", "37" },
    { "data.retention_justification", "\"Archivage\"" },
    { "data.access", "\"Trois agents habilités.\"" },
  };
  g_autoptr(HabDossier) reference = load_case ("basic");
  g_autofree char *before = hab_fingerprint_compute (reference);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(HabDossier) dossier = load_case ("basic");
      g_autoptr(JsonNode) node = json_from_string (edits[i].json, NULL);
      g_autofree char *after = NULL;

      g_assert_nonnull (node);
      hab_dossier_set_node (dossier, edits[i].path, g_steal_pointer (&node));
      after = hab_fingerprint_compute (dossier);
      if (g_strcmp0 (after, before) == 0)
        g_error ("editing %s does not change the fingerprint", edits[i].path);
    }
}

static void
test_order_independent (void)
{
  g_autoptr(HabDossier) dossier = load_case ("basic");
  g_autofree char *before = hab_fingerprint_compute (dossier);
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) scopes = json_from_string (
      "[{\"key\": \"dgfip_IndLep\", \"purpose\": \"Test d’ordre des octets\"},"
      " {\"key\": \"dgfip_annee_n_moins_1\", \"purpose\": \"Dernière année de revenu\"},"
      " {\"key\": \"dgfip_rfr\", \"purpose\": \"Calcul du quotient familial\"}]", NULL);
  g_autoptr(JsonNode) modalities = json_from_string ("[\"with_france_connect\", \"with_spi\"]", NULL);

  hab_dossier_set_node (dossier, "data.scopes", g_steal_pointer (&scopes));
  hab_dossier_set_node (dossier, "parcours.modalities", g_steal_pointer (&modalities));
  after = hab_fingerprint_compute (dossier);
  g_assert_cmpstr (after, ==, before);
}

/* A retention that is not a JSON whole number is written as nothing. */
static void
test_retention_not_integer (void)
{
  static const char *const values[] = { "36.0", "36.5", "\"36\"", "true", "null", "[36]" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *data = g_strdup_printf ("{\"format\": \"habilitation-dossier\", "
                                               "\"format_version\": 1, "
                                               "\"data\": {\"retention_months\": %s}}",
                                               values[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(HabDossier) dossier = hab_dossier_new_from_data (data, strlen (data), NULL, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = hab_fingerprint_canonical_text (dossier);
      g_assert_nonnull (strstr (text, "\nretention_months=\nretention_justification=\n"));
    }
}

static void
test_blank_dossier (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autofree char *text = hab_fingerprint_canonical_text (dossier);
  g_autofree char *fingerprint = hab_fingerprint_compute (dossier);

  g_assert_true (g_str_has_prefix (text, "habilitation-data-v1\napi="));
  g_assert_true (g_str_has_suffix (text, "\naccess=\n"));
  g_assert_true (hab_fingerprint_is_valid (fingerprint));
}

static void
test_is_valid (void)
{
  g_assert_true (hab_fingerprint_is_valid (
      "sha256:dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585bc"));
  g_assert_false (hab_fingerprint_is_valid (NULL));
  g_assert_false (hab_fingerprint_is_valid (""));
  g_assert_false (hab_fingerprint_is_valid ("sha256:"));
  g_assert_false (hab_fingerprint_is_valid (
      "dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585bc"));
  g_assert_false (hab_fingerprint_is_valid (
      "sha256:DC0DDB4C0D4E6EE7FB1745E6123766E6B1E48AEECA55C045F8C789D9F4C585BC"));
  g_assert_false (hab_fingerprint_is_valid (
      "sha256:dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585b"));
  g_assert_false (hab_fingerprint_is_valid (
      "sha256:dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585bc0"));
  g_assert_false (hab_fingerprint_is_valid (
      "sha256:dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585bg"));
  g_assert_false (hab_fingerprint_is_valid (
      "md5:dc0ddb4c0d4e6ee7fb1745e6123766e6b1e48aeeca55c045f8c789d9f4c585bc"));
}

static gboolean
has_finding (GPtrArray  *findings,
             const char *rule_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->rule->id, rule_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
validate (HabDossier *dossier)
{
  g_autoptr(HabValidator) validator = hab_validator_new (NULL);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, G_DATE_NOVEMBER, 2026);
  hab_validator_set_today (validator, &today);

  return hab_validator_validate (validator, dossier);
}

/* An approval bound to the current data is current; editing the data
 * outdates it, editing anything else does not. */
static void
test_approval (void)
{
  g_autoptr(HabDossier) dossier = load_case ("basic");
  g_autofree char *fingerprint = hab_fingerprint_compute (dossier);
  g_autofree char *review = g_strdup_printf ("[{\"reviewer\": \"Awa Diallo\", \"date\": \"2026-11-25\","
                                             " \"decision\": \"approved\", \"comment\": \"\","
                                             " \"fingerprint\": \"%s\", \"item_comments\": {}}]",
                                             fingerprint);
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GPtrArray) title_changed = NULL;
  g_autoptr(GPtrArray) purpose_changed = NULL;

  hab_dossier_set_node (dossier, "dpo.reviews", json_from_string (review, NULL));
  current = validate (dossier);
  g_assert_false (has_finding (current, "dpo.approval_outdated"));
  g_assert_false (has_finding (current, "dpo.no_review"));
  g_assert_false (has_finding (current, "dpo.review_fingerprint_invalid"));

  hab_dossier_set_string (dossier, "project.title", "Un autre titre");
  title_changed = validate (dossier);
  g_assert_false (has_finding (title_changed, "dpo.approval_outdated"));

  hab_dossier_set_string (dossier, "data.scopes.2.purpose", "Autre finalité");
  purpose_changed = validate (dossier);
  g_assert_true (has_finding (purpose_changed, "dpo.approval_outdated"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/fingerprint/known-answer/%s",
                                               known_answers[i].name);

      g_test_add_data_func (path, &known_answers[i], test_known_answer);
    }

  g_test_add_func ("/core/fingerprint/purpose-changes", test_purpose_changes);
  g_test_add_func ("/core/fingerprint/data-changes", test_data_changes);
  g_test_add_func ("/core/fingerprint/order-independent", test_order_independent);
  g_test_add_func ("/core/fingerprint/retention-not-integer", test_retention_not_integer);
  g_test_add_func ("/core/fingerprint/blank-dossier", test_blank_dossier);
  g_test_add_func ("/core/fingerprint/is-valid", test_is_valid);
  g_test_add_func ("/core/fingerprint/approval", test_approval);

  return g_test_run ();
}
