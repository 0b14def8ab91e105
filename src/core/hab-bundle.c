/* hab-bundle.c: the submission bundle, a ZIP written with libarchive
 * (DESIGN §9).
 *
 * It holds dossier.json (with the contact cards inline and the attached
 * files' paths pointing into pieces/), the PDF documents, datapass.txt,
 * the attached files under pieces/, and SHA256SUMS, which `sha256sum -c`
 * accepts in the unpacked folder. The bundle is reproducible: the entries
 * come in a fixed order, with fixed permissions and owner, all dated from
 * the dossier's "modified" time, so that the same dossier and attached
 * files give the same bytes. An attached file that is missing, or whose
 * bytes are not the ones attached, stops the export.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-bundle"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-archive.h"
#include "hab-attachment.h"
#include "hab-bundle.h"
#include "hab-datapass-text.h"
#include "hab-json.h"
#include "hab-pdf.h"
#include "hab-sha256.h"
#include "hab-validator.h"

#define DOSSIER_ENTRY  "dossier.json"
#define SUMS_ENTRY     "SHA256SUMS"
#define ENTRY_MODE     0644
#define READ_CHUNK     (64 * 1024)

/* 1980-01-01T00:00:00Z, the first instant a ZIP can date. */
#define ZIP_EPOCH      G_GINT64_CONSTANT (315532800)

G_DEFINE_QUARK (hab-bundle-error-quark, hab_bundle_error)

void
hab_bundle_entry_free (HabBundleEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->name);
  g_free (entry->title);
  g_free (entry->description);
  g_free (entry);
}

static HabBundleEntry *
entry_new (const char *name,
           const char *title,
           const char *description)
{
  HabBundleEntry *entry = g_new0 (HabBundleEntry, 1);

  entry->name = g_strdup (name);
  entry->title = g_strdup (title);
  entry->description = g_strdup (description);
  return entry;
}

/**
 * hab_bundle_list_entries:
 *
 * Lists what the bundle of @dossier holds, in its order.
 *
 * Returns: (transfer container) (element-type HabBundleEntry): the entries
 */
GPtrArray *
hab_bundle_list_entries (HabDossier *dossier)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_bundle_entry_free);
  g_autoptr(GPtrArray) pieces = NULL;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), entries);

  g_ptr_array_add (entries, entry_new (DOSSIER_ENTRY, _("The Dossier"),
                                       _("The dossier file, with the contact cards inside")));

  for (HabDocument document = 0; document < HAB_N_DOCUMENTS; document++)
    if (document != HAB_DOCUMENT_SUMMARY && hab_document_applies (document, dossier))
      g_ptr_array_add (entries, entry_new (hab_document_get_file_name (document),
                                           hab_document_get_title (document),
                                           hab_document_get_description (document)));

  pieces = hab_documents_list_pieces (dossier);
  for (guint i = 0; i < pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, i);

      g_ptr_array_add (entries, entry_new (piece->bundle_name,
                                           piece->bundle_name + strlen ("pieces/"),
                                           _("An attached document, checked unchanged since it "
                                             "was attached")));
    }

  /* Written last, as its thread makes it while the rest is written. */
  if (hab_document_applies (HAB_DOCUMENT_SUMMARY, dossier))
    g_ptr_array_add (entries, entry_new (hab_document_get_file_name (HAB_DOCUMENT_SUMMARY),
                                         hab_document_get_title (HAB_DOCUMENT_SUMMARY),
                                         hab_document_get_description (HAB_DOCUMENT_SUMMARY)));

  g_ptr_array_add (entries, entry_new (SUMS_ENTRY, _("Checksums"),
                                       _("The SHA-256 of every file, for “sha256sum -c”")));

  return entries;
}

/**
 * hab_bundle_suggest_file_name:
 * @today: (nullable): the export's date
 *
 * Returns: (transfer full): a file name from the dossier's title and the
 *   date, e.g. "cantine-scolaire-2026-11-27.zip"
 */
char *
hab_bundle_suggest_file_name (HabDossier  *dossier,
                              const GDate *today)
{
  const char *title = hab_dossier_get_string (dossier, "project.title");
  g_autofree char *ascii = g_str_to_ascii (title ? title : "", "C");
  GString *name = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, g_ascii_tolower (*p));
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
      if (name->len >= 80)
        break;
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, "dossier");

  if (today != NULL && g_date_valid (today))
    {
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", today);
      g_string_append_printf (name, "-%s", date);
    }
  g_string_append (name, ".zip");

  return g_string_free (name, FALSE);
}

/* Copies and contacts */

