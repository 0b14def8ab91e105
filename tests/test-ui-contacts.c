/* test-ui-contacts.c: the address book in the application, against a real
 * gnome-keyring: moving a file's cards into the keyring, a card edited once
 * for every dossier, a card created in place or chosen from the address
 * book, the address book's editor and its live rules; and, without any
 * secret service, a dossier with inline cards still checked and edited.
 *
 * The keyring is the session's when one answers (the test command starts
 * one), else a private one started here. Every card made here has a fresh
 * contact_id and is deleted at the end.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "hab-contact-store.h"
#include "hab-contacts-window.h"
#include "hab-field.h"
#include "hab-finding.h"
#include "hab-test-keyring.h"
#include "hab-test-ui.h"
#include "hab-window.h"

#define WAIT_MS 10000

static HabTestBus *private_bus;
static gboolean have_keyring;

static gboolean
require_keyring (void)
{
  if (!have_keyring)
    g_test_skip ("gnome-keyring-daemon or dbus-daemon is not installed");

  return have_keyring;
}

static gboolean
store_ready (gpointer data)
{
  return hab_contact_store_get_state (hab_contact_store_get_default ())
         == HAB_CONTACT_STORE_STATE_READY;
}

static gboolean
store_unavailable (gpointer data)
{
  return hab_contact_store_get_state (hab_contact_store_get_default ())
         == HAB_CONTACT_STORE_STATE_UNAVAILABLE;
}

static gboolean
card_stored (gpointer contact_id)
{
  return hab_contact_store_is_stored (hab_contact_store_get_default (), contact_id);
}

static gboolean
nothing_unsaved (gpointer data)
{
  return hab_contact_store_get_n_unsaved (hab_contact_store_get_default ()) == 0
         && !hab_contact_store_get_busy (hab_contact_store_get_default ());
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static HabWindow *
open_window (const char *path)
{
  HabWindow *window = hab_window_new (NULL);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (hab_window_load_file (window, file));
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static HabField *
find_field (HabWindow  *window,
            const char *path)
{
  GPtrArray *fields = hab_page_get_fields (hab_window_get_page (window, HAB_STEP_ACTEURS));

  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (hab_field_get_path (g_ptr_array_index (fields, i)), path))
      return g_ptr_array_index (fields, i);

  g_error ("No field edits %s", path);
  return NULL;
}

static const char *
field_text (HabWindow  *window,
            const char *path)
{
  return gtk_editable_get_text (GTK_EDITABLE (hab_field_get_widget (find_field (window, path))));
}

static void
type_text (HabWindow  *window,
           const char *path,
           const char *text)
{
  GtkWidget *widget = hab_field_get_widget (find_field (window, path));

  gtk_widget_grab_focus (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  hab_test_iterate ();
}

static char *
findings_text (GPtrArray *findings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "%s %s %s\n", finding->rule->id, finding->field, finding->message);
    }

  return g_string_free (text, FALSE);
}

static void
delete_cards (GPtrArray *ids)
{
  HabContactStore *store = hab_contact_store_get_default ();

  for (guint i = 0; i < ids->len; i++)
    {
      const char *contact_id = g_ptr_array_index (ids, i);

      if (!hab_contact_store_contains (store, contact_id))
        continue;

      hab_contact_store_delete_async (store, contact_id, NULL, NULL, NULL);
    }
  hab_test_wait_until (nothing_unsaved, NULL, WAIT_MS);
  hab_test_iterate ();
}

typedef struct
{
  const char *path;
  const char *needle;
} FileCheck;

static gboolean
file_lacks (gpointer data)
{
  FileCheck *check = data;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (check->path, &text, NULL, NULL))
    return FALSE;

  return strstr (text, check->needle) == NULL;
}

/* A file with inline cards: the window offers to move them; moving stores
 * them, saves the file without them and finds the same as before. The
 * cards, now in the keyring, are edited on the Acteurs step, once for
 * every dossier that names the person. */
