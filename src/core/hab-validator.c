/* hab-validator.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-validator"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "hab-attachment.h"
#include "hab-fingerprint.h"
#include "hab-review.h"
#include "hab-sha256.h"
#include "hab-validator-private.h"

/* The validator recomputes every finding of a dossier from scratch (DESIGN
 * §3). It runs on every keystroke, so it keeps what is costly to recompute
 * (attachment hashes) in a cache keyed by file, size and time. */
struct _HabValidator
{
  GObject               parent_instance;

  HabCatalogue         *catalogue;
  GDate                 today;
  gboolean              today_set;

  HabContactLookupFunc  lookup;
  gpointer              lookup_data;
  GDestroyNotify        lookup_destroy;

  GHashTable           *hash_cache;  /* path -> AttachmentState */

  /* The last fingerprint computed, and the text it is of. */
  char                 *fingerprint_text;
  char                 *fingerprint;

  /* The last changes described: since the review with that fingerprint
   * and copy of its data, to that canonical text. */
  char                 *changes_fingerprint;
  char                 *changes_approved;
  char                 *changes_current;
  char                 *changes;
};

G_DEFINE_FINAL_TYPE (HabValidator, hab_validator, G_TYPE_OBJECT)

const char *const _hab_role_keys[HAB_N_ROLES] = {
  HAB_ROLE_DEMANDEUR,
  HAB_ROLE_RESPONSABLE_TRAITEMENT,
  HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
  HAB_ROLE_RESPONSABLE_TECHNIQUE,
  HAB_ROLE_EDITEUR,
};

/* Attachments are at most 10 MB; anything far larger is not hashed. */
#define MAX_HASHED_SIZE (64 * 1024 * 1024)

typedef struct
{
  guint64  mtime;
  gint64   size;
  char    *sha256;
} AttachmentState;

static void
attachment_state_free (gpointer data)
{
  AttachmentState *state = data;

  g_free (state->sha256);
  g_free (state);
}

/* Helpers shared by the rule families */

void
_hab_check_add (HabCheckContext *ctx,
                const char      *rule_id,
                const char      *field,
                const char      *format,
                ...)
{
  const HabRule *rule = hab_rules_lookup (rule_id);
  g_autofree char *message = NULL;
  HabFinding *finding;
  va_list args;

  if (rule == NULL)
    g_error ("Unknown rule “%s”", rule_id);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  finding = g_new0 (HabFinding, 1);
  finding->rule = rule;
  finding->field = g_strdup (field);
  finding->message = g_steal_pointer (&message);
  g_ptr_array_add (ctx->findings, finding);
}

gboolean
_hab_str_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

gboolean
_hab_parse_date (const char *str,
                 GDate      *date)
{
  guint year, month, day;

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (str, NULL, 10);
  month = (guint) g_ascii_strtoull (str + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (str + 8, NULL, 10);

  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  if (date != NULL)
    g_date_set_dmy (date, day, month, year);

  return TRUE;
}

/* Attachments */

static const char *
extension_media_type (const char *name)
{
  static const struct { const char *ext; const char *type; } map[] = {
    { ".pdf", "application/pdf" },
    { ".ods", "application/vnd.oasis.opendocument.spreadsheet" },
    { ".odf", "application/vnd.oasis.opendocument.formula" },
    { ".xls", "application/vnd.ms-excel" },
    { ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { ".sxc", "application/vnd.sun.xml.calc" },
    { ".csv", "text/csv" },
  };
  const char *dot = name ? strrchr (name, '.') : NULL;

  if (dot == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (dot, map[i].ext) == 0)
      return map[i].type;

  return NULL;
}

static char *
compute_sha256 (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  HabSha256 checksum;
  guchar buffer[16384];
  gssize n;

  if (stream == NULL)
    return NULL;

  hab_sha256_init (&checksum);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, NULL)) > 0)
    hab_sha256_update (&checksum, buffer, n);

  if (n < 0)
    return NULL;

  return hab_sha256_finish_hex (&checksum);
}

