/* hab-field.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hab-dossier.h"
#include "hab-types.h"

G_BEGIN_DECLS

typedef enum
{
  HAB_FIELD_TEXT,     /* AdwEntryRow / GtkEditable, or HabTextRow: a string */
  HAB_FIELD_INT,      /* AdwEntryRow: a whole number, or null when empty */
  HAB_FIELD_DATE,     /* AdwEntryRow: JJ/MM/AAAA shown, YYYY-MM-DD stored */
  HAB_FIELD_BOOLEAN,  /* GtkSwitch or GtkCheckButton */
  HAB_FIELD_CHOICE,   /* HabChoiceRow: one key of a list, or null */
  HAB_FIELD_ATTACHMENT, /* HabAttachmentRow: it edits the member itself */
} HabFieldKind;

#define HAB_TYPE_FIELD (hab_field_get_type ())

G_DECLARE_FINAL_TYPE (HabField, hab_field, HAB, FIELD, GObject)

HabField     *hab_field_new              (HabFieldKind        kind,
                                          GtkWidget          *widget,
                                          const char         *path);
HabFieldKind  hab_field_get_kind         (HabField           *self);
const char   *hab_field_get_path         (HabField           *self);
GtkWidget    *hab_field_get_widget       (HabField           *self);
GtkWidget    *hab_field_get_row          (HabField           *self);
void          hab_field_set_row          (HabField           *self,
                                          GtkWidget          *row);
const char   *hab_field_get_finding_path (HabField           *self);
void          hab_field_set_finding_path (HabField           *self,
                                          const char         *finding_path);
void          hab_field_set_choices      (HabField           *self,
                                          const char *const  *keys,
                                          const char *const  *labels);
void          hab_field_set_dossier      (HabField           *self,
                                          HabDossier         *dossier);
void          hab_field_sync             (HabField           *self);
void          hab_field_show_findings    (HabField           *self,
                                          GPtrArray          *findings);
gboolean      hab_field_matches          (HabField           *self,
                                          const char         *finding_field);
gboolean      hab_field_focus            (HabField           *self);

/* Findings rendered in words, for rows that no field binds (list items). */
HabSeverity   hab_findings_get_worst     (GPtrArray          *findings);
char         *hab_findings_join_messages (GPtrArray          *findings);
GtkWidget    *hab_message_row_new        (GPtrArray          *findings);

/* Dates as the user types them (JJ/MM/AAAA or AAAA-MM-JJ) to YYYY-MM-DD. */
char         *hab_field_parse_date       (const char         *text);
char         *hab_field_format_date      (const char         *iso);

G_END_DECLS
