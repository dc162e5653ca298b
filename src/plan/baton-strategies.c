/* baton-strategies.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The named strategies a profile can choose: the order of a vendor's
 * procedure, in code.  Everything else (texts, citations, commands,
 * durations, tables, which optional steps exist) is the profile's data.
 *
 * - "rolling": node by node (Q174799; Windows Server Failover Clustering;
 *   ClusterLabs' rolling upgrade), optionally several nodes at once.
 * - "in-place-active-first": Exchange 5.5 (Q248138): setup on the active
 *   node first, the Exchange group is not failed over.
 * - "exchange-tiers": Exchange 2000/2003 (Q328839): front-ends before
 *   back-ends, cluster nodes one at a time with the Cluster service
 *   stopped, then (2003) every virtual server upgraded.
 * - "truly-passive": Exchange 2007 update rollups: SCR targets first,
 *   then each node once it owns no group at all.
 * - "iis-table": IIS cluster upgrades: the supported-upgrade tables decide
 *   between a rolling and a standard upgrade, or refuse.
 */

#define G_LOG_DOMAIN "baton-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-planner-private.h"
#include "baton-verifier.h"

static guint
max_parallel (PlanCtx *ctx)
{
  const char *value = ctx_option (ctx, "max_parallel");
  guint64 n = 1;

  if (value != NULL)
    g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT32, &n, NULL);
  return (guint) n;
}

static void
set_node_state (PlanCtx        *ctx,
                const char     *node,
                BatonNodeState  state)
{
  baton_node_set_state (baton_cluster_lookup_node (ctx->work, node), state);
}

void
ctx_set_group_online (PlanCtx    *ctx,
                      const char *group,
                      gboolean    online)
{
  baton_group_set_state (baton_cluster_lookup_group (ctx->work, group),
                         online ? BATON_GROUP_STATE_ONLINE : BATON_GROUP_STATE_OFFLINE);
}

/*
 * NT 4.0 Enterprise Edition: "You must install Service Pack 3 (SP3) at the
 * end of the Windows NT 4.0 Enterprise Edition installation ... This is
 * the only scenario where you cannot bypass a previous Service Pack"
 * (Q174799).  Returns the version to install first, or NULL.
 */
static gboolean
needs_sp3_first (PlanCtx      *ctx,
                 BatonMachine *node)
{
  g_autoptr(BatonVersion) sp3 = NULL;
  BatonVersion *version;

  if (baton_cluster_get_platform (ctx->work) != BATON_PLATFORM_WINDOWS_NT4 ||
      baton_profile_lookup_template (ctx->profile, "install-sp3") == NULL)
    return FALSE;

  sp3 = baton_version_parse ("NT4 SP3", NULL);
  version = baton_machine_get_version (node, ctx->family);
  return version != NULL && baton_version_compare (version, sp3) < 0 &&
         baton_version_compare (ctx->target, sp3) > 0;
}

/*
 * One node through the procedure: pause (before or after its groups move
 * away, as the source orders it), move its groups, stop the Cluster
 * service, install, restart, start, check the logs, resume, fail back.
 * Each part only where the profile's options ask for it.
 */
static gboolean
update_node (PlanCtx     *ctx,
             BatonNode   *node,
             GHashTable  *exclude,
             Preference   prefer,
             GError     **error)
{
  const char *name = baton_machine_get_name (BATON_MACHINE (node));
  gboolean pause = ctx_option_bool (ctx, "pause") &&
                   !g_hash_table_contains (ctx->initially_paused, name);
  gboolean pause_first = ctx_option_bool (ctx, "pause_before_moves");
  gboolean stop_service = ctx_option_bool (ctx, "stop_cluster_service");

  if (pause && pause_first)
    {
      ctx_emit (ctx, "pause-node", name, NULL, NULL, NULL);
      set_node_state (ctx, name, BATON_NODE_STATE_PAUSED);
    }

  if (!ctx_empty_node (ctx, name, exclude, prefer, error))
    return FALSE;

  if (pause && !pause_first)
    {
      ctx_emit (ctx, "pause-node", name, NULL, NULL, NULL);
      set_node_state (ctx, name, BATON_NODE_STATE_PAUSED);
    }

  if (stop_service)
    {
      ctx_emit (ctx, "stop-cluster-service", name, NULL, NULL, NULL);
      ctx_info (ctx, name)->stopped = TRUE;
    }

  if (needs_sp3_first (ctx, BATON_MACHINE (node)))
    {
      ctx_emit (ctx, "install-sp3", name, NULL, "NT4 SP3", NULL);
      ctx_emit_optional (ctx, "restart-node", name, NULL);
    }

  ctx_install (ctx, name, baton_version_to_string (ctx->target));

  if (ctx_option_bool (ctx, "restart"))
    ctx_emit (ctx, "restart-node", name, NULL, NULL, NULL);

  if (stop_service)
    {
      ctx_emit (ctx, "start-cluster-service", name, NULL, NULL, NULL);
      ctx_info (ctx, name)->stopped = FALSE;
    }

  ctx_emit_optional (ctx, "check-event-log.after", name, NULL);
  ctx_emit_optional (ctx, "wait-healthy", name, NULL);

  if (pause)
    {
      ctx_emit (ctx, "resume-node", name, NULL, NULL, NULL);
      set_node_state (ctx, name, BATON_NODE_STATE_UP);
    }

  if (g_strcmp0 (ctx_option (ctx, "failback"), "immediate") == 0)
    ctx_failback (ctx, name);

  return TRUE;
}