/* Returns the state of the file on disk (from the cache when its size and
 * time are unchanged), or NULL when it does not exist. */
static const AttachmentState *
attachment_state (HabValidator *self,
                  GFile        *file)
{
  g_autofree char *path = g_file_get_path (file);
  AttachmentState *state;
  GStatBuf buf;
  guint64 mtime;
  gint64 size;

  if (path == NULL || hab_attachment_is_special (file))
    return NULL;

  /* A plain stat(): this runs for every attachment on every keystroke. */
  if (g_stat (path, &buf) != 0 || !S_ISREG (buf.st_mode))
    {
      g_hash_table_remove (self->hash_cache, path);
      return NULL;
    }

  size = buf.st_size;
  mtime = (guint64) buf.st_mtim.tv_sec * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000;

  state = g_hash_table_lookup (self->hash_cache, path);
  if (state != NULL && state->mtime == mtime && state->size == size)
    return state;

  state = g_new0 (AttachmentState, 1);
  state->mtime = mtime;
  state->size = size;
  /* A file far above any limit is reported as too large, never read. */
  state->sha256 = size <= MAX_HASHED_SIZE ? compute_sha256 (file) : NULL;
  g_hash_table_replace (self->hash_cache, g_steal_pointer (&path), state);

  return state;
}

/**
 * _hab_check_attachment:
 * @node: the attachment member, or %NULL
 * @field: its dotted path
 * @allowed_types: media types accepted here
 * @max_size: in bytes
 * @rules: the rule ids to report with
 *
 * Checks an attachment's type and size, and that the file on disk is the one
 * that was attached (same SHA-256).
 */
void
_hab_check_attachment (HabCheckContext          *ctx,
                       JsonNode                 *node,
                       const char               *field,
                       const char *const        *allowed_types,
                       gint64                    max_size,
                       const HabAttachmentRules *rules)
{
  const AttachmentState *state = NULL;
  g_autoptr(GFile) file = NULL;
  const char *name, *path, *sha256, *media_type;
  const char *shown_name;
  JsonObject *object;
  JsonNode *size_node;
  gint64 size = -1;
  gboolean allowed = FALSE;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  name = hab_json_object_get_string (object, "name");
  path = hab_json_object_get_string (object, "path");
  sha256 = hab_json_object_get_string (object, "sha256");
  media_type = hab_json_object_get_string (object, "media_type");
  shown_name = name ? name : path ? path : "";

  size_node = json_object_get_member (object, "size");
  if (size_node != NULL && JSON_NODE_HOLDS_VALUE (size_node)
      && json_node_get_value_type (size_node) == G_TYPE_INT64)
    size = json_node_get_int (size_node);

  if (path != NULL && *path != '\0')
    {
      if (g_path_is_absolute (path))
        file = g_file_new_for_path (path);
      else if (ctx->base_dir != NULL)
        file = g_file_resolve_relative_path (ctx->base_dir, path);
    }

  if (file != NULL)
    {
      state = attachment_state (ctx->validator, file);
      if (state == NULL && rules->missing != NULL)
        _hab_check_add (ctx, rules->missing, field,
                        _("The attached file “%s” cannot be found; attach it again."),
                        shown_name);
      else if (state != NULL && rules->changed != NULL && sha256 != NULL
               && state->sha256 != NULL && g_ascii_strcasecmp (state->sha256, sha256) != 0)
        _hab_check_add (ctx, rules->changed, field,
                        _("The attached file “%s” has changed since it was attached; check it "
                          "and attach it again."),
                        shown_name);

      if (state != NULL)
        size = state->size;
    }

  if (media_type == NULL)
    media_type = extension_media_type (name ? name : path);

  for (guint i = 0; allowed_types != NULL && allowed_types[i] != NULL; i++)
    if (g_strcmp0 (media_type, allowed_types[i]) == 0)
      allowed = TRUE;

  if (!allowed && rules->bad_type != NULL)
    {
      if (g_strv_length ((char **) allowed_types) == 1
          && g_strcmp0 (allowed_types[0], "application/pdf") == 0)
        _hab_check_add (ctx, rules->bad_type, field,
                        _("“%s” is not a PDF file; DataPass accepts only PDF here."), shown_name);
      else
        _hab_check_add (ctx, rules->bad_type, field,
                        _("“%s” is not of an accepted type here."), shown_name);
    }

  if (size > max_size && rules->too_large != NULL)
    _hab_check_add (ctx, rules->too_large, field,
                    _("“%s” is larger than %d MB, the limit on DataPass; reduce its size."),
                    shown_name, (int) (max_size / (1000 * 1000)));
}

