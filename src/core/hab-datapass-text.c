/* hab-datapass-text.c: the DataPass hand-off, datapass.txt (DESIGN §9).
 *
 * The pre-fill link of reference/domain.md (a.5) for the dossier's form,
 * then, step by step as the DataPass form shows them (a.1–a.3), the text to
 * enter in each field: DataPass pre-fills plain fields and data items from
 * the link, but never contacts nor files (against impersonation), and an
 * in-house production request does not start from a link at all: it is
 * the validated sandbox request, converted on DataPass.
 *
 * The labels of DataPass's steps and fields are quoted as the French form
 * shows them, so that the agent finds each field on the page.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-datapass-text"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hab-datapass.h"
#include "hab-datapass-text.h"
#include "hab-json.h"

G_DEFINE_BOXED_TYPE (HabDatapassField, hab_datapass_field, hab_datapass_field_copy,
                     hab_datapass_field_free)

/* DataPass's steps (config/locales/authorization_request_forms.fr.yml,
 * default.steps). */
static const struct
{
  const char *key;
  const char *title;
} steps[] = {
  /* Translators: DataPass's own names for the steps of its form; keep them
   * as the French form shows them, the user looks for them there */
  { "basic_infos", N_("Mon projet") },
  { "legal", N_("Le cadre juridique") },
  { "modalities", N_("Les modalités d’accès aux données") },
  { "scopes", N_("Les données") },
  { "personal_data", N_("Le traitement des données personnelles") },
  { "contacts", N_("Les personnes impliquées") },
  { "operational_acceptance", N_("La recette fonctionnelle") },
  { "safety_certification", N_("L’homologation de sécurité") },
  { "volumetrie", N_("La volumétrie") },
  { "finish", N_("La synthèse") },
};

/* The contacts DataPass asks for, and the role of the dossier each one is. */
static const struct
{
  const char *prefix;
  const char *role;
  const char *title;
} contacts[] = {
  { "responsable_traitement", HAB_ROLE_RESPONSABLE_TRAITEMENT, N_("Responsable de traitement") },
  { "delegue_protection_donnees", HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
    N_("Délégué à la protection des données") },
  { "contact_technique", HAB_ROLE_RESPONSABLE_TECHNIQUE, N_("Responsable technique") },
};

typedef struct
{
  HabDossier               *dossier;
  const HabDocumentOptions *options;
  HabCatalogue             *catalogue;
  const HabApi             *api;
  GPtrArray                *pieces;
  gboolean                  production;
  gboolean                  editor_mode;
  gboolean                  has_link;    /* the link pre-fills the plain fields */

  GPtrArray                *fields;
  const char               *step;
  const char               *step_title;
  gboolean                  from_sandbox;
} Builder;

HabDatapassField *
hab_datapass_field_copy (const HabDatapassField *self)
{
  HabDatapassField *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (HabDatapassField, 1);
  copy->step = g_strdup (self->step);
  copy->step_title = g_strdup (self->step_title);
  copy->key = g_strdup (self->key);
  copy->label = g_strdup (self->label);
  copy->value = g_strdup (self->value);
  copy->kind = self->kind;
  copy->prefilled = self->prefilled;
  copy->from_sandbox = self->from_sandbox;

  return copy;
}

