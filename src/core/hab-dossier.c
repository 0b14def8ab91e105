/* hab-dossier.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-dossier"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hab-catalogue.h"
#include "hab-dossier.h"
#include "hab-json.h"
#include "hab-sha256.h"

/* A dossier is its JSON document: the model keeps the parsed tree itself,
 * so that members this version does not know survive a load/save round
 * trip untouched (DESIGN §4). Typed access goes through dotted paths. */
/* A file's size and modification time, in nanoseconds: while they are
 * unchanged, its bytes are the ones hashed. */
typedef struct
{
  gint64  size;   /* -1: unknown */
  gint64  mtime_ns;
  gint64  ctime_ns;
  guint64 inode;  /* a save by rename makes a new one */
} DiskStamp;

static void
disk_stamp_read (GFile     *file,
                 DiskStamp *stamp)
{
  g_autofree char *path = g_file_get_path (file);
  GStatBuf buf;

  stamp->size = -1;
  stamp->mtime_ns = 0;
  if (path != NULL && g_stat (path, &buf) == 0 && S_ISREG (buf.st_mode))
    {
      stamp->size = buf.st_size;
      stamp->mtime_ns = (gint64) buf.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000)
                        + buf.st_mtim.tv_nsec;
      stamp->ctime_ns = (gint64) buf.st_ctim.tv_sec * G_GINT64_CONSTANT (1000000000)
                        + buf.st_ctim.tv_nsec;
      stamp->inode = buf.st_ino;
    }
}

static gboolean
disk_stamp_equal (const DiskStamp *a,
                  const DiskStamp *b)
{
  return a->size >= 0 && a->size == b->size && a->mtime_ns == b->mtime_ns
         && a->ctime_ns == b->ctime_ns && a->inode == b->inode;
}

struct _HabDossier
{
  GObject   parent_instance;

  JsonNode *root;   /* always an object */
  GFile    *file;   /* where it was loaded from or last saved to, or NULL */
  char     *disk_checksum; /* SHA-256 of @file's bytes as last read or written */
  DiskStamp disk_stamp;    /* their size and time, to skip hashing them again */
};

