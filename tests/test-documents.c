/* test-documents.c: the PDF writer and the documents of the bundle, read
 * back with pdftotext and pdffonts (poppler-utils).
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <zlib.h>

#include "hab-catalogue.h"
#include "hab-datapass.h"
#include "hab-datapass-text.h"
#include "hab-documents.h"
#include "hab-fingerprint.h"
#include "hab-json.h"
#include "hab-pdf.h"
#include "hab-pdf-private.h"
#include "hab-validator.h"

#define TODAY_YEAR  2026
#define TODAY_MONTH 11
#define TODAY_DAY   27

static const char *const examples[] = {
  "cantine-scolaire-bac-a-sable.habilitation",
  "creche-production-editeur.habilitation",
  "ordonnateur-r2p-interne.habilitation",
};

/* The DataPass form of each example (reference/domain.md c.1, c.2). */
static const char *const example_forms[] = {
  "api-impot-particulier-cantine-scolaire-sandbox",
  "api-impot-particulier-place-creche-editeur",
  "api-sfip-r2p-ordonnateur-production",
};

static HabDossier *
load_example (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HabDossier *dossier = hab_dossier_new_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return dossier;
}

static void
options_init (HabDocumentOptions *options,
              gboolean            draft)
{
  hab_document_options_init (options);
  g_date_set_dmy (&options->today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
  options->draft = draft;
}

/* Under the test's own folders, which g_test_init() removes at the end. */
static char *
make_dir (void)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "hab-documents-XXXXXX", NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static char *
write_temp (GBytes     *bytes,
            const char *name)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs a tool of poppler-utils; its output. */
static char *
run_tool (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed: %s", argv[0], err);

  return out;
}

/* Every kind of space as one plain space, so that texts compare whatever
 * pdftotext makes of no-break spaces and line ends; no hyphen, as
 * pdftotext joins "médico-" at the end of a line with "sociaux" on the
 * next one. */
static char *
normalise (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0 || c == '\f')
        {
          space = out->len > 0;
          continue;
        }
      if (c == '-')
        continue;
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The text of a PDF (of one page when page > 0), normalised: in reading
 * order, or as laid out, line by line. */
static char *
pdf_text_full (GBytes   *pdf,
               guint     page,
               gboolean  layout)
{
  g_autofree char *path = write_temp (pdf, "document.pdf");
  g_autofree char *first = g_strdup_printf ("%u", page);
  g_autofree char *raw = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, "pdftotext");
  if (layout)
    g_ptr_array_add (argv, "-layout");
  if (page > 0)
    {
      g_ptr_array_add (argv, "-f");
      g_ptr_array_add (argv, first);
      g_ptr_array_add (argv, "-l");
      g_ptr_array_add (argv, first);
    }
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, "-");
  g_ptr_array_add (argv, NULL);
  raw = run_tool ((const char *const *) argv->pdata);

  return normalise (raw);
}

static char *
pdf_text (GBytes *pdf,
          guint   page)
{
  return pdf_text_full (pdf, page, FALSE);
}

static guint
pdf_pages (GBytes *pdf)
{
  g_autofree char *path = write_temp (pdf, "document.pdf");
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* What pdffonts says of the fonts of a PDF. */
static char *
pdf_fonts (GBytes *pdf)
{
  g_autofree char *path = write_temp (pdf, "fonts.pdf");
  const char *argv[] = { "pdffonts", path, NULL };

  return run_tool (argv);
}

static char *
expected (const char *text)
{
  g_autofree char *typeset = hab_pdf_typography (text);

  return normalise (typeset);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *wanted = expected (needle);

  if (strstr (haystack, wanted) == NULL)
    g_error ("“%s” is not in the text:\n%s", wanted, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in the text:\n%s", needle, haystack);
}

static GBytes *
generate (HabDocument  document,
          HabDossier  *dossier,
          gboolean     draft)
{
  g_autoptr(GError) error = NULL;
  HabDocumentOptions options;
  GBytes *bytes;

  options_init (&options, draft);
  bytes = hab_document_generate (document, dossier, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

/* Typography */

static void
test_typography (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "RGPD ; CRPA", "RGPD\u202F; CRPA" },
    { "Objet : crèche", "Objet\u00A0: crèche" },
    { "Vraiment ? Oui !", "Vraiment\u202F? Oui\u202F!" },
    { "« Portail famille »", "«\u202FPortail famille\u202F»" },
    { "délibération n° 2026-045", "délibération n°\u00A02026-045" },
    { "1 200 dossiers, 45 000 €", "1\u202F200 dossiers, 45\u202F000\u00A0€" },
    { "article L. 114-8", "article L.\u00A0114-8" },
    { "l'API d'aujourd'hui", "l’API d’aujourd’hui" },
    { "'quoted'", "'quoted'" },
    { "écrire à o'neil@exemple.fr", "écrire à o'neil@exemple.fr" },
    { "voir https://exemple.fr/l'avis et l'avis", "voir https://exemple.fr/l'avis et l’avis" },
    { "etc...", "etc…" },
    { "a\r\nb\rc", "a\nb\nc" },
    { "https://example.fr/?a=1", "https://example.fr/?a=1" },
    { "2026 1234", "2026 1234" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = hab_pdf_typography (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  {
    g_autofree char *out = hab_pdf_typography (NULL);
    g_autofree char *escaped = hab_pdf_escape ("A & B <C>");

    g_assert_cmpstr (out, ==, "");
    g_assert_cmpstr (escaped, ==, "A &amp; B &lt;C&gt;");
  }
}

/* The writer */

/* A long document: every table row and every heading's first row land
 * whole on one page; every page says "Page x / y"; no empty first page. */
static void
test_pdf_pagination (void)
{
  g_autoptr(HabPdf) pdf = hab_pdf_new ("Un dossier de test — crèche", "Test");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  static const double widths[] = { 0.2, 0.8 };
  const char *headers[] = { "Clé", "Valeur", NULL };
  g_autofree char **texts = NULL;
  guint n_pages;

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_TITLE, "Titre du document");
  for (guint section = 0; section < 6; section++)
    {
      g_autofree char *heading = g_strdup_printf ("Section %02u", section);

      hab_pdf_add_text (pdf, HAB_PDF_STYLE_HEADING, heading);
      hab_pdf_begin_table (pdf, 2, widths, headers);
      for (guint row = 0; row < 14; row++)
        {
          g_autofree char *key = g_strdup_printf ("S%02uR%02u", section, row);
          /* Rows of one to five lines. */
          g_autofree char *value = g_strdup_printf ("début-%s %s fin-%s", key,
                                                    "mot mot mot mot mot mot mot mot mot mot mot mot "
                                                    "mot mot mot mot mot mot mot mot mot mot mot mot "
                                                    "mot mot mot mot mot mot mot mot mot mot mot mot "
                                                    "mot mot mot mot mot mot mot mot mot mot mot mot "
                                                    "mot mot mot mot mot mot mot mot mot mot mot mot "
                                                    + (row % 5) * 48,
                                                    key);
          const char *cells[] = { key, value };

          hab_pdf_add_row (pdf, cells);
        }
      hab_pdf_end_table (pdf);
      for (guint p = 0; p < 3; p++)
        hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY,
                          "Un paragraphe assez long pour tenir sur plusieurs lignes : il sert à "
                          "vérifier que les paragraphes vont d’une page à l’autre sans perdre de "
                          "ligne, et que la typographie française met une espace insécable avant "
                          "les deux-points, les points-virgules ; et les points d’exclamation !");
    }

  n_pages = hab_pdf_get_n_pages (pdf);
  g_assert_cmpuint (n_pages, >, 2);

  bytes = hab_pdf_render (pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (bytes), ==, n_pages);

  texts = g_new0 (char *, n_pages + 1);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u / %u", p + 1, n_pages);

      texts[p] = pdf_text (bytes, p + 1);
      assert_contains (texts[p], footer);
      assert_contains (texts[p], "Un dossier de test — crèche");
      assert_lacks (texts[p], "DRAFT");
    }
  assert_contains (texts[0], "Titre du document");
  assert_contains (texts[0], "Section 00");

  for (guint section = 0; section < 6; section++)
    for (guint row = 0; row < 14; row++)
      {
        g_autofree char *key = g_strdup_printf ("S%02uR%02u", section, row);
        g_autofree char *start_text = g_strdup_printf ("début-%s", key);
        g_autofree char *end_text = g_strdup_printf ("fin-%s", key);
        g_autofree char *start = expected (start_text);
        g_autofree char *end = expected (end_text);
        guint found = 0;

        for (guint p = 0; p < n_pages; p++)
          if (strstr (texts[p], start) != NULL)
            {
              found++;
              /* The whole row is on that page. */
              g_assert_nonnull (strstr (texts[p], end));
              if (row == 0)
                {
                  g_autofree char *heading = g_strdup_printf ("Section %02u", section);

                  /* A heading is never left alone at the bottom of a page. */
                  g_assert_nonnull (strstr (texts[p], heading));
                }
            }
        g_assert_cmpuint (found, ==, 1);
      }

  for (guint p = 0; p < n_pages; p++)
    g_free (texts[p]);
}

/* "fi", "ff", "fl" are written as two letters, as typed, not as
 * ligatures: no glyph without a character code of its own, so the faces
 * need no subset beyond their simple one (CID, for such glyphs). */
static void
test_pdf_plain_text (void)
{
  g_autoptr(HabPdf) pdf = hab_pdf_new ("Fichier", "Effectifs");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *text = NULL;

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, "Un fichier officiel, efficace, affluent et fluide");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, "Affichage officiel");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, "Je certifie que le fichier est fidèle");
  bytes = hab_pdf_render (pdf, &error);
  g_assert_no_error (error);

  text = pdf_text (bytes, 0);
  assert_contains (text, "Un fichier officiel, efficace, affluent et fluide");
  assert_contains (text, "Je certifie que le fichier est fidèle");

  fonts = pdf_fonts (bytes);
  g_assert_nonnull (strstr (fonts, "DejaVuSans "));
  g_assert_nonnull (strstr (fonts, "DejaVuSerif "));
  if (strstr (fonts, "CID") != NULL)
    g_error ("A face has a second subset, for glyphs without a code:\n%s", fonts);
}

