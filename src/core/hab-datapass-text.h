/* hab-datapass-text.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hab-documents.h"
#include "hab-dossier.h"

G_BEGIN_DECLS

typedef enum
{
  HAB_DATAPASS_FIELD_TEXT,       /* type or paste the value */
  HAB_DATAPASS_FIELD_CHECKBOX,   /* tick the box when the value says so */
  HAB_DATAPASS_FIELD_CHOICE,     /* tick each item of the value, one a line */
  HAB_DATAPASS_FIELD_FILE,       /* upload each file of the value, one a line */
} HabDatapassFieldKind;

/* One field of the DataPass form and what to put in it. */
typedef struct
{
  char                 *step;          /* DataPass's step key, e.g. "basic_infos" */
  char                 *step_title;    /* as DataPass names it, e.g. "Mon projet" */
  char                 *key;           /* DataPass's attribute, e.g. "intitule" */
  char                 *label;         /* as DataPass labels it */
  char                 *value;         /* what to enter; "" when the dossier has nothing */
  HabDatapassFieldKind  kind;
  gboolean              prefilled;     /* the link fills it in already */
  gboolean              from_sandbox;  /* in-house production: kept from the sandbox request */
} HabDatapassField;

#define HAB_TYPE_DATAPASS_FIELD (hab_datapass_field_get_type ())

GType             hab_datapass_field_get_type   (void) G_GNUC_CONST;
HabDatapassField *hab_datapass_field_copy       (const HabDatapassField   *self);
void              hab_datapass_field_free       (HabDatapassField         *self);

GPtrArray        *hab_datapass_text_get_fields  (HabDossier               *dossier,
                                                 const HabDocumentOptions *options);
char             *hab_datapass_text_build       (HabDossier               *dossier,
                                                 const HabDocumentOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabDatapassField, hab_datapass_field_free)

G_END_DECLS