G_DEFINE_FINAL_TYPE (HabDossier, hab_dossier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The blank dossier of format 1 (DESIGN §4). */
static const char blank_template[] =
  "{"
  "\"format\":\"habilitation-dossier\",\"format_version\":1,"
  "\"id\":\"\",\"created\":\"\",\"modified\":\"\",\"catalogue_version\":\"\","
  "\"parcours\":{\"api\":null,\"stage\":\"sandbox\",\"development\":null,\"use_case\":null,"
  "\"modalities\":[],\"france_connect_authorization_id\":null,\"sandbox_validated\":false},"
  "\"organisation\":{\"name\":\"\",\"siret\":\"\",\"kind\":\"commune\",\"address\":\"\","
  "\"subject_to_rgs\":true},"
  "\"actors\":{\"demandeur\":{},\"responsable_traitement\":{},\"delegue_protection_donnees\":{},"
  "\"responsable_technique\":{},\"editeur\":{}},"
  "\"extra_contacts\":{\"contact_technique_extra_email\":\"\","
  "\"extra_organization_contact_name\":\"\",\"extra_organization_contact_email\":\"\"},"
  "\"project\":{\"title\":\"\",\"description\":\"\",\"objective\":\"\",\"data_usage\":\"\","
  "\"editor_name\":\"\",\"editor_software\":\"\",\"progress\":null,"
  "\"planned_production_date\":null,\"yearly_volume\":\"\",\"mockup\":null},"
  "\"legal\":{\"nature\":\"\",\"url\":\"\",\"documents\":[],"
  "\"deliberation\":{\"date\":null,\"number\":\"\",\"body\":\"\",\"text\":\"\",\"document\":null,"
  "\"mentions\":{\"recent\":false,\"solution\":false,\"use_case\":false,\"l114_8\":false,"
  "\"api_decision\":false,\"data_and_purposes\":false}}},"
  "\"data\":{\"scopes\":[],\"specific_requirements\":false,"
  "\"specific_requirements_document\":null,\"recipients\":\"\",\"retention_months\":null,"
  "\"retention_justification\":\"\",\"access\":\"\"},"
  "\"dpo\":{\"informed\":false,\"informed_date\":null,\"reviews\":[]},"
  "\"security\":{\"kind\":null,\"document\":null,\"authority_name\":\"\","
  "\"authority_function\":\"\",\"begin_date\":null,\"end_date\":null,\"questionnaire\":{},"
  "\"questionnaire_reason\":\"\",\"operational_acceptance_done\":false,"
  "\"calls_per_minute\":50,\"calls_justification\":\"\"},"
  "\"editor_checks\":{},"
  "\"history\":[]"
  "}";

G_DEFINE_QUARK (hab-dossier-error-quark, hab_dossier_error)

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Line and column (1-based, in characters) of a byte offset. */
static void
offset_to_line_column (const char *data,
                       gsize       offset,
                       guint      *line,
                       guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      {
        (*line)++;
        line_start = data + i + 1;
      }

  /* The prefix is valid UTF-8 up to offset (callers check), count characters. */
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

/* A JSON number (RFC 8259 §6): -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
is_json_number (const char *token)
{
  const char *p = token;
  const char *start;

  if (*p == '-')
    p++;
  if (*p == '0')
    p++;
  else if (g_ascii_isdigit (*p))
    while (g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;

  if (*p == '.')
    {
      for (start = ++p; g_ascii_isdigit (*p); p++)
        ;
      if (p == start)
        return FALSE;
    }

  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      for (start = p; g_ascii_isdigit (*p); p++)
        ;
      if (p == start)
        return FALSE;
    }

  return *p == '\0';
}

/* Whether json-glib keeps the number as it is and writes it back as valid
 * JSON. It does not: an integer beyond 64 bits wraps around (1e19 written
 * as 10000000000000000000 is read as -8446744073709551616), 1e400 becomes
 * an infinity written back as “inf”, and 1e17 is written back as
 * “1e+17.0”: the file saved could not be opened again. */
static gboolean
number_is_kept (const char *token)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (strpbrk (token, ".eE") == NULL)
    return hab_json_int64_from_string (token, NULL);

  value = g_ascii_strtod (token, NULL);
  if (!isfinite (value))
    return FALSE;

  /* As json-glib writes a double: "%.17g", then ".0" when it has no '.'. */
  g_ascii_dtostr (buffer, sizeof buffer, value);
  return strchr (buffer, '.') != NULL || strpbrk (buffer, "eE") == NULL;
}

/* Four hex digits at data[i], as a UTF-16 code unit. */
static gboolean
read_code_unit (const char *data,
                gsize       length,
                gsize       i,
                gunichar   *unit)
{
  *unit = 0;
  if (i + 4 > length)
    return FALSE;

  for (gsize k = i; k < i + 4; k++)
    {
      if (!g_ascii_isxdigit (data[k]))
        return FALSE;
      *unit = *unit * 16 + g_ascii_xdigit_value (data[k]);
    }

  return TRUE;
}

typedef enum
{
  ESCAPE_VALID,
  ESCAPE_INVALID,          /* not an escape of JSON */
  ESCAPE_BAD_CHARACTER,    /* a lone surrogate, or a null character */
} EscapeCheck;

/* The escape that starts with the backslash at data[*i] (RFC 8259 §7).
 * json-glib takes escapes JSON does not have ("\0" as octal, "\x" as
 * "x", "\u" without hex digits dropped) and loses memory on a broken
 * surrogate pair: they are checked before it sees them. On success, *i is
 * the escape's last byte. */
static EscapeCheck
check_escape (const char *data,
              gsize       length,
              gsize      *i)
{
  gsize p = *i + 1;
  gunichar unit, low;

  if (p >= length)
    return ESCAPE_INVALID;

  switch (data[p])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      *i = p;
      return ESCAPE_VALID;

    case 'u':
      break;

    default:
      return ESCAPE_INVALID;
    }

  if (!read_code_unit (data, length, p + 1, &unit))
    return ESCAPE_INVALID;
  p += 4;

  /* \u0000 would cut the text short. */
  if (unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
    return ESCAPE_BAD_CHARACTER;

  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      if (p + 2 >= length || data[p + 1] != '\\' || data[p + 2] != 'u'
          || !read_code_unit (data, length, p + 3, &low) || low < 0xdc00 || low > 0xdfff)
        return ESCAPE_BAD_CHARACTER;
      p += 6;
    }

  *i = p;
  return ESCAPE_VALID;
}

/* The number that starts at data[*i]; on success, *i is its last byte. */
static gboolean
check_number (const char  *data,
              gsize        length,
              gsize       *i,
              const char  *display_name,
              GError     **error)
{
  gsize end = *i + 1;
  g_autofree char *token = NULL;
  gboolean number;
  guint line, column;

  while (end < length && (g_ascii_isalnum (data[end]) || data[end] == '.'
                          || data[end] == '+' || data[end] == '-'))
    end++;

  token = g_strndup (data + *i, end - *i);
  number = is_json_number (token);
  if (number && number_is_kept (token))
    {
      *i = end - 1;
      return TRUE;
    }

  offset_to_line_column (data, *i, &line, &column);
  if (!number)
    g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_SYNTAX,
                 /* Translators: a file name, line, column, then the text read */
                 _("“%s”: invalid JSON at line %u, column %u: “%.40s” is not a number"),
                 display_name, line, column, token);
  else
    g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_INVALID,
                 /* Translators: a file name, line, column, then the number */
                 _("“%s” is not a dossier: the number at line %u, column %u "
                   "(%.40s) is too large to be kept exactly"),
                 display_name, line, column, token);
  return FALSE;
}

static void
set_syntax_error_at (GError     **error,
                     const char  *display_name,
                     const char  *data,
                     gsize        offset,
                     const char  *detail)
{
  guint line, column;

  offset_to_line_column (data, offset, &line, &column);
  g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_SYNTAX,
               _("“%s”: invalid JSON at line %u, column %u: %s"),
               display_name, line, column, detail);
}

/* A pass over the text before json-glib parses it. json-glib recurses once
 * per nesting level: absurd depths are refused, so that a hostile file
 * cannot exhaust the stack. It also takes numbers and escapes that JSON does
 * not have (0x10, 010 read as octal, 0b1, .5; see check_escape()), numbers
 * it cannot keep (see number_is_kept()), and several values one after the
 * other, of which it keeps the last one (and loses the memory of the
 * others): those are refused too, so that a dossier that opens is saved as
 * it was read. It takes comments and single-quoted strings, which are let
 * through. */
