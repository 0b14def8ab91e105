/* test-contact-store.c: the address book against a real gnome-keyring.
 *
 * The cards go to the gnome-keyring of the session when one answers (the
 * test command, build-aux/run-tests.sh, starts one), or else to a private
 * gnome-keyring started here with the same recipe; no test double. The
 * cases without a secret service, and with a locked collection, run in a
 * private session bus of their own, in a subprocess. Every card made here
 * has a fresh contact_id and is deleted at the end.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "hab-contact-store.h"
#include "hab-test-keyring.h"
#include "hab-validator.h"

#define TEST_TIMEOUT_MS 10000

static HabTestBus *private_bus;
static gboolean have_keyring;
static char *session_address;
static gboolean session_has_keyring;

static const char *const roles[] = {
  HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
  HAB_ROLE_RESPONSABLE_TECHNIQUE, HAB_ROLE_EDITEUR,
};

static gboolean
require_keyring (void)
{
  if (!have_keyring)
    g_test_skip ("gnome-keyring-daemon or dbus-daemon is not installed");

  return have_keyring;
}

/* Waiting for the store's asynchronous calls */

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gboolean
store_load (HabContactStore  *store,
            gboolean          unlock,
            GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hab_contact_store_load_async (store, unlock, NULL, result_cb, &result);
  return hab_contact_store_load_finish (store, wait_result (&result), error);
}

static gboolean
store_save (HabContactStore   *store,
            const HabContact  *card,
            const char        *role,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hab_contact_store_save_async (store, card, role, NULL, result_cb, &result);
  return hab_contact_store_save_finish (store, wait_result (&result), error);
}

static gboolean
store_delete (HabContactStore  *store,
              const char       *contact_id,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hab_contact_store_delete_async (store, contact_id, NULL, result_cb, &result);
  return hab_contact_store_delete_finish (store, wait_result (&result), error);
}

static HabContact *
store_lookup (HabContactStore  *store,
              const char       *contact_id,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hab_contact_store_lookup_async (store, contact_id, NULL, result_cb, &result);
  return hab_contact_store_lookup_finish (store, wait_result (&result), error);
}

static gboolean
store_import (HabContactStore  *store,
              HabDossier       *dossier,
              guint            *n_imported,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hab_contact_store_import_async (store, dossier, NULL, result_cb, &result);
  return hab_contact_store_import_finish (store, wait_result (&result), n_imported, error);
}

/* A store that reads the keyring afresh. */
static HabContactStore *
fresh_store (void)
{
  HabContactStore *store = hab_contact_store_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (store_load (store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hab_contact_store_get_state (store), ==, HAB_CONTACT_STORE_STATE_READY);
  return store;
}

static void
delete_cards (GPtrArray *ids)
{
  g_autoptr(HabContactStore) store = hab_contact_store_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      store_delete (store, g_ptr_array_index (ids, i), &error);
      g_assert_no_error (error);
    }
}

static HabContact *
make_card (const char *given_name,
           const char *family_name)
{
  HabContact *card = hab_contact_new ();
  g_autofree char *unique = g_uuid_string_random ();
  g_autofree char *local = g_ascii_strdown (given_name, -1);

  card->contact_id = g_uuid_string_random ();
  card->given_name = g_strdup (given_name);
  card->family_name = g_strdup (family_name);
  card->email = g_strdup_printf ("%s.%.8s@mairie-exemple.fr", local, unique);
  card->phone = g_strdup ("05 63 41 20 10");
  card->job_title = g_strdup ("Chargée de mission");
  return card;
}

/* Files */

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hab-contacts-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static HabDossier *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

/* Findings as "rule field message" lines, to compare two validations. */
static char *
findings_text (HabDossier      *dossier,
               HabContactStore *store)
{
  g_autoptr(HabValidator) validator = hab_validator_new (NULL);
  g_autoptr(GPtrArray) findings = NULL;
  GString *text = g_string_new (NULL);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  hab_validator_set_today (validator, &today);
  if (store != NULL)
    hab_validator_set_contact_lookup (validator, hab_contact_store_lookup_func,
                                      g_object_ref (store), g_object_unref);

  findings = hab_validator_validate (validator, dossier);
  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "%s %s %s\n", finding->rule->id, finding->field, finding->message);
    }

  return g_string_free (text, FALSE);
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;

  return n;
}

