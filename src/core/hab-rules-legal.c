/* hab-rules-legal.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-validator-private.h"

/* The Cadre juridique step: DataPass's "legal" block (reference/domain.md
 * a.1) and the seed's "Disposer et fournir un cadre juridique valide": for
 * fiscal data (API Impôt particulier, API SFiP) a délibération and articles
 * L. 114-8 and following of the CRPA; for the R2P ordonnateur use case,
 * décret n° 2022-814. */

static const HabRule rules[] = {
  { "legal.nature_missing", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("The nature and references of the legal texts are missing") },
  { "legal.no_text_reference", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("Neither a URL of the legal text nor a document is given; DataPass requires one of "
       "them") },
  { "legal.url_invalid", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("The URL of the legal text is not one DataPass accepts (a host name with a dot, then "
       "an optional path; http:// or https:// optional)") },
  { "legal.document_not_pdf", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("A legal document is not a PDF file, the only type DataPass accepts") },
  { "legal.document_too_large", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("A legal document is larger than DataPass’s 10 MB limit") },
  { "legal.document_missing", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("An attached legal document cannot be found on disk") },
  { "legal.document_changed", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("An attached legal document has changed on disk since it was attached") },
  { "legal.nature_no_l114_8", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("For fiscal data, the nature of the legal texts does not cite articles L. 114-8 and "
       "following of the CRPA, which the DGFiP lists with the délibération") },
  { "legal.decret_missing", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("For the R2P ordonnateur use case, neither the nature nor the URL cites décret "
       "n° 2022-814 du 16 mai 2022, its required legal basis") },
  { "legal.deliberation_missing", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("A délibération is required for fiscal data, but none is given (no date, number, text "
       "or document)") },
  { "legal.deliberation_date_missing", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("The date of the délibération is missing, so the DGFiP cannot tell whether it is "
       "recent") },
  { "legal.deliberation_body_missing", HAB_SEVERITY_INFO, HAB_STEP_CADRE_JURIDIQUE,
    N_("The body that adopted the délibération (e.g. conseil municipal) is not given") },
  { "legal.deliberation_not_attached", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("The délibération is described but neither attached nor linked (the URL is a "
       "Légifrance page); the DGFiP needs the délibération itself") },
  { "legal.deliberation_future", HAB_SEVERITY_ERROR, HAB_STEP_CADRE_JURIDIQUE,
    N_("The délibération is dated in the future") },
  { "legal.deliberation_old", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("The délibération is more than 3 years old while the DGFiP asks for a recent one (3 "
       "years: the period after which the DGFiP asks for its own security questionnaire to be "
       "renewed)") },
  { "legal.mention_recent", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("Not confirmed: the délibération is recent and follows the rules of the CGCT") },
  { "legal.mention_solution", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("Not confirmed: the délibération briefly describes the collectivité’s digital solution "
       "for its users") },
  { "legal.mention_use_case", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("Not confirmed: the délibération states the use case for which the fiscal data are "
       "needed") },
  { "legal.mention_l114_8", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("Not confirmed: the délibération cites article L. 114-8 of the CRPA") },
  { "legal.mention_api_decision", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("Not confirmed: the délibération decides to use the API for that use case") },
  { "legal.mention_data_and_purposes", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("Not confirmed: the délibération lists every fiscal data item needed and its purpose") },
  { "legal.text_no_l114_8", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("The text of the délibération does not cite article L. 114-8 of the CRPA") },
  { "legal.text_no_api", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("The text of the délibération does not name the API it decides to use") },
  { "legal.text_missing_data", HAB_SEVERITY_WARNING, HAB_STEP_CADRE_JURIDIQUE,
    N_("The text of the délibération does not seem to name a selected data item") },
};

/* The DGFiP asks for a "recent" délibération without a figure. */
#define DELIBERATION_MAX_AGE_YEARS 3

static const char *const pdf_types[] = { "application/pdf", NULL };

static const HabAttachmentRules document_rules = {
  .bad_type = "legal.document_not_pdf",
  .too_large = "legal.document_too_large",
  .missing = "legal.document_missing",
  .changed = "legal.document_changed",
};

