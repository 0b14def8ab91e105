/* hab-page-layout.c: a step page's height does not depend on its content.
 *
 * Every step page holds an AdwPreferencesPage, whose content scrolls: the
 * least height it needs is its vertical scrollbar's, whatever it holds.
 * GTK 4.8's scrolled window still measures the height of its whole content
 * (libadwaita 1.2 has it propagate the content's natural height). While GTK
 * sizes the window, that measure comes at a width the page will not have:
 * libadwaita 1.2's leaflet hands each child the width of the whole leaflet
 * when asked for a height, and AdwClamp turns an unknown width into its
 * widest. Every wrapping label of the page was laid out at that width
 * before being laid out at the page's own: 6.6 M instructions of the first
 * frame on the Parcours page, and again each time the window is sized.
 *
 * This layout lays out its child as GtkBinLayout does, but gives a
 * preferences page's least height, its scrollbar's, as its height, without
 * asking the content. The natural height it leaves out served only a
 * window without a size of its own, which ours never is (it has a default
 * size), and a page always expands to fill what the window gives. A child
 * of another kind is measured as usual. The page's size trades nothing
 * between width and height (GTK_SIZE_REQUEST_CONSTANT_SIZE): its width is
 * its content's minimum width, whatever its height, as the content scrolls.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "hab-page-layout.h"

struct _HabPageLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (HabPageLayout, hab_page_layout, GTK_TYPE_LAYOUT_MANAGER)

static GtkSizeRequestMode
hab_page_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* The height a preferences page asks for, but for its content: that of
 * its scrolled window's vertical scrollbar. FALSE if @child is not a
 * preferences page holding a scrolled window. */
static gboolean
measure_scrolled_height (GtkWidget *child,
                         int       *minimum,
                         int       *natural)
{
  GtkWidget *scrolled;
  GtkWidget *scrollbar;

  if (!ADW_IS_PREFERENCES_PAGE (child))
    return FALSE;

  scrolled = gtk_widget_get_first_child (child);
  if (!GTK_IS_SCROLLED_WINDOW (scrolled))
    return FALSE;

  scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled));
  gtk_widget_measure (scrollbar, GTK_ORIENTATION_VERTICAL, -1, minimum, natural, NULL, NULL);
  *natural = *minimum;

  return TRUE;
}

static void
hab_page_layout_measure (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         GtkOrientation    orientation,
                         int               for_size,
                         int              *minimum,
                         int              *natural,
                         int              *minimum_baseline,
                         int              *natural_baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_HORIZONTAL
          || !measure_scrolled_height (child, &child_min, &child_nat))
        gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);

      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
hab_page_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_should_layout (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }
}

static void
hab_page_layout_class_init (HabPageLayoutClass *klass)
{
  GtkLayoutManagerClass *manager_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  manager_class->get_request_mode = hab_page_layout_get_request_mode;
  manager_class->measure = hab_page_layout_measure;
  manager_class->allocate = hab_page_layout_allocate;
}

static void
hab_page_layout_init (HabPageLayout *self)
{
}
