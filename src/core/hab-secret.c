/* hab-secret.c: libsecret, loaded when the address book first needs it.
 *
 * Linked, libsecret brought libgcrypt and libgpg-error with it: three
 * libraries to map and link at every start of `habilitation-cli`, which
 * reads the keyring only for a dossier whose contacts are kept there (0.3
 * ms of each export), and of the application, which reads it after its
 * first frame. The programs do not link it: the address book loads it on
 * its first use of the keyring, and keeps it.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-secret"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "hab-module.h"
#include "hab-secret.h"

/* libsecret 0.20's, as since 2013 (Debian, Fedora, the GNOME runtime). */
#define LIBSECRET_SONAME "libsecret-1.so.0"

static HabSecret functions;
static const HabSecret *loaded;
static char *load_error;

#define SYMBOL(field, name) HAB_MODULE_SYMBOL (HabSecret, field, name)

static const HabModuleSymbol symbols[] = {
  SYMBOL (password_store, "secret_password_store"),
  SYMBOL (password_store_finish, "secret_password_store_finish"),
  SYMBOL (password_clear, "secret_password_clear"),
  SYMBOL (password_clear_finish, "secret_password_clear_finish"),
  SYMBOL (password_lookup, "secret_password_lookup"),
  SYMBOL (password_lookup_finish, "secret_password_lookup_finish"),
  SYMBOL (password_free, "secret_password_free"),
  SYMBOL (password_search, "secret_password_search"),
  SYMBOL (password_search_finish, "secret_password_search_finish"),
  SYMBOL (retrievable_get_attributes, "secret_retrievable_get_attributes"),
  SYMBOL (retrievable_retrieve_secret, "secret_retrievable_retrieve_secret"),
  SYMBOL (retrievable_retrieve_secret_finish, "secret_retrievable_retrieve_secret_finish"),
  SYMBOL (value_get, "secret_value_get"),
  SYMBOL (value_unref, "secret_value_unref"),
  SYMBOL (service_unlock, "secret_service_unlock"),
  SYMBOL (service_unlock_finish, "secret_service_unlock_finish"),
  SYMBOL (service_disconnect, "secret_service_disconnect"),
  SYMBOL (collection_for_alias, "secret_collection_for_alias"),
  SYMBOL (collection_for_alias_finish, "secret_collection_for_alias_finish"),
  SYMBOL (collection_get_locked, "secret_collection_get_locked"),
  SYMBOL (error_get_quark, "secret_error_get_quark"),
};

static gpointer
load (gpointer data)
{
  /* HAB_LIBSECRET names another file, for the tests. */
  if (!hab_module_load ("HAB_LIBSECRET", LIBSECRET_SONAME, symbols, G_N_ELEMENTS (symbols),
                        &functions, &load_error))
    return NULL;

  g_atomic_pointer_set (&loaded, &functions);
  return &functions;
}

/**
 * hab_secret_get:
 * @error: return location for an error
 *
 * Loads libsecret the first time (thread-safe), and gives its functions.
 *
 * Returns: (transfer none) (nullable): libsecret's functions, or %NULL
 *   with @error set when it cannot be loaded
 */
const HabSecret *
hab_secret_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  const HabSecret *secret = g_once (&once, load, NULL);

  if (secret == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 /* Translators: %s says why, in English (from the system) */
                 _("The keyring library (libsecret) cannot be loaded: %s"), load_error);

  return secret;
}

/**
 * hab_secret_peek:
 *
 * Returns: (transfer none) (nullable): libsecret's functions if it was
 *   loaded already, without loading it
 */
const HabSecret *
hab_secret_peek (void)
{
  return g_atomic_pointer_get (&loaded);
}

/**
 * hab_secret_error_matches:
 *
 * Whether @error is libsecret's @code; never before libsecret was loaded,
 * as its errors come only from its calls.
 */
gboolean
hab_secret_error_matches (const GError *error,
                          SecretError   code)
{
  const HabSecret *secret = hab_secret_peek ();

  return secret != NULL && g_error_matches (error, secret->error_get_quark (), code);
}