static char *
names_of (GPtrArray *machines)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < machines->len; i++)
    g_string_append_printf (s, "%s“%s”", i ? ", " : "",
                            baton_machine_get_name (g_ptr_array_index (machines, i)));
  return g_string_free (s, FALSE);
}

/*
 * Updates @nodes in batches of at most max_parallel nodes (see
 * ctx_next_batch()), each batch after the previous one.  The nodes are
 * taken off @nodes as they are planned.
 */
static gboolean
update_nodes (PlanCtx     *ctx,
              GPtrArray   *nodes,
              Preference   prefer,
              GError     **error)
{
  guint parallel = max_parallel (ctx);

  if (parallel > 1 && !ctx_option_bool (ctx, "allow_parallel"))
    return ctx_refuse (error, _("%s updates one node at a time, as its source requires: "
                                 "max_parallel must be 1"),
                   baton_profile_get_id (ctx->profile));

  while (nodes->len > 0)
    {
      g_autoptr(GPtrArray) batch = ctx_next_batch (ctx, nodes, parallel);
      g_autoptr(GHashTable) exclude = g_hash_table_new (g_str_hash, g_str_equal);

      if (batch->len == 0)
        {
          g_autofree char *names = names_of (nodes);
          return ctx_refuse (error,
                             _("None of %s can leave the cluster: the other nodes would lose quorum "
                               "or could not take its groups (possible owners, capacity)"), names);
        }

      for (guint i = 0; i < batch->len; i++)
        g_hash_table_add (exclude, (char *) baton_machine_get_name (g_ptr_array_index (batch, i)));

      for (guint i = 0; i < batch->len; i++)
        if (!update_node (ctx, g_ptr_array_index (batch, i), exclude, prefer, error))
          return FALSE;

      ctx_barrier (ctx);
    }

  return TRUE;
}

static void finish_failback (PlanCtx *ctx);

/* The end of most procedures: the nodes, then the servers, then failback. */
static gboolean
update_then_finish (PlanCtx     *ctx,
                    GPtrArray   *nodes,
                    Preference   prefer,
                    GError     **error)
{
  if (!update_nodes (ctx, nodes, prefer, error))
    return FALSE;

  ctx_update_servers (ctx);
  finish_failback (ctx);
  return TRUE;
}

static void
finish_failback (PlanCtx *ctx)
{
  const char *failback = ctx_option (ctx, "failback");

  if (g_strcmp0 (failback, "none") == 0)
    {
      baton_plan_add_warning (ctx->plan, _("Failback is off: groups stay where the upgrade moved "
                                           "them, not on their preferred owners"));
      return;
    }

  ctx->phase = "failback";
  ctx_failback (ctx, NULL);
}

/* --- rolling ----------------------------------------------------------------- */

static gboolean
strategy_rolling (PlanCtx  *ctx,
                  GError  **error)
{
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) all = ctx_nodes (ctx);

  for (guint i = 0; i < all->len; i++)
    if (needs_sp3_first (ctx, g_ptr_array_index (all, i)) && !ctx_option_bool (ctx, "nt4_sp3_first"))
      return ctx_refuse (error,
                         _("“%s” runs %s: on Windows NT 4.0 Enterprise Edition Service Pack 3 can "
                           "never be bypassed (Q174799: “This is the only scenario where you cannot "
                           "bypass a previous Service Pack”); install NT4 SP3 first, or allow "
                           "--option nt4_sp3_first=true"),
                         baton_machine_get_name (g_ptr_array_index (all, i)),
                         baton_version_to_string (baton_machine_get_version (g_ptr_array_index (all, i),
                                                                              ctx->family)));

  ctx_prelude (ctx);

  if (!(nodes = ctx_order_nodes (ctx, error)))
    return FALSE;

  ctx->phase = "update";
  return update_then_finish (ctx, nodes, PREFER_UPDATED, error);
}

