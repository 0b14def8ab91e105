/* hab-field.c: binds one widget to one member of the dossier.
 *
 * The widget edits the model; the model is never edited behind it. When the
 * dossier changes elsewhere, hab_field_sync() shows the new value, except in
 * a widget that holds the focus (its text already is the value). Findings
 * for the field appear under its row, in words, with an error or warning
 * style on the row, and as the row's accessible description.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-field"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-attachment-row.h"
#include "hab-choice-row.h"
#include "hab-field.h"
#include "hab-finding.h"
#include "hab-text-row.h"

struct _HabField
{
  GObject        parent_instance;

  HabFieldKind   kind;
  GtkWidget     *widget;        /* weak */
  GtkWidget     *row;           /* weak: where the messages go */
  char          *path;
  char          *finding_path;
  HabDossier    *dossier;
  GStrv          keys;          /* HAB_FIELD_CHOICE: one per item, "" for none */

  GtkWidget     *message_row;   /* owned while inserted */
  char          *shown_text;    /* what message_row shows, to skip redrawing it */

  gboolean       syncing;
};

G_DEFINE_FINAL_TYPE (HabField, hab_field, G_TYPE_OBJECT)

char *
hab_field_parse_date (const char *text)
{
  guint day, month, year;
  char end;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  if (sscanf (stripped, "%2u/%2u/%4u%c", &day, &month, &year, &end) == 3
      && year >= 1900 && g_date_valid_dmy (day, month, year))
    return g_strdup_printf ("%04u-%02u-%02u", year, month, day);

  if (strlen (stripped) == 10
      && sscanf (stripped, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3
      && year >= 1900 && g_date_valid_dmy (day, month, year))
    return g_strdup_printf ("%04u-%02u-%02u", year, month, day);

  return NULL;
}

char *
hab_field_format_date (const char *iso)
{
  guint day, month, year;
  char end;

  if (iso != NULL && strlen (iso) == 10
      && sscanf (iso, "%4u-%2u-%2u%c", &year, &month, &day, &end) == 3
      && g_date_valid_dmy (day, month, year))
    return g_strdup_printf ("%02u/%02u/%04u", day, month, year);

  return g_strdup (iso ? iso : "");
}

static char *
widget_text (HabField *self)
{
  if (HAB_IS_TEXT_ROW (self->widget))
    return hab_text_row_dup_text (HAB_TEXT_ROW (self->widget));

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->widget)));
}

static void
set_widget_text (HabField   *self,
                 const char *text)
{
  g_autofree char *current = widget_text (self);

  if (g_strcmp0 (current, text ? text : "") == 0)
    return;

  if (HAB_IS_TEXT_ROW (self->widget))
    hab_text_row_set_text (HAB_TEXT_ROW (self->widget), text);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->widget), text ? text : "");
}

static gboolean
holds_focus (HabField *self)
{
  GtkRoot *root = gtk_widget_get_root (self->widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == self->widget || gtk_widget_is_ancestor (focus, self->widget));
}

/* From the widget to the model */