typedef enum
{
  BASIS_NONE,
  BASIS_DELIBERATION,
  BASIS_DECRET,
} LegalBasis;

/* Scanning */

/* Skips ASCII white space and the Unicode spaces met in pasted text:
 * no-break, narrow no-break and thin spaces. */
static const guchar *
skip_spaces (const guchar *p)
{
  for (;;)
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (p[0] == 0xC2 && p[1] == 0xA0)
        p += 2;
      else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xAF || p[2] == 0x89))
        p += 3;
      else
        return p;
    }
}

/* A hyphen, non-breaking hyphen, figure dash or en dash; returns its
 * length, or 0. */
static gsize
hyphen_length (const guchar *p)
{
  if (*p == '-')
    return 1;
  if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x93)
    return 3;
  return 0;
}

/* Matches "<a>-<b>" at p, with optional spaces around the hyphen and no
 * digit right after b. */
static gboolean
match_number_pair (const guchar *p,
                   const char   *a,
                   const char   *b)
{
  gsize len_a = strlen (a);
  gsize len_b = strlen (b);
  gsize hyphen;

  if (strncmp ((const char *) p, a, len_a) != 0)
    return FALSE;
  p = skip_spaces (p + len_a);
  hyphen = hyphen_length (p);
  if (hyphen == 0)
    return FALSE;
  p = skip_spaces (p + hyphen);
  if (strncmp ((const char *) p, b, len_b) != 0)
    return FALSE;

  return !g_ascii_isdigit (p[len_b]);
}

static gboolean
at_word_start (const char *text,
               const char *p)
{
  return p == text || !g_ascii_isalnum (p[-1]);
}

/* Whether text cites article L. 114-8 (of the CRPA): "L. 114-8",
 * "L.114-8", "L114-8", "L 114-8", "article(s) 114-8", case-insensitive,
 * with no-break spaces or hyphens. */
static gboolean
cites_l114_8 (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *s = text; *s != '\0'; s++)
    {
      const guchar *p = (const guchar *) s;

      if (!at_word_start (text, s))
        continue;

      if (*p == 'L' || *p == 'l')
        {
          p++;
          if (*p == '.')
            p++;
          if (match_number_pair (skip_spaces (p), "114", "8"))
            return TRUE;
        }
      else if ((*p == 'a' || *p == 'A') && g_ascii_strncasecmp (s, "article", 7) == 0)
        {
          p += 7;
          if (*p == 's' || *p == 'S')
            p++;
          p = skip_spaces (p);
          if (match_number_pair (p, "114", "8"))
            return TRUE;
        }
    }

  return FALSE;
}

/* Whether text cites décret n° 2022-814 (or its Légifrance identifier). */
static gboolean
cites_decret_2022_814 (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *s = text; *s != '\0'; s++)
    {
      if (at_word_start (text, s) && match_number_pair ((const guchar *) s, "2022", "814"))
        return TRUE;
      if ((*s == 'J' || *s == 'j') && g_ascii_strncasecmp (s, "JORFTEXT000045802934", 20) == 0)
        return TRUE;
    }

  return FALSE;
}

/* DataPass's pattern for cadre_juridique_url:
 * \A((http|https)://)?[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}(/[\w\-._~:/?#\[\]@!$&'()*+,;%=]*)?\z */