/* --- Exchange 5.5 ------------------------------------------------------------- */

static gboolean
owns_kind (PlanCtx        *ctx,
           const char     *node,
           BatonGroupKind  kind)
{
  g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (ctx->work, node);

  for (guint i = 0; i < groups->len; i++)
    if (baton_group_get_kind (g_ptr_array_index (groups, i)) == kind)
      return TRUE;
  return FALSE;
}

static gboolean
strategy_in_place_active_first (PlanCtx  *ctx,
                                GError  **error)
{
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  ctx_prelude (ctx);
  if (!(ordered = ctx_order_nodes (ctx, error)))
    return FALSE;

  /* The active (primary) node, the one running Exchange, goes first. */
  for (guint i = 0; i < ordered->len; i++)
    if (owns_kind (ctx, baton_machine_get_name (g_ptr_array_index (ordered, i)),
                   BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER))
      g_ptr_array_add (nodes, g_ptr_array_index (ordered, i));
  for (guint i = 0; i < ordered->len; i++)
    if (!g_ptr_array_find (nodes, g_ptr_array_index (ordered, i), NULL))
      g_ptr_array_add (nodes, g_ptr_array_index (ordered, i));

  ctx->phase = "update";
  for (guint i = 0; i < nodes->len; i++)
    {
      const char *name = baton_machine_get_name (g_ptr_array_index (nodes, i));
      g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (ctx->work, name);
      BatonStep *step;

      step = ctx_install (ctx, name, baton_version_to_string (ctx->target));
      if (groups->len > 0)
        {
          /* The source updates the active node in place; the verifier knows. */
          baton_step_set_waives (step, BATON_INVARIANT_UPDATE_WHILE_OWNING);
        }
      ctx_emit_optional (ctx, "check-event-log.after", name, NULL);
      ctx_emit_optional (ctx, "wait-healthy", name, NULL);
      ctx_barrier (ctx);
    }

  ctx_update_servers (ctx);
  return TRUE;
}

/* --- Exchange 2000 and 2003 --------------------------------------------------- */

static void
update_front_ends (PlanCtx *ctx)
{
  g_autoptr(GPtrArray) front_ends = ctx_servers_with_role (ctx, BATON_SERVER_ROLE_FRONT_END);
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) set_names = g_ptr_array_new ();
  gboolean together = ctx_option_bool (ctx, "load_balanced_together");

  ctx->phase = "front-ends";

  for (guint i = 0; i < front_ends->len; i++)
    {
      BatonServer *server = g_ptr_array_index (front_ends, i);
      const char *set = baton_server_get_load_balanced_set (server);
      const char *name = baton_machine_get_name (BATON_MACHINE (server));

      if (ctx_is_updated (ctx, BATON_MACHINE (server)))
        continue;

      if (set == NULL || !together)
        {
          ctx_install (ctx, name, baton_version_to_string (ctx->target));
          continue;
        }

      if (!g_hash_table_contains (sets, set))
        {
          g_hash_table_insert (sets, (char *) set, g_ptr_array_new ());
          g_ptr_array_add (set_names, (char *) set);
        }
      g_ptr_array_add (g_hash_table_lookup (sets, set), server);
    }

  /* A load-balanced set goes offline together, is updated, and comes back together. */
  for (guint i = 0; i < set_names->len; i++)
    {
      GPtrArray *members = g_hash_table_lookup (sets, set_names->pdata[i]);
      g_autoptr(GArray) offline = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) installed = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint j = 0; j < members->len; j++)
        {
          const char *name = baton_machine_get_name (g_ptr_array_index (members, j));
          guint id = baton_step_get_id (ctx_emit (ctx, "take-offline-server", name, NULL, NULL, NULL));
          g_array_append_val (offline, id);
        }
      for (guint j = 0; j < members->len; j++)
        {
          const char *name = baton_machine_get_name (g_ptr_array_index (members, j));
          BatonStep *step = ctx_install (ctx, name, baton_version_to_string (ctx->target));
          guint id = baton_step_get_id (step);

          ctx_after_all (ctx, step, offline);
          g_array_append_val (installed, id);
        }
      for (guint j = 0; j < members->len; j++)
        {
          const char *name = baton_machine_get_name (g_ptr_array_index (members, j));
          BatonStep *step = ctx_emit (ctx, "bring-online-server", name, NULL, NULL, NULL);

          ctx_after_all (ctx, step, installed);
        }
    }

  if (!together)
    {
      for (guint i = 0; i < front_ends->len; i++)
        if (baton_server_get_load_balanced_set (g_ptr_array_index (front_ends, i)) != NULL)
          {
            baton_plan_add_warning (ctx->plan,
                                    _("Load-balanced front-ends are updated one by one: mobile "
                                      "clients may see synchronization key errors until every "
                                      "front-end of the set runs the same version (Q328839)"));
            break;
          }
    }
}

