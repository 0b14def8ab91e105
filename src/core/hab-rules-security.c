/* hab-rules-security.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-questionnaire.h"
#include "hab-validator-private.h"

/* The Sécurité step, asked by DataPass only in production (reference/
 * domain.md a.1): homologation de sécurité or DGFiP security questionnaire
 * (e.1 and the seed), its validity and renewal (CGU §3.4: a new attestation
 * 3 months before the end; the questionnaire updated at least every three
 * years), the recette fonctionnelle (in-house path only, a.0) and the call
 * rate (volumetrie). In sandbox this family reports nothing. */

#define RENEWAL_NOTICE_MONTHS    3
#define QUESTIONNAIRE_VALID_MONTHS 36
#define DEFAULT_CALL_RATE        50

static const HabRule rules[] = {
  { "security.kind_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("Neither a homologation de sécurité nor the security questionnaire is chosen") },
  { "security.kind_unknown", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The kind of security attestation is not one DataPass knows") },
  { "security.questionnaire_reason_missing", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("A body subject to the RGS chose the questionnaire without saying why") },
  { "security.document_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The homologation decision or the signed questionnaire is not attached") },
  { "security.document_not_pdf", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The homologation decision or questionnaire is not a PDF file") },
  { "security.document_too_large", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The homologation decision or questionnaire is larger than 10 MB") },
  { "security.document_not_found", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The attached homologation decision or questionnaire cannot be found on disk") },
  { "security.document_changed", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("The homologation decision or questionnaire changed on disk since it was attached") },
  { "security.authority_name_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The name of the homologation authority or questionnaire signatory is not given") },
  { "security.authority_function_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The function of the homologation authority or questionnaire signatory is not given") },
  { "security.begin_date_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The homologation date or questionnaire signature date is not given") },
  { "security.end_date_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The end date of the homologation is not given") },
  { "security.end_before_begin", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The end date is not after the begin date") },
  { "security.begin_date_future", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("The homologation or signature date is in the future") },
  { "security.expired", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The homologation has expired") },
  { "security.renewal_due", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("The homologation ends within 3 months: a new attestation is due") },
  { "security.questionnaire_too_old", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The security questionnaire was signed more than 3 years ago") },
  { "security.questionnaire_renewal_due", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("The security questionnaire reaches its 3-year limit within 3 months") },
  { "security.questionnaire_answer_missing", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("A question O1 to O5 of the security questionnaire is not answered") },
  { "security.questionnaire_answer_no", HAB_SEVERITY_WARNING, HAB_STEP_SECURITE,
    N_("A question O1 to O5 of the security questionnaire is answered “no”") },
  { "security.questionnaire_answer_invalid", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("An answer of the security questionnaire is neither “yes” nor “no”") },
  { "security.acceptance_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The functional acceptance (recette) is not confirmed for an in-house production request") },
  { "security.calls_invalid", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("The requested call rate is not one of the choices of the API") },
  { "security.calls_justification_missing", HAB_SEVERITY_ERROR, HAB_STEP_SECURITE,
    N_("A call rate above 50 per minute is requested without a justification") },
  { "security.calls_high", HAB_SEVERITY_INFO, HAB_STEP_SECURITE,
    N_("A call rate above 50 per minute is requested; the DGFiP will check the justification") },
};


static const char *const pdf_types[] = { "application/pdf", NULL };

static const HabAttachmentRules document_rules = {
  .bad_type = "security.document_not_pdf",
  .too_large = "security.document_too_large",
  .missing = "security.document_not_found",
  .changed = "security.document_changed",
};

static gboolean
get_date (HabCheckContext *ctx,
          const char      *path,
          GDate           *date,
          gboolean        *present)
{
  const char *str = hab_dossier_get_string (ctx->dossier, path);

  *present = !_hab_str_blank (str);
  g_date_clear (date, 1);

  /* A malformed date is reported by the format family. */
  return *present && _hab_parse_date (str, date);
}

static void
check_dates (HabCheckContext *ctx,
             gboolean         questionnaire)
{
  GDate begin, end, limit;
  gboolean has_begin, has_end, begin_present, end_present;
  gboolean end_reported = FALSE;

  has_begin = get_date (ctx, "security.begin_date", &begin, &begin_present);
  has_end = get_date (ctx, "security.end_date", &end, &end_present);

  if (!begin_present)
    _hab_check_add (ctx, "security.begin_date_missing", "security.begin_date",
                    questionnaire
                    ? _("Enter the date the security questionnaire was signed.")
                    : _("Enter the date of the homologation decision."));

  if (!end_present)
    _hab_check_add (ctx, "security.end_date_missing", "security.end_date",
                    questionnaire
                    ? _("Enter the end date of validity of the questionnaire: DataPass asks "
                        "for it even for a questionnaire (at most 3 years after signature).")
                    : _("Enter the end date of the homologation, as written in the "
                        "decision."));

  if (has_begin && g_date_compare (&begin, &ctx->today) > 0)
    _hab_check_add (ctx, "security.begin_date_future", "security.begin_date",
                    _("The homologation or signature date is in the future; the attestation "
                      "must be signed before production exchanges start. Check the date."));

  if (has_begin && has_end && g_date_compare (&end, &begin) <= 0)
    {
      _hab_check_add (ctx, "security.end_before_begin", "security.end_date",
                      _("The end date must be after the begin date; correct one of them."));
      has_end = FALSE;
    }

  limit = ctx->today;
  g_date_add_months (&limit, RENEWAL_NOTICE_MONTHS);

  if (has_end && g_date_compare (&end, &ctx->today) < 0)
    {
      _hab_check_add (ctx, "security.expired", "security.end_date",
                      _("The homologation or questionnaire ended on %s; attach a new, valid "
                        "attestation: the DGFiP suspends exchanges without one."),
                      hab_dossier_get_string (ctx->dossier, "security.end_date"));
      end_reported = TRUE;
    }
  else if (has_end && g_date_compare (&end, &limit) <= 0)
    {
      _hab_check_add (ctx, "security.renewal_due", "security.end_date",
                      _("The homologation or questionnaire ends on %s: a new attestation must "
                        "reach the DGFiP 3 months before the end, or exchanges are suspended. "
                        "Renew it now."),
                      hab_dossier_get_string (ctx->dossier, "security.end_date"));
      end_reported = TRUE;
    }

  if (questionnaire && has_begin && !end_reported)
    {
      GDate expiry = begin;

      g_date_add_months (&expiry, QUESTIONNAIRE_VALID_MONTHS);
      if (g_date_compare (&ctx->today, &expiry) > 0)
        _hab_check_add (ctx, "security.questionnaire_too_old", "security.begin_date",
                        _("The security questionnaire was signed more than 3 years ago; the "
                          "DGFiP asks for it to be updated at least every three years. Fill "
                          "in and sign a new one."));
      else if (g_date_compare (&expiry, &limit) <= 0)
        _hab_check_add (ctx, "security.questionnaire_renewal_due", "security.begin_date",
                        _("The security questionnaire reaches its 3-year limit soon; it must be "
                          "renewed 3 months before it expires. Prepare a new one now."));
    }
}

static void
check_questionnaire (HabCheckContext *ctx)
{
  JsonObject *answers = hab_dossier_get_object (ctx->dossier, "security.questionnaire");
  char field[64];
  guint n_questions;
  const HabQuestionnaireItem *questions = hab_questionnaire_get_questions (&n_questions);

  for (guint i = 0; i < n_questions; i++)
    {
      JsonNode *node = answers ? json_object_get_member (answers, questions[i].key) : NULL;
      const char *answer = NULL;

      g_snprintf (field, sizeof field, "security.questionnaire.%s", questions[i].key);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        answer = json_node_get_string (node);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node) || (answer != NULL && *answer == '\0'))
        _hab_check_add (ctx, "security.questionnaire_answer_missing", field,
                        _("Answer question %s of the security questionnaire: “%s”"),
                        questions[i].key, _(questions[i].text));
      else if (g_strcmp0 (answer, "no") == 0)
        _hab_check_add (ctx, "security.questionnaire_answer_no", field,
                        _("Question %s, “%s”, is answered “no”; the DGFiP’s security officer "
                          "may ask for measures before opening production. Explain how the "
                          "risk is handled, or plan the measure."),
                        questions[i].key, _(questions[i].text));
      else if (g_strcmp0 (answer, "yes") != 0)
        _hab_check_add (ctx, "security.questionnaire_answer_invalid", field,
                        _("Answer question %s of the security questionnaire with “yes” or "
                          "“no”."),
                        questions[i].key);
    }
}

