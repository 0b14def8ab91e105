/* test-bundle.c: the submission bundle (DESIGN §9): its entries, unzip -t,
 * sha256sum -c, reproducible bytes, the refusals, the async export.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include <archive.h>
#include <archive_entry.h>

#include "hab-attachment.h"
#include "hab-bundle.h"
#include "hab-json.h"

static const char *const examples[] = {
  "cantine-scolaire-bac-a-sable.habilitation",
  "creche-production-editeur.habilitation",
  "ordonnateur-r2p-interne.habilitation",
};

/* Under the test's own folders, which g_test_init() removes at the end. */
static char *
make_dir (void)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "hab-bundle-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static char *
example_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
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

static HabDossier *
load_example (const char *name)
{
  g_autofree char *path = example_path (name);

  return load (path);
}

/* Copies an example and its pieces into a new folder; its path. */
static char *
copy_example (const char *name,
              const char *dir)
{
  g_autofree char *source = example_path (name);
  g_autofree char *pieces_source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                          "pieces", NULL);
  g_autofree char *pieces = g_build_filename (dir, "pieces", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *entry;
  char *target = g_build_filename (dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (target, contents, length, NULL));

  g_assert_cmpint (g_mkdir_with_parents (pieces, 0700), ==, 0);
  folder = g_dir_open (pieces_source, 0, NULL);
  g_assert_nonnull (folder);
  while ((entry = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *from = g_build_filename (pieces_source, entry, NULL);
      g_autofree char *to = g_build_filename (pieces, entry, NULL);
      g_autofree char *data = NULL;

      g_assert_true (g_file_get_contents (from, &data, &length, NULL));
      g_assert_true (g_file_set_contents (to, data, length, NULL));
    }

  return target;
}

static void
options_init (HabDocumentOptions *options,
              gboolean            draft)
{
  hab_document_options_init (options);
  g_date_set_dmy (&options->today, 27, 11, 2026);
  options->draft = draft;
}

static GBytes *
build (HabDossier *dossier,
       gboolean    draft)
{
  g_autoptr(GError) error = NULL;
  HabDocumentOptions options;
  GBytes *bytes;

  options_init (&options, draft);
  bytes = hab_bundle_build (dossier, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static int
run (const char *const *argv,
     const char        *cwd,
     char             **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  /* Output not asked for stays out of the TAP stream. */
  g_spawn_sync (cwd, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_test_message ("%s: %s", argv[0], err);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The entries of a ZIP, read with libarchive: name -> contents. */
typedef struct
{
  char   *name;
  GBytes *data;
  int     mode;
  gint64  mtime;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_bytes_unref (entry->data);
  g_free (entry);
}

static GPtrArray *
read_zip (GBytes *zip)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  struct archive *archive = archive_read_new ();
  struct archive_entry *header;
  gsize length;
  const void *data = g_bytes_get_data (zip, &length);

  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_memory (archive, data, length), ==, ARCHIVE_OK);

  while (archive_read_next_header (archive, &header) == ARCHIVE_OK)
    {
      Entry *entry = g_new0 (Entry, 1);
      GByteArray *content = g_byte_array_new ();
      char buffer[8192];
      la_ssize_t n;

      entry->name = g_strdup (archive_entry_pathname_utf8 (header) ? archive_entry_pathname_utf8 (header)
                                                                   : archive_entry_pathname (header));
      entry->mode = archive_entry_perm (header);
      entry->mtime = archive_entry_mtime (header);
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (content, (guint8 *) buffer, n);
      g_assert_cmpint (n, ==, 0);
      entry->data = g_byte_array_free_to_bytes (content);
      g_ptr_array_add (entries, entry);
    }

  archive_read_free (archive);
  return entries;
}

static Entry *
find_entry (GPtrArray  *entries,
            const char *name)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (((Entry *) g_ptr_array_index (entries, i))->name, name))
      return g_ptr_array_index (entries, i);

  return NULL;
}

/* Every example: the entries of DESIGN §9 in a fixed order, the cards
 * inline, the pieces in pieces/ as attached, SHA256SUMS right; unzip -t
 * and sha256sum -c agree. */
static void
test_example (gconstpointer data)
{
  const char *name = data;
  g_autoptr(HabDossier) dossier = load_example (name);
  g_autoptr(GBytes) zip = build (dossier, FALSE);
  g_autoptr(GPtrArray) entries = read_zip (zip);
  g_autoptr(GPtrArray) listed = hab_bundle_list_entries (dossier);
  g_autoptr(GPtrArray) pieces = hab_documents_list_pieces (dossier);
  g_autofree char *dir = make_dir ();
  g_autofree char *zip_path = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *unpacked = g_build_filename (dir, "unpacked", NULL);
  g_autofree char *dossier_path = g_build_filename (unpacked, "dossier.json", NULL);
  g_autofree char *sums = NULL;
  g_autoptr(HabDossier) bundled = NULL;
  g_autoptr(GString) expected_sums = g_string_new (NULL);
  gboolean editor = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;
  gboolean questionnaire = g_strcmp0 (hab_dossier_get_string (dossier, "security.kind"),
                                      "questionnaire") == 0;
  Entry *entry;
  guint i = 0;

  /* The order: dossier, documents, pieces, the summary (made in a thread
   * while the rest is written), checksums. */
  g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==, "dossier.json");
  g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==,
                   "attestation-employeur-demandeur.pdf");
  if (editor)
    g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==,
                     "attestation-employeur-editeur.pdf");
  g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==, "designation.pdf");
  if (questionnaire)
    g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==,
                     "questionnaire-securite.pdf");
  g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==, "datapass.txt");
  for (guint p = 0; p < pieces->len; p++)
    g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==,
                     ((HabPiece *) g_ptr_array_index (pieces, p))->bundle_name);
  g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==, "recapitulatif.pdf");
  g_assert_cmpstr (((Entry *) g_ptr_array_index (entries, i++))->name, ==, "SHA256SUMS");
  g_assert_cmpuint (i, ==, entries->len);
  g_assert_cmpuint (pieces->len, >, 0);

  /* What the UI announces is what the bundle holds. */
  g_assert_cmpuint (listed->len, ==, entries->len);
  for (guint e = 0; e < entries->len; e++)
    g_assert_cmpstr (((HabBundleEntry *) g_ptr_array_index (listed, e))->name, ==,
                     ((Entry *) g_ptr_array_index (entries, e))->name);

  /* Fixed permissions and times: the dossier's last change. */
  for (guint e = 0; e < entries->len; e++)
    {
      g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 (hab_dossier_get_string (dossier,
                                                                                            "modified"),
                                                                    NULL);

      entry = g_ptr_array_index (entries, e);
      g_assert_cmpint (entry->mode, ==, 0644);
      g_assert_cmpint (entry->mtime, ==, g_date_time_to_unix (modified));
      if (e < entries->len - 1)
        {
          g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, entry->data);

          g_string_append_printf (expected_sums, "%s  %s\n", sha, entry->name);
        }
    }
  entry = find_entry (entries, "SHA256SUMS");
  sums = g_strndup (g_bytes_get_data (entry->data, NULL), g_bytes_get_size (entry->data));
  g_assert_cmpstr (sums, ==, expected_sums->str);

  /* The pieces are the attached bytes. */
  for (guint p = 0; p < pieces->len; p++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, p);
      JsonObject *object = json_node_get_object (piece->attachment);
      g_autofree char *sha = NULL;

      entry = find_entry (entries, piece->bundle_name);
      g_assert_nonnull (entry);
      sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, entry->data);
      g_assert_cmpstr (sha, ==, hab_json_object_get_string (object, "sha256"));
    }

  /* unzip -t, then sha256sum -c in the unpacked folder. */
  {
    const char *test_argv[] = { "unzip", "-t", zip_path, NULL };
    const char *unzip_argv[] = { "unzip", "-q", zip_path, "-d", unpacked, NULL };
    const char *check_argv[] = { "sha256sum", "-c", "--strict", "SHA256SUMS", NULL };
    g_autofree char *out = NULL;
    gsize length;
    const char *bytes = g_bytes_get_data (zip, &length);

    g_assert_true (g_file_set_contents (zip_path, bytes, length, NULL));
    g_assert_cmpint (run (test_argv, NULL, NULL), ==, 0);
    g_assert_cmpint (run (unzip_argv, NULL, NULL), ==, 0);
    g_assert_cmpint (run (check_argv, unpacked, &out), ==, 0);
    g_assert_nonnull (strstr (out, "recapitulatif.pdf: OK"));
  }

  /* The bundled dossier: its cards inline, its pieces found next to it. */
  bundled = load (dossier_path);
  {
    static const char *const roles[] = {
      HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
      HAB_ROLE_RESPONSABLE_TECHNIQUE,
    };

    for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
      {
        g_autoptr(HabContact) contact = hab_dossier_dup_inline_contact (bundled, roles[r]);

        g_assert_nonnull (contact);
        g_assert_nonnull (contact->email);
      }
  }
  for (guint p = 0; p < pieces->len; p++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, p);
      JsonNode *node = hab_dossier_lookup (bundled, piece->field);

      g_assert_cmpstr (hab_json_object_get_string (json_node_get_object (node), "path"), ==,
                       piece->bundle_name);
      g_assert_cmpint (hab_attachment_check (node, hab_dossier_get_file (bundled)), ==,
                       HAB_ATTACHMENT_OK);
    }
  g_assert_cmpstr (hab_dossier_get_string (bundled, "id"), ==, hab_dossier_get_string (dossier, "id"));
}

