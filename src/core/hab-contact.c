/* hab-contact.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-contact"

#include "config.h"

#include "hab-contact.h"
#include "hab-json.h"

G_DEFINE_BOXED_TYPE (HabContact, hab_contact, hab_contact_copy, hab_contact_free)

/* The JSON keys of a card, and where each lives in the struct. */
static const struct
{
  const char *key;
  gsize offset;
} fields[] = {
  { "contact_id", G_STRUCT_OFFSET (HabContact, contact_id) },
  { "given_name", G_STRUCT_OFFSET (HabContact, given_name) },
  { "family_name", G_STRUCT_OFFSET (HabContact, family_name) },
  { "email", G_STRUCT_OFFSET (HabContact, email) },
  { "phone", G_STRUCT_OFFSET (HabContact, phone) },
  { "job_title", G_STRUCT_OFFSET (HabContact, job_title) },
  { "organisation", G_STRUCT_OFFSET (HabContact, organisation) },
  { "birth_date", G_STRUCT_OFFSET (HabContact, birth_date) },
  { "birth_place", G_STRUCT_OFFSET (HabContact, birth_place) },
};

#define FIELD(self, i) G_STRUCT_MEMBER (char *, self, fields[i].offset)

HabContact *
hab_contact_new (void)
{
  return g_new0 (HabContact, 1);
}

HabContact *
hab_contact_copy (const HabContact *self)
{
  HabContact *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = hab_contact_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    FIELD (copy, i) = g_strdup (FIELD (self, i));

  return copy;
}

void
hab_contact_free (HabContact *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (FIELD (self, i));
  g_free (self);
}

/**
 * hab_contact_new_from_json:
 * @object: an inline card
 *
 * Reads a card. Members that are not strings are ignored (the validator
 * reports them as type errors).
 */
HabContact *
hab_contact_new_from_json (JsonObject *object)
{
  HabContact *self;

  g_return_val_if_fail (object != NULL, NULL);

  self = hab_contact_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      FIELD (self, i) = g_strdup (hab_json_object_get_string (object, fields[i].key));
    }

  return self;
}

JsonNode *
hab_contact_to_json (const HabContact *self)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *value = FIELD (self, i);

      if (value != NULL)
        json_object_set_string_member (object, fields[i].key, value);
    }

  json_node_take_object (node, object);
  return node;
}

char *
hab_contact_dup_display_name (const HabContact *self)
{
  g_autofree char *given = g_strstrip (g_strdup (self->given_name ? self->given_name : ""));
  g_autofree char *family = g_strstrip (g_strdup (self->family_name ? self->family_name : ""));

  if (*given && *family)
    return g_strdup_printf ("%s %s", given, family);
  if (*given || *family)
    return g_strdup (*given ? given : family);
  if (self->email != NULL && *self->email)
    return g_strdup (self->email);

  return NULL;
}
