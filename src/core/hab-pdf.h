/* hab-pdf.h
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A4, in PDF points. */
#define HAB_PDF_PAGE_WIDTH  595.276
#define HAB_PDF_PAGE_HEIGHT 841.890

typedef enum
{
  HAB_PDF_STYLE_BODY,          /* running text */
  HAB_PDF_STYLE_TITLE,         /* the document's title, once, at the top */
  HAB_PDF_STYLE_HEADING,       /* a section; kept with what follows */
  HAB_PDF_STYLE_SUBHEADING,    /* a group inside a section; kept with what follows */
  HAB_PDF_STYLE_NOTE,          /* smaller, grey: explanations */
  HAB_PDF_STYLE_MONO,          /* fingerprints, keys, links */
  HAB_PDF_STYLE_LETTER,        /* the body of a letter or an attestation (serif, justified) */
  HAB_PDF_STYLE_LETTER_TITLE,  /* the centred title of a letter or an attestation */
  HAB_PDF_STYLE_ADDRESS,       /* an address block, right-aligned */
} HabPdfStyle;

#define HAB_TYPE_PDF (hab_pdf_get_type ())

G_DECLARE_FINAL_TYPE (HabPdf, hab_pdf, HAB, PDF, GObject)

GThread  *hab_pdf_prepare_fonts       (void);
void      hab_pdf_release_fonts       (void);

HabPdf   *hab_pdf_new                 (const char         *header,
                                       const char         *document_title);
void      hab_pdf_set_draft           (HabPdf             *self,
                                       gboolean            draft);
gboolean  hab_pdf_get_draft           (HabPdf             *self);
void      hab_pdf_set_footer          (HabPdf             *self,
                                       const char         *footer);
void      hab_pdf_set_creation_date   (HabPdf             *self,
                                       GDateTime          *date);

/* Content, in reading order. Every text goes through hab_pdf_typography(). */
void      hab_pdf_add_text            (HabPdf             *self,
                                       HabPdfStyle         style,
                                       const char         *text);
void      hab_pdf_add_markup          (HabPdf             *self,
                                       HabPdfStyle         style,
                                       const char         *markup);
void      hab_pdf_add_field           (HabPdf             *self,
                                       const char         *label,
                                       const char         *value);
void      hab_pdf_add_field_markup    (HabPdf             *self,
                                       const char         *label,
                                       const char         *value);
void      hab_pdf_begin_group         (HabPdf             *self);
void      hab_pdf_end_group           (HabPdf             *self);
void      hab_pdf_add_check           (HabPdf             *self,
                                       gboolean            checked,
                                       const char         *label,
                                       const char         *detail);
void      hab_pdf_begin_table         (HabPdf             *self,
                                       guint               n_columns,
                                       const double       *widths,
                                       const char *const  *headers);
void      hab_pdf_add_row             (HabPdf             *self,
                                       const char *const  *cells);
void      hab_pdf_add_row_markup      (HabPdf             *self,
                                       const char *const  *cells);
void      hab_pdf_end_table           (HabPdf             *self);
void      hab_pdf_add_space           (HabPdf             *self,
                                       double              points);
void      hab_pdf_add_rule            (HabPdf             *self);
void      hab_pdf_add_page_break      (HabPdf             *self);
void      hab_pdf_add_box             (HabPdf             *self,
                                       const char         *label,
                                       double              height);

/* Another document's content after this one's, to draw as one. */
void      hab_pdf_append              (HabPdf             *self,
                                       HabPdf             *part);

GBytes   *hab_pdf_render              (HabPdf             *self,
                                       GError            **error);
guint     hab_pdf_get_n_pages         (HabPdf             *self);

/* French typography: no line break before ; : ! ? », after « or n°, nor
 * inside a number written in groups of digits; typographic apostrophes. */
char     *hab_pdf_typography          (const char         *text);
/* hab_pdf_typography(), then escaped for Pango markup. */
char     *hab_pdf_escape              (const char         *text);

G_END_DECLS
