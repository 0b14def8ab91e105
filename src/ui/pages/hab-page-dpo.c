/* hab-page-dpo.c: the DPO step (DESIGN §2.6 and §7).
 *
 * The DataPass checkbox “the DPO is informed of my request” with its date,
 * the DPO named in the Acteurs step, and the review view: where the
 * approval stands (with what changed since, when it is outdated), the
 * request as the DPO has to judge it (API, legal basis, every data item
 * of the API, requested or not, with purposes and minimisation hints,
 * recipients, retention, access), and the form with which the DPO
 * approves or asks for changes. A review is appended (hab-review.c), never
 * edited, and the file saved at once. The reviews the file holds are
 * listed below, newest first.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-dpo"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-finding.h"
#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-page-dpo.h"
#include "hab-review.h"
#include "hab-text-row.h"

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
  AdwPreferencesGroup *approval_group;
  GtkWidget           *approval_row;
  GtkWidget           *approval_icon;
  GtkWidget           *api_row;
  GtkWidget           *modalities_row;
  GtkWidget           *use_case_row;
  GtkWidget           *legal_row;
  GtkWidget           *minimisation_row;
  GtkWidget           *minimisation_icon;
  GtkWidget           *review_items_box;
  GtkWidget           *recipients_row;
  GtkWidget           *retention_row;
  GtkWidget           *access_row;
  GtkWidget           *specific_row;
  GtkWidget           *reviewer_row;
  GtkWidget           *reviewer_warning_row;
  GtkWidget           *comment_row;
  GtkWidget           *approve_button;
  GtkWidget           *request_changes_button;
  GtkWidget           *send_icon;
  GtkWidget           *import_icon;

  /* One row per element of dpo.reviews, by index (NULL for none). */
  GPtrArray           *review_rows;
  GPtrArray           *message_rows;    /* findings under the review rows */
  char                *built_for;       /* the reviews, fingerprint and API shown */

  GPtrArray           *change_rows;     /* what changed since the approval */
  GHashTable          *item_comment_rows; /* data item key -> AdwEntryRow */
  char                *items_for;       /* the API, use case and data shown */
  char                *prefilled_name;  /* the DPO's name, as put in reviewer_row */
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
  g_autofree char *text = hab_findings_join_messages (findings);
  HabSeverity worst = hab_findings_get_worst (findings);
  GtkWidget *parent = gtk_widget_get_parent (row);

  if (GTK_IS_LIST_BOX (parent))
    {
      GtkWidget *message_row = hab_message_row_new (findings);

      gtk_list_box_insert (GTK_LIST_BOX (parent), message_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      g_ptr_array_add (self->message_rows, message_row);
    }

  /* Not on an expander: its details would all take the colour. */
  if (!ADW_IS_EXPANDER_ROW (row))
    {
      if (worst == HAB_SEVERITY_ERROR)
        gtk_widget_add_css_class (row, "error");
      else if (worst == HAB_SEVERITY_WARNING)
        gtk_widget_add_css_class (row, "warning");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
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
  GDate day;

  if (date == NULL || *date == '\0')
    return g_strdup (_("Not given"));

  /* A date, or an RFC 3339 timestamp: its day in local time. */
  if (hab_review_parse_date (date, &day))
    {
      char iso[16];

      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &day);
      return hab_field_format_date (iso);
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
  hab_a11y_name_buttons (expander);
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

      if (approved && g_strcmp0 (fingerprint, current_fingerprint) != 0)
        {
          HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
          g_autoptr(GPtrArray) changes = hab_review_dup_changes (dossier, review);
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint i = 0; changes != NULL && i < changes->len; i++)
            {
              g_autofree char *words = hab_data_change_describe (g_ptr_array_index (changes, i),
                                                                 hab_page_get_catalogue (HAB_PAGE (self)));

              g_string_append_printf (list, "%s• %s", list->len > 0 ? "\n" : "", words);
            }
          if (list->len > 0)
            add_detail_row (expander, _("Changed Since"), list->str);
        }

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

/* The review view (DESIGN §7): what the DPO approves, and the form. */

static void
set_subtitle (GtkWidget  *row,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), escaped) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
}