/* Cards that each keep to one page when they fit: some land at a page's
 * end and move whole to the next. */
static void
add_cards (HabPdf *pdf,
           guint   from,
           guint   to)
{
  for (guint i = from; i < to; i++)
    {
      g_autofree char *title = g_strdup_printf ("Fiche %02u", i);

      hab_pdf_begin_group (pdf);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_SUBHEADING, title);
      for (guint k = 0; k < 3 + i % 5; k++)
        hab_pdf_add_field (pdf, "Champ", "Une valeur assez longue pour aller sur deux lignes dans "
                                         "la colonne des valeurs, et même un peu plus loin.");
      hab_pdf_end_group (pdf);
    }
}

#define N_CARDS 24

/* A fixed date: the same content gives the same bytes. */
static HabPdf *
new_dated_pdf (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (TODAY_YEAR, TODAY_MONTH, TODAY_DAY, 0, 0, 0);
  HabPdf *pdf = hab_pdf_new ("En-tête", "Test");

  hab_pdf_set_creation_date (pdf, date);
  return pdf;
}

/* A document laid out in two parts, the second first (as the summary's
 * steps before its introduction), then drawn as one: the same bytes as
 * laid out whole, wherever the cut is. The groups of the second part keep
 * together once appended. */
static void
test_pdf_append (void)
{
  g_autoptr(HabPdf) whole = new_dated_pdf ();
  g_autoptr(GBytes) expected_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  add_cards (whole, 0, N_CARDS);
  n_pages = hab_pdf_get_n_pages (whole);
  g_assert_cmpuint (n_pages, >=, 3);
  expected_bytes = hab_pdf_render (whole, &error);
  g_assert_no_error (error);

  /* No card is cut over two pages. */
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *page = pdf_text (expected_bytes, p);

      for (guint i = 0; i < N_CARDS; i++)
        {
          g_autofree char *title = g_strdup_printf ("Fiche %02u", i);
          g_autofree char *next = g_strdup_printf ("Fiche %02u", i + 1);
          const char *start = strstr (page, title);

          /* A card whose title is on this page has its three first fields
           * here too. */
          if (start != NULL)
            {
              const char *end = i + 1 < N_CARDS ? strstr (start, next) : NULL;
              guint fields = 0;

              for (const char *f = strstr (start, "Champ"); f != NULL && (end == NULL || f < end);
                   f = strstr (f + 1, "Champ"))
                fields++;
              g_assert_cmpuint (fields, >=, 3);
            }
        }
    }

  for (guint cut = 1; cut < N_CARDS; cut += 5)
    {
      g_autoptr(HabPdf) second = new_dated_pdf ();
      g_autoptr(HabPdf) first = new_dated_pdf ();
      g_autoptr(GBytes) bytes = NULL;

      add_cards (second, cut, N_CARDS);
      add_cards (first, 0, cut);

      hab_pdf_append (first, second);
      g_assert_cmpuint (hab_pdf_get_n_pages (first), ==, n_pages);
      bytes = hab_pdf_render (first, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (bytes, expected_bytes));

      /* The part is empty now: nothing is drawn twice. */
      g_assert_cmpuint (hab_pdf_get_n_pages (second), ==, 1);
    }

  text = pdf_text (expected_bytes, 0);
  assert_contains (text, "Fiche 00");
  assert_contains (text, "Fiche 23");
}

/* A paragraph taller than a page goes on over pages, a line at a time,
 * and a table row taller than a page too, between two lines. */
static void
test_pdf_long_blocks (void)
{
  g_autoptr(HabPdf) pdf = hab_pdf_new ("Long", "Long");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) paragraph = g_string_new (NULL);
  g_autoptr(GString) cell = g_string_new (NULL);
  g_autofree char *all = NULL;
  static const double widths[] = { 0.3, 0.7 };
  const char *cells[2];

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (paragraph, "ligne%03u ", i);
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (cell, "cellule%03u\n", i);

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, paragraph->str);
  hab_pdf_begin_table (pdf, 2, widths, NULL);
  cells[0] = "Clé";
  cells[1] = cell->str;
  hab_pdf_add_row (pdf, cells);
  hab_pdf_end_table (pdf);

  bytes = hab_pdf_render (pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (bytes), >=, 3);

  all = pdf_text (bytes, 0);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *word = g_strdup_printf ("ligne%03u", i);

      g_assert_nonnull (strstr (all, word));
    }
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *word = g_strdup_printf ("cellule%03u", i);

      g_assert_nonnull (strstr (all, word));
    }
}

