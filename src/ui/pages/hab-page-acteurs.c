/* hab-page-acteurs.c: the Acteurs step (DESIGN §2.2).
 *
 * The organisation, the four roles of the seed (demandeur, responsable de
 * traitement, délégué à la protection des données, responsable technique)
 * plus the editor's contact in editor mode, and the DGFiP's optional extra
 * contacts. Each role is an expander row holding the person's card; the
 * validator reports on actors.<role>.<member>, or on actors.<role> for the
 * role itself, which the page shows under the expander row so that a
 * collapsed role still says what is wrong with it. A person can be removed
 * from a role (with an Undo).
 *
 * Where the card lives (DESIGN §4): in the address book of the keyring
 * (HabContactStore), the file naming the person by contact_id and
 * display_name; or inline in the file (actors.<role>.contact), for a file
 * that travels or when no keyring answers. The same rows edit either: bound
 * to the dossier for an inline card, or to a private draft holding the
 * keyring card, whose edits go to the address book (so a person named in
 * several dossiers is edited once). A card typed into an empty role goes to
 * the address book when the keyring answers, inline otherwise; a role can
 * also take a card chosen from the address book, and an inline card can be
 * moved there. The page keeps each role's display_name and contact_id in
 * step with its card.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-acteurs"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hab-a11y.h"
#include "hab-contact-store.h"
#include "hab-contacts-window.h"
#include "hab-finding.h"
#include "hab-page-acteurs.h"

typedef enum
{
  ROLE_DEMANDEUR,
  ROLE_RESPONSABLE_TRAITEMENT,
  ROLE_DELEGUE_PROTECTION_DONNEES,
  ROLE_RESPONSABLE_TECHNIQUE,
  ROLE_EDITEUR,
  N_ROLES
} Role;

static const struct
{
  const char *key;
  const char *title;
  const char *explanation;
  const char *email_title;
  gboolean    birth;          /* for the employer attestation */
} roles[N_ROLES] = {
  { HAB_ROLE_DEMANDEUR,
    N_("Demandeur"),
    N_("The privileged contact while the DGFiP examines the request: the DGFiP may contact "
       "this person to clarify or update information. The demandeur files the request on "
       "DataPass with a ProConnect account, which needs a professional and nominative e-mail "
       "address: a generic address leads the DGFiP to refuse the request. The birth date and "
       "place fill in the demandeur’s employer attestation."),
    N_("Professional and Nominative E-mail Address"),
    TRUE },
  { HAB_ROLE_RESPONSABLE_TRAITEMENT,
    N_("Responsable de traitement"),
    N_("Determines, alone or with others, the purposes and means of the processing of "
       "personal data. It may be the person in charge of the agents who will see the data "
       "sent by the API, such as the head of the Enfance department, the finance director or "
       "the secrétaire de mairie. The responsable de traitement cannot be the délégué à la "
       "protection des données."),
    N_("Professional E-mail Address"),
    FALSE },
  { HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
    N_("Délégué à la protection des données (DPO)"),
    N_("Makes sure your organisation properly protects personal data, as the law requires. "
       "Your DPO may be external to your organisation: a centre de gestion, an opérateur "
       "public de services numériques (OPSN) or a specialised company."),
    N_("Professional E-mail Address"),
    FALSE },
  { HAB_ROLE_RESPONSABLE_TECHNIQUE,
    N_("Responsable technique"),
    N_("Implements the calls to the API and may be contacted about a technical problem with "
       "it; the DGFiP gives this person the access to its API platform. It may be your IT "
       "manager, internal or external, or your software editor."),
    N_("Professional E-mail Address"),
    FALSE },
  { HAB_ROLE_EDITEUR,
    N_("Editor’s Contact"),
    N_("The person at your software editor who follows your request. The editor, too, must be "
       "able to commit its organisation: its employer attestation is filled in from this "
       "card, birth date and place included."),
    N_("Professional E-mail Address"),
    TRUE },
};

/* The members of a card, in the order of the rows. */
static const struct
{
  const char      *member;
  const char      *title;
  HabFieldKind     kind;
  GtkInputPurpose  purpose;
  gboolean         birth;
} card_rows[] = {
  { "given_name", N_("Given Name"), HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_NAME, FALSE },
  { "family_name", N_("Family Name"), HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_NAME, FALSE },
  { "job_title", N_("Job Title"), HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_FREE_FORM, FALSE },
  { "email", NULL /* per role */, HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_EMAIL, FALSE },
  { "phone", N_("Phone Number"), HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_PHONE, FALSE },
  { "organisation", N_("Employer"), HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_FREE_FORM, FALSE },
  { "birth_date", N_("Birth Date (DD/MM/YYYY)"), HAB_FIELD_DATE, GTK_INPUT_PURPOSE_DIGITS, TRUE },
  { "birth_place", N_("Birth Place"), HAB_FIELD_TEXT, GTK_INPUT_PURPOSE_FREE_FORM, TRUE },
};

#define N_CARD_ROWS G_N_ELEMENTS (card_rows)

typedef struct
{
  GtkWidget *expander;
  GtkWidget *status_icon;
  GtkWidget *status_label;
  GtkWidget *given_name_row;
  GtkWidget *remove_row;

  /* Where the card lives, and the address book */
  GtkWidget *source_row;
  GtkWidget *source_icon;
  GtkWidget *move_button;
  GtkWidget *choose_row;
  HabField  *fields[N_CARD_ROWS];   /* NULL for a row the role does not have */
  HabDossier *draft;                /* the keyring card, as this role's */
  gboolean   book;                  /* the rows edit the draft */
  gboolean   syncing;               /* the draft is being refreshed */
  char      *created_id;            /* a card begun on these rows */
  char      *draft_id;              /* the contact_id the draft shows */

  /* The findings about the role itself, under the expander row; owned
   * while inserted, as HabField does for its rows. */
  GtkWidget *message_row;
  char      *message_text;   /* what message_row shows */
} RoleRows;

