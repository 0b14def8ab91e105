/* bench-keystroke.c: keystroke to updated sidebar, in the running window.
 *
 * Opens a HabWindow on a dossier (the largest example by default), shows the
 * Projet step and, for 200 keystrokes into the title row (a character typed,
 * then erased), measures the time from the keystroke to the end of the frame
 * that shows the sidebar updated by it: the edit goes through the row's
 * GtkEditable as a key press's commit does, HabField writes the dossier, the
 * window validates and updates the sidebar, and the frame clock paints.
 * Prints the median and the worst, in ms and as a share of a 16.7 ms frame.
 *
 * Not part of the test suite: tests/bench/run.sh runs it under Xvfb.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "bench-common.h"
#include "hab-window.h"
#include "hab-field.h"
#include "hab-page.h"

#define FRAME_MS (1000.0 / 60.0)
#define KEYSTROKES 200
#define PAUSE_MS 40          /* between keystrokes: a fast typist */

typedef struct
{
  HabWindow    *window;
  GtkEditable  *editable;
  GMainLoop    *loop;
  guint         done;
  gint64        sent;        /* 0 when no keystroke is waiting for its frame */
  gboolean      validated;   /* the dossier changed (and the sidebar updated) */
  double        samples[KEYSTROKES];
} Bench;

static gboolean
keystroke_cb (gpointer user_data)
{
  Bench *bench = user_data;
  int pos = -1;

  bench->validated = FALSE;
  bench->sent = g_get_monotonic_time ();
  if (bench->done % 2 == 0)
    gtk_editable_insert_text (bench->editable, "x", 1, &pos);
  else
    {
      int length = (int) g_utf8_strlen (gtk_editable_get_text (bench->editable), -1);
      gtk_editable_delete_text (bench->editable, length - 1, length);
    }

  return G_SOURCE_REMOVE;
}

static void
dossier_changed_cb (HabDossier *dossier,
                    const char *path,
                    Bench      *bench)
{
  bench->validated = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  if (bench->sent == 0 || !bench->validated)
    return;

  bench->samples[bench->done++] = (g_get_monotonic_time () - bench->sent) / 1000.0;
  bench->sent = 0;

  if (bench->done == KEYSTROKES)
    g_main_loop_quit (bench->loop);
  else
    g_timeout_add (PAUSE_MS, keystroke_cb, bench);
}

static gboolean
start_cb (gpointer user_data)
{
  Bench *bench = user_data;

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), bench);
  keystroke_cb (bench);
  return G_SOURCE_REMOVE;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  Bench *bench = user_data;

  g_printerr ("bench-keystroke: no frame after keystroke %u in 60 s\n", bench->done + 1);
  exit (1);
  return G_SOURCE_REMOVE;
}

static void
isolate_dirs (void)
{
  static const char *const variables[] = {
    "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("hab-bench-XXXXXX", &error);

  if (root == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (root, variables[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (variables[i], dir, TRUE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GPtrArray *fields;
  Bench bench = { 0 };
  double sorted[KEYSTROKES];

  isolate_dirs ();
  g_set_prgname ("bench-keystroke");
  g_set_application_name ("Habilitation keystroke benchmark");
  gtk_init ();
  adw_init ();

  path = argc > 1 ? g_strdup (argv[1])
                  : g_build_filename (SOURCE_DIR, "data", "examples",
                                      "cantine-scolaire-bac-a-sable.habilitation", NULL);
  file = g_file_new_for_path (path);

  bench.window = hab_window_new (NULL);
  if (!hab_window_load_file (bench.window, file))
    {
      g_printerr ("%s: could not open the dossier\n", path);
      return 2;
    }
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1100, 760);
  hab_window_show_step (bench.window, HAB_STEP_PROJET);

  fields = hab_page_get_fields (hab_window_get_page (bench.window, HAB_STEP_PROJET));
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (hab_field_get_path (g_ptr_array_index (fields, i)), "project.title"))
      bench.editable = GTK_EDITABLE (hab_field_get_widget (g_ptr_array_index (fields, i)));
  if (bench.editable == NULL)
    {
      g_printerr ("%s: no row edits project.title\n", path);
      return 2;
    }

  g_signal_connect (hab_window_get_dossier (bench.window), "changed",
                    G_CALLBACK (dossier_changed_cb), &bench);

  bench.loop = g_main_loop_new (NULL, FALSE);
  gtk_window_present (GTK_WINDOW (bench.window));
  gtk_widget_grab_focus (GTK_WIDGET (bench.editable));
  /* Let the window settle (first frames, idle work) before typing. */
  g_timeout_add (500, start_cb, &bench);
  g_timeout_add_seconds (60, watchdog_cb, &bench);
  g_main_loop_run (bench.loop);

  memcpy (sorted, bench.samples, sizeof sorted);
  qsort (sorted, KEYSTROKES, sizeof (double), bench_compare_doubles);
  g_print ("keystrokes %d median_ms %.3f worst_ms %.3f median_frames %.3f worst_frames %.3f\n",
           KEYSTROKES, sorted[KEYSTROKES / 2], sorted[KEYSTROKES - 1],
           sorted[KEYSTROKES / 2] / FRAME_MS, sorted[KEYSTROKES - 1] / FRAME_MS);

  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_main_loop_unref (bench.loop);
  return 0;
}
