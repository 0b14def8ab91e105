/* hab-documents.c: the documents of the submission bundle (DESIGN §9).
 *
 * The summary (recapitulatif.pdf) shows every step and field of the
 * dossier, every data item of the API with the requested ones ticked and
 * the others not, every finding, and the DPO's reviews with the data
 * fingerprint. The employer attestations and the designation follow the
 * DGFiP's templates of the seed (seed/dgfip-api-prerequis.txt, « Attestation
 * employeur » and « Désignation »), filled from the dossier and the contact
 * cards, with a blank line wherever something is unknown and room for the
 * signature and the stamp. The security questionnaire follows the seed's
 * identification block and questions O1–O5, then lists the collectivité's
 * own preparation of the other axes, labelled as such.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-documents"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-datapass.h"
#include "hab-datapass-text.h"
#include "hab-documents.h"
#include "hab-i18n.h"
#include "hab-questionnaire.h"
#include "hab-finding.h"
#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-pdf.h"
#include "hab-review.h"
#include "hab-validator.h"

/* A line left to be filled in by hand. */
#define BLANK       "______________________"
#define BLANK_SHORT "____________"
#define BLANK_DATE  "___/___/______"

/* The DGFiP's address for the designation (seed, « Désignation »). */
static const char *const dgfip_address =
  "Direction générale des Finances publiques\n"
  "Délégation à la transformation numérique\n"
  "Pôle données\n"
  "4 avenue Montaigne\n"
  "93468 Noisy-le-Grand Cedex";

static const struct
{
  const char *file_name;
  const char *title;
  const char *description;
} document_info[HAB_N_DOCUMENTS] = {
  [HAB_DOCUMENT_SUMMARY] = {
    "recapitulatif.pdf", N_("Summary of the Request"),
    N_("Every step and field, every data item of the API with the requested ones ticked, "
       "every finding, the DPO’s reviews and the data fingerprint") },
  [HAB_DOCUMENT_ATTESTATION_DEMANDEUR] = {
    "attestation-employeur-demandeur.pdf", N_("Employer Attestation of the Demandeur"),
    N_("The DGFiP’s template, filled in for the demandeur, to be signed and stamped by "
       "the employer") },
  [HAB_DOCUMENT_ATTESTATION_EDITEUR] = {
    "attestation-employeur-editeur.pdf", N_("Employer Attestation of the Editor"),
    N_("The DGFiP’s template, filled in for the editor’s contact, to be signed and stamped "
       "by the editor") },
  [HAB_DOCUMENT_DESIGNATION] = {
    "designation.pdf", N_("Designation"),
    N_("The DGFiP’s template by which the organisation designates the demandeur, to be "
       "signed and stamped") },
  [HAB_DOCUMENT_QUESTIONNAIRE] = {
    "questionnaire-securite.pdf", N_("Security Questionnaire"),
    N_("The identification block and questions O1 to O5 with their answers, then your "
       "own preparation of the other axes") },
  [HAB_DOCUMENT_DATAPASS] = {
    "datapass.txt", N_("DataPass Hand-off"),
    N_("The pre-fill link and, step by step, the text to paste into each DataPass field") },
};

/* The roles, in the Acteurs step's order. */
static const struct
{
  const char *key;
  const char *title;
} roles[] = {
  { HAB_ROLE_DEMANDEUR, N_("Demandeur") },
  { HAB_ROLE_RESPONSABLE_TRAITEMENT, N_("Responsable de traitement") },
  { HAB_ROLE_DELEGUE_PROTECTION_DONNEES, N_("Délégué à la protection des données (DPO)") },
  { HAB_ROLE_RESPONSABLE_TECHNIQUE, N_("Responsable technique") },
  { HAB_ROLE_EDITEUR, N_("Editor’s Contact") },
};

/* The six mentions a délibération must have (seed, « Focus sur les
 * attendus d'une délibération »), as in the Cadre juridique step. */
static const struct
{
  const char *key;
  const char *title;
} mentions[] = {
  { "recent", N_("It is recent and follows the rules of the Code général des collectivités "
                 "territoriales (CGCT)") },
  { "solution", N_("It briefly describes the collectivité’s digital solution for its users") },
  { "use_case", N_("It states the use case for which the collectivité needs the fiscal data") },
  { "l114_8", N_("It cites article L. 114-8 of the Code des relations entre le public et "
                 "l’administration") },
  { "api_decision", N_("It states that the collectivité decides to use the API for that use "
                       "case") },
  { "data_and_purposes", N_("It lists every fiscal data item the collectivité needs, and for "
                            "what purpose") },
};


/* The seven checks to run with the software editor (seed, « Focus sur
 * l'éditeur de logiciels »), in its order. */
static const struct
{
  const char *key;
  const char *title;
} editor_checks[] = {
  { "integration", N_("API integration") },
  { "management_rules", N_("Management rules of the solution") },
  { "cost_and_lead_time", N_("Cost and lead time") },
  { "onboarding_support", N_("Help with the subscription and the connection") },
  { "follow_up_contact", N_("Project follow-up") },
  { "technical_support", N_("Technical and functional support") },
  { "training_and_docs", N_("Training and documentation") },
};

typedef struct
{
  HabDossier               *dossier;
  const HabDocumentOptions *options;
  HabCatalogue             *catalogue;
  const HabApi             *api;
  const HabUseCase         *use_case;
  gboolean                  production;
  gboolean                  editor_mode;
  GPtrArray                *pieces;
} Context;

static void
context_init (Context                  *ctx,
              HabDossier               *dossier,
              const HabDocumentOptions *options)
{
  const char *api_id = hab_dossier_get_string (dossier, "parcours.api");
  const char *use_case_id = hab_dossier_get_string (dossier, "parcours.use_case");

  memset (ctx, 0, sizeof *ctx);
  ctx->dossier = dossier;
  ctx->options = options;
  ctx->catalogue = options->catalogue ? options->catalogue : hab_catalogue_get_default ();
  ctx->api = api_id ? hab_catalogue_lookup_api (ctx->catalogue, api_id) : NULL;
  ctx->use_case = ctx->api && use_case_id ? hab_api_lookup_use_case (ctx->api, use_case_id) : NULL;
  ctx->production = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.stage"), "production") == 0;
  ctx->editor_mode = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;
  ctx->pieces = hab_documents_list_pieces (dossier);
}

