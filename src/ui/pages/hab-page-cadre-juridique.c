/* hab-page-cadre-juridique.c: the Cadre juridique step (DESIGN §2.4).
 *
 * The legal texts (nature, URL, documents) that DataPass asks for, and,
 * where the use case rests on one, the délibération with the six contents
 * the DGFiP expects of it. Which basis applies follows the legal rules
 * (hab-rules-legal.c): a délibération for the fiscal-data use cases of API
 * Impôt particulier and API SFiP, décret n° 2022-814 for the R2P
 * ordonnateur use case.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-cadre-juridique"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-attachment.h"
#include "hab-attachment-row.h"
#include "hab-finding.h"
#include "hab-page-cadre-juridique.h"
#include "hab-text-row.h"

#define DOCUMENTS_PATH "legal.documents"

typedef enum
{
  BASIS_UNKNOWN,       /* no API chosen yet */
  BASIS_NONE,
  BASIS_DELIBERATION,
  BASIS_DECRET,
} LegalBasis;

/* The six contents of a délibération (seed, “Focus sur les attendus d’une
 * délibération”), in its order. */
enum {
  MENTION_RECENT,
  MENTION_SOLUTION,
  MENTION_USE_CASE,
  MENTION_L114_8,
  MENTION_API_DECISION,
  MENTION_DATA_AND_PURPOSES,
  N_MENTIONS
};

static const char *const mention_keys[N_MENTIONS] = {
  "recent", "solution", "use_case", "l114_8", "api_decision", "data_and_purposes",
};

struct _HabPageCadreJuridique
{
  HabPage               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *problems_group;
  GtkLabel             *basis_label;
  GtkWidget            *nature_row;
  GtkWidget            *decret_row;
  GtkWidget            *url_row;
  AdwPreferencesGroup  *documents_group;
  GtkWidget            *add_document_row;
  GtkWidget            *add_document_button;
  GtkWidget            *deliberation_group;
  GtkWidget            *number_row;
  GtkWidget            *date_row;
  GtkWidget            *body_row;
  GtkWidget            *deliberation_document_row;
  GtkWidget            *text_row;
  GtkWidget            *mentions_group;

  GtkWidget            *mention_rows[N_MENTIONS];

  /* One HabAttachmentRow per element of legal.documents, and its field
   * (owned by the page). */
  GPtrArray            *document_rows;
  GPtrArray            *document_fields;
  /* Shows the findings about the list itself under the “Add” row; not one
   * of the page's fields, as it edits nothing. */
  HabField             *documents_field;

  GtkFileChooserNative *chooser;
  guint                 compact_id;
};

G_DEFINE_FINAL_TYPE (HabPageCadreJuridique, hab_page_cadre_juridique, HAB_TYPE_PAGE)

/* Mirrors legal_basis() of hab-rules-legal.c. */
static LegalBasis
get_legal_basis (HabPage           *page,
                 const HabUseCase **out_use_case)
{
  HabDossier *dossier = hab_page_get_dossier (page);
  const HabApi *api = hab_page_get_api (page);
  const HabUseCase *use_case = NULL;
  const char *use_case_id;

  *out_use_case = NULL;
  if (api == NULL)
    return BASIS_UNKNOWN;

  use_case_id = hab_dossier_get_string (dossier, "parcours.use_case");
  if (use_case_id != NULL && *use_case_id != '\0')
    use_case = hab_api_lookup_use_case (api, use_case_id);
  *out_use_case = use_case;

  if (use_case != NULL && use_case->legal_basis != NULL)
    {
      if (g_str_equal (use_case->legal_basis, "deliberation"))
        return BASIS_DELIBERATION;
      if (g_str_equal (use_case->legal_basis, "decret_2022_814"))
        return BASIS_DECRET;
      return BASIS_NONE;
    }

  if (use_case == NULL || g_str_equal (use_case->id, "libre"))
    return api->has_scopes ? BASIS_DELIBERATION : BASIS_NONE;

  return BASIS_NONE;
}

static gboolean
str_blank (const char *str)
{
  if (str == NULL)
    return TRUE;

  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;

  return TRUE;
}