void
hab_datapass_field_free (HabDatapassField *self)
{
  if (self == NULL)
    return;

  g_free (self->step);
  g_free (self->step_title);
  g_free (self->key);
  g_free (self->label);
  g_free (self->value);
  g_free (self);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static const char *
get (Builder    *builder,
     const char *path)
{
  return hab_dossier_get_string (builder->dossier, path);
}

/* "01/03/2027": how a date is typed in DataPass's French form. */
static char *
typed_date (const char *iso_date)
{
  guint year, month, day;
  char end;

  if (blank (iso_date))
    return NULL;
  if (strlen (iso_date) != 10
      || sscanf (iso_date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3
      || !g_date_valid_dmy (day, month, year))
    return g_strdup (iso_date);

  return g_strdup_printf ("%02u/%02u/%04u", day, month, year);
}

static char *
int_value (Builder    *builder,
           const char *path)
{
  gint64 value;

  if (!hab_dossier_get_int (builder->dossier, path, &value))
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
begin_step (Builder    *builder,
            const char *step)
{
  builder->step = step;
  builder->step_title = step;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_str_equal (steps[i].key, step))
      builder->step_title = _(steps[i].title);
}

/* Adds a field; takes @value. A plain field is pre-filled when the link
 * carries it, that is when there is a link and a value. */
static void
add_field (Builder              *builder,
           const char           *key,
           const char           *label,
           HabDatapassFieldKind  kind,
           char                 *value,
           gboolean              in_link)
{
  HabDatapassField *field = g_new0 (HabDatapassField, 1);

  field->step = g_strdup (builder->step);
  field->step_title = g_strdup (builder->step_title);
  field->key = g_strdup (key);
  field->label = g_strdup (label);
  field->value = value ? value : g_strdup ("");
  field->kind = kind;
  field->prefilled = in_link && builder->has_link && !blank (field->value);
  field->from_sandbox = builder->from_sandbox;
  g_ptr_array_add (builder->fields, field);
}

static void
add_text (Builder    *builder,
          const char *key,
          const char *label,
          const char *path,
          gboolean    in_link)
{
  add_field (builder, key, label, HAB_DATAPASS_FIELD_TEXT, g_strdup (get (builder, path)), in_link);
}

/* The bundle names of the pieces attached under @field (or its items). */
static char *
piece_names (Builder    *builder,
             const char *field)
{
  GString *names = g_string_new (NULL);
  g_autofree char *prefix = g_strconcat (field, ".", NULL);

  for (guint i = 0; i < builder->pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (builder->pieces, i);

      if (!g_str_equal (piece->field, field) && !g_str_has_prefix (piece->field, prefix))
        continue;
      if (names->len > 0)
        g_string_append_c (names, '\n');
      g_string_append (names, piece->bundle_name);
    }

  return g_string_free (names, FALSE);
}

static char *
checkbox_value (gboolean ticked)
{
  return g_strdup (ticked ? _("Tick the box") : _("Leave the box unticked"));
}

static void
step_basic_infos (Builder *builder)
{
  begin_step (builder, "basic_infos");
  /* Translators: DataPass's own labels for its fields, as the French form
   * shows them (reference/domain.md a.1): keep them so */
  add_text (builder, "intitule", _("Nom du projet"), "project.title", TRUE);
  add_field (builder, "description", _("Description du projet (à quoi va-t-il servir ? qui l’utilisera ?)"),
             HAB_DATAPASS_FIELD_TEXT, hab_datapass_build_description (builder->dossier), TRUE);
  add_field (builder, "maquette_projet", _("Maquette du projet"), HAB_DATAPASS_FIELD_FILE,
             piece_names (builder, "project.mockup"), FALSE);
  add_field (builder, "date_prevue_mise_en_production", _("Date de mise en production prévue"),
             HAB_DATAPASS_FIELD_TEXT, typed_date (get (builder, "project.planned_production_date")),
             TRUE);
  add_text (builder, "volumetrie_approximative", _("Volumétrie approximative"),
            "project.yearly_volume", TRUE);
}

static void
step_legal (Builder *builder)
{
  g_autofree char *documents = piece_names (builder, "legal.documents");
  g_autofree char *own = piece_names (builder, "legal.deliberation.document");
  char *files;

  if (*documents != '\0' && *own != '\0')
    files = g_strdup_printf ("%s\n%s", documents, own);
  else
    files = g_strdup (*documents != '\0' ? documents : own);

  begin_step (builder, "legal");
  add_text (builder, "cadre_juridique_nature",
            _("Précisez la nature et les références du texte vous autorisant à traiter les données"),
            "legal.nature", TRUE);
  add_text (builder, "cadre_juridique_url", _("URL du texte relatif au traitement"), "legal.url", TRUE);
  add_field (builder, "cadre_juridique_document", _("Ajoutez votre ou vos documents"),
             HAB_DATAPASS_FIELD_FILE, files, FALSE);
}

static void
step_modalities (Builder *builder)
{
  JsonArray *chosen = hab_dossier_get_array (builder->dossier, "parcours.modalities");
  GString *labels = g_string_new (NULL);

  for (guint i = 0; chosen != NULL && i < json_array_get_length (chosen); i++)
    {
      const char *key = hab_json_node_get_string (json_array_get_element (chosen, i));
      const HabModality *modality = key ? hab_api_lookup_modality (builder->api, key) : NULL;

      if (key == NULL)
        continue;
      if (labels->len > 0)
        g_string_append_c (labels, '\n');
      g_string_append (labels, modality ? modality->label : key);
    }

  begin_step (builder, "modalities");
  add_field (builder, "modalities", _("Modalités d’accès"), HAB_DATAPASS_FIELD_CHOICE,
             g_string_free (labels, FALSE), TRUE);
  if (hab_dossier_has_modality (builder->dossier, "with_france_connect"))
    add_text (builder, "france_connect_authorization_id", _("Habilitation FranceConnect"),
              "parcours.france_connect_authorization_id", TRUE);
}

static void
step_scopes (Builder *builder)
{
  JsonArray *scopes = hab_dossier_get_array (builder->dossier, "data.scopes");
  GString *labels = g_string_new (NULL);
  gboolean specific = FALSE;

  for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
    {
      JsonNode *node = json_array_get_element (scopes, i);
      const char *key = JSON_NODE_HOLDS_OBJECT (node)
                        ? hab_json_object_get_string (json_node_get_object (node), "key") : NULL;
      const HabScope *scope = key ? hab_api_lookup_scope (builder->api, key) : NULL;

      if (key == NULL)
        continue;
      if (labels->len > 0)
        g_string_append_c (labels, '\n');
      g_string_append (labels, scope ? scope->label : key);
    }

  hab_dossier_get_boolean (builder->dossier, "data.specific_requirements", &specific);

  begin_step (builder, "scopes");
  add_field (builder, "scopes", _("Les données dont vous avez besoin"), HAB_DATAPASS_FIELD_CHOICE,
             g_string_free (labels, FALSE), TRUE);
  add_field (builder, "specific_requirements", _("Oui, j’ai une expression de besoin spécifique"),
             HAB_DATAPASS_FIELD_CHECKBOX, checkbox_value (specific), specific);
  if (specific)
    add_field (builder, "specific_requirements_document", _("Expression de besoin spécifique"),
               HAB_DATAPASS_FIELD_FILE, piece_names (builder, "data.specific_requirements_document"),
               FALSE);
}

static void
step_personal_data (Builder *builder)
{
  begin_step (builder, "personal_data");
  add_text (builder, "destinataire_donnees_caractere_personnel", _("Destinataire des données"),
            "data.recipients", TRUE);
  add_field (builder, "duree_conservation_donnees_caractere_personnel",
             _("Durée de conservation des données en mois"), HAB_DATAPASS_FIELD_TEXT,
             int_value (builder, "data.retention_months"), TRUE);
  add_text (builder, "duree_conservation_donnees_caractere_personnel_justification",
            _("Justification de la durée de conservation des données"),
            "data.retention_justification", TRUE);
}

static void
step_contacts (Builder *builder)
{
  /* DataPass's labels for the five fields of every contact. */
  const struct
  {
    const char *suffix;
    const char *label;
    gsize       offset;
  } parts[] = {
    { "family_name", _("Nom"), G_STRUCT_OFFSET (HabContact, family_name) },
    { "given_name", _("Prénom"), G_STRUCT_OFFSET (HabContact, given_name) },
    { "email", _("Email"), G_STRUCT_OFFSET (HabContact, email) },
    { "phone_number", _("Téléphone"), G_STRUCT_OFFSET (HabContact, phone) },
    { "job_title", _("Fonction"), G_STRUCT_OFFSET (HabContact, job_title) },
  };

  begin_step (builder, "contacts");

  for (guint c = 0; c < G_N_ELEMENTS (contacts); c++)
    {
      g_autoptr(HabContact) contact = hab_documents_dup_contact (builder->dossier, contacts[c].role,
                                                                 builder->options);

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          g_autofree char *key = g_strdup_printf ("%s_%s", contacts[c].prefix, parts[i].suffix);
          /* Translators: a contact's field in DataPass, "Responsable de traitement — Nom" */
          g_autofree char *label = g_strdup_printf (_("%s — %s"), _(contacts[c].title), parts[i].label);
          const char *value = contact ? G_STRUCT_MEMBER (char *, contact, parts[i].offset) : NULL;

          add_field (builder, key, label, HAB_DATAPASS_FIELD_TEXT, g_strdup (value), FALSE);
        }
    }

  add_text (builder, "contact_technique_extra_email",
            _("Adresse email générique du contact technique"),
            "extra_contacts.contact_technique_extra_email", TRUE);
  add_text (builder, "extra_organization_contact_name",
            _("Contact supplémentaire de l’organisation — Nom"),
            "extra_contacts.extra_organization_contact_name", TRUE);
  add_text (builder, "extra_organization_contact_email",
            _("Contact supplémentaire de l’organisation — Email"),
            "extra_contacts.extra_organization_contact_email", TRUE);
}

static void
step_operational_acceptance (Builder *builder)
{
  gboolean done = FALSE;

  hab_dossier_get_boolean (builder->dossier, "security.operational_acceptance_done", &done);

  begin_step (builder, "operational_acceptance");
  add_field (builder, "operational_acceptance_done",
             _("J’atteste avoir réalisé une recette fonctionnelle et qualifié mon téléservice."),
             HAB_DATAPASS_FIELD_CHECKBOX, checkbox_value (done), FALSE);
}

static void
step_safety_certification (Builder *builder)
{
  begin_step (builder, "safety_certification");
  add_field (builder, "safety_certification_document",
             _("La décision d’homologation ou le questionnaire de sécurité"),
             HAB_DATAPASS_FIELD_FILE, piece_names (builder, "security.document"), FALSE);
  add_text (builder, "safety_certification_authority_name",
            _("Nom de l’autorité d’homologation ou du signataire du questionnaire de sécurité"),
            "security.authority_name", TRUE);
  add_text (builder, "safety_certification_authority_function",
            _("Fonction de l’autorité d’homologation ou du signataire du questionnaire de sécurité"),
            "security.authority_function", TRUE);
  add_field (builder, "safety_certification_begin_date",
             _("Date de début d’homologation ou de signature du questionnaire de sécurité"),
             HAB_DATAPASS_FIELD_TEXT, typed_date (get (builder, "security.begin_date")), TRUE);
  add_field (builder, "safety_certification_end_date", _("Date de fin d’homologation"),
             HAB_DATAPASS_FIELD_TEXT, typed_date (get (builder, "security.end_date")), TRUE);
}

static void
step_volumetrie (Builder *builder)
{
  begin_step (builder, "volumetrie");
  add_field (builder, "volumetrie_appels_par_minute",
             _("Quelle limitation de débit souhaitez-vous pour votre téléservice ?"),
             HAB_DATAPASS_FIELD_CHOICE, int_value (builder, "security.calls_per_minute"), TRUE);
  add_text (builder, "volumetrie_justification",
            _("Pour quels motifs souhaitez-vous un débit plus grand que le minimum ?"),
            "security.calls_justification", TRUE);
}

static void
step_finish (Builder *builder)
{
  gboolean informed = FALSE;

  hab_dossier_get_boolean (builder->dossier, "dpo.informed", &informed);

  begin_step (builder, "finish");
  add_field (builder, "terms_of_service_accepted",
             _("J’ai pris connaissance des conditions générales d’utilisation et je les valide."),
             HAB_DATAPASS_FIELD_CHECKBOX,
             g_strdup (_("Tick the box once you have read the general terms of use (CGU)")), FALSE);
  add_field (builder, "data_protection_officer_informed",
             _("Je confirme que le délégué à la protection des données de mon organisation est "
               "informé de ma demande."),
             HAB_DATAPASS_FIELD_CHECKBOX,
             g_strdup (informed ? _("Tick the box: your DPO is informed")
                                : _("Inform your DPO first, then tick the box")),
             FALSE);
  add_field (builder, "dpd_homologation_checkbox",
             _("J’atteste que mon organisation devra déclarer à la DGFiP l’accomplissement des "
               "formalités en matière de protection des données à caractère personnel et qu’elle "
               "veillera à procéder à l’homologation de sécurité de son projet."),
             HAB_DATAPASS_FIELD_CHECKBOX, checkbox_value (TRUE), FALSE);
}

typedef void (*StepFunc) (Builder *builder);

/* The steps of the dossier's form, in DataPass's order (reference/domain.md
 * a.1–a.3); for an in-house production request, the production steps come
 * first and the sandbox ones after, as kept on DataPass. */
static void
build_steps (Builder *builder)
{
  StepFunc base[6];
  guint n_base = 0;
  gboolean has_modalities = builder->api != NULL && builder->api->has_modalities;
  gboolean has_scopes = builder->api != NULL && builder->api->has_scopes;
  gboolean in_house_production = builder->production && !builder->editor_mode;

  if (has_modalities && !has_scopes)
    {
      /* SFiP R2P: the data are defined by the modality. */
      base[n_base++] = step_basic_infos;
      base[n_base++] = step_personal_data;
      base[n_base++] = step_legal;
      base[n_base++] = step_modalities;
      base[n_base++] = step_contacts;
    }
  else
    {
      base[n_base++] = step_basic_infos;
      base[n_base++] = step_legal;
      if (has_modalities)
        base[n_base++] = step_modalities;
      if (has_scopes)
        base[n_base++] = step_scopes;
      base[n_base++] = step_personal_data;
      base[n_base++] = step_contacts;
    }

  if (in_house_production)
    {
      step_operational_acceptance (builder);
      step_safety_certification (builder);
      step_volumetrie (builder);
      builder->from_sandbox = TRUE;
      for (guint i = 0; i < n_base; i++)
        base[i] (builder);
      builder->from_sandbox = FALSE;
      step_finish (builder);
      return;
    }

  for (guint i = 0; i < n_base; i++)
    base[i] (builder);
  if (builder->production)
    {
      step_safety_certification (builder);
      step_volumetrie (builder);
    }
  step_finish (builder);
}

/**
 * hab_datapass_text_get_fields:
 * @options: the catalogue and the contact lookup
 *
 * Returns: (transfer container) (element-type HabDatapassField): every
 *   field of the dossier's DataPass form, step by step, with what to enter
 */
GPtrArray *
hab_datapass_text_get_fields (HabDossier               *dossier,
                              const HabDocumentOptions *options)
{
  g_autoptr(GPtrArray) pieces = NULL;
  g_autofree char *url = NULL;
  const char *api_id;
  Builder builder = { 0 };

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  pieces = hab_documents_list_pieces (dossier);
  api_id = hab_dossier_get_string (dossier, "parcours.api");

  builder.dossier = dossier;
  builder.options = options;
  builder.catalogue = options->catalogue ? options->catalogue : hab_catalogue_get_default ();
  builder.api = api_id ? hab_catalogue_lookup_api (builder.catalogue, api_id) : NULL;
  builder.pieces = pieces;
  builder.production = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.stage"), "production") == 0;
  builder.editor_mode = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;
  url = hab_datapass_build_url (dossier, builder.catalogue, NULL);
  builder.has_link = url != NULL;
  builder.fields = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_datapass_field_free);

  build_steps (&builder);

  return builder.fields;
}

