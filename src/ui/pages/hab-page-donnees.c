/* hab-page-donnees.c: the Données step (DESIGN §2.5).
 *
 * The data items ("scopes") of the chosen API, grouped as DataPass groups
 * them, each with its purpose; the specific needs expression; recipients,
 * retention and access. With SFiP R2P there are no data items: the access
 * modalities define the data returned, and the page lists them.
 *
 * The page is synced on every keystroke, so the item rows are built only
 * when the API changes, and their purposes (data.scopes.<index>.purpose)
 * are re-bound only when the list of selected items changes.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-page-donnees"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hab-attachment-row.h"
#include "hab-json.h"
#include "hab-i18n.h"
#include "hab-page-donnees.h"
#include "hab-text-row.h"

/* DataPass: "Cette durée excède la durée communément constatée (36 mois)". */
#define RETENTION_USUAL_MONTHS 36

/* Group titles do not wrap: a longer catalogue group label is split at its
 * " - " into the group's title and description. */
#define GROUP_TITLE_MAX_CHARS 40

/* One entry of data.scopes. */
typedef struct
{
  const char *key;    /* "" when the entry has no key */
  gint        index;
} ScopeEntry;

/* One data item: its row with a check, and its purpose below it once
 * ticked. */
typedef struct
{
  HabPageDonnees *page;
  char           *key;           /* "" for an entry without a key */
  const HabScope *scope;         /* NULL: not a data item of the API */
  gint            index;         /* first position in data.scopes, or -1 */
  GtkWidget      *row;
  GtkWidget      *check;
  GtkWidget      *purpose_row;   /* NULL until the item is first ticked */
  HabField       *item_field;    /* findings on data.scopes.<index>; the page owns it */
  HabField       *purpose_field; /* data.scopes.<index>.purpose; the page owns it */
} ScopeItem;

struct _HabPageDonnees
{
  HabPage              parent_instance;

  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *items_group;
  GtkWidget           *summary_row;
  GtkWidget           *item_groups_box;
  AdwPreferencesGroup *unknown_group;
  GtkWidget           *specific_group;
  GtkWidget           *specific_row;
  GtkWidget           *specific_switch;
  GtkWidget           *specific_document_row;
  GtkWidget           *recipients_row;
  GtkWidget           *retention_row;
  GtkWidget           *retention_justification_row;
  GtkWidget           *access_row;

  GtkWidget           *findings_proxy;   /* see bind_findings_row () */
  GtkSizeGroup        *check_size_group;

  gboolean             built;
  char                *api_id;           /* the API the rows were built for */
  char                *scopes_signature;
  char                *unknown_signature;
  char                *modalities_signature;
  GPtrArray           *items;            /* ScopeItem: the data items of the API */
  GPtrArray           *unknown_items;    /* ScopeItem: the other entries of the file */
  AdwPreferencesGroup *modalities_group; /* SFiP R2P, inside item_groups_box */
  GPtrArray           *modality_rows;    /* GtkWidget, inside modalities_group */
  GHashTable          *purposes;         /* key -> purpose of an item unticked here */
  gboolean             syncing;
};

G_DEFINE_FINAL_TYPE (HabPageDonnees, hab_page_donnees, HAB_TYPE_PAGE)

static void check_toggled_cb (GtkCheckButton *check,
                              ScopeItem      *item);

/* HabField edits through an editable widget. The rows that only show
 * findings (the summary of the selection and each data item, whose findings
 * are about data.scopes and data.scopes.<index>) share this one, which is
 * never shown nor edited: it holds no string, so syncing never changes it. */
static HabField *
bind_findings_row (HabPageDonnees *self,
                   const char     *path,
                   GtkWidget      *row)
{
  HabField *field = hab_page_bind (HAB_PAGE (self), HAB_FIELD_TEXT, self->findings_proxy, path);

  hab_field_set_row (field, row);
  return field;
}

