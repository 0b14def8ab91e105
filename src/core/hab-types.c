/* hab-types.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-types"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hab-types.h"

static const char *const step_ids[HAB_N_STEPS] = {
  "parcours", "acteurs", "projet", "cadre_juridique", "donnees",
  "dpo", "securite", "editeur", "synthese",
};

static const char *const step_titles[HAB_N_STEPS] = {
  N_("Parcours"), N_("Acteurs"), N_("Projet"), N_("Cadre juridique"), N_("Données"),
  N_("DPO"), N_("Sécurité"), N_("Éditeur"), N_("Synthèse"),
};

/**
 * hab_severity_to_string:
 *
 * Returns: the stable, untranslated name of @severity ("error", "warning", "info").
 */
const char *
hab_severity_to_string (HabSeverity severity)
{
  switch (severity)
    {
    case HAB_SEVERITY_ERROR:
      return "error";
    case HAB_SEVERITY_WARNING:
      return "warning";
    case HAB_SEVERITY_INFO:
    default:
      return "info";
    }
}

/**
 * hab_step_to_string:
 *
 * Returns: the stable, untranslated id of @step ("parcours", "acteurs"…).
 */
const char *
hab_step_to_string (HabStep step)
{
  g_return_val_if_fail (step < HAB_N_STEPS, NULL);

  return step_ids[step];
}

/**
 * hab_step_get_title:
 *
 * Returns: the translated title of @step, as the sidebar shows it.
 */
const char *
hab_step_get_title (HabStep step)
{
  g_return_val_if_fail (step < HAB_N_STEPS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, step_titles[step]);
}
