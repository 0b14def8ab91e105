/* hab-test-keyring.h: private D-Bus sessions with or without a real
 * gnome-keyring, for the tests of the address book.
 *
 * The recipe of reference/toolchain.md §4: a session bus, and
 * gnome-keyring-daemon --unlock given a non-empty password on its standard
 * input, in a data folder of its own. The bus's configuration names no
 * service folder, so that nothing is started on demand there: a session
 * without a secret service is one where the keyring is simply not started,
 * and a locked keyring cannot open a password prompt (which would wait
 * forever under a display).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hab-dossier.h"

#define HAB_TEST_SECRETS_NAME "org.freedesktop.secrets"

typedef struct
{
  char        *dir;
  char        *address;
  GSubprocess *bus;
  GSubprocess *keyring;
} HabTestBus;

/* In the child: a test that crashes takes its bus and keyring along. */
G_GNUC_UNUSED static void
hab_test_die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

G_GNUC_UNUSED static gboolean
hab_test_have_program (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  return path != NULL;
}

/* Whether @name has an owner on the bus at @address, within @timeout_ms. */
G_GNUC_UNUSED static gboolean
hab_test_bus_wait_for_name (const char *address,
                            const char *name,
                            guint       timeout_ms)
{
  g_autoptr(GDBusConnection) connection = NULL;
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                                       | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, NULL);
  if (connection == NULL)
    return FALSE;

  do
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, 2000, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;

      g_usleep (20 * 1000);
    }
  while (g_get_monotonic_time () < end);

  return FALSE;
}

/* The session bus of this process, if any, has a secret service running. */
G_GNUC_UNUSED static gboolean
hab_test_session_has_secret_service (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");

  return address != NULL && *address != '\0'
         && hab_test_bus_wait_for_name (address, HAB_TEST_SECRETS_NAME, 0);
}

G_GNUC_UNUSED static void
hab_test_bus_stop_keyring (HabTestBus *self)
{
  if (self->keyring == NULL)
    return;

  g_subprocess_send_signal (self->keyring, SIGTERM);
  g_subprocess_wait (self->keyring, NULL, NULL);
  g_clear_object (&self->keyring);
}

/**
 * hab_test_bus_start_keyring:
 * @data_dir: the keyring's XDG_DATA_HOME: its login keyring is created
 *   there with @password, or unlocked with it when it exists (it stays
 *   locked when @password is another)
 *
 * Starts gnome-keyring-daemon on the bus and waits until it answers.
 */
G_GNUC_UNUSED static gboolean
hab_test_bus_start_keyring (HabTestBus *self,
                            const char *data_dir,
                            const char *password)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *runtime_dir = g_build_filename (self->dir, "runtime", NULL);
  g_autoptr(GOutputStream) input = NULL;

  hab_test_bus_stop_keyring (self);

  g_mkdir_with_parents (runtime_dir, 0700);
  g_mkdir_with_parents (data_dir, 0700);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, hab_test_die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", self->address, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  /* The tests' own settings would make its warnings fatal (“couldn't
   * create system prompt” in the locked case) and kill it. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "G_ENABLE_DIAGNOSTIC");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");

  self->keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                               "--foreground", "--unlock",
                                               "--components=secrets", NULL);
  if (self->keyring == NULL)
    {
      g_test_message ("gnome-keyring-daemon: %s", error->message);
      return FALSE;
    }

  input = g_object_ref (g_subprocess_get_stdin_pipe (self->keyring));
  g_output_stream_write_all (input, password, strlen (password), NULL, NULL, NULL);
  g_output_stream_close (input, NULL, NULL);

  return hab_test_bus_wait_for_name (self->address, HAB_TEST_SECRETS_NAME, 10000);
}

/**
 * hab_test_bus_new:
 *
 * Starts a private session bus that starts no service by itself.
 *
 * Returns: (nullable): the bus, or %NULL when dbus-daemon is missing
 */
G_GNUC_UNUSED static HabTestBus *
hab_test_bus_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  HabTestBus *self;

  if (!hab_test_have_program ("dbus-daemon"))
    return NULL;

  self = g_new0 (HabTestBus, 1);
  self->dir = g_dir_make_tmp ("hab-bus-XXXXXX", &error);
  g_assert_no_error (error);

  config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                            "<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:tmpdir=%s</listen>\n"
                            "  <auth>EXTERNAL</auth>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n", self->dir);
  config_path = g_build_filename (self->dir, "bus.conf", NULL);
  g_assert_true (g_file_set_contents (config_path, config, -1, NULL));
  config_arg = g_strconcat ("--config-file=", config_path, NULL);

  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);

    g_subprocess_launcher_set_child_setup (launcher, hab_test_die_with_parent, NULL, NULL);
    self->bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", config_arg, "--nofork",
                                             "--print-address=1", NULL);
    g_assert_no_error (error);
  }

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->bus));
  self->address = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (self->address);

  return self;
}

G_GNUC_UNUSED static void
hab_test_bus_free (HabTestBus *self)
{
  if (self == NULL)
    return;

  hab_test_bus_stop_keyring (self);
  if (self->bus != NULL)
    {
      g_subprocess_send_signal (self->bus, SIGTERM);
      g_subprocess_wait (self->bus, NULL, NULL);
      g_clear_object (&self->bus);
    }

  /* The folder holds the bus socket and the keyring's runtime files. */
  if (self->dir != NULL && strstr (self->dir, "hab-bus-") != NULL)
    {
      const char *argv[] = { "rm", "-rf", self->dir, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                    NULL, NULL);
    }

  g_free (self->address);
  g_free (self->dir);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabTestBus, hab_test_bus_free)

/* A copy of an example whose people get fresh contact_ids, so that this
 * test never touches cards that other tests (or the user) have. Returns the
 * contact_ids in @ids and the cards' e-mail addresses in @emails. */
G_GNUC_UNUSED static char *
hab_test_copy_example (const char *name,
                       const char *dir,
                       GPtrArray  *ids,
                       GPtrArray  *emails)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (source);
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  char *target = g_build_filename (dir, name, NULL);
  gsize length;
  static const char *const roles[] = {
    HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
    HAB_ROLE_RESPONSABLE_TECHNIQUE, HAB_ROLE_EDITEUR,
  };

  dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", roles[r]);
      g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", roles[r]);
      g_autofree char *card_id_path = g_strdup_printf ("actors.%s.contact.contact_id", roles[r]);
      g_autofree char *email_path = g_strdup_printf ("actors.%s.contact.email", roles[r]);
      g_autofree char *contact_id = g_uuid_string_random ();

      if (hab_dossier_get_object (dossier, card_path) == NULL)
        continue;

      hab_dossier_set_string (dossier, id_path, contact_id);
      hab_dossier_remove (dossier, card_id_path);
      if (ids != NULL)
        g_ptr_array_add (ids, g_strdup (contact_id));
      if (emails != NULL)
        g_ptr_array_add (emails, g_strdup (hab_dossier_get_string (dossier, email_path)));
    }

  data = hab_dossier_to_data (dossier, &length);
  g_assert_true (g_file_set_contents (target, data, length, NULL));
  return target;
}
