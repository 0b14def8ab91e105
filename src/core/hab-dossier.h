/* hab-dossier.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hab-contact.h"
#include "hab-types.h"

G_BEGIN_DECLS

#define HAB_DOSSIER_FORMAT         "habilitation-dossier"
#define HAB_DOSSIER_FORMAT_VERSION 1
#define HAB_DOSSIER_MAX_SIZE       (16 * 1024 * 1024)
#define HAB_DOSSIER_MAX_DEPTH      64

/* The five roles of the Acteurs step, as keys of "actors". */
#define HAB_ROLE_DEMANDEUR                  "demandeur"
#define HAB_ROLE_RESPONSABLE_TRAITEMENT     "responsable_traitement"
#define HAB_ROLE_DELEGUE_PROTECTION_DONNEES "delegue_protection_donnees"
#define HAB_ROLE_RESPONSABLE_TECHNIQUE      "responsable_technique"
#define HAB_ROLE_EDITEUR                    "editeur"

typedef enum
{
  HAB_DOSSIER_SAVE_NONE             = 0,
  HAB_DOSSIER_SAVE_REPLACE_CHANGES  = 1 << 0,  /* write over what someone else saved */
} HabDossierSaveFlags;

#define HAB_TYPE_DOSSIER (hab_dossier_get_type ())

G_DECLARE_FINAL_TYPE (HabDossier, hab_dossier, HAB, DOSSIER, GObject)

HabDossier  *hab_dossier_new                (void);
HabDossier  *hab_dossier_new_from_file      (GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);
HabDossier  *hab_dossier_new_from_data      (const char    *data,
                                             gsize          length,
                                             const char    *display_name,
                                             GError       **error);
HabDossier  *hab_dossier_dup                (HabDossier    *self);
gboolean     hab_dossier_save               (HabDossier    *self,
                                             GFile         *file,
                                             GCancellable  *cancellable,
                                             GError       **error);
gboolean     hab_dossier_save_full          (HabDossier    *self,
                                             GFile         *file,
                                             HabDossierSaveFlags flags,
                                             GCancellable  *cancellable,
                                             GError       **error);
gboolean     hab_dossier_has_changed_on_disk (HabDossier   *self,
                                             GCancellable  *cancellable);
const char  *hab_dossier_get_disk_checksum  (HabDossier    *self);
void         hab_dossier_copy_disk_state    (HabDossier    *self,
                                             HabDossier    *from);
char        *hab_dossier_to_data            (HabDossier    *self,
                                             gsize         *length);
GFile       *hab_dossier_get_file           (HabDossier    *self);
void         hab_dossier_set_file           (HabDossier    *self,
                                             GFile         *file);
JsonObject  *hab_dossier_get_root           (HabDossier    *self);

/* Read access by dotted path ("project.title", "actors.demandeur.contact_id").
 * The getters return NULL / FALSE when the member is absent, null, or of
 * another type; the validator reports wrong types as findings. */
JsonNode    *hab_dossier_lookup             (HabDossier    *self,
                                             const char    *path);
JsonObject  *hab_dossier_get_object         (HabDossier    *self,
                                             const char    *path);
JsonArray   *hab_dossier_get_array          (HabDossier    *self,
                                             const char    *path);
const char  *hab_dossier_get_string         (HabDossier    *self,
                                             const char    *path);
gboolean     hab_dossier_get_boolean        (HabDossier    *self,
                                             const char    *path,
                                             gboolean      *value);
gboolean     hab_dossier_get_int            (HabDossier    *self,
                                             const char    *path,
                                             gint64        *value);

/* Edits: each one emits ::changed exactly once, with the path. Missing
 * intermediate objects are created. */
void         hab_dossier_set_string         (HabDossier    *self,
                                             const char    *path,
                                             const char    *value);
void         hab_dossier_set_boolean        (HabDossier    *self,
                                             const char    *path,
                                             gboolean       value);
void         hab_dossier_set_int            (HabDossier    *self,
                                             const char    *path,
                                             gint64         value);
void         hab_dossier_set_null           (HabDossier    *self,
                                             const char    *path);
void         hab_dossier_set_node           (HabDossier    *self,
                                             const char    *path,
                                             JsonNode      *node);
void         hab_dossier_remove             (HabDossier    *self,
                                             const char    *path);

/* Scopes (data.scopes) and modalities (parcours.modalities). */
gboolean     hab_dossier_has_scope          (HabDossier    *self,
                                             const char    *key);
void         hab_dossier_set_scope          (HabDossier    *self,
                                             const char    *key,
                                             const char    *purpose);
void         hab_dossier_remove_scope       (HabDossier    *self,
                                             const char    *key);
gboolean     hab_dossier_has_modality       (HabDossier    *self,
                                             const char    *key);
void         hab_dossier_set_modality       (HabDossier    *self,
                                             const char    *key,
                                             gboolean       enabled);

/* Actors: the inline card of a role, if the file carries one. */
HabContact  *hab_dossier_dup_inline_contact (HabDossier    *self,
                                             const char    *role);

G_END_DECLS
