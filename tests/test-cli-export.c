/* test-cli-export.c: `habilitation-cli export` (DESIGN §8): the bundle of
 * each example verifies, two exports are identical, errors refuse (exit 1)
 * unless --draft, unreadable files and bad options give exit 2.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hab-attachment.h"
#include "hab-dossier.h"
#include "hab-test-keyring.h"

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

static const char *const examples[] = {
  "cantine-scolaire-bac-a-sable.habilitation",
  "creche-production-editeur.habilitation",
  "ordonnateur-r2p-interne.habilitation",
};

static void
run_argv_env (Run               *run,
              const char        *cwd,
              const char *const *argv,
              char             **envp)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  memset (run, 0, sizeof *run);
  g_spawn_sync (cwd, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Under LeakSanitizer, the child says nothing about suppressed leaks
 * (fontconfig's caches): its standard error stays its own. */
static char **
test_environ (void)
{
  const char *lsan = g_getenv ("LSAN_OPTIONS");
  g_autofree char *options = g_strdup_printf ("%s%sprint_suppressions=0", lsan ? lsan : "",
                                              lsan && *lsan ? ":" : "");

  return g_environ_setenv (g_get_environ (), "LSAN_OPTIONS", options, TRUE);
}

static void
run_argv (Run               *run,
          const char        *cwd,
          const char *const *argv)
{
  g_auto(GStrv) envp = test_environ ();

  run_argv_env (run, cwd, argv, envp);
}

static void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("HAB_CLI");
  const char *arg;
  va_list args;

  if (cli == NULL)
    g_error ("HAB_CLI is not set: run this test through meson test");

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_argv (run, NULL, (const char *const *) argv->pdata);
}

/* Under the test's own folders, which g_test_init() removes at the end. */
static char *
make_dir (void)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "hab-cli-export-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static char *
example (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
}

static void
assert_one_line (const char *text)
{
  const char *newline = strchr (text, '\n');

  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
}

/* The acceptance of issue #6: each example's bundle passes unzip -t and
 * sha256sum -c, and a second export gives the same bytes. */
