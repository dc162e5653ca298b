/* planner-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated clusters for the planner's tests and benchmark.
 */

#pragma once

#include <glib.h>

#include "baton-cluster.h"

G_BEGIN_DECLS

typedef struct
{
  const char *platform;         /* "pacemaker", "wsfc", … */
  const char *family;           /* "pacemaker", "windows", … */
  const char *version;          /* what every node runs: "2.1.5" */
  guint       n_nodes;
  guint       groups_per_node;
  gboolean    tricky_names;     /* quotes, "$", spaces, backslashes, non-ASCII */
  gboolean    random_owners;    /* random possible and preferred owners */
} PlannerGenSpec;

char         *planner_util_node_name     (guint                 number,
                                          gboolean              tricky);
char         *planner_util_group_name    (guint                 number,
                                          gboolean              tricky);
char         *planner_util_generate_json (const PlannerGenSpec *spec,
                                          GRand                *rng);
BatonCluster *planner_util_generate      (const PlannerGenSpec *spec,
                                          GRand                *rng);

G_END_DECLS