static void
append_contact_hint (GString                  *text,
                     HabDossier               *dossier,
                     const HabDocumentOptions *options)
{
  g_autoptr(HabContact) demandeur = hab_documents_dup_contact (dossier, HAB_ROLE_DEMANDEUR, options);
  g_autofree char *name = demandeur ? hab_contact_dup_display_name (demandeur) : NULL;

  if (name != NULL && demandeur->email != NULL && g_strcmp0 (name, demandeur->email) != 0)
    /* Translators: the demandeur's name and ProConnect e-mail address */
    g_string_append_printf (text, _("Log in to DataPass with ProConnect as the demandeur, %s (%s)."),
                            name, demandeur->email);
  else if (name != NULL)
    g_string_append_printf (text, _("Log in to DataPass with ProConnect as the demandeur, %s."), name);
  else
    g_string_append (text, _("Log in to DataPass with ProConnect as the demandeur."));
  g_string_append_c (text, '\n');
}

static void
append_title (GString    *text,
              const char *title,
              char        underline)
{
  glong length = g_utf8_strlen (title, -1);

  g_string_append_printf (text, "%s\n", title);
  for (glong i = 0; i < length; i++)
    g_string_append_c (text, underline);
  g_string_append (text, "\n\n");
}

/**
 * hab_datapass_text_build:
 *
 * Returns: (transfer full): the text of datapass.txt: the pre-fill link
 *   (or, for an in-house production request, how to start it), then the
 *   text of every field, step by step
 */
