/* test-rules.c: every rule fires on a dossier made to break it, and not on
 * the example it was made from. Cases are data: tests/data/rule-cases/.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-validator.h"

typedef struct
{
  char       *name;       /* "file.json#index" */
  JsonObject *object;
} RuleCase;

static GPtrArray *all_cases;

static void
rule_case_free (gpointer data)
{
  RuleCase *rule_case = data;

  g_free (rule_case->name);
  json_object_unref (rule_case->object);
  g_free (rule_case);
}

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

static GPtrArray *
validate (HabDossier *dossier,
          const char *today)
{
  g_autoptr(HabValidator) validator = hab_validator_new (NULL);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, today);
  g_assert_true (g_date_valid (&date));
  hab_validator_set_today (validator, &date);

  return hab_validator_validate (validator, dossier);
}

static const HabFinding *
find_rule (GPtrArray  *findings,
           const char *rule_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->rule->id, rule_id) == 0)
        return finding;
    }

  return NULL;
}

static char *
describe_findings (GPtrArray *findings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "  %s [%s] %s\n", finding->rule->id, finding->field,
                              finding->message);
    }

  return g_string_free (text, FALSE);
}

static void
test_rule_case (gconstpointer data)
{
  const RuleCase *rule_case = data;
  JsonObject *object = rule_case->object;
  const char *rule_id = json_object_get_string_member (object, "rule");
  const char *base = json_object_get_string_member (object, "base");
  const char *today = json_object_get_string_member_with_default (object, "today", "2026-11-27");
  const char *field = json_object_get_string_member_with_default (object, "field", NULL);
  gboolean expect = json_object_get_boolean_member_with_default (object, "expect", TRUE);
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  const HabFinding *finding;

  g_assert_nonnull (hab_rules_lookup (rule_id));

  dossier = load_example (base);
  before = validate (dossier, today);
  if (find_rule (before, rule_id) != NULL)
    {
      g_autofree char *text = describe_findings (before);
      g_test_message ("%s fires on the unedited base %s:\n%s", rule_id, base, text);
      g_test_fail ();
      return;
    }

  if (json_object_has_member (object, "remove"))
    {
      JsonArray *remove = json_object_get_array_member (object, "remove");

      for (guint i = 0; i < json_array_get_length (remove); i++)
        hab_dossier_remove (dossier, json_array_get_string_element (remove, i));
    }

  if (json_object_has_member (object, "set"))
    {
      JsonObject *set = json_object_get_object_member (object, "set");
      JsonObjectIter iter;
      const char *path;
      JsonNode *value;

      json_object_iter_init (&iter, set);
      while (json_object_iter_next (&iter, &path, &value))
        hab_dossier_set_node (dossier, path, json_node_copy (value));
    }

  after = validate (dossier, today);
  finding = find_rule (after, rule_id);

  if (expect && finding == NULL)
    {
      g_autofree char *text = describe_findings (after);
      g_test_message ("%s does not fire; findings were:\n%s", rule_id, text);
      g_test_fail ();
      return;
    }

  if (!expect && finding != NULL)
    {
      g_test_message ("%s fires but should not: %s", rule_id, finding->message);
      g_test_fail ();
      return;
    }

  if (expect && field != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < after->len; i++)
        {
          const HabFinding *f = g_ptr_array_index (after, i);

          if (g_strcmp0 (f->rule->id, rule_id) == 0 && g_strcmp0 (f->field, field) == 0)
            found = TRUE;
        }
      if (!found)
        {
          g_test_message ("%s fires on %s, not on %s", rule_id, finding->field, field);
          g_test_fail ();
        }
    }

  if (expect)
    {
      g_assert_nonnull (finding->message);
      g_assert_cmpstr (finding->message, !=, "");
      g_assert_nonnull (finding->field);
    }
}

/* Every rule has at least one case that makes it fire. */
static void
test_coverage (void)
{
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rules;
  const HabRule *rules = hab_rules_get_all (&n_rules);
  guint missing = 0;

  for (guint i = 0; i < all_cases->len; i++)
    {
      RuleCase *rule_case = g_ptr_array_index (all_cases, i);

      if (json_object_get_boolean_member_with_default (rule_case->object, "expect", TRUE))
        g_hash_table_add (covered,
                          (gpointer) json_object_get_string_member (rule_case->object, "rule"));
    }

  for (guint i = 0; i < n_rules; i++)
    if (!g_hash_table_contains (covered, rules[i].id))
      {
        g_test_message ("rule %s has no case that makes it fire", rules[i].id);
        missing++;
      }

  g_assert_cmpuint (missing, ==, 0);
}