struct _HabPageActeurs
{
  HabPage              parent_instance;

  AdwPreferencesGroup *problems_group;
  GtkWidget           *name_row;
  GtkWidget           *siret_row;
  GtkWidget           *kind_row;
  GtkWidget           *address_row;
  GtkWidget           *rgs_row;
  GtkWidget           *rgs_switch;
  AdwPreferencesGroup *roles_group;
  GtkWidget           *extra_technical_email_row;
  GtkWidget           *extra_contact_name_row;
  GtkWidget           *extra_contact_email_row;

  RoleRows             roles[N_ROLES];
  GSignalGroup        *dossier_signals;
  HabContactStore     *store;

  /* hab_page_focus_field() on a row of a collapsed role */
  GtkWidget           *focus_target;
  guint                focus_tick_id;
  guint                focus_frames;
  int                  focus_last_height;
};

G_DEFINE_FINAL_TYPE (HabPageActeurs, hab_page_acteurs, HAB_TYPE_PAGE)

/* Whether @path is @prefix or a member inside it. */
static gboolean
path_within (const char *path,
             const char *prefix)
{
  gsize len = strlen (prefix);

  return path != NULL && strncmp (path, prefix, len) == 0
         && (path[len] == '\0' || path[len] == '.');
}

/* The role a finding or an edit is about, or -1. */
static int
role_of_path (const char *path)
{
  for (guint r = 0; r < N_ROLES; r++)
    {
      g_autofree char *prefix = g_strconcat ("actors.", roles[r].key, NULL);

      if (path_within (path, prefix))
        return r;
    }

  return -1;
}

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

/* Whether the role has somebody: a card in the file or a contact_id. */
static gboolean
role_assigned (HabDossier *dossier,
               const char *role)
{
  g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", role);
  g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", role);

  return hab_dossier_get_object (dossier, card_path) != NULL
         || !str_blank (hab_dossier_get_string (dossier, id_path));
}

static gboolean
editor_mode (HabDossier *dossier)
{
  return g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0;
}

/* Keeping each role's summary in step with its card */

static gboolean
card_is_blank (JsonObject *card)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  json_object_iter_init (&iter, card);
  while (json_object_iter_next (&iter, &member, &node))
    {
      if (JSON_NODE_HOLDS_NULL (node))
        continue;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && str_blank (json_node_get_string (node)))
        continue;

      return FALSE;
    }

  return TRUE;
}

/* The card was emptied: the role has nobody again (and the validator says
 * "name the …" rather than "enter the given name" five times). Other
 * members of the actor are kept. */
static void
forget_person (HabDossier *dossier,
               const char *role)
{
  g_autofree char *actor_path = g_strconcat ("actors.", role, NULL);
  JsonObject *actor = hab_dossier_get_object (dossier, actor_path);
  g_autoptr(JsonObject) copy = json_object_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  if (actor == NULL)
    return;

  json_object_iter_init (&iter, actor);
  while (json_object_iter_next (&iter, &member, &node))
    if (!g_str_equal (member, "contact") && !g_str_equal (member, "contact_id")
        && !g_str_equal (member, "display_name"))
      json_object_set_member (copy, member, json_node_copy (node));

  hab_dossier_set_node (dossier, actor_path, json_node_init_object (json_node_alloc (), copy));
}

/* Keeps actors.<role>.display_name equal to the card's name, and gives the
 * role a contact_id once a field of its card is filled. */
static void
update_actor (HabDossier *dossier,
              const char *role)
{
  g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", role);
  g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", role);
  g_autofree char *name_path = g_strdup_printf ("actors.%s.display_name", role);
  g_autoptr(HabContact) contact = NULL;
  g_autofree char *display_name = NULL;
  JsonObject *card;

  card = hab_dossier_get_object (dossier, card_path);
  if (card == NULL)
    return;

  if (card_is_blank (card))
    {
      forget_person (dossier, role);
      return;
    }

  if (str_blank (hab_dossier_get_string (dossier, id_path)))
    {
      g_autofree char *contact_id = g_uuid_string_random ();

      hab_dossier_set_string (dossier, id_path, contact_id);
    }

  contact = hab_dossier_dup_inline_contact (dossier, role);
  display_name = contact ? hab_contact_dup_display_name (contact) : NULL;
  hab_dossier_set_string (dossier, name_path, display_name ? display_name : "");
}

/* Done on the dossier's ::changed rather than in dossier_changed, which runs
 * inside hab_page_update(): an edit there would make the window validate
 * again and free the findings that hab_page_update() is about to show. The
 * window's handler runs first (it connects before the pages get the
 * dossier); these edits then emit ::changed of their own. */
static void
dossier_edited_cb (HabPageActeurs *self,
                   const char     *path,
                   HabDossier     *dossier)
{
  int r = role_of_path (path);
  g_autofree char *card_path = NULL;

  if (r < 0)
    return;

  card_path = g_strdup_printf ("actors.%s.contact", roles[r].key);
  if (path_within (path, card_path))
    update_actor (dossier, roles[r].key);
}

/* Removing a person from a role, with an Undo */

typedef struct
{
  GWeakRef  dossier;
  char     *role;
  JsonNode *actor;     /* as it was, deep-copied */
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_weak_ref_clear (&undo->dossier);
  g_free (undo->role);
  g_clear_pointer (&undo->actor, json_node_unref);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(HabDossier) dossier = g_weak_ref_get (&undo->dossier);
  g_autofree char *actor_path = g_strconcat ("actors.", undo->role, NULL);

  if (dossier != NULL && undo->actor != NULL)
    hab_dossier_set_node (dossier, actor_path, g_steal_pointer (&undo->actor));
}