static gboolean
blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/* "data item “X” added" -> "Data item “X” added" */
static char *
capitalize (const char *text)
{
  char first[8] = { 0 };

  if (text == NULL || *text == '\0')
    return g_strdup ("");

  g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

static char *
review_who_and_when (JsonObject *review)
{
  const char *reviewer = hab_json_object_get_string (review, "reviewer");
  g_autofree char *date = format_review_date (hab_json_object_get_string (review, "date"));

  if (blank (reviewer))
    reviewer = _("an unnamed reviewer");

  /* Translators: who reviewed the data, and when */
  return g_strdup_printf (_("%s, %s"), reviewer, date);
}

/* The subtitle of a change row: what the value was and is. */
static char *
change_details (const HabDataChange *change)
{
  switch (change->kind)
    {
    case HAB_DATA_CHANGE_ITEM_ADDED:
      /* Translators: the purpose of a data item */
      return g_strdup_printf (_("Purpose: %s"), change->after ? change->after : _("none given"));

    case HAB_DATA_CHANGE_ITEM_REMOVED:
      /* Translators: the purpose a data item had */
      return g_strdup_printf (_("Its purpose was: %s"), change->before ? change->before : _("none given"));

    case HAB_DATA_CHANGE_PURPOSE:
    case HAB_DATA_CHANGE_RECIPIENTS:
    case HAB_DATA_CHANGE_RETENTION_JUSTIFICATION:
    case HAB_DATA_CHANGE_ACCESS:
      /* Translators: a value when it was approved, and now */
      return g_strdup_printf (_("Approved: %s\nNow: %s"),
                              change->before ? change->before : _("nothing"),
                              change->after ? change->after : _("nothing"));

    case HAB_DATA_CHANGE_API:
    case HAB_DATA_CHANGE_MODALITY_ADDED:
    case HAB_DATA_CHANGE_MODALITY_REMOVED:
    case HAB_DATA_CHANGE_SPECIFIC_REQUIREMENTS:
    case HAB_DATA_CHANGE_RETENTION:
    default:
      return NULL;
    }
}

static void
clear_change_rows (HabPageDpo *self)
{
  for (guint i = 0; i < self->change_rows->len; i++)
    adw_preferences_group_remove (self->approval_group, g_ptr_array_index (self->change_rows, i));
  g_ptr_array_set_size (self->change_rows, 0);
}

static void
add_change_row (HabPageDpo *self,
                const char *title,
                const char *details)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("document-edit-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (details != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (details, -1);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  adw_preferences_group_add (self->approval_group, row);
  g_ptr_array_add (self->change_rows, row);
}

static void
set_approval (HabPageDpo *self,
              const char *icon_name,
              const char *style,
              const char *title,
              const char *subtitle)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->approval_icon), icon_name);
  gtk_widget_remove_css_class (self->approval_icon, "success");
  gtk_widget_remove_css_class (self->approval_icon, "warning");
  gtk_widget_remove_css_class (self->approval_icon, "error");
  if (style != NULL)
    gtk_widget_add_css_class (self->approval_icon, style);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->approval_row), title);
  set_subtitle (self->approval_row, subtitle);
}

