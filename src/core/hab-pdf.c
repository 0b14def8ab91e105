/* hab-pdf.c: a small document writer over cairo's PDF surface and Pango.
 *
 * A document is a list of blocks (paragraphs, label–value fields, table
 * rows, ticked items, boxes to sign in), laid out once on A4 pages and
 * then drawn: the first pass places every block and so knows the number
 * of pages that the second pass writes in each footer ("Page 2 / 5").
 * A line of text is never cut across two pages, nor is a table row (a row
 * taller than a whole page is the only one split, between two lines);
 * headings stay with what follows them, a paragraph leaves no single line
 * alone at the bottom or the top of a page, and a table's header row is
 * repeated on the pages it continues on. Fonts are embedded (subsets),
 * the text stays extractable, and the same content gives the same bytes.
 *
 * Copyright 2026 The Habilitation authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hab-pdf"

#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <hb-ot.h>
#include <zlib.h>

#include "hab-pdf.h"
#include "hab-pdf-private.h"

#define MARGIN_X        56.693   /* 20 mm */
#define CONTENT_TOP     76.0
#define CONTENT_BOTTOM  (HAB_PDF_PAGE_HEIGHT - 62.0)
#define CONTENT_WIDTH   (HAB_PDF_PAGE_WIDTH - 2 * MARGIN_X)
#define CONTENT_HEIGHT  (CONTENT_BOTTOM - CONTENT_TOP)
#define HEADER_Y        34.0
#define FOOTER_Y        (HAB_PDF_PAGE_HEIGHT - 48.0)
#define CELL_PADDING_X  4.0
#define FIELD_LABEL_WIDTH 0.31
#define CHECK_WIDTH     16.0

#define SANS            "DejaVu Sans"
#define SERIF           "DejaVu Serif"
#define MONO            "DejaVu Sans Mono"

/* Bleu France, the French State's blue, for titles. */
#define TITLE_RGB       0.0, 0.0, 0.569
#define TEXT_RGB        0.10, 0.10, 0.10
#define NOTE_RGB        0.33, 0.33, 0.33

typedef struct
{
  const char     *font;
  double          r, g, b;
  double          space_before;
  double          space_after;
  gboolean        keep_with_next;
  PangoAlignment  alignment;
  gboolean        justify;
  double          line_spacing;   /* factor, 0 for the font's own */
  double          indent;         /* share of the content width left empty */
} Style;

static const Style styles[] = {
  [HAB_PDF_STYLE_BODY] = { SANS " 9.5", TEXT_RGB, 0, 4, FALSE, PANGO_ALIGN_LEFT, FALSE, 0, 0 },
  [HAB_PDF_STYLE_TITLE] = { SANS " Bold 17", TITLE_RGB, 0, 6, TRUE, PANGO_ALIGN_LEFT, FALSE, 0, 0 },
  [HAB_PDF_STYLE_HEADING] = { SANS " Bold 12.5", TITLE_RGB, 16, 6, TRUE, PANGO_ALIGN_LEFT, FALSE, 0, 0 },
  [HAB_PDF_STYLE_SUBHEADING] = { SANS " Bold 10", TEXT_RGB, 9, 4, TRUE, PANGO_ALIGN_LEFT, FALSE, 0, 0 },
  [HAB_PDF_STYLE_NOTE] = { SANS " 8", NOTE_RGB, 0, 4, FALSE, PANGO_ALIGN_LEFT, FALSE, 0, 0 },
  [HAB_PDF_STYLE_MONO] = { MONO " 8.5", TEXT_RGB, 0, 4, FALSE, PANGO_ALIGN_LEFT, FALSE, 0, 0 },
  [HAB_PDF_STYLE_LETTER] = { SERIF " 11", 0, 0, 0, 0, 10, FALSE, PANGO_ALIGN_LEFT, TRUE, 1.3, 0 },
  [HAB_PDF_STYLE_LETTER_TITLE] = { SERIF " Bold 15", 0, 0, 0, 8, 22, TRUE, PANGO_ALIGN_CENTER, FALSE, 0, 0 },
  [HAB_PDF_STYLE_ADDRESS] = { SERIF " 10.5", 0, 0, 0, 0, 14, FALSE, PANGO_ALIGN_LEFT, FALSE, 0, 0.5 },
};

typedef enum
{
  BLOCK_TEXT,        /* cells of text: a paragraph (splittable) or a row */
  BLOCK_SPACE,
  BLOCK_RULE,
  BLOCK_PAGE_BREAK,
  BLOCK_BOX,         /* a framed empty box with a label: signature, stamp */
} BlockKind;

/* A line of a cell laid out here (lay_out_runs(), break_lines()): either
 * a paragraph of the layout that fits on its line, or the runs of a
 * paragraph or of a part of one. */
typedef struct
{
  PangoLayoutLine *line;   /* the layout's, or NULL */
  GSList          *runs;   /* PangoGlyphItem, owned, placed on the line */
} Line;

typedef struct
{
  PangoLayout *layout;     /* laid out at BASE_SIZE, drawn at scale */
  Line        *lines;      /* n_lines, or NULL: the layout's own lines */
  double       scale;
  double       x;          /* from the left edge of the content */
  double       r, g, b;
  guint        n_lines;
  double      *tops;       /* per line, from the top of the layout */
  double      *bottoms;
  double      *baselines;
  double      *lefts;      /* per line, its logical x in the layout */
} Cell;

/* Every text is laid out in its font at one size, BASE_SIZE, and drawn
 * scaled to its own: Pango then loads one font of each family and weight
 * instead of one for each size. Each new size cost Pango a fontconfig match
 * in its thread, a font and the glyphs of a sample sentence for its metrics
 * (0.5 ms, 2.9 M instructions), fourteen of them in an export. Text has no
 * hinting here (unhinted metrics, positions not rounded: see the context
 * in hab_pdf_init()), so its shapes and advances are in proportion to the
 * size: the same lines and glyph positions. */
#define BASE_SIZE       10.0

typedef struct _Block Block;

struct _Block
{
  BlockKind  kind;
  GArray    *cells;          /* Cell */
  double     pad;            /* above and below the cells */
  double     space_before;
  double     space_after;
  double     fixed_height;   /* SPACE, RULE, BOX */
  double     height;         /* the whole block */
  gboolean   keep_with_next;
  gboolean   splittable;     /* a paragraph: may go on over two pages */
  gboolean   border;         /* a table row: a line under it */
  gboolean   fill;           /* a table's header row: a grey background */
  Block     *table_header;   /* repeated at the top of the pages a table goes on to */
  guint      group_end;      /* the first block of a group: the index of its last one */
  char      *label;          /* BOX */
};

typedef struct
{
  Block  *block;
  double  y;
  double  height;
  guint  *first;     /* per cell, the first line shown here */
  guint  *last;      /* and the one after the last */
} Piece;

struct _HabPdf
{
  GObject        parent_instance;

  char          *header;
  char          *document_title;
  char          *footer;
  GDateTime     *creation_date;
  gboolean       draft;

  PangoFontMap  *font_map;
  PangoContext  *context;
  GPtrArray     *blocks;     /* Block */
  GPtrArray     *pages;      /* GPtrArray of Piece, after layout */

  /* The table being added */
  guint          n_columns;
  double        *column_x;
  double        *column_width;
  Block         *table_header;

  /* The group being added, or -1 */
  int            group_start;

  /* An item's box, unticked and ticked (hab_pdf_add_check()) */
  Cell           boxes[2];

  /* Every text wrapped in its width by Pango: what the tests compare
   * set_width() with (hab_pdf_set_pango_lines()) */
  gboolean       pango_lines;
};

G_DEFINE_FINAL_TYPE (HabPdf, hab_pdf, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HEADER,
  PROP_DOCUMENT_TITLE,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Typography */

static gboolean
is_digit_group_ahead (const char *p)
{
  /* Exactly three digits, then no digit: "1 200", "45 000 €". */
  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      p++;
    }

  return !g_ascii_isdigit (*p);
}

/* Whether the word around @p (up to the spaces) is an address: an e-mail
 * address or a link, whose characters must stay as they are. */
static gboolean
in_address (const char *text,
            const char *p)
{
  const char *start = p;
  const char *end = p;

  while (start > text && !g_ascii_isspace (start[-1]))
    start--;
  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;

  for (const char *q = start; q < end; q++)
    if (*q == '@' || (*q == ':' && q + 2 < end && q[1] == '/' && q[2] == '/'))
      return TRUE;

  return FALSE;
}

/**
 * hab_pdf_typography:
 * @text: (nullable): UTF-8 text
 *
 * Applies French typography without changing the words: the spaces
 * before ; ! ? and » and after « become narrow no-break spaces, the one
 * before a colon a no-break space, as do the spaces after "n°" and in
 * "L. 114-8" or "45 000 €"; an apostrophe between two letters becomes the
 * typographic one (not in an e-mail address nor a link), three dots an
 * ellipsis; line ends become "\n".
 *
 * Returns: (transfer full): the new text
 */
char *
hab_pdf_typography (const char *text)
{
  GString *out;
  gunichar prev = 0;
  gunichar prev2 = 0;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 16);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *after = g_utf8_next_char (p);
      gunichar c = g_utf8_get_char (p);
      gunichar next = *after != '\0' ? g_utf8_get_char (after) : 0;
      gunichar emitted = c;

      if (c == '\r')
        {
          if (next == '\n')
            continue;
          emitted = '\n';
        }
      else if (c == ' ')
        {
          if (next == ';' || next == '!' || next == '?' || next == 0x00BB || next == '%')
            emitted = 0x202F;
          else if (next == ':' || next == 0x20AC)
            emitted = 0x00A0;
          else if (prev == 0x00AB)
            emitted = 0x202F;
          else if (prev == 0x00B0 && next != 0 && g_unichar_isalnum (next))
            emitted = 0x00A0;
          else if (g_unichar_isdigit (prev) && is_digit_group_ahead (after))
            emitted = 0x202F;
          else if (prev == '.' && g_unichar_isupper (prev2) && g_unichar_isdigit (next))
            emitted = 0x00A0;
        }
      else if (c == '\'' && g_unichar_isalpha (prev) && next != 0 && g_unichar_isalpha (next)
               && !in_address (text, p))
        emitted = 0x2019;
      else if (c == '.' && next == '.' && after[1] == '.')
        {
          emitted = 0x2026;
          p = after + 1;
        }

      if (emitted == '\n' || emitted == '\t' || !g_unichar_iscntrl (emitted))
        g_string_append_unichar (out, emitted);

      prev2 = prev;
      prev = emitted;
    }

  return g_string_free (out, FALSE);
}

char *
hab_pdf_escape (const char *text)
{
  g_autofree char *typeset = hab_pdf_typography (text);

  return g_markup_escape_text (typeset, -1);
}

/* Blocks */

