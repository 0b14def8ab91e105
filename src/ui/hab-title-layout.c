/* hab-title-layout.c: the titles of libadwaita's rows and groups laid out
 * once.
 *
 * libadwaita 1.2 puts a row's title and subtitle in a vertical box (the
 * "title" box) between the prefixes and the suffixes, in a horizontal
 * box; and a preferences group's title and description in a vertical box
 * (the "labels" box) beside the header suffix, in a horizontal box. At
 * each allocation, GTK 4.8's horizontal box asks its children for their
 * width at the height it gives them, and the vertical box answers that by
 * searching widths, asking its wrapping labels for their height at each
 * width it tries: a dozen layouts of each text per height asked. That was
 * most of the text layout of the first frame (some 240 layouts of twelve
 * short labels on the Parcours page, and one group description laid out
 * 68 times), and most of the time the Données step took to appear the
 * first time, a quarter of a second.
 *
 * Those boxes get this layout manager, which keeps the box's own
 * GtkBoxLayout and hands everything to it, but asks it for the box's
 * width without a height: what the row or the header needs, its height
 * following from the width it gets. Both boxes expand, so they look and
 * wrap as before. (A box that does not expand would not: its width for a
 * height is what its parent gives it.)
 *
 * Their labels wrap between words (PANGO_WRAP_WORD) rather than anywhere
 * (libadwaita's PANGO_WRAP_WORD_CHAR) unless a word of theirs is long
 * enough to be an address or a checksum. GTK measures a label's minimum
 * width by laying it out as narrow as it goes: with WORD_CHAR, one
 * character a line, and Pango shapes each character again on its own,
 * with the hyphen it would add: half the text shaping of the first frame
 * (953 of 2,064 shapings). Between words, the lines hold whole words and
 * nothing is shaped again. A label breaks inside a word only when the
 * word does not fit a line alone, and a label is never given less width
 * than its longest word: with words kept short, the pixels are the same.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "hab-title-layout.h"

struct _HabTitleLayout
{
  GtkLayoutManager  parent_instance;

  GtkLayoutManager *box_layout;   /* the title box's own, which does the work */
};

G_DEFINE_FINAL_TYPE (HabTitleLayout, hab_title_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
hab_title_layout_get_request_mode (GtkLayoutManager *manager,
                                   GtkWidget        *widget)
{
  HabTitleLayout *self = HAB_TITLE_LAYOUT (manager);

  return GTK_LAYOUT_MANAGER_GET_CLASS (self->box_layout)->get_request_mode (self->box_layout, widget);
}

static void
hab_title_layout_measure (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          GtkOrientation    orientation,
                          int               for_size,
                          int              *minimum,
                          int              *natural,
                          int              *minimum_baseline,
                          int              *natural_baseline)
{
  HabTitleLayout *self = HAB_TITLE_LAYOUT (manager);

  /* The width, whatever the height: no search. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    for_size = -1;

  gtk_layout_manager_measure (self->box_layout, widget, orientation, for_size, minimum, natural,
                              minimum_baseline, natural_baseline);
}

static void
hab_title_layout_allocate (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           int               width,
                           int               height,
                           int               baseline)
{
  HabTitleLayout *self = HAB_TITLE_LAYOUT (manager);

  gtk_layout_manager_allocate (self->box_layout, widget, width, height, baseline);
}

static void
hab_title_layout_dispose (GObject *object)
{
  HabTitleLayout *self = HAB_TITLE_LAYOUT (object);

  g_clear_object (&self->box_layout);

  G_OBJECT_CLASS (hab_title_layout_parent_class)->dispose (object);
}

static void
hab_title_layout_class_init (HabTitleLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = hab_title_layout_dispose;

  manager_class->get_request_mode = hab_title_layout_get_request_mode;
  manager_class->measure = hab_title_layout_measure;
  manager_class->allocate = hab_title_layout_allocate;
}

static void
hab_title_layout_init (HabTitleLayout *self)
{
}

/* In characters: longer, a stretch that Pango cannot break may be an
 * address or a checksum typed in, which must still break anywhere in a
 * narrow window. Sixteen characters of a title take some 150 pixels,
 * which a row keeps beside its icons and buttons at the narrowest width of
 * the window. */
#define LONGEST_WORD 16

/* Whether some stretch of @text between two places where Pango may break
 * a line (spaces, and after a hyphen or a slash before a letter, as in
 * file names) is longer than LONGEST_WORD characters, spaces aside. */
static gboolean
has_long_word (const char *text)
{
  int n_chars = g_utf8_strlen (text, -1);
  g_autofree PangoLogAttr *attrs = NULL;
  int length = 0;

  if (n_chars <= LONGEST_WORD)
    return FALSE;

  attrs = g_new (PangoLogAttr, n_chars + 1);
  pango_get_log_attrs (text, -1, -1, pango_language_get_default (), attrs, n_chars + 1);
  for (int i = 0; i < n_chars; i++)
    {
      /* No-break spaces join words (« n° 2026 »): not counted, no break. */
      if (attrs[i].is_line_break)
        length = 0;
      if (!attrs[i].is_white && ++length > LONGEST_WORD)
        return TRUE;
    }

  return FALSE;
}

static void
wrap_between_words (GtkLabel *label)
{
  gtk_label_set_wrap_mode (label, has_long_word (gtk_label_get_text (label)) ? PANGO_WRAP_WORD_CHAR
                                                                             : PANGO_WRAP_WORD);
}

static void
label_changed_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  wrap_between_words (label);
}

/* The title and subtitle of a row, the title and description of a group. */
static void
fit_labels (GtkWidget *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)))
      {
        wrap_between_words (GTK_LABEL (child));
        g_signal_connect (child, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      }
}

