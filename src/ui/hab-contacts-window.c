/* hab-contacts-window.c: the address book.
 *
 * Lists the contact cards kept in the keyring (HabContactStore), with a
 * search, and edits one card at a time with the same live rules as the
 * Acteurs step: the card being edited sits in a private dossier, as the
 * card of a role, and the validator checks it there. A card is edited once
 * for every dossier that names the person.
 *
 * Opened for a role of the Acteurs step, it lets the user choose a card
 * (or create one) for that role: ::contact-chosen.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-contacts-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-contacts-window.h"
#include "hab-field.h"
#include "hab-finding.h"
#include "hab-title-layout.h"
#include "hab-validator.h"

/* The rules of a card are those of a role; without one, of a role that has
 * no rule of its own. */
#define NEUTRAL_ROLE HAB_ROLE_RESPONSABLE_TECHNIQUE

struct _HabContactsWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwWindowTitle       *list_title;
  GtkWidget            *new_button;
  GtkStack             *list_stack;
  GtkRevealer          *notice_revealer;
  GtkLabel             *notice_label;
  AdwStatusPage        *unavailable_page;
  GtkSearchEntry       *search_entry;
  GtkListBox           *list;
  AdwWindowTitle       *edit_title;
  GtkWidget            *save_button;
  AdwPreferencesPage   *edit_page;
  GtkWidget            *delete_group;
  GtkWidget            *given_name_row;
  GtkWidget            *family_name_row;
  GtkWidget            *job_title_row;
  GtkWidget            *email_row;
  GtkWidget            *phone_row;
  GtkWidget            *organisation_row;
  GtkWidget            *birth_date_row;
  GtkWidget            *birth_place_row;

  HabContactStore      *store;
  char                 *role;          /* choosing a card for this role */
  char                 *rules_role;    /* the role whose rules the editor applies */
  char                 *editing_id;    /* the card in the editor; NULL: a new one */
  gboolean              edit_only;     /* opened to edit one card: close after */
  HabDossier           *draft;         /* the card being edited, as a role's */
  HabValidator         *validator;
  GPtrArray            *fields;        /* HabField */
  GCancellable         *cancellable;
  gboolean              saving;
};

G_DEFINE_FINAL_TYPE (HabContactsWindow, hab_contacts_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CONTACT_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  const char   *member;
  gsize         row_offset;
  HabFieldKind  kind;
} editor_rows[] = {
  { "given_name", G_STRUCT_OFFSET (HabContactsWindow, given_name_row), HAB_FIELD_TEXT },
  { "family_name", G_STRUCT_OFFSET (HabContactsWindow, family_name_row), HAB_FIELD_TEXT },
  { "job_title", G_STRUCT_OFFSET (HabContactsWindow, job_title_row), HAB_FIELD_TEXT },
  { "email", G_STRUCT_OFFSET (HabContactsWindow, email_row), HAB_FIELD_TEXT },
  { "phone", G_STRUCT_OFFSET (HabContactsWindow, phone_row), HAB_FIELD_TEXT },
  { "organisation", G_STRUCT_OFFSET (HabContactsWindow, organisation_row), HAB_FIELD_TEXT },
  { "birth_date", G_STRUCT_OFFSET (HabContactsWindow, birth_date_row), HAB_FIELD_DATE },
  { "birth_place", G_STRUCT_OFFSET (HabContactsWindow, birth_place_row), HAB_FIELD_TEXT },
};

#define EDITOR_ROW(self, i) G_STRUCT_MEMBER (GtkWidget *, self, editor_rows[i].row_offset)

static gboolean
str_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

static gboolean
contact_is_blank (const HabContact *card)
{
  return card == NULL
         || (str_blank (card->given_name) && str_blank (card->family_name)
             && str_blank (card->email) && str_blank (card->phone)
             && str_blank (card->job_title) && str_blank (card->organisation)
             && str_blank (card->birth_date) && str_blank (card->birth_place));
}

