/* hab-secret.h: libsecret's functions, loaded on first use.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The functions of libsecret the address book uses, with their own
 * prototypes. */
typedef struct
{
  __typeof__ (secret_password_store)                     *password_store;
  __typeof__ (secret_password_store_finish)              *password_store_finish;
  __typeof__ (secret_password_clear)                     *password_clear;
  __typeof__ (secret_password_clear_finish)              *password_clear_finish;
  __typeof__ (secret_password_lookup)                    *password_lookup;
  __typeof__ (secret_password_lookup_finish)             *password_lookup_finish;
  __typeof__ (secret_password_free)                      *password_free;
  __typeof__ (secret_password_search)                    *password_search;
  __typeof__ (secret_password_search_finish)             *password_search_finish;
  __typeof__ (secret_retrievable_get_attributes)         *retrievable_get_attributes;
  __typeof__ (secret_retrievable_retrieve_secret)        *retrievable_retrieve_secret;
  __typeof__ (secret_retrievable_retrieve_secret_finish) *retrievable_retrieve_secret_finish;
  __typeof__ (secret_value_get)                          *value_get;
  __typeof__ (secret_value_unref)                        *value_unref;
  __typeof__ (secret_service_unlock)                     *service_unlock;
  __typeof__ (secret_service_unlock_finish)              *service_unlock_finish;
  __typeof__ (secret_service_disconnect)                 *service_disconnect;
  __typeof__ (secret_collection_for_alias)               *collection_for_alias;
  __typeof__ (secret_collection_for_alias_finish)        *collection_for_alias_finish;
  __typeof__ (secret_collection_get_locked)              *collection_get_locked;
  __typeof__ (secret_error_get_quark)                    *error_get_quark;
} HabSecret;

const HabSecret *hab_secret_get           (GError       **error);
const HabSecret *hab_secret_peek          (void);
gboolean         hab_secret_error_matches (const GError  *error,
                                           SecretError    code);

G_END_DECLS
