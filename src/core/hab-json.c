/* hab-json.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hab-json.h"

/**
 * hab_json_node_get_string:
 * @node: (nullable): a node read from a file
 *
 * Returns: (nullable): the string @node holds, or %NULL when @node is
 *   absent, null, or of another type.
 */
const char *
hab_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * hab_json_object_get_string:
 *
 * Returns: (nullable): the string member @member of @object, or %NULL when
 *   it is absent, null, or of another type.
 */
const char *
hab_json_object_get_string (JsonObject *object,
                            const char *member)
{
  return hab_json_node_get_string (object ? json_object_get_member (object, member) : NULL);
}

/* A JSON reader for the text the application itself ships (the catalogue):
 * JsonParser goes through a GScanner-like tokenizer and emits a GObject
 * signal per object and array, some 230 instructions a byte of the
 * catalogue; this reads the text once and builds the same tree. */

#define MAX_DEPTH 512

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  GString    *buffer;
  guint       depth;
  GError    **error;
} Reader;

static JsonNode *read_value (Reader *self);

static JsonNode *
fail (Reader     *self,
      const char *message)
{
  guint line = 1;
  guint column = 1;

  for (const char *c = self->start; c < self->p && c < self->end; c++)
    {
      if (*c == '\n')
        {
          line++;
          column = 1;
        }
      else if (((guchar) *c & 0xC0) != 0x80)
        column++;
    }

  g_set_error (self->error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
               "%u:%u: %s", line, column, message);
  return NULL;
}

static inline void
skip_space (Reader *self)
{
  while (self->p < self->end
         && (*self->p == ' ' || *self->p == '\n' || *self->p == '\r' || *self->p == '\t'))
    self->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Four hexadecimal digits at self->p, or -1. */
static int
read_hex4 (Reader *self)
{
  int value = 0;

  if (self->end - self->p < 4)
    return -1;
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (self->p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  self->p += 4;

  return value;
}

/* The string at self->p (on its opening quote) into self->buffer. The
 * text was checked to be UTF-8 as a whole; escapes add UTF-8. */
static gboolean
read_string (Reader *self)
{
  g_string_truncate (self->buffer, 0);
  self->p++;

  for (;;)
    {
      const char *run = self->p;
      char c;

      while (self->p < self->end && *self->p != '"' && *self->p != '\\'
             && (guchar) *self->p >= 0x20)
        self->p++;
      g_string_append_len (self->buffer, run, self->p - run);

      if (self->p >= self->end)
        {
          fail (self, "unterminated string");
          return FALSE;
        }

      c = *self->p;
      if (c == '"')
        {
          self->p++;
          return TRUE;
        }
      if (c != '\\')
        {
          fail (self, "control character in a string");
          return FALSE;
        }

      self->p++;
      if (self->p >= self->end)
        {
          fail (self, "unterminated string");
          return FALSE;
        }
      c = *self->p++;
      switch (c)
        {
        case '"': g_string_append_c (self->buffer, '"'); break;
        case '\\': g_string_append_c (self->buffer, '\\'); break;
        case '/': g_string_append_c (self->buffer, '/'); break;
        case 'b': g_string_append_c (self->buffer, '\b'); break;
        case 'f': g_string_append_c (self->buffer, '\f'); break;
        case 'n': g_string_append_c (self->buffer, '\n'); break;
        case 'r': g_string_append_c (self->buffer, '\r'); break;
        case 't': g_string_append_c (self->buffer, '\t'); break;
        case 'u':
          {
            int unit = read_hex4 (self);
            gunichar ch;

            if (unit < 0)
              {
                fail (self, "invalid \\u escape");
                return FALSE;
              }
            if (unit >= 0xDC00 && unit <= 0xDFFF)
              {
                fail (self, "lone low surrogate in a \\u escape");
                return FALSE;
              }
            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                int low;

                if (self->end - self->p < 2 || self->p[0] != '\\' || self->p[1] != 'u')
                  {
                    fail (self, "lone high surrogate in a \\u escape");
                    return FALSE;
                  }
                self->p += 2;
                low = read_hex4 (self);
                if (low < 0xDC00 || low > 0xDFFF)
                  {
                    fail (self, "lone high surrogate in a \\u escape");
                    return FALSE;
                  }
                ch = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
              }
            else
              ch = (gunichar) unit;
            if (ch == 0)
              {
                fail (self, "nul character in a string");
                return FALSE;
              }
            g_string_append_unichar (self->buffer, ch);
            break;
          }
        default:
          self->p--;
          {
            fail (self, "invalid escape in a string");
            return FALSE;
          }
        }
    }
}

static inline gboolean
is_digit (Reader *self)
{
  return self->p < self->end && *self->p >= '0' && *self->p <= '9';
}

static JsonNode *
read_number (Reader *self)
{
  const char *begin = self->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;
  double number;

  if (*self->p == '-')
    self->p++;
  if (!is_digit (self))
    return fail (self, "invalid number");
  if (*self->p == '0')
    self->p++;
  else
    while (is_digit (self))
      self->p++;
  if (self->p < self->end && *self->p == '.')
    {
      integer = FALSE;
      self->p++;
      if (!is_digit (self))
        return fail (self, "invalid number");
      while (is_digit (self))
        self->p++;
    }
  if (self->p < self->end && (*self->p == 'e' || *self->p == 'E'))
    {
      integer = FALSE;
      self->p++;
      if (self->p < self->end && (*self->p == '+' || *self->p == '-'))
        self->p++;
      if (!is_digit (self))
        return fail (self, "invalid number");
      while (is_digit (self))
        self->p++;
    }

  text = g_strndup (begin, self->p - begin);
  if (integer)
    {
      gint64 value;

      if (hab_json_int64_from_string (text, &value))
        return json_node_init_int (json_node_alloc (), value);
    }

  number = g_ascii_strtod (text, NULL);
  if (!isfinite (number))
    {
      self->p = begin;
      return fail (self, "number out of range");
    }

  return json_node_init_double (json_node_alloc (), number);
}

/* Steps over @c when it comes next. */
static inline gboolean
accept (Reader *self,
        char    c)
{
  if (self->p >= self->end || *self->p != c)
    return FALSE;
  self->p++;

  return TRUE;
}

static gboolean
read_word (Reader     *self,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (self->end - self->p) < length || memcmp (self->p, word, length) != 0)
    return FALSE;
  self->p += length;

  return TRUE;
}

