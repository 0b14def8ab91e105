/* hab-page-dpo.c: the DPO step (DESIGN §2.6 and §7).
 *
 * The DataPass checkbox “the DPO is informed of my request” with its date,
 * the DPO named in the Acteurs step, and the DPO's reviews as the file
 * holds them. Reviews are append-only and made by the DPO review feature:
 * this page only shows them, newest first, with whether the data they
 * approved are still the current ones.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-dpo"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-finding.h"
#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-page-dpo.h"

#define REVIEWS_PATH "dpo.reviews"
#define DPO_ACTOR    "actors." HAB_ROLE_DELEGUE_PROTECTION_DONNEES

struct _HabPageDpo
{
  HabPage              parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *problems_group;
  GtkWidget           *dpo_name_row;
  GtkWidget           *dpo_name_icon;
  GtkWidget           *informed_row;
  GtkWidget           *informed_switch;
  GtkWidget           *informed_date_row;
  AdwPreferencesGroup *reviews_group;
  GtkWidget           *no_review_row;

  /* One row per element of dpo.reviews, by index (NULL for none). */
  GPtrArray           *review_rows;
  GPtrArray           *message_rows;    /* findings under the review rows */
  char                *built_for;       /* the reviews, fingerprint and API shown */
};

G_DEFINE_FINAL_TYPE (HabPageDpo, hab_page_dpo, HAB_TYPE_PAGE)

/* Findings under the review rows (they show a list, not one member that
 * HabField could bind). Same look as HabField's messages. */

/* The placeholder, then the review rows (NULL past the end, or where an
 * element has no row). */
static GtkWidget *
nth_row (HabPageDpo *self,
         guint       i)
{
  if (i == 0)
    return self->no_review_row;

  return i - 1 < self->review_rows->len ? g_ptr_array_index (self->review_rows, i - 1) : NULL;
}

static void
clear_review_messages (HabPageDpo *self)
{
  for (guint i = 0; i < self->message_rows->len; i++)
    {
      GtkWidget *message_row = g_ptr_array_index (self->message_rows, i);
      GtkWidget *parent = gtk_widget_get_parent (message_row);

      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), message_row);
    }
  g_ptr_array_set_size (self->message_rows, 0);

  for (guint i = 0; i <= self->review_rows->len; i++)
    {
      GtkWidget *row = nth_row (self, i);

      if (row == NULL)
        continue;

      gtk_widget_remove_css_class (row, "error");
      gtk_widget_remove_css_class (row, "warning");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
show_row_messages (HabPageDpo *self,
                   GtkWidget  *row,
                   GPtrArray  *findings)
{
  g_autoptr(GString) text = g_string_new (NULL);
  HabSeverity worst = HAB_SEVERITY_INFO;
  GtkWidget *parent = gtk_widget_get_parent (row);
  GtkWidget *message_row;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;
  const char *style;

  for (guint i = 0; i < findings->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (findings, i);

      worst = MIN (worst, finding->rule->severity);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, finding->message);
    }

  style = worst == HAB_SEVERITY_ERROR ? "error" : worst == HAB_SEVERITY_WARNING ? "warning" : "info";

  if (GTK_IS_LIST_BOX (parent))
    {
      message_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (message_row), FALSE);
      gtk_widget_set_focusable (message_row, FALSE);
      gtk_widget_add_css_class (message_row, "hab-message-row");
      gtk_widget_add_css_class (message_row, style);

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);

      icon = gtk_image_new_from_icon_name (worst == HAB_SEVERITY_ERROR ? "dialog-error-symbolic"
                                           : worst == HAB_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                           : "dialog-information-symbolic");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_box_append (GTK_BOX (box), icon);

      label = gtk_label_new (text->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message_row), box);
      gtk_list_box_insert (GTK_LIST_BOX (parent), message_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      g_ptr_array_add (self->message_rows, message_row);
    }

  /* Not on an expander: its details would all take the colour. */
  if (worst != HAB_SEVERITY_INFO && !ADW_IS_EXPANDER_ROW (row))
    gtk_widget_add_css_class (row, style);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               worst == HAB_SEVERITY_ERROR ? GTK_ACCESSIBLE_INVALID_TRUE
                                                           : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* The row that shows a finding about @field: the review at
 * dpo.reviews.<i>, else the placeholder or the latest review; NULL when the
 * finding is not about the reviews. */