static gboolean
check_tokens (const char  *data,
              gsize        length,
              const char  *display_name,
              GError     **error)
{
  gboolean complete = FALSE;   /* a whole value was read at the top level */
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (g_ascii_isspace (c))
        continue;

      /* A comment, and a single-quoted string (without escapes). */
      if (c == '/' && i + 1 < length && data[i + 1] == '*')
        {
          const char *end = g_strstr_len (data + i + 2, length - i - 2, "*/");

          i = end != NULL ? (gsize) (end - data) + 1 : length;
          continue;
        }

      if (depth == 0 && complete)
        {
          set_syntax_error_at (error, display_name, data, i,
                               _("more text after the end of the document"));
          return FALSE;
        }

      if (c == '\'')
        {
          const char *end = memchr (data + i + 1, '\'', length - i - 1);

          i = end != NULL ? (gsize) (end - data) : length;
          complete = depth == 0;
        }
      else if (c == '"')
        {
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              switch (check_escape (data, length, &i))
                {
                case ESCAPE_VALID:
                  break;

                case ESCAPE_INVALID:
                  set_syntax_error_at (error, display_name, data, i,
                                       _("an invalid escape sequence"));
                  return FALSE;

                case ESCAPE_BAD_CHARACTER:
                default:
                  g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_NOT_UTF8,
                               _("“%s” is not a dossier: a text in it holds an invalid character "
                                 "escape (a lone surrogate or a null character)"),
                               display_name);
                  return FALSE;
                }
          complete = depth == 0;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > HAB_DOSSIER_MAX_DEPTH)
            {
              guint line, column;

              offset_to_line_column (data, i, &line, &column);
              g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_INVALID,
                           /* Translators: %s is a file name */
                           _("“%s” is not a dossier: it nests more than %d levels deep "
                             "(line %u, column %u)"),
                           display_name, HAB_DOSSIER_MAX_DEPTH, line, column);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        complete = --depth == 0;
      else if (c == '-' || c == '.' || g_ascii_isdigit (c))
        {
          if (!check_number (data, length, &i, display_name, error))
            return FALSE;
          complete = depth == 0;
        }
      else if (depth == 0 && g_ascii_isalpha (c))
        {
          /* true, false, null or a word json-glib refuses. */
          while (i + 1 < length && g_ascii_isalnum (data[i + 1]))
            i++;
          complete = TRUE;
        }
    }

  return TRUE;
}

/* Turns json-glib's "<data>:L:C: Parse error: msg" into our own message.
 * json-glib quotes the unexpected token cut to a number of bytes, which can
 * split a character: the message is made valid UTF-8 again, as it is shown
 * in a dialog. */
static void
set_syntax_error (GError     **error,
                  const char  *display_name,
                  GError      *parse_error)
{
  g_autofree char *message = g_utf8_make_valid (parse_error->message, -1);
  const char *detail = strstr (message, "Parse error: ");
  guint line = 0, column = 0;
  const char *p = strchr (message, ':');

  if (p != NULL && sscanf (p, ":%u:%u:", &line, &column) == 2 && detail != NULL)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_SYNTAX,
                   /* Translators: “file”: invalid JSON at line 3, column 5: <detail> */
                   _("“%s”: invalid JSON at line %u, column %u: %s"),
                   display_name, line, column, detail + strlen ("Parse error: "));
      return;
    }

  g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_SYNTAX,
               _("“%s”: invalid JSON: %s"), display_name, message);
}

/* Every string and member name is valid UTF-8. The nesting was bounded
 * before parsing, so the recursion is too. */
static gboolean
strings_are_valid (JsonNode *node,
                   guint     depth)
{
  if (depth > HAB_DOSSIER_MAX_DEPTH + 1)
    return FALSE;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !strings_are_valid (member, depth + 1))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          if (!strings_are_valid (json_array_get_element (array, i), depth + 1))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static JsonNode *