static JsonNode *
read_object (Reader *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  self->p++;
  skip_space (self);
  if (accept (self, '}'))
    return g_steal_pointer (&node);

  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *value;

      if (self->p >= self->end || *self->p != '"')
        return fail (self, "expected a member name");
      if (!read_string (self))
        return NULL;
      name = g_strndup (self->buffer->str, self->buffer->len);
      skip_space (self);
      if (!accept (self, ':'))
        return fail (self, "expected ‘:’ after a member name");
      skip_space (self);
      value = read_value (self);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, name, value);
      skip_space (self);
      if (accept (self, '}'))
        return g_steal_pointer (&node);
      if (!accept (self, ','))
        return fail (self, "expected ‘,’ or ‘}’ in an object");
      skip_space (self);
    }
}

static JsonNode *
read_array (Reader *self)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  self->p++;
  skip_space (self);
  if (accept (self, ']'))
    return g_steal_pointer (&node);

  for (;;)
    {
      JsonNode *value = read_value (self);

      if (value == NULL)
        return NULL;
      json_array_add_element (array, value);
      skip_space (self);
      if (accept (self, ']'))
        return g_steal_pointer (&node);
      if (!accept (self, ','))
        return fail (self, "expected ‘,’ or ‘]’ in an array");
      skip_space (self);
    }
}