static HabDossier *
copy_dossier (HabDossier  *dossier,
              GError     **error)
{
  g_autofree char *data = NULL;
  HabDossier *copy;
  gsize length;

  data = hab_dossier_to_data (dossier, &length);
  copy = hab_dossier_new_from_data (data, length, NULL, error);
  if (copy != NULL)
    hab_dossier_set_file (copy, hab_dossier_get_file (dossier));

  return copy;
}

/**
 * hab_bundle_dup_dossier:
 * @options: (nullable): the contact lookup
 *
 * A copy of @dossier to export, that the exporter may read from another
 * thread while the user goes on editing: it belongs to the same file, and
 * every actor whose card is not inline gets it inline, found through the
 * options' lookup (the keyring), as the bundle's dossier.json carries them.
 *
 * Returns: (transfer full): the copy
 */
HabDossier *
hab_bundle_dup_dossier (HabDossier               *dossier,
                        const HabDocumentOptions *options)
{
  g_autoptr(GError) error = NULL;
  JsonObject *actors;
  HabDossier *copy;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  copy = copy_dossier (dossier, &error);
  if (copy == NULL)
    {
      /* The dossier was read from JSON we wrote: it always reads back. */
      g_critical ("Could not copy the dossier: %s", error->message);
      return g_object_ref (dossier);
    }

  actors = hab_dossier_get_object (copy, "actors");
  if (actors == NULL || options == NULL || options->contact_lookup == NULL)
    return copy;

  {
    g_autoptr(GList) roles = json_object_get_members (actors);

    for (GList *l = roles; l != NULL; l = l->next)
      {
        const char *role = l->data;
        g_autoptr(HabContact) inline_card = hab_dossier_dup_inline_contact (copy, role);
        g_autoptr(HabContact) card = NULL;
        g_autofree char *path = NULL;

        if (inline_card != NULL)
          continue;

        card = hab_documents_dup_contact (copy, role, options);
        if (card == NULL)
          continue;

        /* The actor has the contact_id already. */
        g_clear_pointer (&card->contact_id, g_free);
        path = g_strdup_printf ("actors.%s.contact", role);
        hab_dossier_set_node (copy, path, hab_contact_to_json (card));
      }
  }

  return copy;
}

/* The ZIP */

typedef struct
{
  char  *name;
  char  *sha256;
} Written;

static void
written_free (Written *written)
{
  g_free (written->name);
  g_free (written->sha256);
  g_free (written);
}

typedef struct
{
  const HabArchive *la;        /* libarchive's functions */
  struct archive   *archive;
  GByteArray       *bytes;
  GPtrArray        *written;   /* Written, for SHA256SUMS */
  gint64            mtime;
} Zip;

static la_ssize_t
zip_write_cb (struct archive *archive,
              void           *client_data,
              const void     *buffer,
              size_t          length)
{
  Zip *zip = client_data;

  g_byte_array_append (zip->bytes, buffer, length);
  return (la_ssize_t) length;
}

static void
set_archive_error (Zip         *zip,
                   const char  *name,
                   GError     **error)
{
  g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_FAILED,
               /* Translators: the file in the bundle, then libarchive's reason */
               _("“%s” could not be added to the bundle: %s"),
               name, zip->la->error_string (zip->archive)
                       ? zip->la->error_string (zip->archive)
                       : g_strerror (zip->la->error_number (zip->archive)));
}