static gboolean
strategy_exchange_tiers (PlanCtx  *ctx,
                         GError  **error)
{
  g_autoptr(GPtrArray) back_ends = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  gboolean upgrade_evs = ctx_option_bool (ctx, "upgrade_virtual_servers");

  if (ctx_option_bool (ctx, "sbs"))
    {
      /* Small Business Server: a typical server, "just run the service
       * pack"; setup stops the Exchange services meanwhile. */
      g_autoptr(GPtrArray) all = ctx_nodes (ctx);

      ctx->phase = "update";
      for (guint i = 0; i < all->len; i++)
        {
          BatonMachine *m = g_ptr_array_index (all, i);
          g_autoptr(GPtrArray) owned = NULL;
          BatonStep *step;

          if (!ctx_has_family (ctx, m) || ctx_is_updated (ctx, m))
            continue;
          owned = baton_cluster_dup_groups_on (ctx->work, baton_machine_get_name (m));
          step = ctx_install (ctx, baton_machine_get_name (m), baton_version_to_string (ctx->target));
          if (owned->len > 0)
            baton_step_set_waives (step, BATON_INVARIANT_UPDATE_WHILE_OWNING);
        }
      ctx_update_servers (ctx);
      baton_plan_add_warning (ctx->plan,
                              _("Small Business Server: setup runs in place and temporarily stops "
                                "the Exchange services; clients cannot connect meanwhile (Q328839, "
                                "Small Business Server)"));
      return TRUE;
    }

  ctx_prelude (ctx);

  /* Every front-end before any back-end, clustered or not. */
  update_front_ends (ctx);
  ctx_barrier (ctx);

  ctx->phase = "back-ends";
  back_ends = ctx_servers_with_role (ctx, BATON_SERVER_ROLE_BACK_END);
  for (guint i = 0; i < back_ends->len; i++)
    if (!ctx_is_updated (ctx, g_ptr_array_index (back_ends, i)))
      ctx_install (ctx, baton_machine_get_name (g_ptr_array_index (back_ends, i)),
                   baton_version_to_string (ctx->target));

  ctx_update_servers (ctx);

  if (!(nodes = ctx_order_nodes (ctx, error)))
    return FALSE;

  ctx->phase = "cluster";
  if (!update_nodes (ctx, nodes,
                     upgrade_evs ? PREFER_NOT_UPDATED : PREFER_UPDATED, error))
    return FALSE;

  if (upgrade_evs)
    {
      GListModel *groups = baton_cluster_get_groups (ctx->work);

      /* From a node that already runs the target: upgrading from a node of
       * another version fails with c1037b44. */
      ctx->phase = "virtual-servers";
      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);
          const char *name = baton_group_get_name (group);
          BatonStep *step;

          if (baton_group_get_kind (group) != BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER ||
              g_hash_table_contains (ctx->upgraded, name))
            continue;

          step = ctx_emit (ctx, "upgrade-virtual-server", baton_group_get_owner (group), name,
                           baton_version_to_string (ctx->target), NULL);
          for (guint j = 0; j < ctx->offline_windows->len; j++)
            {
              OfflineWindow *w = &g_array_index (ctx->offline_windows, OfflineWindow, j);

              if (g_str_equal (w->group, name) && w->to_step == 0)
                w->to_step = baton_step_get_id (step);
            }
          g_hash_table_add (ctx->upgraded, g_strdup (name));
          ctx_set_group_online (ctx, name, TRUE);
        }
    }

  ctx_barrier (ctx);
  finish_failback (ctx);
  return TRUE;
}