/* Where the approval stands, and what changed since when it is outdated. */
static void
update_approval (HabPageDpo *self,
                 HabDossier *dossier)
{
  HabCatalogue *catalogue = hab_page_get_catalogue (HAB_PAGE (self));
  JsonObject *latest = NULL;
  HabReviewStatus status = hab_review_get_status (dossier, &latest);
  g_autofree char *who = latest != NULL ? review_who_and_when (latest) : NULL;
  g_autofree char *subtitle = NULL;

  clear_change_rows (self);

  switch (status)
    {
    case HAB_REVIEW_STATUS_APPROVED:
      /* Translators: %s is “reviewer, date” */
      subtitle = g_strdup_printf (_("Approved by %s. The approval covers the data as they are now."), who);
      set_approval (self, "emblem-ok-symbolic", "success", _("Approved"), subtitle);
      break;

    case HAB_REVIEW_STATUS_OUTDATED:
      {
        g_autoptr(GPtrArray) changes = hab_review_dup_changes (dossier, latest);

        if (changes != NULL && changes->len > 0)
          /* Translators: %s is “reviewer, date” */
          subtitle = g_strdup_printf (_("Approved by %s, but the data changed since, as listed "
                                        "below: the approval no longer counts. Send the dossier "
                                        "to the DPO again."),
                                      who);
        else
          /* Translators: %s is “reviewer, date” */
          subtitle = g_strdup_printf (_("Approved by %s, but the data changed since: the approval "
                                        "no longer counts. The review does not record the data it "
                                        "approved, so the changes cannot be listed. Send the "
                                        "dossier to the DPO again."),
                                      who);
        set_approval (self, "dialog-error-symbolic", "error", _("Approval Outdated"), subtitle);

        for (guint i = 0; changes != NULL && i < changes->len; i++)
          {
            const HabDataChange *change = g_ptr_array_index (changes, i);
            g_autofree char *words = hab_data_change_describe (change, catalogue);
            g_autofree char *title = capitalize (words);
            g_autofree char *details = change_details (change);

            add_change_row (self, title, details);
          }
      }
      break;

    case HAB_REVIEW_STATUS_CHANGES_REQUESTED:
      {
        const char *comment = hab_json_object_get_string (latest, "comment");

        if (!blank (comment))
          /* Translators: “reviewer, date”, then the DPO's comment */
          subtitle = g_strdup_printf (_("Asked by %s: “%s”"), who, comment);
        else
          /* Translators: %s is “reviewer, date” */
          subtitle = g_strdup_printf (_("Asked by %s. See the comments on the data items below."), who);
        set_approval (self, "dialog-warning-symbolic", "warning", _("Changes Requested"), subtitle);
      }
      break;

    case HAB_REVIEW_STATUS_INVALID:
      set_approval (self, "dialog-error-symbolic", "error", _("No Valid Approval"),
                    _("The latest review has no valid decision or fingerprint. Send the dossier "
                      "to the DPO again."));
      break;

    case HAB_REVIEW_STATUS_NONE:
    default:
      set_approval (self, "dialog-information-symbolic", NULL, _("Not Reviewed Yet"),
                    _("Send the dossier to the DPO with “Send to the DPO…” below; the DPO "
                      "reviews it on this page of their copy."));
      break;
    }
}

/* The request: API, modalities, use case, legal basis, and what is done
 * with the data. Cheap: set on every update. */