static gboolean
zip_begin_entry (Zip         *zip,
                 const char  *name,
                 gint64       size,
                 GError     **error)
{
  struct archive_entry *entry = NULL;
  int status;

  /* PDFs are compressed inside already: deflating them again costs more
   * than it saves (about a tenth). The rest is text, deflated. */
  if (g_str_has_suffix (name, ".pdf"))
    status = zip->la->write_zip_set_compression_store (zip->archive);
  else
    status = zip->la->write_zip_set_compression_deflate (zip->archive);
  if (status != ARCHIVE_OK)
    {
      set_archive_error (zip, name, error);
      return FALSE;
    }

  entry = zip->la->entry_new ();

  /* Fixed metadata: only the name and the size vary. */
  zip->la->entry_set_pathname_utf8 (entry, name);
  zip->la->entry_set_filetype (entry, AE_IFREG);
  zip->la->entry_set_perm (entry, ENTRY_MODE);
  zip->la->entry_set_size (entry, size);
  zip->la->entry_set_mtime (entry, (time_t) zip->mtime, 0);
  zip->la->entry_set_uid (entry, 0);
  zip->la->entry_set_gid (entry, 0);

  status = zip->la->write_header (zip->archive, entry);
  zip->la->entry_free (entry);

  if (status != ARCHIVE_OK)
    {
      set_archive_error (zip, name, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
zip_write (Zip           *zip,
           const char    *name,
           gconstpointer  data,
           gsize          length,
           GError       **error)
{
  const guchar *p = data;

  while (length > 0)
    {
      la_ssize_t n = zip->la->write_data (zip->archive, p, MIN (length, (gsize) READ_CHUNK));

      if (n <= 0)
        {
          set_archive_error (zip, name, error);
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static void
zip_record (Zip        *zip,
            const char *name,
            const char *sha256)
{
  Written *written = g_new0 (Written, 1);

  written->name = g_strdup (name);
  written->sha256 = g_strdup (sha256);
  g_ptr_array_add (zip->written, written);
}

/* @sha256: the bytes' SHA-256 when already known (made alongside them in
 * another thread), or NULL */
static gboolean
zip_add_bytes (Zip         *zip,
               const char  *name,
               GBytes      *bytes,
               const char  *sha256,
               GError     **error)
{
  g_autofree char *computed = sha256 ? NULL : hab_sha256_hex_bytes (bytes);
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  if (!zip_begin_entry (zip, name, (gint64) length, error)
      || !zip_write (zip, name, data, length, error))
    return FALSE;

  if (zip->la->write_finish_entry (zip->archive) != ARCHIVE_OK)
    {
      set_archive_error (zip, name, error);
      return FALSE;
    }

  zip_record (zip, name, sha256 ? sha256 : computed);
  return TRUE;
}

/* ZIP stores local time: libarchive takes it from the machine's time zone.
 * For the same bytes everywhere, every header gets the UTC time instead, as
 * reproducible archives do (the extended timestamp keeps the exact time). */
static void
put_le16 (guint8 *p,
          guint   value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
}

static guint
get_le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
get_le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static void
fix_dos_times (GByteArray *bytes,
               gint64      mtime)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (MAX (mtime, ZIP_EPOCH));
  guint8 *data = bytes->data;
  gsize length = bytes->len;
  guint dos_time, dos_date, n_entries;
  gsize eocd, offset;
  guint32 cd_offset;

  dos_time = (g_date_time_get_hour (date) << 11) | (g_date_time_get_minute (date) << 5)
             | (g_date_time_get_second (date) / 2);
  dos_date = ((g_date_time_get_year (date) - 1980) << 9) | (g_date_time_get_month (date) << 5)
             | g_date_time_get_day_of_month (date);

  /* The end of central directory record: 22 bytes, then no comment. */
  if (length < 22)
    return;
  eocd = length - 22;
  if (get_le32 (data + eocd) != 0x06054b50)
    return;

  n_entries = get_le16 (data + eocd + 10);
  cd_offset = get_le32 (data + eocd + 16);
  offset = cd_offset;

  for (guint i = 0; i < n_entries; i++)
    {
      guint32 local;

      if (offset + 46 > eocd || get_le32 (data + offset) != 0x02014b50)
        return;

      put_le16 (data + offset + 12, dos_time);
      put_le16 (data + offset + 14, dos_date);

      local = get_le32 (data + offset + 42);
      if ((gsize) local + 30 <= cd_offset && get_le32 (data + local) == 0x04034b50)
        {
          put_le16 (data + local + 10, dos_time);
          put_le16 (data + local + 12, dos_date);
        }

      offset += 46 + get_le16 (data + offset + 28) + get_le16 (data + offset + 30)
                + get_le16 (data + offset + 32);
    }
}

/* The time of every entry: the dossier's last change. */
static gint64
dossier_mtime (HabDossier *dossier)
{
  static const char *const members[] = { "modified", "created" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *value = hab_dossier_get_string (dossier, members[i]);
      g_autoptr(GDateTime) date = value ? g_date_time_new_from_iso8601 (value, NULL) : NULL;

      if (date != NULL)
        return MAX (g_date_time_to_unix (date), ZIP_EPOCH);
    }

  return ZIP_EPOCH;
}

/* Export steps */

typedef struct
{
  HabBundleProgressFunc  func;
  gpointer               data;
  guint                  done;
  guint                  total;
} Progress;

static void
progress_step (Progress   *progress,
               const char *message)
{
  if (progress->func != NULL)
    progress->func (progress->total > 0 ? (double) progress->done / progress->total : 0,
                    message, progress->data);
  progress->done++;
}

static const char *
piece_display_name (HabPiece *piece)
{
  const char *name = hab_json_object_get_string (json_node_get_object (piece->attachment), "name");

  return name ? name : piece->bundle_name + strlen ("pieces/");
}

/* Every attached file is there with the bytes that were attached. */
static gboolean
check_pieces (HabDossier  *dossier,
              GPtrArray   *pieces,
              GError     **error)
{
  GFile *dossier_file = hab_dossier_get_file (dossier);

  for (guint i = 0; i < pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, i);
      g_autoptr(GFile) file = hab_attachment_resolve (piece->attachment, dossier_file);
      g_autofree char *where = file ? g_file_get_parse_name (file) : NULL;

      /* Its bytes are checked as they are copied (zip_add_piece()): read
       * once, not twice. */
      switch (hab_attachment_check_size (piece->attachment, dossier_file))
        {
        case HAB_ATTACHMENT_OK:
          break;

        case HAB_ATTACHMENT_MISSING:
          if (where == NULL)
            g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT,
                         /* Translators: an attached file, then its field in the dossier */
                         _("The attached file “%s” (%s) cannot be found: save the dossier next "
                           "to its documents, or attach the file again"),
                         piece_display_name (piece), piece->field);
          else
            g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT,
                         /* Translators: an attached file, its field in the dossier, then the path
                          * where it should be */
                         _("The attached file “%s” (%s) is missing from %s: put it back, or "
                           "attach it again"),
                         piece_display_name (piece), piece->field, where);
          return FALSE;

        case HAB_ATTACHMENT_CHANGED:
        default:
          g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT,
                       /* Translators: an attached file, its field in the dossier, then its path */
                       _("The attached file “%s” (%s) changed since it was attached (%s): check it, "
                         "then attach it again"),
                       piece_display_name (piece), piece->field, where ? where : "—");
          return FALSE;
        }
    }

  return TRUE;
}

/* Copies an attached file into the ZIP, checking on the way that its bytes
 * are still the ones attached. */
static gboolean
zip_add_piece (Zip           *zip,
               HabDossier    *dossier,
               HabPiece      *piece,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) file = hab_attachment_resolve (piece->attachment, hab_dossier_get_file (dossier));
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guchar *buffer = g_malloc (READ_CHUNK);
  g_autofree char *sha256 = NULL;
  const char *expected;
  HabSha256 checksum;
  gint64 size, copied = 0;
  gssize n;

  if (file == NULL
      || (info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                    cancellable, &local_error)) == NULL
      || (stream = g_file_read (file, cancellable, &local_error)) == NULL)
    {
      g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT,
                   /* Translators: an attached file, then the system's reason */
                   _("The attached file “%s” cannot be read: %s"),
                   piece_display_name (piece),
                   local_error ? local_error->message : _("it cannot be found"));
      return FALSE;
    }

  size = g_file_info_get_size (info);
  hab_sha256_init (&checksum);
  if (!zip_begin_entry (zip, piece->bundle_name, size, error))
    return FALSE;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, READ_CHUNK, cancellable,
                                   &local_error)) > 0)
    {
      copied += n;
      if (copied > size)
        break;
      hab_sha256_update (&checksum, buffer, n);
      if (!zip_write (zip, piece->bundle_name, buffer, n, error))
        return FALSE;
    }

  if (n < 0)
    {
      g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT,
                   _("The attached file “%s” cannot be read: %s"),
                   piece_display_name (piece), local_error->message);
      return FALSE;
    }

  expected = hab_json_object_get_string (json_node_get_object (piece->attachment), "sha256");
  sha256 = hab_sha256_finish_hex (&checksum);
  if (copied != size || (expected != NULL && g_ascii_strcasecmp (expected, sha256) != 0))
    {
      g_autofree char *where = g_file_get_parse_name (file);

      g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_ATTACHMENT,
                   /* Translators: an attached file, its field in the dossier, then its path */
                   _("The attached file “%s” (%s) changed since it was attached (%s): check it, "
                     "then attach it again"),
                   piece_display_name (piece), piece->field, where);
      return FALSE;
    }

  if (zip->la->write_finish_entry (zip->archive) != ARCHIVE_OK)
    {
      set_archive_error (zip, piece->bundle_name, error);
      return FALSE;
    }

  zip_record (zip, piece->bundle_name, sha256);
  return TRUE;
}