static void
remove_person_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (widget);
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const char *role = g_variant_get_string (parameter, NULL);
  g_autofree char *actor_path = g_strconcat ("actors.", role, NULL);
  g_autofree char *name_path = g_strconcat (actor_path, ".display_name", NULL);
  g_autofree char *name = NULL;
  g_autofree char *actor_text = NULL;
  g_autoptr(AdwToast) toast = NULL;
  int r = role_of_path (actor_path);
  JsonNode *actor;
  Undo *undo;

  if (dossier == NULL || r < 0)
    return;

  actor = hab_dossier_lookup (dossier, actor_path);
  if (actor == NULL || !JSON_NODE_HOLDS_OBJECT (actor))
    return;

  name = g_strdup (hab_dossier_get_string (dossier, name_path));
  actor_text = json_to_string (actor, FALSE);

  forget_person (dossier, role);

  if (str_blank (name))
    toast = adw_toast_new (_("Removed the contact card"));
  else
    /* Translators: %s is a person's name */
    toast = adw_toast_new_format (_("Removed %s"), name);

  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->dossier, dossier);
  undo->role = g_strdup (role);
  undo->actor = json_from_string (actor_text, NULL);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo,
                         undo_free, 0);
  g_signal_emit_by_name (self, "add-toast", toast);

  /* The row that had the focus is hidden now: on to the new person. */
  if (gtk_widget_get_visible (self->roles[r].expander))
    gtk_widget_grab_focus (self->roles[r].given_name_row);
}

/* The address book */

static const char *
actor_contact_id (HabDossier *dossier,
                  const char *role)
{
  g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", role);
  const char *contact_id = hab_dossier_get_string (dossier, id_path);

  return str_blank (contact_id) ? NULL : contact_id;
}

static gboolean
has_inline_card (HabDossier *dossier,
                 const char *role)
{
  g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", role);

  return hab_dossier_get_object (dossier, card_path) != NULL;
}

static gboolean
contact_blank (const HabContact *card)
{
  return card == NULL
         || (str_blank (card->given_name) && str_blank (card->family_name)
             && str_blank (card->email) && str_blank (card->phone)
             && str_blank (card->job_title) && str_blank (card->organisation)
             && str_blank (card->birth_date) && str_blank (card->birth_place));
}

static JsonNode *
empty_card_node (void)
{
  g_autoptr(JsonObject) object = json_object_new ();

  return json_node_init_object (json_node_alloc (), object);
}

static int
role_of_draft (HabPageActeurs *self,
               HabDossier     *draft)
{
  for (guint r = 0; r < N_ROLES; r++)
    if (self->roles[r].draft == draft)
      return r;

  return -1;
}

/* Whether the rows of the role edit its card in the address book rather
 * than in the file: no inline card, and a keyring card, or a keyring to
 * put a new one in. */
static gboolean
role_in_book (HabPageActeurs *self,
              HabDossier     *dossier,
              guint           r)
{
  const char *contact_id;

  if (has_inline_card (dossier, roles[r].key))
    return FALSE;

  contact_id = actor_contact_id (dossier, roles[r].key);
  if (contact_id != NULL && hab_contact_store_contains (self->store, contact_id))
    return TRUE;

  return hab_contact_store_get_state (self->store) == HAB_CONTACT_STORE_STATE_READY;
}

/* The draft shows the role's card from the address book, or a blank card
 * for a person not named yet. */
static void
refresh_draft (HabPageActeurs *self,
               HabDossier     *dossier,
               guint           r)
{
  RoleRows *rows = &self->roles[r];
  g_autofree char *card_path = g_strdup_printf ("actors.%s.contact", roles[r].key);
  const char *contact_id = actor_contact_id (dossier, roles[r].key);
  g_autoptr(HabContact) card = NULL;

  card = contact_id ? hab_contact_store_dup_card (self->store, contact_id) : NULL;

  rows->syncing = TRUE;
  if (card != NULL)
    {
      g_clear_pointer (&card->contact_id, g_free);
      hab_dossier_set_node (rows->draft, card_path, hab_contact_to_json (card));
    }
  else if (contact_id == NULL || g_strcmp0 (contact_id, rows->draft_id) != 0)
    {
      /* Nobody, or a card the address book does not have (yet): the rows
       * start blank, and what is typed there makes the card. */
      hab_dossier_set_node (rows->draft, card_path, empty_card_node ());
    }
  g_free (rows->draft_id);
  rows->draft_id = g_strdup (contact_id);
  rows->syncing = FALSE;
}

