/* test-ui-templates.c: every widget of the application is built from its
 * template and drawn on Debian 12's GTK 4.8 and libadwaita 1.2, so that a
 * widget or property newer than those fails here (reference/style.md §3.5).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hab-test-ui.h"

#include <adwaita.h>

#include "hab-application.h"
#include "hab-attachment-row.h"
#include "hab-choice-row.h"
#include "hab-page-acteurs.h"
#include "hab-page-cadre-juridique.h"
#include "hab-page-donnees.h"
#include "hab-page-dpo.h"
#include "hab-page-editeur.h"
#include "hab-page-layout.h"
#include "hab-page-parcours.h"
#include "hab-page-projet.h"
#include "hab-page-securite.h"
#include "hab-page-synthese.h"
#include "hab-start-page.h"
#include "hab-step-row.h"
#include "hab-text-row.h"
#include "hab-title-layout.h"
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

/* Every text of the dossier ends in markup's special characters (but the
 * file's "format", or it would not be a dossier). */
static void
add_markup_characters (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (g_strcmp0 (name, "format") != 0)
          add_markup_characters (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_markup_characters (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = g_strconcat (json_node_get_string (node), " & <i>", NULL);

      json_node_set_string (node, text);
    }
}

/* Texts of the dossier that read as markup (a name with "&", a use case
 * id with "<") are shown as they are on every step: GTK's warning about
 * markup it cannot parse fails the test. */
static void
test_markup_in_data (gconstpointer data)
{
  g_autoptr(HabDossier) example = load_example (data);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hostile = NULL;
  HabWindow *window;
  gsize length;

  text = hab_dossier_to_data (example, &length);
  g_assert_true (json_parser_load_from_data (parser, text, (gssize) length, &error));
  g_assert_no_error (error);
  add_markup_characters (json_parser_get_root (parser));
  hostile = json_to_string (json_parser_get_root (parser), FALSE);
  dossier = hab_dossier_new_from_data (hostile, strlen (hostile), NULL, &error);
  g_assert_no_error (error);

  window = hab_window_new (NULL);
  hab_window_set_dossier (window, dossier, FALSE);
  for (guint step = 0; step < HAB_N_STEPS; step++)
    {
      hab_window_show_step (window, step);
      hab_test_iterate ();
    }
  present_and_destroy (GTK_WIDGET (window));
}

/* A widget matches a CSS class ("label.title" style: a class name) or,
 * when @css_class is NULL, a type. */
static gboolean
matches (GtkWidget  *widget,
         const char *css_class,
         GType       type)
{
  return css_class != NULL ? gtk_widget_has_css_class (widget, css_class)
                           : G_TYPE_CHECK_INSTANCE_TYPE (widget, type);
}

/* The first match in @root's tree (depth first), and how many there are. */
static GtkWidget *
find_in_tree (GtkWidget  *root,
              const char *css_class,
              GType       type,
              guint      *n_matches)
{
  GtkWidget *first = matches (root, css_class, type) ? root : NULL;

  if (first != NULL && n_matches != NULL)
    (*n_matches)++;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL && (first == NULL || n_matches != NULL);
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_in_tree (child, css_class, type, n_matches);

      if (first == NULL)
        first = found;
    }

  return first;
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  return find_in_tree (root, css_class, G_TYPE_INVALID, NULL);
}

static guint
count_groups (GtkWidget *root)
{
  guint n = 0;

  find_in_tree (root, NULL, ADW_TYPE_PREFERENCES_GROUP, &n);
  return n;
}

static GtkWidget *
described_group (const char  *description,
                 gboolean     fit,
                 GtkWidget  **row)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Use Case");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*row), "Row");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *row);
  if (fit)
    hab_title_layout_fit (group);

  return group;
}

/* libadwaita's box of a group's title and description (box.labels, in
 * the group's box.header), and the description */
static GtkWidget *
labels_box (GtkWidget *group)
{
  GtkWidget *box = find_with_class (group, "labels");

  g_assert_true (GTK_IS_BOX (box));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (box), "header"));
  return box;
}

static GtkWidget *
description_label (GtkWidget *group)
{
  GtkWidget *label = gtk_widget_get_last_child (labels_box (group));

  g_assert_true (GTK_IS_LABEL (label));
  return label;
}

