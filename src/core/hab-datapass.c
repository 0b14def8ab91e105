/* hab-datapass.c: the DataPass pre-fill link (reference/domain.md a.5).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-datapass"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hab-datapass.h"

/* The form is chosen from the API, the use case, the stage and the
 * development mode: a sandbox request, or in production the form "avec
 * éditeur" (no recette step) or the one reached from a validated sandbox. */
const char *
hab_datapass_get_form_uid (HabDossier    *dossier,
                           HabCatalogue  *catalogue,
                           GError       **error)
{
  const char *api_id = hab_dossier_get_string (dossier, "parcours.api");
  const char *use_case_id = hab_dossier_get_string (dossier, "parcours.use_case");
  const char *stage = hab_dossier_get_string (dossier, "parcours.stage");
  const char *development = hab_dossier_get_string (dossier, "parcours.development");
  const HabUseCase *use_case = NULL;
  const HabApi *api;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  if (catalogue == NULL)
    catalogue = hab_catalogue_get_default ();

  api = api_id ? hab_catalogue_lookup_api (catalogue, api_id) : NULL;
  if (api == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The dossier names no known API: choose the API in the Parcours step"));
      return NULL;
    }

  if (use_case_id != NULL && *use_case_id != '\0')
    {
      use_case = hab_api_lookup_use_case (api, use_case_id);
      if (use_case == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The use case “%s” does not exist for %s: choose another one in the "
                         "Parcours step"),
                       use_case_id, api->label);
          return NULL;
        }
    }
  else
    use_case = g_ptr_array_index (api->use_cases, 0);

  if (g_strcmp0 (stage, "production") != 0)
    return use_case->form_sandbox;
  if (g_strcmp0 (development, "editor") == 0)
    return use_case->form_editor;

  return use_case->form_production;
}

static void
append_param (GString    *url,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL || *value == '\0')
    return;

  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_c (url, strchr (url->str, '?') ? '&' : '?');
  g_string_append (url, key);
  g_string_append_c (url, '=');
  g_string_append (url, escaped);
}

static void
append_string (GString    *url,
               HabDossier *dossier,
               const char *key,
               const char *path)
{
  append_param (url, key, hab_dossier_get_string (dossier, path));
}

static void
append_int (GString    *url,
            HabDossier *dossier,
            const char *key,
            const char *path)
{
  gint64 value;

  if (hab_dossier_get_int (dossier, path, &value))
    {
      char text[32];

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
      append_param (url, key, text);
    }
}

static void
append_checkbox (GString    *url,
                 HabDossier *dossier,
                 const char *key,
                 const char *path)
{
  gboolean value = FALSE;

  if (hab_dossier_get_boolean (dossier, path, &value) && value)
    append_param (url, key, "1");
}

static void
append_string_array (GString    *url,
                     JsonArray  *array,
                     const char *key,
                     const char *member)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (member != NULL && JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), member);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        append_param (url, key, json_node_get_string (node));
    }
}

/* DataPass has a single description field: the project's description,
 * objective and data usage go into it, one paragraph each. */
static char *
build_description (HabDossier *dossier)
{
  static const char *const paths[] = { "project.description", "project.objective", "project.data_usage" };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *value = hab_dossier_get_string (dossier, paths[i]);

      if (value == NULL || *value == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, value);
    }

  return g_string_free (text, FALSE);
}

/**
 * hab_datapass_build_url:
 *
 * Builds the link that opens a new DataPass request pre-filled with the
 * dossier: plain fields and scopes as query parameters. Contacts and files
 * are never in the link (DataPass refuses them, against impersonation).
 *
 * Returns: (transfer full): the link, or %NULL with @error set when the
 *   dossier names no known API or use case, or is an in-house production
 *   request (those start from the validated sandbox request on DataPass).
 */