/* What the role's first rows say: where its card lives. */
static void
update_source (HabPageActeurs *self,
               HabDossier     *dossier,
               guint           r,
               gboolean        any_card)
{
  RoleRows *rows = &self->roles[r];
  HabContactStoreState state = hab_contact_store_get_state (self->store);
  gboolean ready = state == HAB_CONTACT_STORE_STATE_READY;
  const char *contact_id = actor_contact_id (dossier, roles[r].key);
  gboolean assigned = role_assigned (dossier, roles[r].key);
  const char *title = NULL;
  const char *subtitle = NULL;
  g_autofree char *unavailable = NULL;
  const char *icon = "x-office-address-book-symbolic";

  if (has_inline_card (dossier, roles[r].key))
    {
      title = _("Card Written in This File");
      subtitle = ready ? _("Move it to your address book, in your keyring, to keep the person’s "
                           "details out of the file.")
                       : _("It stays in the file while the address book is unavailable.");
      icon = "text-x-generic-symbolic";
    }
  else if (rows->book && contact_id != NULL && hab_contact_store_contains (self->store, contact_id))
    {
      title = _("In Your Address Book");
      subtitle = ready ? _("Kept in your keyring, not in the file: a change here applies to every "
                           "dossier that names this person.")
                       : _("Kept in memory until the keyring answers, then written there; never "
                           "in the file.");
    }
  else if (rows->book)
    {
      title = _("New Contact");
      subtitle = _("Type the person’s details: the card goes to your address book, in your "
                   "keyring, not in the file. Or choose someone already there.");
    }
  else if (state == HAB_CONTACT_STORE_STATE_UNAVAILABLE)
    {
      const GError *error = hab_contact_store_get_error (self->store);

      title = _("Address Book Unavailable");
      /* Translators: %s says why the keyring cannot be used */
      unavailable = g_strdup_printf (_("%s The card you type here is written in the dossier’s "
                                       "file."),
                                     error ? error->message : _("No keyring answers."));
      subtitle = unavailable;
      icon = "dialog-warning-symbolic";
    }

  gtk_widget_set_visible (rows->source_row, title != NULL);
  if (title != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->source_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (rows->source_row), subtitle);
      gtk_image_set_from_icon_name (GTK_IMAGE (rows->source_icon), icon);
    }
  gtk_widget_set_visible (rows->move_button, ready && has_inline_card (dossier, roles[r].key));

  gtk_widget_set_visible (rows->choose_row, ready || any_card);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->choose_row),
                                 assigned ? _("Choose Another Person…")
                                          : _("Choose from the Address Book…"));
}

/* Points each role's rows at its card: the file's, or the draft of the
 * address book's. */
static void
update_roles (HabPageActeurs *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  gboolean any_card = hab_contact_store_get_n_cards (self->store) > 0;

  if (dossier == NULL)
    return;

  for (guint r = 0; r < N_ROLES; r++)
    {
      RoleRows *rows = &self->roles[r];

      rows->book = role_in_book (self, dossier, r);
      if (rows->book)
        refresh_draft (self, dossier, r);

      for (guint i = 0; i < N_CARD_ROWS; i++)
        if (rows->fields[i] != NULL)
          hab_field_set_dossier (rows->fields[i], rows->book ? rows->draft : dossier);

      update_source (self, dossier, r, any_card);
    }
}

/* An edit of a card in the address book, on a role's rows. */
static void
draft_changed_cb (HabPageActeurs *self,
                  const char     *path,
                  HabDossier     *draft)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  int r = role_of_draft (self, draft);
  g_autoptr(HabContact) card = NULL;
  g_autofree char *contact_id = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *id_path = NULL;
  g_autofree char *name_path = NULL;
  RoleRows *rows;

  if (r < 0 || dossier == NULL)
    return;

  rows = &self->roles[r];
  if (rows->syncing || !rows->book)
    return;

  card = hab_dossier_dup_inline_contact (draft, roles[r].key);
  contact_id = g_strdup (actor_contact_id (dossier, roles[r].key));

  if (contact_blank (card))
    {
      /* Emptied: the role has nobody again. A card begun here a moment
       * ago goes from the address book too. */
      if (contact_id != NULL)
        {
          if (g_strcmp0 (contact_id, rows->created_id) == 0)
            hab_contact_store_delete_async (self->store, contact_id, NULL, NULL, NULL);
          forget_person (dossier, roles[r].key);
        }
      return;
    }

  if (contact_id == NULL)
    {
      contact_id = g_uuid_string_random ();
      g_free (rows->created_id);
      rows->created_id = g_strdup (contact_id);
    }
  g_free (rows->draft_id);
  rows->draft_id = g_strdup (contact_id);

  g_free (card->contact_id);
  card->contact_id = g_strdup (contact_id);

  /* The file names the person first, then the card goes to the address
   * book (which the validator reads at once). */
  id_path = g_strdup_printf ("actors.%s.contact_id", roles[r].key);
  name_path = g_strdup_printf ("actors.%s.display_name", roles[r].key);
  display_name = hab_contact_dup_display_name (card);
  if (g_strcmp0 (hab_dossier_get_string (dossier, id_path), contact_id) != 0)
    hab_dossier_set_string (dossier, id_path, contact_id);
  if (g_strcmp0 (hab_dossier_get_string (dossier, name_path), display_name ? display_name : "") != 0)
    hab_dossier_set_string (dossier, name_path, display_name ? display_name : "");

  hab_contact_store_put (self->store, card, roles[r].key);
}

/* The address book changed (here, in another window, or as the keyring
 * answered): the names in the file follow the cards. */
static void
store_changed_cb (HabPageActeurs *self)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));

  if (dossier == NULL)
    return;

  for (guint r = 0; r < N_ROLES; r++)
    {
      const char *contact_id = actor_contact_id (dossier, roles[r].key);
      g_autoptr(HabContact) card = NULL;
      g_autofree char *display_name = NULL;
      g_autofree char *name_path = NULL;

      if (contact_id == NULL || has_inline_card (dossier, roles[r].key))
        continue;

      card = hab_contact_store_dup_card (self->store, contact_id);
      display_name = card ? hab_contact_dup_display_name (card) : NULL;
      name_path = g_strdup_printf ("actors.%s.display_name", roles[r].key);
      if (display_name != NULL
          && g_strcmp0 (hab_dossier_get_string (dossier, name_path), display_name) != 0)
        hab_dossier_set_string (dossier, name_path, display_name);
    }

  update_roles (self);
  hab_page_sync_fields (HAB_PAGE (self));
}

