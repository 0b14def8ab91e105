/* test-attachment.c: attached files (DESIGN §4).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hab-attachment.h"
#include "hab-json.h"

static const char pdf_data[] =
  "%PDF-1.4\n"
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
  "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
  "trailer << /Root 1 0 R >>\n"
  "%%EOF\n";

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hab-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static GFile *
write_file (const char *dir,
            const char *relative,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                   NULL, NULL);

  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        remove_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);

  remove_tree (file);
}

static const char *
member (JsonNode   *attachment,
        const char *name)
{
  return hab_json_object_get_string (json_node_get_object (attachment), name);
}

static gint64
member_size (JsonNode *attachment)
{
  return json_object_get_int_member (json_node_get_object (attachment), "size");
}

static void
assert_attachment (JsonNode   *attachment,
                   const char *name,
                   const char *data,
                   gsize       length,
                   const char *media_type)
{
  g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                                         length);
  JsonObject *object;

  g_assert_nonnull (attachment);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (attachment));
  object = json_node_get_object (attachment);
  g_assert_cmpuint (json_object_get_size (object), ==, 5);

  g_assert_cmpstr (member (attachment, "name"), ==, name);
  g_assert_cmpstr (member (attachment, "sha256"), ==, sha256);
  g_assert_cmpuint (strlen (member (attachment, "sha256")), ==, 64);
  for (const char *p = member (attachment, "sha256"); *p; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
  g_assert_cmpint (member_size (attachment), ==, (gint64) length);
  g_assert_cmpstr (member (attachment, "media_type"), ==, media_type);
}

static void
assert_resolves_to (JsonNode *attachment,
                    GFile    *dossier_file,
                    GFile    *expected)
{
  g_autoptr(GFile) resolved = hab_attachment_resolve (attachment, dossier_file);

  g_assert_nonnull (resolved);
  g_assert_true (g_file_equal (resolved, expected));
}

static void
test_relative (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *dossier_path = g_build_filename (dir, "cantine.habilitation", NULL);
  g_autoptr(GFile) dossier_file = g_file_new_for_path (dossier_path);
  g_autoptr(GFile) below = write_file (dir, "pièces/délibération 2026-045.pdf", pdf_data, -1);
  g_autoptr(GFile) beside = write_file (dir, "maquette.pdf", pdf_data, -1);
  g_autoptr(JsonNode) attachment = NULL;
  g_autoptr(JsonNode) beside_attachment = NULL;
  g_autoptr(GError) error = NULL;

  /* In a folder below the dossier's: relative. The dossier file itself
   * need not exist yet. */
  attachment = hab_attachment_new_from_file (below, dossier_file, NULL, &error);
  g_assert_no_error (error);
  assert_attachment (attachment, "délibération 2026-045.pdf", pdf_data, strlen (pdf_data),
                     "application/pdf");
  g_assert_cmpstr (member (attachment, "path"), ==, "pièces/délibération 2026-045.pdf");
  assert_resolves_to (attachment, dossier_file, below);
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_OK);

  /* Beside it. */
  beside_attachment = hab_attachment_new_from_file (beside, dossier_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member (beside_attachment, "path"), ==, "maquette.pdf");
  g_assert_cmpint (hab_attachment_check (beside_attachment, dossier_file), ==, HAB_ATTACHMENT_OK);

  /* A relative path needs the dossier's file to be resolved. */
  g_assert_null (hab_attachment_resolve (attachment, NULL));
  g_assert_cmpint (hab_attachment_check (attachment, NULL), ==, HAB_ATTACHMENT_MISSING);

  /* The folder moved with its dossier: still found. */
  {
    g_autofree char *moved = g_strconcat (dir, "-moved", NULL);
    g_autofree char *moved_dossier_path = g_build_filename (moved, "cantine.habilitation", NULL);
    g_autoptr(GFile) moved_dossier = g_file_new_for_path (moved_dossier_path);

    g_assert_cmpint (g_rename (dir, moved), ==, 0);
    g_assert_cmpint (hab_attachment_check (attachment, moved_dossier), ==, HAB_ATTACHMENT_OK);
    g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_MISSING);
    g_assert_cmpint (g_rename (moved, dir), ==, 0);
  }

  remove_dir (dir);
}

