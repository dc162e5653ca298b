/* baton-runbook-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runbook laid out on pages with cairo and pango: the one layout the
 * PDF export and the GUI's printing (GtkPrintOperation) both draw, so a
 * printed runbook and its PDF are the same pages.
 */

#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "baton-runbook.h"

G_BEGIN_DECLS

typedef enum
{
  BATON_PAPER_A4,
  BATON_PAPER_LETTER,
} BatonPaper;

void          baton_paper_get_size      (BatonPaper  paper,
                                         double     *width,
                                         double     *height);
gboolean      baton_paper_from_string   (const char *text,
                                         BatonPaper *paper);

#define BATON_TYPE_RUNBOOK_LAYOUT (baton_runbook_layout_get_type ())

G_DECLARE_FINAL_TYPE (BatonRunbookLayout, baton_runbook_layout, BATON, RUNBOOK_LAYOUT, GObject)

BatonRunbookLayout *baton_runbook_layout_new        (BatonRunbook       *runbook);

/* A pango context for @cr set up as the layout expects: 72 units per inch
 * (cairo units are points) and unhinted metrics, so that the lines break
 * the same on every surface. */
PangoContext       *baton_runbook_layout_create_context (cairo_t        *cr);

/* Lays the runbook out on pages of @width x @height points. */
void                baton_runbook_layout_paginate   (BatonRunbookLayout *self,
                                                     PangoContext       *context,
                                                     double              width,
                                                     double              height);
guint               baton_runbook_layout_get_n_pages (BatonRunbookLayout *self);

/* Draws page @page (from 0) on @cr, whose origin is the page's top left
 * corner and whose units are points. */
void                baton_runbook_layout_draw_page  (BatonRunbookLayout *self,
                                                     cairo_t            *cr,
                                                     guint               page);

gboolean            baton_runbook_write_pdf         (BatonRunbook       *runbook,
                                                     const char         *path,
                                                     BatonPaper          paper,
                                                     guint              *n_pages,
                                                     GError            **error);

G_END_DECLS