static void
context_clear (Context *ctx)
{
  g_clear_pointer (&ctx->pieces, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Context, context_clear)

/* Options */

/**
 * hab_document_options_init:
 *
 * Sets @options to the defaults: the default catalogue, today from the
 * clock, not a draft, no contact lookup (inline cards only).
 */
void
hab_document_options_init (HabDocumentOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  g_date_clear (&options->today, 1);
  g_date_set_time_t (&options->today, time (NULL));
}

/* Small helpers */

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static const char *
or_blank (const char *text,
          const char *fallback)
{
  return blank (text) ? fallback : text;
}

static const char *
get (Context    *ctx,
     const char *path)
{
  return hab_dossier_get_string (ctx->dossier, path);
}

static gboolean
parse_date (const char *text,
            guint      *year,
            guint      *month,
            guint      *day)
{
  char end;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-'
         && sscanf (text, "%4u-%2u-%2u%c", year, month, day, &end) == 3
         && g_date_valid_dmy (*day, *month, *year);
}

/**
 * hab_documents_format_date:
 * @iso_date: (nullable): a YYYY-MM-DD date
 *
 * Returns: (transfer full) (nullable): the date as people write it
 *   ("12 June 2026", « 12 juin 2026 »), the text itself when it is not a
 *   valid date, %NULL when it is blank
 */
char *
hab_documents_format_date (const char *iso_date)
{
  guint year, month, day;

  if (blank (iso_date))
    return NULL;

  if (!parse_date (iso_date, &year, &month, &day))
    return g_strdup (iso_date);

  return hab_format_long_date (year, month, day);
}

char *
hab_documents_format_gdate (const GDate *date)
{
  char text[16];

  if (date == NULL || !g_date_valid (date))
    return NULL;

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return hab_documents_format_date (text);
}

/* "23/06/1981", as the attestation's template writes a birth date. */
static char *
format_numeric_date (const char *iso_date)
{
  guint year, month, day;

  if (blank (iso_date))
    return NULL;
  if (!parse_date (iso_date, &year, &month, &day))
    return g_strdup (iso_date);

  return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
}

static char *
format_timestamp (const char *timestamp)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (blank (timestamp))
    return NULL;

  date = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (date == NULL)
    return g_strdup (timestamp);

  utc = g_date_time_to_utc (date);
  {
    g_autofree char *day = hab_format_long_date (g_date_time_get_year (utc),
                                                 g_date_time_get_month (utc),
                                                 g_date_time_get_day_of_month (utc));
    g_autofree char *time = g_date_time_format (utc, "%H:%M");

    /* Translators: a date in words, then a time, e.g. "27 November 2026, 10:40 UTC" */
    return g_strdup_printf (_("%s, %s UTC"), day, time);
  }
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

/* A boolean member: "Yes", "No", or NULL when not given. */
static const char *
boolean_text (Context    *ctx,
              const char *path)
{
  gboolean value;

  if (!hab_dossier_get_boolean (ctx->dossier, path, &value))
    return NULL;

  return yes_no (value);
}

static char *
int_text (Context    *ctx,
          const char *path)
{
  gint64 value;

  if (!hab_dossier_get_int (ctx->dossier, path, &value))
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* "HADDAD Karim": the family name in capitals, as French forms want it. */
static char *
formal_name (const HabContact *contact)
{
  g_autofree char *family = NULL;
  g_autofree char *given = NULL;

  if (contact == NULL)
    return NULL;

  family = g_strstrip (g_strdup (contact->family_name ? contact->family_name : ""));
  given = g_strstrip (g_strdup (contact->given_name ? contact->given_name : ""));

  if (*family != '\0' && *given != '\0')
    {
      g_autofree char *upper = g_utf8_strup (family, -1);

      return g_strdup_printf ("%s %s", upper, given);
    }
  if (*family != '\0')
    return g_utf8_strup (family, -1);
  if (*given != '\0')
    return g_steal_pointer (&given);

  return NULL;
}

static const char *
role_title (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_str_equal (roles[i].key, role))
      return _(roles[i].title);

  return role;
}

static const char *
stage_label (const char *stage)
{
  if (g_strcmp0 (stage, "sandbox") == 0)
    return _("Sandbox (tests with fictitious data)");
  if (g_strcmp0 (stage, "production") == 0)
    return _("Production (real data)");

  return stage;
}

static const char *
development_label (const char *development)
{
  if (g_strcmp0 (development, "editor") == 0)
    return _("A software editor");
  if (g_strcmp0 (development, "in_house") == 0)
    return _("In-house, by the organisation");

  return development;
}

static const char *
kind_label (const char *kind)
{
  static const struct
  {
    const char *key;
    const char *label;
  } kinds[] = {
    { "commune", N_("Commune") },
    { "epci", N_("EPCI") },
    { "departement", N_("Département") },
    { "region", N_("Région") },
    { "ccas", N_("CCAS or CIAS") },
    { "syndicat", N_("Syndicat") },
    { "etablissement_public", N_("Établissement public") },
    { "other", N_("Other") },
  };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].key, kind))
      return _(kinds[i].label);

  return kind;
}

static const char *
progress_label (const char *progress)
{
  if (g_strcmp0 (progress, "reflexion") == 0)
    return _("Réflexion");
  if (g_strcmp0 (progress, "conception") == 0)
    return _("Conception");
  if (g_strcmp0 (progress, "developpement") == 0)
    return _("Développement");

  return progress;
}

static const char *
security_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "homologation") == 0)
    return _("Homologation de sécurité");
  if (g_strcmp0 (kind, "questionnaire") == 0)
    return _("DGFiP Security Questionnaire");

  return kind;
}

static const char *
answer_label (const char *answer)
{
  if (g_strcmp0 (answer, "yes") == 0)
    return _("Yes");
  if (g_strcmp0 (answer, "no") == 0)
    return _("No");
  if (g_strcmp0 (answer, "in_progress") == 0)
    return _("In progress");
  if (g_strcmp0 (answer, "unknown") == 0)
    return _("Unknown");
  if (blank (answer))
    return _("Not answered yet");

  return answer;
}

static const char *
decision_label (const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    return _("Approved");
  if (g_strcmp0 (decision, "changes_requested") == 0)
    return _("Changes requested");

  return decision;
}

static const char *
severity_label (HabSeverity severity)
{
  switch (severity)
    {
    case HAB_SEVERITY_ERROR:
      return _("Error");
    case HAB_SEVERITY_WARNING:
      return _("Warning");
    case HAB_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

static const char *
dossier_title (HabDossier *dossier)
{
  const char *title = hab_dossier_get_string (dossier, "project.title");

  return blank (title) ? _("Untitled dossier") : title;
}

static const char *
api_label (Context *ctx)
{
  if (ctx->api != NULL)
    return ctx->api->label;

  return or_blank (get (ctx, "parcours.api"), _("Not chosen"));
}

static const char *
use_case_label (Context *ctx)
{
  if (ctx->use_case != NULL)
    return ctx->use_case->label;
  if (ctx->api != NULL && blank (get (ctx, "parcours.use_case")) && ctx->api->use_cases->len > 0)
    return ((const HabUseCase *) g_ptr_array_index (ctx->api->use_cases, 0))->label;

  return get (ctx, "parcours.use_case");
}

/* Pieces */

void
hab_piece_free (HabPiece *piece)
{
  if (piece == NULL)
    return;

  g_free (piece->field);
  g_free (piece->bundle_name);
  g_clear_pointer (&piece->attachment, json_node_unref);
  g_free (piece);
}

/* A file name that cannot leave pieces/ nor hide: no folder, no control
 * character, no leading dot. */
static char *
safe_file_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name ? name : "", -1);
  g_autofree char *base = g_path_get_basename (valid);
  GString *safe = g_string_new (NULL);

  for (const char *p = base; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == '/' || c == '\\' || c == ':')
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);

      if (safe->len > 120)
        break;
    }

  while (safe->len > 0 && (safe->str[0] == '.' || safe->str[0] == ' '))
    g_string_erase (safe, 0, 1);
  if (safe->len == 0)
    g_string_append (safe, "piece");

  return g_string_free (safe, FALSE);
}

static void
add_piece (GPtrArray  *pieces,
           GHashTable *used,
           const char *field,
           JsonNode   *node)
{
  g_autofree char *name = NULL;
  g_autofree char *unique = NULL;
  JsonObject *object;
  const char *given;
  HabPiece *piece;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  given = hab_json_object_get_string (object, "name");
  if (blank (given))
    given = hab_json_object_get_string (object, "path");
  name = safe_file_name (blank (given) ? field : given);

  unique = g_strdup (name);
  for (guint n = 2; g_hash_table_contains (used, unique); n++)
    {
      const char *dot = strrchr (name, '.');

      g_free (unique);
      if (dot != NULL && dot != name)
        unique = g_strdup_printf ("%.*s-%u%s", (int) (dot - name), name, n, dot);
      else
        unique = g_strdup_printf ("%s-%u", name, n);
    }
  g_hash_table_add (used, g_strdup (unique));

  piece = g_new0 (HabPiece, 1);
  piece->field = g_strdup (field);
  piece->bundle_name = g_strconcat ("pieces/", unique, NULL);
  piece->attachment = json_node_copy (node);
  g_ptr_array_add (pieces, piece);
}

/**
 * hab_documents_list_pieces:
 *
 * Lists the files attached to @dossier, in the order of the steps, each
 * with a unique name under "pieces/" in the bundle.
 *
 * Returns: (transfer container) (element-type HabPiece): the pieces
 */
GPtrArray *
hab_documents_list_pieces (HabDossier *dossier)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_piece_free);
  JsonArray *documents;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), pieces);

  add_piece (pieces, used, "project.mockup", hab_dossier_lookup (dossier, "project.mockup"));

  documents = hab_dossier_get_array (dossier, "legal.documents");
  for (guint i = 0; documents != NULL && i < json_array_get_length (documents); i++)
    {
      g_autofree char *field = g_strdup_printf ("legal.documents.%u", i);

      add_piece (pieces, used, field, json_array_get_element (documents, i));
    }

  add_piece (pieces, used, "legal.deliberation.document",
             hab_dossier_lookup (dossier, "legal.deliberation.document"));
  add_piece (pieces, used, "data.specific_requirements_document",
             hab_dossier_lookup (dossier, "data.specific_requirements_document"));
  add_piece (pieces, used, "security.document", hab_dossier_lookup (dossier, "security.document"));

  return pieces;
}

static HabPiece *
find_piece (Context    *ctx,
            const char *field)
{
  for (guint i = 0; i < ctx->pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (ctx->pieces, i);

      if (g_str_equal (piece->field, field))
        return piece;
    }

  return NULL;
}

/* A checksum or a fingerprint, in small fixed-width type: it fits on one
 * line and reads character by character. */
static char *
mono_markup (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  return g_strdup_printf ("<span font_family=\"DejaVu Sans Mono\" size=\"7600\">%s</span>", escaped);
}