static gboolean
unref_idle_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Removes @row now but finalizes it later: its check may be the one whose
 * "toggled" handler removed the item. */
static void
remove_row_later (AdwPreferencesGroup *group,
                  GtkWidget           *row)
{
  g_object_ref (row);
  adw_preferences_group_remove (group, row);
  g_idle_add (unref_idle_cb, row);
}

static char *
format_day (const char *iso)
{
  guint year, month, day;

  if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) != 3
      || !g_date_valid_dmy (day, month, year))
    return g_strdup (iso);

  return hab_format_long_date (year, month, day);
}

/* Data items */

static void
scope_item_unbind (HabPageDonnees *self,
                   ScopeItem      *item)
{
  if (item->item_field != NULL)
    hab_page_remove_field (HAB_PAGE (self), g_steal_pointer (&item->item_field));
  if (item->purpose_field != NULL)
    hab_page_remove_field (HAB_PAGE (self), g_steal_pointer (&item->purpose_field));
}

static void
scope_item_free (gpointer data)
{
  ScopeItem *item = data;

  if (item->check != NULL)
    g_signal_handlers_disconnect_by_data (item->check, item);
  g_free (item->key);
  g_free (item);
}

static ScopeItem *
scope_item_new (HabPageDonnees *self,
                const char     *key,
                const HabScope *scope,
                const char     *title,
                const char     *subtitle)
{
  ScopeItem *item = g_new0 (ScopeItem, 1);

  item->page = self;
  item->key = g_strdup (key);
  item->scope = scope;
  item->index = -1;

  /* Catalogue texts are plain text, not markup. */
  item->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (item->row), subtitle);

  item->check = gtk_check_button_new ();
  /* Named by the row's title, as the row's activatable widget: a label of
   * its own would make GTK 4.8 say it twice. */
  gtk_widget_set_valign (item->check, GTK_ALIGN_CENTER);
  gtk_size_group_add_widget (self->check_size_group, item->check);
  adw_action_row_add_prefix (ADW_ACTION_ROW (item->row), item->check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (item->row), item->check);
  g_signal_connect (item->check, "toggled", G_CALLBACK (check_toggled_cb), item);

  return item;
}

/* The purpose row, made the first time @item is ticked: an API offers
 * dozens of items and a dossier ticks a few, and an entry row is costly to
 * build and to style (the step's first visit took twice as long with one
 * per item). It goes right below the item's row, in the group's list. */
static GtkWidget *
scope_item_ensure_purpose_row (HabPageDonnees *self,
                               ScopeItem      *item)
{
  GtkWidget *list = gtk_widget_get_parent (item->row);
  GtkWidget *spacer;

  if (item->purpose_row != NULL)
    return item->purpose_row;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), NULL);

  item->purpose_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->purpose_row), _("Purpose of This Item"));
  /* Aligned with the item's title above it. */
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_size_group_add_widget (self->check_size_group, spacer);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (item->purpose_row), spacer);
  gtk_list_box_insert (GTK_LIST_BOX (list), item->purpose_row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (item->row)) + 1);

  return item->purpose_row;
}

/* Shows @item ticked or not (@index: its first position in data.scopes, or
 * -1) and binds its purpose and findings to that position. */
static void
scope_item_set_index (HabPageDonnees *self,
                      ScopeItem      *item,
                      gint            index)
{
  gboolean ticked = index >= 0;
  gboolean deprecated = item->scope != NULL && item->scope->deprecated_since != NULL;
  /* A deprecated item cannot be ticked, but an old dossier may untick it. */
  gboolean sensitive = ticked || !deprecated;

  if (item->index != index)
    {
      scope_item_unbind (self, item);
      item->index = index;

      if (ticked)
        {
          g_autofree char *path = g_strdup_printf ("data.scopes.%d", index);
          g_autofree char *purpose_path = g_strdup_printf ("data.scopes.%d.purpose", index);

          item->item_field = bind_findings_row (self, path, item->row);
          item->purpose_field = hab_page_bind (HAB_PAGE (self), HAB_FIELD_TEXT,
                                               scope_item_ensure_purpose_row (self, item),
                                               purpose_path);
        }
    }

  self->syncing = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (item->check), ticked);
  self->syncing = FALSE;

  if (item->purpose_row != NULL)
    gtk_widget_set_visible (item->purpose_row, ticked);
  gtk_widget_set_sensitive (item->check, sensitive);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (item->row), sensitive);
}

