/* bench-validate.c: how long a full validation takes, against a frame.
 *
 * Not part of the test suite (no timing threshold belongs in a test): run
 *   meson compile -C _build bench-validate && _build/tests/bench/bench-validate [FILE…]
 * With no file it measures the bundled examples.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "hab-validator.h"

#define FRAME_US (1000000.0 / 60.0)

static const char *const default_examples[] = {
  "cantine-scolaire-bac-a-sable.habilitation",
  "creche-production-editeur.habilitation",
  "ordonnateur-r2p-interne.habilitation",
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

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

  qsort (samples, rounds, sizeof (double), compare_doubles);
  return samples[rounds / 2];
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HabValidator) validator = NULL;
  GDate today;

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      g_ptr_array_add (paths, g_strdup (argv[i]));
  else
    for (guint i = 0; i < G_N_ELEMENTS (default_examples); i++)
      g_ptr_array_add (paths, g_build_filename (SOURCE_DIR, "data", "examples",
                                                default_examples[i], NULL));

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 27, 11, 2026);
  validator = hab_validator_new (NULL);
  hab_validator_set_today (validator, &today);

  g_print ("%-44s %10s %10s %12s %10s\n", "dossier", "findings", "us/valid.", "frame share", "us/load");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(HabDossier) dossier = hab_dossier_new_from_file (file, NULL, &error);
      g_autoptr(GPtrArray) findings = NULL;
      g_autofree char *name = g_path_get_basename (path);
      double us, load_us;

      if (dossier == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }

      /* Warm up: the first run fills the attachment hash cache. */
      findings = hab_validator_validate (validator, dossier);
      us = measure_validation (validator, dossier, 21, 2000);
      load_us = measure_load (file, 200);

      g_print ("%-44s %10u %10.2f %11.3f%% %10.1f\n", name, findings->len, us,
               100.0 * us / FRAME_US, load_us);
    }

  g_print ("\nA frame is %.0f us at 60 Hz; the target is a full validation under 1%% of it "
           "(%.0f us).\n", FRAME_US, FRAME_US / 100.0);

  return 0;
}
