/* test-ui-review.c: the DPO's review as users go through it: the agent
 * sends a copy to the DPO, the DPO opens it and approves it on the DPO
 * step, the agent imports it back; one dossier, with a valid approval,
 * that becomes outdated when the data change.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hab-test-ui.h"

#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "hab-field.h"
#include "hab-finding.h"
#include "hab-fingerprint.h"
#include "hab-page-dpo.h"
#include "hab-review.h"
#include "hab-step-row.h"
#include "hab-text-row.h"
#include "hab-window.h"

static HabDossier *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

/* The agent's dossier: an example, not reviewed yet. */
static char *
agent_dossier (const char *dir,
               const char *example)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", example, NULL);
  g_autoptr(HabDossier) dossier = load (source);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "dossier-agent.habilitation", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  hab_dossier_set_node (dossier, "dpo.reviews", json_node_init_array (json_node_alloc (), json_array_new ()));
  g_assert_true (hab_dossier_save (dossier, file, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static HabWindow *
open_window (const char *path)
{
  HabWindow *window = hab_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (hab_window_load_file (window, file));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static guint
count_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (HAB_IS_WINDOW (window))
        n++;
    }

  return n;
}

static void
close_message_dialog (AdwMessageDialog *dialog)
{
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (hab_test_wait_until (hab_test_no_message_dialog, NULL, 5000));
}

static GtkWidget *
page_child (HabWindow  *window,
            const char *name)
{
  GtkWidget *page = GTK_WIDGET (hab_window_get_page (window, HAB_STEP_DPO));
  GObject *child = gtk_widget_get_template_child (page, HAB_TYPE_PAGE_DPO, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
step_status (HabWindow *window,
             HabStep    step)
{
  return hab_step_row_get_status (HAB_STEP_ROW (hab_window_get_step_row (window, step)));
}

static guint
count_findings (HabWindow  *window,
                const char *prefix)
{
  GPtrArray *findings = hab_window_get_findings (window);
  guint n = 0;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_has_prefix (finding->rule->id, prefix))
        {
          g_test_message ("%s: %s", finding->rule->id, finding->message);
          n++;
        }
    }

  return n;
}

static HabField *
find_field (HabWindow  *window,
            HabStep     step,
            const char *path)
{
  GPtrArray *fields = hab_page_get_fields (hab_window_get_page (window, step));

  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (hab_field_get_path (g_ptr_array_index (fields, i)), path))
      return g_ptr_array_index (fields, i);

  g_error ("No field edits %s", path);
  return NULL;
}

static void
type_text (GtkWidget  *widget,
           const char *text)
{
  gtk_widget_grab_focus (widget);
  if (HAB_IS_TEXT_ROW (widget))
    hab_text_row_set_text (HAB_TEXT_ROW (widget), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  hab_test_iterate ();
}

/* The rows of data items that are not requested: greyed, and saying so. */
static guint
count_greyed_rows (GtkWidget *widget)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget) && gtk_widget_has_css_class (widget, "dim-label"))
    {
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "Not requested");
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_greyed_rows (child);

  return n;
}

/* Opening a folder goes to a handler of inode/directory: here a script
 * that writes down what it was asked to open. */
static char *
install_folder_handler (const char *dir)
{
  g_autofree char *script = g_build_filename (dir, "open-folder.sh", NULL);
  g_autofree char *applications = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *desktop = g_build_filename (applications, "hab-test-open-folder.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;
  char *record = g_build_filename (dir, "opened-folder.txt", NULL);

  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                                 record, record, record);
  /* Run by /bin/sh: works where the temporary folder is mounted noexec. */
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Open Folder\n"
                                  "Exec=/bin/sh \"%s\" %%u\nMimeType=inode/directory;\nNoDisplay=true\n",
                                  script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "inode/directory=hab-test-open-folder.desktop\n",
                                      -1, NULL));
  return record;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Acceptance: the agent sends a copy to the DPO; the DPO opens it and
 * approves it on the DPO step; the agent imports it back: one dossier,
 * approval valid. Then a data change makes it outdated, with what
 * changed, in the DPO step, the sidebar and the findings. */