static void
test_move_and_edit_once (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  HabContactStore *store = hab_contact_store_get_default ();
  HabWindow *window, *other;
  HabDossier *dossier;
  FileCheck check;

  if (!require_keyring ())
    return;

  g_test_message ("Using a gnome-keyring of the test's own");
  path = hab_test_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir, ids, emails);
  window = open_window (path);
  g_assert_true (hab_test_wait_until (store_ready, NULL, WAIT_MS));
  hab_test_iterate ();

  before = findings_text (hab_window_get_findings (window));

  /* Offered once: the action is there, the offer is not made again. */
  g_assert_false (hab_window_offer_move_contacts (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-contacts", NULL));

  check.path = path;
  check.needle = g_ptr_array_index (emails, 0);
  g_assert_true (hab_test_wait_until (file_lacks, &check, WAIT_MS));
  hab_test_iterate ();

  text = read_file (path);
  for (guint i = 0; i < emails->len; i++)
    g_assert_null (strstr (text, g_ptr_array_index (emails, i)));
  g_assert_null (strstr (text, "\"contact\""));
  g_assert_false (hab_window_get_modified (window));

  dossier = hab_window_get_dossier (window);
  g_assert_null (hab_dossier_lookup (dossier, "actors.demandeur.contact"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.demandeur.contact_id"), ==,
                   g_ptr_array_index (ids, 0));
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (hab_contact_store_is_stored (store, g_ptr_array_index (ids, i)));

  after = findings_text (hab_window_get_findings (window));
  g_assert_cmpstr (after, ==, before);

  /* The rows show the card from the keyring. */
  hab_window_show_step (window, HAB_STEP_ACTEURS);
  hab_test_iterate ();
  g_assert_cmpstr (field_text (window, "actors.demandeur.contact.given_name"), ==, "Jeanne");
  g_assert_cmpstr (field_text (window, "actors.demandeur.contact.email"), ==,
                   g_ptr_array_index (emails, 0));

  /* A second dossier names the same person. */
  other = open_window (path);
  hab_window_show_step (other, HAB_STEP_ACTEURS);
  hab_test_iterate ();
  g_assert_cmpstr (field_text (other, "actors.demandeur.contact.given_name"), ==, "Jeanne");

  /* Edited once, here: the keyring card changes, not this file; the other
   * dossier shows it, and its name follows. */
  type_text (window, "actors.demandeur.contact.phone", "05 63 00 00 09");
  type_text (window, "actors.demandeur.contact.given_name", "Jeanne-Marie");
  {
    g_autoptr(HabContact) card = hab_contact_store_dup_card (store, g_ptr_array_index (ids, 0));

    g_assert_cmpstr (card->phone, ==, "05 63 00 00 09");
    g_assert_cmpstr (card->given_name, ==, "Jeanne-Marie");
  }
  g_assert_null (hab_dossier_lookup (dossier, "actors.demandeur.contact"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.demandeur.display_name"), ==,
                   "Jeanne-Marie Martin");
  g_assert_cmpstr (hab_dossier_get_string (hab_window_get_dossier (other),
                                           "actors.demandeur.display_name"), ==,
                   "Jeanne-Marie Martin");
  g_assert_cmpstr (field_text (other, "actors.demandeur.contact.phone"), ==, "05 63 00 00 09");

  /* The live rules apply to a keyring card as to an inline one. */
  type_text (window, "actors.demandeur.contact.email", "jeanne.martin@");
  after = (g_free (after), findings_text (hab_window_get_findings (window)));
  g_assert_nonnull (strstr (after, "contact.email_invalid actors.demandeur.email"));
  type_text (window, "actors.demandeur.contact.email", g_ptr_array_index (emails, 0));

  /* Written to the keyring a moment later. */
  g_assert_true (hab_test_wait_until (nothing_unsaved, NULL, WAIT_MS));
  {
    g_autoptr(HabContactStore) fresh = hab_contact_store_new ();
    g_autoptr(HabContact) card = NULL;

    hab_contact_store_load_async (fresh, FALSE, NULL, NULL, NULL);
    while (hab_contact_store_get_state (fresh) == HAB_CONTACT_STORE_STATE_UNKNOWN
           || hab_contact_store_get_busy (fresh))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (hab_contact_store_get_state (fresh), ==, HAB_CONTACT_STORE_STATE_READY);
    card = hab_contact_store_dup_card (fresh, g_ptr_array_index (ids, 0));
    g_assert_nonnull (card);
    g_assert_cmpstr (card->phone, ==, "05 63 00 00 09");
  }

  hab_test_close_window (other);
  hab_test_close_window (window);
  delete_cards (ids);
}

/* A card typed into an empty role goes to the address book; the file
 * names the person only. */
static void
test_create_in_place (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "new.habilitation", NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HabDossier) fresh = hab_dossier_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;
  g_autofree char *findings = NULL;
  HabContactStore *store = hab_contact_store_get_default ();
  HabWindow *window;
  HabDossier *dossier;
  const char *contact_id;

  if (!require_keyring ())
    return;

  window = open_window (NULL);
  hab_window_set_dossier (window, fresh, TRUE);
  g_assert_true (hab_test_wait_until (store_ready, NULL, WAIT_MS));
  hab_window_show_step (window, HAB_STEP_ACTEURS);
  hab_test_iterate ();

  type_text (window, "actors.demandeur.contact.given_name", "Zoé");
  type_text (window, "actors.demandeur.contact.family_name", "Lefèvre");
  type_text (window, "actors.demandeur.contact.email", "zoe.lefevre@mairie-exemple.fr");

  dossier = hab_window_get_dossier (window);
  contact_id = hab_dossier_get_string (dossier, "actors.demandeur.contact_id");
  g_assert_nonnull (contact_id);
  g_ptr_array_add (ids, g_strdup (contact_id));
  g_assert_null (hab_dossier_lookup (dossier, "actors.demandeur.contact"));
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.demandeur.display_name"), ==, "Zoé Lefèvre");
  {
    g_autoptr(HabContact) card = hab_contact_store_dup_card (store, contact_id);
    g_auto(GStrv) hints = hab_contact_store_dup_roles (store, contact_id);

    g_assert_nonnull (card);
    g_assert_cmpstr (card->email, ==, "zoe.lefevre@mairie-exemple.fr");
    g_assert_cmpstr (hints[0], ==, HAB_ROLE_DEMANDEUR);
  }

  /* The validator sees it at once: no "unresolved" and the card's own
   * rules (no job title yet). */
  findings = findings_text (hab_window_get_findings (window));
  g_assert_null (strstr (findings, "actors.contact_unresolved"));
  g_assert_nonnull (strstr (findings, "contact.job_title_missing actors.demandeur.job_title"));

  g_assert_true (hab_window_save_to_file (window, file));
  text = read_file (path);
  g_assert_null (strstr (text, "zoe.lefevre@"));
  g_assert_nonnull (strstr (text, contact_id));

  g_assert_true (hab_test_wait_until (card_stored, (gpointer) contact_id, WAIT_MS));
  hab_test_close_window (window);
  delete_cards (ids);
}

static HabContactsWindow *
find_contacts_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HAB_IS_CONTACTS_WINDOW (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static GtkWidget *
find_row (HabContactsWindow *book,
          const char        *contact_id)
{
  GtkWidget *list = hab_contacts_window_get_list (book);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "contact-id"), contact_id) == 0)
      return row;

  return NULL;
}