static void
test_examples (void)
{
  g_autofree char *dir = make_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = example (examples[i]);
      g_autofree char *first = g_build_filename (dir, "first.zip", NULL);
      g_autofree char *second = g_build_filename (dir, "second.zip", NULL);
      g_autofree char *unpacked = g_strdup_printf ("%s/unpacked-%u", dir, i);
      g_autofree char *first_data = NULL;
      g_autofree char *second_data = NULL;
      gsize first_length, second_length;
      g_auto(Run) run;

      run_cli (&run, "export", path, "-o", first, "--today", "2026-11-27", NULL);
      if (run.status != 0)
        g_test_message ("%s", run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_nonnull (strstr (run.out, first));
      run_clear (&run);

      run_cli (&run, "export", "--today", "2026-11-27", "-o", second, path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      run_clear (&run);

      g_assert_true (g_file_get_contents (first, &first_data, &first_length, NULL));
      g_assert_true (g_file_get_contents (second, &second_data, &second_length, NULL));
      g_assert_cmpuint (first_length, ==, second_length);
      g_assert_cmpint (memcmp (first_data, second_data, first_length), ==, 0);
      g_clear_pointer (&second_data, g_free);

      /* On the other side of the world: the same bytes. */
      {
        g_auto(GStrv) envp = g_environ_setenv (test_environ (), "TZ", "Pacific/Kiritimati", TRUE);
        const char *argv[] = { g_getenv ("HAB_CLI"), "export", path, "-o", second,
                               "--today", "2026-11-27", NULL };

        run_argv_env (&run, NULL, argv, envp);
        g_assert_cmpint (run.status, ==, 0);
        run_clear (&run);
        g_assert_true (g_file_get_contents (second, &second_data, &second_length, NULL));
        g_assert_cmpuint (first_length, ==, second_length);
        g_assert_cmpint (memcmp (first_data, second_data, first_length), ==, 0);
      }

      {
        const char *test_argv[] = { "unzip", "-t", first, NULL };
        const char *unzip_argv[] = { "unzip", "-q", first, "-d", unpacked, NULL };
        const char *check_argv[] = { "sha256sum", "-c", "--strict", "SHA256SUMS", NULL };

        run_argv (&run, NULL, test_argv);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_nonnull (strstr (run.out, "No errors detected"));
        run_clear (&run);

        run_argv (&run, NULL, unzip_argv);
        g_assert_cmpint (run.status, ==, 0);
        run_clear (&run);

        run_argv (&run, unpacked, check_argv);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_nonnull (strstr (run.out, "recapitulatif.pdf: OK"));
        g_assert_nonnull (strstr (run.out, "dossier.json: OK"));
        g_assert_nonnull (strstr (run.out, "datapass.txt: OK"));
        g_assert_nonnull (strstr (run.out, "pieces/"));
      }
    }
}

/* Errors: exit 1 and one line naming the file; --draft writes the bundle. */
static void
test_errors (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *source = example ("cantine-scolaire-bac-a-sable.habilitation");
  g_autofree char *broken = g_build_filename (dir, "broken.habilitation", NULL);
  g_autofree char *pieces = g_build_filename (dir, "pieces", NULL);
  g_autofree char *piece = g_build_filename (dir, "pieces", "deliberation-2026-045.pdf", NULL);
  g_autofree char *piece_source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                         "pieces", "deliberation-2026-045.pdf", NULL);
  g_autofree char *output = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *piece_data = NULL;
  g_autofree char *edited = NULL;
  gsize length;
  g_auto(Run) run;

  /* A copy with a SIRET of the wrong length, its piece next to it. */
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  {
    g_auto(GStrv) parts = g_strsplit (contents, "\"21810300900013\"", 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    edited = g_strjoinv ("\"2181030090\"", parts);
  }
  g_assert_true (g_file_set_contents (broken, edited, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (pieces, 0700), ==, 0);
  g_assert_true (g_file_get_contents (piece_source, &piece_data, &length, NULL));
  g_assert_true (g_file_set_contents (piece, piece_data, length, NULL));

  run_cli (&run, "export", broken, "-o", output, "--today", "2026-11-27", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, broken));
  g_assert_nonnull (strstr (run.err, "error"));
  g_assert_nonnull (strstr (run.err, "--draft"));
  assert_one_line (run.err);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_cli (&run, "export", broken, "-o", output, "--today", "2026-11-27", "--draft", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "draft"));
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);

  /* A missing piece stops even a draft: exit 1, the file named. */
  g_assert_cmpint (g_remove (piece), ==, 0);
  run_cli (&run, "export", broken, "-o", output, "--draft", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "deliberation-2026-045.pdf"));
  assert_one_line (run.err);
}

/* Unreadable file, missing option, bad date, unwritable output: exit 2. */
static void
test_bad_usage (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = example ("creche-production-editeur.habilitation");
  g_autofree char *missing = g_build_filename (dir, "missing.habilitation", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.habilitation", NULL);
  g_autofree char *output = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "bundle.zip", NULL);
  g_auto(Run) run;

  g_assert_true (g_file_set_contents (garbage, "{ not json", -1, NULL));

  run_cli (&run, "export", missing, "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "missing.habilitation"));
  assert_one_line (run.err);
  run_clear (&run);

  run_cli (&run, "export", garbage, "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "garbage.habilitation"));
  run_clear (&run);

  run_cli (&run, "export", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "-o"));
  run_clear (&run);

  run_cli (&run, "export", "-o", output, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_cli (&run, "export", path, "-o", output, "--today", "27/11/2026", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "27/11/2026"));
  run_clear (&run);

  run_cli (&run, "export", path, "-o", nowhere, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "bundle.zip"));
  assert_one_line (run.err);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  run_clear (&run);

  run_cli (&run, "export", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "habilitation-cli export"));
  g_assert_nonnull (strstr (run.out, "--draft"));
  g_assert_nonnull (strstr (run.out, "--today"));
  g_assert_nonnull (strstr (run.out, "Exit status"));
  run_clear (&run);

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "export"));
}

/* libarchive is loaded when the first bundle is written: without it, the
 * export says so, in one line naming the file, and writes nothing. */
