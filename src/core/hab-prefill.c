/* hab-prefill.c: a dossier started from a use case, pre-filled as DataPass
 * pre-fills its forms (reference/domain.md a.5, c.1, c.2).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-prefill"

#include "config.h"

#include "hab-json.h"
#include "hab-prefill.h"

/* The "demande libre" use case: the generic form, with no pre-filled value.
 * A dossier on it has a null parcours.use_case. */
#define LIBRE_USE_CASE "libre"

/* The DataPass attributes the catalogue's use cases pre-fill (its "prefill"
 * objects, reference/domain.md c.1/c.2) and the dossier members they fill.
 * DataPass ignores attributes it does not know; so do we. */
static const struct
{
  const char *attribute;
  const char *path;
} string_fields[] = {
  { "intitule", "project.title" },
  { "description", "project.description" },
  { "destinataire_donnees_caractere_personnel", "data.recipients" },
  { "cadre_juridique_nature", "legal.nature" },
  { "cadre_juridique_url", "legal.url" },
};

static gboolean
lookup_use_case (HabCatalogue      *catalogue,
                 const char        *api_id,
                 const char        *use_case_id,
                 const HabApi     **api_out,
                 const HabUseCase **use_case_out)
{
  const HabApi *api;
  const HabUseCase *use_case;

  if (api_id == NULL)
    return FALSE;

  api = hab_catalogue_lookup_api (catalogue, api_id);
  if (api == NULL)
    return FALSE;

  if (use_case_id == NULL || *use_case_id == '\0')
    use_case_id = LIBRE_USE_CASE;

  use_case = hab_api_lookup_use_case (api, use_case_id);
  if (use_case == NULL)
    return FALSE;

  *api_out = api;
  *use_case_out = use_case;

  return TRUE;
}

static void
add_modality (JsonArray    *modalities,
              GHashTable   *seen,
              const HabApi *api,
              const char   *key)
{
  if (key == NULL || g_hash_table_contains (seen, key))
    return;

  /* Never pre-select a modality the API does not offer or forbids. */
  if (hab_api_lookup_modality (api, key) == NULL || hab_api_is_modality_forbidden (api, key))
    {
      g_debug ("Use case modality “%s” is not one of %s, skipped", key, api->id);
      return;
    }

  g_hash_table_add (seen, (gpointer) key);
  json_array_add_string_element (modalities, key);
}

/* The modalities a use case pre-selects: the "modalities" attribute of its
 * prefill (DataPass's modalities[]), then its own modality list. */
static JsonArray *
use_case_modalities (const HabApi     *api,
                     const HabUseCase *use_case)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *modalities = json_array_new ();
  JsonNode *node;

  node = use_case->prefill ? json_object_get_member (use_case->prefill, "modalities") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_modality (modalities, seen, api,
                      hab_json_node_get_string (json_array_get_element (array, i)));
    }
  else
    add_modality (modalities, seen, api, hab_json_node_get_string (node));

  for (guint i = 0; use_case->modalities != NULL && use_case->modalities[i] != NULL; i++)
    add_modality (modalities, seen, api, use_case->modalities[i]);

  return modalities;
}