static void
store (HabField *self)
{
  if (self->syncing || self->dossier == NULL || self->widget == NULL)
    return;

  switch (self->kind)
    {
    case HAB_FIELD_TEXT:
      {
        g_autofree char *text = widget_text (self);
        hab_dossier_set_string (self->dossier, self->path, text);
      }
      break;

    case HAB_FIELD_INT:
      {
        g_autofree char *text = g_strstrip (widget_text (self));
        gboolean digits = *text != '\0' && strlen (text) <= 9;

        for (const char *p = text; *p && digits; p++)
          digits = g_ascii_isdigit (*p);

        if (*text == '\0')
          hab_dossier_set_null (self->dossier, self->path);
        else if (digits)
          hab_dossier_set_int (self->dossier, self->path, g_ascii_strtoll (text, NULL, 10));
        else
          /* Kept as typed: the validator says it is not a whole number. */
          hab_dossier_set_string (self->dossier, self->path, text);
      }
      break;

    case HAB_FIELD_DATE:
      {
        g_autofree char *text = g_strstrip (widget_text (self));
        g_autofree char *iso = hab_field_parse_date (text);

        if (*text == '\0')
          hab_dossier_set_null (self->dossier, self->path);
        else
          /* An unparsable date is kept as typed: the validator says so. */
          hab_dossier_set_string (self->dossier, self->path, iso ? iso : text);
      }
      break;

    case HAB_FIELD_BOOLEAN:
      {
        gboolean active = FALSE;

        g_object_get (self->widget, "active", &active, NULL);
        hab_dossier_set_boolean (self->dossier, self->path, active);
      }
      break;

    case HAB_FIELD_ATTACHMENT:
      break;

    case HAB_FIELD_CHOICE:
      {
        guint selected = hab_choice_row_get_selected (HAB_CHOICE_ROW (self->widget));
        const char *key = NULL;

        if (self->keys != NULL && selected < g_strv_length (self->keys))
          key = self->keys[selected];

        if (key == NULL || *key == '\0')
          hab_dossier_set_null (self->dossier, self->path);
        else
          hab_dossier_set_string (self->dossier, self->path, key);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
widget_changed_cb (HabField *self)
{
  store (self);
}

/* From the model to the widget */

void
hab_field_sync (HabField *self)
{
  JsonNode *node;

  g_return_if_fail (HAB_IS_FIELD (self));

  if (self->dossier == NULL || self->widget == NULL)
    return;

  node = hab_dossier_lookup (self->dossier, self->path);
  self->syncing = TRUE;

  switch (self->kind)
    {
    case HAB_FIELD_TEXT:
      if (!holds_focus (self))
        {
          const char *text = hab_dossier_get_string (self->dossier, self->path);

          if (text == NULL && node != NULL && JSON_NODE_HOLDS_VALUE (node)
              && json_node_get_value_type (node) == G_TYPE_INT64)
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
              set_widget_text (self, number);
            }
          else
            set_widget_text (self, text);
        }
      break;

    case HAB_FIELD_INT:
      if (!holds_focus (self))
        {
          gint64 value;

          if (hab_dossier_get_int (self->dossier, self->path, &value))
            {
              g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, value);
              set_widget_text (self, number);
            }
          else
            set_widget_text (self, hab_dossier_get_string (self->dossier, self->path));
        }
      break;

    case HAB_FIELD_DATE:
      if (!holds_focus (self))
        {
          g_autofree char *shown = hab_field_format_date (hab_dossier_get_string (self->dossier,
                                                                                 self->path));
          set_widget_text (self, shown);
        }
      break;

    case HAB_FIELD_BOOLEAN:
      {
        gboolean value = FALSE, current = FALSE;

        hab_dossier_get_boolean (self->dossier, self->path, &value);
        g_object_get (self->widget, "active", &current, NULL);
        if (value != current)
          g_object_set (self->widget, "active", value, NULL);
      }
      break;

    case HAB_FIELD_CHOICE:
      {
        const char *key = hab_dossier_get_string (self->dossier, self->path);
        guint selected = 0;

        for (guint i = 0; self->keys != NULL && self->keys[i] != NULL; i++)
          if (g_strcmp0 (self->keys[i], key ? key : "") == 0)
            selected = i;

        hab_choice_row_set_selected (HAB_CHOICE_ROW (self->widget), selected);
      }
      break;

    case HAB_FIELD_ATTACHMENT:
      hab_attachment_row_set_dossier (HAB_ATTACHMENT_ROW (self->widget), self->dossier);
      hab_attachment_row_set_path (HAB_ATTACHMENT_ROW (self->widget), self->path);
      hab_attachment_row_sync (HAB_ATTACHMENT_ROW (self->widget));
      break;

    default:
      g_assert_not_reached ();
    }

  self->syncing = FALSE;
}

/* Findings */

/**
 * hab_findings_get_worst:
 * @findings: (element-type HabFinding): at least one finding
 */
HabSeverity
hab_findings_get_worst (GPtrArray *findings)
{
  HabSeverity worst = HAB_SEVERITY_INFO;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      worst = MIN (worst, finding->rule->severity);
    }

  return worst;
}