static char *
card_title (const HabContact *card)
{
  char *name = hab_contact_dup_display_name (card);

  return name ? name : g_strdup (_("Unnamed Contact"));
}

/* The list */

static char *
card_summary (const HabContact *card)
{
  GString *text = g_string_new (NULL);
  const char *parts[] = { card->job_title, card->organisation, card->email };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (str_blank (parts[i]))
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

static char *
search_text (const HabContact *card)
{
  g_autofree char *joined = g_strjoin (" ",
                                       card->given_name ? card->given_name : "",
                                       card->family_name ? card->family_name : "",
                                       card->email ? card->email : "",
                                       card->job_title ? card->job_title : "",
                                       card->organisation ? card->organisation : "",
                                       NULL);
  g_autofree char *normalized = g_utf8_normalize (joined, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized ? normalized : joined, -1);
}

static void
edit_row_clicked_cb (GtkButton         *button,
                     HabContactsWindow *self)
{
  const char *contact_id = g_object_get_data (G_OBJECT (button), "contact-id");

  self->edit_only = FALSE;
  hab_contacts_window_edit (self, contact_id);
  self->edit_only = FALSE;
}

static GtkWidget *
card_row_new (HabContactsWindow *self,
              const HabContact  *card)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = card_title (card);
  g_autofree char *summary = card_summary (card);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "contact-id", g_strdup (card->contact_id), g_free);
  g_object_set_data_full (G_OBJECT (row), "search-text", search_text (card), g_free);

  if (!hab_contact_store_is_stored (self->store, card->contact_id))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Kept in memory only: it is written to the keyring "
                                           "once the keyring answers"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Not in the keyring yet"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  if (self->role != NULL)
    {
      /* Choosing: the row chooses; a button edits. */
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, _("Edit Contact"));
      g_object_set_data_full (G_OBJECT (edit), "contact-id", g_strdup (card->contact_id), g_free);
      g_signal_connect_object (edit, "clicked", G_CALLBACK (edit_row_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
    }
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));

  return row;
}

