/* hab-review.c: the DPO's reviews (DESIGN §7).
 *
 * A review is appended to dpo.reviews, never edited. It is bound to the
 * data fingerprint, and keeps the canonical data text the fingerprint is
 * the hash of (member "data_text"): when the data change, the two texts
 * tell what changed since the approval. The text counts only while its
 * SHA-256 is the review's fingerprint, so that a hand-edited text cannot
 * make the list lie.
 *
 * The DPO gets a copy of the dossier with the contact cards cut down to
 * names and job titles, and sends it back with a review appended: merging
 * it takes the new reviews only, and lists every other difference.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-review"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-review.h"
#include "hab-sha256.h"

#define REVIEWS_PATH "dpo.reviews"

/* Longest value a merge difference quotes, in characters. */
#define DIFFERENCE_MAX_CHARS 160

G_DEFINE_QUARK (hab-review-error-quark, hab_review_error)

G_DEFINE_BOXED_TYPE (HabDataChange, hab_data_change, hab_data_change_copy, hab_data_change_free)
G_DEFINE_BOXED_TYPE (HabMergeDifference, hab_merge_difference,
                     hab_merge_difference_copy, hab_merge_difference_free)

/* Members of a contact card that never travel to the DPO, wherever they
 * are in the file. */
static const char *const private_members[] = {
  "phone", "phone_number", "telephone", "mobile",
  "birth_date", "birth_place", "date_of_birth", "place_of_birth",
};

/* What the DPO sees of a contact card. */
static const char *const dpo_card_members[] = {
  "given_name", "family_name", "job_title",
};

static gboolean
str_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str = g_utf8_next_char (str))
    if (!g_unichar_isspace (g_utf8_get_char (str)))
      return FALSE;

  return TRUE;
}

static char *
dossier_display_name (HabDossier *dossier)
{
  GFile *file = hab_dossier_get_file (dossier);

  return file != NULL ? g_file_get_parse_name (file) : g_strdup (_("the dossier"));
}

const char *
hab_review_decision_to_string (HabReviewDecision decision)
{
  switch (decision)
    {
    case HAB_REVIEW_DECISION_APPROVED:
      return "approved";
    case HAB_REVIEW_DECISION_CHANGES_REQUESTED:
      return "changes_requested";
    default:
      return NULL;
    }
}

/* dpo.reviews can take one more element: FALSE when "dpo" or "dpo.reviews"
 * holds something else, which appending would destroy. */
static gboolean
check_appendable (HabDossier  *dossier,
                  GError     **error)
{
  JsonNode *dpo = hab_dossier_lookup (dossier, "dpo");
  JsonNode *reviews = hab_dossier_lookup (dossier, REVIEWS_PATH);
  g_autofree char *name = NULL;

  if (dpo != NULL && !JSON_NODE_HOLDS_NULL (dpo) && !JSON_NODE_HOLDS_OBJECT (dpo))
    {
      name = dossier_display_name (dossier);
      g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NOT_APPENDABLE,
                   /* Translators: %s is a file name */
                   _("“%s”: its “dpo” member is not an object, so a review cannot be added "
                     "without losing it; repair the file first"),
                   name);
      return FALSE;
    }

  if (reviews != NULL && !JSON_NODE_HOLDS_NULL (reviews) && !JSON_NODE_HOLDS_ARRAY (reviews))
    {
      name = dossier_display_name (dossier);
      g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NOT_APPENDABLE,
                   /* Translators: %s is a file name */
                   _("“%s”: its “dpo.reviews” member is not a list, so a review cannot be "
                     "added without losing it; repair the file first"),
                   name);
      return FALSE;
    }

  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/**
 * hab_review_append:
 * @dossier: a dossier
 * @reviewer: the reviewer's name
 * @decision: approve or ask for changes
 * @comment: (nullable): the overall comment
 * @item_comments: (nullable) (element-type utf8 utf8): comments by data item key
 * @date: (nullable): when; now when %NULL
 * @index: (out) (optional): where the review went in dpo.reviews
 * @error: a #GError
 *
 * Appends a review bound to the current data fingerprint, keeping the data
 * text it covers. Emits #HabDossier::changed once. Does not save.
 */
gboolean
hab_review_append (HabDossier         *dossier,
                   const char         *reviewer,
                   HabReviewDecision   decision,
                   const char         *comment,
                   GHashTable         *item_comments,
                   GDateTime          *date,
                   guint              *index,
                   GError            **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fingerprint = NULL;
  const char *decision_text = hab_review_decision_to_string (decision);
  JsonObject *review;
  JsonObject *comments;
  JsonNode *node;
  JsonArray *reviews;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (decision_text == NULL)
    {
      g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_INVALID,
                   _("A review is an approval or a request for changes"));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (reviewer ? reviewer : ""));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_INVALID,
                   _("A review needs the name of its reviewer"));
      return FALSE;
    }

  if (!check_appendable (dossier, error))
    return FALSE;

  if (date == NULL)
    date = now = g_date_time_new_now_utc ();
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

    when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }

  text = hab_fingerprint_canonical_text (dossier);
  fingerprint = hab_fingerprint_compute (dossier);

  review = json_object_new ();
  json_object_set_string_member (review, "reviewer", stripped);
  json_object_set_string_member (review, "date", when);
  json_object_set_string_member (review, "decision", decision_text);
  json_object_set_string_member (review, "comment", comment != NULL ? comment : "");
  json_object_set_string_member (review, "fingerprint", fingerprint);

  comments = json_object_new ();
  if (item_comments != NULL)
    {
      g_autofree const char **keys = NULL;
      guint n_keys = 0;

      keys = (const char **) g_hash_table_get_keys_as_array (item_comments, &n_keys);
      qsort (keys, n_keys, sizeof *keys, compare_strings);
      for (guint i = 0; i < n_keys; i++)
        {
          const char *value = g_hash_table_lookup (item_comments, keys[i]);

          if (!str_blank (keys[i]) && !str_blank (value))
            json_object_set_string_member (comments, keys[i], value);
        }
    }
  json_object_set_object_member (review, "item_comments", comments);
  json_object_set_string_member (review, HAB_REVIEW_DATA_TEXT_MEMBER, text);

  node = json_node_init_object (json_node_alloc (), review);
  json_object_unref (review);

  reviews = hab_dossier_get_array (dossier, REVIEWS_PATH);
  if (reviews != NULL)
    {
      guint n = json_array_get_length (reviews);
      g_autofree char *path = g_strdup_printf (REVIEWS_PATH ".%u", n);

      hab_dossier_set_node (dossier, path, node);
      if (index != NULL)
        *index = n;
    }
  else
    {
      JsonArray *array = json_array_new ();

      json_array_add_element (array, node);
      hab_dossier_set_node (dossier, REVIEWS_PATH, json_node_init_array (json_node_alloc (), array));
      json_array_unref (array);
      if (index != NULL)
        *index = 0;
    }

  return TRUE;
}