/* The same content gives the same bytes; the draft mark only in drafts;
 * the fonts are embedded. */

/* The height pdftotext -bbox gives the word @word of @bbox, in points. */
static double
word_height (const char *bbox,
             const char *word)
{
  g_autofree char *needle = g_strdup_printf (">%s</word>", word);
  const char *end = strstr (bbox, needle);
  const char *start;
  double y_min, y_max;

  g_assert_nonnull (end);
  start = g_strrstr_len (bbox, end - bbox, "<word ");
  g_assert_nonnull (start);
  g_assert_nonnull (strstr (start, "yMin=\""));
  y_min = g_ascii_strtod (strstr (start, "yMin=\"") + 6, NULL);
  y_max = g_ascii_strtod (strstr (start, "yMax=\"") + 6, NULL);

  return y_max - y_min;
}

/* @data deflated as deflateInit2() does at @level with deflateInit()'s
 * window and memory. */
static GBytes *
deflate_at (GBytes *data,
            int     level)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[16384];
  z_stream z = { 0 };
  gsize length;
  const guint8 *in = g_bytes_get_data (data, &length);
  int status;

  g_assert_cmpint (deflateInit2 (&z, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY), ==,
                   Z_OK);
  z.next_in = (guint8 *) in;
  z.avail_in = (uInt) length;
  do
    {
      z.next_out = buffer;
      z.avail_out = sizeof buffer;
      status = deflate (&z, Z_FINISH);
      g_assert_cmpint (status, !=, Z_STREAM_ERROR);
      g_byte_array_append (out, buffer, sizeof buffer - z.avail_out);
    }
  while (status != Z_STREAM_END);
  deflateEnd (&z);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The next "stream" keyword from @p, or NULL; the streams hold zeros. */
static const char *
find_stream (const char *p,
             const char *end)
{
  for (; p + 7 <= end; p++)
    if (memcmp (p, "stream\n", 7) == 0)
      return p;

  return NULL;
}

/* cairo's streams are compressed at HAB_PDF_DEFLATE_LEVEL, through
 * hab-pdf.c's deflateInit_(): each stream of a document is what deflating
 * its content at that level gives, and the font subsets are not what the
 * default level gives. */
static void
test_pdf_deflate_level (void)
{
  g_autoptr(HabPdf) pdf = hab_pdf_new ("Entete", "Document");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;
  const char *p;
  guint streams = 0, unlike_default = 0;

  /* What cairo's call is bound to. */
  g_assert_true (dlsym (RTLD_DEFAULT, "deflateInit_") == (void *) deflateInit_);

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_TITLE, "Attestation de l’employeur");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER,
                    "Je soussigné, maire de la commune, atteste que l’agent désigné ci-dessous "
                    "est employé par la collectivité : 45 000 habitants, « cantine » ?");
  hab_pdf_add_field (pdf, "Responsable", "Jeanne Martin");
  hab_pdf_add_check (pdf, TRUE, "Revenu fiscal de référence", "Calcul du tarif");
  bytes = hab_pdf_render (pdf, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);

  for (p = data; (p = find_stream (p, data + length)) != NULL; p++)
    {
      g_autoptr(GByteArray) content = g_byte_array_new ();
      g_autoptr(GBytes) inflated = NULL;
      g_autoptr(GBytes) ours = NULL;
      g_autoptr(GBytes) compressed = NULL;
      g_autoptr(GBytes) at_default = NULL;
      guint8 buffer[16384];
      z_stream z = { 0 };
      int status;

      if (p > data && p[-1] == 'd')
        continue; /* "endstream" */
      p += strlen ("stream\n");

      g_assert_cmpint (inflateInit (&z), ==, Z_OK);
      z.next_in = (guint8 *) p;
      z.avail_in = (uInt) (length - (p - data));
      do
        {
          z.next_out = buffer;
          z.avail_out = sizeof buffer;
          status = inflate (&z, Z_NO_FLUSH);
          g_assert_cmpint (status, >=, Z_OK);
          g_byte_array_append (content, buffer, sizeof buffer - z.avail_out);
        }
      while (status != Z_STREAM_END);
      ours = g_bytes_new (p, z.total_in);
      inflateEnd (&z);

      inflated = g_byte_array_free_to_bytes (g_steal_pointer (&content));
      compressed = deflate_at (inflated, HAB_PDF_DEFLATE_LEVEL);
      at_default = deflate_at (inflated, Z_DEFAULT_COMPRESSION);
      g_assert_true (g_bytes_equal (ours, compressed));
      if (!g_bytes_equal (ours, at_default))
        unlike_default++;
      streams++;
    }

  /* The page, and the map and subset of each font. */
  g_assert_cmpuint (streams, >=, 4);
  g_assert_cmpuint (unlike_default, >=, 1);
}

/* Text is laid out at one size and drawn at its own (hab-pdf.c): each
 * shows at the size its style or its markup gives it. */
static void
test_pdf_sizes (void)
{
  g_autoptr(HabPdf) pdf = hab_pdf_new ("Entete", "Document");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bbox = NULL;
  double body, title, note, detail, mono, letter, header;

  hab_pdf_add_text (pdf, HAB_PDF_STYLE_TITLE, "Titre");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, "Corps");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE, "Remarque");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_MONO, "Chasse");
  hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, "Lettre");
  hab_pdf_add_check (pdf, TRUE, "Coche", "Detail");
  bytes = hab_pdf_render (pdf, &error);
  g_assert_no_error (error);

  path = write_temp (bytes, "sizes.pdf");
  {
    const char *argv[] = { "pdftotext", "-bbox", path, "-", NULL };

    bbox = run_tool (argv);
  }

  /* DejaVu's line is 1.164 em high. */
  body = word_height (bbox, "Corps");
  g_assert_cmpfloat_with_epsilon (body, 9.5 * 1.164, 0.2);
  title = word_height (bbox, "Titre");
  g_assert_cmpfloat_with_epsilon (title / body, 17 / 9.5, 0.02);
  note = word_height (bbox, "Remarque");
  g_assert_cmpfloat_with_epsilon (note / body, 8 / 9.5, 0.02);
  mono = word_height (bbox, "Chasse");
  g_assert_cmpfloat_with_epsilon (mono / body, 8.5 / 9.5, 0.02);
  letter = word_height (bbox, "Lettre");
  g_assert_cmpfloat_with_epsilon (letter / body, 11 / 9.5, 0.02);
  /* Markup: the detail under a ticked item, 8383 / 1024 points. */
  detail = word_height (bbox, "Detail");
  g_assert_cmpfloat_with_epsilon (detail / body, 8383.0 / 1024 / 9.5, 0.02);
  /* The page's header, 7.5 points. */
  header = word_height (bbox, "Entete");
  g_assert_cmpfloat_with_epsilon (header / body, 7.5 / 9.5, 0.02);
}