/* Two exports give the same bytes (in another time zone too: see
 * test-cli-export). */
static void
test_reproducible (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GBytes) first = build (dossier, FALSE);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) later = NULL;

  g_usleep (1100 * 1000);
  second = build (dossier, FALSE);
  g_assert_true (g_bytes_equal (first, second));

  /* An edit changes the bundle. */
  hab_dossier_set_string (dossier, "project.yearly_volume", "460 demandes par an");
  later = build (dossier, FALSE);
  g_assert_false (g_bytes_equal (first, later));
}

/* The summary is made in a thread of its own while the other documents
 * are made: the bundle carries the same bytes as the summary made alone,
 * and the order of the entries does not change (test_example). */
static void
test_summary_thread (void)
{
  g_autoptr(HabDossier) dossier = load_example ("cantine-scolaire-bac-a-sable.habilitation");
  g_autoptr(GBytes) zip = build (dossier, TRUE);
  g_autoptr(GPtrArray) entries = read_zip (zip);
  g_autoptr(GBytes) alone = NULL;
  g_autoptr(GError) error = NULL;
  HabDocumentOptions options;
  Entry *entry;

  options_init (&options, TRUE);
  alone = hab_document_generate (HAB_DOCUMENT_SUMMARY, dossier, &options, NULL, &error);
  g_assert_no_error (error);
  entry = find_entry (entries, "recapitulatif.pdf");
  g_assert_nonnull (entry);
  g_assert_true (g_bytes_equal (entry->data, alone));
}

