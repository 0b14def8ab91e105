/* hab-rules-editor.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-rules"

#include "config.h"

#include <string.h>

#include "hab-validator-private.h"

/* The Éditeur step, in editor mode only: the seven checks the DGFiP
 * recommends running with the software editor before subscribing (seed,
 * “Focus sur l’éditeur de logiciels”), stored as editor_checks.<key>.answer
 * = yes / no / in_progress / unknown (DESIGN §4). One “unanswered” rule per
 * check so that the help can explain each. */

static const HabRule rules[] = {
  { "editor.integration_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("Whether the API is integrated into the editor’s software is not checked") },
  { "editor.management_rules_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("Whether the software’s management rules match yours is not checked") },
  { "editor.cost_and_lead_time_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("The cost and lead time of the integration are not checked") },
  { "editor.onboarding_support_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("The editor’s help with subscription and connection is not checked") },
  { "editor.follow_up_contact_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("Whether the editor gives a project follow-up contact is not checked") },
  { "editor.technical_support_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("The editor’s technical and functional support is not checked") },
  { "editor.training_and_docs_unanswered", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("The editor’s training and documentation are not checked") },
  { "editor.answer_invalid", HAB_SEVERITY_ERROR, HAB_STEP_EDITEUR,
    N_("An answer of the Éditeur step is not yes, no, in progress or unknown") },
  { "editor.integration_no", HAB_SEVERITY_ERROR, HAB_STEP_EDITEUR,
    N_("The API is neither integrated into the editor’s software nor planned") },
  { "editor.integration_in_progress", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("Production is requested while the editor is still integrating the API") },
  { "editor.management_rules_no", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("The software’s management rules do not match the organisation’s") },
  { "editor.cost_and_lead_time_no", HAB_SEVERITY_INFO, HAB_STEP_EDITEUR,
    N_("The editor has not given the cost and lead time of the integration") },
  { "editor.onboarding_support_no", HAB_SEVERITY_INFO, HAB_STEP_EDITEUR,
    N_("The editor does not help with subscription and connection") },
  { "editor.follow_up_contact_no", HAB_SEVERITY_INFO, HAB_STEP_EDITEUR,
    N_("The editor gives no project follow-up contact") },
  { "editor.technical_support_no", HAB_SEVERITY_WARNING, HAB_STEP_EDITEUR,
    N_("The editor gives no technical and functional support for the API") },
  { "editor.training_and_docs_no", HAB_SEVERITY_INFO, HAB_STEP_EDITEUR,
    N_("The editor gives no training or documentation for the agents") },
};

/* The seven checks, in the seed's order. “no_rule” is NULL for integration,
 * whose “no” and “in progress” have their own rules. */
static const struct
{
  const char *key;
  const char *unanswered_rule;
  const char *no_rule;
  const char *question;
  const char *no_message;
} checks[] = {
  { "integration", "editor.integration_unanswered", NULL,
    /* Translators: the seed reads « L’API est-elle intégrée au logiciel ? Si
     * l’intégration est en cours, quels sont les délais ? Si elle n’est pas
     * intégrée, est-ce prévu ? » */
    N_("Is the API integrated into the software? If the integration is in progress, when will "
       "it be ready? If it is not integrated, is it planned?"),
    NULL },
  { "management_rules", "editor.management_rules_unanswered", "editor.management_rules_no",
    /* Translators: the seed reads « Quelles sont les règles de gestion utilisées par
     * la solution ? Ces règles sont-elles compatibles avec les règles de ma
     * collectivité ? » */
    N_("Which management rules does the software use? Are they compatible with your "
       "organisation’s rules?"),
    N_("The software’s management rules do not match yours; the DGFiP checks the rule that "
       "uses the data. Agree on the rules with the editor before requesting access.") },
  { "cost_and_lead_time", "editor.cost_and_lead_time_unanswered", "editor.cost_and_lead_time_no",
    /* Translators: the seed reads « Y a-t-il un coût associé à l’intégration ? Si oui,
     * lequel ? Combien de temps faudra-t-il pour raccorder l’API au logiciel ? » */
    N_("Is there a cost for the integration, and how much? How long will it take to connect "
       "the API to the software?"),
    N_("The editor has not given the cost and lead time of the integration; ask for them "
       "before committing, the use of the API itself is free.") },
  { "onboarding_support", "editor.onboarding_support_unanswered", "editor.onboarding_support_no",
    /* Translators: the seed reads « Quelles sont les modalités d’accompagnement de
     * l’éditeur dans le parcours de souscription et de raccordement à l’API ? » */
    N_("How does the editor help you through the subscription to the API and its "
       "connection?"),
    N_("The editor does not help with the subscription and connection; plan who fills the "
       "security part and who connects the API.") },
  { "follow_up_contact", "editor.follow_up_contact_unanswered", "editor.follow_up_contact_no",
    /* Translators: the seed reads « Existe-t-il un interlocuteur dédié pour suivre
     * l’avancement et répondre aux questions ? » */
    N_("Is there a dedicated contact to follow the progress and answer questions?"),
    N_("The editor gives no dedicated contact for the project; note whom to ask when the "
       "DGFiP has questions.") },
  { "technical_support", "editor.technical_support_unanswered", "editor.technical_support_no",
    /* Translators: the seed reads « Quand et comment l’éditeur intervient-il si un
     * problème survient avec l’API ou le logiciel ? » */
    N_("When and how does the editor step in if a problem occurs with the API or the "
       "software?"),
    N_("The editor gives no support when a problem occurs with the API or the software; agree "
       "on support before going to production.") },
  { "training_and_docs", "editor.training_and_docs_unanswered", "editor.training_and_docs_no",
    /* Translators: the seed reads « L’éditeur fournit-il une documentation ou une
     * formation pour les agents sur l’usage de son logiciel avec l’API ? » */
    N_("Does the editor provide documentation or training for the agents on using the "
       "software with the API?"),
    N_("The editor gives no training or documentation; plan how the agents will learn to use "
       "the software with the API.") },
};

typedef enum
{
  ANSWER_UNANSWERED,
  ANSWER_YES,
  ANSWER_NO,
  ANSWER_IN_PROGRESS,
  ANSWER_INVALID,
} Answer;

static Answer
read_answer (JsonObject *checks_object,
             const char *key)
{
  JsonNode *node = checks_object ? json_object_get_member (checks_object, key) : NULL;
  JsonNode *answer_node;
  const char *answer;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return ANSWER_UNANSWERED;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return ANSWER_INVALID;

  answer_node = json_object_get_member (json_node_get_object (node), "answer");
  if (answer_node == NULL || JSON_NODE_HOLDS_NULL (answer_node))
    return ANSWER_UNANSWERED;
  if (!JSON_NODE_HOLDS_VALUE (answer_node)
      || json_node_get_value_type (answer_node) != G_TYPE_STRING)
    return ANSWER_INVALID;

  answer = json_node_get_string (answer_node);
  if (*answer == '\0' || strcmp (answer, "unknown") == 0)
    return ANSWER_UNANSWERED;
  if (strcmp (answer, "yes") == 0)
    return ANSWER_YES;
  if (strcmp (answer, "no") == 0)
    return ANSWER_NO;
  if (strcmp (answer, "in_progress") == 0)
    return ANSWER_IN_PROGRESS;

  return ANSWER_INVALID;
}

static void
check_editor (HabCheckContext *ctx)
{
  JsonObject *checks_object;
  char field[64];

  if (!ctx->editor_mode)
    return;

  checks_object = hab_dossier_get_object (ctx->dossier, "editor_checks");

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      Answer answer = read_answer (checks_object, checks[i].key);

      g_snprintf (field, sizeof field, "editor_checks.%s.answer", checks[i].key);

      switch (answer)
        {
        case ANSWER_UNANSWERED:
          _hab_check_add (ctx, checks[i].unanswered_rule, field,
                          _("Ask the software editor and record the answer: “%s”"),
                          _(checks[i].question));
          break;

        case ANSWER_INVALID:
          _hab_check_add (ctx, "editor.answer_invalid", field,
                          _("Answer “%s” with yes, no, in progress or unknown."),
                          _(checks[i].question));
          break;

        case ANSWER_NO:
          if (checks[i].no_rule != NULL)
            _hab_check_add (ctx, checks[i].no_rule, field, "%s", _(checks[i].no_message));
          else
            _hab_check_add (ctx, "editor.integration_no", field,
                            _("The API is neither integrated into the editor’s software nor "
                              "planned; ask the editor to integrate it before requesting "
                              "production access, or develop the service in-house."));
          break;

        case ANSWER_IN_PROGRESS:
          if (checks[i].no_rule == NULL && ctx->production)
            _hab_check_add (ctx, "editor.integration_in_progress", field,
                            _("The editor is still integrating the API; the production form "
                              "“with an editor” is meant for editors who finished and "
                              "validated their sandbox developments. Check the lead time "
                              "with the editor."));
          break;

        case ANSWER_YES:
        default:
          break;
        }
    }
}

HAB_DEFINE_RULE_FAMILY (editor, rules, check_editor);
