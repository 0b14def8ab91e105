/* hab-questionnaire.c: the DGFiP security questionnaire's questions O1–O5
 * and its other axes, one place for the rules, the Sécurité step and the
 * questionnaire document.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-questionnaire"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hab-questionnaire.h"

/* The questions of the seed's « Organisation générale de la sécurité du
 * système d’information du partenaire », answered yes or no and kept under
 * security.questionnaire.O1…O5. */
static const HabQuestionnaireItem questions[] = {
  /* Translators: question O1 of the DGFiP questionnaire; the original reads
   * « Un responsable de la sécurité des systèmes d’information (RSSI) a-t-il été nommé ? » */
  { "O1", N_("Has an information systems security officer (RSSI) been appointed?") },
  /* Translators: question O2; the original reads « Une politique de sécurité du
   * système d’information (PSSI) est-elle en place ? » */
  { "O2", N_("Is an information system security policy (PSSI) in place?") },
  /* Translators: question O3; the original reads « Existe-t-il une charte d’usage
   * du système d’information ? » */
  { "O3", N_("Is there a charter for the use of the information system?") },
  /* Translators: question O4; the original reads « Existe-t-il une cartographie
   * fonctionnelle et technique du système d’information ? » */
  { "O4", N_("Is there a functional and technical map of the information system?") },
  /* Translators: question O5; the original reads « Les projets informatiques
   * font-ils l’objet d’un processus de validation de leur niveau de sécurité ? » */
  { "O5", N_("Do IT projects go through a process that validates their security level?") },
};

/* The questionnaire's other axes (seed, « Focus sur le questionnaire de
 * sécurité »), kept as the collectivité's own preparation checks under
 * security.questionnaire_preparation. */
static const HabQuestionnaireItem axes[] = {
  { "implementation", N_("Conditions in which the information system concerned by the request "
                         "is implemented") },
  { "monitoring", N_("Security monitoring and supervision measures") },
  { "hosting", N_("Hosting of the information system") },
  { "operation", N_("Administration and operation of the information system") },
};

const HabQuestionnaireItem *
hab_questionnaire_get_questions (guint *n_questions)
{
  if (n_questions != NULL)
    *n_questions = G_N_ELEMENTS (questions);

  return questions;
}

const HabQuestionnaireItem *
hab_questionnaire_get_axes (guint *n_axes)
{
  if (n_axes != NULL)
    *n_axes = G_N_ELEMENTS (axes);

  return axes;
}