/* Type checks: a member of the wrong type is reported, then ignored by
 * every other rule (the getters return NULL for it). */

typedef enum
{
  T_STRING   = 1 << 0,
  T_BOOL     = 1 << 1,
  T_INT      = 1 << 2,
  T_ARRAY    = 1 << 3,
  T_OBJECT   = 1 << 4,
  T_NULL     = 1 << 5,
  T_DATE     = 1 << 6,   /* a string holding YYYY-MM-DD */
} TypeMask;

static const struct
{
  const char *path;
  TypeMask    types;
} type_schema[] = {
  { "id", T_STRING },
  { "created", T_STRING },
  { "modified", T_STRING },
  { "catalogue_version", T_STRING | T_NULL },
  { "parcours", T_OBJECT },
  { "parcours.api", T_STRING | T_NULL },
  { "parcours.stage", T_STRING | T_NULL },
  { "parcours.development", T_STRING | T_NULL },
  { "parcours.use_case", T_STRING | T_NULL },
  { "parcours.modalities", T_ARRAY | T_NULL },
  { "parcours.france_connect_authorization_id", T_STRING | T_NULL },
  { "parcours.sandbox_validated", T_BOOL | T_NULL },
  { "organisation", T_OBJECT },
  { "organisation.name", T_STRING | T_NULL },
  { "organisation.siret", T_STRING | T_NULL },
  { "organisation.kind", T_STRING | T_NULL },
  { "organisation.address", T_STRING | T_NULL },
  { "organisation.subject_to_rgs", T_BOOL | T_NULL },
  { "actors", T_OBJECT },
  { "extra_contacts", T_OBJECT | T_NULL },
  { "extra_contacts.contact_technique_extra_email", T_STRING | T_NULL },
  { "extra_contacts.extra_organization_contact_name", T_STRING | T_NULL },
  { "extra_contacts.extra_organization_contact_email", T_STRING | T_NULL },
  { "project", T_OBJECT },
  { "project.title", T_STRING | T_NULL },
  { "project.description", T_STRING | T_NULL },
  { "project.objective", T_STRING | T_NULL },
  { "project.data_usage", T_STRING | T_NULL },
  { "project.editor_name", T_STRING | T_NULL },
  { "project.editor_software", T_STRING | T_NULL },
  { "project.progress", T_STRING | T_NULL },
  { "project.planned_production_date", T_DATE | T_NULL },
  { "project.yearly_volume", T_STRING | T_INT | T_NULL },
  { "project.mockup", T_OBJECT | T_NULL },
  { "legal", T_OBJECT },
  { "legal.nature", T_STRING | T_NULL },
  { "legal.url", T_STRING | T_NULL },
  { "legal.documents", T_ARRAY | T_NULL },
  { "legal.deliberation", T_OBJECT | T_NULL },
  { "legal.deliberation.date", T_DATE | T_NULL },
  { "legal.deliberation.number", T_STRING | T_NULL },
  { "legal.deliberation.body", T_STRING | T_NULL },
  { "legal.deliberation.text", T_STRING | T_NULL },
  { "legal.deliberation.document", T_OBJECT | T_NULL },
  { "legal.deliberation.mentions", T_OBJECT | T_NULL },
  { "legal.deliberation.mentions.recent", T_BOOL | T_NULL },
  { "legal.deliberation.mentions.solution", T_BOOL | T_NULL },
  { "legal.deliberation.mentions.use_case", T_BOOL | T_NULL },
  { "legal.deliberation.mentions.l114_8", T_BOOL | T_NULL },
  { "legal.deliberation.mentions.api_decision", T_BOOL | T_NULL },
  { "legal.deliberation.mentions.data_and_purposes", T_BOOL | T_NULL },
  { "data", T_OBJECT },
  { "data.scopes", T_ARRAY | T_NULL },
  { "data.specific_requirements", T_BOOL | T_NULL },
  { "data.specific_requirements_document", T_OBJECT | T_NULL },
  { "data.recipients", T_STRING | T_NULL },
  { "data.retention_justification", T_STRING | T_NULL },
  { "data.access", T_STRING | T_NULL },
  { "dpo", T_OBJECT },
  { "dpo.informed", T_BOOL | T_NULL },
  { "dpo.informed_date", T_DATE | T_NULL },
  { "dpo.reviews", T_ARRAY | T_NULL },
  { "security", T_OBJECT },
  { "security.kind", T_STRING | T_NULL },
  { "security.document", T_OBJECT | T_NULL },
  { "security.authority_name", T_STRING | T_NULL },
  { "security.authority_function", T_STRING | T_NULL },
  { "security.begin_date", T_DATE | T_NULL },
  { "security.end_date", T_DATE | T_NULL },
  { "security.questionnaire", T_OBJECT | T_NULL },
  { "security.questionnaire_reason", T_STRING | T_NULL },
  { "security.operational_acceptance_done", T_BOOL | T_NULL },
  { "security.calls_justification", T_STRING | T_NULL },
  { "editor_checks", T_OBJECT | T_NULL },
  { "history", T_ARRAY | T_NULL },
};