/**
 * hab_review_get_latest:
 * @index: (out) (optional): its position in dpo.reviews
 *
 * Returns: (transfer none) (nullable): the review that decides: the last
 *   object of dpo.reviews.
 */
JsonObject *
hab_review_get_latest (HabDossier *dossier,
                       guint      *index)
{
  JsonArray *reviews;
  guint n;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  reviews = hab_dossier_get_array (dossier, REVIEWS_PATH);
  n = reviews ? json_array_get_length (reviews) : 0;
  for (guint i = n; i > 0; i--)
    {
      JsonNode *element = json_array_get_element (reviews, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          if (index != NULL)
            *index = i - 1;
          return json_node_get_object (element);
        }
    }

  return NULL;
}

/**
 * hab_review_get_status:
 * @latest: (out) (optional) (transfer none): the latest review, or %NULL
 */
HabReviewStatus
hab_review_get_status (HabDossier  *dossier,
                       JsonObject **latest)
{
  JsonObject *review = hab_review_get_latest (dossier, NULL);
  const char *decision;
  const char *fingerprint;
  g_autofree char *current = NULL;

  if (latest != NULL)
    *latest = review;

  if (review == NULL)
    return HAB_REVIEW_STATUS_NONE;

  decision = hab_json_object_get_string (review, "decision");
  fingerprint = hab_json_object_get_string (review, "fingerprint");

  if (g_strcmp0 (decision, "changes_requested") == 0)
    return HAB_REVIEW_STATUS_CHANGES_REQUESTED;
  if (g_strcmp0 (decision, "approved") != 0 || !hab_fingerprint_is_valid (fingerprint))
    return HAB_REVIEW_STATUS_INVALID;

  current = hab_fingerprint_compute (dossier);
  return strcmp (current, fingerprint) == 0 ? HAB_REVIEW_STATUS_APPROVED
                                            : HAB_REVIEW_STATUS_OUTDATED;
}

/**
 * hab_review_get_data_text:
 * @review: a review
 *
 * Returns: (nullable): the data text the review covers, only when its
 *   SHA-256 is the review's fingerprint.
 */
const char *
hab_review_get_data_text (JsonObject *review)
{
  const char *text = hab_json_object_get_string (review, HAB_REVIEW_DATA_TEXT_MEMBER);
  const char *fingerprint = hab_json_object_get_string (review, "fingerprint");
  g_autofree char *hex = NULL;

  if (text == NULL || !hab_fingerprint_is_valid (fingerprint))
    return NULL;

  hex = hab_sha256_hex (text, strlen (text));
  if (strcmp (hex, fingerprint + strlen (HAB_FINGERPRINT_PREFIX)) != 0)
    return NULL;

  return text;
}

/**
 * hab_review_parse_date:
 * @text: (nullable): a review's "date"
 * @date: (out): the day of the review, in local time
 *
 * Reads a review date: YYYY-MM-DD, or an RFC 3339 timestamp (as
 * hab_review_append() writes them, in UTC), whose day is taken in local
 * time, so that a review made in the evening west of Greenwich is not
 * dated tomorrow.
 *
 * Returns: whether @text is a valid date
 */
gboolean
hab_review_parse_date (const char *text,
                       GDate      *date)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) local = NULL;
  guint year = 0, month = 0, day = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) < 10 || (text[10] != '\0' && text[10] != 'T'))
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  if (text[10] == '\0')
    {
      g_date_set_dmy (date, day, month, year);
      return TRUE;
    }

  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return FALSE;

  local = g_date_time_to_local (parsed);
  if (local == NULL)
    return FALSE;

  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return TRUE;
}

/* What changed */

HabDataChange *
hab_data_change_copy (const HabDataChange *self)
{
  HabDataChange *copy = g_new0 (HabDataChange, 1);

  copy->kind = self->kind;
  copy->api = g_strdup (self->api);
  copy->key = g_strdup (self->key);
  copy->before = g_strdup (self->before);
  copy->after = g_strdup (self->after);

  return copy;
}

void
hab_data_change_free (HabDataChange *self)
{
  if (self == NULL)
    return;

  g_free (self->api);
  g_free (self->key);
  g_free (self->before);
  g_free (self->after);
  g_free (self);
}

