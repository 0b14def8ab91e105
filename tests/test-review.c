/* test-review.c: the DPO's reviews (DESIGN §7): appending, outdated
 * approvals and what changed since, the copy sent to the DPO, the merge of
 * the copy sent back, and the `review` command.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "hab-fingerprint.h"
#include "hab-review.h"
#include "hab-validator.h"

#define CRECHE "creche-production-editeur.habilitation"
#define CANTINE "cantine-scolaire-bac-a-sable.habilitation"

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static HabDossier *
load_example (const char *name)
{
  g_autofree char *path = example_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

/* A dossier loaded from an example, without its reviews. */
static HabDossier *
load_unreviewed (const char *name)
{
  HabDossier *dossier = load_example (name);

  hab_dossier_set_node (dossier, "dpo.reviews", json_node_init_array (json_node_alloc (), json_array_new ()));
  return dossier;
}

static char *
copy_example (const char *name,
              const char *dir)
{
  g_autofree char *source = example_path (name);
  g_autofree char *contents = NULL;
  gsize length;
  char *target = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));
  return target;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hab-review-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
count_changed_cb (HabDossier *dossier,
                  const char *path,
                  guint      *count)
{
  (*count)++;
}

static GPtrArray *
validate (HabDossier *dossier)
{
  g_autoptr(HabValidator) validator = hab_validator_new (NULL);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  hab_validator_set_today (validator, &today);
  return hab_validator_validate (validator, dossier);
}

static const HabFinding *
find_finding (GPtrArray  *findings,
              const char *rule)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule->id, rule))
        return finding;
    }

  return NULL;
}

static guint
count_dpo_findings (GPtrArray *findings)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_has_prefix (finding->rule->id, "dpo."))
        {
          g_test_message ("dpo finding: %s: %s", finding->rule->id, finding->message);
          n++;
        }
    }

  return n;
}

static void
approve (HabDossier *dossier,
         const char *reviewer)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hab_review_append (dossier, reviewer, HAB_REVIEW_DECISION_APPROVED, "Vu.", NULL,
                                    NULL, NULL, &error));
  g_assert_no_error (error);
}

/* A review made at 22:30 in Martinique is written 02:30 UTC the next day:
 * it is dated the day it was made, not in the future. */
