/* hab-contact-store.c: the address book, in the user's keyring.
 *
 * People's contact cards are personal data: they live in the keyring
 * through libsecret (DESIGN §4), one item per card, found by a schema named
 * after the application with one attribute, the contact_id (attributes are
 * stored in clear: nothing else goes there). The card itself is the secret,
 * as JSON, and the label does not disclose who it is about.
 *
 * The store keeps every card in memory, so that the validator can resolve a
 * contact_id on every keystroke without a D-Bus call: the cards are loaded
 * asynchronously, edits go to memory at once and to the keyring a moment
 * later. Every keyring call is asynchronous, cancellable and bounded by a
 * timeout, since a keyring prompt can wait forever on a session nobody
 * looks at. When no keyring answers, the cards stay in memory (never on
 * disk) and are written once the keyring answers again.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-contact-store"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-contact-store.h"
#include "hab-secret.h"
#include "hab-json.h"

/* Edits are written this long after the last keystroke. */
#define WRITE_DELAY_MS 500

static const char *const role_keys[] = {
  HAB_ROLE_DEMANDEUR,
  HAB_ROLE_RESPONSABLE_TRAITEMENT,
  HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
  HAB_ROLE_RESPONSABLE_TECHNIQUE,
  HAB_ROLE_EDITEUR,
};

/* The members of a card that HabContact knows, contact_id aside. */
static const char *const card_members[] = {
  "given_name", "family_name", "email", "phone", "job_title", "organisation",
  "birth_date", "birth_place",
};

static const SecretSchema contact_schema = {
  .name = HAB_CONTACT_STORE_SCHEMA_NAME,
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { HAB_CONTACT_STORE_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

typedef struct
{
  JsonObject *card;               /* every member, contact_id included */
  GPtrArray  *roles;              /* char *: the roles it was named for */
  guint64     generation;         /* bumped at each change */
  guint64     stored_generation;  /* what the keyring holds; 0: nothing yet */
  guint       write_id;           /* a write waiting for the end of typing */
  guint       writing;            /* writes in flight */
} Entry;

struct _HabContactStore
{
  GObject               parent_instance;

  GHashTable           *entries;   /* contact_id -> Entry */
  guint64               generation;
  HabContactStoreState  state;
  GError               *error;     /* why the keyring is unavailable */
  guint                 timeout_ms;
  guint                 busy;      /* keyring calls in flight */
  gboolean              load_started;
  GCancellable         *cancellable;
};

/* Once a call to the keyring has started, libsecret is loaded. */
#define SECRET (hab_secret_peek ())

G_DEFINE_FINAL_TYPE (HabContactStore, hab_contact_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (hab-contact-store-error-quark, hab_contact_store_error)

G_DEFINE_ENUM_TYPE (HabContactStoreState, hab_contact_store_state,
                    G_DEFINE_ENUM_VALUE (HAB_CONTACT_STORE_STATE_UNKNOWN, "unknown"),
                    G_DEFINE_ENUM_VALUE (HAB_CONTACT_STORE_STATE_READY, "ready"),
                    G_DEFINE_ENUM_VALUE (HAB_CONTACT_STORE_STATE_UNAVAILABLE, "unavailable"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_BUSY,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_write (HabContactStore *self,
                            const char      *contact_id,
                            guint            delay_ms);

/* Entries */

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry->write_id != 0)
    g_source_remove (entry->write_id);
  g_clear_pointer (&entry->card, json_object_unref);
  g_clear_pointer (&entry->roles, g_ptr_array_unref);
  g_free (entry);
}

static Entry *
entry_new (JsonObject *card)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->card = json_object_ref (card);
  entry->roles = g_ptr_array_new_with_free_func (g_free);
  return entry;
}

static gboolean
entry_is_stored (Entry *entry)
{
  return entry->stored_generation != 0 && entry->stored_generation == entry->generation;
}

static gboolean
has_role (GPtrArray  *roles,
          const char *role)
{
  for (guint i = 0; i < roles->len; i++)
    if (g_str_equal (g_ptr_array_index (roles, i), role))
      return TRUE;

  return FALSE;
}

static gboolean
is_role (const char *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_keys); i++)
    if (g_strcmp0 (role, role_keys[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
str_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/* Whether the member holds nothing worth keeping. */
static gboolean
node_blank (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         && str_blank (json_node_get_string (node));
}

static gboolean
objects_equal (JsonObject *a,
               JsonObject *b)
{
  g_autoptr(JsonNode) node_a = json_node_init_object (json_node_alloc (), a);
  g_autoptr(JsonNode) node_b = json_node_init_object (json_node_alloc (), b);

  return json_node_equal (node_a, node_b);
}

/* json_node_copy() shares objects and arrays: a copy that can be edited
 * without editing the original needs its own. */
static JsonNode *
node_deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &child))
        json_object_set_member (copy, member, node_deep_copy (child));

      return json_node_init_object (json_node_alloc (), copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(JsonArray) copy = json_array_new ();
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, node_deep_copy (json_array_get_element (array, i)));

      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}

static JsonObject *
object_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonNode) copy = node_deep_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* Whether @held keeps everything @card says: every member of @card that is
 * not blank has the same value in @held. */
static gboolean
card_included (JsonObject *card,
               JsonObject *held)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, card);
  while (json_object_iter_next (&iter, &member, &node))
    {
      JsonNode *other;

      if (g_str_equal (member, "contact_id") || node_blank (node))
        continue;

      other = json_object_get_member (held, member);
      if (other == NULL || !json_node_equal (node, other))
        return FALSE;
    }

  return TRUE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *norm_a = NULL;
  g_autofree char *norm_b = NULL;
  g_autofree char *fold_a = NULL;
  g_autofree char *fold_b = NULL;

  if (str_blank (a) || str_blank (b))
    return FALSE;

  norm_a = g_utf8_normalize (a, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  norm_b = g_utf8_normalize (b, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (norm_a == NULL || norm_b == NULL)
    return FALSE;

  fold_a = g_utf8_casefold (norm_a, -1);
  fold_b = g_utf8_casefold (norm_b, -1);
  return g_str_equal (g_strstrip (fold_a), g_strstrip (fold_b));
}

/* Two cards under one contact_id are about the same person when they share
 * the e-mail address, or both names. */
static gboolean
same_person (JsonObject *a,
             JsonObject *b)
{
  if (same_text (hab_json_object_get_string (a, "email"), hab_json_object_get_string (b, "email")))
    return TRUE;

  return same_text (hab_json_object_get_string (a, "given_name"),
                    hab_json_object_get_string (b, "given_name"))
         && same_text (hab_json_object_get_string (a, "family_name"),
                       hab_json_object_get_string (b, "family_name"));
}

/* The secret: the card and the roles it was named for, as JSON. */

static char *
secret_text (Entry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) card = json_node_init_object (json_node_alloc (), entry->card);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, HAB_CONTACT_STORE_SECRET_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "card");
  json_builder_add_value (builder, json_node_copy (card));
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->roles->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (entry->roles, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    {
      memset (text, 0, strlen (text));
      g_free (text);
    }
}