/* The rows at the same place, the groups and their descriptions as high. */
static void
assert_same_bounds (GtkWidget *theirs,
                    GtkWidget *theirs_row,
                    GtkWidget *ours,
                    GtkWidget *ours_row)
{
  graphene_rect_t theirs_bounds, ours_bounds;

  g_assert_true (gtk_widget_compute_bounds (theirs_row, theirs, &theirs_bounds));
  g_assert_true (gtk_widget_compute_bounds (ours_row, ours, &ours_bounds));
  g_assert_cmpfloat (ours_bounds.origin.y, ==, theirs_bounds.origin.y);
  g_assert_cmpint (gtk_widget_get_height (ours), ==, gtk_widget_get_height (theirs));
  g_assert_cmpint (gtk_widget_get_visible (description_label (ours)), ==,
                   gtk_widget_get_visible (description_label (theirs)));
  g_assert_cmpint (gtk_widget_get_height (description_label (ours)), ==,
                   gtk_widget_get_height (description_label (theirs)));
}

/* Shows libadwaita's described group beside ours, each half of a window
 * @width px wide (as a page's clamp gives a group its width, whatever the
 * group's natural width), and checks that their rows are at the same place
 * and their heights equal.
 * Returns: (transfer none): the window, to destroy */
static GtkWidget *
assert_same_places (GtkWidget *theirs,
                    GtkWidget *theirs_row,
                    GtkWidget *ours,
                    GtkWidget *ours_row,
                    int        width)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_valign (theirs, GTK_ALIGN_START);
  gtk_widget_set_valign (ours, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), theirs);
  gtk_box_append (GTK_BOX (box), ours);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 400);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (ours), ==, width / 2);
  assert_same_bounds (theirs, theirs_row, ours, ours_row);

  return window;
}

/* A group holding one row with a long title and subtitle and a button,
 * its title box fitted with hab_title_layout_fit() or not. */
static GtkWidget *
titled_group (gboolean    fit,
              GtkWidget **row)
{
  GtkWidget *group = adw_preferences_group_new ();

  *row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*row),
                                 "Numéro de l’habilitation FranceConnect de la collectivité, "
                                 "déjà validée");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (*row),
                               "api-impot-particulier-cantine-scolaire-production-avec-editeur");
  adw_action_row_add_suffix (ADW_ACTION_ROW (*row), gtk_button_new_with_label ("Choisir…"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), *row);
  if (fit)
    hab_title_layout_fit (group);
  return group;
}

/* libadwaita's box of title and subtitle (box.title), and its title */
static GtkWidget *
title_box (GtkWidget *row)
{
  GtkWidget *box = find_with_class (row, "title");

  g_assert_true (GTK_IS_BOX (box));
  return box;
}

static GtkWidget *
title_label (GtkWidget *row)
{
  GtkWidget *label = find_with_class (gtk_widget_get_first_child (title_box (row)), "title");

  g_assert_true (GTK_IS_LABEL (label));
  return label;
}

/* A fitted box's width for a height is its width: no search over widths. */
static void
assert_width_without_height (GtkWidget *box,
                             int        height)
{
  int minimum, natural, for_height_minimum, for_height_natural;

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, height, &for_height_minimum,
                      &for_height_natural, NULL, NULL);
  g_assert_cmpint (for_height_minimum, ==, minimum);
  g_assert_cmpint (for_height_natural, ==, natural);
}

/* hab-title-layout.c: a row's title box answers its width without a
 * height (no search over widths), and the row looks as before: wrapped
 * the same at the same places, wide or narrow. */