/* Markup: "deliberation.pdf, 924 bytes\nSHA-256 …\nIn the bundle: pieces/…" */
static char *
describe_piece (Context    *ctx,
                const char *field)
{
  HabPiece *piece = find_piece (ctx, field);
  g_autofree char *where = NULL;
  GString *text;
  JsonObject *object;
  JsonNode *size;
  const char *name, *sha256;

  if (piece == NULL)
    return NULL;

  object = json_node_get_object (piece->attachment);
  name = hab_json_object_get_string (object, "name");
  sha256 = hab_json_object_get_string (object, "sha256");
  size = json_object_get_member (object, "size");

  text = g_string_new (NULL);
  {
    g_autofree char *escaped = hab_pdf_escape (or_blank (name, piece->bundle_name + strlen ("pieces/")));

    g_string_append (text, escaped);
  }
  if (size != NULL && JSON_NODE_HOLDS_VALUE (size) && json_node_get_value_type (size) == G_TYPE_INT64)
    {
      g_autofree char *formatted = g_format_size_full ((guint64) MAX (json_node_get_int (size), 0),
                                                       G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *escaped = hab_pdf_escape (formatted);

      g_string_append_printf (text, ", %s", escaped);
    }
  if (!blank (sha256))
    {
      g_autofree char *hash = mono_markup (sha256);

      /* Translators: the checksum of an attached file */
      g_string_append_printf (text, "\n%s %s", _("SHA-256:"), hash);
    }
  /* Translators: where an attached file is in the exported bundle */
  where = g_strdup_printf (_("In the bundle: %s"), piece->bundle_name);
  {
    g_autofree char *escaped = hab_pdf_escape (where);

    g_string_append_printf (text, "\n%s", escaped);
  }

  return g_string_free (text, FALSE);
}

/* Contacts */

/**
 * hab_documents_dup_contact:
 * @role: a key of "actors"
 * @options: (nullable): for the contact lookup
 *
 * Returns: (transfer full) (nullable): the card of @role, inline in the
 *   file or else found by its contact_id through the options' lookup
 */
HabContact *
hab_documents_dup_contact (HabDossier               *dossier,
                           const char               *role,
                           const HabDocumentOptions *options)
{
  HabContact *contact;
  g_autofree char *path = NULL;
  const char *contact_id;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (role != NULL, NULL);

  contact = hab_dossier_dup_inline_contact (dossier, role);
  if (contact != NULL)
    return contact;

  path = g_strdup_printf ("actors.%s.contact_id", role);
  contact_id = hab_dossier_get_string (dossier, path);
  if (options == NULL || options->contact_lookup == NULL || blank (contact_id))
    return NULL;

  return options->contact_lookup (contact_id, options->contact_lookup_data);
}

static char *
display_name (Context    *ctx,
              const char *role)
{
  g_autoptr(HabContact) contact = hab_documents_dup_contact (ctx->dossier, role, ctx->options);
  g_autofree char *path = g_strdup_printf ("actors.%s.display_name", role);
  char *name = contact ? hab_contact_dup_display_name (contact) : NULL;

  if (name == NULL && !blank (get (ctx, path)))
    name = g_strdup (get (ctx, path));

  return name;
}

static gboolean
role_assigned (Context    *ctx,
               const char *role)
{
  g_autofree char *path = g_strdup_printf ("actors.%s", role);
  JsonObject *actor = hab_dossier_get_object (ctx->dossier, path);

  return actor != NULL && json_object_get_size (actor) > 0;
}

/* A new document with the dossier's title in the header. */
static HabPdf *
new_pdf (Context     *ctx,
         HabDocument  document)
{
  g_autofree char *date = hab_documents_format_gdate (&ctx->options->today);
  g_autofree char *footer = NULL;
  HabPdf *pdf = hab_pdf_new (dossier_title (ctx->dossier), _(document_info[document].title));

  /* Translators: at the bottom of every page; %s is a date */
  footer = g_strdup_printf (_("Prepared with Habilitation on %s"), or_blank (date, "—"));
  hab_pdf_set_footer (pdf, footer);
  hab_pdf_set_draft (pdf, ctx->options->draft);

  /* The generation date as the PDF's own date: the same dossier exported
   * on the same day gives the same bytes. */
  if (g_date_valid (&ctx->options->today))
    {
      g_autoptr(GDateTime) created = g_date_time_new_utc (g_date_get_year (&ctx->options->today),
                                                          g_date_get_month (&ctx->options->today),
                                                          g_date_get_day (&ctx->options->today),
                                                          0, 0, 0);

      hab_pdf_set_creation_date (pdf, created);
    }

  return pdf;
}

static void
add_heading (HabPdf     *pdf,
             guint      *number,
             const char *title)
{
  g_autofree char *text = g_strdup_printf ("%u. %s", ++*number, title);

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_HEADING, text);
}

static void
add_field_path (HabPdf     *pdf,
                Context    *ctx,
                const char *label,
                const char *path)
{
  hab_pdf_add_field (pdf, label, get (ctx, path));
}

static void
add_date_field (HabPdf     *pdf,
                Context    *ctx,
                const char *label,
                const char *path)
{
  g_autofree char *date = hab_documents_format_date (get (ctx, path));

  hab_pdf_add_field (pdf, label, date);
}

/* Summary: recapitulatif.pdf */

static void
summary_intro (HabPdf    *pdf,
               Context   *ctx,
               GPtrArray *findings)
{
  g_autofree char *generated = hab_documents_format_gdate (&ctx->options->today);
  g_autofree char *modified = format_timestamp (get (ctx, "modified"));
  g_autofree char *organisation = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;
  const char *form = hab_datapass_get_form_uid (ctx->dossier, ctx->catalogue, &error);
  const char *name = get (ctx, "organisation.name");
  const char *siret = get (ctx, "organisation.siret");
  guint n_errors, n_warnings, n_infos;

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_TITLE, _("Summary of the Habilitation Request"));
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, dossier_title (ctx->dossier));

  if (!blank (siret))
    organisation = g_strdup_printf ("%s — SIRET %s", or_blank (name, "—"), siret);
  else
    organisation = g_strdup (name);

  hab_findings_count (findings, &n_errors, &n_warnings, &n_infos);
  {
    g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                            n_errors), n_errors);
    g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                              "%u warnings", n_warnings), n_warnings);
    g_autofree char *infos = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes",
                                                           n_infos), n_infos);

    /* Translators: "2 errors, 1 warning, 0 notes" */
    status = g_strdup_printf (_("%s, %s, %s"), errors, warnings, infos);
  }

  hab_pdf_add_field (pdf, _("Organisation"), organisation);
  hab_pdf_add_field (pdf, _("API"), api_label (ctx));
  hab_pdf_add_field (pdf, _("DataPass form"), form ? form : error->message);
  hab_pdf_add_field (pdf, _("Checks"), status);
  hab_pdf_add_field (pdf, _("Dossier"), get (ctx, "id"));
  hab_pdf_add_field (pdf, _("Last modified"), modified);
  hab_pdf_add_field (pdf, _("Generated on"), generated);
  hab_pdf_add_space (pdf, 4);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                    _("This summary shows every step of the request and every field, every data "
                      "item the API offers with the requested ones ticked and the others "
                      "unticked, every finding of the checks, and the DPO’s reviews with the "
                      "fingerprint of the data they approved."));
}

static void
add_modalities (HabPdf  *pdf,
                Context *ctx)
{
  JsonArray *chosen = hab_dossier_get_array (ctx->dossier, "parcours.modalities");

  for (guint i = 0; i < ctx->api->modalities->len; i++)
    {
      const HabModality *modality = g_ptr_array_index (ctx->api->modalities, i);

      hab_pdf_add_check (pdf, hab_dossier_has_modality (ctx->dossier, modality->key),
                         modality->label, modality->key);
    }

  /* Chosen, but not offered by this API. */
  for (guint i = 0; chosen != NULL && i < json_array_get_length (chosen); i++)
    {
      const char *key = hab_json_node_get_string (json_array_get_element (chosen, i));

      if (key != NULL && hab_api_lookup_modality (ctx->api, key) == NULL)
        hab_pdf_add_check (pdf, TRUE, key, _("Not an access modality of this API"));
    }
}

static void
summary_parcours (HabPdf  *pdf,
                  Context *ctx,
                  guint   *number)
{
  add_heading (pdf, number, hab_step_get_title (HAB_STEP_PARCOURS));
  hab_pdf_add_field (pdf, _("API"), api_label (ctx));
  hab_pdf_add_field (pdf, _("Stage"), stage_label (get (ctx, "parcours.stage")));
  hab_pdf_add_field (pdf, _("Developed by"), development_label (get (ctx, "parcours.development")));
  hab_pdf_add_field (pdf, _("Use case"), use_case_label (ctx));
  if (ctx->production)
    hab_pdf_add_field (pdf, _("Sandbox request validated"),
                       boolean_text (ctx, "parcours.sandbox_validated"));

  if (ctx->api != NULL && ctx->api->has_modalities)
    {
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Access Modalities"));
      add_modalities (pdf, ctx);
      if (hab_dossier_has_modality (ctx->dossier, "with_france_connect"))
        add_field_path (pdf, ctx, _("FranceConnect habilitation"),
                        "parcours.france_connect_authorization_id");
    }
}