static JsonNode *
read_value (Reader *self)
{
  JsonNode *node = NULL;

  if (self->p >= self->end)
    return fail (self, "expected a value");

  switch (*self->p)
    {
    case '{':
    case '[':
      if (++self->depth > MAX_DEPTH)
        return fail (self, "too deeply nested");
      node = *self->p == '{' ? read_object (self) : read_array (self);
      self->depth--;
      return node;

    case '"':
      if (!read_string (self))
        return NULL;
      return json_node_init_string (json_node_alloc (), self->buffer->str);

    case 't':
      if (read_word (self, "true"))
        return json_node_init_boolean (json_node_alloc (), TRUE);
      break;

    case 'f':
      if (read_word (self, "false"))
        return json_node_init_boolean (json_node_alloc (), FALSE);
      break;

    case 'n':
      if (read_word (self, "null"))
        return json_node_init_null (json_node_alloc ());
      break;

    default:
      if (*self->p == '-' || (*self->p >= '0' && *self->p <= '9'))
        return read_number (self);
      break;
    }

  return fail (self, "expected a value");
}

/* Whether @data is UTF-8 without nul bytes: the ASCII bytes eight at a
 * time, each other character through GLib (which takes some 12
 * instructions a byte, ASCII or not). */
static gboolean
is_utf8 (const char *data,
         gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      guchar c;
      gsize n;

      /* Eight bytes at a time while none is 0 nor above 0x7F */
      while (length - i >= 8)
        {
          guint64 word;

          memcpy (&word, data + i, 8);
          if (((word - 0x0101010101010101u) | word) & 0x8080808080808080u)
            break;
          i += 8;
        }
      if (i == length)
        break;

      c = (guchar) data[i];
      if (c - 1u < 0x7Fu)
        {
          i++;
          continue;
        }
      if (c == 0)
        return FALSE;
      n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (n > length - i || !g_utf8_validate_len (data + i, n, NULL))
        return FALSE;
      i += n;
    }

  return TRUE;
}

/**
 * hab_json_int64_from_string:
 * @text: an optional minus sign, then decimal digits
 * @value: (out) (optional): its value
 *
 * Reads an integer of JSON text when it fits in 64 bits. errno is not
 * used: GLib's first reading of a number in the process may wait for a
 * lock that another thread holds, and that wait may set errno, which
 * g_ascii_strtoll() callers take for an overflow (a "1" once read as too
 * large while another thread loaded fonts).
 *
 * Returns: whether @text is such an integer, within 64 bits
 */
gboolean
hab_json_int64_from_string (const char *text,
                            gint64     *value)
{
  gboolean negative = text[0] == '-';
  const char *digits = text + (negative ? 1 : 0);
  guint64 limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  guint64 magnitude = 0;

  if (*digits == '\0')
    return FALSE;

  for (const char *p = digits; *p != '\0'; p++)
    {
      guint digit;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      digit = (guint) (*p - '0');
      if (magnitude > (limit - digit) / 10)
        return FALSE;
      magnitude = magnitude * 10 + digit;
    }

  if (value != NULL)
    *value = negative ? (magnitude == 0 ? 0 : -(gint64) (magnitude - 1) - 1) : (gint64) magnitude;

  return TRUE;
}

/**
 * hab_json_parse:
 * @data: JSON text (RFC 8259), nul-terminated or not
 * @length: the length of @data in bytes
 * @error: return location for an error (%JSON_PARSER_ERROR)
 *
 * Reads @data into the tree of nodes JsonParser would give, a few times
 * faster, for text the application ships. Strict: the text must be UTF-8
 * without nul bytes and hold one value, with no comments, trailing commas
 * nor strings holding U+0000; nesting stops at 512 levels; a number must
 * be finite as a double. A member that comes twice keeps its last value,
 * as with JsonParser. An integer beyond 64 bits is read as a double.
 *
 * Returns: (transfer full) (nullable): the root node, or %NULL with @error
 *   set ("line:column: what")
 */
JsonNode *
hab_json_parse (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (256);
  Reader self = { data, data, data + length, buffer, 0, error };
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_utf8 (data, length))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "the text is not UTF-8, or holds a nul byte");
      return NULL;
    }

  skip_space (&self);
  root = read_value (&self);
  if (root == NULL)
    return NULL;

  skip_space (&self);
  if (self.p != self.end)
    {
      json_node_unref (root);
      return fail (&self, "text after the value");
    }

  return root;
}
