/* hab-attachment-row.c: one attached document (DESIGN §4): picked with the
 * file chooser, recorded with its name, relative path, SHA-256, size and
 * type, and shown as missing or changed when the file on disk is not the
 * one that was attached.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-attachment-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-attachment.h"
#include "hab-attachment-row.h"
#include "hab-json.h"

struct _HabAttachmentRow
{
  AdwActionRow          parent_instance;

  HabAttachmentKind     kind;
  char                 *path;
  HabDossier           *dossier;

  GtkWidget            *choose_button;
  GtkWidget            *open_button;
  GtkWidget            *remove_button;
  GtkWidget            *state_icon;
  GtkFileChooserNative *chooser;

  /* The last check, redone only when the attachment or the file changes:
   * syncing happens on every keystroke, hashing must not. */
  char                 *checked_key;
  HabAttachmentState    checked_state;
};

G_DEFINE_FINAL_TYPE (HabAttachmentRow, hab_attachment_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonNode *
current_node (HabAttachmentRow *self)
{
  JsonNode *node;

  if (self->dossier == NULL || self->path == NULL)
    return NULL;

  node = hab_dossier_lookup (self->dossier, self->path);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? node : NULL;
}

static HabAttachmentState
check_state (HabAttachmentRow *self,
             JsonNode         *node)
{
  GFile *dossier_file = hab_dossier_get_file (self->dossier);
  g_autoptr(GFile) file = hab_attachment_resolve (node, dossier_file);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uri = NULL;
  JsonObject *object = json_node_get_object (node);

  if (file == NULL)
    return HAB_ATTACHMENT_MISSING;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  uri = g_file_get_uri (file);
  key = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GUINT64_FORMAT ".%u", uri,
                         hab_json_object_get_string (object, "sha256"),
                         info ? g_file_info_get_size (info) : -1,
                         info ? g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) : 0,
                         info ? g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC) : 0);

  if (g_strcmp0 (key, self->checked_key) != 0)
    {
      self->checked_state = hab_attachment_check (node, dossier_file);
      g_free (self->checked_key);
      self->checked_key = g_steal_pointer (&key);
    }

  return self->checked_state;
}

void
hab_attachment_row_sync (HabAttachmentRow *self)
{
  JsonNode *node;
  const char *name;
  g_autofree char *subtitle = NULL;
  gint64 size = 0;

  g_return_if_fail (HAB_IS_ATTACHMENT_ROW (self));

  node = current_node (self);
  if (node == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("No file attached"));
      gtk_widget_set_visible (self->open_button, FALSE);
      gtk_widget_set_visible (self->remove_button, FALSE);
      gtk_widget_set_visible (self->state_icon, FALSE);
      hab_a11y_button_set_label (GTK_BUTTON (self->choose_button), _("_Attach…"));
      return;
    }

  name = hab_json_object_get_string (json_node_get_object (node), "name");
  {
    JsonNode *size_node = json_object_get_member (json_node_get_object (node), "size");

    if (size_node != NULL && JSON_NODE_HOLDS_VALUE (size_node)
        && json_node_get_value_type (size_node) == G_TYPE_INT64)
      size = json_node_get_int (size_node);
  }

  switch (check_state (self, node))
    {
    case HAB_ATTACHMENT_MISSING:
      subtitle = g_strdup_printf (_("%s — file not found"), name ? name : "");
      gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), "dialog-warning-symbolic");
      gtk_widget_set_visible (self->state_icon, TRUE);
      gtk_widget_set_visible (self->open_button, FALSE);
      break;

    case HAB_ATTACHMENT_CHANGED:
      subtitle = g_strdup_printf (_("%s — changed since it was attached"), name ? name : "");
      gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), "dialog-warning-symbolic");
      gtk_widget_set_visible (self->state_icon, TRUE);
      gtk_widget_set_visible (self->open_button, TRUE);
      break;

    case HAB_ATTACHMENT_OK:
    default:
      {
        g_autofree char *size_text = g_format_size (size);

        /* Translators: file name — size */
        subtitle = g_strdup_printf (_("%s — %s"), name ? name : "", size_text);
        gtk_widget_set_visible (self->state_icon, FALSE);
        gtk_widget_set_visible (self->open_button, TRUE);
      }
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_visible (self->remove_button, TRUE);
  hab_a11y_button_set_label (GTK_BUTTON (self->choose_button), _("_Replace…"));
}

/**
 * hab_attachment_row_attach_file:
 *
 * Records @file as the attachment (reading it once for its SHA-256).
 */
gboolean
hab_attachment_row_attach_file (HabAttachmentRow  *self,
                                GFile             *file,
                                GError           **error)
{
  JsonNode *node;

  g_return_val_if_fail (HAB_IS_ATTACHMENT_ROW (self), FALSE);
  g_return_val_if_fail (self->dossier != NULL, FALSE);

  node = hab_attachment_new_from_file (file, hab_dossier_get_file (self->dossier), NULL, error);
  if (node == NULL)
    return FALSE;

  hab_dossier_set_node (self->dossier, self->path, node);
  hab_attachment_row_sync (self);
  return TRUE;
}

