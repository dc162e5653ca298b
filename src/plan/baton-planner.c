/* baton-planner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BatonPlanner turns a cluster, a product profile and a target into a
 * plan.  It refuses what the profile's source forbids (with a message that
 * cites it), then runs the profile's strategy.  Strategies emit steps
 * through a PlanCtx, which:
 * - fills each step from the profile's template (summary, citation,
 *   commands for each toolchain with every name quoted, duration, impact);
 * - tracks true dependencies: a step depends on the last step that touched
 *   one of its resources (a node, a group, a server) and on the last
 *   barrier, so independent work (front-ends, a batch of nodes) may run at
 *   once while everything that must wait does;
 * - replays each step on a copy of the cluster, so every later decision
 *   (where a group can go, which node is updated) sees the state the plan
 *   leaves at that point.
 */

#define G_LOG_DOMAIN "baton-plan"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "baton-cluster-file.h"
#include "baton-planner.h"
#include "baton-planner-private.h"
#include "baton-step-private.h"
#include "baton-quote.h"
#include "baton-verifier.h"

struct _BatonPlanner
{
  GObject       parent_instance;

  BatonCluster *cluster;
  BatonProfile *profile;
  GHashTable   *options;
};

G_DEFINE_FINAL_TYPE (BatonPlanner, baton_planner, G_TYPE_OBJECT)

static void
baton_planner_dispose (GObject *object)
{
  BatonPlanner *self = (BatonPlanner *) object;

  g_clear_object (&self->cluster);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (baton_planner_parent_class)->dispose (object);
}

static void
baton_planner_finalize (GObject *object)
{
  BatonPlanner *self = (BatonPlanner *) object;

  g_clear_pointer (&self->options, g_hash_table_unref);

  G_OBJECT_CLASS (baton_planner_parent_class)->finalize (object);
}

static void
baton_planner_class_init (BatonPlannerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = baton_planner_dispose;
  G_OBJECT_CLASS (klass)->finalize = baton_planner_finalize;
}

static void
baton_planner_init (BatonPlanner *self)
{
  self->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * baton_planner_new:
 *
 * Returns: (transfer full): a planner for @cluster and @profile.  The
 *   planner never changes @cluster.
 */
BatonPlanner *
baton_planner_new (BatonCluster *cluster,
                   BatonProfile *profile)
{
  BatonPlanner *self;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (BATON_IS_PROFILE (profile), NULL);

  self = g_object_new (BATON_TYPE_PLANNER, NULL);
  self->cluster = g_object_ref (cluster);
  self->profile = g_object_ref (profile);
  return self;
}

static gboolean
parse_bool (const char *value,
            gboolean   *out)
{
  if (g_strv_contains ((const char *[]) { "true", "yes", "1", NULL }, value))
    *out = TRUE;
  else if (g_strv_contains ((const char *[]) { "false", "no", "0", NULL }, value))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_uint (const char *value,
            guint       minimum,
            guint      *out)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (value, 10, minimum, G_MAXINT32, &n, NULL))
    return FALSE;
  *out = (guint) n;
  return TRUE;
}

/**
 * baton_planner_set_option:
 * @key: "max_parallel", "order", "duration.ACTION-OR-TEMPLATE", or one of
 *   the options the profile declares
 *
 * Returns: whether @key is an option of this profile and @value fits it
 */
gboolean
baton_planner_set_option (BatonPlanner  *self,
                          const char    *key,
                          const char    *value,
                          GError       **error)
{
  const char *fallback;
  gboolean b;
  guint n;

  g_return_val_if_fail (BATON_IS_PLANNER (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  fallback = baton_profile_get_option (self->profile, key);

  if (g_str_has_prefix (key, "duration."))
    {
      if (!parse_uint (value, 0, &n))
        {
          g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                       _("Option %s: expected a number of seconds, found “%s”"), key, value);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "max_parallel"))
    {
      if (!parse_uint (value, 1, &n))
        {
          g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                       _("Option max_parallel: expected a whole number of at least 1, found “%s”"),
                       value);
          return FALSE;
        }
    }
  else if (g_str_equal (key, "order"))
    {
      /* Checked against the nodes when planning. */
    }
  else if (fallback == NULL)
    {
      g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                   _("%s has no option “%s”"), baton_profile_get_id (self->profile), key);
      return FALSE;
    }
  else if (parse_bool (fallback, &b) && !parse_bool (value, &b))
    {
      g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                   _("Option %s: expected true or false, found “%s”"), key, value);
      return FALSE;
    }

  g_hash_table_insert (self->options, g_strdup (key), g_strdup (value));
  return TRUE;
}

/* --- the planning context ------------------------------------------------- */

const char *
ctx_option (PlanCtx    *ctx,
            const char *key)
{
  const char *value = g_hash_table_lookup (ctx->options, key);

  return value ? value : baton_profile_get_option (ctx->profile, key);
}

gboolean
ctx_option_bool (PlanCtx    *ctx,
                 const char *key)
{
  const char *value = ctx_option (ctx, key);
  gboolean b = FALSE;

  return value != NULL && parse_bool (value, &b) && b;
}


/*
 * cmd.exe expands %NAME% even inside double quotes, and no quoting stops
 * it on an interactive command line: say so for names that contain "%".
 */
static void
warn_percent (PlanCtx    *ctx,
              const char *node,
              const char *group,
              const char *from)
{
  const char *names[] = { node, group, from };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i] != NULL && strchr (names[i], '%') != NULL)
      {
        g_autofree char *warning =
          g_strdup_printf (_("“%s” contains “%%”: cmd.exe expands %%NAME%% even inside quotes, so "
                             "run its cluster.exe commands from PowerShell or a batch file "
                             "(where %%%% stands for %%)"), names[i]);
        baton_plan_add_warning (ctx->plan, warning);
      }
}

static guint step_duration_uncached (PlanCtx     *ctx,
                                     const char  *key,
                                     BatonAction  action);