/* Which family's rule reports a type error, by the first path segment. */
static const struct
{
  const char *prefix;
  const char *wrong_type;
  const char *invalid_date;
} type_rules[] = {
  { "parcours", "parcours.wrong_type", NULL },
  { "organisation", "organisation.wrong_type", NULL },
  { "actors", "actors.wrong_type", NULL },
  { "extra_contacts", "actors.wrong_type", NULL },
  { "project", "project.wrong_type", "project.invalid_date" },
  { "legal", "legal.wrong_type", "legal.invalid_date" },
  { "data", "data.wrong_type", NULL },
  { "dpo", "dpo.wrong_type", "dpo.invalid_date" },
  { "security", "security.wrong_type", "security.invalid_date" },
  { "editor_checks", "editor.wrong_type", NULL },
};

static const char *
describe_types (TypeMask types)
{
  if (types & T_DATE)
    return _("a date (YYYY-MM-DD)");
  if (types & T_STRING)
    return _("text");
  if (types & T_BOOL)
    return _("true or false");
  if (types & T_INT)
    return _("a whole number");
  if (types & T_ARRAY)
    return _("a list");
  return _("a group of fields");
}

static TypeMask
node_type (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return T_OBJECT;
    case JSON_NODE_ARRAY:
      return T_ARRAY;
    case JSON_NODE_NULL:
      return T_NULL;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return T_STRING;
        case G_TYPE_BOOLEAN:
          return T_BOOL;
        case G_TYPE_INT64:
          return T_INT;
        default:
          return 0;
        }
    }
}

static void
type_rule_for (const char  *path,
               const char **wrong_type,
               const char **invalid_date)
{
  *wrong_type = "format.wrong_type";
  *invalid_date = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (type_rules); i++)
    {
      gsize len = strlen (type_rules[i].prefix);

      if (strncmp (path, type_rules[i].prefix, len) == 0 && (path[len] == '.' || path[len] == '\0'))
        {
          *wrong_type = type_rules[i].wrong_type;
          *invalid_date = type_rules[i].invalid_date;
          return;
        }
    }
}