static GtkWidget *
review_row_for_field (HabPageDpo *self,
                      const char *field)
{
  const char *rest;
  guint64 index;

  if (field == NULL || !g_str_has_prefix (field, REVIEWS_PATH))
    return NULL;

  rest = field + strlen (REVIEWS_PATH);
  if (*rest != '\0' && *rest != '.')
    return NULL;

  if (*rest == '.')
    {
      g_auto(GStrv) parts = g_strsplit (rest + 1, ".", 2);

      if (g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &index, NULL)
          && index < self->review_rows->len
          && g_ptr_array_index (self->review_rows, index) != NULL)
        return g_ptr_array_index (self->review_rows, index);
    }

  if (gtk_widget_get_visible (self->no_review_row))
    return self->no_review_row;

  for (guint i = self->review_rows->len; i > 0; i--)
    if (g_ptr_array_index (self->review_rows, i - 1) != NULL)
      return g_ptr_array_index (self->review_rows, i - 1);

  return self->no_review_row;
}

/* Review rows */

static void
copy_clicked_cb (GtkButton  *button,
                 const char *fingerprint)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), fingerprint);
}

static GtkWidget *
add_detail_row (GtkWidget  *expander,
                const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);

  return row;
}

static char *
format_review_date (const char *date)
{
  g_autofree char *day = NULL;

  if (date == NULL || *date == '\0')
    return g_strdup (_("Not given"));

  /* A date, or an RFC 3339 timestamp that starts with one. */
  day = g_strndup (date, 10);
  if (strlen (date) == 10 || date[10] == 'T')
    {
      g_autofree char *shown = hab_field_format_date (day);

      if (g_strcmp0 (shown, day) != 0)
        return g_steal_pointer (&shown);
    }

  return g_strdup (date);
}

static const char *
decision_words (const char *decision)
{
  if (g_strcmp0 (decision, "approved") == 0)
    return _("Approved");
  if (g_strcmp0 (decision, "changes_requested") == 0)
    return _("Changes Requested");

  return _("No Valid Decision");
}

static GtkWidget *
review_row_new (HabPageDpo   *self,
                JsonObject   *review,
                gboolean      latest,
                const char   *current_fingerprint,
                const HabApi *api)
{
  const char *reviewer = hab_json_object_get_string (review, "reviewer");
  const char *date = hab_json_object_get_string (review, "date");
  const char *decision = hab_json_object_get_string (review, "decision");
  const char *comment = hab_json_object_get_string (review, "comment");
  const char *fingerprint = hab_json_object_get_string (review, "fingerprint");
  JsonNode *item_comments = json_object_get_member (review, "item_comments");
  gboolean approved = g_strcmp0 (decision, "approved") == 0;
  gboolean valid_fingerprint = hab_fingerprint_is_valid (fingerprint);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *row;
  GtkWidget *icon;
  g_autofree char *shown_date = format_review_date (date);
  g_autofree char *who = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  if (reviewer == NULL || *reviewer == '\0')
    reviewer = _("Not given");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), decision_words (decision));
  /* Translators: who reviewed the data, and when */
  who = g_strdup_printf (_("%s, %s"), reviewer, shown_date);
  if (latest)
    /* Translators: the latest of the DPO's reviews; %s is “reviewer, date” */
    subtitle = g_strdup_printf (_("Latest review — %s"), who);
  else
    subtitle = g_strdup (who);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), escaped);

  icon = gtk_image_new_from_icon_name (approved ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, approved ? "success" : "warning");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), icon);

  add_detail_row (expander, _("Reviewer"), reviewer);
  add_detail_row (expander, _("Date"), shown_date);
  add_detail_row (expander, _("Decision"), decision_words (decision));
  add_detail_row (expander, _("Comment"), comment != NULL && *comment != '\0' ? comment : _("No comment"));

  if (valid_fingerprint)
    {
      g_autofree char *text = NULL;
      GtkWidget *button;

      text = g_strdup_printf ("%s\n%s", fingerprint,
                              g_strcmp0 (fingerprint, current_fingerprint) == 0
                                ? _("Matches the data as they are now")
                                : _("The data changed since this review"));
      row = add_detail_row (expander, _("Data Fingerprint"), text);

      button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Copy the Fingerprint"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Copy the Fingerprint"),
                                      -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (copy_clicked_cb),
                             g_strdup (fingerprint), (GClosureNotify) g_free, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    add_detail_row (expander, _("Data Fingerprint"), _("Missing or malformed"));

  if (item_comments != NULL && JSON_NODE_HOLDS_OBJECT (item_comments))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (item_comments));
      while (json_object_iter_next (&iter, &key, &value))
        {
          const HabScope *scope = api != NULL ? hab_api_lookup_scope (api, key) : NULL;
          const char *text = hab_json_node_get_string (value);
          g_autofree char *title = NULL;
          g_autofree char *escaped_title = NULL;

          if (text == NULL || *text == '\0')
            continue;

          /* Translators: a comment of the DPO on one data item */
          title = g_strdup_printf (_("On “%s”"), scope != NULL ? scope->label : key);
          escaped_title = g_markup_escape_text (title, -1);
          add_detail_row (expander, escaped_title, text);
        }
    }

  return expander;
}