static void
test_no_libarchive (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = example ("creche-production-editeur.habilitation");
  g_autofree char *output = g_build_filename (dir, "bundle.zip", NULL);
  g_auto(GStrv) envp = g_environ_setenv (test_environ (), "HAB_LIBARCHIVE",
                                         "libhabilitation-no-such-library.so.0", TRUE);
  const char *argv[] = {
    g_getenv ("HAB_CLI"), "export", path, "-o", output, "--today", "2026-11-27", NULL,
  };
  g_auto(Run) run;

  g_assert_nonnull (argv[0]);
  run_argv_env (&run, NULL, argv, envp);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "creche-production-editeur.habilitation"));
  g_assert_nonnull (strstr (run.err, "libarchive"));
  g_assert_nonnull (strstr (run.err, "libhabilitation-no-such-library.so.0"));
  assert_one_line (run.err);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* Without libsecret, the address book says why it is unavailable; an
 * export of a dossier whose cards it holds itself never needs it. */
static void
test_no_libsecret (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = example ("creche-production-editeur.habilitation");
  g_autofree char *output = g_build_filename (dir, "bundle.zip", NULL);
  g_auto(GStrv) envp = g_environ_setenv (test_environ (), "HAB_LIBSECRET",
                                         "libhabilitation-no-such-library.so.0", TRUE);
  const char *cli = g_getenv ("HAB_CLI");
  g_auto(Run) run;

  g_assert_nonnull (cli);
  {
    const char *argv[] = { cli, "contacts", "list", NULL };

    run_argv_env (&run, NULL, argv, envp);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "contacts list"));
    g_assert_nonnull (strstr (run.err, "libsecret"));
    g_assert_nonnull (strstr (run.err, "libhabilitation-no-such-library.so.0"));
    assert_one_line (run.err);
    run_clear (&run);
  }
  {
    const char *argv[] = {
      cli, "export", path, "-o", output, "--today", "2026-11-27", NULL,
    };

    run_argv_env (&run, NULL, argv, envp);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
  }
}

/* A dossier whose cards were moved into the keyring: the bundle's
 * dossier.json carries them inline again. On a private bus and keyring. */
static void
test_keyring_cards (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *source = example ("creche-production-editeur.habilitation");
  g_autofree char *path = g_build_filename (dir, "creche.habilitation", NULL);
  g_autofree char *pieces = g_build_filename (dir, "pieces", NULL);
  g_autofree char *output = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *data_dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *stripped = NULL;
  g_auto(GStrv) envp = NULL;
  HabTestBus *bus = NULL;
  const char *cli = g_getenv ("HAB_CLI");
  g_auto(Run) run;

  if (!hab_test_have_program ("gnome-keyring-daemon") || (bus = hab_test_bus_new ()) == NULL)
    {
      g_test_skip ("No gnome-keyring-daemon or dbus-daemon");
      return;
    }
  data_dir = g_build_filename (bus->dir, "data", NULL);
  if (!hab_test_bus_start_keyring (bus, data_dir, "test-password"))
    {
      hab_test_bus_free (bus);
      g_test_skip ("The keyring did not start");
      return;
    }
  envp = g_environ_setenv (test_environ (), "DBUS_SESSION_BUS_ADDRESS", bus->address, TRUE);

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (pieces, 0700), ==, 0);
  {
    static const char *const names[] = { "deliberation-2026-112.pdf", "decision-homologation-creche.pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *from = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                       "pieces", names[i], NULL);
        g_autofree char *to = g_build_filename (pieces, names[i], NULL);
        g_autofree char *data = NULL;
        gsize length;

        g_assert_true (g_file_get_contents (from, &data, &length, NULL));
        g_assert_true (g_file_set_contents (to, data, length, NULL));
      }
  }

  {
    const char *argv[] = { cli, "contacts", "import", path, NULL };

    run_argv_env (&run, NULL, argv, envp);
    if (run.status != 0)
      g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
  }
  g_assert_true (g_file_get_contents (path, &stripped, NULL, NULL));
  g_assert_null (strstr (stripped, "karim.haddad@"));

  {
    const char *argv[] = { cli, "export", path, "-o", output, "--today", "2026-11-27", NULL };
    const char *unzip_argv[] = { "unzip", "-p", output, "dossier.json", NULL };

    run_argv_env (&run, NULL, argv, envp);
    if (run.status != 0)
      g_test_message ("%s", run.err);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);

    run_argv (&run, NULL, unzip_argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "karim.haddad@saint-amand-des-pres.fr"));
    g_assert_nonnull (strstr (run.out, "thomas.nguyen@saint-amand-des-pres.fr"));
  }

  hab_test_bus_free (bus);
}