static void
test_review_round_trip (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *agent_path = agent_dossier (dir, "creche-production-editeur.habilitation");
  g_autofree char *copy_path = g_build_filename (dir, "pour-le-dpo.habilitation", NULL);
  g_autofree char *record = install_folder_handler (dir);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  g_autoptr(GFile) agent_file = g_file_new_for_path (agent_path);
  g_autofree char *copy_text = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *dir_uri = NULL;
  HabWindow *agent = open_window (agent_path);
  HabWindow *dpo;
  HabDossier *dossier;
  GtkWidget *reviewer, *warning, *approval, *item_comment, *approve;
  AdwMessageDialog *dialog;

  g_assert_cmpstr (step_status (agent, HAB_STEP_DPO), ==, "1 warning");   /* dpo.no_review */

  /* The copy can never replace the dossier itself. */
  g_assert_false (hab_window_send_to_dpo (agent, agent_file));
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  close_message_dialog (dialog);

  /* Send: the copy is saved, its folder opened, the dossier unchanged. */
  g_assert_true (hab_window_send_to_dpo (agent, copy_file));
  g_assert_false (hab_window_get_modified (agent));
  g_assert_true (g_file_get_contents (copy_path, &copy_text, NULL, NULL));
  g_assert_null (strstr (copy_text, "phone"));
  g_assert_null (strstr (copy_text, "birth"));
  g_assert_null (strstr (copy_text, "01 47 12 30"));
  g_assert_null (strstr (copy_text, "1981-06-23"));
  g_assert_nonnull (strstr (copy_text, "Délégué à la protection des données"));
  g_assert_cmpstr (hab_dossier_get_string (hab_window_get_dossier (agent),
                                           "actors.delegue_protection_donnees.contact.phone"),
                   ==, "01 47 12 30 55");

  g_assert_true (hab_test_wait_until (file_exists, record, 10000));
  g_assert_true (g_file_get_contents (record, &opened, NULL, NULL));
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    g_autoptr(GFile) got = g_file_new_for_commandline_arg (opened);

    g_assert_true (g_file_equal (folder, got));
  }

  /* Meanwhile, the agent edits the title: not the data. */
  type_text (hab_field_get_widget (find_field (agent, HAB_STEP_PROJET, "project.title")),
             "Place en crèche : tarif horaire");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (agent), "win.save", NULL));
  hab_test_iterate ();

  /* The DPO opens the copy: the review view, pre-filled with their name. */
  dpo = open_window (copy_path);
  g_assert_cmpuint (count_windows (), ==, 2);
  hab_window_show_step (dpo, HAB_STEP_DPO);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dpo));

  reviewer = page_child (dpo, "reviewer_row");
  warning = page_child (dpo, "reviewer_warning_row");
  approval = page_child (dpo, "approval_row");
  approve = page_child (dpo, "approve_button");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reviewer)), ==, "Thomas Nguyen");
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (approval)), ==, "Not Reviewed Yet");
  g_assert_true (gtk_widget_get_sensitive (approve));

  /* What the DPO reviews: the API, the items requested with their
   * purposes (with a comment entry), the others greyed, the recipients. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_child (dpo, "api_row"))),
                            "API Impôt particulier"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_child (dpo, "legal_row"))),
                            "2026-112"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (page_child (dpo, "retention_row"))),
                            "24 months"));
  item_comment = hab_page_dpo_get_item_comment_row (HAB_PAGE_DPO (hab_window_get_page (dpo, HAB_STEP_DPO)),
                                                    "dgfip_rfr");
  g_assert_nonnull (item_comment);
  g_assert_null (hab_page_dpo_get_item_comment_row (HAB_PAGE_DPO (hab_window_get_page (dpo, HAB_STEP_DPO)),
                                                    "dgfip_nbpart"));
  g_assert_cmpuint (count_greyed_rows (page_child (dpo, "review_items_box")), >, 10);

  /* Another name: a warning, at once. */
  type_text (reviewer, "Claire Fontaine");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (warning)), "Thomas Nguyen"));
  type_text (reviewer, "");
  g_assert_false (gtk_widget_get_sensitive (approve));
  /* Cleared to type another name, it stays so while the dossier changes
   * (an edit, the keyring's cards arriving): no DPO's name put back. */
  hab_dossier_set_string (hab_window_get_dossier (dpo), "project.title", "Place en crèche, relue");
  hab_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reviewer)), ==, "");
  g_assert_false (gtk_widget_get_sensitive (approve));
  type_text (reviewer, "nguyen thomas");
  g_assert_false (gtk_widget_get_visible (warning));

  /* Approve, with comments: appended and saved. */
  type_text (item_comment, "Nécessaire au calcul du tarif");
  type_text (page_child (dpo, "comment_row"), "Bon pour accord.");
  g_signal_emit_by_name (approve, "clicked");
  hab_test_iterate ();
  g_assert_false (hab_window_get_modified (dpo));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (approval)), ==, "Approved");
  g_assert_cmpstr (step_status (dpo, HAB_STEP_DPO), ==, "Complete");
  {
    g_autoptr(HabDossier) saved = load (copy_path);
    JsonObject *latest = NULL;

    g_assert_cmpint (hab_review_get_status (saved, &latest), ==, HAB_REVIEW_STATUS_APPROVED);
    g_assert_cmpstr (json_object_get_string_member (latest, "reviewer"), ==, "nguyen thomas");
    g_assert_cmpstr (json_object_get_string_member (latest, "comment"), ==, "Bon pour accord.");
    g_assert_cmpstr (hab_dossier_get_string (saved, "dpo.reviews.0.item_comments.dgfip_rfr"), ==,
                     "Nécessaire au calcul du tarif");
  }
  /* The form is ready for another review. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (item_comment)), ==, "");
  hab_test_close_window (dpo);

  /* The agent imports it back: merged into the open dossier. */
  g_assert_true (hab_window_import_review (agent, copy_file));
  hab_test_iterate ();
  g_assert_cmpuint (count_windows (), ==, 1);
  dossier = hab_window_get_dossier (agent);
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "dpo.reviews")), ==, 1);
  g_assert_cmpint (hab_review_get_status (dossier, NULL), ==, HAB_REVIEW_STATUS_APPROVED);
  g_assert_cmpuint (count_findings (agent, "dpo."), ==, 0);
  g_assert_cmpstr (step_status (agent, HAB_STEP_DPO), ==, "Complete");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (hab_window_get_page (agent, HAB_STEP_DPO))));
  /* The agent's title and cards stay; the title differs, so it is listed. */
  g_assert_cmpstr (hab_dossier_get_string (dossier, "project.title"), ==, "Place en crèche : tarif horaire");
  g_assert_cmpstr (hab_dossier_get_string (dossier, "actors.delegue_protection_donnees.contact.phone"), ==,
                   "01 47 12 30 55");
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Reviews Imported");
  g_assert_nonnull (adw_message_dialog_get_extra_child (dialog));
  {
    GtkWidget *label = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (dialog)));

    if (GTK_IS_VIEWPORT (label))
      label = gtk_viewport_get_child (GTK_VIEWPORT (label));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "project.title"));
  }
  close_message_dialog (dialog);
  g_assert_true (hab_window_get_modified (agent));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (agent), "win.save", NULL));
  hab_test_iterate ();
  {
    g_autoptr(HabDossier) saved = load (agent_path);

    g_assert_cmpint (hab_review_get_status (saved, NULL), ==, HAB_REVIEW_STATUS_APPROVED);
    g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (saved, "dpo.reviews")), ==, 1);
  }

  /* Importing it again adds nothing. */
  g_assert_true (hab_window_import_review (agent, copy_file));
  hab_test_iterate ();
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "No New Review");
  close_message_dialog (dialog);
  g_assert_cmpuint (json_array_get_length (hab_dossier_get_array (dossier, "dpo.reviews")), ==, 1);

  /* The data change: outdated, with what changed, on the DPO step, in the
   * sidebar and in the findings. */
  type_text (hab_field_get_widget (find_field (agent, HAB_STEP_DONNEES, "data.recipients")),
             "Tous les agents du pôle Petite enfance");
  hab_window_show_step (agent, HAB_STEP_DPO);
  hab_test_iterate ();
  approval = page_child (agent, "approval_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (approval)), ==, "Approval Outdated");
  {
    GtkWidget *next = gtk_widget_get_next_sibling (approval);

    g_assert_nonnull (next);
    g_assert_true (ADW_IS_ACTION_ROW (next));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (next)), ==, "Recipients changed");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (next)),
                              "Tous les agents du pôle Petite enfance"));
  }
  g_assert_cmpstr (step_status (agent, HAB_STEP_DPO), ==, "1 error");
  {
    GPtrArray *findings = hab_window_get_findings (agent);
    gboolean found = FALSE;

    for (guint i = 0; i < findings->len; i++)
      {
        const HabFinding *finding = g_ptr_array_index (findings, i);

        if (g_str_equal (finding->rule->id, "dpo.approval_outdated"))
          found = strstr (finding->message, "recipients changed") != NULL;
      }
    g_assert_true (found);
  }

  hab_window_save_to_file (agent, agent_file);
  hab_test_close_window (agent);
}