static void
check_call_rate (HabCheckContext *ctx)
{
  JsonNode *node = hab_dossier_lookup (ctx->dossier, "security.calls_per_minute");
  gint64 rate;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;   /* DataPass's default, the smallest choice (50) */

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64
      || (ctx->api != NULL && !hab_api_is_call_rate_allowed (ctx->api, json_node_get_int (node))))
    {
      g_autoptr(GString) choices = g_string_new (NULL);

      for (guint i = 0; ctx->api != NULL && i < ctx->api->n_call_rates; i++)
        g_string_append_printf (choices, "%s%" G_GINT64_FORMAT,
                                i == 0 ? "" : ", ", ctx->api->call_rates[i]);

      if (choices->len > 0)
        _hab_check_add (ctx, "security.calls_invalid", "security.calls_per_minute",
                        _("Choose a call rate offered by DataPass for this API: %s calls per "
                          "minute."),
                        choices->str);
      else
        _hab_check_add (ctx, "security.calls_invalid", "security.calls_per_minute",
                        _("Choose a call rate offered by DataPass, as a whole number of calls "
                          "per minute."));
      return;
    }

  rate = json_node_get_int (node);
  if (rate <= DEFAULT_CALL_RATE)
    return;

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "security.calls_justification")))
    _hab_check_add (ctx, "security.calls_justification_missing", "security.calls_justification",
                    _("Explain why you need %lld calls per minute rather than "
                      "50 (volumes per month and per day, peaks, opening hours of the "
                      "service), or choose 50."),
                    (long long) rate);
  else
    _hab_check_add (ctx, "security.calls_high", "security.calls_per_minute",
                    _("%lld calls per minute are requested; the DGFiP will "
                      "check the volumes given in the justification."),
                    (long long) rate);
}

