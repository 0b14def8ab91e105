/* hab-page.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hab-catalogue.h"
#include "hab-dossier.h"
#include "hab-field.h"
#include "hab-types.h"

G_BEGIN_DECLS

#define HAB_TYPE_PAGE (hab_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (HabPage, hab_page, HAB, PAGE, AdwBin)

struct _HabPageClass
{
  AdwBinClass parent_class;

  /* The dossier changed at @path (NULL: replaced or loaded): show or hide
   * what depends on it, rebuild dynamic rows. Fields are synced after. */
  void (*dossier_changed) (HabPage    *self,
                           const char *path);

  /* Shows the findings of this page's step (all findings for Synthèse). */
  void (*show_findings)   (HabPage    *self,
                           GPtrArray  *findings);

  /* Moves the focus to the widget editing @field; FALSE if none. */
  gboolean (*focus_field) (HabPage    *self,
                           const char *field);

  gpointer padding[8];
};

HabStep       hab_page_get_step            (HabPage              *self);
HabDossier   *hab_page_get_dossier         (HabPage              *self);
void          hab_page_set_dossier         (HabPage              *self,
                                            HabDossier           *dossier);
HabCatalogue *hab_page_get_catalogue       (HabPage              *self);
const HabApi *hab_page_get_api             (HabPage              *self);

void          hab_page_update              (HabPage              *self,
                                            const char           *path,
                                            GPtrArray            *findings);
gboolean      hab_page_focus_field         (HabPage              *self,
                                            const char           *field);

/* For subclasses */
HabField     *hab_page_bind                (HabPage              *self,
                                            HabFieldKind          kind,
                                            GtkWidget            *widget,
                                            const char           *path);
HabField     *hab_page_bind_choice         (HabPage              *self,
                                            GtkWidget            *combo_row,
                                            const char           *path,
                                            const char *const    *keys,
                                            const char *const    *labels);
void          hab_page_remove_field        (HabPage              *self,
                                            HabField             *field);
GPtrArray    *hab_page_get_fields          (HabPage              *self);
void          hab_page_set_problems_group  (HabPage              *self,
                                            AdwPreferencesGroup  *group);
void          hab_page_sync_fields         (HabPage              *self);

/* Helpers for pages */
void          hab_page_add_toast           (HabPage              *self,
                                            const char           *message);

G_END_DECLS
