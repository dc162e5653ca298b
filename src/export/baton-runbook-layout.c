/* baton-runbook-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runbook as pages.  The document becomes a list of blocks (text,
 * label-value rows, rows of machine cards, signature lines); pagination
 * places them on pages, splitting text between lines when a block does
 * not fit and keeping a heading or a step's summary with what follows;
 * drawing shows each page's slices.  Text is wrapped by pango at word
 * boundaries, or anywhere when a word (a long name) is wider than the
 * column, so nothing is ever clipped.
 */

#define G_LOG_DOMAIN "baton-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "baton-export.h"
#include "baton-runbook-layout.h"

#define MARGIN_X       48.0
#define MARGIN_TOP     40.0
#define MARGIN_BOTTOM  40.0
#define HEADER_GAP     14.0
#define FOOTER_GAP     10.0
#define INDENT         18.0    /* steps and checklist items, after their box */
#define BOX            9.0     /* the tick box */
#define CARD_MIN_WIDTH 150.0
#define CARD_GAP       8.0
#define CARD_PAD       6.0
#define MAX_CHIPS      12      /* per card; the rest is counted */
#define CARD_SHARE     0.45    /* of a page's height, at most, for one card */

#define FONT_BODY      "Cantarell, DejaVu Sans 9.5"
#define FONT_SMALL     "Cantarell, DejaVu Sans 8"
#define FONT_H1        "Cantarell, DejaVu Sans Bold 17"
#define FONT_H2        "Cantarell, DejaVu Sans Bold 12.5"
#define FONT_H3        "Cantarell, DejaVu Sans Bold 10.5"
#define FONT_MONO      "DejaVu Sans Mono 7.5"

/* GNOME's palette */
#define INK            0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0
#define GREY           0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0
#define LIGHT          0xde / 255.0, 0xdd / 255.0, 0xda / 255.0
#define PAPER_GREY     0xf6 / 255.0, 0xf5 / 255.0, 0xf4 / 255.0
#define ACCENT         0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0
#define CHIP_FILL      0xe8 / 255.0, 0xf0 / 255.0, 0xfb / 255.0
#define WARN           0x9c / 255.0, 0x6e / 255.0, 0x03 / 255.0

typedef enum
{
  BLOCK_TEXT,
  BLOCK_ROW,        /* a label and a value side by side */
  BLOCK_CARDS,      /* a row of machine cards */
  BLOCK_SIGNATURE,  /* a role and three ruled fields */
} BlockKind;

typedef enum
{
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_H1,
  STYLE_H2,
  STYLE_H3,
  STYLE_CODE,
} Style;

typedef struct
{
  double top;        /* from the layout's top, in points */
  double bottom;
  double baseline;
  double x;
} Line;

typedef struct
{
  PangoLayout *name;
  PangoLayout *details;
  GPtrArray   *chips;      /* PangoLayout */
  PangoLayout *more;       /* nullable: "+ 52 more" */
  gboolean     changed;
  double       height;
} Card;

typedef struct
{
  BlockKind    kind;
  Style        style;
  PangoLayout *layout;     /* TEXT; ROW and SIGNATURE: the label */
  PangoLayout *value;      /* ROW: the value */
  GArray      *lines;      /* TEXT: Line */
  GPtrArray   *cards;      /* CARDS: Card */
  double       x;          /* from the left margin */
  double       width;
  double       height;
  double       space_before;
  double       space_after;
  guint        checkbox : 1;
  guint        rule_below : 1;
  guint        keep_with_next : 1;
  guint        warning : 1;
} Block;

/* Part of a block on a page: lines [first, first + n) of a text block, or all of it. */
typedef struct
{
  Block *block;
  guint  first;
  guint  n;
  double y;
} Slice;

struct _BatonRunbookLayout
{
  GObject       parent_instance;

  BatonRunbook *runbook;
  GPtrArray    *blocks;     /* Block */
  GPtrArray    *pages;      /* GArray of Slice, one per page */
  PangoLayout  *header;
  PangoContext *context;
  double        width;
  double        height;
  double        header_height;
};