static void
add_contact (HabPdf     *pdf,
             Context    *ctx,
             const char *role)
{
  g_autoptr(HabContact) contact = hab_documents_dup_contact (ctx->dossier, role, ctx->options);
  g_autofree char *name = NULL;

  hab_pdf_begin_group (pdf);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, role_title (role));

  if (contact == NULL)
    {
      g_autofree char *shown = display_name (ctx, role);

      if (shown != NULL)
        hab_pdf_add_field (pdf, _("Name"), shown);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                        role_assigned (ctx, role)
                        ? _("The contact card is neither in the file nor in the address book.")
                        : _("Nobody is named for this role."));
      hab_pdf_end_group (pdf);
      return;
    }

  name = hab_contact_dup_display_name (contact);
  hab_pdf_add_field (pdf, _("Name"), name);
  hab_pdf_add_field (pdf, _("Job Title"), contact->job_title);
  hab_pdf_add_field (pdf, _("E-mail Address"), contact->email);
  hab_pdf_add_field (pdf, _("Phone Number"), contact->phone);
  hab_pdf_add_field (pdf, _("Employer"), contact->organisation);
  hab_pdf_end_group (pdf);
}

static void
summary_acteurs (HabPdf  *pdf,
                 Context *ctx,
                 guint   *number)
{
  add_heading (pdf, number, hab_step_get_title (HAB_STEP_ACTEURS));

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Organisation"));
  add_field_path (pdf, ctx, _("Name"), "organisation.name");
  add_field_path (pdf, ctx, _("SIRET"), "organisation.siret");
  hab_pdf_add_field (pdf, _("Kind"), kind_label (get (ctx, "organisation.kind")));
  add_field_path (pdf, ctx, _("Address"), "organisation.address");
  hab_pdf_add_field (pdf, _("Subject to the RGS"), boolean_text (ctx, "organisation.subject_to_rgs"));

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_str_equal (roles[i].key, HAB_ROLE_EDITEUR) && !ctx->editor_mode
          && !role_assigned (ctx, roles[i].key))
        continue;
      add_contact (pdf, ctx, roles[i].key);
    }

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Other DGFiP Contacts"));
  add_field_path (pdf, ctx, _("Generic technical e-mail address"),
                  "extra_contacts.contact_technique_extra_email");
  add_field_path (pdf, ctx, _("Extra organisation contact"),
                  "extra_contacts.extra_organization_contact_name");
  add_field_path (pdf, ctx, _("Extra contact’s e-mail address"),
                  "extra_contacts.extra_organization_contact_email");
}

static void
summary_projet (HabPdf  *pdf,
                Context *ctx,
                guint   *number)
{
  g_autofree char *mockup = describe_piece (ctx, "project.mockup");

  add_heading (pdf, number, hab_step_get_title (HAB_STEP_PROJET));
  add_field_path (pdf, ctx, _("Title"), "project.title");
  add_field_path (pdf, ctx, _("Description"), "project.description");
  add_field_path (pdf, ctx, _("Objective and use case"), "project.objective");
  add_field_path (pdf, ctx, _("Data needed and management rule"), "project.data_usage");
  if (ctx->editor_mode || !blank (get (ctx, "project.editor_name")))
    {
      add_field_path (pdf, ctx, _("Software editor"), "project.editor_name");
      add_field_path (pdf, ctx, _("Software"), "project.editor_software");
    }
  hab_pdf_add_field (pdf, _("Progress"), progress_label (get (ctx, "project.progress")));
  add_date_field (pdf, ctx, _("Planned production date"), "project.planned_production_date");
  add_field_path (pdf, ctx, _("Yearly volume"), "project.yearly_volume");
  hab_pdf_add_field_markup (pdf, _("Mock-up"), mockup);
}

static void
summary_cadre_juridique (HabPdf  *pdf,
                         Context *ctx,
                         guint   *number)
{
  JsonArray *documents = hab_dossier_get_array (ctx->dossier, "legal.documents");
  guint n_documents = documents ? json_array_get_length (documents) : 0;

  add_heading (pdf, number, hab_step_get_title (HAB_STEP_CADRE_JURIDIQUE));
  add_field_path (pdf, ctx, _("Nature and references of the text"), "legal.nature");
  add_field_path (pdf, ctx, _("URL of the text"), "legal.url");

  if (n_documents == 0)
    hab_pdf_add_field (pdf, _("Documents"), NULL);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *field = g_strdup_printf ("legal.documents.%u", i);
      g_autofree char *label = g_strdup_printf (_("Document %u"), i + 1);
      g_autofree char *description = describe_piece (ctx, field);

      hab_pdf_add_field_markup (pdf, label, description);
    }

  if (hab_dossier_get_object (ctx->dossier, "legal.deliberation") != NULL)
    {
      g_autofree char *own = describe_piece (ctx, "legal.deliberation.document");

      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Délibération"));
      add_date_field (pdf, ctx, _("Date"), "legal.deliberation.date");
      add_field_path (pdf, ctx, _("Number"), "legal.deliberation.number");
      add_field_path (pdf, ctx, _("Deciding body"), "legal.deliberation.body");
      if (own != NULL)
        hab_pdf_add_field_markup (pdf, _("Document"), own);
      add_field_path (pdf, ctx, _("Text"), "legal.deliberation.text");

      hab_pdf_add_space (pdf, 4);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, _("The six mentions the DGFiP expects:"));
      for (guint i = 0; i < G_N_ELEMENTS (mentions); i++)
        {
          g_autofree char *path = g_strdup_printf ("legal.deliberation.mentions.%s", mentions[i].key);
          gboolean value = FALSE;

          hab_dossier_get_boolean (ctx->dossier, path, &value);
          hab_pdf_add_check (pdf, value, _(mentions[i].title), NULL);
        }
    }
  else
    hab_pdf_add_field (pdf, _("Délibération"), _("None in the dossier"));
}

static JsonObject *
find_scope_entry (Context    *ctx,
                  const char *key)
{
  JsonArray *scopes = hab_dossier_get_array (ctx->dossier, "data.scopes");

  for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
    {
      JsonNode *node = json_array_get_element (scopes, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (hab_json_object_get_string (json_node_get_object (node), "key"), key) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

static void
add_scope_groups (HabPdf  *pdf,
                  Context *ctx)
{
  JsonArray *scopes = hab_dossier_get_array (ctx->dossier, "data.scopes");
  guint n_requested = 0;
  gboolean other_shown = FALSE;
  g_autofree char *count = NULL;

  for (guint g = 0; g < ctx->api->groups->len; g++)
    {
      const HabScopeGroup *group = g_ptr_array_index (ctx->api->groups, g);

      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, group->label);

      for (guint i = 0; i < ctx->api->scopes->len; i++)
        {
          const HabScope *scope = g_ptr_array_index (ctx->api->scopes, i);
          JsonObject *entry;
          g_autofree char *detail = NULL;
          g_autofree char *deprecated = NULL;
          const char *purpose;

          if (g_strcmp0 (scope->group, group->id) != 0)
            continue;

          entry = find_scope_entry (ctx, scope->key);
          purpose = entry ? hab_json_object_get_string (entry, "purpose") : NULL;
          if (scope->deprecated_since != NULL)
            {
              g_autofree char *since = hab_documents_format_date (scope->deprecated_since);

              /* Translators: %s is a date */
              deprecated = g_strdup_printf (_(" · not offered to new requests since %s"), since);
            }

          if (entry != NULL)
            {
              n_requested++;
              /* Translators: under a requested data item: its key, then its purpose */
              detail = g_strdup_printf (_("%s · Purpose: %s%s"), scope->key,
                                        or_blank (purpose, _("not given")),
                                        deprecated ? deprecated : "");
            }
          else
            /* Translators: under a data item that is not requested: its key */
            detail = g_strdup_printf (_("%s · Not requested%s"), scope->key,
                                      deprecated ? deprecated : "");

          hab_pdf_add_check (pdf, entry != NULL, scope->label, detail);
        }
    }

  /* Keys the catalogue does not know. */
  for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
    {
      JsonNode *node = json_array_get_element (scopes, i);
      const char *key = JSON_NODE_HOLDS_OBJECT (node)
                        ? hab_json_object_get_string (json_node_get_object (node), "key") : NULL;
      g_autofree char *detail = NULL;

      if (key == NULL || hab_api_lookup_scope (ctx->api, key) != NULL)
        continue;

      if (!other_shown)
        hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Other Keys"));
      other_shown = TRUE;
      detail = g_strdup_printf (_("%s · Purpose: %s%s"), key,
                                or_blank (hab_json_object_get_string (json_node_get_object (node),
                                                                      "purpose"),
                                          _("not given")),
                                "");
      hab_pdf_add_check (pdf, TRUE, _("Unknown data item"), detail);
      n_requested++;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u data item requested out of the %u this API offers.",
                                        "%u data items requested out of the %u this API offers.",
                                        n_requested),
                           n_requested, ctx->api->scopes->len);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE, count);
}