static void
test_parse_date (void)
{
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));
  GDate date;

  g_assert_true (hab_review_parse_date ("2026-11-24", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 24);

  g_setenv ("TZ", "AST4", TRUE);   /* UTC-4, as in Martinique; POSIX, no tzdata needed */
  g_assert_true (hab_review_parse_date ("2026-11-28T02:30:00Z", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 27);
  g_assert_cmpuint (g_date_get_month (&date), ==, 11);

  g_setenv ("TZ", "CET-1", TRUE);  /* UTC+1 */
  g_assert_true (hab_review_parse_date ("2026-11-28T02:30:00Z", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 28);
  g_assert_true (hab_review_parse_date ("2026-12-31T23:30:00Z", &date));
  g_assert_cmpuint (g_date_get_year (&date), ==, 2027);

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");

  g_assert_false (hab_review_parse_date (NULL, &date));
  g_assert_false (hab_review_parse_date ("24/11/2026", &date));
  g_assert_false (hab_review_parse_date ("2026-02-30", &date));
  g_assert_false (hab_review_parse_date ("2026-11-24 10:00", &date));
  g_assert_false (hab_review_parse_date ("2026-11-24Tnonsense", &date));
}

/* Fingerprint */

/* Each data field changes the fingerprint; the title, the contacts and
 * the security part do not. */
static void
test_fingerprint_fields (void)
{
  static const struct
  {
    const char *path;
    const char *json;
    gboolean    changes;
  } edits[] = {
    { "parcours.api", "\"api_sfip\"", TRUE },
    { "parcours.modalities", "[\"with_spi\", \"with_france_connect\"]", TRUE },
    { "data.scopes.0.purpose", "\"Autre finalité\"", TRUE },
    { "data.scopes.3", "{\"key\": \"dgfip_nbpart\", \"purpose\": \"QF\"}", TRUE },
    { "data.specific_requirements", "true", TRUE },
    { "data.recipients", "\"Tous les agents\"", TRUE },
    { "data.retention_months", "48", TRUE },
    { "data.retention_justification", "\"Contentieux\"", TRUE },
    { "data.access", "\"Deux agents\"", TRUE },
    { "project.title", "\"Un autre titre\"", FALSE },
    { "actors.delegue_protection_donnees.display_name", "\"Awa Diallo\"", FALSE },
    { "actors.demandeur.contact.phone", "\"06 00 00 00 00\"", FALSE },
    { "security.authority_name", "\"Paul Durand\"", FALSE },
    { "security.calls_per_minute", "200", FALSE },
    { "parcours.stage", "\"sandbox\"", FALSE },
  };
  g_autoptr(HabDossier) reference = load_example (CRECHE);
  g_autofree char *before = hab_fingerprint_compute (reference);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(HabDossier) dossier = load_example (CRECHE);
      g_autoptr(JsonNode) node = json_from_string (edits[i].json, NULL);
      g_autofree char *after = NULL;

      g_assert_nonnull (node);
      hab_dossier_set_node (dossier, edits[i].path, g_steal_pointer (&node));
      after = hab_fingerprint_compute (dossier);
      if ((g_strcmp0 (after, before) != 0) != edits[i].changes)
        g_error ("editing %s %s the fingerprint", edits[i].path,
                 edits[i].changes ? "does not change" : "changes");
    }
}

/* Appending */

static void
test_append (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(GHashTable) comments = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 26, 14, 5, 9);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = hab_fingerprint_compute (dossier);
  g_autofree char *text = hab_fingerprint_canonical_text (dossier);
  JsonObject *review;
  JsonObject *item_comments;
  guint changed = 0;
  guint index = 99;

  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_NONE);

  g_hash_table_insert (comments, (gpointer) "dgfip_rfr", (gpointer) "Nécessaire au calcul");
  g_hash_table_insert (comments, (gpointer) "dgfip_pac_nbPac", (gpointer) "   ");
  g_signal_connect (dossier, "changed", G_CALLBACK (count_changed_cb), &changed);

  g_assert_true (hab_review_append (dossier, "  Thomas Nguyen ", HAB_REVIEW_DECISION_APPROVED,
                                    "Conforme au registre.", comments, date, &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (index, ==, 0);

  review = hab_review_get_latest (dossier, &index);
  g_assert_nonnull (review);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (review, "reviewer"), ==, "Thomas Nguyen");
  g_assert_cmpstr (json_object_get_string_member (review, "date"), ==, "2026-11-26T14:05:09Z");
  g_assert_cmpstr (json_object_get_string_member (review, "decision"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (review, "comment"), ==, "Conforme au registre.");
  g_assert_cmpstr (json_object_get_string_member (review, "fingerprint"), ==, fingerprint);
  g_assert_cmpstr (json_object_get_string_member (review, HAB_REVIEW_DATA_TEXT_MEMBER), ==, text);
  g_assert_cmpstr (hab_review_get_data_text (review), ==, text);
  item_comments = json_object_get_object_member (review, "item_comments");
  g_assert_cmpuint (json_object_get_size (item_comments), ==, 1);   /* the blank one is dropped */
  g_assert_cmpstr (json_object_get_string_member (item_comments, "dgfip_rfr"), ==, "Nécessaire au calcul");

  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_APPROVED);

  /* Appended, never replaced: the latest decides. */
  g_assert_true (hab_review_append (dossier, "Thomas Nguyen", HAB_REVIEW_DECISION_CHANGES_REQUESTED,
                                    NULL, NULL, NULL, &index, &error));
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "dpo.reviews")), ==, 2);
  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_CHANGES_REQUESTED);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.1.comment"), ==, "");
}

/* Appending where dpo.reviews is missing creates it; where it holds
 * something else, nothing is destroyed. */
static void
test_append_refused (void)
{
  g_autoptr(HabDossier) dossier = load_example (CRECHE);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_false (hab_review_append (dossier, "   ", HAB_REVIEW_DECISION_APPROVED, NULL, NULL, NULL,
                                     NULL, &error));
  g_assert_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_INVALID);
  g_clear_error (&error);

  hab_dossier_set_string (dossier, "dpo.reviews", "not a list");
  before = hab_dossier_to_data (dossier, NULL);
  g_assert_false (hab_review_append (dossier, "Thomas Nguyen", HAB_REVIEW_DECISION_APPROVED, NULL,
                                     NULL, NULL, NULL, &error));
  g_assert_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NOT_APPENDABLE);
  g_assert_nonnull (strstr (error->message, CRECHE));
  after = hab_dossier_to_data (dossier, NULL);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  hab_dossier_remove (dossier, "dpo.reviews");
  approve (dossier, "Thomas Nguyen");
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "dpo.reviews")), ==, 1);
  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_APPROVED);
}

/* Outdated approvals and what changed */

typedef struct
{
  const char        *path;
  const char        *json;
  HabDataChangeKind  kind;
  const char        *key;
  const char        *words;   /* in the finding's message */
} DataEdit;