/* done[0]: whether it was saved; done[1]: whether it is over. */
static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  done[0] = hab_contact_store_save_finish (HAB_CONTACT_STORE (source), result, NULL);
  done[1] = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* A role takes a card chosen from the address book. */
static void
test_choose (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HabDossier) fresh = hab_dossier_new ();
  g_autoptr(HabContact) card = hab_contact_new ();
  HabContactStore *store = hab_contact_store_get_default ();
  gboolean done[2] = { FALSE, FALSE };
  HabContactsWindow *book;
  HabWindow *window;
  HabDossier *dossier;
  GtkWidget *row;

  if (!require_keyring ())
    return;

  card->contact_id = g_uuid_string_random ();
  card->given_name = g_strdup ("Paul");
  card->family_name = g_strdup ("Durand");
  card->email = g_strdup ("paul.durand@mairie-exemple.fr");
  g_ptr_array_add (ids, g_strdup (card->contact_id));
  hab_contact_store_save_async (store, card, NULL, NULL, save_done_cb, done);
  g_assert_true (hab_test_wait_until (flag_set, &done[1], WAIT_MS));
  g_assert_true (done[0]);

  window = open_window (NULL);
  hab_window_set_dossier (window, fresh, TRUE);
  hab_window_show_step (window, HAB_STEP_ACTEURS);
  hab_test_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (hab_window_get_page (window, HAB_STEP_ACTEURS)),
                                             "acteurs.choose-person", "s",
                                             HAB_ROLE_RESPONSABLE_TRAITEMENT));
  hab_test_iterate ();
  book = find_contacts_window ();
  g_assert_nonnull (book);
  g_assert_cmpstr (hab_contacts_window_get_role (book), ==, HAB_ROLE_RESPONSABLE_TRAITEMENT);

  row = find_row (book, card->contact_id);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  hab_test_iterate ();
  g_assert_null (find_contacts_window ());

  dossier = hab_window_get_dossier (window);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.responsable_traitement.contact_id"), ==,
                   card->contact_id);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.responsable_traitement.display_name"), ==,
                   "Paul Durand");
  g_assert_cmpstr (field_text (window, "actors.responsable_traitement.contact.email"), ==,
                   "paul.durand@mairie-exemple.fr");
  {
    g_auto(GStrv) hints = hab_contact_store_dup_roles (store, card->contact_id);

    g_assert_true (g_strv_contains ((const char *const *) hints, HAB_ROLE_RESPONSABLE_TRAITEMENT));
  }

  hab_test_close_window (window);
  delete_cards (ids);
}