static ScopeItem *
find_item_at (HabPageDonnees *self,
              gint            index)
{
  GPtrArray *lists[] = { self->items, self->unknown_items };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        ScopeItem *item = g_ptr_array_index (lists[l], i);

        if (item->index == index)
          return item;
      }

  return NULL;
}

/* Removes the entry at @index, for an entry without a key that
 * hab_dossier_remove_scope () cannot name. */
static void
remove_entry_at (HabDossier *dossier,
                 gint        index)
{
  JsonArray *array = hab_dossier_get_array (dossier, "data.scopes");
  JsonArray *copy;
  JsonNode *node;
  guint n = array ? json_array_get_length (array) : 0;

  if (index < 0 || (guint) index >= n)
    return;

  copy = json_array_sized_new (n - 1);
  for (guint i = 0; i < n; i++)
    if (i != (guint) index)
      json_array_add_element (copy, json_node_copy (json_array_get_element (array, i)));

  node = json_node_init_array (json_node_alloc (), copy);
  json_array_unref (copy);
  hab_dossier_set_node (dossier, "data.scopes", node);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  ScopeItem      *item)
{
  HabPageDonnees *self = item->page;
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  g_autofree char *key = g_strdup (item->key);
  gint index = item->index;

  if (self->syncing || dossier == NULL)
    return;

  /* The dossier edit may rebuild the rows and free @item: it is not used
   * after it. */
  if (gtk_check_button_get_active (check))
    {
      if (!hab_dossier_has_scope (dossier, key))
        {
          const char *purpose = g_hash_table_lookup (self->purposes, key);

          /* Ticked again: the purpose typed before comes back. */
          hab_dossier_set_scope (dossier, key, purpose ? purpose : "");
        }
    }
  else if (index >= 0)
    {
      g_autofree char *path = g_strdup_printf ("data.scopes.%d.purpose", index);
      const char *purpose = hab_dossier_get_string (dossier, path);

      if (purpose != NULL && *purpose != '\0' && *key != '\0')
        g_hash_table_insert (self->purposes, g_strdup (key), g_strdup (purpose));

      if (*key != '\0')
        hab_dossier_remove_scope (dossier, key);
      else
        remove_entry_at (dossier, index);
    }
}

static gboolean
focus_item (ScopeItem *item)
{
  if (gtk_widget_is_sensitive (item->check))
    return gtk_widget_grab_focus (item->check);

  return gtk_widget_grab_focus (item->row);
}

/* The first selected item, else the first that can be ticked. */
static gboolean
focus_first_item (HabPageDonnees *self)
{
  GPtrArray *lists[] = { self->items, self->unknown_items };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        ScopeItem *item = g_ptr_array_index (lists[l], i);

        if (item->index >= 0)
          return focus_item (item);
      }

  for (guint i = 0; i < self->items->len; i++)
    {
      ScopeItem *item = g_ptr_array_index (self->items, i);

      if (gtk_widget_is_sensitive (item->check))
        return focus_item (item);
    }

  return gtk_widget_grab_focus (self->summary_row);
}

/* The entries of data.scopes that are objects: the others are reported by
 * the format checks. The keys point into the dossier. */