static void
test_row_titles (void)
{
  GtkWidget *theirs_row, *ours_row, *window, *box, *side_by_side;
  GtkWidget *theirs = titled_group (FALSE, &theirs_row);
  GtkWidget *ours = titled_group (TRUE, &ours_row);
  GtkLayoutManager *layout;
  int height;

  box = title_box (ours_row);
  layout = gtk_widget_get_layout_manager (box);
  g_assert_true (HAB_IS_TITLE_LAYOUT (layout));
  g_assert_false (HAB_IS_TITLE_LAYOUT (gtk_widget_get_layout_manager (title_box (theirs_row))));

  /* Side by side, each half of the window: the title wraps in both, the
   * same, at 320 px as at 180 px. */
  window = gtk_window_new ();
  side_by_side = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (side_by_side), TRUE);
  gtk_widget_set_valign (theirs, GTK_ALIGN_START);
  gtk_widget_set_valign (ours, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (side_by_side), theirs);
  gtk_box_append (GTK_BOX (side_by_side), ours);
  gtk_window_set_child (GTK_WINDOW (window), side_by_side);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 400);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (gtk_widget_get_width (ours_row), ==, gtk_widget_get_width (theirs_row));
      g_assert_cmpint (gtk_widget_get_height (ours_row), ==, gtk_widget_get_height (theirs_row));
      g_assert_cmpint (gtk_widget_get_width (box), ==, gtk_widget_get_width (title_box (theirs_row)));
      g_assert_cmpint (gtk_widget_get_height (box), ==, gtk_widget_get_height (title_box (theirs_row)));
      g_assert_cmpint (gtk_widget_get_height (title_label (ours_row)), ==,
                       gtk_widget_get_height (title_label (theirs_row)));
      gtk_widget_measure (title_label (ours_row), GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL,
                          NULL);
      g_assert_cmpint (gtk_widget_get_height (title_label (ours_row)), >, height);

      gtk_window_set_default_size (GTK_WINDOW (window), 360, 400);
      gtk_test_widget_wait_for_draw (window);
    }

  assert_width_without_height (box, height);

  /* Once only. */
  hab_title_layout_fit (ours);
  g_assert_true (gtk_widget_get_layout_manager (box) == layout);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Counts the rows' title boxes and the groups' header boxes inside @root,
 * and those fitted. */
static void
count_title_boxes (GtkWidget *root,
                   guint     *rows,
                   guint     *groups,
                   guint     *fitted)
{
  gboolean row = GTK_IS_BOX (root) && gtk_widget_has_css_class (root, "title")
                 && gtk_widget_get_ancestor (root, ADW_TYPE_PREFERENCES_ROW) != NULL;
  gboolean group = GTK_IS_BOX (root) && gtk_widget_has_css_class (root, "labels")
                   && gtk_widget_get_ancestor (root, ADW_TYPE_PREFERENCES_GROUP) != NULL;

  if (row || group)
    {
      (*(row ? rows : groups))++;
      if (HAB_IS_TITLE_LAYOUT (gtk_widget_get_layout_manager (root)))
        (*fitted)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_title_boxes (child, rows, groups, fitted);
}

/* Every row and group of every step, those made from the dossier
 * included. */
static void
test_page_row_titles (gconstpointer data)
{
  g_autoptr(HabDossier) dossier = load_example (data);
  HabWindow *window = hab_window_new (NULL);
  guint rows = 0, groups = 0, fitted = 0;

  hab_window_set_dossier (window, dossier, FALSE);
  for (guint step = 0; step < HAB_N_STEPS; step++)
    hab_window_show_step (window, step);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  count_title_boxes (GTK_WIDGET (window), &rows, &groups, &fitted);
  g_assert_cmpuint (rows, >, 50);
  g_assert_cmpuint (groups, ==, count_groups (GTK_WIDGET (window)));
  g_assert_cmpuint (groups, >, 30);
  g_assert_cmpuint (fitted, ==, rows + groups);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* hab-title-layout.c on a group: the box of its title and description
 * answers its width without a height (no search over widths), and the
 * group looks as before, its description set from the start, set later
 * or cleared. */
static void
test_group_titles (void)
{
  const char *text = "DataPass offers a form for each use case, with some fields already "
                     "filled in. Choose &#8220;Demande libre&#8221; if none matches.";
  GtkWidget *theirs_row, *ours_row, *window, *box;
  GtkWidget *theirs = described_group (text, FALSE, &theirs_row);
  GtkWidget *ours = described_group (text, TRUE, &ours_row);
  GtkLayoutManager *layout;
  int height;

  box = labels_box (ours);
  layout = gtk_widget_get_layout_manager (box);
  g_assert_true (HAB_IS_TITLE_LAYOUT (layout));
  g_assert_false (HAB_IS_TITLE_LAYOUT (gtk_widget_get_layout_manager (labels_box (theirs))));

  /* 420 px wide each: the description wraps, the same in both. */
  window = assert_same_places (theirs, theirs_row, ours, ours_row, 840);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (description_label (ours))), ==,
                   "DataPass offers a form for each use case, with some fields already "
                   "filled in. Choose \u201cDemande libre\u201d if none matches.");
  gtk_widget_measure (description_label (ours), GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL,
                      NULL);
  g_assert_cmpint (gtk_widget_get_height (description_label (ours)), >, height);

  assert_width_without_height (box, gtk_widget_get_height (box));

  /* Narrower: more lines, the same in both. */
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 400);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (ours), ==, 260);
  assert_same_bounds (theirs, theirs_row, ours, ours_row);

  /* Set later, as the pages do, then cleared: the same places. */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (theirs), "Another &amp; shorter one");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (ours), "Another &amp; shorter one");
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (description_label (ours))), ==,
                   "Another & shorter one");
  assert_same_bounds (theirs, theirs_row, ours, ours_row);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (theirs), NULL);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (ours), NULL);
  gtk_test_widget_wait_for_draw (window);
  g_assert_false (gtk_widget_get_visible (description_label (ours)));
  assert_same_bounds (theirs, theirs_row, ours, ours_row);

  /* Once only. */
  hab_title_layout_fit (ours);
  g_assert_true (gtk_widget_get_layout_manager (box) == layout);

  gtk_window_destroy (GTK_WINDOW (window));
}