/* A copy of another dossier is refused with a clear message, and nothing
 * in the open dossier changes. */
static void
test_import_other_dossier (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *agent_path = agent_dossier (dir, "creche-production-editeur.habilitation");
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                  "cantine-scolaire-bac-a-sable.habilitation", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.habilitation", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  HabWindow *agent = open_window (agent_path);
  g_autofree char *before = hab_dossier_to_data (hab_window_get_dossier (agent), NULL);
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  g_assert_false (hab_window_import_review (agent, other_file));
  hab_test_iterate ();
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "This Is a Copy of Another Dossier");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "cantine-scolaire-bac-a-sable.habilitation"));
  close_message_dialog (dialog);

  g_assert_true (g_file_set_contents (broken, "{\"format\": ", -1, NULL));
  g_assert_false (hab_window_import_review (agent, broken_file));
  hab_test_iterate ();
  dialog = hab_test_find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.habilitation"));
  close_message_dialog (dialog);

  after = hab_dossier_to_data (hab_window_get_dossier (agent), NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (hab_window_get_modified (agent));
  g_assert_cmpuint (count_windows (), ==, 1);
  hab_test_close_window (agent);
}

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* The actions are in the main menu; the review view also works for an
 * API without data items (SFiP R2P). */
static void
test_actions (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = agent_dossier (dir, "ordonnateur-r2p-interne.habilitation");
  HabWindow *window = open_window (path);
  GtkWidget *button;
  GMenuModel *menu;

  /* Opened, as the menu gets its model then (hab-window.c). */
  button = find_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "win.send-to-dpo"));
  g_assert_true (menu_has_action (menu, "win.import-review"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));

  hab_window_show_step (window, HAB_STEP_DPO);
  hab_test_iterate ();
  g_assert_false (gtk_widget_get_visible (page_child (window, "minimisation_row")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_child (window, "reviewer_row"))), !=, "");
  g_assert_nonnull (gtk_widget_get_first_child (page_child (window, "review_items_box")));

  hab_test_close_window (window);
}

