/* hab-recovery.c: recovery copies of unsaved dossiers, for after a crash.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-recovery"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-recovery.h"

/* The application autosaves each open dossier with unsaved edits to
 * $XDG_STATE_HOME/habilitation/recovery/<dossier id>.habilitation (the
 * folder is private: 0700, files 0600), and discards that copy once the
 * dossier is saved or closed cleanly. What is left there at start-up was
 * left by a crash. A copy is the dossier's JSON plus a top-level member
 * "recovery_source": the path of the dossier's own file, or null when it
 * was never saved (a URI when the file has no local UTF-8 path). */

#define RECOVERY_SUFFIX ".habilitation"

/* For a dossier whose id is not a UUID (a hand-written or damaged file),
 * the name of its copy is drawn once and kept on the object. */
#define RECOVERY_NAME_KEY "hab-recovery-name"

struct _HabRecoveryEntry
{
  GObject    parent_instance;

  GFile     *file;      /* the recovery copy */
  GFile     *source;    /* the dossier's own file, or NULL */
  char      *title;     /* project.title, or NULL when empty */
  GDateTime *modified;  /* of the copy */
};

G_DEFINE_FINAL_TYPE (HabRecoveryEntry, hab_recovery_entry, G_TYPE_OBJECT)

static void
hab_recovery_entry_finalize (GObject *object)
{
  HabRecoveryEntry *self = (HabRecoveryEntry *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->source);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (hab_recovery_entry_parent_class)->finalize (object);
}

static void
hab_recovery_entry_class_init (HabRecoveryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hab_recovery_entry_finalize;
}

static void
hab_recovery_entry_init (HabRecoveryEntry *self)
{
}

/**
 * hab_recovery_entry_get_file:
 *
 * Returns: (transfer none): the recovery copy
 */
GFile *
hab_recovery_entry_get_file (HabRecoveryEntry *self)
{
  g_return_val_if_fail (HAB_IS_RECOVERY_ENTRY (self), NULL);

  return self->file;
}

/**
 * hab_recovery_entry_get_source:
 *
 * Returns: (transfer none) (nullable): the file the dossier was loaded
 *   from or last saved to, or %NULL when it was never saved
 */
GFile *
hab_recovery_entry_get_source (HabRecoveryEntry *self)
{
  g_return_val_if_fail (HAB_IS_RECOVERY_ENTRY (self), NULL);

  return self->source;
}

/**
 * hab_recovery_entry_get_title:
 *
 * Returns: (nullable): the dossier's project.title, or %NULL when it has
 *   none
 */
const char *
hab_recovery_entry_get_title (HabRecoveryEntry *self)
{
  g_return_val_if_fail (HAB_IS_RECOVERY_ENTRY (self), NULL);

  return self->title;
}

/**
 * hab_recovery_entry_get_modified:
 *
 * Returns: (transfer none): when the copy was last written
 */
GDateTime *
hab_recovery_entry_get_modified (HabRecoveryEntry *self)
{
  g_return_val_if_fail (HAB_IS_RECOVERY_ENTRY (self), NULL);

  return self->modified;
}

/**
 * hab_recovery_get_folder:
 *
 * Returns: (transfer full): the folder of the recovery copies, which may
 *   not exist yet
 */
GFile *
hab_recovery_get_folder (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "habilitation", "recovery",
                                            NULL);

  return g_file_new_for_path (path);
}

static GFile *
recovery_file (HabDossier *dossier,
               gboolean    create)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *basename = NULL;
  const char *id = hab_dossier_get_string (dossier, "id");

  if (id != NULL && g_uuid_string_is_valid (id))
    {
      g_autofree char *lower = g_ascii_strdown (id, -1);

      basename = g_strconcat (lower, RECOVERY_SUFFIX, NULL);
    }
  else
    {
      const char *name = g_object_get_data (G_OBJECT (dossier), RECOVERY_NAME_KEY);

      if (name == NULL)
        {
          if (!create)
            return NULL;
          name = g_uuid_string_random ();
          g_object_set_data_full (G_OBJECT (dossier), RECOVERY_NAME_KEY, (gpointer) name, g_free);
        }
      basename = g_strconcat (name, RECOVERY_SUFFIX, NULL);
    }

  folder = hab_recovery_get_folder ();

  return g_file_get_child (folder, basename);
}