static GArray *
collect_entries (HabDossier *dossier)
{
  JsonArray *array = hab_dossier_get_array (dossier, "data.scopes");
  guint n = array ? json_array_get_length (array) : 0;
  GArray *entries = g_array_sized_new (FALSE, FALSE, sizeof (ScopeEntry), n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      ScopeEntry entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      entry.key = hab_json_object_get_string (json_node_get_object (element), "key");
      if (entry.key == NULL)
        entry.key = "";
      entry.index = (gint) i;
      g_array_append_val (entries, entry);
    }

  return entries;
}

static gint
first_index (GArray     *entries,
             const char *key)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const ScopeEntry *entry = &g_array_index (entries, ScopeEntry, i);

      if (strcmp (entry->key, key) == 0)
        return entry->index;
    }

  return -1;
}

static char *
entries_signature (GArray *entries)
{
  GString *signature = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const ScopeEntry *entry = &g_array_index (entries, ScopeEntry, i);

      g_string_append_printf (signature, "%d:%s\n", entry->index, entry->key);
    }

  return g_string_free (signature, FALSE);
}

/* A key of another API's catalogue (e.g. left by a change of API). */
static const HabScope *
lookup_scope_elsewhere (HabPageDonnees *self,
                        const char     *key)
{
  GPtrArray *apis = hab_catalogue_get_apis (hab_page_get_catalogue (HAB_PAGE (self)));

  for (guint i = 0; apis != NULL && i < apis->len; i++)
    {
      const HabScope *scope = hab_api_lookup_scope (g_ptr_array_index (apis, i), key);

      if (scope != NULL)
        return scope;
    }

  return NULL;
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
clear_unknown_items (HabPageDonnees *self)
{
  for (guint i = 0; i < self->unknown_items->len; i++)
    {
      ScopeItem *item = g_ptr_array_index (self->unknown_items, i);

      scope_item_unbind (self, item);
      remove_row_later (self->unknown_group, item->row);
      if (item->purpose_row != NULL)
        remove_row_later (self->unknown_group, item->purpose_row);
    }
  g_ptr_array_set_size (self->unknown_items, 0);
}

/* Lists the entries that are not data items of @api, so that they can be
 * unticked; rebuilt only when that list changes. */
static void
update_unknown_items (HabPageDonnees *self,
                      const HabApi   *api,
                      GArray         *entries)
{
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
  gboolean had_focus;

  for (guint i = 0; i < entries->len; i++)
    {
      const ScopeEntry *entry = &g_array_index (entries, ScopeEntry, i);

      if (api != NULL && api->has_scopes && hab_api_lookup_scope (api, entry->key) != NULL)
        continue;

      /* A key is listed once, at its first position; entries without a
       * key each on their own. */
      if (*entry->key != '\0' && first_index (entries, entry->key) != entry->index)
        continue;

      g_ptr_array_add (unknown, (gpointer) entry);
      g_string_append_printf (signature, "%d:%s\n", entry->index, entry->key);
    }

  if (g_strcmp0 (signature->str, self->unknown_signature) == 0)
    return;

  g_free (self->unknown_signature);
  self->unknown_signature = g_strdup (signature->str);

  had_focus = contains_focus (GTK_WIDGET (self->unknown_group));
  clear_unknown_items (self);

  for (guint i = 0; i < unknown->len; i++)
    {
      const ScopeEntry *entry = g_ptr_array_index (unknown, i);
      const HabScope *known = *entry->key != '\0' ? lookup_scope_elsewhere (self, entry->key) : NULL;
      g_autofree char *subtitle = NULL;
      const char *title;
      ScopeItem *item;

      if (*entry->key == '\0')
        {
          title = _("Data item without a key");
          subtitle = g_strdup (_("Untick it to remove it"));
        }
      else if (known != NULL)
        {
          title = known->label;
          /* Translators: %s is the key of a data item, e.g. “dgfip_rfr” */
          subtitle = g_strdup_printf (_("Key “%s”"), entry->key);
        }
      else
        {
          title = entry->key;
          subtitle = g_strdup (_("Unknown key"));
        }

      item = scope_item_new (self, entry->key, NULL, title, subtitle);
      g_ptr_array_add (self->unknown_items, item);
      adw_preferences_group_add (self->unknown_group, item->row);
      scope_item_set_index (self, item, entry->index);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->unknown_group), self->unknown_items->len > 0);

  /* Unticking an item removed the row that had the focus. */
  if (had_focus && !contains_focus (GTK_WIDGET (self->unknown_group)))
    {
      if (self->unknown_items->len > 0)
        focus_item (g_ptr_array_index (self->unknown_items, 0));
      else
        focus_first_item (self);
    }
}