/* The canonical data text (hab-fingerprint.c), read back. */
typedef struct
{
  char       *api;
  GPtrArray  *modalities;      /* char *, in text order (sorted) */
  GPtrArray  *scope_keys;      /* char *, each once, in text order (sorted) */
  GHashTable *scopes;          /* key -> purposes, one per line */
  gboolean    specific;
  char       *recipients;
  char       *retention_months;
  char       *retention_justification;
  char       *access;
} DataText;

static void
data_text_clear (DataText *text)
{
  g_clear_pointer (&text->api, g_free);
  g_clear_pointer (&text->modalities, g_ptr_array_unref);
  g_clear_pointer (&text->scope_keys, g_ptr_array_unref);
  g_clear_pointer (&text->scopes, g_hash_table_unref);
  g_clear_pointer (&text->recipients, g_free);
  g_clear_pointer (&text->retention_months, g_free);
  g_clear_pointer (&text->retention_justification, g_free);
  g_clear_pointer (&text->access, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DataText, data_text_clear)

/* Undoes the escapes of a value: "\\", "\n", "\r". An empty value is
 * missing: NULL. */
static char *
unescape (const char *value,
          gssize      length)
{
  GString *out;
  const char *end;

  if (length < 0)
    length = strlen (value);
  if (length == 0)
    return NULL;

  out = g_string_sized_new (length);
  end = value + length;
  for (const char *p = value; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        {
          switch (p[1])
            {
            case '\\':
              g_string_append_c (out, '\\');
              p++;
              continue;
            case 'n':
              g_string_append_c (out, '\n');
              p++;
              continue;
            case 'r':
              g_string_append_c (out, '\r');
              p++;
              continue;
            default:
              break;
            }
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
data_text_parse (DataText   *text,
                 const char *source)
{
  g_auto(GStrv) lines = NULL;

  memset (text, 0, sizeof *text);
  text->modalities = g_ptr_array_new_with_free_func (g_free);
  text->scope_keys = g_ptr_array_new_with_free_func (g_free);
  text->scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (source == NULL || !g_str_has_prefix (source, "habilitation-data-v1\n"))
    return FALSE;

  lines = g_strsplit (source, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *equal = strchr (line, '=');
      const char *value;
      gsize name_length;

      if (equal == NULL)
        continue;

      name_length = equal - line;
      value = equal + 1;

#define IS(name) (name_length == strlen (name) && strncmp (line, name, name_length) == 0)
      if (IS ("api"))
        {
          g_free (text->api);
          text->api = unescape (value, -1);
        }
      else if (IS ("modality"))
        {
          char *key = unescape (value, -1);

          if (key != NULL)
            g_ptr_array_add (text->modalities, key);
        }
      else if (IS ("scope"))
        {
          const char *bar = strchr (value, '|');
          g_autofree char *key = unescape (value, bar ? bar - value : -1);
          g_autofree char *purpose = bar ? unescape (bar + 1, -1) : NULL;
          char *previous;

          if (key == NULL)
            key = g_strdup ("");

          previous = g_hash_table_lookup (text->scopes, key);
          if (previous == NULL)
            {
              g_ptr_array_add (text->scope_keys, g_strdup (key));
              g_hash_table_insert (text->scopes, g_strdup (key),
                                   g_strdup (purpose ? purpose : ""));
            }
          else
            {
              /* The same item twice: its purposes, one per line. */
              g_hash_table_insert (text->scopes, g_strdup (key),
                                   g_strconcat (previous, "\n", purpose ? purpose : "", NULL));
            }
        }
      else if (IS ("specific_requirements"))
        text->specific = g_str_equal (value, "true");
      else if (IS ("recipients"))
        {
          g_free (text->recipients);
          text->recipients = unescape (value, -1);
        }
      else if (IS ("retention_months"))
        {
          g_free (text->retention_months);
          text->retention_months = unescape (value, -1);
        }
      else if (IS ("retention_justification"))
        {
          g_free (text->retention_justification);
          text->retention_justification = unescape (value, -1);
        }
      else if (IS ("access"))
        {
          g_free (text->access);
          text->access = unescape (value, -1);
        }
#undef IS
    }

  return TRUE;
}

static void
add_change (GPtrArray         *changes,
            HabDataChangeKind  kind,
            const char        *api,
            const char        *key,
            const char        *before,
            const char        *after)
{
  HabDataChange *change = g_new0 (HabDataChange, 1);

  change->kind = kind;
  change->api = g_strdup (api);
  change->key = g_strdup (key);
  change->before = g_strdup (before);
  change->after = g_strdup (after);
  g_ptr_array_add (changes, change);
}

static gboolean
contains_string (GPtrArray  *array,
                 const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return TRUE;

  return FALSE;
}

static void
diff_value (GPtrArray         *changes,
            HabDataChangeKind  kind,
            const char        *before,
            const char        *after)
{
  if (g_strcmp0 (before, after) != 0)
    add_change (changes, kind, NULL, NULL, before, after);
}

/**
 * hab_review_diff_data_texts:
 * @approved: the data text a review covers
 * @current: the data text now
 *
 * Returns: (transfer full) (element-type HabDataChange) (nullable): what
 *   changed, in the order of the text (empty when nothing did), or %NULL
 *   when a text is not a data text.
 */
GPtrArray *
hab_review_diff_data_texts (const char *approved,
                            const char *current)
{
  g_auto(DataText) before = { 0 };
  g_auto(DataText) after = { 0 };
  GPtrArray *changes;

  if (!data_text_parse (&before, approved) || !data_text_parse (&after, current))
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_data_change_free);

  if (g_strcmp0 (before.api, after.api) != 0)
    add_change (changes, HAB_DATA_CHANGE_API, NULL, NULL, before.api, after.api);

  for (guint i = 0; i < before.modalities->len; i++)
    {
      const char *key = g_ptr_array_index (before.modalities, i);

      if (!contains_string (after.modalities, key))
        add_change (changes, HAB_DATA_CHANGE_MODALITY_REMOVED, before.api, key, key, NULL);
    }
  for (guint i = 0; i < after.modalities->len; i++)
    {
      const char *key = g_ptr_array_index (after.modalities, i);

      if (!contains_string (before.modalities, key))
        add_change (changes, HAB_DATA_CHANGE_MODALITY_ADDED, after.api, key, NULL, key);
    }

  for (guint i = 0; i < before.scope_keys->len; i++)
    {
      const char *key = g_ptr_array_index (before.scope_keys, i);

      if (!g_hash_table_contains (after.scopes, key))
        add_change (changes, HAB_DATA_CHANGE_ITEM_REMOVED, before.api, key,
                    g_hash_table_lookup (before.scopes, key), NULL);
    }
  for (guint i = 0; i < after.scope_keys->len; i++)
    {
      const char *key = g_ptr_array_index (after.scope_keys, i);

      if (!g_hash_table_contains (before.scopes, key))
        add_change (changes, HAB_DATA_CHANGE_ITEM_ADDED, after.api, key,
                    NULL, g_hash_table_lookup (after.scopes, key));
    }
  for (guint i = 0; i < after.scope_keys->len; i++)
    {
      const char *key = g_ptr_array_index (after.scope_keys, i);
      const char *old_purpose = g_hash_table_lookup (before.scopes, key);
      const char *new_purpose = g_hash_table_lookup (after.scopes, key);

      if (old_purpose != NULL && g_strcmp0 (old_purpose, new_purpose) != 0)
        add_change (changes, HAB_DATA_CHANGE_PURPOSE, after.api, key,
                    *old_purpose ? old_purpose : NULL, *new_purpose ? new_purpose : NULL);
    }

  if (before.specific != after.specific)
    add_change (changes, HAB_DATA_CHANGE_SPECIFIC_REQUIREMENTS, NULL, NULL,
                before.specific ? "true" : "false", after.specific ? "true" : "false");

  diff_value (changes, HAB_DATA_CHANGE_RECIPIENTS, before.recipients, after.recipients);
  diff_value (changes, HAB_DATA_CHANGE_RETENTION, before.retention_months, after.retention_months);
  diff_value (changes, HAB_DATA_CHANGE_RETENTION_JUSTIFICATION,
              before.retention_justification, after.retention_justification);
  diff_value (changes, HAB_DATA_CHANGE_ACCESS, before.access, after.access);

  return changes;
}

/**
 * hab_review_dup_changes:
 * @review: a review of @dossier
 *
 * Returns: (transfer full) (element-type HabDataChange) (nullable): what
 *   changed in the data since @review, or %NULL when the review does not
 *   keep (a trustworthy copy of) the data it covers.
 */
GPtrArray *
hab_review_dup_changes (HabDossier *dossier,
                        JsonObject *review)
{
  const char *approved;
  g_autofree char *current = NULL;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  approved = review != NULL ? hab_review_get_data_text (review) : NULL;
  if (approved == NULL)
    return NULL;

  current = hab_fingerprint_canonical_text (dossier);
  return hab_review_diff_data_texts (approved, current);
}

static const char *
api_label (HabCatalogue *catalogue,
           const char   *api_id)
{
  const HabApi *api = api_id ? hab_catalogue_lookup_api (catalogue, api_id) : NULL;

  return api != NULL && api->label != NULL ? api->label : api_id;
}

static const char *
scope_label (HabCatalogue *catalogue,
             const char   *api_id,
             const char   *key)
{
  const HabApi *api = api_id ? hab_catalogue_lookup_api (catalogue, api_id) : NULL;
  const HabScope *scope = api != NULL ? hab_api_lookup_scope (api, key) : NULL;

  return scope != NULL && scope->label != NULL ? scope->label : key;
}

static const char *
modality_label (HabCatalogue *catalogue,
                const char   *api_id,
                const char   *key)
{
  const HabApi *api = api_id ? hab_catalogue_lookup_api (catalogue, api_id) : NULL;
  const HabModality *modality = api != NULL ? hab_api_lookup_modality (api, key) : NULL;

  return modality != NULL && modality->label != NULL ? modality->label : key;
}

/**
 * hab_data_change_describe:
 * @catalogue: (nullable): for the names of APIs and data items; the
 *   default one when %NULL
 *
 * Returns: (transfer full): the change in a few words, lower case first,
 *   e.g. “data item “Revenu fiscal de référence” added”.
 */
char *
hab_data_change_describe (const HabDataChange *self,
                          HabCatalogue        *catalogue)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (catalogue == NULL)
    catalogue = hab_catalogue_get_default ();

  switch (self->kind)
    {
    case HAB_DATA_CHANGE_API:
      if (self->before == NULL)
        /* Translators: %s is the name of an API */
        return g_strdup_printf (_("API “%s” chosen"), api_label (catalogue, self->after));
      if (self->after == NULL)
        /* Translators: %s is the name of an API */
        return g_strdup_printf (_("API “%s” no longer chosen"), api_label (catalogue, self->before));
      /* Translators: the names of two APIs */
      return g_strdup_printf (_("API changed from “%s” to “%s”"),
                              api_label (catalogue, self->before), api_label (catalogue, self->after));

    case HAB_DATA_CHANGE_MODALITY_ADDED:
      /* Translators: %s is an access modality, e.g. “Avec le numéro fiscal (SPI)” */
      return g_strdup_printf (_("access modality “%s” added"),
                              modality_label (catalogue, self->api, self->key));

    case HAB_DATA_CHANGE_MODALITY_REMOVED:
      /* Translators: %s is an access modality */
      return g_strdup_printf (_("access modality “%s” removed"),
                              modality_label (catalogue, self->api, self->key));

    case HAB_DATA_CHANGE_ITEM_ADDED:
      /* Translators: %s is a data item, e.g. “Revenu fiscal de référence” */
      return g_strdup_printf (_("data item “%s” added"), scope_label (catalogue, self->api, self->key));

    case HAB_DATA_CHANGE_ITEM_REMOVED:
      /* Translators: %s is a data item */
      return g_strdup_printf (_("data item “%s” removed"), scope_label (catalogue, self->api, self->key));

    case HAB_DATA_CHANGE_PURPOSE:
      /* Translators: %s is a data item */
      return g_strdup_printf (_("purpose of “%s” changed"), scope_label (catalogue, self->api, self->key));

    case HAB_DATA_CHANGE_SPECIFIC_REQUIREMENTS:
      return g_strdup (g_strcmp0 (self->after, "true") == 0
                       ? _("specific needs expression added")
                       : _("specific needs expression removed"));

    case HAB_DATA_CHANGE_RECIPIENTS:
      return g_strdup (_("recipients changed"));

    case HAB_DATA_CHANGE_RETENTION:
      if (self->before != NULL && self->after != NULL)
        /* Translators: two numbers of months */
        return g_strdup_printf (_("retention changed from %s to %s months"), self->before, self->after);
      if (self->after != NULL)
        /* Translators: a number of months */
        return g_strdup_printf (_("retention set to %s months"), self->after);
      return g_strdup (_("retention removed"));

    case HAB_DATA_CHANGE_RETENTION_JUSTIFICATION:
      return g_strdup (_("retention justification changed"));

    case HAB_DATA_CHANGE_ACCESS:
      return g_strdup (_("who has access changed"));

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * hab_review_describe_changes:
 * @changes: (element-type HabDataChange): from hab_review_dup_changes()
 *
 * Returns: (transfer full): the changes in one line, separated by “; ”.
 */
char *
hab_review_describe_changes (GPtrArray    *changes,
                             HabCatalogue *catalogue)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      g_autofree char *one = hab_data_change_describe (g_ptr_array_index (changes, i), catalogue);

      if (i > 0)
        /* Translators: between two changes of a list, e.g. “a added; b removed” */
        g_string_append (text, _("; "));
      g_string_append (text, one);
    }

  return g_string_free (text, FALSE);
}

/* Names */

/**
 * hab_review_fold_name:
 *
 * Returns: (transfer full) (nullable): @name folded for comparison: no
 *   accents, case-folded, hyphens, apostrophes, dots and runs of white
 *   space turned into one space.
 */
char *
hab_review_fold_name (const char *name)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = TRUE;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return NULL;
  folded = g_utf8_casefold (decomposed, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;

      if (g_unichar_isspace (c) || c == '-' || c == '\'' || c == 0x2019 || c == '.')
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }

      g_string_append_unichar (out, c);
      space = FALSE;
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static gboolean
same_name (const char *folded_reviewer,
           const char *candidate)
{
  g_autofree char *folded = hab_review_fold_name (candidate);

  return folded != NULL && *folded != '\0' && strcmp (folded, folded_reviewer) == 0;
}

/**
 * hab_review_name_is_dpo:
 * @reviewer: (nullable): the name a review gives
 * @display_name: (nullable): the DPO's display name in the dossier
 * @card: (nullable): the DPO's card
 * @known: (out): whether the dossier names its DPO at all
 *
 * Returns: whether @reviewer is the DPO, given name then family name or
 *   the other way round, accents, case and punctuation aside.
 */
gboolean
hab_review_name_is_dpo (const char       *reviewer,
                        const char       *display_name,
                        const HabContact *card,
                        gboolean         *known)
{
  g_autofree char *folded = hab_review_fold_name (reviewer);
  gboolean have_card_name = FALSE;
  gboolean have_display_name = !str_blank (display_name);

  if (card != NULL)
    have_card_name = !str_blank (card->given_name) || !str_blank (card->family_name);

  if (known != NULL)
    *known = have_display_name || have_card_name;

  if (folded == NULL || *folded == '\0')
    return FALSE;

  if (have_display_name && same_name (folded, display_name))
    return TRUE;

  if (have_card_name)
    {
      g_autofree char *given_family = g_strdup_printf ("%s %s",
                                                       card->given_name ? card->given_name : "",
                                                       card->family_name ? card->family_name : "");
      g_autofree char *family_given = g_strdup_printf ("%s %s",
                                                       card->family_name ? card->family_name : "",
                                                       card->given_name ? card->given_name : "");

      if (same_name (folded, given_family) || same_name (folded, family_given))
        return TRUE;
    }

  return FALSE;
}

/**
 * hab_review_dup_dpo_name:
 *
 * Returns: (transfer full) (nullable): the name of the DPO named in the
 *   dossier: its display name, else its inline card's.
 */
char *
hab_review_dup_dpo_name (HabDossier *dossier)
{
  const char *display_name;
  g_autoptr(HabContact) card = NULL;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  display_name = hab_dossier_get_string (dossier, "actors." HAB_ROLE_DELEGUE_PROTECTION_DONNEES
                                                  ".display_name");
  if (!str_blank (display_name))
    return g_strstrip (g_strdup (display_name));

  card = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DELEGUE_PROTECTION_DONNEES);
  return card != NULL ? hab_contact_dup_display_name (card) : NULL;
}

/* The copy for the DPO */

static gboolean
is_private_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (private_members); i++)
    if (g_ascii_strcasecmp (name, private_members[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Removes the private members wherever they are. The depth of a loaded
 * dossier is bounded, so the recursion is too. */
static void
scrub_private (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        {
          if (is_private_member (l->data))
            json_object_remove_member (object, l->data);
          else
            scrub_private (json_object_get_member (object, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        scrub_private (json_array_get_element (array, i));
    }
}

static JsonObject *
dpo_actor_new (JsonObject *actor,
               HabContact *card)
{
  JsonObject *copy = json_object_new ();
  const char *contact_id = hab_json_object_get_string (actor, "contact_id");
  const char *display_name = hab_json_object_get_string (actor, "display_name");

  if (contact_id != NULL)
    json_object_set_string_member (copy, "contact_id", contact_id);
  if (display_name != NULL)
    json_object_set_string_member (copy, "display_name", display_name);

  if (card != NULL)
    {
      JsonObject *reduced = json_object_new ();

      for (guint i = 0; i < G_N_ELEMENTS (dpo_card_members); i++)
        {
          const char *value = NULL;

          if (g_str_equal (dpo_card_members[i], "given_name"))
            value = card->given_name;
          else if (g_str_equal (dpo_card_members[i], "family_name"))
            value = card->family_name;
          else if (g_str_equal (dpo_card_members[i], "job_title"))
            value = card->job_title;

          if (value != NULL)
            json_object_set_string_member (reduced, dpo_card_members[i], value);
        }

      if (json_object_get_size (reduced) > 0)
        json_object_set_object_member (copy, "contact", reduced);
      else
        json_object_unref (reduced);
    }

  return copy;
}

/**
 * hab_review_dup_dpo_copy:
 * @dossier: the agent's dossier
 * @lookup: (nullable) (scope call): finds a card that is not inline (the
 *   keyring); when %NULL, such actors keep their display name only
 * @user_data: for @lookup
 *
 * The copy of @dossier to send to the DPO: the same dossier (same id) with
 * each actor reduced to its contact id, display name, and a card holding
 * only the given name, family name and job title: never a phone number,
 * an e-mail address or birth data. Members named like a phone number or
 * birth data are removed wherever they are in the file.
 *
 * Returns: (transfer full) (nullable): a new dossier, without file
 */
HabDossier *
hab_review_dup_dpo_copy (HabDossier           *dossier,
                         HabContactLookupFunc  lookup,
                         gpointer              user_data)
{
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  JsonObject *root;
  JsonNode *actors_node;
  gsize length;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  data = hab_dossier_to_data (dossier, &length);
  copy = hab_dossier_new_from_data (data, length, NULL, &error);
  if (copy == NULL)
    {
      g_warning ("Cannot copy the dossier for the DPO: %s", error->message);
      return NULL;
    }

  root = hab_dossier_get_root (copy);
  actors_node = json_object_get_member (root, "actors");
  if (actors_node != NULL && JSON_NODE_HOLDS_OBJECT (actors_node))
    {
      JsonObject *actors = json_node_get_object (actors_node);
      g_autoptr(GList) roles = json_object_get_members (actors);

      for (GList *l = roles; l != NULL; l = l->next)
        {
          const char *role = l->data;
          JsonNode *actor = json_object_get_member (actors, role);
          g_autoptr(HabContact) card = NULL;
          const char *contact_id;

          if (!JSON_NODE_HOLDS_OBJECT (actor))
            continue;

          card = hab_dossier_dup_inline_contact (dossier, role);
          contact_id = hab_json_object_get_string (json_node_get_object (actor), "contact_id");
          if (card == NULL && lookup != NULL && !str_blank (contact_id))
            card = lookup (contact_id, user_data);

          json_object_set_object_member (actors, role,
                                         dpo_actor_new (json_node_get_object (actor), card));
        }
    }

  {
    JsonNode *node = json_node_init_object (json_node_alloc (), root);

    scrub_private (node);
    json_node_unref (node);
  }

  /* Says so to the validator, which then does not ask for the left-out
   * contact details. */
  json_object_set_boolean_member (root, "dpo_copy", TRUE);

  return g_steal_pointer (&copy);
}

/* Merging a returned copy */

HabMergeDifference *
hab_merge_difference_copy (const HabMergeDifference *self)
{
  HabMergeDifference *copy = g_new0 (HabMergeDifference, 1);

  copy->path = g_strdup (self->path);
  copy->ours = g_strdup (self->ours);
  copy->theirs = g_strdup (self->theirs);

  return copy;
}

void
hab_merge_difference_free (HabMergeDifference *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->ours);
  g_free (self->theirs);
  g_free (self);
}

void
hab_merge_result_free (HabMergeResult *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->differences, g_ptr_array_unref);
  g_free (self);
}

static HabStep
step_of_path (const char *path,
              gboolean   *found)
{
  static const struct
  {
    const char *prefix;
    HabStep     step;
  } steps[] = {
    { "parcours", HAB_STEP_PARCOURS },
    { "organisation", HAB_STEP_ACTEURS },
    { "actors", HAB_STEP_ACTEURS },
    { "extra_contacts", HAB_STEP_ACTEURS },
    { "project", HAB_STEP_PROJET },
    { "legal", HAB_STEP_CADRE_JURIDIQUE },
    { "data", HAB_STEP_DONNEES },
    { "dpo", HAB_STEP_DPO },
    { "security", HAB_STEP_SECURITE },
    { "editor_checks", HAB_STEP_EDITEUR },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gsize len = strlen (steps[i].prefix);

      if (strncmp (path, steps[i].prefix, len) == 0 && (path[len] == '\0' || path[len] == '.'))
        {
          *found = TRUE;
          return steps[i].step;
        }
    }

  *found = FALSE;
  return HAB_STEP_SYNTHESE;
}

/**
 * hab_merge_difference_describe:
 *
 * Returns: (transfer full): the difference in one line, e.g. “Données —
 *   data.recipients: “A” in this dossier, “B” in the returned copy”.
 */
char *
hab_merge_difference_describe (const HabMergeDifference *self)
{
  gboolean found;
  HabStep step = step_of_path (self->path, &found);
  g_autofree char *ours = self->ours ? g_strdup_printf ("“%s”", self->ours) : g_strdup (_("nothing"));
  g_autofree char *theirs = self->theirs ? g_strdup_printf ("“%s”", self->theirs)
                                         : g_strdup (_("nothing"));

  if (found)
    /* Translators: step, path in the file, value in the open dossier, value in the copy */
    return g_strdup_printf (_("%s — %s: %s in this dossier, %s in the returned copy"),
                            hab_step_get_title (step), self->path, ours, theirs);

  /* Translators: path in the file, value in the open dossier, value in the copy */
  return g_strdup_printf (_("%s: %s in this dossier, %s in the returned copy"),
                          self->path, ours, theirs);
}

static gboolean
node_is_empty (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         && *json_node_get_string (node) == '\0';
}

static char *
render_node (JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node_is_empty (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);

  if (g_utf8_strlen (text, -1) > DIFFERENCE_MAX_CHARS)
    {
      g_autofree char *start = g_utf8_substring (text, 0, DIFFERENCE_MAX_CHARS);

      return g_strconcat (start, "…", NULL);
    }

  return g_steal_pointer (&text);
}

/* Members the merge never compares: the reviews it merges, the save time,
 * the contact cards (cut down in the copy for the DPO), what the copy never
 * carries. */
static gboolean
ignored_path (const char *path)
{
  const char *last = strrchr (path, '.');

  if (g_str_equal (path, "modified") || g_str_equal (path, "recovery_source")
      || g_str_equal (path, "dpo_copy")
      || g_str_equal (path, REVIEWS_PATH)
      || is_private_member (last ? last + 1 : path))
    return TRUE;

  /* actors.<role>.<member>: only the contact id and display name. */
  if (g_str_has_prefix (path, "actors."))
    {
      const char *member = strchr (path + strlen ("actors."), '.');

      if (member != NULL
          && !g_str_equal (member + 1, "contact_id") && !g_str_equal (member + 1, "display_name"))
        return TRUE;
    }

  return FALSE;
}

static void
add_difference (GPtrArray  *differences,
                const char *path,
                JsonNode   *ours,
                JsonNode   *theirs)
{
  HabMergeDifference *difference = g_new0 (HabMergeDifference, 1);

  difference->path = g_strdup (path);
  difference->ours = render_node (ours);
  difference->theirs = render_node (theirs);
  g_ptr_array_add (differences, difference);
}

static void
compare_nodes (GPtrArray  *differences,
               const char *path,
               JsonNode   *ours,
               JsonNode   *theirs)
{
  if (*path != '\0' && ignored_path (path))
    return;

  if (node_is_empty (ours) && node_is_empty (theirs))
    return;

  if (ours != NULL && theirs != NULL && JSON_NODE_HOLDS_OBJECT (ours) && JSON_NODE_HOLDS_OBJECT (theirs))
    {
      JsonObject *a = json_node_get_object (ours);
      JsonObject *b = json_node_get_object (theirs);
      g_autoptr(GList) names_a = json_object_get_members (a);
      g_autoptr(GList) names_b = json_object_get_members (b);

      for (GList *l = names_a; l != NULL; l = l->next)
        {
          g_autofree char *child = *path ? g_strconcat (path, ".", l->data, NULL) : g_strdup (l->data);

          compare_nodes (differences, child, json_object_get_member (a, l->data),
                         json_object_get_member (b, l->data));
        }
      for (GList *l = names_b; l != NULL; l = l->next)
        {
          g_autofree char *child = NULL;

          if (json_object_has_member (a, l->data))
            continue;
          child = *path ? g_strconcat (path, ".", l->data, NULL) : g_strdup (l->data);
          compare_nodes (differences, child, NULL, json_object_get_member (b, l->data));
        }
      return;
    }

  if (ours != NULL && theirs != NULL && JSON_NODE_HOLDS_ARRAY (ours) && JSON_NODE_HOLDS_ARRAY (theirs))
    {
      JsonArray *a = json_node_get_array (ours);
      JsonArray *b = json_node_get_array (theirs);
      guint n_a = json_array_get_length (a);
      guint n_b = json_array_get_length (b);

      for (guint i = 0; i < MAX (n_a, n_b); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s.%u", path, i);

          compare_nodes (differences, child, i < n_a ? json_array_get_element (a, i) : NULL,
                         i < n_b ? json_array_get_element (b, i) : NULL);
        }
      return;
    }

  if (ours != NULL && theirs != NULL && json_node_equal (ours, theirs))
    return;

  add_difference (differences, path, ours, theirs);
}

/* A review's time, for the order; FALSE when its date cannot be read. */
static gboolean
review_time (JsonNode *node,
             gint64   *time)
{
  const char *date;
  g_autoptr(GDateTime) parsed = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  date = hab_json_object_get_string (json_node_get_object (node), "date");
  if (date == NULL)
    return FALSE;

  if (strlen (date) == 10)
    {
      g_autofree char *midnight = g_strconcat (date, "T00:00:00Z", NULL);

      parsed = g_date_time_new_from_iso8601 (midnight, NULL);
    }
  else
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      parsed = g_date_time_new_from_iso8601 (date, utc);
    }

  if (parsed == NULL)
    return FALSE;

  *time = g_date_time_to_unix (parsed) * G_USEC_PER_SEC + g_date_time_get_microsecond (parsed);
  return TRUE;
}

typedef struct
{
  JsonNode *node;
  gint64    time;
  guint     order;
} MergeEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const MergeEntry *ea = a;
  const MergeEntry *eb = b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;

  return ea->order < eb->order ? -1 : ea->order > eb->order ? 1 : 0;
}

/* Entries whose date cannot be read keep the time of the entry before
 * them in their own list, so that they stay where they were. */
static void
add_entries (GArray   *entries,
             JsonNode *node)
{
  gint64 time = G_MININT64;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      MergeEntry entry;

      entry.node = json_array_get_element (json_node_get_array (node), i);
      if (review_time (entry.node, &entry.time))
        time = entry.time;
      else
        entry.time = time;
      entry.order = entries->len;
      g_array_append_val (entries, entry);
    }
}