static void
update_request (HabPageDpo       *self,
                HabDossier       *dossier,
                const HabApi     *api,
                const HabUseCase *use_case)
{
  const char *stage = hab_dossier_get_string (dossier, "parcours.stage");
  const char *api_id = hab_dossier_get_string (dossier, "parcours.api");
  JsonArray *modalities = hab_dossier_get_array (dossier, "parcours.modalities");
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 months = 0;
  gboolean specific = FALSE;

  /* API and stage */
  if (api != NULL)
    g_string_append (text, api->label);
  else if (!blank (api_id))
    g_string_append (text, api_id);
  else
    g_string_append (text, _("Not chosen yet (Parcours step)"));
  if (g_strcmp0 (stage, "production") == 0)
    g_string_append_printf (text, " — %s", _("production"));
  else if (g_strcmp0 (stage, "sandbox") == 0)
    g_string_append_printf (text, " — %s", _("sandbox"));
  set_subtitle (self->api_row, text->str);

  /* Access modalities */
  g_string_truncate (text, 0);
  for (guint i = 0; modalities != NULL && i < json_array_get_length (modalities); i++)
    {
      const char *key = hab_json_node_get_string (json_array_get_element (modalities, i));
      const HabModality *modality = key != NULL && api != NULL ? hab_api_lookup_modality (api, key) : NULL;

      if (key == NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, modality != NULL && modality->label != NULL ? modality->label : key);
    }
  gtk_widget_set_visible (self->modalities_row, (api == NULL || api->has_modalities) && text->len > 0);
  set_subtitle (self->modalities_row, text->str);

  /* Use case */
  set_subtitle (self->use_case_row, use_case != NULL && use_case->label != NULL
                                      ? use_case->label : _("Not chosen yet (Parcours step)"));

  /* Legal basis */
  g_string_truncate (text, 0);
  {
    const char *nature = hab_dossier_get_string (dossier, "legal.nature");
    const char *url = hab_dossier_get_string (dossier, "legal.url");
    const char *number = hab_dossier_get_string (dossier, "legal.deliberation.number");
    const char *date = hab_dossier_get_string (dossier, "legal.deliberation.date");
    const char *body = hab_dossier_get_string (dossier, "legal.deliberation.body");
    JsonArray *documents = hab_dossier_get_array (dossier, "legal.documents");
    guint n_documents = documents != NULL ? json_array_get_length (documents) : 0;

    if (!blank (nature))
      g_string_append (text, nature);

    if (!blank (number) || !blank (date))
      {
        g_autofree char *day = blank (date) ? NULL : hab_field_format_date (date);

        if (text->len > 0)
          g_string_append_c (text, '\n');
        if (!blank (number) && day != NULL)
          /* Translators: the number and date of a délibération */
          g_string_append_printf (text, _("Délibération no. %s of %s"), number, day);
        else if (!blank (number))
          /* Translators: the number of a délibération */
          g_string_append_printf (text, _("Délibération no. %s"), number);
        else
          /* Translators: the date of a délibération */
          g_string_append_printf (text, _("Délibération of %s"), day);
        if (!blank (body))
          g_string_append_printf (text, " (%s)", body);
      }

    if (use_case != NULL && g_strcmp0 (use_case->legal_basis, "decret_2022_814") == 0
        && (nature == NULL || strstr (nature, "2022-814") == NULL))
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, _("Décret n° 2022-814 du 16 mai 2022"));
      }

    if (!blank (url))
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append (text, url);
      }

    if (n_documents > 0)
      {
        if (text->len > 0)
          g_string_append_c (text, '\n');
        g_string_append_printf (text, ngettext ("%u document attached", "%u documents attached",
                                                n_documents),
                                n_documents);
      }

    if (text->len == 0)
      g_string_append (text, _("Not given yet (Cadre juridique step)"));
  }
  set_subtitle (self->legal_row, text->str);

  /* What is done with the data */
  {
    const char *recipients = hab_dossier_get_string (dossier, "data.recipients");
    const char *justification = hab_dossier_get_string (dossier, "data.retention_justification");
    const char *access = hab_dossier_get_string (dossier, "data.access");

    set_subtitle (self->recipients_row, blank (recipients) ? _("Not given (Données step)") : recipients);
    set_subtitle (self->access_row, blank (access) ? _("Not given (Données step)") : access);

    g_string_truncate (text, 0);
    if (hab_dossier_get_int (dossier, "data.retention_months", &months))
      {
        g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, months);

        /* Translators: %s is a number of months */
        g_string_append_printf (text, ngettext ("%s month", "%s months",
                                                (gulong) CLAMP (months, 0, G_MAXINT)),
                                number);
      }
    else
      g_string_append (text, _("Not given (Données step)"));
    if (!blank (justification))
      /* Translators: why the data are kept that long */
      g_string_append_printf (text, _("\nJustification: %s"), justification);
    set_subtitle (self->retention_row, text->str);

    hab_dossier_get_boolean (dossier, "data.specific_requirements", &specific);
    set_subtitle (self->specific_row, specific ? _("Yes: the needs are described in an attached document")
                                               : _("No"));
  }
}

