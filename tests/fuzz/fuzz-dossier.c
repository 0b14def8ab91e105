/* fuzz-dossier.c: libFuzzer harness over the dossier loader and everything
 * that reads a loaded dossier without a display: the validator, the data
 * fingerprint, the DataPass link and hand-off text, and a save/reload round
 * trip.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "hab-datapass.h"
#include "hab-datapass-text.h"
#include "hab-documents.h"
#include "hab-dossier.h"
#include "hab-fingerprint.h"

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* What the application saves of a dossier it opened, it opens again, with
 * the same data fingerprint, and saves again byte for byte the same. */
static void
check_round_trip (HabDossier *dossier,
                  const char *fingerprint)
{
  g_autoptr(HabDossier) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autofree char *fingerprint_again = NULL;
  gsize length, length_again;

  saved = hab_dossier_to_data (dossier, &length);
  reloaded = hab_dossier_new_from_data (saved, length, "saved", &error);
  if (reloaded == NULL)
    {
      fprintf (stderr, "fuzz: a saved dossier does not load again: %s\n", error->message);
      abort ();
    }

  fingerprint_again = hab_fingerprint_compute (reloaded);
  if (strcmp (fingerprint, fingerprint_again) != 0)
    {
      fprintf (stderr, "fuzz: the fingerprint changed over a save: %s, then %s\n",
               fingerprint, fingerprint_again);
      abort ();
    }

  saved_again = hab_dossier_to_data (reloaded, &length_again);
  if (length != length_again || memcmp (saved, saved_again, length) != 0)
    {
      fprintf (stderr, "fuzz: saving a reloaded dossier gives other bytes\n");
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *url = NULL;
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  HabDocumentOptions options;

  dossier = hab_dossier_new_from_data ((const char *) data, size, "fuzz.habilitation", &error);
  if (dossier == NULL)
    {
      /* A refusal always says why, in valid UTF-8. */
      if (error == NULL || error->domain != HAB_DOSSIER_ERROR
          || !g_utf8_validate (error->message, -1, NULL))
        {
          fprintf (stderr, "fuzz: refused without a dossier error: %s %d %s\n",
                   error ? g_quark_to_string (error->domain) : "(no error)",
                   error ? error->code : 0, error ? error->message : "");
          abort ();
        }
      return 0;
    }
  if (error != NULL)
    abort ();

  fuzz_validate (dossier);

  fingerprint = hab_fingerprint_compute (dossier);
  if (!hab_fingerprint_is_valid (fingerprint))
    abort ();

  url = hab_datapass_build_url (dossier, NULL, &error);
  if ((url == NULL) == (error == NULL))
    abort ();
  g_clear_error (&error);
  description = hab_datapass_build_description (dossier);

  hab_document_options_init (&options);
  fuzz_today (&options.today);
  options.draft = TRUE;
  text = hab_datapass_text_build (dossier, &options);
  pieces = hab_documents_list_pieces (dossier);

  check_round_trip (dossier, fingerprint);

  return 0;
}