static void
apply_use_case (HabDossier       *dossier,
                const HabApi     *api,
                const HabUseCase *use_case,
                gboolean          overwrite)
{
  g_autoptr(JsonArray) modalities = NULL;
  JsonArray *current_modalities;

  hab_dossier_set_string (dossier, "parcours.api", api->id);
  if (g_strcmp0 (use_case->id, LIBRE_USE_CASE) == 0)
    hab_dossier_set_null (dossier, "parcours.use_case");
  else
    hab_dossier_set_string (dossier, "parcours.use_case", use_case->id);

  /* As in DataPass, the pre-filled value is only a default: what the
   * applicant already wrote wins, unless asked otherwise. */
  for (guint i = 0; i < G_N_ELEMENTS (string_fields); i++)
    {
      const char *value = hab_json_object_get_string (use_case->prefill, string_fields[i].attribute);
      const char *current;

      if (value == NULL)
        continue;

      current = hab_dossier_get_string (dossier, string_fields[i].path);
      if (!overwrite && current != NULL && *current != '\0')
        continue;

      hab_dossier_set_string (dossier, string_fields[i].path, value);
    }

  modalities = use_case_modalities (api, use_case);
  if (json_array_get_length (modalities) == 0)
    return;

  current_modalities = hab_dossier_get_array (dossier, "parcours.modalities");
  if (!overwrite && current_modalities != NULL && json_array_get_length (current_modalities) > 0)
    return;

  /* One edit, one ::changed for the whole list. */
  hab_dossier_set_node (dossier, "parcours.modalities",
                        json_node_init_array (json_node_alloc (), modalities));
}

/**
 * hab_dossier_new_for_use_case:
 * @catalogue: (nullable): the catalogue, or %NULL for the bundled one
 * @api_id: an API id of the catalogue
 * @use_case_id: (nullable): one of its use cases; %NULL or "libre" for
 *   the generic form
 *
 * Creates a blank sandbox dossier on @api_id and @use_case_id, with the
 * values the use case's DataPass form pre-fills (title, description,
 * recipients, legal basis and its URL, modalities).
 *
 * Returns: (transfer full) (nullable): the new dossier, or %NULL when the
 *   catalogue has no such API or use case.
 */
HabDossier *
hab_dossier_new_for_use_case (HabCatalogue *catalogue,
                              const char   *api_id,
                              const char   *use_case_id)
{
  const HabApi *api = NULL;
  const HabUseCase *use_case = NULL;
  HabDossier *dossier;

  g_return_val_if_fail (catalogue == NULL || HAB_IS_CATALOGUE (catalogue), NULL);

  if (catalogue == NULL)
    catalogue = hab_catalogue_get_default ();

  if (!lookup_use_case (catalogue, api_id, use_case_id, &api, &use_case))
    return NULL;

  dossier = hab_dossier_new ();
  hab_dossier_set_string (dossier, "catalogue_version", hab_catalogue_get_version (catalogue));
  hab_dossier_set_string (dossier, "parcours.stage", "sandbox");
  apply_use_case (dossier, api, use_case, TRUE);

  return dossier;
}

/**
 * hab_dossier_apply_use_case:
 * @dossier: a dossier
 * @catalogue: (nullable): the catalogue, or %NULL for the bundled one
 * @api_id: an API id of the catalogue
 * @use_case_id: (nullable): one of its use cases; %NULL or "libre" for
 *   the generic form
 * @overwrite: whether pre-filled values replace what the dossier holds
 *
 * Sets parcours.api and parcours.use_case and applies the use case's
 * pre-filled values: only to empty members (an empty string, null, absent,
 * or an empty modality list) unless @overwrite. Members the use case does
 * not pre-fill are left alone, and so is parcours.stage. Each member that
 * changes emits ::changed once.
 *
 * Returns: %TRUE, or %FALSE (and the dossier untouched) when the catalogue
 *   has no such API or use case.
 */
gboolean
hab_dossier_apply_use_case (HabDossier   *dossier,
                            HabCatalogue *catalogue,
                            const char   *api_id,
                            const char   *use_case_id,
                            gboolean      overwrite)
{
  const HabApi *api = NULL;
  const HabUseCase *use_case = NULL;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), FALSE);
  g_return_val_if_fail (catalogue == NULL || HAB_IS_CATALOGUE (catalogue), FALSE);

  if (catalogue == NULL)
    catalogue = hab_catalogue_get_default ();

  if (!lookup_use_case (catalogue, api_id, use_case_id, &api, &use_case))
    return FALSE;

  apply_use_case (dossier, api, use_case, overwrite);

  return TRUE;
}
