/* hab-window.c: one window per dossier.
 *
 * The window owns the dossier and the validator. Every edit emits
 * HabDossier::changed once; the window validates the whole dossier again
 * and hands the findings to the sidebar and the pages (DESIGN §3), within
 * the same frame. It also autosaves a recovery copy while editing.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-contact-store.h"
#include "hab-contacts-window.h"
#include "hab-finding.h"
#include "hab-i18n.h"
#include "hab-page-acteurs.h"
#include "hab-page-cadre-juridique.h"
#include "hab-page-donnees.h"
#include "hab-page-dpo.h"
#include "hab-page-editeur.h"
#include "hab-page-parcours.h"
#include "hab-page-projet.h"
#include "hab-page-securite.h"
#include "hab-page-synthese.h"
#include "hab-recovery.h"
#include "hab-review.h"
#include "hab-start-page.h"
#include "hab-step-row.h"
#include "hab-validator.h"
#include "hab-window.h"

#define AUTOSAVE_DELAY_SECONDS 2

struct _HabWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkBox               *start_box;
  HabStartPage         *start_page;  /* built when first shown */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *dossier_title;
  AdwWindowTitle       *step_title;
  GtkStack             *pages_stack;
  GtkWidget            *content_box;
  GtkWidget            *sidebar_box;

  HabPage              *pages[HAB_N_STEPS];
  GtkWidget            *step_rows[HAB_N_STEPS];
  guint                 stale_pages;   /* bit per step: needs an update when shown */

  HabDossier           *dossier;
  HabValidator         *validator;
  GPtrArray            *findings;
  gboolean              modified;
  gboolean              close_confirmed;
  guint                 autosave_id;
  GtkFileChooserNative *chooser;
  GtkWindow            *help_overlay;   /* built when first shown */
  GMenuModel           *primary_menu;
  GtkMenuButton        *sidebar_menu_button;
  GCancellable         *cancellable;  /* opening the folder of the DPO's copy */

  HabContactStore      *store;        /* the application's address book */
  gboolean              move_offered; /* to move this dossier's inline cards */
  GFile                *recovery_file; /* opened before the window was shown */
  guint                 recovery_idle_id;
  guint                 store_load_id;
  AdwToast             *move_toast;   /* weak */
  gint64                move_toast_time;
};

G_DEFINE_FINAL_TYPE (HabWindow, hab_window, ADW_TYPE_APPLICATION_WINDOW)

static void
set_modified (HabWindow *self,
              gboolean   modified);

static GType
page_type (HabStep step)
{
  switch (step)
    {
    case HAB_STEP_PARCOURS:
      return HAB_TYPE_PAGE_PARCOURS;
    case HAB_STEP_ACTEURS:
      return HAB_TYPE_PAGE_ACTEURS;
    case HAB_STEP_PROJET:
      return HAB_TYPE_PAGE_PROJET;
    case HAB_STEP_CADRE_JURIDIQUE:
      return HAB_TYPE_PAGE_CADRE_JURIDIQUE;
    case HAB_STEP_DONNEES:
      return HAB_TYPE_PAGE_DONNEES;
    case HAB_STEP_DPO:
      return HAB_TYPE_PAGE_DPO;
    case HAB_STEP_SECURITE:
      return HAB_TYPE_PAGE_SECURITE;
    case HAB_STEP_EDITEUR:
      return HAB_TYPE_PAGE_EDITEUR;
    case HAB_STEP_SYNTHESE:
    case HAB_N_STEPS:
    default:
      return HAB_TYPE_PAGE_SYNTHESE;
    }
}

static HabStep
visible_step (HabWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->pages_stack);

  for (guint i = 0; i < HAB_N_STEPS; i++)
    if (GTK_WIDGET (self->pages[i]) == child)
      return i;

  return HAB_STEP_PARCOURS;
}

static void add_toast_cb    (HabWindow  *self,
                             AdwToast   *toast);
static void show_finding_cb (HabWindow  *self,
                             guint       step,
                             const char *field);

/* A step's page is built the first time it is needed, not at start-up:
 * most sessions visit a few steps, and nine pages of rows cost more to
 * build than the rest of the window. */
static HabPage *
ensure_page (HabWindow *self,
             HabStep    step)
{
  HabPage *page = self->pages[step];

  if (page != NULL)
    return page;

  page = self->pages[step] = g_object_new (page_type (step), "step", step, NULL);
  gtk_stack_add_named (self->pages_stack, GTK_WIDGET (page), hab_step_to_string (step));
  g_signal_connect_object (page, "add-toast", G_CALLBACK (add_toast_cb), self, G_CONNECT_SWAPPED);
  if (step == HAB_STEP_SYNTHESE)
    g_signal_connect_object (page, "show-finding", G_CALLBACK (show_finding_cb), self,
                             G_CONNECT_SWAPPED);
  hab_a11y_name_buttons (GTK_WIDGET (page));

  if (self->dossier != NULL)
    {
      hab_page_set_dossier (page, self->dossier);
      self->stale_pages |= 1u << step;
    }

  return page;
}

static gboolean
editor_mode (HabWindow *self)
{
  return self->dossier != NULL
         && g_strcmp0 (hab_dossier_get_string (self->dossier, "parcours.development"), "editor") == 0;
}