/* The dossier.json of the bundle: the export copy, its attachments found
 * in pieces/, next to it. */
static GBytes *
bundle_dossier_json (HabDossier  *dossier,
                     GPtrArray   *pieces,
                     GError     **error)
{
  g_autoptr(HabDossier) copy = copy_dossier (dossier, error);
  char *data;
  gsize length;

  if (copy == NULL)
    return NULL;

  for (guint i = 0; i < pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, i);
      JsonNode *node = hab_dossier_lookup (copy, piece->field);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        json_object_set_string_member (json_node_get_object (node), "path", piece->bundle_name);
    }

  data = hab_dossier_to_data (copy, &length);
  return g_bytes_new_take (data, length);
}

static GBytes *
sums_bytes (Zip *zip)
{
  GString *sums = g_string_new (NULL);
  gsize length;

  for (guint i = 0; i < zip->written->len; i++)
    {
      Written *written = g_ptr_array_index (zip->written, i);

      /* Two spaces: the text mode line of sha256sum. */
      g_string_append_printf (sums, "%s  %s\n", written->sha256, written->name);
    }

  length = sums->len;
  return g_bytes_new_take (g_string_free (sums, FALSE), length);
}

/* The findings of an export copy, whose cards are inline. */
static GPtrArray *
validate_copy (HabDossier               *dossier,
               const HabDocumentOptions *options)
{
  g_autoptr(HabValidator) validator = hab_validator_new (options->catalogue);

  if (g_date_valid (&options->today))
    hab_validator_set_today (validator, &options->today);

  return hab_validator_validate (validator, dossier);
}

