/* fuzz-common.h: what the libFuzzer harnesses share.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <glib.h>

#include "hab-catalogue.h"
#include "hab-documents.h"
#include "hab-validator.h"

/* Any warning or critical, ours, GLib's or json-glib's, is a finding: print
 * it and abort, so that libFuzzer saves the input. Debug and info messages
 * are dropped: they would only slow the fuzzer down. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;

  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  fprintf (stderr, "fuzz: a warning or critical was logged, aborting\n");
  abort ();
}

/* Once per process, before the first input: the log writer and the bundled
 * catalogue, kept for the whole run. Run with G_SLICE=always-malloc (as
 * build-aux/run-fuzz.sh does): GLib reads it before this runs, and g_slice
 * would hide a use-after-free of a JsonNode from AddressSanitizer. */
static inline void
fuzz_init (void)
{
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    fprintf (stderr, "fuzz: G_SLICE=always-malloc is not set: some memory errors go unseen\n");

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  (void) hab_catalogue_get_default ();
}

/* A fixed "today", so that a finding does not depend on the day it ran. */
static inline void
fuzz_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 15, G_DATE_JUNE, 2026);
}

/* The full validation, as the window and `habilitation-cli check` run it. */
static inline void
fuzz_validate (HabDossier *dossier)
{
  g_autoptr(HabValidator) validator = hab_validator_new (hab_catalogue_get_default ());
  g_autoptr(GPtrArray) findings = NULL;
  guint n_errors, n_warnings, n_infos;
  GDate today;

  fuzz_today (&today);
  hab_validator_set_today (validator, &today);
  findings = hab_validator_validate (validator, dossier);
  if (findings == NULL)
    abort ();
  hab_findings_count (findings, &n_errors, &n_warnings, &n_infos);

  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (finding->rule == NULL || finding->message == NULL
          || !g_utf8_validate (finding->message, -1, NULL))
        abort ();
    }
}