static void
test_absolute (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *dossier_path = g_build_filename (dir, "dossier", "ordonnateur.habilitation", NULL);
  g_autoptr(GFile) dossier_file = g_file_new_for_path (dossier_path);
  /* "dossier-pieces" starts like "dossier" but is not inside it. */
  g_autoptr(GFile) sibling = write_file (dir, "dossier-pieces/homologation.pdf", pdf_data, -1);
  g_autoptr(GFile) above = write_file (dir, "decision.pdf", pdf_data, -1);
  g_autofree char *sibling_path = g_file_get_path (sibling);
  g_autofree char *above_path = g_file_get_path (above);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (sibling, dossier_file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (member (attachment, "name"), ==, "homologation.pdf");
    g_assert_cmpstr (member (attachment, "path"), ==, sibling_path);
    g_assert_true (g_path_is_absolute (member (attachment, "path")));
    assert_resolves_to (attachment, dossier_file, sibling);
    assert_resolves_to (attachment, NULL, sibling);
    g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_OK);
    g_assert_cmpint (hab_attachment_check (attachment, NULL), ==, HAB_ATTACHMENT_OK);
  }

  {
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (above, dossier_file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (member (attachment, "path"), ==, above_path);
  }

  /* A dossier never saved: always absolute. */
  {
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (above, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (member (attachment, "path"), ==, above_path);
    assert_attachment (attachment, "decision.pdf", pdf_data, strlen (pdf_data), "application/pdf");
  }

  remove_dir (dir);
}

static void
test_changed (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *dossier_path = g_build_filename (dir, "d.habilitation", NULL);
  g_autoptr(GFile) dossier_file = g_file_new_for_path (dossier_path);
  g_autoptr(GFile) file = write_file (dir, "deliberation.pdf", pdf_data, -1);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(JsonNode) attachment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *same_size = g_strdup (pdf_data);

  attachment = hab_attachment_new_from_file (file, dossier_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_OK);

  /* Same size, one byte different: only the hash tells. */
  same_size[strlen ("%PDF-1.")] = '7';
  g_file_set_contents (path, same_size, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_CHANGED);
  /* Which the check without reading does not see. */
  g_assert_cmpint (hab_attachment_check_size (attachment, dossier_file), ==, HAB_ATTACHMENT_OK);

  /* Another size. */
  g_file_set_contents (path, "%PDF-1.4\n%%EOF\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_CHANGED);
  g_assert_cmpint (hab_attachment_check_size (attachment, dossier_file), ==, HAB_ATTACHMENT_CHANGED);

  /* Gone. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_MISSING);
  g_assert_cmpint (hab_attachment_check_size (attachment, dossier_file), ==, HAB_ATTACHMENT_MISSING);

  /* Back as it was. */
  g_file_set_contents (path, pdf_data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_OK);

  /* An upper-case hash in the file still matches. */
  {
    JsonObject *object = json_node_get_object (attachment);
    g_autofree char *upper = g_ascii_strup (json_object_get_string_member (object, "sha256"), -1);

    json_object_set_string_member (object, "sha256", upper);
    g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_OK);
  }

  remove_dir (dir);
}

static void
test_missing (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *dossier_path = g_build_filename (dir, "d.habilitation", NULL);
  g_autoptr(GFile) dossier_file = g_file_new_for_path (dossier_path);
  g_autoptr(GFile) file = write_file (dir, "securite/homologation.pdf", pdf_data, -1);
  g_autoptr(JsonNode) attachment = NULL;
  g_autoptr(JsonNode) broken = NULL;
  g_autoptr(GError) error = NULL;

  attachment = hab_attachment_new_from_file (file, dossier_file, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_delete (file, NULL, NULL));
  g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_MISSING);
  assert_resolves_to (attachment, dossier_file, file);

  /* A folder where the file was. */
  {
    g_autofree char *path = g_file_get_path (file);

    g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
    g_assert_cmpint (hab_attachment_check (attachment, dossier_file), ==, HAB_ATTACHMENT_MISSING);
  }

  /* Not an attachment at all. */
  broken = json_from_string ("{\"name\":\"x.pdf\",\"path\":null}", NULL);
  g_assert_null (hab_attachment_resolve (broken, dossier_file));
  g_assert_cmpint (hab_attachment_check (broken, dossier_file), ==, HAB_ATTACHMENT_MISSING);
  g_assert_cmpint (hab_attachment_check (NULL, dossier_file), ==, HAB_ATTACHMENT_MISSING);

  remove_dir (dir);
}