char *
hab_datapass_build_url (HabDossier    *dossier,
                        HabCatalogue  *catalogue,
                        GError       **error)
{
  g_autofree char *description = NULL;
  const char *form_uid;
  const HabApi *api;
  gboolean production;
  gboolean editor;
  GString *url;

  if (catalogue == NULL)
    catalogue = hab_catalogue_get_default ();

  form_uid = hab_datapass_get_form_uid (dossier, catalogue, error);
  if (form_uid == NULL)
    return NULL;

  api = hab_catalogue_lookup_api (catalogue, hab_dossier_get_string (dossier, "parcours.api"));
  production = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.stage"), "production") == 0;
  editor = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;

  /* The production form of in-house software cannot be started from a link:
   * DataPass converts the validated sandbox request (reference/domain.md a.0). */
  if (production && !editor)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A production request for software developed in-house does not start "
                     "from a link: on DataPass, open your validated sandbox request and choose "
                     "“Démarrer ma demande d’habilitation en production”, then fill in the "
                     "production steps (form %s)"),
                   form_uid);
      return NULL;
    }

  url = g_string_new (HAB_DATAPASS_BASE_URL "/formulaires/");
  g_string_append (url, form_uid);
  g_string_append (url, "/demande/nouveau");

  /* basic_infos */
  append_string (url, dossier, "intitule", "project.title");
  description = build_description (dossier);
  append_param (url, "description", description);
  append_string (url, dossier, "date_prevue_mise_en_production", "project.planned_production_date");
  append_string (url, dossier, "volumetrie_approximative", "project.yearly_volume");
  append_int (url, dossier, "volumetrie_approximative", "project.yearly_volume");

  /* legal */
  append_string (url, dossier, "cadre_juridique_nature", "legal.nature");
  append_string (url, dossier, "cadre_juridique_url", "legal.url");

  /* modalities */
  if (api->has_modalities)
    {
      append_string_array (url, hab_dossier_get_array (dossier, "parcours.modalities"),
                           "modalities[]", NULL);
      if (hab_dossier_has_modality (dossier, "with_france_connect"))
        append_string (url, dossier, "france_connect_authorization_id",
                       "parcours.france_connect_authorization_id");
    }

  /* scopes */
  if (api->has_scopes)
    {
      append_string_array (url, hab_dossier_get_array (dossier, "data.scopes"), "scopes[]", "key");
      append_checkbox (url, dossier, "specific_requirements", "data.specific_requirements");
    }

  /* personal_data */
  append_string (url, dossier, "destinataire_donnees_caractere_personnel", "data.recipients");
  append_int (url, dossier, "duree_conservation_donnees_caractere_personnel",
              "data.retention_months");
  append_string (url, dossier, "duree_conservation_donnees_caractere_personnel_justification",
                 "data.retention_justification");

  /* contacts: only the DGFiP's plain extra fields, never a person's card */
  append_string (url, dossier, "contact_technique_extra_email",
                 "extra_contacts.contact_technique_extra_email");
  append_string (url, dossier, "extra_organization_contact_name",
                 "extra_contacts.extra_organization_contact_name");
  append_string (url, dossier, "extra_organization_contact_email",
                 "extra_contacts.extra_organization_contact_email");

  /* production-only steps ("avec éditeur": no recette) */
  if (production)
    {
      append_string (url, dossier, "safety_certification_authority_name", "security.authority_name");
      append_string (url, dossier, "safety_certification_authority_function",
                     "security.authority_function");
      append_string (url, dossier, "safety_certification_begin_date", "security.begin_date");
      append_string (url, dossier, "safety_certification_end_date", "security.end_date");
      append_int (url, dossier, "volumetrie_appels_par_minute", "security.calls_per_minute");
      append_string (url, dossier, "volumetrie_justification", "security.calls_justification");
    }

  return g_string_free (url, FALSE);
}

/**
 * hab_datapass_build_description:
 *
 * Returns: (transfer full): the text of DataPass's single description
 *   field, as the link fills it in: the project's description, objective
 *   and data usage, one paragraph each
 */
char *
hab_datapass_build_description (HabDossier *dossier)
{
  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);

  return build_description (dossier);
}
