/* hab-page-projet.c: the Projet step (DESIGN §2.3).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-projet"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-attachment-row.h"
#include "hab-page-projet.h"
#include "hab-text-row.h"

struct _HabPageProjet
{
  HabPage              parent_instance;

  AdwPreferencesGroup *problems_group;
  GtkWidget           *title_row;
  GtkWidget           *description_row;
  GtkWidget           *objective_row;
  GtkWidget           *data_usage_row;
  GtkWidget           *editor_group;
  GtkWidget           *editor_name_row;
  GtkWidget           *editor_software_row;
  GtkWidget           *progress_row;
  GtkWidget           *planned_date_row;
  GtkWidget           *yearly_volume_row;
  GtkWidget           *mockup_row;
};

G_DEFINE_FINAL_TYPE (HabPageProjet, hab_page_projet, HAB_TYPE_PAGE)

static void
hab_page_projet_dossier_changed (HabPage    *page,
                                 const char *path)
{
  HabPageProjet *self = HAB_PAGE_PROJET (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  gboolean editor = g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;

  /* The editor and its software only matter when an editor develops it. */
  gtk_widget_set_visible (self->editor_group, editor);
}

static void
hab_page_projet_dispose (GObject *object)
{
  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_PROJET);

  G_OBJECT_CLASS (hab_page_projet_parent_class)->dispose (object);
}

static void
hab_page_projet_class_init (HabPageProjetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_projet_dispose;
  page_class->dossier_changed = hab_page_projet_dossier_changed;

  g_type_ensure (HAB_TYPE_TEXT_ROW);
  g_type_ensure (HAB_TYPE_ATTACHMENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-projet.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, title_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, description_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, objective_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, data_usage_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, editor_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, editor_name_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, editor_software_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, progress_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, planned_date_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, yearly_volume_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageProjet, mockup_row);
}

static void
hab_page_projet_init (HabPageProjet *self)
{
  HabPage *page = HAB_PAGE (self);
  static const char *const progress_keys[] = { "", "reflexion", "conception", "developpement", NULL };
  const char *progress_labels[] = {
    _("Not Given"), _("Réflexion"), _("Conception"), _("Développement"), NULL
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  hab_page_bind (page, HAB_FIELD_TEXT, self->title_row, "project.title");
  hab_page_bind (page, HAB_FIELD_TEXT, self->description_row, "project.description");
  hab_page_bind (page, HAB_FIELD_TEXT, self->objective_row, "project.objective");
  hab_page_bind (page, HAB_FIELD_TEXT, self->data_usage_row, "project.data_usage");
  hab_page_bind (page, HAB_FIELD_TEXT, self->editor_name_row, "project.editor_name");
  hab_page_bind (page, HAB_FIELD_TEXT, self->editor_software_row, "project.editor_software");
  hab_page_bind_choice (page, self->progress_row, "project.progress", progress_keys, progress_labels);
  hab_page_bind (page, HAB_FIELD_DATE, self->planned_date_row, "project.planned_production_date");
  hab_page_bind (page, HAB_FIELD_TEXT, self->yearly_volume_row, "project.yearly_volume");
  hab_page_bind (page, HAB_FIELD_ATTACHMENT, self->mockup_row, "project.mockup");
}