char *
hab_datapass_text_build (HabDossier               *dossier,
                         const HabDocumentOptions *options)
{
  HabCatalogue *catalogue;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) form_error = NULL;
  g_autoptr(GError) url_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  const char *form, *api_id, *title, *name, *siret;
  const HabApi *api;
  const char *step = NULL;
  gboolean from_sandbox_seen = FALSE;
  GString *text;
  guint n_step = 0;

  g_return_val_if_fail (HAB_IS_DOSSIER (dossier), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  catalogue = options->catalogue ? options->catalogue : hab_catalogue_get_default ();
  api_id = hab_dossier_get_string (dossier, "parcours.api");
  api = api_id ? hab_catalogue_lookup_api (catalogue, api_id) : NULL;
  form = hab_datapass_get_form_uid (dossier, catalogue, &form_error);
  url = hab_datapass_build_url (dossier, catalogue, &url_error);
  fields = hab_datapass_text_get_fields (dossier, options);
  date = hab_documents_format_gdate (&options->today);
  title = hab_dossier_get_string (dossier, "project.title");
  name = hab_dossier_get_string (dossier, "organisation.name");
  siret = hab_dossier_get_string (dossier, "organisation.siret");

  text = g_string_new (NULL);

  heading = g_strdup_printf ("DataPass — %s", api ? api->label : _("no API chosen"));
  append_title (text, heading, '=');
  g_string_append_printf (text, "%s\n", blank (title) ? _("Untitled dossier") : title);
  if (!blank (name) && !blank (siret))
    g_string_append_printf (text, "%s — SIRET %s\n", name, siret);
  else if (!blank (name))
    g_string_append_printf (text, "%s\n", name);
  /* Translators: %s is the form's id on DataPass */
  g_string_append_printf (text, _("DataPass form: %s\n"), form ? form : form_error->message);
  /* Translators: %s is a date */
  g_string_append_printf (text, _("Prepared with Habilitation on %s\n"), date ? date : "—");
  if (options->draft)
    /* Translators: at the top of datapass.txt in a draft export */
    g_string_append_printf (text, "%s\n", _("DRAFT: the dossier may still have errors."));
  g_string_append_c (text, '\n');

  if (url != NULL)
    {
      append_title (text, _("1. Open the pre-filled request"), '-');
      g_string_append_printf (text, "%s\n\n", url);
      append_contact_hint (text, dossier, options);
      g_string_append (text,
                       _("The link fills in the plain fields and the data items, marked "
                         "“pre-filled” below; what you type on DataPass takes precedence. "
                         "DataPass never pre-fills contacts nor files: type the contacts from "
                         "below, and upload the files from the pieces/ folder of this bundle.\n\n"));
    }
  else
    {
      append_title (text, _("1. Start the request on DataPass"), '-');
      g_string_append_printf (text, "%s\n\n", url_error->message);
      append_contact_hint (text, dossier, options);
      if (g_error_matches (url_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        g_string_append (text,
                         _("The production steps come first below. The other steps were filled in "
                           "with your sandbox request and are kept on DataPass: they are shown "
                           "after, so that you can check them.\n\n"));
      else
        g_string_append (text, _("Enter every field from below.\n\n"));
    }

  append_title (text, _("2. The text of each field, step by step"), '-');
  g_string_append (text,
                   _("Each field gives DataPass’s label, its name in brackets, then the text to "
                     "enter, up to the next blank line.\n\n"));

  for (guint i = 0; i < fields->len; i++)
    {
      HabDatapassField *field = g_ptr_array_index (fields, i);
      const char *note = NULL;

      if (g_strcmp0 (step, field->step) != 0)
        {
          g_autofree char *step_heading = NULL;

          if (field->from_sandbox && !from_sandbox_seen)
            {
              g_string_append_printf (text, "\n%s\n\n",
                                      _("Steps kept from your sandbox request, to check:"));
              from_sandbox_seen = TRUE;
            }

          /* Translators: "Step 1 · Mon projet", a step of the DataPass form */
          step_heading = g_strdup_printf (_("Step %u · %s"), ++n_step, field->step_title);
          g_string_append (text, "\n");
          append_title (text, step_heading, '~');
          step = field->step;
        }

      if (field->prefilled)
        note = _("pre-filled by the link");
      else if (field->kind == HAB_DATAPASS_FIELD_FILE)
        note = _("upload from the bundle");
      else if (field->kind == HAB_DATAPASS_FIELD_CHOICE)
        note = _("tick each line");
      else if (field->kind == HAB_DATAPASS_FIELD_CHECKBOX)
        note = _("box to tick");

      g_string_append_printf (text, "» %s [%s]", field->label, field->key);
      if (note != NULL)
        g_string_append_printf (text, " · %s", note);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s\n\n",
                              blank (field->value)
                              ? (field->kind == HAB_DATAPASS_FIELD_FILE ? _("(no file)")
                                                                        : _("(nothing to enter)"))
                              : field->value);
    }

  return g_string_free (text, FALSE);
}