/* Title: the dossier's title, the file name, and a mark while unsaved. */
static void
update_title (HabWindow *self)
{
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  const char *title = NULL;
  GFile *file;

  if (self->dossier == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Habilitation"));
      return;
    }

  title = hab_dossier_get_string (self->dossier, "project.title");
  if (title == NULL || *title == '\0')
    title = _("New Dossier");

  file = hab_dossier_get_file (self->dossier);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* Translators: the file name, then whether it has unsaved changes */
      subtitle = self->modified ? g_strdup_printf (_("%s — modified"), name) : g_strdup (name);
    }
  else
    subtitle = g_strdup (_("Not saved yet"));

  adw_window_title_set_title (self->dossier_title, title);
  adw_window_title_set_subtitle (self->dossier_title, subtitle);

  /* Translators: window title; "•" marks unsaved changes */
  window_title = g_strdup_printf (self->modified ? _("• %s — Habilitation") : _("%s — Habilitation"),
                                  title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_sidebar (HabWindow *self)
{
  guint errors[HAB_N_STEPS] = { 0 };
  guint warnings[HAB_N_STEPS] = { 0 };
  guint total_errors = 0, total_warnings = 0;

  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->rule->severity == HAB_SEVERITY_ERROR)
        {
          errors[finding->rule->step]++;
          total_errors++;
        }
      else if (finding->rule->severity == HAB_SEVERITY_WARNING)
        {
          warnings[finding->rule->step]++;
          total_warnings++;
        }
    }

  for (guint step = 0; step < HAB_N_STEPS; step++)
    {
      gboolean applicable = step != HAB_STEP_EDITEUR || editor_mode (self);

      if (step == HAB_STEP_SYNTHESE)
        hab_step_row_set_counts (HAB_STEP_ROW (self->step_rows[step]),
                                 total_errors, total_warnings, TRUE);
      else
        hab_step_row_set_counts (HAB_STEP_ROW (self->step_rows[step]),
                                 errors[step], warnings[step], applicable);

      /* The editor's checks exist only in editor mode (DESIGN §2). */
      if (step == HAB_STEP_EDITEUR)
        gtk_widget_set_visible (self->step_rows[step], applicable);
    }
}

static void
update_page (HabWindow  *self,
             HabStep     step,
             const char *path)
{
  /* A page may edit the dossier while it updates (derived members such as
   * a card's display name), which validates again: keep these findings
   * alive until the page is done with them. */
  g_autoptr(GPtrArray) findings = self->findings ? g_ptr_array_ref (self->findings) : NULL;

  self->stale_pages &= ~(1u << step);
  hab_page_update (ensure_page (self, step), path, findings);
}

static void
revalidate (HabWindow  *self,
            const char *path)
{
  HabStep current;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  if (self->dossier == NULL)
    return;

  self->findings = hab_validator_validate (self->validator, self->dossier);
  update_sidebar (self);

  /* The visible page now, the others when they are shown. */
  current = visible_step (self);
  self->stale_pages = (1u << HAB_N_STEPS) - 1;
  update_page (self, current, path);

  if (current == HAB_STEP_EDITEUR && !editor_mode (self))
    hab_window_show_step (self, HAB_STEP_PARCOURS);
}