/* Reads a secret written by secret_text() (or a bare card). */
static Entry *
entry_from_secret (const char  *contact_id,
                   const char  *text,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) card = NULL;
  JsonObject *root;
  JsonNode *node;
  Entry *entry;

  if (text == NULL || !g_utf8_validate (text, length, NULL)
      || !json_parser_load_from_data (parser, text, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_INVALID,
                   _("The keyring item of contact “%s” is not a contact card."), contact_id);
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (root, "card");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    card = object_copy (json_node_get_object (node));
  else if (!json_object_has_member (root, "format"))
    card = object_copy (root);
  else
    {
      g_set_error (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_INVALID,
                   _("The keyring item of contact “%s” is not a contact card."), contact_id);
      return NULL;
    }

  /* The attribute names the card. */
  json_object_set_string_member (card, "contact_id", contact_id);

  entry = entry_new (card);
  node = json_object_get_member (root, "roles");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *roles = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (roles); i++)
        {
          const char *role = hab_json_node_get_string (json_array_get_element (roles, i));

          if (is_role (role) && !has_role (entry->roles, role))
            g_ptr_array_add (entry->roles, g_strdup (role));
        }
    }

  return entry;
}

/* State */

static void
emit_changed (HabContactStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_state (HabContactStore      *self,
           HabContactStoreState  state,
           const GError         *error)
{
  gboolean state_changed = self->state != state;

  if (error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (error);
    }
  else if (state == HAB_CONTACT_STORE_STATE_READY)
    g_clear_error (&self->error);

  self->state = state;
  if (state_changed || error != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
is_keyring_failure (const GError *error)
{
  return error->domain == HAB_CONTACT_STORE_ERROR
         && (error->code == HAB_CONTACT_STORE_ERROR_UNAVAILABLE
             || error->code == HAB_CONTACT_STORE_ERROR_LOCKED
             || error->code == HAB_CONTACT_STORE_ERROR_TIMED_OUT);
}

static void
begin_busy (HabContactStore *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
end_busy (HabContactStore *self)
{
  g_return_if_fail (self->busy > 0);

  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Each keyring call: cancellable by the caller, and cancelled when no
 * answer comes within the timeout. If libsecret does not answer even then
 * (a keyring that died while showing a prompt), the call ends anyway a
 * little later: nobody waits forever. */

#define GIVE_UP_DELAY_MS 2000

typedef struct
{
  HabContactStore *store;
  GTask           *task;          /* unowned: it owns the Op */
  GCancellable    *cancellable;   /* given to libsecret */
  GCancellable    *caller;
  gulong           caller_id;
  GSource         *timeout;
  guint            timeout_ms;
  gboolean         timed_out;
  gboolean         completed;     /* the task has returned */
  gboolean         is_write;

  /* load */
  gboolean         unlock;
  guint            searches;
  guint            pending;
  GError          *error;
  GHashTable      *found;         /* contact_id -> Entry */

  /* write, lookup, delete */
  char            *contact_id;
  guint64          generation;

  /* import */
  HabDossier      *dossier;
  GPtrArray       *ids;
} Op;

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void give_up (Op *op);

static void op_free (gpointer data);

static gboolean timeout_cb (gpointer data);

static void
arm_timeout (Op    *op,
             guint  delay_ms)
{
  if (op->timeout != NULL)
    {
      g_source_destroy (op->timeout);
      g_source_unref (op->timeout);
    }

  op->timeout = g_timeout_source_new (delay_ms);
  g_source_set_callback (op->timeout, timeout_cb, op, NULL);
  g_source_set_static_name (op->timeout, "[habilitation] keyring timeout");
  g_source_attach (op->timeout, g_main_context_get_thread_default ());
}

static gboolean
timeout_cb (gpointer data)
{
  Op *op = data;

  if (!op->timed_out)
    {
      op->timed_out = TRUE;
      arm_timeout (op, GIVE_UP_DELAY_MS);
      g_cancellable_cancel (op->cancellable);
      return G_SOURCE_REMOVE;
    }

  g_clear_pointer (&op->timeout, g_source_unref);
  give_up (op);
  return G_SOURCE_REMOVE;
}

/* The task has returned: no timeout any more, and a late answer of
 * libsecret is dropped. */
static void
op_complete (Op *op)
{
  op->completed = TRUE;
  if (op->timeout != NULL)
    {
      g_source_destroy (op->timeout);
      g_clear_pointer (&op->timeout, g_source_unref);
    }
}

static Op *
op_new (HabContactStore *self,
        GTask           *task,
        GCancellable    *caller)
{
  Op *op = g_new0 (Op, 1);

  op->store = g_object_ref (self);
  op->task = task;
  op->cancellable = g_cancellable_new ();
  op->timeout_ms = self->timeout_ms;
  if (caller != NULL)
    {
      op->caller = g_object_ref (caller);
      op->caller_id = g_cancellable_connect (caller, G_CALLBACK (caller_cancelled_cb),
                                             op->cancellable, NULL);
    }

  arm_timeout (op, op->timeout_ms);
  g_task_set_task_data (task, op, op_free);

  begin_busy (self);
  return op;
}

static void
op_free (gpointer data)
{
  Op *op = data;

  if (op->timeout != NULL)
    {
      g_source_destroy (op->timeout);
      g_clear_pointer (&op->timeout, g_source_unref);
    }
  if (op->caller != NULL)
    g_cancellable_disconnect (op->caller, op->caller_id);
  g_clear_object (&op->caller);
  g_clear_object (&op->cancellable);
  g_clear_error (&op->error);
  g_clear_pointer (&op->found, g_hash_table_unref);
  g_clear_pointer (&op->contact_id, g_free);
  g_clear_object (&op->dossier);
  g_clear_pointer (&op->ids, g_ptr_array_unref);
  end_busy (op->store);
  g_clear_object (&op->store);
  g_free (op);
}

/* The error of a keyring call, in plain words; NULL @error means that the
 * call failed without one (a prompt was dismissed). */
static GError *
translate_error (Op           *op,
                 const GError *error)
{
  if (error != NULL)
    g_debug ("Keyring call failed: %s (%s, %d)", error->message,
             g_quark_to_string (error->domain), error->code);

  if (op->timed_out)
    return g_error_new (HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_TIMED_OUT,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "The keyring did not answer within %u second; it may be "
                                     "waiting for its password.",
                                     "The keyring did not answer within %u seconds; it may be "
                                     "waiting for its password.",
                                     MAX (op->timeout_ms / 1000, 1)),
                        MAX (op->timeout_ms / 1000, 1));

  if (error == NULL || hab_secret_error_matches (error, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_LOCKED,
                                _("The keyring is locked: unlock it, then try again."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || error->domain == HAB_CONTACT_STORE_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
      || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
      || hab_secret_error_matches (error, SECRET_ERROR_NO_SUCH_OBJECT))
    return g_error_new_literal (HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_UNAVAILABLE,
                                _("The keyring has no default collection to keep the cards "
                                  "in."));

  return g_error_new_literal (HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_UNAVAILABLE,
                              _("No keyring answers: the session’s secret service is not "
                                "running."));
}

/* Fails @task, and marks the keyring unavailable when the error says so. */
static void
fail (GTask  *task,
      GError *error)
{
  HabContactStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (op != NULL)
    op_complete (op);

  if (is_keyring_failure (error))
    set_state (self, HAB_CONTACT_STORE_STATE_UNAVAILABLE, error);

  g_task_return_error (task, error);
}

/* libsecret, loaded by the first call to the keyring; NULL, with @task
 * failed (the keyring unavailable), when it cannot be. */
static const HabSecret *
keyring_for (GTask *task)
{
  g_autoptr(GError) error = NULL;
  const HabSecret *secret = hab_secret_get (&error);

  if (secret == NULL)
    fail (task, g_error_new_literal (HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_UNAVAILABLE,
                                     error->message));

  return secret;
}

static void
succeed (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op != NULL)
    op_complete (op);

  g_task_return_boolean (task, TRUE);
}

static void
give_up (Op *op)
{
  if (op->completed)
    return;

  /* The write's callback will not count it any more. */
  if (op->is_write)
    {
      Entry *entry = g_hash_table_lookup (op->store->entries, op->contact_id);

      if (entry != NULL && entry->writing > 0)
        entry->writing--;
    }

  g_debug ("libsecret did not answer after the timeout; giving up");
  fail (op->task, translate_error (op, NULL));
}

static void
keyring_answered (HabContactStore *self)
{
  if (self->state != HAB_CONTACT_STORE_STATE_READY)
    {
      set_state (self, HAB_CONTACT_STORE_STATE_READY, NULL);

      /* Write what was kept in memory meanwhile. */
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, self->entries);
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (!entry_is_stored (value) && ((Entry *) value)->writing == 0)
            schedule_write (self, key, 0);
      }
    }
}

/* Writing one card */

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HabContactStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Entry *entry;
  gboolean ok;

  ok = SECRET->password_store_finish (result, &error);
  if (op->completed)
    return;

  entry = g_hash_table_lookup (self->entries, op->contact_id);
  if (entry != NULL)
    entry->writing--;

  if (!ok)
    {
      if (entry != NULL && entry->generation > entry->stored_generation)
        emit_changed (self);
      fail (task, translate_error (op, error));
      return;
    }

  if (entry == NULL)
    {
      /* Deleted while it was written: delete it again. */
      SECRET->password_clear (&contact_schema, NULL, NULL, NULL,
                             HAB_CONTACT_STORE_ATTRIBUTE, op->contact_id, NULL);
    }
  else
    {
      if (op->generation > entry->stored_generation)
        entry->stored_generation = op->generation;
      if (entry->generation > entry->stored_generation && entry->writing == 0)
        schedule_write (self, op->contact_id, 0);
      emit_changed (self);
    }

  keyring_answered (self);
  succeed (task);
}

static void
write_async (HabContactStore     *self,
             const char          *contact_id,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Entry *entry = g_hash_table_lookup (self->entries, contact_id);
  const HabSecret *secret;
  char *text;
  Op *op;

  g_task_set_source_tag (task, write_async);

  if (entry == NULL)
    {
      g_task_return_new_error (task, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_NOT_FOUND,
                               _("There is no contact card “%s”."), contact_id);
      return;
    }

  secret = keyring_for (task);
  if (secret == NULL)
    return;

  op = op_new (self, task, cancellable);
  op->is_write = TRUE;
  op->contact_id = g_strdup (contact_id);
  op->generation = entry->generation;

  if (entry->write_id != 0)
    g_clear_handle_id (&entry->write_id, g_source_remove);
  entry->writing++;

  text = secret_text (entry);
  /* Translators: the label of a keyring item; it must not say whose card it is */
  secret->password_store (&contact_schema, SECRET_COLLECTION_DEFAULT, _("Habilitation contact"),
                          text, op->cancellable, write_cb, g_steal_pointer (&task),
                          HAB_CONTACT_STORE_ATTRIBUTE, contact_id, NULL);
  wipe_free (text);
}

static gboolean
write_finish (HabContactStore  *self,
              GAsyncResult     *result,
              GError          **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
background_write_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!write_finish (HAB_CONTACT_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A contact card was kept in memory: %s", error->message);
}

typedef struct
{
  HabContactStore *store;
  char            *contact_id;
} WriteLater;

static void
write_later_free (gpointer data)
{
  WriteLater *later = data;

  g_free (later->contact_id);
  g_free (later);
}

static gboolean
write_later_cb (gpointer data)
{
  WriteLater *later = data;
  HabContactStore *self = later->store;
  Entry *entry = g_hash_table_lookup (self->entries, later->contact_id);

  if (entry == NULL)
    return G_SOURCE_REMOVE;

  entry->write_id = 0;
  if (entry->writing == 0 && !entry_is_stored (entry))
    write_async (self, later->contact_id, self->cancellable, background_write_cb, NULL);

  return G_SOURCE_REMOVE;
}

/* Writes the card to the keyring after @delay_ms, when the keyring
 * answers; a write in flight writes again when it is done. */
static void
schedule_write (HabContactStore *self,
                const char      *contact_id,
                guint            delay_ms)
{
  Entry *entry = g_hash_table_lookup (self->entries, contact_id);
  WriteLater *later;

  if (entry == NULL || self->state != HAB_CONTACT_STORE_STATE_READY)
    return;

  g_clear_handle_id (&entry->write_id, g_source_remove);
  if (entry->writing > 0)
    return;

  later = g_new0 (WriteLater, 1);
  later->store = self;
  later->contact_id = g_strdup (contact_id);
  entry->write_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, write_later_cb, later,
                                        write_later_free);
}

/* Updates the card in memory; returns whether anything changed. */
static gboolean
update_entry (HabContactStore *self,
              const char      *contact_id,
              JsonObject      *card,
              const char      *role)
{
  Entry *entry = g_hash_table_lookup (self->entries, contact_id);
  gboolean changed = FALSE;

  json_object_set_string_member (card, "contact_id", contact_id);

  if (entry == NULL)
    {
      entry = entry_new (card);
      g_hash_table_insert (self->entries, g_strdup (contact_id), entry);
      changed = TRUE;
    }
  else if (!objects_equal (entry->card, card))
    {
      json_object_unref (entry->card);
      entry->card = json_object_ref (card);
      changed = TRUE;
    }

  if (is_role (role) && !has_role (entry->roles, role))
    {
      g_ptr_array_add (entry->roles, g_strdup (role));
      changed = TRUE;
    }

  if (changed)
    entry->generation = ++self->generation;

  return changed;
}

/* The card of @contact as JSON: the members it knows replace those of
 * @base, the others of @base are kept. */
static JsonObject *
card_from_contact (JsonObject       *base,
                   const HabContact *contact)
{
  g_autoptr(JsonNode) known = hab_contact_to_json (contact);
  JsonObject *known_object = json_node_get_object (known);
  JsonObject *card = base ? object_copy (base) : json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (card_members); i++)
    {
      const char *value = hab_json_object_get_string (known_object, card_members[i]);

      if (str_blank (value))
        {
          if (json_object_has_member (card, card_members[i]))
            json_object_remove_member (card, card_members[i]);
        }
      else
        json_object_set_string_member (card, card_members[i], value);
    }

  return card;
}

/* Loading every card */

/* An item deleted while a search reads it (by another program, say). */
static gboolean
is_vanished_item (const GError *error)
{
  return hab_secret_error_matches (error, SECRET_ERROR_NO_SUCH_OBJECT)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD);
}