static void
test_pdf_output (void)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) draft = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 27, 0, 0, 0);
  g_autofree char *text = NULL;
  g_autofree char *draft_text = NULL;
  g_autofree char *fonts = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HabPdf) pdf = hab_pdf_new ("En-tête", "Document");
      g_autoptr(GError) error = NULL;
      GBytes *bytes;

      hab_pdf_set_creation_date (pdf, date);
      hab_pdf_set_draft (pdf, i == 2);
      g_assert_cmpint (hab_pdf_get_draft (pdf), ==, i == 2);
      hab_pdf_add_field (pdf, "Commune", "Saint-Amand-des-Prés");
      hab_pdf_add_check (pdf, TRUE, "Revenu fiscal de référence", "dgfip_rfr");
      hab_pdf_add_check (pdf, FALSE, "Nombre de parts", NULL);
      hab_pdf_add_box (pdf, "Signature", 60);
      bytes = hab_pdf_render (pdf, &error);
      g_assert_no_error (error);

      if (i == 0)
        first = bytes;
      else if (i == 1)
        second = bytes;
      else
        draft = bytes;
    }

  g_assert_true (g_bytes_equal (first, second));

  text = pdf_text_full (first, 0, TRUE);
  assert_contains (text, "Commune Saint-Amand-des-Prés");
  assert_contains (text, "☑ Revenu fiscal de référence");
  assert_contains (text, "☐ Nombre de parts");
  assert_contains (text, "Page 1 / 1");
  assert_lacks (text, "DRAFT");

  draft_text = pdf_text (draft, 0);
  assert_contains (draft_text, "DRAFT");

  fonts = pdf_fonts (first);
  {
    g_auto(GStrv) lines = NULL;
    guint n_fonts = 0;

    lines = g_strsplit (fonts, "\n", -1);
    /* Two header lines, then one line per font: "name type encoding emb sub uni …". */
    for (guint i = 2; lines[i] != NULL; i++)
      {
        if (*lines[i] == '\0')
          continue;
        n_fonts++;
        g_assert_nonnull (strstr (lines[i], "DejaVu"));
        /* The columns emb, sub and uni: embedded, subset, with a ToUnicode map. */
        g_assert_nonnull (strstr (lines[i], " yes yes yes "));
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }
}

/* Lines: a left-aligned text is laid out without a width and broken into
 * lines by hab-pdf.c (set_width(), break_lines()); after
 * hab_pdf_set_pango_lines (TRUE), Pango wraps every text in its width, as
 * before. Both give the same bytes. */

/* A document whose texts Pango wraps (@pango_lines) or hab-pdf.c breaks. */
static HabPdf *
lines_pdf_new (gboolean    pango_lines,
               const char *title)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 27, 0, 0, 0);
  HabPdf *pdf;

  hab_pdf_set_pango_lines (pango_lines);
  pdf = hab_pdf_new ("En-tête", title);
  hab_pdf_set_pango_lines (FALSE);
  hab_pdf_set_creation_date (pdf, date);
  return pdf;
}

static GBytes *
lines_pdf_render (HabPdf *pdf)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = hab_pdf_render (pdf, &error);

  g_assert_no_error (error);
  return bytes;
}

static GBytes *
render_lines (gboolean pango_lines)
{
  static const char *const words[] = {
    "Le", "responsable", "de", "traitement", "atteste", "que", "les", "données",
    "fiscales", "ne", "seront", "utilisées", "que", "pour", "la", "tarification",
    "sociale", "de", "la", "cantine", "scolaire,", "conformément", "à", "la",
    "délibération", "du", "conseil", "municipal.", "Wagon", "AV", "Tô", "Vœu",
    "Saint-Tropez-Tarn", "T-Vallée-Yvelines",
  };
  static const char *const others[] = {
    /* Right to left: placed at the right edge. */
    "مرحبا بالعالم", "Nom : مرحبا",
    /* A tab, paragraphs, an empty one, a word longer than a line. */
    "Code\t42", "Ligne une\nLigne deux", "Avant\n\nAprès", "",
    "https://villeneuve-sur-garonne.fr/services/cantine/tarification-sociale-quotient-familial-2027.pdf",
    "   Espaces autour   ",
    /* Spaces at the end of a paragraph that wraps, after a character no
     * font has: Pango puts the last one on a line of its own. */
    "fiscalestraitement ' , \xe2\x80\xaf\xf0\x9f\x98\x80 ,WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"
    "\xe2\x80\xaf     \n : ",
  };
  g_autoptr(HabPdf) pdf = lines_pdf_new (pango_lines, "Lignes");
  g_autoptr(GString) text = g_string_new (NULL);

  /* One word more each time: on each side of each line's end. */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *mono = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *markup = NULL;

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", words[i]);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, text->str);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_HEADING, text->str);
      hab_pdf_add_field (pdf, "Libellé", text->str);
      hab_pdf_add_check (pdf, i % 2 == 0, text->str, text->str);
      escaped = g_markup_escape_text (text->str, -1);
      mono = g_strdup_printf ("<span font_family=\"DejaVu Sans Mono\" size=\"7600\">%s</span>",
                              escaped);
      hab_pdf_add_field_markup (pdf, "Empreinte", mono);
      markup = g_strdup_printf ("<b>%s</b>\n<span size=\"7500\" foreground=\"#545454\">%s</span>",
                                escaped, escaped);
      hab_pdf_add_markup (pdf, HAB_PDF_STYLE_BODY, markup);
      /* Runs of several fonts and colours on a line. */
      g_free (markup);
      markup = g_strdup_printf ("Mot <b>%s</b> %s <span foreground=\"#545454\">%s</span>",
                                escaped, escaped, escaped);
      hab_pdf_add_markup (pdf, HAB_PDF_STYLE_BODY, markup);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER, text->str);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_LETTER_TITLE, text->str);
    }
  /* Then one character more each time: closer to each line's end. */
  for (const char *end = g_utf8_next_char (text->str); *end != '\0'; end = g_utf8_next_char (end))
    {
      g_autofree char *start = g_strndup (text->str, end - text->str);

      hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, start);
      hab_pdf_add_field (pdf, "Libellé", start);
      hab_pdf_add_check (pdf, FALSE, start, NULL);
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_NOTE, start);
    }
  /* A line that ends after "-" only once "-" is no longer kerned with
   * the "T" that follows it, on the next line. */
  {
    const char *line = "Tô  :' AVde   WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWa/b/c/d/e/f/g/h -T";
    g_autofree char *kerned = g_strdup_printf ("<b>%s</b> %s <span font_family=\"DejaVu Sans Mono\" "
                                               "size=\"7600\">%s</span>", line, line, line);

    hab_pdf_add_markup (pdf, HAB_PDF_STYLE_BODY, kerned);
  }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      hab_pdf_add_text (pdf, HAB_PDF_STYLE_BODY, others[i]);
      hab_pdf_add_field (pdf, others[i], others[i]);
    }

  return lines_pdf_render (pdf);
}

static void
test_pdf_lines (void)
{
  g_autoptr(GBytes) ours = render_lines (FALSE);
  g_autoptr(GBytes) pango = render_lines (TRUE);
  g_autofree char *text = pdf_text (ours, 0);

  g_assert_cmpuint (pdf_pages (ours), >, 1);
  g_assert_true (g_bytes_equal (ours, pango));
  assert_contains (text, "délibération du conseil municipal.");

  /* Every document of every example. */
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr(HabDossier) dossier = load_example (examples[i]);

      for (HabDocument document = 0; document < HAB_N_DOCUMENTS; document++)
        {
          g_autoptr(GBytes) with_ours = NULL;
          g_autoptr(GBytes) with_pango = NULL;

          if (!hab_document_applies (document, dossier)
              || !g_str_has_suffix (hab_document_get_file_name (document), ".pdf"))
            continue;

          with_ours = generate (document, dossier, FALSE);
          hab_pdf_set_pango_lines (TRUE);
          with_pango = generate (document, dossier, FALSE);
          hab_pdf_set_pango_lines (FALSE);
          g_assert_true (g_bytes_equal (with_ours, with_pango));
        }
    }
}

