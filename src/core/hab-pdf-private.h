/* hab-pdf-private.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For the tests: every text of the documents made from then on wrapped in
 * its width by Pango, as the reference that break_lines() is compared with
 * (hab-pdf.c). */
void hab_pdf_set_pango_lines (gboolean pango_lines);

/* The level cairo's streams are compressed at (deflateInit_() in
 * hab-pdf.c). */
#define HAB_PDF_DEFLATE_LEVEL 3

G_END_DECLS