static const DataEdit data_edits[] = {
  { "data.scopes.3", "{\"key\": \"dgfip_nbpart\", \"purpose\": \"Quotient familial\"}",
    HAB_DATA_CHANGE_ITEM_ADDED, "dgfip_nbpart", "added" },
  { "data.scopes", "[{\"key\": \"dgfip_annee_n_moins_1\", \"purpose\": \"Calcul de la participation sur la dernière année de revenu\"},"
                   " {\"key\": \"dgfip_rfr\", \"purpose\": \"Calcul de la participation horaire des familles\"}]",
    HAB_DATA_CHANGE_ITEM_REMOVED, "dgfip_pac_nbPac", "removed" },
  { "data.scopes.1.purpose", "\"Calcul du quotient familial\"",
    HAB_DATA_CHANGE_PURPOSE, "dgfip_rfr", "purpose of" },
  { "data.retention_months", "36", HAB_DATA_CHANGE_RETENTION, NULL, "retention changed from 24 to 36 months" },
  { "data.recipients", "\"Tous les agents de la mairie\"", HAB_DATA_CHANGE_RECIPIENTS, NULL, "recipients changed" },
  { "data.access", "\"Tous les agents\"", HAB_DATA_CHANGE_ACCESS, NULL, "who has access changed" },
  { "data.retention_justification", "\"Contentieux\"", HAB_DATA_CHANGE_RETENTION_JUSTIFICATION, NULL,
    "retention justification changed" },
  { "data.specific_requirements", "true", HAB_DATA_CHANGE_SPECIFIC_REQUIREMENTS, NULL,
    "specific needs expression added" },
  { "parcours.modalities", "[\"with_spi\", \"with_france_connect\"]",
    HAB_DATA_CHANGE_MODALITY_ADDED, "with_france_connect", "access modality" },
  { "parcours.modalities", "[]", HAB_DATA_CHANGE_MODALITY_REMOVED, "with_spi", "removed" },
  { "parcours.api", "\"api_sfip\"", HAB_DATA_CHANGE_API, NULL, "API changed from" },
};

static void
test_outdated (gconstpointer data)
{
  const DataEdit *edit = data;
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(JsonNode) node = json_from_string (edit->json, NULL);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const HabFinding *finding;
  const HabDataChange *change;
  JsonObject *latest = NULL;

  approve (dossier, "Thomas Nguyen");
  findings = validate (dossier);
  g_assert_cmpuint (count_dpo_findings (findings), ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  g_assert_nonnull (node);
  hab_dossier_set_node (dossier, edit->path, g_steal_pointer (&node));

  g_assert_cmpint (hab_review_get_status (dossier, &latest), ==, HAB_REVIEW_STATUS_OUTDATED);
  changes = hab_review_dup_changes (dossier, latest);
  g_assert_nonnull (changes);
  g_assert_cmpuint (changes->len, >=, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, edit->kind);
  g_assert_cmpstr (change->key, ==, edit->key);

  findings = validate (dossier);
  finding = find_finding (findings, "dpo.approval_outdated");
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->field, ==, "dpo.reviews.0");
  g_test_message ("%s", finding->message);
  g_assert_nonnull (strstr (finding->message, edit->words));
}

/* The messages name the data items by their labels, and list every change. */
static void
test_changes_described (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *list = NULL;
  const HabFinding *finding;
  JsonObject *latest;

  approve (dossier, "Thomas Nguyen");
  hab_dossier_set_scope (dossier, "dgfip_nbpart", "Quotient familial");
  hab_dossier_remove_scope (dossier, "dgfip_pac_nbPac");
  hab_dossier_set_int (dossier, "data.retention_months", 12);
  hab_dossier_set_string (dossier, "data.access", "Deux agents");
  hab_dossier_set_string (dossier, "project.title", "Titre sans effet");

  hab_review_get_status (dossier, &latest);
  changes = hab_review_dup_changes (dossier, latest);
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpint (((HabDataChange *) g_ptr_array_index (changes, 0))->kind, ==, HAB_DATA_CHANGE_ITEM_REMOVED);
  g_assert_cmpint (((HabDataChange *) g_ptr_array_index (changes, 1))->kind, ==, HAB_DATA_CHANGE_ITEM_ADDED);
  g_assert_cmpint (((HabDataChange *) g_ptr_array_index (changes, 2))->kind, ==, HAB_DATA_CHANGE_RETENTION);
  g_assert_cmpstr (((HabDataChange *) g_ptr_array_index (changes, 2))->before, ==, "24");
  g_assert_cmpstr (((HabDataChange *) g_ptr_array_index (changes, 2))->after, ==, "12");
  g_assert_cmpint (((HabDataChange *) g_ptr_array_index (changes, 3))->kind, ==, HAB_DATA_CHANGE_ACCESS);

  list = hab_review_describe_changes (changes, NULL);
  g_assert_cmpstr (list, ==,
                   "data item “Nombre de personnes à charge” removed; "
                   "data item “Nombre de parts” added; "
                   "retention changed from 24 to 12 months; "
                   "who has access changed");

  findings = validate (dossier);
  finding = find_finding (findings, "dpo.approval_outdated");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, list));

  /* Back as approved: valid again. */
  hab_dossier_remove_scope (dossier, "dgfip_nbpart");
  hab_dossier_set_scope (dossier, "dgfip_pac_nbPac", "Taux d’effort selon le nombre d’enfants à charge");
  hab_dossier_set_int (dossier, "data.retention_months", 24);
  hab_dossier_set_string (dossier, "data.access",
                          "Les 5 agents instructeurs du pôle Petite enfance, habilités nominativement ; "
                          "accès tracé dans le logiciel.");
  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_APPROVED);
}

/* Text escapes and the same item twice survive the round trip through the
 * canonical text. */