/* The address book's editor: live rules, then a new card saved. */
static void
test_address_book (void)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  HabContactStore *store = hab_contact_store_get_default ();
  g_autofree char *email = NULL;
  g_autofree char *unique = g_uuid_string_random ();
  HabContactsWindow *book;
  GtkWidget *email_row;
  GtkWidget *next;

  if (!require_keyring ())
    return;

  g_assert_true (hab_test_wait_until (store_ready, NULL, WAIT_MS));
  book = hab_contacts_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (book));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (book));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "contacts.new", NULL));
  hab_test_iterate ();
  g_assert_null (hab_contacts_window_get_editing (book));

  gtk_editable_set_text (GTK_EDITABLE (hab_contacts_window_get_editor_row (book, "given_name")), "Lena");
  gtk_editable_set_text (GTK_EDITABLE (hab_contacts_window_get_editor_row (book, "family_name")), "Wolff");
  email_row = hab_contacts_window_get_editor_row (book, "email");
  gtk_editable_set_text (GTK_EDITABLE (email_row), "lena.wolff@");
  hab_test_iterate ();

  /* The message under the row, in words, without a role's name. */
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  next = gtk_widget_get_next_sibling (email_row);
  g_assert_nonnull (next);
  g_assert_true (gtk_widget_has_css_class (next, "hab-message-row"));

  email = g_strdup_printf ("lena.wolff.%.8s@mairie-exemple.fr", unique);
  gtk_editable_set_text (GTK_EDITABLE (email_row), email);
  hab_test_iterate ();
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (book), "contacts.save", NULL));
  g_assert_true (hab_test_wait_until (nothing_unsaved, NULL, WAIT_MS));
  hab_test_iterate ();
  {
    g_autoptr(GPtrArray) cards = hab_contact_store_list (store);

    for (guint i = 0; i < cards->len; i++)
      {
        const HabContact *card = g_ptr_array_index (cards, i);

        if (g_strcmp0 (card->email, email) == 0)
          g_ptr_array_add (ids, g_strdup (card->contact_id));
      }
  }
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (hab_contact_store_is_stored (store, g_ptr_array_index (ids, 0)));
  g_assert_nonnull (find_row (book, g_ptr_array_index (ids, 0)));

  gtk_window_destroy (GTK_WINDOW (book));
  hab_test_iterate ();
  delete_cards (ids);
}