G_DEFINE_FINAL_TYPE (BatonRunbookLayout, baton_runbook_layout, G_TYPE_OBJECT)

static void
card_free (Card *card)
{
  g_clear_object (&card->name);
  g_clear_object (&card->details);
  g_clear_pointer (&card->chips, g_ptr_array_unref);
  g_clear_object (&card->more);
  g_free (card);
}

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_object (&block->value);
  g_clear_pointer (&block->lines, g_array_unref);
  g_clear_pointer (&block->cards, g_ptr_array_unref);
  g_free (block);
}

static void
baton_runbook_layout_finalize (GObject *object)
{
  BatonRunbookLayout *self = (BatonRunbookLayout *) object;

  g_clear_object (&self->runbook);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->header);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (baton_runbook_layout_parent_class)->finalize (object);
}

static void
baton_runbook_layout_class_init (BatonRunbookLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baton_runbook_layout_finalize;
}

static void
baton_runbook_layout_init (BatonRunbookLayout *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/**
 * baton_runbook_layout_new:
 *
 * Returns: (transfer full): a layout of @runbook; call
 *   baton_runbook_layout_paginate() before drawing
 */
BatonRunbookLayout *
baton_runbook_layout_new (BatonRunbook *runbook)
{
  BatonRunbookLayout *self;

  g_return_val_if_fail (BATON_IS_RUNBOOK (runbook), NULL);

  self = g_object_new (BATON_TYPE_RUNBOOK_LAYOUT, NULL);
  self->runbook = g_object_ref (runbook);
  return self;
}

void
baton_paper_get_size (BatonPaper  paper,
                      double     *width,
                      double     *height)
{
  switch (paper)
    {
    case BATON_PAPER_LETTER:
      *width = 612.0;
      *height = 792.0;
      break;
    case BATON_PAPER_A4:
    default:
      *width = 595.276;
      *height = 841.89;
      break;
    }
}

gboolean
baton_paper_from_string (const char *text,
                         BatonPaper *paper)
{
  if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = BATON_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = BATON_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

PangoContext *
baton_runbook_layout_create_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* --- building blocks ------------------------------------------------------------- */

static const char *
style_font (Style style)
{
  switch (style)
    {
    case STYLE_SMALL:
      return FONT_SMALL;
    case STYLE_H1:
      return FONT_H1;
    case STYLE_H2:
      return FONT_H2;
    case STYLE_H3:
      return FONT_H3;
    case STYLE_CODE:
      return FONT_MONO;
    case STYLE_BODY:
    default:
      return FONT_BODY;
    }
}

static PangoLayout *
make_layout (BatonRunbookLayout *self,
             Style               style,
             const char         *markup,
             double              width)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (style_font (style));

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (style == STYLE_CODE)
    pango_layout_set_indent (layout, 0);
  pango_layout_set_markup (layout, markup, -1);

  /* A name broken across lines gets no hyphen that is not in it. */
  {
    PangoAttrList *attrs = pango_layout_get_attributes (layout);

    attrs = attrs ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
    pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
measure_lines (Block *block)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);

  block->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  do
    {
      PangoRectangle logical;
      Line line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = (double) logical.y / PANGO_SCALE;
      line.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      line.x = (double) logical.x / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      g_array_append_val (block->lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  block->height = layout_height (block->layout);
}

static double
content_width (BatonRunbookLayout *self)
{
  return self->width - 2 * MARGIN_X;
}

static Block *
add_text (BatonRunbookLayout *self,
          Style               style,
          const char         *markup,
          double              x,
          double              space_before,
          double              space_after)
{
  Block *block = g_new0 (Block, 1);
  double extra = style == STYLE_CODE ? 8.0 : 0.0;   /* the code box's padding */

  block->kind = BLOCK_TEXT;
  block->style = style;
  block->x = x;
  block->width = content_width (self) - x;
  block->space_before = space_before;
  block->space_after = space_after;
  block->layout = make_layout (self, style, markup, block->width - extra);
  measure_lines (block);
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_heading (BatonRunbookLayout *self,
             Style               style,
             const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  Block *block = add_text (self, style, escaped, 0, style == STYLE_H2 ? 16 : 10, 6);

  block->rule_below = style == STYLE_H2;
  block->keep_with_next = TRUE;
}

static void
add_row (BatonRunbookLayout *self,
         const char         *label,
         const char         *value,
         double              label_width)
{
  Block *block = g_new0 (Block, 1);
  g_autofree char *l = g_markup_printf_escaped ("<b>%s</b>", label);
  g_autofree char *v = g_markup_escape_text (value ? value : "", -1);

  block->kind = BLOCK_ROW;
  block->x = label_width;
  block->width = content_width (self);
  block->space_after = 3;
  block->layout = make_layout (self, STYLE_BODY, l, label_width - 6);
  block->value = make_layout (self, STYLE_BODY, v, content_width (self) - label_width);
  block->height = MAX (layout_height (block->layout), layout_height (block->value));
  g_ptr_array_add (self->blocks, block);
}

static void
add_signature (BatonRunbookLayout *self,
               const char         *role)
{
  Block *block = g_new0 (Block, 1);
  g_autofree char *l = g_markup_escape_text (role, -1);

  block->kind = BLOCK_SIGNATURE;
  block->width = content_width (self);
  block->space_before = 6;
  block->space_after = 6;
  block->layout = make_layout (self, STYLE_BODY, l, 100);
  block->height = 34;
  g_ptr_array_add (self->blocks, block);
}

/* A machine's card: name, role, state and software, then its groups. */
static Card *
make_card (BatonRunbookLayout  *self,
           BatonRunbookMachine *m,
           double               width)
{
  Card *card = g_new0 (Card, 1);
  double inner = width - 2 * CARD_PAD;
  g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", m->name);
  g_autofree char *details = g_markup_printf_escaped ("%s · %s\n%s", m->role, m->state,
                                                      m->software);

  card->changed = m->changed;
  card->name = make_layout (self, STYLE_BODY, name, inner);
  card->details = make_layout (self, STYLE_SMALL, details, inner);
  card->chips = g_ptr_array_new_with_free_func (g_object_unref);
  card->height = CARD_PAD + layout_height (card->name) + 2 + layout_height (card->details) + 4;

  /* Chips while the card stays well within a page (the steps name every
   * group anyway); the rest are counted. */
  for (guint i = 0; i < m->groups->len && i < MAX_CHIPS; i++)
    {
      g_autofree char *chip = g_markup_escape_text (g_ptr_array_index (m->groups, i), -1);
      PangoLayout *layout = make_layout (self, STYLE_SMALL, chip, inner - 8);
      double h = layout_height (layout) + 4 + 3;

      if (i > 0 && card->height + h + 20 > CARD_SHARE * self->height)
        {
          g_object_unref (layout);
          break;
        }
      g_ptr_array_add (card->chips, layout);
      card->height += h;
    }
  if (m->groups->len > card->chips->len)
    {
      guint rest = m->groups->len - card->chips->len;
      g_autofree char *more =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+ %u more group", "+ %u more groups",
                                      rest), rest);
      g_autofree char *escaped = g_markup_escape_text (more, -1);

      card->more = make_layout (self, STYLE_SMALL, escaped, inner);
      card->height += layout_height (card->more) + 2;
    }
  card->height += CARD_PAD;
  return card;
}

static void
add_cards (BatonRunbookLayout *self,
           GPtrArray          *machines)
{
  double width = content_width (self);
  guint columns = MAX (1, (guint) ((width + CARD_GAP) / (CARD_MIN_WIDTH + CARD_GAP)));
  double card_width = (width - (columns - 1) * CARD_GAP) / columns;

  for (guint i = 0; i < machines->len; i += columns)
    {
      Block *block = g_new0 (Block, 1);

      block->kind = BLOCK_CARDS;
      block->width = width;
      block->space_after = CARD_GAP;
      block->cards = g_ptr_array_new_with_free_func ((GDestroyNotify) card_free);
      for (guint k = i; k < machines->len && k < i + columns; k++)
        {
          Card *card = make_card (self, g_ptr_array_index (machines, k), card_width);

          block->height = MAX (block->height, card->height);
          g_ptr_array_add (block->cards, card);
        }
      g_ptr_array_add (self->blocks, block);
    }
}

static void
add_item (BatonRunbookLayout *self,
          BatonRunbookItem   *item,
          gboolean            checkbox)
{
  g_autofree char *markup = NULL;
  Block *block;

  if (item->citation != NULL)
    markup = g_markup_printf_escaped ("%s <span foreground=\"#5e5c64\" size=\"small\">(%s)</span>",
                                      item->text, item->citation);
  else
    markup = g_markup_escape_text (item->text, -1);

  block = add_text (self, STYLE_BODY, markup, checkbox ? INDENT : 0, 2, 2);
  block->checkbox = checkbox;
}

static void
add_step (BatonRunbookLayout *self,
          BatonRunbookStep   *step)
{
  const char *impact = baton_step_get_impact (step->step);
  g_autofree char *summary = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  Block *block;

  summary = g_markup_printf_escaped ("<b>%u.</b>  %s%s", step->number,
                                     baton_step_get_summary (step->step),
                                     baton_step_get_manual (step->step) ? _(" (by hand)") : "");
  block = add_text (self, STYLE_BODY, summary, INDENT, 7, 1);
  block->checkbox = TRUE;
  block->keep_with_next = TRUE;

#define DETAIL(label, value) G_STMT_START {                                               \
    g_autofree char *line = g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s:</span> %s", \
                                                     label, value);                        \
    if (details->len > 0)                                                                 \
      g_string_append_c (details, '\n');                                                  \
    g_string_append (details, line);                                                      \
  } G_STMT_END
  DETAIL (_("Target"), step->target);
  DETAIL (_("Expected duration"), step->duration);
  if (impact != NULL)
    DETAIL (_("Client impact"), impact);
  DETAIL (_("Source"), step->citation);
#undef DETAIL

  block = add_text (self, STYLE_SMALL, details->str, INDENT, 1, 1);
  if (step->command != NULL)
    {
      g_autofree char *code = g_markup_escape_text (step->command, -1);

      block->keep_with_next = TRUE;
      add_text (self, STYLE_CODE, code, INDENT, 3, 1);
    }
}

static void
build_blocks (BatonRunbookLayout *self)
{
  BatonRunbook *rb = self->runbook;
  GPtrArray *items, *phases = baton_runbook_get_phases (rb);
  g_autofree char *date = baton_runbook_format_date (rb);
  g_autofree char *makespan = baton_runbook_format_makespan (rb);
  g_autofree char *n_steps = g_strdup_printf ("%u", baton_runbook_get_n_steps (rb));
  g_autofree char *cluster = g_strdup_printf ("%s (%s)", baton_runbook_get_cluster_name (rb),
                                              baton_runbook_get_platform (rb));
  const char *roles[] = { N_("Prepared by"), N_("Reviewed by"), N_("Carried out by"),
                          N_("Accepted by") };

  g_ptr_array_set_size (self->blocks, 0);

  add_heading (self, STYLE_H1, baton_runbook_get_title (rb));
  add_row (self, _("Cluster"), cluster, 110);
  add_row (self, _("Product"), baton_runbook_get_product (rb), 110);
  add_row (self, _("From"), baton_runbook_get_from_versions (rb), 110);
  add_row (self, _("To"), baton_runbook_get_target (rb), 110);
  add_row (self, _("Date"), date, 110);
  add_row (self, _("Author"),
           baton_runbook_get_author (rb) ? baton_runbook_get_author (rb)
                                         : "________________________________", 110);
  add_row (self, _("Steps"), n_steps, 110);
  add_row (self, _("Expected duration"), makespan, 110);

  items = baton_runbook_get_warnings (rb);
  if (items->len > 0)
    {
      add_heading (self, STYLE_H2, _("Warnings"));
      for (guint i = 0; i < items->len; i++)
        {
          BatonRunbookItem *item = g_ptr_array_index (items, i);
          g_autofree char *markup = g_markup_printf_escaped ("⚠ %s", item->text);
          Block *block = add_text (self, STYLE_BODY, markup, 0, 2, 2);

          block->warning = TRUE;
        }
    }

  add_heading (self, STYLE_H2, _("Before you start"));
  items = baton_runbook_get_prerequisites (rb);
  for (guint i = 0; i < items->len; i++)
    add_item (self, g_ptr_array_index (items, i), TRUE);
  if (items->len == 0)
    add_text (self, STYLE_BODY, _("The sources name no prerequisites."), 0, 2, 2);

  add_heading (self, STYLE_H2, _("Topology"));
  add_heading (self, STYLE_H3, _("Before the upgrade"));
  add_cards (self, baton_runbook_get_before (rb));
  add_heading (self, STYLE_H3, _("After the upgrade"));
  add_cards (self, baton_runbook_get_after (rb));
  add_text (self, STYLE_SMALL, _("Cards with a blue border changed in the upgrade."), 0, 0, 4);

  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);
      g_autofree char *title = g_strdup_printf (_("Phase %u: %s"), p + 1, phase->title);

      add_heading (self, STYLE_H2, title);
      for (guint i = 0; i < phase->steps->len; i++)
        add_step (self, g_ptr_array_index (phase->steps, i));
    }

  items = baton_runbook_get_downtime (rb);
  if (items->len > 0)
    {
      add_heading (self, STYLE_H2, _("Estimate: moves and time without service"));
      for (guint i = 0; i < items->len; i++)
        {
          BatonRunbookItem *item = g_ptr_array_index (items, i);
          add_row (self, item->title, item->text, 200);
        }
    }

  add_heading (self, STYLE_H2, _("Sign-off"));
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    add_signature (self, _(roles[i]));

  add_heading (self, STYLE_H2, _("Appendix: troubleshooting"));
  items = baton_runbook_get_troubleshooting (rb);
  for (guint i = 0; i < items->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (items, i);

      if (item->title != NULL)
        add_heading (self, STYLE_H3, item->title);
      add_item (self, item, FALSE);
    }
  if (items->len == 0)
    add_text (self, STYLE_BODY, _("The sources give no troubleshooting for this upgrade."), 0, 2,
              2);

  add_heading (self, STYLE_H2, _("Appendix: rollback by phase"));
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s %u: %s.</b> %s", _("Phase"), p + 1,
                                                         phase->title, phase->rollback);

      add_text (self, STYLE_BODY, markup, 0, 3, 3);
    }
}