static void
update_scopes (HabPageDonnees *self,
               const HabApi   *api,
               GArray         *entries)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      ScopeItem *item = g_ptr_array_index (self->items, i);

      scope_item_set_index (self, item, first_index (entries, item->key));
    }

  update_unknown_items (self, api, entries);

  /* The summary row carries the findings on the whole selection. */
  if (api != NULL && !api->has_scopes)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), _("None with this API"));
  else if (entries->len == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), _("None"));
  else
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u data item", "%u data items",
                                                          entries->len),
                                                entries->len);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row), count);
    }
}

/* SFiP R2P: the access modalities chosen in the Parcours step. */
static void
update_modalities (HabPageDonnees *self,
                   const HabApi   *api)
{
  HabDossier *dossier = hab_page_get_dossier (HAB_PAGE (self));
  JsonArray *array = hab_dossier_get_array (dossier, "parcours.modalities");
  guint n = array ? json_array_get_length (array) : 0;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      const char *key = hab_json_node_get_string (json_array_get_element (array, i));

      if (key != NULL)
        {
          g_ptr_array_add (keys, (gpointer) key);
          g_string_append_printf (signature, "%s\n", key);
        }
    }

  if (g_strcmp0 (signature->str, self->modalities_signature) == 0)
    return;

  g_free (self->modalities_signature);
  self->modalities_signature = g_strdup (signature->str);

  for (guint i = 0; i < self->modality_rows->len; i++)
    adw_preferences_group_remove (self->modalities_group, g_ptr_array_index (self->modality_rows, i));
  g_ptr_array_set_size (self->modality_rows, 0);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const HabModality *modality = hab_api_lookup_modality (api, key);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     modality && modality->label ? modality->label : key);
      if (modality == NULL)
        {
          /* Translators: %s is the key of an access modality */
          g_autofree char *subtitle = g_strdup_printf (_("Not an access modality of this API "
                                                         "(key “%s”)"),
                                                       key);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_group_add (self->modalities_group, row);
      g_ptr_array_add (self->modality_rows, row);
    }

  if (keys->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No access modality is chosen yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Choose them in the Parcours step."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_group_add (self->modalities_group, row);
      g_ptr_array_add (self->modality_rows, row);
    }
}

static GtkWidget *
catalogue_group_new (const char *label)
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
  return group;
}

static char *
scope_subtitle (const HabScope *scope)
{
  if (scope->deprecated_since != NULL)
    {
      g_autofree char *day = format_day (scope->deprecated_since);

      /* Translators: %s is a day, e.g. “20 May 2025” */
      return g_strdup_printf (_("Not offered to new requests since %s — only through a "
                                "specific needs expression"),
                              day);
    }

  return g_strdup (scope->notes);
}

static void
add_scope_item (HabPageDonnees *self,
                GtkWidget      *group,
                const HabScope *scope)
{
  g_autofree char *subtitle = scope_subtitle (scope);
  ScopeItem *item = scope_item_new (self, scope->key, scope,
                                    scope->label ? scope->label : scope->key, subtitle);

  g_ptr_array_add (self->items, item);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), item->row);
  scope_item_set_index (self, item, -1);
}