/* How "recovery_source" names @file: its path when it has a UTF-8 one,
 * else its URI (ASCII). */
static char *
source_to_string (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL && g_utf8_validate (path, -1, NULL))
    return g_steal_pointer (&path);

  return g_file_get_uri (file);
}

static GFile *
source_from_string (const char *source)
{
  if (source == NULL || *source == '\0')
    return NULL;

  if (g_path_is_absolute (source))
    return g_file_new_for_path (source);

  if (g_uri_peek_scheme (source) != NULL)
    return g_file_new_for_uri (source);

  return NULL;
}

/* As in hab-dossier.c: not g_file_replace_contents(), which on a failed
 * write (disk full) still closes the stream normally and so renames the
 * partial temporary file over the previous copy. Closing with a cancelled
 * cancellable discards it instead. No backup: the copy is a backup. */
static gboolean
write_atomically (GFile         *file,
                  const char    *data,
                  gsize          length,
                  GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  gsize written = 0;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, &written, NULL, error))
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/* The dossier's text with "recovery_source" added, leaving the dossier
 * itself untouched: its tree is serialised, parsed again and edited. */
static char *
recovery_data (HabDossier  *dossier,
               gsize       *length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  GFile *source = hab_dossier_get_file (dossier);
  JsonObject *root;
  gsize data_length = 0;

  data = hab_dossier_to_data (dossier, &data_length);
  if (!json_parser_load_from_data (parser, data, (gssize) data_length, error))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));
  if (source != NULL)
    {
      g_autofree char *text = source_to_string (source);

      json_object_set_string_member (root, HAB_RECOVERY_SOURCE_MEMBER, text);
    }
  else
    json_object_set_null_member (root, HAB_RECOVERY_SOURCE_MEMBER);

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, length);
}

/**
 * hab_recovery_save:
 * @dossier: an open dossier
 * @error: a #GError in the %G_IO_ERROR domain
 *
 * Writes the recovery copy of @dossier, atomically: the previous copy is
 * replaced only once the new one is complete. @dossier is not changed.
 *
 * Returns: %TRUE on success
 */
