/* hab-application.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-application.h"
#include "hab-catalogue.h"
#include "hab-window.h"

#define HELP_ONLINE_URL "https://github.com/habilitation/habilitation/tree/main/help/C"

struct _HabApplication
{
  AdwApplication        parent_instance;

  GtkFileChooserNative *chooser;
  gboolean              quit_after_first_frame;
};

G_DEFINE_FINAL_TYPE (HabApplication, hab_application, ADW_TYPE_APPLICATION)

/* HAB_QUIT_AFTER_FIRST_FRAME=1: quit right after the first window has drawn
 * its first frame (DESIGN §3), for the start-up benchmark. The line on
 * stderr is the time of that frame (µs of real time), from which the
 * benchmark subtracts the time it started the program. */
static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *application)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, application);
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

static HabWindow *
new_window (HabApplication *self)
{
  HabWindow *window = hab_window_new (ADW_APPLICATION (self));

  if (self->quit_after_first_frame)
    {
      self->quit_after_first_frame = FALSE;
      g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), self);
    }

  return window;
}

/* An empty window (start page) to put a dossier in, or a new one. */
static HabWindow *
window_for_file (HabApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HAB_IS_WINDOW (l->data) && hab_window_is_empty (l->data))
      return l->data;

  return new_window (self);
}

static void
hab_application_activate (GApplication *application)
{
  HabApplication *self = HAB_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (new_window (self));

  gtk_window_present (window);
}

static void
hab_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  HabApplication *self = HAB_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      HabWindow *window = window_for_file (self);

      hab_window_load_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  HabApplication *self = user_data;
  GtkWindow *window = GTK_WINDOW (window_for_file (self));

  gtk_window_present (window);
}

static void
open_response_cb (HabApplication       *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          hab_application_open (G_APPLICATION (self), &file, 1, "");
        }
    }

  g_clear_object (&self->chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HabApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  gtk_file_filter_set_name (filter, _("Habilitation Dossiers"));
  gtk_file_filter_add_pattern (filter, "*.habilitation");
  gtk_file_filter_add_mime_type (filter, "application/x-habilitation+json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Open Dossier"),
                                               gtk_application_get_active_window (GTK_APPLICATION (self)),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HabApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window asks about its own unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HabApplication *self = user_data;
  static const char *developers[] = { "The Habilitation authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Habilitation"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Habilitation authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Prepare your DataPass request for the DGFiP APIs: "
                                       "a guided dossier, every rule checked, the DPO’s "
                                       "approval bound to the data."),
                         "developers", developers,
                         "copyright", "© 2026 The Habilitation authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  gpointer          user_data)
{
  if (g_str_equal (response, "online"))
    gtk_show_uri (gtk_window_get_transient_for (GTK_WINDOW (dialog)), HELP_ONLINE_URL,
                  GDK_CURRENT_TIME);
}

/* Where no help viewer can show help: URIs (no Yelp, or inside the Flatpak
 * sandbox), say so and offer the same pages online. */
static void
help_shown_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GtkWindow *window = GTK_WINDOW (source);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (window, result, &error))
    return;

  dialog = adw_message_dialog_new (window, _("The Help Cannot Be Shown"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("No help viewer could open the help (%s). Install the GNOME "
                                    "help viewer (Yelp), or read the same help online."),
                                  error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "online", _("Read _Online"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "online",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (help_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* F1 opens the help at the page of the step shown. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HabApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *page = HAB_IS_WINDOW (window) ? hab_window_get_help_page (HAB_WINDOW (window))
                                                 : g_strdup ("index");
  g_autofree char *uri = g_strdup_printf ("help:habilitation/%s", page);

  if (window == NULL)
    return;

  gtk_show_uri_full (window, uri, GDK_CURRENT_TIME, NULL, help_shown_cb, self);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "quit", quit_action },
  { "about", about_action },
  { "help", help_action },
};

static gpointer
load_catalogue_thread (gpointer data)
{
  hab_catalogue_get_default ();
  return NULL;
}

/* The high-contrast additions, while libadwaita's high-contrast style is on. */
static void
high_contrast_cb (AdwStyleManager *manager,
                  GParamSpec      *pspec,
                  GtkCssProvider  *provider)
{
  if (adw_style_manager_get_high_contrast (manager))
    gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style-hc.css");
  else
    gtk_css_provider_load_from_data (provider, "", 0);
}

/* The style sheets, which AdwApplication would load from the resource base
 * path, unset (hab_application_new()): style.css, and style-hc.css above
 * it with high contrast. */
static void
load_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GtkCssProvider) high_contrast = NULL;

  if (display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  high_contrast = gtk_css_provider_new ();
  high_contrast_cb (manager, NULL, high_contrast);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (high_contrast_cb),
                           high_contrast, 0);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (high_contrast),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

static void
hab_application_startup (GApplication *application)
{
  HabApplication *self = HAB_APPLICATION (application);
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  GThread *thread;

  /* The catalogue is read while GTK and libadwaita load their styles: the
   * first validation needs it, the window waits for it if need be. */
  thread = g_thread_try_new ("hab-catalogue", load_catalogue_thread, NULL, NULL);
  if (thread != NULL)
    g_thread_unref (thread);

  G_APPLICATION_CLASS (hab_application_parent_class)->startup (application);
  load_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  /* GtkApplication sets it only for a gtk/help-overlay.ui (hab-window.c) */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);
}

static void
hab_application_dispose (GObject *object)
{
  HabApplication *self = HAB_APPLICATION (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (hab_application_parent_class)->dispose (object);
}

static void
hab_application_class_init (HabApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = hab_application_dispose;
  app_class->activate = hab_application_activate;
  app_class->open = hab_application_open;
  app_class->startup = hab_application_startup;
}

static void
hab_application_init (HabApplication *self)
{
  self->quit_after_first_frame = g_strcmp0 (g_getenv ("HAB_QUIT_AFTER_FIRST_FRAME"), "1") == 0;
}

/* No resource base path: GtkApplication would add its icons folder to
 * the icon theme at startup, which throws away the reading of the theme
 * GTK makes in a thread when the display opens, and the first icon of the
 * first frame read the themes again on the main thread (65 M
 * instructions, 8 ms). We have no icons in our resources; the style sheet
 * is loaded in startup, the keyboard shortcuts window by the window. */
HabApplication *
hab_application_new (void)
{
  return g_object_new (HAB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", NULL,
                       NULL);
}