static void
report_wrong_type (HabCheckContext *ctx,
                   const char      *path,
                   TypeMask         expected)
{
  const char *wrong_type, *invalid_date;

  type_rule_for (path, &wrong_type, &invalid_date);
  _hab_check_add (ctx, wrong_type, path,
                  _("The field “%s” should be %s; the value in the file is ignored until "
                    "it is corrected."),
                  path, describe_types (expected));
}

static void
check_actor_types (HabCheckContext *ctx)
{
  JsonObject *actors = hab_dossier_get_object (ctx->dossier, "actors");
  static const char *const string_members[] = { "contact_id", "display_name" };

  if (actors == NULL)
    return;

  for (guint r = 0; r < HAB_N_ROLES; r++)
    {
      JsonNode *node = json_object_get_member (actors, _hab_role_keys[r]);
      JsonObject *actor;
      JsonNode *card;
      char path[96];

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;

      g_snprintf (path, sizeof path, "actors.%s", _hab_role_keys[r]);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          report_wrong_type (ctx, path, T_OBJECT);
          continue;
        }

      actor = json_node_get_object (node);
      for (guint i = 0; i < G_N_ELEMENTS (string_members); i++)
        {
          JsonNode *member = json_object_get_member (actor, string_members[i]);

          if (member != NULL && !(node_type (member) & (T_STRING | T_NULL)))
            {
              g_snprintf (path, sizeof path, "actors.%s.%s", _hab_role_keys[r], string_members[i]);
              report_wrong_type (ctx, path, T_STRING);
            }
        }

      card = json_object_get_member (actor, "contact");
      if (card != NULL && !(node_type (card) & (T_OBJECT | T_NULL)))
        {
          g_snprintf (path, sizeof path, "actors.%s.contact", _hab_role_keys[r]);
          report_wrong_type (ctx, path, T_OBJECT);
        }
      else if (card != NULL && JSON_NODE_HOLDS_OBJECT (card))
        {
          JsonObjectIter iter;
          const char *member_name;
          JsonNode *member;

          json_object_iter_init (&iter, json_node_get_object (card));
          while (json_object_iter_next (&iter, &member_name, &member))
            if (!(node_type (member) & (T_STRING | T_NULL)))
              {
                g_autofree char *member_path = g_strdup_printf ("actors.%s.contact.%s",
                                                                _hab_role_keys[r], member_name);
                report_wrong_type (ctx, member_path, T_STRING);
              }
        }
    }
}

static void
check_array_elements (HabCheckContext *ctx,
                      const char      *path,
                      TypeMask         element_type)
{
  JsonArray *array = hab_dossier_get_array (ctx->dossier, path);
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    if (!(node_type (json_array_get_element (array, i)) & element_type))
      {
        g_autofree char *element_path = g_strdup_printf ("%s.%u", path, i);
        report_wrong_type (ctx, element_path, element_type);
      }
}

static void
check_format (HabCheckContext *ctx)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_schema); i++)
    {
      JsonNode *node = hab_dossier_lookup (ctx->dossier, type_schema[i].path);
      TypeMask actual;
      TypeMask accepted = type_schema[i].types;

      if (node == NULL)
        continue;

      actual = node_type (node);
      if (accepted & T_DATE)
        accepted |= T_STRING;

      if (!(actual & accepted))
        {
          report_wrong_type (ctx, type_schema[i].path, type_schema[i].types);
          continue;
        }

      if ((type_schema[i].types & T_DATE) && actual == T_STRING
          && *json_node_get_string (node) != '\0'
          && !_hab_parse_date (json_node_get_string (node), NULL))
        {
          const char *wrong_type, *invalid_date;

          type_rule_for (type_schema[i].path, &wrong_type, &invalid_date);
          _hab_check_add (ctx, invalid_date, type_schema[i].path,
                          _("“%s” is not a valid date; write it as YYYY-MM-DD, e.g. 2026-11-27."),
                          json_node_get_string (node));
        }
    }

  check_actor_types (ctx);
  check_array_elements (ctx, "parcours.modalities", T_STRING);
  check_array_elements (ctx, "data.scopes", T_OBJECT);
  check_array_elements (ctx, "legal.documents", T_OBJECT);
  check_array_elements (ctx, "dpo.reviews", T_OBJECT);

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "id")))
    _hab_check_add (ctx, "format.id_missing", "id",
                    _("The dossier has no identifier; save it again with this version of the "
                      "application so that the DPO’s review can be merged back."));

  {
    const char *version = hab_dossier_get_string (ctx->dossier, "catalogue_version");
    const char *current = hab_catalogue_get_version (ctx->catalogue);

    if (version != NULL && *version != '\0' && g_strcmp0 (version, current) != 0)
      _hab_check_add (ctx, "format.catalogue_changed", "catalogue_version",
                      _("The dossier was prepared with the DGFiP catalogue of %s; this version "
                        "uses the catalogue of %s. Check the data items again."),
                      version, current);
  }
}

