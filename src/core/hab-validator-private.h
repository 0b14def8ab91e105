/* hab-validator-private.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n-lib.h>

#include "hab-json.h"
#include "hab-validator.h"

G_BEGIN_DECLS

/* The roles of "actors", in a fixed order. */
typedef enum
{
  HAB_ROLE_INDEX_DEMANDEUR,
  HAB_ROLE_INDEX_RESPONSABLE_TRAITEMENT,
  HAB_ROLE_INDEX_DELEGUE_PROTECTION_DONNEES,
  HAB_ROLE_INDEX_RESPONSABLE_TECHNIQUE,
  HAB_ROLE_INDEX_EDITEUR,
  HAB_N_ROLES,
} HabRoleIndex;

extern const char *const _hab_role_keys[HAB_N_ROLES];

/* Everything a rule family needs, prepared once per validation. */
typedef struct
{
  HabValidator      *validator;
  HabDossier        *dossier;
  HabCatalogue      *catalogue;
  GPtrArray         *findings;
  GDate              today;

  /* parcours, read once; NULL when absent or of the wrong type */
  const char        *api_id;
  const char        *stage;          /* "sandbox" / "production" */
  const char        *development;    /* "editor" / "in_house" */
  const char        *use_case_id;
  const HabApi      *api;            /* NULL when api_id is unknown */
  const HabUseCase  *use_case;       /* NULL when unknown or not set */
  gboolean           production;     /* stage == "production" */
  gboolean           editor_mode;    /* development == "editor" */

  /* actors: the card of each role (inline, else from the lookup), or NULL */
  HabContact        *contacts[HAB_N_ROLES];
  gboolean           assigned[HAB_N_ROLES];   /* the role has a contact_id or a card */

  /* folder of the dossier file, for relative attachment paths; or NULL */
  GFile             *base_dir;
} HabCheckContext;

/* Adds a finding for the rule with that id; the message is printf-style and
 * already translated by the caller (pass _("…")). */
void      _hab_check_add        (HabCheckContext *ctx,
                                 const char      *rule_id,
                                 const char      *field,
                                 const char      *format,
                                 ...) G_GNUC_PRINTF (4, 5);

/* TRUE when str is NULL or only white space. */
gboolean  _hab_str_blank        (const char      *str);

/* Parses a strict YYYY-MM-DD date. */
gboolean  _hab_parse_date       (const char      *str,
                                 GDate           *date);

/* Attachments: { name, path, sha256, size, media_type } (DESIGN §4). */
typedef struct
{
  const char *bad_type;      /* not one of the allowed media types */
  const char *too_large;     /* over max_size */
  const char *missing;       /* the file is not on disk */
  const char *changed;       /* the file on disk differs from its sha256 */
} HabAttachmentRules;

#define HAB_ATTACHMENT_MAX_SIZE (10 * 1000 * 1000)

void      _hab_check_attachment (HabCheckContext          *ctx,
                                 JsonNode                 *node,
                                 const char               *field,
                                 const char *const        *allowed_types,
                                 gint64                    max_size,
                                 const HabAttachmentRules *rules);

/* The fingerprint of a canonical data text (DESIGN §7), and what changed
 * since a review approved its data (NULL when the review keeps no
 * trustworthy copy of them, or nothing changed). Each is a SHA-256 of the
 * whole text or more: the validator keeps the last result, so that a
 * keystroke elsewhere in the dossier does not compute them again. */
const char *_hab_validator_fingerprint       (HabValidator *self,
                                              const char   *canonical_text);
const char *_hab_validator_describe_changes  (HabValidator *self,
                                              JsonObject   *review,
                                              const char   *canonical_text);

/* A rule family: its rules and its check function. */
typedef struct
{
  const HabRule *rules;
  guint          n_rules;
  void         (*check) (HabCheckContext *ctx);
} HabRuleFamily;

#define HAB_DEFINE_RULE_FAMILY(name, rules_array, check_func) \
  const HabRuleFamily _hab_family_##name = { rules_array, G_N_ELEMENTS (rules_array), check_func }

extern const HabRuleFamily _hab_family_format;
extern const HabRuleFamily _hab_family_parcours;
extern const HabRuleFamily _hab_family_organisation;
extern const HabRuleFamily _hab_family_actors;
extern const HabRuleFamily _hab_family_project;
extern const HabRuleFamily _hab_family_legal;
extern const HabRuleFamily _hab_family_data;
extern const HabRuleFamily _hab_family_dpo;
extern const HabRuleFamily _hab_family_security;
extern const HabRuleFamily _hab_family_editor;

/* All of them, in the order they run (hab-finding.c). */
extern const HabRuleFamily *const _hab_rule_families[];
extern const guint _hab_n_rule_families;

G_END_DECLS
