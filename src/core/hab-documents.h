/* hab-documents.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hab-catalogue.h"
#include "hab-contact.h"
#include "hab-dossier.h"
#include "hab-pdf.h"

G_BEGIN_DECLS

/* What every document is generated with. */
typedef struct
{
  HabCatalogue          *catalogue;            /* NULL: the default one */
  GDate                  today;                /* the generation date, and "today" for the date rules */
  gboolean               draft;                /* "DRAFT" on every page; errors allowed */
  HabContactLookupFunc   contact_lookup;       /* for cards not inline (the keyring), or NULL */
  gpointer               contact_lookup_data;
} HabDocumentOptions;

void         hab_document_options_init      (HabDocumentOptions       *options);

/* The documents of the bundle (DESIGN §9), in the bundle's order. */
typedef enum
{
  HAB_DOCUMENT_SUMMARY,                 /* recapitulatif.pdf */
  HAB_DOCUMENT_ATTESTATION_DEMANDEUR,   /* attestation-employeur-demandeur.pdf */
  HAB_DOCUMENT_ATTESTATION_EDITEUR,     /* attestation-employeur-editeur.pdf, editor mode */
  HAB_DOCUMENT_DESIGNATION,             /* designation.pdf */
  HAB_DOCUMENT_QUESTIONNAIRE,           /* questionnaire-securite.pdf, questionnaire path */
  HAB_DOCUMENT_DATAPASS,                /* datapass.txt */
  HAB_N_DOCUMENTS,
} HabDocument;

const char  *hab_document_get_file_name     (HabDocument               document);
const char  *hab_document_get_title         (HabDocument               document);
const char  *hab_document_get_description   (HabDocument               document);
gboolean     hab_document_applies           (HabDocument               document,
                                             HabDossier               *dossier);
GBytes      *hab_document_generate          (HabDocument               document,
                                             HabDossier               *dossier,
                                             const HabDocumentOptions *options,
                                             GPtrArray                *findings,
                                             GError                  **error);

void         hab_document_prepare_summary_fonts
                                            (void);
HabPdf      *hab_document_lay_out_summary_steps
                                            (HabDossier               *dossier,
                                             const HabDocumentOptions *options);
HabPdf      *hab_document_lay_out_summary   (HabDossier               *dossier,
                                             const HabDocumentOptions *options,
                                             GPtrArray                *findings,
                                             HabPdf                   *steps);

/* An attached file and its name in the bundle ("pieces/…"). */
typedef struct
{
  char     *field;         /* its dotted path in the dossier, e.g. "legal.documents.0" */
  char     *bundle_name;   /* e.g. "pieces/deliberation-2026-045.pdf" */
  JsonNode *attachment;    /* a copy of the attachment member */
} HabPiece;

void         hab_piece_free                 (HabPiece                 *piece);
GPtrArray   *hab_documents_list_pieces      (HabDossier               *dossier);

/* A role's card: inline in the file, else from the lookup; or NULL. */
HabContact  *hab_documents_dup_contact      (HabDossier               *dossier,
                                             const char               *role,
                                             const HabDocumentOptions *options);

/* Helpers the other documents share. */
char        *hab_documents_format_date      (const char               *iso_date);
char        *hab_documents_format_gdate     (const GDate              *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabPiece, hab_piece_free)

G_END_DECLS