/* FALSE with @error set when errors remain and the export is not a draft. */
static gboolean
check_findings (GPtrArray                *findings,
                const HabDocumentOptions *options,
                GError                  **error)
{
  guint n_errors;

  hab_findings_count (findings, &n_errors, NULL, NULL);
  if (n_errors == 0 || options->draft)
    return TRUE;

  g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_HAS_ERRORS,
               g_dngettext (GETTEXT_PACKAGE,
                            "The dossier has %u error: correct it before exporting the bundle, "
                            "or export a draft",
                            "The dossier has %u errors: correct them before exporting the "
                            "bundle, or export a draft",
                            n_errors),
               n_errors);
  return FALSE;
}

/* The summary is by far the longest document to make (the others are a
 * page each): it is made in a thread of its own, started as soon as the
 * export copy is, while the calling thread checks the attached files,
 * validates and makes the other documents. The thread lays out the
 * summary's steps while the calling thread validates, then its
 * introduction and its findings with the findings handed over. It reads
 * its own copy of the dossier (json-glib's objects are not to be shared
 * between threads) and lays out with its own font map (hab-pdf.c keeps one
 * per thread). It hands the summary over as soon as it is drawn, and lets
 * go of what it made afterwards. */
typedef struct
{
  GThread            *thread;
  char               *data;       /* the dossier, as JSON */
  gsize               length;
  GFile              *file;
  HabDocumentOptions  options;

  GMutex              lock;
  GCond               cond;
  GPtrArray          *findings;   /* handed over by the caller */
  gboolean            stop;       /* the caller gave up: no summary to make */
  gboolean            done;       /* content and sha256, or error set */
  GBytes             *content;
  char               *sha256;     /* of the content, for SHA256SUMS */
  GError             *error;
} SummaryJob;

/* The findings, once the caller has them; NULL when it gave up. */
static GPtrArray *
summary_job_wait_for_findings (SummaryJob *job)
{
  GPtrArray *findings;

  g_mutex_lock (&job->lock);
  while (job->findings == NULL && !job->stop)
    g_cond_wait (&job->cond, &job->lock);
  findings = job->stop ? NULL : g_ptr_array_ref (job->findings);
  g_mutex_unlock (&job->lock);

  return findings;
}

static gpointer
summary_job_run (gpointer user_data)
{
  SummaryJob *job = user_data;
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(HabPdf) steps = NULL;
  g_autoptr(HabPdf) pdf = NULL;
  GBytes *content = NULL;
  char *sha256 = NULL;
  GError *error = NULL;

  /* While the calling thread loads the catalogue, which the steps need,
   * to validate. */
  hab_document_prepare_summary_fonts ();

  copy = hab_dossier_new_from_data (job->data, job->length, NULL, &error);
  if (copy != NULL)
    {
      hab_dossier_set_file (copy, job->file);
      steps = hab_document_lay_out_summary_steps (copy, &job->options);
      findings = summary_job_wait_for_findings (job);
      if (findings != NULL)
        {
          pdf = hab_document_lay_out_summary (copy, &job->options, findings, steps);
          content = hab_pdf_render (pdf, &error);
          if (content != NULL)
            sha256 = hab_sha256_hex_bytes (content);
        }
    }

  g_mutex_lock (&job->lock);
  job->content = content;
  job->sha256 = sha256;
  job->error = error;
  job->done = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);

  /* What the summary was made of goes once the caller has it. */
  g_clear_object (&steps);
  g_clear_object (&pdf);
  hab_pdf_release_fonts ();

  return NULL;
}

/* Waits for the thread, and frees the job. */
static void
summary_job_free (SummaryJob *job)
{
  g_mutex_lock (&job->lock);
  job->stop = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
  g_thread_join (job->thread);

  g_free (job->data);
  g_clear_object (&job->file);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_clear_pointer (&job->findings, g_ptr_array_unref);
  g_clear_pointer (&job->content, g_bytes_unref);
  g_free (job->sha256);
  g_clear_error (&job->error);
  g_free (job);
}