/* --- Exchange 2007 update rollups ---------------------------------------------- */

static gboolean
strategy_truly_passive (PlanCtx  *ctx,
                        GError  **error)
{
  g_autoptr(GPtrArray) scr_targets = ctx_servers_with_role (ctx, BATON_SERVER_ROLE_SCR_TARGET);
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) all = ctx_nodes (ctx);

  /* Update rollups apply within one release: 2007 SP1 RU4 -> 2007 SP1 RU5. */
  for (guint i = 0; i < all->len; i++)
    {
      BatonVersion *version = baton_machine_get_version (g_ptr_array_index (all, i), ctx->family);

      if (version != NULL && baton_version_same_release (version, ctx->target) &&
          baton_version_get_service_pack (version) != baton_version_get_service_pack (ctx->target))
        return ctx_refuse (error,
                           _("“%s” runs Exchange %s: update rollup %s is for another service pack; "
                             "install that service pack first (Applying Exchange 2007 update rollups "
                             "to clustered mailbox servers)"),
                           baton_machine_get_name (g_ptr_array_index (all, i)),
                           baton_version_to_string (version), baton_version_to_string (ctx->target));

      if (version != NULL && !baton_version_same_release (version, ctx->target))
        return ctx_refuse (error,
                           _("“%s” runs Exchange %s: the update rollup %s is for Exchange %u only "
                             "(Applying Exchange 2007 update rollups to clustered mailbox servers)"),
                           baton_machine_get_name (g_ptr_array_index (all, i)),
                           baton_version_to_string (version), baton_version_to_string (ctx->target),
                           baton_version_get_number (ctx->target, 0));
    }

  ctx_prelude (ctx);

  /* SCR targets before the clustered mailbox servers they replicate. */
  ctx->phase = "scr-targets";
  for (guint i = 0; i < scr_targets->len; i++)
    if (!ctx_is_updated (ctx, g_ptr_array_index (scr_targets, i)))
      ctx_install (ctx, baton_machine_get_name (g_ptr_array_index (scr_targets, i)),
                   baton_version_to_string (ctx->target));
  ctx_barrier (ctx);

  if (!(ordered = ctx_order_nodes (ctx, error)))
    return FALSE;

  /* Passive nodes (no clustered mailbox server) first. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ordered->len; i++)
      {
        BatonNode *node = g_ptr_array_index (ordered, i);
        gboolean active = owns_kind (ctx, baton_machine_get_name (BATON_MACHINE (node)),
                                     BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER);

        if (active == (pass == 1))
          g_ptr_array_add (nodes, g_object_ref (node));
      }

  /* "Truly passive": every group leaves the node first, the default
   * Cluster Group and groups that are not Exchange's included. */
  ctx->phase = "cluster";
  return update_then_finish (ctx, nodes, PREFER_UPDATED, error);
}

/* --- IIS ------------------------------------------------------------------------ */

/* Is from -> to a row of the table @name in the profile's data? */
static gboolean
in_table (PlanCtx      *ctx,
          const char   *name,
          BatonVersion *from,
          BatonVersion *to)
{
  JsonNode *data = baton_profile_get_data (ctx->profile, "data");
  JsonArray *rows;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data) ||
      !json_object_has_member (json_node_get_object (data), name))
    return FALSE;

  rows = json_object_get_array_member (json_node_get_object (data), name);
  for (guint i = 0; rows && i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);
      g_autoptr(BatonVersion) a = NULL;
      g_autoptr(BatonVersion) b = NULL;

      if (row == NULL || json_array_get_length (row) != 2)
        continue;
      a = baton_version_parse (json_array_get_string_element (row, 0), NULL);
      b = baton_version_parse (json_array_get_string_element (row, 1), NULL);
      if (a && b && baton_version_equal (a, from) && baton_version_equal (b, to))
        return TRUE;
    }

  return FALSE;
}

