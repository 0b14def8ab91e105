/* hab-contact-store.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "hab-contact.h"
#include "hab-dossier.h"

G_BEGIN_DECLS

/* The keyring items (DESIGN §4): one per card, found by this schema and its
 * only attribute; the card is the secret, as JSON. */
#define HAB_CONTACT_STORE_SCHEMA_NAME        "io.github.habilitation.Habilitation.Contact"
#define HAB_CONTACT_STORE_ATTRIBUTE          "contact-id"
#define HAB_CONTACT_STORE_SECRET_FORMAT      "habilitation-contact"
#define HAB_CONTACT_STORE_DEFAULT_TIMEOUT_MS 10000

#define HAB_CONTACT_STORE_ERROR (hab_contact_store_error_quark ())

typedef enum
{
  HAB_CONTACT_STORE_ERROR_UNAVAILABLE,  /* no secret service answers */
  HAB_CONTACT_STORE_ERROR_LOCKED,       /* the collection is locked and was not unlocked */
  HAB_CONTACT_STORE_ERROR_TIMED_OUT,    /* no answer in time (a prompt waiting, perhaps) */
  HAB_CONTACT_STORE_ERROR_NOT_FOUND,    /* no card with that contact_id */
  HAB_CONTACT_STORE_ERROR_INVALID,      /* a stored item is not a card */
} HabContactStoreError;

typedef enum
{
  HAB_CONTACT_STORE_STATE_UNKNOWN,      /* not asked yet, or the first answer is awaited */
  HAB_CONTACT_STORE_STATE_READY,        /* the keyring answered */
  HAB_CONTACT_STORE_STATE_UNAVAILABLE,  /* it did not: cards are kept in memory only */
} HabContactStoreState;

#define HAB_TYPE_CONTACT_STORE_STATE (hab_contact_store_state_get_type ())
#define HAB_TYPE_CONTACT_STORE       (hab_contact_store_get_type ())

G_DECLARE_FINAL_TYPE (HabContactStore, hab_contact_store, HAB, CONTACT_STORE, GObject)

GQuark                hab_contact_store_error_quark       (void);
GType                 hab_contact_store_state_get_type    (void) G_GNUC_CONST;
const SecretSchema   *hab_contact_store_get_schema        (void);

HabContactStore      *hab_contact_store_new               (void);
HabContactStore      *hab_contact_store_get_default       (void);

HabContactStoreState  hab_contact_store_get_state         (HabContactStore      *self);
const GError         *hab_contact_store_get_error         (HabContactStore      *self);
gboolean              hab_contact_store_get_busy          (HabContactStore      *self);
guint                 hab_contact_store_get_timeout       (HabContactStore      *self);
void                  hab_contact_store_set_timeout       (HabContactStore      *self,
                                                           guint                 timeout_ms);

/* The keyring, asynchronously, each call bounded by the timeout. */
void                  hab_contact_store_ensure_loaded     (HabContactStore      *self);
void                  hab_contact_store_load_async        (HabContactStore      *self,
                                                           gboolean              unlock,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              hab_contact_store_load_finish       (HabContactStore      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                  hab_contact_store_lookup_async      (HabContactStore      *self,
                                                           const char           *contact_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
HabContact           *hab_contact_store_lookup_finish     (HabContactStore      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                  hab_contact_store_save_async        (HabContactStore      *self,
                                                           const HabContact     *card,
                                                           const char           *role,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              hab_contact_store_save_finish       (HabContactStore      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                  hab_contact_store_delete_async      (HabContactStore      *self,
                                                           const char           *contact_id,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              hab_contact_store_delete_finish     (HabContactStore      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void                  hab_contact_store_import_async      (HabContactStore      *self,
                                                           HabDossier           *dossier,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              hab_contact_store_import_finish     (HabContactStore      *self,
                                                           GAsyncResult         *result,
                                                           guint                *n_imported,
                                                           GError              **error);

/* A card being edited: in memory at once, in the keyring a moment later. */
void                  hab_contact_store_put               (HabContactStore      *self,
                                                           const HabContact     *card,
                                                           const char           *role);
void                  hab_contact_store_forget            (HabContactStore      *self,
                                                           const char           *contact_id);

/* The cards in memory: never a D-Bus call. */
GPtrArray            *hab_contact_store_list              (HabContactStore      *self);
HabContact           *hab_contact_store_dup_card          (HabContactStore      *self,
                                                           const char           *contact_id);
gboolean              hab_contact_store_contains          (HabContactStore      *self,
                                                           const char           *contact_id);
gboolean              hab_contact_store_is_stored         (HabContactStore      *self,
                                                           const char           *contact_id);
char                **hab_contact_store_dup_roles         (HabContactStore      *self,
                                                           const char           *contact_id);
guint                 hab_contact_store_get_n_cards       (HabContactStore      *self);
guint                 hab_contact_store_get_n_unsaved     (HabContactStore      *self);
HabContact           *hab_contact_store_lookup_func       (const char           *contact_id,
                                                           gpointer              store);

/* Dossiers and their inline cards. */
guint                 hab_contact_store_count_inline_cards (HabContactStore     *self,
                                                            HabDossier          *dossier);
guint                 hab_contact_store_strip_cards       (HabContactStore      *self,
                                                           HabDossier           *dossier);
HabDossier           *hab_contact_store_dup_for_saving    (HabContactStore      *self,
                                                           HabDossier           *dossier,
                                                           guint                *n_stripped);
HabDossier           *hab_contact_store_dup_with_cards    (HabContactStore      *self,
                                                           HabDossier           *dossier);
gboolean              hab_contact_store_save_dossier      (HabContactStore      *self,
                                                           HabDossier           *dossier,
                                                           GFile                *file,
                                                           HabDossierSaveFlags   flags,
                                                           GCancellable         *cancellable,
                                                           GError              **error);

G_END_DECLS
