/* test-json.c: hab_json_parse() reads what JsonParser reads, and refuses
 * what is not JSON.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-json.h"

/* Both readers give the same tree for @data. */
static void
assert_same_tree (const char *data,
                  gsize       length,
                  const char *what)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) ours = NULL;
  g_autofree char *theirs_text = NULL;
  g_autofree char *ours_text = NULL;

  g_assert_true (json_parser_load_from_data (parser, data, (gssize) length, &error));
  g_assert_no_error (error);
  ours = hab_json_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ours);

  if (!json_node_equal (json_parser_get_root (parser), ours))
    {
      theirs_text = json_to_string (json_parser_get_root (parser), FALSE);
      ours_text = json_to_string (ours, FALSE);
      g_error ("%s: JsonParser reads %s, hab_json_parse() %s", what, theirs_text, ours_text);
    }
  /* json_node_equal() does not compare the order of members. */
  theirs_text = json_to_string (json_parser_get_root (parser), FALSE);
  ours_text = json_to_string (ours, FALSE);
  g_assert_cmpstr (ours_text, ==, theirs_text);
}

static void
assert_same_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_no_error (error);
  assert_same_tree (data, length, path);
}

/* The application's own JSON: the catalogue, the schema, the examples and
 * the dossiers of the tests. */
static void
test_files (void)
{
  static const char *const folders[] = {
    "../data", "../data/catalogue", "../data/examples", "data/hand-written", "data/rule-cases",
  };
  guint files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *folder = g_test_build_filename (G_TEST_DIST, folders[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
      const char *name;

      g_assert_no_error (error);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".habilitation"))
          {
            g_autofree char *path = g_build_filename (folder, name, NULL);

            assert_same_file (path);
            files++;
          }
    }

  g_assert_cmpuint (files, >=, 15);
}

static void
test_values (void)
{
  static const char *const documents[] = {
    "{}", "[]", " \t\r\n{ } ", "0", "-0", "12", "-12", "1.5", "-0.25", "1e3", "1E-2", "2.5e+4",
    "9223372036854775807", "-9223372036854775808", "1.7976931348623157e308", "1e-400",
    "true", "false", "null", "\"\"", "\"text\"",
    "\"é à ç € 😀\"",
    "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
    "\"\\u00e9\\u20AC \\ud83d\\ude00 \\u0041\"",
    "[1, \"two\", [3, [4, {}]], {\"five\": null}, true, false, -6.5]",
    "{\"a\": 1, \"b\": {\"c\": [1, 2, {\"d\": \"e\"}]}, \"f\": \"\"}",
    "{\"same\": 1, \"other\": 2, \"same\": 3}",
    "{\"\": \"empty name\", \"é\": \"accent\"}",
    "[[[[[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]]]]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    assert_same_tree (documents[i], strlen (documents[i]), documents[i]);
}

/* Not JSON; the message gives the line and column. */
static void
test_refused (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "", "1:1: expected a value" },
    { "   ", "1:4: expected a value" },
    { "{\"a\": 1,}", "1:9: expected a member name" },
    { "[1, 2,]", "1:7: expected a value" },
    { "{\"a\" 1}", "1:6: expected ‘:’ after a member name" },
    { "{\"a\": 1 \"b\": 2}", "1:9: expected ‘,’ or ‘}’ in an object" },
    { "[1 2]", "1:4: expected ‘,’ or ‘]’ in an array" },
    { "{'a': 1}", "1:2: expected a member name" },
    { "// comment\n{}", "1:1: expected a value" },
    { "{}\n/* comment */", "2:1: text after the value" },
    { "{} {}", "1:4: text after the value" },
    { "01", "1:2: text after the value" },
    { "1.", "1:3: invalid number" },
    { ".5", "1:1: expected a value" },
    { "+1", "1:1: expected a value" },
    { "-", "1:2: invalid number" },
    { "1e", "1:3: invalid number" },
    { "[1e400]", "1:2: number out of range" },
    { "tru", "1:1: expected a value" },
    { "nul", "1:1: expected a value" },
    { "NaN", "1:1: expected a value" },
    { "\"open", "1:6: unterminated string" },
    { "\"tab\there\"", "1:5: control character in a string" },
    { "\"line\nbreak\"", "1:6: control character in a string" },
    { "\"\\x41\"", "1:3: invalid escape in a string" },
    { "\"\\u12\"", "1:4: invalid \\u escape" },
    { "\"\\udc00\"", "1:8: lone low surrogate in a \\u escape" },
    { "\"\\ud83d\"", "1:8: lone high surrogate in a \\u escape" },
    { "\"\\ud83d\\u0041\"", "1:14: lone high surrogate in a \\u escape" },
    { "\"\\u0000\"", "1:8: nul character in a string" },
    { "[1,\n  {\"a\": tru}]", "2:9: expected a value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = hab_json_parse (cases[i].text, strlen (cases[i].text), &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (node);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_not_utf8 (void)
{
  static const char *const texts[] = {
    "\"caf\xe9\"",             /* Latin-1 */
    "\"\xc3\"",                /* cut short */
    "\"\xed\xa0\x80\"",        /* a surrogate in UTF-8 */
    "[\"eight bytes\", \"\xff\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = hab_json_parse (texts[i], strlen (texts[i]), &error);

      g_assert_null (node);
      g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
    }

  /* A nul byte, even between two values of an array. */
  {
    static const char text[] = "[\"a\", \0 \"b\"]";
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = hab_json_parse (text, sizeof text - 1, &error);

    g_assert_null (node);
    g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA);
  }
}

/* Only the given length is read: no terminating nul needed. */
static void
test_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = hab_json_parse ("[1, 2]garbage", 6, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);
  g_clear_pointer (&node, json_node_unref);

  node = hab_json_parse ("\"abc", 4, &error);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
}

static void
test_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 512; i++)
    g_string_append_c (deep, ']');
  node = hab_json_parse (deep->str, deep->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  g_string_prepend_c (deep, '[');
  g_string_append_c (deep, ']');
  node = hab_json_parse (deep->str, deep->len, &error);
  g_assert_null (node);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "1:513: too deeply nested");
}

/* Integers within 64 bits, read without errno (which a wait in another
 * thread's favour may change); beyond, not integers. */
static void
test_int64 (void)
{
  static const struct
  {
    const char *text;
    gboolean    fits;
    gint64      value;
  } cases[] = {
    { "0", TRUE, 0 },
    { "-0", TRUE, 0 },
    { "1", TRUE, 1 },
    { "-1", TRUE, -1 },
    { "42", TRUE, 42 },
    { "9223372036854775807", TRUE, G_MAXINT64 },
    { "-9223372036854775808", TRUE, G_MININT64 },
    { "9223372036854775808", FALSE, 0 },
    { "-9223372036854775809", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
    { "", FALSE, 0 },
    { "-", FALSE, 0 },
    { "1.5", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "+1", FALSE, 0 },
    { " 1", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 value = -7;

      g_assert_cmpint (hab_json_int64_from_string (cases[i].text, &value), ==, cases[i].fits);
      if (cases[i].fits)
        g_assert_cmpint (value, ==, cases[i].value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/files", test_files);
  g_test_add_func ("/json/values", test_values);
  g_test_add_func ("/json/int64", test_int64);
  g_test_add_func ("/json/refused", test_refused);
  g_test_add_func ("/json/not-utf8", test_not_utf8);
  g_test_add_func ("/json/length", test_length);
  g_test_add_func ("/json/nesting", test_nesting);

  return g_test_run ();
}