/* Durations depend only on the template key: computed once each. */
static guint
step_duration (PlanCtx     *ctx,
               const char  *key,
               BatonAction  action)
{
  gpointer value;
  guint seconds;

  if (g_hash_table_lookup_extended (ctx->durations, key, NULL, &value))
    return GPOINTER_TO_UINT (value);

  seconds = step_duration_uncached (ctx, key, action);
  g_hash_table_insert (ctx->durations, g_strdup (key), GUINT_TO_POINTER (seconds));
  return seconds;
}

static guint
step_duration_uncached (PlanCtx     *ctx,
                        const char  *key,
                        BatonAction  action)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BATON_TYPE_ACTION);
  g_autofree char *by_key = g_strdup_printf ("duration.%s", key);
  g_autofree char *by_action =
    g_strdup_printf ("duration.%s", g_enum_get_value (klass, action)->value_nick);
  const char *value;
  guint n;

  if (((value = g_hash_table_lookup (ctx->options, by_key)) ||
       (value = g_hash_table_lookup (ctx->options, by_action))) &&
      parse_uint (value, 0, &n))
    return n;

  return baton_profile_get_duration (ctx->profile, key, action);
}

/*
 * Resources are used exclusively ("n:NODE" by a step on the node itself)
 * or shared ("~n:NODE" by a move to or from it: several groups may move
 * between the same nodes at once).  An exclusive use waits for the last
 * exclusive use and for every shared use since; a shared use waits only
 * for the last exclusive use.  Only uses since the last barrier count: the
 * barrier itself orders the rest.  Returns whether the step now depends
 * on something.
 */
static gboolean
depend_on (PlanCtx    *ctx,
           BatonStep  *step,
           const char *resource)
{
  gboolean shared = resource[0] == '~';
  const char *name = shared ? resource + 1 : resource;
  guint id = baton_step_get_id (step);
  gboolean depends = FALSE;
  gpointer last;
  GArray *users;

  if (g_hash_table_lookup_extended (ctx->exclusive, name, NULL, &last))
    {
      baton_step_add_after (step, GPOINTER_TO_UINT (last));
      depends = TRUE;
    }

  users = g_hash_table_lookup (ctx->shared, name);

  if (shared)
    {
      if (users == NULL)
        {
          users = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (ctx->shared, g_strdup (name), users);
        }
      g_array_append_val (users, id);
      return depends;
    }

  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      if (g_array_index (users, guint, i) != id)
        {
          baton_step_add_after (step, g_array_index (users, guint, i));
          depends = TRUE;
        }
    }
  g_hash_table_remove (ctx->shared, name);
  g_hash_table_insert (ctx->exclusive, g_strdup (name), GUINT_TO_POINTER (id));
  return depends;
}

static BatonStep *
emit_full (PlanCtx            *ctx,
           const char         *key,
           const char         *node,
           const char         *group,
           const char         *version,
           const char         *from,
           const char * const *owners,
           const char        **resources)
{
  const BatonStepTemplate *t = baton_profile_lookup_template (ctx->profile, key);
  gboolean depends = FALSE;
  BatonStep *step;

  g_return_val_if_fail (t != NULL, NULL);

  step = baton_plan_add_step (ctx->plan, t->action);
  baton_step_set_node (step, node);
  baton_step_set_group (step, group);
  baton_step_set_version (step, version);
  baton_step_set_from (step, from);
  if (t->action == BATON_ACTION_INSTALL_UPDATE)
    baton_step_set_family (step, ctx->family);
  if (owners != NULL)
    baton_step_set_owners (step, owners);
  baton_step_set_phase (step, t->phase ? t->phase : ctx->phase);
  baton_step_set_manual (step, t->manual);
  baton_step_set_duration (step, step_duration (ctx, key, t->action));

  /* The summary, impact and commands are written out when read. */
  baton_step_set_template (step, ctx->expansion, t);

  if (t->commands != NULL && json_object_has_member (t->commands, "cluster.exe"))
    warn_percent (ctx, node, group, from);

  if (resources != NULL)
    {
      for (guint i = 0; resources[i]; i++)
        depends |= depend_on (ctx, step, resources[i]);
    }
  else
    {
      g_autofree char *n = node ? g_strconcat ("n:", node, NULL) : NULL;
      g_autofree char *g = group ? g_strconcat ("g:", group, NULL) : NULL;

      if (n)
        depends |= depend_on (ctx, step, n);
      if (g)
        depends |= depend_on (ctx, step, g);
    }

  /* A step that waits for a step after the barrier waits for the barrier. */
  if (!depends)
    baton_step_add_after_sorted (step, (const guint *) (gpointer) ctx->barrier->data,
                                 ctx->barrier->len);

  return step;
}

/**
 * ctx_emit:
 * @resources: (nullable): what the step touches ("n:NODE", "g:GROUP",
 *   "s:SET"); %NULL means its node and group
 */
BatonStep *
ctx_emit (PlanCtx     *ctx,
          const char  *key,
          const char  *node,
          const char  *group,
          const char  *version,
          const char **resources)
{
  return emit_full (ctx, key, node, group, version, NULL, NULL, resources);
}

/**
 * ctx_emit_owners:
 *
 * A set-possible-owners step: @owners become the possible owners of @group.
 */
BatonStep *
ctx_emit_owners (PlanCtx            *ctx,
                 const char         *key,
                 const char         *group,
                 const char * const *owners)
{
  return emit_full (ctx, key, NULL, group, NULL, NULL, owners, NULL);
}

/**
 * ctx_emit_optional:
 *
 * Emits @key when the profile has such a template (a step its source
 * asks for only on some platforms), else nothing.
 */
BatonStep *
ctx_emit_optional (PlanCtx    *ctx,
                   const char *key,
                   const char *node,
                   const char *group)
{
  if (baton_profile_lookup_template (ctx->profile, key) == NULL)
    return NULL;

  return ctx_emit (ctx, key, node, group, NULL, NULL);
}

/**
 * ctx_barrier:
 *
 * Every step emitted from now on waits for everything emitted so far: it
 * depends on the steps since the last barrier that no other step waits
 * for (the sinks).
 */
