/* hab-finding.c
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-finding"

#include "config.h"

#include "hab-finding.h"
#include "hab-validator-private.h"

G_DEFINE_BOXED_TYPE (HabFinding, hab_finding, hab_finding_copy, hab_finding_free)

/* Every rule family, in the order of the steps. */
const HabRuleFamily *const _hab_rule_families[] = {
  &_hab_family_format,
  &_hab_family_parcours,
  &_hab_family_organisation,
  &_hab_family_actors,
  &_hab_family_project,
  &_hab_family_legal,
  &_hab_family_data,
  &_hab_family_dpo,
  &_hab_family_security,
  &_hab_family_editor,
};
const guint _hab_n_rule_families = G_N_ELEMENTS (_hab_rule_families);

static HabRule *all_rules;
static guint n_all_rules;
static GHashTable *rules_by_id;

static gint
compare_rules (gconstpointer a,
               gconstpointer b)
{
  const HabRule *ra = a;
  const HabRule *rb = b;

  if (ra->step != rb->step)
    return ra->step < rb->step ? -1 : 1;

  return g_strcmp0 (ra->id, rb->id);
}

static void
ensure_rules (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      guint n = 0;

      for (guint i = 0; i < _hab_n_rule_families; i++)
        n += _hab_rule_families[i]->n_rules;

      all_rules = g_new (HabRule, n);
      for (guint i = 0; i < _hab_n_rule_families; i++)
        for (guint j = 0; j < _hab_rule_families[i]->n_rules; j++)
          all_rules[n_all_rules++] = _hab_rule_families[i]->rules[j];

      qsort (all_rules, n_all_rules, sizeof (HabRule), compare_rules);

      rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n_all_rules; i++)
        {
          if (g_hash_table_contains (rules_by_id, all_rules[i].id))
            g_error ("Rule “%s” is defined twice", all_rules[i].id);
          g_hash_table_insert (rules_by_id, (gpointer) all_rules[i].id, &all_rules[i]);
        }

      g_once_init_leave (&initialized, 1);
    }
}

/**
 * hab_rules_get_all:
 * @n_rules: (out): the number of rules
 *
 * Returns: every rule, sorted by step then id.
 */
const HabRule *
hab_rules_get_all (guint *n_rules)
{
  ensure_rules ();

  if (n_rules != NULL)
    *n_rules = n_all_rules;

  return all_rules;
}

/**
 * hab_rules_lookup:
 *
 * Returns: (nullable): the rule with that id.
 */
const HabRule *
hab_rules_lookup (const char *id)
{
  ensure_rules ();

  return g_hash_table_lookup (rules_by_id, id);
}

HabFinding *
hab_finding_new (const HabRule *rule,
                 const char    *field,
                 const char    *message)
{
  HabFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);

  self = g_new0 (HabFinding, 1);
  self->rule = rule;
  self->field = g_strdup (field);
  self->message = g_strdup (message);

  return self;
}

HabFinding *
hab_finding_copy (const HabFinding *self)
{
  return hab_finding_new (self->rule, self->field, self->message);
}

void
hab_finding_free (HabFinding *self)
{
  if (self == NULL)
    return;

  g_free (self->field);
  g_free (self->message);
  g_free (self);
}
