/* test-recovery.c: recovery copies for after a crash.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "hab-recovery.h"

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hab-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
recovery_path (const char *basename)
{
  return g_build_filename (g_get_user_state_dir (), "habilitation", "recovery", basename, NULL);
}

static char *
recovery_path_for (HabDossier *dossier)
{
  g_autofree char *basename = g_strconcat (hab_dossier_get_string (dossier, "id"), ".habilitation",
                                           NULL);

  return recovery_path (basename);
}

static JsonNode *
read_json (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  node = json_from_string (contents, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return node;
}

static void
set_mtime (const char *path,
           gint64      unix_time)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, (guint64) unix_time,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, 0,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

static void
count_changed (HabDossier *dossier,
               const char *path,
               guint      *count)
{
  (*count)++;
}

static void
test_save_list (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *path = recovery_path_for (dossier);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  HabRecoveryEntry *entry;
  GStatBuf st;
  guint changes = 0;

  hab_dossier_set_string (dossier, "project.title", "Cantine de Villeneuve");
  g_signal_connect (dossier, "changed", G_CALLBACK (count_changed), &changes);

  /* Nothing yet, and no folder. */
  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  before = hab_dossier_to_data (dossier, NULL);
  g_assert_true (hab_recovery_save (dossier, &error));
  g_assert_no_error (error);
  after = hab_dossier_to_data (dossier, NULL);

  /* The live dossier is untouched. */
  g_assert_cmpstr (before, ==, after);
  g_assert_null (hab_dossier_lookup (dossier, HAB_RECOVERY_SOURCE_MEMBER));
  g_assert_null (hab_dossier_get_file (dossier));
  g_assert_cmpuint (changes, ==, 0);

  /* A private folder and file. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* The copy: the dossier plus a null "recovery_source". */
  copy = read_json (path);
  g_assert_true (json_object_has_member (json_node_get_object (copy), HAB_RECOVERY_SOURCE_MEMBER));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (copy),
                                                               HAB_RECOVERY_SOURCE_MEMBER)));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (copy), "id"), ==,
                   hab_dossier_get_string (dossier, "id"));

  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_true (HAB_IS_RECOVERY_ENTRY (entry));
  {
    g_autofree char *entry_path = g_file_get_path (hab_recovery_entry_get_file (entry));

    g_assert_cmpstr (entry_path, ==, path);
  }
  g_assert_null (hab_recovery_entry_get_source (entry));
  g_assert_cmpstr (hab_recovery_entry_get_title (entry), ==, "Cantine de Villeneuve");
  g_assert_nonnull (hab_recovery_entry_get_modified (entry));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpint (g_date_time_difference (now, hab_recovery_entry_get_modified (entry)), <,
                     G_TIME_SPAN_MINUTE);
  }
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Once saved, the copy names its file. */
  {
    g_autofree char *dir = make_temp_dir ();
    g_autofree char *saved_path = g_build_filename (dir, "cantine.habilitation", NULL);
    g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
    g_autoptr(JsonNode) second_copy = NULL;
    g_autoptr(HabDossier) loaded = NULL;

    g_assert_true (hab_dossier_save (dossier, saved, NULL, &error));
    g_assert_no_error (error);
    hab_dossier_set_string (dossier, "project.title", "Cantine et périscolaire");
    g_assert_true (hab_recovery_save (dossier, &error));
    g_assert_no_error (error);
    g_assert_null (hab_dossier_lookup (dossier, HAB_RECOVERY_SOURCE_MEMBER));

    second_copy = read_json (path);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (second_copy),
                                                    HAB_RECOVERY_SOURCE_MEMBER), ==, saved_path);

    entries = hab_recovery_list ();
    g_assert_cmpuint (entries->len, ==, 1);
    entry = g_ptr_array_index (entries, 0);
    g_assert_nonnull (hab_recovery_entry_get_source (entry));
    g_assert_true (g_file_equal (hab_recovery_entry_get_source (entry), saved));
    g_assert_cmpstr (hab_recovery_entry_get_title (entry), ==, "Cantine et périscolaire");

    /* Loading it gives the dossier back, without the extra member and
     * with no file set. */
    loaded = hab_recovery_load (entry, &error);
    g_assert_no_error (error);
    g_assert_nonnull (loaded);
    g_assert_null (hab_dossier_get_file (loaded));
    g_assert_null (hab_dossier_lookup (loaded, HAB_RECOVERY_SOURCE_MEMBER));
    g_assert_cmpstr (hab_dossier_get_string (loaded, "id"), ==, hab_dossier_get_string (dossier, "id"));
    g_assert_cmpstr (hab_dossier_get_string (loaded, "project.title"), ==, "Cantine et périscolaire");
    {
      g_autofree char *original = hab_dossier_to_data (dossier, NULL);
      g_autofree char *recovered = hab_dossier_to_data (loaded, NULL);

      g_assert_cmpstr (original, ==, recovered);
    }
    /* Loading leaves the copy in place. */
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&entries, g_ptr_array_unref);

    g_assert_cmpint (g_unlink (saved_path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }

  hab_recovery_discard (dossier);
}