void
ctx_barrier (PlanCtx *ctx)
{
  guint floor = ctx->barrier_floor;
  guint n = baton_plan_get_n_steps (ctx->plan);
  g_autofree guint8 *waited_for = NULL;

  if (n == floor)
    return;

  /* A step some later step waits for is not a sink: one look at each
   * step's direct dependencies finds them all (ids only grow). */
  waited_for = g_new0 (guint8, n - floor + 1);
  for (guint id = floor + 1; id <= n; id++)
    {
      const guint *after;
      guint n_after;

      after = baton_step_get_after (baton_plan_lookup_step (ctx->plan, id), &n_after);
      for (guint i = 0; i < n_after; i++)
        if (after[i] > floor)
          waited_for[after[i] - floor] = 1;
    }

  g_array_set_size (ctx->barrier, 0);
  for (guint id = floor + 1; id <= n; id++)
    if (!waited_for[id - floor])
      g_array_append_val (ctx->barrier, id);

  ctx->barrier_floor = n;
  g_hash_table_remove_all (ctx->exclusive);
  g_hash_table_remove_all (ctx->shared);
}

/**
 * ctx_after_all:
 *
 * Makes @step wait for each step of @ids too ("together": a load-balanced
 * set comes back online only when every member is updated).
 */
void
ctx_after_all (PlanCtx   *ctx,
               BatonStep *step,
               GArray    *ids)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, guint, i) != baton_step_get_id (step))
      baton_step_add_after (step, g_array_index (ids, guint, i));
}

/**
 * ctx_info:
 *
 * Returns: (transfer none): what the planner keeps of node @node
 */
NodeInfo *
ctx_info (PlanCtx    *ctx,
          const char *node)
{
  NodeInfo *info = g_hash_table_lookup (ctx->info_by_name, node);

  g_assert (info != NULL);
  return info;
}

/**
 * ctx_nodes:
 *
 * Returns: (transfer full): the nodes in file order (a new reference to
 *   one array: do not change it)
 */
GPtrArray *
ctx_nodes (PlanCtx *ctx)
{
  if (ctx->node_list == NULL)
    {
      GListModel *nodes = baton_cluster_get_nodes (ctx->work);
      guint n = g_list_model_get_n_items (nodes);

      ctx->node_list = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (ctx->node_list, g_list_model_get_item (nodes, i));
    }

  return g_ptr_array_ref (ctx->node_list);
}

GPtrArray *
ctx_servers_with_role (PlanCtx         *ctx,
                       BatonServerRole  role)
{
  GListModel *servers = baton_cluster_get_servers (ctx->work);
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (servers);

  for (guint i = 0; i < n; i++)
    {
      BatonServer *server = g_list_model_get_item (servers, i);

      if (baton_server_get_role (server) == role && ctx_has_family (ctx, BATON_MACHINE (server)))
        g_ptr_array_add (ret, server);
      else
        g_object_unref (server);
    }
  return ret;
}

gboolean
ctx_has_family (PlanCtx      *ctx,
                BatonMachine *machine)
{
  return baton_machine_get_version (machine, ctx->family) != NULL;
}

gboolean
ctx_is_updated (PlanCtx      *ctx,
                BatonMachine *machine)
{
  BatonVersion *version = baton_machine_get_version (machine, ctx->family);

  return version != NULL && baton_version_compare (version, ctx->target) >= 0;
}

static guint
node_load (PlanCtx    *ctx,
           const char *node)
{
  return ctx_info (ctx, node)->load;
}

typedef struct
{
  BatonNode *node;
  guint      app_groups;  /* groups other than the cluster core group */
  guint      groups;
  guint      load;
  guint      index;
} NodeRank;

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  const NodeRank *x = a, *y = b;

  if (x->app_groups != y->app_groups)
    return x->app_groups < y->app_groups ? -1 : 1;
  if (x->groups != y->groups)
    return x->groups < y->groups ? -1 : 1;
  if (x->load != y->load)
    return x->load < y->load ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/**
 * ctx_order_nodes:
 *
 * The nodes to update, in order: --option order=A,B,… when given (every
 * node to update, once), else passive nodes first (those owning the fewest
 * groups besides the cluster core group, as the sources and Cluster-Aware
 * Updating do), then the fewest groups, the least loaded, file order.  Nodes without the family or
 * already at the target are left out.
 *
 * Returns: (transfer full) (element-type BatonNode): the nodes
 */
GPtrArray *
ctx_order_nodes (PlanCtx  *ctx,
                 GError  **error)
{
  g_autoptr(GPtrArray) nodes = ctx_nodes (ctx);
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (NodeRank));
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);
  const char *order = ctx_option (ctx, "order");

  for (guint i = 0; i < nodes->len; i++)
    {
      BatonNode *node = g_ptr_array_index (nodes, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (node));
      g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (ctx->work, name);
      NodeRank rank = { node, 0, groups->len, node_load (ctx, name), i };

      for (guint j = 0; j < groups->len; j++)
        if (baton_group_get_kind (g_ptr_array_index (groups, j)) != BATON_GROUP_KIND_CLUSTER_CORE)
          rank.app_groups++;

      if (!ctx_has_family (ctx, BATON_MACHINE (node)) || ctx_is_updated (ctx, BATON_MACHINE (node)))
        continue;
      g_array_append_val (ranks, rank);
    }

  if (order != NULL)
    {
      g_auto(GStrv) names = g_strsplit (order, ",", -1);

      for (guint i = 0; names[i]; i++)
        {
          BatonNode *node = baton_cluster_lookup_node (ctx->work, g_strstrip (names[i]));
          gboolean listed = FALSE;

          if (node == NULL)
            {
              g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                           _("Option order: “%s” is not a node of this cluster"), names[i]);
              g_ptr_array_unref (ret);
              return NULL;
            }
          for (guint j = 0; j < ret->len; j++)
            listed |= g_ptr_array_index (ret, j) == (gpointer) node;
          for (guint j = 0; j < ranks->len && !listed; j++)
            if (g_array_index (ranks, NodeRank, j).node == node)
              {
                g_ptr_array_add (ret, g_object_ref (node));
                listed = TRUE;
              }
        }

      if (ret->len != ranks->len)
        {
          g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                       _("Option order: list every node to update once (%u of %u listed)"),
                       ret->len, ranks->len);
          g_ptr_array_unref (ret);
          return NULL;
        }
      return ret;
    }

  g_array_sort (ranks, compare_rank);
  for (guint i = 0; i < ranks->len; i++)
    g_ptr_array_add (ret, g_object_ref (g_array_index (ranks, NodeRank, i).node));
  return ret;
}