static void
lines_free (Line  *lines,
            guint  n_lines)
{
  for (guint i = 0; i < n_lines; i++)
    g_slist_free_full (lines[i].runs, (GDestroyNotify) pango_glyph_item_free);
  g_free (lines);
}

static Line *
lines_copy (const Line *lines,
            guint       n_lines)
{
  Line *copy = g_new0 (Line, n_lines);

  for (guint i = 0; i < n_lines; i++)
    {
      copy[i].line = lines[i].line;
      copy[i].runs = g_slist_copy_deep (lines[i].runs, (GCopyFunc) pango_glyph_item_copy, NULL);
    }

  return copy;
}

static void
cell_clear (Cell *cell)
{
  if (cell->lines != NULL)
    lines_free (g_steal_pointer (&cell->lines), cell->n_lines);
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->tops, g_free);
  g_clear_pointer (&cell->bottoms, g_free);
  g_clear_pointer (&cell->baselines, g_free);
  g_clear_pointer (&cell->lefts, g_free);
}

static void
block_free (Block *block)
{
  if (block->cells != NULL)
    {
      for (guint i = 0; i < block->cells->len; i++)
        cell_clear (&g_array_index (block->cells, Cell, i));
      g_array_unref (block->cells);
    }
  g_free (block->label);
  g_free (block);
}

static void
piece_free (Piece *piece)
{
  g_free (piece->first);
  g_free (piece->last);
  g_free (piece);
}

static double
cell_span (const Cell *cell,
           guint       first,
           guint       last)
{
  if (first >= last)
    return 0;

  return cell->bottoms[last - 1] - cell->tops[first];
}

static double
block_span (const Block *block,
            const guint *first,
            const guint *last)
{
  double height = 0;

  if (block->cells == NULL || block->cells->len == 0)
    return block->fixed_height;

  for (guint i = 0; i < block->cells->len; i++)
    height = MAX (height, cell_span (&g_array_index (block->cells, Cell, i), first[i], last[i]));

  return height + 2 * block->pad;
}

/* Where lay_out_runs() or break_lines() placed the lines, as Pango would
 * have (the union of the runs' logical extents, one line under the other). */
static void
measure_lines (Cell *cell)
{
  int y = 0;

  cell->tops = g_new0 (double, cell->n_lines);
  cell->bottoms = g_new0 (double, cell->n_lines);
  cell->baselines = g_new0 (double, cell->n_lines);
  cell->lefts = g_new0 (double, cell->n_lines);

  for (guint i = 0; i < cell->n_lines; i++)
    {
      PangoRectangle logical = { 0 };

      if (cell->lines[i].line != NULL)
        pango_layout_line_get_extents (cell->lines[i].line, NULL, &logical);
      else
        {
          int x = 0;

          for (GSList *l = cell->lines[i].runs; l != NULL; l = l->next)
            {
              PangoGlyphItem *run = l->data;
              PangoRectangle extents;
              int start;

              pango_glyph_string_extents (run->glyphs, run->item->analysis.font, NULL, &extents);
              extents.y -= run->y_offset;
              start = MIN (logical.x, x + extents.x);
              logical.width = MAX (logical.x + logical.width, x + extents.x + extents.width) - start;
              logical.x = start;
              start = MIN (logical.y, extents.y);
              logical.height = MAX (logical.y + logical.height, extents.y + extents.height) - start;
              logical.y = start;
              x += extents.width;
            }
        }

      cell->tops[i] = cell->scale * pango_units_to_double (y);
      cell->bottoms[i] = cell->scale * pango_units_to_double (y + logical.height);
      cell->baselines[i] = cell->scale * pango_units_to_double (y - logical.y);
      cell->lefts[i] = cell->scale * pango_units_to_double (logical.x);
      y += logical.height;
    }
}

static void
measure_cell (Cell *cell)
{
  PangoLayoutIter *iter;
  guint i = 0;

  if (cell->lines != NULL)
    {
      measure_lines (cell);
      return;
    }

  cell->n_lines = pango_layout_get_line_count (cell->layout);
  cell->tops = g_new0 (double, cell->n_lines);
  cell->bottoms = g_new0 (double, cell->n_lines);
  cell->baselines = g_new0 (double, cell->n_lines);
  cell->lefts = g_new0 (double, cell->n_lines);

  iter = pango_layout_get_iter (cell->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      if (i >= cell->n_lines)
        break;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cell->tops[i] = cell->scale * pango_units_to_double (y0);
      cell->bottoms[i] = cell->scale * pango_units_to_double (y1);
      cell->baselines[i] = cell->scale
                           * pango_units_to_double (pango_layout_iter_get_baseline (iter));
      cell->lefts[i] = cell->scale * pango_units_to_double (logical.x);
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  cell->n_lines = i;
}

/* Sets @description's size to BASE_SIZE; returns the scale that draws it
 * at the size it had. */
static double
set_base_size (PangoFontDescription *description)
{
  double size = pango_font_description_get_size (description) / (double) PANGO_SCALE;

  pango_font_description_set_size (description, BASE_SIZE * PANGO_SCALE);

  return size > 0 ? size / BASE_SIZE : 1.0;
}

/* The sizes that markup gives parts of a text, for a layout drawn at
 * @scale. */
static void
scale_markup_sizes (PangoLayout *layout,
                    double       scale)
{
  PangoAttrList *attributes = pango_layout_get_attributes (layout);
  PangoAttrList *scaled;
  GSList *list;

  if (attributes == NULL || scale == 1.0)
    return;

  scaled = pango_attr_list_new ();
  list = pango_attr_list_get_attributes (attributes);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attribute = l->data;

      if (attribute->klass->type == PANGO_ATTR_SIZE
          || attribute->klass->type == PANGO_ATTR_ABSOLUTE_SIZE)
        {
          PangoAttrSize *size = (PangoAttrSize *) attribute;

          size->size = (int) round (size->size / scale);
        }
      pango_attr_list_insert (scaled, attribute);
    }
  g_slist_free (list);

  pango_layout_set_attributes (layout, scaled);
  pango_attr_list_unref (scaled);
}

/* The text is written as it is typed, to be copied and searched as such:
 * a line broken inside a word gets no hyphen (it would change e-mail
 * addresses, keys and checksums), and "fi" or "ff" are two letters, not a
 * ligature (whose glyph has no character code of its own in the font's
 * embedded subset, which also makes a document carry one subset more of
 * each face). */
static void
set_plain_text (PangoLayout *layout)
{
  PangoAttrList *attributes = pango_layout_get_attributes (layout);

  attributes = attributes ? pango_attr_list_copy (attributes) : pango_attr_list_new ();
  pango_attr_list_insert_before (attributes, pango_attr_insert_hyphens_new (FALSE));
  pango_attr_list_insert_before (attributes, pango_attr_font_features_new ("liga 0"));
  pango_layout_set_attributes (layout, attributes);
  pango_attr_list_unref (attributes);
}

/* Where a line may end between words, as Pango sees it: before @offset
 * (a character of the layout). */
static gboolean
can_break_at (const PangoLogAttr *attrs,
              int                 n_chars,
              int                 offset)
{
  return offset == n_chars || attrs[offset].is_line_break;
}

/* The characters of the paragraphs break_lines() breaks, from the shaping
 * of each whole paragraph. */
typedef struct
{
  const PangoLogAttr  *attrs;
  int                  n_chars;
  int                 *widths;   /* per character */
  PangoGlyphItem     **runs;     /* per character, the run of its glyph, or NULL */
  int                 *glyphs;   /* and the glyph's index in it */
} Chars;

/* The width of the character @i at the end of a line. Pango shapes the
 * line again, where its last glyph is no longer kerned with the next one
 * (as "-" with "T"): the glyph's own advance, when it is the only one of
 * its character. */
static int
end_width (const Chars *chars,
           int          i)
{
  PangoGlyphItem *run = chars->runs[i];
  PangoGlyph glyph;

  if (run == NULL)
    return chars->widths[i];

  /* Not a box drawn for a character no font has. */
  glyph = run->glyphs->glyphs[chars->glyphs[i]].glyph;
  if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
    return chars->widths[i];

  return hb_font_get_glyph_h_advance (pango_font_get_hb_font (run->item->analysis.font), glyph);
}

/* The last place after @start, up to @end, where the line fits in @limit,
 * or -1: as Pango, a space at the end of the line takes no room. */
static int
find_break (const Chars *chars,
            int          start,
            int          end,
            int          limit)
{
  int width = 0;
  int best = -1;

  for (int p = start + 1; p <= end; p++)
    {
      int last = chars->widths[p - 1];
      int fitting;

      width += last;
      /* No place further on fits, even without its last character. */
      if (width - last > limit)
        break;
      if (!can_break_at (chars->attrs, chars->n_chars, p))
        continue;

      fitting = width - (chars->attrs[p - 1].is_white ? last : 0);
      /* Kerning is less than an em: only a place this near the end may fit
       * or not by it. */
      if (fitting > limit - BASE_SIZE * PANGO_SCALE)
        fitting += end_width (chars, p - 1) - last;
      if (fitting <= limit)
        best = p;
    }

  return best;
}

/* The baselines of the runs of a line, as Pango places them
 * (apply_baseline_shift() in pango-layout.c): on the baseline of the
 * line's first run's script (a line that starts in Japanese is set on the
 * ideographic baseline, where runs in a smaller font sit lower). */
static void
shift_baselines (GSList *runs)
{
  hb_ot_layout_baseline_tag_t tag = 0;
  hb_position_t baseline = 0;

  for (GSList *l = runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoItem *item = run->item;
      hb_tag_t script_tags[HB_OT_MAX_TAGS_PER_SCRIPT];
      hb_tag_t language_tags[HB_OT_MAX_TAGS_PER_LANGUAGE];
      unsigned int n_scripts = HB_OT_MAX_TAGS_PER_SCRIPT;
      unsigned int n_languages = HB_OT_MAX_TAGS_PER_LANGUAGE;
      hb_script_t script;
      hb_position_t run_baseline;

      if (item->analysis.font == NULL)
        continue;

      script = (hb_script_t) g_unicode_script_to_iso15924 (item->analysis.script);
      hb_ot_tags_from_script_and_language (script,
                                           hb_language_from_string (pango_language_to_string (item->analysis.language), -1),
                                           &n_scripts, script_tags, &n_languages, language_tags);
      if (tag == 0)
        tag = hb_ot_layout_get_horizontal_baseline_tag_for_script (script);
      hb_ot_layout_get_baseline_with_fallback (pango_font_get_hb_font (item->analysis.font), tag,
                                               HB_DIRECTION_LTR, script_tags[n_scripts - 1],
                                               n_languages > 0 ? language_tags[n_languages - 1] : HB_TAG_NONE,
                                               &run_baseline);
      if (l == runs)
        baseline = run_baseline;
      run->y_offset = baseline - run_baseline;
    }
}

