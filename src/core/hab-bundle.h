/* hab-bundle.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hab-documents.h"
#include "hab-dossier.h"

G_BEGIN_DECLS

#define HAB_BUNDLE_ERROR (hab_bundle_error_quark ())

typedef enum
{
  HAB_BUNDLE_ERROR_HAS_ERRORS,   /* errors remain and the export is not a draft */
  HAB_BUNDLE_ERROR_ATTACHMENT,   /* an attached file is missing or changed */
  HAB_BUNDLE_ERROR_FAILED,       /* a document or the archive could not be made */
} HabBundleError;

/* One file of the bundle, for showing what will be generated. */
typedef struct
{
  char *name;          /* its path in the ZIP: "recapitulatif.pdf", "pieces/…" */
  char *title;         /* translated */
  char *description;   /* translated */
} HabBundleEntry;

/* Called as the export goes on: @fraction from 0 to 1, and what it does. */
typedef void (*HabBundleProgressFunc) (double      fraction,
                                       const char *message,
                                       gpointer    user_data);

GQuark       hab_bundle_error_quark        (void);

void         hab_bundle_entry_free         (HabBundleEntry           *entry);
GPtrArray   *hab_bundle_list_entries       (HabDossier               *dossier);
char        *hab_bundle_suggest_file_name  (HabDossier               *dossier,
                                            const GDate              *today);

HabDossier  *hab_bundle_dup_dossier        (HabDossier               *dossier,
                                            const HabDocumentOptions *options);
GBytes      *hab_bundle_build              (HabDossier               *dossier,
                                            const HabDocumentOptions *options,
                                            HabBundleProgressFunc     progress,
                                            gpointer                  progress_data,
                                            GCancellable             *cancellable,
                                            GError                  **error);
gboolean     hab_bundle_write              (HabDossier               *dossier,
                                            GFile                    *file,
                                            const HabDocumentOptions *options,
                                            HabBundleProgressFunc     progress,
                                            gpointer                  progress_data,
                                            GCancellable             *cancellable,
                                            GError                  **error);
void         hab_bundle_write_async        (HabDossier               *dossier,
                                            GFile                    *file,
                                            const HabDocumentOptions *options,
                                            HabBundleProgressFunc     progress,
                                            gpointer                  progress_data,
                                            GDestroyNotify            progress_data_destroy,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data);
gboolean     hab_bundle_write_finish       (GAsyncResult             *result,
                                            GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HabBundleEntry, hab_bundle_entry_free)

G_END_DECLS