/* Autosave to the recovery folder, a little after the last edit. */
static gboolean
autosave_cb (gpointer user_data)
{
  HabWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;

  if (self->dossier != NULL && self->modified && !hab_recovery_save (self->dossier, &error))
    g_warning ("Could not write the recovery copy: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (HabWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_cb, self);
}

static void update_contact_actions (HabWindow *self);

static void
dossier_changed_cb (HabWindow  *self,
                    const char *path,
                    HabDossier *dossier)
{
  set_modified (self, TRUE);
  revalidate (self, path);
  update_title (self);
  schedule_autosave (self);
  update_contact_actions (self);
}

static void
set_modified (HabWindow *self,
              gboolean   modified)
{
  if (self->modified == modified)
    return;

  self->modified = modified;
  update_title (self);
}

static void
add_toast_cb (HabWindow *self,
              AdwToast  *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

void
hab_window_add_toast (HabWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (HAB_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error_dialog (HabWindow  *self,
                   const char *heading,
                   const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

/* Steps */

void
hab_window_show_step (HabWindow *self,
                      HabStep    step)
{
  g_return_if_fail (HAB_IS_WINDOW (self));
  g_return_if_fail (step < HAB_N_STEPS);

  if (step == HAB_STEP_EDITEUR && !editor_mode (self))
    return;

  if (self->stale_pages & (1u << step))
    update_page (self, step, NULL);

  gtk_stack_set_visible_child (self->pages_stack, GTK_WIDGET (ensure_page (self, step)));
  gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (self->step_rows[step]));
  adw_window_title_set_title (self->step_title, hab_step_get_title (step));
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

/**
 * hab_window_show_field:
 *
 * Shows the step and moves the focus to the widget editing @field.
 */
gboolean
hab_window_show_field (HabWindow  *self,
                       HabStep     step,
                       const char *field)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);

  hab_window_show_step (self, step);
  return field != NULL && hab_page_focus_field (ensure_page (self, step), field);
}

/* Keyboard users go on in the page they chose: the focus moves to its
 * first control. */
static void
focus_page (HabWindow *self,
            HabStep    step)
{
  GtkWidget *page = GTK_WIDGET (ensure_page (self, step));

  if (gtk_widget_get_mapped (page))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
sidebar_row_activated_cb (HabWindow     *self,
                          GtkListBoxRow *row)
{
  HabStep step = hab_step_row_get_step (HAB_STEP_ROW (row));

  hab_window_show_step (self, step);
  focus_page (self, step);
}

/* GTK 4.8 selects each row of the sidebar that Tab reaches on its way to
 * the page: keep the step shown selected, so that the sidebar never tells
 * the eye or a screen reader that another step is open. Return opens the
 * row that has the focus (row-activated). */
static void
sidebar_row_selected_cb (HabWindow     *self,
                         GtkListBoxRow *row)
{
  GtkWidget *shown;

  /* Nothing shown yet, or the window going away. */
  if (row == NULL || self->pages_stack == NULL
      || gtk_stack_get_visible_child (self->pages_stack) == NULL)
    return;

  shown = self->step_rows[visible_step (self)];
  if (shown != NULL && row != GTK_LIST_BOX_ROW (shown))
    gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (shown));
}

static void
back_clicked_cb (HabWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_finding_cb (HabWindow  *self,
                 guint       step,
                 const char *field)
{
  hab_window_show_field (self, step, field);
}

/* Dossier and files */

void
hab_window_set_dossier (HabWindow  *self,
                        HabDossier *dossier,
                        gboolean    modified)
{
  g_return_if_fail (HAB_IS_WINDOW (self));
  g_return_if_fail (HAB_IS_DOSSIER (dossier));

  if (self->dossier != NULL)
    g_signal_handlers_disconnect_by_func (self->dossier, dossier_changed_cb, self);

  g_set_object (&self->dossier, dossier);
  g_signal_connect_object (dossier, "changed", G_CALLBACK (dossier_changed_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint step = 0; step < HAB_N_STEPS; step++)
    if (self->pages[step] != NULL)
      hab_page_set_dossier (self->pages[step], dossier);

  self->modified = modified;
  gtk_stack_set_visible_child_name (self->main_stack, "dossier");
  revalidate (self, NULL);
  update_title (self);
  hab_window_show_step (self, HAB_STEP_PARCOURS);
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  gtk_widget_grab_focus (self->step_rows[HAB_STEP_PARCOURS]);

  if (modified)
    schedule_autosave (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-to-dpo", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-review", TRUE);

  /* A file with inline cards: offer to move them into the keyring. */
  self->move_offered = FALSE;
  hab_window_offer_move_contacts (self);
}

HabDossier *
hab_window_get_dossier (HabWindow *self)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), NULL);

  return self->dossier;
}

/* Work on this file that was never saved: the app stopped (a crash, a
 * power cut, a killed session) after an autosave. */
static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      HabWindow        *self)
{
  HabRecoveryEntry *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  HabDossier *saved = g_object_get_data (G_OBJECT (dialog), "dossier");
  g_autoptr(HabDossier) recovered = NULL;
  g_autoptr(GError) error = NULL;

  /* The window moved on to another dossier meanwhile. */
  if (self->dossier != saved)
    return;

  if (g_str_equal (response, "discard"))
    {
      g_file_delete (hab_recovery_entry_get_file (entry), NULL, NULL);
      return;
    }

  if (!g_str_equal (response, "recover"))
    return;   /* later: the start page keeps offering it */

  recovered = hab_recovery_load (entry, &error);
  if (recovered == NULL)
    {
      show_error_dialog (self, _("This Work Cannot Be Recovered"), error->message);
      return;
    }

  /* It replaces, once saved, the version of the file just read. */
  hab_dossier_set_file (recovered, hab_dossier_get_file (saved));
  hab_dossier_copy_disk_state (recovered, saved);
  hab_window_set_dossier (self, recovered, TRUE);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Unsaved changes recovered: save to keep them")));
}

static void
offer_recovery (HabWindow *self,
                GFile     *file)
{
  g_autoptr(GPtrArray) entries = hab_recovery_list ();
  HabRecoveryEntry *entry = NULL;
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *day = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GDateTime *modified;

  for (guint i = 0; i < entries->len && entry == NULL; i++)
    {
      GFile *source = hab_recovery_entry_get_source (g_ptr_array_index (entries, i));

      if (source != NULL && g_file_equal (source, file))
        entry = g_ptr_array_index (entries, i);
    }
  if (entry == NULL)
    return;

  name = g_file_get_basename (file);
  /* Translators: a time of day, as in "at 14:05" */
  when = g_date_time_format (hab_recovery_entry_get_modified (entry), _("%H:%M"));
  modified = hab_recovery_entry_get_modified (entry);
  day = hab_format_long_date (g_date_time_get_year (modified), g_date_time_get_month (modified),
                              g_date_time_get_day_of_month (modified));
  /* Translators: the file name, then a date ("27 November 2026"), then a time */
  body = g_strdup_printf (_("Changes made to “%s” on %s at %s were never saved: the application "
                            "stopped before. Recover them to go on where you left off."),
                          name, day, when);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Recover Unsaved Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "later", _("_Not Now"),
                                    "discard", _("_Discard Changes"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "entry", g_object_ref (entry), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "dossier", g_object_ref (self->dossier), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * hab_window_load_file:
 *
 * Opens a dossier. A file that cannot be opened is left untouched and the
 * user gets a dialog saying why. When unsaved work on that file was
 * recovered after a crash, the user is offered to take it back.
 */
gboolean
hab_window_load_file (HabWindow *self,
                      GFile     *file)
{
  g_autoptr(HabDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);

  dossier = hab_dossier_new_from_file (file, NULL, &error);
  if (dossier == NULL)
    {
      show_error_dialog (self, _("This Dossier Cannot Be Opened"), error->message);
      return FALSE;
    }

  hab_window_set_dossier (self, dossier, FALSE);
  add_to_recent (file);

  /* Above the window, not under it, whatever the window manager does. */
  g_clear_object (&self->recovery_file);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    offer_recovery (self, file);
  else
    g_set_object (&self->recovery_file, file);

  return TRUE;
}

typedef enum
{
  AFTER_SAVE_NOTHING,
  AFTER_SAVE_CLOSE,
} AfterSave;

static gboolean save_to_file_full (HabWindow           *self,
                                   GFile               *file,
                                   HabDossierSaveFlags  flags,
                                   AfterSave            after);
static void     save_as           (HabWindow           *self,
                                   AfterSave            after);

/* Someone else saved the file since we read it: a DPO's copy saved into
 * the same shared folder, a colleague's version. Nothing is written until
 * the user chooses. */
typedef struct
{
  HabWindow *self;
  GFile     *file;
  AfterSave  after;
} Conflict;

static void
conflict_free (Conflict *conflict)
{
  g_object_unref (conflict->self);
  g_object_unref (conflict->file);
  g_free (conflict);
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Conflict         *conflict)
{
  HabWindow *self = conflict->self;

  if (self->dossier == NULL)
    return;

  if (g_str_equal (response, "save-as"))
    save_as (self, conflict->after);
  else if (g_str_equal (response, "replace"))
    save_to_file_full (self, conflict->file, HAB_DOSSIER_SAVE_REPLACE_CHANGES, conflict->after);
  else if (g_str_equal (response, "import"))
    {
      /* Their version is the DPO's copy: take its reviews, then ours
       * (with the contact details the copy lacks) replaces it. */
      if (hab_window_import_review (self, conflict->file))
        save_to_file_full (self, conflict->file, HAB_DOSSIER_SAVE_REPLACE_CHANGES, conflict->after);
    }
}

/* Whether the version on disk is the copy of this dossier sent to the DPO. */
static gboolean
disk_version_is_dpo_copy (HabWindow *self,
                          GFile     *file)
{
  g_autoptr(HabDossier) theirs = hab_dossier_new_from_file (file, NULL, NULL);
  gboolean dpo_copy = FALSE;
  const char *id;

  if (theirs == NULL || !hab_dossier_get_boolean (theirs, "dpo_copy", &dpo_copy) || !dpo_copy)
    return FALSE;

  id = hab_dossier_get_string (theirs, "id");
  return id != NULL && *id != '\0' && g_strcmp0 (id, hab_dossier_get_string (self->dossier, "id")) == 0;
}

static void
show_conflict_dialog (HabWindow *self,
                      GFile     *file,
                      AfterSave  after)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = NULL;
  gboolean dpo_copy = disk_version_is_dpo_copy (self, file);
  AdwMessageDialog *dialog;
  Conflict *conflict;

  if (dpo_copy)
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("“%s” was replaced by the copy of this dossier sent to the DPO, "
                              "probably with their review, since you opened it. Import their "
                              "review to keep it: your dossier, with the review, then replaces "
                              "the copy, which is kept as “%s~”."), name, name);
  else
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("“%s” was saved by another person or program since you opened it. "
                              "Save your version under another name to compare them, or replace "
                              "theirs: it will be kept as “%s~”."), name, name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("The File Was Changed by Someone Else"),
                                                       body));
  /* The safe choice last: first in the focus when the buttons stack up. */
  if (dpo_copy)
    adw_message_dialog_add_responses (dialog,
                                      "cancel", _("_Cancel"),
                                      "save-as", _("Save _As…"),
                                      "replace", _("_Replace Their Version"),
                                      NULL);
  else
    adw_message_dialog_add_responses (dialog,
                                      "cancel", _("_Cancel"),
                                      "replace", _("_Replace Their Version"),
                                      "save-as", _("Save _As…"),
                                      NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  if (dpo_copy)
    {
      adw_message_dialog_add_response (dialog, "import", _("_Import Their Review"));
      adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "import");
    }
  else
    {
      adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save-as");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");

  conflict = g_new0 (Conflict, 1);
  conflict->self = g_object_ref (self);
  conflict->file = g_object_ref (file);
  conflict->after = after;
  g_signal_connect_data (dialog, "response", G_CALLBACK (conflict_response_cb), conflict,
                         (GClosureNotify) conflict_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_failed_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         HabWindow        *self)
{
  if (g_str_equal (response, "save-as") && self->dossier != NULL)
    save_as (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "after-save")));
}