static void
test_diff_texts (void)
{
  static const char approved[] =
    "habilitation-data-v1\n"
    "api=api_impot_particulier\n"
    "modality=with_spi\n"
    "scope=dgfip_rfr|Ligne 1\\nLigne 2 \\\\ fin\n"
    "scope=dgfip_sitfam|A|B\n"
    "specific_requirements=false\n"
    "recipients=Service\\r\n"
    "retention_months=\n"
    "retention_justification=\n"
    "access=\n";
  static const char current[] =
    "habilitation-data-v1\n"
    "api=api_impot_particulier\n"
    "modality=with_spi\n"
    "scope=dgfip_rfr|Ligne 1\\nLigne 2 \\\\ fin\n"
    "scope=dgfip_sitfam|A|C\n"
    "specific_requirements=false\n"
    "recipients=Service\\r\n"
    "retention_months=12\n"
    "retention_justification=\n"
    "access=\n";
  g_autoptr(GPtrArray) same = hab_review_diff_data_texts (approved, approved);
  g_autoptr(GPtrArray) changes = hab_review_diff_data_texts (approved, current);
  g_autoptr(GPtrArray) invalid = hab_review_diff_data_texts ("not a data text", current);
  const HabDataChange *change;

  g_assert_nonnull (same);
  g_assert_cmpuint (same->len, ==, 0);
  g_assert_null (invalid);

  g_assert_cmpuint (changes->len, ==, 2);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->kind, ==, HAB_DATA_CHANGE_PURPOSE);
  g_assert_cmpstr (change->key, ==, "dgfip_sitfam");
  g_assert_cmpstr (change->before, ==, "A|B");
  g_assert_cmpstr (change->after, ==, "A|C");
  change = g_ptr_array_index (changes, 1);
  g_assert_cmpint (change->kind, ==, HAB_DATA_CHANGE_RETENTION);
  g_assert_null (change->before);
  g_assert_cmpstr (change->after, ==, "12");
}

/* A review whose data text does not hash to its fingerprint (edited by
 * hand, or written by another tool) lists nothing rather than lies. */
static void
test_untrusted_text (void)
{
  g_autoptr(HabDossier) dossier = load_example (CRECHE);
  g_autoptr(GPtrArray) findings = NULL;
  const HabFinding *finding;
  JsonObject *latest;

  /* The example's review keeps no data text. */
  hab_dossier_set_string (dossier, "data.recipients", "Autres destinataires");
  g_assert_cmpint (hab_review_get_status (dossier, &latest), ==, HAB_REVIEW_STATUS_OUTDATED);
  g_assert_null (hab_review_dup_changes (dossier, latest));

  /* A text that does not match its fingerprint. */
  hab_dossier_set_string (dossier, "dpo.reviews.0." HAB_REVIEW_DATA_TEXT_MEMBER,
                          "habilitation-data-v1\napi=api_impot_particulier\n");
  g_assert_null (hab_review_get_data_text (hab_review_get_latest (dossier, NULL)));
  g_assert_null (hab_review_dup_changes (dossier, hab_review_get_latest (dossier, NULL)));

  findings = validate (dossier);
  finding = find_finding (findings, "dpo.approval_outdated");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "send the dossier to the DPO again"));
}

static void
test_reviewer_name (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(HabContact) card = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DELEGUE_PROTECTION_DONNEES);
  g_autofree char *name = hab_review_dup_dpo_name (dossier);
  g_autoptr(GPtrArray) findings = NULL;
  gboolean known = FALSE;

  g_assert_cmpstr (name, ==, "Thomas Nguyen");
  g_assert_true (hab_review_name_is_dpo ("NGUYEN  thomas", NULL, card, &known));
  g_assert_true (known);
  g_assert_true (hab_review_name_is_dpo ("thomas nguyen", "Thomas Nguyen", NULL, &known));
  g_assert_false (hab_review_name_is_dpo ("Claire Fontaine", "Thomas Nguyen", card, &known));
  g_assert_true (known);
  g_assert_false (hab_review_name_is_dpo ("Claire Fontaine", NULL, NULL, &known));
  g_assert_false (known);

  approve (dossier, "Claire Fontaine");
  findings = validate (dossier);
  g_assert_nonnull (find_finding (findings, "dpo.reviewer_not_dpo"));
  g_assert_null (find_finding (findings, "dpo.approval_outdated"));
}

/* The copy for the DPO */

static gboolean
node_has_member (JsonNode   *node,
                 const char *name)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &value))
        if (g_str_equal (member, name) || node_has_member (value, name))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (node_has_member (json_array_get_element (array, i), name))
          return TRUE;
    }

  return FALSE;
}

static HabContact *
fake_keyring_lookup (const char *contact_id,
                     gpointer    user_data)
{
  HabContact *card;

  if (!g_str_equal (contact_id, "keyring-only"))
    return NULL;

  (*(guint *) user_data)++;
  card = hab_contact_new ();
  card->given_name = g_strdup ("Awa");
  card->family_name = g_strdup ("Diallo");
  card->job_title = g_strdup ("Responsable technique");
  card->phone = g_strdup ("06 12 34 56 78");
  card->email = g_strdup ("awa.diallo@example.fr");
  card->birth_date = g_strdup ("1980-01-01");
  card->birth_place = g_strdup ("Lyon");
  return card;
}