static void
set_group_texts (AdwPreferencesGroup *group,
                 const char          *title,
                 const char          *description)
{
  g_autofree char *escaped = description ? g_markup_escape_text (description, -1) : NULL;

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, escaped);
}

static void
update_texts (HabPageDonnees *self,
              const HabApi   *api)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("Selected Data Items"));

  if (api == NULL)
    {
      set_group_texts (self->items_group, _("Data Items"),
                       _("Choose the API in the Parcours step first: the data items offered "
                         "depend on it."));
      set_group_texts (self->unknown_group, _("Data Items in the File"),
                       _("Untick an item to remove it from the dossier."));
    }
  else if (api->has_scopes)
    {
      g_autoptr(GString) rules = g_string_new (NULL);
      g_autofree char *unknown = NULL;

      if (api->year_scopes != NULL && api->year_scopes[0] != NULL)
        g_string_append (rules,
                         _("DataPass refuses a selection that breaks these rules:\n"
                           "• at least one revenue year is ticked;\n"
                           "• “N-2 if N-1 is unavailable” is the only year ticked, when it is "
                           "chosen;\n"
                           "• that year and the data at 31/12 after the death of a married or "
                           "pacsé taxpayer are not combined with the ISF/IFI indicator or the "
                           "LEP eligibility indicator;\n"
                           "• the LEP eligibility indicator is requested alone, and by banks "
                           "only.\n"
                           "They are not applied with a specific needs expression."));

      if (api->scopes_required)
        {
          if (rules->len > 0)
            g_string_append_c (rules, '\n');
          /* Translators: %s is the name of an API */
          g_string_append_printf (rules, _("%s requires at least one data item, even with a "
                                           "specific needs expression."),
                                  api->label);
        }

      set_group_texts (self->items_group, _("Data Items"), rules->len > 0 ? rules->str : NULL);

      /* Translators: %s is the name of an API */
      unknown = g_strdup_printf (_("These items are in the dossier but are not data items of "
                                   "%s: untick them to remove them."),
                                 api->label);
      set_group_texts (self->unknown_group, _("Data Items Unknown to This API"), unknown);
    }
  else
    {
      /* Translators: %s is the name of an API */
      g_autofree char *returned = g_strdup_printf (_("With %s, the data returned are defined "
                                                     "by the access modalities chosen in the "
                                                     "Parcours step."),
                                                   api->label);
      /* Translators: %s is the name of an API */
      g_autofree char *left = g_strdup_printf (_("%s has no data items to tick: untick these to "
                                                 "remove them from the dossier."),
                                               api->label);

      set_group_texts (self->items_group, _("Data Returned"), returned);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row), _("Data Items to Tick"));
      set_group_texts (self->unknown_group, _("Data Items Left in the File"), left);
    }

  gtk_widget_set_visible (self->specific_group, api == NULL || api->has_scopes);
}