static void
chooser_response_cb (HabAttachmentRow     *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!hab_attachment_row_attach_file (self, file, &error))
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root),
                                                      _("This File Cannot Be Attached"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }

  g_clear_object (&self->chooser);
}

void
hab_attachment_row_choose (HabAttachmentRow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root;

  g_return_if_fail (HAB_IS_ATTACHMENT_ROW (self));

  if (self->chooser != NULL || self->dossier == NULL)
    return;

  if (self->kind == HAB_ATTACHMENT_KIND_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF Documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_pattern (filter, "*.pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Spreadsheets (ODS, XLS, XLSX, SXC, CSV)"));
      gtk_file_filter_add_pattern (filter, "*.ods");
      gtk_file_filter_add_pattern (filter, "*.xls");
      gtk_file_filter_add_pattern (filter, "*.xlsx");
      gtk_file_filter_add_pattern (filter, "*.sxc");
      gtk_file_filter_add_pattern (filter, "*.csv");
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Attach a Document"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_clicked_cb (HabAttachmentRow *self)
{
  JsonNode *node = current_node (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  if (node == NULL)
    return;

  file = hab_attachment_resolve (node, hab_dossier_get_file (self->dossier));
  if (file == NULL)
    return;

  uri = g_file_get_uri (file);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
remove_clicked_cb (HabAttachmentRow *self)
{
  if (self->dossier == NULL || current_node (self) == NULL)
    return;

  hab_dossier_set_null (self->dossier, self->path);
  hab_attachment_row_sync (self);
}

static void
hab_attachment_row_dispose (GObject *object)
{
  HabAttachmentRow *self = (HabAttachmentRow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->dossier);

  G_OBJECT_CLASS (hab_attachment_row_parent_class)->dispose (object);
}

static void
hab_attachment_row_finalize (GObject *object)
{
  HabAttachmentRow *self = (HabAttachmentRow *)object;

  g_free (self->path);
  g_free (self->checked_key);

  G_OBJECT_CLASS (hab_attachment_row_parent_class)->finalize (object);
}

static void
hab_attachment_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HabAttachmentRow *self = HAB_ATTACHMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_attachment_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HabAttachmentRow *self = HAB_ATTACHMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      hab_attachment_row_set_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_attachment_row_class_init (HabAttachmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hab_attachment_row_dispose;
  object_class->finalize = hab_attachment_row_finalize;
  object_class->get_property = hab_attachment_row_get_property;
  object_class->set_property = hab_attachment_row_set_property;

  /**
   * HabAttachmentRow:path:
   *
   * The dotted path of the attachment member, e.g. "project.mockup".
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hab_attachment_row_init (HabAttachmentRow *self)
{
  /* The subtitle names the file: text, not markup ("R&D.pdf"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->state_icon = gtk_image_new ();
  gtk_widget_set_visible (self->state_icon, FALSE);
  gtk_widget_add_css_class (self->state_icon, "warning");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->state_icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->state_icon);

  self->open_button = gtk_button_new_from_icon_name ("document-open-symbolic");
  gtk_widget_set_tooltip_text (self->open_button, _("Open the File"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the File"), -1);
  gtk_widget_set_valign (self->open_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->open_button, "flat");
  g_signal_connect_swapped (self->open_button, "clicked", G_CALLBACK (open_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->open_button);

  self->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (self->remove_button, _("Remove the Attachment"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove the Attachment"), -1);
  gtk_widget_set_valign (self->remove_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove_button, "flat");
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->remove_button);

  self->choose_button = gtk_button_new_with_mnemonic (_("_Attach…"));
  gtk_widget_set_valign (self->choose_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->choose_button, "clicked", G_CALLBACK (hab_attachment_row_choose), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->choose_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->choose_button);
  hab_a11y_name_buttons (self->choose_button);

  hab_attachment_row_sync (self);
}

GtkWidget *
hab_attachment_row_new (HabAttachmentKind kind)
{
  HabAttachmentRow *self = g_object_new (HAB_TYPE_ATTACHMENT_ROW, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}

void
hab_attachment_row_set_kind (HabAttachmentRow  *self,
                             HabAttachmentKind  kind)
{
  g_return_if_fail (HAB_IS_ATTACHMENT_ROW (self));

  self->kind = kind;
}

void
hab_attachment_row_set_path (HabAttachmentRow *self,
                             const char       *path)
{
  g_return_if_fail (HAB_IS_ATTACHMENT_ROW (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  hab_attachment_row_sync (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

const char *
hab_attachment_row_get_path (HabAttachmentRow *self)
{
  g_return_val_if_fail (HAB_IS_ATTACHMENT_ROW (self), NULL);

  return self->path;
}

void
hab_attachment_row_set_dossier (HabAttachmentRow *self,
                                HabDossier       *dossier)
{
  g_return_if_fail (HAB_IS_ATTACHMENT_ROW (self));

  if (g_set_object (&self->dossier, dossier))
    hab_attachment_row_sync (self);
}
