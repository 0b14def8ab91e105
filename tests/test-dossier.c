/* test-dossier.c: loading, saving and editing dossiers (DESIGN §4).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hab-dossier.h"

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hab-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
write_temp_file (const char *dir,
                 const char *name,
                 const char *data,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
assert_file_contents (const char *path,
                      const char *data,
                      gsize       length)
{
  g_autofree char *contents = NULL;
  gsize contents_length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &contents_length, NULL));
  g_assert_cmpmem (contents, contents_length, data, length);
}

static void
test_blank (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  const char *id = hab_dossier_get_string (dossier, "id");
  gint64 version = 0;

  g_assert_cmpstr (hab_dossier_get_string (dossier, "format"), ==, HAB_DOSSIER_FORMAT);
  g_assert_true (hab_dossier_get_int (dossier, "format_version", &version));
  g_assert_cmpint (version, ==, 1);
  g_assert_true (g_uuid_string_is_valid (id));
  g_assert_nonnull (hab_dossier_get_object (dossier, "parcours"));
  g_assert_nonnull (hab_dossier_get_array (dossier, "data.scopes"));
  g_assert_nonnull (hab_dossier_get_object (dossier, "legal.deliberation.mentions"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "catalogue_version"), !=, "");
}

static const char *const examples[] = {
  "cantine-scolaire-bac-a-sable.habilitation",
  "creche-production-editeur.habilitation",
  "ordonnateur-r2p-interne.habilitation",
};

static void
test_load_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = example_path (examples[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);
      g_autoptr(HabContact) dpo = NULL;

      g_assert_no_error (error);
      g_assert_true (g_file_equal (hab_dossier_get_file (dossier), file));
      g_assert_nonnull (hab_dossier_get_string (dossier, "parcours.api"));

      dpo = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DELEGUE_PROTECTION_DONNEES);
      g_assert_nonnull (dpo);
      g_assert_nonnull (dpo->email);
      g_assert_nonnull (dpo->contact_id);
    }
}

/* A dossier that is strictly JSON is read by hab_json_parse(); one with a
 * comment (which JSON does not have) by json-glib, as before. Both give
 * the same dossier. */
static void
test_lenient_json (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = example_path (examples[i]);
      g_autofree char *data = NULL;
      g_autofree char *commented = NULL;
      g_autofree char *strict_saved = NULL;
      g_autofree char *lenient_saved = NULL;
      g_autoptr(HabDossier) strict = NULL;
      g_autoptr(HabDossier) lenient = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      g_assert_no_error (error);
      g_assert_cmpint (data[0], ==, '{');
      commented = g_strdup_printf ("{ /* a note */%s", data + 1);

      strict = hab_dossier_new_from_data (data, length, examples[i], &error);
      g_assert_no_error (error);
      lenient = hab_dossier_new_from_data (commented, strlen (commented), examples[i], &error);
      g_assert_no_error (error);

      strict_saved = hab_dossier_to_data (strict, NULL);
      lenient_saved = hab_dossier_to_data (lenient, NULL);
      g_assert_cmpstr (lenient_saved, ==, strict_saved);
    }
}

static void
test_inline_contacts (void)
{
  static const char data[] =
    "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"x\","
    "\"actors\":{\"demandeur\":{\"contact_id\":\"c1\",\"display_name\":\"Jeanne Martin\","
    "\"contact\":{\"given_name\":\"Jeanne\",\"family_name\":\"Martin\","
    "\"email\":\"jeanne.martin@example.fr\",\"phone\":\"05 63 00 00 00\","
    "\"job_title\":\"Agent\",\"birth_date\":\"1980-01-02\",\"birth_place\":\"Albi\","
    "\"extra\":true}},"
    "\"responsable_technique\":{\"contact_id\":\"c2\",\"display_name\":\"Luc\"},"
    "\"delegue_protection_donnees\":{\"contact\":{\"email\":42}}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_data (data, strlen (data), "t", &error);
  g_autoptr(HabContact) demandeur = NULL;
  g_autoptr(HabContact) dpo = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);

  demandeur = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DEMANDEUR);
  g_assert_cmpstr (demandeur->contact_id, ==, "c1");
  g_assert_cmpstr (demandeur->given_name, ==, "Jeanne");
  g_assert_cmpstr (demandeur->email, ==, "jeanne.martin@example.fr");
  g_assert_cmpstr (demandeur->birth_place, ==, "Albi");
  name = hab_contact_dup_display_name (demandeur);
  g_assert_cmpstr (name, ==, "Jeanne Martin");

  /* No inline card: the keyring has it. */
  g_assert_null (hab_dossier_dup_inline_contact (dossier, HAB_ROLE_RESPONSABLE_TECHNIQUE));
  g_assert_null (hab_dossier_dup_inline_contact (dossier, HAB_ROLE_EDITEUR));

  /* A wrongly typed member is ignored, never a crash. */
  dpo = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DELEGUE_PROTECTION_DONNEES);
  g_assert_nonnull (dpo);
  g_assert_null (dpo->email);
}