static char *
supported_from (PlanCtx      *ctx,
                BatonVersion *from)
{
  const char * const *targets = baton_profile_get_targets (ctx->profile);
  GString *s = g_string_new (NULL);

  for (guint i = 0; targets[i]; i++)
    {
      g_autoptr(BatonVersion) to = baton_version_parse (targets[i], NULL);
      const char *kind = in_table (ctx, "rolling", from, to) ? _("rolling")
                       : in_table (ctx, "standard", from, to) ? _("standard") : NULL;

      if (kind != NULL)
        g_string_append_printf (s, "%s%s (%s)", s->len ? ", " : "", targets[i], kind);
    }

  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

static GPtrArray *
iis_groups (PlanCtx *ctx)
{
  GListModel *groups = baton_cluster_get_groups (ctx->work);
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      BatonGroup *group = g_list_model_get_item (groups, i);

      if (baton_group_get_kind (group) == BATON_GROUP_KIND_IIS)
        g_ptr_array_add (ret, group);
      else
        g_object_unref (group);
    }
  return ret;
}

static void
set_owners (PlanCtx            *ctx,
            BatonGroup         *group,
            const char * const *owners)
{
  ctx_emit_owners (ctx, "set-possible-owners", baton_group_get_name (group), owners);
  baton_group_set_possible_owners (group, owners);
}

static gboolean iis_by_possible_owners (PlanCtx    *ctx,
                                        GPtrArray  *nodes,
                                        GPtrArray  *groups,
                                        GError    **error);

static gboolean
strategy_iis_table (PlanCtx  *ctx,
                    GError  **error)
{
  g_autoptr(GPtrArray) all = ctx_nodes (ctx);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) groups = iis_groups (ctx);
  BatonVersion *from = NULL;
  const char *method = ctx_option (ctx, "iis_method");
  gboolean rolling_ok, standard_ok;

  /* The tables list clusters whose nodes run the same configuration. */
  for (guint i = 0; i < all->len; i++)
    {
      BatonVersion *v = baton_machine_get_version (g_ptr_array_index (all, i), ctx->family);

      if (v == NULL)
        continue;
      if (from != NULL && !baton_version_equal (from, v))
        return ctx_refuse (error,
                           _("The nodes run different IIS versions (%s and %s): the supported "
                             "upgrades start from nodes with the same configuration (Upgrading IIS "
                             "Cluster Resources)"),
                           baton_version_to_string (from), baton_version_to_string (v));
      from = v;
    }

  if (from == NULL || baton_version_equal (from, ctx->target))
    {
      ctx_update_servers (ctx);
      return TRUE;
    }

  rolling_ok = in_table (ctx, "rolling", from, ctx->target);
  standard_ok = in_table (ctx, "standard", from, ctx->target);

  if (!rolling_ok && !standard_ok)
    {
      g_autofree char *supported = supported_from (ctx, from);
      return ctx_refuse (error,
                         _("IIS %s to %s is neither a supported upgrade nor a supported rolling upgrade "
                           "of IIS cluster resources (Upgrading IIS Cluster Resources, supported "
                           "configuration tables). Supported from IIS %s: %s"),
                         baton_version_to_string (from), baton_version_to_string (ctx->target),
                         baton_version_to_string (from), supported);
    }

  if (g_strcmp0 (method, "auto") == 0 || method == NULL)
    method = rolling_ok ? "rolling" : "offline";

  if (g_str_equal (method, "rolling") && !rolling_ok)
    return ctx_refuse (error,
                       _("IIS %s to %s is not a supported rolling upgrade (Upgrading IIS Cluster "
                         "Resources): plan a standard upgrade with --option iis_method=offline or "
                         "--option iis_method=possible-owners"),
                       baton_version_to_string (from), baton_version_to_string (ctx->target));

  if (!g_str_equal (method, "rolling") && !g_str_equal (method, "offline") &&
      !g_str_equal (method, "possible-owners"))
    return ctx_refuse (error,
                       _("Option iis_method: expected auto, rolling, offline or possible-owners, "
                         "found “%s”"), method);

  ctx_prelude (ctx);
  if (!(nodes = ctx_order_nodes (ctx, error)))
    return FALSE;

  if (g_str_equal (method, "rolling"))
    {
      ctx->phase = "update";
      return update_then_finish (ctx, nodes, PREFER_UPDATED, error);
    }

  if (g_str_equal (method, "offline"))
    {
      /* Standard upgrade: the IIS resources stay offline throughout. */
      ctx->phase = "offline";
      for (guint i = 0; i < groups->len; i++)
        {
          const char *name = baton_group_get_name (g_ptr_array_index (groups, i));
          ctx_emit (ctx, "take-offline", NULL, name, NULL, NULL);
          ctx_set_group_online (ctx, name, FALSE);
        }
      ctx_barrier (ctx);

      ctx->phase = "update";
      if (!update_nodes (ctx, nodes, PREFER_UPDATED, error))
        return FALSE;
      ctx_update_servers (ctx);

      finish_failback (ctx);
      ctx->phase = "online";
      for (guint i = 0; i < groups->len; i++)
        {
          const char *name = baton_group_get_name (g_ptr_array_index (groups, i));
          ctx_emit (ctx, "bring-online", NULL, name, NULL, NULL);
          ctx_set_group_online (ctx, name, TRUE);
        }
      return TRUE;
    }

  return iis_by_possible_owners (ctx, nodes, groups, error);
}

