/* hab-group-header.c: preferences group descriptions laid out once.
 *
 * libadwaita 1.2 puts a group's title and description in a vertical box
 * beside the header suffix, in a horizontal box. GTK 4.8 measures a
 * horizontal box for a given width by asking its children for their
 * width at their minimum height, and a vertical box answers that by
 * searching widths, laying the wrapping description out at each one it
 * tries: one description of the Parcours page was laid out 68 times
 * before the first frame, a quarter of the text layout of that frame.
 *
 * A group's description is therefore shown by a label of ours, first in
 * the group's content (a vertical box, measured for its width only),
 * right under the title; libadwaita's own description stays empty. The
 * group's "description" of a .ui file is moved to the label when the
 * group is fitted, and so is one set later; the code sets descriptions
 * with hab_group_header_set_description(), which also clears them
 * (libadwaita's own description, being empty already, would not tell).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hab-group-header.h"

#define LABEL_KEY    "hab-group-header-label"
#define CLEARING_KEY "hab-group-header-clearing"

static void
description_changed_cb (AdwPreferencesGroup *group)
{
  const char *description = adw_preferences_group_get_description (group);
  GtkWidget *label = g_object_get_data (G_OBJECT (group), LABEL_KEY);
  guint clearing = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), CLEARING_KEY));

  if (description == NULL || *description == '\0')
    {
      /* Our own clearing below: the notification may come once the
       * handler has returned (GObject queues it in a notify handler). */
      if (clearing > 0)
        {
          g_object_set_data (G_OBJECT (group), CLEARING_KEY, GUINT_TO_POINTER (clearing - 1));
          return;
        }

      gtk_widget_set_visible (label, FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (group), "hab-described");
      return;
    }

  /* libadwaita gives the description as its label shows it, markup
   * parsed (our descriptions are escaped text, without tags). */
  gtk_label_set_text (GTK_LABEL (label), description);
  gtk_widget_set_visible (label, TRUE);
  /* style.css: the header keeps the spacing of a described one. */
  gtk_widget_add_css_class (GTK_WIDGET (group), "hab-described");

  g_object_set_data (G_OBJECT (group), CLEARING_KEY, GUINT_TO_POINTER (clearing + 1));
  adw_preferences_group_set_description (group, NULL);
}

/**
 * hab_group_header_fit:
 *
 * Shows @group's description, now and whenever it is set, in a label of
 * ours under its title. Does nothing twice, or where the group's content
 * is not a box (another libadwaita).
 */
void
hab_group_header_fit (AdwPreferencesGroup *group)
{
  GtkWidget *label, *content;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  if (g_object_get_data (G_OBJECT (group), LABEL_KEY) != NULL
      || g_object_get_data (G_OBJECT (group), "hab-group-header-unfit") != NULL)
    return;

  label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "hab-group-description");
  gtk_widget_set_visible (label, FALSE);

  adw_preferences_group_add (group, label);
  content = gtk_widget_get_parent (label);
  if (!GTK_IS_BOX (content))
    {
      adw_preferences_group_remove (group, label);
      g_object_set_data (G_OBJECT (group), "hab-group-header-unfit", GINT_TO_POINTER (TRUE));
      return;
    }
  gtk_box_reorder_child_after (GTK_BOX (content), label, NULL);

  g_object_set_data (G_OBJECT (group), LABEL_KEY, label);
  g_signal_connect (group, "notify::description", G_CALLBACK (description_changed_cb), NULL);
  description_changed_cb (group);
}

/**
 * hab_group_header_set_description:
 * @description: (nullable): Pango markup, as adw_preferences_group_set_description()
 *
 * Sets @group's description, in our label when the group is fitted.
 */
void
hab_group_header_set_description (AdwPreferencesGroup *group,
                                  const char          *description)
{
  GtkWidget *label;

  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));

  hab_group_header_fit (group);
  label = g_object_get_data (G_OBJECT (group), LABEL_KEY);
  if (label == NULL)
    {
      adw_preferences_group_set_description (group, description);
      return;
    }

  gtk_label_set_markup (GTK_LABEL (label), description != NULL ? description : "");
  gtk_widget_set_visible (label, description != NULL && *description != '\0');
  if (gtk_widget_get_visible (label))
    gtk_widget_add_css_class (GTK_WIDGET (group), "hab-described");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (group), "hab-described");
}

/**
 * hab_group_header_fit_all:
 *
 * hab_group_header_fit() on every preferences group inside @root.
 */
void
hab_group_header_fit_all (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PREFERENCES_GROUP (root))
    {
      hab_group_header_fit (ADW_PREFERENCES_GROUP (root));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hab_group_header_fit_all (child);
}
