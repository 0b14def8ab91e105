/* bench-common.h: what the benchmark programs share.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>

#include <glib.h>

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @samples and returns their median. */
static inline double
bench_median (double *samples,
              guint   n)
{
  qsort (samples, n, sizeof (double), bench_compare_doubles);
  return samples[n / 2];
}

/* The dossiers named on the command line, or the bundled examples. */
static inline GPtrArray *
bench_dossier_paths (int    argc,
                     char **argv)
{
  static const char *const examples[] = {
    "cantine-scolaire-bac-a-sable.habilitation",
    "creche-production-editeur.habilitation",
    "ordonnateur-r2p-interne.habilitation",
  };
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      g_ptr_array_add (paths, g_strdup (argv[i]));
  else
    for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
      g_ptr_array_add (paths, g_build_filename (SOURCE_DIR, "data", "examples", examples[i], NULL));

  return paths;
}