static gboolean
is_possible_owner_of_all (GPtrArray  *groups,
                          const char *node)
{
  for (guint i = 0; i < groups->len; i++)
    if (!baton_group_is_possible_owner (g_ptr_array_index (groups, i), node))
      return FALSE;
  return TRUE;
}

/* Moves @group to @to if it is not there, refusing what the cluster forbids. */
static gboolean
iis_move (PlanCtx     *ctx,
          BatonGroup  *group,
          const char  *to,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_strcmp0 (baton_group_get_owner (group), to) == 0)
    return TRUE;

  if (!baton_cluster_can_move_group (ctx->work, group, to, &local_error))
    return ctx_refuse (error, "%s (Upgrading IIS Cluster Resources, standard upgrade)",
                   local_error->message);

  ctx_move (ctx, group, to, "move-group");
  return TRUE;
}

/*
 * Standard upgrade by possible owners ("the list of possible owners must
 * be changed so that the resource can be brought online on only the
 * supported node"): while the other nodes are upgraded, the IIS groups may
 * only run on one node that keeps the old configuration (a possible owner
 * of every IIS group, upgraded last); then only on upgraded nodes while
 * that one is.  Each group is moved before its list shrinks, so it never
 * runs on a node that is not one of its possible owners.
 */
static gboolean
iis_by_possible_owners (PlanCtx    *ctx,
                        GPtrArray  *nodes,
                        GPtrArray  *groups,
                        GError    **error)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) original = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) all = ctx_nodes (ctx);
  BatonNode *keeper = NULL;
  const char *keeper_name;

  /* The node that keeps the old configuration longest: the last in order
   * that may run every IIS group. */
  for (guint i = nodes->len; i > 0 && keeper == NULL; i--)
    if (is_possible_owner_of_all (groups, baton_machine_get_name (g_ptr_array_index (nodes, i - 1))))
      keeper = g_ptr_array_index (nodes, i - 1);

  if (nodes->len < 2)
    return ctx_refuse (error, _("A standard upgrade by possible owners needs at least two nodes "
                                 "to upgrade; use --option iis_method=offline"));
  if (keeper == NULL)
    return ctx_refuse (error,
                       _("No node may run every IIS group, so none can keep them online while the "
                         "others are upgraded (Upgrading IIS Cluster Resources, standard upgrade): "
                         "use --option iis_method=offline"));

  keeper_name = baton_machine_get_name (BATON_MACHINE (keeper));
  for (guint i = 0; i < nodes->len; i++)
    if (g_ptr_array_index (nodes, i) != (gpointer) keeper)
      g_ptr_array_add (first, g_object_ref (g_ptr_array_index (nodes, i)));
  g_ptr_array_add (tail, g_object_ref (keeper));

  ctx->phase = "restrict";
  for (guint i = 0; i < groups->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      const char * const *owners = baton_group_get_possible_owners (group);
      const char *only_keeper[] = { keeper_name, NULL };
      g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

      if (owners != NULL)
        g_strv_builder_addv (b, (const char **) owners);
      else
        for (guint j = 0; j < all->len; j++)
          g_strv_builder_add (b, baton_machine_get_name (g_ptr_array_index (all, j)));
      g_ptr_array_add (original, g_strv_builder_end (b));

      if (!iis_move (ctx, group, keeper_name, error))
        return FALSE;
      set_owners (ctx, group, only_keeper);
    }
  ctx_barrier (ctx);

  ctx->phase = "update";
  {
    /* update_nodes() takes the nodes off the list it is given. */
    g_autoptr(GPtrArray) todo = g_ptr_array_copy (first, (GCopyFunc) (void (*) (void)) g_object_ref,
                                                  NULL);

    if (!update_nodes (ctx, todo, PREFER_UPDATED, error))
      return FALSE;
  }

  ctx->phase = "switch";
  for (guint i = 0; i < groups->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      const char * const *was = g_ptr_array_index (original, i);
      const char *home = baton_group_get_preferred_owner (group);
      g_autoptr(GStrvBuilder) upgraded_b = g_strv_builder_new ();
      g_auto(GStrv) upgraded = NULL;
      g_auto(GStrv) with_keeper = NULL;
      const char *to = NULL;

      /* The upgraded nodes this group may run on. */
      for (guint j = 0; j < first->len; j++)
        {
          const char *name = baton_machine_get_name (g_ptr_array_index (first, j));
          BatonNode *node = g_ptr_array_index (first, j);

          if (!g_strv_contains (was, name))
            continue;
          g_strv_builder_add (upgraded_b, name);
          if (baton_node_get_state (node) == BATON_NODE_STATE_UP &&
              (to == NULL || g_strcmp0 (name, home) == 0))
            to = name;
        }
      upgraded = g_strv_builder_end (upgraded_b);

      if (to == NULL)
        return ctx_refuse (error,
                           _("“%s” may run on no upgraded node, so it cannot leave “%s” while that "
                             "node is upgraded (Upgrading IIS Cluster Resources, standard upgrade): "
                             "use --option iis_method=offline"),
                           baton_group_get_name (group), keeper_name);

      /* Widen, move, then narrow: the group is always on a possible owner. */
      {
        g_autoptr(GStrvBuilder) wb = g_strv_builder_new ();

        g_strv_builder_addv (wb, (const char **) upgraded);
        g_strv_builder_add (wb, keeper_name);
        with_keeper = g_strv_builder_end (wb);
      }
      set_owners (ctx, group, (const char * const *) with_keeper);
      if (!iis_move (ctx, group, to, error))
        return FALSE;
      set_owners (ctx, group, (const char * const *) upgraded);
    }
  ctx_barrier (ctx);

  ctx->phase = "update";
  if (!update_nodes (ctx, tail, PREFER_UPDATED, error))
    return FALSE;
  ctx_update_servers (ctx);

  ctx->phase = "restore";
  for (guint i = 0; i < groups->len; i++)
    set_owners (ctx, g_ptr_array_index (groups, i),
                (const char * const *) g_ptr_array_index (original, i));
  ctx_barrier (ctx);

  finish_failback (ctx);
  return TRUE;
}