/* --- pagination ---------------------------------------------------------------- */

static double
line_height (Block *block,
             guint  first,
             guint  n)
{
  const Line *a = &g_array_index (block->lines, Line, first);
  const Line *b = &g_array_index (block->lines, Line, first + n - 1);

  return b->bottom - a->top;
}

/* The least of @block that must fit where it starts. */
static double
first_part (Block *block)
{
  if (block->kind == BLOCK_TEXT)
    return line_height (block, 0, MIN (2, block->lines->len)) + (block->style == STYLE_CODE ? 8 : 0);
  return block->height;
}

static GArray *
new_page (BatonRunbookLayout *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Slice));

  g_ptr_array_add (self->pages, page);
  return page;
}

void
baton_runbook_layout_paginate (BatonRunbookLayout *self,
                               PangoContext       *context,
                               double              width,
                               double              height)
{
  double top, bottom, y;
  GArray *page;

  g_return_if_fail (BATON_IS_RUNBOOK_LAYOUT (self));
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (width > 4 * MARGIN_X && height > 4 * MARGIN_TOP);

  g_set_object (&self->context, context);
  self->width = width;
  self->height = height;
  g_ptr_array_set_size (self->pages, 0);
  build_blocks (self);

  /* The running header: the title, wrapped when long; the page number goes in the footer. */
  {
    g_autofree char *markup =
      g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s</span>",
                               baton_runbook_get_title (self->runbook));

    g_clear_object (&self->header);
    self->header = make_layout (self, STYLE_SMALL, markup, content_width (self));
    self->header_height = layout_height (self->header);
  }

  top = MARGIN_TOP + self->header_height + HEADER_GAP;
  bottom = height - MARGIN_BOTTOM - 10 - FOOTER_GAP;
  y = top;
  page = new_page (self);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      double need = first_part (block);

      if (y > top)
        y += block->space_before;

      /* A heading or a step's first part stays with the start of what follows. */
      if (block->keep_with_next)
        {
          need = block->height;
          for (guint k = i + 1; k < self->blocks->len; k++)
            {
              Block *next = g_ptr_array_index (self->blocks, k);

              if (!next->keep_with_next)
                {
                  need += next->space_before + first_part (next);
                  break;
                }
              need += next->space_before + next->height;
            }
          /* A chain longer than a page cannot stay together: keep nothing. */
          if (need > bottom - top)
            need = first_part (block);
        }

      if (y + need > bottom && y > top)
        {
          page = new_page (self);
          y = top;
        }

      if (block->kind != BLOCK_TEXT)
        {
          Slice slice = { block, 0, 0, y };

          g_array_append_val (page, slice);
          y += block->height + block->space_after;
          continue;
        }

      /* Text: as many lines as fit, then the rest on the next pages. */
      for (guint first = 0; first < block->lines->len; )
        {
          double pad = block->style == STYLE_CODE ? 8 : 0;
          guint n = 0;
          Slice slice;

          while (first + n < block->lines->len &&
                 y + pad + line_height (block, first, n + 1) <= bottom)
            n++;

          if (n == 0)
            {
              if (y == top)
                n = 1;   /* a line taller than a page: place it anyway */
              else
                {
                  page = new_page (self);
                  y = top;
                  continue;
                }
            }

          slice = (Slice) { block, first, n, y };
          g_array_append_val (page, slice);
          y += pad + line_height (block, first, n);
          first += n;
          if (first < block->lines->len)
            {
              page = new_page (self);
              y = top;
            }
        }
      y += block->space_after;
    }
}

