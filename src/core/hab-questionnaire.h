/* hab-questionnaire.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An item of the DGFiP security questionnaire: its key in the dossier and
 * its text (untranslated: pass it to _()). */
typedef struct
{
  const char *key;
  const char *text;
} HabQuestionnaireItem;

const HabQuestionnaireItem *hab_questionnaire_get_questions (guint *n_questions);
const HabQuestionnaireItem *hab_questionnaire_get_axes      (guint *n_axes);

G_END_DECLS