/* --- registry ------------------------------------------------------------------- */

typedef struct
{
  const char   *name;
  StrategyFunc  func;
} Strategy;

static const Strategy strategies[] = {
  { "rolling", strategy_rolling },
  { "in-place-active-first", strategy_in_place_active_first },
  { "exchange-tiers", strategy_exchange_tiers },
  { "truly-passive", strategy_truly_passive },
  { "iis-table", strategy_iis_table },
};

StrategyFunc
baton_strategy_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (strategies); i++)
    if (g_strcmp0 (strategies[i].name, name) == 0)
      return strategies[i].func;
  return NULL;
}

/*
 * After the estimate: groups the plan leaves offline between two steps
 * (an Exchange 2003 virtual server moved to an updated node stays offline,
 * event 1025, until it is upgraded) add that time to their downtime.
 */
void
baton_strategy_finish (PlanCtx *ctx)
{
  g_autofree guint *start = NULL;

  if (ctx->offline_windows->len == 0)
    return;

  start = baton_plan_compute_start_times (ctx->plan);
  for (guint i = 0; i < ctx->offline_windows->len; i++)
    {
      OfflineWindow *w = &g_array_index (ctx->offline_windows, OfflineWindow, i);
      BatonStep *from, *to;
      guint offline;
      g_autofree char *warning = NULL;

      if (w->to_step == 0)
        continue;
      from = baton_plan_lookup_step (ctx->plan, w->from_step);
      to = baton_plan_lookup_step (ctx->plan, w->to_step);

      /* The move itself is already counted. */
      offline = start[w->to_step - 1] + baton_step_get_duration (to) -
                (start[w->from_step - 1] + baton_step_get_duration (from));
      baton_plan_set_group_estimate (ctx->plan, w->group, baton_plan_get_moves (ctx->plan, w->group),
                                     baton_plan_get_downtime (ctx->plan, w->group) + offline);

      warning = g_strdup_printf (_("“%s” is offline from step %u, when it reaches “%s”, an updated "
                                   "node (event 1025: it must be upgraded before coming online), "
                                   "until step %u upgrades it"),
                                 w->group, w->from_step, baton_step_get_node (from), w->to_step);
      baton_plan_add_warning (ctx->plan, warning);
    }
}
