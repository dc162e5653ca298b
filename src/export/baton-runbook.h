/* baton-runbook.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One runbook document, built from a plan: what every renderer (Markdown,
 * HTML, PDF, print) shows, already in the order it is shown.
 */

#pragma once

#include <gio/gio.h>

#include "baton-cluster.h"
#include "baton-plan.h"
#include "baton-profile.h"

G_BEGIN_DECLS

/* A checklist item or an appendix entry, with where it comes from. */
typedef struct
{
  char *title;      /* nullable: only appendix entries have one */
  char *text;
  char *citation;   /* nullable: "Q328839: How to apply…" */
} BatonRunbookItem;

typedef struct
{
  guint      number;       /* 1-based, in the order of the plan */
  BatonStep *step;
  char      *target;       /* "NODE-A", or "EVS1: NODE-A → NODE-B" */
  char      *command;      /* nullable: the command for the toolchain */
  char      *toolchain;    /* nullable: the toolchain of @command */
  char      *duration;     /* "5 min" */
  char      *citation;     /* "Q174799: How to Install…, step 3" */
} BatonRunbookStep;

typedef struct
{
  char      *id;           /* the plan's phase: "update" */
  char      *title;        /* "Update the nodes" */
  GPtrArray *steps;        /* BatonRunbookStep */
  char      *rollback;     /* what to do to undo this phase */
} BatonRunbookPhase;

/* A node or a server and what it holds, before or after the plan. */
typedef struct
{
  char      *name;
  char      *role;         /* "node", or the server's role label */
  char      *state;        /* "up", "paused", … */
  char      *software;     /* "Windows 2000 SP4, Exchange 2003 SP2" */
  GPtrArray *groups;       /* char *: "EVS1" */
  gboolean   changed;      /* its software or groups differ from before */
} BatonRunbookMachine;

#define BATON_TYPE_RUNBOOK (baton_runbook_get_type ())

G_DECLARE_FINAL_TYPE (BatonRunbook, baton_runbook, BATON, RUNBOOK, GObject)

BatonRunbook *baton_runbook_new               (BatonCluster  *cluster,
                                               BatonProfile  *profile,
                                               BatonPlan     *plan);

const char   *baton_runbook_get_author        (BatonRunbook  *self);
void          baton_runbook_set_author        (BatonRunbook  *self,
                                               const char    *author);
GDateTime    *baton_runbook_get_date          (BatonRunbook  *self);
void          baton_runbook_set_date          (BatonRunbook  *self,
                                               GDateTime     *date);
const char   *baton_runbook_get_toolchain     (BatonRunbook  *self);
void          baton_runbook_set_toolchain     (BatonRunbook  *self,
                                               const char    *toolchain);

const char   *baton_runbook_get_title         (BatonRunbook  *self);
const char   *baton_runbook_get_cluster_name  (BatonRunbook  *self);
const char   *baton_runbook_get_platform      (BatonRunbook  *self);
const char   *baton_runbook_get_product       (BatonRunbook  *self);
const char   *baton_runbook_get_from_versions (BatonRunbook  *self);
const char   *baton_runbook_get_target        (BatonRunbook  *self);
char         *baton_runbook_format_date       (BatonRunbook  *self);
char         *baton_runbook_format_makespan   (BatonRunbook  *self);

GPtrArray    *baton_runbook_get_prerequisites (BatonRunbook  *self);
GPtrArray    *baton_runbook_get_before        (BatonRunbook  *self);
GPtrArray    *baton_runbook_get_after         (BatonRunbook  *self);
GPtrArray    *baton_runbook_get_phases        (BatonRunbook  *self);
GPtrArray    *baton_runbook_get_warnings      (BatonRunbook  *self);
GPtrArray    *baton_runbook_get_downtime      (BatonRunbook  *self);
GPtrArray    *baton_runbook_get_troubleshooting (BatonRunbook *self);
guint         baton_runbook_get_n_steps       (BatonRunbook  *self);

char         *baton_runbook_to_markdown       (BatonRunbook  *self);
char         *baton_runbook_to_html           (BatonRunbook  *self);

G_END_DECLS