/**
 * hab_findings_join_messages:
 *
 * Returns: (transfer full): the messages, one a line
 */
char *
hab_findings_join_messages (GPtrArray *findings)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, finding->message);
    }

  return g_string_free (text, FALSE);
}

static const char *
severity_style (HabSeverity severity)
{
  return severity == HAB_SEVERITY_ERROR ? "error"
         : severity == HAB_SEVERITY_WARNING ? "warning" : "info";
}

/**
 * hab_message_row_new:
 * @findings: (element-type HabFinding): the findings to show
 *
 * A list row, not activatable, that shows the messages in words with an
 * icon, styled by the worst severity. Insert it right after the row it is
 * about.
 */
GtkWidget *
hab_message_row_new (GPtrArray *findings)
{
  HabSeverity worst = hab_findings_get_worst (findings);
  g_autofree char *text = hab_findings_join_messages (findings);
  GtkWidget *row = gtk_list_box_row_new ();
  /* A grid, not a horizontal box: GTK 4.8's box finds the height of a
   * wrapping label beside an icon by trying widths one after another,
   * laying the text out some hundred times per row. */
  GtkWidget *box = gtk_grid_new ();
  GtkWidget *icon;
  GtkWidget *label;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Focusable, so that Tab and the arrows go through it: GtkListBox moves
   * the focus to the next row, and out of the list when that row cannot
   * take it, leaving the rows after a message out of the keyboard's reach. */
  gtk_widget_set_focusable (row, TRUE);
  gtk_widget_add_css_class (row, "hab-message-row");
  gtk_widget_add_css_class (row, severity_style (worst));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_grid_set_column_spacing (GTK_GRID (box), 8);

  icon = gtk_image_new_from_icon_name (worst == HAB_SEVERITY_ERROR ? "dialog-error-symbolic"
                                       : worst == HAB_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                       : "dialog-information-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_grid_attach (GTK_GRID (box), icon, 0, 0, 1, 1);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_attach (GTK_GRID (box), label, 1, 0, 1, 1);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* A screen reader moving through the list says the message. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return row;
}

static void
remove_message_row (HabField *self)
{
  GtkWidget *parent;

  if (self->message_row == NULL)
    return;

  parent = gtk_widget_get_parent (self->message_row);
  if (GTK_IS_LIST_BOX (parent))
    gtk_list_box_remove (GTK_LIST_BOX (parent), self->message_row);
  else if (parent != NULL)
    gtk_widget_unparent (self->message_row);

  g_clear_object (&self->message_row);
  g_clear_pointer (&self->shown_text, g_free);
}

/**
 * hab_field_show_findings:
 * @findings: (element-type HabFinding) (nullable): the findings of this field
 *
 * Shows the messages under the row, styles the row by the worst severity,
 * and gives the row the messages as its accessible description.
 */
void
hab_field_show_findings (HabField  *self,
                         GPtrArray *findings)
{
  g_autofree char *text = NULL;
  GtkWidget *parent;
  HabSeverity worst;

  g_return_if_fail (HAB_IS_FIELD (self));

  if (self->row == NULL)
    return;

  /* Unchanged since the last keystroke: nothing to lay out again. */
  text = findings != NULL && findings->len > 0 ? hab_findings_join_messages (findings) : NULL;
  if (g_strcmp0 (text, self->shown_text) == 0
      && (text == NULL || self->message_row != NULL
          || !GTK_IS_LIST_BOX (gtk_widget_get_parent (self->row))))
    return;

  gtk_widget_remove_css_class (self->row, "error");
  gtk_widget_remove_css_class (self->row, "warning");
  remove_message_row (self);
  self->shown_text = g_strdup (text);

  if (text == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->row), GTK_ACCESSIBLE_STATE_INVALID);
      return;
    }

  worst = hab_findings_get_worst (findings);

  parent = gtk_widget_get_parent (self->row);
  if (GTK_IS_LIST_BOX (parent))
    {
      self->message_row = g_object_ref_sink (hab_message_row_new (findings));
      gtk_list_box_insert (GTK_LIST_BOX (parent), self->message_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->row)) + 1);
    }

  if (worst != HAB_SEVERITY_INFO)
    gtk_widget_add_css_class (self->row, severity_style (worst));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               worst == HAB_SEVERITY_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/**
 * hab_field_matches:
 * @finding_field: the field path of a finding
 *
 * Returns: whether a finding about @finding_field belongs under this field:
 *   the same path, or a member inside it ("legal.documents.0" belongs to
 *   "legal.documents").
 */