static void
add_requested_item (HabPageDpo          *self,
                    AdwPreferencesGroup *group,
                    const char          *key,
                    const char          *label,
                    const char          *purpose,
                    const char          *unusual_for,
                    GHashTable          *kept_comments)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *entry = adw_entry_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped_label = g_markup_escape_text (label, -1);
  g_autofree char *escaped_subtitle = NULL;
  const char *kept = g_hash_table_lookup (kept_comments, key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_label);
  hab_a11y_name_buttons (row);
  if (!blank (purpose))
    /* Translators: a data item is requested, for this purpose */
    g_string_append_printf (subtitle, _("Requested — purpose: %s"), purpose);
  else
    g_string_append (subtitle, _("Requested — no purpose given"));

  if (unusual_for != NULL)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      g_string_append_c (subtitle, '\n');
      /* Translators: %s is a use case, e.g. “Place en crèche” */
      g_string_append_printf (subtitle, _("Minimisation: outside what “%s” usually needs; check "
                                          "that the purpose justifies it."),
                              unusual_for);
      gtk_widget_add_css_class (warning, "warning");
      gtk_accessible_update_state (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), warning);
    }

  escaped_subtitle = g_markup_escape_text (subtitle->str, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped_subtitle);
  gtk_widget_add_css_class (icon, "success");
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Your Comment on This Data Item"));
  if (kept != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), kept);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), kept != NULL && *kept != '\0');

  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->item_comment_rows, g_strdup (key), entry);
}

static void
add_unrequested_item (AdwPreferencesGroup *group,
                      const char          *label)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not requested"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  adw_preferences_group_add (group, row);
}

/* Group titles do not wrap: a longer catalogue group label is split at its
 * " - " into the group's title and description, as in the Données step. */
#define GROUP_TITLE_MAX_CHARS 40

static AdwPreferencesGroup *
add_items_group (HabPageDpo *self,
                 const char *label)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char *dash = strstr (label, " - ");
  g_autofree char *title = NULL;

  if (dash != NULL && g_utf8_strlen (label, -1) > GROUP_TITLE_MAX_CHARS)
    {
      const char *rest = dash + strlen (" - ");
      char first[8] = { 0 };
      g_autofree char *text = NULL;
      g_autofree char *description = NULL;

      g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (rest)), first);
      text = g_strconcat (first, g_utf8_next_char (rest), NULL);
      description = g_markup_escape_text (text, -1);
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      title = g_markup_escape_text (label, dash - label);
    }
  else
    title = g_markup_escape_text (label, -1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->review_items_box), group);

  return ADW_PREFERENCES_GROUP (group);
}

/* data.scopes as key -> purpose (the first entry of a key), with the keys
 * in file order. */
static GHashTable *
requested_scopes (HabDossier *dossier,
                  GPtrArray  *keys)
{
  GHashTable *requested = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *scopes = hab_dossier_get_array (dossier, "data.scopes");

  for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
    {
      JsonNode *element = json_array_get_element (scopes, i);
      const char *key, *purpose;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      key = hab_json_object_get_string (json_node_get_object (element), "key");
      purpose = hab_json_object_get_string (json_node_get_object (element), "purpose");
      if (key == NULL || g_hash_table_contains (requested, key))
        continue;

      g_hash_table_insert (requested, (gpointer) key, (gpointer) (purpose ? purpose : ""));
      g_ptr_array_add (keys, (gpointer) key);
    }

  return requested;
}

/* Every data item of the API, grouped as DataPass groups them: the
 * requested ones with their purposes and a comment entry, the others
 * greyed; the minimisation hints of the use case. */