static const HabRule format_rules[] = {
  { "format.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_SYNTHESE,
    N_("A top-level member of the file has the wrong type") },
  { "format.id_missing", HAB_SEVERITY_WARNING, HAB_STEP_SYNTHESE,
    N_("The dossier has no identifier, so DPO reviews cannot be merged back") },
  { "format.catalogue_changed", HAB_SEVERITY_INFO, HAB_STEP_SYNTHESE,
    N_("The dossier was prepared with another version of the DGFiP catalogue") },
  { "parcours.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_PARCOURS,
    N_("A field of the Parcours step has the wrong type in the file") },
  { "organisation.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A field of the organisation has the wrong type in the file") },
  { "actors.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_ACTEURS,
    N_("A field of a role or contact has the wrong type in the file") },
  { "project.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("A field of the Projet step has the wrong type in the file") },
  { "project.invalid_date", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The planned production date is not a valid YYYY-MM-DD date") },
  { "legal.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("A field of the Cadre juridique step has the wrong type in the file") },
  { "legal.invalid_date", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("The délibération date is not a valid YYYY-MM-DD date") },
  { "data.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("A field of the Données step has the wrong type in the file") },
  { "dpo.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("A field of the DPO step has the wrong type in the file") },
  { "dpo.invalid_date", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The date the DPO was informed is not a valid YYYY-MM-DD date") },
  { "security.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("A field of the Sécurité step has the wrong type in the file") },
  { "security.invalid_date", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("A homologation or questionnaire date is not a valid YYYY-MM-DD date") },
  { "editor.wrong_type", HAB_SEVERITY_ERROR, HAB_STEP_EDITEUR,
    N_("An answer of the Éditeur step has the wrong type in the file") },
};

HAB_DEFINE_RULE_FAMILY (format, format_rules, check_format);

/* The validator */

const char *
_hab_validator_fingerprint (HabValidator *self,
                            const char   *canonical_text)
{
  if (self->fingerprint == NULL || g_strcmp0 (self->fingerprint_text, canonical_text) != 0)
    {
      g_autofree char *hex = hab_sha256_hex (canonical_text, strlen (canonical_text));

      g_free (self->fingerprint_text);
      g_free (self->fingerprint);
      self->fingerprint_text = g_strdup (canonical_text);
      self->fingerprint = g_strconcat (HAB_FINGERPRINT_PREFIX, hex, NULL);
    }

  return self->fingerprint;
}

const char *
_hab_validator_describe_changes (HabValidator *self,
                                 JsonObject   *review,
                                 const char   *canonical_text)
{
  const char *fingerprint = hab_json_object_get_string (review, "fingerprint");
  const char *approved = hab_json_object_get_string (review, HAB_REVIEW_DATA_TEXT_MEMBER);

  if (self->changes_current == NULL
      || g_strcmp0 (self->changes_fingerprint, fingerprint) != 0
      || g_strcmp0 (self->changes_approved, approved) != 0
      || strcmp (self->changes_current, canonical_text) != 0)
    {
      const char *trusted = hab_review_get_data_text (review);
      g_autoptr(GPtrArray) changes = NULL;

      g_clear_pointer (&self->changes, g_free);
      if (trusted != NULL)
        changes = hab_review_diff_data_texts (trusted, canonical_text);
      if (changes != NULL && changes->len > 0)
        self->changes = hab_review_describe_changes (changes, self->catalogue);

      g_free (self->changes_fingerprint);
      g_free (self->changes_approved);
      g_free (self->changes_current);
      self->changes_fingerprint = g_strdup (fingerprint);
      self->changes_approved = g_strdup (approved);
      self->changes_current = g_strdup (canonical_text);
    }

  return self->changes;
}

static void
hab_validator_finalize (GObject *object)
{
  HabValidator *self = (HabValidator *)object;

  if (self->lookup_destroy != NULL)
    self->lookup_destroy (self->lookup_data);
  g_clear_object (&self->catalogue);
  g_clear_pointer (&self->hash_cache, g_hash_table_unref);
  g_free (self->fingerprint_text);
  g_free (self->fingerprint);
  g_free (self->changes_fingerprint);
  g_free (self->changes_approved);
  g_free (self->changes_current);
  g_free (self->changes);

  G_OBJECT_CLASS (hab_validator_parent_class)->finalize (object);
}

static void
hab_validator_class_init (HabValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hab_validator_finalize;
}

static void
hab_validator_init (HabValidator *self)
{
  self->hash_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, attachment_state_free);
}

/**
 * hab_validator_new:
 * @catalogue: (nullable): the catalogue, or %NULL for the bundled one
 */
HabValidator *
hab_validator_new (HabCatalogue *catalogue)
{
  HabValidator *self = g_object_new (HAB_TYPE_VALIDATOR, NULL);

  self->catalogue = g_object_ref (catalogue ? catalogue : hab_catalogue_get_default ());

  return self;
}

/**
 * hab_validator_set_today:
 * @today: (nullable): the date every date rule takes as today, or %NULL
 *   for the clock
 */
void
hab_validator_set_today (HabValidator *self,
                         const GDate  *today)
{
  g_return_if_fail (HAB_IS_VALIDATOR (self));

  self->today_set = today != NULL && g_date_valid (today);
  if (self->today_set)
    self->today = *today;
}

/**
 * hab_validator_set_contact_lookup:
 *
 * Sets how cards that are not inline are found (the keyring, in the app).
 */
void
hab_validator_set_contact_lookup (HabValidator         *self,
                                  HabContactLookupFunc  func,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy)
{
  g_return_if_fail (HAB_IS_VALIDATOR (self));

  if (self->lookup_destroy != NULL)
    self->lookup_destroy (self->lookup_data);

  self->lookup = func;
  self->lookup_data = user_data;
  self->lookup_destroy = destroy;
}

static void
prepare_context (HabValidator    *self,
                 HabDossier      *dossier,
                 HabCheckContext *ctx)
{
  JsonObject *actors;
  GFile *file;

  memset (ctx, 0, sizeof *ctx);
  ctx->validator = self;
  ctx->dossier = dossier;
  ctx->catalogue = self->catalogue;
  ctx->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_finding_free);

  if (self->today_set)
    ctx->today = self->today;
  else
    {
      g_date_clear (&ctx->today, 1);
      g_date_set_time_t (&ctx->today, time (NULL));
    }

  ctx->api_id = hab_dossier_get_string (dossier, "parcours.api");
  ctx->stage = hab_dossier_get_string (dossier, "parcours.stage");
  ctx->development = hab_dossier_get_string (dossier, "parcours.development");
  ctx->use_case_id = hab_dossier_get_string (dossier, "parcours.use_case");
  ctx->api = ctx->api_id ? hab_catalogue_lookup_api (self->catalogue, ctx->api_id) : NULL;
  if (ctx->api != NULL && ctx->use_case_id != NULL)
    ctx->use_case = hab_api_lookup_use_case (ctx->api, ctx->use_case_id);
  ctx->production = g_strcmp0 (ctx->stage, "production") == 0;
  ctx->editor_mode = g_strcmp0 (ctx->development, "editor") == 0;

  actors = hab_dossier_get_object (dossier, "actors");
  for (guint r = 0; actors != NULL && r < HAB_N_ROLES; r++)
    {
      JsonNode *node = json_object_get_member (actors, _hab_role_keys[r]);
      const char *contact_id = NULL;
      JsonObject *actor;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;

      actor = json_node_get_object (node);
      contact_id = hab_json_object_get_string (actor, "contact_id");
      if (contact_id != NULL && *contact_id == '\0')
        contact_id = NULL;

      ctx->contacts[r] = hab_dossier_dup_inline_contact (dossier, _hab_role_keys[r]);
      if (ctx->contacts[r] == NULL && contact_id != NULL && self->lookup != NULL)
        ctx->contacts[r] = self->lookup (contact_id, self->lookup_data);

      ctx->assigned[r] = contact_id != NULL || ctx->contacts[r] != NULL;
    }

  file = hab_dossier_get_file (dossier);
  if (file != NULL)
    ctx->base_dir = g_file_get_parent (file);
}

static void
clear_context (HabCheckContext *ctx)
{
  for (guint r = 0; r < HAB_N_ROLES; r++)
    g_clear_pointer (&ctx->contacts[r], hab_contact_free);
  g_clear_object (&ctx->base_dir);
}

static gint
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const HabFinding *fa = *(HabFinding **) a;
  const HabFinding *fb = *(HabFinding **) b;

  if (fa->rule->step != fb->rule->step)
    return fa->rule->step < fb->rule->step ? -1 : 1;
  if (fa->rule->severity != fb->rule->severity)
    return fa->rule->severity < fb->rule->severity ? -1 : 1;

  return 0;
}

static gboolean
is_wrong_type (const HabFinding *finding)
{
  return g_str_has_suffix (finding->rule->id, ".wrong_type");
}

/* A member of the wrong type is reported once, as such: the getters see it
 * as absent, so a "missing" rule on the same field would say it again. */
static void
drop_shadowed_findings (GPtrArray *findings)
{
  g_autoptr(GHashTable) wrong = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (is_wrong_type (finding) && finding->field != NULL)
        {
          if (wrong == NULL)
            wrong = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_add (wrong, finding->field);
        }
    }

  if (wrong == NULL)
    return;

  for (guint i = findings->len; i > 0; i--)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i - 1);

      if (!is_wrong_type (finding) && finding->field != NULL
          && g_hash_table_contains (wrong, finding->field))
        g_ptr_array_remove_index (findings, i - 1);
    }
}