static void
rebuild_reviews (HabPageDpo   *self,
                 JsonArray    *reviews,
                 const char   *current_fingerprint,
                 const HabApi *api)
{
  guint n = reviews != NULL ? json_array_get_length (reviews) : 0;
  gint latest = -1;

  clear_review_messages (self);
  for (guint i = 0; i < self->review_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->review_rows, i);

      if (row != NULL)
        adw_preferences_group_remove (self->reviews_group, row);
    }
  g_ptr_array_set_size (self->review_rows, 0);

  /* The latest review decides (hab-rules-dpo.c): the last object. */
  for (guint i = n; i > 0 && latest < 0; i--)
    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (reviews, i - 1)))
      latest = i - 1;

  g_ptr_array_set_size (self->review_rows, n);

  /* Newest first. */
  for (guint i = n; i > 0; i--)
    {
      JsonNode *element = json_array_get_element (reviews, i - 1);
      GtkWidget *row;

      if (JSON_NODE_HOLDS_OBJECT (element))
        row = review_row_new (self, json_node_get_object (element), (gint) i - 1 == latest,
                              current_fingerprint, api);
      else
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unreadable Review"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("This entry of the file is not a review"));
        }

      adw_preferences_group_add (self->reviews_group, row);
      g_ptr_array_index (self->review_rows, i - 1) = row;
    }

  gtk_widget_set_visible (self->no_review_row, n == 0);
}

/* The name of the DPO of the Acteurs step: its display name, or the
 * inline card's. */
static char *
dup_dpo_name (HabDossier *dossier)
{
  const char *display_name = hab_dossier_get_string (dossier, DPO_ACTOR ".display_name");
  g_autoptr(HabContact) card = NULL;

  if (display_name != NULL && *display_name != '\0')
    return g_strdup (display_name);

  card = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DELEGUE_PROTECTION_DONNEES);
  return card != NULL ? hab_contact_dup_display_name (card) : NULL;
}

/* HabPage */