/* Members this version does not know survive a load/save round trip. */
/* Edits reach into arrays of a loaded dossier, in place. */
static void
test_edit_arrays (void)
{
  g_autofree char *path = example_path ("cantine-scolaire-bac-a-sable.habilitation");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);
  JsonObject *scope;

  g_assert_no_error (error);

  hab_dossier_set_string (dossier, "parcours.modalities.0", "with_france_connect");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "parcours.modalities.0"), ==, "with_france_connect");
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "parcours.modalities")), ==, 1);

  hab_dossier_set_string (dossier, "data.scopes.1.purpose", "Quotient familial");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.scopes.1.purpose"), ==, "Quotient familial");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.scopes.1.key"), ==, "dgfip_rfr");

  /* Replacing an element by an object, and appending one. */
  scope = json_object_new ();
  json_object_set_string_member (scope, "key", "dgfip_nbpart");
  json_object_set_string_member (scope, "purpose", "QF");
  hab_dossier_set_node (dossier, "data.scopes.0", json_node_init_object (json_node_alloc (), scope));
  json_object_unref (scope);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.scopes.0.key"), ==, "dgfip_nbpart");
  hab_dossier_set_string (dossier, "parcours.modalities.1", "with_spi");
  g_assert_true (hab_dossier_has_modality (dossier, "with_spi"));
}

static void
test_round_trip_unknown_keys (void)
{
  static const char data[] =
    "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"abc\","
    "\"future_top\":{\"nested\":[1,2,{\"deep\":\"é\"}]},"
    "\"project\":{\"title\":\"Cantine\",\"future_field\":\"kept\"},"
    "\"data\":{\"scopes\":[{\"key\":\"dgfip_rfr\",\"purpose\":\"QF\",\"future\":true}]}}";
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "round.habilitation", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_data (data, strlen (data), "t", &error);
  g_autoptr(HabDossier) reloaded = NULL;
  JsonObject *root;

  g_assert_no_error (error);
  hab_dossier_set_string (dossier, "project.title", "Cantine scolaire");
  hab_dossier_save (dossier, file, NULL, &error);
  g_assert_no_error (error);

  reloaded = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  root = hab_dossier_get_root (reloaded);

  g_assert_cmpstr (hab_dossier_get_string (reloaded, "future_top.nested.2.deep"), ==, "é");
  g_assert_cmpstr (hab_dossier_get_string (reloaded, "project.future_field"), ==, "kept");
  g_assert_cmpstr (hab_dossier_get_string (reloaded, "project.title"), ==, "Cantine scolaire");
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (hab_dossier_get_array (reloaded, "data.scopes"), 0), "future"));
  g_assert_true (json_node_equal (json_object_get_member (hab_dossier_get_root (dossier), "future_top"),
                                  json_object_get_member (root, "future_top")));
  g_assert_nonnull (hab_dossier_get_string (reloaded, "modified"));
}