/* The runs of the characters @start to @end of a paragraph, taken from the
 * start of @runs (copies of the paragraph's runs, @runs_start the first
 * one's first character), placed one after the other. A line that is
 * wrapped (@wrapped) shows no space at its end, as in Pango. */
static GSList *
take_runs (const char          *text,
           const PangoLogAttr  *attrs,
           GSList             **runs,
           int                 *runs_start,
           int                  end,
           gboolean             wrapped)
{
  GSList *line = NULL;
  int x = 0;

  while (*runs != NULL && *runs_start < end)
    {
      PangoGlyphItem *run = (*runs)->data;

      if (*runs_start + run->item->num_chars <= end)
        {
          *runs_start += run->item->num_chars;
          *runs = g_slist_delete_link (*runs, *runs);
        }
      else
        {
          const char *start = text + run->item->offset;
          int length = g_utf8_offset_to_pointer (start, end - *runs_start) - start;

          run = pango_glyph_item_split (run, text, length);
          *runs_start = end;
        }
      line = g_slist_prepend (line, run);
    }

  if (line != NULL && wrapped && attrs[end - 1].is_white)
    {
      PangoGlyphString *glyphs = ((PangoGlyphItem *) line->data)->glyphs;
      int last = glyphs->num_glyphs - 1;

      /* The space's own glyph (zero_line_final_space() in Pango). */
      if (last >= 0 && (last == 0 || glyphs->log_clusters[last] != glyphs->log_clusters[last - 1]))
        {
          glyphs->glyphs[last].geometry.width = 0;
          glyphs->glyphs[last].glyph = PANGO_GLYPH_EMPTY;
        }
    }
  line = g_slist_reverse (line);
  shift_baselines (line);

  /* Each run drawn from the start of the line: its glyphs moved by the
   * runs before it and by its baseline, as Pango moves them (their widths
   * and the run's y_offset stay, for its extents). */
  for (GSList *l = line; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoGlyphString *glyphs = run->glyphs;

      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          glyphs->glyphs[i].geometry.x_offset += x;
          glyphs->glyphs[i].geometry.y_offset -= run->y_offset;
        }
      x += pango_glyph_string_get_width (glyphs);
    }

  return line;
}

/* A run that show_runs() draws as Pango would: left to right, and with no
 * attribute but its font and its colour that changes how it is drawn or
 * placed (lines, backgrounds, raised text, spacing, shapes). */
static gboolean
run_is_plain (PangoGlyphItem *run)
{
  if (run->item->analysis.level % 2 != 0
      || (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) != 0)
    return FALSE;

  for (GSList *a = run->item->analysis.extra_attrs; a != NULL; a = a->next)
    switch ((int) ((PangoAttribute *) a->data)->klass->type)
      {
      case PANGO_ATTR_FOREGROUND:
      case PANGO_ATTR_FONT_FEATURES:
      case PANGO_ATTR_INSERT_HYPHENS:
      case PANGO_ATTR_LANGUAGE:
      case PANGO_ATTR_FALLBACK:
        break;
      default:
        return FALSE;
      }

  return TRUE;
}

/* Breaks the paragraph of @chars from @start to @end, shaped whole in
 * @runs (not taken), into lines of at most @limit appended to @lines: see
 * break_lines(). FALSE where Pango's choices depend on how its runs came:
 * a word longer than the line, spaces at the end of the paragraph. */
static gboolean
break_paragraph (const char *text,
                 Chars      *chars,
                 GSList     *paragraph_runs,
                 int         start,
                 int         end,
                 int         limit,
                 GArray     *lines)
{
  GSList *runs = NULL;
  int runs_start = start;
  int offset = start;
  int rest = 0;

  /* Spaces at the end of a paragraph to wrap: where Pango puts them
   * depends on how its runs came (the last one on a line of its own,
   * sometimes). Pango wraps it. */
  if (chars->attrs[end - 1].is_white)
    return FALSE;

  for (GSList *r = paragraph_runs; r != NULL; r = r->next)
    {
      PangoGlyphItem *run = r->data;
      PangoGlyphItemIter iter;

      pango_glyph_item_get_logical_widths (run, text, chars->widths + offset);
      for (gboolean more = pango_glyph_item_iter_init_start (&iter, run, text); more;
           more = pango_glyph_item_iter_next_cluster (&iter))
        if (iter.end_char - iter.start_char == 1 && iter.end_glyph - iter.start_glyph == 1)
          {
            chars->runs[offset + iter.start_char] = run;
            chars->glyphs[offset + iter.start_char] = iter.start_glyph;
          }
      offset += run->item->num_chars;
      runs = g_slist_prepend (runs, pango_glyph_item_copy (run));
    }
  runs = g_slist_reverse (runs);
  g_assert (offset == end);

  for (int i = start; i < end; i++)
    rest += chars->widths[i];

  while (start < end)
    {
      Line line = { NULL, NULL };
      int p;

      if (rest <= limit)
        p = end;
      /* A word longer than the line: where Pango breaks it, between
       * two characters, depends on how its runs came too. */
      else if ((p = find_break (chars, start, end, limit)) < 0)
        {
          g_slist_free_full (runs, (GDestroyNotify) pango_glyph_item_free);
          return FALSE;
        }

      line.runs = take_runs (text, chars->attrs, &runs, &runs_start, p, p < end);
      g_array_append_val (lines, line);
      for (; start < p; start++)
        rest -= chars->widths[start];
    }
  g_assert (runs == NULL);

  return TRUE;
}

static Chars *
chars_new (const PangoLogAttr *attrs,
           int                 n_chars)
{
  Chars *chars = g_new0 (Chars, 1);

  chars->attrs = attrs;
  chars->n_chars = n_chars;
  chars->widths = g_new0 (int, MAX (n_chars, 1));
  chars->runs = g_new0 (PangoGlyphItem *, MAX (n_chars, 1));
  chars->glyphs = g_new0 (int, MAX (n_chars, 1));

  return chars;
}

static void
chars_free (Chars *chars)
{
  g_free (chars->widths);
  g_free (chars->runs);
  g_free (chars->glyphs);
  g_free (chars);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Chars, chars_free)

static Line *
lines_steal (GArray *lines,
             guint  *n_lines)
{
  *n_lines = lines->len;
  return (Line *) (void *) g_array_free (lines, FALSE);
}

static void
lines_drop (GArray *lines)
{
  guint n_lines;
  Line *array = lines_steal (lines, &n_lines);

  lines_free (array, n_lines);
}

/* Breaks the paragraphs of @cell's layout (laid out without a width: one
 * line each, shaped once) into lines of at most @limit, where Pango would,
 * and with the same glyphs, from that one shaping. Pango shapes a text that
 * it wraps about twice and a half: the whole, then the line before each
 * place near its end where it might break, then the line that fits; and
 * again once it finds that a text fits. Only left-to-right text, without
 * tabs, whose words fit their lines and whose paragraphs to wrap do not
 * end in spaces (Pango's choices there depend on its runs): FALSE,
 * nothing done, otherwise. */
static gboolean
break_lines (Cell *cell,
             int   limit)
{
  PangoLayout *layout = cell->layout;
  const char *text = pango_layout_get_text (layout);
  GSList *paragraphs = pango_layout_get_lines_readonly (layout);
  g_autoptr(Chars) chars = NULL;
  const PangoLogAttr *attrs;
  GArray *lines;
  int n_chars;

  if (strchr (text, '\t') != NULL || strstr (text, "\xe2\x80\xa8") != NULL)
    return FALSE;
  for (GSList *l = paragraphs; l != NULL; l = l->next)
    {
      PangoLayoutLine *paragraph = l->data;

      if (paragraph->resolved_dir == PANGO_DIRECTION_RTL)
        return FALSE;
      for (GSList *r = paragraph->runs; r != NULL; r = r->next)
        if (!run_is_plain (r->data))
          return FALSE;
    }

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_chars);
  chars = chars_new (attrs, n_chars - 1);
  lines = g_array_new (FALSE, TRUE, sizeof (Line));

  for (GSList *l = paragraphs; l != NULL; l = l->next)
    {
      PangoLayoutLine *paragraph = l->data;
      int start = g_utf8_pointer_to_offset (text, text + paragraph->start_index);
      int end = start + g_utf8_strlen (text + paragraph->start_index, paragraph->length);
      PangoRectangle logical;

      pango_layout_line_get_extents (paragraph, NULL, &logical);
      if (logical.width <= limit)
        {
          Line line = { paragraph, NULL };

          g_array_append_val (lines, line);
          continue;
        }

      if (!break_paragraph (text, chars, paragraph->runs, start, end, limit, lines))
        {
          lines_drop (lines);
          return FALSE;
        }
    }

  cell->lines = lines_steal (lines, &cell->n_lines);
  return TRUE;
}