static PangoWrapMode
wrap_mode (GtkWidget *label)
{
  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_wrap_mode (GTK_LABEL (label));
}

/* hab-title-layout.c: the labels of a fitted row or group wrap between
 * words, unless a word is long (a file name, a reference), which may still
 * break anywhere, as in libadwaita; the mode follows the text. */
static void
test_title_wrap (void)
{
  static const struct {
    const char    *text;
    PangoWrapMode  mode;
  } subtitles[] = {
    { "Cantine scolaire", PANGO_WRAP_WORD },
    { "deliberation_conseil_2026.pdf", PANGO_WRAP_WORD_CHAR },
    { "claire.fontaine@saint-amand-des-pres.fr", PANGO_WRAP_WORD_CHAR },
    /* Where Pango breaks lines: after a hyphen or a slash before a
     * letter, not inside "2026-112". */
    { "pieces/decision-homologation-creche.pdf", PANGO_WRAP_WORD },
    { "deliberation-2026-112.pdf", PANGO_WRAP_WORD_CHAR },
    /* No-break spaces join words (« n° 2026 », « Référence : »); sixteen
     * characters are a word still. */
    { "R\u00e9f\u00e9rence\u00a0ABCDEFGH", PANGO_WRAP_WORD_CHAR },
    { "Dossier\u202f: n\u00b0\u00a02026-112", PANGO_WRAP_WORD },
    { "Sixteen-letters! 1234567890123456", PANGO_WRAP_WORD },
  };
  GtkWidget *theirs_row, *ours_row, *subtitle;
  g_autoptr(GtkWidget) theirs = g_object_ref_sink (titled_group (FALSE, &theirs_row));
  g_autoptr(GtkWidget) ours = g_object_ref_sink (titled_group (TRUE, &ours_row));
  g_autoptr(GtkWidget) group = NULL;
  GtkWidget *row;

  /* libadwaita's: anywhere. */
  g_assert_cmpint (wrap_mode (title_label (theirs_row)), ==, PANGO_WRAP_WORD_CHAR);

  /* Ours: the title between words, and the subtitle (a reference that
   * breaks after its hyphens). */
  g_assert_cmpint (wrap_mode (title_label (ours_row)), ==, PANGO_WRAP_WORD);
  subtitle = find_with_class (title_box (ours_row), "subtitle");
  g_assert_cmpint (wrap_mode (subtitle), ==, PANGO_WRAP_WORD);

  /* It follows the text. */
  for (guint i = 0; i < G_N_ELEMENTS (subtitles); i++)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (ours_row), subtitles[i].text);
      g_assert_cmpint (wrap_mode (subtitle), ==, subtitles[i].mode);
    }

  /* A group's title and description. */
  group = g_object_ref_sink (described_group ("DataPass offers a form for each use case.", TRUE, &row));
  g_assert_cmpint (wrap_mode (description_label (group)), ==, PANGO_WRAP_WORD);
  g_assert_cmpint (wrap_mode (gtk_widget_get_first_child (labels_box (group))), ==, PANGO_WRAP_WORD);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         "See https://datapass.api.gouv.fr/api-impot-particulier");
  g_assert_cmpint (wrap_mode (description_label (group)), ==, PANGO_WRAP_WORD_CHAR);
}