static gboolean
can_take_info (BatonGroup *group,
               NodeInfo   *info)
{
  return baton_node_get_state (info->node) == BATON_NODE_STATE_UP && !info->stopped &&
         baton_group_is_possible_owner (group, info->name);
}

static gboolean
can_take (PlanCtx    *ctx,
          BatonGroup *group,
          BatonNode  *node)
{
  return can_take_info (group, ctx_info (ctx, baton_machine_get_name (BATON_MACHINE (node))));
}

/*
 * The group's owner lists as one number per node, computed once per group
 * rather than once per node: rank[i] is node i's place among the preferred
 * owners (G_MAXINT when it is not one), or -1 when it is not a possible
 * owner.  @rank holds one int per node.
 */
static void
owner_ranks (PlanCtx    *ctx,
             BatonGroup *group,
             int        *rank)
{
  const char * const *possible = baton_group_get_possible_owners (group);
  const char * const *preferred = baton_group_get_preferred_owners (group);
  guint n = ctx->infos->len;

  for (guint i = 0; i < n; i++)
    rank[i] = possible != NULL ? -1 : G_MAXINT;
  for (guint i = 0; possible != NULL && possible[i] != NULL; i++)
    {
      NodeInfo *info = g_hash_table_lookup (ctx->info_by_name, possible[i]);

      if (info != NULL)
        rank[info->index] = G_MAXINT;
    }
  for (int i = preferred ? (int) g_strv_length ((char **) preferred) - 1 : -1; i >= 0; i--)
    {
      NodeInfo *info = g_hash_table_lookup (ctx->info_by_name, preferred[i]);

      if (info != NULL && rank[info->index] != -1)
        rank[info->index] = i;
    }
}

/* Lexicographic order of two scores of four parts. */
static int
compare_scores (const int *a,
                const int *b)
{
  for (guint k = 0; k < 4; k++)
    if (a[k] != b[k])
      return a[k] < b[k] ? -1 : 1;
  return 0;
}

/*
 * Where @group goes when its node is emptied: a node that can take it
 * (up, not paused, service running, a possible owner) outside the batch,
 * within its capacity if one is; the one that matches @prefer first, then
 * the group's preferred owners in order, then the least loaded.
 */
static BatonNode *
choose_destination (PlanCtx    *ctx,
                    BatonGroup *group,
                    Preference  prefer,
                    gboolean    within_capacity)
{
  const char *owner = baton_group_get_owner (group);
  NodeInfo *owner_info = owner ? g_hash_table_lookup (ctx->info_by_name, owner) : NULL;
  guint group_load = baton_group_get_load (group);
  guint n = ctx->infos->len;
  int *rank = ctx->rank_scratch;
  NodeInfo *best = NULL;
  int best_score[4] = { 0 };

  owner_ranks (ctx, group, rank);

  for (guint i = 0; i < n; i++)
    {
      NodeInfo *info = &g_array_index (ctx->infos, NodeInfo, i);
      int score[4];

      if (info->excluded || info == owner_info || rank[i] < 0 || info->stopped ||
          (within_capacity && info->load + group_load > info->capacity) ||
          baton_node_get_state (info->node) != BATON_NODE_STATE_UP)
        continue;

      score[0] = info->updated == (prefer == PREFER_UPDATED) ? 0 : 1;
      score[1] = rank[i];
      score[2] = info->capacity ? (int) (1000 * (guint64) info->load / info->capacity) : G_MAXINT;
      score[3] = info->index;

      if (best == NULL || compare_scores (score, best_score) < 0)
        {
          best = info;
          memcpy (best_score, score, sizeof score);
        }
    }

  return best ? g_object_ref (best->node) : NULL;
}

static void
set_excluded (PlanCtx    *ctx,
              GHashTable *exclude,
              gboolean    excluded)
{
  GHashTableIter iter;
  gpointer name;

  if (exclude == NULL)
    return;

  g_hash_table_iter_init (&iter, exclude);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    ctx_info (ctx, name)->excluded = excluded;
}

/* The node with the most free room that can take @group within capacity. */
static BatonNode *
choose_roomiest (PlanCtx    *ctx,
                 BatonGroup *group)
{
  const char *owner = baton_group_get_owner (group);
  NodeInfo *best = NULL;
  gint64 best_room = -1;

  for (guint i = 0; i < ctx->infos->len; i++)
    {
      NodeInfo *info = &g_array_index (ctx->infos, NodeInfo, i);
      gint64 room = (gint64) info->capacity - info->load;

      if (info->excluded || g_strcmp0 (info->name, owner) == 0 ||
          !can_take_info (group, info) || room < baton_group_get_load (group))
        continue;
      if (room > best_room)
        {
          best = info;
          best_room = room;
        }
    }

  return best ? g_object_ref (best->node) : NULL;
}

static int
compare_load_descending (gconstpointer a,
                         gconstpointer b)
{
  guint x = baton_group_get_load (*(BatonGroup **) a);
  guint y = baton_group_get_load (*(BatonGroup **) b);

  return x > y ? -1 : x < y;
}

static const char *
move_key (PlanCtx    *ctx,
          BatonGroup *group,
          const char *fallback)
{
  const char *key = NULL;

  switch (baton_group_get_kind (group))
    {
    case BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER:
      key = "move-cms";
      break;
    case BATON_GROUP_KIND_CLUSTER_CORE:
      key = "move-cluster-group";
      break;
    case BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER:
    case BATON_GROUP_KIND_IIS:
    case BATON_GROUP_KIND_FILE_SHARE:
    case BATON_GROUP_KIND_GENERIC:
    default:
      break;
    }

  if (key != NULL && baton_profile_lookup_template (ctx->profile, key) != NULL)
    return key;
  return fallback;
}

/**
 * ctx_move:
 * @key: the template, "move-group" or "failback"; a clustered mailbox
 *   server or the cluster group use their own template when the profile
 *   has one
 */