static gboolean
filter_cb (GtkListBoxRow *row,
           gpointer       user_data)
{
  HabContactsWindow *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-text");
  g_autofree char *normalized = NULL;
  g_autofree char *needle = NULL;
  g_auto(GStrv) words = NULL;

  if (str_blank (text) || haystack == NULL)
    return TRUE;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  needle = g_utf8_casefold (normalized ? normalized : text, -1);
  words = g_strsplit_set (needle, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static void
search_changed_cb (HabContactsWindow *self)
{
  gtk_list_box_invalidate_filter (self->list);
}

static void
update_list (HabContactsWindow *self)
{
  g_autoptr(GPtrArray) cards = hab_contact_store_list (self->store);
  HabContactStoreState state = hab_contact_store_get_state (self->store);
  const GError *error = hab_contact_store_get_error (self->store);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < cards->len; i++)
    gtk_list_box_append (self->list, card_row_new (self, g_ptr_array_index (cards, i)));
  hab_title_layout_fit (GTK_WIDGET (self->list));

  if (state == HAB_CONTACT_STORE_STATE_UNAVAILABLE)
    {
      g_autofree char *text = NULL;

      /* Translators: why the keyring cannot be used, then what happens */
      text = g_strdup_printf (_("%s Cards you add now are kept until you quit."),
                              error ? error->message : _("No keyring answers."));
      gtk_label_set_label (self->notice_label, text);
      adw_status_page_set_description (self->unavailable_page, text);
    }
  gtk_revealer_set_reveal_child (self->notice_revealer,
                                 state == HAB_CONTACT_STORE_STATE_UNAVAILABLE);

  if (cards->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "cards");
  else if (state == HAB_CONTACT_STORE_STATE_UNAVAILABLE)
    gtk_stack_set_visible_child_name (self->list_stack, "unavailable");
  else if (state == HAB_CONTACT_STORE_STATE_UNKNOWN)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
store_changed_cb (HabContactsWindow *self)
{
  update_list (self);

  /* The card being edited was deleted elsewhere: it is a new one now. */
  if (self->editing_id != NULL && !hab_contact_store_contains (self->store, self->editing_id))
    {
      g_clear_pointer (&self->editing_id, g_free);
      gtk_widget_set_visible (self->delete_group, FALSE);
    }
}

/* The editor */

static char *
capitalize (const char *text)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

static void
show_editor_findings (HabContactsWindow *self)
{
  g_autoptr(GPtrArray) findings = hab_validator_validate (self->validator, self->draft);
  g_autofree char *prefix = g_strdup_printf ("actors.%s.", self->rules_role);

  for (guint f = 0; f < self->fields->len; f++)
    {
      HabField *field = g_ptr_array_index (self->fields, f);
      g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func ((GDestroyNotify) hab_finding_free);
      const char *member = editor_rows[f].member;
      g_autofree char *path = g_strdup_printf ("actors.%s.contact.%s", self->rules_role, member);
      gboolean blank = str_blank (hab_dossier_get_string (self->draft, path));

      for (guint i = 0; i < findings->len; i++)
        {
          const HabFinding *finding = g_ptr_array_index (findings, i);
          const char *message = finding->message;
          const char *colon, *quote;

          if (!g_str_has_prefix (finding->field, prefix) || !hab_field_matches (field, finding->field))
            continue;

          /* A new card does not nag about what is not typed yet. */
          if (blank && self->editing_id == NULL)
            continue;

          /* "Responsable technique: …": the card is nobody's role here. */
          colon = strchr (message, ':');
          quote = strstr (message, "“");
          if (colon != NULL && colon - message < 64 && (quote == NULL || quote > colon))
            {
              message = colon + 1;
              while (*message != '\0' && g_unichar_isspace (g_utf8_get_char (message)))
                message = g_utf8_next_char (message);
            }

          if (*message != '\0')
            {
              g_autofree char *capital = capitalize (message);

              g_ptr_array_add (mine, hab_finding_new (finding->rule, finding->field, capital));
            }
        }

      hab_field_show_findings (field, mine);
    }
}

static HabContact *
draft_card (HabContactsWindow *self)
{
  return hab_dossier_dup_inline_contact (self->draft, self->rules_role);
}

static void
update_save_button (HabContactsWindow *self)
{
  g_autoptr(HabContact) card = draft_card (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.save",
                                 !self->saving && !contact_is_blank (card));
}

static void
draft_changed_cb (HabContactsWindow *self,
                  const char        *path,
                  HabDossier        *draft)
{
  show_editor_findings (self);
  update_save_button (self);
}

/* A fresh draft, holding @card (or nothing) as the card of the rules' role. */
static void
reset_draft (HabContactsWindow *self,
             const HabContact  *card)
{
  g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", self->rules_role);
  g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", self->rules_role);

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_func (self->draft, draft_changed_cb, self);
  g_clear_object (&self->draft);

  self->draft = hab_dossier_new ();
  /* The editor's card is checked only in editor mode. */
  if (g_strcmp0 (self->rules_role, HAB_ROLE_EDITEUR) == 0)
    hab_dossier_set_string (self->draft, "parcours.development", "editor");
  hab_dossier_set_string (self->draft, id_path, "draft");
  if (card != NULL)
    {
      g_autoptr(HabContact) copy = hab_contact_copy (card);

      g_clear_pointer (&copy->contact_id, g_free);
      hab_dossier_set_node (self->draft, card_path, hab_contact_to_json (copy));
    }
  else
    {
      g_autoptr(JsonObject) empty = json_object_new ();

      hab_dossier_set_node (self->draft, card_path, json_node_init_object (json_node_alloc (), empty));
    }

  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < self->fields->len; i++)
    hab_field_set_dossier (g_ptr_array_index (self->fields, i), self->draft);
}

static void
bind_editor (HabContactsWindow *self)
{
  g_ptr_array_set_size (self->fields, 0);

  for (guint i = 0; i < G_N_ELEMENTS (editor_rows); i++)
    {
      g_autofree char *path = g_strdup_printf ("actors.%s.contact.%s", self->rules_role,
                                               editor_rows[i].member);
      g_autofree char *finding_path = g_strdup_printf ("actors.%s.%s", self->rules_role,
                                                       editor_rows[i].member);
      HabField *field = hab_field_new (editor_rows[i].kind, EDITOR_ROW (self, i), path);

      hab_field_set_finding_path (field, finding_path);
      g_ptr_array_add (self->fields, field);
    }
}

/**
 * hab_contacts_window_edit:
 * @contact_id: (nullable): the card to edit, or %NULL for a new one
 *
 * Shows the editor. Opened this way before the window is presented, the
 * window closes once the card is saved or the edit cancelled.
 */
void
hab_contacts_window_edit (HabContactsWindow *self,
                          const char        *contact_id)
{
  g_autoptr(HabContact) card = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (HAB_IS_CONTACTS_WINDOW (self));

  card = contact_id ? hab_contact_store_dup_card (self->store, contact_id) : NULL;
  g_free (self->editing_id);
  self->editing_id = card ? g_strdup (contact_id) : NULL;
  self->edit_only = !gtk_widget_get_visible (GTK_WIDGET (self));

  reset_draft (self, card);

  title = card ? card_title (card) : NULL;
  adw_window_title_set_title (self->edit_title, card ? _("Edit Contact") : _("New Contact"));
  adw_window_title_set_subtitle (self->edit_title, title ? title : "");
  gtk_widget_set_visible (self->delete_group, card != NULL);

  for (guint i = 0; i < self->fields->len; i++)
    hab_field_sync (g_ptr_array_index (self->fields, i));
  show_editor_findings (self);
  update_save_button (self);

  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_grab_focus (self->given_name_row);
}

static void
show_list (HabContactsWindow *self)
{
  g_clear_pointer (&self->editing_id, g_free);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
add_toast (HabContactsWindow *self,
           const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
choose (HabContactsWindow *self,
        const char        *contact_id)
{
  g_autofree char *chosen = g_strdup (contact_id);

  g_signal_emit (self, signals[CONTACT_CHOSEN], 0, chosen);
  gtk_window_close (GTK_WINDOW (self));
}

static void
row_activated_cb (HabContactsWindow *self,
                  GtkListBoxRow     *row)
{
  const char *contact_id = g_object_get_data (G_OBJECT (row), "contact-id");

  if (contact_id == NULL)
    return;

  if (self->role != NULL)
    choose (self, contact_id);
  else
    {
      hab_contacts_window_edit (self, contact_id);
      self->edit_only = FALSE;
    }
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (widget);

  hab_contacts_window_edit (self, NULL);
  self->edit_only = FALSE;
}

typedef struct
{
  HabContactsWindow *self;
  char              *contact_id;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->contact_id);
  g_free (pending);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pending *pending = user_data;
  HabContactsWindow *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  saved = hab_contact_store_save_finish (HAB_CONTACT_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pending_free (pending);
      return;
    }

  self->saving = FALSE;
  update_save_button (self);

  /* Not in the keyring: the card is kept in memory all the same. */
  if (self->role != NULL)
    choose (self, pending->contact_id);
  else if (self->edit_only)
    gtk_window_close (GTK_WINDOW (self));
  else
    {
      g_autofree char *message = NULL;

      if (!saved)
        /* Translators: %s says why the keyring cannot be used */
        message = g_strdup_printf (_("Kept until you quit only: %s"), error->message);
      show_list (self);
      add_toast (self, message ? message : _("Contact saved in the keyring"));
    }

  pending_free (pending);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (widget);
  g_autoptr(HabContact) card = draft_card (self);
  Pending *pending;

  if (self->saving || contact_is_blank (card))
    return;

  g_free (card->contact_id);
  card->contact_id = self->editing_id ? g_strdup (self->editing_id) : g_uuid_string_random ();

  self->saving = TRUE;
  update_save_button (self);

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->contact_id = g_strdup (card->contact_id);
  hab_contact_store_save_async (self->store, card, self->role, self->cancellable, save_done_cb,
                                pending);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "edit") != 0 || self->edit_only)
    gtk_window_close (GTK_WINDOW (self));
  else
    show_list (self);
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *pending = user_data;
  HabContactsWindow *self = pending->self;
  g_autoptr(GError) error = NULL;

  if (!hab_contact_store_delete_finish (HAB_CONTACT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          g_autofree char *message = g_strdup_printf (_("The contact was not deleted: %s"),
                                                      error->message);

          add_toast (self, message);
        }
      pending_free (pending);
      return;
    }

  if (self->edit_only)
    gtk_window_close (GTK_WINDOW (self));
  else
    {
      show_list (self);
      add_toast (self, _("Contact deleted"));
    }

  pending_free (pending);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Pending          *pending)
{
  if (g_str_equal (response, "delete"))
    {
      hab_contact_store_delete_async (pending->self->store, pending->contact_id,
                                      pending->self->cancellable, delete_done_cb, pending);
      return;
    }

  pending_free (pending);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (widget);
  g_autoptr(HabContact) card = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  Pending *pending;

  if (self->editing_id == NULL)
    return;

  card = hab_contact_store_dup_card (self->store, self->editing_id);
  name = card ? card_title (card) : g_strdup (self->editing_id);
  body = g_strdup_printf (_("The card of “%s” is removed from your keyring. The dossiers that name "
                            "this person keep the name only, and ask for the card again."),
                          name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Contact?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->contact_id = g_strdup (self->editing_id);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retry_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HabContactsWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hab_contact_store_load_finish (HAB_CONTACT_STORE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_toast (self, error->message);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.retry", TRUE);
  g_object_unref (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (widget);

  gtk_widget_action_set_enabled (widget, "contacts.retry", FALSE);
  hab_contact_store_load_async (self->store, TRUE, self->cancellable, retry_done_cb,
                                g_object_ref (self));
}

/* The object */

static void
hab_contacts_window_constructed (GObject *object)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (object);

  G_OBJECT_CLASS (hab_contacts_window_parent_class)->constructed (object);

  if (self->store == NULL)
    self->store = g_object_ref (hab_contact_store_get_default ());

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::state", G_CALLBACK (update_list), self,
                           G_CONNECT_SWAPPED);
  hab_contact_store_ensure_loaded (self->store);
  update_list (self);
}

static void
hab_contacts_window_dispose (GObject *object)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->fields != NULL)
    g_ptr_array_set_size (self->fields, 0);
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_func (self->draft, draft_changed_cb, self);
  g_clear_object (&self->draft);

  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_CONTACTS_WINDOW);

  G_OBJECT_CLASS (hab_contacts_window_parent_class)->dispose (object);
}