/* A card chosen from the address book for a role (with an Undo). */
static void
assign_contact (HabPageActeurs *self,
                const char     *role,
                const char     *contact_id)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autofree char *actor_path = g_strconcat ("actors.", role, NULL);
  g_autoptr(HabContact) card = hab_contact_store_dup_card (self->store, contact_id);
  g_autoptr(JsonObject) actor = json_object_new ();
  g_autofree char *previous = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(AdwToast) toast = NULL;
  JsonNode *current;
  int r = role_of_path (actor_path);
  Undo *undo;

  if (dossier == NULL || card == NULL || r < 0)
    return;

  current = hab_dossier_lookup (dossier, actor_path);
  previous = current ? json_to_string (current, FALSE) : g_strdup ("{}");
  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current))
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, json_node_get_object (current));
      while (json_object_iter_next (&iter, &member, &node))
        if (!g_str_equal (member, "contact") && !g_str_equal (member, "contact_id")
            && !g_str_equal (member, "display_name"))
          {
            g_autofree char *text = json_to_string (node, FALSE);

            json_object_set_member (actor, member, json_from_string (text, NULL));
          }
    }

  display_name = hab_contact_dup_display_name (card);
  json_object_set_string_member (actor, "contact_id", contact_id);
  json_object_set_string_member (actor, "display_name", display_name ? display_name : "");
  hab_dossier_set_node (dossier, actor_path, json_node_init_object (json_node_alloc (), actor));

  /* The role, as a hint in the address book. */
  hab_contact_store_put (self->store, card, role);

  /* Translators: a person's name, then a role */
  toast = adw_toast_new_format (_("%s named as %s"), display_name ? display_name : "",
                                _(roles[r].title));
  undo = g_new0 (Undo, 1);
  g_weak_ref_init (&undo->dossier, dossier);
  undo->role = g_strdup (role);
  undo->actor = json_from_string (previous, NULL);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo,
                         undo_free, 0);
  g_signal_emit_by_name (self, "add-toast", toast);
}

static void
contact_chosen_cb (HabContactsWindow *window,
                   const char        *contact_id,
                   HabPageActeurs    *self)
{
  const char *role = hab_contacts_window_get_role (window);

  if (role != NULL && contact_id != NULL)
    assign_contact (self, role, contact_id);
}

static void
choose_person_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (widget);
  const char *role = g_variant_get_string (parameter, NULL);
  g_autofree char *actor_path = g_strconcat ("actors.", role, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  HabContactsWindow *window;
  int r = role_of_path (actor_path);

  if (r < 0)
    return;

  window = hab_contacts_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store);
  hab_contacts_window_set_role (window, role, _(roles[r].title));
  g_signal_connect_object (window, "contact-chosen", G_CALLBACK (contact_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (window));
}

/* Moving a role's inline card into the address book */

typedef struct
{
  GWeakRef    page;
  GWeakRef    dossier;
  char       *role;
  HabDossier *single;   /* the role's actor alone, as imported */
} Move;

static void
move_free (Move *move)
{
  g_weak_ref_clear (&move->page);
  g_weak_ref_clear (&move->dossier);
  g_free (move->role);
  g_clear_object (&move->single);
  g_free (move);
}

static void
move_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Move *move = user_data;
  g_autoptr(HabPageActeurs) self = g_weak_ref_get (&move->page);
  g_autoptr(HabDossier) dossier = g_weak_ref_get (&move->dossier);
  g_autoptr(GError) error = NULL;
  g_autofree char *id_path = g_strdup_printf ("actors.%s.contact_id", move->role);
  const char *contact_id;

  if (!hab_contact_store_import_finish (HAB_CONTACT_STORE (source), result, NULL, &error))
    {
      if (self != NULL)
        {
          /* Translators: %s says why */
          g_autofree char *message = g_strdup_printf (_("The card stays in the file: %s"),
                                                      error->message);

          hab_page_add_toast (HAB_PAGE (self), message);
        }
      move_free (move);
      return;
    }

  if (self != NULL && dossier != NULL && dossier == hab_page_get_dossier (HAB_PAGE (self)))
    {
      /* A contact_id that was another person's got a new one. */
      contact_id = hab_dossier_get_string (move->single, id_path);
      if (contact_id != NULL && g_strcmp0 (actor_contact_id (dossier, move->role), contact_id) != 0)
        {
          g_autofree char *card_id_path = g_strdup_printf ("actors.%s.contact.contact_id", move->role);

          hab_dossier_set_string (dossier, id_path, contact_id);
          if (hab_dossier_lookup (dossier, card_id_path) != NULL)
            hab_dossier_set_string (dossier, card_id_path, contact_id);
        }

      if (hab_contact_store_strip_cards (HAB_CONTACT_STORE (source), dossier) > 0)
        hab_page_add_toast (HAB_PAGE (self), _("The card is in your address book now"));
      else
        hab_page_add_toast (HAB_PAGE (self), _("The card was edited meanwhile: it stays in the file"));
    }

  move_free (move);
}

static void
move_card_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (widget);
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  const char *role = g_variant_get_string (parameter, NULL);
  g_autofree char *actor_path = g_strconcat ("actors.", role, NULL);
  g_autofree char *actor_text = NULL;
  JsonNode *actor;
  Move *move;

  if (dossier == NULL || role_of_path (actor_path) < 0)
    return;

  actor = hab_dossier_lookup (dossier, actor_path);
  if (actor == NULL || !JSON_NODE_HOLDS_OBJECT (actor))
    return;

  move = g_new0 (Move, 1);
  g_weak_ref_init (&move->page, self);
  g_weak_ref_init (&move->dossier, dossier);
  move->role = g_strdup (role);
  move->single = hab_dossier_new ();
  actor_text = json_to_string (actor, FALSE);
  hab_dossier_set_node (move->single, actor_path, json_from_string (actor_text, NULL));

  hab_contact_store_import_async (self->store, move->single, NULL, move_done_cb, move);
}