static gboolean
affects_itemization (PangoAttribute *attribute,
                     gpointer        data)
{
  switch ((int) attribute->klass->type)
    {
    case PANGO_ATTR_LANGUAGE:
    case PANGO_ATTR_FAMILY:
    case PANGO_ATTR_STYLE:
    case PANGO_ATTR_WEIGHT:
    case PANGO_ATTR_VARIANT:
    case PANGO_ATTR_STRETCH:
    case PANGO_ATTR_SIZE:
    case PANGO_ATTR_FONT_DESC:
    case PANGO_ATTR_SCALE:
    case PANGO_ATTR_FALLBACK:
    case PANGO_ATTR_ABSOLUTE_SIZE:
    case PANGO_ATTR_GRAVITY:
    case PANGO_ATTR_GRAVITY_HINT:
    case PANGO_ATTR_FONT_SCALE:
    case PANGO_ATTR_LETTER_SPACING:
    case PANGO_ATTR_SHAPE:
    case PANGO_ATTR_RISE:
    case PANGO_ATTR_BASELINE_SHIFT:
    case PANGO_ATTR_LINE_HEIGHT:
    case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT:
    case PANGO_ATTR_TEXT_TRANSFORM:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
affects_break_or_shape (PangoAttribute *attribute,
                        gpointer        data)
{
  switch ((int) attribute->klass->type)
    {
    case PANGO_ATTR_ALLOW_BREAKS:
    case PANGO_ATTR_WORD:
    case PANGO_ATTR_SENTENCE:
    case PANGO_ATTR_INSERT_HYPHENS:
    case PANGO_ATTR_FONT_FEATURES:
    case PANGO_ATTR_SHOW:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether @text has a character of a right-to-left script (bidirectional
 * classes R and AL: Hebrew, Arabic, Syriac, Thaana, N'Ko and their
 * neighbours, their presentation forms, the historic scripts of the
 * Supplementary Multilingual Plane) or a mark or embedding that sets
 * text right to left. */
static gboolean
has_right_to_left (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      if ((guchar) *p < 0xd6)
        continue;
      c = g_utf8_get_char (p);
      if ((c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)
          || (c >= 0x10800 && c <= 0x10fff) || (c >= 0x1e800 && c <= 0x1efff)
          || c == 0x200f || c == 0x202b || c == 0x202e || c == 0x2067)
        return TRUE;
    }

  return FALSE;
}

/* The runs of the paragraph of @text from byte @start, @length bytes long,
 * shaped as pango_layout_check_lines() shapes them: itemized, shaped, then
 * split where the attributes that leave the shapes alone (colours) change.
 * Their width and number of characters go to @width and @n_chars. NULL if
 * a run is not plain (run_is_plain()). */
static GSList *
shape_paragraph (HabPdf        *self,
                 const char    *text,
                 int            text_length,
                 int            start,
                 int            length,
                 PangoAttrList *itemize_attributes,
                 PangoAttrList *shape_attributes,
                 PangoAttrList *other_attributes,
                 int           *width,
                 int           *n_chars)
{
  PangoShapeFlags flags = PANGO_SHAPE_NONE;
  GList *items;
  GSList *runs = NULL;
  GSList *split = NULL;
  gboolean plain = TRUE;

  *width = 0;
  *n_chars = 0;
  items = pango_itemize_with_base_dir (self->context, PANGO_DIRECTION_LTR, text, start, length,
                                       itemize_attributes, NULL);
  if (shape_attributes != NULL)
    {
      PangoAttrIterator *iter = pango_attr_list_get_iterator (shape_attributes);

      for (GList *l = items; l != NULL; l = l->next)
        pango_item_apply_attrs (l->data, iter);
      pango_attr_iterator_destroy (iter);
    }

  if (pango_context_get_round_glyph_positions (self->context))
    flags |= PANGO_SHAPE_ROUND_POSITIONS;

  for (GList *l = items; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = g_slice_new0 (PangoGlyphItem);

      run->item = g_steal_pointer (&l->data);
      run->glyphs = pango_glyph_string_new ();
      runs = g_slist_prepend (runs, run);
      if (!(plain = run_is_plain (run)))
        break;
      /* The whole text as context, as a layout gives it; Pango reads the
       * characters' break attributes only to hyphenate and capitalise. */
      pango_shape_item (run->item, text, text_length, NULL, run->glyphs, flags);
      *width += pango_glyph_string_get_width (run->glyphs);
      *n_chars += run->item->num_chars;
    }
  g_list_free_full (items, (GDestroyNotify) pango_item_free);
  runs = g_slist_reverse (runs);
  if (!plain)
    {
      g_slist_free_full (runs, (GDestroyNotify) pango_glyph_item_free);
      return NULL;
    }

  for (GSList *l = runs; l != NULL; l = l->next)
    split = g_slist_concat (split, pango_glyph_item_apply_attrs (l->data, text, other_attributes));
  g_slist_free (runs);

  return split;
}

/* Where the lines of the paragraph from byte @start (@start_offset in
 * characters), @length bytes long with its end (@delimiter bytes), may
 * break, into @log_attrs (n_chars + 1 of the whole text): as
 * get_items_log_attrs() in pango-layout.c. */
static void
paragraph_log_attrs (const char    *text,
                     int            start,
                     int            length,
                     int            delimiter,
                     int            start_offset,
                     GSList        *runs,
                     PangoAttrList *shape_attributes,
                     PangoLogAttr  *log_attrs,
                     int            n_attrs)
{
  PangoItem *first = ((PangoGlyphItem *) runs->data)->item;
  int offset = start_offset;

  pango_default_break (text + start, length + delimiter, NULL, log_attrs + start_offset,
                       n_attrs - start_offset);
  for (GSList *l = runs; l != NULL; l = l->next)
    {
      PangoItem *item = ((PangoGlyphItem *) l->data)->item;

      pango_tailor_break (text + item->offset, item->length, &item->analysis, -1,
                          log_attrs + offset, item->num_chars + 1);
      offset += item->num_chars;
    }
  if (shape_attributes != NULL)
    pango_attr_break (text + start, length + delimiter, shape_attributes, first->offset,
                      log_attrs + start_offset, n_attrs - start_offset);
}

/* Lays @cell's text out in lines of at most @limit without its layout, as
 * Pango 1.50 would lay it out (pango_layout_check_lines()): each paragraph
 * itemized and shaped (shape_paragraph()), then broken into lines by
 * break_paragraph() if it does not fit. A layout also works out where every
 * line may break (Pango's line breaking rules, a sixth of the summary's
 * layout), and its lines and extents, which a paragraph that fits its line
 * does not need. Left-to-right text without tabs, forced line breaks or
 * empty paragraphs only: FALSE, nothing done, otherwise. */
static gboolean
lay_out_runs (HabPdf *self,
              Cell   *cell,
              int     limit)
{
  PangoLayout *layout = cell->layout;
  const char *text = pango_layout_get_text (layout);
  int length = strlen (text);
  PangoAttrList *layout_attributes = pango_layout_get_attributes (layout);
  g_autoptr(PangoAttrList) attributes = NULL;
  g_autoptr(PangoAttrList) itemize_attributes = NULL;
  g_autoptr(PangoAttrList) shape_attributes = NULL;
  g_autofree PangoLogAttr *log_attrs = NULL;
  g_autoptr(Chars) chars = NULL;
  int n_chars = g_utf8_strlen (text, length);
  int start = 0;
  int start_offset = 0;
  GArray *lines;

  /* Without right-to-left characters, every level is 0 whatever the base
   * direction Pango would find. */
  if (length == 0 || strchr (text, '\t') != NULL || strstr (text, "\xe2\x80\xa8") != NULL
      || has_right_to_left (text))
    return FALSE;

  attributes = layout_attributes ? pango_attr_list_copy (layout_attributes)
                                 : pango_attr_list_new ();
  pango_attr_list_insert_before (attributes,
                                 pango_attr_font_desc_new (pango_layout_get_font_description (layout)));
  shape_attributes = pango_attr_list_filter (attributes, affects_break_or_shape, NULL);
  itemize_attributes = pango_attr_list_filter (attributes, affects_itemization, NULL);

  lines = g_array_new (FALSE, TRUE, sizeof (Line));
  for (;;)
    {
      int delimiter, next;
      int width, paragraph_chars;
      GSList *runs;
      gboolean done;

      pango_find_paragraph_boundary (text + start, length - start, &delimiter, &next);
      /* An empty paragraph is as high as its font: Pango's to measure. */
      if (delimiter == 0)
        goto pango;

      runs = shape_paragraph (self, text, length, start, delimiter, itemize_attributes,
                              shape_attributes, attributes, &width, &paragraph_chars);
      if (runs == NULL)
        goto pango;

      if (width <= limit)
        {
          Line line = { NULL, NULL };
          int runs_start = start_offset;

          line.runs = take_runs (text, NULL, &runs, &runs_start, start_offset + paragraph_chars,
                                 FALSE);
          g_array_append_val (lines, line);
          done = TRUE;
        }
      else
        {
          if (chars == NULL)
            {
              log_attrs = g_new0 (PangoLogAttr, n_chars + 1);
              chars = chars_new (log_attrs, n_chars);
            }
          paragraph_log_attrs (text, start, delimiter, next - delimiter, start_offset, runs,
                               shape_attributes, log_attrs, n_chars + 1);
          done = break_paragraph (text, chars, runs, start_offset,
                                  start_offset + paragraph_chars, limit, lines);
          g_slist_free_full (runs, (GDestroyNotify) pango_glyph_item_free);
        }
      if (!done)
        goto pango;

      if (start + delimiter == length)
        break;
      start_offset += g_utf8_strlen (text + start, next);
      start += next;
    }

  cell->lines = lines_steal (lines, &cell->n_lines);
  return TRUE;

pango:
  lines_drop (lines);
  return FALSE;
}

/* Wraps @cell's text at @limit (Pango units, at BASE_SIZE). A left-aligned
 * text is laid out by lay_out_runs(), or else without a width: kept so if
 * it fits, as it then would be with one, else broken into lines by
 * break_lines(). Pango wraps the others (centred, justified or spaced text,
 * and what break_lines() leaves), and all of them after
 * hab_pdf_set_pango_lines (TRUE), which the tests compare with. */
static void
set_width (HabPdf         *self,
           Cell           *cell,
           int             limit,
           PangoAlignment  alignment,
           gboolean        justify,
           double          line_spacing)
{
  if (!self->pango_lines && alignment == PANGO_ALIGN_LEFT && !justify && line_spacing <= 0)
    {
      int natural;
      gboolean left_to_right = TRUE;

      if (lay_out_runs (self, cell, limit))
        return;

      pango_layout_get_size (cell->layout, &natural, NULL);
      for (GSList *l = pango_layout_get_lines_readonly (cell->layout); l != NULL; l = l->next)
        left_to_right &= ((PangoLayoutLine *) l->data)->resolved_dir != PANGO_DIRECTION_RTL;
      if (natural <= limit && left_to_right)
        return;
      if (break_lines (cell, limit))
        return;
    }

  pango_layout_set_width (cell->layout, limit);
}

/* A cell of text (or of Pango markup, checked first: text that is not
 * valid markup is shown as it is), laid out. */
static void
cell_init (HabPdf         *self,
           Cell           *cell_out,
           const char     *font,
           double          r,
           double          g,
           double          b,
           const char     *text,
           gboolean        markup,
           double          x,
           double          width,
           PangoAlignment  alignment,
           gboolean        justify,
           double          line_spacing)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autoptr(PangoAttrList) attributes = NULL;
  g_autofree char *plain = NULL;
  Cell cell = { 0 };
  int limit;

  cell.layout = pango_layout_new (self->context);
  cell.scale = set_base_size (description);
  cell.x = x;
  cell.r = r;
  cell.g = g;
  cell.b = b;

  pango_layout_set_font_description (cell.layout, description);
  limit = pango_units_from_double (MAX (width, 1.0) / cell.scale);
  pango_layout_set_wrap (cell.layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (cell.layout, alignment);
  pango_layout_set_justify (cell.layout, justify);
  if (line_spacing > 0)
    pango_layout_set_line_spacing (cell.layout, line_spacing);

  /* Parsed once: what pango_layout_set_markup() would do again. */
  if (markup && pango_parse_markup (text ? text : "", -1, 0, &attributes, &plain, NULL, NULL))
    {
      pango_layout_set_text (cell.layout, plain, -1);
      pango_layout_set_attributes (cell.layout, attributes);
      scale_markup_sizes (cell.layout, cell.scale);
    }
  else
    {
      g_autofree char *typeset = hab_pdf_typography (text);

      pango_layout_set_text (cell.layout, typeset, -1);
    }

  set_plain_text (cell.layout);
  set_width (self, &cell, limit, alignment, justify, line_spacing);
  measure_cell (&cell);

  *cell_out = cell;
}

/* Adds @cell to @block, which owns it then. */
static void
block_take_cell (Block *block,
                 Cell  *cell)
{
  if (block->cells == NULL)
    block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_append_val (block->cells, *cell);
}

/* Adds a cell of text or markup to @block: see cell_init(). */
static void
block_add_cell (HabPdf         *self,
                Block          *block,
                const char     *font,
                double          r,
                double          g,
                double          b,
                const char     *text,
                gboolean        markup,
                double          x,
                double          width,
                PangoAlignment  alignment,
                gboolean        justify,
                double          line_spacing)
{
  Cell cell;

  cell_init (self, &cell, font, r, g, b, text, markup, x, width, alignment, justify,
             line_spacing);
  block_take_cell (block, &cell);
}

/* Another cell drawing @cell's layout, which they share. */
static void
cell_copy (const Cell *cell,
           Cell       *copy)
{
  *copy = *cell;
  copy->layout = g_object_ref (cell->layout);
  if (cell->lines != NULL)
    copy->lines = lines_copy (cell->lines, cell->n_lines);
  copy->tops = g_memdup2 (cell->tops, cell->n_lines * sizeof (double));
  copy->bottoms = g_memdup2 (cell->bottoms, cell->n_lines * sizeof (double));
  copy->baselines = g_memdup2 (cell->baselines, cell->n_lines * sizeof (double));
  copy->lefts = g_memdup2 (cell->lefts, cell->n_lines * sizeof (double));
}

static Block *
block_new (BlockKind kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  return block;
}

/* The height of a block once its cells are in. */
static void
block_finish (Block *block)
{
  if (block->cells != NULL && block->cells->len > 0)
    {
      guint n = block->cells->len;
      g_autofree guint *first = g_new0 (guint, n);
      g_autofree guint *last = g_new0 (guint, n);

      for (guint i = 0; i < n; i++)
        last[i] = g_array_index (block->cells, Cell, i).n_lines;
      block->height = block_span (block, first, last);
    }
  else
    block->height = block->fixed_height;
}

static void
add_block (HabPdf *self,
           Block  *block)
{
  block_finish (block);
  g_ptr_array_add (self->blocks, block);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
}

static void
add_styled (HabPdf      *self,
            HabPdfStyle  style_id,
            const char  *text,
            gboolean     markup)
{
  const Style *style;
  Block *block;
  double indent;

  g_return_if_fail (HAB_IS_PDF (self));
  g_return_if_fail (style_id < G_N_ELEMENTS (styles));

  style = &styles[style_id];
  indent = style->indent * CONTENT_WIDTH;
  block = block_new (BLOCK_TEXT);
  block->space_before = style->space_before;
  block->space_after = style->space_after;
  block->keep_with_next = style->keep_with_next;
  block->splittable = TRUE;
  block_add_cell (self, block, style->font, style->r, style->g, style->b, text, markup,
                  indent, CONTENT_WIDTH - indent, style->alignment, style->justify,
                  style->line_spacing);
  add_block (self, block);
}

void
hab_pdf_add_text (HabPdf      *self,
                  HabPdfStyle  style,
                  const char  *text)
{
  add_styled (self, style, text, FALSE);
}

/**
 * hab_pdf_add_markup:
 * @markup: Pango markup, its text already through hab_pdf_escape()
 */
void
hab_pdf_add_markup (HabPdf      *self,
                    HabPdfStyle  style,
                    const char  *markup)
{
  add_styled (self, style, markup, TRUE);
}

/**
 * hab_pdf_add_field:
 * @label: what the value is
 * @value: (nullable): the value; empty or %NULL shows a dash
 *
 * A label and its value side by side, the label in a narrow column.
 */
static void
add_field (HabPdf     *self,
           const char *label,
           const char *value,
           gboolean    markup)
{
  double label_width = CONTENT_WIDTH * FIELD_LABEL_WIDTH;
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));
  gboolean empty = *stripped == '\0';
  Block *block;

  g_return_if_fail (HAB_IS_PDF (self));

  block = block_new (BLOCK_TEXT);
  block->pad = 2.0;
  block->space_after = 1.0;
  block_add_cell (self, block, SANS " Bold 8.5", NOTE_RGB, label, FALSE,
                  0, label_width - 8, PANGO_ALIGN_LEFT, FALSE, 0);
  block_add_cell (self, block, SANS " 9.5", TEXT_RGB, empty ? "—" : value, markup && !empty,
                  label_width, CONTENT_WIDTH - label_width, PANGO_ALIGN_LEFT, FALSE, 0);
  add_block (self, block);
}

void
hab_pdf_add_field (HabPdf     *self,
                   const char *label,
                   const char *value)
{
  add_field (self, label, value, FALSE);
}

/**
 * hab_pdf_add_field_markup:
 * @value: (nullable): Pango markup, its text already through hab_pdf_escape()
 */
void
hab_pdf_add_field_markup (HabPdf     *self,
                          const char *label,
                          const char *value)
{
  add_field (self, label, value, TRUE);
}

/**
 * hab_pdf_append:
 * @part: a document whose content goes on after @self's; emptied
 *
 * Moves the content of @part, laid out in the same thread, to the end of
 * @self: a document may be laid out in parts, in any order, then drawn as
 * one. Neither may have a table still open; a group still open ends.
 * Pages, headers and footers are @self's.
 */
void
hab_pdf_append (HabPdf *self,
                HabPdf *part)
{
  g_autofree Block **blocks = NULL;
  gsize n_blocks;
  guint offset;

  g_return_if_fail (HAB_IS_PDF (self));
  g_return_if_fail (HAB_IS_PDF (part));
  g_return_if_fail (self != part);
  g_return_if_fail (self->table_header == NULL && part->table_header == NULL);

  hab_pdf_end_group (self);
  hab_pdf_end_group (part);

  offset = self->blocks->len;
  blocks = (Block **) g_ptr_array_steal (part->blocks, &n_blocks);
  for (gsize i = 0; i < n_blocks; i++)
    {
      /* The last block of a group: an index in @self now. */
      if (blocks[i]->group_end > 0)
        blocks[i]->group_end += offset;
      g_ptr_array_add (self->blocks, blocks[i]);
    }
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&part->pages, g_ptr_array_unref);
}