/* Texts made of pieces at random (the same ones at each run): words,
 * spaces, punctuation, French typography, long words, other scripts (one
 * written right to left), a character no font has, tabs, line breaks and
 * empty paragraphs; as text, fields and markup of several fonts, in every
 * style. */
static GBytes *
render_random_lines (gboolean pango_lines,
                     guint32  seed)
{
  static const char *const pieces[] = {
    "le", "responsable", "de", "traitement", "données", "fiscales", " ", "  ", ",", ".",
    " ;", " :", "45 000 €", "n° 12", "L. 114-8", "« guillemets »", "aujourd'hui", "Wagon",
    "AV", "Tô", "Vœu", "e\xcc\x81", "-", "—", "a/b/c/d", "x", "\n", "Saint-Tropez", "T-Vallée",
    "https://villeneuve-sur-garonne.fr/services/cantine/tarification-sociale.pdf",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "Ελληνικά", "Кириллица", "日本語の文章",
    "עברית", "\t", "\r\n", "\n\n",
  };
  g_autoptr(HabPdf) pdf = lines_pdf_new (pango_lines, "Hasard");
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *escaped = NULL;
      g_autofree char *markup = NULL;
      guint n = g_rand_int_range (rand, 1, 50);

      for (guint j = 0; j < n; j++)
        {
          g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          if (g_rand_boolean (rand))
            g_string_append_c (text, ' ');
        }
      escaped = g_markup_escape_text (text->str, -1);
      markup = g_strdup_printf ("<b>%s</b> %s <span font_family=\"DejaVu Sans Mono\" "
                                "size=\"7600\">%s</span> <span foreground=\"#545454\">%s</span>",
                                escaped, escaped, escaped, escaped);
      hab_pdf_add_text (pdf, g_rand_int_range (rand, HAB_PDF_STYLE_BODY, HAB_PDF_STYLE_ADDRESS + 1),
                        text->str);
      hab_pdf_add_field (pdf, "Libellé", text->str);
      hab_pdf_add_markup (pdf, HAB_PDF_STYLE_BODY, markup);
    }

  return lines_pdf_render (pdf);
}

static void
test_pdf_lines_random (void)
{
  for (guint32 seed = 1; seed <= 24; seed++)
    {
      g_autoptr(GBytes) ours = render_random_lines (FALSE, seed);
      g_autoptr(GBytes) pango = render_random_lines (TRUE, seed);

      g_assert_true (g_bytes_equal (ours, pango));
    }
}

/* Summary */

static void
assert_scopes (const char   *text,
               HabDossier   *dossier,
               const HabApi *api)
{
  for (guint i = 0; i < api->scopes->len; i++)
    {
      const HabScope *scope = g_ptr_array_index (api->scopes, i);
      g_autofree char *line = g_strdup_printf ("%s %s",
                                               hab_dossier_has_scope (dossier, scope->key) ? "☑" : "☐",
                                               scope->label);

      assert_contains (text, line);
    }
}

typedef struct
{
  HabDossier         *dossier;
  HabDocumentOptions *options;
  GPtrArray          *findings;
} SummaryInSteps;

/* As the bundle's thread makes it: the steps first, then the rest. */
static gpointer
summary_in_steps (gpointer data)
{
  SummaryInSteps *summary = data;
  g_autoptr(HabPdf) steps = hab_document_lay_out_summary_steps (summary->dossier,
                                                                summary->options);
  g_autoptr(HabPdf) pdf = hab_document_lay_out_summary (summary->dossier, summary->options,
                                                        summary->findings, steps);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = hab_pdf_render (pdf, &error);

  g_assert_no_error (error);
  hab_pdf_release_fonts ();
  return bytes;
}

/* The summary laid out in steps, in a thread of its own: the same bytes
 * as laid out at once (the numbers of the sections, the joins). */
static void
assert_summary_in_steps (HabDossier *dossier,
                         GBytes     *whole)
{
  g_autoptr(HabValidator) validator = hab_validator_new (NULL);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HabDocumentOptions options;
  SummaryInSteps summary;

  options_init (&options, FALSE);
  hab_validator_set_today (validator, &options.today);
  findings = hab_validator_validate (validator, dossier);

  summary = (SummaryInSteps) { dossier, &options, findings };
  bytes = g_thread_join (g_thread_new ("test-summary", summary_in_steps, &summary));
  g_assert_true (g_bytes_equal (bytes, whole));
}

static void
test_summary (gconstpointer data)
{
  const char *name = data;
  g_autoptr(HabDossier) dossier = load_example (name);
  g_autoptr(GBytes) pdf = generate (HAB_DOCUMENT_SUMMARY, dossier, FALSE);
  g_autoptr(GBytes) again = generate (HAB_DOCUMENT_SUMMARY, dossier, FALSE);
  g_autoptr(GBytes) draft = generate (HAB_DOCUMENT_SUMMARY, dossier, TRUE);
  g_autofree char *text = pdf_text (pdf, 0);
  g_autofree char *draft_text = pdf_text (draft, 0);
  g_autofree char *fingerprint = hab_fingerprint_compute (dossier);
  const HabApi *api = hab_catalogue_lookup_api (hab_catalogue_get_default (),
                                                hab_dossier_get_string (dossier, "parcours.api"));
  JsonArray *reviews = hab_dossier_get_array (dossier, "dpo.reviews");
  guint n_pages = pdf_pages (pdf);

  g_assert_true (g_bytes_equal (pdf, again));
  assert_summary_in_steps (dossier, pdf);
  g_assert_nonnull (api);

  /* Every step, every field. */
  assert_contains (text, hab_dossier_get_string (dossier, "project.title"));
  assert_contains (text, hab_dossier_get_string (dossier, "organisation.name"));
  assert_contains (text, hab_dossier_get_string (dossier, "organisation.address"));
  assert_contains (text, hab_dossier_get_string (dossier, "project.description"));
  assert_contains (text, hab_dossier_get_string (dossier, "project.data_usage"));
  assert_contains (text, hab_dossier_get_string (dossier, "legal.nature"));
  assert_contains (text, hab_dossier_get_string (dossier, "data.recipients"));
  assert_contains (text, hab_dossier_get_string (dossier, "data.access"));
  assert_contains (text, api->label);
  /* Every step, numbered in order, then the findings. */
  {
    guint number = 0;
    g_autofree char *findings_heading = NULL;

    for (HabStep step = 0; step < HAB_STEP_SYNTHESE; step++)
      if (step != HAB_STEP_EDITEUR
          || g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "editor") == 0)
        {
          g_autofree char *heading = g_strdup_printf ("%u. %s", ++number,
                                                      hab_step_get_title (step));

          assert_contains (text, heading);
        }
    findings_heading = g_strdup_printf ("%u. Findings", number + 1);
    assert_contains (text, findings_heading);
  }

  /* Every card. */
  {
    static const char *const roles[] = {
      HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
      HAB_ROLE_RESPONSABLE_TECHNIQUE,
    };

    for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
      {
        g_autoptr(HabContact) contact = hab_dossier_dup_inline_contact (dossier, roles[i]);

        g_assert_nonnull (contact);
        assert_contains (text, contact->email);
        assert_contains (text, contact->job_title);
      }
  }

  /* Every data item of the API, requested or not, or every modality. */
  if (api->has_scopes)
    {
      assert_scopes (text, dossier, api);
      assert_contains (text, "Purpose:");
      assert_contains (text, "Not requested");
    }
  for (guint i = 0; i < api->modalities->len; i++)
    {
      const HabModality *modality = g_ptr_array_index (api->modalities, i);
      g_autofree char *line = g_strdup_printf ("%s %s",
                                               hab_dossier_has_modality (dossier, modality->key)
                                               ? "☑" : "☐",
                                               modality->label);

      assert_contains (text, line);
    }

  /* The fingerprint, the reviews, the note on what it proves. */
  assert_contains (text, fingerprint);
  assert_contains (text, "evidence of intent, not an electronic signature");
  if (reviews != NULL && json_array_get_length (reviews) > 0)
    {
      JsonObject *review = json_array_get_object_element (reviews, 0);

      assert_contains (text, hab_json_object_get_string (review, "reviewer"));
      assert_contains (text, hab_json_object_get_string (review, "comment"));
    }
  else
    assert_contains (text, "The DPO has not reviewed the data yet.");

  /* The findings and the generation date. */
  assert_contains (text, "Findings");
  assert_contains (text, "Generated on 27 November 2026");

  /* The draft mark, on every page of the draft only. */
  assert_lacks (text, "DRAFT");
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *page = pdf_text (draft, p);

      assert_contains (page, "DRAFT");
    }
  assert_contains (draft_text, fingerprint);
}