gboolean
hab_recovery_save (HabDossier  *dossier,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = recovery_file (dossier, TRUE);
  display_name = g_file_get_parse_name (file);

  folder = g_file_get_parent (file);
  folder_path = g_file_get_path (folder);
  if (g_mkdir_with_parents (folder_path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a file name, then the system's reason */
                   _("The recovery copy “%s” could not be written: %s"),
                   display_name, g_strerror (saved_errno));
      return FALSE;
    }

  data = recovery_data (dossier, &length, &local_error);
  if (data == NULL || !write_atomically (file, data, length, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The recovery copy “%s” could not be written: %s"),
                   display_name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * hab_recovery_discard:
 * @dossier: a dossier
 *
 * Deletes the recovery copy of @dossier, if there is one: after a
 * successful save, or when it is closed without a crash.
 */
void
hab_recovery_discard (HabDossier *dossier)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HAB_IS_DOSSIER (dossier));

  file = recovery_file (dossier, FALSE);
  if (file == NULL)
    return;

  if (!g_file_delete (file, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_autofree char *display_name = g_file_get_parse_name (file);

      g_warning ("Cannot delete the recovery copy “%s”: %s", display_name, error->message);
    }
}

/* An entry for the copy @file, or NULL (and why, in @error) when it cannot
 * be read or is not a dossier. */
static HabRecoveryEntry *
load_entry (GFile      *file,
            GFileInfo  *info,
            GError    **error)
{
  g_autoptr(HabRecoveryEntry) entry = NULL;
  g_autoptr(HabDossier) dossier = NULL;
  g_autofree char *display_name = g_file_get_parse_name (file);
  g_autofree char *contents = NULL;
  const char *title;
  gsize length = 0;

  if (g_file_info_get_size (info) > HAB_DOSSIER_MAX_SIZE)
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_TOO_LARGE,
                   "“%s” is too large", display_name);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  dossier = hab_dossier_new_from_data (contents, length, display_name, error);
  if (dossier == NULL)
    return NULL;

  entry = g_object_new (HAB_TYPE_RECOVERY_ENTRY, NULL);
  entry->file = g_object_ref (file);
  entry->source = source_from_string (hab_dossier_get_string (dossier, HAB_RECOVERY_SOURCE_MEMBER));
  title = hab_dossier_get_string (dossier, "project.title");
  entry->title = title != NULL && *title != '\0' ? g_strdup (title) : NULL;
  entry->modified = g_file_info_get_modification_date_time (info);
  if (entry->modified == NULL)
    entry->modified = g_date_time_new_from_unix_utc (0);

  return g_steal_pointer (&entry);
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  HabRecoveryEntry *entry_a = *(HabRecoveryEntry **) a;
  HabRecoveryEntry *entry_b = *(HabRecoveryEntry **) b;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  gint order = g_date_time_compare (entry_b->modified, entry_a->modified);

  if (order != 0)
    return order;

  /* Same time: a stable order all the same. */
  name_a = g_file_get_basename (entry_a->file);
  name_b = g_file_get_basename (entry_b->file);

  return strcmp (name_a, name_b);
}

/**
 * hab_recovery_list:
 *
 * Lists the recovery copies, newest first. Files that cannot be read or
 * are not dossiers are skipped, and left where they are.
 *
 * Returns: (transfer container) (element-type HabRecoveryEntry): the
 *   entries, maybe none
 */
GPtrArray *
hab_recovery_list (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) folder = hab_recovery_get_folder ();
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_debug ("Cannot list the recovery copies: %s", error->message);
      return entries;
    }

  for (;;)
    {
      g_autoptr(HabRecoveryEntry) entry = NULL;
      g_autoptr(GError) entry_error = NULL;
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, &error))
        {
          g_debug ("Cannot list the recovery copies: %s", error->message);
          break;
        }
      if (info == NULL)
        break;

      /* Skips the temporary files of a write in progress, and links. */
      name = g_file_info_get_name (info);
      if (name[0] == '.' || !g_str_has_suffix (name, RECOVERY_SUFFIX)
          || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;

      entry = load_entry (child, info, &entry_error);
      if (entry == NULL)
        {
          g_debug ("Skipping recovery copy: %s", entry_error->message);
          continue;
        }

      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  g_ptr_array_sort (entries, compare_newest_first);

  return entries;
}

/**
 * hab_recovery_load:
 * @entry: an entry of hab_recovery_list()
 * @error: a #GError in the %HAB_DOSSIER_ERROR domain
 *
 * Loads the dossier of a recovery copy, without its "recovery_source"
 * member. Its file is not set: hab_recovery_entry_get_source() says where
 * it was saved, if it ever was. The copy itself is left in place.
 *
 * Returns: (transfer full) (nullable): the dossier, or %NULL with @error
 *   set
 */
HabDossier *
hab_recovery_load (HabRecoveryEntry  *entry,
                   GError           **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  HabDossier *dossier;
  gsize length = 0;

  g_return_val_if_fail (HAB_IS_RECOVERY_ENTRY (entry), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_parse_name (entry->file);

  if (!g_file_load_contents (entry->file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_READ,
                   /* Translators: %s is a file name, then the system's reason */
                   _("“%s” cannot be read: %s"), display_name, local_error->message);
      return NULL;
    }

  dossier = hab_dossier_new_from_data (contents, length, display_name, error);
  if (dossier == NULL)
    return NULL;

  hab_dossier_remove (dossier, HAB_RECOVERY_SOURCE_MEMBER);

  return dossier;
}