/* Every example survives load -> save -> load unchanged but for "modified". */
static void
test_round_trip_examples (void)
{
  g_autofree char *path = example_path ("creche-production-editeur.habilitation");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *copy_path = g_build_filename (dir, "copy.habilitation", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_autoptr(HabDossier) reloaded = NULL;
  JsonNode *a, *b;

  g_assert_no_error (error);
  hab_dossier_save (dossier, copy, NULL, &error);
  g_assert_no_error (error);
  reloaded = hab_dossier_new_from_file (copy, NULL, &error);
  g_assert_no_error (error);

  json_object_remove_member (hab_dossier_get_root (dossier), "modified");
  json_object_remove_member (hab_dossier_get_root (reloaded), "modified");
  a = json_node_init_object (json_node_alloc (), hab_dossier_get_root (dossier));
  b = json_node_init_object (json_node_alloc (), hab_dossier_get_root (reloaded));
  g_assert_true (json_node_equal (a, b));
  json_node_unref (a);
  json_node_unref (b);
}

typedef struct
{
  const char *name;
  const char *data;
  gssize      length;        /* -1: strlen */
  int         code;
  const char *message_part;  /* must appear in the message */
} BadInput;

static void
check_bad_input (const BadInput *bad)
{
  g_autofree char *dir = make_temp_dir ();
  gsize length = bad->length < 0 ? strlen (bad->data) : (gsize) bad->length;
  g_autofree char *path = write_temp_file (dir, bad->name, bad->data, length);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_autofree char *backup = g_strconcat (path, "~", NULL);

  g_test_message ("%s: %s", bad->name, error ? error->message : "(no error)");
  g_assert_null (dossier);
  g_assert_error (error, HAB_DOSSIER_ERROR, bad->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, bad->name));
  if (bad->message_part != NULL)
    g_assert_nonnull (strstr (error->message, bad->message_part));

  /* The file is left byte for byte as it was, and no backup was made. */
  assert_file_contents (path, bad->data, length);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
test_bad_inputs (void)
{
  static const char binary[] = { 0x7f, 'E', 'L', 'F', 0x02, 0x01, 0x00, (char) 0xff, (char) 0xfe, 0x00 };
  static const char invalid_utf8[] =
    "{\"format\":\"habilitation-dossier\",\n\"format_version\":1,\n\"id\":\"a\xc3\x28\"}";
  const BadInput cases[] = {
    { "empty.habilitation", "", 0, HAB_DOSSIER_ERROR_SYNTAX, "empty" },
    { "blank.habilitation", "  \n\t\n", -1, HAB_DOSSIER_ERROR_SYNTAX, "empty" },
    { "truncated.habilitation",
      "{\"format\":\"habilitation-dossier\",\n\"format_version\":1,\n\"project\":{\"title\":\"Cant",
      -1, HAB_DOSSIER_ERROR_SYNTAX, "line 3" },
    { "syntax.habilitation", "{\n  \"format\": \"habilitation-dossier\",\n  \"a\": tru\n}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "line 3" },
    /* json-glib quotes the member name cut inside a character (found by
     * tests/fuzz/fuzz-dossier). */
    { "cut-token.habilitation", "{\"éééééééééééééééééééééééééééééé\" 1}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "line 1" },
    { "binary.habilitation", binary, sizeof binary, HAB_DOSSIER_ERROR_NOT_UTF8, "UTF-8" },
    { "latin1.habilitation", invalid_utf8, -1, HAB_DOSSIER_ERROR_NOT_UTF8, "line 3" },
    { "array.habilitation", "[1, 2, 3]", -1, HAB_DOSSIER_ERROR_NOT_OBJECT, NULL },
    { "string.habilitation", "\"habilitation-dossier\"", -1, HAB_DOSSIER_ERROR_NOT_OBJECT, NULL },
    { "other.habilitation", "{\"format\":\"pia\",\"format_version\":1}", -1,
      HAB_DOSSIER_ERROR_WRONG_FORMAT, NULL },
    { "noformat.habilitation", "{\"format_version\":1}", -1, HAB_DOSSIER_ERROR_WRONG_FORMAT, NULL },
    { "newer.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":2}", -1,
      HAB_DOSSIER_ERROR_NEWER_VERSION, "newer" },
    { "noversion.habilitation", "{\"format\":\"habilitation-dossier\"}", -1,
      HAB_DOSSIER_ERROR_INVALID, NULL },
    { "badversion.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":\"1\"}", -1,
      HAB_DOSSIER_ERROR_INVALID, NULL },
    { "zeroversion.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":0}", -1,
      HAB_DOSSIER_ERROR_INVALID, NULL },
    /* Numbers json-glib would read as others, or write back as invalid JSON
     * (found by tests/fuzz/fuzz-dossier: 1e400 was saved as "inf"). */
    { "hex.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\n\"x\":0x10}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "line 2, column 5: “0x10” is not a number" },
    { "octal.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":[1,010]}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "“010”" },
    { "fraction.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":.5}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "“.5”" },
    { "infinite.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":-1e400}", -1,
      HAB_DOSSIER_ERROR_INVALID, "(-1e400)" },
    { "exponent.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":1e17}", -1,
      HAB_DOSSIER_ERROR_INVALID, "(1e17)" },
    /* Escapes JSON does not have, that json-glib takes as something else, and
     * a broken surrogate pair, on which it loses memory (found by
     * tests/fuzz/fuzz-review-import). */
    { "octal-escape.habilitation",
      "{\"format\":\"habilitation-dossier\",\"format_version\":1,\n\"id\":\"a\\0b\"}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "line 2, column 8: an invalid escape sequence" },
    { "hex-escape.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"\\x41\"}",
      -1, HAB_DOSSIER_ERROR_SYNTAX, "invalid escape" },
    { "short-escape.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"\\u12\"}",
      -1, HAB_DOSSIER_ERROR_SYNTAX, "invalid escape" },
    { "broken-pair.habilitation",
      "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"\\ud83d\\uat00\"}", -1,
      HAB_DOSSIER_ERROR_NOT_UTF8, "surrogate" },
    { "lone-high.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"\\uD800\"}",
      -1, HAB_DOSSIER_ERROR_NOT_UTF8, "surrogate" },
    { "lone-low.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"\\udc00x\"}",
      -1, HAB_DOSSIER_ERROR_NOT_UTF8, "surrogate" },
    { "null-escape.habilitation", "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"a\\u0000\"}",
      -1, HAB_DOSSIER_ERROR_NOT_UTF8, "null character" },
    /* json-glib keeps the last of several values, and loses the memory of the
     * others (found by tests/fuzz/fuzz-dossier). */
    { "two-dossiers.habilitation",
      "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"a\"}\n"
      "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"id\":\"b\"}\n", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "line 2, column 1: more text after the end" },
    { "number-first.habilitation", "5.5{\"format\":\"habilitation-dossier\",\"format_version\":1}", -1,
      HAB_DOSSIER_ERROR_SYNTAX, "line 1, column 4: more text after the end" },
    { "int65.habilitation",
      "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":9223372036854775808}", -1,
      HAB_DOSSIER_ERROR_INVALID, "too large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_bad_input (&cases[i]);
}