/* The application has no resource base path (GtkApplication would throw
 * away the icon themes GTK read in a thread): its startup loads the
 * style sheet itself (here: the smaller text of a message row). */
static int
message_height (GtkWidget *message)
{
  int height;

  gtk_widget_measure (message, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* A fitted expander row's list is hidden while the row is folded (GTK's
 * revealer would lay it out all the same), shown as soon as it unfolds,
 * and hidden again once it has folded. */
static void
test_folded_expander (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *nested;
  GtkRevealer *revealer;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), "Étape 1 · Mon projet");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "Intitulé du projet");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "Dites-le-nous une fois");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), expander);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);

  nested = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX);
  revealer = GTK_REVEALER (gtk_widget_get_ancestor (nested, GTK_TYPE_REVEALER));
  g_assert_nonnull (revealer);
  g_assert_true (gtk_widget_get_visible (nested));

  hab_title_layout_fit (list);
  g_assert_false (gtk_widget_get_visible (nested));
  /* Fitting again (after each update of a page) changes nothing. */
  hab_title_layout_fit (list);
  g_assert_false (gtk_widget_get_visible (nested));

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  g_assert_true (gtk_widget_get_visible (nested));
  while (!gtk_revealer_get_child_revealed (revealer))
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpint (gtk_widget_get_height (row), >, 0);

  /* While it folds, the rows stay, sliding away. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
  g_assert_true (gtk_widget_get_visible (nested));
  while (gtk_revealer_get_child_revealed (revealer))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (nested));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  g_assert_true (gtk_widget_get_visible (nested));

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint n_selected_notifies;

static void
count_selected_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    data)
{
  n_selected_notifies++;
}

/* The check marks of the popover's items that show, in order. */
static GString *
shown_marks (GtkWidget *widget,
             GString   *marks)
{
  if (GTK_IS_IMAGE (widget)
      && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "object-select-symbolic") == 0)
    g_string_append_c (marks, gtk_widget_get_opacity (widget) > 0.5 ? 'x' : '.');

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shown_marks (child, marks);

  return marks;
}

/* A visible label of @widget's showing @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
subtitle_of (GtkWidget *row)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  return subtitle != NULL ? subtitle : "";
}

static GtkListView *
popover_list (HabChoiceRow *row)
{
  GtkPopover *popover = hab_choice_row_get_popover (row);
  GtkWidget *scrolled = gtk_popover_get_child (popover);

  return GTK_LIST_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
}

/* A choice row shows its choice as AdwComboRow does, and makes its list
 * only when first opened. */