/* The flags of the central directory entry named @name in a ZIP, or -1. */
static int
zip_entry_flags (const guint8 *data,
                 gsize         length,
                 const char   *name)
{
  gsize eocd = length - 22;
  guint n_entries = data[eocd + 10] | (data[eocd + 11] << 8);
  gsize offset = data[eocd + 16] | (data[eocd + 17] << 8) | (data[eocd + 18] << 16)
                 | ((gsize) data[eocd + 19] << 24);

  for (guint i = 0; i < n_entries; i++)
    {
      guint name_length = data[offset + 28] | (data[offset + 29] << 8);
      guint extra_length = data[offset + 30] | (data[offset + 31] << 8);
      guint comment_length = data[offset + 32] | (data[offset + 33] << 8);

      if (name_length == strlen (name) && memcmp (data + offset + 46, name, name_length) == 0)
        return data[offset + 8] | (data[offset + 9] << 8);
      offset += 46 + name_length + extra_length + comment_length;
    }

  return -1;
}

/* In the C locale too, a piece named with accents is stored in UTF-8 and
 * flagged so (bit 11), for Windows and the other tools. */
static void
test_utf8_names (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *source = example ("creche-production-editeur.habilitation");
  g_autofree char *path = g_build_filename (dir, "creche.habilitation", NULL);
  g_autofree char *pieces = g_build_filename (dir, "pieces", NULL);
  g_autofree char *annex = g_build_filename (pieces, "Délibération – annexe n°2.pdf", NULL);
  g_autofree char *output = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *zip = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) annex_file = g_file_new_for_path (annex);
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_setenv (test_environ (), "LC_ALL", "C", TRUE);
  const char *argv[] = { g_getenv ("HAB_CLI"), "export", path, "-o", output, "--today", "2026-11-27",
                         NULL };
  gsize length;
  JsonNode *node;
  g_auto(Run) run;

  g_assert_cmpint (g_mkdir_with_parents (pieces, 0700), ==, 0);
  {
    static const char *const names[] = { "deliberation-2026-112.pdf", "decision-homologation-creche.pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *from = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                       "pieces", names[i], NULL);
        g_autofree char *to = g_build_filename (pieces, names[i], NULL);
        g_autofree char *data = NULL;

        g_assert_true (g_file_get_contents (from, &data, &length, NULL));
        g_assert_true (g_file_set_contents (to, data, length, NULL));
      }
  }
  g_assert_true (g_file_get_contents (source, &zip, &length, NULL));
  g_assert_true (g_file_set_contents (path, zip, length, NULL));
  g_clear_pointer (&zip, g_free);
  g_assert_true (g_file_set_contents (annex, "%PDF-1.4\n% annexe\n", -1, NULL));

  dossier = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  node = hab_attachment_new_from_file (annex_file, file, NULL, &error);
  g_assert_no_error (error);
  json_array_add_element (hab_dossier_get_array (dossier, "legal.documents"), node);
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);

  run_argv_env (&run, NULL, argv, envp);
  if (run.status != 0)
    g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);

  g_assert_true (g_file_get_contents (output, &zip, &length, NULL));
  g_assert_cmpint (zip_entry_flags ((guint8 *) zip, length, "pieces/Délibération – annexe n°2.pdf")
                   & (1 << 11), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/export/examples", test_examples);
  g_test_add_func ("/cli/export/errors", test_errors);
  g_test_add_func ("/cli/export/bad-usage", test_bad_usage);
  g_test_add_func ("/cli/export/no-libarchive", test_no_libarchive);
  g_test_add_func ("/cli/export/no-libsecret", test_no_libsecret);
  g_test_add_func ("/cli/export/keyring-cards", test_keyring_cards);
  g_test_add_func ("/cli/export/utf8-names", test_utf8_names);

  return g_test_run ();
}