/* The numbers JSON has, at the edges of what json-glib keeps, and its
 * escapes, open and are saved as valid JSON that opens again with the same
 * values. */
static void
test_numbers_kept (void)
{
  static const char data[] =
    "{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":[0,-0,12,-9223372036854775808,"
    "9223372036854775807,0.5,-1.5E+3,1e16,1.5e17,1e-7,1E-400,2.5e300],\"y\":\"0x10 1e400 .5\","
    "\"z\":\"\\ud83d\\uDE00 \\u00e9 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_data (data, strlen (data), "n", &error);
  g_autoptr(HabDossier) reloaded = NULL;
  g_autofree char *saved = NULL;
  gsize length;
  gint64 value;

  g_assert_no_error (error);
  g_assert_true (hab_dossier_get_int (dossier, "x.3", &value));
  g_assert_cmpint (value, ==, G_MININT64);
  g_assert_true (hab_dossier_get_int (dossier, "x.4", &value));
  g_assert_cmpint (value, ==, G_MAXINT64);

  saved = hab_dossier_to_data (dossier, &length);
  reloaded = hab_dossier_new_from_data (saved, length, "saved", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (hab_dossier_lookup (dossier, "x"), hab_dossier_lookup (reloaded, "x")));
  g_assert_cmpstr (hab_dossier_get_string (reloaded, "z"), ==, "😀 é \" \\ / \b\f\n\r\t");
}

/* 20,000 levels of nesting: refused before the parser recurses. */
static void
test_deep_nesting (void)
{
  GString *text = g_string_new ("{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":");
  BadInput bad = { "deep.habilitation", NULL, -1, HAB_DOSSIER_ERROR_INVALID, "levels" };

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  bad.data = text->str;
  check_bad_input (&bad);

  /* Brackets inside strings do not count. */
  {
    g_autoptr(GString) ok = g_string_new ("{\"format\":\"habilitation-dossier\",\"format_version\":1,\"x\":\"");
    g_autoptr(GError) error = NULL;
    g_autoptr(HabDossier) dossier = NULL;

    for (guint i = 0; i < 1000; i++)
      g_string_append (ok, "[{\\\"");
    g_string_append (ok, "\"}");
    dossier = hab_dossier_new_from_data (ok->str, ok->len, "ok", &error);
    g_assert_no_error (error);
    g_assert_nonnull (dossier);
  }

  g_string_free (text, TRUE);
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/dir/none.habilitation");
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_null (dossier);
  g_assert_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "none.habilitation"));
}

