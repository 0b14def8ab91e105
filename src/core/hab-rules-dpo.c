/* hab-rules-dpo.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-fingerprint.h"
#include "hab-review.h"
#include "hab-validator-private.h"

/* The DPO step: the DataPass "DPO informed" checkbox (reference/domain.md
 * a.1) and the DPO's review of the data, bound to the data fingerprint
 * (DESIGN §7). Reviews are append-only: the last one in dpo.reviews (array
 * order) decides, and only that one is checked. */

static const HabRule rules[] = {
  { "dpo.not_informed", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The DPO is not confirmed as informed of the request") },
  { "dpo.informed_date_missing", HAB_SEVERITY_WARNING, HAB_STEP_DPO,
    N_("The date the DPO was informed is not given") },
  { "dpo.informed_date_future", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The date the DPO was informed is in the future") },
  { "dpo.no_review", HAB_SEVERITY_WARNING, HAB_STEP_DPO,
    N_("The DPO has not reviewed the requested data") },
  { "dpo.changes_requested", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The DPO’s latest review asks for changes") },
  { "dpo.approval_outdated", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The data changed since the DPO approved them") },
  { "dpo.reviewer_not_dpo", HAB_SEVERITY_WARNING, HAB_STEP_DPO,
    N_("The latest review was not made by the DPO named in the dossier") },
  { "dpo.review_decision_invalid", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The latest review has no valid decision") },
  { "dpo.review_fingerprint_invalid", HAB_SEVERITY_ERROR, HAB_STEP_DPO,
    N_("The latest review has no valid data fingerprint") },
  { "dpo.review_date_invalid", HAB_SEVERITY_WARNING, HAB_STEP_DPO,
    N_("The latest review has no valid date") },
  { "dpo.review_future", HAB_SEVERITY_WARNING, HAB_STEP_DPO,
    N_("The latest review is dated in the future") },
};

/* Whether the reviewer is the DPO named in the dossier (display name or
 * card, hab-review.c); @known is FALSE when the dossier names no DPO. */
static gboolean
reviewer_is_dpo (HabCheckContext *ctx,
                 const char      *reviewer,
                 gboolean        *known)
{
  const char *display_name = hab_dossier_get_string (ctx->dossier,
                                                     "actors." HAB_ROLE_DELEGUE_PROTECTION_DONNEES
                                                     ".display_name");

  return hab_review_name_is_dpo (reviewer, display_name,
                                 ctx->contacts[HAB_ROLE_INDEX_DELEGUE_PROTECTION_DONNEES], known);
}

static void
check_latest_review (HabCheckContext *ctx,
                     JsonObject      *review,
                     guint            index)
{
  const char *decision = hab_json_object_get_string (review, "decision");
  const char *fingerprint = hab_json_object_get_string (review, "fingerprint");
  const char *reviewer = hab_json_object_get_string (review, "reviewer");
  const char *date_str = hab_json_object_get_string (review, "date");
  gboolean approved = g_strcmp0 (decision, "approved") == 0;
  gboolean valid_fingerprint = hab_fingerprint_is_valid (fingerprint);
  gboolean known = FALSE;
  char field[64];
  GDate date;

  if (!approved && g_strcmp0 (decision, "changes_requested") != 0)
    {
      g_snprintf (field, sizeof field, "dpo.reviews.%u.decision", index);
      _hab_check_add (ctx, "dpo.review_decision_invalid", field,
                      _("The latest review has no valid decision (“approved” or “changes "
                        "requested”); send the dossier to the DPO again for review."));
    }
  else if (!approved)
    {
      const char *comment = hab_json_object_get_string (review, "comment");

      g_snprintf (field, sizeof field, "dpo.reviews.%u", index);
      if (!_hab_str_blank (comment))
        _hab_check_add (ctx, "dpo.changes_requested", field,
                        _("The DPO asks for changes: “%s”. Make them, then send the dossier to "
                          "the DPO again."),
                        comment);
      else
        _hab_check_add (ctx, "dpo.changes_requested", field,
                        _("The DPO asks for changes; read the comments on the data items, make "
                          "the changes, then send the dossier to the DPO again."));
    }

  if (!valid_fingerprint)
    {
      g_snprintf (field, sizeof field, "dpo.reviews.%u.fingerprint", index);
      _hab_check_add (ctx, "dpo.review_fingerprint_invalid", field,
                      _("The latest review is not bound to the data it covers (its fingerprint "
                        "is missing or malformed); send the dossier to the DPO again for "
                        "review."));
    }
  else if (approved)
    {
      g_autofree char *text = hab_fingerprint_canonical_text (ctx->dossier);
      const char *current = _hab_validator_fingerprint (ctx->validator, text);

      if (strcmp (current, fingerprint) != 0)
        {
          /* What changed, when the review keeps the data it approved. */
          const char *list = _hab_validator_describe_changes (ctx->validator, review, text);

          g_snprintf (field, sizeof field, "dpo.reviews.%u", index);
          if (list != NULL)
            _hab_check_add (ctx, "dpo.approval_outdated", field,
                            /* Translators: %s lists the changes, e.g. “data item “RFR”
                             * added; recipients changed” */
                            _("The data changed since the DPO approved them: %s. Send the "
                              "dossier to the DPO again for a new approval."),
                            list);
          else
            _hab_check_add (ctx, "dpo.approval_outdated", field,
                            _("The data items, purposes, recipients, retention or access changed "
                              "since the DPO approved them; send the dossier to the DPO again "
                              "for a new approval."));
        }
    }

  if (!reviewer_is_dpo (ctx, reviewer, &known) && known)
    {
      g_snprintf (field, sizeof field, "dpo.reviews.%u.reviewer", index);
      if (_hab_str_blank (reviewer))
        _hab_check_add (ctx, "dpo.reviewer_not_dpo", field,
                        _("The latest review does not name its reviewer; the DPO named in the "
                          "Acteurs step should review the dossier."));
      else
        _hab_check_add (ctx, "dpo.reviewer_not_dpo", field,
                        _("The latest review was made by “%s”, who is not the DPO named in the "
                          "Acteurs step; have the DPO review the dossier, or correct the DPO’s "
                          "name."),
                        reviewer);
    }

  g_date_clear (&date, 1);
  g_snprintf (field, sizeof field, "dpo.reviews.%u.date", index);
  if (!hab_review_parse_date (date_str, &date))
    _hab_check_add (ctx, "dpo.review_date_invalid", field,
                    _("The latest review has no valid date (YYYY-MM-DD); have the DPO review "
                      "the dossier again."));
  else if (g_date_compare (&date, &ctx->today) > 0)
    _hab_check_add (ctx, "dpo.review_future", field,
                    _("The latest review is dated %s, in the future; check the date of the "
                      "computer it was made on."),
                    date_str);
}

static void
check_dpo (HabCheckContext *ctx)
{
  JsonArray *reviews;
  JsonObject *latest = NULL;
  guint latest_index = 0;
  gboolean informed = FALSE;
  guint n;

  if (!hab_dossier_get_boolean (ctx->dossier, "dpo.informed", &informed) || !informed)
    _hab_check_add (ctx, "dpo.not_informed", "dpo.informed",
                    _("Inform your data protection officer (DPO) of this request, then tick "
                      "“DPO informed”: DataPass asks you to confirm it."));
  else
    {
      const char *date_str = hab_dossier_get_string (ctx->dossier, "dpo.informed_date");
      GDate date;

      g_date_clear (&date, 1);
      if (_hab_str_blank (date_str))
        _hab_check_add (ctx, "dpo.informed_date_missing", "dpo.informed_date",
                        _("Enter the date the DPO was informed of the request."));
      else if (_hab_parse_date (date_str, &date) && g_date_compare (&date, &ctx->today) > 0)
        _hab_check_add (ctx, "dpo.informed_date_future", "dpo.informed_date",
                        _("The DPO is said to be informed on %s, a date in the future; inform "
                          "the DPO now and enter today’s date."),
                        date_str);
    }

  reviews = hab_dossier_get_array (ctx->dossier, "dpo.reviews");
  n = reviews ? json_array_get_length (reviews) : 0;
  for (guint i = n; i > 0; i--)
    {
      JsonNode *element = json_array_get_element (reviews, i - 1);

      if (JSON_NODE_HOLDS_OBJECT (element))
        {
          latest = json_node_get_object (element);
          latest_index = i - 1;
          break;
        }
    }

  if (latest == NULL)
    _hab_check_add (ctx, "dpo.no_review", "dpo.reviews",
                    _("Send the dossier to your DPO so that they check and approve the "
                      "requested data, their purposes, retention and recipients."));
  else
    check_latest_review (ctx, latest, latest_index);
}

HAB_DEFINE_RULE_FAMILY (dpo, rules, check_dpo);