guint
baton_runbook_layout_get_n_pages (BatonRunbookLayout *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK_LAYOUT (self), 0);

  return self->pages->len;
}

/* --- drawing ------------------------------------------------------------------- */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_box (cairo_t *cr,
          double   x,
          double   y)
{
  cairo_save (cr);
  rounded_rectangle (cr, x, y, BOX, BOX, 1.5);
  cairo_set_source_rgb (cr, INK);
  cairo_set_line_width (cr, 0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
show_lines (cairo_t *cr,
            Block   *block,
            guint    first,
            guint    n,
            double   x,
            double   y)
{
  const Line *a = &g_array_index (block->lines, Line, first);

  for (guint i = first; i < first + n; i++)
    {
      const Line *line = &g_array_index (block->lines, Line, i);
      PangoLayoutLine *layout_line = pango_layout_get_line_readonly (block->layout, i);

      cairo_move_to (cr, x + line->x, y + line->baseline - a->top);
      pango_cairo_show_layout_line (cr, layout_line);
    }
}

static void
draw_text (cairo_t     *cr,
           const Slice *slice)
{
  Block *block = slice->block;
  double x = MARGIN_X + block->x;
  double h = line_height (block, slice->first, slice->n);

  if (block->style == STYLE_CODE)
    {
      rounded_rectangle (cr, x, slice->y, block->width, h + 8, 2.5);
      cairo_set_source_rgb (cr, PAPER_GREY);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, LIGHT);
      cairo_set_line_width (cr, 0.6);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, INK);
      show_lines (cr, block, slice->first, slice->n, x + 4, slice->y + 4);
      return;
    }

  if (block->checkbox && slice->first == 0)
    {
      const Line *line = &g_array_index (block->lines, Line, 0);
      draw_box (cr, x - INDENT + 1, slice->y + line->baseline - line->top - BOX + 0.5);
    }

  if (block->warning)
    cairo_set_source_rgb (cr, WARN);
  else
    cairo_set_source_rgb (cr, INK);
  show_lines (cr, block, slice->first, slice->n, x, slice->y);

  if (block->rule_below && slice->first + slice->n == block->lines->len)
    {
      cairo_set_source_rgb (cr, LIGHT);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, MARGIN_X, slice->y + h + 2.5);
      cairo_line_to (cr, MARGIN_X + block->width, slice->y + h + 2.5);
      cairo_stroke (cr);
    }
}