/* No secret service on the bus: the address book is unavailable, and a
 * dossier with inline cards is still checked, edited and saved. */
static void
no_service_subprocess (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = hab_test_copy_example ("cantine-scolaire-bac-a-sable.habilitation", dir,
                                                 NULL, NULL);
  g_autofree char *findings = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HabDossier) fresh = hab_dossier_new ();
  HabWindow *window, *other;
  HabDossier *dossier;

  window = open_window (path);
  g_assert_true (hab_test_wait_until (store_unavailable, NULL, WAIT_MS));
  hab_test_iterate ();

  findings = findings_text (hab_window_get_findings (window));
  g_assert_null (strstr (findings, "actors.contact_unresolved"));
  g_assert_nonnull (hab_contact_store_get_error (hab_contact_store_get_default ()));
  g_assert_false (hab_window_offer_move_contacts (window));

  hab_window_show_step (window, HAB_STEP_ACTEURS);
  hab_test_iterate ();
  type_text (window, "actors.demandeur.contact.given_name", "Jeanne-Claire");
  dossier = hab_window_get_dossier (window);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.demandeur.contact.given_name"), ==,
                   "Jeanne-Claire");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.demandeur.display_name"), ==,
                   "Jeanne-Claire Martin");

  g_assert_true (hab_window_save_to_file (window, file));
  text = read_file (path);
  g_assert_nonnull (strstr (text, "Jeanne-Claire"));
  g_assert_nonnull (strstr (text, "jeanne.martin@villeneuve-sur-garonne.fr"));

  /* A new dossier: the card typed in an empty role is the file's. */
  other = open_window (NULL);
  hab_window_set_dossier (other, fresh, TRUE);
  hab_window_show_step (other, HAB_STEP_ACTEURS);
  hab_test_iterate ();
  type_text (other, "actors.responsable_technique.contact.family_name", "Roth");
  g_assert_cmpstr (hab_dossier_get_string (hab_window_get_dossier (other),
                                           "actors.responsable_technique.contact.family_name"), ==,
                   "Roth");

  hab_test_close_window (other);
  hab_test_close_window (window);
}

static void
test_no_service (void)
{
  g_autoptr(HabTestBus) bus = NULL;
  g_autofree char *saved_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  if (g_test_subprocess ())
    {
      no_service_subprocess ();
      return;
    }

  bus = hab_test_bus_new ();
  if (bus == NULL)
    {
      g_test_skip ("dbus-daemon is not installed");
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);
  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved_address != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved_address, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gboolean subprocess = FALSE;

  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      subprocess = TRUE;

  /* Before GTK connects to anything: a gnome-keyring of the test's own,
   * started with the recipe of the test command, since this test writes
   * and deletes cards while other tests read the session's keyring (and
   * libsecret 0.20 fails a search when an item goes away during it). */
  if (subprocess)
    have_keyring = TRUE;
  else if (hab_test_have_program ("gnome-keyring-daemon")
           && (private_bus = hab_test_bus_new ()) != NULL)
    {
      g_autofree char *data_dir = g_build_filename (private_bus->dir, "data", NULL);

      have_keyring = hab_test_bus_start_keyring (private_bus, data_dir, "test-password");
      if (have_keyring)
        g_setenv ("DBUS_SESSION_BUS_ADDRESS", private_bus->address, TRUE);
    }

  /* Its own home and XDG folders: recovery copies stay in the test. */
  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/contacts/move-and-edit-once", test_move_and_edit_once);
  g_test_add_func ("/ui/contacts/create-in-place", test_create_in_place);
  g_test_add_func ("/ui/contacts/choose", test_choose);
  g_test_add_func ("/ui/contacts/address-book", test_address_book);
  g_test_add_func ("/ui/contacts/no-service", test_no_service);

  status = g_test_run ();

  g_clear_pointer (&private_bus, hab_test_bus_free);
  return status;
}