static void
test_media_types (void)
{
  static const char text[] = "Notes de la réunion avec le DPO.\n";
  static const guchar binary[] = { 0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x80, 0x7f };
  g_autofree char *dir = make_temp_dir ();
  g_autoptr(GFile) notes = write_file (dir, "notes.txt", text, -1);
  g_autoptr(GFile) fake = write_file (dir, "faux.pdf", text, -1);
  g_autoptr(GFile) unnamed = write_file (dir, "scan-sans-extension", pdf_data, -1);
  g_autoptr(GFile) blob = write_file (dir, "donnees.bin", (const char *) binary, sizeof binary);
  g_autoptr(GFile) empty = write_file (dir, "vide.txt", "", 0);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (notes, NULL, NULL, &error);

    g_assert_no_error (error);
    assert_attachment (attachment, "notes.txt", text, strlen (text), "text/plain");
  }

  {
    /* Named like a PDF, but it is not one. */
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (fake, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (member (attachment, "media_type"), !=, "application/pdf");
    g_assert_cmpstr (member (attachment, "media_type"), ==, "text/plain");
  }

  {
    /* A PDF is one whatever its name. */
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (unnamed, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (member (attachment, "media_type"), ==, "application/pdf");
  }

  {
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (blob, NULL, NULL, &error);

    g_assert_no_error (error);
    assert_attachment (attachment, "donnees.bin", (const char *) binary, sizeof binary,
                       "application/octet-stream");
  }

  {
    g_autoptr(JsonNode) attachment = hab_attachment_new_from_file (empty, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (member_size (attachment), ==, 0);
    g_assert_cmpstr (member (attachment, "sha256"), ==,
                     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    g_assert_nonnull (member (attachment, "media_type"));
  }

  remove_dir (dir);
}

static void
test_refused (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *folder_path = g_build_filename (dir, "pièces", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "absent.pdf", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) locked = write_file (dir, "verrouillé.pdf", pdf_data, -1);
  g_autoptr(GError) error = NULL;
  JsonNode *attachment;

  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  attachment = hab_attachment_new_from_file (folder, NULL, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_nonnull (strstr (error->message, folder_path));
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  attachment = hab_attachment_new_from_file (missing, NULL, NULL, &error);
  g_assert_null (attachment);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing_path));
  g_clear_error (&error);

  /* Unreadable: root reads everything, so only as another user. */
  if (geteuid () != 0)
    {
      g_autofree char *locked_path = g_file_get_path (locked);
      g_autoptr(JsonNode) before = hab_attachment_new_from_file (locked, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (locked_path, 0), ==, 0);
      attachment = hab_attachment_new_from_file (locked, NULL, NULL, &error);
      g_assert_null (attachment);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, locked_path));
      g_clear_error (&error);

      /* Attached earlier, unreadable now: as good as missing. */
      g_assert_cmpint (hab_attachment_check (before, NULL), ==, HAB_ATTACHMENT_MISSING);
      g_assert_cmpint (g_chmod (locked_path, 0600), ==, 0);
    }
  else
    g_test_message ("Running as root: the unreadable-file case is skipped");

  /* A cancelled read reports the cancellation. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GFile) file = write_file (dir, "ok.pdf", pdf_data, -1);

    g_cancellable_cancel (cancellable);
    attachment = hab_attachment_new_from_file (file, NULL, cancellable, &error);
    g_assert_null (attachment);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/attachment/relative", test_relative);
  g_test_add_func ("/core/attachment/absolute", test_absolute);
  g_test_add_func ("/core/attachment/changed", test_changed);
  g_test_add_func ("/core/attachment/missing", test_missing);
  g_test_add_func ("/core/attachment/media-types", test_media_types);
  g_test_add_func ("/core/attachment/refused", test_refused);

  return g_test_run ();
}