static void
draw_cards (cairo_t     *cr,
            const Slice *slice)
{
  Block *block = slice->block;
  guint columns = MAX (1, (guint) ((block->width + CARD_GAP) / (CARD_MIN_WIDTH + CARD_GAP)));
  double card_width = (block->width - (columns - 1) * CARD_GAP) / columns;

  for (guint i = 0; i < block->cards->len; i++)
    {
      Card *card = g_ptr_array_index (block->cards, i);
      double x = MARGIN_X + i * (card_width + CARD_GAP);
      double y = slice->y;

      rounded_rectangle (cr, x, y, card_width, block->height, 4);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      if (card->changed)
        {
          cairo_set_source_rgb (cr, ACCENT);
          cairo_set_line_width (cr, 1.6);
        }
      else
        {
          cairo_set_source_rgb (cr, LIGHT);
          cairo_set_line_width (cr, 0.9);
        }
      cairo_stroke (cr);

      x += CARD_PAD;
      y += CARD_PAD;
      cairo_set_source_rgb (cr, INK);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, card->name);
      y += layout_height (card->name) + 2;
      cairo_set_source_rgb (cr, GREY);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, card->details);
      y += layout_height (card->details) + 4;

      for (guint k = 0; k < card->chips->len; k++)
        {
          PangoLayout *chip = g_ptr_array_index (card->chips, k);
          double h = layout_height (chip) + 4;
          PangoRectangle ink;

          pango_layout_get_extents (chip, NULL, &ink);
          rounded_rectangle (cr, x, y, MIN (card_width - 2 * CARD_PAD,
                                            (double) ink.width / PANGO_SCALE + 8), h, 2.5);
          cairo_set_source_rgb (cr, CHIP_FILL);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, INK);
          cairo_move_to (cr, x + 4, y + 2);
          pango_cairo_show_layout (cr, chip);
          y += h + 3;
        }

      if (card->more != NULL)
        {
          cairo_set_source_rgb (cr, GREY);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, card->more);
        }
    }
}