static void
hab_contacts_window_finalize (GObject *object)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->validator);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_free (self->role);
  g_free (self->rules_role);
  g_free (self->editing_id);

  G_OBJECT_CLASS (hab_contacts_window_parent_class)->finalize (object);
}

static void
hab_contacts_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_contacts_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HabContactsWindow *self = HAB_CONTACTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_contacts_window_class_init (HabContactsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hab_contacts_window_constructed;
  object_class->dispose = hab_contacts_window_dispose;
  object_class->finalize = hab_contacts_window_finalize;
  object_class->get_property = hab_contacts_window_get_property;
  object_class->set_property = hab_contacts_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HAB_TYPE_CONTACT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HabContactsWindow::contact-chosen:
   * @contact_id: the card chosen for the role
   *
   * A card was chosen, or created, for the role given to
   * hab_contacts_window_set_role().
   */
  signals[CONTACT_CHOSEN] =
    g_signal_new ("contact-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-contacts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, notice_label);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, list);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, edit_title);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, edit_page);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, delete_group);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, job_title_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, phone_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, HabContactsWindow, birth_place_row);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "contacts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "contacts.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "contacts.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contacts.retry", NULL, retry_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "contacts.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "contacts.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "contacts.save", NULL);
}

static void
hab_contacts_window_init (HabContactsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hab_title_layout_fit (GTK_WIDGET (self));
  hab_a11y_name_buttons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->validator = hab_validator_new (NULL);
  self->fields = g_ptr_array_new_with_free_func (g_object_unref);
  self->rules_role = g_strdup (NEUTRAL_ROLE);

  gtk_list_box_set_filter_func (self->list, filter_cb, self, NULL);
  bind_editor (self);
  reset_draft (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

/**
 * hab_contacts_window_new:
 * @parent: (nullable): the window it is for
 * @store: (nullable): the address book, or %NULL for the application's
 */
HabContactsWindow *
hab_contacts_window_new (GtkWindow       *parent,
                         HabContactStore *store)
{
  return g_object_new (HAB_TYPE_CONTACTS_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

HabContactStore *
hab_contacts_window_get_store (HabContactsWindow *self)
{
  g_return_val_if_fail (HAB_IS_CONTACTS_WINDOW (self), NULL);

  return self->store;
}

/**
 * hab_contacts_window_set_role:
 * @role: (nullable): a key of "actors"
 * @role_title: (nullable): how the role is shown
 *
 * Makes the window choose a card for @role: activating a card, or saving
 * a new one, emits ::contact-chosen and closes the window.
 */
void
hab_contacts_window_set_role (HabContactsWindow *self,
                              const char        *role,
                              const char        *role_title)
{
  g_return_if_fail (HAB_IS_CONTACTS_WINDOW (self));

  g_free (self->role);
  self->role = g_strdup (role);
  g_free (self->rules_role);
  self->rules_role = g_strdup (role ? role : NEUTRAL_ROLE);

  bind_editor (self);
  reset_draft (self, NULL);

  if (role != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Choose a Contact"));
      adw_window_title_set_title (self->list_title, _("Choose a Contact"));
      adw_window_title_set_subtitle (self->list_title, role_title ? role_title : "");
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Address Book"));
      adw_window_title_set_title (self->list_title, _("Address Book"));
      adw_window_title_set_subtitle (self->list_title, _("Kept in your keyring"));
    }

  update_list (self);
}

const char *
hab_contacts_window_get_role (HabContactsWindow *self)
{
  g_return_val_if_fail (HAB_IS_CONTACTS_WINDOW (self), NULL);

  return self->role;
}

/**
 * hab_contacts_window_get_editing:
 *
 * Returns: (nullable): the contact_id of the card in the editor
 */
const char *
hab_contacts_window_get_editing (HabContactsWindow *self)
{
  g_return_val_if_fail (HAB_IS_CONTACTS_WINDOW (self), NULL);

  return self->editing_id;
}

GtkWidget *
hab_contacts_window_get_list (HabContactsWindow *self)
{
  g_return_val_if_fail (HAB_IS_CONTACTS_WINDOW (self), NULL);

  return GTK_WIDGET (self->list);
}

/**
 * hab_contacts_window_get_editor_row:
 * @member: a member of a card ("email")
 *
 * Returns: (nullable) (transfer none): the row editing it
 */
GtkWidget *
hab_contacts_window_get_editor_row (HabContactsWindow *self,
                                    const char        *member)
{
  g_return_val_if_fail (HAB_IS_CONTACTS_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (editor_rows); i++)
    if (g_strcmp0 (editor_rows[i].member, member) == 0)
      return EDITOR_ROW (self, i);

  return NULL;
}