/* Findings about a role */

static void
clear_role_message (RoleRows *rows)
{
  GtkWidget *parent;

  if (rows->message_row == NULL)
    return;

  parent = gtk_widget_get_parent (rows->message_row);
  if (GTK_IS_LIST_BOX (parent))
    gtk_list_box_remove (GTK_LIST_BOX (parent), rows->message_row);

  g_clear_object (&rows->message_row);
  g_clear_pointer (&rows->message_text, g_free);
}

/* The findings about the role itself (unassigned, card unresolved, the
 * responsable de traitement being the DPO…), under its expander row. */
static void
show_role_messages (RoleRows  *rows,
                    GPtrArray *findings)
{
  g_autofree char *text = NULL;
  GtkWidget *parent = gtk_widget_get_parent (rows->expander);

  if (findings->len == 0)
    {
      clear_role_message (rows);
      return;
    }

  text = hab_findings_join_messages (findings);
  if (rows->message_row != NULL && g_strcmp0 (text, rows->message_text) == 0)
    return;

  clear_role_message (rows);
  if (!GTK_IS_LIST_BOX (parent))
    return;

  rows->message_row = g_object_ref_sink (hab_message_row_new (findings));
  rows->message_text = g_steal_pointer (&text);
  gtk_list_box_insert (GTK_LIST_BOX (parent), rows->message_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (rows->expander)) + 1);
}

/* The state of the role in words and icon on the expander row itself, so
 * that a collapsed role still says "1 error". */
static void
show_role_status (RoleRows   *rows,
                  gboolean    used,
                  guint       n_errors,
                  guint       n_warnings,
                  GPtrArray  *messages)
{
  g_autofree char *status = NULL;
  g_autoptr(GString) description = NULL;
  const char *icon;
  const char *css;

  if (n_errors > 0 && n_warnings > 0)
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error",
                                                              "%u errors", n_errors), n_errors);
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                                "%u warnings", n_warnings),
                                                   n_warnings);

      /* Translators: a role's state, e.g. "1 error, 2 warnings" */
      status = g_strdup_printf (_("%s, %s"), errors, warnings);
    }
  else if (n_errors > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                              n_errors);
  else if (n_warnings > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                           n_warnings), n_warnings);
  else if (!used)
    /* Translators: the state of the editor's contact in in-house mode */
    status = g_strdup (_("Not used"));
  else
    status = g_strdup (_("Complete"));

  icon = n_errors > 0 ? "dialog-error-symbolic"
         : n_warnings > 0 ? "dialog-warning-symbolic"
         : !used ? "dialog-information-symbolic"
         : "emblem-ok-symbolic";
  css = n_errors > 0 ? "error" : n_warnings > 0 ? "warning" : !used ? "dim-label" : "success";

  gtk_label_set_label (GTK_LABEL (rows->status_label), status);
  gtk_image_set_from_icon_name (GTK_IMAGE (rows->status_icon), icon);
  gtk_widget_remove_css_class (rows->status_icon, "error");
  gtk_widget_remove_css_class (rows->status_icon, "warning");
  gtk_widget_remove_css_class (rows->status_icon, "success");
  gtk_widget_remove_css_class (rows->status_icon, "dim-label");
  gtk_widget_add_css_class (rows->status_icon, css);

  description = g_string_new (status);
  for (guint i = 0; messages != NULL && i < messages->len; i++)
    {
      const HabFinding *finding = g_ptr_array_index (messages, i);

      g_string_append_c (description, '\n');
      g_string_append (description, finding->message);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->expander),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (rows->expander),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               n_errors > 0 ? GTK_ACCESSIBLE_INVALID_TRUE
                                            : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Whether a shown field of the page takes this finding. */
static gboolean
claimed_by_field (HabPage    *page,
                  const char *finding_field)
{
  GPtrArray *fields = hab_page_get_fields (page);

  for (guint i = 0; i < fields->len; i++)
    {
      HabField *field = g_ptr_array_index (fields, i);
      GtkWidget *row = hab_field_get_row (field);

      if (row != NULL && gtk_widget_get_visible (row) && hab_field_matches (field, finding_field))
        return TRUE;
    }

  return FALSE;
}

static void
hab_page_acteurs_show_findings (HabPage   *page,
                                GPtrArray *findings)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (page);
  gboolean editor = editor_mode (hab_page_get_dossier (page));
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GPtrArray *messages[N_ROLES];
  guint n_errors[N_ROLES] = { 0 };
  guint n_warnings[N_ROLES] = { 0 };

  for (guint r = 0; r < N_ROLES; r++)
    messages[r] = g_ptr_array_new ();

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      HabFinding *finding = g_ptr_array_index (findings, i);
      int r = role_of_path (finding->field);

      if (r < 0 || !gtk_widget_get_visible (self->roles[r].expander))
        {
          g_ptr_array_add (others, finding);
          continue;
        }

      if (finding->rule->severity == HAB_SEVERITY_ERROR)
        n_errors[r]++;
      else if (finding->rule->severity == HAB_SEVERITY_WARNING)
        n_warnings[r]++;

      if (claimed_by_field (page, finding->field))
        g_ptr_array_add (others, finding);
      else
        g_ptr_array_add (messages[r], finding);
    }

  /* The fields (the rows inside the expanders too) and the problems group. */
  HAB_PAGE_CLASS (hab_page_acteurs_parent_class)->show_findings (page, others);

  for (guint r = 0; r < N_ROLES; r++)
    {
      show_role_messages (&self->roles[r], messages[r]);
      show_role_status (&self->roles[r], r != ROLE_EDITEUR || editor,
                        n_errors[r], n_warnings[r], messages[r]);
      g_ptr_array_unref (messages[r]);
    }
}

