/* test-ui-templates.c: every widget of the application is built from its
 * template and drawn on Debian 12's GTK 4.8 and libadwaita 1.2, so that a
 * widget or property newer than those fails here (reference/style.md §3.5).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hab-test-ui.h"

#include <adwaita.h>

#include "hab-application.h"
#include "hab-attachment-row.h"
#include "hab-page-acteurs.h"
#include "hab-page-cadre-juridique.h"
#include "hab-page-donnees.h"
#include "hab-page-dpo.h"
#include "hab-page-editeur.h"
#include "hab-page-parcours.h"
#include "hab-page-projet.h"
#include "hab-page-securite.h"
#include "hab-page-synthese.h"
#include "hab-start-page.h"
#include "hab-step-row.h"
#include "hab-text-row.h"
#include "hab-window.h"

static HabDossier *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

static void
present_and_destroy (GtkWidget *widget)
{
  GtkWidget *window;

  g_object_ref_sink (widget);

  if (GTK_IS_WINDOW (widget))
    window = widget;
  else
    {
      window = gtk_window_new ();
      gtk_window_set_child (GTK_WINDOW (window), widget);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  /* And folded, as on a phone-sized window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  gtk_test_widget_wait_for_draw (window);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (widget);
}

static void
test_rows (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_append (GTK_LIST_BOX (list), hab_text_row_new ());
  gtk_list_box_append (GTK_LIST_BOX (list), hab_attachment_row_new (HAB_ATTACHMENT_KIND_PDF));
  gtk_list_box_append (GTK_LIST_BOX (list), hab_attachment_row_new (HAB_ATTACHMENT_KIND_SPREADSHEET));
  for (guint step = 0; step < HAB_N_STEPS; step++)
    gtk_list_box_append (GTK_LIST_BOX (list), hab_step_row_new (step));

  present_and_destroy (list);
}

static void
test_start_page (void)
{
  present_and_destroy (g_object_new (HAB_TYPE_START_PAGE, NULL));
}

static void
test_pages (gconstpointer data)
{
  const char *example = data;
  GType types[] = {
    HAB_TYPE_PAGE_PARCOURS, HAB_TYPE_PAGE_ACTEURS, HAB_TYPE_PAGE_PROJET,
    HAB_TYPE_PAGE_CADRE_JURIDIQUE, HAB_TYPE_PAGE_DONNEES, HAB_TYPE_PAGE_DPO,
    HAB_TYPE_PAGE_SECURITE, HAB_TYPE_PAGE_EDITEUR, HAB_TYPE_PAGE_SYNTHESE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(HabDossier) dossier = example ? load_example (example) : hab_dossier_new ();
      GtkWidget *page = g_object_new (types[i], "step", i, NULL);

      hab_page_set_dossier (HAB_PAGE (page), dossier);
      hab_page_update (HAB_PAGE (page), NULL, NULL);
      present_and_destroy (page);
    }
}

static void
test_window (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  HabWindow *window = hab_window_new (NULL);

  present_and_destroy (GTK_WIDGET (window));

  window = hab_window_new (NULL);
  hab_window_set_dossier (window, dossier, FALSE);
  for (guint step = 0; step < HAB_N_STEPS; step++)
    hab_window_show_step (window, step);
  present_and_destroy (GTK_WIDGET (window));
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/habilitation/Habilitation/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_present (GTK_WINDOW (overlay));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/templates/rows", test_rows);
  g_test_add_func ("/ui/templates/start-page", test_start_page);
  g_test_add_data_func ("/ui/templates/pages/blank", NULL, test_pages);
  g_test_add_data_func ("/ui/templates/pages/cantine", "cantine-scolaire-bac-a-sable.habilitation",
                        test_pages);
  g_test_add_data_func ("/ui/templates/pages/creche", "creche-production-editeur.habilitation",
                        test_pages);
  g_test_add_data_func ("/ui/templates/pages/r2p", "ordonnateur-r2p-interne.habilitation", test_pages);
  g_test_add_func ("/ui/templates/window", test_window);
  g_test_add_func ("/ui/templates/help-overlay", test_help_overlay);

  return g_test_run ();
}