/* A read-only folder, a full disk: the file was left as it was, and the
 * dossier stays open, so the user can save it somewhere else. */
static void
show_save_failed_dialog (HabWindow    *self,
                         const GError *error,
                         AfterSave     after)
{
  g_autofree char *body = g_strdup_printf ("%s.\n\n%s", error->message,
                                           _("The file was left as it was and your work is still "
                                             "here: save it in another folder."));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         _("The Dossier Was Not Saved"),
                                                                         body));

  adw_message_dialog_add_responses (dialog,
                                    "close", _("_Close"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save-as");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data (G_OBJECT (dialog), "after-save", GINT_TO_POINTER (after));
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_failed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
save_to_file_full (HabWindow           *self,
                   GFile               *file,
                   HabDossierSaveFlags  flags,
                   AfterSave            after)
{
  g_autoptr(GError) error = NULL;

  /* Never the cards that the keyring holds (DESIGN §4). */
  if (!hab_contact_store_save_dossier (self->store, self->dossier, file, flags, NULL, &error))
    {
      if (g_error_matches (error, HAB_DOSSIER_ERROR, HAB_DOSSIER_ERROR_CHANGED_ON_DISK))
        show_conflict_dialog (self, file, after);
      else
        show_save_failed_dialog (self, error, after);
      return FALSE;
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  hab_recovery_discard (self->dossier);
  set_modified (self, FALSE);
  update_title (self);
  add_to_recent (file);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Dossier saved")));

  if (after == AFTER_SAVE_CLOSE)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }

  return TRUE;
}

/**
 * hab_window_save_to_file:
 *
 * Saves the dossier to @file. When @file is the dossier's own file and
 * someone else saved it meanwhile, or when it cannot be written, nothing
 * is written and a dialog lets the user choose what to do.
 *
 * Returns: whether the dossier was saved
 */
gboolean
hab_window_save_to_file (HabWindow *self,
                         GFile     *file)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->dossier != NULL, FALSE);

  return save_to_file_full (self, file, HAB_DOSSIER_SAVE_NONE, AFTER_SAVE_NOTHING);
}

gboolean
hab_window_get_modified (HabWindow *self)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);

  return self->modified;
}

/**
 * hab_window_get_findings:
 *
 * Returns: (transfer none) (element-type HabFinding) (nullable): the
 *   findings of the last validation
 */
GPtrArray *
hab_window_get_findings (HabWindow *self)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), NULL);

  return self->findings;
}

HabPage *
hab_window_get_page (HabWindow *self,
                     HabStep    step)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (step < HAB_N_STEPS, NULL);

  return ensure_page (self, step);
}

GtkWidget *
hab_window_get_step_row (HabWindow *self,
                         HabStep    step)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (step < HAB_N_STEPS, NULL);

  return self->step_rows[step];
}

/**
 * hab_window_is_empty:
 *
 * Returns: whether the window shows no dossier (its start page), so that an
 *   opened file can go in it rather than in a new window.
 */
gboolean
hab_window_is_empty (HabWindow *self)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);

  return self->dossier == NULL;
}

static char *
suggested_file_name (HabWindow *self)
{
  const char *title = hab_dossier_get_string (self->dossier, "project.title");
  GString *name = g_string_new (NULL);

  /* A file name from the title: letters, digits and dashes. */
  for (const char *p = title ? title : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (name, g_unichar_tolower (c));
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, _("dossier"));
  g_string_append (name, ".habilitation");

  return g_string_free (name, FALSE);
}

static GtkFileFilter *
dossier_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Habilitation Dossiers"));
  gtk_file_filter_add_pattern (filter, "*.habilitation");
  gtk_file_filter_add_mime_type (filter, "application/x-habilitation+json");

  return filter;
}

