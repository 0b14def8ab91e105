/* hab-page-editeur.c: the Éditeur step (DESIGN §2.8), in editor mode.
 *
 * The seven points the DGFiP recommends checking with the software editor
 * before subscribing (seed, “Focus sur l’éditeur de logiciels”), in its
 * order: one expander row per question, its answer in words as subtitle,
 * holding the answer (editor_checks.<key>.answer) and notes. The window
 * hides the step in in-house mode.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-editeur"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-choice-row.h"
#include "hab-page-editeur.h"
#include "hab-text-row.h"

/* The questions are those of hab-rules-editor.c, word for word, so that
 * the findings and the rows read the same. */
static const struct
{
  const char *key;
  const char *question;
  const char *hint;
} checks[] = {
  { "integration",
    /* Translators: the seed reads « L’API est-elle intégrée au logiciel ? Si
     * l’intégration est en cours, quels sont les délais ? Si elle n’est pas
     * intégrée, est-ce prévu ? » */
    N_("Is the API integrated into the software? If the integration is in progress, when will "
       "it be ready? If it is not integrated, is it planned?"),
    N_("E.g. the version of the software that integrates the API, or the planned date") },
  { "management_rules",
    /* Translators: the seed reads « Quelles sont les règles de gestion utilisées par
     * la solution ? Ces règles sont-elles compatibles avec les règles de ma
     * collectivité ? » */
    N_("Which management rules does the software use? Are they compatible with your "
       "organisation’s rules?"),
    N_("E.g. how the software computes the quotient familial, and whether it matches your rates") },
  { "cost_and_lead_time",
    /* Translators: the seed reads « Y a-t-il un coût associé à l’intégration ? Si oui,
     * lequel ? Combien de temps faudra-t-il pour raccorder l’API au logiciel ? » */
    N_("Is there a cost for the integration, and how much? How long will it take to connect "
       "the API to the software?"),
    N_("The amount quoted by the editor and the connection lead time; the use of the API itself is free") },
  { "onboarding_support",
    /* Translators: the seed reads « Quelles sont les modalités d’accompagnement de
     * l’éditeur dans le parcours de souscription et de raccordement à l’API ? » */
    N_("How does the editor help you through the subscription to the API and its "
       "connection?"),
    N_("E.g. whether the editor fills in the security questionnaire and connects the API") },
  { "follow_up_contact",
    /* Translators: the seed reads « Existe-t-il un interlocuteur dédié pour suivre
     * l’avancement et répondre aux questions ? » */
    N_("Is there a dedicated contact to follow the progress and answer questions?"),
    N_("The name and e-mail address of the editor’s contact for the project") },
  { "technical_support",
    /* Translators: the seed reads « Quand et comment l’éditeur intervient-il si un
     * problème survient avec l’API ou le logiciel ? » */
    N_("When and how does the editor step in if a problem occurs with the API or the "
       "software?"),
    N_("E.g. the support hours, the channel and the response time") },
  { "training_and_docs",
    /* Translators: the seed reads « L’éditeur fournit-il une documentation ou une
     * formation pour les agents sur l’usage de son logiciel avec l’API ? » */
    N_("Does the editor provide documentation or training for the agents on using the "
       "software with the API?"),
    N_("E.g. a user guide, a training session for the agents") },
};

#define N_CHECKS G_N_ELEMENTS (checks)

struct _HabPageEditeur
{
  HabPage              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *checks_group;

  GtkWidget           *expander_rows[N_CHECKS];
};

G_DEFINE_FINAL_TYPE (HabPageEditeur, hab_page_editeur, HAB_TYPE_PAGE)

static const char *
answer_words (const char *answer)
{
  if (answer == NULL || *answer == '\0')
    return _("Not answered yet");
  if (g_str_equal (answer, "yes"))
    return _("Yes");
  if (g_str_equal (answer, "no"))
    return _("No");
  if (g_str_equal (answer, "in_progress"))
    return _("In progress");
  if (g_str_equal (answer, "unknown"))
    return _("Unknown");

  return _("Not a valid answer: choose it again");
}