/* Items outside the use case's usual set are pointed out, on the item and
 * in the minimisation row, in words. */
static void
test_minimisation (void)
{
  g_autofree char *dir = hab_test_make_dir ();
  g_autofree char *path = agent_dossier (dir, "cantine-scolaire-bac-a-sable.habilitation");
  HabWindow *window = open_window (path);
  GtkWidget *row;

  hab_window_show_step (window, HAB_STEP_DPO);
  hab_test_iterate ();
  row = page_child (window, "minimisation_row");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Every requested item"));

  hab_dossier_set_scope (hab_window_get_dossier (window), "dgfip_rbg", "Revenu brut global");
  hab_test_iterate ();
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "1 requested item is outside what “Cantine scolaire” usually needs"));
  g_assert_nonnull (hab_page_dpo_get_item_comment_row (HAB_PAGE_DPO (hab_window_get_page (window, HAB_STEP_DPO)),
                                                       "dgfip_rbg"));
  g_assert_true (gtk_widget_has_css_class (page_child (window, "minimisation_icon"), "warning"));

  hab_window_save_to_file (window, hab_dossier_get_file (hab_window_get_dossier (window)));
  hab_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  hab_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/review/round-trip", test_review_round_trip);
  g_test_add_func ("/ui/review/import-other-dossier", test_import_other_dossier);
  g_test_add_func ("/ui/review/minimisation", test_minimisation);
  g_test_add_func ("/ui/review/actions", test_actions);

  return g_test_run ();
}