static gboolean
is_vertical_box (GtkWidget *widget)
{
  return GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (widget))
         && gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) == GTK_ORIENTATION_VERTICAL;
}

/* Cheapest checks first: this runs after each edit, over the whole page. */
static gboolean
is_title_box (GtkWidget *widget)
{
  GtkWidget *header;

  if (!GTK_IS_BOX (widget))
    return FALSE;

  /* A row's title and subtitle. */
  if (gtk_widget_has_css_class (widget, "title"))
    return is_vertical_box (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW) != NULL;

  /* A group's title and description: group > box > box.header > box.labels */
  if (gtk_widget_has_css_class (widget, "labels"))
    {
      header = gtk_widget_get_parent (widget);
      return header != NULL && gtk_widget_has_css_class (header, "header") && is_vertical_box (widget)
             && gtk_widget_get_parent (header) != NULL
             && ADW_IS_PREFERENCES_GROUP (gtk_widget_get_parent (gtk_widget_get_parent (header)));
    }

  return FALSE;
}

/* The list of a folded expander row.
 *
 * GTK 4.8's GtkRevealer, folded, still asks its child for its height at
 * each width it is itself asked for, then scales it to nothing: the rows of
 * every folded AdwExpanderRow were laid out with the page, some of them
 * many times over (a third of the instructions of the first visit of the
 * Synthèse step, for its DataPass fields, none of them shown). The list is
 * hidden while folded: shown as the row unfolds, hidden once it has
 * folded. */
static void
revealer_cb (GtkRevealer *revealer,
             GParamSpec  *pspec,
             gpointer     user_data)
{
  GtkWidget *list = gtk_revealer_get_child (revealer);

  if (list != NULL)
    gtk_widget_set_visible (list, gtk_revealer_get_reveal_child (revealer)
                                  || gtk_revealer_get_child_revealed (revealer));
}

/* libadwaita 1.2's expander row: row > box > (row.header, revealer > list). */
static void
fit_expander (GtkWidget *expander)
{
  GtkWidget *box = gtk_widget_get_first_child (expander);

  if (box == NULL || g_object_get_data (G_OBJECT (expander), "hab-fitted") != NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_REVEALER (child))
      {
        g_object_set_data (G_OBJECT (expander), "hab-fitted", GINT_TO_POINTER (TRUE));
        g_signal_connect (child, "notify::reveal-child", G_CALLBACK (revealer_cb), NULL);
        g_signal_connect (child, "notify::child-revealed", G_CALLBACK (revealer_cb), NULL);
        revealer_cb (GTK_REVEALER (child), NULL, NULL);
        return;
      }
}

/**
 * hab_title_layout_fit:
 *
 * Gives a #HabTitleLayout to the title boxes of the libadwaita rows, and to
 * the header boxes of the preferences groups, inside @root that have none
 * yet, and makes their labels wrap between words unless a word is long;
 * hides the list of each expander row while it is folded. Call it once
 * rows or groups are added.
 */
void
hab_title_layout_fit (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_title_box (child))
        {
          HabTitleLayout *layout = g_object_new (HAB_TYPE_TITLE_LAYOUT, NULL);

          layout->box_layout = g_object_ref (gtk_widget_get_layout_manager (child));
          gtk_widget_set_layout_manager (child, GTK_LAYOUT_MANAGER (layout));
          fit_labels (child);
        }
      else
        {
          if (ADW_IS_EXPANDER_ROW (child))
            fit_expander (child);
          hab_title_layout_fit (child);
        }
    }
}
