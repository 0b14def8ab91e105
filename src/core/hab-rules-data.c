/* hab-rules-data.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-i18n.h"
#include "hab-validator-private.h"

/* The Données step: the data items ("scopes") and their purposes, the
 * DataPass combination rules (reference/domain.md b.3), the specific needs
 * expression, recipients, retention and access (domain.md a.1, h.4, h.7). */

#define RETENTION_USUAL_MONTHS 36

static const HabRule rules[] = {
  { "data.no_scope", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("No data item is selected") },
  { "data.specific_requirements_document_missing", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("A specific needs expression is declared but its file is not attached") },
  { "data.specific_requirements_document_type", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The specific needs expression is not a spreadsheet (ods, xls, xlsx, sxc or csv)") },
  { "data.specific_requirements_document_too_large", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The specific needs expression is larger than 10 MB") },
  { "data.specific_requirements_document_not_found", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The attached specific needs expression cannot be found on disk") },
  { "data.specific_requirements_document_changed", HAB_SEVERITY_WARNING, HAB_STEP_DONNEES,
    N_("The specific needs expression changed on disk since it was attached") },
  { "data.no_year", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("No revenue year is selected") },
  { "data.year_fallback_combined", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The “N-2 if N-1 is unavailable” year is combined with another year") },
  { "data.incompatible_scopes", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("Two data items that DataPass refuses together are selected") },
  { "data.lep_not_alone", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The LEP eligibility indicator is requested with other data items") },
  { "data.lep_banks_only", HAB_SEVERITY_WARNING, HAB_STEP_DONNEES,
    N_("The LEP eligibility indicator is reserved to banks") },
  { "data.scope_deprecated", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("A data item is no longer offered to new requests") },
  { "data.scope_unknown", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("A data item is not one of the chosen API") },
  { "data.scopes_not_offered", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("Data items are selected for an API whose modality defines the data returned") },
  { "data.purpose_missing", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("A selected data item has no purpose") },
  { "data.scope_duplicate", HAB_SEVERITY_WARNING, HAB_STEP_DONNEES,
    N_("A data item is selected twice") },
  { "data.scope_unusual", HAB_SEVERITY_WARNING, HAB_STEP_DONNEES,
    N_("A data item is outside what the use case usually needs (data minimisation)") },
  { "data.dependants_detail", HAB_SEVERITY_WARNING, HAB_STEP_DONNEES,
    N_("The dependants’ detail is requested without a specific needs expression") },
  { "data.recipients_missing", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The recipients of the data are not given") },
  { "data.retention_missing", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The retention period is not given") },
  { "data.retention_invalid", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The retention period is not a positive whole number of months") },
  { "data.retention_justification_missing", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("The retention period exceeds 36 months without a justification") },
  { "data.retention_long", HAB_SEVERITY_INFO, HAB_STEP_DONNEES,
    N_("The retention period exceeds 36 months; the DGFiP will question it") },
  { "data.access_missing", HAB_SEVERITY_ERROR, HAB_STEP_DONNEES,
    N_("Who has access to the data is not given") },
};

/* Media types of a needs expression (domain.md a.1: ods/xls/xlsx/sxc/csv). */
static const char *const needs_document_types[] = {
  "application/vnd.oasis.opendocument.spreadsheet",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.sun.xml.calc",
  "text/csv",
  NULL
};

static const HabAttachmentRules needs_document_rules = {
  .bad_type = "data.specific_requirements_document_type",
  .too_large = "data.specific_requirements_document_too_large",
  .missing = "data.specific_requirements_document_not_found",
  .changed = "data.specific_requirements_document_changed",
};

/* organisation.kind values of bodies that may ask for the LEP indicator. */
static const char *const bank_kinds[] = {
  "banque", "bank", "etablissement_bancaire", "etablissement_de_credit",
};

/* More entries than this are kept on the heap. */
#define MAX_SCOPES 64

typedef struct
{
  guint           index;   /* in data.scopes */
  const char     *key;     /* never NULL; "" when absent */
  const char     *purpose; /* or NULL */
  const HabScope *scope;   /* NULL when unknown to the API */
} ScopeEntry;

static gboolean
strv_contains (const char *const *strv,
               const char        *str)
{
  for (; strv != NULL && *strv != NULL; strv++)
    if (strcmp (*strv, str) == 0)
      return TRUE;

  return FALSE;
}

static const ScopeEntry *
find_entry (const ScopeEntry *entries,
            guint             n_entries,
            const char       *key)
{
  if (key == NULL)
    return NULL;

  for (guint i = 0; i < n_entries; i++)
    if (strcmp (entries[i].key, key) == 0)
      return &entries[i];

  return NULL;
}

static const char *
scope_label (const ScopeEntry *entry)
{
  return entry->scope != NULL && entry->scope->label != NULL ? entry->scope->label : entry->key;
}

/* The date the deprecation is compared with: the day the dossier was
 * created ("created" is an RFC 3339 timestamp), or today. */
static void
reference_date (HabCheckContext *ctx,
                GDate           *date)
{
  const char *created = hab_dossier_get_string (ctx->dossier, "created");
  char day[11];

  if (created != NULL && strlen (created) >= 10)
    {
      memcpy (day, created, 10);
      day[10] = '\0';
      if (_hab_parse_date (day, date))
        return;
    }

  *date = ctx->today;
}

static void
format_day (const char *iso,
            char       *buffer,
            gsize       size)
{
  GDate date;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  if (!_hab_parse_date (iso, &date))
    {
      g_strlcpy (buffer, iso, size);
      return;
    }

  text = hab_format_long_date (g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date));
  g_strlcpy (buffer, text, size);
}

static void
check_combinations (HabCheckContext  *ctx,
                    const ScopeEntry *entries,
                    guint             n_entries)
{
  const HabApi *api = ctx->api;
  const ScopeEntry *alone = find_entry (entries, n_entries, api->alone_scope);
  const ScopeEntry *fallback;
  gboolean has_year = FALSE;

  /* Rule 4: LEP alone; rules 1 to 3 are not applied with it. */
  if (alone != NULL)
    {
      for (guint i = 0; i < n_entries; i++)
        if (strcmp (entries[i].key, alone->key) != 0)
          {
            _hab_check_add (ctx, "data.lep_not_alone", "data.scopes",
                            _("“%s” can only be requested alone; remove every other data "
                              "item, or remove it."),
                            scope_label (alone));
            break;
          }
      return;
    }

  /* Rule 1: at least one revenue year. */
  for (guint i = 0; i < n_entries && !has_year; i++)
    if (strv_contains (api->year_scopes, entries[i].key))
      has_year = TRUE;

  if (!has_year && api->year_scopes != NULL && api->year_scopes[0] != NULL)
    _hab_check_add (ctx, "data.no_year", "data.scopes",
                    _("Select at least one revenue year (N-1, N-2, N-3, or N-2 if N-1 is "
                      "unavailable): DataPass refuses a request without one."));

  /* Rule 2: the fallback year alone among the years. */
  fallback = find_entry (entries, n_entries, api->year_fallback_scope);
  if (fallback != NULL)
    for (guint i = 0; i < n_entries; i++)
      if (strcmp (entries[i].key, fallback->key) != 0
          && strv_contains (api->year_scopes, entries[i].key))
        {
          _hab_check_add (ctx, "data.year_fallback_combined", "data.scopes",
                          _("“%s” cannot be combined with another revenue year; keep either "
                            "it or the other years."),
                          scope_label (fallback));
          break;
        }

  /* Rule 3: incompatible groups. */
  for (guint a = 0; api->incompatible_a != NULL && api->incompatible_a[a] != NULL; a++)
    {
      const ScopeEntry *ea = find_entry (entries, n_entries, api->incompatible_a[a]);

      if (ea == NULL)
        continue;

      for (guint b = 0; api->incompatible_b != NULL && api->incompatible_b[b] != NULL; b++)
        {
          const ScopeEntry *eb = find_entry (entries, n_entries, api->incompatible_b[b]);

          if (eb != NULL)
            _hab_check_add (ctx, "data.incompatible_scopes", "data.scopes",
                            _("“%s” and “%s” cannot be requested together (they come from "
                              "different DGFiP resources); remove one of them."),
                            scope_label (ea), scope_label (eb));
        }
    }
}

static gboolean
is_bank (HabCheckContext *ctx)
{
  const char *kind = hab_dossier_get_string (ctx->dossier, "organisation.kind");

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (bank_kinds); i++)
    if (strcmp (kind, bank_kinds[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
check_scopes (HabCheckContext *ctx,
              gboolean         specific)
{
  const HabApi *api = ctx->api;
  JsonArray *array = hab_dossier_get_array (ctx->dossier, "data.scopes");
  guint n = array ? json_array_get_length (array) : 0;
  ScopeEntry stack_entries[MAX_SCOPES];
  g_autofree ScopeEntry *heap_entries = NULL;
  ScopeEntry *entries = stack_entries;
  g_autoptr(GHashTable) seen = NULL;
  guint n_entries = 0;
  gboolean usual_known;
  GDate reference;
  char field[64];

  if (n > MAX_SCOPES)
    entries = heap_entries = g_new (ScopeEntry, n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;   /* reported by the format family */

      object = json_node_get_object (element);
      key = hab_json_object_get_string (object, "key");
      entries[n_entries].index = i;
      entries[n_entries].key = key ? key : "";
      entries[n_entries].purpose = hab_json_object_get_string (object, "purpose");
      entries[n_entries].scope = api && key ? hab_api_lookup_scope (api, key) : NULL;
      n_entries++;
    }

  if (api != NULL && !api->has_scopes)
    {
      if (n_entries > 0)
        _hab_check_add (ctx, "data.scopes_not_offered", "data.scopes",
                        _("%s has no data items to choose: the access modality defines the "
                          "data returned. Remove the data items, or choose another API."),
                        api->label);
      return;
    }

  if (api != NULL && n_entries == 0)
    {
      if (api->scopes_required)
        _hab_check_add (ctx, "data.no_scope", "data.scopes",
                        _("Select the data items you need: %s requires at least one, even "
                          "with a specific needs expression."),
                        api->label);
      else if (!specific)
        _hab_check_add (ctx, "data.no_scope", "data.scopes",
                        _("Select the data items you need, each with its purpose, or declare "
                          "a specific needs expression."));
    }

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  reference_date (ctx, &reference);
  usual_known = ctx->use_case != NULL
                && g_strcmp0 (ctx->use_case->id, "libre") != 0
                && ctx->use_case->usual_scopes != NULL
                && ctx->use_case->usual_scopes[0] != NULL;

  for (guint i = 0; i < n_entries; i++)
    {
      const ScopeEntry *entry = &entries[i];
      const char *label = scope_label (entry);
      /* A hash of the keys seen: a hostile file may hold a million scopes. */
      gboolean duplicate = !g_hash_table_add (seen, (gpointer) entry->key);

      if (duplicate && *entry->key != '\0')
        {
          g_snprintf (field, sizeof field, "data.scopes.%u", entry->index);
          _hab_check_add (ctx, "data.scope_duplicate", field,
                          _("“%s” is selected twice; keep one of them, with the right "
                            "purpose."),
                          label);
          continue;
        }

      if (_hab_str_blank (entry->purpose))
        {
          g_snprintf (field, sizeof field, "data.scopes.%u.purpose", entry->index);
          _hab_check_add (ctx, "data.purpose_missing", field,
                          _("Explain what “%s” is used for (its purpose), e.g. the "
                            "management rule that uses it."),
                          label);
        }

      if (api == NULL)
        continue;

      g_snprintf (field, sizeof field, "data.scopes.%u", entry->index);

      if (entry->scope == NULL)
        {
          if (*entry->key == '\0')
            _hab_check_add (ctx, "data.scope_unknown", field,
                            _("A data item has no key; remove it and select the data item "
                              "again."));
          else
            _hab_check_add (ctx, "data.scope_unknown", field,
                            _("“%s” is not a data item of %s; remove it and select the data "
                              "items from the list."),
                            entry->key, api->label);
          continue;
        }

      if (entry->scope->deprecated_since != NULL)
        {
          GDate since;

          g_date_clear (&since, 1);
          if (_hab_parse_date (entry->scope->deprecated_since, &since)
              && g_date_compare (&since, &reference) <= 0)
            {
              char day[64];

              format_day (entry->scope->deprecated_since, day, sizeof day);
              _hab_check_add (ctx, "data.scope_deprecated", field,
                              _("“%s” is not offered to new requests since %s; remove it "
                                "and, if you truly need it, ask for it through a specific "
                                "needs expression."),
                              label, day);
              continue;
            }
        }

      if (api->alone_scope != NULL && strcmp (entry->key, api->alone_scope) == 0)
        {
          if (!is_bank (ctx))
            _hab_check_add (ctx, "data.lep_banks_only", field,
                            _("“%s” is reserved to banks (“établissements bancaires "
                              "uniquement”); a local authority should not request it. "
                              "Remove it unless your organisation is a bank."),
                            label);
          continue;
        }

      if (strcmp (entry->key, "dgfip_pac") == 0 && !specific)
        _hab_check_add (ctx, "data.dependants_detail", field,
                        _("The detail of “%s” must be given in a specific needs expression: "
                          "declare one and attach it, or use the number of dependants "
                          "instead."),
                        label);

      if (usual_known && !hab_use_case_is_usual_scope (ctx->use_case, entry->key))
        _hab_check_add (ctx, "data.scope_unusual", field,
                        _("“%s” is not usually needed for “%s”; data minimisation applies: "
                          "explain in its purpose why it is strictly necessary, or remove "
                          "it."),
                        label, ctx->use_case->label);
    }

  /* DataPass skips the combination rules with a specific needs expression. */
  if (api != NULL && !specific && n_entries > 0)
    check_combinations (ctx, entries, n_entries);
}

static void
check_retention (HabCheckContext *ctx)
{
  JsonNode *node = hab_dossier_lookup (ctx->dossier, "data.retention_months");
  gint64 months;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node)
      || (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && _hab_str_blank (json_node_get_string (node))))
    {
      _hab_check_add (ctx, "data.retention_missing", "data.retention_months",
                      _("Enter how many months the data are kept (for example 36)."));
      return;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || json_node_get_int (node) <= 0)
    {
      _hab_check_add (ctx, "data.retention_invalid", "data.retention_months",
                      _("Enter the retention period as a positive whole number of months "
                        "(for example 36)."));
      return;
    }

  months = json_node_get_int (node);
  if (months <= RETENTION_USUAL_MONTHS)
    return;

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "data.retention_justification")))
    _hab_check_add (ctx, "data.retention_justification_missing", "data.retention_justification",
                    _("The data are kept %lld months, more than the usual "
                      "36: explain why, or shorten the period."),
                    (long long) months);
  else
    _hab_check_add (ctx, "data.retention_long", "data.retention_months",
                    _("The data are kept %lld months, more than the usual "
                      "36: the DGFiP will question it; make sure the justification is "
                      "precise."),
                    (long long) months);
}

static void
check_data (HabCheckContext *ctx)
{
  gboolean specific = FALSE;

  if (!hab_dossier_get_boolean (ctx->dossier, "data.specific_requirements", &specific))
    specific = FALSE;

  check_scopes (ctx, specific);

  if (specific && (ctx->api == NULL || ctx->api->has_scopes))
    {
      JsonNode *document = hab_dossier_lookup (ctx->dossier, "data.specific_requirements_document");

      if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
        _hab_check_add (ctx, "data.specific_requirements_document_missing",
                        "data.specific_requirements_document",
                        _("Attach the specific needs expression (ods, xls, xlsx, sxc or csv, "
                          "under 10 MB) already shared with the DGFiP, or untick “specific "
                          "needs”."));
      else
        _hab_check_attachment (ctx, document, "data.specific_requirements_document",
                               needs_document_types, HAB_ATTACHMENT_MAX_SIZE,
                               &needs_document_rules);
    }

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "data.recipients")))
    _hab_check_add (ctx, "data.recipients_missing", "data.recipients",
                    _("Enter who receives the data, e.g. “Agents instructeurs des demandes "
                      "de souscription à la cantine scolaire”."));

  check_retention (ctx);

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "data.access")))
    _hab_check_add (ctx, "data.access_missing", "data.access",
                    _("Enter who has access to the data (services and roles of the agents "
                      "habilitated to see them)."));
}

HAB_DEFINE_RULE_FAMILY (data, rules, check_data);
