/* hab-step-row.c: a step in the sidebar, with its status in words and an
 * icon ("Complete", "2 errors", "1 warning"), never by colour alone.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-step-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-step-row.h"

struct _HabStepRow
{
  GtkListBoxRow  parent_instance;

  HabStep        step;
  GtkImage      *icon;
  GtkLabel      *title_label;
  GtkLabel      *status_label;
  char          *status;
};

G_DEFINE_FINAL_TYPE (HabStepRow, hab_step_row, GTK_TYPE_LIST_BOX_ROW)

static void
hab_step_row_finalize (GObject *object)
{
  HabStepRow *self = (HabStepRow *)object;

  g_free (self->status);

  G_OBJECT_CLASS (hab_step_row_parent_class)->finalize (object);
}

static void
hab_step_row_class_init (HabStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hab_step_row_finalize;
}

static void
hab_step_row_init (HabStepRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_use_underline (self->title_label, FALSE);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->title_label));

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  /* Styled as a row's subtitle (smaller, dimmed), as libadwaita's rows
   * beside it: the same size of text as their subtitles, one font less to
   * prepare and draw (.caption is 9 points, whatever the text size). */
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "subtitle");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (self->status_label));

  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
}

GtkWidget *
hab_step_row_new (HabStep step)
{
  HabStepRow *self = g_object_new (HAB_TYPE_STEP_ROW, NULL);

  self->step = step;
  gtk_label_set_label (self->title_label, hab_step_get_title (step));
  hab_step_row_set_counts (self, 0, 0, TRUE);

  return GTK_WIDGET (self);
}

HabStep
hab_step_row_get_step (HabStepRow *self)
{
  g_return_val_if_fail (HAB_IS_STEP_ROW (self), 0);

  return self->step;
}

/**
 * hab_step_row_set_counts:
 * @applicable: FALSE when the step does not apply to this dossier (e.g. the
 *   editor's checks in in-house mode)
 */
void
hab_step_row_set_counts (HabStepRow *self,
                         guint       n_errors,
                         guint       n_warnings,
                         gboolean    applicable)
{
  g_autofree char *accessible = NULL;
  const char *icon;

  g_return_if_fail (HAB_IS_STEP_ROW (self));

  g_free (self->status);
  if (!applicable)
    {
      self->status = g_strdup (_("Not applicable"));
      icon = "action-unavailable-symbolic";
    }
  else if (n_errors > 0)
    {
      self->status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                   n_errors), n_errors);
      icon = "dialog-error-symbolic";
    }
  else if (n_warnings > 0)
    {
      self->status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                   n_warnings), n_warnings);
      icon = "dialog-warning-symbolic";
    }
  else
    {
      self->status = g_strdup (_("Complete"));
      icon = "emblem-ok-symbolic";
    }

  gtk_label_set_label (self->status_label, self->status);
  gtk_image_set_from_icon_name (self->icon, icon);

  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "success");
  if (applicable)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon),
                              n_errors > 0 ? "error" : n_warnings > 0 ? "warning" : "success");

  /* Translators: a sidebar row as a screen reader says it: "Acteurs, 2 errors" */
  accessible = g_strdup_printf (_("%s, %s"), hab_step_get_title (self->step), self->status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

const char *
hab_step_row_get_status (HabStepRow *self)
{
  g_return_val_if_fail (HAB_IS_STEP_ROW (self), NULL);

  return self->status;
}