static void
hab_page_editeur_dossier_changed (HabPage    *page,
                                  const char *path)
{
  HabPageEditeur *self = HAB_PAGE_EDITEUR (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  const char *editor = hab_dossier_get_string (dossier, "project.editor_name");
  const char *software = hab_dossier_get_string (dossier, "project.editor_software");
  g_autofree char *description = NULL;

  /* Who to ask, as the Projet step names them (the description is markup). */
  if (editor != NULL && *editor != '\0' && software != NULL && *software != '\0')
    /* Translators: the editor's name, then its software */
    description = g_markup_printf_escaped (_("Ask %s about %s."), editor, software);
  else if (editor != NULL && *editor != '\0')
    description = g_markup_printf_escaped (_("Ask %s."), editor);
  else
    description = g_strdup (_("Ask your software editor, named in the Projet step."));
  adw_preferences_group_set_description (self->checks_group, description);

  for (guint i = 0; i < N_CHECKS; i++)
    {
      g_autofree char *answer_path = g_strdup_printf ("editor_checks.%s.answer", checks[i].key);
      JsonNode *answer_node = hab_dossier_lookup (dossier, answer_path);
      const char *answer = hab_dossier_get_string (dossier, answer_path);

      /* Another type than a string is as invalid as an unknown word. */
      if (answer == NULL && answer_node != NULL && !JSON_NODE_HOLDS_NULL (answer_node))
        answer = "?";

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->expander_rows[i]), answer_words (answer));
    }
}

static void
hab_page_editeur_show_findings (HabPage   *page,
                                GPtrArray *findings)
{
  HabPageEditeur *self = HAB_PAGE_EDITEUR (page);

  HAB_PAGE_CLASS (hab_page_editeur_parent_class)->show_findings (page, findings);

  /* The message under each question carries the severity; on the
   * expander, the colour would spread to the answer and notes inside. */
  for (guint i = 0; i < N_CHECKS; i++)
    {
      gtk_widget_remove_css_class (self->expander_rows[i], "error");
      gtk_widget_remove_css_class (self->expander_rows[i], "warning");
    }
}

static void
hab_page_editeur_dispose (GObject *object)
{
  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_EDITEUR);

  G_OBJECT_CLASS (hab_page_editeur_parent_class)->dispose (object);
}

static void
hab_page_editeur_class_init (HabPageEditeurClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_editeur_dispose;
  page_class->dossier_changed = hab_page_editeur_dossier_changed;
  page_class->show_findings = hab_page_editeur_show_findings;

  g_type_ensure (HAB_TYPE_TEXT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-editeur.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageEditeur, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageEditeur, checks_group);
}

static void
hab_page_editeur_init (HabPageEditeur *self)
{
  HabPage *page = HAB_PAGE (self);
  static const char *const answer_keys[] = { "", "yes", "no", "in_progress", "unknown", NULL };
  const char *answer_labels[] = {
    _("Not Answered"), _("Yes"), _("No"), _("In Progress"), _("Unknown"), NULL
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  for (guint i = 0; i < N_CHECKS; i++)
    {
      g_autofree char *answer_path = g_strdup_printf ("editor_checks.%s.answer", checks[i].key);
      g_autofree char *notes_path = g_strdup_printf ("editor_checks.%s.notes", checks[i].key);
      g_autofree char *title = g_markup_escape_text (_(checks[i].question), -1);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *answer_row = hab_choice_row_new ();
      GtkWidget *notes_row = hab_text_row_new ();
      HabField *field;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      hab_a11y_name_buttons (expander);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (answer_row), _("Editor’s Answer"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), answer_row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (notes_row), _("Notes"));
      g_object_set (notes_row, "hint", _(checks[i].hint), NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), notes_row);

      adw_preferences_group_add (self->checks_group, expander);
      self->expander_rows[i] = expander;

      /* The findings show under the question, open or closed. */
      field = hab_page_bind_choice (page, answer_row, answer_path, answer_keys, answer_labels);
      hab_field_set_row (field, expander);
      hab_page_bind (page, HAB_FIELD_TEXT, notes_row, notes_path);
    }
}