static void
load_done (GTask *task)
{
  HabContactStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer key, value;

  if (op->error != NULL)
    {
      /* Nothing of what is in memory is dropped. */
      fail (task, translate_error (op, op->error));
      return;
    }

  /* Cards deleted elsewhere go; cards edited here and not written yet stay. */
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      if (!g_hash_table_contains (op->found, key) && entry_is_stored (entry) && entry->writing == 0)
        g_hash_table_iter_remove (&iter);
    }

  g_hash_table_iter_init (&iter, op->found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *found = value;
      Entry *entry = g_hash_table_lookup (self->entries, key);

      if (entry != NULL && (!entry_is_stored (entry) || entry->writing > 0))
        {
          /* Ours is newer: keep it, with the roles of both. */
          for (guint i = 0; i < found->roles->len; i++)
            if (!has_role (entry->roles, g_ptr_array_index (found->roles, i)))
              g_ptr_array_add (entry->roles, g_strdup (g_ptr_array_index (found->roles, i)));
          continue;
        }

      found->generation = found->stored_generation = ++self->generation;
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->entries, key, found);
    }

  keyring_answered (self);
  emit_changed (self);
  succeed (task);
}

typedef struct
{
  GTask *task;
  char  *contact_id;
} Retrieve;

static void
retrieve_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Retrieve *retrieve = user_data;
  g_autoptr(GTask) task = retrieve->task;
  g_autofree char *contact_id = retrieve->contact_id;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SecretValue *value;

  g_free (retrieve);

  value = SECRET->retrievable_retrieve_secret_finish ((SecretRetrievable *) source, result, &error);
  if (op->completed)
    {
      g_clear_pointer (&value, SECRET->value_unref);
      return;
    }

  if (value == NULL && error == NULL)
    error = g_error_new_literal (SECRET->error_get_quark (), SECRET_ERROR_IS_LOCKED, "no secret");

  if (error != NULL && is_vanished_item (error))
    {
      /* Deleted since the search (in another window, or another program). */
      g_debug ("Contact card %s went away while it was read: %s", contact_id, error->message);
    }
  else if (error != NULL)
    {
      if (op->error == NULL)
        op->error = g_steal_pointer (&error);
    }
  else
    {
      gsize length = 0;
      const char *text = SECRET->value_get (value, &length);
      g_autoptr(GError) parse_error = NULL;
      Entry *entry = entry_from_secret (contact_id, text, length, &parse_error);

      if (entry != NULL)
        g_hash_table_replace (op->found, g_strdup (contact_id), entry);
      else
        g_warning ("%s", parse_error->message);
    }

  g_clear_pointer (&value, SECRET->value_unref);

  if (--op->pending == 0)
    load_done (task);
}