static void
test_choice_row (void)
{
  static const char *const stages[] = {
    "Non renseigné", "Bac à sable (tests avec des données fictives)", "Production (données réelles)", NULL
  };
  static const char *const two[] = { "Non renseigné", "Un éditeur de logiciels", NULL };
  static const char *const one[] = { "Demande libre", NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *widget = hab_choice_row_new ();
  HabChoiceRow *row = HAB_CHOICE_ROW (widget);
  g_autoptr(GString) marks = NULL;
  GtkListView *view;

  g_assert_cmpint (gtk_widget_class_get_accessible_role (GTK_WIDGET_GET_CLASS (widget)), ==,
                   GTK_ACCESSIBLE_ROLE_COMBO_BOX);
  g_assert_true (gtk_widget_has_css_class (widget, "combo"));
  g_assert_cmpuint (hab_choice_row_get_selected (row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), "Phase");
  g_signal_connect (widget, "notify::selected", G_CALLBACK (count_selected_cb), NULL);
  n_selected_notifies = 0;
  hab_choice_row_set_choices (row, stages);
  g_assert_cmpuint (hab_choice_row_get_n_choices (row), ==, 3);
  g_assert_cmpuint (hab_choice_row_get_selected (row), ==, 0);
  g_assert_cmpuint (n_selected_notifies, ==, 1);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
  g_assert_null (hab_choice_row_get_popover (row));

  /* Beside the arrow, or as the subtitle. */
  g_assert_true (find_label (widget, "Non renseigné") != NULL);
  g_assert_cmpstr (subtitle_of (widget), ==, "");
  hab_choice_row_set_use_subtitle (row, TRUE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Non renseigné");
  g_assert_null (find_label (widget, "Production (données réelles)"));
  hab_choice_row_set_selected (row, 2);
  g_assert_cmpuint (n_selected_notifies, ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==,
                   "Production (données réelles)");
  hab_choice_row_set_selected (row, 2);
  g_assert_cmpuint (n_selected_notifies, ==, 2);
  g_assert_null (hab_choice_row_get_popover (row));

  gtk_list_box_append (GTK_LIST_BOX (list), widget);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_null (hab_choice_row_get_popover (row));

  /* Opened: the list, the chosen item ticked. */
  adw_action_row_activate (ADW_ACTION_ROW (widget));
  g_assert_nonnull (hab_choice_row_get_popover (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hab_choice_row_get_popover (row))));
  g_assert_true (gtk_widget_has_css_class (widget, "has-open-popup"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (hab_choice_row_get_popover (row)));
  view = popover_list (row);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view))), ==, 3);
  marks = shown_marks (GTK_WIDGET (view), g_string_new (NULL));
  g_assert_cmpstr (marks->str, ==, "..x");

  /* Choosing an item closes the list. */
  g_signal_emit_by_name (view, "activate", 1);
  g_assert_cmpuint (hab_choice_row_get_selected (row), ==, 1);
  g_assert_cmpuint (n_selected_notifies, ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==,
                   "Bac à sable (tests avec des données fictives)");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hab_choice_row_get_popover (row))));
  g_assert_false (gtk_widget_has_css_class (widget, "has-open-popup"));
  g_string_truncate (marks, 0);
  g_assert_cmpstr (shown_marks (GTK_WIDGET (view), marks)->str, ==, ".x.");

  /* New choices reach the list made already. */
  hab_choice_row_set_choices (row, two);
  g_assert_cmpuint (hab_choice_row_get_selected (row), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view))), ==, 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Non renseigné");

  /* With one item, nothing to open. */
  hab_choice_row_set_choices (row, one);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
  adw_action_row_activate (ADW_ACTION_ROW (widget));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hab_choice_row_get_popover (row))));

  /* None chosen. */
  hab_choice_row_set_selected (row, 5);
  g_assert_cmpuint (hab_choice_row_get_selected (row), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (subtitle_of (widget), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A step page's height does not depend on what it holds, which scrolls:
 * measuring it does not lay its text out, at a width it may never have. */
static void
test_page_layout (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = adw_bin_new ();
  GtkWidget *prefs = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *label = gtk_label_new ("La DGFiP ouvre ses API en deux temps. Le bac à sable est un "
                                    "environnement de test aux données fictives : vous testez l’API "
                                    "et préparez la demande de production.");
  GtkWidget *other = adw_bin_new ();
  GtkWidget *button = gtk_button_new_with_label ("Enregistrer");
  PangoLayout *layout;
  int min, nat, prefs_min, prefs_nat, button_min, button_nat, width_before;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (prefs), ADW_PREFERENCES_GROUP (group));
  gtk_widget_set_layout_manager (page, g_object_new (HAB_TYPE_PAGE_LAYOUT, NULL));
  adw_bin_set_child (ADW_BIN (page), prefs);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 400);

  g_assert_cmpint (gtk_widget_get_request_mode (page), ==, GTK_SIZE_REQUEST_CONSTANT_SIZE);

  /* The width is the content's, whatever the height. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, 100, &min, &nat, NULL, NULL);
  gtk_widget_measure (prefs, GTK_ORIENTATION_HORIZONTAL, -1, &prefs_min, &prefs_nat, NULL, NULL);
  g_assert_cmpint (min, ==, prefs_min);
  g_assert_cmpint (nat, ==, prefs_nat);
  g_assert_cmpint (min, >, 0);

  /* The height, the least a preferences page needs, without a look at the
   * text. */
  layout = gtk_label_get_layout (GTK_LABEL (label));
  width_before = pango_layout_get_width (layout);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, 1200, &min, &nat, NULL, NULL);
  g_assert_cmpint (nat, ==, min);
  g_assert_cmpint (pango_layout_get_width (layout), ==, width_before);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (pango_layout_get_width (layout), ==, width_before);
  gtk_widget_measure (prefs, GTK_ORIENTATION_VERTICAL, 1200, &prefs_min, &prefs_nat, NULL, NULL);
  g_assert_cmpint (pango_layout_get_width (layout), !=, width_before);
  g_assert_cmpint (min, ==, prefs_min);
  g_assert_cmpint (min, >, 0);
  g_assert_cmpint (prefs_nat, >, min);

  /* Shown, the page fills the window and its text wraps at its width. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (gtk_widget_get_width (prefs), ==, gtk_widget_get_width (page));
  g_assert_cmpint (gtk_widget_get_height (prefs), ==, gtk_widget_get_height (page));
  g_assert_cmpint (gtk_widget_get_height (page), >, 0);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpint (pango_layout_get_width (gtk_label_get_layout (GTK_LABEL (label))), ==,
                   gtk_widget_get_width (label) * PANGO_SCALE);
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), >, 1);

  /* A child that is not a preferences page is measured as usual. */
  gtk_widget_set_layout_manager (other, g_object_new (HAB_TYPE_PAGE_LAYOUT, NULL));
  adw_bin_set_child (ADW_BIN (other), button);
  gtk_widget_measure (other, GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, -1, &button_min, &button_nat, NULL, NULL);
  g_assert_cmpint (min, ==, button_min);
  g_assert_cmpint (nat, ==, button_nat);
  g_assert_cmpint (min, >, 0);
  g_object_ref_sink (other);
  g_object_unref (other);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The colours of the border nodes of @widget's drawing, one string a
 * node ("rgba(…) rgba(…)": the serializer leaves out the sides that repeat
 * the one before, so one colour means the same on every side). */
