/* hab-choice-row.c: a row to choose one of a few items, whose list is made
 * when first opened.
 *
 * It looks and behaves as libadwaita 1.2's AdwComboRow: the choice beside
 * the arrow (or, with use-subtitle, as the row's subtitle), a popover
 * listing the items with a check mark on the chosen one, the combo box role
 * and the choice as the accessible value. AdwComboRow builds that popover, its scrolled
 * window, two list views and a widget for every item as soon as it has a
 * model, drawn or not: 3.9 M instructions a row, four of them on the
 * Parcours step (a fifth of what the window's first frame adds to an empty
 * window's), 45 on the Sécurité step. Here the row holds its labels, and
 * the popover is made the first time it opens.
 *
 * With wrap set, the items wrap instead of being cut after 20 characters
 * (for labels such as “DGFiP Security Questionnaire”).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-choice-row"

#include "config.h"

#include "hab-choice-row.h"

struct _HabChoiceRow
{
  AdwActionRow       parent_instance;

  GtkStringList     *labels;
  guint              selected;     /* GTK_INVALID_LIST_POSITION without items */
  gboolean           wrap;
  gboolean           use_subtitle;

  GtkWidget         *current;      /* the choice beside the arrow */
  GtkWidget         *arrow_box;
  GtkPopover        *popover;      /* made when first opened */
  GtkListView       *list;
  GtkSingleSelection *list_selection;
};

G_DEFINE_FINAL_TYPE (HabChoiceRow, hab_choice_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_WRAP,
  PROP_USE_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
selected_label (HabChoiceRow *self)
{
  if (self->selected >= g_list_model_get_n_items (G_LIST_MODEL (self->labels)))
    return NULL;

  return gtk_string_list_get_string (self->labels, self->selected);
}

static void
update_shown_choice (HabChoiceRow *self)
{
  const char *label = selected_label (self);

  if (self->use_subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), label);
  else
    gtk_label_set_label (GTK_LABEL (self->current), label);

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);

  if (self->list_selection != NULL)
    gtk_single_selection_set_selected (self->list_selection, self->selected);
}

/* The popover's items */

static void
update_check_mark (HabChoiceRow *self,
                   GParamSpec   *pspec,
                   GtkListItem  *item)
{
  GtkWidget *mark = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (mark, gtk_list_item_get_position (item) == self->selected ? 1.0 : 0.0);
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               HabChoiceRow             *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *mark = g_object_new (GTK_TYPE_IMAGE,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "icon-name", "object-select-symbolic",
                                  NULL);
  GtkWidget *box;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (self->wrap)
    {
      /* A grid: a horizontal box lays a wrapping label out many times
       * over. */
      box = gtk_grid_new ();
      gtk_grid_set_column_spacing (GTK_GRID (box), 6);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (GTK_GRID (box), label, 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (box), mark, 1, 0, 1, 1);
    }
  else
    {
      /* As AdwComboRow's own items. */
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_label_set_width_chars (GTK_LABEL (label), 1);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), mark);
    }

  gtk_list_item_set_child (item, box);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              HabChoiceRow             *self)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
  g_signal_connect (self, "notify::selected", G_CALLBACK (update_check_mark), item);
  update_check_mark (self, NULL, item);
}

static void
item_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HabChoiceRow             *self)
{
  g_signal_handlers_disconnect_by_func (self, update_check_mark, item);
}

static void
list_activate_cb (HabChoiceRow *self,
                  guint         position)
{
  gtk_popover_popdown (self->popover);
  hab_choice_row_set_selected (self, position);
}

static void
popover_visible_cb (HabChoiceRow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_widget_add_css_class (GTK_WIDGET (self), "has-open-popup");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "has-open-popup");
}