static void search (GTask *task);

static void
search_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = SECRET->password_search_finish (result, &error);
  if (op->completed)
    {
      g_list_free_full (items, g_object_unref);
      return;
    }

  /* libsecret fails the whole search when one item goes away meanwhile:
   * search again. */
  if (error != NULL && is_vanished_item (error) && op->searches < 3)
    {
      g_debug ("An item went away during the search; searching again: %s", error->message);
      search (g_steal_pointer (&task));
      return;
    }

  if (error != NULL)
    {
      fail (task, translate_error (op, error));
      return;
    }

  op->found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  op->pending = 1;   /* until every retrieval has started */

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretRetrievable *item = l->data;
      g_autoptr(GHashTable) attributes = SECRET->retrievable_get_attributes (item);
      const char *contact_id = attributes ? g_hash_table_lookup (attributes,
                                                                 HAB_CONTACT_STORE_ATTRIBUTE) : NULL;
      Retrieve *retrieve;

      if (str_blank (contact_id))
        continue;

      retrieve = g_new0 (Retrieve, 1);
      retrieve->task = g_object_ref (task);
      retrieve->contact_id = g_strdup (contact_id);
      op->pending++;
      SECRET->retrievable_retrieve_secret (item, op->cancellable, retrieve_cb, retrieve);
    }
  g_list_free_full (items, g_object_unref);

  if (--op->pending == 0)
    load_done (task);
}

static void
search (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  SecretSearchFlags flags = SECRET_SEARCH_ALL;

  op->searches++;

  if (op->unlock)
    flags |= SECRET_SEARCH_UNLOCK;

  SECRET->password_search (&contact_schema, flags, op->cancellable, search_cb, task, NULL);
}

static void
unlock_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  int n_unlocked;

  n_unlocked = SECRET->service_unlock_finish (NULL, result, NULL, &error);
  if (op->completed)
    {
      g_object_unref (task);
      return;
    }

  if (n_unlocked <= 0)
    {
      fail (task, translate_error (op, error));
      g_object_unref (task);
      return;
    }

  search (task);
}

/* A locked collection hides its items from a search: the default one is
 * checked first, and unlocked only when the user asked for it (a prompt). */
static void
collection_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;

  collection = SECRET->collection_for_alias_finish (result, &error);
  if (op->completed)
    {
      g_object_unref (task);
      return;
    }

  if (error != NULL && (op->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      fail (task, translate_error (op, error));
      g_object_unref (task);
      return;
    }

  /* Without a default collection (or without the D-Bus service, as in a
   * sandbox where libsecret keeps its own file), the search decides. */
  if (error != NULL)
    g_debug ("No default collection: %s", error->message);

  if (collection != NULL && SECRET->collection_get_locked (collection))
    {
      if (op->unlock)
        {
          g_autoptr(GList) objects = g_list_append (NULL, collection);

          SECRET->service_unlock (NULL, objects, op->cancellable, unlock_cb, task);
          return;
        }

      fail (task, translate_error (op, NULL));
      g_object_unref (task);
      return;
    }

  search (task);
}

/**
 * hab_contact_store_load_async:
 * @unlock: whether to ask for the keyring's password if it is locked (a
 *   prompt: only when the user asked for it)
 *
 * Reads every card from the keyring into memory. Cards edited in memory
 * and not written yet are kept, and written once the keyring answers.
 */