/* Saving keeps the previous version as "name~". */
static void
test_save_backup (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "d.habilitation", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(HabDossier) previous = NULL;
  g_autoptr(GError) error = NULL;

  hab_dossier_set_string (dossier, "project.title", "First");
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  hab_dossier_set_string (dossier, "project.title", "Second");
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));

  {
    g_autoptr(GFile) backup_file = g_file_new_for_path (backup);
    previous = hab_dossier_new_from_file (backup_file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (hab_dossier_get_string (previous, "project.title"), ==, "First");
  }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Runs a failing save in a child process (so that its limits or identity do
 * not leak into the other tests) and checks that nothing was lost. */
static void
check_failed_save (gboolean drop_privileges)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *original_path = example_path ("cantine-scolaire-bac-a-sable.habilitation");
  g_autofree char *original = NULL;
  gsize original_length;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  guint entries_before;
  pid_t pid;
  int status;

  g_assert_true (g_file_get_contents (original_path, &original, &original_length, NULL));
  path = write_temp_file (dir, "d.habilitation", original, original_length);
  file = g_file_new_for_path (path);
  dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  hab_dossier_set_string (dossier, "project.title", "A change that cannot be saved");

  if (!drop_privileges)
    g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  entries_before = count_entries (dir);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GError) save_error = NULL;

      if (drop_privileges)
        {
          /* As root, permissions do not stop us: become nobody. */
          if (setgid (65534) != 0 || setuid (65534) != 0)
            _exit (3);
        }
      if (hab_dossier_save (dossier, file, NULL, &save_error))
        _exit (1);
      if (strstr (save_error->message, "d.habilitation") == NULL)
        _exit (2);
      /* Says why in words, not with the name of a temporary file. */
      if (strstr (save_error->message, "you are not allowed to write in the folder") == NULL
          || strstr (save_error->message, ".goutputstream") != NULL)
        _exit (4);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_chmod (dir, 0755);
  assert_file_contents (path, original, original_length);
  g_assert_cmpuint (count_entries (dir), ==, entries_before);
}

static void
test_save_read_only_folder (void)
{
  check_failed_save (geteuid () == 0);
}

/* A full disk, as the write sees it: the file size limit makes every write
 * past a few bytes fail with EFBIG, like ENOSPC would. */
static void
test_save_disk_full (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *original_path = example_path ("creche-production-editeur.habilitation");
  g_autofree char *original = NULL;
  gsize original_length;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  pid_t pid;
  int status;

  g_assert_true (g_file_get_contents (original_path, &original, &original_length, NULL));
  path = write_temp_file (dir, "d.habilitation", original, original_length);
  file = g_file_new_for_path (path);
  dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  hab_dossier_set_string (dossier, "project.description", "Longer text that will not fit.");

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 512, 512 };
      g_autoptr(GError) save_error = NULL;

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (3);
      if (hab_dossier_save (dossier, file, NULL, &save_error))
        _exit (1);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  assert_file_contents (path, original, original_length);
}

/* A real full disk: a 64 KiB tmpfs, in a mount namespace of a child
 * process (needs root, as in CI; skipped otherwise). */