static void
rebuild_items (HabPageDpo       *self,
               HabDossier       *dossier,
               const HabApi     *api,
               const HabUseCase *use_case)
{
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) requested = NULL;
  g_autoptr(GPtrArray) requested_keys = g_ptr_array_new ();
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *child;
  gboolean usual_known;
  guint n_unusual = 0;
  const char *use_case_label = use_case != NULL && use_case->label != NULL ? use_case->label : NULL;

  /* Comments being typed survive the rebuild. */
  g_hash_table_iter_init (&iter, self->item_comment_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (value));

      if (*text != '\0')
        g_hash_table_insert (kept, g_strdup (key), g_strdup (text));
    }
  g_hash_table_remove_all (self->item_comment_rows);

  while ((child = gtk_widget_get_first_child (self->review_items_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->review_items_box), child);

  requested = requested_scopes (dossier, requested_keys);
  usual_known = use_case != NULL && g_strcmp0 (use_case->id, "libre") != 0
                && use_case->usual_scopes != NULL && use_case->usual_scopes[0] != NULL;

  if (api == NULL)
    {
      AdwPreferencesGroup *group = add_items_group (self, _("No API Chosen"));

      add_unrequested_item (group, _("Choose the API in the Parcours step: the data items depend on it."));
    }
  else if (api->has_scopes)
    {
      AdwPreferencesGroup *others = NULL;

      for (guint g = 0; api->groups != NULL && g < api->groups->len; g++)
        {
          const HabScopeGroup *scope_group = g_ptr_array_index (api->groups, g);
          AdwPreferencesGroup *group = NULL;

          for (guint s = 0; s < api->scopes->len; s++)
            {
              const HabScope *scope = g_ptr_array_index (api->scopes, s);
              const char *label = scope->label ? scope->label : scope->key;

              if (g_strcmp0 (scope->group, scope_group->id) != 0)
                continue;

              if (group == NULL)
                group = add_items_group (self, scope_group->label);

              g_hash_table_add (shown, (gpointer) scope->key);
              if (g_hash_table_contains (requested, scope->key))
                {
                  gboolean unusual = usual_known && !hab_use_case_is_usual_scope (use_case, scope->key);

                  n_unusual += unusual;
                  add_requested_item (self, group, scope->key, label,
                                      g_hash_table_lookup (requested, scope->key),
                                      unusual ? use_case_label : NULL, kept);
                }
              else
                add_unrequested_item (group, label);
            }
        }

      /* Items of the API that no group lists. */
      for (guint s = 0; s < api->scopes->len; s++)
        {
          const HabScope *scope = g_ptr_array_index (api->scopes, s);
          const char *label = scope->label ? scope->label : scope->key;

          if (g_hash_table_contains (shown, scope->key))
            continue;

          if (others == NULL)
            others = add_items_group (self, _("Other Data Items"));
          g_hash_table_add (shown, (gpointer) scope->key);
          if (g_hash_table_contains (requested, scope->key))
            {
              gboolean unusual = usual_known && !hab_use_case_is_usual_scope (use_case, scope->key);

              n_unusual += unusual;
              add_requested_item (self, others, scope->key, label,
                                  g_hash_table_lookup (requested, scope->key),
                                  unusual ? use_case_label : NULL, kept);
            }
          else
            add_unrequested_item (others, label);
        }
    }
  else
    {
      /* SFiP R2P: no data items; the modalities define the data returned. */
      AdwPreferencesGroup *group = add_items_group (self, _("Data Returned, by Access Modality"));

      for (guint m = 0; api->modalities != NULL && m < api->modalities->len; m++)
        {
          const HabModality *modality = g_ptr_array_index (api->modalities, m);
          const char *label = modality->label ? modality->label : modality->key;

          if (hab_dossier_has_modality (dossier, modality->key))
            {
              GtkWidget *row = adw_action_row_new ();
              GtkWidget *icon = gtk_image_new_from_icon_name ("object-select-symbolic");

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Requested"));
              gtk_widget_add_css_class (icon, "success");
              gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
              adw_preferences_group_add (group, row);
            }
          else
            add_unrequested_item (group, label);
        }
    }

  /* Requested items the API does not have. */
  {
    AdwPreferencesGroup *unknown = NULL;

    for (guint i = 0; i < requested_keys->len; i++)
      {
        const char *scope_key = g_ptr_array_index (requested_keys, i);

        if (g_hash_table_contains (shown, scope_key))
          continue;

        if (unknown == NULL)
          unknown = add_items_group (self, _("Requested Items Unknown to This API"));
        add_requested_item (self, unknown, scope_key, *scope_key ? scope_key : _("Item without a key"),
                            g_hash_table_lookup (requested, scope_key), NULL, kept);
      }
  }

  /* The minimisation hints, in words. */
  gtk_image_set_from_icon_name (GTK_IMAGE (self->minimisation_icon),
                                n_unusual > 0 ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  if (n_unusual > 0)
    gtk_widget_add_css_class (self->minimisation_icon, "warning");
  else
    gtk_widget_remove_css_class (self->minimisation_icon, "warning");

  if (api == NULL || !api->has_scopes)
    gtk_widget_set_visible (self->minimisation_row, FALSE);
  else
    {
      g_autofree char *text = NULL;

      gtk_widget_set_visible (self->minimisation_row, TRUE);
      if (!usual_known)
        text = g_strdup (_("The use case has no usual set of data items: check that each one is "
                           "needed for its purpose."));
      else if (n_unusual == 0)
        /* Translators: %s is a use case */
        text = g_strdup_printf (_("Every requested item is among those “%s” usually needs."),
                                use_case_label);
      else
        /* Translators: %u items; %s is a use case */
        text = g_strdup_printf (ngettext ("%u requested item is outside what “%s” usually needs: "
                                          "the DGFiP will ask why.",
                                          "%u requested items are outside what “%s” usually "
                                          "needs: the DGFiP will ask why.",
                                          n_unusual),
                                n_unusual, use_case_label);
      set_subtitle (self->minimisation_row, text);
    }
}

/* The form */

static void
update_form (HabPageDpo *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const char *reviewer = gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row));
  g_autoptr(HabContact) card = NULL;
  gboolean known = FALSE;
  gboolean is_dpo;
  gboolean can_submit = dossier != NULL && !blank (reviewer);

  gtk_widget_set_sensitive (self->approve_button, can_submit);
  gtk_widget_set_sensitive (self->request_changes_button, can_submit);

  if (dossier == NULL || blank (reviewer))
    {
      gtk_widget_set_visible (self->reviewer_warning_row, FALSE);
      return;
    }

  card = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_DELEGUE_PROTECTION_DONNEES);
  is_dpo = hab_review_name_is_dpo (reviewer,
                                   hab_dossier_get_string (dossier, DPO_ACTOR ".display_name"),
                                   card, &known);

  if (is_dpo)
    gtk_widget_set_visible (self->reviewer_warning_row, FALSE);
  else
    {
      g_autofree char *dpo = hab_review_dup_dpo_name (dossier);
      g_autofree char *text = NULL;

      if (known && dpo != NULL)
        /* Translators: the reviewer's name, then the DPO's */
        text = g_strdup_printf (_("“%s” is not the DPO named in the dossier (%s). Your review "
                                  "will be recorded, but the DGFiP expects the DPO’s own "
                                  "review."),
                                reviewer, dpo);
      else
        text = g_strdup (_("The dossier names no DPO yet (Acteurs step), so your name cannot be "
                           "checked against the DPO’s."));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->reviewer_warning_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reviewer_warning_row), text);
      gtk_widget_set_visible (self->reviewer_warning_row, TRUE);
    }
}