/**
 * hab_validator_validate:
 *
 * Runs every rule on @dossier.
 *
 * Returns: (transfer container) (element-type HabFinding): the findings,
 *   sorted by step, then severity, then in the order the rules found them.
 */
GPtrArray *
hab_validator_validate (HabValidator *self,
                        HabDossier   *dossier)
{
  HabCheckContext ctx;

  g_return_val_if_fail (HAB_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  prepare_context (self, dossier, &ctx);

  for (guint i = 0; i < _hab_n_rule_families; i++)
    _hab_rule_families[i]->check (&ctx);

  clear_context (&ctx);
  drop_shadowed_findings (ctx.findings);

  /* g_ptr_array_sort is a stable merge sort. */
  g_ptr_array_sort (ctx.findings, compare_findings);

  return ctx.findings;
}

void
hab_findings_count (GPtrArray *findings,
                    guint     *n_errors,
                    guint     *n_warnings,
                    guint     *n_infos)
{
  guint counts[3] = { 0, 0, 0 };

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      counts[finding->rule->severity]++;
    }

  if (n_errors != NULL)
    *n_errors = counts[HAB_SEVERITY_ERROR];
  if (n_warnings != NULL)
    *n_warnings = counts[HAB_SEVERITY_WARNING];
  if (n_infos != NULL)
    *n_infos = counts[HAB_SEVERITY_INFO];
}