static void
test_dpo_copy (void)
{
  g_autoptr(HabDossier) dossier = load_example (CRECHE);
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *original_data = NULL;
  g_autofree char *data = NULL;
  JsonObject *card;
  guint lookups = 0;

  /* A card in the keyring only, and private data where a future version
   * might put them. */
  hab_dossier_remove (dossier, "actors.responsable_technique.contact");
  hab_dossier_set_string (dossier, "actors.responsable_technique.contact_id", "keyring-only");
  hab_dossier_set_string (dossier, "actors.responsable_technique.note", "Joignable le soir");
  hab_dossier_set_string (dossier, "extra_contacts.phone", "01 02 03 04 05");
  original_data = hab_dossier_to_data (dossier, NULL);

  copy = hab_review_dup_dpo_copy (dossier, fake_keyring_lookup, &lookups);
  g_assert_nonnull (copy);
  g_assert_null (hab_dossier_get_file (copy));
  g_assert_cmpuint (lookups, ==, 1);

  /* The agent's dossier is untouched. */
  {
    g_autofree char *after = hab_dossier_to_data (dossier, NULL);
    g_assert_cmpstr (after, ==, original_data);
  }

  data = hab_dossier_to_data (copy, NULL);
  root = json_from_string (data, NULL);
  g_assert_false (node_has_member (root, "phone"));
  g_assert_false (node_has_member (root, "birth_date"));
  g_assert_false (node_has_member (root, "birth_place"));
  g_assert_false (node_has_member (root, "email"));
  g_assert_null (strstr (data, "01 47 12 30"));
  g_assert_null (strstr (data, "06 12 34 56 78"));
  g_assert_null (strstr (data, "1981-06-23"));
  g_assert_null (strstr (data, "Nanterre"));
  g_assert_null (strstr (data, "Joignable"));

  /* Same dossier, same data, same reviews. */
  g_assert_cmpstr (hab_dossier_get_string (copy, "id"), ==, hab_dossier_get_string (dossier, "id"));
  {
    g_autofree char *a = hab_fingerprint_compute (dossier);
    g_autofree char *b = hab_fingerprint_compute (copy);
    g_assert_cmpstr (a, ==, b);
  }
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (copy, "dpo.reviews")), ==, 1);

  /* Names and job titles. */
  card = hab_dossier_get_object (copy, "actors.delegue_protection_donnees.contact");
  g_assert_nonnull (card);
  g_assert_cmpuint (json_object_get_size (card), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (card, "given_name"), ==, "Thomas");
  g_assert_cmpstr (json_object_get_string_member (card, "family_name"), ==, "Nguyen");
  g_assert_cmpstr (json_object_get_string_member (card, "job_title"), ==,
                   "Délégué à la protection des données");
  g_assert_cmpstr (hab_dossier_get_string (copy, "actors.delegue_protection_donnees.display_name"), ==,
                   "Thomas Nguyen");
  card = hab_dossier_get_object (copy, "actors.responsable_technique.contact");
  g_assert_nonnull (card);
  g_assert_cmpstr (json_object_get_string_member (card, "job_title"), ==, "Responsable technique");

  /* Without a keyring: the display name only. */
  {
    g_autoptr(HabDossier) bare = hab_review_dup_dpo_copy (dossier, NULL, NULL);

    g_assert_null (hab_dossier_lookup (bare, "actors.responsable_technique.contact"));
    g_assert_cmpstr (hab_dossier_get_string (bare, "actors.responsable_technique.display_name"), ==,
                     "Luc Bernard");
  }
}

/* Merging the copy sent back */

static HabDossier *
dpo_copy_approved (HabDossier *dossier,
                   GDateTime  *date)
{
  HabDossier *copy = hab_review_dup_dpo_copy (dossier, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (hab_review_append (copy, "Thomas Nguyen", HAB_REVIEW_DECISION_APPROVED, "Bon pour accord.",
                                    NULL, date, NULL, &error));
  g_assert_no_error (error);
  return copy;
}

static void
test_merge_same_id (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(HabDossier) copy = dpo_copy_approved (dossier, NULL);
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(HabMergeResult) again = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (dossier, "changed", G_CALLBACK (count_changed_cb), &changed);
  result = hab_review_merge (dossier, copy, "retour-dpo.habilitation", &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->n_added, ==, 1);
  g_assert_cmpuint (result->n_duplicates, ==, 0);
  for (guint i = 0; i < result->differences->len; i++)
    g_test_message ("difference: %s",
                    ((HabMergeDifference *) g_ptr_array_index (result->differences, i))->path);
  g_assert_cmpuint (result->differences->len, ==, 0);
  g_assert_cmpuint (changed, ==, 1);

  /* The cards stay as the agent has them. */
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.delegue_protection_donnees.contact.phone"), ==,
                   "01 47 12 30 55");

  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_APPROVED);
  findings = validate (dossier);
  g_assert_cmpuint (count_dpo_findings (findings), ==, 0);

  /* The same copy again: nothing new, nothing changed. */
  again = hab_review_merge (dossier, copy, "retour-dpo.habilitation", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "dpo.reviews")), ==, 1);
}