parse_document (const char  *data,
                gsize        length,
                const char  *display_name,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *end = NULL;
  JsonObject *object;
  JsonNode *node;

  if (length > HAB_DOSSIER_MAX_SIZE)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_TOO_LARGE,
                   _("“%s” is not a dossier: it is larger than %d MB"),
                   display_name, HAB_DOSSIER_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line, column;

      offset_to_line_column (data, end - data, &line, &column);
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_NOT_UTF8,
                   _("“%s” is not a dossier: invalid UTF-8 text at line %u, column %u"),
                   display_name, line, column);
      return NULL;
    }

  if (!check_tokens (data, length, display_name, error))
    return NULL;

  /* Text that is strictly JSON (as the application writes it) is read in
   * one pass by hab_json_parse(), to the tree json-glib would give; other
   * text goes through json-glib as before, for its message or its leniency
   * (comments, single quotes). */
  root = hab_json_parse (data, length, NULL);
  if (root == NULL)
    {
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, data, length, &parse_error))
        {
          set_syntax_error (error, display_name, parse_error);
          return NULL;
        }
      root = json_parser_steal_root (parser);
    }

  if (root == NULL)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_SYNTAX,
                   _("“%s” is not a dossier: the file is empty"), display_name);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_NOT_OBJECT,
                   _("“%s” is not a dossier: its top level is not a JSON object"),
                   display_name);
      return NULL;
    }

  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || g_strcmp0 (json_node_get_string (node), HAB_DOSSIER_FORMAT) != 0)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_WRONG_FORMAT,
                   _("“%s” is not a Habilitation dossier: its “format” member is not “%s”"),
                   display_name, HAB_DOSSIER_FORMAT);
      return NULL;
    }

  node = json_object_get_member (object, "format_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) < 1)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_INVALID,
                   _("“%s” is not a valid dossier: its “format_version” is missing "
                     "or not a positive whole number"),
                   display_name);
      return NULL;
    }

  if (json_node_get_int (node) > HAB_DOSSIER_FORMAT_VERSION)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Habilitation (format %lld, "
                     "this version reads up to %d); update the application to open it"),
                   display_name, (long long) json_node_get_int (node), HAB_DOSSIER_FORMAT_VERSION);
      return NULL;
    }

  /* Escapes can smuggle what the bytes did not have: a lone surrogate
   * (\ud800) becomes invalid UTF-8, and \u0000 cuts a string short. */
  if (!strings_are_valid (root, 0))
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_NOT_UTF8,
                   _("“%s” is not a dossier: a text in it holds an invalid character escape "
                     "(a lone surrogate or a null character)"),
                   display_name);
      return NULL;
    }

  /* Mutable nodes: the tree is edited in place afterwards. */
  return g_steal_pointer (&root);
}

static void
hab_dossier_finalize (GObject *object)
{
  HabDossier *self = (HabDossier *)object;

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->disk_checksum, g_free);

  G_OBJECT_CLASS (hab_dossier_parent_class)->finalize (object);
}

static void
hab_dossier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HabDossier *self = HAB_DOSSIER (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_dossier_class_init (HabDossierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hab_dossier_finalize;
  object_class->get_property = hab_dossier_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HabDossier::changed:
   * @path: the dotted path of the member that changed
   *
   * Emitted once per edit.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hab_dossier_init (HabDossier *self)
{
  self->disk_stamp.size = -1;
}

/**
 * hab_dossier_new:
 *
 * Creates a blank dossier of the current format, with a new id.
 */
HabDossier *
hab_dossier_new (void)
{
  HabDossier *self = g_object_new (HAB_TYPE_DOSSIER, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = now_timestamp ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, blank_template, -1, NULL))
    g_assert_not_reached ();

  self->root = json_parser_steal_root (parser);
  object = json_node_get_object (self->root);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "created", now);
  json_object_set_string_member (object, "modified", now);
  json_object_set_string_member (object, "catalogue_version",
                                 hab_catalogue_get_version (hab_catalogue_get_default ()));

  return self;
}

/**
 * hab_dossier_new_from_data:
 * @data: the file's bytes
 * @length: their length
 * @display_name: how to name the file in error messages
 * @error: a #GError in the %HAB_DOSSIER_ERROR domain
 *
 * Parses a dossier. Refuses invalid UTF-8, invalid JSON, a top level that is
 * not an object, another format and a newer format version.
 */
HabDossier *
hab_dossier_new_from_data (const char  *data,
                           gsize        length,
                           const char  *display_name,
                           GError     **error)
{
  HabDossier *self;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (display_name == NULL)
    display_name = "dossier";

  root = parse_document (data ? data : "", length, display_name, error);
  if (root == NULL)
    return NULL;

  self = g_object_new (HAB_TYPE_DOSSIER, NULL);
  self->root = root;

  return self;
}

/* Reads at most @limit bytes: a file that grows while it is read (or lies
 * about its size) cannot make us allocate without bound. */
static char *
read_bounded (GFile         *file,
              gsize          limit,
              gsize         *length,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GByteArray) bytes = NULL;
  guint8 buffer[65536];

  if (stream == NULL)
    return NULL;

  bytes = g_byte_array_new ();
  while (bytes->len < limit)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer,
                                      MIN (sizeof buffer, limit - bytes->len), cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_byte_array_append (bytes, buffer, n);
    }

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

/**
 * hab_dossier_new_from_file:
 *
 * Loads a dossier. The file is only read.
 */
HabDossier *
hab_dossier_new_from_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  DiskStamp before, after;
  HabDossier *self;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_READ,
                   _("“%s” cannot be read: %s"), display_name, local_error->message);
      return NULL;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_READ,
                   _("“%s” cannot be read: it is a folder"), display_name);
      return NULL;
    }

  /* Devices, pipes and the like report no size and may never end. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_READ,
                   _("“%s” cannot be read: it is not a regular file"), display_name);
      return NULL;
    }

  if (g_file_info_get_size (info) > HAB_DOSSIER_MAX_SIZE)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_TOO_LARGE,
                   _("“%s” is not a dossier: it is larger than %d MB"),
                   display_name, HAB_DOSSIER_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  disk_stamp_read (file, &before);
  contents = read_bounded (file, HAB_DOSSIER_MAX_SIZE + 1, &length, cancellable, &local_error);
  if (contents == NULL)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_READ,
                   _("“%s” cannot be read: %s"), display_name, local_error->message);
      return NULL;
    }
  disk_stamp_read (file, &after);

  self = hab_dossier_new_from_data (contents, length, display_name, error);
  if (self != NULL)
    {
      self->file = g_object_ref (file);
      self->disk_checksum = hab_sha256_hex (contents, length);
      /* Written to while we read it: its stamp tells nothing. */
      if (disk_stamp_equal (&before, &after) && after.size == (gint64) length)
        self->disk_stamp = after;
    }

  return self;
}