void
hab_contact_store_load_async (HabContactStore     *self,
                              gboolean             unlock,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const HabSecret *secret;
  Op *op;

  g_return_if_fail (HAB_IS_CONTACT_STORE (self));

  /* A retry asked for while nothing else runs: connect again, in case the
   * secret service was restarted. */
  if (unlock && self->busy == 0 && self->state == HAB_CONTACT_STORE_STATE_UNAVAILABLE
      && hab_secret_peek () != NULL)
    hab_secret_peek ()->service_disconnect ();

  self->load_started = TRUE;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hab_contact_store_load_async);
  secret = keyring_for (task);
  if (secret == NULL)
    return;

  op = op_new (self, task, cancellable);
  op->unlock = unlock;

  secret->collection_for_alias (NULL, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                                op->cancellable, collection_cb, g_steal_pointer (&task));
}

gboolean
hab_contact_store_load_finish (HabContactStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ensure_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!hab_contact_store_load_finish (HAB_CONTACT_STORE (source), result, &error))
    g_debug ("The address book is unavailable: %s", error->message);
}

/**
 * hab_contact_store_ensure_loaded:
 *
 * Starts loading the cards, unless it was done or asked for already.
 * Never prompts.
 */
void
hab_contact_store_ensure_loaded (HabContactStore *self)
{
  g_return_if_fail (HAB_IS_CONTACT_STORE (self));

  if (!self->load_started)
    hab_contact_store_load_async (self, FALSE, self->cancellable, ensure_loaded_cb, NULL);
}

/* Looking one card up */

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HabContactStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  Entry *found, *entry;
  char *text;

  text = SECRET->password_lookup_finish (result, &error);
  if (op->completed)
    {
      g_clear_pointer (&text, SECRET->password_free);
      return;
    }

  if (error != NULL)
    {
      fail (task, translate_error (op, error));
      return;
    }

  keyring_answered (self);

  if (text == NULL)
    {
      fail (task, g_error_new (HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_NOT_FOUND,
                               _("Your keyring has no contact card “%s”."), op->contact_id));
      return;
    }

  found = entry_from_secret (op->contact_id, text, strlen (text), &parse_error);
  SECRET->password_free (text);
  if (found == NULL)
    {
      fail (task, g_steal_pointer (&parse_error));
      return;
    }

  entry = g_hash_table_lookup (self->entries, op->contact_id);
  if (entry == NULL || (entry_is_stored (entry) && entry->writing == 0))
    {
      if (entry == NULL || !objects_equal (entry->card, found->card))
        {
          found->generation = found->stored_generation = ++self->generation;
          g_hash_table_replace (self->entries, g_strdup (op->contact_id), found);
          found = NULL;
          emit_changed (self);
        }
    }
  g_clear_pointer (&found, entry_free);

  op_complete (op);
  g_task_return_pointer (task, hab_contact_store_dup_card (self, op->contact_id),
                         (GDestroyNotify) hab_contact_free);
}

/**
 * hab_contact_store_lookup_async:
 *
 * Reads one card from the keyring (and keeps it in memory). Fails with
 * %HAB_CONTACT_STORE_ERROR_NOT_FOUND when the keyring has no such card.
 */
void
hab_contact_store_lookup_async (HabContactStore     *self,
                                const char          *contact_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const HabSecret *secret;
  Op *op;

  g_return_if_fail (HAB_IS_CONTACT_STORE (self));
  g_return_if_fail (contact_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hab_contact_store_lookup_async);
  secret = keyring_for (task);
  if (secret == NULL)
    return;

  op = op_new (self, task, cancellable);
  op->contact_id = g_strdup (contact_id);

  secret->password_lookup (&contact_schema, op->cancellable, lookup_cb, g_steal_pointer (&task),
                           HAB_CONTACT_STORE_ATTRIBUTE, contact_id, NULL);
}