/**
 * hab_pdf_begin_group:
 *
 * What is added until hab_pdf_end_group() goes on one page when it fits
 * on one: a person's card, a review.
 */
void
hab_pdf_begin_group (HabPdf *self)
{
  g_return_if_fail (HAB_IS_PDF (self));

  hab_pdf_end_group (self);
  self->group_start = (int) self->blocks->len;
}

void
hab_pdf_end_group (HabPdf *self)
{
  g_return_if_fail (HAB_IS_PDF (self));

  if (self->group_start >= 0 && (guint) self->group_start + 1 < self->blocks->len)
    {
      Block *first = g_ptr_array_index (self->blocks, self->group_start);

      first->group_end = self->blocks->len - 1;
    }
  self->group_start = -1;
}

/**
 * hab_pdf_add_check:
 * @checked: ticked or not
 * @label: the item
 * @detail: (nullable): a smaller line under it
 *
 * An item with a ticked (☑) or empty (☐) box before it.
 */
void
hab_pdf_add_check (HabPdf     *self,
                   gboolean    checked,
                   const char *label,
                   const char *detail)
{
  g_autofree char *escaped_label = hab_pdf_escape (label);
  g_autofree char *markup = NULL;
  Block *block;
  Cell *box;
  Cell cell;

  g_return_if_fail (HAB_IS_PDF (self));

  if (detail != NULL && *detail != '\0')
    {
      g_autofree char *escaped_detail = hab_pdf_escape (detail);

      /* 8.19 points under 9.5: in the same proportion as the line under a
       * finding (7.32 under 8.5, hab-documents.c), so that Pango, which
       * lays both out at BASE_SIZE, loads one font for the two. */
      markup = g_strdup_printf ("%s\n<span size=\"8383\" foreground=\"#545454\">%s</span>",
                                escaped_label, escaped_detail);
    }
  else
    markup = g_steal_pointer (&escaped_label);

  block = block_new (BLOCK_TEXT);
  block->pad = 1.5;
  block->space_after = 1.5;
  /* The two boxes are laid out once for all the items. */
  box = &self->boxes[checked ? 1 : 0];
  if (box->layout == NULL)
    cell_init (self, box, SANS " 10.5", TEXT_RGB, checked ? "☑" : "☐", FALSE, 0, CHECK_WIDTH,
               PANGO_ALIGN_LEFT, FALSE, 0);
  cell_copy (box, &cell);
  block_take_cell (block, &cell);
  block_add_cell (self, block, SANS " 9.5", TEXT_RGB, markup, TRUE,
                  CHECK_WIDTH + 2, CONTENT_WIDTH - CHECK_WIDTH - 2, PANGO_ALIGN_LEFT, FALSE, 0);
  add_block (self, block);
}

/**
 * hab_pdf_begin_table:
 * @n_columns: how many columns
 * @widths: (array length=n_columns): each column's share of the width
 * @headers: (array length=n_columns) (nullable): the header row, repeated
 *   on every page the table goes on to
 */
void
hab_pdf_begin_table (HabPdf            *self,
                     guint              n_columns,
                     const double      *widths,
                     const char *const *headers)
{
  double total = 0, x = 0;

  g_return_if_fail (HAB_IS_PDF (self));
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (widths != NULL);

  hab_pdf_end_table (self);

  for (guint i = 0; i < n_columns; i++)
    total += widths[i];

  self->n_columns = n_columns;
  self->column_x = g_new0 (double, n_columns);
  self->column_width = g_new0 (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      self->column_x[i] = x;
      self->column_width[i] = CONTENT_WIDTH * widths[i] / total;
      x += self->column_width[i];
    }

  if (headers != NULL)
    {
      Block *block = block_new (BLOCK_TEXT);

      block->pad = 3.0;
      block->space_before = 4.0;
      block->keep_with_next = TRUE;
      block->fill = TRUE;
      block->border = TRUE;
      for (guint i = 0; i < n_columns; i++)
        block_add_cell (self, block, SANS " Bold 8", TEXT_RGB, headers[i], FALSE,
                        self->column_x[i] + CELL_PADDING_X,
                        self->column_width[i] - 2 * CELL_PADDING_X,
                        PANGO_ALIGN_LEFT, FALSE, 0);
      block->table_header = block;
      add_block (self, block);
      self->table_header = block;
    }
}