static void
save_as_response_cb (HabWindow            *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  AfterSave after = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "after-save"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      /* Add the extension when the user did not type it. */
      if (path != NULL && !g_str_has_suffix (path, ".habilitation"))
        {
          g_autofree char *with_extension = g_strconcat (path, ".habilitation", NULL);
          g_autoptr(GFile) fixed = g_file_new_for_path (with_extension);

          g_set_object (&file, fixed);
        }

      /* The chooser asked before replacing another file. */
      save_to_file_full (self, file, HAB_DOSSIER_SAVE_REPLACE_CHANGES, after);
    }

  g_clear_object (&self->chooser);
}

/* A modal chooser of .habilitation files, opening in the dossier's folder;
 * it becomes self->chooser until its response. */
static GtkFileChooser *
new_dossier_chooser (HabWindow            *self,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label)
{
  g_autoptr(GtkFileFilter) filter = dossier_filter ();
  GFile *file = hab_dossier_get_file (self->dossier);

  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                               accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  return GTK_FILE_CHOOSER (self->chooser);
}

static void
save_as (HabWindow *self,
         AfterSave  after)
{
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;
  GFile *file;

  if (self->dossier == NULL || self->chooser != NULL)
    return;

  chooser = new_dossier_chooser (self, _("Save Dossier"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  file = hab_dossier_get_file (self->dossier);
  if (file != NULL)
    gtk_file_chooser_set_file (chooser, file, NULL);
  else
    {
      name = suggested_file_name (self);
      gtk_file_chooser_set_current_name (chooser, name);
    }

  g_object_set_data (G_OBJECT (self->chooser), "after-save", GINT_TO_POINTER (after));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (save_as_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save (HabWindow *self,
      AfterSave  after)
{
  GFile *file;

  if (self->dossier == NULL)
    return;

  file = hab_dossier_get_file (self->dossier);
  if (file == NULL)
    {
      save_as (self, after);
      return;
    }

  save_to_file_full (self, file, HAB_DOSSIER_SAVE_NONE, after);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (HAB_WINDOW (widget), AFTER_SAVE_NOTHING);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (HAB_WINDOW (widget), AFTER_SAVE_NOTHING);
}

static void
goto_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HabWindow *self = HAB_WINDOW (widget);
  gint32 step = g_variant_get_int32 (parameter);

  if (self->dossier != NULL && step >= 0 && step < HAB_N_STEPS)
    {
      hab_window_show_step (self, step);
      focus_page (self, step);
    }
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* The DPO's review (DESIGN §7): send a copy, import the copy sent back */

static void
open_folder_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HabWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The folder could not be opened: %s"),
                                                  error->message);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }
}

/**
 * hab_window_send_to_dpo:
 * @file: where to save the copy
 *
 * Saves the copy of the dossier meant for the DPO (contact cards cut down
 * to names and job titles) and opens its folder, so that the agent can
 * attach it to a mail. The dossier itself is left as it is.
 */
gboolean
hab_window_send_to_dpo (HabWindow *self,
                        GFile     *file)
{
  g_autoptr(HabDossier) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  GFile *own_file;

  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->dossier == NULL)
    return FALSE;

  /* The copy has no phone numbers: it must never replace the dossier. */
  own_file = hab_dossier_get_file (self->dossier);
  if (own_file != NULL && g_file_equal (own_file, file))
    {
      show_error_dialog (self, _("The Copy for the DPO Was Not Saved"),
                         _("Choose another name: the copy for the DPO would replace your dossier, "
                           "and the contact details it holds."));
      return FALSE;
    }

  copy = hab_review_dup_dpo_copy (self->dossier, hab_contact_store_lookup_func, self->store);
  if (copy == NULL || !hab_dossier_save (copy, file, NULL, &error))
    {
      show_error_dialog (self, _("The Copy for the DPO Was Not Saved"),
                         error != NULL ? error->message : _("The dossier could not be copied."));
      return FALSE;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Copy for the DPO saved as “%s”: attach it to your e-mail"), name);
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));

  folder = g_file_get_parent (file);
  if (folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (folder);
      g_autoptr(GdkAppLaunchContext) context =
        gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

      g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                               self->cancellable, open_folder_cb,
                                               g_object_ref (self));
    }

  return TRUE;
}

