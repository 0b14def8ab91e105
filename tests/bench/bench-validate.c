/* bench-validate.c: how long a full validation takes, against a frame.
 *
 * Not part of the test suite (no timing threshold belongs in a test): run
 *   meson compile -C _build bench-validate && _build/tests/bench/bench-validate [FILE…]
 * With no file it measures the bundled examples and a stress dossier it
 * writes into a temporary folder: every scope of API Impôt particulier
 * ticked, long texts and ten attachments.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <string.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "hab-catalogue.h"
#include "hab-validator.h"

#define FRAME_US (1000000.0 / 60.0)

/* Median of @rounds rounds of @iterations calls, in µs per call. */
static double
measure_validation (HabValidator *validator,
                    HabDossier   *dossier,
                    guint         rounds,
                    guint         iterations)
{
  g_autofree double *samples = g_new (double, rounds);

  for (guint r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < iterations; i++)
        g_ptr_array_unref (hab_validator_validate (validator, dossier));

      samples[r] = (double) (g_get_monotonic_time () - start) / iterations;
    }

  return bench_median (samples, rounds);
}

static double
measure_load (GFile *file,
              guint  iterations)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < iterations; i++)
    g_object_unref (hab_dossier_new_from_file (file, NULL, NULL));

  return (double) (g_get_monotonic_time () - start) / iterations;
}

/* Atomic saves into @dir, in µs per save. */
static double
measure_save (HabDossier *dossier,
              const char *dir,
              guint       iterations)
{
  g_autofree char *path = g_build_filename (dir, "saved.habilitation", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!hab_dossier_save (dossier, file, NULL, &error))
        g_error ("%s", error->message);
    }

  return (double) (g_get_monotonic_time () - start) / iterations;
}

static char *
long_text (const char *word,
           gsize       length)
{
  GString *text = g_string_sized_new (length + 64);

  while (text->len < length)
    g_string_append_printf (text, "%s %u, ", word, (guint) text->len);

  return g_string_free (text, FALSE);
}

/* The stress dossier: the crèche example with every scope of its API ticked,
 * long texts and ten 64 KiB attachments, written into @dir. */
static char *
write_stress_dossier (const char *dir)
{
  g_autofree char *base = g_build_filename (SOURCE_DIR, "data", "examples",
                                            "creche-production-editeur.habilitation", NULL);
  g_autoptr(GFile) base_file = g_file_new_for_path (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (base_file, NULL, &error);
  g_autofree char *pieces = g_build_filename (dir, "pieces", NULL);
  g_autofree char *path = g_build_filename (dir, "stress.habilitation", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const HabApi *api;
  JsonArray *documents = json_array_new ();
  JsonNode *node;
  static const char *const texts[] = {
    "project.description", "project.objective", "project.data_usage",
    "data.recipients", "data.access", "data.retention_justification",
    "legal.nature", "security.calls_justification",
  };

  if (dossier == NULL)
    g_error ("%s", error->message);

  api = hab_catalogue_lookup_api (hab_catalogue_get_default (),
                                  hab_dossier_get_string (dossier, "parcours.api"));
  for (guint i = 0; i < api->scopes->len; i++)
    {
      const HabScope *scope = g_ptr_array_index (api->scopes, i);
      g_autofree char *purpose = long_text ("Finalité de la donnée", 200);

      hab_dossier_set_scope (dossier, scope->key, purpose);
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = long_text ("Texte long du dossier", 4000);

      hab_dossier_set_string (dossier, texts[i], text);
    }

  g_mkdir_with_parents (pieces, 0700);
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("piece-%02u.pdf", i);
      g_autofree char *piece = g_build_filename (pieces, name, NULL);
      g_autofree char *relative = g_strdup_printf ("pieces/%s", name);
      g_autofree char *content = g_malloc (64 * 1024);
      g_autofree char *sha256 = NULL;
      JsonObject *document = json_object_new ();

      memset (content, 'a' + i, 64 * 1024);
      memcpy (content, "%PDF-1.4\n", 9);
      if (!g_file_set_contents (piece, content, 64 * 1024, &error))
        g_error ("%s", error->message);
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, 64 * 1024);

      json_object_set_string_member (document, "name", name);
      json_object_set_string_member (document, "path", relative);
      json_object_set_string_member (document, "sha256", sha256);
      json_object_set_int_member (document, "size", 64 * 1024);
      json_object_set_string_member (document, "media_type", "application/pdf");
      json_array_add_object_element (documents, document);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, documents);
  hab_dossier_set_node (dossier, "legal.documents", node);

  if (!hab_dossier_save (dossier, file, NULL, &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&path);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = bench_dossier_paths (argc, argv);
  g_autoptr(HabValidator) validator = NULL;
  g_autoptr(GError) tmp_error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("hab-bench-XXXXXX", &tmp_error);
  GDate today;

  if (tmp == NULL)
    g_error ("%s", tmp_error->message);

  if (argc <= 1)
    g_ptr_array_add (paths, write_stress_dossier (tmp));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  validator = hab_validator_new (NULL);
  hab_validator_set_today (validator, &today);

  g_print ("%-44s %10s %10s %12s %10s %10s\n", "dossier", "findings", "us/valid.", "frame share",
           "us/load", "us/save");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);
      g_autoptr(GPtrArray) findings = NULL;
      g_autofree char *name = g_path_get_basename (path);
      double us, load_us, save_us;

      if (dossier == NULL)
        {
          g_printerr ("%s\n", error->message);
          remove_tree (tmp);
          return 2;
        }

      /* Warm up: the first run fills the attachment hash cache. */
      findings = hab_validator_validate (validator, dossier);
      us = measure_validation (validator, dossier, 21, 2000);
      load_us = measure_load (file, 200);
      save_us = measure_save (dossier, tmp, 200);

      g_print ("%-44s %10u %10.2f %11.3f%% %10.1f %10.1f\n", name, findings->len, us,
               100.0 * us / FRAME_US, load_us, save_us);
    }

  g_print ("\nA frame is %.0f us at 60 Hz; the target is a full validation under 1%% of it "
           "(%.0f us),\nand a load or a save of an example under 5 ms.\n", FRAME_US, FRAME_US / 100.0);

  remove_tree (tmp);
  return 0;
}