/* Whether the dossier holds anything about a délibération: it is then
 * shown even where the use case does not need one, so that nothing the
 * user typed disappears. */
static gboolean
has_deliberation_content (HabDossier *dossier)
{
  static const char *const paths[] = {
    "legal.deliberation.date", "legal.deliberation.number",
    "legal.deliberation.body", "legal.deliberation.text",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    if (!str_blank (hab_dossier_get_string (dossier, paths[i])))
      return TRUE;

  return hab_dossier_get_object (dossier, "legal.deliberation.document") != NULL;
}

static gboolean
cites_decret (const char *text)
{
  return text != NULL
         && (strstr (text, "2022-814") != NULL
             || strstr (text, "2022‑814") != NULL   /* non-breaking hyphen */
             || strstr (text, "JORFTEXT000045802934") != NULL);
}

/* Documents */

static guint
count_documents (HabDossier *dossier)
{
  JsonArray *documents = hab_dossier_get_array (dossier, DOCUMENTS_PATH);

  return documents != NULL ? json_array_get_length (documents) : 0;
}

static void
clear_document_rows (HabPageCadreJuridique *self)
{
  HabPage *page = HAB_PAGE (self);

  for (guint i = 0; i < self->document_fields->len; i++)
    hab_page_remove_field (page, g_ptr_array_index (self->document_fields, i));
  g_ptr_array_set_size (self->document_fields, 0);

  for (guint i = 0; i < self->document_rows->len; i++)
    adw_preferences_group_remove (self->documents_group,
                                  g_ptr_array_index (self->document_rows, i));
  g_ptr_array_set_size (self->document_rows, 0);
}

static void
rebuild_document_rows (HabPageCadreJuridique *self,
                       guint                  n_documents)
{
  HabPage *page = HAB_PAGE (self);
  GtkWidget *list = gtk_widget_get_parent (self->add_document_row);

  clear_document_rows (self);

  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *path = g_strdup_printf (DOCUMENTS_PATH ".%u", i);
      g_autofree char *title = g_strdup_printf (_("Document %u"), i + 1);
      GtkWidget *row = hab_attachment_row_new (HAB_ATTACHMENT_KIND_PDF);
      HabField *field;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

      /* Before the “Add” row, which stays last. */
      gtk_list_box_insert (GTK_LIST_BOX (list), row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->add_document_row)));
      g_ptr_array_add (self->document_rows, row);

      field = hab_page_bind (page, HAB_FIELD_ATTACHMENT, row, path);
      g_ptr_array_add (self->document_fields, g_object_ref (field));
    }
}

/* Removing a document with its row's button leaves a null element: the
 * list is then written again without it. */
static gboolean
compact_documents_cb (gpointer user_data)
{
  HabPageCadreJuridique *self = user_data;
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  JsonArray *documents;
  g_autoptr(JsonArray) compacted = NULL;
  guint n;

  self->compact_id = 0;

  if (dossier == NULL)
    return G_SOURCE_REMOVE;

  documents = hab_dossier_get_array (dossier, DOCUMENTS_PATH);
  n = documents != NULL ? json_array_get_length (documents) : 0;
  compacted = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (documents, i);

      if (!JSON_NODE_HOLDS_NULL (element))
        json_array_add_element (compacted, json_node_copy (element));
    }

  if (json_array_get_length (compacted) != n)
    {
      JsonNode *node = json_node_init_array (json_node_alloc (), compacted);

      hab_dossier_set_node (dossier, DOCUMENTS_PATH, node);
      hab_page_add_toast (HAB_PAGE (self), _("Document removed"));
    }

  return G_SOURCE_REMOVE;
}