static void
test_save_disk_full_tmpfs (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *original_path = example_path ("creche-production-editeur.habilitation");
  g_autofree char *original = NULL;
  gsize original_length;
  pid_t pid;
  int status;

  if (geteuid () != 0)
    {
      g_test_skip ("Mounting a small tmpfs needs root");
      return;
    }

  g_assert_true (g_file_get_contents (original_path, &original, &original_length, NULL));

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autofree char *path = g_build_filename (dir, "d.habilitation", NULL);
      g_autofree char *filler = g_build_filename (dir, "filler", NULL);
      g_autofree char *after = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(HabDossier) dossier = NULL;
      g_autoptr(GError) save_error = NULL;
      g_autofree char *padding = NULL;
      struct statvfs fs;
      gsize after_length = 0;
      gsize free_bytes;

      if (unshare (CLONE_NEWNS) != 0
          || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0
          || mount ("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
        _exit (3);
      if (!g_file_set_contents (path, original, original_length, NULL))
        _exit (4);
      /* Leave room for less than the dossier. */
      if (statvfs (dir, &fs) != 0)
        _exit (5);
      free_bytes = fs.f_bavail * fs.f_bsize;
      if (free_bytes > 8192)
        {
          padding = g_malloc0 (free_bytes - 4096);
          g_file_set_contents (filler, padding, free_bytes - 4096, NULL);
        }

      file = g_file_new_for_path (path);
      dossier = hab_dossier_new_from_file (file, NULL, NULL);
      if (dossier == NULL)
        _exit (6);
      hab_dossier_set_string (dossier, "project.description", "Longer text that will not fit.");
      if (hab_dossier_save (dossier, file, NULL, &save_error))
        _exit (1);
      if (!g_error_matches (save_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
          || strstr (save_error->message, "is full") == NULL)
        {
          g_printerr ("%s\n", save_error->message);
          _exit (2);
        }
      if (!g_file_get_contents (path, &after, &after_length, NULL)
          || after_length != original_length || memcmp (after, original, after_length) != 0)
        _exit (7);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 3)
    {
      g_test_skip ("No mount namespace here");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
write_other_version (const char *path,
                     const char *title)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HabDossier) theirs = hab_dossier_new_from_file (file, NULL, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_nonnull (theirs);
  hab_dossier_set_string (theirs, "project.title", title);
  data = hab_dossier_to_data (theirs, &length);
  g_assert_true (g_file_set_contents (path, data, length, NULL));
}

/* Someone else saves the file while it is open: our save writes nothing
 * and says so, until told to replace their version, which becomes the
 * backup. Our own saves are no conflict. */
static void
test_save_conflict (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *original_path = example_path ("cantine-scolaire-bac-a-sable.habilitation");
  g_autofree char *original = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(GError) error = NULL;
  gsize original_length, theirs_length, backup_length;

  g_assert_true (g_file_get_contents (original_path, &original, &original_length, NULL));
  path = write_temp_file (dir, "d.habilitation", original, original_length);
  file = g_file_new_for_path (path);
  dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hab_dossier_get_disk_checksum (dossier));
  g_assert_false (hab_dossier_has_changed_on_disk (dossier, NULL));

  /* Our own saves, one after the other. */
  hab_dossier_set_string (dossier, "project.title", "Ours");
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);
  hab_dossier_set_string (dossier, "project.title", "Ours again");
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);

  /* The same bytes written again (a touch, a copy): no conflict. */
  {
    g_autofree char *same = NULL;
    gsize same_length;

    g_assert_true (g_file_get_contents (path, &same, &same_length, NULL));
    g_assert_true (g_file_set_contents (path, same, same_length, NULL));
    g_assert_false (hab_dossier_has_changed_on_disk (dossier, NULL));
  }

  /* Same size, one byte changed in place, its time put back (as "cp -p"
   * or "touch -r" would): still seen. */
  {
    g_autofree char *bytes = NULL;
    gsize bytes_length;
    struct stat before;
    struct timespec times[2];
    char *title;

    g_assert_cmpint (stat (path, &before), ==, 0);
    g_assert_true (g_file_get_contents (path, &bytes, &bytes_length, NULL));
    title = strstr (bytes, "Ours again");
    g_assert_nonnull (title);
    title[0] = 'H';
    g_assert_true (g_file_set_contents_full (path, bytes, bytes_length,
                                             G_FILE_SET_CONTENTS_NONE, 0644, NULL));
    times[0] = before.st_atim;
    times[1] = before.st_mtim;
    g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
    g_assert_true (hab_dossier_has_changed_on_disk (dossier, NULL));
    title[0] = 'O';
    g_assert_true (g_file_set_contents_full (path, bytes, bytes_length,
                                             G_FILE_SET_CONTENTS_NONE, 0644, NULL));
    g_assert_false (hab_dossier_has_changed_on_disk (dossier, NULL));
  }

  write_other_version (path, "Theirs");
  g_assert_true (g_file_get_contents (path, &theirs, &theirs_length, NULL));
  g_assert_true (hab_dossier_has_changed_on_disk (dossier, NULL));

  hab_dossier_set_string (dossier, "project.title", "Ours, later");
  g_assert_false (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_CHANGED_ON_DISK);
  g_assert_nonnull (strstr (error->message, "d.habilitation"));
  g_clear_error (&error);
  assert_file_contents (path, theirs, theirs_length);

  /* A copy of the model (as saving without keyring cards makes) knows
   * the same version, and so refuses too. */
  copy = hab_dossier_dup (dossier);
  g_assert_cmpstr (hab_dossier_get_disk_checksum (copy), ==, hab_dossier_get_disk_checksum (dossier));
  g_assert_false (hab_dossier_save (copy, file, NULL, &error));
  g_assert_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_CHANGED_ON_DISK);
  g_clear_error (&error);
  assert_file_contents (path, theirs, theirs_length);

  /* Saved elsewhere: no conflict there. */
  {
    g_autofree char *other_path = g_build_filename (dir, "mine.habilitation", NULL);
    g_autoptr(GFile) other = g_file_new_for_path (other_path);

    g_assert_true (hab_dossier_save (copy, other, NULL, &error));
    g_assert_no_error (error);
  }

  /* Replacing theirs keeps it as the backup. */
  g_assert_true (hab_dossier_save_full (dossier, file, HAB_DOSSIER_SAVE_REPLACE_CHANGES, NULL, &error));
  g_assert_no_error (error);
  backup = g_strconcat (path, "~", NULL);
  {
    g_autofree char *kept = NULL;

    g_assert_true (g_file_get_contents (backup, &kept, &backup_length, NULL));
    g_assert_cmpmem (kept, backup_length, theirs, theirs_length);
  }
  g_assert_false (hab_dossier_has_changed_on_disk (dossier, NULL));

  /* A removed file is no conflict: saving puts it back. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (hab_dossier_has_changed_on_disk (dossier, NULL));
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
changed_cb (HabDossier *dossier,
            const char *path,
            GPtrArray  *paths)
{
  g_ptr_array_add (paths, g_strdup (path));
}

/* ::changed fires exactly once per edit, and not for a no-op. */
static void
test_changed_signal (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gint64 months = 0;

  g_signal_connect (dossier, "changed", G_CALLBACK (changed_cb), paths);

  hab_dossier_set_string (dossier, "project.title", "Cantine");
  g_assert_cmpuint (paths->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, "project.title");

  hab_dossier_set_string (dossier, "project.title", "Cantine");
  g_assert_cmpuint (paths->len, ==, 1);

  hab_dossier_set_int (dossier, "data.retention_months", 36);
  g_assert_cmpuint (paths->len, ==, 2);
  g_assert_true (hab_dossier_get_int (dossier, "data.retention_months", &months));
  g_assert_cmpint (months, ==, 36);

  hab_dossier_set_scope (dossier, "dgfip_rfr", "QF");
  hab_dossier_set_scope (dossier, "dgfip_rfr", "Quotient familial");
  hab_dossier_set_scope (dossier, "dgfip_rfr", "Quotient familial");
  g_assert_cmpuint (paths->len, ==, 4);
  g_assert_true (hab_dossier_has_scope (dossier, "dgfip_rfr"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "data.scopes.0.purpose"), ==, "Quotient familial");
  hab_dossier_remove_scope (dossier, "dgfip_rfr");
  hab_dossier_remove_scope (dossier, "dgfip_rfr");
  g_assert_cmpuint (paths->len, ==, 5);
  g_assert_false (hab_dossier_has_scope (dossier, "dgfip_rfr"));

  hab_dossier_set_modality (dossier, "with_spi", TRUE);
  hab_dossier_set_modality (dossier, "with_spi", TRUE);
  g_assert_cmpuint (paths->len, ==, 6);
  g_assert_true (hab_dossier_has_modality (dossier, "with_spi"));
  hab_dossier_set_modality (dossier, "with_spi", FALSE);
  g_assert_cmpuint (paths->len, ==, 7);

  /* Intermediate objects are created. */
  hab_dossier_set_boolean (dossier, "new_section.sub.flag", TRUE);
  g_assert_cmpuint (paths->len, ==, 8);
  g_assert_nonnull (hab_dossier_get_object (dossier, "new_section.sub"));

  hab_dossier_remove (dossier, "new_section");
  g_assert_cmpuint (paths->len, ==, 9);
  hab_dossier_remove (dossier, "new_section");
  g_assert_cmpuint (paths->len, ==, 9);
}