/* NULL when no thread could be started: then the caller makes it. */
static SummaryJob *
summary_job_start (HabDossier               *dossier,
                   const HabDocumentOptions *options)
{
  SummaryJob *job = g_new0 (SummaryJob, 1);

  job->data = hab_dossier_to_data (dossier, &job->length);
  job->file = hab_dossier_get_file (dossier) ? g_object_ref (hab_dossier_get_file (dossier)) : NULL;
  job->options = *options;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->thread = g_thread_try_new ("hab-summary", summary_job_run, job, NULL);
  if (job->thread == NULL)
    {
      g_free (job->data);
      g_clear_object (&job->file);
      g_mutex_clear (&job->lock);
      g_cond_clear (&job->cond);
      g_free (job);
      return NULL;
    }

  return job;
}

static void
summary_job_give_findings (SummaryJob *job,
                           GPtrArray  *findings)
{
  g_mutex_lock (&job->lock);
  job->findings = g_ptr_array_ref (findings);
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* Waits for the summary and its checksum. */
static GBytes *
summary_job_wait (SummaryJob  *job,
                  char       **sha256,
                  GError     **error)
{
  GBytes *content;

  g_mutex_lock (&job->lock);
  while (!job->done)
    g_cond_wait (&job->cond, &job->lock);
  content = g_steal_pointer (&job->content);
  if (content == NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  else
    *sha256 = g_steal_pointer (&job->sha256);
  g_mutex_unlock (&job->lock);

  return content;
}

static void
set_document_error (GError      **error,
                    HabDocument   document,
                    const GError *cause)
{
  g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_FAILED,
               /* Translators: a file of the bundle, then the reason */
               _("%s could not be made: %s"), hab_document_get_file_name (document),
               cause->message);
}

/* Builds the bundle from an export copy, whose cards are already inline. */
/* @summary_out: (optional): where the summary's thread is handed over once
 * the bundle is made, for the caller to join with summary_job_free() after
 * writing it: the thread lets go of the summary's layout meanwhile. */
static GBytes *
build_from_copy (HabDossier               *dossier,
                 const HabDocumentOptions *options,
                 HabBundleProgressFunc     progress_func,
                 gpointer                  progress_data,
                 GCancellable             *cancellable,
                 SummaryJob              **summary_out,
                 GError                  **error)
{
  g_autoptr(GPtrArray) pieces = hab_documents_list_pieces (dossier);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) dossier_json = NULL;
  g_autoptr(GBytes) sums = NULL;
  Progress progress = { progress_func, progress_data, 0, 0 };
  HabDocumentOptions copy_options = *options;
  GBytes *contents[HAB_N_DOCUMENTS] = { NULL };
  char *checksums[HAB_N_DOCUMENTS] = { NULL };
  SummaryJob *summary = NULL;
  Zip zip = { 0 };
  gboolean ok = FALSE;

  /* The cards are inline now. */
  copy_options.contact_lookup = NULL;
  copy_options.contact_lookup_data = NULL;

  /* The summary in a thread of its own while this one does the rest. */
  if (hab_document_applies (HAB_DOCUMENT_SUMMARY, dossier))
    summary = summary_job_start (dossier, &copy_options);

  progress.total = 2 + HAB_N_DOCUMENTS + pieces->len;
  progress_step (&progress, _("Checking the dossier…"));

  if (!check_pieces (dossier, pieces, error))
    goto out;

  findings = validate_copy (dossier, &copy_options);
  if (!check_findings (findings, &copy_options, error))
    goto out;
  if (summary != NULL)
    summary_job_give_findings (summary, findings);

  zip.bytes = bytes;
  zip.written = g_ptr_array_new_with_free_func ((GDestroyNotify) written_free);
  zip.mtime = dossier_mtime (dossier);

  dossier_json = bundle_dossier_json (dossier, pieces, error);
  if (dossier_json == NULL)
    goto out;

  for (HabDocument document = 0; document < HAB_N_DOCUMENTS; document++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *message = NULL;
      const char *name = hab_document_get_file_name (document);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      /* Translators: %s is a file of the bundle */
      message = g_strdup_printf (_("Writing %s…"), name);
      progress_step (&progress, message);

      if (!hab_document_applies (document, dossier)
          || (summary != NULL && document == HAB_DOCUMENT_SUMMARY))
        continue;

      contents[document] = hab_document_generate (document, dossier, &copy_options, findings,
                                                  &local_error);
      if (contents[document] == NULL)
        {
          set_document_error (error, document, local_error);
          goto out;
        }
      /* While the summary is still being made. */
      checksums[document] = hab_sha256_hex_bytes (contents[document]);
    }
  /* The faces and layouts this thread's documents shared. */
  hab_pdf_release_fonts ();

  /* The ZIP begins once the other documents are made, while the summary
   * still is: loading libarchive the first time (hab-archive.c) takes some
   * 2 ms, and a thread that starts while it loads waits for it. */
  zip.la = hab_archive_get (error);
  if (zip.la == NULL)
    goto out;
  zip.archive = zip.la->write_new ();
  if (zip.la->write_set_format_zip (zip.archive) != ARCHIVE_OK
      || zip.la->write_set_options (zip.archive, "zip:compression=deflate") != ARCHIVE_OK
      /* Names in UTF-8, flagged so (bit 11), whatever the locale: Windows
       * reads "Délibération.pdf" right too. */
      || zip.la->write_set_options (zip.archive, "zip:hdrcharset=UTF-8") != ARCHIVE_OK
      || zip.la->write_set_bytes_in_last_block (zip.archive, 1) != ARCHIVE_OK
      || zip.la->write_open (zip.archive, &zip, NULL, zip_write_cb, NULL) != ARCHIVE_OK)
    {
      set_archive_error (&zip, DOSSIER_ENTRY, error);
      goto out;
    }

  if (!zip_add_bytes (&zip, DOSSIER_ENTRY, dossier_json, NULL, error))
    goto out;

  /* The summary comes last, before SHA256SUMS: the rest is written while
   * its thread still makes it. */
  for (HabDocument document = 0; document < HAB_N_DOCUMENTS; document++)
    {
      if (contents[document] == NULL || document == HAB_DOCUMENT_SUMMARY)
        continue;
      if (!zip_add_bytes (&zip, hab_document_get_file_name (document), contents[document],
                          checksums[document], error))
        goto out;
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, i);
      g_autofree char *message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      /* Translators: %s is an attached file */
      message = g_strdup_printf (_("Adding %s…"), piece_display_name (piece));
      progress_step (&progress, message);

      if (!zip_add_piece (&zip, dossier, piece, cancellable, error))
        goto out;
    }

  if (summary != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      contents[HAB_DOCUMENT_SUMMARY] = summary_job_wait (summary,
                                                         &checksums[HAB_DOCUMENT_SUMMARY],
                                                         &local_error);
      if (contents[HAB_DOCUMENT_SUMMARY] == NULL)
        {
          set_document_error (error, HAB_DOCUMENT_SUMMARY, local_error);
          goto out;
        }
    }
  if (contents[HAB_DOCUMENT_SUMMARY] != NULL
      && !zip_add_bytes (&zip, hab_document_get_file_name (HAB_DOCUMENT_SUMMARY),
                         contents[HAB_DOCUMENT_SUMMARY], checksums[HAB_DOCUMENT_SUMMARY], error))
    goto out;

  sums = sums_bytes (&zip);
  if (!zip_add_bytes (&zip, SUMS_ENTRY, sums, NULL, error))
    goto out;

  if (zip.la->write_close (zip.archive) != ARCHIVE_OK)
    {
      set_archive_error (&zip, SUMS_ENTRY, error);
      goto out;
    }

  fix_dos_times (bytes, zip.mtime);
  progress_step (&progress, _("Done"));
  ok = TRUE;