/**
 * hab_dossier_dup:
 *
 * Returns: (transfer full): a deep copy, belonging to the same file and
 *   knowing the same version of it on disk
 */
HabDossier *
hab_dossier_dup (HabDossier *self)
{
  g_autofree char *data = NULL;
  HabDossier *copy;
  gsize length;

  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);

  data = hab_dossier_to_data (self, &length);
  copy = hab_dossier_new_from_data (data, length, NULL, NULL);
  g_assert (copy != NULL);   /* our own output always parses */
  g_set_object (&copy->file, self->file);
  copy->disk_checksum = g_strdup (self->disk_checksum);
  copy->disk_stamp = self->disk_stamp;

  return copy;
}

/**
 * hab_dossier_to_data:
 *
 * Serialises the dossier as pretty-printed JSON, ending with a line feed.
 */
char *
hab_dossier_to_data (HabDossier *self,
                     gsize      *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;
  char *result;

  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);

  json_generator_set_root (generator, self->root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &len);

  result = g_malloc (len + 2);
  memcpy (result, text, len);
  result[len++] = '\n';
  result[len] = '\0';

  if (length != NULL)
    *length = len;

  return result;
}

/* Writes through a temporary file that replaces @file only when complete,
 * keeping the previous version as "name~".
 *
 * Not g_file_replace_contents(): on a failed write (disk full) it still
 * closes the stream normally, which renames the partial temporary file over
 * the original. Closing with a cancelled cancellable discards it instead. */
static gboolean
write_atomically (GFile         *file,
                  const char    *data,
                  gsize          length,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  gsize written = 0;

  stream = g_file_replace (file, NULL, TRUE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, &written,
                                  cancellable, error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

/* What the user can do about a failed write, in words (the GIO message
 * names a temporary file the user never heard of). */
static char *
describe_write_error (GFile        *file,
                      const GError *error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = parent ? g_file_get_parse_name (parent) : g_strdup ("/");

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_strdup_printf (_("you are not allowed to write in the folder “%s”"), folder);
        case G_IO_ERROR_READ_ONLY:
          return g_strdup_printf (_("the folder “%s” is on a read-only disk"), folder);
        case G_IO_ERROR_NO_SPACE:
          return g_strdup_printf (_("the disk holding “%s” is full"), folder);
        case G_IO_ERROR_NOT_FOUND:
          return g_strdup_printf (_("the folder “%s” does not exist any more"), folder);
        default:
          break;
        }
    }

  return g_strdup (error->message);
}

/* Whether @file still holds what we last read from it or wrote to it. A
 * file that cannot be read (removed, moved) is not a conflict: writing it
 * overwrites nobody's work. */
static gboolean
check_disk_version (HabDossier    *self,
                    GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *display_name = NULL;
  gsize length = 0;

  DiskStamp now;

  if (self->disk_checksum == NULL || self->file == NULL || !g_file_equal (self->file, file))
    return TRUE;

  /* Same size and time to the nanosecond: the bytes we know. */
  disk_stamp_read (file, &now);
  if (disk_stamp_equal (&self->disk_stamp, &now))
    return TRUE;

  contents = read_bounded (file, HAB_DOSSIER_MAX_SIZE + 1, &length, cancellable, NULL);
  if (contents == NULL)
    return TRUE;

  checksum = hab_sha256_hex (contents, length);
  if (g_str_equal (checksum, self->disk_checksum))
    {
      /* Touched or rewritten with the same bytes: remember the new stamp. */
      if (now.size == (gint64) length)
        self->disk_stamp = now;
      return TRUE;
    }

  display_name = g_file_get_parse_name (file);
  g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_CHANGED_ON_DISK,
               _("“%s” was not saved: it was changed by someone else since it was opened"),
               display_name);
  return FALSE;
}

/**
 * hab_dossier_has_changed_on_disk:
 *
 * Returns: whether the dossier's file no longer holds the version this
 *   dossier was loaded from or last saved as (another person or program
 *   wrote it). A file that was removed has not changed.
 */
gboolean
hab_dossier_has_changed_on_disk (HabDossier   *self,
                                 GCancellable *cancellable)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (self), FALSE);

  if (self->file == NULL)
    return FALSE;

  return !check_disk_version (self, self->file, cancellable, NULL);
}

/**
 * hab_dossier_get_disk_checksum:
 *
 * Returns: (nullable): the SHA-256 of the bytes of the dossier's file as it
 *   was last read or written, or %NULL when unknown
 */
const char *
hab_dossier_get_disk_checksum (HabDossier *self)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);

  return self->disk_checksum;
}

/**
 * hab_dossier_copy_disk_state:
 * @from: a dossier of the same file
 *
 * Takes what @from knows of the version of the file on disk, e.g. after a
 * copy of @self was saved (hab_contact_store_save_dossier()).
 */