/* The command line */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs habilitation-cli; @bus_address, when given, is its session bus. */
static void
run_cli (Run        *run,
         const char *bus_address,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("HAB_CLI");
  const char *arg;
  va_list args;
  int wait_status;

  if (cli == NULL)
    g_error ("HAB_CLI is not set: run this test through meson test");

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, bus_address);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (bus_address != NULL)
    envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Store, list, look up, update, delete */

static void
test_crud (void)
{
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(HabContact) card = make_card ("Zoé", "Lefèvre");
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;

  store = fresh_store ();

  /* store */
  g_assert_true (store_save (store, card, HAB_ROLE_DEMANDEUR, &error));
  g_assert_no_error (error);
  g_assert_true (hab_contact_store_is_stored (store, card->contact_id));
  g_assert_cmpuint (hab_contact_store_get_n_unsaved (store), ==, 0);

  /* list, from the keyring */
  {
    g_autoptr(HabContactStore) other = fresh_store ();
    g_autoptr(GPtrArray) cards = hab_contact_store_list (other);
    g_auto(GStrv) hints = hab_contact_store_dup_roles (other, card->contact_id);
    gboolean listed = FALSE;

    for (guint i = 0; i < cards->len; i++)
      {
        const HabContact *listed_card = g_ptr_array_index (cards, i);

        if (g_strcmp0 (listed_card->contact_id, card->contact_id) == 0)
          {
            listed = TRUE;
            g_assert_cmpstr (listed_card->given_name, ==, "Zoé");
            g_assert_cmpstr (listed_card->family_name, ==, "Lefèvre");
            g_assert_cmpstr (listed_card->email, ==, card->email);
            g_assert_cmpstr (listed_card->phone, ==, card->phone);
            g_assert_cmpstr (listed_card->job_title, ==, card->job_title);
          }
      }
    g_assert_true (listed);
    g_assert_nonnull (hints);
    g_assert_cmpstr (hints[0], ==, HAB_ROLE_DEMANDEUR);
    g_assert_null (hints[1]);
  }

  /* look up one card */
  {
    g_autoptr(HabContactStore) other = hab_contact_store_new ();
    g_autoptr(HabContact) found = store_lookup (other, card->contact_id, &error);

    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_cmpstr (found->email, ==, card->email);
    g_assert_true (hab_contact_store_is_stored (other, card->contact_id));
  }

  /* update it: a contact used by several dossiers is edited once */
  g_free (card->phone);
  card->phone = g_strdup ("+33 5 63 41 20 11");
  g_clear_pointer (&card->job_title, g_free);
  g_assert_true (store_save (store, card, HAB_ROLE_RESPONSABLE_TECHNIQUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(HabContactStore) other = fresh_store ();
    g_autoptr(HabContact) found = hab_contact_store_dup_card (other, card->contact_id);
    g_auto(GStrv) hints = hab_contact_store_dup_roles (other, card->contact_id);

    g_assert_nonnull (found);
    g_assert_cmpstr (found->phone, ==, "+33 5 63 41 20 11");
    g_assert_null (found->job_title);
    g_assert_cmpstr (found->email, ==, card->email);
    g_assert_cmpuint (g_strv_length (hints), ==, 2);
  }

  /* delete it */
  g_assert_true (store_delete (store, card->contact_id, &error));
  g_assert_no_error (error);
  g_assert_false (hab_contact_store_contains (store, card->contact_id));
  {
    g_autoptr(HabContactStore) other = fresh_store ();
    g_autoptr(HabContact) found = NULL;

    g_assert_false (hab_contact_store_contains (other, card->contact_id));
    found = store_lookup (other, card->contact_id, &error);
    g_assert_null (found);
    g_assert_error (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_NOT_FOUND);
  }
}

/* What the keyring holds: one attribute, the contact_id; a label that says
 * nothing of the person; the card as JSON in the secret. */
static void
test_secret_item (void)
{
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(HabContact) card = make_card ("Awa", "Diallo");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *label = NULL;
  GList *items;
  SecretRetrievable *item;
  SecretValue *value;
  JsonObject *root, *stored_card;
  GHashTableIter iter;
  gpointer key, attribute;

  if (!require_keyring ())
    return;

  store = fresh_store ();
  g_assert_true (store_save (store, card, HAB_ROLE_DELEGUE_PROTECTION_DONNEES, &error));
  g_assert_no_error (error);

  /* The asynchronous calls, as the application makes them (the
   * synchronous ones leak in libsecret's own main context). */
  {
    g_autoptr(GAsyncResult) result = NULL;

    secret_password_search (hab_contact_store_get_schema (), SECRET_SEARCH_ALL, NULL, result_cb,
                            &result, HAB_CONTACT_STORE_ATTRIBUTE, card->contact_id, NULL);
    items = secret_password_search_finish (wait_result (&result), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_length (items), ==, 1);
  item = items->data;

  g_assert_cmpstr (hab_contact_store_get_schema ()->name, ==, "io.github.habilitation.Habilitation.Contact");
  attributes = secret_retrievable_get_attributes (item);
  g_hash_table_iter_init (&iter, attributes);
  while (g_hash_table_iter_next (&iter, &key, &attribute))
    {
      /* libsecret adds the schema's name; nothing else than the id. */
      g_assert_true (g_str_equal (key, HAB_CONTACT_STORE_ATTRIBUTE) || g_str_equal (key, "xdg:schema"));
      g_assert_null (strchr (attribute, '@'));
      g_assert_null (strstr (attribute, "Diallo"));
    }
  g_assert_cmpstr (g_hash_table_lookup (attributes, HAB_CONTACT_STORE_ATTRIBUTE), ==, card->contact_id);

  label = secret_retrievable_get_label (item);
  g_assert_cmpstr (label, ==, "Habilitation contact");

  {
    g_autoptr(GAsyncResult) result = NULL;

    secret_retrievable_retrieve_secret (item, NULL, result_cb, &result);
    value = secret_retrievable_retrieve_secret_finish (item, wait_result (&result), &error);
    g_assert_no_error (error);
  }
  g_assert_true (json_parser_load_from_data (parser, secret_value_get_text (value), -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "habilitation-contact");
  stored_card = json_object_get_object_member (root, "card");
  g_assert_cmpstr (json_object_get_string_member (stored_card, "email"), ==, card->email);
  g_assert_cmpstr (json_object_get_string_member (stored_card, "contact_id"), ==, card->contact_id);
  secret_value_unref (value);
  g_list_free_full (items, g_object_unref);

  g_assert_true (store_delete (store, card->contact_id, &error));
  g_assert_no_error (error);
}

/* A card edited on the Acteurs step: in memory at once, in the keyring a
 * moment later. */
static gboolean
is_stored_cb (gpointer data)
{
  HabContactStore *store = ((gpointer *) data)[0];
  const char *contact_id = ((gpointer *) data)[1];

  return hab_contact_store_is_stored (store, contact_id);
}

static void
test_put (void)
{
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(HabContact) card = make_card ("Luc", "Bernard");
  g_autoptr(GError) error = NULL;
  gpointer data[2];
  gint64 end;

  if (!require_keyring ())
    return;

  store = fresh_store ();
  hab_contact_store_put (store, card, HAB_ROLE_RESPONSABLE_TECHNIQUE);
  g_assert_true (hab_contact_store_contains (store, card->contact_id));
  g_assert_false (hab_contact_store_is_stored (store, card->contact_id));

  data[0] = store;
  data[1] = card->contact_id;
  end = g_get_monotonic_time () + TEST_TIMEOUT_MS * 1000;
  while (!is_stored_cb (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hab_contact_store_is_stored (store, card->contact_id));

  {
    g_autoptr(HabContactStore) other = fresh_store ();
    g_autoptr(HabContact) found = hab_contact_store_dup_card (other, card->contact_id);

    g_assert_nonnull (found);
    g_assert_cmpstr (found->family_name, ==, "Bernard");
  }

  g_assert_true (store_delete (store, card->contact_id, &error));
  g_assert_no_error (error);
}

/* Import from a file with inline cards: the file no longer holds any card,
 * nor does its previous version; the validator finds the same. */
static void
test_import (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *before = NULL;
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  if (!require_keyring ())
    return;

  path = hab_test_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, ids, emails);
  g_assert_cmpuint (ids->len, ==, 5);
  dossier = load (path);
  before = findings_text (dossier, NULL);

  store = hab_contact_store_new ();
  g_assert_cmpuint (hab_contact_store_count_inline_cards (store, dossier), ==, 5);
  g_assert_true (store_import (store, dossier, &n_imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 5);
  g_assert_cmpuint (hab_contact_store_count_inline_cards (store, dossier), ==, 0);

  /* Only once the keyring holds them are they removed. */
  g_assert_cmpuint (hab_contact_store_strip_cards (store, dossier), ==, 5);
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", roles[r]);
      g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", roles[r]);
      g_autofree char *name_path = g_strdup_printf ("actors.%s.display_name", roles[r]);

      g_assert_null (hab_dossier_lookup (dossier, card_path));
      g_assert_cmpstr (hab_dossier_get_string (dossier, id_path), ==, g_ptr_array_index (ids, r));
      g_assert_nonnull (hab_dossier_get_string (dossier, name_path));
    }

  file = g_file_new_for_path (path);
  g_assert_true (hab_contact_store_save_dossier (store, dossier, file, HAB_DOSSIER_SAVE_NONE, NULL, &error));
  g_assert_no_error (error);

  /* No card's e-mail in the file, nor in the previous version kept aside;
   * what is left with an "@" are the DataPass form's two extra addresses. */
  backup_path = g_strconcat (path, "~", NULL);
  {
    g_autofree char *text = read_file (path);
    g_autofree char *backup = read_file (backup_path);

    for (guint i = 0; i < emails->len; i++)
      {
        g_assert_null (strstr (text, g_ptr_array_index (emails, i)));
        g_assert_null (strstr (backup, g_ptr_array_index (emails, i)));
      }
    g_assert_cmpuint (count_lines_with (text, "@"), ==, 2);
    g_assert_cmpuint (count_lines_with (text, "\"contact_technique_extra_email\""), ==, 1);
    g_assert_cmpuint (count_lines_with (text, "\"extra_organization_contact_email\""), ==, 1);
    g_assert_null (strstr (text, "\"contact\""));
  }

  /* Read back: resolved from the keyring, the same findings; without the
   * keyring, every card is unresolved. */
  {
    g_autoptr(HabDossier) reloaded = load (path);
    g_autoptr(HabContactStore) other = fresh_store ();
    g_autofree char *after = findings_text (reloaded, other);
    g_autofree char *alone = findings_text (reloaded, NULL);
    g_autoptr(HabDossier) travelling = NULL;

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpuint (count_lines_with (alone, "actors.contact_unresolved"), ==, 5);

    /* A file that travels carries them inline again. */
    travelling = hab_contact_store_dup_with_cards (other, reloaded);
    for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
      {
        g_autofree char *email_path = g_strdup_printf ("actors.%s.contact.email", roles[r]);

        g_assert_cmpstr (hab_dossier_get_string (travelling, email_path), ==,
                         g_ptr_array_index (emails, r));
      }
    g_assert_null (hab_dossier_lookup (reloaded, "actors.demandeur.contact"));
    {
      g_autofree char *inline_findings = findings_text (travelling, NULL);

      g_assert_cmpstr (inline_findings, ==, before);
    }

    /* Saving a file whose cards the keyring holds leaves them out. */
    {
      g_autoptr(HabDossier) kept = NULL;
      guint n_stripped = 0;

      kept = hab_contact_store_dup_for_saving (other, travelling, &n_stripped);
      g_assert_cmpuint (n_stripped, ==, 5);
      g_assert_true (kept != travelling);
      g_assert_nonnull (hab_dossier_lookup (travelling, "actors.demandeur.contact"));
      g_assert_null (hab_dossier_lookup (kept, "actors.demandeur.contact"));
    }

    /* A card edited in the file is not the keyring's any more: kept. */
    hab_dossier_set_string (travelling, "actors.demandeur.contact.phone", "05 63 00 00 01");
    {
      g_autoptr(HabDossier) kept = NULL;
      guint n_stripped = 0;

      kept = hab_contact_store_dup_for_saving (other, travelling, &n_stripped);
      g_assert_cmpuint (n_stripped, ==, 4);
      g_assert_cmpstr (hab_dossier_get_string (kept, "actors.demandeur.contact.phone"), ==,
                       "05 63 00 00 01");
      g_assert_cmpuint (hab_contact_store_count_inline_cards (other, travelling), ==, 1);
    }
  }

  delete_cards (ids);
}

/* A card whose contact_id is another person's in the keyring gets one of
 * its own: nobody's card is overwritten. */
static void
test_import_conflict (void)
{
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(HabContact) someone = make_card ("Paul", "Durand");
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(HabContact) kept = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *new_id;
  guint n = 0;

  if (!require_keyring ())
    return;

  store = fresh_store ();
  g_assert_true (store_save (store, someone, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (ids, g_strdup (someone->contact_id));

  hab_dossier_set_string (dossier, "actors.demandeur.contact_id", someone->contact_id);
  hab_dossier_set_string (dossier, "actors.demandeur.contact.given_name", "Jeanne");
  hab_dossier_set_string (dossier, "actors.demandeur.contact.family_name", "Martin");
  hab_dossier_set_string (dossier, "actors.demandeur.contact.email", "jeanne.martin@mairie-exemple.fr");

  g_assert_true (store_import (store, dossier, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  new_id = hab_dossier_get_string (dossier, "actors.demandeur.contact_id");
  g_assert_cmpstr (new_id, !=, someone->contact_id);
  g_ptr_array_add (ids, g_strdup (new_id));

  kept = hab_contact_store_dup_card (store, someone->contact_id);
  g_assert_cmpstr (kept->given_name, ==, "Paul");
  g_assert_true (hab_contact_store_is_stored (store, new_id));
  g_assert_cmpuint (hab_contact_store_strip_cards (store, dossier), ==, 1);

  delete_cards (ids);
}

/* The validator resolves cards from the keyring as well as inline, and an
 * inline card comes first. */
static void
test_validator (void)
{
  g_autoptr(HabContactStore) store = NULL;
  g_autoptr(HabContact) card = make_card ("Marc", "Roth");
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GError) error = NULL;

  if (!require_keyring ())
    return;

  g_free (card->email);
  card->email = g_strdup ("marc.roth@");
  store = fresh_store ();
  g_assert_true (store_save (store, card, HAB_ROLE_RESPONSABLE_TECHNIQUE, &error));
  g_assert_no_error (error);

  hab_dossier_set_string (dossier, "actors.responsable_technique.contact_id", card->contact_id);
  hab_dossier_set_string (dossier, "actors.responsable_technique.display_name", "Marc Roth");

  {
    g_autoptr(HabContactStore) other = fresh_store ();
    g_autofree char *resolved = findings_text (dossier, other);
    g_autofree char *alone = findings_text (dossier, NULL);

    g_assert_nonnull (strstr (resolved, "contact.email_invalid actors.responsable_technique.email"));
    g_assert_null (strstr (resolved, "actors.contact_unresolved actors.responsable_technique"));
    g_assert_nonnull (strstr (alone, "actors.contact_unresolved actors.responsable_technique"));
    g_assert_nonnull (strstr (alone, "keyring"));

    /* Inline first. */
    hab_dossier_set_string (dossier, "actors.responsable_technique.contact.given_name", "Marc");
    hab_dossier_set_string (dossier, "actors.responsable_technique.contact.email",
                            "marc.roth@mairie-exemple.fr");
    {
      g_autofree char *inline_first = findings_text (dossier, other);

      g_assert_null (strstr (inline_first, "contact.email_invalid actors.responsable_technique"));
    }
  }

  g_assert_true (store_delete (store, card->contact_id, &error));
  g_assert_no_error (error);
}

/* After `contacts import`, the file has no card's e-mail, `contacts list`
 * shows the cards and `check` reports what it reported before. */
static void
test_cli_import (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) before = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) after = { 0 };

  if (!require_keyring ())
    return;

  path = hab_test_copy_example ("creche-production-editeur.habilitation", dir, ids, emails);

  run_cli (&before, NULL, "check", "--json", "--today", "2026-11-27", path, NULL);
  run_cli (&import, NULL, "contacts", "import", path, NULL);
  g_assert_cmpstr (import.err, ==, "");
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "5 contact cards moved into the keyring"));

  text = read_file (path);
  for (guint i = 0; i < emails->len; i++)
    g_assert_null (strstr (text, g_ptr_array_index (emails, i)));
  /* This example's only address left is the generic one of the team. */
  g_assert_cmpuint (count_lines_with (text, "@"), ==, 1);
  g_assert_cmpuint (count_lines_with (text, "\"contact_technique_extra_email\""), ==, 1);

  run_cli (&list, NULL, "contacts", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  for (guint i = 0; i < emails->len; i++)
    g_assert_nonnull (strstr (list.out, g_ptr_array_index (emails, i)));
  g_assert_nonnull (strstr (list.out, "Karim Haddad"));

  run_cli (&after, NULL, "check", "--json", "--today", "2026-11-27", path, NULL);
  g_assert_cmpint (after.status, ==, before.status);
  g_assert_cmpstr (after.err, ==, "");
  g_assert_cmpstr (after.out, ==, before.out);

  /* Nothing left to import. */
  run_cli (&again, NULL, "contacts", "import", path, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "no contact card"));

  delete_cards (ids);
}

/* No secret service on the bus */

static gboolean
until_stored (HabContactStore *store,
              const char      *contact_id)
{
  gint64 end = g_get_monotonic_time () + TEST_TIMEOUT_MS * 1000;

  while (!hab_contact_store_is_stored (store, contact_id) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  return hab_contact_store_is_stored (store, contact_id);
}

static void
no_service_subprocess (void)
{
  g_autoptr(HabContactStore) store = hab_contact_store_new ();
  g_autoptr(HabContact) card = make_card ("Nora", "Bensaïd");
  g_autoptr(HabContact) found = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *findings = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 start = g_get_monotonic_time ();

  hab_contact_store_set_timeout (store, 5000);

  /* A clear error, quickly. */
  g_assert_false (store_load (store, FALSE, &error));
  g_assert_error (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "No keyring answers"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (hab_contact_store_get_state (store), ==, HAB_CONTACT_STORE_STATE_UNAVAILABLE);
  g_assert_nonnull (hab_contact_store_get_error (store));
  g_clear_error (&error);

  /* Cards are kept in memory for the session, and nothing is lost. */
  g_assert_false (store_save (store, card, HAB_ROLE_DELEGUE_PROTECTION_DONNEES, &error));
  g_assert_error (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  found = hab_contact_store_dup_card (store, card->contact_id);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->email, ==, card->email);
  g_assert_cmpuint (hab_contact_store_get_n_unsaved (store), ==, 1);

  /* The validator resolves them. */
  hab_dossier_set_string (dossier, "actors.delegue_protection_donnees.contact_id", card->contact_id);
  findings = findings_text (dossier, store);
  g_assert_null (strstr (findings, "actors.contact_unresolved actors.delegue_protection_donnees"));

  /* A dossier with inline cards is checked and saved with them: the
   * keyring holds none of them. */
  path = hab_test_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, NULL, NULL);
  {
    g_autoptr(HabDossier) example = load (path);
    g_autofree char *inline_findings = findings_text (example, store);

    g_assert_null (strstr (inline_findings, "actors.contact_unresolved"));
    g_assert_cmpuint (hab_contact_store_count_inline_cards (store, example), ==, 5);
    file = g_file_new_for_path (path);
    g_assert_true (hab_contact_store_save_dossier (store, example, file, HAB_DOSSIER_SAVE_NONE, NULL, &error));
    g_assert_no_error (error);
    {
      g_autofree char *text = read_file (path);

      g_assert_cmpuint (count_lines_with (text, "\"email\""), ==, 5);
    }
  }

  /* Retrying when asked, once a keyring answers: the cards kept in memory
   * are written. */
  {
    HabTestBus bus = { 0 };
    g_autofree char *data_dir = NULL;

    bus.dir = make_dir ();
    bus.address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
    data_dir = g_build_filename (bus.dir, "data", NULL);
    g_assert_true (hab_test_bus_start_keyring (&bus, data_dir, "test-password"));

    g_assert_true (store_load (store, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (hab_contact_store_get_state (store), ==, HAB_CONTACT_STORE_STATE_READY);
    g_assert_true (until_stored (store, card->contact_id));
    g_assert_cmpuint (hab_contact_store_get_n_unsaved (store), ==, 0);
    {
      g_autoptr(HabContactStore) other = fresh_store ();

      g_assert_true (hab_contact_store_contains (other, card->contact_id));
    }

    hab_test_bus_stop_keyring (&bus);
    g_free (bus.address);
    g_free (bus.dir);
  }
}

static void
test_no_service (void)
{
  g_autoptr(HabTestBus) bus = NULL;
  g_autofree char *dir = make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *stripped_path = NULL;
  g_autofree char *saved_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  if (g_test_subprocess ())
    {
      no_service_subprocess ();
      return;
    }

  if (!require_keyring ())
    return;

  bus = hab_test_bus_new ();
  g_assert_nonnull (bus);

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved_address != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_address, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_test_trap_assert_passed ();

  /* The command line: exit 1 and one clear line; the file untouched. */
  {
    g_autoptr(HabTestBus) empty = hab_test_bus_new ();
    g_auto(Run) list = { 0 };
    g_auto(Run) import = { 0 };
    g_auto(Run) check = { 0 };
    g_auto(Run) check_stripped = { 0 };
    g_autofree char *after = NULL;

    path = hab_test_copy_example ("ordonnateur-r2p-interne.habilitation", dir, NULL, NULL);
    original = read_file (path);

    run_cli (&list, empty->address, "contacts", "list", NULL);
    g_assert_cmpint (list.status, ==, 1);
    g_assert_nonnull (strstr (list.err, "No keyring answers"));
    g_assert_cmpuint (count_lines_with (list.err, "habilitation-cli"), ==, 1);

    run_cli (&import, empty->address, "contacts", "import", path, NULL);
    g_assert_cmpint (import.status, ==, 1);
    g_assert_nonnull (strstr (import.err, path));
    after = read_file (path);
    g_assert_cmpstr (after, ==, original);

    /* A dossier with inline cards is checked as ever, without a word about
     * the keyring. */
    run_cli (&check, empty->address, "check", "--today", "2026-11-27", path, NULL);
    g_assert_cmpstr (check.err, ==, "");
    g_assert_null (strstr (check.out, "actors.contact_unresolved"));

    /* A working file without its cards says why they are unresolved. */
    {
      g_autoptr(HabDossier) dossier = load (path);

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", roles[r]);

          hab_dossier_remove (dossier, card_path);
        }
      stripped_path = g_build_filename (dir, "stripped.habilitation", NULL);
      {
        g_autoptr(GFile) file = g_file_new_for_path (stripped_path);
        g_autoptr(GError) error = NULL;

        g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
        g_assert_no_error (error);
      }
    }
    run_cli (&check_stripped, empty->address, "check", "--today", "2026-11-27", stripped_path, NULL);
    g_assert_cmpint (check_stripped.status, ==, 1);
    g_assert_nonnull (strstr (check_stripped.out, "actors.contact_unresolved"));
    g_assert_nonnull (strstr (check_stripped.err, "No keyring answers"));
  }
}

/* A locked collection */

static void
locked_subprocess (void)
{
  g_autoptr(HabContactStore) store = hab_contact_store_new ();
  g_autoptr(HabContact) card = make_card ("Lena", "Wolff");
  g_autoptr(HabContact) found = NULL;
  g_autoptr(GError) error = NULL;

  hab_contact_store_set_timeout (store, 3000);

  g_assert_false (store_load (store, FALSE, &error));
  g_assert_error (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_assert_cmpint (hab_contact_store_get_state (store), ==, HAB_CONTACT_STORE_STATE_UNAVAILABLE);
  g_clear_error (&error);

  /* No prompt can open here: unlocking fails, and in time. */
  g_assert_false (store_load (store, TRUE, &error));
  g_assert_true (g_error_matches (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_LOCKED)
                 || g_error_matches (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_TIMED_OUT));
  g_clear_error (&error);

  g_assert_false (store_save (store, card, NULL, &error));
  g_assert_true (g_error_matches (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_LOCKED)
                 || g_error_matches (error, HAB_CONTACT_STORE_ERROR, HAB_CONTACT_STORE_ERROR_TIMED_OUT));
  found = hab_contact_store_dup_card (store, card->contact_id);
  g_assert_nonnull (found);
}

static void
test_locked (void)
{
  g_autoptr(HabTestBus) bus = NULL;
  g_autofree char *dir = make_dir ();
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *other_original = NULL;
  g_autofree char *saved_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  if (g_test_subprocess ())
    {
      locked_subprocess ();
      return;
    }

  if (!require_keyring ())
    return;

  bus = hab_test_bus_new ();
  data_dir = g_build_filename (bus->dir, "data", NULL);

  /* A keyring with cards in it… */
  g_assert_true (hab_test_bus_start_keyring (bus, data_dir, "right-password"));
  path = hab_test_copy_example ("creche-production-editeur.habilitation", dir, NULL, emails);
  {
    g_auto(Run) import = { 0 };

    run_cli (&import, bus->address, "contacts", "import", path, NULL);
    g_assert_cmpint (import.status, ==, 0);
  }

  /* …locked: its password was not given. */
  g_assert_true (hab_test_bus_start_keyring (bus, data_dir, "wrong-password"));
  {
    g_auto(Run) list = { 0 };
    g_auto(Run) import = { 0 };
    g_autofree char *after = NULL;

    run_cli (&list, bus->address, "contacts", "list", NULL);
    g_assert_cmpint (list.status, ==, 1);
    g_assert_nonnull (strstr (list.err, "locked"));

    other_path = hab_test_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, NULL, NULL);
    other_original = read_file (other_path);
    run_cli (&import, bus->address, "contacts", "import", other_path, NULL);
    g_assert_cmpint (import.status, ==, 1);
    after = read_file (other_path);
    g_assert_cmpstr (after, ==, other_original);
  }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved_address != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_address, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_test_trap_assert_passed ();

  /* Unlocked again: nothing was lost. */
  g_assert_true (hab_test_bus_start_keyring (bus, data_dir, "right-password"));
  {
    g_auto(Run) list = { 0 };

    run_cli (&list, bus->address, "contacts", "list", NULL);
    g_assert_cmpint (list.status, ==, 0);
    for (guint i = 0; i < emails->len; i++)
      g_assert_nonnull (strstr (list.out, g_ptr_array_index (emails, i)));
  }
}

/* Without any keyring: counting and stripping never drop a card that the
 * keyring does not hold. */
static void
test_strip_without_keyring (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = hab_test_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, NULL, NULL);
  g_autoptr(HabDossier) dossier = load (path);
  g_autoptr(HabContactStore) store = hab_contact_store_new ();
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(HabContact) card = NULL;
  guint n = 99;

  g_assert_cmpuint (hab_contact_store_count_inline_cards (store, dossier), ==, 5);
  g_assert_cmpuint (hab_contact_store_strip_cards (store, dossier), ==, 0);
  copy = hab_contact_store_dup_for_saving (store, dossier, &n);
  g_assert_true (copy == dossier);
  g_assert_cmpuint (n, ==, 0);

  /* A card in memory only is not "held" either. */
  card = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DEMANDEUR);
  hab_contact_store_put (store, card, HAB_ROLE_DEMANDEUR);
  g_assert_false (hab_contact_store_is_stored (store, card->contact_id));
  g_assert_cmpuint (hab_contact_store_strip_cards (store, dossier), ==, 0);
  g_assert_cmpuint (hab_contact_store_count_inline_cards (store, dossier), ==, 5);
}

/* The session's gnome-keyring (the one the test command starts) answers,
 * and the store reads it; nothing is written there. */
static void
test_session_keyring (void)
{
  g_autofree char *saved_address = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(HabContactStore) store = hab_contact_store_new ();
      g_autoptr(GPtrArray) cards = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (store_load (store, FALSE, &error));
      g_assert_no_error (error);
      g_assert_cmpint (hab_contact_store_get_state (store), ==, HAB_CONTACT_STORE_STATE_READY);
      cards = hab_contact_store_list (store);
      g_test_message ("The session's keyring holds %u contact cards", cards->len);
      return;
    }

  if (!session_has_keyring)
    {
      g_test_skip ("No secret service on the session bus (the test command starts one)");
      return;
    }

  g_test_message ("Reading the gnome-keyring of the session");
  saved_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", session_address, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_address, TRUE);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Cards are written to, and deleted from, a gnome-keyring of this test's
   * own, started with the recipe of the test command: the tests that run
   * alongside read the session's keyring, and libsecret 0.20 fails a search
   * (with a critical) when an item goes away in the middle of it. The
   * session's keyring is read too, without writing to it. */
  if (!g_test_subprocess ())
    {
      session_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
      session_has_keyring = hab_test_session_has_secret_service ();

      if (hab_test_have_program ("gnome-keyring-daemon")
          && (private_bus = hab_test_bus_new ()) != NULL)
        {
          g_autofree char *data_dir = g_build_filename (private_bus->dir, "data", NULL);

          have_keyring = hab_test_bus_start_keyring (private_bus, data_dir, "test-password");
          if (have_keyring)
            g_setenv ("DBUS_SESSION_BUS_ADDRESS", private_bus->address, TRUE);
        }
    }
  else
    have_keyring = TRUE;

  g_test_add_func ("/contact-store/session-keyring", test_session_keyring);

  g_test_add_func ("/contact-store/keyring/crud", test_crud);
  g_test_add_func ("/contact-store/keyring/secret-item", test_secret_item);
  g_test_add_func ("/contact-store/keyring/put", test_put);
  g_test_add_func ("/contact-store/keyring/import", test_import);
  g_test_add_func ("/contact-store/keyring/import-conflict", test_import_conflict);
  g_test_add_func ("/contact-store/keyring/validator", test_validator);
  g_test_add_func ("/contact-store/keyring/cli-import", test_cli_import);
  g_test_add_func ("/contact-store/no-service", test_no_service);
  g_test_add_func ("/contact-store/locked", test_locked);
  g_test_add_func ("/contact-store/strip-without-keyring", test_strip_without_keyring);

  status = g_test_run ();

  g_clear_pointer (&private_bus, hab_test_bus_free);
  g_free (session_address);
  return status;
}