/* An approval outdated by a change of the data says so. */
static void
test_summary_outdated (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  hab_dossier_set_scope (dossier, "dgfip_nbpart", "Calcul du quotient familial");
  pdf = generate (HAB_DOCUMENT_SUMMARY, dossier, TRUE);
  text = pdf_text (pdf, 0);
  assert_contains (text, "The latest approval is outdated");
  assert_contains (text, "Not the current data’s fingerprint");
  assert_contains (text, "☑ Nombre de parts");
  assert_contains (text, "dpo.approval_outdated");
}

/* A finding of the validator is in the summary, with its severity. */
static void
test_summary_findings (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  hab_dossier_set_string (dossier, "organisation.siret", "123");
  pdf = generate (HAB_DOCUMENT_SUMMARY, dossier, TRUE);
  text = pdf_text (pdf, 0);
  assert_contains (text, "Error");
  assert_contains (text, "organisation.siret");
  assert_contains (text, "1 error");
}

/* Attestations, designation */

static void
test_attestations (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GBytes) demandeur = generate (HAB_DOCUMENT_ATTESTATION_DEMANDEUR, dossier, FALSE);
  g_autoptr(GBytes) editeur = generate (HAB_DOCUMENT_ATTESTATION_EDITEUR, dossier, FALSE);
  g_autoptr(GBytes) designation = generate (HAB_DOCUMENT_DESIGNATION, dossier, FALSE);
  g_autofree char *demandeur_text = pdf_text (demandeur, 0);
  g_autofree char *editeur_text = pdf_text (editeur, 0);
  g_autofree char *designation_text = pdf_text (designation, 0);

  g_assert_cmpuint (pdf_pages (demandeur), ==, 1);
  g_assert_cmpuint (pdf_pages (editeur), ==, 1);
  g_assert_cmpuint (pdf_pages (designation), ==, 1);

  assert_contains (demandeur_text, "EMPLOYER ATTESTATION");
  assert_contains (demandeur_text, "HADDAD Karim");
  assert_contains (demandeur_text, "23/06/1981");
  assert_contains (demandeur_text, "Nanterre (92)");
  assert_contains (demandeur_text, "Ville de Saint-Amand-des-Prés");
  assert_contains (demandeur_text, "21920012300012");
  assert_contains (demandeur_text, "Hôtel de ville, 12 rue de la République");
  assert_contains (demandeur_text, "Code pénal, article 441-3");
  /* Blanks for the employer's representative and the place and date. */
  assert_contains (demandeur_text, "I, the undersigned, ______");
  assert_contains (demandeur_text, "Done at ______");
  assert_lacks (demandeur_text, "DRAFT");

  assert_contains (editeur_text, "MOREAU Sophie");
  assert_contains (editeur_text, "02/11/1979");
  assert_contains (editeur_text, "Toulouse (31)");
  assert_contains (editeur_text, "Logiciels Civiques SAS");

  assert_contains (designation_text, "DESIGNATION");
  assert_contains (designation_text, "HADDAD Karim");
  assert_contains (designation_text, "Ville de Saint-Amand-des-Prés");
  assert_contains (designation_text, "93468 Noisy-le-Grand Cedex");
  assert_contains (designation_text, "(Stamp) and signature");
}

/* Without a card in the file, the lookup gives it; without either, blanks. */
static HabContact *
lookup_cb (const char *contact_id,
           gpointer    user_data)
{
  guint *calls = user_data;
  HabContact *contact;

  (*calls)++;
  if (g_strcmp0 (contact_id, "2c4e6a8b-1d3f-4a5c-9e7b-0d2f4a6c8e01") != 0)
    return NULL;

  contact = hab_contact_new ();
  contact->given_name = g_strdup ("Zoé");
  contact->family_name = g_strdup ("Lefèvre");
  contact->birth_date = g_strdup ("1990-02-01");
  contact->birth_place = g_strdup ("Évreux (27)");
  return contact;
}

static void
test_attestation_contacts (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) with_lookup = NULL;
  g_autoptr(GBytes) without = NULL;
  g_autofree char *with_text = NULL;
  g_autofree char *without_text = NULL;
  HabDocumentOptions options;
  guint calls = 0;

  hab_dossier_remove (dossier, "actors.demandeur.contact");

  options_init (&options, FALSE);
  options.contact_lookup = lookup_cb;
  options.contact_lookup_data = &calls;
  with_lookup = hab_document_generate (HAB_DOCUMENT_ATTESTATION_DEMANDEUR, dossier, &options, NULL,
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls, >, 0);
  with_text = pdf_text (with_lookup, 0);
  assert_contains (with_text, "LEFÈVRE Zoé");
  assert_contains (with_text, "01/02/1990");
  assert_contains (with_text, "Évreux (27)");

  without = generate (HAB_DOCUMENT_ATTESTATION_DEMANDEUR, dossier, FALSE);
  without_text = pdf_text (without, 0);
  assert_lacks (without_text, "HADDAD");
  assert_contains (without_text, "certifies that ______");
  assert_contains (without_text, "born on ___/___/______");
  assert_contains (without_text, "card was not found");
}

/* Questionnaire */

