/* test-cli.c: habilitation-cli's commands, output and exit codes (DESIGN §8).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

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

static const char *
cli_path (void)
{
  const char *path = g_getenv ("HAB_CLI");

  if (path == NULL)
    g_error ("HAB_CLI is not set: run this test through meson test");
  return path;
}

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, (char *) cli_path ());
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

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static const char *const examples[] = {
  "cantine-scolaire-bac-a-sable.habilitation",
  "creche-production-editeur.habilitation",
  "ordonnateur-r2p-interne.habilitation",
};

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Every example: exit 0, one JSON object as DESIGN §8 describes it. */
static void
test_check_examples_json (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = example (examples[i]);
      g_auto(Run) run;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object, *counts;
      JsonArray *findings;

      run_cli (&run, "check", "--json", "--today", "2026-11-27", path, NULL);
      if (run.status != 0)
        g_test_message ("%s\n%s", run.out, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");

      root = parse_json (run.out);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      object = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (object, "file"), ==, path);
      g_assert_cmpint (json_object_get_int_member (object, "format_version"), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (object, "today"), ==, "2026-11-27");
      counts = json_object_get_object_member (object, "counts");
      g_assert_cmpint (json_object_get_int_member (counts, "error"), ==, 0);
      g_assert_true (json_object_has_member (counts, "warning"));
      g_assert_true (json_object_has_member (counts, "info"));

      findings = json_object_get_array_member (object, "findings");
      for (guint j = 0; j < json_array_get_length (findings); j++)
        {
          JsonObject *finding = json_array_get_object_element (findings, j);
          static const char *const members[] = { "rule", "severity", "step", "field", "message" };

          for (guint k = 0; k < G_N_ELEMENTS (members); k++)
            g_assert_nonnull (json_object_get_string_member (finding, members[k]));
          g_assert_cmpstr (json_object_get_string_member (finding, "severity"), !=, "error");
        }
    }
}

/* Several files: an array, one object each, in order. */
static void
test_check_several (void)
{
  g_autofree char *a = example (examples[0]);
  g_autofree char *b = example (examples[2]);
  g_auto(Run) run;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  run_cli (&run, "check", "--json", "--today", "2026-11-27", a, b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "file"),
                   ==, b);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *data,
            gsize       length)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  return path;
}

/* Errors in a valid dossier: exit 1, the text lists them. */
static void
test_check_errors (void)
{
  static const char data[] =
    "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"x\","
    "\"organisation\":{\"siret\":\"12345678901234\"}}";
  g_autofree char *dir = g_dir_make_tmp ("hab-cli-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "errors.habilitation", data, strlen (data));
  g_auto(Run) run;
  g_auto(Run) json_run;
  g_autoptr(JsonNode) root = NULL;

  run_cli (&run, "check", "--today", "2026-11-27", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "errors.habilitation"));
  g_assert_nonnull (strstr (run.out, "organisation.siret"));

  run_cli (&json_run, "check", "--json", "--today", "2026-11-27", path, NULL);
  g_assert_cmpint (json_run.status, ==, 1);
  root = parse_json (json_run.out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_node_get_object (root), "counts"), "error"), >, 0);
}

/* Unreadable or invalid files: exit 2, one line on stderr naming the file,
 * and the file is left byte for byte as it was. */
static void
test_check_bad_files (void)
{
  static const char binary[] = { 0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x00, (char) 0xff, 0x00 };
  g_autofree char *dir = g_dir_make_tmp ("hab-cli-XXXXXX", NULL);
  g_autoptr(GString) deep = g_string_new ("{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":");
  struct { const char *name; const char *data; gssize length; const char *part; } cases[] = {
    { "truncated.habilitation", "{\"format\":\"habilitation-dossier\",\n\"format_version\":1,\n\"id\":\"ab",
      -1, "line 3" },
    { "empty.habilitation", "", 0, NULL },
    { "binary.habilitation", binary, sizeof binary, NULL },
    { "deep.habilitation", NULL, -1, NULL },
    { "newer.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":7}", -1, NULL },
    { "utf8.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"\xe9\"}", -1,
      "UTF-8" },
    { "array.habilitation", "[]", -1, NULL },
  };

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (deep, '{');
  cases[3].data = deep->str;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length < 0 ? strlen (cases[i].data) : (gsize) cases[i].length;
      g_autofree char *path = write_temp (dir, cases[i].name, cases[i].data, length);
      g_autofree char *after = NULL;
      gsize after_length;
      const char *commands[] = { "check", "fingerprint", "datapass-url" };

      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto(Run) run;

          run_cli (&run, commands[c], path, NULL);
          g_test_message ("%s %s: %s", commands[c], cases[i].name, run.err);
          g_assert_cmpint (run.status, ==, 2);
          g_assert_cmpstr (run.out, ==, "");
          g_assert_nonnull (strstr (run.err, cases[i].name));
          if (cases[i].part != NULL)
            g_assert_nonnull (strstr (run.err, cases[i].part));
          /* One line. */
          g_assert_nonnull (strchr (run.err, '\n'));
          g_assert_cmpstr (strchr (run.err, '\n'), ==, "\n");
        }

      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (after, after_length, cases[i].data, length);
    }

  {
    g_auto(Run) run;

    run_cli (&run, "check", "/nonexistent/none.habilitation", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "none.habilitation"));
  }
}

/* Dossiers written by hand in the format of DESIGN §4, with inline contact
 * cards: the CLI reports what the DGFiP and DataPass rules say of them. */