out:
  /* The thread lets go of the summary's layout while the ZIP is written;
   * on an error, it stops before making it, if it can. */
  if (summary != NULL && ok && summary_out != NULL)
    *summary_out = summary;
  else if (summary != NULL)
    summary_job_free (summary);
  for (HabDocument document = 0; document < HAB_N_DOCUMENTS; document++)
    {
      g_clear_pointer (&contents[document], g_bytes_unref);
      g_free (checksums[document]);
    }

  /* On an error, the faces and layouts the documents shared. */
  hab_pdf_release_fonts ();
  if (zip.archive != NULL)
    zip.la->write_free (zip.archive);
  g_clear_pointer (&zip.written, g_ptr_array_unref);

  if (!ok)
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * hab_bundle_build:
 * @dossier: the dossier; not changed
 * @options: the date, the draft mark, the contact lookup
 * @progress: (nullable) (scope call): told how the export goes on
 *
 * Makes the bundle in memory. Refuses a dossier that still has errors
 * (%HAB_BUNDLE_ERROR_HAS_ERRORS) unless it is a draft, and stops at an
 * attached file that is missing or changed (%HAB_BUNDLE_ERROR_ATTACHMENT).
 *
 * Returns: (transfer full): the ZIP's bytes, or %NULL with @error set
 */
GBytes *
hab_bundle_build (HabDossier               *dossier,
                  const HabDocumentOptions *options,
                  HabBundleProgressFunc     progress,
                  gpointer                  progress_data,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(HabDossier) copy = NULL;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = hab_bundle_dup_dossier (dossier, options);
  return build_from_copy (copy, options, progress, progress_data, cancellable, NULL, error);
}

/* Through a temporary file that replaces @file only once complete; a
 * failed write is discarded by closing with a cancelled cancellable. */