static void
show_attach_error (HabPageCadreJuridique *self,
                   GFile                 *file,
                   const GError          *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = g_strdup_printf (_("“%s” Cannot Be Attached"), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (HabPageCadreJuridique *self,
                     int                    response,
                     GtkFileChooserNative  *chooser)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autoptr(GListModel) files = NULL;
  g_autoptr(JsonArray) documents = NULL;
  JsonArray *current;
  guint n_current, n_files;

  if (response != GTK_RESPONSE_ACCEPT || dossier == NULL)
    goto out;

  /* The whole list is written once, with every chosen file: one edit. */
  current = hab_dossier_get_array (dossier, DOCUMENTS_PATH);
  n_current = current != NULL ? json_array_get_length (current) : 0;
  documents = json_array_sized_new (n_current + 1);
  for (guint i = 0; i < n_current; i++)
    json_array_add_element (documents, json_node_copy (json_array_get_element (current, i)));

  files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  n_files = g_list_model_get_n_items (files);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(GError) error = NULL;
      JsonNode *node = hab_attachment_new_from_file (file, hab_dossier_get_file (dossier),
                                                     NULL, &error);

      if (node == NULL)
        show_attach_error (self, file, error);
      else
        json_array_add_element (documents, node);
    }

  if (json_array_get_length (documents) > n_current)
    hab_dossier_set_node (dossier, DOCUMENTS_PATH,
                          json_node_init_array (json_node_alloc (), documents));

out:
  g_clear_object (&self->chooser);
}

static void
add_document_clicked_cb (HabPageCadreJuridique *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;

  if (self->chooser != NULL || hab_page_get_dossier (HAB_PAGE (self)) == NULL)
    return;

  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Add Legal Documents"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Décret n° 2022-814 */

static void
decret_clicked_cb (HabPageCadreJuridique *self)
{
  HabPage *page = HAB_PAGE (self);
  HabDossier *dossier = hab_page_get_dossier (page);
  const HabUseCase *use_case = NULL;
  const char *title = NULL;
  const char *url = NULL;
  const char *nature;

  if (dossier == NULL || get_legal_basis (page, &use_case) != BASIS_DECRET || use_case == NULL)
    return;

  /* The catalogue's DataPass prefill holds the décret's title and URL. */
  if (use_case->prefill != NULL)
    {
      title = json_object_get_string_member_with_default (use_case->prefill,
                                                          "cadre_juridique_nature", NULL);
      url = json_object_get_string_member_with_default (use_case->prefill,
                                                        "cadre_juridique_url", NULL);
    }
  if (title == NULL)
    return;

  nature = hab_dossier_get_string (dossier, "legal.nature");
  if (!cites_decret (nature))
    {
      g_autofree char *kept = g_strchomp (g_strdup (nature ? nature : ""));
      g_autofree char *text = NULL;

      if (*kept == '\0')
        text = g_strdup (title);
      else
        text = g_strdup_printf ("%s\n%s", kept, title);

      /* Not holding the focus, so the row shows the new text. */
      hab_dossier_set_string (dossier, "legal.nature", text);
    }

  if (url != NULL && str_blank (hab_dossier_get_string (dossier, "legal.url")))
    hab_dossier_set_string (dossier, "legal.url", url);
}

/* HabPage */

static void
update_basis (HabPageCadreJuridique *self)
{
  HabPage *page = HAB_PAGE (self);
  HabDossier *dossier = hab_page_get_dossier (page);
  const HabApi *api = hab_page_get_api (page);
  const HabUseCase *use_case = NULL;
  LegalBasis basis = get_legal_basis (page, &use_case);
  gboolean has_content = has_deliberation_content (dossier);
  g_autofree char *basis_text = NULL;
  g_autofree char *api_decision = NULL;
  const char *use_case_label = use_case != NULL ? use_case->label : NULL;
  const char *deliberation_description = NULL;
  gboolean show_deliberation;

  switch (basis)
    {
    case BASIS_DELIBERATION:
      if (use_case_label != NULL)
        /* Translators: the first %s is the use case, the second the API */
        basis_text = g_strdup_printf (_("For “%s” with %s: a délibération of your collectivité, "
                                        "and articles L. 114-8 et suivants du CRPA."),
                                      use_case_label, api->label);
      else
        basis_text = g_strdup_printf (_("For fiscal data from %s: a délibération of your "
                                        "collectivité, and articles L. 114-8 et suivants du "
                                        "CRPA."),
                                      api->label);
      deliberation_description = _("Required for fiscal data. Give its number and date, the body "
                                   "that adopted it, and attach it.");
      break;

    case BASIS_DECRET:
      basis_text = g_strdup_printf (_("For “%s” with %s: décret n° 2022-814 du 16 mai 2022. No "
                                      "délibération is needed."),
                                    use_case_label ? use_case_label : "", api->label);
      deliberation_description = _("Not needed for this use case, which rests on décret "
                                   "n° 2022-814; shown because the dossier describes one.");
      break;

    case BASIS_NONE:
      if (use_case_label != NULL)
        basis_text = g_strdup_printf (_("For “%s” with %s: give the texts that allow you to "
                                        "process the data."),
                                      use_case_label, api->label);
      else
        basis_text = g_strdup_printf (_("For %s: give the texts that allow you to process the "
                                        "data."),
                                      api->label);
      deliberation_description = _("Not required for this use case; shown because the dossier "
                                   "describes one.");
      break;

    case BASIS_UNKNOWN:
    default:
      basis_text = g_strdup (_("Choose the API and the use case in the Parcours step: the texts "
                               "required depend on them."));
      deliberation_description = _("Required for fiscal data (API Impôt particulier, API SFiP).");
      break;
    }

  gtk_label_set_label (self->basis_label, basis_text);

  show_deliberation = basis == BASIS_DELIBERATION || basis == BASIS_UNKNOWN || has_content;
  gtk_widget_set_visible (self->deliberation_group, show_deliberation);
  gtk_widget_set_visible (self->mentions_group, show_deliberation);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->deliberation_group),
                                         deliberation_description);

  /* The seed names API Impôt particulier; say the dossier's API. */
  api_decision = g_strdup_printf (_("It states that the collectivité decides to use %s for that "
                                    "use case"),
                                  api != NULL ? api->label : _("the API"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mention_rows[MENTION_API_DECISION]),
                                 api_decision);

  gtk_widget_set_visible (self->decret_row,
                          basis == BASIS_DECRET
                          && use_case != NULL && use_case->prefill != NULL
                          && !cites_decret (hab_dossier_get_string (dossier, "legal.nature")));
}

