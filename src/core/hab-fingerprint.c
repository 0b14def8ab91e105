/* hab-fingerprint.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-fingerprint"

#include "config.h"

#include <string.h>

#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-sha256.h"

/* The data fingerprint (DESIGN §7) is the SHA-256, in lower-case hex, of
 * this UTF-8 text, every line ending with "\n":
 *
 *   habilitation-data-v1
 *   api=<parcours.api>
 *   modality=<key>                one per parcours.modalities entry
 *   scope=<key>|<purpose>         one per data.scopes entry
 *   specific_requirements=<true|false>
 *   recipients=<data.recipients>
 *   retention_months=<data.retention_months>
 *   retention_justification=<data.retention_justification>
 *   access=<data.access>
 *
 * Exactly as DESIGN §7 says, and nothing more:
 *
 * - Inside a value, a backslash is written "\\", a line feed "\n" and a
 *   carriage return "\r" (two characters each). Nothing else is escaped:
 *   a "|" in a purpose (or in a key) is written as it is, and so is any
 *   other character, non-ASCII included (the UTF-8 bytes of the file).
 *   "scope=a|b|c" therefore reads as key "a", purpose "b|c": scope keys
 *   come from the catalogue and never hold a "|".
 * - A missing value is written as nothing ("api=", "recipients="). A member
 *   that is null or of another type than expected counts as missing.
 * - retention_months is written in plain decimal when it is a JSON whole
 *   number; anything else (a string such as "36", a float such as 36.5,
 *   null, absent) is written as nothing.
 * - specific_requirements is "true" only when the member is the JSON value
 *   true; absent, null or of another type is "false".
 * - Modalities: the string entries of parcours.modalities, sorted by byte
 *   order (strcmp); other entries are skipped. Duplicates are kept.
 * - Scopes: the object entries of data.scopes, sorted by key in byte order,
 *   then by purpose for the same key (so the order in the file never
 *   matters); a key or purpose that is missing or not a string is empty;
 *   entries that are not objects are skipped.
 */

typedef struct
{
  const char *key;
  const char *purpose;
} ScopeLine;

static void
append_escaped (GString    *text,
                const char *value)
{
  const char *p;

  if (value == NULL)
    return;

  /* Runs of plain characters in one append: the texts can be long and
   * this runs on every validation. */
  for (p = value; *p != '\0'; )
    {
      gsize run = strcspn (p, "\\\n\r");

      g_string_append_len (text, p, run);
      p += run;
      switch (*p)
        {
        case '\\':
          g_string_append (text, "\\\\");
          break;
        case '\n':
          g_string_append (text, "\\n");
          break;
        case '\r':
          g_string_append (text, "\\r");
          break;
        default:
          continue;   /* the end */
        }
      p++;
    }
}

static void
append_line (GString    *text,
             const char *name,
             const char *value)
{
  g_string_append (text, name);
  g_string_append_c (text, '=');
  append_escaped (text, value);
  g_string_append_c (text, '\n');
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_scope_lines (const void *a,
                     const void *b)
{
  const ScopeLine *la = a;
  const ScopeLine *lb = b;
  int cmp = strcmp (la->key, lb->key);

  return cmp != 0 ? cmp : strcmp (la->purpose, lb->purpose);
}

/**
 * hab_fingerprint_canonical_text:
 * @dossier: a dossier
 *
 * Returns: (transfer full): the text whose SHA-256 is the data fingerprint.
 */
char *
hab_fingerprint_canonical_text (HabDossier *dossier)
{
  GString *text;
  JsonArray *modalities, *scopes;
  JsonNode *node;
  gboolean specific = FALSE;
  guint n;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  text = g_string_sized_new (512);
  g_string_append (text, "habilitation-data-v1\n");
  append_line (text, "api", hab_dossier_get_string (dossier, "parcours.api"));

  modalities = hab_dossier_get_array (dossier, "parcours.modalities");
  n = modalities ? json_array_get_length (modalities) : 0;
  if (n > 0)
    {
      const char **keys = g_new (const char *, n);
      guint n_keys = 0;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (modalities, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            keys[n_keys++] = json_node_get_string (element);
        }

      qsort (keys, n_keys, sizeof *keys, compare_strings);
      for (guint i = 0; i < n_keys; i++)
        append_line (text, "modality", keys[i]);

      g_free (keys);
    }

  scopes = hab_dossier_get_array (dossier, "data.scopes");
  n = scopes ? json_array_get_length (scopes) : 0;
  if (n > 0)
    {
      ScopeLine *lines = g_new (ScopeLine, n);
      guint n_lines = 0;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (scopes, i);
          JsonObject *scope;
          const char *key, *purpose;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;

          scope = json_node_get_object (element);
          key = hab_json_object_get_string (scope, "key");
          purpose = hab_json_object_get_string (scope, "purpose");
          lines[n_lines].key = key ? key : "";
          lines[n_lines].purpose = purpose ? purpose : "";
          n_lines++;
        }

      qsort (lines, n_lines, sizeof *lines, compare_scope_lines);
      for (guint i = 0; i < n_lines; i++)
        {
          g_string_append (text, "scope=");
          append_escaped (text, lines[i].key);
          g_string_append_c (text, '|');
          append_escaped (text, lines[i].purpose);
          g_string_append_c (text, '\n');
        }

      g_free (lines);
    }

  if (!hab_dossier_get_boolean (dossier, "data.specific_requirements", &specific))
    specific = FALSE;
  g_string_append (text, specific ? "specific_requirements=true\n"
                                  : "specific_requirements=false\n");

  append_line (text, "recipients", hab_dossier_get_string (dossier, "data.recipients"));

  g_string_append (text, "retention_months=");
  node = hab_dossier_lookup (dossier, "data.retention_months");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    g_string_append_printf (text, "%" G_GINT64_FORMAT, json_node_get_int (node));
  g_string_append_c (text, '\n');

  append_line (text, "retention_justification",
               hab_dossier_get_string (dossier, "data.retention_justification"));
  append_line (text, "access", hab_dossier_get_string (dossier, "data.access"));

  return g_string_free (text, FALSE);
}

/**
 * hab_fingerprint_compute:
 * @dossier: a dossier
 *
 * Returns: (transfer full): "sha256:" followed by the 64 lower-case hex
 *   digits of the SHA-256 of hab_fingerprint_canonical_text().
 */
char *
hab_fingerprint_compute (HabDossier *dossier)
{
  g_autofree char *text = NULL;
  g_autofree char *hex = NULL;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  text = hab_fingerprint_canonical_text (dossier);
  hex = hab_sha256_hex (text, strlen (text));

  return g_strconcat (HAB_FINGERPRINT_PREFIX, hex, NULL);
}

/**
 * hab_fingerprint_is_valid:
 * @fingerprint: (nullable): a string
 *
 * Returns: %TRUE when @fingerprint is "sha256:" followed by exactly 64
 *   lower-case hex digits.
 */
gboolean
hab_fingerprint_is_valid (const char *fingerprint)
{
  const char *hex;

  if (fingerprint == NULL || !g_str_has_prefix (fingerprint, HAB_FINGERPRINT_PREFIX))
    return FALSE;

  hex = fingerprint + strlen (HAB_FINGERPRINT_PREFIX);
  for (guint i = 0; i < HAB_FINGERPRINT_HEX_LENGTH; i++)
    if (!g_ascii_isdigit (hex[i]) && !(hex[i] >= 'a' && hex[i] <= 'f'))
      return FALSE;

  return hex[HAB_FINGERPRINT_HEX_LENGTH] == '\0';
}