static gboolean
contains_review (GArray   *entries,
                 JsonNode *node)
{
  for (guint i = 0; i < entries->len; i++)
    if (json_node_equal (g_array_index (entries, MergeEntry, i).node, node))
      return TRUE;

  return FALSE;
}

/**
 * hab_review_merge:
 * @dossier: the open dossier
 * @returned: the copy the DPO sent back
 * @display_name: (nullable): how to name @returned in messages
 * @error: a #GError in %HAB_REVIEW_ERROR
 *
 * Merges the reviews of @returned into @dossier when both are the same
 * dossier (same id): the reviews @dossier does not have are added, the
 * whole list ordered by date, without duplicates. Nothing else is taken:
 * every other difference is listed in the result. A copy of another
 * dossier is refused and @dossier is left as it was. Emits
 * #HabDossier::changed once when reviews were added. Does not save.
 *
 * Returns: (transfer full) (nullable): what was merged and what differs
 */
HabMergeResult *
hab_review_merge (HabDossier  *dossier,
                  HabDossier  *returned,
                  const char  *display_name,
                  GError     **error)
{
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autofree char *own_name = NULL;
  const char *our_id;
  const char *their_id;
  JsonNode *our_reviews;
  JsonNode *their_reviews;
  JsonNode *ours_root, *theirs_root;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (HAB_IS_DOSSIER (returned), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = own_name = dossier_display_name (returned);

  our_id = hab_dossier_get_string (dossier, "id");
  their_id = hab_dossier_get_string (returned, "id");

  if (str_blank (their_id))
    {
      g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NO_ID,
                   /* Translators: %s is a file name */
                   _("“%s” has no dossier id, so it cannot be matched with the open dossier; "
                     "its reviews were not imported"),
                   display_name);
      return NULL;
    }

  if (str_blank (our_id))
    {
      g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NO_ID,
                   /* Translators: %s is a file name */
                   _("The open dossier has no id, so “%s” cannot be matched with it; its "
                     "reviews were not imported"),
                   display_name);
      return NULL;
    }

  if (strcmp (our_id, their_id) != 0)
    {
      const char *title = hab_dossier_get_string (returned, "project.title");

      if (!str_blank (title))
        g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_OTHER_DOSSIER,
                     /* Translators: a file name, then the title of the dossier it holds */
                     _("“%s” is a copy of another dossier (“%s”), not of the open one; its "
                       "reviews were not imported"),
                     display_name, title);
      else
        g_set_error (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_OTHER_DOSSIER,
                     /* Translators: %s is a file name */
                     _("“%s” is a copy of another dossier, not of the open one; its reviews "
                       "were not imported"),
                     display_name);
      return NULL;
    }

  result = g_new0 (HabMergeResult, 1);
  result->differences = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_merge_difference_free);

  /* What else differs, listed and never taken. */
  ours_root = json_node_init_object (json_node_alloc (), hab_dossier_get_root (dossier));
  theirs_root = json_node_init_object (json_node_alloc (), hab_dossier_get_root (returned));
  compare_nodes (result->differences, "", ours_root, theirs_root);
  json_node_unref (ours_root);
  json_node_unref (theirs_root);

  our_reviews = hab_dossier_lookup (dossier, REVIEWS_PATH);
  their_reviews = hab_dossier_lookup (returned, REVIEWS_PATH);

  if (their_reviews != NULL && !JSON_NODE_HOLDS_NULL (their_reviews)
      && !JSON_NODE_HOLDS_ARRAY (their_reviews))
    result->n_unreadable++;

  entries = g_array_new (FALSE, FALSE, sizeof (MergeEntry));
  add_entries (entries, our_reviews);

  if (their_reviews != NULL && JSON_NODE_HOLDS_ARRAY (their_reviews))
    {
      JsonArray *array = json_node_get_array (their_reviews);
      g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (MergeEntry));

      add_entries (theirs, their_reviews);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          MergeEntry entry = g_array_index (theirs, MergeEntry, i);

          if (!JSON_NODE_HOLDS_OBJECT (entry.node))
            result->n_unreadable++;
          else if (contains_review (entries, entry.node))
            result->n_duplicates++;
          else
            {
              entry.order = entries->len;
              g_array_append_val (entries, entry);
              result->n_added++;
            }
        }
    }

  if (result->n_added > 0)
    {
      JsonArray *merged;

      if (!check_appendable (dossier, error))
        return NULL;

      g_array_sort (entries, compare_entries);
      merged = json_array_sized_new (entries->len);
      for (guint i = 0; i < entries->len; i++)
        json_array_add_element (merged, json_node_copy (g_array_index (entries, MergeEntry, i).node));
      hab_dossier_set_node (dossier, REVIEWS_PATH, json_node_init_array (json_node_alloc (), merged));
      json_array_unref (merged);
    }

  return g_steal_pointer (&result);
}