static void
hab_page_dpo_dossier_changed (HabPage    *page,
                              const char *path)
{
  HabPageDpo *self = HAB_PAGE_DPO (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  const HabApi *api = hab_page_get_api (page);
  JsonNode *reviews = hab_dossier_lookup (dossier, REVIEWS_PATH);
  JsonArray *reviews_array = hab_dossier_get_array (dossier, REVIEWS_PATH);
  g_autofree char *name = dup_dpo_name (dossier);
  g_autofree char *fingerprint = hab_fingerprint_compute (dossier);
  g_autofree char *reviews_text = reviews != NULL ? json_to_string (reviews, FALSE) : NULL;
  g_autofree char *built_for = NULL;
  gboolean informed = FALSE;

  if (name != NULL && *name != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dpo_name_row), escaped);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dpo_name_row),
                                 _("Not named yet: name the DPO in the Acteurs step"));

  /* The date matters once the DPO is informed. */
  hab_dossier_get_boolean (dossier, "dpo.informed", &informed);
  gtk_widget_set_visible (self->informed_date_row, informed);

  /* Rebuilt when the reviews, the data they cover, or the API (the names
   * of the data items) change. */
  built_for = g_strdup_printf ("%s\n%s\n%s", reviews_text ? reviews_text : "",
                               fingerprint ? fingerprint : "", api ? api->id : "");
  if (g_strcmp0 (built_for, self->built_for) != 0)
    {
      g_free (self->built_for);
      self->built_for = g_steal_pointer (&built_for);
      rebuild_reviews (self, reviews_array, fingerprint, api);
    }
}

static void
hab_page_dpo_show_findings (HabPage   *page,
                            GPtrArray *findings)
{
  HabPageDpo *self = HAB_PAGE_DPO (page);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GHashTable) per_row = NULL;

  per_row = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  clear_review_messages (self);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = review_row_for_field (self, finding->field);
      GPtrArray *row_findings;

      if (row == NULL)
        {
          g_ptr_array_add (others, finding);
          continue;
        }

      row_findings = g_hash_table_lookup (per_row, row);
      if (row_findings == NULL)
        {
          row_findings = g_ptr_array_new ();
          g_hash_table_insert (per_row, row, row_findings);
        }
      g_ptr_array_add (row_findings, finding);
    }

  HAB_PAGE_CLASS (hab_page_dpo_parent_class)->show_findings (page, others);

  for (guint i = 0; i <= self->review_rows->len; i++)
    {
      GtkWidget *row = nth_row (self, i);
      GPtrArray *row_findings = row != NULL ? g_hash_table_lookup (per_row, row) : NULL;

      if (row_findings != NULL)
        show_row_messages (self, row, row_findings);
    }
}

static gboolean
hab_page_dpo_focus_field (HabPage    *page,
                          const char *field)
{
  HabPageDpo *self = HAB_PAGE_DPO (page);
  GtkWidget *row = review_row_for_field (self, field);

  if (row != NULL)
    {
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      return gtk_widget_grab_focus (row);
    }

  return HAB_PAGE_CLASS (hab_page_dpo_parent_class)->focus_field (page, field);
}

/* GObject */

static void
hab_page_dpo_dispose (GObject *object)
{
  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_DPO);

  G_OBJECT_CLASS (hab_page_dpo_parent_class)->dispose (object);
}

static void
hab_page_dpo_finalize (GObject *object)
{
  HabPageDpo *self = HAB_PAGE_DPO (object);

  g_clear_pointer (&self->review_rows, g_ptr_array_unref);
  g_clear_pointer (&self->message_rows, g_ptr_array_unref);
  g_free (self->built_for);

  G_OBJECT_CLASS (hab_page_dpo_parent_class)->finalize (object);
}

static void
hab_page_dpo_class_init (HabPageDpoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_dpo_dispose;
  object_class->finalize = hab_page_dpo_finalize;
  page_class->dossier_changed = hab_page_dpo_dossier_changed;
  page_class->show_findings = hab_page_dpo_show_findings;
  page_class->focus_field = hab_page_dpo_focus_field;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-dpo.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, dpo_name_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, dpo_name_icon);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, informed_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, informed_switch);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, informed_date_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, reviews_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, no_review_row);
}

static void
hab_page_dpo_init (HabPageDpo *self)
{
  HabPage *page = HAB_PAGE (self);
  HabField *field;

  self->review_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  /* The row opens the Acteurs step, where the DPO is named. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dpo_name_row), "i", HAB_STEP_ACTEURS);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->dpo_name_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  field = hab_page_bind (page, HAB_FIELD_BOOLEAN, self->informed_switch, "dpo.informed");
  hab_field_set_row (field, self->informed_row);
  hab_page_bind (page, HAB_FIELD_DATE, self->informed_date_row, "dpo.informed_date");
}