static void
test_questionnaire (void)
{
  g_autoptr(HabDossier) dossier = load_example ("ordonnateur-r2p-interne.habilitation");
  g_autoptr(HabDossier) homologation = load_example ("creche-production-editeur.habilitation");
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *annex = NULL;

  g_assert_true (hab_document_applies (HAB_DOCUMENT_QUESTIONNAIRE, dossier));
  g_assert_false (hab_document_applies (HAB_DOCUMENT_QUESTIONNAIRE, homologation));
  g_assert_false (hab_document_applies (HAB_DOCUMENT_ATTESTATION_EDITEUR, dossier));
  g_assert_true (hab_document_applies (HAB_DOCUMENT_ATTESTATION_EDITEUR, homologation));

  hab_dossier_set_string (dossier, "security.questionnaire.O3", "no");
  hab_dossier_set_boolean (dossier, "security.questionnaire_preparation.hosting", TRUE);
  pdf = generate (HAB_DOCUMENT_QUESTIONNAIRE, dossier, FALSE);
  text = pdf_text (pdf, 1);
  annex = pdf_text (pdf, 2);

  assert_contains (text, "DGFiP API SECURITY QUESTIONNAIRE");
  assert_contains (text, "API Courtier fonctionnel SFiP");
  assert_contains (text, "SICTOM des Coteaux");
  assert_contains (text, "Zone artisanale des Pins, 31250 Revel");
  assert_contains (text, "Marc Lefebvre, Directeur général des services");
  assert_contains (text, "[O 1] Has an information systems security officer (RSSI) been appointed? ☑ YES ☐ NO");
  assert_contains (text, "[O 3] Is there a charter for the use of the information system? ☐ YES ☑ NO");
  assert_contains (text, "[O 5]");
  assert_lacks (text, "Hosting of the information system");

  /* The other axes: apart, and said not to be the DGFiP's. */
  assert_contains (annex, "not part of the DGFiP’s questionnaire");
  assert_contains (annex, "☑ Hosting of the information system");
  assert_contains (annex, "☐ Security monitoring and supervision measures");
  assert_lacks (annex, "[O ");
}

/* DataPass hand-off */

static void
test_datapass_text (gconstpointer data)
{
  const char *name = data;
  g_autoptr(HabDossier) dossier = load_example (name);
  g_autoptr(GBytes) bytes = generate (HAB_DOCUMENT_DATAPASS, dossier, FALSE);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = hab_datapass_build_url (dossier, NULL, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  const char *form = hab_datapass_get_form_uid (dossier, NULL, NULL);
  HabDocumentOptions options;
  gboolean in_house_production =
    g_strcmp0 (hab_dossier_get_string (dossier, "parcours.stage"), "production") == 0
    && g_strcmp0 (hab_dossier_get_string (dossier, "parcours.development"), "in_house") == 0;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (form);
  g_assert_nonnull (strstr (text, form));
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    if (g_str_equal (examples[i], name))
      {
        g_autofree char *line = g_strdup_printf ("DataPass form: %s\n", example_forms[i]);

        g_assert_cmpstr (form, ==, example_forms[i]);
        g_assert_nonnull (strstr (text, line));
      }

  if (in_house_production)
    {
      g_assert_null (url);
      g_assert_null (strstr (text, "https://datapass.api.gouv.fr/formulaires/"));
      g_assert_nonnull (strstr (text, "Démarrer ma demande d’habilitation en production"));
    }
  else
    {
      JsonArray *scopes = hab_dossier_get_array (dossier, "data.scopes");
      g_autofree char *prefix = g_strdup_printf ("https://datapass.api.gouv.fr/formulaires/%s/demande/nouveau?",
                                                 form);
      g_autoptr(GString) expected_scopes = g_string_new (NULL);
      g_autoptr(GString) link_scopes = g_string_new (NULL);
      g_auto(GStrv) params = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, url));
      g_assert_true (g_str_has_prefix (url, prefix));

      /* The link's scopes[] are the dossier's, in order. */
      for (guint i = 0; scopes != NULL && i < json_array_get_length (scopes); i++)
        g_string_append_printf (expected_scopes, "%s;",
                                hab_json_object_get_string (json_array_get_object_element (scopes, i),
                                                            "key"));
      params = g_strsplit (strchr (url, '?') + 1, "&", -1);
      for (guint i = 0; params[i] != NULL; i++)
        if (g_str_has_prefix (params[i], "scopes[]="))
          g_string_append_printf (link_scopes, "%s;", params[i] + strlen ("scopes[]="));
      g_assert_cmpstr (link_scopes->str, ==, expected_scopes->str);
      g_assert_cmpuint (expected_scopes->len, >, 0);
    }

  /* The text of every field, contacts included (never in the link). */
  options_init (&options, FALSE);
  fields = hab_datapass_text_get_fields (dossier, &options);
  g_assert_cmpuint (fields->len, >, 10);
  for (guint i = 0; i < fields->len; i++)
    {
      HabDatapassField *field = g_ptr_array_index (fields, i);
      g_autofree char *line = g_strdup_printf ("[%s]", field->key);

      g_assert_nonnull (strstr (text, line));
      g_assert_nonnull (strstr (text, field->label));
      if (*field->value != '\0')
        g_assert_nonnull (strstr (text, field->value));
      if (field->prefilled)
        g_assert_nonnull (url);
      g_assert_false (in_house_production && field->prefilled);
    }

  {
    g_autoptr(HabContact) rt = hab_dossier_dup_inline_contact (dossier, HAB_ROLE_RESPONSABLE_TRAITEMENT);
    g_autoptr(HabContact) dpo = hab_dossier_dup_inline_contact (dossier,
                                                                HAB_ROLE_DELEGUE_PROTECTION_DONNEES);

    g_assert_nonnull (strstr (text, rt->email));
    g_assert_nonnull (strstr (text, rt->family_name));
    g_assert_nonnull (strstr (text, dpo->phone));
    if (url != NULL)
      {
        static const char *const roles[] = {
          HAB_ROLE_DEMANDEUR, HAB_ROLE_RESPONSABLE_TRAITEMENT, HAB_ROLE_DELEGUE_PROTECTION_DONNEES,
          HAB_ROLE_RESPONSABLE_TECHNIQUE, HAB_ROLE_EDITEUR,
        };

        /* No contact in the link (DataPass refuses them, against impersonation). */
        for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
          {
            g_autoptr(HabContact) card = hab_dossier_dup_inline_contact (dossier, roles[r]);
            g_autofree char *escaped = NULL;

            if (card == NULL)
              continue;
            escaped = g_uri_escape_string (card->email, NULL, FALSE);
            g_assert_null (strstr (url, card->email));
            g_assert_null (strstr (url, escaped));
          }
        g_assert_null (strstr (url, "family_name"));
        g_assert_null (strstr (url, "responsable_traitement_"));
        g_assert_null (strstr (url, "delegue_protection_donnees_"));
        g_assert_null (strstr (url, "contact_technique_email"));
        g_assert_null (strstr (url, "phone"));
      }
  }

  /* The files to upload, from the bundle. */
  {
    g_autoptr(GPtrArray) pieces = hab_documents_list_pieces (dossier);

    for (guint i = 0; i < pieces->len; i++)
      g_assert_nonnull (strstr (text, ((HabPiece *) g_ptr_array_index (pieces, i))->bundle_name));
  }
}