static gboolean
write_atomically (GFile         *file,
                  GBytes        *bytes,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = g_file_get_parse_name (file);
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable,
                           &local_error);
  if (stream != NULL
      && !g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL, cancellable,
                                     &local_error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      g_clear_object (&stream);
    }

  if (stream == NULL || !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &local_error))
    {
      g_set_error (error, HAB_BUNDLE_ERROR, HAB_BUNDLE_ERROR_FAILED,
                   /* Translators: the bundle's file name, then the system's reason */
                   _("“%s” could not be written: %s"), display_name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * hab_bundle_write:
 * @file: the ZIP to write; replaced only once the bundle is complete
 *
 * Makes the bundle (see hab_bundle_build()) and writes it atomically.
 */
gboolean
hab_bundle_write (HabDossier               *dossier,
                  GFile                    *file,
                  const HabDocumentOptions *options,
                  HabBundleProgressFunc     progress,
                  gpointer                  progress_data,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SummaryJob *summary = NULL;
  gboolean written;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = hab_bundle_dup_dossier (dossier, options);
  bytes = build_from_copy (copy, options, progress, progress_data, cancellable, &summary, error);
  written = bytes != NULL && write_atomically (file, bytes, cancellable, error);
  if (summary != NULL)
    summary_job_free (summary);

  return written;
}

/* Async */

typedef struct
{
  HabDossier            *dossier;     /* the export copy: only the thread reads it */
  GFile                 *file;
  HabDocumentOptions     options;
  HabBundleProgressFunc  progress;
  gpointer               progress_data;
  GDestroyNotify         progress_data_destroy;
  GAsyncReadyCallback    callback;
  gpointer               user_data;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->dossier);
  g_clear_object (&data->file);
  g_clear_object (&data->options.catalogue);
  /* Normally done in write_ready_cb(), in the caller's context. */
  if (data->progress_data_destroy != NULL)
    data->progress_data_destroy (data->progress_data);
  g_free (data);
}

typedef struct
{
  GTask *task;
  double fraction;
  char  *message;
} ProgressUpdate;

static void
progress_update_free (ProgressUpdate *update)
{
  g_object_unref (update->task);
  g_free (update->message);
  g_free (update);
}

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;
  WriteData *data = g_task_get_task_data (update->task);

  if (!g_task_get_completed (update->task) && data->progress != NULL)
    data->progress (update->fraction, update->message, data->progress_data);

  return G_SOURCE_REMOVE;
}

/* In the thread: hands the progress over to the caller's main context. */
static void
thread_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  GTask *task = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->task = g_object_ref (task);
  update->fraction = fraction;
  update->message = g_strdup (message);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, progress_update_cb,
                              update, (GDestroyNotify) progress_update_free);
}

/* In the caller's main context: the caller's callback, then the progress
 * data are released there, not in the thread that drops the task last. */
static void
write_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  WriteData *data = g_task_get_task_data (G_TASK (result));
  GDestroyNotify destroy = data->progress_data_destroy;

  if (data->callback != NULL)
    data->callback (source, result, data->user_data);

  data->progress = NULL;
  data->progress_data_destroy = NULL;
  if (destroy != NULL)
    destroy (data->progress_data);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  SummaryJob *summary = NULL;
  GError *error = NULL;
  gboolean written;

  bytes = build_from_copy (data->dossier, &data->options, thread_progress_cb, task, cancellable,
                           &summary, &error);
  written = bytes != NULL && write_atomically (data->file, bytes, cancellable, &error);
  if (summary != NULL)
    summary_job_free (summary);
  if (!written)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * hab_bundle_write_async:
 * @dossier: the dossier; copied at once (the cards found through the
 *   options' lookup, in this thread), so that the user may go on editing
 * @progress: (nullable): called in the caller's main context
 * @progress_data_destroy: (nullable): frees @progress_data once done
 *
 * Makes and writes the bundle in a worker thread (see hab_bundle_write()).
 */
void
hab_bundle_write_async (HabDossier               *dossier,
                        GFile                    *file,
                        const HabDocumentOptions *options,
                        HabBundleProgressFunc     progress,
                        gpointer                  progress_data,
                        GDestroyNotify            progress_data_destroy,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (HAB_IS_DOSSIER (dossier));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options != NULL);

  data = g_new0 (WriteData, 1);
  data->dossier = hab_bundle_dup_dossier (dossier, options);
  data->file = g_object_ref (file);
  data->options = *options;
  data->options.contact_lookup = NULL;
  data->options.contact_lookup_data = NULL;
  data->options.catalogue = g_object_ref (options->catalogue ? options->catalogue
                                                             : hab_catalogue_get_default ());
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;
  data->callback = callback;
  data->user_data = user_data;

  task = g_task_new (NULL, cancellable, write_ready_cb, NULL);
  g_task_set_source_tag (task, hab_bundle_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
hab_bundle_write_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hab_bundle_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
