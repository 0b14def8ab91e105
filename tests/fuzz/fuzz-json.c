/* fuzz-json.c: libFuzzer harness over hab_json_parse(), the reader of the
 * JSON the application ships. An input it reads must read as JsonParser
 * reads it, when JsonParser reads it too (JsonParser is laxer: comments,
 * single quotes, leading zeros) and no integer of it is beyond 64 bits
 * (JsonParser wraps those around); and write out and read again to the
 * same tree, unless json_to_string() cannot write it as JSON: it writes
 * 1e+20 as "1e+20.0", and U+001F (alone of the control characters) as is.
 * An input it refuses gets a JSON_PARSER_ERROR.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "hab-json.h"

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* Whether nineteen digits or more follow each other in @data. */
static gboolean
has_long_number (const char *data,
                 size_t      size)
{
  size_t run = 0;

  for (size_t i = 0; i < size; i++)
    {
      run = data[i] >= '0' && data[i] <= '9' ? run + 1 : 0;
      if (run >= 19)
        return TRUE;
    }

  return FALSE;
}

/* Whether json_to_string() writes @node, or a node under it, as JSON. */
static gboolean
is_writable (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (strchr (name, 0x1f) != NULL || !is_writable (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!is_writable (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return strchr (json_node_get_string (node), 0x1f) == NULL;
      return json_node_get_value_type (node) != G_TYPE_DOUBLE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static void
check_same (JsonNode   *a,
            JsonNode   *b,
            const char *what)
{
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;

  if (json_node_equal (a, b))
    return;

  a_text = json_to_string (a, FALSE);
  b_text = json_to_string (b, FALSE);
  fprintf (stderr, "fuzz: %s:\n  %s\n  %s\n", what, a_text, b_text);
  abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = hab_json_parse (text, size, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *written = NULL;

  if (node == NULL)
    {
      if (error == NULL || error->domain != JSON_PARSER_ERROR
          || !g_utf8_validate (error->message, -1, NULL))
        {
          fprintf (stderr, "fuzz: refused without a JSON_PARSER_ERROR\n");
          abort ();
        }
      return 0;
    }

  if (is_writable (node))
    {
      written = json_to_string (node, FALSE);
      again = hab_json_parse (written, strlen (written), &error);
      if (again == NULL)
        {
          fprintf (stderr, "fuzz: what json_to_string() wrote does not read again: %s\n%s\n",
                   error->message, written);
          abort ();
        }
      check_same (node, again, "written and read again, the tree changed");
    }

  parser = json_parser_new ();
  if (!has_long_number (text, size)
      && json_parser_load_from_data (parser, text, (gssize) size, NULL)
      && json_parser_get_root (parser) != NULL)
    check_same (json_parser_get_root (parser), node, "JsonParser reads another tree");

  return 0;
}