typedef struct
{
  GCancellable *cancellable;
  guint         n_documents;
} CancelState;

static void
cancel_at_second_document (double      fraction,
                           const char *message,
                           gpointer    user_data)
{
  CancelState *state = user_data;

  if (g_str_has_prefix (message, "Writing ") && ++state->n_documents == 2)
    g_cancellable_cancel (state->cancellable);
}

/* Cancelled while the summary's thread works: the export waits for it,
 * then stops with nothing (ASan sees a leak or a use after free). */
static void
test_cancel_during_summary (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  HabDocumentOptions options;
  CancelState state = { cancellable, 0 };

  options_init (&options, FALSE);
  bytes = hab_bundle_build (dossier, &options, cancel_at_second_document, &state, cancellable,
                            &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.n_documents, ==, 2);

  /* And the next export, in the same thread, is whole. */
  g_clear_error (&error);
  bytes = build (dossier, FALSE);
  entries = read_zip (bytes);
  g_assert_nonnull (find_entry (entries, "recapitulatif.pdf"));
}

/* Errors refuse the export, unless it is a draft, marked as such. */
static void
test_errors_and_draft (void)
{
  g_autoptr(HabDossier) dossier = load_example ("cantine-scolaire-bac-a-sable.habilitation");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) refused = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  HabDocumentOptions options;
  Entry *datapass;

  hab_dossier_set_string (dossier, "organisation.siret", "not a SIRET");
  options_init (&options, FALSE);
  refused = hab_bundle_build (dossier, &options, NULL, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_HAS_ERRORS);
  g_assert_nonnull (strstr (error->message, "1 error"));

  draft = build (dossier, TRUE);
  entries = read_zip (draft);
  g_assert_nonnull (find_entry (entries, "recapitulatif.pdf"));
  datapass = find_entry (entries, "datapass.txt");
  g_assert_nonnull (strstr (g_bytes_get_data (datapass->data, NULL), "DRAFT"));
}