/* Focus on a row inside an expander row: the expander reveals its rows
 * over a few frames, and the view scrolls to the focused row as it is
 * then, so the focus moves once the expander has its full height. */

#define FOCUS_MAX_FRAMES 90

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (widget);
  GtkWidget *expander = NULL;
  int height = -1;

  if (self->focus_target != NULL)
    expander = gtk_widget_get_ancestor (self->focus_target, ADW_TYPE_EXPANDER_ROW);
  if (expander != NULL)
    height = gtk_widget_get_allocated_height (expander);

  if (self->focus_target != NULL && gtk_widget_get_mapped (self->focus_target)
      && height == self->focus_last_height)
    {
      gtk_widget_grab_focus (self->focus_target);
    }
  else if (self->focus_target != NULL && self->focus_frames > 0)
    {
      self->focus_frames--;
      self->focus_last_height = height;
      return G_SOURCE_CONTINUE;
    }

  g_clear_weak_pointer (&self->focus_target);
  self->focus_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
focus_when_shown (HabPageActeurs *self,
                  GtkWidget      *target)
{
  g_set_weak_pointer (&self->focus_target, target);
  self->focus_frames = FOCUS_MAX_FRAMES;
  self->focus_last_height = -1;
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb,
                                                        NULL, NULL);
}

static gboolean
hab_page_acteurs_focus_field (HabPage    *page,
                              const char *field)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (page);
  GPtrArray *fields = hab_page_get_fields (page);
  g_autofree char *card_prefix = NULL;
  g_autofree char *member_path = NULL;
  GtkWidget *target = NULL;
  gsize best_len = 0;
  int r;

  r = role_of_path (field);
  if (r < 0 || !gtk_widget_get_visible (self->roles[r].expander))
    return HAB_PAGE_CLASS (hab_page_acteurs_parent_class)->focus_field (page, field);

  /* A member of the card itself ("actors.<role>.contact.email", of the
   * wrong type in the file) is edited by the row of that member. */
  card_prefix = g_strdup_printf ("actors.%s.contact.", roles[r].key);
  if (g_str_has_prefix (field, card_prefix))
    member_path = g_strdup_printf ("actors.%s.%s", roles[r].key, field + strlen (card_prefix));

  for (guint i = 0; i < fields->len; i++)
    {
      HabField *candidate = g_ptr_array_index (fields, i);
      gsize len = strlen (hab_field_get_finding_path (candidate));

      if (len > best_len && hab_field_get_widget (candidate) != NULL
          && (hab_field_matches (candidate, field)
              || (member_path != NULL && hab_field_matches (candidate, member_path))))
        {
          target = hab_field_get_widget (candidate);
          best_len = len;
        }
    }

  /* The role itself: its first field. */
  if (target == NULL)
    target = self->roles[r].given_name_row;

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self->roles[r].expander))
      && gtk_widget_get_mapped (target) && gtk_widget_grab_focus (target))
    return TRUE;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->roles[r].expander), TRUE);
  focus_when_shown (self, target);

  return TRUE;
}

static void
hab_page_acteurs_dossier_changed (HabPage    *page,
                                  const char *path)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (page);
  HabDossier *dossier = hab_page_get_dossier (page);

  update_roles (self);

  for (guint r = 0; r < N_ROLES; r++)
    {
      g_autofree char *name_path = g_strdup_printf ("actors.%s.display_name", roles[r].key);
      const char *display_name = hab_dossier_get_string (dossier, name_path);
      gboolean assigned = role_assigned (dossier, roles[r].key);

      /* The editor's contact is asked for only when an editor develops the
       * software (DESIGN §2); one left from the editor mode stays shown,
       * with the validator's note, so that it can be removed. */
      if (r == ROLE_EDITEUR)
        gtk_widget_set_visible (self->roles[r].expander, editor_mode (dossier) || assigned);

      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->roles[r].expander),
                                     str_blank (display_name) ? _("Not named yet") : display_name);
      gtk_widget_set_visible (self->roles[r].remove_row, assigned);
    }
}

/* Building the roles */