static void
ensure_popover (HabChoiceRow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkSelectionModel *model;
  GtkWidget *scrolled;

  if (self->popover != NULL)
    return;

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (item_unbind_cb), self);

  self->list_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->labels)));
  gtk_single_selection_set_autoselect (self->list_selection, FALSE);
  gtk_single_selection_set_selected (self->list_selection, self->selected);

  model = g_object_ref (GTK_SELECTION_MODEL (self->list_selection));
  self->list = GTK_LIST_VIEW (gtk_list_view_new (model, g_steal_pointer (&factory)));
  gtk_list_view_set_single_click_activate (self->list, TRUE);
  g_signal_connect_swapped (self->list, "activate", G_CALLBACK (list_activate_cb), self);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 400);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->popover), "menu");
  gtk_popover_set_child (self->popover, scrolled);
  g_signal_connect_swapped (self->popover, "notify::visible", G_CALLBACK (popover_visible_cb),
                            self);
  gtk_box_append (GTK_BOX (self->arrow_box), GTK_WIDGET (self->popover));
}

static void
hab_choice_row_activate (AdwActionRow *row)
{
  HabChoiceRow *self = HAB_CHOICE_ROW (row);

  if (!gtk_widget_get_visible (self->arrow_box))
    return;

  ensure_popover (self);
  gtk_popover_popup (self->popover);
}

/* GObject */

static void
hab_choice_row_dispose (GObject *object)
{
  HabChoiceRow *self = HAB_CHOICE_ROW (object);

  if (self->list != NULL)
    gtk_list_view_set_model (self->list, NULL);
  g_clear_object (&self->list_selection);

  G_OBJECT_CLASS (hab_choice_row_parent_class)->dispose (object);
}

static void
hab_choice_row_finalize (GObject *object)
{
  HabChoiceRow *self = HAB_CHOICE_ROW (object);

  g_clear_object (&self->labels);

  G_OBJECT_CLASS (hab_choice_row_parent_class)->finalize (object);
}

static void
hab_choice_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HabChoiceRow *self = HAB_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;

    case PROP_WRAP:
      g_value_set_boolean (value, self->wrap);
      break;

    case PROP_USE_SUBTITLE:
      g_value_set_boolean (value, self->use_subtitle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_choice_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HabChoiceRow *self = HAB_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      hab_choice_row_set_selected (self, g_value_get_uint (value));
      break;

    case PROP_WRAP:
      hab_choice_row_set_wrap (self, g_value_get_boolean (value));
      break;

    case PROP_USE_SUBTITLE:
      hab_choice_row_set_use_subtitle (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_choice_row_class_init (HabChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwActionRowClass *row_class = ADW_ACTION_ROW_CLASS (klass);

  object_class->dispose = hab_choice_row_dispose;
  object_class->finalize = hab_choice_row_finalize;
  object_class->get_property = hab_choice_row_get_property;
  object_class->set_property = hab_choice_row_set_property;

  row_class->activate = hab_choice_row_activate;

  /**
   * HabChoiceRow:selected:
   *
   * The position of the chosen item, GTK_INVALID_LIST_POSITION without
   * items.
   */
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, GTK_INVALID_LIST_POSITION,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * HabChoiceRow:wrap:
   *
   * Whether the items of the list wrap rather than being cut short.
   */
  properties[PROP_WRAP] =
    g_param_spec_boolean ("wrap", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * HabChoiceRow:use-subtitle:
   *
   * Whether the choice shows as the row's subtitle rather than beside the
   * arrow.
   */
  properties[PROP_USE_SUBTITLE] =
    g_param_spec_boolean ("use-subtitle", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
}

static void
hab_choice_row_init (HabChoiceRow *self)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

  self->labels = gtk_string_list_new (NULL);
  self->selected = GTK_INVALID_LIST_POSITION;

  gtk_widget_add_css_class (GTK_WIDGET (self), "combo");

  /* Where AdwComboRow has a one-item list view, whose row pads it by 2 px. */
  self->current = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->current), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->current), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (self->current), 20);
  gtk_label_set_width_chars (GTK_LABEL (self->current), 1);
  gtk_widget_set_valign (self->current, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (self->current, 2);
  gtk_widget_set_margin_end (self->current, 2);
  gtk_widget_set_margin_top (self->current, 2);
  gtk_widget_set_margin_bottom (self->current, 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->current);

  self->arrow_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (self->arrow_box, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->arrow_box, FALSE);
  gtk_widget_add_css_class (arrow, "dropdown-arrow");
  gtk_box_append (GTK_BOX (self->arrow_box), arrow);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->arrow_box);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

/**
 * hab_choice_row_new:
 *
 * Returns: a row without items
 */
GtkWidget *
hab_choice_row_new (void)
{
  return g_object_new (HAB_TYPE_CHOICE_ROW, NULL);
}

/**
 * hab_choice_row_set_choices:
 * @labels: what each item shows
 *
 * Replaces the items; the first one is chosen.
 */
void
hab_choice_row_set_choices (HabChoiceRow      *self,
                            const char *const *labels)
{
  guint n_old, n_new;

  g_return_if_fail (HAB_IS_CHOICE_ROW (self));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  n_new = labels != NULL ? g_strv_length ((char **) labels) : 0;

  gtk_string_list_splice (self->labels, 0, n_old, labels);

  gtk_widget_set_visible (self->arrow_box, n_new > 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), n_new > 1);

  self->selected = n_new > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  update_shown_choice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

guint
hab_choice_row_get_n_choices (HabChoiceRow *self)
{
  g_return_val_if_fail (HAB_IS_CHOICE_ROW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->labels));
}