/* A missing or changed piece stops the export, even a draft's. */
static void
test_pieces_checked (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example ("creche-production-editeur.habilitation", dir);
  g_autofree char *piece = g_build_filename (dir, "pieces", "deliberation-2026-112.pdf", NULL);
  g_autofree char *moved = g_build_filename (dir, "moved.pdf", NULL);
  g_autoptr(HabDossier) dossier = load (path);
  g_autoptr(GBytes) fine = build (dossier, FALSE);
  g_autofree char *original = NULL;
  gsize length;
  HabDocumentOptions options;

  options_init (&options, TRUE);

  g_assert_cmpint (g_rename (piece, moved), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = hab_bundle_build (dossier, &options, NULL, NULL, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT);
    g_assert_nonnull (strstr (error->message, "deliberation-2026-112.pdf"));
    g_assert_nonnull (strstr (error->message, "missing"));
  }

  g_assert_cmpint (g_rename (moved, piece), ==, 0);
  g_assert_true (g_file_get_contents (piece, &original, &length, NULL));
  g_assert_true (g_file_set_contents (piece, "%PDF-1.4 other bytes", -1, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = hab_bundle_build (dossier, &options, NULL, NULL, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT);
    g_assert_nonnull (strstr (error->message, "changed since it was attached"));
  }

  /* Other bytes of the same size: found by their SHA-256, read as the
   * file is copied into the bundle. */
  original[length / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (piece, original, (gssize) length, NULL));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = hab_bundle_build (dossier, &options, NULL, NULL, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT);
    g_assert_nonnull (strstr (error->message, "deliberation-2026-112.pdf"));
    g_assert_nonnull (strstr (error->message, "changed since it was attached"));
  }

  /* The same bytes again: the export goes through. */
  original[length / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (piece, original, (gssize) length, NULL));
  {
    g_autoptr(GBytes) bytes = build (dossier, TRUE);

    g_assert_nonnull (bytes);
  }
}

/* The flags of the central directory entry named @name, or -1. */
static int
zip_entry_flags (GBytes     *zip,
                 const char *name)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (zip, &length);
  gsize eocd = length - 22;
  guint n_entries = data[eocd + 10] | (data[eocd + 11] << 8);
  gsize offset = data[eocd + 16] | (data[eocd + 17] << 8) | (data[eocd + 18] << 16)
                 | ((gsize) data[eocd + 19] << 24);

  for (guint i = 0; i < n_entries; i++)
    {
      guint name_length = data[offset + 28] | (data[offset + 29] << 8);
      guint extra_length = data[offset + 30] | (data[offset + 31] << 8);
      guint comment_length = data[offset + 32] | (data[offset + 33] << 8);

      g_assert_cmpuint (data[offset], ==, 0x50);
      if (name_length == strlen (name) && memcmp (data + offset + 46, name, name_length) == 0)
        return data[offset + 8] | (data[offset + 9] << 8);
      offset += 46 + name_length + extra_length + comment_length;
    }

  return -1;
}

/* A piece named with accents, spaces and a dash keeps its name, flagged
 * as UTF-8 (bit 11) for the tools that would read it otherwise. */