/* The registry: ids unique, well-formed, described. */
static void
test_registry (void)
{
  guint n_rules;
  const HabRule *rules = hab_rules_get_all (&n_rules);

  g_assert_cmpuint (n_rules, >, 60);

  for (guint i = 0; i < n_rules; i++)
    {
      const char *id = rules[i].id;

      g_assert_true (hab_rules_lookup (id) == &rules[i]);
      g_assert_nonnull (strchr (id, '.'));
      for (const char *p = id; *p; p++)
        g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_');
      g_assert_true (rules[i].severity <= HAB_SEVERITY_INFO);
      g_assert_true (rules[i].step < HAB_N_STEPS);
      g_assert_nonnull (rules[i].description);
      g_assert_cmpuint (strlen (rules[i].description), >, 10);
    }
}

/* The examples have no error (warnings are allowed). */
static void
test_examples (void)
{
  static const char *const examples[] = {
    "cantine-scolaire-bac-a-sable.habilitation",
    "creche-production-editeur.habilitation",
    "ordonnateur-r2p-interne.habilitation",
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(HabDossier) dossier = load_example (examples[i]);
      g_autoptr(GPtrArray) findings = validate (dossier, "2026-11-27");
      guint n_errors;

      hab_findings_count (findings, &n_errors, NULL, NULL);
      if (n_errors > 0)
        {
          g_autofree char *text = describe_findings (findings);
          g_test_message ("%s has errors:\n%s", examples[i], text);
        }
      g_assert_cmpuint (n_errors, ==, 0);
    }
}

/* Findings come sorted by step, and validating twice gives the same result. */
static void
test_stable_order (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GPtrArray) first = validate (dossier, "2026-11-27");
  g_autoptr(GPtrArray) second = validate (dossier, "2026-11-27");

  g_assert_cmpuint (first->len, >, 0);
  g_assert_cmpuint (first->len, ==, second->len);

  for (guint i = 0; i < first->len; i++)
    {
      const HabFinding *a = g_ptr_array_index (first, i);
      const HabFinding *b = g_ptr_array_index (second, i);

      g_assert_true (a->rule == b->rule);
      g_assert_cmpstr (a->field, ==, b->field);
      g_assert_cmpstr (a->message, ==, b->message);
      if (i > 0)
        {
          const HabFinding *prev = g_ptr_array_index (first, i - 1);
          g_assert_cmpint (prev->rule->step, <=, a->rule->step);
        }
    }
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
load_cases (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "rule-cases", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  all_cases = g_ptr_array_new_with_free_func (rule_case_free);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file_name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir_path, file_name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *array;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
      array = json_node_get_array (json_parser_get_root (parser));

      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonObject *object = json_array_get_object_element (array, j);
          RuleCase *rule_case = g_new0 (RuleCase, 1);
          g_autofree char *stem = g_strndup (file_name, strlen (file_name) - strlen (".json"));

          g_assert_true (json_object_has_member (object, "rule"));
          g_assert_true (json_object_has_member (object, "base"));
          rule_case->object = json_object_ref (object);
          rule_case->name = g_strdup_printf ("%s/%02u-%s%s", stem, j,
                                             json_object_get_string_member (object, "rule"),
                                             json_object_get_boolean_member_with_default (object, "expect", TRUE)
                                               ? "" : "-passes");
          g_ptr_array_add (all_cases, rule_case);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  load_cases ();

  g_test_add_func ("/core/rules/registry", test_registry);
  g_test_add_func ("/core/rules/examples", test_examples);
  g_test_add_func ("/core/rules/stable-order", test_stable_order);
  g_test_add_func ("/core/rules/coverage", test_coverage);

  for (guint i = 0; i < all_cases->len; i++)
    {
      RuleCase *rule_case = g_ptr_array_index (all_cases, i);
      g_autofree char *path = g_strdup_printf ("/core/rules/case/%s", rule_case->name);

      g_test_add_data_func (path, rule_case, test_rule_case);
    }

  return g_test_run ();
}