static void
draw_signature (cairo_t     *cr,
                const Slice *slice)
{
  Block *block = slice->block;
  const char *captions[] = { N_("Name"), N_("Signature"), N_("Date") };
  double widths[] = { 150, 170, 80 };
  double x = MARGIN_X + 110;
  double line_y = slice->y + 18;

  cairo_set_source_rgb (cr, INK);
  cairo_move_to (cr, MARGIN_X, slice->y + 6);
  pango_cairo_show_layout (cr, block->layout);

  for (guint i = 0; i < G_N_ELEMENTS (captions); i++)
    {
      g_autoptr(PangoLayout) caption = pango_layout_copy (block->layout);
      PangoFontDescription *font = pango_font_description_from_string (FONT_SMALL);
      double w = MIN (widths[i], MARGIN_X + block->width - x);

      pango_layout_set_font_description (caption, font);
      pango_font_description_free (font);
      pango_layout_set_width (caption, (int) (w * PANGO_SCALE));
      pango_layout_set_text (caption, _(captions[i]), -1);

      cairo_set_source_rgb (cr, GREY);
      cairo_set_line_width (cr, 0.7);
      cairo_move_to (cr, x, line_y);
      cairo_line_to (cr, x + w - 8, line_y);
      cairo_stroke (cr);
      cairo_move_to (cr, x, line_y + 2);
      pango_cairo_show_layout (cr, caption);
      x += w;
    }
}

