/* empty-window.c: the floor of the start-up benchmark.
 *
 * An AdwApplicationWindow holding an empty AdwLeaflet, which prints the
 * time of its first frame and quits right after it, as `habilitation` does
 * with HAB_QUIT_AFTER_FIRST_FRAME=1. tests/bench/run.sh measures both.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *application)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, application);
  /* As habilitation: the time of the first frame, for tests/bench/run.sh */
  g_printerr ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_real_time ());
  g_application_quit (application);
}

static void
window_realize_cb (GtkWidget    *window,
                   GApplication *application)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), application);
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), adw_leaflet_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application =
    adw_application_new ("org.gnome.Habilitation.BenchEmptyWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