static void
test_discard (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(HabDossier) other = hab_dossier_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = recovery_path_for (dossier);

  /* Nothing to discard: no warning (they are fatal here). */
  hab_recovery_discard (dossier);

  g_assert_true (hab_recovery_save (dossier, &error));
  g_assert_true (hab_recovery_save (other, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  hab_recovery_discard (dossier);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  hab_recovery_discard (dossier);

  /* Only that dossier's copy. */
  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_null (hab_recovery_entry_get_title (g_ptr_array_index (entries, 0)));
  g_clear_pointer (&entries, g_ptr_array_unref);

  hab_recovery_discard (other);
  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_corrupt_skipped (void)
{
  static const struct { const char *name; const char *data; } junk[] = {
    { "corrupt.habilitation", "{ \"format\": \"habilitation-dossier\", \"format_version\": 1, " },
    { "not-a-dossier.habilitation", "{\"hello\": \"world\"}" },
    { "newer.habilitation", "{\"format\": \"habilitation-dossier\", \"format_version\": 99}" },
    { "latin1.habilitation", "{\"format\": \"habilitation-dossier\", \"format_version\": 1, "
                             "\"project\": {\"title\": \"Cr\xe8" "che\"}}" },
    { "empty.habilitation", "" },
    { "notes.txt", "{\"format\": \"habilitation-dossier\", \"format_version\": 1}" },
  };
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  hab_dossier_set_string (dossier, "project.title", "Le bon");
  g_assert_true (hab_recovery_save (dossier, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autofree char *path = recovery_path (junk[i].name);

      g_file_set_contents (path, junk[i].data, -1, &error);
      g_assert_no_error (error);
    }

  /* A folder named like a copy, too. */
  {
    g_autofree char *path = recovery_path ("folder.habilitation");

    g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  }

  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (hab_recovery_entry_get_title (g_ptr_array_index (entries, 0)), ==, "Le bon");

  /* Skipped, never deleted. */
  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autofree char *path = recovery_path (junk[i].name);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }

  /* Loading one that went bad since it was listed reports it. */
  {
    g_autofree char *path = recovery_path_for (dossier);
    g_autoptr(HabDossier) loaded = NULL;

    g_file_set_contents (path, "{", -1, &error);
    g_assert_no_error (error);
    loaded = hab_recovery_load (g_ptr_array_index (entries, 0), &error);
    g_assert_null (loaded);
    g_assert_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, path));
  }
}

static void
test_newest_first (void)
{
  g_autoptr(HabDossier) first = hab_dossier_new ();
  g_autoptr(HabDossier) second = hab_dossier_new ();
  g_autofree char *first_path = recovery_path_for (first);
  g_autofree char *second_path = recovery_path_for (second);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  hab_dossier_set_string (first, "project.title", "Premier");
  hab_dossier_set_string (second, "project.title", "Second");
  g_assert_true (hab_recovery_save (first, &error));
  g_assert_true (hab_recovery_save (second, &error));
  g_assert_no_error (error);

  set_mtime (first_path, now - 3600);
  set_mtime (second_path, now - 60);
  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (hab_recovery_entry_get_title (g_ptr_array_index (entries, 0)), ==, "Second");
  g_assert_cmpstr (hab_recovery_entry_get_title (g_ptr_array_index (entries, 1)), ==, "Premier");
  g_assert_cmpint (g_date_time_to_unix (hab_recovery_entry_get_modified (g_ptr_array_index (entries, 0))),
                   ==, now - 60);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The first one is autosaved again: now it is the newest. */
  hab_dossier_set_string (first, "project.title", "Premier, modifié");
  g_assert_true (hab_recovery_save (first, &error));
  g_assert_no_error (error);
  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (hab_recovery_entry_get_title (g_ptr_array_index (entries, 0)), ==, "Premier, modifié");
  g_assert_cmpstr (hab_recovery_entry_get_title (g_ptr_array_index (entries, 1)), ==, "Second");
  g_clear_pointer (&entries, g_ptr_array_unref);

  hab_recovery_discard (first);
  hab_recovery_discard (second);
}

static void
test_odd_id (void)
{
  static const char data[] =
    "{\"format\": \"habilitation-dossier\", \"format_version\": 1, \"id\": \"../../../evil\","
    " \"project\": {\"title\": \"Sans identifiant valable\"}}";
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_data (data, strlen (data), NULL, NULL);
  g_autoptr(HabDossier) no_id = hab_dossier_new_from_data (data, strlen (data), NULL, NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = hab_recovery_get_folder ();

  g_assert_nonnull (dossier);
  hab_dossier_remove (no_id, "id");

  /* Saved twice: one copy each, inside the folder, never outside. */
  g_assert_true (hab_recovery_save (dossier, &error));
  g_assert_true (hab_recovery_save (dossier, &error));
  g_assert_true (hab_recovery_save (no_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hab_dossier_get_string (dossier, "id"), ==, "../../../evil");

  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      GFile *file = hab_recovery_entry_get_file (g_ptr_array_index (entries, i));
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_assert_true (g_file_equal (parent, folder));
    }
  g_clear_pointer (&entries, g_ptr_array_unref);

  hab_recovery_discard (dossier);
  hab_recovery_discard (no_id);
  entries = hab_recovery_list ();
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_save_error (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (g_get_user_state_dir (), "habilitation", NULL);

  /* A file where the folder should be. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_state_dir (), 0700), ==, 0);
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);

  g_assert_false (hab_recovery_save (dossier, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, hab_dossier_get_string (dossier, "id")));

  g_assert_cmpint (g_unlink (blocker), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/recovery/save-list", test_save_list);
  g_test_add_func ("/core/recovery/discard", test_discard);
  g_test_add_func ("/core/recovery/corrupt-skipped", test_corrupt_skipped);
  g_test_add_func ("/core/recovery/newest-first", test_newest_first);
  g_test_add_func ("/core/recovery/odd-id", test_odd_id);
  g_test_add_func ("/core/recovery/save-error", test_save_error);

  return g_test_run ();
}
