/* baton-verifier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays a plan on a copy of the cluster model: reports each broken
 * invariant of DESIGN.md and computes the plan's estimate.
 */

#pragma once

#include "baton-cluster.h"
#include "baton-plan.h"

G_BEGIN_DECLS

/* Invariant codes (stable strings, used in tests, JSON and the GUI). */
#define BATON_INVARIANT_STRUCTURE          "structure"          /* bad ids, after -> later/unknown step, unknown names */
#define BATON_INVARIANT_UPDATE_WHILE_OWNING "update-while-owning" /* install/restart/stop service on a node owning an online group */
#define BATON_INVARIANT_MOVE_TARGET        "move-target"        /* move to a node down, paused, service stopped, or not a possible owner */
#define BATON_INVARIANT_QUORUM             "quorum"             /* at some moment members hold no more than half the votes */
#define BATON_INVARIANT_CAPACITY           "capacity"           /* a node's groups' load exceeds its capacity */
#define BATON_INVARIANT_END_VERSION        "end-version"        /* a node or server does not end at the target */
#define BATON_INVARIANT_END_PREFERRED      "end-preferred"      /* a group does not end on its preferred owner */
#define BATON_INVARIANT_END_ONLINE         "end-online"         /* a group online before ends offline */
#define BATON_INVARIANT_END_STATE          "end-state"          /* a node ends paused or with its service stopped */
#define BATON_INVARIANT_UPGRADE_SOURCE     "upgrade-source"     /* upgrade-virtual-server from a node not at the target */

typedef struct
{
  guint  step_id;     /* 0 when the finding is about the end state */
  char  *invariant;   /* one of BATON_INVARIANT_* */
  char  *message;     /* for people, names the step, node and group */
  gboolean waived;    /* the step declares this invariant waived by its source */
} BatonFinding;

void       baton_finding_free (BatonFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BatonFinding, baton_finding_free)

GPtrArray *baton_plan_verify  (BatonPlan    *plan,
                               BatonCluster *cluster,
                               const char   *family);
void       baton_plan_estimate (BatonPlan    *plan,
                                BatonCluster *cluster);
GPtrArray *baton_plan_check    (BatonPlan    *plan,
                                BatonCluster *cluster,
                                const char   *family);

G_END_DECLS
