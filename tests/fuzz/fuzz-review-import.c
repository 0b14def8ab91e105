/* fuzz-review-import.c: libFuzzer harness over the import of a copy the DPO
 * sends back (hab_review_merge(), as the window's “Import Review” does).
 *
 * Each input is loaded as a dossier, then:
 * - it is the returned copy, merged into the cantine example with one
 *   review (the seeds are copies of that dossier, with the same id);
 * - it is the open dossier, and the DPO's copy of it, with a review
 *   appended, is merged back into it.
 * After each merge, what the DPO page shows is computed: the status, the
 * changes since each review, the differences described.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "hab-dossier.h"
#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-review.h"

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The base dossier, saved: loaded again for every input, as merging edits it. */
static char *base_data;
static gsize base_length;

static GDateTime *
review_date (void)
{
  return g_date_time_new_utc (2026, 6, 1, 10, 30, 0);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(HabDossier) base = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();

  file = g_file_new_for_path (HAB_FUZZ_SOURCE_DIR "/data/examples/cantine-scolaire-bac-a-sable.habilitation");
  base = hab_dossier_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  date = review_date ();
  if (!hab_review_append (base, "Thomas Nguyen", HAB_REVIEW_DECISION_CHANGES_REQUESTED,
                          "Justifier le revenu fiscal de référence.", NULL, date, NULL, &error))
    g_error ("Cannot prepare the base dossier: %s", error->message);

  base_data = hab_dossier_to_data (base, &base_length);

  return 0;
}

static void
check_changes (GPtrArray *changes)
{
  g_autofree char *list = hab_review_describe_changes (changes, NULL);

  if (list == NULL || !g_utf8_validate (list, -1, NULL))
    abort ();
}

/* What the DPO page and the import dialog show of a merged dossier. */
static void
show_reviews (HabDossier     *dossier,
              HabMergeResult *result)
{
  g_autofree char *current = hab_fingerprint_canonical_text (dossier);
  JsonObject *latest = NULL;
  JsonArray *reviews;

  for (guint i = 0; i < result->differences->len; i++)
    {
      g_autofree char *line = hab_merge_difference_describe (g_ptr_array_index (result->differences, i));

      if (!g_utf8_validate (line, -1, NULL))
        abort ();
    }

  switch (hab_review_get_status (dossier, &latest))
    {
    case HAB_REVIEW_STATUS_NONE:
      if (latest != NULL)
        abort ();
      break;

    case HAB_REVIEW_STATUS_APPROVED:
    case HAB_REVIEW_STATUS_OUTDATED:
    case HAB_REVIEW_STATUS_CHANGES_REQUESTED:
    case HAB_REVIEW_STATUS_INVALID:
      if (latest == NULL)
        abort ();
      break;

    default:
      abort ();
    }

  reviews = hab_dossier_get_array (dossier, "dpo.reviews");
  for (guint i = 0; reviews != NULL && i < json_array_get_length (reviews); i++)
    {
      JsonNode *node = json_array_get_element (reviews, i);
      JsonObject *review;
      g_autoptr(GPtrArray) changes = NULL;
      const char *data_text;
      GDate date;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      review = json_node_get_object (node);

      (void) hab_review_parse_date (hab_json_object_get_string (review, "date"), &date);

      changes = hab_review_dup_changes (dossier, review);
      if (changes != NULL)
        check_changes (changes);

      /* The diff of data texts, on whatever text the file holds, even one
       * that does not match its fingerprint. */
      data_text = hab_json_object_get_string (review, HAB_REVIEW_DATA_TEXT_MEMBER);
      if (data_text != NULL)
        {
          g_autoptr(GPtrArray) diff = hab_review_diff_data_texts (data_text, current);

          if (diff != NULL)
            check_changes (diff);
        }
    }
}

/* A merge either fails with a reason, and leaves the dossier as it was, or
 * succeeds; then the result is shown. */
static void
merge (HabDossier *dossier,
       HabDossier *returned)
{
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = hab_dossier_to_data (dossier, NULL);

  result = hab_review_merge (dossier, returned, "retour-dpo.habilitation", &error);
  if (result == NULL)
    {
      g_autofree char *after = hab_dossier_to_data (dossier, NULL);

      if (error == NULL || error->domain != HAB_REVIEW_ERROR || strcmp (before, after) != 0)
        abort ();
      return;
    }
  if (error != NULL)
    abort ();

  show_reviews (dossier, result);
  fuzz_validate (dossier);

  /* Merging the same copy again adds nothing. */
  {
    g_autoptr(HabMergeResult) again = hab_review_merge (dossier, returned, NULL, &error);

    if (again == NULL || again->n_added != 0)
      abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HabDossier) input = NULL;
  g_autoptr(GError) error = NULL;

  input = hab_dossier_new_from_data ((const char *) data, size, "retour-dpo.habilitation", &error);
  if (input == NULL)
    return 0;

  /* The input is the returned copy. */
  {
    g_autoptr(HabDossier) base = hab_dossier_new_from_data (base_data, base_length, "base", &error);

    if (base == NULL)
      abort ();
    merge (base, input);
  }

  /* The input is the open dossier: its copy for the DPO comes back with an
   * approval. */
  {
    g_autoptr(HabDossier) copy = hab_review_dup_dpo_copy (input, NULL, NULL);
    g_autoptr(GDateTime) date = review_date ();

    if (copy == NULL)
      abort ();
    if (hab_review_append (copy, "Thomas Nguyen", HAB_REVIEW_DECISION_APPROVED, "Conforme.",
                           NULL, date, NULL, &error))
      merge (input, copy);
    else if (error == NULL || error->domain != HAB_REVIEW_ERROR)
      abort ();
  }

  return 0;
}