/* Builds the rows of @api's data items (or the list of its modalities). */
static void
rebuild_items (HabPageDonnees *self,
               const HabApi   *api)
{
  GtkWidget *child;
  GtkWidget *others = NULL;

  for (guint i = 0; i < self->items->len; i++)
    scope_item_unbind (self, g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->modality_rows, 0);
  self->modalities_group = NULL;

  while ((child = gtk_widget_get_first_child (self->item_groups_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->item_groups_box), child);

  if (api != NULL && api->has_scopes)
    {
      for (guint g = 0; api->groups != NULL && g < api->groups->len; g++)
        {
          const HabScopeGroup *scope_group = g_ptr_array_index (api->groups, g);
          GtkWidget *group = catalogue_group_new (scope_group->label);

          for (guint s = 0; s < api->scopes->len; s++)
            {
              const HabScope *scope = g_ptr_array_index (api->scopes, s);

              if (g_strcmp0 (scope->group, scope_group->id) == 0)
                add_scope_item (self, group, scope);
            }

          gtk_box_append (GTK_BOX (self->item_groups_box), group);
        }

      /* Items whose group the catalogue does not list. */
      for (guint s = 0; s < api->scopes->len; s++)
        {
          const HabScope *scope = g_ptr_array_index (api->scopes, s);
          gboolean listed = FALSE;

          for (guint g = 0; api->groups != NULL && g < api->groups->len && !listed; g++)
            listed = g_strcmp0 (scope->group,
                                ((const HabScopeGroup *) g_ptr_array_index (api->groups, g))->id) == 0;

          if (listed)
            continue;

          if (others == NULL)
            {
              others = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (others), _("Other Data Items"));
              gtk_box_append (GTK_BOX (self->item_groups_box), others);
            }
          add_scope_item (self, others, scope);
        }
    }
  else if (api != NULL)
    {
      self->modalities_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (self->modalities_group,
                                       _("Access Modalities Chosen in the Parcours Step"));
      gtk_box_append (GTK_BOX (self->item_groups_box), GTK_WIDGET (self->modalities_group));
    }

  gtk_widget_set_visible (self->item_groups_box,
                          gtk_widget_get_first_child (self->item_groups_box) != NULL);

  update_texts (self, api);

  g_free (self->api_id);
  self->api_id = g_strdup (api ? api->id : NULL);
  g_clear_pointer (&self->scopes_signature, g_free);
  g_clear_pointer (&self->unknown_signature, g_free);
  g_clear_pointer (&self->modalities_signature, g_free);
  self->built = TRUE;
}

static void
hab_page_donnees_dossier_changed (HabPage    *page,
                                  const char *path)
{
  HabPageDonnees *self = HAB_PAGE_DONNEES (page);
  HabDossier *dossier = hab_page_get_dossier (page);
  const HabApi *api = hab_page_get_api (page);
  g_autoptr(GArray) entries = NULL;
  g_autofree char *signature = NULL;
  gboolean specific = FALSE;
  gint64 months = 0;

  if (!self->built || g_strcmp0 (api ? api->id : NULL, self->api_id) != 0)
    rebuild_items (self, api);

  /* Only when the selection changes, not on each keystroke in a purpose. */
  entries = collect_entries (dossier);
  signature = entries_signature (entries);
  if (g_strcmp0 (signature, self->scopes_signature) != 0)
    {
      update_scopes (self, api, entries);
      g_free (self->scopes_signature);
      self->scopes_signature = g_steal_pointer (&signature);
    }

  if (self->modalities_group != NULL)
    update_modalities (self, api);

  hab_dossier_get_boolean (dossier, "data.specific_requirements", &specific);
  gtk_widget_set_visible (self->specific_document_row, specific);

  gtk_widget_set_visible (self->retention_justification_row,
                          hab_dossier_get_int (dossier, "data.retention_months", &months)
                          && months > RETENTION_USUAL_MONTHS);
}

static gboolean
hab_page_donnees_focus_field (HabPage    *page,
                              const char *field)
{
  HabPageDonnees *self = HAB_PAGE_DONNEES (page);
  const char *prefix = "data.scopes.";

  if (g_strcmp0 (field, "data.scopes") == 0)
    return focus_first_item (self);

  /* data.scopes.<index>: the item's check (its purpose has its own field). */
  if (field != NULL && g_str_has_prefix (field, prefix)
      && g_ascii_isdigit (field[strlen (prefix)]))
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (field + strlen (prefix), &end, 10);

      if (*end == '\0')
        {
          ScopeItem *item = index <= G_MAXINT ? find_item_at (self, (gint) index) : NULL;

          return item != NULL ? focus_item (item) : gtk_widget_grab_focus (self->summary_row);
        }
    }

  return HAB_PAGE_CLASS (hab_page_donnees_parent_class)->focus_field (page, field);
}

static void
dossier_notify_cb (HabPageDonnees *self,
                   GParamSpec     *pspec,
                   gpointer        user_data)
{
  /* Purposes of unticked items belong to the dossier they were typed in. */
  g_hash_table_remove_all (self->purposes);
}