BatonStep *
ctx_move (PlanCtx    *ctx,
          BatonGroup *group,
          const char *to,
          const char *key)
{
  g_autofree char *from = g_strdup (baton_group_get_owner (group));
  g_autofree char *g = g_strconcat ("g:", baton_group_get_name (group), NULL);
  g_autofree char *f = g_strconcat ("~n:", from, NULL);
  g_autofree char *t = g_strconcat ("~n:", to, NULL);
  const char *resources[] = { g, f, t, NULL };
  BatonStep *step;

  step = emit_full (ctx, move_key (ctx, group, key), to, baton_group_get_name (group), NULL, from,
                    NULL, resources);
  ctx_info (ctx, from)->load -= baton_group_get_load (group);
  ctx_info (ctx, to)->load += baton_group_get_load (group);
  baton_group_set_owner (group, to);

  /* An Exchange 2003 virtual server on an updated node stays offline
   * until "Upgrade Exchange Virtual Server" (event 1025). */
  if (baton_group_get_kind (group) == BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER &&
      ctx_option_bool (ctx, "upgrade_virtual_servers") &&
      baton_group_get_state (group) == BATON_GROUP_STATE_ONLINE &&
      !g_hash_table_contains (ctx->upgraded, baton_group_get_name (group)) &&
      ctx_is_updated (ctx, BATON_MACHINE (baton_cluster_lookup_node (ctx->work, to))))
    {
      OfflineWindow window = { g_strdup (baton_group_get_name (group)),
                               baton_step_get_id (step), 0 };

      g_array_append_val (ctx->offline_windows, window);
      baton_group_set_state (group, BATON_GROUP_STATE_OFFLINE);

      /* --option evs_upgrade=early: upgrade it from there right away. */
      if (g_strcmp0 (ctx_option (ctx, "evs_upgrade"), "early") == 0)
        {
          BatonStep *upgrade = ctx_emit (ctx, "upgrade-virtual-server", to,
                                         baton_group_get_name (group),
                                         baton_version_to_string (ctx->target), NULL);

          g_array_index (ctx->offline_windows, OfflineWindow,
                         ctx->offline_windows->len - 1).to_step = baton_step_get_id (upgrade);
          g_hash_table_add (ctx->upgraded, g_strdup (baton_group_get_name (group)));
          baton_group_set_state (group, BATON_GROUP_STATE_ONLINE);
        }
    }

  return step;
}

/**
 * ctx_empty_node:
 * @exclude: (nullable): nodes that may not take groups (the batch)
 *
 * Moves every group @node owns to another node.
 *
 * Returns: %FALSE with @error set when some group has nowhere to go
 */
gboolean
ctx_empty_node (PlanCtx     *ctx,
                const char  *node,
                GHashTable  *exclude,
                Preference   prefer,
                GError     **error)
{
  g_autoptr(GPtrArray) all = baton_cluster_dup_groups_on (ctx->work, node);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean fits = TRUE;

  /* Offline groups serve nobody: they stay where they are. */
  for (guint i = 0; i < all->len; i++)
    if (baton_group_get_state (g_ptr_array_index (all, i)) == BATON_GROUP_STATE_ONLINE)
      g_ptr_array_add (groups, g_object_ref (g_ptr_array_index (all, i)));

  /* The batch, as flags: choosing among many nodes many times. */
  set_excluded (ctx, exclude, TRUE);

  /* Largest first, as the batch check does, so what it found room for fits. */
  g_ptr_array_sort (groups, compare_load_descending);

  /* Where each group would go by preference, within capacity... */
  for (guint i = 0; i < groups->len && fits; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      BatonNode *to = choose_destination (ctx, group, prefer, TRUE);

      if (to == NULL)
        fits = FALSE;
      else
        {
          ctx_info (ctx, baton_machine_get_name (BATON_MACHINE (to)))->load +=
            baton_group_get_load (group);
          g_ptr_array_add (chosen, to);
        }
    }

  for (guint i = 0; i < chosen->len; i++)
    ctx_info (ctx, baton_machine_get_name (g_ptr_array_index (chosen, i)))->load -=
      baton_group_get_load (g_ptr_array_index (groups, i));

  /* ...or, when preferences do not fit, the node with the most room. */
  if (!fits)
    g_ptr_array_set_size (chosen, 0);

  for (guint i = 0; i < groups->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(BatonNode) to = NULL;

      if (i < chosen->len)
        to = g_object_ref (g_ptr_array_index (chosen, i));
      else if (!(to = choose_roomiest (ctx, group)))
        {
          to = choose_destination (ctx, group, prefer, FALSE);
          if (to != NULL)
            {
              g_autofree char *warning =
                g_strdup_printf (_("“%s” exceeds the capacity of “%s” while “%s” is updated"),
                                 baton_group_get_name (group),
                                 baton_machine_get_name (BATON_MACHINE (to)), node);
              baton_plan_add_warning (ctx->plan, warning);
            }
        }

      if (to == NULL)
        {
          const BatonStepTemplate *t = baton_profile_lookup_template (ctx->profile, "move-group");

          g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_REFUSED,
                       _("No node can take “%s” while “%s” is updated: a node is only updated "
                         "once its groups have moved to a node that is up, not paused and one of "
                         "their possible owners (%s)"),
                       baton_group_get_name (group), node,
                       t ? t->citation : baton_profile_get_id (ctx->profile));
          set_excluded (ctx, exclude, FALSE);
          return FALSE;
        }

      ctx_move (ctx, group, baton_machine_get_name (BATON_MACHINE (to)), "move-group");
    }

  set_excluded (ctx, exclude, FALSE);
  return TRUE;
}

/**
 * ctx_install:
 *
 * Installs the update on a node or a server (template "install-update",
 * or "install-update-server" for servers when the profile has one).
 */
BatonStep *
ctx_install (PlanCtx    *ctx,
             const char *machine,
             const char *version)
{
  BatonMachine *m = baton_cluster_lookup_machine (ctx->work, machine);
  g_autoptr(BatonVersion) parsed = baton_version_parse (version, NULL);
  const char *key = "install-update";
  BatonStep *step;

  if (BATON_IS_SERVER (m) && baton_profile_lookup_template (ctx->profile, "install-update-server"))
    key = "install-update-server";

  step = ctx_emit (ctx, key, machine, NULL, version, NULL);
  if (parsed != NULL)
    baton_machine_set_version (m, ctx->family, parsed);
  if (BATON_IS_NODE (m))
    ctx_info (ctx, machine)->updated = ctx_is_updated (ctx, m);
  return step;
}