static void
summary_donnees (HabPdf  *pdf,
                 Context *ctx,
                 guint   *number)
{
  g_autofree char *retention = int_text (ctx, "data.retention_months");
  g_autofree char *needs = describe_piece (ctx, "data.specific_requirements_document");

  add_heading (pdf, number, hab_step_get_title (HAB_STEP_DONNEES));

  if (ctx->api == NULL)
    hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY,
                      _("No API is chosen: the data items it offers cannot be listed."));
  else if (ctx->api->has_scopes)
    {
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                        _("Every data item of the API, as DataPass groups them: the requested ones "
                          "are ticked, with their purpose; the others are unticked."));
      add_scope_groups (pdf, ctx);
    }
  else
    {
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                        _("With this API, the data returned are defined by the access modality: "
                          "every modality is listed, the requested ones ticked."));
      if (ctx->api->has_modalities)
        add_modalities (pdf, ctx);
    }

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Processing of the Personal Data"));
  if (ctx->api == NULL || ctx->api->has_scopes)
    {
      hab_pdf_add_field (pdf, _("Specific needs expression"),
                         boolean_text (ctx, "data.specific_requirements"));
      if (needs != NULL)
        hab_pdf_add_field_markup (pdf, _("Needs expression document"), needs);
    }
  add_field_path (pdf, ctx, _("Recipients of the data"), "data.recipients");
  hab_pdf_add_field (pdf, _("Retention (months)"), retention);
  add_field_path (pdf, ctx, _("Justification of the retention"), "data.retention_justification");
  add_field_path (pdf, ctx, _("Who has access"), "data.access");
}

static const char *
scope_label (Context    *ctx,
             const char *key)
{
  const HabScope *scope = ctx->api ? hab_api_lookup_scope (ctx->api, key) : NULL;

  return scope ? scope->label : key;
}

static void
summary_dpo (HabPdf  *pdf,
             Context *ctx,
             guint   *number)
{
  g_autofree char *fingerprint = hab_fingerprint_compute (ctx->dossier);
  g_autofree char *informed_date = hab_documents_format_date (get (ctx, "dpo.informed_date"));
  g_autofree char *informed = NULL;
  JsonArray *reviews = hab_dossier_get_array (ctx->dossier, "dpo.reviews");
  guint n_reviews = reviews ? json_array_get_length (reviews) : 0;
  const char *latest_decision = NULL;
  const char *latest_fingerprint = NULL;
  JsonObject *latest = NULL;
  gboolean value = FALSE;

  add_heading (pdf, number, hab_step_get_title (HAB_STEP_DPO));

  if (!hab_dossier_get_boolean (ctx->dossier, "dpo.informed", &value))
    informed = NULL;
  else if (value && informed_date != NULL)
    /* Translators: "Yes, on 20 November 2026" */
    informed = g_strdup_printf (_("Yes, on %s"), informed_date);
  else
    informed = g_strdup (yes_no (value));
  hab_pdf_add_field (pdf, _("DPO informed"), informed);
  {
    g_autofree char *markup = mono_markup (fingerprint);

    hab_pdf_add_field_markup (pdf, _("Current data fingerprint"), markup);
  }

  for (guint i = 0; i < n_reviews; i++)
    {
      JsonNode *node = json_array_get_element (reviews, i);
      JsonObject *review;
      JsonObject *item_comments;
      g_autofree char *title = NULL;
      g_autofree char *date = NULL;
      g_autofree char *match = NULL;
      const char *decision, *review_fingerprint;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      review = json_node_get_object (node);
      decision = hab_json_object_get_string (review, "decision");
      review_fingerprint = hab_json_object_get_string (review, "fingerprint");
      latest = review;
      latest_decision = decision;
      latest_fingerprint = review_fingerprint;

      title = g_strdup_printf (_("Review %u of %u"), i + 1, n_reviews);
      hab_pdf_begin_group (pdf);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, title);
      hab_pdf_add_field (pdf, _("Reviewer"), hab_json_object_get_string (review, "reviewer"));
      date = hab_documents_format_date (hab_json_object_get_string (review, "date"));
      hab_pdf_add_field (pdf, _("Date"), date);
      hab_pdf_add_field (pdf, _("Decision"), decision_label (decision));
      {
        g_autofree char *hash = mono_markup (or_blank (review_fingerprint, "—"));
        g_autofree char *verdict = hab_pdf_escape (g_strcmp0 (review_fingerprint, fingerprint) == 0
                                                   ? _("The same as the current data’s fingerprint")
                                                   : _("Not the current data’s fingerprint: the "
                                                       "data changed since"));

        match = g_strdup_printf ("%s\n%s", hash, verdict);
      }
      hab_pdf_add_field_markup (pdf, _("Fingerprint reviewed"), match);
      hab_pdf_add_field (pdf, _("Comment"), hab_json_object_get_string (review, "comment"));

      item_comments = json_object_get_member (review, "item_comments") != NULL
                      && JSON_NODE_HOLDS_OBJECT (json_object_get_member (review, "item_comments"))
                      ? json_object_get_object_member (review, "item_comments") : NULL;
      if (item_comments != NULL)
        {
          g_autoptr(GList) keys = json_object_get_members (item_comments);

          for (GList *l = keys; l != NULL; l = l->next)
            {
              const char *comment = hab_json_object_get_string (item_comments, l->data);

              if (!blank (comment))
                hab_pdf_add_field (pdf, scope_label (ctx, l->data), comment);
            }
        }
      hab_pdf_end_group (pdf);
    }

  hab_pdf_add_space (pdf, 4);
  hab_pdf_begin_group (pdf);
  if (n_reviews == 0)
    hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, _("The DPO has not reviewed the data yet."));
  else if (g_strcmp0 (latest_decision, "approved") == 0
           && g_strcmp0 (latest_fingerprint, fingerprint) == 0)
    hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY,
                      _("The latest review approves exactly the data of this dossier."));
  else if (g_strcmp0 (latest_decision, "approved") == 0)
    {
      /* What changed since, when the review kept the data it covers. */
      g_autoptr(GPtrArray) changes = hab_review_dup_changes (ctx->dossier, latest);
      g_autofree char *described = changes != NULL && changes->len > 0
                                   ? hab_review_describe_changes (changes, ctx->catalogue) : NULL;

      if (described != NULL)
        {
          /* Translators: %s lists the changes, e.g. “Nombre de parts added” */
          g_autofree char *text = g_strdup_printf (_("The latest approval is outdated: the data "
                                                     "changed after the DPO approved them (%s)."),
                                                   described);

          hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, text);
        }
      else
        hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY,
                          _("The latest approval is outdated: the data changed after the DPO "
                            "approved them."));
    }
  else
    hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, _("The latest review does not approve the data."));

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                    _("The fingerprint is the SHA-256 of the requested data, their purposes, the "
                      "recipients, the retention and the access. It is evidence of intent, not an "
                      "electronic signature: it shows which data the DPO reviewed, and that they "
                      "have not changed since."));
  hab_pdf_end_group (pdf);
}