void
hab_dossier_copy_disk_state (HabDossier *self,
                             HabDossier *from)
{
  g_return_if_fail (HAB_IS_DOSSIER (self));
  g_return_if_fail (HAB_IS_DOSSIER (from));

  g_free (self->disk_checksum);
  self->disk_checksum = g_strdup (from->disk_checksum);
  self->disk_stamp = from->disk_stamp;
}

/**
 * hab_dossier_save:
 * @self: a #HabDossier
 * @file: where to save
 *
 * Saves atomically: the text goes to a temporary file that replaces @file
 * only once completely written, and the previous version is kept as a
 * backup ("name~"). On failure @file is left as it was.
 *
 * When @file is the dossier's own file and someone else wrote it since it
 * was read, nothing is written and the error is
 * %HAB_DOSSIER_ERROR_CHANGED_ON_DISK; see hab_dossier_save_full().
 */
gboolean
hab_dossier_save (HabDossier    *self,
                  GFile         *file,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return hab_dossier_save_full (self, file, HAB_DOSSIER_SAVE_NONE, cancellable, error);
}

/**
 * hab_dossier_save_full:
 * @flags: %HAB_DOSSIER_SAVE_REPLACE_CHANGES to write over a version someone
 *   else saved (which is then the one kept as "name~")
 *
 * As hab_dossier_save().
 */
gboolean
hab_dossier_save_full (HabDossier           *self,
                       GFile                *file,
                       HabDossierSaveFlags   flags,
                       GCancellable         *cancellable,
                       GError              **error)
{
  g_autofree char *now = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  gsize length;

  g_return_val_if_fail (HAB_IS_DOSSIER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(flags & HAB_DOSSIER_SAVE_REPLACE_CHANGES) &&
      !check_disk_version (self, file, cancellable, error))
    return FALSE;

  now = now_timestamp ();
  object = json_node_get_object (self->root);
  if (json_object_has_member (object, "modified"))
    previous = g_strdup (json_object_get_string_member_with_default (object, "modified", NULL));
  json_object_set_string_member (object, "modified", now);

  data = hab_dossier_to_data (self, &length);
  display_name = g_file_get_parse_name (file);

  if (!write_atomically (file, data, length, cancellable, &local_error))
    {
      g_autofree char *reason = describe_write_error (file, local_error);

      /* Nothing was written: keep the model as it was too. */
      if (previous != NULL)
        json_object_set_string_member (object, "modified", previous);
      g_set_error (error, local_error->domain, local_error->code,
                   _("“%s” could not be saved: %s"), display_name, reason);
      return FALSE;
    }

  g_free (self->disk_checksum);
  self->disk_checksum = hab_sha256_hex (data, length);
  disk_stamp_read (file, &self->disk_stamp);
  if (self->disk_stamp.size != (gint64) length)
    self->disk_stamp.size = -1;

  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }

  return TRUE;
}

GFile *
hab_dossier_get_file (HabDossier *self)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);

  return self->file;
}

/**
 * hab_dossier_set_file:
 * @file: (nullable): where the dossier belongs
 *
 * Names the file the dossier belongs to without saving it, e.g. for a
 * dossier recovered after a crash, whose own file is older than it.
 */
void
hab_dossier_set_file (HabDossier *self,
                      GFile      *file)
{
  g_return_if_fail (HAB_IS_DOSSIER (self));

  if (g_set_object (&self->file, file))
    {
      /* Which version of the new file it stands for is not known. */
      g_clear_pointer (&self->disk_checksum, g_free);
      self->disk_stamp.size = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
}

JsonObject *
hab_dossier_get_root (HabDossier *self)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);

  return json_node_get_object (self->root);
}

/* Path access */

static gboolean
parse_index (const char *segment,
             gsize       len,
             guint      *index)
{
  guint value = 0;

  if (len == 0 || len > 9)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (segment[i]))
        return FALSE;
      value = value * 10 + (segment[i] - '0');
    }

  *index = value;
  return TRUE;
}

JsonNode *
hab_dossier_lookup (HabDossier *self,
                    const char *path)
{
  JsonNode *node;
  const char *segment;

  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  node = self->root;
  segment = path;

  while (node != NULL)
    {
      const char *dot = strchr (segment, '.');
      gsize len = dot ? (gsize) (dot - segment) : strlen (segment);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          char key[128];

          if (len >= sizeof key)
            return NULL;
          memcpy (key, segment, len);
          key[len] = '\0';
          node = json_object_get_member (json_node_get_object (node), key);
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint index;

          if (!parse_index (segment, len, &index) || index >= json_array_get_length (array))
            return NULL;
          node = json_array_get_element (array, index);
        }
      else
        return NULL;

      if (dot == NULL)
        return node;
      segment = dot + 1;
    }

  return NULL;
}

