/* hab-attachment.c: files attached to a dossier (DESIGN §4).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-attachment"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-attachment.h"
#include "hab-json.h"
#include "hab-sha256.h"

/* An attachment is { "name", "path", "sha256", "size", "media_type" }:
 * "path" is relative to the dossier file's folder when the file is in that
 * folder or below it (so that a folder moved or sent whole keeps its
 * pieces), absolute otherwise; "sha256" is in lower-case hex. */

/* How many leading bytes the media type is guessed from. */
#define SNIFF_LENGTH 4096

/* A PDF starts with "%PDF-" within its first 1024 bytes (ISO 32000-1,
 * 7.5.2, as readers accept it). */
#define PDF_MAGIC        "%PDF-"
#define PDF_MAGIC_WINDOW 1024

typedef struct
{
  char   *sha256;
  guint64 size;
  guchar  head[SNIFF_LENGTH];
  gsize   head_length;
} FileDigest;

static void
file_digest_free (FileDigest *digest)
{
  g_free (digest->sha256);
  g_free (digest);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileDigest, file_digest_free)

/* Reads @file once, to its end: SHA-256, size and the first bytes. */
static gboolean
digest_file (GFile         *file,
             FileDigest    *digest,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  HabSha256 checksum;
  guchar buffer[16384];
  gssize n;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  hab_sha256_init (&checksum);
  digest->size = 0;
  digest->head_length = 0;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer,
                                   cancellable, error)) > 0)
    {
      if (digest->head_length < SNIFF_LENGTH)
        {
          gsize take = MIN ((gsize) n, SNIFF_LENGTH - digest->head_length);

          memcpy (digest->head + digest->head_length, buffer, take);
          digest->head_length += take;
        }

      hab_sha256_update (&checksum, buffer, n);
      digest->size += (guint64) n;
    }

  if (n < 0)
    return FALSE;

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return FALSE;

  /* Lower-case hex. */
  digest->sha256 = hab_sha256_finish_hex (&checksum);

  return TRUE;
}

static gboolean
has_pdf_magic (const guchar *data,
               gsize         length)
{
  gsize window = MIN (length, PDF_MAGIC_WINDOW);

  for (gsize i = 0; i + strlen (PDF_MAGIC) <= window; i++)
    if (memcmp (data + i, PDF_MAGIC, strlen (PDF_MAGIC)) == 0)
      return TRUE;

  return FALSE;
}

static char *
content_type_to_media_type (const char *content_type)
{
  char *media_type = content_type ? g_content_type_get_mime_type (content_type) : NULL;

  return media_type ? media_type : g_strdup ("application/octet-stream");
}

/* The media type, from the name and the first bytes. A PDF is
 * "application/pdf" whatever its name; a file named "….pdf" that is not
 * one gets the type of its bytes, so that the validator can say so. */
static char *
guess_media_type (const char   *name,
                  const guchar *data,
                  gsize         length)
{
  g_autofree char *content_type = NULL;
  g_autofree char *media_type = NULL;

  if (has_pdf_magic (data, length))
    return g_strdup ("application/pdf");

  content_type = g_content_type_guess (name, data, length, NULL);
  media_type = content_type_to_media_type (content_type);

  if (g_strcmp0 (media_type, "application/pdf") == 0)
    {
      g_autofree char *by_data = g_content_type_guess (NULL, data, length, NULL);

      return content_type_to_media_type (by_data);
    }

  return g_steal_pointer (&media_type);
}

/* The "path" member for @file: relative to the folder of @dossier_file
 * when inside it, absolute otherwise. */
static char *
attachment_path (GFile *file,
                 GFile *dossier_file)
{
  if (dossier_file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (dossier_file);

      if (folder != NULL && g_file_has_prefix (file, folder))
        return g_file_get_relative_path (folder, file);
    }

  return g_file_get_path (file);
}

/**
 * hab_attachment_new_from_file:
 * @file: the file to attach
 * @dossier_file: (nullable): where the dossier is saved, or %NULL when it
 *   never was
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError in the %G_IO_ERROR domain
 *
 * Reads @file once and describes it as an attachment: its name (the base
 * name), its path (see above), its SHA-256, its size and its media type.
 * Refuses a folder, anything else that is not a regular file, a file that
 * cannot be read and one that is not on a local file system.
 *
 * Returns: (transfer full) (nullable): a new object node, or %NULL with
 *   @error set
 */
/**
 * hab_attachment_is_special:
 *
 * Returns: whether @file is in a kernel or device file system (/proc, /sys,
 *   /dev), where a "regular" file may never end or block on read. Such a
 *   path in a dossier is never read.
 */
gboolean
hab_attachment_is_special (GFile *file)
{
  static const char *const roots[] = { "/proc", "/sys", "/dev" };
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    if (g_str_has_prefix (path, roots[i])
        && (path[strlen (roots[i])] == '/' || path[strlen (roots[i])] == '\0'))
      return TRUE;

  return FALSE;
}