static void
summary_securite (HabPdf  *pdf,
                  Context *ctx,
                  guint   *number)
{
  const char *kind = get (ctx, "security.kind");
  gboolean questionnaire = g_strcmp0 (kind, "questionnaire") == 0;
  g_autofree char *document = describe_piece (ctx, "security.document");
  g_autofree char *calls = int_text (ctx, "security.calls_per_minute");
  gboolean in_house = g_strcmp0 (get (ctx, "parcours.development"), "in_house") == 0;

  add_heading (pdf, number, hab_step_get_title (HAB_STEP_SECURITE));
  if (!ctx->production)
    hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                      _("DataPass asks for this step with the production request; what is "
                        "already prepared is shown here."));

  hab_pdf_add_field (pdf, _("Security attestation"), security_kind_label (kind));
  if (questionnaire)
    add_field_path (pdf, ctx, _("Why the questionnaire"), "security.questionnaire_reason");
  hab_pdf_add_field_markup (pdf, _("Decision or questionnaire"), document);
  add_field_path (pdf, ctx, _("Authority or signatory"), "security.authority_name");
  add_field_path (pdf, ctx, _("Function"), "security.authority_function");
  add_date_field (pdf, ctx, _("Begin date or signature"), "security.begin_date");
  add_date_field (pdf, ctx, _("End date"), "security.end_date");

  if (questionnaire)
    {
      static const double widths[] = { 0.8, 0.2 };
      const char *headers[] = { _("Question"), _("Answer"), NULL };

      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Questionnaire: Questions O1 to O5"));
      hab_pdf_begin_table (pdf, G_N_ELEMENTS (widths), widths, headers);
      guint n_questions;
      const HabQuestionnaireItem *questions = hab_questionnaire_get_questions (&n_questions);
      for (guint i = 0; i < n_questions; i++)
        {
          g_autofree char *path = g_strdup_printf ("security.questionnaire.%s", questions[i].key);
          g_autofree char *label = g_strdup_printf ("[O %c] %s", questions[i].key[1], _(questions[i].text));
          const char *cells[] = { label, answer_label (get (ctx, path)) };

          hab_pdf_add_row (pdf, cells);
        }
      hab_pdf_end_table (pdf);

      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Preparation of the Other Axes"));
      guint n_axes;
      const HabQuestionnaireItem *axes = hab_questionnaire_get_axes (&n_axes);
      for (guint i = 0; i < n_axes; i++)
        {
          g_autofree char *path = g_strdup_printf ("security.questionnaire_preparation.%s",
                                                   axes[i].key);
          gboolean value = FALSE;

          hab_dossier_get_boolean (ctx->dossier, path, &value);
          hab_pdf_add_check (pdf, value, _(axes[i].text), NULL);
        }
    }

  if (ctx->production && in_house)
    hab_pdf_add_field (pdf, _("Functional acceptance (recette) done"),
                       boolean_text (ctx, "security.operational_acceptance_done"));
  if (calls != NULL)
    {
      g_autofree char *rate = g_strdup_printf (_("%s calls per minute"), calls);

      hab_pdf_add_field (pdf, _("Call rate"), rate);
    }
  else
    hab_pdf_add_field (pdf, _("Call rate"), NULL);
  add_field_path (pdf, ctx, _("Justification of the rate"), "security.calls_justification");
}

static void
summary_editeur (HabPdf  *pdf,
                 Context *ctx,
                 guint   *number)
{
  add_heading (pdf, number, hab_step_get_title (HAB_STEP_EDITEUR));
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                    _("The seven points the DGFiP recommends checking with the software editor "
                      "before subscribing."));

  for (guint i = 0; i < G_N_ELEMENTS (editor_checks); i++)
    {
      g_autofree char *answer_path = g_strdup_printf ("editor_checks.%s.answer", editor_checks[i].key);
      g_autofree char *notes_path = g_strdup_printf ("editor_checks.%s.notes", editor_checks[i].key);
      const char *notes = get (ctx, notes_path);
      g_autofree char *value = NULL;

      if (blank (notes))
        value = g_strdup (answer_label (get (ctx, answer_path)));
      else
        value = g_strdup_printf ("%s\n%s", answer_label (get (ctx, answer_path)), notes);
      hab_pdf_add_field (pdf, _(editor_checks[i].title), value);
    }
}

static void
summary_findings (HabPdf    *pdf,
                  Context   *ctx,
                  guint     *number,
                  GPtrArray *findings)
{
  static const double widths[] = { 0.15, 0.17, 0.68 };
  const char *headers[] = { _("Severity"), _("Step"), _("Finding"), NULL };

  add_heading (pdf, number, _("Findings"));

  if (findings == NULL || findings->len == 0)
    {
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY,
                        _("No finding: every DGFiP and DataPass rule the application knows is met."));
      return;
    }

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                    _("Errors prevent the submission; warnings point to likely questions from the "
                      "DGFiP; notes are for information."));

  hab_pdf_begin_table (pdf, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *severity = hab_pdf_escape (severity_label (finding->rule->severity));
      g_autofree char *step = hab_pdf_escape (finding->rule->step == HAB_STEP_SYNTHESE
                                              ? _("The File")
                                              : hab_step_get_title (finding->rule->step));
      g_autofree char *message = hab_pdf_escape (finding->message);
      g_autofree char *where = NULL;
      g_autofree char *escaped_where = NULL;
      g_autofree char *text = NULL;
      const char *cells[3];

      /* Translators: under a finding: its rule id and the field it points to */
      where = g_strdup_printf (_("%s · field %s"), finding->rule->id, finding->field);
      escaped_where = hab_pdf_escape (where);
      /* Its size and the cell's in the proportion of a ticked item's
       * detail (hab_pdf_add_check()): one font for Pango. */
      text = g_strdup_printf ("%s\n<span size=\"7500\" foreground=\"#545454\">%s</span>",
                              message, escaped_where);
      if (finding->rule->severity == HAB_SEVERITY_ERROR)
        {
          g_autofree char *bold = g_strdup_printf ("<b>%s</b>", severity);

          g_free (severity);
          severity = g_steal_pointer (&bold);
        }

      cells[0] = severity;
      cells[1] = step;
      cells[2] = text;
      hab_pdf_add_row_markup (pdf, cells);
    }
  hab_pdf_end_table (pdf);
}

/* The steps of the summary, numbered from 1: its sections that do not
 * depend on the findings. */
static void (*const summary_steps[]) (HabPdf  *pdf,
                                      Context *ctx,
                                      guint   *number) = {
  summary_parcours,
  summary_acteurs,
  summary_projet,
  summary_cadre_juridique,
  summary_donnees,
  summary_dpo,
  summary_securite,
  summary_editeur,
};

static gboolean
summary_step_applies (Context *ctx,
                      guint    step)
{
  return summary_steps[step] != summary_editeur || ctx->editor_mode;
}

static HabPdf *
lay_out_steps (Context *ctx)
{
  HabPdf *pdf = new_pdf (ctx, HAB_DOCUMENT_SUMMARY);
  guint number = 0;

  for (guint step = 0; step < G_N_ELEMENTS (summary_steps); step++)
    if (summary_step_applies (ctx, step))
      summary_steps[step] (pdf, ctx, &number);

  return pdf;
}

/* The introduction, which counts the findings, the steps, then the
 * findings. */
static HabPdf *
lay_out_summary (Context   *ctx,
                 GPtrArray *findings,
                 HabPdf    *steps)
{
  HabPdf *pdf = new_pdf (ctx, HAB_DOCUMENT_SUMMARY);
  g_autoptr(HabPdf) own_steps = NULL;
  guint number = 0;

  summary_intro (pdf, ctx, findings);

  if (steps == NULL)
    steps = own_steps = lay_out_steps (ctx);
  hab_pdf_append (pdf, steps);
  for (guint step = 0; step < G_N_ELEMENTS (summary_steps); step++)
    if (summary_step_applies (ctx, step))
      number++;

  summary_findings (pdf, ctx, &number, findings);

  return pdf;
}

/* Attestations and designation */

static void
add_warning_441_3 (HabPdf *pdf)
{
  hab_pdf_add_space (pdf, 10);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                    /* Translators: the seed's warning reads « Attention, vous engagez votre
                     * responsabilité pour toutes les informations communiquées dans cette
                     * attestation. Le faux et l'usage de faux sont punis de trois ans
                     * d'emprisonnement et de 45 000 € d'amende. "Constitue un faux, toute
                     * altération frauduleuse de la vérité, de nature à causer un préjudice et
                     * accomplie par quelque moyen que ce soit, dans un écrit ou tout autre
                     * support d'expression de la pensée qui a pour objet ou qui peut avoir
                     * pour effet d'établir la preuve d'un droit ou d'un fait ayant des
                     * conséquences juridiques." (Code pénal, article 441-3). » */
                    _("Warning: you are responsible for all the information given in this "
                      "attestation. Forgery and the use of forgeries are punishable by three "
                      "years’ imprisonment and a fine of €45,000. “Forgery is any fraudulent "
                      "alteration of the truth, liable to cause harm and carried out by any means "
                      "whatsoever, in a writing or any other medium of expression of thought, "
                      "whose purpose or possible effect is to establish the proof of a right or of "
                      "a fact having legal consequences.” (Code pénal, article 441-3)."));
}

static void
add_done_at (HabPdf *pdf)
{
  g_autofree char *done = NULL;

  /* Translators: the seed reads « Fait à _____, le _____ »; the two %s are
   * blank lines to fill in by hand */
  done = g_strdup_printf (_("Done at %s, on %s"), BLANK, BLANK_DATE);
  hab_pdf_add_space (pdf, 8);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, done);
}