/**
 * hab_contact_store_lookup_finish:
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 */
HabContact *
hab_contact_store_lookup_finish (HabContactStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Storing and updating */

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!write_finish (HAB_CONTACT_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * hab_contact_store_save_async:
 * @card: a card with its contact_id
 * @role: (nullable): the role the card is named for, kept as a hint
 *
 * Stores the card, or updates it. It is in memory at once, whatever the
 * keyring answers: when it fails, the card stays in memory and is written
 * once the keyring answers again.
 */
void
hab_contact_store_save_async (HabContactStore     *self,
                              const HabContact    *card,
                              const char          *role,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(JsonObject) object = NULL;
  GTask *task;
  Entry *entry;

  g_return_if_fail (HAB_IS_CONTACT_STORE (self));
  g_return_if_fail (card != NULL);
  g_return_if_fail (!str_blank (card->contact_id));

  entry = g_hash_table_lookup (self->entries, card->contact_id);
  object = card_from_contact (entry ? entry->card : NULL, card);
  if (update_entry (self, card->contact_id, object, role))
    emit_changed (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hab_contact_store_save_async);
  write_async (self, card->contact_id, cancellable, save_cb, task);
}

gboolean
hab_contact_store_save_finish (HabContactStore  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hab_contact_store_put:
 * @card: a card with its contact_id
 * @role: (nullable): the role the card is named for, kept as a hint
 *
 * A card being edited: in memory at once (the validator sees it), in the
 * keyring a moment after the last change, when the keyring answers.
 */
void
hab_contact_store_put (HabContactStore  *self,
                       const HabContact *card,
                       const char       *role)
{
  g_autoptr(JsonObject) object = NULL;
  Entry *entry;

  g_return_if_fail (HAB_IS_CONTACT_STORE (self));
  g_return_if_fail (card != NULL);
  g_return_if_fail (!str_blank (card->contact_id));

  entry = g_hash_table_lookup (self->entries, card->contact_id);
  object = card_from_contact (entry ? entry->card : NULL, card);
  if (!update_entry (self, card->contact_id, object, role))
    return;

  emit_changed (self);
  schedule_write (self, card->contact_id, WRITE_DELAY_MS);
}

/* Deleting */

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HabContactStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  SECRET->password_clear_finish (result, &error);
  if (op->completed)
    return;

  if (error != NULL)
    {
      fail (task, translate_error (op, error));
      return;
    }

  keyring_answered (self);
  if (g_hash_table_remove (self->entries, op->contact_id))
    emit_changed (self);
  succeed (task);
}

/**
 * hab_contact_store_delete_async:
 *
 * Deletes the card from the keyring, then from memory. A card that never
 * reached the keyring is only dropped from memory.
 */
void
hab_contact_store_delete_async (HabContactStore     *self,
                                const char          *contact_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const HabSecret *secret;
  Entry *entry;
  Op *op;

  g_return_if_fail (HAB_IS_CONTACT_STORE (self));
  g_return_if_fail (contact_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hab_contact_store_delete_async);

  entry = g_hash_table_lookup (self->entries, contact_id);
  if (entry != NULL && entry->stored_generation == 0 && entry->writing == 0
      && self->state != HAB_CONTACT_STORE_STATE_READY)
    {
      g_hash_table_remove (self->entries, contact_id);
      emit_changed (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  secret = keyring_for (task);
  if (secret == NULL)
    return;

  op = op_new (self, task, cancellable);
  op->contact_id = g_strdup (contact_id);

  if (entry != NULL)
    g_clear_handle_id (&entry->write_id, g_source_remove);

  secret->password_clear (&contact_schema, op->cancellable, delete_cb, g_steal_pointer (&task),
                          HAB_CONTACT_STORE_ATTRIBUTE, contact_id, NULL);
}

gboolean
hab_contact_store_delete_finish (HabContactStore  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Importing the inline cards of a dossier */

static JsonObject *
actor_object (HabDossier *dossier,
              const char *role)
{
  g_autofree char *path = g_strconcat ("actors.", role, NULL);

  return hab_dossier_get_object (dossier, path);
}

static JsonObject *
inline_card (HabDossier *dossier,
             const char *role)
{
  JsonObject *actor = actor_object (dossier, role);
  JsonNode *node = actor ? json_object_get_member (actor, "contact") : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The contact_id of a role's card: the card's own, else the actor's. */
static const char *
inline_card_id (HabDossier *dossier,
                const char *role)
{
  JsonObject *card = inline_card (dossier, role);
  const char *contact_id = card ? hab_json_object_get_string (card, "contact_id") : NULL;

  if (str_blank (contact_id))
    contact_id = hab_json_object_get_string (actor_object (dossier, role), "contact_id");

  return str_blank (contact_id) ? NULL : contact_id;
}

static gboolean
card_is_blank (JsonObject *card)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, card);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_str_equal (member, "contact_id") && !node_blank (node))
      return FALSE;

  return TRUE;
}

static void
import_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data);

static void
import_next (GTask *task)
{
  HabContactStore *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (op->pending >= op->ids->len)
    {
      succeed (task);
      g_object_unref (task);
      return;
    }

  write_async (self, g_ptr_array_index (op->ids, op->pending), op->cancellable,
               import_written_cb, task);
}

static void
import_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (op->completed)
    {
      g_object_unref (task);
      return;
    }

  if (!write_finish (HAB_CONTACT_STORE (source), result, &error))
    {
      /* The cards stay in memory; the file is left to the caller. */
      if (op->timed_out)
        {
          g_clear_error (&error);
          error = translate_error (op, NULL);
        }
      fail (task, error);
      g_object_unref (task);
      return;
    }

  op->pending++;
  import_next (task);
}

static void
import_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  HabContactStore *self = HAB_CONTACT_STORE (source);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *error = NULL;

  if (op->completed)
    {
      g_object_unref (task);
      return;
    }

  if (!hab_contact_store_load_finish (self, result, &error))
    {
      if (op->timed_out)
        {
          g_clear_error (&error);
          error = translate_error (op, NULL);
        }
      fail (task, error);
      g_object_unref (task);
      return;
    }

  op->ids = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < G_N_ELEMENTS (role_keys); r++)
    {
      const char *role = role_keys[r];
      JsonObject *card = inline_card (op->dossier, role);
      g_autofree char *contact_id = NULL;
      g_autoptr(JsonObject) merged = NULL;
      JsonObject *other_card;
      Entry *entry;

      if (card == NULL || card_is_blank (card))
        continue;

      contact_id = g_strdup (inline_card_id (op->dossier, role));

      /* Another person already has this contact_id (in the keyring, or for
       * another role of this file): this card gets one of its own, so that
       * nobody's card is overwritten. */
      entry = contact_id ? g_hash_table_lookup (self->entries, contact_id) : NULL;
      other_card = contact_id ? g_hash_table_lookup (taken, contact_id) : NULL;
      if (contact_id == NULL
          || (other_card != NULL && !same_person (other_card, card))
          || (other_card == NULL && entry != NULL && !same_person (entry->card, card)))
        {
          g_autofree char *actor_path = g_strdup_printf ("actors.%s.contact_id", role);

          g_free (contact_id);
          contact_id = g_uuid_string_random ();
          hab_dossier_set_string (op->dossier, actor_path, contact_id);
          card = inline_card (op->dossier, role);
          if (json_object_has_member (card, "contact_id"))
            {
              g_autofree char *card_path = g_strdup_printf ("actors.%s.contact.contact_id", role);

              hab_dossier_set_string (op->dossier, card_path, contact_id);
              card = inline_card (op->dossier, role);
            }
          entry = NULL;
        }

      /* The same person: what the file says wins, what it does not say is
       * kept. */
      entry = g_hash_table_lookup (self->entries, contact_id);
      merged = entry ? object_copy (entry->card) : json_object_new ();
      {
        JsonObjectIter iter;
        const char *member;
        JsonNode *node;

        json_object_iter_init (&iter, card);
        while (json_object_iter_next (&iter, &member, &node))
          if (!node_blank (node))
            json_object_set_member (merged, member, node_deep_copy (node));
      }

      update_entry (self, contact_id, merged, role);
      g_hash_table_insert (taken, g_strdup (contact_id), card);
      if (!has_role (op->ids, contact_id))
        g_ptr_array_add (op->ids, g_strdup (contact_id));
    }

  emit_changed (self);
  op->pending = 0;
  import_next (task);
}

/**
 * hab_contact_store_import_async:
 * @dossier: a dossier whose actors may carry inline cards
 *
 * Stores every inline card of @dossier in the keyring, with the role it is
 * named for as a hint. A card whose contact_id is another person's in the
 * keyring gets a new contact_id, written into @dossier. The cards stay in
 * @dossier: once this succeeded, hab_contact_store_strip_cards() removes
 * them.
 */
void
hab_contact_store_import_async (HabContactStore     *self,
                                HabDossier          *dossier,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Op *op;

  g_return_if_fail (HAB_IS_CONTACT_STORE (self));
  g_return_if_fail (HAB_IS_DOSSIER (dossier));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hab_contact_store_import_async);
  op = op_new (self, task, cancellable);
  op->dossier = g_object_ref (dossier);

  /* What the keyring holds first, to merge with it rather than overwrite. */
  hab_contact_store_load_async (self, FALSE, op->cancellable, import_loaded_cb, task);
}

/**
 * hab_contact_store_import_finish:
 * @n_imported: (out) (optional): how many cards were stored
 */
gboolean
hab_contact_store_import_finish (HabContactStore  *self,
                                 GAsyncResult     *result,
                                 guint            *n_imported,
                                 GError          **error)
{
  Op *op;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  op = g_task_get_task_data (G_TASK (result));
  if (n_imported != NULL)
    *n_imported = op->ids ? op->ids->len : 0;

  return TRUE;
}

/* The cards in memory */

