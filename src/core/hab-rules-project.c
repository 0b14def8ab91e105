/* hab-rules-project.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-validator-private.h"

/* The Projet step: DataPass's "Mon projet" block (reference/domain.md a.1)
 * and the seed's four questions to answer when presenting the project
 * (objective and use case, data and management rule, editor, progress). */

static const HabRule rules[] = {
  { "project.title_missing", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The project has no title (DataPass “Nom du projet”, made public)") },
  { "project.description_missing", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The project has no description (what the service is for and who will use it)") },
  { "project.description_placeholder", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("The description still holds DataPass’s pre-filled “(A compléter par le demandeur)”") },
  { "project.objective_missing", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("The general objective of the project and its use case are not described") },
  { "project.data_usage_missing", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("The use of the data and the management rule that uses them (e.g. QF = RFR / nombre "
       "de parts) are not described") },
  { "project.editor_name_missing", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("In editor mode, the name of the software editor is missing") },
  { "project.editor_software_missing", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("In editor mode, the name of the software that will call the API is missing") },
  { "project.progress_missing", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("The progress of the project (réflexion, conception, développement) is not given") },
  { "project.progress_unknown", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The progress of the project is not one of réflexion, conception or développement") },
  { "project.planned_date_past", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("The planned production date is in the past") },
  { "project.planned_date_soon", HAB_SEVERITY_INFO, HAB_STEP_PROJET,
    N_("The planned production date is sooner than the DGFiP’s average processing time of a "
       "request (75 days)") },
  { "project.mockup_not_pdf", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The mock-up of the project is not a PDF file, the only type DataPass accepts") },
  { "project.mockup_too_large", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The mock-up of the project is larger than DataPass’s 10 MB limit") },
  { "project.mockup_missing", HAB_SEVERITY_ERROR, HAB_STEP_PROJET,
    N_("The attached mock-up cannot be found on disk") },
  { "project.mockup_changed", HAB_SEVERITY_WARNING, HAB_STEP_PROJET,
    N_("The attached mock-up has changed on disk since it was attached") },
};

/* impots.gouv.fr FAQ: a request takes 75 days on average to be processed
 * (reference/domain.md h.12). */
#define AVERAGE_PROCESSING_DAYS 75

static const char *const progress_keys[] = { "reflexion", "conception", "developpement", NULL };

static const char *const pdf_types[] = { "application/pdf", NULL };

static const HabAttachmentRules mockup_rules = {
  .bad_type = "project.mockup_not_pdf",
  .too_large = "project.mockup_too_large",
  .missing = "project.mockup_missing",
  .changed = "project.mockup_changed",
};

/* ASCII-case-insensitive strstr; other bytes (UTF-8) must match exactly. */
static gboolean
contains_ascii_nocase (const char *haystack,
                       const char *needle)
{
  gsize len = strlen (needle);
  char first = g_ascii_tolower (needle[0]);

  if (len == 0)
    return TRUE;

  /* Compares only where the first letter matches: the texts are long. */
  for (const char *p = haystack; *p != '\0'; p++)
    if (g_ascii_tolower (*p) == first && g_ascii_strncasecmp (p, needle, len) == 0)
      return TRUE;

  return FALSE;
}

static void
check_texts (HabCheckContext *ctx)
{
  const char *description = hab_dossier_get_string (ctx->dossier, "project.description");

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "project.title")))
    _hab_check_add (ctx, "project.title_missing", "project.title",
                    _("Give the project a title; DataPass makes it public, e.g. “Dites-le-nous "
                      "une fois – Cantine scolaire”."));

  if (_hab_str_blank (description))
    _hab_check_add (ctx, "project.description_missing", "project.description",
                    _("Describe the project: what the service is for and who will use it. The "
                      "DGFiP asks for a description as complete as possible."));
  else if (contains_ascii_nocase (description, "compléter par le demandeur")
           || contains_ascii_nocase (description, "completer par le demandeur"))
    _hab_check_add (ctx, "project.description_placeholder", "project.description",
                    _("The description still contains “(A compléter par le demandeur)”: "
                      "complete the pre-filled text with your own project and remove that "
                      "mention."));

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "project.objective")))
    _hab_check_add (ctx, "project.objective_missing", "project.objective",
                    _("State the general objective of the project and its use case, and to whom "
                      "the service is rendered, e.g. “As a town hall, I want to compute the "
                      "school canteen rate without asking families for documents”."));

  if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "project.data_usage")))
    _hab_check_add (ctx, "project.data_usage_missing", "project.data_usage",
                    _("Explain what the data are used for and the management rule that uses "
                      "them, e.g. “QF = RFR / nombre de parts”."));

  if (ctx->editor_mode)
    {
      if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "project.editor_name")))
        _hab_check_add (ctx, "project.editor_name_missing", "project.editor_name",
                        _("Enter the name of the software editor that develops the "
                          "connection to the API."));

      if (_hab_str_blank (hab_dossier_get_string (ctx->dossier, "project.editor_software")))
        _hab_check_add (ctx, "project.editor_software_missing", "project.editor_software",
                        _("Enter the name of the editor’s software that will use the data."));
    }
}

static void
check_progress (HabCheckContext *ctx)
{
  const char *progress = hab_dossier_get_string (ctx->dossier, "project.progress");

  if (_hab_str_blank (progress))
    _hab_check_add (ctx, "project.progress_missing", "project.progress",
                    _("Say how far the project is: réflexion, conception or développement."));
  else if (!g_strv_contains (progress_keys, progress))
    _hab_check_add (ctx, "project.progress_unknown", "project.progress",
                    _("“%s” is not a stage of progress; choose réflexion, conception or "
                      "développement."),
                    progress);
}

static void
check_planned_date (HabCheckContext *ctx)
{
  const char *value = hab_dossier_get_string (ctx->dossier, "project.planned_production_date");
  GDate date;
  GDate soon;

  /* A malformed date is reported by the format family. */
  if (_hab_str_blank (value) || !_hab_parse_date (value, &date))
    return;

  if (g_date_compare (&date, &ctx->today) < 0)
    {
      _hab_check_add (ctx, "project.planned_date_past", "project.planned_production_date",
                      _("The planned production date, %s, is past; enter the date you now "
                        "expect."),
                      value);
      return;
    }

  soon = ctx->today;
  g_date_add_days (&soon, AVERAGE_PROCESSING_DAYS);
  if (g_date_compare (&date, &soon) < 0)
    _hab_check_add (ctx, "project.planned_date_soon", "project.planned_production_date",
                    _("The DGFiP takes %d days on average to process a request, so production "
                      "by %s is unlikely; plan a later date, or be ready for a delay."),
                    AVERAGE_PROCESSING_DAYS, value);
}

static void
check_project (HabCheckContext *ctx)
{
  check_texts (ctx);
  check_progress (ctx);
  check_planned_date (ctx);

  _hab_check_attachment (ctx, hab_dossier_lookup (ctx->dossier, "project.mockup"),
                         "project.mockup", pdf_types, HAB_ATTACHMENT_MAX_SIZE, &mockup_rules);
}

HAB_DEFINE_RULE_FAMILY (project, rules, check_project);
