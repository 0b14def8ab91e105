/* hab-a11y.c: what GTK 4.8 does not tell assistive technologies by itself.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-a11y"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "hab-a11y.h"

static void
sync_stack (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child == visible)
        gtk_accessible_reset_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN);
      else
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
}

/**
 * hab_a11y_track_stack:
 *
 * GTK 4.8 keeps every page of a stack in the accessibility tree, the pages
 * the stack does not show too, and marks none as not showing: a screen
 * reader would read them all as if they were on screen. Hide the pages the
 * stack does not show, now and whenever it shows another one.
 */
void
hab_a11y_track_stack (GtkStack *stack)
{
  g_return_if_fail (GTK_IS_STACK (stack));

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (sync_stack), NULL);
  sync_stack (stack);
}

static void
name_button (GtkButton *button)
{
  GtkWidget *widget = GTK_WIDGET (button);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  const char *label = gtk_button_get_label (button);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  g_autofree char *name = NULL;

  if (label != NULL && *label != '\0')
    {
      /* Named by the text of its label, without the underscore. */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  else if (tooltip != NULL && *tooltip != '\0')
    name = g_strdup (tooltip);
  else if (GTK_IS_MENU_BUTTON (parent) && gtk_widget_get_tooltip_text (parent) != NULL)
    name = g_strdup (gtk_widget_get_tooltip_text (parent));
  else if (g_strcmp0 (gtk_button_get_icon_name (button), "window-close-symbolic") == 0)
    /* Translators: the name a screen reader gives to a button that closes
     * a notification */
    name = g_strdup (_("Close"));

  if (name == NULL)
    return;

  /* The button inside a menu button is labelled by the menu button. */
  if (GTK_IS_MENU_BUTTON (parent))
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
name_expander_row (AdwExpanderRow *row)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
}

/**
 * hab_a11y_name_buttons:
 * @root: a widget
 *
 * GTK 4.8 names a button by its label with the mnemonic's underscore and
 * then again by the label's text ("_Save Save"), and an icon button or
 * a menu button by its type name ("GtkMenuButton"), its tooltip being
 * only its description. Gives every button under @root the name a screen
 * reader should say: its label without the underscore, or its tooltip.
 * libadwaita 1.2 gives an expander row, which takes the focus, no name:
 * it gets its title, now and when the title changes.
 */
void
hab_a11y_name_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root))
    name_button (GTK_BUTTON (root));

  if (ADW_IS_EXPANDER_ROW (root) && g_object_get_data (G_OBJECT (root), "hab-a11y-named") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "hab-a11y-named", GINT_TO_POINTER (TRUE));
      g_signal_connect (root, "notify::title", G_CALLBACK (name_expander_row), NULL);
      name_expander_row (ADW_EXPANDER_ROW (root));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    hab_a11y_name_buttons (child);
}

static void
children_changed_cb (GListModel *children,
                     guint       position,
                     guint       removed,
                     guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      hab_a11y_name_buttons (child);
    }
}

/**
 * hab_a11y_button_set_label:
 *
 * gtk_button_set_label(), and the name hab_a11y_name_buttons() gives: GTK
 * 4.8 names the button by the raw label again each time it changes.
 */
void
hab_a11y_button_set_label (GtkButton  *button,
                           const char *label)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_button_set_label (button, label);
  name_button (button);
}

/**
 * hab_a11y_watch_children:
 * @widget: a widget whose children come and go, such as a toast overlay
 *
 * Names the buttons of every child added to @widget from now on, with
 * hab_a11y_name_buttons(): a toast's buttons, for instance, which
 * libadwaita 1.2 makes with a mnemonic and an unnamed close button.
 */
void
hab_a11y_watch_children (GtkWidget *widget)
{
  GListModel *children;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  children = gtk_widget_observe_children (widget);
  g_signal_connect (children, "items-changed", G_CALLBACK (children_changed_cb), NULL);
  /* The model lives as long as the widget. */
  g_object_set_data_full (G_OBJECT (widget), "hab-a11y-children", children, g_object_unref);
}
