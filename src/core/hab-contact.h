/* hab-contact.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HAB_TYPE_CONTACT (hab_contact_get_type ())

/* A contact card (DESIGN §4). Any field may be NULL when unknown.
 * It lives in the keyring, or inline in a file that travels. */
typedef struct
{
  char *contact_id;
  char *given_name;
  char *family_name;
  char *email;
  char *phone;
  char *job_title;
  char *organisation;
  char *birth_date;   /* YYYY-MM-DD, only for the employer attestation */
  char *birth_place;
} HabContact;

GType       hab_contact_get_type         (void) G_GNUC_CONST;
HabContact *hab_contact_new              (void);
HabContact *hab_contact_copy             (const HabContact *self);
void        hab_contact_free             (HabContact       *self);
HabContact *hab_contact_new_from_json    (JsonObject       *object);
JsonNode   *hab_contact_to_json          (const HabContact *self);
char       *hab_contact_dup_display_name (const HabContact *self);

/* Looks up a card by contact_id (e.g. in the keyring); returns a new card or NULL. */
typedef HabContact *(*HabContactLookupFunc) (const char *contact_id,
                                             gpointer    user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabContact, hab_contact_free)

G_END_DECLS