static void
import_dialog (HabWindow  *self,
               const char *heading,
               const char *body,
               GPtrArray  *differences)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         heading, body));

  if (differences != NULL && differences->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label;

      for (guint i = 0; i < differences->len; i++)
        {
          g_autofree char *line = hab_merge_difference_describe (g_ptr_array_index (differences, i));

          g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", line);
        }

      label = gtk_label_new (text->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * hab_window_import_review:
 * @file: the copy the DPO sent back
 *
 * Merges the reviews of @file into the open dossier when it is a copy of
 * it (same id), lists what else differs without taking it, and refuses a
 * copy of another dossier. Never opens a second dossier.
 *
 * Returns: whether the file was merged
 */
gboolean
hab_window_import_review (HabWindow *self,
                          GFile     *file)
{
  g_autoptr(HabDossier) returned = NULL;
  g_autoptr(HabMergeResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->dossier == NULL)
    return FALSE;

  returned = hab_dossier_new_from_file (file, NULL, &error);
  if (returned == NULL)
    {
      show_error_dialog (self, _("The Review Cannot Be Imported"), error->message);
      return FALSE;
    }

  name = g_file_get_basename (file);
  result = hab_review_merge (self->dossier, returned, name, &error);
  if (result == NULL)
    {
      if (g_error_matches (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_OTHER_DOSSIER)
          || g_error_matches (error, HAB_REVIEW_ERROR, HAB_REVIEW_ERROR_NO_ID))
        {
          g_autofree char *body = g_strdup_printf ("%s. %s", error->message,
                                                   _("Your dossier was left as it was; open that "
                                                     "file in its own window if you need it."));

          show_error_dialog (self, _("This Is a Copy of Another Dossier"), body);
        }
      else
        show_error_dialog (self, _("The Review Cannot Be Imported"), error->message);
      return FALSE;
    }

  if (result->n_added > 0)
    /* Translators: a number of reviews, then a file name */
    summary = g_strdup_printf (ngettext ("%u review of the DPO was added from “%s”.",
                                         "%u reviews of the DPO were added from “%s”.",
                                         result->n_added),
                               result->n_added, name);
  else
    /* Translators: %s is a file name */
    summary = g_strdup_printf (_("“%s” holds no review that this dossier does not already have."),
                               name);

  hab_window_show_step (self, HAB_STEP_DPO);

  if (result->differences->len > 0)
    {
      g_autofree char *body = g_strdup_printf ("%s\n\n%s", summary,
                                               _("The returned copy also differs from your dossier "
                                                 "in these places. None of it was taken: make the "
                                                 "changes yourself if the DPO asks for them."));

      import_dialog (self, result->n_added > 0 ? _("Reviews Imported") : _("No New Review"), body,
                     result->differences);
    }
  else
    {
      g_autofree char *escaped = g_markup_escape_text (summary, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
    }

  return TRUE;
}

static void
send_to_dpo_response_cb (HabWindow            *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && !g_str_has_suffix (path, ".habilitation"))
        {
          g_autofree char *with_extension = g_strconcat (path, ".habilitation", NULL);
          g_autoptr(GFile) fixed = g_file_new_for_path (with_extension);

          g_set_object (&file, fixed);
        }

      hab_window_send_to_dpo (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
send_to_dpo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HabWindow *self = HAB_WINDOW (widget);
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GFile *file;

  if (self->dossier == NULL || self->chooser != NULL)
    return;

  /* Next to the dossier, named after it. */
  new_dossier_chooser (self, _("Save the Copy for the DPO"), GTK_FILE_CHOOSER_ACTION_SAVE,
                       _("_Save"));
  file = hab_dossier_get_file (self->dossier);
  if (file != NULL)
    {
      base = g_file_get_basename (file);
      if (g_str_has_suffix (base, ".habilitation"))
        base[strlen (base) - strlen (".habilitation")] = '\0';
    }
  else
    {
      base = suggested_file_name (self);
      base[strlen (base) - strlen (".habilitation")] = '\0';
    }
  /* Translators: the file name of the copy for the DPO; %s is the dossier's */
  name = g_strdup_printf (_("%s-for-dpo.habilitation"), base);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (send_to_dpo_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_review_response_cb (HabWindow            *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      hab_window_import_review (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
import_review_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HabWindow *self = HAB_WINDOW (widget);

  if (self->dossier == NULL || self->chooser != NULL)
    return;

  new_dossier_chooser (self, _("Import the DPO’s Review"), GTK_FILE_CHOOSER_ACTION_OPEN,
                       _("_Import"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (import_review_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Closing with unsaved changes */

static gboolean
close_later_cb (gpointer data)
{
  g_autoptr(HabWindow) self = data;

  if (self->close_confirmed)
    gtk_window_close (GTK_WINDOW (self));
  else
    save (self, AFTER_SAVE_CLOSE);

  return G_SOURCE_REMOVE;
}

static void
close_response_cb (HabWindow        *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  /* Close once the dialog, which is transient for this window, is gone. */
  if (g_str_equal (response, "save"))
    g_idle_add (close_later_cb, g_object_ref (self));
  else if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      g_idle_add (close_later_cb, g_object_ref (self));
    }
}

/* The window's size is kept in GSettings, when the schema is installed (a
 * program run from its build folder without GSETTINGS_SCHEMA_DIR has none). */
static GSettings *
window_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static void
save_window_size (HabWindow *self)
{
  g_autoptr(GSettings) settings = window_settings ();
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", MAX (width, 360));
      g_settings_set_int (settings, "window-height", MAX (height, 294));
    }
}

static void
restore_window_size (HabWindow *self)
{
  g_autoptr(GSettings) settings = window_settings ();

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * hab_window_get_help_page:
 *
 * Returns: (transfer full): the id of the help page of the step shown
 *   ("step-cadre-juridique"), or "index" on the start page
 */
char *
hab_window_get_help_page (HabWindow *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (HAB_IS_WINDOW (self), NULL);

  if (self->dossier == NULL)
    return g_strdup ("index");

  id = g_strdup (hab_step_to_string (visible_step (self)));
  g_strdelimit (id, "_", '-');
  return g_strconcat ("step-", id, NULL);
}

static gboolean
hab_window_close_request (GtkWindow *window)
{
  HabWindow *self = HAB_WINDOW (window);
  AdwMessageDialog *dialog;

  if (self->dossier == NULL || !self->modified || self->close_confirmed)
    {
      save_window_size (self);

      /* A clean close: the recovery copy is not needed any more. */
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      if (self->dossier != NULL)
        hab_recovery_discard (self->dossier);
      return GTK_WINDOW_CLASS (hab_window_parent_class)->close_request (window);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"),
                                                       _("The dossier has unsaved changes. "
                                                         "If you close without saving, they "
                                                         "are lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* Start page */

static void
start_create_cb (HabWindow  *self,
                 HabDossier *dossier)
{
  hab_window_set_dossier (self, dossier, TRUE);
}

static void
start_open_cb (HabWindow *self,
               GFile     *file)
{
  hab_window_load_file (self, file);
}

/* Drag and drop */

static gboolean
drop_cb (HabWindow     *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;

      if (hab_window_is_empty (self) && l == files)
        hab_window_load_file (self, file);
      else
        g_application_open (g_application_get_default (), &file, 1, "");
    }

  return files != NULL;
}

/* The address book: one HabContactStore for the application, loaded
 * asynchronously; the validator reads its cards in memory. */

/* Said once for the application, until the keyring answers again. */
static gboolean keyring_unavailable_said;

static void
add_plain_toast (HabWindow  *self,
                 const char *text,
                 const char *button_label,
                 const char *action_name,
                 guint       timeout)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, action_name);
    }
  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
dismiss_later_cb (gpointer data)
{
  g_autoptr(AdwToast) toast = data;

  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* Once only. And not while it is still sliding in: libadwaita 1.2 frees a
 * toast hidden before its show animation ends, which then crashes. */
#define TOAST_SHOW_MS 600

static void
dismiss_move_toast (HabWindow *self)
{
  AdwToast *toast = self->move_toast;
  gint64 shown_ms;

  if (toast == NULL)
    return;

  g_clear_weak_pointer (&self->move_toast);
  shown_ms = (g_get_monotonic_time () - self->move_toast_time) / 1000;
  if (shown_ms < TOAST_SHOW_MS)
    g_timeout_add (TOAST_SHOW_MS - shown_ms, dismiss_later_cb, g_object_ref (toast));
  else
    adw_toast_dismiss (toast);
}

static void
move_toast_dismissed_cb (HabWindow *self)
{
  g_clear_weak_pointer (&self->move_toast);
}

static void
update_contact_actions (HabWindow *self)
{
  gboolean can_move = self->dossier != NULL
                      && hab_contact_store_get_state (self->store) == HAB_CONTACT_STORE_STATE_READY
                      && hab_contact_store_count_inline_cards (self->store, self->dossier) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.move-contacts", can_move);
  if (!can_move)
    dismiss_move_toast (self);
}

/**
 * hab_window_offer_move_contacts:
 *
 * When the dossier's file holds contact cards that the keyring does not,
 * offers (once for the dossier, in a toast) to move them there.
 *
 * Returns: whether the offer is shown
 */
gboolean
hab_window_offer_move_contacts (HabWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;
  guint n;

  g_return_val_if_fail (HAB_IS_WINDOW (self), FALSE);

  update_contact_actions (self);

  if (self->dossier == NULL || self->move_offered
      || hab_contact_store_get_state (self->store) != HAB_CONTACT_STORE_STATE_READY)
    return FALSE;

  n = hab_contact_store_count_inline_cards (self->store, self->dossier);
  if (n == 0)
    return FALSE;

  self->move_offered = TRUE;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The file holds the contact card of %u person. Move it "
                                       "to your keyring’s address book?",
                                       "The file holds the contact cards of %u people. Move "
                                       "them to your keyring’s address book?", n), n);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Move"));
  adw_toast_set_action_name (toast, "win.move-contacts");
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&self->move_toast, toast);
  self->move_toast_time = g_get_monotonic_time ();
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (move_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  return TRUE;
}

static void
store_state_cb (HabWindow *self)
{
  HabContactStoreState state = hab_contact_store_get_state (self->store);

  if (state == HAB_CONTACT_STORE_STATE_UNAVAILABLE && !keyring_unavailable_said)
    {
      const GError *error = hab_contact_store_get_error (self->store);
      g_autofree char *text = NULL;

      keyring_unavailable_said = TRUE;
      /* Translators: %s says why, in a sentence */
      text = g_strdup_printf (_("Address book unavailable. %s"),
                              error ? error->message : _("No keyring answers."));
      add_plain_toast (self, text, _("_Try Again"), "win.retry-keyring", 0);
    }
  else if (state == HAB_CONTACT_STORE_STATE_READY)
    {
      keyring_unavailable_said = FALSE;
      hab_window_offer_move_contacts (self);
    }

  update_contact_actions (self);
}

static void
store_changed_cb (HabWindow *self)
{
  /* The validator reads the cards in memory: validate again. */
  if (self->dossier != NULL)
    revalidate (self, "actors");

  update_contact_actions (self);
}

static void
retry_keyring_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HabWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hab_contact_store_load_finish (HAB_CONTACT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_plain_toast (self, error->message, _("_Try Again"), "win.retry-keyring", 8);
      return;
    }

  add_plain_toast (self, _("The address book is available"), NULL, NULL, 5);
}

/* A menu button makes its popover when given its menu: the main menu is
 * given when first opened (some 6 M instructions per button before the
 * first frame otherwise). */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  HabWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The keyboard shortcuts window is built the first time it is asked for.
 * GtkApplication would build one with every window from a resource named
 * gtk/help-overlay.ui, some 17 M instructions before the first frame. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HabWindow *self = HAB_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/habilitation/Habilitation/ui/shortcuts.ui");

      self->help_overlay = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
      gtk_window_set_modal (self->help_overlay, TRUE);
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
    }

  gtk_window_present (self->help_overlay);
}

static void
retry_keyring_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HabWindow *self = HAB_WINDOW (widget);

  /* Asked for: the keyring may show its password prompt. */
  hab_contact_store_load_async (self->store, TRUE, self->cancellable, retry_keyring_cb,
                                g_object_ref (self));
}

typedef struct
{
  HabWindow  *self;
  HabDossier *dossier;
} MoveContacts;

static void
move_contacts_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MoveContacts *move = user_data;
  g_autoptr(HabWindow) self = move->self;
  g_autoptr(HabDossier) dossier = move->dossier;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GFile *file;
  guint n = 0;

  g_free (move);

  if (!hab_contact_store_import_finish (HAB_CONTACT_STORE (source), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          text = g_strdup_printf (_("The contact cards stay in the file: %s"), error->message);
          add_plain_toast (self, text, NULL, NULL, 8);
        }
      return;
    }

  if (dossier != self->dossier)
    return;

  /* In the keyring now: out of the file, which is saved at once. */
  hab_contact_store_strip_cards (self->store, dossier);
  file = hab_dossier_get_file (dossier);
  if (file != NULL)
    hab_window_save_to_file (self, file);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u contact card moved to your keyring",
                                       "%u contact cards moved to your keyring", n), n);
  add_plain_toast (self, text, NULL, NULL, 5);
  update_contact_actions (self);
}

/**
 * hab_window_move_contacts:
 *
 * Moves the dossier's inline cards into the keyring, then saves the file
 * without them (when it has one).
 */
void
hab_window_move_contacts (HabWindow *self)
{
  MoveContacts *move;

  g_return_if_fail (HAB_IS_WINDOW (self));

  if (self->dossier == NULL)
    return;

  dismiss_move_toast (self);

  move = g_new0 (MoveContacts, 1);
  move->self = g_object_ref (self);
  move->dossier = g_object_ref (self->dossier);
  hab_contact_store_import_async (self->store, self->dossier, self->cancellable,
                                  move_contacts_cb, move);
}

static void
move_contacts_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  hab_window_move_contacts (HAB_WINDOW (widget));
}