static void
add_row (HabPdf            *self,
         const char *const *cells,
         gboolean           markup)
{
  Block *block;

  g_return_if_fail (HAB_IS_PDF (self));
  g_return_if_fail (self->n_columns > 0);

  block = block_new (BLOCK_TEXT);
  block->pad = 3.0;
  block->border = TRUE;
  block->table_header = self->table_header;
  for (guint i = 0; i < self->n_columns; i++)
    block_add_cell (self, block, SANS " 8.5", TEXT_RGB, cells[i] ? cells[i] : "", markup,
                    self->column_x[i] + CELL_PADDING_X,
                    self->column_width[i] - 2 * CELL_PADDING_X,
                    PANGO_ALIGN_LEFT, FALSE, 0);
  add_block (self, block);
}

void
hab_pdf_add_row (HabPdf            *self,
                 const char *const *cells)
{
  add_row (self, cells, FALSE);
}

/**
 * hab_pdf_add_row_markup:
 * @cells: Pango markup, their text already through hab_pdf_escape()
 */
void
hab_pdf_add_row_markup (HabPdf            *self,
                        const char *const *cells)
{
  add_row (self, cells, TRUE);
}

void
hab_pdf_end_table (HabPdf *self)
{
  g_return_if_fail (HAB_IS_PDF (self));

  if (self->n_columns == 0)
    return;

  self->n_columns = 0;
  g_clear_pointer (&self->column_x, g_free);
  g_clear_pointer (&self->column_width, g_free);
  self->table_header = NULL;
  hab_pdf_add_space (self, 6.0);
}

void
hab_pdf_add_space (HabPdf *self,
                   double  points)
{
  Block *block;

  g_return_if_fail (HAB_IS_PDF (self));

  block = block_new (BLOCK_SPACE);
  block->fixed_height = MAX (points, 0);
  add_block (self, block);
}

void
hab_pdf_add_rule (HabPdf *self)
{
  Block *block;

  g_return_if_fail (HAB_IS_PDF (self));

  block = block_new (BLOCK_RULE);
  block->fixed_height = 1.0;
  block->space_before = 4.0;
  block->space_after = 6.0;
  add_block (self, block);
}

void
hab_pdf_add_page_break (HabPdf *self)
{
  g_return_if_fail (HAB_IS_PDF (self));

  add_block (self, block_new (BLOCK_PAGE_BREAK));
}

/**
 * hab_pdf_add_box:
 * @label: written in the box's top left corner
 * @height: in points
 *
 * A framed empty box the width of the content, for a signature or a stamp.
 */
void
hab_pdf_add_box (HabPdf     *self,
                 const char *label,
                 double      height)
{
  Block *block;

  g_return_if_fail (HAB_IS_PDF (self));

  block = block_new (BLOCK_BOX);
  block->fixed_height = CLAMP (height, 20.0, CONTENT_HEIGHT);
  block->space_before = 6.0;
  block->space_after = 8.0;
  block->label = g_strdup (label);
  add_block (self, block);
}

/* Layout */

typedef struct
{
  GPtrArray *pages;
  GPtrArray *page;
  double     y;
} Flow;

static gboolean
flow_page_empty (Flow *flow)
{
  return flow->page->len == 0;
}

static void
flow_place (Flow        *flow,
            Block       *block,
            const guint *first,
            const guint *last,
            double       height)
{
  guint n = block->cells ? block->cells->len : 0;
  Piece *piece = g_new0 (Piece, 1);

  piece->block = block;
  piece->y = flow->y;
  piece->height = height;
  piece->first = g_memdup2 (first, MAX (n, 1) * sizeof (guint));
  piece->last = g_memdup2 (last, MAX (n, 1) * sizeof (guint));
  g_ptr_array_add (flow->page, piece);
  flow->y += height;
}

/* A new page; a table row that goes on to it brings its header along. */
static void
flow_new_page (Flow  *flow,
               Block *block)
{
  flow->page = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  g_ptr_array_add (flow->pages, flow->page);
  flow->y = CONTENT_TOP;

  if (block != NULL && block->table_header != NULL && block->table_header != block)
    {
      Block *header = block->table_header;
      guint n = header->cells->len;
      g_autofree guint *first = g_new0 (guint, n);
      g_autofree guint *last = g_new0 (guint, n);

      for (guint i = 0; i < n; i++)
        last[i] = g_array_index (header->cells, Cell, i).n_lines;
      flow_place (flow, header, first, last, header->height);
    }
}

/* The least of @block that must fit under what is kept with it. */
static double
block_min_height (Block *block)
{
  if (block->kind == BLOCK_SPACE || block->kind == BLOCK_PAGE_BREAK)
    return 0;

  if (block->splittable && block->cells != NULL && block->cells->len == 1)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, 0);

      return cell_span (cell, 0, MIN (2u, cell->n_lines)) + 2 * block->pad;
    }

  return MIN (block->height, CONTENT_HEIGHT);
}

/* The height needed at once for block @i: itself (or its first lines),
 * plus what it is kept with (a heading and the start of its section). */
static double
chain_height (HabPdf *self,
              guint   i)
{
  Block *block = g_ptr_array_index (self->blocks, i);
  double need = block->keep_with_next ? MIN (block->height, CONTENT_HEIGHT) : block_min_height (block);

  for (guint j = i; j + 1 < self->blocks->len; j++)
    {
      Block *current = g_ptr_array_index (self->blocks, j);
      Block *next = g_ptr_array_index (self->blocks, j + 1);

      if (!current->keep_with_next || next->kind == BLOCK_PAGE_BREAK)
        break;
      if (next->kind == BLOCK_SPACE)
        continue;

      need += current->space_after + next->space_before
              + (next->keep_with_next ? MIN (next->height, CONTENT_HEIGHT) : block_min_height (next));
      if (need >= CONTENT_HEIGHT)
        break;
    }

  return MIN (need, CONTENT_HEIGHT);
}

/* How many lines of @cell, from @first, fit in @available points. */
static guint
lines_that_fit (const Cell *cell,
                guint       first,
                double      available)
{
  guint n = 0;

  while (first + n < cell->n_lines && cell_span (cell, first, first + n + 1) <= available + 0.01)
    n++;

  return n;
}

static void
place_block (Flow  *flow,
             Block *block)
{
  guint n = block->cells ? block->cells->len : 0;
  g_autofree guint *first = g_new0 (guint, MAX (n, 1));
  g_autofree guint *end = g_new0 (guint, MAX (n, 1));
  g_autofree guint *take = g_new0 (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    end[i] = g_array_index (block->cells, Cell, i).n_lines;

  for (;;)
    {
      double rest = block_span (block, first, end);
      double available;
      guint taken = 0;

      if (flow->y + rest <= CONTENT_BOTTOM + 0.01)
        {
          flow_place (flow, block, first, end, rest);
          return;
        }

      /* A block that fits on a page goes whole on the next one. */
      if ((!block->splittable || n == 0) && rest <= CONTENT_HEIGHT && !flow_page_empty (flow))
        {
          flow_new_page (flow, block);
          continue;
        }

      if (n == 0)
        {
          /* A box taller than a page (never made so): place it anyway. */
          flow_place (flow, block, first, end, MIN (rest, CONTENT_HEIGHT));
          return;
        }

      /* Split between two lines. */
      available = CONTENT_BOTTOM - flow->y - 2 * block->pad;
      for (guint i = 0; i < n; i++)
        {
          take[i] = lines_that_fit (&g_array_index (block->cells, Cell, i), first[i], available);
          taken += take[i];
        }

      if (n == 1 && block->splittable)
        {
          guint left = end[0] - first[0];

          /* No single line alone at the bottom, nor at the top. */
          if (take[0] < 2 && left >= 2 && !flow_page_empty (flow))
            {
              flow_new_page (flow, block);
              continue;
            }
          if (left - take[0] < 2 && take[0] > 2)
            take[0] = left - 2;
          taken = take[0];
        }

      if (taken == 0)
        {
          if (!flow_page_empty (flow))
            {
              flow_new_page (flow, block);
              continue;
            }
          /* A line taller than a page: it goes alone. */
          for (guint i = 0; i < n; i++)
            take[i] = first[i] < end[i] ? 1 : 0;
        }

      {
        g_autofree guint *last = g_new0 (guint, n);

        for (guint i = 0; i < n; i++)
          last[i] = first[i] + take[i];
        flow_place (flow, block, first, last, block_span (block, first, last));
        for (guint i = 0; i < n; i++)
          first[i] = last[i];
      }

      flow_new_page (flow, block);
    }
}

/* The height of the group block @i starts, when it fits on a page; else 0. */
static double
group_height (HabPdf *self,
              guint   i)
{
  Block *first = g_ptr_array_index (self->blocks, i);
  double height = 0;

  if (first->group_end <= i)
    return 0;

  for (guint j = i; j <= first->group_end && j < self->blocks->len; j++)
    {
      Block *block = g_ptr_array_index (self->blocks, j);

      if (block->kind == BLOCK_PAGE_BREAK)
        return 0;
      height += (j > i ? block->space_before : 0) + block->height
                + (j < first->group_end ? block->space_after : 0);
    }

  return height <= CONTENT_HEIGHT ? height : 0;
}

static void
paginate (HabPdf *self)
{
  Flow flow = { 0 };

  if (self->pages != NULL)
    return;

  flow.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  flow_new_page (&flow, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double space;

      switch (block->kind)
        {
        case BLOCK_PAGE_BREAK:
          if (!flow_page_empty (&flow))
            flow_new_page (&flow, NULL);
          continue;

        case BLOCK_SPACE:
          if (!flow_page_empty (&flow))
            flow.y = MIN (flow.y + block->fixed_height, CONTENT_BOTTOM);
          continue;

        case BLOCK_TEXT:
        case BLOCK_RULE:
        case BLOCK_BOX:
        default:
          break;
        }

      space = flow_page_empty (&flow) ? 0 : block->space_before;
      if (!flow_page_empty (&flow)
          && (flow.y + space + chain_height (self, i) > CONTENT_BOTTOM + 0.01
              || flow.y + space + group_height (self, i) > CONTENT_BOTTOM + 0.01))
        {
          flow_new_page (&flow, block);
          space = 0;
        }

      flow.y += space;
      place_block (&flow, block);
      flow.y += block->space_after;
    }

  self->pages = flow.pages;
}

/* Drawing */

static GQuark
scale_quark (void)
{
  return g_quark_from_static_string ("hab-pdf-scale");
}

/* A layout of one line, cut short at @width, drawn with
 * show_simple_layout(). */
static PangoLayout *
simple_layout (HabPdf     *self,
               const char *font,
               const char *text,
               double      width)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  g_autofree char *typeset = hab_pdf_typography (text);
  PangoLayout *layout = pango_layout_new (self->context);
  double scale = set_base_size (description);

  g_object_set_qdata_full (G_OBJECT (layout), scale_quark (), g_memdup2 (&scale, sizeof scale),
                           g_free);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, typeset, -1);
  set_plain_text (layout);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width / scale));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