JsonObject *
hab_dossier_get_object (HabDossier *self,
                        const char *path)
{
  JsonNode *node = hab_dossier_lookup (self, path);

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
hab_dossier_get_array (HabDossier *self,
                       const char *path)
{
  JsonNode *node = hab_dossier_lookup (self, path);

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
hab_dossier_get_string (HabDossier *self,
                        const char *path)
{
  return hab_json_node_get_string (hab_dossier_lookup (self, path));
}

gboolean
hab_dossier_get_boolean (HabDossier *self,
                         const char *path,
                         gboolean   *value)
{
  JsonNode *node = hab_dossier_lookup (self, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  if (value != NULL)
    *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
hab_dossier_get_int (HabDossier *self,
                     const char *path,
                     gint64     *value)
{
  JsonNode *node = hab_dossier_lookup (self, path);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  if (value != NULL)
    *value = json_node_get_int (node);
  return TRUE;
}

/* Finds the container of the last segment of @path, creating missing
 * objects on the way; returns the object and sets @member. Arrays along the
 * path are followed by index but never created. */
static JsonNode *
ensure_parent (HabDossier  *self,
               const char  *path,
               char       **member)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  guint n = g_strv_length (segments);
  JsonNode *node = self->root;

  g_return_val_if_fail (n > 0, NULL);

  for (guint i = 0; i + 1 < n; i++)
    {
      JsonNode *child = NULL;

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint index;

          if (!parse_index (segments[i], strlen (segments[i]), &index)
              || index >= json_array_get_length (array))
            return NULL;
          child = json_array_get_element (array, index);
        }
      else
        {
          JsonObject *object = json_node_get_object (node);

          child = json_object_get_member (object, segments[i]);
          if (child == NULL || !(JSON_NODE_HOLDS_OBJECT (child) || JSON_NODE_HOLDS_ARRAY (child)))
            {
              json_object_set_object_member (object, segments[i], json_object_new ());
              child = json_object_get_member (object, segments[i]);
            }
        }

      node = child;
      if (!(JSON_NODE_HOLDS_OBJECT (node) || JSON_NODE_HOLDS_ARRAY (node)))
        return NULL;
    }

  *member = g_strdup (segments[n - 1]);
  return node;
}

static void
emit_changed (HabDossier *self,
              const char *path)
{
  g_signal_emit (self, signals[CHANGED], 0, path);
}

/**
 * hab_dossier_set_node:
 * @node: (transfer full): the new value
 *
 * Sets a member and emits ::changed once. Does nothing (but free @node)
 * when the value is already equal.
 */
void
hab_dossier_set_node (HabDossier *self,
                      const char *path,
                      JsonNode   *node)
{
  g_autofree char *member = NULL;
  JsonNode *parent;
  JsonNode *current;

  g_return_if_fail (HAB_IS_DOSSIER (self));
  g_return_if_fail (path != NULL && *path != '\0');
  g_return_if_fail (node != NULL);

  current = hab_dossier_lookup (self, path);
  if (current != NULL && json_node_equal (current, node))
    {
      json_node_unref (node);
      return;
    }

  parent = ensure_parent (self, path, &member);
  if (parent == NULL)
    {
      g_warning ("Cannot set “%s”: a member on its path is not a container", path);
      json_node_unref (node);
      return;
    }

  if (JSON_NODE_HOLDS_ARRAY (parent))
    {
      JsonArray *array = json_node_get_array (parent);
      guint index;

      if (!parse_index (member, strlen (member), &index) || index > json_array_get_length (array))
        {
          g_warning ("Cannot set “%s”: no such array element", path);
          json_node_unref (node);
          return;
        }
      if (index == json_array_get_length (array))
        json_array_add_element (array, node);
      else
        {
          /* JsonArray has no setter: build the array again with the new
           * element (the others are shared, not deep-copied). */
          guint n = json_array_get_length (array);
          JsonArray *replacement = json_array_sized_new (n);

          for (guint i = 0; i < n; i++)
            json_array_add_element (replacement,
                                    i == index ? node : json_node_copy (json_array_get_element (array, i)));
          json_node_set_array (parent, replacement);
          json_array_unref (replacement);
        }
    }
  else
    json_object_set_member (json_node_get_object (parent), member, node);

  emit_changed (self, path);
}

void
hab_dossier_set_string (HabDossier *self,
                        const char *path,
                        const char *value)
{
  if (value == NULL)
    {
      hab_dossier_set_null (self, path);
      return;
    }

  hab_dossier_set_node (self, path, json_node_init_string (json_node_alloc (), value));
}

void
hab_dossier_set_boolean (HabDossier *self,
                         const char *path,
                         gboolean    value)
{
  hab_dossier_set_node (self, path, json_node_init_boolean (json_node_alloc (), value));
}

void
hab_dossier_set_int (HabDossier *self,
                     const char *path,
                     gint64      value)
{
  hab_dossier_set_node (self, path, json_node_init_int (json_node_alloc (), value));
}

void
hab_dossier_set_null (HabDossier *self,
                      const char *path)
{
  hab_dossier_set_node (self, path, json_node_init_null (json_node_alloc ()));
}

/**
 * hab_dossier_remove:
 *
 * Removes an object member, emitting ::changed once if it existed.
 */
void
hab_dossier_remove (HabDossier *self,
                    const char *path)
{
  g_autofree char *parent_path = NULL;
  const char *dot;
  JsonObject *parent;

  g_return_if_fail (HAB_IS_DOSSIER (self));
  g_return_if_fail (path != NULL);

  dot = strrchr (path, '.');
  if (dot != NULL)
    {
      parent_path = g_strndup (path, dot - path);
      parent = hab_dossier_get_object (self, parent_path);
    }
  else
    parent = json_node_get_object (self->root);

  if (parent == NULL || !json_object_has_member (parent, dot ? dot + 1 : path))
    return;

  json_object_remove_member (parent, dot ? dot + 1 : path);
  emit_changed (self, path);
}

/* Scopes and modalities */

static JsonArray *
ensure_array (HabDossier *self,
              const char *parent_path,
              const char *member)
{
  JsonObject *parent = hab_dossier_get_object (self, parent_path);
  JsonNode *node;

  if (parent == NULL)
    {
      g_autofree char *dummy = NULL;
      g_autofree char *path = g_strconcat (parent_path, ".", member, NULL);
      JsonNode *container = ensure_parent (self, path, &dummy);

      if (container == NULL || !JSON_NODE_HOLDS_OBJECT (container))
        return NULL;
      parent = json_node_get_object (container);
    }

  node = json_object_get_member (parent, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    json_object_set_array_member (parent, member, json_array_new ());

  return json_object_get_array_member (parent, member);
}

static gint
find_scope (JsonArray  *scopes,
            const char *key)
{
  guint n = scopes ? json_array_get_length (scopes) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (scopes, i);

      if (JSON_NODE_HOLDS_OBJECT (element)
          && g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (element),
                                                                    "key", NULL), key) == 0)
        return (gint) i;
    }

  return -1;
}