gboolean
hab_field_matches (HabField   *self,
                   const char *finding_field)
{
  gsize len;

  g_return_val_if_fail (HAB_IS_FIELD (self), FALSE);

  if (finding_field == NULL)
    return FALSE;

  len = strlen (self->finding_path);
  return strncmp (finding_field, self->finding_path, len) == 0
         && (finding_field[len] == '\0' || finding_field[len] == '.');
}

static gboolean
focus_later_cb (gpointer data)
{
  g_autoptr(GtkWidget) widget = data;

  if (gtk_widget_get_root (widget) != NULL)
    gtk_widget_grab_focus (widget);

  return G_SOURCE_REMOVE;
}

gboolean
hab_field_focus (HabField *self)
{
  GtkWidget *ancestor;
  gboolean expanded = FALSE;

  g_return_val_if_fail (HAB_IS_FIELD (self), FALSE);

  if (self->widget == NULL || !gtk_widget_is_sensitive (self->widget))
    return FALSE;

  /* Open the expander rows that hide it. */
  for (ancestor = gtk_widget_get_parent (self->widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    if (ADW_IS_EXPANDER_ROW (ancestor) && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (ancestor)))
      {
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ancestor), TRUE);
        expanded = TRUE;
      }

  if (gtk_widget_grab_focus (self->widget))
    return TRUE;

  /* A row inside an expander that is still opening cannot take the focus
   * yet: try again once it is shown. */
  if (expanded || !gtk_widget_get_mapped (self->widget))
    {
      g_timeout_add (300, focus_later_cb, g_object_ref (self->widget));
      return TRUE;
    }

  return FALSE;
}

static void
hab_field_dispose (GObject *object)
{
  HabField *self = (HabField *)object;

  remove_message_row (self);
  if (self->widget != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->widget, self);
      g_object_remove_weak_pointer (G_OBJECT (self->widget), (gpointer *) &self->widget);
      self->widget = NULL;
    }
  if (self->row != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->row), (gpointer *) &self->row);
      self->row = NULL;
    }
  g_clear_object (&self->dossier);

  G_OBJECT_CLASS (hab_field_parent_class)->dispose (object);
}

static void
hab_field_finalize (GObject *object)
{
  HabField *self = (HabField *)object;

  g_free (self->path);
  g_free (self->finding_path);
  g_free (self->shown_text);
  g_strfreev (self->keys);

  G_OBJECT_CLASS (hab_field_parent_class)->finalize (object);
}

static void
hab_field_class_init (HabFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hab_field_dispose;
  object_class->finalize = hab_field_finalize;
}

static void
hab_field_init (HabField *self)
{
}

/**
 * hab_field_new:
 * @kind: what the member holds
 * @widget: the editing widget (see #HabFieldKind)
 * @path: the dotted path of the member in the dossier
 *
 * The widget is also the row that shows findings, unless hab_field_set_row()
 * names another one (e.g. the #AdwActionRow that holds a switch).
 */