static gboolean
url_valid (const char *url)
{
  const char *start = url;
  const char *end;
  const char *host, *host_end, *last_dot = NULL;

  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (strncmp (start, "https://", 8) == 0)
    start += 8;
  else if (strncmp (start, "http://", 7) == 0)
    start += 7;

  host = start;
  for (host_end = host; host_end < end; host_end++)
    {
      if (*host_end == '.')
        last_dot = host_end;
      else if (!g_ascii_isalnum (*host_end) && *host_end != '-')
        break;
    }

  /* The host ends with a dot and at least two letters, after at least one
   * character. */
  if (last_dot == NULL || last_dot == host || host_end - last_dot < 3)
    return FALSE;
  for (const char *p = last_dot + 1; p < host_end; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;

  if (host_end == end)
    return TRUE;
  if (*host_end != '/')
    return FALSE;

  for (const char *p = host_end; p < end; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-.~:/?#[]@!$&'()*+,;%=", *p) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
url_on_legifrance (const char *url)
{
  if (url == NULL)
    return FALSE;

  for (const char *p = url; *p != '\0'; p++)
    if ((*p == 'l' || *p == 'L') && g_ascii_strncasecmp (p, "legifrance.gouv.fr", 18) == 0)
      return TRUE;

  return FALSE;
}

/* Text normalised for the catalogue's keywords: lower case, no accents,
 * apostrophes as spaces, white space collapsed (hab-catalogue.h). Written
 * into one buffer: no character grows by more than twice its UTF-8 length
 * ("œ" gives "oe"; a lower-case letter is at most 3 bytes where its upper
 * case is 2). */
static char *
normalize_text (const char *text)
{
  char *out = g_malloc (2 * strlen (text) + 1);
  char *q = out;
  gboolean space = TRUE;   /* no leading space */

  for (const char *p = text; *p != '\0'; )
    {
      gunichar c;
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      /* Fast path: most of a French text is ASCII. */
      if ((guchar) *p < 0x80)
        {
          char b = *p++;

          if (b == '\'' || b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f'
              || b == '\v')
            {
              if (!space)
                *q++ = ' ';
              space = TRUE;
            }
          else
            {
              *q++ = (b >= 'A' && b <= 'Z') ? b + ('a' - 'A') : b;
              space = FALSE;
            }
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00A0 || c == 0x202F
          || c == 0x2009 || g_unichar_isspace (c))
        {
          if (!space)
            *q++ = ' ';
          space = TRUE;
          continue;
        }

      space = FALSE;
      if (c >= 0x2010 && c <= 0x2013)
        *q++ = '-';
      else if (c == 0x0153 || c == 0x0152)
        {
          *q++ = 'o';
          *q++ = 'e';
        }
      else if (c == 0x00E6 || c == 0x00C6)
        {
          *q++ = 'a';
          *q++ = 'e';
        }
      else if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0
               && decomposed[0] < 0x80)
        *q++ = g_ascii_tolower ((char) decomposed[0]);
      else
        q += g_unichar_to_utf8 (g_unichar_tolower (c), q);
    }

  *q = '\0';
  return out;
}

/* Whether phrase occurs in haystack as whole words. */
static gboolean
contains_phrase (const char *haystack,
                 const char *phrase)
{
  gsize len = strlen (phrase);

  if (len == 0)
    return FALSE;

  for (const char *p = strstr (haystack, phrase); p != NULL; p = strstr (p + 1, phrase))
    if (at_word_start (haystack, p) && !g_ascii_isalnum (p[len]))
      return TRUE;

  return FALSE;
}

/* The délibération text only changes when the user edits it, but the
 * validator runs on every keystroke: its normalised form is kept. */
typedef struct
{
  char     *raw;
  char     *normalized;
  gboolean  l114_8;
} TextCache;

G_LOCK_DEFINE_STATIC (text_cache);
static TextCache text_cache;

/* Called with the lock held. */
static const TextCache *
text_cache_get (const char *raw)
{
  if (text_cache.raw == NULL || !g_str_equal (text_cache.raw, raw))
    {
      g_free (text_cache.raw);
      g_free (text_cache.normalized);
      text_cache.raw = g_strdup (raw);
      text_cache.normalized = normalize_text (raw);
      text_cache.l114_8 = cites_l114_8 (raw);
    }

  return &text_cache;
}

/* Rules */

static LegalBasis
legal_basis (HabCheckContext *ctx)
{
  if (ctx->api == NULL)
    return BASIS_NONE;

  if (ctx->use_case != NULL && ctx->use_case->legal_basis != NULL)
    {
      if (g_str_equal (ctx->use_case->legal_basis, "deliberation"))
        return BASIS_DELIBERATION;
      if (g_str_equal (ctx->use_case->legal_basis, "decret_2022_814"))
        return BASIS_DECRET;
      return BASIS_NONE;
    }

  /* "Demande libre" (or no use case yet) for fiscal data: the seed asks
   * collectivités for a délibération and articles L. 114-8 and following of
   * the CRPA for every fiscal-data use case of API Impôt particulier and API
   * SFiP, the two APIs with data items. */
  if (ctx->use_case == NULL || g_str_equal (ctx->use_case->id, "libre"))
    return ctx->api->has_scopes ? BASIS_DELIBERATION : BASIS_NONE;

  return BASIS_NONE;
}

/* Words by which a délibération names the API it decides to use. */
static const char *const *
api_names (const HabApi *api)
{
  static const char *const impot_particulier[] = { "impot particulier", NULL };
  static const char *const sfip[] = { "sfip", "courtier fonctionnel", "impot particulier", NULL };

  if (g_str_equal (api->id, "api_impot_particulier"))
    return impot_particulier;
  if (g_str_equal (api->id, "api_sfip"))
    return sfip;

  return NULL;
}

static gboolean
scope_named (const HabScope *scope,
             const char     *normalized)
{
  g_autofree char *label = NULL;

  for (guint i = 0; scope->keywords != NULL && scope->keywords[i] != NULL; i++)
    if (contains_phrase (normalized, scope->keywords[i]))
      return TRUE;

  if (scope->label == NULL)
    return FALSE;

  label = normalize_text (scope->label);
  return contains_phrase (normalized, label);
}

static void
check_text (HabCheckContext *ctx,
            const char      *text)
{
  const TextCache *cache;
  const char *const *names;
  JsonArray *scopes;
  guint n_scopes;

  G_LOCK (text_cache);
  cache = text_cache_get (text);

  if (!cache->l114_8)
    _hab_check_add (ctx, "legal.text_no_l114_8", "legal.deliberation.text",
                    _("The text of the délibération does not seem to cite article L. 114-8 of "
                      "the Code des relations entre le public et l’administration, the legal "
                      "basis that lets the collectivité obtain the DGFiP’s data. Check the text, "
                      "or have the délibération amended."));

  names = api_names (ctx->api);
  if (names != NULL)
    {
      gboolean named = FALSE;

      for (guint i = 0; names[i] != NULL && !named; i++)
        named = contains_phrase (cache->normalized, names[i]);

      if (!named)
        _hab_check_add (ctx, "legal.text_no_api", "legal.deliberation.text",
                        _("The text of the délibération does not seem to name %s: the "
                          "collectivité must decide in it to use the API for this use case. "
                          "Check the text."),
                        ctx->api->label);
    }

  scopes = hab_dossier_get_array (ctx->dossier, "data.scopes");
  n_scopes = scopes ? json_array_get_length (scopes) : 0;
  for (guint i = 0; i < n_scopes; i++)
    {
      JsonNode *node = json_array_get_element (scopes, i);
      const HabScope *scope;
      JsonNode *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      key = json_object_get_member (json_node_get_object (node), "key");
      if (key == NULL || !JSON_NODE_HOLDS_VALUE (key)
          || json_node_get_value_type (key) != G_TYPE_STRING)
        continue;

      /* Unknown keys are the data family's. */
      scope = hab_api_lookup_scope (ctx->api, json_node_get_string (key));
      if (scope == NULL || scope_named (scope, cache->normalized))
        continue;

      _hab_check_add (ctx, "legal.text_missing_data", "legal.deliberation.text",
                      _("The text of the délibération does not seem to name the data item "
                        "“%s”: the DGFiP expects every fiscal data item to be listed with its "
                        "purpose. Check the text, or remove the item if it is not needed."),
                      scope->label);
    }

  G_UNLOCK (text_cache);
}

static void
check_mentions (HabCheckContext *ctx)
{
  static const char *const keys[] = {
    "recent", "solution", "use_case", "l114_8", "api_decision", "data_and_purposes",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      char path[96];
      char rule[64];
      gboolean confirmed = FALSE;

      g_snprintf (path, sizeof path, "legal.deliberation.mentions.%s", keys[i]);
      if (hab_dossier_get_boolean (ctx->dossier, path, &confirmed) && confirmed)
        continue;

      g_snprintf (rule, sizeof rule, "legal.mention_%s", keys[i]);

      switch (i)
        {
        case 0:
          _hab_check_add (ctx, rule, path,
                          _("Confirm that the délibération is recent and follows the rules of "
                            "the Code général des collectivités territoriales, as the DGFiP "
                            "requires."));
          break;
        case 1:
          _hab_check_add (ctx, rule, path,
                          _("Confirm that the délibération briefly describes the digital "
                            "solution the collectivité offers its users, as the DGFiP "
                            "requires."));
          break;
        case 2:
          _hab_check_add (ctx, rule, path,
                          _("Confirm that the délibération states the use case for which the "
                            "collectivité needs the fiscal data, as the DGFiP requires."));
          break;
        case 3:
          _hab_check_add (ctx, rule, path,
                          _("Confirm that the délibération cites article L. 114-8 of the Code "
                            "des relations entre le public et l’administration, which lets "
                            "administrations exchange the information needed to process a "
                            "request from the public."));
          break;
        case 4:
          _hab_check_add (ctx, rule, path,
                          _("Confirm that the délibération states that the collectivité decides "
                            "to use %s for that use case, as the DGFiP requires."),
                          ctx->api->label);
          break;
        case 5:
        default:
          _hab_check_add (ctx, rule, path,
                          _("Confirm that the délibération lists every fiscal data item the "
                            "collectivité needs and its purpose: only the strictly necessary "
                            "data (data minimisation)."));
          break;
        }
    }
}

static void
check_deliberation_date (HabCheckContext *ctx,
                         LegalBasis       basis)
{
  const char *value = hab_dossier_get_string (ctx->dossier, "legal.deliberation.date");
  GDate date;
  GDate limit;

  /* A malformed date is reported by the format family. */
  if (_hab_str_blank (value) || !_hab_parse_date (value, &date))
    return;

  if (g_date_compare (&date, &ctx->today) > 0)
    {
      _hab_check_add (ctx, "legal.deliberation_future", "legal.deliberation.date",
                      _("The délibération is dated %s, in the future; the DGFiP needs an "
                        "adopted délibération. Correct the date, or wait until it is adopted."),
                      value);
      return;
    }

  if (basis != BASIS_DELIBERATION)
    return;

  limit = date;
  g_date_add_years (&limit, DELIBERATION_MAX_AGE_YEARS);
  if (g_date_compare (&limit, &ctx->today) < 0)
    _hab_check_add (ctx, "legal.deliberation_old", "legal.deliberation.date",
                    _("The délibération dates from %s, more than %d years ago, and the DGFiP "
                      "asks for a recent one. Check that it still describes the service and the "
                      "data requested, or have a new délibération adopted."),
                    value, DELIBERATION_MAX_AGE_YEARS);
}

static void
check_deliberation (HabCheckContext *ctx,
                    gboolean         has_document)
{
  const char *date = hab_dossier_get_string (ctx->dossier, "legal.deliberation.date");
  const char *number = hab_dossier_get_string (ctx->dossier, "legal.deliberation.number");
  const char *body = hab_dossier_get_string (ctx->dossier, "legal.deliberation.body");
  const char *text = hab_dossier_get_string (ctx->dossier, "legal.deliberation.text");
  gboolean own_document = hab_dossier_get_object (ctx->dossier,
                                                  "legal.deliberation.document") != NULL;

  if (_hab_str_blank (date) && _hab_str_blank (number) && _hab_str_blank (text) && !own_document)
    {
      _hab_check_add (ctx, "legal.deliberation_missing", "legal.deliberation",
                      _("For fiscal data, the DGFiP requires a délibération of your collectivité "
                        "together with articles L. 114-8 and following of the CRPA. Enter the "
                        "date and number of the délibération and attach it."));
      return;
    }

  if (_hab_str_blank (date))
    _hab_check_add (ctx, "legal.deliberation_date_missing", "legal.deliberation.date",
                    _("Enter the date of the délibération; the DGFiP checks that it is "
                      "recent."));

  if (_hab_str_blank (body))
    _hab_check_add (ctx, "legal.deliberation_body_missing", "legal.deliberation.body",
                    _("Enter the body that adopted the délibération, e.g. “Conseil "
                      "municipal” or “Conseil communautaire”."));

  /* Without any document, a URL on Légifrance gives the national texts,
   * not the collectivité's délibération. (Without a URL either,
   * legal.no_text_reference is reported.) */
  if (!has_document && url_on_legifrance (hab_dossier_get_string (ctx->dossier, "legal.url")))
    _hab_check_add (ctx, "legal.deliberation_not_attached", "legal.deliberation.document",
                    _("Attach the délibération as a PDF file, or give the address where your "
                      "collectivité publishes it: the DGFiP reads the délibération itself, and "
                      "Légifrance holds only the national texts."));

  check_mentions (ctx);

  if (!_hab_str_blank (text))
    check_text (ctx, text);
}

static void
check_legal (HabCheckContext *ctx)
{
  const char *nature = hab_dossier_get_string (ctx->dossier, "legal.nature");
  const char *url = hab_dossier_get_string (ctx->dossier, "legal.url");
  JsonArray *documents = hab_dossier_get_array (ctx->dossier, "legal.documents");
  guint n_documents = documents ? json_array_get_length (documents) : 0;
  JsonNode *own_document = hab_dossier_lookup (ctx->dossier, "legal.deliberation.document");
  gboolean has_document = FALSE;
  LegalBasis basis = legal_basis (ctx);

  if (_hab_str_blank (nature))
    _hab_check_add (ctx, "legal.nature_missing", "legal.nature",
                    _("Enter the nature and references of the texts that allow you to process "
                      "the data (law, décret, délibération…), e.g. “Délibération n° 2026-045 "
                      "du conseil municipal du 12 juin 2026 ; articles L. 114-8 et suivants du "
                      "CRPA”."));

  for (guint i = 0; i < n_documents; i++)
    {
      JsonNode *node = json_array_get_element (documents, i);
      char field[64];

      /* Other types are reported by the format family. */
      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      has_document = TRUE;
      g_snprintf (field, sizeof field, "legal.documents.%u", i);
      _hab_check_attachment (ctx, node, field, pdf_types, HAB_ATTACHMENT_MAX_SIZE,
                             &document_rules);
    }

  if (own_document != NULL && JSON_NODE_HOLDS_OBJECT (own_document))
    {
      has_document = TRUE;
      _hab_check_attachment (ctx, own_document, "legal.deliberation.document", pdf_types,
                             HAB_ATTACHMENT_MAX_SIZE, &document_rules);
    }

  if (_hab_str_blank (url))
    {
      if (!has_document)
        _hab_check_add (ctx, "legal.no_text_reference", "legal.documents",
                        _("Give the URL of the legal text or attach it as a PDF document; "
                          "DataPass requires at least one of them."));
    }
  else if (!url_valid (url))
    _hab_check_add (ctx, "legal.url_invalid", "legal.url",
                    _("“%s” is not a web address DataPass accepts; copy the full address of "
                      "the text, e.g. https://www.legifrance.gouv.fr/…"),
                    url);

  switch (basis)
    {
    case BASIS_DELIBERATION:
      if (!_hab_str_blank (nature) && !cites_l114_8 (nature))
        _hab_check_add (ctx, "legal.nature_no_l114_8", "legal.nature",
                        _("For fiscal data, the DGFiP expects the délibération together with "
                          "articles L. 114-8 and following of the Code des relations entre le "
                          "public et l’administration (CRPA); cite them in the nature of the "
                          "texts."));
      check_deliberation (ctx, has_document);
      break;

    case BASIS_DECRET:
      if ((!_hab_str_blank (nature) || !_hab_str_blank (url))
          && !cites_decret_2022_814 (nature) && !cites_decret_2022_814 (url))
        _hab_check_add (ctx, "legal.decret_missing", "legal.nature",
                        _("The ordonnateur use case rests on décret n° 2022-814 du 16 mai 2022 "
                          "(identification of a collectivité’s debtors, article L. 135 ZN of the "
                          "Livre des procédures fiscales); cite it in the nature of the texts."));
      break;

    case BASIS_NONE:
    default:
      break;
    }

  check_deliberation_date (ctx, basis);
}

HAB_DEFINE_RULE_FAMILY (legal, rules, check_legal);