static int
compare_cards (gconstpointer a,
               gconstpointer b)
{
  const HabContact *card_a = *(HabContact **) a;
  const HabContact *card_b = *(HabContact **) b;
  const char *keys_a[] = { card_a->family_name, card_a->given_name, card_a->email, card_a->contact_id };
  const char *keys_b[] = { card_b->family_name, card_b->given_name, card_b->email, card_b->contact_id };

  for (guint i = 0; i < G_N_ELEMENTS (keys_a); i++)
    {
      g_autofree char *fold_a = g_utf8_collate_key (keys_a[i] ? keys_a[i] : "", -1);
      g_autofree char *fold_b = g_utf8_collate_key (keys_b[i] ? keys_b[i] : "", -1);
      int cmp = strcmp (fold_a, fold_b);

      if (cmp != 0)
        return cmp;
    }

  return 0;
}

/**
 * hab_contact_store_list:
 *
 * Returns: (transfer full) (element-type HabContact): every card in
 *   memory, sorted by family name, then given name
 */
GPtrArray *
hab_contact_store_list (HabContactStore *self)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_contact_free);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), cards);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (cards, hab_contact_store_dup_card (self, key));

  g_ptr_array_sort (cards, compare_cards);
  return cards;
}

/**
 * hab_contact_store_dup_card:
 *
 * Returns: (transfer full) (nullable): the card in memory
 */
HabContact *
hab_contact_store_dup_card (HabContactStore *self,
                            const char      *contact_id)
{
  HabContact *card;
  Entry *entry;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), NULL);

  entry = contact_id ? g_hash_table_lookup (self->entries, contact_id) : NULL;
  if (entry == NULL)
    return NULL;

  card = hab_contact_new_from_json (entry->card);
  if (g_strcmp0 (card->contact_id, contact_id) != 0)
    {
      g_free (card->contact_id);
      card->contact_id = g_strdup (contact_id);
    }

  return card;
}

gboolean
hab_contact_store_contains (HabContactStore *self,
                            const char      *contact_id)
{
  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), FALSE);

  return contact_id != NULL && g_hash_table_contains (self->entries, contact_id);
}

/**
 * hab_contact_store_is_stored:
 *
 * Returns: whether the keyring holds the card as it is in memory
 */
gboolean
hab_contact_store_is_stored (HabContactStore *self,
                             const char      *contact_id)
{
  Entry *entry;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), FALSE);

  entry = contact_id ? g_hash_table_lookup (self->entries, contact_id) : NULL;
  return entry != NULL && entry_is_stored (entry);
}

/**
 * hab_contact_store_dup_roles:
 *
 * Returns: (transfer full) (nullable): the roles the card was named for
 */
char **
hab_contact_store_dup_roles (HabContactStore *self,
                             const char      *contact_id)
{
  GStrvBuilder *builder;
  char **roles;
  Entry *entry;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), NULL);

  entry = contact_id ? g_hash_table_lookup (self->entries, contact_id) : NULL;
  if (entry == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint r = 0; r < G_N_ELEMENTS (role_keys); r++)
    if (has_role (entry->roles, role_keys[r]))
      g_strv_builder_add (builder, role_keys[r]);

  roles = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return roles;
}

/**
 * hab_contact_store_get_n_cards:
 *
 * Returns: how many cards are in memory
 */
guint
hab_contact_store_get_n_cards (HabContactStore *self)
{
  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), 0);

  return g_hash_table_size (self->entries);
}

/**
 * hab_contact_store_get_n_unsaved:
 *
 * Returns: how many cards are in memory only (or newer there)
 */
guint
hab_contact_store_get_n_unsaved (HabContactStore *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), 0);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!entry_is_stored (value))
      n++;

  return n;
}

/**
 * hab_contact_store_lookup_func:
 * @store: a #HabContactStore
 *
 * A #HabContactLookupFunc for hab_validator_set_contact_lookup(): reads the
 * cards in memory, never the keyring itself.
 */
HabContact *
hab_contact_store_lookup_func (const char *contact_id,
                               gpointer    store)
{
  return hab_contact_store_dup_card (HAB_CONTACT_STORE (store), contact_id);
}

/* Dossiers */

/* Whether the keyring holds everything the inline card of @role says. */
static gboolean
card_held (HabContactStore *self,
           HabDossier      *dossier,
           const char      *role)
{
  JsonObject *card = inline_card (dossier, role);
  const char *contact_id;
  Entry *entry;

  if (card == NULL)
    return FALSE;

  contact_id = inline_card_id (dossier, role);
  entry = contact_id ? g_hash_table_lookup (self->entries, contact_id) : NULL;

  return entry != NULL && entry_is_stored (entry) && card_included (card, entry->card);
}

/**
 * hab_contact_store_count_inline_cards:
 *
 * Returns: how many roles of @dossier carry an inline card that the keyring
 *   does not hold yet: the cards to offer to move into the keyring
 */
guint
hab_contact_store_count_inline_cards (HabContactStore *self,
                                      HabDossier      *dossier)
{
  guint n = 0;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), 0);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), 0);

  for (guint r = 0; r < G_N_ELEMENTS (role_keys); r++)
    {
      JsonObject *card = inline_card (dossier, role_keys[r]);

      if (card != NULL && !card_is_blank (card) && !card_held (self, dossier, role_keys[r]))
        n++;
    }

  return n;
}

/**
 * hab_contact_store_strip_cards:
 *
 * Removes from @dossier every inline card that the keyring holds (nothing
 * of it is lost); the actor keeps its contact_id and display_name.
 *
 * Returns: how many cards were removed
 */
guint
hab_contact_store_strip_cards (HabContactStore *self,
                               HabDossier      *dossier)
{
  guint n = 0;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), 0);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), 0);

  for (guint r = 0; r < G_N_ELEMENTS (role_keys); r++)
    {
      const char *role = role_keys[r];
      g_autofree char *card_path = NULL;
      g_autofree char *id_path = NULL;
      g_autofree char *name_path = NULL;
      g_autofree char *contact_id = NULL;
      g_autoptr(HabContact) contact = NULL;

      if (!card_held (self, dossier, role))
        continue;

      card_path = g_strdup_printf ("actors.%s.contact", role);
      id_path = g_strdup_printf ("actors.%s.contact_id", role);
      name_path = g_strdup_printf ("actors.%s.display_name", role);
      contact_id = g_strdup (inline_card_id (dossier, role));
      contact = hab_dossier_dup_inline_contact (dossier, role);

      if (g_strcmp0 (hab_dossier_get_string (dossier, id_path), contact_id) != 0)
        hab_dossier_set_string (dossier, id_path, contact_id);
      if (str_blank (hab_dossier_get_string (dossier, name_path)))
        {
          g_autofree char *display_name = hab_contact_dup_display_name (contact);

          if (display_name != NULL)
            hab_dossier_set_string (dossier, name_path, display_name);
        }

      hab_dossier_remove (dossier, card_path);
      n++;
    }

  return n;
}

/**
 * hab_contact_store_dup_for_saving:
 * @n_stripped: (out) (optional): how many cards were left out
 *
 * What a working file must hold: @dossier without the inline cards the
 * keyring holds (DESIGN §4).
 *
 * Returns: (transfer full): a copy, or @dossier itself when no card is to
 *   be left out
 */