static void
test_merge_other_id (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(HabDossier) other = load_example (CANTINE);
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = hab_dossier_to_data (dossier, NULL);
  g_autofree char *after = NULL;

  approve (other, "Thomas Nguyen");
  result = hab_review_merge (dossier, other, "autre.habilitation", &error);
  g_assert_null (result);
  g_assert_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_OTHER_DOSSIER);
  g_assert_nonnull (strstr (error->message, "autre.habilitation"));
  g_assert_nonnull (strstr (error->message, hab_dossier_get_string (other, "project.title")));
  after = hab_dossier_to_data (dossier, NULL);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* No id at all. */
  hab_dossier_set_string (other, "id", "");
  result = hab_review_merge (dossier, other, "autre.habilitation", &error);
  g_assert_null (result);
  g_assert_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NO_ID);
}

/* Both sides edited the dossier after it was sent: the reviews are merged,
 * the agent's edits stay, the DPO's are listed and not taken; an approval
 * of data the agent changed since is outdated, with what changed. */
static void
test_merge_concurrent (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 11, 20, 9, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr(GDateTime) middle = g_date_time_new_utc (2026, 11, 22, 9, 0, 0);
  const HabFinding *finding;
  JsonArray *reviews;
  JsonObject *latest;
  gboolean seen_recipients = FALSE, seen_title = FALSE;

  /* An early request for changes on the agent's side. */
  g_assert_true (hab_review_append (dossier, "Thomas Nguyen", HAB_REVIEW_DECISION_CHANGES_REQUESTED,
                                    "Préciser l’accès.", NULL, early, NULL, &error));
  copy = hab_review_dup_dpo_copy (dossier, NULL, NULL);

  /* The DPO edits a field (not taken), reviews twice. */
  hab_dossier_set_string (copy, "data.recipients", "Le DPO voudrait ce texte");
  g_assert_true (hab_review_append (copy, "Thomas Nguyen", HAB_REVIEW_DECISION_CHANGES_REQUESTED,
                                    "Encore un point.", NULL, middle, NULL, &error));
  hab_dossier_set_string (copy, "data.recipients",
                          "Agents instructeurs des demandes de place en crèche (pôle Petite enfance, 5 agents)");
  g_assert_true (hab_review_append (copy, "Thomas Nguyen", HAB_REVIEW_DECISION_APPROVED,
                                    "Bon pour accord.", NULL, late, NULL, &error));
  hab_dossier_set_string (copy, "data.recipients", "Le DPO voudrait ce texte");

  /* Meanwhile the agent changes the title and the access. */
  hab_dossier_set_string (dossier, "project.title", "Titre modifié par l’agent");
  hab_dossier_set_string (dossier, "data.access", "Deux agents nommément désignés");

  result = hab_review_merge (dossier, copy, "retour.habilitation", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 2);
  g_assert_cmpuint (result->n_duplicates, ==, 1);

  for (guint i = 0; i < result->differences->len; i++)
    {
      HabMergeDifference *difference = g_ptr_array_index (result->differences, i);
      g_autofree char *words = hab_merge_difference_describe (difference);

      g_test_message ("%s", words);
      if (g_str_equal (difference->path, "data.recipients"))
        {
          seen_recipients = TRUE;
          g_assert_cmpstr (difference->theirs, ==, "Le DPO voudrait ce texte");
          g_assert_nonnull (strstr (words, "Données"));
        }
      else if (g_str_equal (difference->path, "project.title"))
        {
          seen_title = TRUE;
          g_assert_cmpstr (difference->ours, ==, "Titre modifié par l’agent");
        }
      g_assert_false (g_str_has_prefix (difference->path, "actors."));
      g_assert_false (g_str_has_prefix (difference->path, "dpo.reviews"));
    }
  g_assert_true (seen_recipients);
  g_assert_true (seen_title);
  g_assert_cmpuint (result->differences->len, ==, 3);   /* title, recipients, access */

  /* Nothing but reviews was taken. */
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.recipients"), ==,
                   "Agents instructeurs des demandes de place en crèche (pôle Petite enfance, 5 agents)");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==, "Titre modifié par l’agent");

  /* Ordered by date: early, middle, late. */
  reviews = hab_dossier_get_array (dossier, "dpo.reviews");
  g_assert_cmpuint (json_array_get_length (reviews), ==, 3);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.0.date"), ==, "2026-11-20T09:00:00Z");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.1.date"), ==, "2026-11-22T09:00:00Z");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.2.date"), ==, "2026-11-25T09:00:00Z");

  /* The approval covers the access the agent has changed since. */
  g_assert_cmpint (hab_review_get_status (dossier, &latest), ==, HAB_REVIEW_STATUS_OUTDATED);
  changes = hab_review_dup_changes (dossier, latest);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpint (((HabDataChange *) g_ptr_array_index (changes, 0))->kind, ==, HAB_DATA_CHANGE_ACCESS);
  findings = validate (dossier);
  finding = find_finding (findings, "dpo.approval_outdated");
  g_assert_nonnull (finding);
  g_assert_nonnull (strstr (finding->message, "who has access changed"));
}