static void
hab_page_cadre_juridique_dossier_changed (HabPage    *page,
                                          const char *path)
{
  HabPageCadreJuridique *self = HAB_PAGE_CADRE_JURIDIQUE (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  guint n_documents = count_documents (dossier);

  if (path == NULL || n_documents != self->document_rows->len)
    rebuild_document_rows (self, n_documents);

  /* A document removed with its row's button: drop the null element. */
  if (path != NULL && g_str_has_prefix (path, DOCUMENTS_PATH ".") && self->compact_id == 0)
    {
      JsonNode *node = hab_dossier_lookup (dossier, path);

      if (node != NULL && JSON_NODE_HOLDS_NULL (node))
        self->compact_id = g_idle_add (compact_documents_cb, self);
    }

  update_basis (self);
}

static void
hab_page_cadre_juridique_show_findings (HabPage   *page,
                                        GPtrArray *findings)
{
  HabPageCadreJuridique *self = HAB_PAGE_CADRE_JURIDIQUE (page);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  /* Findings about the list itself (not one of its documents) go under
   * the “Add a Document” row. */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->field, DOCUMENTS_PATH) == 0)
        g_ptr_array_add (list, finding);
      else
        g_ptr_array_add (others, finding);
    }

  hab_field_show_findings (self->documents_field, list);

  HAB_PAGE_CLASS (hab_page_cadre_juridique_parent_class)->show_findings (page, others);
}

static gboolean
hab_page_cadre_juridique_focus_field (HabPage    *page,
                                      const char *field)
{
  HabPageCadreJuridique *self = HAB_PAGE_CADRE_JURIDIQUE (page);

  if (g_strcmp0 (field, DOCUMENTS_PATH) == 0)
    return gtk_widget_grab_focus (self->add_document_button);

  return HAB_PAGE_CLASS (hab_page_cadre_juridique_parent_class)->focus_field (page, field);
}