/* Pre-fills the reviewer with the DPO named in the dossier, and follows
 * that name while the field holds it; once the user typed another name,
 * or cleared it to type one, it is theirs. */
static void
prefill_reviewer (HabPageDpo *self,
                  HabDossier *dossier)
{
  g_autofree char *dpo = hab_review_dup_dpo_name (dossier);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row));

  if (self->prefilled_name == NULL ? *current == '\0'
                                   : g_strcmp0 (current, self->prefilled_name) == 0)
    {
      if (g_strcmp0 (current, dpo ? dpo : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->reviewer_row), dpo ? dpo : "");
      g_free (self->prefilled_name);
      self->prefilled_name = g_strdup (dpo ? dpo : "");
    }
}

static void
reviewer_changed_cb (HabPageDpo *self)
{
  update_form (self);
}

static void
submit_review (HabPageDpo        *self,
               HabReviewDecision  decision)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autofree char *reviewer = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row)));
  g_autofree char *comment = hab_text_row_dup_text (HAB_TEXT_ROW (self->comment_row));
  g_autoptr(GHashTable) comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (dossier == NULL)
    return;

  g_hash_table_iter_init (&iter, self->item_comment_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (comments, g_strdup (key),
                         g_strdup (gtk_editable_get_text (GTK_EDITABLE (value))));

  if (!hab_review_append (dossier, reviewer, decision, comment, comments, NULL, NULL, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      hab_page_add_toast (HAB_PAGE (self), escaped);
      return;
    }

  /* Recorded: the form is ready for another review. */
  hab_text_row_set_text (HAB_TEXT_ROW (self->comment_row), "");
  g_hash_table_iter_init (&iter, self->item_comment_rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    gtk_editable_set_text (GTK_EDITABLE (value), "");

  hab_page_add_toast (HAB_PAGE (self), decision == HAB_REVIEW_DECISION_APPROVED
                                         ? _("Approval recorded")
                                         : _("Request for changes recorded"));

  /* The file is saved at once (atomically), or a name asked for. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.save", NULL);
}

static void
approve_clicked_cb (HabPageDpo *self)
{
  submit_review (self, HAB_REVIEW_DECISION_APPROVED);
}

static void
request_changes_clicked_cb (HabPageDpo *self)
{
  submit_review (self, HAB_REVIEW_DECISION_CHANGES_REQUESTED);
}

/**
 * hab_page_dpo_get_item_comment_row:
 * @key: a requested data item
 *
 * Returns: (transfer none) (nullable): the entry for the comment on @key
 */
GtkWidget *
hab_page_dpo_get_item_comment_row (HabPageDpo *self,
                                   const char *key)
{
  g_return_val_if_fail (HAB_IS_PAGE_DPO (self), NULL);

  return g_hash_table_lookup (self->item_comment_rows, key);
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
  g_autofree char *name = hab_review_dup_dpo_name (dossier);
  g_autofree char *fingerprint = hab_fingerprint_compute (dossier);
  g_autofree char *reviews_text = reviews != NULL ? json_to_string (reviews, FALSE) : NULL;
  g_autofree char *built_for = NULL;
  g_autofree char *items_for = NULL;
  const char *use_case_id = hab_dossier_get_string (dossier, "parcours.use_case");
  const HabUseCase *use_case = api != NULL && use_case_id != NULL
                               ? hab_api_lookup_use_case (api, use_case_id) : NULL;
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
      update_approval (self, dossier);
    }

  /* The data items are rebuilt when the data or the use case change. */
  items_for = g_strdup_printf ("%s\n%s\n%s", api ? api->id : "", use_case ? use_case->id : "",
                               fingerprint ? fingerprint : "");
  if (g_strcmp0 (items_for, self->items_for) != 0)
    {
      g_free (self->items_for);
      self->items_for = g_steal_pointer (&items_for);
      rebuild_items (self, dossier, api, use_case);
    }

  update_request (self, dossier, api, use_case);
  prefill_reviewer (self, dossier);
  update_form (self);
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
  g_clear_pointer (&self->change_rows, g_ptr_array_unref);
  g_clear_pointer (&self->item_comment_rows, g_hash_table_unref);
  g_free (self->built_for);
  g_free (self->items_for);
  g_free (self->prefilled_name);

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
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, approval_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, approval_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, approval_icon);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, api_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, modalities_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, use_case_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, legal_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, minimisation_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, minimisation_icon);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, review_items_box);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, recipients_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, retention_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, access_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, specific_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, reviewer_warning_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, comment_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, approve_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, request_changes_button);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, send_icon);
  gtk_widget_class_bind_template_child (widget_class, HabPageDpo, import_icon);
  gtk_widget_class_bind_template_callback (widget_class, reviewer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, request_changes_clicked_cb);
}

static void
hab_page_dpo_init (HabPageDpo *self)
{
  HabPage *page = HAB_PAGE (self);
  HabField *field;

  self->review_rows = g_ptr_array_new ();
  self->message_rows = g_ptr_array_new ();
  self->change_rows = g_ptr_array_new ();
  self->item_comment_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_type_ensure (HAB_TYPE_TEXT_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  /* The row opens the Acteurs step, where the DPO is named. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->dpo_name_row), "i", HAB_STEP_ACTEURS);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->dpo_name_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->approval_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->minimisation_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->send_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->import_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  field = hab_page_bind (page, HAB_FIELD_BOOLEAN, self->informed_switch, "dpo.informed");
  hab_field_set_row (field, self->informed_row);
  hab_page_bind (page, HAB_FIELD_DATE, self->informed_date_row, "dpo.informed_date");
}
