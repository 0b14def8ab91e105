/* hab-types.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HAB_SEVERITY_ERROR,
  HAB_SEVERITY_WARNING,
  HAB_SEVERITY_INFO,
} HabSeverity;

/* The steps of the sidebar, in their order (DESIGN §2). */
typedef enum
{
  HAB_STEP_PARCOURS,
  HAB_STEP_ACTEURS,
  HAB_STEP_PROJET,
  HAB_STEP_CADRE_JURIDIQUE,
  HAB_STEP_DONNEES,
  HAB_STEP_DPO,
  HAB_STEP_SECURITE,
  HAB_STEP_EDITEUR,
  HAB_STEP_SYNTHESE,
  HAB_N_STEPS,
} HabStep;

#define HAB_DOSSIER_ERROR (hab_dossier_error_quark ())

typedef enum
{
  HAB_DOSSIER_ERROR_READ,           /* the file cannot be read */
  HAB_DOSSIER_ERROR_NOT_UTF8,       /* the bytes are not valid UTF-8 */
  HAB_DOSSIER_ERROR_SYNTAX,         /* the text is not valid JSON */
  HAB_DOSSIER_ERROR_NOT_OBJECT,     /* the top level is not an object */
  HAB_DOSSIER_ERROR_WRONG_FORMAT,   /* the "format" tag is missing or wrong */
  HAB_DOSSIER_ERROR_NEWER_VERSION,  /* format_version is newer than ours */
  HAB_DOSSIER_ERROR_INVALID,        /* the structure cannot be used at all */
  HAB_DOSSIER_ERROR_TOO_LARGE,      /* the file exceeds the size we accept */
  HAB_DOSSIER_ERROR_CHANGED_ON_DISK, /* someone else changed the file since it was read */
} HabDossierError;

GQuark       hab_dossier_error_quark (void);

const char  *hab_severity_to_string  (HabSeverity severity);
const char  *hab_step_to_string      (HabStep     step);
const char  *hab_step_get_title      (HabStep     step);

G_END_DECLS