/**
 * ctx_failback:
 * @only_to: (nullable): only the groups whose preferred owner is this node
 *
 * Moves groups back to their preferred owners where those can take them
 * (Q174799 step 13; Resume-ClusterNode -Failback Immediate).
 */
/* The groups that list @node among their preferred owners, in file order. */
static GPtrArray *
groups_preferring (PlanCtx    *ctx,
                   const char *node)
{
  GPtrArray *list;

  if (ctx->preferring == NULL)
    {
      GListModel *groups = baton_cluster_get_groups (ctx->work);

      ctx->preferring = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);
          const char * const *preferred = baton_group_get_preferred_owners (group);

          for (guint j = 0; preferred && preferred[j]; j++)
            {
              if (!(list = g_hash_table_lookup (ctx->preferring, preferred[j])))
                {
                  list = g_ptr_array_new_with_free_func (g_object_unref);
                  g_hash_table_insert (ctx->preferring, (char *) preferred[j], list);
                }
              g_ptr_array_add (list, g_object_ref (group));
            }
        }
    }

  return g_hash_table_lookup (ctx->preferring, node);
}

void
ctx_failback (PlanCtx    *ctx,
              const char *only_to)
{
  GListModel *groups = baton_cluster_get_groups (ctx->work);
  GPtrArray *candidates = only_to ? groups_preferring (ctx, only_to) : NULL;
  guint n = only_to ? (candidates ? candidates->len : 0) : g_list_model_get_n_items (groups);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean progress = TRUE;

  /* After one node resumes, only the groups preferring it can go home to it. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonGroup) group = only_to ? g_object_ref (g_ptr_array_index (candidates, i))
                                            : g_list_model_get_item (groups, i);
      const char *home = baton_cluster_get_home_node (ctx->work, group);
      BatonNode *node;

      if (home == NULL || g_strcmp0 (home, baton_group_get_owner (group)) == 0)
        continue;
      if (only_to != NULL && g_strcmp0 (home, only_to) != 0)
        continue;
      if (!(node = baton_cluster_lookup_node (ctx->work, home)) || !can_take (ctx, group, node))
        continue;
      g_ptr_array_add (pending, g_steal_pointer (&group));
    }

  /* Move back what fits, as often as moves free room (group B must leave
   * node X before group A can come home to it). */
  while (pending->len > 0 && progress)
    {
      guint kept = 0;

      progress = FALSE;
      for (guint i = 0; i < pending->len; i++)
        {
          BatonGroup *group = g_ptr_array_index (pending, i);
          const char *home = baton_cluster_get_home_node (ctx->work, group);
          NodeInfo *info = ctx_info (ctx, home);

          if (info->load + baton_group_get_load (group) <= info->capacity)
            {
              ctx_move (ctx, group, home, "failback");
              g_object_unref (group);
              progress = TRUE;
            }
          else
            pending->pdata[kept++] = group;
        }

      /* The moved ones were unreferenced above: drop them without freeing. */
      pending->len = kept;
    }

  for (guint i = 0; i < pending->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (pending, i);
      g_autofree char *warning =
        g_strdup_printf (_("“%s” stays on “%s”: its preferred owner “%s” has no room for it"),
                         baton_group_get_name (group), baton_group_get_owner (group),
                         baton_cluster_get_home_node (ctx->work, group));

      baton_plan_add_warning (ctx->plan, warning);
    }
}

/**
 * ctx_update_servers:
 *
 * Updates the servers outside the cluster that run the family and are not
 * at the target yet, each on its own (they depend on nothing but the
 * barrier).
 */
void
ctx_update_servers (PlanCtx *ctx)
{
  GListModel *servers = baton_cluster_get_servers (ctx->work);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(BatonMachine) server = g_list_model_get_item (servers, i);

      if (ctx_has_family (ctx, server) && !ctx_is_updated (ctx, server))
        {
          ctx->phase = "servers";
          ctx_install (ctx, baton_machine_get_name (server), baton_version_to_string (ctx->target));
        }
    }
}

/**
 * ctx_prelude:
 *
 * Before anything changes: each machine to update gets its backup
 * confirmed and its event log checked, when the profile asks for it.
 */
void
ctx_prelude (PlanCtx *ctx)
{
  g_autoptr(GPtrArray) nodes = ctx_nodes (ctx);
  GListModel *servers = baton_cluster_get_servers (ctx->work);
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < nodes->len; i++)
    g_ptr_array_add (machines, g_object_ref (g_ptr_array_index (nodes, i)));
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    g_ptr_array_add (machines, g_list_model_get_item (servers, i));

  ctx->phase = "prepare";
  for (guint i = 0; i < machines->len; i++)
    {
      BatonMachine *m = g_ptr_array_index (machines, i);
      const char *name = baton_machine_get_name (m);

      if (!ctx_has_family (ctx, m) || ctx_is_updated (ctx, m))
        continue;

      ctx_emit_optional (ctx, "check-event-log.before", name, NULL);
      ctx_emit_optional (ctx, "confirm-backup", name, NULL);
    }
  ctx_barrier (ctx);
}

/*
 * Can @batch be out of the cluster at once?  The others must keep quorum
 * (for more than one node at once: more than half of all votes), every
 * group must have a node outside the batch that can take it, and the
 * groups must fit the capacity of the nodes outside the batch (a greedy
 * assignment, largest load first, must succeed: when it does not, the
 * batch is not taken, so no plan ever needs more room than there is).
 */