guint
hab_choice_row_get_selected (HabChoiceRow *self)
{
  g_return_val_if_fail (HAB_IS_CHOICE_ROW (self), GTK_INVALID_LIST_POSITION);

  return self->selected;
}

/**
 * hab_choice_row_set_selected:
 * @position: an item's position; one past the items chooses none
 */
void
hab_choice_row_set_selected (HabChoiceRow *self,
                             guint         position)
{
  g_return_if_fail (HAB_IS_CHOICE_ROW (self));

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->labels)))
    position = GTK_INVALID_LIST_POSITION;

  if (self->selected == position)
    return;

  self->selected = position;
  update_shown_choice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

gboolean
hab_choice_row_get_use_subtitle (HabChoiceRow *self)
{
  g_return_val_if_fail (HAB_IS_CHOICE_ROW (self), FALSE);

  return self->use_subtitle;
}

void
hab_choice_row_set_use_subtitle (HabChoiceRow *self,
                                 gboolean      use_subtitle)
{
  g_return_if_fail (HAB_IS_CHOICE_ROW (self));

  use_subtitle = !!use_subtitle;
  if (self->use_subtitle == use_subtitle)
    return;

  self->use_subtitle = use_subtitle;
  gtk_widget_set_visible (self->current, !use_subtitle);
  if (use_subtitle)
    gtk_label_set_label (GTK_LABEL (self->current), NULL);
  update_shown_choice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_SUBTITLE]);
}

gboolean
hab_choice_row_get_wrap (HabChoiceRow *self)
{
  g_return_val_if_fail (HAB_IS_CHOICE_ROW (self), FALSE);

  return self->wrap;
}

/**
 * hab_choice_row_set_wrap:
 *
 * Sets whether the items wrap; before the list is first opened.
 */
void
hab_choice_row_set_wrap (HabChoiceRow *self,
                         gboolean      wrap)
{
  g_return_if_fail (HAB_IS_CHOICE_ROW (self));
  g_return_if_fail (self->popover == NULL);

  wrap = !!wrap;
  if (self->wrap == wrap)
    return;

  self->wrap = wrap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRAP]);
}

/**
 * hab_choice_row_get_popover:
 *
 * Returns: (transfer none) (nullable): the list's popover, %NULL until it
 *   was first opened
 */
GtkPopover *
hab_choice_row_get_popover (HabChoiceRow *self)
{
  g_return_val_if_fail (HAB_IS_CHOICE_ROW (self), NULL);

  return self->popover;
}