/* A review the DPO dated earlier than the agent's latest goes before it. */
static void
test_merge_order (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(HabDossier) copy = hab_review_dup_dpo_copy (dossier, NULL, NULL);
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) ours = g_date_time_new_utc (2026, 11, 26, 8, 0, 0);
  g_autoptr(GDateTime) theirs = g_date_time_new_utc (2026, 11, 24, 8, 0, 0);

  g_assert_true (hab_review_append (dossier, "Thomas Nguyen", HAB_REVIEW_DECISION_CHANGES_REQUESTED,
                                    NULL, NULL, ours, NULL, &error));
  g_assert_true (hab_review_append (copy, "Thomas Nguyen", HAB_REVIEW_DECISION_APPROVED,
                                    NULL, NULL, theirs, NULL, &error));
  /* A date-only review of the same day as ours sorts before it. */
  hab_dossier_set_node (copy, "dpo.reviews.1",
                        json_from_string ("{\"reviewer\": \"Thomas Nguyen\", \"date\": \"2026-11-26\","
                                          " \"decision\": \"approved\"}", NULL));
  /* Not a review: counted, not taken. */
  hab_dossier_set_node (copy, "dpo.reviews.2", json_from_string ("42", NULL));

  result = hab_review_merge (dossier, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->n_added, ==, 2);
  g_assert_cmpuint (result->n_unreadable, ==, 1);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.0.date"), ==, "2026-11-24T08:00:00Z");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.1.date"), ==, "2026-11-26");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews.2.date"), ==, "2026-11-26T08:00:00Z");
  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_CHANGES_REQUESTED);
}

/* The dossier's reviews hold something else: refused, nothing lost. */
static void
test_merge_not_appendable (void)
{
  g_autoptr(HabDossier) dossier = load_unreviewed (CRECHE);
  g_autoptr(HabDossier) copy = dpo_copy_approved (dossier, NULL);
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hab_dossier_set_string (dossier, "dpo.reviews", "texte");
  result = hab_review_merge (dossier, copy, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NOT_APPENDABLE);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "dpo.reviews"), ==, "texte");
}

/* The review command */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HAB_CLI");
  const char *arg;
  va_list args;
  int wait_status;

  if (cli == NULL)
    g_error ("HAB_CLI is not set: run this test through meson test");

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* The rules of `check --json` for the file, those of the dpo family. */
static char *
check_dpo_rules (const char *path)
{
  g_auto(Run) run;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *findings;
  GString *rules = g_string_new (NULL);

  run_cli (&run, "check", "--json", path, NULL);
  g_assert_cmpint (run.status, <=, 1);
  root = json_from_string (run.out, NULL);
  g_assert_nonnull (root);
  findings = json_object_get_array_member (json_node_get_object (root), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *rule = json_object_get_string_member (finding, "rule");

      if (g_str_has_prefix (rule, "dpo."))
        {
          g_string_append_printf (rules, "%s%s", rules->len ? " " : "", rule);
          g_test_message ("%s: %s", rule, json_object_get_string_member (finding, "message"));
        }
    }

  return g_string_free (rules, FALSE);
}

static void
edit_file (const char *path,
           const char *member,
           const char *json)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  hab_dossier_set_node (dossier, member, json_from_string (json, NULL));
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
}

/* Acceptance: approved with `review --approve`, `check` has no dpo.*
 * finding; each data edit makes the approval outdated; the title does not. */