static gboolean
batch_fits (PlanCtx    *ctx,
            GHashTable *batch)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  guint votes = 0, members = 0, total = baton_cluster_get_total_votes (ctx->work);
  guint n = ctx->infos->len;
  g_autofree int *free_capacity = g_new (int, n + 1);
  g_autofree gboolean *takes = g_new0 (gboolean, n + 1);
  int *rank = ctx->rank_scratch;

  for (guint i = 0; i < n; i++)
    {
      NodeInfo *info = &g_array_index (ctx->infos, NodeInfo, i);

      if (g_hash_table_contains (batch, info->name) || !baton_node_is_up (info->node))
        continue;
      votes += baton_node_get_votes (info->node);
      members++;
      if (baton_node_get_state (info->node) == BATON_NODE_STATE_UP)
        {
          takes[i] = TRUE;
          free_capacity[i] = (int) info->capacity - (int) info->load;
        }
    }

  if (g_hash_table_size (batch) > 1 ? 2 * votes <= total
                                    : !baton_cluster_quorum_holds (ctx->work, votes, members))
    return FALSE;

  /* Groups that must move: those on batch nodes, largest first. */
  {
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, batch);
    while (g_hash_table_iter_next (&iter, &name, NULL))
      {
        g_autoptr(GPtrArray) on = baton_cluster_dup_groups_on (ctx->work, name);

        for (guint i = 0; i < on->len; i++)
          if (baton_group_get_state (g_ptr_array_index (on, i)) == BATON_GROUP_STATE_ONLINE)
            g_ptr_array_add (groups, g_object_ref (g_ptr_array_index (on, i)));
      }
  }

  g_ptr_array_sort (groups, compare_load_descending);

  /* Each to the node with the most room left (by name on a tie). */
  for (guint i = 0; i < groups->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      int load = (int) baton_group_get_load (group);
      NodeInfo *best = NULL;
      int best_free = G_MININT;

      owner_ranks (ctx, group, rank);
      for (guint k = 0; k < n; k++)
        {
          NodeInfo *info = &g_array_index (ctx->infos, NodeInfo, k);
          int room = free_capacity[k];

          if (!takes[k] || rank[k] < 0 || room < load)
            continue;
          if (room > best_free ||
              (room == best_free && strcmp (info->name, best->name) < 0))
            {
              best = info;
              best_free = room;
            }
        }

      if (best == NULL)
        return FALSE;
      free_capacity[best->index] = best_free - load;
    }

  return TRUE;
}

/**
 * ctx_next_batch:
 * @remaining: (element-type BatonNode): nodes still to update, in order;
 *   the batch's nodes are removed from it
 *
 * The next nodes to update at once: in order, each node joins the batch
 * when the batch with it still fits (batch_fits()), up to @max_parallel.
 * The first node always forms a batch on its own when that fits; when not
 * even one node can leave, the batch is empty.
 *
 * Returns: (transfer full) (element-type BatonNode): the batch
 */
GPtrArray *
ctx_next_batch (PlanCtx   *ctx,
                GPtrArray *remaining,
                guint      max_parallel)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *batch = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < remaining->len && batch->len < max_parallel; )
    {
      BatonNode *node = g_ptr_array_index (remaining, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (node));

      g_hash_table_add (names, (char *) name);
      if (batch_fits (ctx, names))
        {
          g_ptr_array_add (batch, g_object_ref (node));
          g_ptr_array_remove_index (remaining, i);
        }
      else
        {
          g_hash_table_remove (names, name);
          i++;
        }
    }

  return batch;
}

/* --- planning ----------------------------------------------------------------- */

/**
 * ctx_refuse:
 *
 * Sets a %BATON_PROFILE_ERROR_REFUSED error, whose message must cite the
 * source that forbids the request.
 *
 * Returns: %FALSE
 */
gboolean
ctx_refuse (GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_REFUSED, message);
  return FALSE;
}

/*
 * What every profile refuses before its strategy runs: another platform,
 * a target it does not offer, a downgrade, a node that is down.
 */
static gboolean
check_request (BatonPlanner  *self,
               BatonVersion  *target,
               GError       **error)
{
  const char *family = baton_profile_get_family (self->profile);
  g_autoptr(GPtrArray) machines = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *nodes = baton_cluster_get_nodes (self->cluster);
  GListModel *servers = baton_cluster_get_servers (self->cluster);
  JsonNode *same_node = baton_profile_get_data (self->profile, "same_release");
  gboolean same_release = same_node != NULL && JSON_NODE_HOLDS_VALUE (same_node) &&
                          json_node_get_boolean (same_node);
  gboolean any = FALSE;

  if (!baton_profile_supports_platform (self->profile, baton_cluster_get_platform (self->cluster)))
    return ctx_refuse (error, _("%s (%s) does not apply to %s clusters"),
                   baton_profile_get_id (self->profile), baton_profile_get_title (self->profile),
                   baton_platform_to_label (baton_cluster_get_platform (self->cluster)));

  if (!baton_profile_check_target (self->profile, target, error))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    g_ptr_array_add (machines, g_list_model_get_item (nodes, i));
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    g_ptr_array_add (machines, g_list_model_get_item (servers, i));

  for (guint i = 0; i < machines->len; i++)
    {
      BatonMachine *m = g_ptr_array_index (machines, i);
      BatonVersion *version = baton_machine_get_version (m, family);

      if (version == NULL)
        continue;
      any = TRUE;

      if (baton_version_compare (version, target) > 0)
        return ctx_refuse (error, _("“%s” runs %s %s, newer than the target %s: Baton does not plan "
                                "downgrades"),
                       baton_machine_get_name (m), baton_software_family_to_label (family),
                       baton_version_to_string (version), baton_version_to_string (target));

      if (same_release && !baton_version_same_release (version, target))
        return ctx_refuse (error, _("“%s” runs %s %s: %s is not an update of that release (%s); "
                                "upgrading to another release is a different procedure"),
                       baton_machine_get_name (m), baton_software_family_to_label (family),
                       baton_version_to_string (version), baton_version_to_string (target),
                       baton_profile_get_title (self->profile));

      if (BATON_IS_NODE (m) && baton_node_get_state (BATON_NODE (m)) == BATON_NODE_STATE_DOWN)
        return ctx_refuse (error, _("Node “%s” is down: every node must be up to be updated (bring it "
                                "up, or remove it from the cluster file)"),
                       baton_machine_get_name (m));
    }

  if (!any)
    return ctx_refuse (error, _("No node or server of “%s” runs %s"),
                   baton_cluster_get_name (self->cluster), baton_software_family_to_label (family));

  return TRUE;
}