static void
hab_page_donnees_dispose (GObject *object)
{
  HabPageDonnees *self = HAB_PAGE_DONNEES (object);

  /* The fields themselves go with the page (HabPage). */
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_items, g_ptr_array_unref);
  g_clear_pointer (&self->modality_rows, g_ptr_array_unref);
  self->modalities_group = NULL;

  /* AdwBin keeps a pointer to its child: drop it before the template does. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), HAB_TYPE_PAGE_DONNEES);

  G_OBJECT_CLASS (hab_page_donnees_parent_class)->dispose (object);
}

static void
hab_page_donnees_finalize (GObject *object)
{
  HabPageDonnees *self = HAB_PAGE_DONNEES (object);

  g_clear_object (&self->findings_proxy);
  g_clear_object (&self->check_size_group);
  g_clear_pointer (&self->purposes, g_hash_table_unref);
  g_free (self->api_id);
  g_free (self->scopes_signature);
  g_free (self->unknown_signature);
  g_free (self->modalities_signature);

  G_OBJECT_CLASS (hab_page_donnees_parent_class)->finalize (object);
}

static void
hab_page_donnees_class_init (HabPageDonneesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  HabPageClass *page_class = HAB_PAGE_CLASS (klass);

  object_class->dispose = hab_page_donnees_dispose;
  object_class->finalize = hab_page_donnees_finalize;
  page_class->dossier_changed = hab_page_donnees_dossier_changed;
  page_class->focus_field = hab_page_donnees_focus_field;

  g_type_ensure (HAB_TYPE_TEXT_ROW);
  g_type_ensure (HAB_TYPE_ATTACHMENT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/hab-page-donnees.ui");
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, problems_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, items_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, summary_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, item_groups_box);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, unknown_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, specific_group);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, specific_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, specific_switch);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, specific_document_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, recipients_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, retention_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, retention_justification_row);
  gtk_widget_class_bind_template_child (widget_class, HabPageDonnees, access_row);
}

static void
hab_page_donnees_init (HabPageDonnees *self)
{
  HabPage *page = HAB_PAGE (self);
  HabField *field;

  gtk_widget_init_template (GTK_WIDGET (self));
  hab_page_set_problems_group (page, self->problems_group);

  self->findings_proxy = g_object_ref_sink (gtk_text_new ());
  gtk_widget_set_sensitive (self->findings_proxy, FALSE);
  self->check_size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->items = g_ptr_array_new_with_free_func (scope_item_free);
  self->unknown_items = g_ptr_array_new_with_free_func (scope_item_free);
  self->modality_rows = g_ptr_array_new ();
  self->purposes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  hab_attachment_row_set_kind (HAB_ATTACHMENT_ROW (self->specific_document_row),
                               HAB_ATTACHMENT_KIND_SPREADSHEET);

  /* The combination rules, the absence of items: the whole selection. */
  bind_findings_row (self, "data.scopes", self->summary_row);

  field = hab_page_bind (page, HAB_FIELD_BOOLEAN, self->specific_switch, "data.specific_requirements");
  hab_field_set_row (field, self->specific_row);
  hab_page_bind (page, HAB_FIELD_ATTACHMENT, self->specific_document_row,
                 "data.specific_requirements_document");
  hab_page_bind (page, HAB_FIELD_TEXT, self->recipients_row, "data.recipients");
  hab_page_bind (page, HAB_FIELD_INT, self->retention_row, "data.retention_months");
  hab_page_bind (page, HAB_FIELD_TEXT, self->retention_justification_row,
                 "data.retention_justification");
  hab_page_bind (page, HAB_FIELD_TEXT, self->access_row, "data.access");

  g_signal_connect (self, "notify::dossier", G_CALLBACK (dossier_notify_cb), NULL);
}