static GtkWidget *
explanation_row_new (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Focusable, as hab_message_row_new() says why: Tab into the card goes
   * to this first row, and would skip the whole card were it not. */
  gtk_widget_set_focusable (row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  return row;
}

static void
add_role (HabPageActeurs *self,
          Role            r)
{
  HabPage *page = HAB_PAGE (self);
  RoleRows *rows = &self->roles[r];
  GtkWidget *status_box;

  rows->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander), _(roles[r].title));
  hab_a11y_name_buttons (rows->expander);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (rows->expander), _("Not named yet"));

  status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (status_box, GTK_ALIGN_CENTER);
  rows->status_icon = gtk_image_new ();
  gtk_accessible_update_state (GTK_ACCESSIBLE (rows->status_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  rows->status_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (rows->status_label, "dim-label");
  gtk_box_append (GTK_BOX (status_box), rows->status_icon);
  gtk_box_append (GTK_BOX (status_box), rows->status_label);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (rows->expander), status_box);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->expander),
                            explanation_row_new (_(roles[r].explanation)));

  /* Where the card lives; moving a file's card to the address book. */
  rows->source_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows->source_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (rows->source_row), 0);
  rows->source_icon = gtk_image_new_from_icon_name ("x-office-address-book-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (rows->source_icon),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (rows->source_row), rows->source_icon);
  rows->move_button = gtk_button_new_with_mnemonic (_("_Move to Address Book"));
  gtk_widget_set_valign (rows->move_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (rows->move_button), "acteurs.move-card");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (rows->move_button), "s", roles[r].key);
  gtk_widget_set_visible (rows->move_button, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (rows->source_row), rows->move_button);
  gtk_widget_set_visible (rows->source_row, FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->expander), rows->source_row);

  rows->choose_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->choose_row),
                                 _("Choose from the Address Book…"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (rows->choose_row),
                             gtk_image_new_from_icon_name ("system-search-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (rows->choose_row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (rows->choose_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (rows->choose_row), "acteurs.choose-person");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (rows->choose_row), "s", roles[r].key);
  gtk_widget_set_visible (rows->choose_row, FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->expander), rows->choose_row);

  rows->draft = hab_dossier_new ();
  g_signal_connect_object (rows->draft, "changed", G_CALLBACK (draft_changed_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (card_rows); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *finding_path = NULL;
      GtkWidget *row;
      HabField *field;

      if (card_rows[i].birth && !roles[r].birth)
        continue;

      row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _(card_rows[i].title ? card_rows[i].title
                                                          : roles[r].email_title));
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), card_rows[i].purpose);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->expander), row);

      if (i == 0)
        rows->given_name_row = row;

      path = g_strdup_printf ("actors.%s.contact.%s", roles[r].key, card_rows[i].member);
      finding_path = g_strdup_printf ("actors.%s.%s", roles[r].key, card_rows[i].member);
      field = hab_page_bind (page, card_rows[i].kind, row, path);
      hab_field_set_finding_path (field, finding_path);
      rows->fields[i] = field;
    }

  rows->remove_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->remove_row), _("Remove This Person"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (rows->remove_row),
                             gtk_image_new_from_icon_name ("user-trash-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (rows->remove_row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (rows->remove_row), "acteurs.remove-person");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (rows->remove_row), "s", roles[r].key);
  gtk_widget_set_visible (rows->remove_row, FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (rows->expander), rows->remove_row);

  adw_preferences_group_add (self->roles_group, rows->expander);
}

static void
hab_page_acteurs_dispose (GObject *object)
{
  HabPageActeurs *self = HAB_PAGE_ACTEURS (object);

  for (guint r = 0; r < N_ROLES; r++)
    {
      clear_role_message (&self->roles[r]);
      if (self->roles[r].draft != NULL)
        g_signal_handlers_disconnect_by_data (self->roles[r].draft, self);
      g_clear_object (&self->roles[r].draft);
      g_clear_pointer (&self->roles[r].created_id, g_free);
      g_clear_pointer (&self->roles[r].draft_id, g_free);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->dossier_signals);
  if (self->focus_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
  self->focus_tick_id = 0;
  g_clear_weak_pointer (&self->focus_target);

  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_ACTEURS);

  G_OBJECT_CLASS (hab_page_acteurs_parent_class)->dispose (object);
}

static void
hab_page_acteurs_class_init (HabPageActeursClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_acteurs_dispose;
  page_class->dossier_changed = hab_page_acteurs_dossier_changed;
  page_class->show_findings = hab_page_acteurs_show_findings;
  page_class->focus_field = hab_page_acteurs_focus_field;

  gtk_widget_class_install_action (widget_class, "acteurs.remove-person", "s", remove_person_cb);
  gtk_widget_class_install_action (widget_class, "acteurs.choose-person", "s", choose_person_cb);
  gtk_widget_class_install_action (widget_class, "acteurs.move-card", "s", move_card_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-acteurs.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, name_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, siret_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, kind_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, address_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, rgs_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, rgs_switch);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, roles_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, extra_technical_email_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, extra_contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageActeurs, extra_contact_email_row);
}

static void
hab_page_acteurs_init (HabPageActeurs *self)
{
  HabPage *page = HAB_PAGE (self);
  HabField *field;
  static const char *const kind_keys[] = {
    "", "commune", "epci", "departement", "region", "ccas", "syndicat",
    "etablissement_public", "other", NULL
  };
  const char *kind_labels[] = {
    _("Not Given"),
    _("Commune"),
    _("EPCI"),
    _("Département"),
    _("Région"),
    _("CCAS or CIAS"),
    _("Syndicat"),
    _("Établissement public"),
    _("Other"),
    NULL
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  /* The application's address book, shared by its windows. */
  self->store = g_object_ref (hab_contact_store_get_default ());
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::state", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  hab_page_bind (page, HAB_FIELD_TEXT, self->name_row, "organisation.name");
  hab_page_bind (page, HAB_FIELD_TEXT, self->siret_row, "organisation.siret");
  hab_page_bind_choice (page, self->kind_row, "organisation.kind", kind_keys, kind_labels);
  hab_page_bind (page, HAB_FIELD_TEXT, self->address_row, "organisation.address");
  field = hab_page_bind (page, HAB_FIELD_BOOLEAN, self->rgs_switch, "organisation.subject_to_rgs");
  hab_field_set_row (field, self->rgs_row);

  for (Role r = 0; r < N_ROLES; r++)
    add_role (self, r);

  hab_page_bind (page, HAB_FIELD_TEXT, self->extra_technical_email_row,
                 "extra_contacts.contact_technique_extra_email");
  hab_page_bind (page, HAB_FIELD_TEXT, self->extra_contact_name_row,
                 "extra_contacts.extra_organization_contact_name");
  hab_page_bind (page, HAB_FIELD_TEXT, self->extra_contact_email_row,
                 "extra_contacts.extra_organization_contact_email");

  self->dossier_signals = g_signal_group_new (HAB_TYPE_DOSSIER);
  g_signal_group_connect_object (self->dossier_signals, "changed",
                                 G_CALLBACK (dossier_edited_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self, "dossier", self->dossier_signals, "target",
                          G_BINDING_SYNC_CREATE);
}