static void
test_datapass_fields (void)
{
  g_autoptr(HabDossier) sandbox = load_example ("cantine-scolaire-bac-a-sable.habilitation");
  g_autoptr(HabDossier) r2p = load_example ("ordonnateur-r2p-interne.habilitation");
  g_autoptr(GPtrArray) sandbox_fields = NULL;
  g_autoptr(GPtrArray) r2p_fields = NULL;
  g_autoptr(HabDatapassField) copy = NULL;
  HabDocumentOptions options;
  const char *first_step = NULL;
  gboolean seen_scopes = FALSE, seen_safety = FALSE;

  options_init (&options, FALSE);
  sandbox_fields = hab_datapass_text_get_fields (sandbox, &options);
  for (guint i = 0; i < sandbox_fields->len; i++)
    {
      HabDatapassField *field = g_ptr_array_index (sandbox_fields, i);

      g_assert_false (field->from_sandbox);
      if (g_str_equal (field->key, "scopes"))
        {
          seen_scopes = TRUE;
          g_assert_true (field->prefilled);
          g_assert_cmpstr (field->value, ==,
                           "Dernière année de revenu (N-1)\nRevenu fiscal de référence\n"
                           "Nombre de parts\nAdresse déclarée au 1er Janvier");
        }
      if (g_str_has_prefix (field->key, "safety_certification"))
        seen_safety = TRUE;
      if (g_str_equal (field->key, "responsable_traitement_email"))
        {
          g_assert_false (field->prefilled);
          g_assert_cmpstr (field->value, ==, "paul.durand@villeneuve-sur-garonne.fr");
        }
      if (g_str_equal (field->key, "date_prevue_mise_en_production"))
        g_assert_cmpstr (field->value, ==, "01/03/2027");
    }
  g_assert_true (seen_scopes);
  g_assert_false (seen_safety);

  /* In-house production: the production steps first, then the kept ones;
   * R2P has modalities and no scopes. */
  r2p_fields = hab_datapass_text_get_fields (r2p, &options);
  for (guint i = 0; i < r2p_fields->len; i++)
    {
      HabDatapassField *field = g_ptr_array_index (r2p_fields, i);

      if (first_step == NULL)
        first_step = field->step;
      g_assert_false (field->prefilled);
      g_assert_cmpstr (field->key, !=, "scopes");
      if (g_str_equal (field->step, "basic_infos") || g_str_equal (field->step, "modalities"))
        g_assert_true (field->from_sandbox);
      if (g_str_equal (field->key, "safety_certification_authority_name"))
        {
          g_assert_false (field->from_sandbox);
          g_assert_cmpstr (field->value, ==, "Marc Lefebvre");
        }
      if (g_str_equal (field->key, "operational_acceptance_done"))
        g_assert_cmpint (field->kind, ==, HAB_DATAPASS_FIELD_CHECKBOX);
      if (g_str_equal (field->key, "safety_certification_document"))
        {
          g_assert_cmpint (field->kind, ==, HAB_DATAPASS_FIELD_FILE);
          g_assert_cmpstr (field->value, ==, "pieces/questionnaire-securite-sictom.pdf");
        }
    }
  g_assert_cmpstr (first_step, ==, "operational_acceptance");

  copy = hab_datapass_field_copy (g_ptr_array_index (r2p_fields, 0));
  g_assert_cmpstr (copy->key, ==, ((HabDatapassField *) g_ptr_array_index (r2p_fields, 0))->key);
}

/* Pieces */

static JsonNode *
attachment (const char *name,
            const char *path)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (name != NULL)
    json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "path", path);
  json_node_take_object (node, object);
  return node;
}

static void
test_pieces (void)
{
  g_autoptr(HabDossier) dossier = load_example ("creche-production-editeur.habilitation");
  g_autoptr(JsonNode) evil = attachment ("../../etc/passwd", "x");
  g_autoptr(JsonNode) twin = attachment ("deliberation-2026-112.pdf", "other/deliberation-2026-112.pdf");
  g_autoptr(JsonNode) hidden = attachment (".hidden", "y");
  g_autoptr(JsonNode) nameless = attachment (NULL, "/somewhere/maquette.pdf");
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *documents;

  documents = hab_dossier_get_array (dossier, "legal.documents");
  json_array_add_element (documents, json_node_ref (evil));
  json_array_add_element (documents, json_node_ref (twin));
  hab_dossier_set_node (dossier, "legal.deliberation.document", json_node_ref (hidden));
  hab_dossier_set_node (dossier, "project.mockup", json_node_ref (nameless));

  pieces = hab_documents_list_pieces (dossier);
  g_assert_cmpuint (pieces->len, ==, 6);

  for (guint i = 0; i < pieces->len; i++)
    {
      HabPiece *piece = g_ptr_array_index (pieces, i);

      g_assert_true (g_str_has_prefix (piece->bundle_name, "pieces/"));
      g_assert_null (strchr (piece->bundle_name + strlen ("pieces/"), '/'));
      g_assert_false (piece->bundle_name[strlen ("pieces/")] == '.');
      g_assert_true (g_hash_table_add (names, piece->bundle_name));
    }

  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 0))->field, ==, "project.mockup");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 0))->bundle_name, ==, "pieces/maquette.pdf");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 1))->bundle_name, ==,
                   "pieces/deliberation-2026-112.pdf");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 2))->bundle_name, ==, "pieces/passwd");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 3))->field, ==, "legal.documents.2");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 3))->bundle_name, ==,
                   "pieces/deliberation-2026-112-2.pdf");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 4))->bundle_name, ==, "pieces/hidden");
  g_assert_cmpstr (((HabPiece *) g_ptr_array_index (pieces, 5))->field, ==, "security.document");
}

/* A dossier nearly empty still gives every document, with blanks. */
static void
test_empty_dossier (void)
{
  g_autoptr(HabDossier) dossier = hab_dossier_new ();

  for (HabDocument document = 0; document < HAB_N_DOCUMENTS; document++)
    {
      g_autoptr(GBytes) bytes = generate (document, dossier, TRUE);

      g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
      g_assert_nonnull (hab_document_get_file_name (document));
      g_assert_nonnull (hab_document_get_title (document));
      g_assert_nonnull (hab_document_get_description (document));
      if (g_str_has_suffix (hab_document_get_file_name (document), ".pdf"))
        {
          g_autofree char *text = pdf_text (bytes, 0);

          assert_contains (text, "DRAFT");
          assert_contains (text, "Untitled dossier");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/documents/typography", test_typography);
  g_test_add_func ("/documents/pdf/pagination", test_pdf_pagination);
  g_test_add_func ("/documents/pdf/long-blocks", test_pdf_long_blocks);
  g_test_add_func ("/documents/pdf/output", test_pdf_output);
  g_test_add_func ("/documents/pdf/sizes", test_pdf_sizes);
  g_test_add_func ("/documents/pdf/deflate-level", test_pdf_deflate_level);
  g_test_add_func ("/documents/pdf/append", test_pdf_append);
  g_test_add_func ("/documents/pdf/plain-text", test_pdf_plain_text);
  g_test_add_func ("/documents/pdf/lines", test_pdf_lines);
  g_test_add_func ("/documents/pdf/lines-random", test_pdf_lines_random);
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *summary = g_strdup_printf ("/documents/summary/%s", examples[i]);
      g_autofree char *datapass = g_strdup_printf ("/documents/datapass-text/%s", examples[i]);

      g_test_add_data_func (summary, examples[i], test_summary);
      g_test_add_data_func (datapass, examples[i], test_datapass_text);
    }
  g_test_add_func ("/documents/summary-findings", test_summary_findings);
  g_test_add_func ("/documents/summary-outdated", test_summary_outdated);
  g_test_add_func ("/documents/attestations", test_attestations);
  g_test_add_func ("/documents/attestation-contacts", test_attestation_contacts);
  g_test_add_func ("/documents/questionnaire", test_questionnaire);
  g_test_add_func ("/documents/datapass-fields", test_datapass_fields);
  g_test_add_func ("/documents/pieces", test_pieces);
  g_test_add_func ("/documents/empty-dossier", test_empty_dossier);

  return g_test_run ();
}