static void
check_security (HabCheckContext *ctx)
{
  const char *kind;
  gboolean questionnaire, acceptance = FALSE, rgs = FALSE;
  JsonNode *document;

  if (!ctx->production)
    return;

  kind = hab_dossier_get_string (ctx->dossier, "security.kind");
  questionnaire = g_strcmp0 (kind, "questionnaire") == 0;

  if (_hab_str_blank (kind))
    _hab_check_add (ctx, "security.kind_missing", "security.kind",
                    _("Choose how the security of the service is attested: a homologation de "
                      "sécurité (mandatory for bodies subject to the RGS) or the DGFiP "
                      "security questionnaire."));
  else if (!questionnaire && strcmp (kind, "homologation") != 0)
    _hab_check_add (ctx, "security.kind_unknown", "security.kind",
                    _("“%s” is not a kind of security attestation; choose a homologation de "
                      "sécurité or the DGFiP security questionnaire."),
                    kind);

  if (questionnaire
      && hab_dossier_get_boolean (ctx->dossier, "organisation.subject_to_rgs", &rgs) && rgs
      && _hab_str_blank (hab_dossier_get_string (ctx->dossier, "security.questionnaire_reason")))
    _hab_check_add (ctx, "security.questionnaire_reason_missing", "security.questionnaire_reason",
                    _("Your organisation is subject to the RGS, for which the homologation de "
                      "sécurité is mandatory; the questionnaire is meant for bodies outside "
                      "the RGS or without sufficient means. Explain why you use it, or attach "
                      "a homologation."));

  document = hab_dossier_lookup (ctx->dossier, "security.document");
  if (document == NULL || !JSON_NODE_HOLDS_OBJECT (document))
    _hab_check_add (ctx, "security.document_missing", "security.document",
                    questionnaire
                    ? _("Attach the signed security questionnaire (PDF, under 10 MB).")
                    : _("Attach the homologation decision (PDF, under 10 MB), also called the "
                        "formal attestation."));
  else
    _hab_check_attachment (ctx, document, "security.document", pdf_types,
                           HAB_ATTACHMENT_MAX_SIZE, &document_rules);

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "security.authority_name")))
    _hab_check_add (ctx, "security.authority_name_missing", "security.authority_name",
                    _("Enter the name of the homologation authority or of the signatory of "
                      "the questionnaire."));

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "security.authority_function")))
    _hab_check_add (ctx, "security.authority_function_missing", "security.authority_function",
                    _("Enter the function of the homologation authority or of the signatory "
                      "of the questionnaire (e.g. “Maire”, “Directeur général des "
                      "services”)."));

  check_dates (ctx, questionnaire);

  if (questionnaire)
    check_questionnaire (ctx);

  if (g_strcmp0 (ctx->development, "in_house") == 0
      && (!hab_dossier_get_boolean (ctx->dossier, "security.operational_acceptance_done",
                                    &acceptance)
          || !acceptance))
    _hab_check_add (ctx, "security.acceptance_missing", "security.operational_acceptance_done",
                    _("Run the functional acceptance (recette) of your service on the "
                      "sandbox, then confirm it: DataPass asks you to attest it before "
                      "production."));

  check_call_rate (ctx);
}

HAB_DEFINE_RULE_FAMILY (security, rules, check_security);