static void
address_book_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HabWindow *self = HAB_WINDOW (widget);
  HabContactsWindow *book = hab_contacts_window_new (GTK_WINDOW (self), self->store);

  gtk_window_present (GTK_WINDOW (book));
}

/* Recent files, recovery copies and the use cases: only for a window that
 * shows them, not for one opened on a file. */
static HabStartPage *
ensure_start_page (HabWindow *self)
{
  GtkWidget *header;
  GtkWidget *menu_button;

  if (self->start_page != NULL)
    return self->start_page;

  /* Its header bar too: window buttons, title and main menu, built with
   * the page (3.8 M instructions of a start-up on a dossier otherwise). */
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Habilitation"), NULL));
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_primary (GTK_MENU_BUTTON (menu_button), TRUE);
  gtk_widget_set_tooltip_text (menu_button, _("Main Menu"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button), create_primary_menu_cb,
                                         self, NULL);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu_button);
  gtk_box_append (self->start_box, header);

  self->start_page = g_object_new (HAB_TYPE_START_PAGE, "vexpand", TRUE, NULL);
  g_signal_connect_object (self->start_page, "create", G_CALLBACK (start_create_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_page, "open", G_CALLBACK (start_open_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->start_box, GTK_WIDGET (self->start_page));
  hab_a11y_name_buttons (GTK_WIDGET (self->start_box));

  return self->start_page;
}

static gboolean
offer_pending_recovery (gpointer data)
{
  HabWindow *self = data;
  g_autoptr(GFile) file = g_steal_pointer (&self->recovery_file);

  self->recovery_idle_id = 0;
  if (file != NULL && self->dossier != NULL)
    offer_recovery (self, file);

  return G_SOURCE_REMOVE;
}

/* Before it is first laid out, a window with no dossier gets its start page. */
static void
hab_window_show (GtkWidget *widget)
{
  HabWindow *self = HAB_WINDOW (widget);

  if (self->dossier == NULL)
    ensure_start_page (self);

  GTK_WIDGET_CLASS (hab_window_parent_class)->show (widget);
}

/* Once the window is up (and raised by gtk_window_present()), so that the
 * dialog is above it even with no window manager to keep it there. */
static void
hab_window_map (GtkWidget *widget)
{
  HabWindow *self = HAB_WINDOW (widget);

  GTK_WIDGET_CLASS (hab_window_parent_class)->map (widget);

  if (self->recovery_file != NULL && self->recovery_idle_id == 0)
    self->recovery_idle_id = g_idle_add (offer_pending_recovery, self);
}

static void
hab_window_dispose (GObject *object)
{
  HabWindow *self = (HabWindow *)object;

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_object (&self->help_overlay);

  gtk_widget_dispose_template (GTK_WIDGET (self), HAB_TYPE_WINDOW);

  G_OBJECT_CLASS (hab_window_parent_class)->dispose (object);
}

static void
hab_window_finalize (GObject *object)
{
  HabWindow *self = (HabWindow *)object;

  g_clear_object (&self->dossier);
  g_clear_object (&self->recovery_file);
  g_clear_handle_id (&self->recovery_idle_id, g_source_remove);
  g_clear_handle_id (&self->store_load_id, g_source_remove);
  g_clear_object (&self->validator);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_weak_pointer (&self->move_toast);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hab_window_parent_class)->finalize (object);
}