HabField *
hab_field_new (HabFieldKind  kind,
               GtkWidget    *widget,
               const char   *path)
{
  HabField *self;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (HAB_TYPE_FIELD, NULL);
  self->kind = kind;
  self->path = g_strdup (path);
  self->finding_path = g_strdup (path);
  self->widget = widget;
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &self->widget);
  hab_field_set_row (self, widget);

  switch (kind)
    {
    case HAB_FIELD_TEXT:
    case HAB_FIELD_INT:
    case HAB_FIELD_DATE:
      if (HAB_IS_TEXT_ROW (widget))
        g_signal_connect_swapped (hab_text_row_get_buffer (HAB_TEXT_ROW (widget)), "changed",
                                  G_CALLBACK (widget_changed_cb), self);
      else
        g_signal_connect_swapped (widget, "changed", G_CALLBACK (widget_changed_cb), self);
      break;

    case HAB_FIELD_BOOLEAN:
      g_signal_connect_swapped (widget, "notify::active", G_CALLBACK (widget_changed_cb), self);
      break;

    case HAB_FIELD_CHOICE:
      g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (widget_changed_cb), self);
      break;

    case HAB_FIELD_ATTACHMENT:
      break;

    default:
      g_assert_not_reached ();
    }

  return self;
}

HabFieldKind
hab_field_get_kind (HabField *self)
{
  return self->kind;
}

const char *
hab_field_get_path (HabField *self)
{
  g_return_val_if_fail (HAB_IS_FIELD (self), NULL);

  return self->path;
}

GtkWidget *
hab_field_get_widget (HabField *self)
{
  g_return_val_if_fail (HAB_IS_FIELD (self), NULL);

  return self->widget;
}

GtkWidget *
hab_field_get_row (HabField *self)
{
  g_return_val_if_fail (HAB_IS_FIELD (self), NULL);

  return self->row;
}

void
hab_field_set_row (HabField  *self,
                   GtkWidget *row)
{
  g_return_if_fail (HAB_IS_FIELD (self));

  remove_message_row (self);
  if (self->row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->row), (gpointer *) &self->row);
  self->row = row;
  if (row != NULL)
    g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &self->row);
}

const char *
hab_field_get_finding_path (HabField *self)
{
  g_return_val_if_fail (HAB_IS_FIELD (self), NULL);

  return self->finding_path;
}

/**
 * hab_field_set_finding_path:
 *
 * Findings about @finding_path (and members inside it) show under this
 * field, e.g. "actors.demandeur.email" for the field editing
 * "actors.demandeur.contact.email".
 */
void
hab_field_set_finding_path (HabField   *self,
                            const char *finding_path)
{
  g_return_if_fail (HAB_IS_FIELD (self));

  g_free (self->finding_path);
  self->finding_path = g_strdup (finding_path ? finding_path : self->path);
}

/**
 * hab_field_set_choices:
 * @keys: the stored value of each item; "" stores null
 * @labels: what the combo row shows for each item (translated)
 */
void
hab_field_set_choices (HabField          *self,
                       const char *const *keys,
                       const char *const *labels)
{
  g_return_if_fail (HAB_IS_FIELD (self));
  g_return_if_fail (self->kind == HAB_FIELD_CHOICE);

  g_strfreev (self->keys);
  self->keys = g_strdupv ((char **) keys);

  self->syncing = TRUE;
  hab_choice_row_set_choices (HAB_CHOICE_ROW (self->widget), labels);
  self->syncing = FALSE;
  hab_field_sync (self);
}

void
hab_field_set_dossier (HabField   *self,
                       HabDossier *dossier)
{
  g_return_if_fail (HAB_IS_FIELD (self));

  if (g_set_object (&self->dossier, dossier))
    hab_field_sync (self);
}