static GBytes *
generate_attestation (Context      *ctx,
                      HabDocument   document,
                      GError      **error)
{
  g_autoptr(HabPdf) pdf = new_pdf (ctx, document);
  gboolean editor = document == HAB_DOCUMENT_ATTESTATION_EDITEUR;
  const char *role = editor ? HAB_ROLE_EDITEUR : HAB_ROLE_DEMANDEUR;
  g_autoptr(HabContact) employee = hab_documents_dup_contact (ctx->dossier, role, ctx->options);
  g_autofree char *employee_name = formal_name (employee);
  g_autofree char *birth_date = format_numeric_date (employee ? employee->birth_date : NULL);
  g_autofree char *representative = NULL;
  g_autofree char *employer_text = NULL;
  g_autofree char *attests = NULL;
  const char *employer, *address, *number;

  if (editor)
    {
      /* The editor's company: its address and registration are not in the
       * dossier, and are left to fill in. */
      employer = or_blank (employee ? employee->organisation : NULL,
                           or_blank (get (ctx, "project.editor_name"), BLANK));
      address = BLANK;
      number = BLANK;
    }
  else
    {
      employer = or_blank (get (ctx, "organisation.name"),
                           or_blank (employee ? employee->organisation : NULL, BLANK));
      address = or_blank (get (ctx, "organisation.address"), BLANK);
      number = or_blank (get (ctx, "organisation.siret"), BLANK);
    }

  /* Translators: the title of the seed's template, « ATTESTATION EMPLOYEUR » */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER_TITLE, _("EMPLOYER ATTESTATION"));

  /* Translators: the seed reads « Je soussigné(e), [nom, prénom], »; %s is a
   * blank line for the employer's representative */
  representative = g_strdup_printf (_("I, the undersigned, %s,"), BLANK);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, representative);

  /* Translators: the seed reads « agissant en qualité de représentant(e) de la
   * société/administration dont le siège social est situé _____, immatriculée
   * sous le numéro _____, »; the %s are the employer's name, the address of
   * its head office and its registration number (SIRET) */
  employer_text = g_strdup_printf (_("acting as the representative of the company or "
                                     "administration %s, whose head office is located at %s, "
                                     "registered under number %s,"),
                                   employer, address, number);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, employer_text);

  /* Translators: the seed reads « Atteste et certifie par la présente que
   * [nom, prénom], né(e) le xx/xx/xxxx à _____ est salarié(e)/employé(e) de
   * [nom de la société / organisation] »; the %s are the employee's name,
   * birth date, birth place and the employer's name */
  attests = g_strdup_printf (_("hereby attests and certifies that %s, born on %s in %s, is an "
                               "employee of %s."),
                             or_blank (employee_name, BLANK),
                             or_blank (birth_date, BLANK_DATE),
                             or_blank (employee ? employee->birth_place : NULL, BLANK),
                             employer);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, attests);

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER,
                    /* Translators: the seed reads « Cette attestation est délivrée pour servir
                     * et valoir ce que de droit dans le cadre de l'accès aux API de la DGFIP. » */
                    _("This attestation is issued to serve and avail as of right for the access "
                      "to the APIs of the DGFiP."));
  add_done_at (pdf);
  /* Translators: the box where the employer's representative signs and stamps */
  hab_pdf_add_box (pdf, _("Signature of the employer’s representative and stamp"), 110);
  add_warning_441_3 (pdf);

  if (employee == NULL)
    hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                      editor ? _("The editor’s contact card was not found: fill in the blanks "
                                 "by hand.")
                             : _("The demandeur’s contact card was not found: fill in the blanks "
                                 "by hand."));

  return hab_pdf_render (pdf, error);
}

static GBytes *
generate_designation (Context  *ctx,
                      GError  **error)
{
  g_autoptr(HabPdf) pdf = new_pdf (ctx, HAB_DOCUMENT_DESIGNATION);
  g_autoptr(HabContact) demandeur = hab_documents_dup_contact (ctx->dossier, HAB_ROLE_DEMANDEUR,
                                                               ctx->options);
  g_autofree char *demandeur_name = formal_name (demandeur);
  g_autofree char *letterhead = NULL;
  g_autofree char *text = NULL;
  const char *organisation = get (ctx, "organisation.name");
  const char *address = get (ctx, "organisation.address");

  if (demandeur_name == NULL)
    demandeur_name = display_name (ctx, HAB_ROLE_DEMANDEUR);

  /* The partner's letterhead (« Entête du partenaire »), then the DGFiP. */
  {
    g_autofree char *escaped_name = hab_pdf_escape (or_blank (organisation, BLANK));
    g_autofree char *escaped_address = hab_pdf_escape (or_blank (address, ""));

    letterhead = g_strdup_printf ("<b>%s</b>\n%s", escaped_name, escaped_address);
  }
  hab_pdf_add_markup (pdf, HAB_PDF_STYLE_BODY, letterhead);
  hab_pdf_add_space (pdf, 14);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_ADDRESS, dgfip_address);
  hab_pdf_add_space (pdf, 20);

  /* Translators: the title of the seed's template, « Désignation » */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER_TITLE, _("DESIGNATION"));

  /* Translators: the seed reads « Je soussigné(e) M./Mme _____, agissant en
   * tant que _____, désigne M./Mme _____ pour accomplir, au nom et pour le
   * compte de _____, toutes les formalités nécessaires au raccordement aux
   * API de la direction générale des finances publiques. »; the %s are the
   * signatory's name, their function, the demandeur's name and the
   * organisation's name */
  text = g_strdup_printf (_("I, the undersigned, Mr/Ms %s, acting as %s, designate Mr/Ms %s to "
                            "carry out, in the name and on behalf of %s, all the formalities "
                            "needed for the connection to the APIs of the Direction générale des "
                            "finances publiques."),
                          BLANK, BLANK, or_blank (demandeur_name, BLANK),
                          or_blank (organisation, BLANK));
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, text);
  add_done_at (pdf);
  /* Translators: the seed reads « (Cachet) et signature » */
  hab_pdf_add_box (pdf, _("(Stamp) and signature"), 110);

  return hab_pdf_render (pdf, error);
}

/* Security questionnaire */

static GBytes *
generate_questionnaire (Context  *ctx,
                        GError  **error)
{
  g_autoptr(HabPdf) pdf = new_pdf (ctx, HAB_DOCUMENT_QUESTIONNAIRE);
  g_autofree char *today = hab_documents_format_gdate (&ctx->options->today);
  g_autofree char *signatory = NULL;
  g_autofree char *signed_on = hab_documents_format_date (get (ctx, "security.begin_date"));
  static const double widths[] = { 0.70, 0.30 };
  const char *headers[] = { _("Question"), _("Answer"), NULL };
  const char *name = get (ctx, "security.authority_name");
  const char *function = get (ctx, "security.authority_function");

  /* Translators: the title of the seed's form, « QUESTIONNAIRE DE SÉCURITÉ API DGFIP » */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER_TITLE, _("DGFiP API SECURITY QUESTIONNAIRE"));
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE,
                    /* Translators: the seed reads « Les éléments de réponse de ce questionnaire
                     * sont confidentiels et ne seront communiqués qu'aux seuls personnes ayant
                     * accès à ces données pour la DGFIP » */
                    _("The answers to this questionnaire are confidential and will be shared only "
                      "with the persons who have access to these data at the DGFiP."));

  /* Translators: the seed reads « Informations relatives à la demande » */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Information About the Request"));
  /* Translators: the seed reads « Nom de l'API » */
  hab_pdf_add_field (pdf, _("Name of the API"), api_label (ctx));
  /* Translators: the seed reads « Date de la demande » */
  hab_pdf_add_field (pdf, _("Date of the request"), today);

  /* Translators: the seed reads « Identification du souscripteur » */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Identification of the Subscriber"));
  /* Translators: the seed reads « Raison sociale » */
  add_field_path (pdf, ctx, _("Company name"), "organisation.name");
  /* Translators: the seed reads « Adresse » */
  add_field_path (pdf, ctx, _("Address"), "organisation.address");
  if (!blank (name) && !blank (function))
    signatory = g_strdup_printf ("%s, %s", name, function);
  else
    signatory = g_strdup (or_blank (name, function));
  /* Translators: the seed reads « Signataire du document » */
  hab_pdf_add_field (pdf, _("Signatory of the document"), signatory);

  /* Translators: the seed reads « Organisation générale de la sécurité du
   * système d'information du partenaire » */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING,
                    _("General Organisation of the Security of the Partner’s Information System"));
  hab_pdf_begin_table (pdf, G_N_ELEMENTS (widths), widths, headers);
  guint n_questions;
  const HabQuestionnaireItem *questions = hab_questionnaire_get_questions (&n_questions);
  for (guint i = 0; i < n_questions; i++)
    {
      g_autofree char *path = g_strdup_printf ("security.questionnaire.%s", questions[i].key);
      g_autofree char *question = g_strdup_printf ("[O %c] %s", questions[i].key[1], _(questions[i].text));
      g_autofree char *answer = NULL;
      const char *value = get (ctx, path);
      const char *cells[2];

      /* Translators: the answer boxes, « OUI / NON » in the seed */
      answer = g_strdup_printf ("%s %s    %s %s",
                                g_strcmp0 (value, "yes") == 0 ? "☑" : "☐", _("YES"),
                                g_strcmp0 (value, "no") == 0 ? "☑" : "☐", _("NO"));
      cells[0] = question;
      cells[1] = answer;
      hab_pdf_add_row (pdf, cells);
    }
  hab_pdf_end_table (pdf);

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, _("Signature"));
  hab_pdf_add_field (pdf, _("Signed on"), signed_on);
  hab_pdf_add_field (pdf, _("Signatory"), signatory);
  hab_pdf_add_box (pdf, _("Signature of the signatory"), 80);

  /* Not the DGFiP's: kept apart, on its own page. */
  hab_pdf_add_page_break (pdf);
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_HEADING,
                    _("Annex: the Collectivité’s Own Preparation of the Other Axes"));
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY,
                    _("This annex is not part of the DGFiP’s questionnaire, and its items are not "
                      "numbered as the DGFiP numbers its questions. It records how far the "
                      "collectivité has prepared its answers on the other axes the questionnaire "
                      "covers: the conditions in which the information system concerned is "
                      "implemented, security monitoring and supervision, hosting, administration "
                      "and operation."));
  guint n_axes;
  const HabQuestionnaireItem *axes = hab_questionnaire_get_axes (&n_axes);
  for (guint i = 0; i < n_axes; i++)
    {
      g_autofree char *path = g_strdup_printf ("security.questionnaire_preparation.%s", axes[i].key);
      gboolean value = FALSE;

      hab_dossier_get_boolean (ctx->dossier, path, &value);
      hab_pdf_add_check (pdf, value, _(axes[i].text),
                         value ? _("Answers prepared") : _("Answers not prepared yet"));
    }

  return hab_pdf_render (pdf, error);
}