/*
 * The profile's own warnings ("warnings": [{"text", "citation"}]) go on
 * every plan it makes: what the source says clients will notice.
 */
static void
add_profile_warnings (PlanCtx *ctx)
{
  JsonNode *node = baton_profile_get_data (ctx->profile, "warnings");
  JsonArray *warnings;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  warnings = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    {
      JsonObject *w = json_array_get_object_element (warnings, i);
      const char *text, *citation;
      g_autofree char *warning = NULL;

      if (w == NULL || !(text = json_object_get_string_member_with_default (w, "text", NULL)))
        continue;
      citation = json_object_get_string_member_with_default (w, "citation", NULL);
      warning = citation ? g_strdup_printf ("%s (%s)", text, citation) : g_strdup (text);
      baton_plan_add_warning (ctx->plan, warning);
    }
}

/**
 * baton_planner_plan:
 * @target: the version to reach ("2003 SP2")
 *
 * Returns: (transfer full) (nullable): the plan, with its estimate and
 *   warnings; %NULL with @error set in %BATON_PROFILE_ERROR when the
 *   source forbids the upgrade (%BATON_PROFILE_ERROR_REFUSED, with a
 *   message citing it) or an option is wrong
 */
BatonPlan *
baton_planner_plan (BatonPlanner  *self,
                    const char    *target,
                    GError       **error)
{
  g_autoptr(BatonVersion) version = NULL;
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(BatonCluster) work = NULL;
  g_autoptr(GError) version_error = NULL;
  StrategyFunc strategy;
  PlanCtx ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (BATON_IS_PLANNER (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (!(version = baton_version_parse (target, &version_error)))
    {
      g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID, "%s",
                   version_error->message);
      return NULL;
    }

  if (!(strategy = baton_strategy_lookup (baton_profile_get_strategy (self->profile))))
    {
      g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                   _("%s: unknown strategy “%s”"), baton_profile_get_origin (self->profile),
                   baton_profile_get_strategy (self->profile));
      return NULL;
    }

  if (!check_request (self, version, error))
    return NULL;

  work = baton_cluster_copy (self->cluster);
  plan = baton_plan_new (baton_cluster_get_name (self->cluster),
                         baton_profile_get_id (self->profile),
                         baton_version_to_string (version),
                         baton_profile_get_strategy (self->profile));

  ctx.profile = self->profile;
  ctx.work = work;
  ctx.plan = plan;
  ctx.target = version;
  ctx.family = baton_profile_get_family (self->profile);
  ctx.options = self->options;
  ctx.expansion = baton_step_expansion_new (self->profile, baton_version_to_string (version),
                                            baton_cluster_get_name (work),
                                            ctx_option (&ctx, "update_command"));
  ctx.exclusive = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_array_unref);
  ctx.barrier = g_array_new (FALSE, FALSE, sizeof (guint));
  ctx.durations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.info_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.infos = g_array_new (FALSE, TRUE, sizeof (NodeInfo));
  {
    g_autoptr(GPtrArray) nodes = ctx_nodes (&ctx);

    g_array_set_size (ctx.infos, nodes->len);
    ctx.rank_scratch = g_new (int, nodes->len + 1);
    for (guint i = 0; i < nodes->len; i++)
      {
        NodeInfo *info = &g_array_index (ctx.infos, NodeInfo, i);

        info->node = g_ptr_array_index (nodes, i);
        info->name = baton_machine_get_name (BATON_MACHINE (info->node));
        info->index = i;
        info->load = baton_cluster_get_load_on (work, info->name);
        info->capacity = baton_node_get_capacity (info->node);
        info->updated = ctx_is_updated (&ctx, BATON_MACHINE (info->node));
        g_hash_table_insert (ctx.info_by_name, (char *) info->name, info);
      }
  }
  ctx.initially_paused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.offline_windows = g_array_new (FALSE, FALSE, sizeof (OfflineWindow));
  ctx.upgraded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  {
    g_autoptr(GPtrArray) nodes = ctx_nodes (&ctx);

    for (guint i = 0; i < nodes->len; i++)
      if (baton_node_get_state (g_ptr_array_index (nodes, i)) == BATON_NODE_STATE_PAUSED)
        g_hash_table_add (ctx.initially_paused,
                          g_strdup (baton_machine_get_name (g_ptr_array_index (nodes, i))));
  }

  add_profile_warnings (&ctx);
  baton_plan_begin_build (plan);
  ok = strategy (&ctx, error);
  baton_plan_end_build (plan);

  if (ok)
    {
      g_autoptr(GPtrArray) findings = NULL;

      if (baton_plan_get_n_steps (plan) == 0)
        {
          g_autofree char *warning =
            g_strdup_printf (_("Every node and server already runs %s: nothing to do"),
                             baton_version_to_string (version));
          baton_plan_add_warning (plan, warning);
        }

      findings = baton_plan_check (plan, self->cluster, ctx.family);
      baton_strategy_finish (&ctx);

      for (guint i = 0; i < findings->len; i++)
        {
          BatonFinding *f = g_ptr_array_index (findings, i);
          baton_plan_add_finding (plan, f->step_id, f->invariant, f->message, f->waived);
        }
    }

  for (guint i = 0; i < ctx.offline_windows->len; i++)
    g_free (g_array_index (ctx.offline_windows, OfflineWindow, i).group);
  g_array_unref (ctx.offline_windows);
  g_hash_table_unref (ctx.upgraded);
  g_clear_pointer (&ctx.preferring, g_hash_table_unref);
  g_clear_pointer (&ctx.node_list, g_ptr_array_unref);
  g_hash_table_unref (ctx.exclusive);
  g_hash_table_unref (ctx.shared);
  g_array_unref (ctx.barrier);
  g_hash_table_unref (ctx.durations);
  g_hash_table_unref (ctx.info_by_name);
  g_array_unref (ctx.infos);
  g_free (ctx.rank_scratch);
  g_hash_table_unref (ctx.initially_paused);
  baton_step_expansion_unref (ctx.expansion);

  if (!ok)
    return NULL;

  return g_steal_pointer (&plan);
}