static void
hab_page_cadre_juridique_dispose (GObject *object)
{
  HabPageCadreJuridique *self = HAB_PAGE_CADRE_JURIDIQUE (object);

  g_clear_handle_id (&self->compact_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->documents_field);
  g_clear_pointer (&self->document_fields, g_ptr_array_unref);
  g_clear_pointer (&self->document_rows, g_ptr_array_unref);

  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_CADRE_JURIDIQUE);

  G_OBJECT_CLASS (hab_page_cadre_juridique_parent_class)->dispose (object);
}

static void
hab_page_cadre_juridique_class_init (HabPageCadreJuridiqueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_cadre_juridique_dispose;
  page_class->dossier_changed = hab_page_cadre_juridique_dossier_changed;
  page_class->show_findings = hab_page_cadre_juridique_show_findings;
  page_class->focus_field = hab_page_cadre_juridique_focus_field;

  g_type_ensure (HAB_TYPE_TEXT_ROW);
  g_type_ensure (HAB_TYPE_ATTACHMENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/hab-page-cadre-juridique.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, basis_label);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, nature_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, decret_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, url_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, documents_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, add_document_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, add_document_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, deliberation_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, number_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, date_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, body_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique,
                                        deliberation_document_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, text_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageCadreJuridique, mentions_group);
  gtk_widget_class_bind_template_callback (widget_class, add_document_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, decret_clicked_cb);
}

static void
add_mention_rows (HabPageCadreJuridique *self)
{
  HabPage *page = HAB_PAGE (self);
  /* The seed's wording, in its order. */
  const char *titles[N_MENTIONS] = {
    _("It is recent and follows the rules of the Code général des collectivités territoriales "
      "(CGCT)"),
    _("It briefly describes the collectivité’s digital solution for its users"),
    _("It states the use case for which the collectivité needs the fiscal data"),
    _("It cites article L. 114-8 of the Code des relations entre le public et l’administration, "
      "which allows administrations to exchange the information needed to process a request "
      "from the public: the legal basis that lets the collectivité obtain the DGFiP’s data"),
    NULL,   /* set with the API's name in update_basis() */
    _("It lists every fiscal data item the collectivité needs, and for what purpose: only the "
      "strictly necessary data (data minimisation, GDPR)"),
  };

  for (guint i = 0; i < N_MENTIONS; i++)
    {
      g_autofree char *path = g_strdup_printf ("legal.deliberation.mentions.%s", mention_keys[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      HabField *field;

      if (titles[i] != NULL)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->mentions_group), row);
      self->mention_rows[i] = row;

      field = hab_page_bind (page, HAB_FIELD_BOOLEAN, check, path);
      hab_field_set_row (field, row);
    }
}

static void
hab_page_cadre_juridique_init (HabPageCadreJuridique *self)
{
  HabPage *page = HAB_PAGE (self);
  HabField *field;

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  self->document_rows = g_ptr_array_new ();
  self->document_fields = g_ptr_array_new_with_free_func (g_object_unref);
  self->documents_field = hab_field_new (HAB_FIELD_ATTACHMENT, self->add_document_row,
                                         DOCUMENTS_PATH);

  hab_attachment_row_set_kind (HAB_ATTACHMENT_ROW (self->deliberation_document_row),
                               HAB_ATTACHMENT_KIND_PDF);

  hab_page_bind (page, HAB_FIELD_TEXT, self->nature_row, "legal.nature");
  hab_page_bind (page, HAB_FIELD_TEXT, self->url_row, "legal.url");

  /* “No délibération at all” shows under the first row of its group. */
  field = hab_page_bind (page, HAB_FIELD_TEXT, self->number_row, "legal.deliberation.number");
  hab_field_set_finding_path (field, "legal.deliberation");
  hab_page_bind (page, HAB_FIELD_DATE, self->date_row, "legal.deliberation.date");
  hab_page_bind (page, HAB_FIELD_TEXT, self->body_row, "legal.deliberation.body");
  hab_page_bind (page, HAB_FIELD_ATTACHMENT, self->deliberation_document_row,
                 "legal.deliberation.document");
  hab_page_bind (page, HAB_FIELD_TEXT, self->text_row, "legal.deliberation.text");

  add_mention_rows (self);
}