/* Public */

const char *
hab_document_get_file_name (HabDocument document)
{
  g_return_val_if_fail (document < HAB_N_DOCUMENTS, NULL);

  return document_info[document].file_name;
}

const char *
hab_document_get_title (HabDocument document)
{
  g_return_val_if_fail (document < HAB_N_DOCUMENTS, NULL);

  return _(document_info[document].title);
}

const char *
hab_document_get_description (HabDocument document)
{
  g_return_val_if_fail (document < HAB_N_DOCUMENTS, NULL);

  return _(document_info[document].description);
}

/**
 * hab_document_applies:
 *
 * Returns: whether @document is part of @dossier's bundle: the editor's
 *   attestation only in editor mode, the questionnaire only when it is the
 *   chosen security attestation
 */
gboolean
hab_document_applies (HabDocument  document,
                      HabDossier  *dossier)
{
  g_return_val_if_fail (document < HAB_N_DOCUMENTS, FALSE);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), FALSE);

  switch (document)
    {
    case HAB_DOCUMENT_ATTESTATION_EDITEUR:
      return g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;

    case HAB_DOCUMENT_QUESTIONNAIRE:
      return g_strcmp0 (hab_dossier_get_string (dossier, "security.kind"), "questionnaire") == 0;

    case HAB_DOCUMENT_SUMMARY:
    case HAB_DOCUMENT_ATTESTATION_DEMANDEUR:
    case HAB_DOCUMENT_DESIGNATION:
    case HAB_DOCUMENT_DATAPASS:
    case HAB_N_DOCUMENTS:
    default:
      return TRUE;
    }
}

/**
 * hab_document_prepare_summary_fonts:
 *
 * Loads the fonts the summary is laid out with into this thread's font
 * map, from a sample of each kind of text it has: a thread that is about
 * to lay out a summary may do so while it waits for something else (the
 * catalogue, loaded by the thread that validates, hab-bundle.c). Each new
 * font costs Pango two threads and a layout of a sample text for its
 * metrics, whoever asks first.
 */
void
hab_document_prepare_summary_fonts (void)
{
  g_autoptr(HabPdf) pdf = hab_pdf_new ("", "");
  g_autofree char *mono = mono_markup ("0");

  /* Titles, labels and text; an item and the line under it (as under a
   * finding); a fingerprint. */
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_TITLE, "A");
  hab_pdf_add_field (pdf, "A", "A");
  hab_pdf_add_check (pdf, TRUE, "A", "A");
  hab_pdf_add_field_markup (pdf, "A", mono);
}

/**
 * hab_document_lay_out_summary_steps:
 * @dossier: the dossier; not changed
 * @options: the generation date, the draft mark, the contact lookup
 *
 * Lays out the steps of the summary, the sections that do not depend on
 * the findings, while they are not known yet (a bundle made in two
 * threads, hab-bundle.c): for hab_document_lay_out_summary().
 *
 * Returns: (transfer full): the steps
 */
HabPdf *
hab_document_lay_out_summary_steps (HabDossier               *dossier,
                                    const HabDocumentOptions *options)
{
  g_auto(Context) ctx = { 0 };

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  context_init (&ctx, dossier, options);
  return lay_out_steps (&ctx);
}

/**
 * hab_document_lay_out_summary:
 * @dossier: the dossier; not changed
 * @options: the generation date, the draft mark, the contact lookup
 * @findings: (element-type HabFinding): the dossier's findings
 * @steps: (nullable): its steps, from hab_document_lay_out_summary_steps()
 *   in this thread; emptied. %NULL lays them out here.
 *
 * The summary, laid out but not drawn yet: hab_pdf_render() makes its
 * bytes, which the caller may hand over before it lets go of the layout.
 *
 * Returns: (transfer full): the summary
 */
HabPdf *
hab_document_lay_out_summary (HabDossier               *dossier,
                              const HabDocumentOptions *options,
                              GPtrArray                *findings,
                              HabPdf                   *steps)
{
  g_auto(Context) ctx = { 0 };

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (findings != NULL, NULL);
  g_return_val_if_fail (steps == NULL || HAB_IS_PDF (steps), NULL);

  context_init (&ctx, dossier, options);
  return lay_out_summary (&ctx, findings, steps);
}

/**
 * hab_document_generate:
 * @document: which one
 * @dossier: the dossier; not changed
 * @options: the generation date, the draft mark, the contact lookup
 * @findings: (nullable) (element-type HabFinding): the dossier's findings
 *   for the summary; %NULL validates the dossier here
 *
 * Returns: (transfer full): the document's bytes (PDF, or UTF-8 text for
 *   datapass.txt), or %NULL with @error set
 */
GBytes *
hab_document_generate (HabDocument               document,
                       HabDossier               *dossier,
                       const HabDocumentOptions *options,
                       GPtrArray                *findings,
                       GError                  **error)
{
  g_auto(Context) ctx = { 0 };
  g_autoptr(GPtrArray) own_findings = NULL;

  g_return_val_if_fail (document < HAB_N_DOCUMENTS, NULL);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context_init (&ctx, dossier, options);

  switch (document)
    {
    case HAB_DOCUMENT_SUMMARY:
      if (findings == NULL)
        {
          g_autoptr(HabValidator) validator = hab_validator_new (ctx.catalogue);

          if (g_date_valid (&options->today))
            hab_validator_set_today (validator, &options->today);
          if (options->contact_lookup != NULL)
            hab_validator_set_contact_lookup (validator, options->contact_lookup,
                                              options->contact_lookup_data, NULL);
          own_findings = hab_validator_validate (validator, dossier);
          findings = own_findings;
        }
      {
        g_autoptr(HabPdf) pdf = lay_out_summary (&ctx, findings, NULL);

        return hab_pdf_render (pdf, error);
      }

    case HAB_DOCUMENT_ATTESTATION_DEMANDEUR:
    case HAB_DOCUMENT_ATTESTATION_EDITEUR:
      return generate_attestation (&ctx, document, error);

    case HAB_DOCUMENT_DESIGNATION:
      return generate_designation (&ctx, error);

    case HAB_DOCUMENT_QUESTIONNAIRE:
      return generate_questionnaire (&ctx, error);

    case HAB_DOCUMENT_DATAPASS:
      {
        char *text = hab_datapass_text_build (dossier, options);

        return g_bytes_new_take (text, strlen (text));
      }

    case HAB_N_DOCUMENTS:
    default:
      g_assert_not_reached ();
    }
}