static GPtrArray *
border_colors (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *colors = g_ptr_array_new_with_free_func (g_free);
  gboolean in_border = FALSE;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  bytes = gsk_render_node_serialize (node);
  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (g_str_equal (line, "border {"))
        in_border = TRUE;
      else if (g_str_equal (line, "}"))
        in_border = FALSE;
      else if (in_border && g_str_has_prefix (line, "colors: "))
        g_ptr_array_add (colors, g_strndup (line + strlen ("colors: "),
                                            strlen (line) - strlen ("colors: ;")));
    }

  return colors;
}

/* The colour of the bottom side of a border node's colours: the serializer
 * writes top, right, bottom, left, leaving out each that repeats the one
 * before it (one colour: all four). */
static char *
bottom_color (const char *colors)
{
  g_auto(GStrv) sides = g_strsplit (colors, " ", -1);
  guint n = g_strv_length (sides);

  g_assert_cmpuint (n, >=, 1);
  return g_strdup (sides[MIN (n, 3) - 1]);
}

/* Turns libadwaita's high contrast on or off (its settings come from
 * GSettings without a portal) and waits for the window to draw again. */
static void
set_high_contrast (GtkWidget *window,
                   gboolean   high_contrast)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.gnome.desktop.a11y.interface");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_settings_set_boolean (settings, "high-contrast", high_contrast);
  while (adw_style_manager_get_high_contrast (manager) != high_contrast)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_queue_draw (window);
  gtk_test_widget_wait_for_draw (window);
}