static double
layout_scale (PangoLayout *layout)
{
  double *scale = g_object_get_qdata (G_OBJECT (layout), scale_quark ());

  return scale != NULL ? *scale : 1.0;
}

/* The logical extents of a simple_layout() as drawn. */
static void
simple_layout_size (PangoLayout *layout,
                    double      *width,
                    double      *height)
{
  PangoRectangle logical;
  double scale = layout_scale (layout);

  pango_layout_get_extents (layout, NULL, &logical);
  *width = scale * pango_units_to_double (logical.width);
  *height = scale * pango_units_to_double (logical.height);
}

/* Draws a simple_layout() at (@x, @y). */
static void
show_simple_layout (cairo_t     *cr,
                    PangoLayout *layout,
                    double       x,
                    double       y)
{
  double scale = layout_scale (layout);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* What every page repeats, laid out once for all of them. */
typedef struct
{
  PangoLayout *watermark;   /* a draft's only */
  PangoLayout *header;
  PangoLayout *title;
  PangoLayout *footer;      /* or NULL */
} Furniture;

static void
furniture_init (Furniture *furniture,
                HabPdf    *self)
{
  g_autofree char *title_text = NULL;
  double half = CONTENT_WIDTH / 2 - 6;

  *furniture = (Furniture) { NULL };

  if (self->draft)
    {
      /* Translators: the mark across every page of a draft export; in
       * French « BROUILLON » */
      furniture->watermark = simple_layout (self, SANS " Bold 96", _("DRAFT"), -1);

      /* Translators: in the page header of a draft: the mark, then the
       * document's title */
      title_text = g_strdup_printf (_("%s — %s"), _("DRAFT"), self->document_title);
    }
  else
    title_text = g_strdup (self->document_title);

  furniture->header = simple_layout (self, SANS " 7.5", self->header, half);
  furniture->title = simple_layout (self, SANS " 7.5", title_text, half);
  pango_layout_set_alignment (furniture->title, PANGO_ALIGN_RIGHT);
  if (self->footer != NULL)
    furniture->footer = simple_layout (self, SANS " 7.5", self->footer, CONTENT_WIDTH - 90);
}

static void
furniture_clear (Furniture *furniture)
{
  g_clear_object (&furniture->watermark);
  g_clear_object (&furniture->header);
  g_clear_object (&furniture->title);
  g_clear_object (&furniture->footer);
}

static void
draw_watermark (cairo_t     *cr,
                PangoLayout *layout)
{
  double width, height;

  simple_layout_size (layout, &width, &height);

  cairo_save (cr);
  cairo_translate (cr, HAB_PDF_PAGE_WIDTH / 2, HAB_PDF_PAGE_HEIGHT / 2);
  cairo_rotate (cr, -atan2 (HAB_PDF_PAGE_HEIGHT, HAB_PDF_PAGE_WIDTH));
  cairo_set_source_rgb (cr, 0.90, 0.90, 0.90);
  show_simple_layout (cr, layout, -width / 2, -height / 2);
  cairo_restore (cr);
}

static void
draw_header_and_footer (HabPdf          *self,
                        cairo_t         *cr,
                        const Furniture *furniture,
                        guint            page,
                        guint            n_pages)
{
  g_autoptr(PangoLayout) number = NULL;
  g_autofree char *number_text = NULL;
  double half = CONTENT_WIDTH / 2 - 6;
  double header_width, header_height;

  cairo_save (cr);
  cairo_set_source_rgb (cr, NOTE_RGB);

  show_simple_layout (cr, furniture->header, MARGIN_X, HEADER_Y);
  show_simple_layout (cr, furniture->title, MARGIN_X + CONTENT_WIDTH - half, HEADER_Y);

  simple_layout_size (furniture->header, &header_width, &header_height);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, HEADER_Y + header_height + 4);
  cairo_rel_line_to (cr, CONTENT_WIDTH, 0);
  cairo_stroke (cr);

  cairo_move_to (cr, MARGIN_X, FOOTER_Y - 5);
  cairo_rel_line_to (cr, CONTENT_WIDTH, 0);
  cairo_stroke (cr);

  if (furniture->footer != NULL)
    show_simple_layout (cr, furniture->footer, MARGIN_X, FOOTER_Y);

  /* Translators: the page number in the footer, "Page 2 / 5" */
  number_text = g_strdup_printf (_("Page %u / %u"), page, n_pages);
  number = simple_layout (self, SANS " 7.5", number_text, 84);
  pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
  show_simple_layout (cr, number, MARGIN_X + CONTENT_WIDTH - 84, FOOTER_Y);

  cairo_restore (cr);
}

/* Draws the runs of a line from lay_out_runs() or break_lines() at the
 * current point, as pango_cairo_show_layout_line() draws a line: each in
 * the colour its markup gives it, else in the current one. */
static void
show_runs (cairo_t    *cr,
           const char *text,
           GSList     *runs)
{
  for (GSList *l = runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      const PangoColor *color = NULL;

      for (GSList *a = run->item->analysis.extra_attrs; a != NULL; a = a->next)
        if (((PangoAttribute *) a->data)->klass->type == PANGO_ATTR_FOREGROUND)
          color = &((PangoAttrColor *) a->data)->color;

      if (color != NULL)
        {
          cairo_save (cr);
          cairo_set_source_rgba (cr, color->red / 65535., color->green / 65535.,
                                 color->blue / 65535., 1.);
        }
      pango_cairo_show_glyph_item (cr, text, run);
      if (color != NULL)
        cairo_restore (cr);
    }
}

static void
draw_piece (HabPdf  *self,
            cairo_t *cr,
            Piece   *piece)
{
  Block *block = piece->block;

  switch (block->kind)
    {
    case BLOCK_RULE:
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_X, piece->y + piece->height / 2);
      cairo_rel_line_to (cr, CONTENT_WIDTH, 0);
      cairo_stroke (cr);
      return;

    case BLOCK_BOX:
      {
        g_autoptr(PangoLayout) label = simple_layout (self, SANS " 8", block->label ? block->label : "",
                                                      CONTENT_WIDTH - 12);

        cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
        cairo_set_line_width (cr, 0.6);
        cairo_rectangle (cr, MARGIN_X, piece->y, CONTENT_WIDTH, piece->height);
        cairo_stroke (cr);
        cairo_set_source_rgb (cr, NOTE_RGB);
        show_simple_layout (cr, label, MARGIN_X + 6, piece->y + 4);
      }
      return;

    case BLOCK_TEXT:
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }

  if (block->cells == NULL)
    return;

  if (block->fill)
    {
      cairo_set_source_rgb (cr, 0.92, 0.93, 0.96);
      cairo_rectangle (cr, MARGIN_X, piece->y, CONTENT_WIDTH, piece->height);
      cairo_fill (cr);
    }

  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, i);
      double origin;

      if (piece->first[i] >= piece->last[i])
        continue;

      origin = piece->y + block->pad - cell->tops[piece->first[i]];
      cairo_set_source_rgb (cr, cell->r, cell->g, cell->b);
      for (guint line = piece->first[i]; line < piece->last[i]; line++)
        {
          cairo_save (cr);
          cairo_translate (cr, MARGIN_X + cell->x + cell->lefts[line], origin + cell->baselines[line]);
          cairo_scale (cr, cell->scale, cell->scale);
          cairo_move_to (cr, 0, 0);
          if (cell->lines == NULL)
            pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (cell->layout, line));
          else if (cell->lines[line].line != NULL)
            pango_cairo_show_layout_line (cr, cell->lines[line].line);
          else
            show_runs (cr, pango_layout_get_text (cell->layout), cell->lines[line].runs);
          cairo_restore (cr);
        }
    }

  if (block->border)
    {
      cairo_set_source_rgb (cr, 0.78, 0.78, 0.78);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_X, piece->y + piece->height);
      cairo_rel_line_to (cr, CONTENT_WIDTH, 0);
      cairo_stroke (cr);
    }
}

/* cairo compresses each stream of a PDF (a page, a font's subset, its
 * character map) with zlib's deflateInit(), at zlib's default level, and
 * has no setting for it. The program's own definition of a function comes
 * before the libraries' when the dynamic linker binds cairo's call, so this
 * one takes its place: the default level becomes HAB_PDF_DEFLATE_LEVEL
 * (hab-pdf-private.h). Levels 1 to 3 use zlib's fast matching; most of
 * what the documents compress is their fonts' subsets, which level 6
 * barely makes smaller (the cantine bundle: 158.0 kB at 6, 159.9 kB at 3)
 * for some 10 % of an export's instructions. Everything else in the process asks for a level of its own
 * through deflateInit2() (libarchive, libpng, GLib), and keeps it.
 * /documents/pdf/deflate-level checks that this is the one cairo finds. */