static void
test_cli_round_trip (void)
{
  static const struct
  {
    const char *member;
    const char *json;
    const char *outdated;
  } edits[] = {
    { "project.title", "\"Un tout autre titre\"", NULL },
    { "data.scopes.3", "{\"key\": \"dgfip_nbpart\", \"purpose\": \"QF\"}", "data item “Nombre de parts” added" },
    { "data.scopes.0.purpose", "\"Autre finalité\"", "purpose of" },
    { "data.retention_months", "30", "retention changed from 24 to 30 months" },
    { "data.recipients", "\"Tous les agents\"", "recipients changed" },
    { "data.access", "\"Tous les agents\"", "who has access changed" },
  };
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example (CRECHE, dir);
  g_autofree char *approved = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_auto(Run) run;

  edit_file (path, "dpo.reviews", "[]");

  run_cli (&run, "review", path, "--reviewer", "Thomas Nguyen", "--approve",
           "--comment", "Bon pour accord", "--item-comment", "dgfip_rfr=Indispensable", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_nonnull (strstr (run.out, "sha256:"));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));   /* saved as hab_dossier_save does */

  rules = check_dpo_rules (path);
  g_assert_cmpstr (rules, ==, "");
  g_assert_true (g_file_get_contents (path, &approved, NULL, NULL));
  {
    g_autoptr(HabDossier) saved = hab_dossier_new_from_data (approved, strlen (approved), NULL, NULL);

    g_assert_nonnull (saved);
    g_assert_cmpstr (hab_dossier_get_string (saved, "dpo.reviews.0.item_comments.dgfip_rfr"), ==,
                     "Indispensable");
    g_assert_cmpstr (hab_dossier_get_string (saved, "dpo.reviews.0.comment"), ==, "Bon pour accord");
    g_assert_cmpstr (hab_dossier_get_string (saved, "dpo.reviews.0.reviewer"), ==, "Thomas Nguyen");
  }

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *found = NULL;

      g_assert_true (g_file_set_contents (path, approved, -1, NULL));
      edit_file (path, edits[i].member, edits[i].json);
      found = check_dpo_rules (path);
      if (edits[i].outdated == NULL)
        g_assert_cmpstr (found, ==, "");
      else
        {
          g_auto(Run) check;

          g_assert_cmpstr (found, ==, "dpo.approval_outdated");
          run_cli (&check, "check", path, NULL);
          g_assert_cmpint (check.status, ==, 1);
          g_assert_nonnull (strstr (check.out, edits[i].outdated));
        }
    }

  /* A request for changes afterwards decides. */
  g_assert_true (g_file_set_contents (path, approved, -1, NULL));
  {
    g_auto(Run) changes;
    g_autofree char *found = NULL;

    run_cli (&changes, "review", path, "--reviewer", "Thomas Nguyen", "--request-changes", NULL);
    g_assert_cmpint (changes.status, ==, 0);
    found = check_dpo_rules (path);
    g_assert_cmpstr (found, ==, "dpo.changes_requested");
  }
}

static void
test_cli_errors (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example (CRECHE, dir);
  g_autofree char *broken = g_build_filename (dir, "broken.habilitation", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) help;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));

  {
    g_auto(Run) run;

    run_cli (&run, "review", path, "--approve", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--reviewer"));
  }
  {
    g_auto(Run) run;

    run_cli (&run, "review", path, "--reviewer", "Thomas Nguyen", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--approve"));
  }
  {
    g_auto(Run) run;

    run_cli (&run, "review", path, "--reviewer", "Thomas Nguyen", "--approve", "--request-changes", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run;

    run_cli (&run, "review", path, "--reviewer", "Thomas Nguyen", "--approve", "--item-comment", "nokey",
             NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "KEY=TEXT"));
  }
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  /* An unreadable file: one line naming it, left as it was. */
  {
    g_auto(Run) run;
    g_autofree char *contents = NULL;

    g_assert_true (g_file_set_contents (broken, "{\"format\": \"habilitation-dossier\",", -1, NULL));
    run_cli (&run, "review", broken, "--reviewer", "Thomas Nguyen", "--approve", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "broken.habilitation"));
    g_assert_cmpuint (strchr (run.err, '\n') - run.err + 1, ==, strlen (run.err));
    g_assert_true (g_file_get_contents (broken, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "{\"format\": \"habilitation-dossier\",");
  }

  /* Reviews that cannot take one more: refused, file untouched. */
  {
    g_auto(Run) run;
    g_autofree char *contents = NULL;
    g_autofree char *kept = NULL;

    edit_file (path, "dpo.reviews", "{\"0\": \"not a list\"}");
    g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
    run_cli (&run, "review", path, "--reviewer", "Thomas Nguyen", "--approve", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "dpo.reviews"));
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, kept);
  }

  run_cli (&help, "review", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--reviewer"));
  g_assert_nonnull (strstr (help.out, "--request-changes"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/review/fingerprint-fields", test_fingerprint_fields);
  g_test_add_func ("/review/parse-date", test_parse_date);
  g_test_add_func ("/review/append", test_append);
  g_test_add_func ("/review/append-refused", test_append_refused);
  for (guint i = 0; i < G_N_ELEMENTS (data_edits); i++)
    {
      g_autofree char *name = g_strdup_printf ("/review/outdated/%u-%s", i, data_edits[i].path);

      g_test_add_data_func (name, &data_edits[i], test_outdated);
    }
  g_test_add_func ("/review/changes-described", test_changes_described);
  g_test_add_func ("/review/diff-texts", test_diff_texts);
  g_test_add_func ("/review/untrusted-text", test_untrusted_text);
  g_test_add_func ("/review/reviewer-name", test_reviewer_name);
  g_test_add_func ("/review/dpo-copy", test_dpo_copy);
  g_test_add_func ("/review/merge/same-id", test_merge_same_id);
  g_test_add_func ("/review/merge/other-id", test_merge_other_id);
  g_test_add_func ("/review/merge/concurrent", test_merge_concurrent);
  g_test_add_func ("/review/merge/order", test_merge_order);
  g_test_add_func ("/review/merge/not-appendable", test_merge_not_appendable);
  g_test_add_func ("/review/cli/round-trip", test_cli_round_trip);
  g_test_add_func ("/review/cli/errors", test_cli_errors);

  return g_test_run ();
}
