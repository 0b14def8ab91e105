/* hab-text-row.c: a preferences row for long texts (several lines).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-text-row"

#include "config.h"

#include "hab-text-row.h"

struct _HabTextRow
{
  AdwPreferencesRow  parent_instance;

  GtkLabel          *title_label;
  GtkLabel          *hint_label;
  GtkTextView       *view;
};

G_DEFINE_FINAL_TYPE (HabTextRow, hab_text_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_HINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
title_changed_cb (HabTextRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));

  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  /* The row takes the focus on its way to the text: name it too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

static void
row_activate_cb (HabTextRow *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
hab_text_row_grab_focus (GtkWidget *widget)
{
  HabTextRow *self = HAB_TEXT_ROW (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static gboolean
hab_text_row_focus (GtkWidget        *widget,
                    GtkDirectionType  direction)
{
  HabTextRow *self = HAB_TEXT_ROW (widget);

  /* Shift+Tab out of the text: GtkListBoxRow would give the focus to the
   * row, which gives it back to the text, and the focus could never go
   * back past it. Leave the row, as Tab does the other way. */
  if (direction == GTK_DIR_TAB_BACKWARD && gtk_widget_has_focus (GTK_WIDGET (self->view)))
    return FALSE;

  return GTK_WIDGET_CLASS (hab_text_row_parent_class)->focus (widget, direction);
}

static void
hab_text_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HabTextRow *self = HAB_TEXT_ROW (object);

  switch (prop_id)
    {
    case PROP_HINT:
      g_value_set_string (value, gtk_label_get_label (self->hint_label));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_text_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HabTextRow *self = HAB_TEXT_ROW (object);

  switch (prop_id)
    {
    case PROP_HINT:
      {
        const char *hint = g_value_get_string (value);

        gtk_label_set_label (self->hint_label, hint ? hint : "");
        gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL && *hint != '\0');
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, hint ? hint : "",
                                        -1);
        g_object_notify_by_pspec (object, pspec);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_text_row_class_init (HabTextRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hab_text_row_get_property;
  object_class->set_property = hab_text_row_set_property;
  widget_class->grab_focus = hab_text_row_grab_focus;
  widget_class->focus = hab_text_row_focus;

  /**
   * HabTextRow:hint:
   *
   * A line under the title saying what to write (e.g. the seed's example).
   */
  properties[PROP_HINT] =
    g_param_spec_string ("hint", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-text-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HabTextRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HabTextRow, hint_label);
  gtk_widget_class_bind_template_child (widget_class, HabTextRow, view);
}

static void
hab_text_row_init (HabTextRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "activate", G_CALLBACK (row_activate_cb), NULL);
}

GtkWidget *
hab_text_row_new (void)
{
  return g_object_new (HAB_TYPE_TEXT_ROW, NULL);
}

GtkTextBuffer *
hab_text_row_get_buffer (HabTextRow *self)
{
  g_return_val_if_fail (HAB_IS_TEXT_ROW (self), NULL);

  return gtk_text_view_get_buffer (self->view);
}

GtkWidget *
hab_text_row_get_view (HabTextRow *self)
{
  g_return_val_if_fail (HAB_IS_TEXT_ROW (self), NULL);

  return GTK_WIDGET (self->view);
}

char *
hab_text_row_dup_text (HabTextRow *self)
{
  GtkTextBuffer *buffer = hab_text_row_get_buffer (self);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
hab_text_row_set_text (HabTextRow *self,
                       const char *text)
{
  g_return_if_fail (HAB_IS_TEXT_ROW (self));

  gtk_text_buffer_set_text (hab_text_row_get_buffer (self), text ? text : "", -1);
}
