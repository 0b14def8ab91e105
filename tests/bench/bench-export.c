/* bench-export.c: an export inside a running process, as the application
 * makes it (tests/bench/run.sh measures the command line, process start
 * included, against zip -X).
 *
 * Not part of the test suite (no timing threshold belongs in a test): run
 *   meson compile -C _build bench-export && _build/tests/bench/bench-export [FILE…]
 * For each dossier (by default the bundled examples), in this one process:
 * the first export, then the median of the next ROUNDS (9), each written
 * atomically to a temporary folder. Every export
 * reads the faces again in the threads that lay the documents out (the
 * font maps are let go at the end of a bundle), so the two differ by what
 * the process keeps: fontconfig's set-up, cairo's faces and glyphs.
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
#include "hab-bundle.h"

#define ROUNDS 9

/* One export of @dossier, written to @bundle, in ms. */
static double
export_once (HabDossier *dossier,
             GFile      *bundle)
{
  g_autoptr(GError) error = NULL;
  HabDocumentOptions options;
  gint64 start;

  hab_document_options_init (&options);
  g_date_set_dmy (&options.today, 27, 11, 2026);

  g_file_delete (bundle, NULL, NULL);
  start = g_get_monotonic_time ();
  if (!hab_bundle_write (dossier, bundle, &options, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = bench_dossier_paths (argc, argv);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hab-bench-export-XXXXXX", &error);
  g_autofree char *bundle_path = NULL;
  g_autoptr(GFile) bundle = NULL;

  if (dir == NULL)
    g_error ("%s", error->message);
  bundle_path = g_build_filename (dir, "bundle.zip", NULL);
  bundle = g_file_new_for_path (bundle_path);

  g_print ("%-44s %14s %14s\n", "dossier", "first (ms)", "next (ms)");
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) load_error = NULL;
      g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &load_error);
      g_autofree char *name = g_path_get_basename (path);
      double samples[ROUNDS];
      double first;

      if (dossier == NULL)
        g_error ("%s", load_error->message);

      first = export_once (dossier, bundle);
      for (guint r = 0; r < ROUNDS; r++)
        samples[r] = export_once (dossier, bundle);

      if (g_str_has_suffix (name, ".habilitation"))
        name[strlen (name) - strlen (".habilitation")] = '\0';
      g_print ("%-44s %14.2f %14.2f\n", name, first, bench_median (samples, ROUNDS));
    }

  g_file_delete (bundle, NULL, NULL);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
