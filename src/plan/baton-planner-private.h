/* baton-planner-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the planner's strategies share: the planning context, which
 * replays every emitted step on a copy of the cluster so each decision
 * sees the state the cluster will be in at that point.
 */

#pragma once

#include "baton-cluster.h"
#include "baton-plan.h"
#include "baton-profile.h"
#include "baton-step-private.h"

G_BEGIN_DECLS

typedef enum
{
  PREFER_UPDATED,       /* a group moved there need not move again */
  PREFER_NOT_UPDATED,   /* keeps an Exchange 2003 virtual server online (no event 1025) */
} Preference;

/* What choosing a destination needs of each node, without a look-up. */
typedef struct
{
  BatonNode  *node;
  const char *name;
  guint       index;     /* file order */
  guint       load;      /* of the groups it owns now */
  guint       capacity;
  gboolean    updated;   /* runs the target */
  gboolean    stopped;   /* its Cluster service is stopped */
  gboolean    excluded;  /* in the batch being updated: takes no group */
} NodeInfo;

typedef struct
{
  BatonProfile *profile;
  BatonCluster *work;        /* the cluster as the plan so far leaves it */
  GPtrArray    *node_list;   /* the work cluster's nodes, in file order */
  BatonPlan    *plan;
  BatonVersion *target;
  const char   *family;
  GHashTable   *options;     /* key -> value, profile defaults overlaid */
  GHashTable   *exclusive;   /* resource -> id of its last exclusive user, since the barrier */
  GHashTable   *shared;      /* resource -> GArray of ids sharing it since then */
  GArray       *barrier;     /* ids every new step depends on */
  guint         barrier_floor; /* the last step id when the barrier was set */
  GArray       *infos;       /* NodeInfo, in file order */
  GHashTable   *info_by_name; /* node name -> NodeInfo * */
  GHashTable   *durations;   /* template key -> GUINT seconds */
  GHashTable   *initially_paused;
  const char   *phase;
  GArray       *offline_windows;  /* OfflineWindow: groups offline between two steps */
  GHashTable   *upgraded;         /* Exchange virtual servers already upgraded */
  GHashTable   *preferring;       /* node -> GPtrArray of the groups preferring it */
  BatonStepExpansion *expansion;  /* what every step's text expands with */
  int          *rank_scratch;     /* one int per node, for choose_destination */
} PlanCtx;

/* A group the plan leaves offline from one step to another (event 1025). */
typedef struct
{
  char  *group;
  guint  from_step;
  guint  to_step;
} OfflineWindow;

typedef gboolean (*StrategyFunc) (PlanCtx  *ctx,
                                  GError  **error);

/* baton-planner.c */
gboolean     ctx_refuse          (GError      **error,
                                  const char   *format,
                                  ...) G_GNUC_PRINTF (2, 3);
NodeInfo    *ctx_info            (PlanCtx      *ctx,
                                  const char   *node);
const char  *ctx_option          (PlanCtx      *ctx,
                                  const char   *key);
gboolean     ctx_option_bool     (PlanCtx      *ctx,
                                  const char   *key);
BatonStep   *ctx_emit            (PlanCtx      *ctx,
                                  const char   *key,
                                  const char   *node,
                                  const char   *group,
                                  const char   *version,
                                  const char  **resources);
BatonStep   *ctx_emit_owners     (PlanCtx            *ctx,
                                  const char         *key,
                                  const char         *group,
                                  const char * const *owners);
BatonStep   *ctx_emit_optional   (PlanCtx      *ctx,
                                  const char   *key,
                                  const char   *node,
                                  const char   *group);
void         ctx_barrier         (PlanCtx      *ctx);
void         ctx_after_all       (PlanCtx      *ctx,
                                  BatonStep    *step,
                                  GArray       *ids);
GPtrArray   *ctx_nodes           (PlanCtx      *ctx);
GPtrArray   *ctx_servers_with_role (PlanCtx    *ctx,
                                    BatonServerRole role);
gboolean     ctx_is_updated      (PlanCtx      *ctx,
                                  BatonMachine *machine);
gboolean     ctx_has_family      (PlanCtx      *ctx,
                                  BatonMachine *machine);
GPtrArray   *ctx_order_nodes     (PlanCtx      *ctx,
                                  GError      **error);
gboolean     ctx_empty_node      (PlanCtx      *ctx,
                                  const char   *node,
                                  GHashTable   *exclude,
                                  Preference    prefer,
                                  GError      **error);
BatonStep   *ctx_move            (PlanCtx      *ctx,
                                  BatonGroup   *group,
                                  const char   *to,
                                  const char   *key);
BatonStep   *ctx_install         (PlanCtx      *ctx,
                                  const char   *machine,
                                  const char   *version);
void         ctx_failback        (PlanCtx      *ctx,
                                  const char   *only_to);
void         ctx_prelude         (PlanCtx      *ctx);
void         ctx_update_servers  (PlanCtx      *ctx);
GPtrArray   *ctx_next_batch      (PlanCtx      *ctx,
                                  GPtrArray    *remaining,
                                  guint         max_parallel);

void         ctx_set_group_online (PlanCtx    *ctx,
                                   const char *group,
                                   gboolean    online);

/* baton-strategies.c */
StrategyFunc baton_strategy_lookup (const char *name);
void         baton_strategy_finish (PlanCtx    *ctx);

G_END_DECLS