HabDossier *
hab_contact_store_dup_for_saving (HabContactStore *self,
                                  HabDossier      *dossier,
                                  guint           *n_stripped)
{
  HabDossier *copy;
  gboolean any = FALSE;
  guint n;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  for (guint r = 0; r < G_N_ELEMENTS (role_keys) && !any; r++)
    any = card_held (self, dossier, role_keys[r]);

  if (!any)
    {
      if (n_stripped != NULL)
        *n_stripped = 0;
      return g_object_ref (dossier);
    }

  copy = hab_dossier_dup (dossier);
  n = hab_contact_store_strip_cards (self, copy);
  if (n_stripped != NULL)
    *n_stripped = n;

  return copy;
}

/**
 * hab_contact_store_dup_with_cards:
 *
 * What a file that travels must hold (the exported bundle, a copy for the
 * DPO): @dossier with the card of every role inline, from memory, where the
 * file has none.
 *
 * Returns: (transfer full): a copy
 */
HabDossier *
hab_contact_store_dup_with_cards (HabContactStore *self,
                                  HabDossier      *dossier)
{
  HabDossier *copy;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), NULL);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  copy = hab_dossier_dup (dossier);

  for (guint r = 0; r < G_N_ELEMENTS (role_keys); r++)
    {
      const char *role = role_keys[r];
      JsonObject *actor = actor_object (copy, role);
      const char *contact_id = actor ? hab_json_object_get_string (actor, "contact_id") : NULL;
      g_autofree char *card_path = NULL;
      Entry *entry;

      if (inline_card (copy, role) != NULL || contact_id == NULL)
        continue;

      entry = g_hash_table_lookup (self->entries, contact_id);
      if (entry == NULL)
        continue;

      card_path = g_strdup_printf ("actors.%s.contact", role);
      {
        g_autoptr(JsonObject) card = object_copy (entry->card);

        hab_dossier_set_node (copy, card_path, json_node_init_object (json_node_alloc (), card));
      }
    }

  return copy;
}

/* The previous version, kept as "name~" by hab_dossier_save(), must not keep
 * in clear the cards that were just moved into the keyring. */
static void
strip_backup (HabContactStore *self,
              GFile           *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *backup_path = NULL;
  g_autoptr(GFile) backup = NULL;
  g_autoptr(HabDossier) previous = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (path == NULL)
    return;

  backup_path = g_strconcat (path, "~", NULL);
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    return;

  backup = g_file_new_for_path (backup_path);
  previous = hab_dossier_new_from_file (backup, NULL, NULL);
  if (previous == NULL || hab_contact_store_strip_cards (self, previous) == 0)
    return;

  data = hab_dossier_to_data (previous, &length);
  if (!g_file_replace_contents (backup, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                NULL, &error))
    g_warning ("The previous version “%s” still holds contact cards: %s", backup_path,
               error->message);
}

/**
 * hab_contact_store_save_dossier:
 *
 * Saves @dossier to @file atomically (hab_dossier_save_full() with @flags), without the
 * inline cards the keyring holds, and removes them from the previous
 * version kept aside too. @dossier itself keeps its cards; it takes the
 * file and the time of the save.
 */
gboolean
hab_contact_store_save_dossier (HabContactStore      *self,
                                HabDossier           *dossier,
                                GFile                *file,
                                HabDossierSaveFlags   flags,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr(HabDossier) to_save = NULL;

  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), FALSE);
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  to_save = hab_contact_store_dup_for_saving (self, dossier, NULL);
  if (!hab_dossier_save_full (to_save, file, flags, cancellable, error))
    return FALSE;

  if (to_save != dossier)
    {
      const char *modified = hab_dossier_get_string (to_save, "modified");

      /* The time of the save, without an edit of the model. */
      if (modified != NULL)
        json_object_set_string_member (hab_dossier_get_root (dossier), "modified", modified);
      hab_dossier_set_file (dossier, file);
      hab_dossier_copy_disk_state (dossier, to_save);
    }

  strip_backup (self, file);
  return TRUE;
}

/* The object */

HabContactStoreState
hab_contact_store_get_state (HabContactStore *self)
{
  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), HAB_CONTACT_STORE_STATE_UNKNOWN);

  return self->state;
}

/**
 * hab_contact_store_get_error:
 *
 * Returns: (nullable): why the keyring is unavailable, in plain words
 */
const GError *
hab_contact_store_get_error (HabContactStore *self)
{
  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), NULL);

  return self->error;
}

gboolean
hab_contact_store_get_busy (HabContactStore *self)
{
  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), FALSE);

  return self->busy > 0;
}

guint
hab_contact_store_get_timeout (HabContactStore *self)
{
  g_return_val_if_fail (HAB_IS_CONTACT_STORE (self), 0);

  return self->timeout_ms;
}

/**
 * hab_contact_store_set_timeout:
 * @timeout_ms: how long a keyring call may take, in milliseconds
 */
void
hab_contact_store_set_timeout (HabContactStore *self,
                               guint            timeout_ms)
{
  g_return_if_fail (HAB_IS_CONTACT_STORE (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

const SecretSchema *
hab_contact_store_get_schema (void)
{
  return &contact_schema;
}

static void
hab_contact_store_dispose (GObject *object)
{
  HabContactStore *self = HAB_CONTACT_STORE (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->entries);

  G_OBJECT_CLASS (hab_contact_store_parent_class)->dispose (object);
}

static void
hab_contact_store_finalize (GObject *object)
{
  HabContactStore *self = HAB_CONTACT_STORE (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_error (&self->error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hab_contact_store_parent_class)->finalize (object);
}

static void
hab_contact_store_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HabContactStore *self = HAB_CONTACT_STORE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_contact_store_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HabContactStore *self = HAB_CONTACT_STORE (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      hab_contact_store_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_contact_store_class_init (HabContactStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hab_contact_store_dispose;
  object_class->finalize = hab_contact_store_finalize;
  object_class->get_property = hab_contact_store_get_property;
  object_class->set_property = hab_contact_store_set_property;

  /**
   * HabContactStore:state:
   *
   * Whether the keyring answered. Notified again, with the same value, when
   * it fails for another reason.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HAB_TYPE_CONTACT_STORE_STATE, HAB_CONTACT_STORE_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, G_MAXUINT, HAB_CONTACT_STORE_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HabContactStore::changed:
   *
   * A card in memory was added, edited, stored or removed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hab_contact_store_init (HabContactStore *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  self->timeout_ms = HAB_CONTACT_STORE_DEFAULT_TIMEOUT_MS;
  self->cancellable = g_cancellable_new ();
}

HabContactStore *
hab_contact_store_new (void)
{
  return g_object_new (HAB_TYPE_CONTACT_STORE, NULL);
}

/**
 * hab_contact_store_get_default:
 *
 * Returns: (transfer none): the address book of the application: one for
 *   the process, shared by its windows
 */
HabContactStore *
hab_contact_store_get_default (void)
{
  static HabContactStore *default_store;

  if (default_store == NULL)
    default_store = hab_contact_store_new ();

  return default_store;
}