static void
hab_window_class_init (HabWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hab_window_dispose;
  object_class->finalize = hab_window_finalize;
  window_class->close_request = hab_window_close_request;
  widget_class->map = hab_window_map;
  widget_class->show = hab_window_show;

  g_type_ensure (HAB_TYPE_START_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HabWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, start_box);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, dossier_title);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, step_title);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, pages_stack);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, HabWindow, sidebar_box);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.goto-step", "i", goto_step_action);
  gtk_widget_class_install_action (widget_class, "win.send-to-dpo", NULL, send_to_dpo_action);
  gtk_widget_class_install_action (widget_class, "win.import-review", NULL, import_review_action);
  gtk_widget_class_install_action (widget_class, "win.address-book", NULL, address_book_action);
  gtk_widget_class_install_action (widget_class, "win.move-contacts", NULL, move_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.retry-keyring", NULL, retry_keyring_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);

  /* Alt+1…9 jump to a step. */
  for (guint step = 0; step < HAB_N_STEPS; step++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + step, GDK_ALT_MASK,
                                         "win.goto-step", "i", (gint32) step);
}

static gboolean
load_store_idle (gpointer data)
{
  HabWindow *self = data;

  self->store_load_id = 0;
  hab_contact_store_ensure_loaded (self->store);

  return G_SOURCE_REMOVE;
}

static void
hab_window_init (HabWindow *self)
{
  GtkDropTarget *drop_target;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, create_primary_menu_cb, self,
                                         NULL);
  restore_window_size (self);

  self->validator = hab_validator_new (NULL);
  self->cancellable = g_cancellable_new ();

  /* Cards from the keyring, read from memory on every keystroke. */
  self->store = g_object_ref (hab_contact_store_get_default ());
  hab_validator_set_contact_lookup (self->validator, hab_contact_store_lookup_func,
                                    g_object_ref (self->store), g_object_unref);

  for (guint step = 0; step < HAB_N_STEPS; step++)
    {
      self->step_rows[step] = hab_step_row_new (step);
      gtk_list_box_append (self->sidebar_list, self->step_rows[step]);
    }

  hab_a11y_track_stack (self->main_stack);
  hab_a11y_track_stack (self->pages_stack);
  hab_a11y_name_buttons (GTK_WIDGET (self));
  hab_a11y_watch_children (GTK_WIDGET (self->toast_overlay));

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-to-dpo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-review", FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "start");

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::state", G_CALLBACK (store_state_cb), self,
                           G_CONNECT_SWAPPED);
  update_contact_actions (self);
  if (hab_contact_store_get_state (self->store) == HAB_CONTACT_STORE_STATE_UNAVAILABLE)
    store_state_cb (self);
  /* The keyring may have to be started: not before the first frame. */
  self->store_load_id = g_idle_add_full (G_PRIORITY_LOW, load_store_idle, self, NULL);
}

GtkWidget *
hab_window_get_start_page (HabWindow *self)
{
  g_return_val_if_fail (HAB_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_start_page (self));
}

HabWindow *
hab_window_new (AdwApplication *application)
{
  return g_object_new (HAB_TYPE_WINDOW, "application", application, NULL);
}