static void
test_piece_names (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = copy_example ("creche-production-editeur.habilitation", dir);
  g_autofree char *annex = g_build_filename (dir, "pieces", "Délibération – annexe n°2.pdf", NULL);
  g_autofree char *zip_path = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *unpacked = g_build_filename (dir, "unpacked", NULL);
  g_autoptr(GFile) annex_file = g_file_new_for_path (annex);
  g_autoptr(HabDossier) dossier = load (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  JsonNode *node;

  g_assert_true (g_file_set_contents (annex, "%PDF-1.4\n% annexe\n", -1, NULL));
  node = hab_attachment_new_from_file (annex_file, hab_dossier_get_file (dossier), NULL, &error);
  g_assert_no_error (error);
  json_array_add_element (hab_dossier_get_array (dossier, "legal.documents"), node);

  zip = build (dossier, FALSE);
  entries = read_zip (zip);
  g_assert_nonnull (find_entry (entries, "pieces/Délibération – annexe n°2.pdf"));
  g_assert_cmpint (zip_entry_flags (zip, "pieces/Délibération – annexe n°2.pdf") & (1 << 11), !=, 0);
  g_assert_cmpint (zip_entry_flags (zip, "dossier.json"), >=, 0);

  {
    const char *test_argv[] = { "unzip", "-t", zip_path, NULL };
    const char *unzip_argv[] = { "unzip", "-q", zip_path, "-d", unpacked, NULL };
    const char *check_argv[] = { "sha256sum", "-c", "--strict", "SHA256SUMS", NULL };
    gsize length;
    const char *bytes = g_bytes_get_data (zip, &length);

    g_assert_true (g_file_set_contents (zip_path, bytes, length, NULL));
    g_assert_cmpint (run (test_argv, NULL, NULL), ==, 0);
    g_assert_cmpint (run (unzip_argv, NULL, NULL), ==, 0);
    g_assert_cmpint (run (check_argv, unpacked, NULL), ==, 0);
  }
}

/* The cards the file does not carry come from the lookup, inline in the
 * bundle's dossier.json. */
static HabContact *
lookup_cb (const char *contact_id,
           gpointer    user_data)
{
  HabContact *contact = hab_contact_new ();

  contact->given_name = g_strdup ("Paul");
  contact->family_name = g_strdup ("Durand");
  contact->email = g_strdup ("paul.durand@villeneuve-sur-garonne.fr");
  contact->phone = g_strdup ("05 63 41 20 00");
  contact->job_title = g_strdup ("Directeur général des services");
  contact->contact_id = g_strdup (contact_id);
  return contact;
}

static void
test_contact_lookup (void)
{
  g_autoptr(HabDossier) dossier = load_example ("cantine-scolaire-bac-a-sable.habilitation");
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(HabContact) card = NULL;
  HabDocumentOptions options;

  hab_dossier_remove (dossier, "actors.responsable_traitement.contact");
  options_init (&options, FALSE);
  options.contact_lookup = lookup_cb;

  copy = hab_bundle_dup_dossier (dossier, &options);
  g_assert_true (copy != dossier);
  card = hab_dossier_dup_inline_contact (copy, HAB_ROLE_RESPONSABLE_TRAITEMENT);
  g_assert_nonnull (card);
  g_assert_cmpstr (card->email, ==, "paul.durand@villeneuve-sur-garonne.fr");
  /* The actor keeps its contact_id; the original is not changed. */
  g_assert_cmpstr (card->contact_id, ==, "a3c1d0e2-7b4f-4e8a-9c6d-2e5f7a8b9c01");
  g_assert_null (hab_dossier_get_object (dossier, "actors.responsable_traitement.contact"));
  g_assert_nonnull (hab_dossier_get_object (copy, "actors.demandeur.contact"));

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) zip = hab_bundle_build (dossier, &options, NULL, NULL, NULL, &error);
    g_autoptr(GPtrArray) entries = NULL;
    Entry *entry;

    g_assert_no_error (error);
    entries = read_zip (zip);
    entry = find_entry (entries, "dossier.json");
    g_assert_nonnull (strstr (g_bytes_get_data (entry->data, NULL), "paul.durand@"));
  }
}