static void
draw_row (cairo_t     *cr,
          const Slice *slice)
{
  Block *block = slice->block;

  cairo_set_source_rgb (cr, INK);
  cairo_move_to (cr, MARGIN_X, slice->y);
  pango_cairo_show_layout (cr, block->layout);
  cairo_move_to (cr, MARGIN_X + block->x, slice->y);
  pango_cairo_show_layout (cr, block->value);
}

void
baton_runbook_layout_draw_page (BatonRunbookLayout *self,
                                cairo_t            *cr,
                                guint               page)
{
  GArray *slices;
  g_autoptr(PangoLayout) footer = NULL;
  g_autofree char *number = NULL;
  g_autofree char *markup = NULL;
  double footer_y;

  g_return_if_fail (BATON_IS_RUNBOOK_LAYOUT (self));
  g_return_if_fail (page < self->pages->len);

  slices = g_ptr_array_index (self->pages, page);
  cairo_save (cr);

  /* Header: the title, and a rule under it. */
  cairo_set_source_rgb (cr, GREY);
  cairo_move_to (cr, MARGIN_X, MARGIN_TOP);
  pango_cairo_show_layout (cr, self->header);
  cairo_set_source_rgb (cr, LIGHT);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, MARGIN_X, MARGIN_TOP + self->header_height + 4);
  cairo_line_to (cr, self->width - MARGIN_X, MARGIN_TOP + self->header_height + 4);
  cairo_stroke (cr);

  for (guint i = 0; i < slices->len; i++)
    {
      const Slice *slice = &g_array_index (slices, Slice, i);

      switch (slice->block->kind)
        {
        case BLOCK_TEXT:
          draw_text (cr, slice);
          break;
        case BLOCK_ROW:
          draw_row (cr, slice);
          break;
        case BLOCK_CARDS:
          draw_cards (cr, slice);
          break;
        case BLOCK_SIGNATURE:
          draw_signature (cr, slice);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Footer: cluster on the left, page n of N on the right. */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  markup = g_markup_printf_escaped ("<span foreground=\"#5e5c64\">%s</span>", number);
  footer = make_layout (self, STYLE_SMALL, markup, content_width (self));
  pango_layout_set_alignment (footer, PANGO_ALIGN_RIGHT);
  footer_y = self->height - MARGIN_BOTTOM - layout_height (footer);
  cairo_set_source_rgb (cr, INK);
  cairo_move_to (cr, MARGIN_X, footer_y);
  pango_cairo_show_layout (cr, footer);

  cairo_restore (cr);
}

/* Writes the PDF to @path itself. */
static gboolean
write_pdf_to (BatonRunbook  *runbook,
              const char    *path,
              const char    *shown_path,
              BatonPaper     paper,
              guint         *n_pages,
              GError       **error)
{
  g_autoptr(BatonRunbookLayout) layout = NULL;
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  baton_paper_get_size (paper, &width, &height);
  surface = cairo_pdf_surface_create (path, width, height);
  if ((status = cairo_surface_status (surface)) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BATON_EXPORT_ERROR, BATON_EXPORT_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), shown_path, cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  baton_runbook_get_title (runbook));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Baton " PACKAGE_VERSION);
  if (baton_runbook_get_author (runbook) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    baton_runbook_get_author (runbook));

  cr = cairo_create (surface);
  context = baton_runbook_layout_create_context (cr);
  layout = baton_runbook_layout_new (runbook);
  baton_runbook_layout_paginate (layout, context, width, height);
  g_object_unref (context);

  for (guint i = 0; i < baton_runbook_layout_get_n_pages (layout); i++)
    {
      baton_runbook_layout_draw_page (layout, cr, i);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BATON_EXPORT_ERROR, BATON_EXPORT_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), shown_path, cairo_status_to_string (status));
      return FALSE;
    }

  if (n_pages != NULL)
    *n_pages = baton_runbook_layout_get_n_pages (layout);
  return TRUE;
}

/**
 * baton_runbook_write_pdf:
 * @n_pages: (out) (optional): how many pages were written
 *
 * Writes @runbook as a PDF on @paper.  The PDF goes to a temporary file
 * beside @path, renamed over it once complete: an existing file is
 * replaced only by a whole new one.
 */
gboolean
baton_runbook_write_pdf (BatonRunbook  *runbook,
                         const char    *path,
                         BatonPaper     paper,
                         guint         *n_pages,
                         GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  int fd;

  g_return_val_if_fail (BATON_IS_RUNBOOK (runbook), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  if ((fd = g_mkstemp (tmp)) < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (!write_pdf_to (runbook, tmp, path, paper, n_pages, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  g_chmod (tmp, 0644);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