static void
test_check_hand_written (void)
{
  static const struct
  {
    const char *file;
    const char *rules[20];
  } cases[] = {
    { "production-errors.habilitation",
      { "contact.email_free_domain_demandeur", "contact.email_generic", "organisation.siret_checksum",
        "data.year_fallback_combined", "data.incompatible_scopes", "data.scope_deprecated",
        "data.scope_unknown", "data.retention_justification_missing", "parcours.modality_forbidden",
        "legal.mention_l114_8", "security.expired", "security.calls_invalid",
        "dpo.changes_requested", NULL } },
    { "sfip-sandbox.habilitation",
      { "data.no_year", "parcours.modalities_not_applicable", "dpo.approval_outdated",
        "contact.email_generic_demandeur", NULL } },
    { "lep.habilitation",
      { "data.lep_not_alone", "data.lep_banks_only", "dpo.not_informed", "actors.role_missing",
        NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hand-written",
                                                     cases[i].file, NULL);
      g_auto(Run) run;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      JsonArray *findings;

      run_cli (&run, "check", "--json", "--today", "2026-11-27", path, NULL);
      g_assert_cmpint (run.status, ==, 1);
      root = parse_json (run.out);
      findings = json_object_get_array_member (json_node_get_object (root), "findings");
      for (guint j = 0; j < json_array_get_length (findings); j++)
        g_hash_table_add (found, g_strdup (json_object_get_string_member (
                                             json_array_get_object_element (findings, j), "rule")));

      for (guint r = 0; cases[i].rules[r] != NULL; r++)
        {
          if (!g_hash_table_contains (found, cases[i].rules[r]))
            g_test_message ("%s: %s not reported", cases[i].file, cases[i].rules[r]);
          g_assert_true (g_hash_table_contains (found, cases[i].rules[r]));
        }
    }
}

/* Messages follow the locale: French under LANGUAGE=fr. */
static void
test_check_french (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hand-written",
                                                 "production-errors.habilitation", NULL);
  g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));
  g_auto(Run) run;

  g_setenv ("LANGUAGE", "fr", TRUE);
  run_cli (&run, "check", "--today", "2026-11-27", path, NULL);
  if (old != NULL)
    g_setenv ("LANGUAGE", old, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "erreurs"));
  g_assert_null (strstr (run.out, " errors,"));
}

static void
test_fingerprint (void)
{
  g_autofree char *path = example (examples[1]);
  g_auto(Run) run;
  g_auto(Run) again;

  run_cli (&run, "fingerprint", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "sha256:"));
  g_assert_cmpuint (strlen (run.out), ==, strlen ("sha256:") + 64 + 1);
  for (const char *p = run.out + 7; *p != '\n'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));

  run_cli (&again, "fingerprint", path, NULL);
  g_assert_cmpstr (run.out, ==, again.out);
}

static void
test_datapass_url (void)
{
  g_autofree char *path = example (examples[0]);
  g_auto(Run) run;

  run_cli (&run, "datapass-url", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "https://datapass.api.gouv.fr/formulaires/"
                                   "api-impot-particulier-cantine-scolaire-sandbox/demande/nouveau?"));
}

static void
test_rules (void)
{
  g_auto(Run) run;
  g_auto(Run) json_run;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) root = NULL;

  run_cli (&run, "rules", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 60);
  g_assert_nonnull (strstr (run.out, "organisation.siret"));

  run_cli (&json_run, "rules", "--json", NULL);
  g_assert_cmpint (json_run.status, ==, 0);
  root = parse_json (json_run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, g_strv_length (lines));
}

static void
test_usage (void)
{
  const char *commands[] = { "check", "fingerprint", "datapass-url", "rules" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run;

      run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, commands[i]));
    }

  {
    g_auto(Run) run;
    run_cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "datapass-url"));
  }
  {
    g_auto(Run) run;
    run_cli (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "frobnicate"));
  }
  {
    g_auto(Run) run;
    run_cli (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_autofree char *path = example (examples[0]);
    g_auto(Run) run;
    run_cli (&run, "check", "--today", "27/11/2026", path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "27/11/2026"));
  }
  {
    g_auto(Run) run;
    run_cli (&run, "check", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run;
    run_cli (&run, "check", "--no-such-option", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* --today changes what the date rules say: the crèche homologation ends on
 * 2029-10-14, so by 2029-09-01 its renewal is due. */
static void
test_today (void)
{
  g_autofree char *path = example (examples[1]);
  g_auto(Run) now;
  g_auto(Run) later;

  run_cli (&now, "check", "--json", "--today", "2026-11-27", path, NULL);
  run_cli (&later, "check", "--json", "--today", "2029-09-01", path, NULL);
  g_assert_nonnull (strstr (later.out, "\"today\" : \"2029-09-01\""));
  g_assert_cmpuint (count_occurrences (later.out, "\"rule\" : \"security."), >,
                    count_occurrences (now.out, "\"rule\" : \"security."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/check/examples-json", test_check_examples_json);
  g_test_add_func ("/cli/check/several", test_check_several);
  g_test_add_func ("/cli/check/errors", test_check_errors);
  g_test_add_func ("/cli/check/bad-files", test_check_bad_files);
  g_test_add_func ("/cli/check/today", test_today);
  g_test_add_func ("/cli/check/hand-written", test_check_hand_written);
  g_test_add_func ("/cli/check/french", test_check_french);
  g_test_add_func ("/cli/fingerprint", test_fingerprint);
  g_test_add_func ("/cli/datapass-url", test_datapass_url);
  g_test_add_func ("/cli/rules", test_rules);
  g_test_add_func ("/cli/usage", test_usage);

  return g_test_run ();
}