JsonNode *
hab_attachment_new_from_file (GFile         *file,
                              GFile         *dossier_file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *media_type = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FileDigest) digest = NULL;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (dossier_file == NULL || G_IS_FILE (dossier_file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_parse_name (file);

  if (hab_attachment_is_special (file))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” cannot be attached: it is not a regular file"), display_name);
      return NULL;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: %s is a file name, then the system's reason */
                   _("“%s” cannot be attached: %s"), display_name, local_error->message);
      return NULL;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” cannot be attached: it is a folder"), display_name);
      return NULL;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("“%s” cannot be attached: it is not a regular file"), display_name);
      return NULL;
    }

  path = attachment_path (file, dossier_file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” cannot be attached: it is not on this computer; copy it to a "
                     "local folder first"),
                   display_name);
      return NULL;
    }

  /* The dossier is UTF-8 JSON: a path in another encoding could not be
   * written, nor found again. */
  if (!g_utf8_validate (path, -1, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("“%s” cannot be attached: its name or folder is not valid UTF-8 "
                     "text; rename it"),
                   display_name);
      return NULL;
    }

  digest = g_new0 (FileDigest, 1);
  if (!digest_file (file, digest, cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   /* Translators: %s is a file name, then the system's reason */
                   _("“%s” cannot be read: %s"), display_name, local_error->message);
      return NULL;
    }

  name = g_file_get_basename (file);
  media_type = guess_media_type (name, digest->head, digest->head_length);

  object = json_object_new ();
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "path", path);
  json_object_set_string_member (object, "sha256", digest->sha256);
  json_object_set_int_member (object, "size", (gint64) digest->size);
  json_object_set_string_member (object, "media_type", media_type);

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return node;
}

/**
 * hab_attachment_resolve:
 * @attachment: (nullable): an attachment member of a dossier
 * @dossier_file: (nullable): where the dossier is saved
 *
 * Returns: (transfer full) (nullable): the attached file, or %NULL when
 *   @attachment is not an object with a path, or its path is relative and
 *   @dossier_file is %NULL
 */
GFile *
hab_attachment_resolve (JsonNode *attachment,
                        GFile    *dossier_file)
{
  g_autoptr(GFile) folder = NULL;
  const char *path;

  g_return_val_if_fail (dossier_file == NULL || G_IS_FILE (dossier_file), NULL);

  if (attachment == NULL || !JSON_NODE_HOLDS_OBJECT (attachment))
    return NULL;

  path = hab_json_object_get_string (json_node_get_object (attachment), "path");
  if (path == NULL || *path == '\0')
    return NULL;

  if (g_path_is_absolute (path))
    return g_file_new_for_path (path);

  if (dossier_file == NULL || (folder = g_file_get_parent (dossier_file)) == NULL)
    return NULL;

  return g_file_resolve_relative_path (folder, path);
}

/* The file of @attachment, when it is there as a regular file of the size
 * attached: the checks that do not read it. */
static HabAttachmentState
check_file (JsonNode  *attachment,
            GFile     *dossier_file,
            GFile    **file_out)
{
  g_autoptr(GFile) file = hab_attachment_resolve (attachment, dossier_file);
  g_autoptr(GFileInfo) info = NULL;
  JsonNode *size_node;

  if (file == NULL || hab_attachment_is_special (file))
    return HAB_ATTACHMENT_MISSING;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    return HAB_ATTACHMENT_MISSING;

  size_node = json_object_get_member (json_node_get_object (attachment), "size");
  if (size_node != NULL && JSON_NODE_HOLDS_VALUE (size_node)
      && json_node_get_value_type (size_node) == G_TYPE_INT64
      && json_node_get_int (size_node) != g_file_info_get_size (info))
    return HAB_ATTACHMENT_CHANGED;

  if (file_out != NULL)
    *file_out = g_steal_pointer (&file);
  return HAB_ATTACHMENT_OK;
}

/**
 * hab_attachment_check_size:
 * @attachment: (nullable): an attachment member of a dossier
 * @dossier_file: (nullable): where the dossier is saved
 *
 * As hab_attachment_check(), without reading the file: whether it is there,
 * a regular file of the size attached. For a reader that reads the file
 * through anyway and checks its SHA-256 on the way (the bundle).
 *
 * Returns: %HAB_ATTACHMENT_MISSING, %HAB_ATTACHMENT_CHANGED (another size)
 *   or %HAB_ATTACHMENT_OK
 */
HabAttachmentState
hab_attachment_check_size (JsonNode *attachment,
                           GFile    *dossier_file)
{
  return check_file (attachment, dossier_file, NULL);
}

/**
 * hab_attachment_check:
 * @attachment: (nullable): an attachment member of a dossier
 * @dossier_file: (nullable): where the dossier is saved
 *
 * Compares the file on disk with what was attached: its size first, then
 * its SHA-256 (read in full). An attachment without a "sha256" can only
 * be found changed by its size.
 *
 * Returns: %HAB_ATTACHMENT_MISSING when the file cannot be resolved, does
 *   not exist, is not a regular file or cannot be read;
 *   %HAB_ATTACHMENT_CHANGED when its bytes differ; %HAB_ATTACHMENT_OK
 */
HabAttachmentState
hab_attachment_check (JsonNode *attachment,
                      GFile    *dossier_file)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(FileDigest) digest = NULL;
  HabAttachmentState state = check_file (attachment, dossier_file, &file);
  const char *sha256;

  if (state != HAB_ATTACHMENT_OK)
    return state;

  sha256 = hab_json_object_get_string (json_node_get_object (attachment), "sha256");
  if (sha256 == NULL)
    return HAB_ATTACHMENT_OK;

  digest = g_new0 (FileDigest, 1);
  if (!digest_file (file, digest, NULL, NULL))
    return HAB_ATTACHMENT_MISSING;

  return g_ascii_strcasecmp (digest->sha256, sha256) == 0 ? HAB_ATTACHMENT_OK
                                                          : HAB_ATTACHMENT_CHANGED;
}