/* Getters never crash on wrong types and report them as absent. */
static void
test_wrong_types (void)
{
  static const char data[] =
    "{\"format\":\"habilitation-dossier\",\"format_version\":1,"
    "\"project\":\"not an object\",\"data\":{\"scopes\":{\"a\":1},\"retention_months\":\"36\"},"
    "\"parcours\":{\"modalities\":[1,null,\"with_spi\"]}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_data (data, strlen (data), "t", &error);
  gint64 months;

  g_assert_no_error (error);
  g_assert_null (hab_dossier_get_string (dossier, "project.title"));
  g_assert_null (hab_dossier_get_object (dossier, "project"));
  g_assert_null (hab_dossier_get_array (dossier, "data.scopes"));
  g_assert_false (hab_dossier_get_int (dossier, "data.retention_months", &months));
  g_assert_false (hab_dossier_has_scope (dossier, "a"));
  g_assert_true (hab_dossier_has_modality (dossier, "with_spi"));
  g_assert_null (hab_dossier_lookup (dossier, "parcours.modalities.9"));
  g_assert_null (hab_dossier_lookup (dossier, "parcours.modalities.x"));
  g_assert_nonnull (hab_dossier_lookup (dossier, "parcours.modalities.2"));

  /* Editing through a wrongly typed member replaces it. */
  hab_dossier_set_scope (dossier, "dgfip_rfr", "QF");
  g_assert_true (hab_dossier_has_scope (dossier, "dgfip_rfr"));
  hab_dossier_set_string (dossier, "project.title", "T");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==, "T");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/dossier/blank", test_blank);
  g_test_add_func ("/core/dossier/load-examples", test_load_examples);
  g_test_add_func ("/core/dossier/lenient-json", test_lenient_json);
  g_test_add_func ("/core/dossier/inline-contacts", test_inline_contacts);
  g_test_add_func ("/core/dossier/round-trip/unknown-keys", test_round_trip_unknown_keys);
  g_test_add_func ("/core/dossier/round-trip/examples", test_round_trip_examples);
  g_test_add_func ("/core/dossier/bad-input", test_bad_inputs);
  g_test_add_func ("/core/dossier/bad-input/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/dossier/numbers-and-escapes", test_numbers_kept);
  g_test_add_func ("/core/dossier/bad-input/missing", test_missing_file);
  g_test_add_func ("/core/dossier/save/backup", test_save_backup);
  g_test_add_func ("/core/dossier/save/read-only-folder", test_save_read_only_folder);
  g_test_add_func ("/core/dossier/save/disk-full", test_save_disk_full);
  g_test_add_func ("/core/dossier/save/disk-full-tmpfs", test_save_disk_full_tmpfs);
  g_test_add_func ("/core/dossier/save/conflict", test_save_conflict);
  g_test_add_func ("/core/dossier/changed-signal", test_changed_signal);
  g_test_add_func ("/core/dossier/edit-arrays", test_edit_arrays);
  g_test_add_func ("/core/dossier/wrong-types", test_wrong_types);

  return g_test_run ();
}
