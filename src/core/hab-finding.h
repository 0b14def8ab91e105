/* hab-finding.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hab-types.h"

G_BEGIN_DECLS

/* A rule of the validator (DESIGN §6): stable id, severity, step and a
 * one-line description (translatable, marked with N_()). */
typedef struct
{
  const char  *id;
  HabSeverity  severity;
  HabStep      step;
  const char  *description;
} HabRule;

#define HAB_TYPE_FINDING (hab_finding_get_type ())

/* A finding: { rule, severity, step, field, message }. */
typedef struct
{
  const HabRule *rule;
  char          *field;    /* dotted path into the file */
  char          *message;  /* translated, plain language, says how to fix it */
} HabFinding;

GType           hab_finding_get_type     (void) G_GNUC_CONST;
HabFinding     *hab_finding_new          (const HabRule    *rule,
                                          const char       *field,
                                          const char       *message);
HabFinding     *hab_finding_copy         (const HabFinding *self);
void            hab_finding_free         (HabFinding       *self);

const HabRule  *hab_rules_get_all        (guint            *n_rules);
const HabRule  *hab_rules_lookup         (const char       *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabFinding, hab_finding_free)

G_END_DECLS