static void
test_application_style (void)
{
  g_autoptr(HabApplication) app = hab_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) colors = NULL;
  g_autofree char *bottom = NULL;
  g_autofree char *bottom_hc = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *boxed = gtk_list_box_new ();
  GtkWidget *plain = gtk_label_new ("Une ligne de texte");
  GtkWidget *message = gtk_label_new ("Une ligne de texte");
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_append (GTK_LIST_BOX (list), plain);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), message);
  gtk_widget_add_css_class (row, "hab-message-row");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);
  /* A boxed list, whose rows but the last have a border below. */
  gtk_widget_add_css_class (boxed, "boxed-list");
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *action_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), "Une ligne");
      gtk_list_box_append (GTK_LIST_BOX (boxed), action_row);
    }
  gtk_box_append (GTK_BOX (box), boxed);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (message_height (message), ==, message_height (plain));
  /* libadwaita's own style: the sides without width keep the text colour;
   * with high contrast, the line below has another colour. */
  colors = border_colors (boxed);
  g_assert_cmpuint (colors->len, ==, 2);
  g_assert_nonnull (strchr (g_ptr_array_index (colors, 0), ' '));
  bottom = bottom_color (g_ptr_array_index (colors, 0));
  g_clear_pointer (&colors, g_ptr_array_unref);
  set_high_contrast (window, TRUE);
  colors = border_colors (boxed);
  g_assert_cmpuint (colors->len, ==, 2);
  g_assert_nonnull (strchr (g_ptr_array_index (colors, 0), ' '));
  bottom_hc = bottom_color (g_ptr_array_index (colors, 0));
  g_assert_cmpstr (bottom_hc, !=, bottom);
  g_clear_pointer (&colors, g_ptr_array_unref);
  set_high_contrast (window, FALSE);

  g_assert_null (g_application_get_resource_base_path (G_APPLICATION (app)));
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpint (message_height (message), <, message_height (plain));
  /* Ours: one colour on every side, libadwaita's for the line below, which
   * GTK 4.8's cairo renderer fills rather than drawing with mesh gradients;
   * and so with high contrast. */
  colors = border_colors (boxed);
  g_assert_cmpuint (colors->len, ==, 2);
  for (guint i = 0; i < colors->len; i++)
    g_assert_cmpstr (g_ptr_array_index (colors, i), ==, bottom);
  g_clear_pointer (&colors, g_ptr_array_unref);
  set_high_contrast (window, TRUE);
  colors = border_colors (boxed);
  g_assert_cmpuint (colors->len, ==, 2);
  for (guint i = 0; i < colors->len; i++)
    g_assert_cmpstr (g_ptr_array_index (colors, i), ==, bottom_hc);
  set_high_contrast (window, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_shortcuts_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* The shortcuts window is built when first asked for (win.show-help-overlay,
 * Ctrl+?), once per window, and goes with it. */
static void
test_help_overlay_lazy (void)
{
  HabWindow *window = hab_window_new (NULL);
  GtkWidget *shortcuts;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (find_shortcuts_window ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = find_shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (shortcuts));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (shortcuts)) == GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &shortcuts);

  /* Closed, then asked for again: the same window. */
  gtk_window_close (GTK_WINDOW (shortcuts));
  g_assert_false (gtk_widget_get_visible (shortcuts));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (find_shortcuts_window () == shortcuts);
  g_assert_true (gtk_widget_get_visible (shortcuts));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (shortcuts);
}

/* The main menu's popover is made when the menu is first opened. */
static void
test_primary_menu_lazy (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  HabWindow *window = hab_window_new (NULL);
  GtkMenuButton *button;
  GMenuModel *menu;

  hab_window_set_dossier (window, dossier, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  button = GTK_MENU_BUTTON (find_in_tree (GTK_WIDGET (window), NULL, GTK_TYPE_MENU_BUTTON, NULL));
  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));

  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);
  g_assert_nonnull (gtk_menu_button_get_popover (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  gtk_menu_button_popdown (button);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/habilitation/Habilitation/ui/shortcuts.ui");
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
  g_test_add_data_func ("/ui/templates/markup-in-data/cantine",
                        "cantine-scolaire-bac-a-sable.habilitation", test_markup_in_data);
  g_test_add_data_func ("/ui/templates/markup-in-data/creche",
                        "creche-production-editeur.habilitation", test_markup_in_data);
  g_test_add_data_func ("/ui/templates/markup-in-data/r2p", "ordonnateur-r2p-interne.habilitation",
                        test_markup_in_data);
  g_test_add_func ("/ui/templates/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/templates/help-overlay-lazy", test_help_overlay_lazy);
  g_test_add_func ("/ui/templates/primary-menu-lazy", test_primary_menu_lazy);
  g_test_add_func ("/ui/templates/group-titles", test_group_titles);
  g_test_add_func ("/ui/templates/row-titles", test_row_titles);
  g_test_add_func ("/ui/templates/title-wrap", test_title_wrap);
  g_test_add_func ("/ui/templates/folded-expander", test_folded_expander);
  g_test_add_func ("/ui/templates/page-layout", test_page_layout);
  g_test_add_func ("/ui/templates/choice-row", test_choice_row);
  g_test_add_data_func ("/ui/templates/page-row-titles/cantine",
                        "cantine-scolaire-bac-a-sable.habilitation", test_page_row_titles);
  g_test_add_data_func ("/ui/templates/page-row-titles/creche",
                        "creche-production-editeur.habilitation", test_page_row_titles);
  g_test_add_func ("/ui/templates/application-style", test_application_style);

  return g_test_run ();
}