int
deflateInit_ (z_streamp   stream,
              int         level,
              const char *version,
              int         stream_size)
{
  if (level == Z_DEFAULT_COMPRESSION)
    level = HAB_PDF_DEFLATE_LEVEL;

  /* deflateInit()'s own window and memory, as zlib.h gives them. */
  return deflateInit2_ (stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
                        stream_size);
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * hab_pdf_render:
 *
 * Lays the content out on pages and writes the PDF.
 *
 * Returns: (transfer full): the PDF's bytes, or %NULL with @error set
 */
GBytes *
hab_pdf_render (HabPdf  *self,
                GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *creator = NULL;
  Furniture furniture;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (HAB_IS_PDF (self), NULL);

  paginate (self);

  surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, HAB_PDF_PAGE_WIDTH,
                                                 HAB_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);

  creator = g_strdup_printf ("Habilitation %s", PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->document_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->header);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  if (self->creation_date != NULL)
    {
      /* A fixed date: the same content gives the same bytes. */
      g_autofree char *date = g_date_time_format (self->creation_date, "%Y-%m-%dT%H:%M:%SZ");

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }

  cr = cairo_create (surface);
  furniture_init (&furniture, self);

  for (guint p = 0; p < self->pages->len; p++)
    {
      GPtrArray *page = g_ptr_array_index (self->pages, p);

      if (furniture.watermark != NULL)
        draw_watermark (cr, furniture.watermark);
      draw_header_and_footer (self, cr, &furniture, p + 1, self->pages->len);

      for (guint i = 0; i < page->len; i++)
        draw_piece (self, cr, g_ptr_array_index (page, i));

      cairo_show_page (cr);
    }

  furniture_clear (&furniture);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is the document's title, then cairo's reason */
                   _("“%s” could not be written as PDF: %s"),
                   self->document_title, cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * hab_pdf_get_n_pages:
 *
 * Returns: the number of pages the content takes
 */
guint
hab_pdf_get_n_pages (HabPdf *self)
{
  g_return_val_if_fail (HAB_IS_PDF (self), 0);

  paginate (self);
  return self->pages->len;
}

/* Object */

void
hab_pdf_set_draft (HabPdf   *self,
                   gboolean  draft)
{
  g_return_if_fail (HAB_IS_PDF (self));

  draft = !!draft;
  if (self->draft == draft)
    return;

  self->draft = draft;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

gboolean
hab_pdf_get_draft (HabPdf *self)
{
  g_return_val_if_fail (HAB_IS_PDF (self), FALSE);

  return self->draft;
}

/**
 * hab_pdf_set_footer:
 * @footer: (nullable): the text at the bottom left of every page
 */
void
hab_pdf_set_footer (HabPdf     *self,
                    const char *footer)
{
  g_return_if_fail (HAB_IS_PDF (self));

  g_free (self->footer);
  self->footer = g_strdup (footer);
}

/**
 * hab_pdf_set_creation_date:
 * @date: (nullable): the date written in the PDF's information; without
 *   one, cairo writes the current time
 */
void
hab_pdf_set_creation_date (HabPdf    *self,
                           GDateTime *date)
{
  g_return_if_fail (HAB_IS_PDF (self));

  g_clear_pointer (&self->creation_date, g_date_time_unref);
  if (date != NULL)
    self->creation_date = g_date_time_to_utc (date);
}

static void
hab_pdf_finalize (GObject *object)
{
  HabPdf *self = HAB_PDF (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  cell_clear (&self->boxes[0]);
  cell_clear (&self->boxes[1]);
  g_clear_pointer (&self->column_x, g_free);
  g_clear_pointer (&self->column_width, g_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->creation_date, g_date_time_unref);
  g_free (self->header);
  g_free (self->document_title);
  g_free (self->footer);

  G_OBJECT_CLASS (hab_pdf_parent_class)->finalize (object);
}

static void
hab_pdf_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HabPdf *self = HAB_PDF (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      g_value_set_string (value, self->header);
      break;

    case PROP_DOCUMENT_TITLE:
      g_value_set_string (value, self->document_title);
      break;

    case PROP_DRAFT:
      g_value_set_boolean (value, self->draft);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_pdf_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  HabPdf *self = HAB_PDF (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      g_free (self->header);
      self->header = g_value_dup_string (value);
      break;

    case PROP_DOCUMENT_TITLE:
      g_free (self->document_title);
      self->document_title = g_value_dup_string (value);
      break;

    case PROP_DRAFT:
      hab_pdf_set_draft (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hab_pdf_class_init (HabPdfClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hab_pdf_finalize;
  object_class->get_property = hab_pdf_get_property;
  object_class->set_property = hab_pdf_set_property;

  properties[PROP_HEADER] =
    g_param_spec_string ("header", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_TITLE] =
    g_param_spec_string ("document-title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
    g_param_spec_boolean ("draft", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* The faces the documents use (regular and bold, no italics): those of
 * Debian's fonts-dejavu-core. */
static const char *const dejavu_files[] = {
  "DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
  "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
  "DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf",
};

/* Where distributions and runtimes put them. */
static const char *const dejavu_folders[] = {
  "/usr/share/fonts/truetype/dejavu",   /* Debian, Ubuntu */
  "/usr/share/fonts/dejavu",            /* Fedora */
  "/usr/share/fonts/dejavu-sans-fonts",
  "/usr/share/fonts/TTF",               /* Arch */
  "/usr/share/fonts/truetype",          /* the Freedesktop runtime */
  "/app/share/fonts",
};

/* Where fontconfig keeps what it read of each font folder (the system's,
 * the Freedesktop runtime's, the user's), and the faces taken from a
 * folder: ours only, whatever else of DejaVu (condensed, oblique…) sits
 * beside them. */
static const char font_config_xml[] =
  "<fontconfig>"
  "<cachedir>/var/cache/fontconfig</cachedir>"
  "<cachedir>/usr/lib/fontconfig/cache</cachedir>"
  "<cachedir prefix=\"xdg\">fontconfig</cachedir>"
  "<selectfont>"
  "<rejectfont><glob>*</glob></rejectfont>"
  "<acceptfont>"
  "<glob>*/DejaVuSans.ttf</glob><glob>*/DejaVuSans-Bold.ttf</glob>"
  "<glob>*/DejaVuSerif.ttf</glob><glob>*/DejaVuSerif-Bold.ttf</glob>"
  "<glob>*/DejaVuSansMono.ttf</glob><glob>*/DejaVuSansMono-Bold.ttf</glob>"
  "</acceptfont>"
  "</selectfont>"
  "</fontconfig>";

static gboolean fonts_for_process;

/* Adds the faces of @folder to @config from fontconfig's cache of the
 * folder, without opening the font files: some 0.2 M instructions instead
 * of 2 M a face. Only a cache that is there and up to date is read; when
 * there is none, FALSE, and the caller reads the files (fontconfig would
 * otherwise scan the folder and write a cache of it, holding our faces
 * only, where every program on the machine reads it). */
static gboolean
add_cached_folder (FcConfig   *config,
                   const char *folder)
{
  FcCache *cache = FcDirCacheLoad ((const FcChar8 *) folder, config, NULL);

  if (cache == NULL)
    return FALSE;

  FcDirCacheUnload (cache);
  return FcConfigAppFontAddDir (config, (const FcChar8 *) folder);
}

/* Whether the faces fontconfig has in @config include @file. */
static gboolean
config_has_file (FcConfig   *config,
                 const char *file)
{
  FcFontSet *set = FcConfigGetFonts (config, FcSetApplication);

  for (int i = 0; set != NULL && i < set->nfont; i++)
    {
      FcChar8 *path;

      if (FcPatternGetString (set->fonts[i], FC_FILE, 0, &path) == FcResultMatch
          && g_str_has_suffix ((const char *) path, file)
          && ((const char *) path)[strlen ((const char *) path) - strlen (file) - 1] == '/')
        return TRUE;
    }

  return FALSE;
}

/* A fontconfig set-up holding only the DejaVu faces: the documents do not
 * depend on the other fonts of the machine, and an export does not pay for
 * reading the system's configuration and matching through all its fonts.
 * NULL when the three families are not all found: then the system's. */
static gpointer
create_font_config (gpointer data)
{
  FcConfig *config = FcConfigCreate ();
  gboolean cached[G_N_ELEMENTS (dejavu_folders)] = { FALSE };
  gboolean tried[G_N_ELEMENTS (dejavu_folders)] = { FALSE };
  guint families = 0;

  if (!FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) font_config_xml, FcFalse))
    g_warning ("The documents’ font set-up does not parse; the font files are read");

  for (guint i = 0; i < G_N_ELEMENTS (dejavu_files); i++)
    for (guint f = 0; f < G_N_ELEMENTS (dejavu_folders); f++)
      {
        g_autofree char *path = g_build_filename (dejavu_folders[f], dejavu_files[i], NULL);
        gboolean added;

        if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
          continue;

        if (!tried[f])
          {
            tried[f] = TRUE;
            cached[f] = add_cached_folder (config, dejavu_folders[f]);
          }
        added = cached[f] ? config_has_file (config, dejavu_files[i])
                          : FcConfigAppFontAddFile (config, (const FcChar8 *) path);
        if (added)
          {
            if (g_str_equal (dejavu_files[i], "DejaVuSans.ttf")
                || g_str_equal (dejavu_files[i], "DejaVuSerif.ttf")
                || g_str_equal (dejavu_files[i], "DejaVuSansMono.ttf"))
              families++;
            break;
          }
      }

  if (families < 3)
    {
      FcConfigDestroy (config);
      return NULL;
    }

  /* A process that makes documents and nothing else (the command line)
   * makes it its default set-up as well: Pango's first font map would
   * otherwise read the system's whole configuration, for nothing. */
  if (fonts_for_process)
    FcConfigSetCurrent (config);

  return config;
}

static GOnce font_config_once = G_ONCE_INIT;

static gpointer
prepare_fonts_thread (gpointer data)
{
  g_once (&font_config_once, create_font_config, NULL);
  return NULL;
}

/**
 * hab_pdf_prepare_fonts:
 *
 * Starts reading the faces the documents use in a thread of its own, so
 * that it overlaps with what comes before the first document (reading the
 * dossier and the catalogue, validating). Optional; the first document
 * waits for it or does it. For a process that makes documents and nothing
 * else, as the command line: the set-up becomes the process's default
 * fontconfig one. Call it before any document.
 *
 * Returns: (transfer full) (nullable): the thread, to join
 */
GThread *
hab_pdf_prepare_fonts (void)
{
  fonts_for_process = TRUE;
  return g_thread_try_new ("hab-fonts", prepare_fonts_thread, NULL, NULL);
}

static void
font_map_unref (gpointer font_map)
{
  g_object_unref (font_map);
}

/* One font map per thread, kept until hab_pdf_release_fonts(): a map per
 * document made fontconfig and pango find and load every face again for
 * each document of a bundle. At 72 dpi, one point of text is one PDF
 * unit, whatever the screen and the toolkit. */
static GPrivate thread_font_map = G_PRIVATE_INIT (font_map_unref);

/**
 * hab_pdf_release_fonts:
 *
 * Lets go of the font map the documents made in this thread shared, and
 * of the faces and layouts it keeps (at the end of a bundle).
 */
void
hab_pdf_release_fonts (void)
{
  g_private_replace (&thread_font_map, NULL);
}

static PangoFontMap *
get_font_map (void)
{
  PangoFontMap *font_map = g_private_get (&thread_font_map);
  FcConfig *config;

  if (font_map != NULL)
    return font_map;

  config = g_once (&font_config_once, create_font_config, NULL);
  font_map = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
  if (font_map == NULL)
    font_map = pango_cairo_font_map_new ();
  if (config != NULL && PANGO_IS_FC_FONT_MAP (font_map))
    pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (font_map), config);
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (font_map), 72.0);
  g_private_set (&thread_font_map, font_map);

  return font_map;
}

static int pango_lines;

void
hab_pdf_set_pango_lines (gboolean value)
{
  g_atomic_int_set (&pango_lines, !!value);
}

static void
hab_pdf_init (HabPdf *self)
{
  cairo_font_options_t *options;

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->group_start = -1;
  self->pango_lines = g_atomic_int_get (&pango_lines);

  self->font_map = g_object_ref (get_font_map ());
  self->context = pango_font_map_create_context (self->font_map);
  pango_context_set_language (self->context, pango_language_from_string ("fr"));
  pango_context_set_round_glyph_positions (self->context, FALSE);

  /* Unhinted metrics: the same line breaks whatever the output. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
}

/**
 * hab_pdf_new:
 * @header: the text at the top left of every page (the dossier's title)
 * @document_title: the document's title, at the top right of every page
 *   and in the PDF's information
 */
HabPdf *
hab_pdf_new (const char *header,
             const char *document_title)
{
  return g_object_new (HAB_TYPE_PDF,
                       "header", header ? header : "",
                       "document-title", document_title ? document_title : "",
                       NULL);
}
