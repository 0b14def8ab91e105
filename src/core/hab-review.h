/* hab-review.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "hab-catalogue.h"
#include "hab-contact.h"
#include "hab-dossier.h"

G_BEGIN_DECLS

/* The DPO's reviews (DESIGN §7): append-only entries of dpo.reviews, each
 * bound to the data fingerprint and keeping the canonical data text it
 * covers (member "data_text"), so that what changed since can be listed. */

#define HAB_REVIEW_DATA_TEXT_MEMBER "data_text"

#define HAB_REVIEW_ERROR (hab_review_error_quark ())

typedef enum
{
  HAB_REVIEW_ERROR_INVALID,        /* a review without reviewer, a bad decision */
  HAB_REVIEW_ERROR_NOT_APPENDABLE, /* "dpo" or "dpo.reviews" has another type */
  HAB_REVIEW_ERROR_NO_ID,          /* a dossier without id cannot be matched */
  HAB_REVIEW_ERROR_OTHER_DOSSIER,  /* the returned copy is of another dossier */
} HabReviewError;

typedef enum
{
  HAB_REVIEW_DECISION_APPROVED,
  HAB_REVIEW_DECISION_CHANGES_REQUESTED,
} HabReviewDecision;

/* What the latest review says about the data as they are now. */
typedef enum
{
  HAB_REVIEW_STATUS_NONE,              /* no review */
  HAB_REVIEW_STATUS_APPROVED,          /* approves the current data */
  HAB_REVIEW_STATUS_OUTDATED,          /* approves data that changed since */
  HAB_REVIEW_STATUS_CHANGES_REQUESTED, /* asks for changes */
  HAB_REVIEW_STATUS_INVALID,           /* no valid decision or fingerprint */
} HabReviewStatus;

GQuark           hab_review_error_quark          (void);
const char      *hab_review_decision_to_string   (HabReviewDecision   decision);

gboolean         hab_review_append               (HabDossier         *dossier,
                                                  const char         *reviewer,
                                                  HabReviewDecision   decision,
                                                  const char         *comment,
                                                  GHashTable         *item_comments,
                                                  GDateTime          *date,
                                                  guint              *index,
                                                  GError            **error);
JsonObject      *hab_review_get_latest           (HabDossier         *dossier,
                                                  guint              *index);
HabReviewStatus  hab_review_get_status           (HabDossier         *dossier,
                                                  JsonObject        **latest);
const char      *hab_review_get_data_text        (JsonObject         *review);
gboolean         hab_review_parse_date           (const char         *text,
                                                  GDate              *date);

/* What changed between the data a review covers and the current ones. */
typedef enum
{
  HAB_DATA_CHANGE_API,
  HAB_DATA_CHANGE_MODALITY_ADDED,
  HAB_DATA_CHANGE_MODALITY_REMOVED,
  HAB_DATA_CHANGE_ITEM_ADDED,
  HAB_DATA_CHANGE_ITEM_REMOVED,
  HAB_DATA_CHANGE_PURPOSE,
  HAB_DATA_CHANGE_SPECIFIC_REQUIREMENTS,
  HAB_DATA_CHANGE_RECIPIENTS,
  HAB_DATA_CHANGE_RETENTION,
  HAB_DATA_CHANGE_RETENTION_JUSTIFICATION,
  HAB_DATA_CHANGE_ACCESS,
} HabDataChangeKind;

#define HAB_TYPE_DATA_CHANGE (hab_data_change_get_type ())

typedef struct
{
  HabDataChangeKind  kind;
  char              *api;     /* the API the key belongs to, or NULL */
  char              *key;     /* the data item or modality, or NULL */
  char              *before;  /* the value approved, or NULL when none */
  char              *after;   /* the value now, or NULL when none */
} HabDataChange;

GType          hab_data_change_get_type     (void) G_GNUC_CONST;
HabDataChange *hab_data_change_copy         (const HabDataChange *self);
void           hab_data_change_free         (HabDataChange       *self);
char          *hab_data_change_describe     (const HabDataChange *self,
                                             HabCatalogue        *catalogue);

GPtrArray     *hab_review_diff_data_texts   (const char          *approved,
                                             const char          *current);
GPtrArray     *hab_review_dup_changes       (HabDossier          *dossier,
                                             JsonObject          *review);
char          *hab_review_describe_changes  (GPtrArray           *changes,
                                             HabCatalogue        *catalogue);

/* The reviewer and the DPO named in the dossier. */
char          *hab_review_fold_name         (const char          *name);
gboolean       hab_review_name_is_dpo       (const char          *reviewer,
                                             const char          *display_name,
                                             const HabContact    *card,
                                             gboolean            *known);
char          *hab_review_dup_dpo_name      (HabDossier          *dossier);

/* The copy sent to the DPO: contact cards reduced to names and job titles. */
HabDossier    *hab_review_dup_dpo_copy      (HabDossier          *dossier,
                                             HabContactLookupFunc lookup,
                                             gpointer             user_data);

/* Merging the copy the DPO sends back. */
#define HAB_TYPE_MERGE_DIFFERENCE (hab_merge_difference_get_type ())

typedef struct
{
  char *path;    /* dotted path of the member that differs */
  char *ours;    /* its value in the open dossier, or NULL when absent */
  char *theirs;  /* its value in the returned copy, or NULL when absent */
} HabMergeDifference;

GType               hab_merge_difference_get_type (void) G_GNUC_CONST;
HabMergeDifference *hab_merge_difference_copy     (const HabMergeDifference *self);
void                hab_merge_difference_free     (HabMergeDifference       *self);
char               *hab_merge_difference_describe (const HabMergeDifference *self);

typedef struct
{
  guint      n_added;       /* reviews taken from the copy */
  guint      n_duplicates;  /* reviews the dossier already had */
  guint      n_unreadable;  /* entries of the copy that are not reviews */
  GPtrArray *differences;   /* HabMergeDifference: listed, never taken */
} HabMergeResult;

void            hab_merge_result_free  (HabMergeResult *self);
HabMergeResult *hab_review_merge       (HabDossier     *dossier,
                                        HabDossier     *returned,
                                        const char     *display_name,
                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabDataChange, hab_data_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabMergeDifference, hab_merge_difference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabMergeResult, hab_merge_result_free)

G_END_DECLS