gboolean
hab_dossier_has_scope (HabDossier *self,
                       const char *key)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (self), FALSE);

  return find_scope (hab_dossier_get_array (self, "data.scopes"), key) >= 0;
}

/**
 * hab_dossier_set_scope:
 * @purpose: (nullable): the purpose of this data item
 *
 * Ticks a data item (or updates its purpose), emitting ::changed once.
 */
void
hab_dossier_set_scope (HabDossier *self,
                       const char *key,
                       const char *purpose)
{
  JsonArray *scopes;
  JsonObject *scope;
  gint index;

  g_return_if_fail (HAB_IS_DOSSIER (self));
  g_return_if_fail (key != NULL);

  scopes = ensure_array (self, "data", "scopes");
  if (scopes == NULL)
    return;

  index = find_scope (scopes, key);
  if (index >= 0)
    {
      scope = json_array_get_object_element (scopes, index);
      if (g_strcmp0 (json_object_get_string_member_with_default (scope, "purpose", NULL),
                     purpose ? purpose : "") == 0)
        return;
    }
  else
    {
      scope = json_object_new ();
      json_object_set_string_member (scope, "key", key);
      json_array_add_object_element (scopes, scope);
    }

  json_object_set_string_member (scope, "purpose", purpose ? purpose : "");
  emit_changed (self, "data.scopes");
}

void
hab_dossier_remove_scope (HabDossier *self,
                          const char *key)
{
  JsonArray *scopes;
  gint index;

  g_return_if_fail (HAB_IS_DOSSIER (self));

  scopes = hab_dossier_get_array (self, "data.scopes");
  index = find_scope (scopes, key);
  if (index < 0)
    return;

  json_array_remove_element (scopes, index);
  emit_changed (self, "data.scopes");
}

static gint
find_string (JsonArray  *array,
             const char *value)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING
          && g_strcmp0 (json_node_get_string (element), value) == 0)
        return (gint) i;
    }

  return -1;
}

gboolean
hab_dossier_has_modality (HabDossier *self,
                          const char *key)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (self), FALSE);

  return find_string (hab_dossier_get_array (self, "parcours.modalities"), key) >= 0;
}

void
hab_dossier_set_modality (HabDossier *self,
                          const char *key,
                          gboolean    enabled)
{
  JsonArray *modalities;
  gint index;

  g_return_if_fail (HAB_IS_DOSSIER (self));
  g_return_if_fail (key != NULL);

  modalities = ensure_array (self, "parcours", "modalities");
  if (modalities == NULL)
    return;

  index = find_string (modalities, key);
  if (enabled == (index >= 0))
    return;

  if (enabled)
    json_array_add_string_element (modalities, key);
  else
    json_array_remove_element (modalities, index);

  emit_changed (self, "parcours.modalities");
}

/**
 * hab_dossier_dup_inline_contact:
 * @role: a key of "actors"
 *
 * Returns: (transfer full) (nullable): the inline card of @role, with its
 *   contact_id filled from the actor when the card has none.
 */
HabContact *
hab_dossier_dup_inline_contact (HabDossier *self,
                                const char *role)
{
  JsonObject *actor;
  JsonNode *card;
  HabContact *contact;

  g_return_val_if_fail (HAB_IS_DOSSIER (self), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  {
    JsonObject *actors = hab_dossier_get_object (self, "actors");
    JsonNode *node = actors ? json_object_get_member (actors, role) : NULL;

    actor = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  }
  if (actor == NULL)
    return NULL;

  card = json_object_get_member (actor, "contact");
  if (card == NULL || !JSON_NODE_HOLDS_OBJECT (card))
    return NULL;

  contact = hab_contact_new_from_json (json_node_get_object (card));
  if (contact->contact_id == NULL)
    {
      contact->contact_id = g_strdup (hab_json_object_get_string (actor, "contact_id"));
    }

  return contact;
}