static void
test_file_name (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(HabDossier) empty = hab_dossier_new ();
  g_autofree char *name = NULL;
  g_autofree char *fallback = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  name = hab_bundle_suggest_file_name (dossier, &today);
  g_assert_cmpstr (name, ==, "dites-le-nous-une-fois-place-en-creche-2026-11-27.zip");
  fallback = hab_bundle_suggest_file_name (empty, NULL);
  g_assert_cmpstr (fallback, ==, "dossier.zip");
}

/* Async: progress in the main context, the file written whole at the end;
 * the dossier may change meanwhile without changing the bundle. */
typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
  double     last_fraction;
  guint      n_progress;
  gboolean   destroyed;
} AsyncState;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_assert_nonnull (message);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
progress_destroy (gpointer user_data)
{
  AsyncState *state = user_data;

  state->destroyed = TRUE;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  hab_bundle_write_finish (result, &state->error);
  state->done = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GBytes) expected = build (dossier, FALSE);
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "bundle.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  HabDocumentOptions options;
  AsyncState state = { 0 };
  gsize length;

  state.loop = g_main_loop_new (NULL, FALSE);
  options_init (&options, FALSE);
  hab_bundle_write_async (dossier, file, &options, progress_cb, &state, progress_destroy, NULL,
                          written_cb, &state);
  /* Edits after the start do not reach the export. */
  hab_dossier_set_string (dossier, "project.title", "Changed while exporting");
  g_main_loop_run (state.loop);

  g_assert_no_error (state.error);
  g_assert_true (state.done);
  g_assert_cmpuint (state.n_progress, >, 3);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (expected));
  g_assert_cmpint (memcmp (contents, g_bytes_get_data (expected, NULL), length), ==, 0);

  /* The progress data are released in this thread, once done. */
  g_assert_true (state.destroyed);
  g_main_loop_unref (state.loop);
}

/* Cancelled, or refused: no file, and an existing one is left alone. */
static void
test_async_refused (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "bundle.zip", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.zip", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) kept_file = g_file_new_for_path (kept);
  g_autofree char *contents = NULL;
  HabDocumentOptions options;
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  options_init (&options, FALSE);
  g_cancellable_cancel (cancellable);
  hab_bundle_write_async (dossier, file, &options, NULL, NULL, NULL, cancellable, written_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&state.error);

  g_assert_true (g_file_set_contents (kept, "previous bundle", -1, NULL));
  hab_dossier_set_string (dossier, "organisation.siret", "bad");
  hab_bundle_write_async (dossier, kept_file, &options, NULL, NULL, NULL, NULL, written_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_HAS_ERRORS);
  g_clear_error (&state.error);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous bundle");

  /* A folder that does not exist: a clear error naming the file. */
  {
    g_autofree char *nowhere = g_build_filename (dir, "no", "such", "bundle.zip", NULL);
    g_autoptr(GFile) nowhere_file = g_file_new_for_path (nowhere);
    g_autoptr(GError) error = NULL;
    g_autoptr(HabDossier) fine = load_example ("creche-production-editeur.habilitation");

    g_assert_false (hab_bundle_write (fine, nowhere_file, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "bundle.zip"));
  }

  g_main_loop_unref (state.loop);
}

int
main (int   argc,
      char *argv[])
{
  /* libarchive reads names in the locale's charset: C.UTF-8 in the tests. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/bundle/example/%s", examples[i]);

      g_test_add_data_func (path, examples[i], test_example);
    }
  g_test_add_func ("/bundle/reproducible", test_reproducible);
  g_test_add_func ("/bundle/summary-thread", test_summary_thread);
  g_test_add_func ("/bundle/cancel-during-summary", test_cancel_during_summary);
  g_test_add_func ("/bundle/errors-and-draft", test_errors_and_draft);
  g_test_add_func ("/bundle/pieces-checked", test_pieces_checked);
  g_test_add_func ("/bundle/piece-names", test_piece_names);
  g_test_add_func ("/bundle/contact-lookup", test_contact_lookup);
  g_test_add_func ("/bundle/file-name", test_file_name);
  g_test_add_func ("/bundle/async", test_async);
  g_test_add_func ("/bundle/async-refused", test_async_refused);

  return g_test_run ();
}
