/* baton-verifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks a plan against the invariants of DESIGN.md and computes its
 * estimate.  Both rest on one replay: the steps run in list order on a
 * copy of the cluster (the caller's model is never touched), with the
 * state the model does not hold (whether each node's Cluster service runs,
 * which servers are taken offline) kept beside it.  The replay reports the
 * invariants a single step breaks and, for the estimate, how long each
 * online group sat on a node that was being updated, restarted or stopped.
 *
 * Quorum is not a matter of list order: steps without a path between them
 * run at once.  It is checked on the schedule (earliest start of every
 * step), over the intervals during which each node is out of the
 * membership, with the platform's own quorum rule.
 */

#define G_LOG_DOMAIN "baton-plan"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-cluster-file.h"
#include "baton-verifier.h"

typedef struct
{
  BatonPlan    *plan;
  BatonCluster *original;         /* the caller's cluster: read only */
  BatonCluster *model;            /* the copy the plan is replayed on */
  const char   *family;           /* NULL when only estimating */
  BatonVersion *target;           /* NULL when the plan's target does not parse */
  GHashTable   *service_running;  /* node name -> GINT_TO_POINTER (running) */
  GHashTable   *offline_machines; /* set of node and server names taken offline */
  GHashTable   *interrupted;      /* group name -> GUINT_TO_POINTER (seconds) */
  gboolean     *applied;          /* by position: the step's names resolved */
  GPtrArray    *findings;         /* NULL when only estimating */
} Replay;

/* An interval of the schedule during which a node is not a member. */
typedef struct
{
  BatonNode *node;
  BatonStep *step;                /* the step whose start begins it */
  guint      position;
  guint      start;
  guint      end;                 /* G_MAXUINT: until the end of the plan */
} Absence;

/* What a step must name. */
typedef enum
{
  NEEDS_NOTHING,                  /* a name, when given, must exist */
  NEEDS_NODE,                     /* a node, not a server */
  NEEDS_MACHINE,                  /* a node or a server */
} NodeNeed;

static void
replay_clear (Replay *r)
{
  g_clear_object (&r->model);
  g_clear_pointer (&r->target, baton_version_unref);
  g_clear_pointer (&r->service_running, g_hash_table_unref);
  g_clear_pointer (&r->offline_machines, g_hash_table_unref);
  g_clear_pointer (&r->interrupted, g_hash_table_unref);
  g_clear_pointer (&r->applied, g_free);
  g_clear_pointer (&r->findings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Replay, replay_clear)

static const char *
action_nick (BatonStep *step)
{
  return baton_enum_to_nick (BATON_TYPE_ACTION, baton_step_get_action (step));
}

static gint
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const BatonFinding *fa = *(BatonFinding * const *) a;
  const BatonFinding *fb = *(BatonFinding * const *) b;
  /* Steps in order, then the end state (step 0). */
  guint ka = fa->step_id != 0 ? fa->step_id : G_MAXUINT;
  guint kb = fb->step_id != 0 ? fb->step_id : G_MAXUINT;

  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/*
 * Records a finding about @step (NULL: about the plan as a whole or its
 * end state).  The message's format is always a literal (translated);
 * names only ever come in as arguments.
 */
static void report (Replay     *r,
                    BatonStep  *step,
                    const char *invariant,
                    const char *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void
report (Replay     *r,
        BatonStep  *step,
        const char *invariant,
        const char *format,
        ...)
{
  g_autofree char *body = NULL;
  BatonFinding *finding;
  va_list args;

  if (r->findings == NULL)
    return;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);

  finding = g_new0 (BatonFinding, 1);
  finding->invariant = g_strdup (invariant);
  if (step != NULL)
    {
      finding->step_id = baton_step_get_id (step);
      /* TRANSLATORS: "Step 7 (move-group): “EVS1” cannot move to …" */
      finding->message = g_strdup_printf (_("Step %u (%s): %s"),
                                          finding->step_id, action_nick (step), body);
      finding->waived = g_strcmp0 (baton_step_get_waives (step), invariant) == 0;
    }
  else
    {
      finding->message = g_steal_pointer (&body);
    }

  g_ptr_array_add (r->findings, finding);
}

static guint
end_time (BatonPlan   *plan,
          const guint *start,
          guint        position)
{
  return start[position] + baton_step_get_duration (baton_plan_get_step (plan, position));
}

static guint
compute_makespan (BatonPlan   *plan,
                  const guint *start)
{
  guint n = baton_plan_get_n_steps (plan);
  guint makespan = 0;

  for (guint i = 0; i < n; i++)
    makespan = MAX (makespan, end_time (plan, start, i));

  return makespan;
}

static void
action_needs (BatonAction  action,
              NodeNeed    *node,
              gboolean    *group)
{
  *node = NEEDS_NOTHING;
  *group = FALSE;

  switch (action)
    {
    case BATON_ACTION_PAUSE_NODE:
    case BATON_ACTION_RESUME_NODE:
    case BATON_ACTION_STOP_CLUSTER_SERVICE:
    case BATON_ACTION_START_CLUSTER_SERVICE:
    case BATON_ACTION_RESTART_NODE:
      *node = NEEDS_NODE;
      break;

    case BATON_ACTION_MOVE_GROUP:
      *node = NEEDS_NODE;
      *group = TRUE;
      break;

    case BATON_ACTION_INSTALL_UPDATE:
      *node = NEEDS_MACHINE;
      break;

    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
      *node = NEEDS_MACHINE;
      *group = TRUE;
      break;

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      *group = TRUE;
      break;

    case BATON_ACTION_TAKE_OFFLINE:
    case BATON_ACTION_BRING_ONLINE:
    case BATON_ACTION_CHECK_EVENT_LOG:
    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_WAIT_HEALTHY:
    case BATON_ACTION_MANUAL:
    default:
      break;
    }
}

/*
 * Reports what is wrong with the step's id, dependencies and names.
 * Returns whether its names resolve, so its effect can be replayed.
 */
static gboolean
check_structure (Replay    *r,
                 BatonStep *step,
                 guint      position)
{
  BatonAction action = baton_step_get_action (step);
  const char *node = baton_step_get_node (step);
  const char *group = baton_step_get_group (step);
  gboolean resolves = TRUE;
  const guint *after;
  guint n_after;
  guint id = baton_step_get_id (step);
  guint n_steps = baton_plan_get_n_steps (r->plan);
  NodeNeed node_need;
  gboolean group_needed;

  if (id != position + 1)
    report (r, step, BATON_INVARIANT_STRUCTURE,
            _("it is at position %u of the plan, so its id should be %u"),
            position + 1, position + 1);

  after = baton_step_get_after (step, &n_after);
  for (guint i = 0; i < n_after; i++)
    {
      /* Ids are positions + 1: no need to look the step up. */
      if (after[i] == 0 || after[i] > n_steps)
        report (r, step, BATON_INVARIANT_STRUCTURE,
                _("it depends on step %u, which does not exist"), after[i]);
      else if (after[i] >= id)
        report (r, step, BATON_INVARIANT_STRUCTURE,
                _("it depends on step %u, which does not come before it"), after[i]);
    }

  action_needs (action, &node_need, &group_needed);

  if (node != NULL)
    {
      BatonMachine *machine = baton_cluster_lookup_machine (r->model, node);

      if (machine == NULL)
        {
          report (r, step, BATON_INVARIANT_STRUCTURE,
                  _("there is no node or server “%s”"), node);
          resolves = FALSE;
        }
      else if (node_need == NEEDS_NODE && !BATON_IS_NODE (machine))
        {
          report (r, step, BATON_INVARIANT_STRUCTURE,
                  _("“%s” is a server, not a node of the cluster"), node);
          resolves = FALSE;
        }
    }
  else if (node_need != NEEDS_NOTHING)
    {
      report (r, step, BATON_INVARIANT_STRUCTURE,
              node_need == NEEDS_NODE ? _("it names no node") : _("it names no node or server"));
      resolves = FALSE;
    }

  if (group != NULL)
    {
      if (baton_cluster_lookup_group (r->model, group) == NULL)
        {
          report (r, step, BATON_INVARIANT_STRUCTURE, _("there is no group “%s”"), group);
          resolves = FALSE;
        }
    }
  else if (group_needed)
    {
      report (r, step, BATON_INVARIANT_STRUCTURE, _("it names no group"));
      resolves = FALSE;
    }

  if ((action == BATON_ACTION_TAKE_OFFLINE || action == BATON_ACTION_BRING_ONLINE) &&
      node == NULL && group == NULL)
    {
      report (r, step, BATON_INVARIANT_STRUCTURE, _("it names neither a group nor a server"));
      resolves = FALSE;
    }

  if (action == BATON_ACTION_SET_POSSIBLE_OWNERS)
    {
      const char * const *owners = baton_step_get_owners (step);

      /* NULL means every node; an empty list would mean none. */
      if (owners != NULL && owners[0] == NULL)
        {
          report (r, step, BATON_INVARIANT_STRUCTURE, _("its list of possible owners is empty"));
          resolves = FALSE;
        }

      for (guint i = 0; owners != NULL && owners[i] != NULL; i++)
        if (baton_cluster_lookup_node (r->model, owners[i]) == NULL)
          {
            report (r, step, BATON_INVARIANT_STRUCTURE,
                    _("its possible owner “%s” is not a node of the cluster"), owners[i]);
            resolves = FALSE;
          }
    }

  return resolves;
}

static gboolean
service_runs (Replay     *r,
              const char *node)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (r->service_running, node));
}

/*
 * A node is not updated, restarted or stopped while it owns an online
 * group.  Each such group is also interrupted for the step's duration,
 * which is how an in-place setup shows up in the estimate.
 */
static void
check_not_owning (Replay     *r,
                  BatonStep  *step,
                  const char *node)
{
  g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (r->model, node);
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_online = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      const char *name = baton_group_get_name (group);
      guint seconds;

      if (baton_group_get_state (group) != BATON_GROUP_STATE_ONLINE)
        continue;

      seconds = GPOINTER_TO_UINT (g_hash_table_lookup (r->interrupted, name));
      seconds += baton_step_get_duration (step);
      g_hash_table_insert (r->interrupted, g_strdup (name), GUINT_TO_POINTER (seconds));

      if (n_online++ > 0)
        g_string_append (names, _(", "));
      /* TRANSLATORS: a group name in a list of names */
      g_string_append_printf (names, _("“%s”"), name);
    }

  if (n_online > 0)
    report (r, step, BATON_INVARIANT_UPDATE_WHILE_OWNING,
            g_dngettext (GETTEXT_PACKAGE,
                         "“%s” still owns the online group %s",
                         "“%s” still owns the online groups %s", n_online),
            node, names->str);
}

static void
check_capacity (Replay     *r,
                BatonStep  *step,
                const char *node_name)
{
  BatonNode *node = baton_cluster_lookup_node (r->model, node_name);
  guint load = baton_cluster_get_load_on (r->model, node_name);

  if (load > baton_node_get_capacity (node))
    report (r, step, BATON_INVARIANT_CAPACITY,
            _("“%s” would carry a load of %u, more than its capacity of %u"),
            node_name, load, baton_node_get_capacity (node));
}

static void
replay_move_group (Replay    *r,
                   BatonStep *step)
{
  const char *node = baton_step_get_node (step);
  BatonGroup *group = baton_cluster_lookup_group (r->model, baton_step_get_group (step));
  g_autoptr(GError) error = NULL;

  if (!baton_cluster_can_move_group (r->model, group, node, &error))
    report (r, step, BATON_INVARIANT_MOVE_TARGET, "%s", error->message);
  else if (!service_runs (r, node))
    report (r, step, BATON_INVARIANT_MOVE_TARGET,
            _("“%s” cannot move to “%s”: its Cluster service is stopped"),
            baton_group_get_name (group), node);

  /* Moved anyway, so that the later steps are checked as planned. */
  baton_group_set_owner (group, node);
  check_capacity (r, step, node);
}

static void
replay_install_update (Replay    *r,
                       BatonStep *step)
{
  const char *name = baton_step_get_node (step);
  const char *text = baton_step_get_version (step);
  BatonMachine *machine = baton_cluster_lookup_machine (r->model, name);
  g_autoptr(BatonVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  if (BATON_IS_NODE (machine))
    check_not_owning (r, step, name);

  if (r->family == NULL)
    return;

  if (text == NULL)
    version = r->target != NULL ? baton_version_ref (r->target) : NULL;
  else if (!(version = baton_version_parse (text, &error)))
    report (r, step, BATON_INVARIANT_STRUCTURE, "%s", error->message);

  if (version != NULL)
    baton_machine_set_version (machine, r->family, version);
}

static void
replay_upgrade_virtual_server (Replay    *r,
                               BatonStep *step)
{
  const char *name = baton_step_get_node (step);
  BatonMachine *machine = baton_cluster_lookup_machine (r->model, name);
  BatonVersion *version;

  if (r->family == NULL || r->target == NULL)
    return;

  version = baton_machine_get_version (machine, r->family);
  if (version == NULL)
    report (r, step, BATON_INVARIANT_UPGRADE_SOURCE,
            _("“%s” cannot be upgraded from “%s”: it has no %s, the target is %s"),
            baton_step_get_group (step), name, baton_software_family_to_label (r->family),
            baton_version_to_string (r->target));
  else if (baton_version_compare (version, r->target) != 0)
    report (r, step, BATON_INVARIANT_UPGRADE_SOURCE,
            _("“%s” cannot be upgraded from “%s”: it runs %s %s, not the target %s"),
            baton_step_get_group (step), name, baton_software_family_to_label (r->family),
            baton_version_to_string (version), baton_version_to_string (r->target));
}

static void
replay_online (Replay    *r,
               BatonStep *step,
               gboolean   online)
{
  const char *group = baton_step_get_group (step);
  const char *machine = baton_step_get_node (step);

  if (group != NULL)
    baton_group_set_state (baton_cluster_lookup_group (r->model, group),
                           online ? BATON_GROUP_STATE_ONLINE : BATON_GROUP_STATE_OFFLINE);
  else if (online)
    g_hash_table_remove (r->offline_machines, machine);
  else
    g_hash_table_add (r->offline_machines, g_strdup (machine));
}

static void
replay_step (Replay    *r,
             BatonStep *step)
{
  const char *node = baton_step_get_node (step);

  switch (baton_step_get_action (step))
    {
    case BATON_ACTION_PAUSE_NODE:
      baton_node_set_state (baton_cluster_lookup_node (r->model, node), BATON_NODE_STATE_PAUSED);
      break;

    case BATON_ACTION_RESUME_NODE:
      baton_node_set_state (baton_cluster_lookup_node (r->model, node), BATON_NODE_STATE_UP);
      break;

    case BATON_ACTION_MOVE_GROUP:
      replay_move_group (r, step);
      break;

    case BATON_ACTION_STOP_CLUSTER_SERVICE:
      check_not_owning (r, step, node);
      g_hash_table_insert (r->service_running, g_strdup (node), GINT_TO_POINTER (FALSE));
      break;

    case BATON_ACTION_START_CLUSTER_SERVICE:
      g_hash_table_insert (r->service_running, g_strdup (node), GINT_TO_POINTER (TRUE));
      break;

    case BATON_ACTION_INSTALL_UPDATE:
      replay_install_update (r, step);
      break;

    case BATON_ACTION_RESTART_NODE:
      /* The node comes back with its Cluster service as it was. */
      check_not_owning (r, step, node);
      break;

    case BATON_ACTION_TAKE_OFFLINE:
      replay_online (r, step, FALSE);
      break;

    case BATON_ACTION_BRING_ONLINE:
      replay_online (r, step, TRUE);
      break;

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      baton_group_set_possible_owners (baton_cluster_lookup_group (r->model,
                                                                   baton_step_get_group (step)),
                                       baton_step_get_owners (step));
      break;

    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
      replay_upgrade_virtual_server (r, step);
      break;

    case BATON_ACTION_CHECK_EVENT_LOG:
    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_WAIT_HEALTHY:
    case BATON_ACTION_MANUAL:
    default:
      break;
    }
}

/*
 * The one replay behind both baton_plan_verify() and baton_plan_estimate():
 * @findings is NULL when only the estimate is wanted, @family is NULL when
 * versions do not matter.
 */
static void
replay_run (Replay       *r,
            BatonPlan    *plan,
            BatonCluster *cluster,
            const char   *family,
            gboolean      want_findings)
{
  GListModel *nodes;
  const char *target = baton_plan_get_target (plan);
  guint n_steps = baton_plan_get_n_steps (plan);
  guint n_nodes;

  r->plan = plan;
  r->original = cluster;
  r->model = baton_cluster_copy (cluster);
  r->family = family;
  r->service_running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->offline_machines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->interrupted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->applied = g_new0 (gboolean, n_steps + 1);
  if (want_findings)
    r->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) baton_finding_free);

  if (family != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (target == NULL)
        report (r, NULL, BATON_INVARIANT_STRUCTURE, _("The plan has no target version"));
      else if (!(r->target = baton_version_parse (target, &error)))
        report (r, NULL, BATON_INVARIANT_STRUCTURE,
                _("The plan’s target is not valid: %s"), error->message);
    }

  nodes = baton_cluster_get_nodes (r->model);
  n_nodes = g_list_model_get_n_items (nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);

      g_hash_table_insert (r->service_running,
                           g_strdup (baton_machine_get_name (BATON_MACHINE (node))),
                           GINT_TO_POINTER (baton_node_is_up (node)));
    }

  for (guint i = 0; i < n_steps; i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);

      r->applied[i] = check_structure (r, step, i);
      if (r->applied[i])
        replay_step (r, step);
    }
}

static gboolean
node_is_out (GHashTable *out,
             BatonNode  *node)
{
  return g_hash_table_contains (out, node);
}

static gboolean
quorum_holds_without (BatonCluster *cluster,
                      GHashTable   *out)
{
  GListModel *nodes = baton_cluster_get_nodes (cluster);
  guint n = g_list_model_get_n_items (nodes);
  guint votes = 0, members = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);

      if (node_is_out (out, node))
        continue;
      votes += baton_node_get_votes (node);
      members++;
    }

  return baton_cluster_quorum_holds (cluster, votes, members);
}

/*
 * Over the schedule, a node is out of the membership from the start of
 * its stop-cluster-service step to the end of its next
 * start-cluster-service step (or the end of the plan), and while a
 * restart-node step on it runs; a node down at the start is out
 * throughout.  Ties in time go by list order.  A step is reported when
 * quorum held just before it starts and no longer does once it has.
 */
static void
check_quorum (Replay      *r,
              const guint *start)
{
  g_autoptr(GArray) absences = g_array_new (FALSE, FALSE, sizeof (Absence));
  g_autoptr(GHashTable) out = g_hash_table_new (NULL, NULL);
  GListModel *nodes = baton_cluster_get_nodes (r->model);
  guint n_steps = baton_plan_get_n_steps (r->plan);
  guint n_nodes = g_list_model_get_n_items (nodes);

  for (guint i = 0; i < n_steps; i++)
    {
      BatonStep *step = baton_plan_get_step (r->plan, i);
      BatonAction action = baton_step_get_action (step);
      Absence absence = { NULL, step, i, start[i], G_MAXUINT };

      if (!r->applied[i])
        continue;

      if (action == BATON_ACTION_STOP_CLUSTER_SERVICE)
        {
          for (guint j = i + 1; j < n_steps; j++)
            {
              BatonStep *later = baton_plan_get_step (r->plan, j);

              if (r->applied[j] &&
                  baton_step_get_action (later) == BATON_ACTION_START_CLUSTER_SERVICE &&
                  g_strcmp0 (baton_step_get_node (later), baton_step_get_node (step)) == 0)
                {
                  absence.end = end_time (r->plan, start, j);
                  break;
                }
            }
        }
      else if (action == BATON_ACTION_RESTART_NODE)
        absence.end = end_time (r->plan, start, i);
      else
        continue;

      absence.node = baton_cluster_lookup_node (r->model, baton_step_get_node (step));
      g_assert (absence.node != NULL);
      if (absence.start < absence.end)
        g_array_append_val (absences, absence);
    }

  for (guint a = 0; a < absences->len; a++)
    {
      const Absence *current = &g_array_index (absences, Absence, a);
      guint t = current->start;

      g_hash_table_remove_all (out);
      for (guint i = 0; i < n_nodes; i++)
        {
          g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
          BatonNode *was = baton_cluster_lookup_node (r->original,
                                                      baton_machine_get_name (BATON_MACHINE (node)));

          if (baton_node_get_state (was) == BATON_NODE_STATE_DOWN)
            g_hash_table_add (out, node);
        }

      for (guint b = 0; b < absences->len; b++)
        {
          const Absence *other = &g_array_index (absences, Absence, b);

          if (b == a || other->start > t || t >= other->end)
            continue;
          if (other->start == t && other->position > current->position)
            continue;
          g_hash_table_add (out, other->node);
        }

      if (node_is_out (out, current->node) || !quorum_holds_without (r->model, out))
        continue;

      g_hash_table_add (out, current->node);
      if (!quorum_holds_without (r->model, out))
        {
          guint votes = 0;

          for (guint i = 0; i < n_nodes; i++)
            {
              g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);

              if (!node_is_out (out, node))
                votes += baton_node_get_votes (node);
            }

          report (r, current->step, BATON_INVARIANT_QUORUM,
                  _("“%s” leaves the membership while other nodes are out: the members "
                    "hold %u of %u votes, not enough for quorum"),
                  baton_machine_get_name (BATON_MACHINE (current->node)), votes,
                  baton_cluster_get_total_votes (r->model));
        }
    }
}

static void
check_end_versions (Replay     *r,
                    GListModel *machines)
{
  guint n = g_list_model_get_n_items (machines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonMachine) machine = g_list_model_get_item (machines, i);
      BatonVersion *version = baton_machine_get_version (machine, r->family);

      if (version == NULL || baton_version_compare (version, r->target) >= 0)
        continue;

      report (r, NULL, BATON_INVARIANT_END_VERSION,
              _("At the end of the plan “%s” runs %s %s, below the target %s"),
              baton_machine_get_name (machine), baton_software_family_to_label (r->family),
              baton_version_to_string (version), baton_version_to_string (r->target));
    }
}

static void
check_end_state (Replay *r)
{
  GListModel *groups = baton_cluster_get_groups (r->original);
  GListModel *nodes = baton_cluster_get_nodes (r->original);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_nodes = g_list_model_get_n_items (nodes);
  GHashTableIter iter;
  gpointer key;

  if (r->target != NULL)
    {
      check_end_versions (r, baton_cluster_get_nodes (r->model));
      check_end_versions (r, baton_cluster_get_servers (r->model));
    }

  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(BatonGroup) before = g_list_model_get_item (groups, i);
      const char *name = baton_group_get_name (before);
      const char *preferred = baton_cluster_get_home_node (r->original, before);
      BatonGroup *after = baton_cluster_lookup_group (r->model, name);

      if (preferred != NULL && g_strcmp0 (baton_group_get_owner (after), preferred) != 0)
        report (r, NULL, BATON_INVARIANT_END_PREFERRED,
                _("At the end of the plan “%s” is on “%s”, not on its preferred owner “%s”"),
                name, baton_group_get_owner (after), preferred);

      if (baton_group_get_state (before) == BATON_GROUP_STATE_ONLINE &&
          baton_group_get_state (after) != BATON_GROUP_STATE_ONLINE)
        report (r, NULL, BATON_INVARIANT_END_ONLINE,
                _("At the end of the plan “%s” is offline; it was online before"), name);
    }

  g_hash_table_iter_init (&iter, r->offline_machines);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    report (r, NULL, BATON_INVARIANT_END_ONLINE,
            _("At the end of the plan “%s” is still offline"), (const char *) key);

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(BatonNode) before = g_list_model_get_item (nodes, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (before));
      BatonNode *after = baton_cluster_lookup_node (r->model, name);

      if (baton_node_get_state (before) != BATON_NODE_STATE_UP)
        continue;

      if (baton_node_get_state (after) == BATON_NODE_STATE_PAUSED)
        report (r, NULL, BATON_INVARIANT_END_STATE,
                _("At the end of the plan “%s” is still paused"), name);
      else if (baton_node_get_state (after) != BATON_NODE_STATE_UP)
        report (r, NULL, BATON_INVARIANT_END_STATE,
                _("At the end of the plan “%s” is down; it was up before"), name);
      else if (!service_runs (r, name))
        report (r, NULL, BATON_INVARIANT_END_STATE,
                _("At the end of the plan the Cluster service of “%s” is stopped"), name);
    }
}

void
baton_finding_free (BatonFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->invariant);
  g_free (finding->message);
  g_free (finding);
}

static void fill_estimate (Replay       *r,
                           BatonPlan    *plan,
                           BatonCluster *cluster,
                           const guint  *start);

/* One replay: the invariants, and with @estimate the plan's estimate too. */
static GPtrArray *
run_checks (BatonPlan    *plan,
            BatonCluster *cluster,
            const char   *family,
            gboolean      estimate)
{
  g_auto(Replay) r = { 0 };
  g_autofree guint *start = NULL;

  replay_run (&r, plan, cluster, family, TRUE);

  start = baton_plan_compute_start_times (plan);
  check_quorum (&r, start);
  check_end_state (&r);
  if (estimate)
    fill_estimate (&r, plan, cluster, start);

  g_ptr_array_sort (r.findings, compare_findings);
  return g_steal_pointer (&r.findings);
}

/**
 * baton_plan_verify:
 * @plan: the plan to check
 * @cluster: the cluster it was made for; it is not changed
 * @family: the software family the plan updates ("exchange")
 *
 * Replays @plan on a copy of @cluster and checks the invariants of
 * DESIGN.md: each step's structure, that no node is updated while it owns
 * an online group, that groups only move to nodes that can take them and
 * have the capacity, quorum over the plan's schedule, upgrade sources,
 * and the end state (versions, preferred owners, groups online, nodes up).
 * A finding on a step that waives its invariant is still reported, with
 * @waived set.
 *
 * Returns: (transfer full) (element-type BatonFinding): the findings, by
 *   step, the end state's last; empty when the plan keeps every invariant
 */
GPtrArray *
baton_plan_verify (BatonPlan    *plan,
                   BatonCluster *cluster,
                   const char   *family)
{
  g_return_val_if_fail (BATON_IS_PLAN (plan), NULL);
  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (family != NULL, NULL);

  return run_checks (plan, cluster, family, FALSE);
}

/**
 * baton_plan_estimate:
 * @plan: the plan to estimate
 * @cluster: the cluster it was made for; it is not changed
 *
 * Sets the plan's makespan (the end of its last step when each step starts
 * as soon as the steps it depends on are done) and, for every group of
 * @cluster, the number of moves and the downtime: the duration of its
 * moves, the time from each take-offline to the end of the next
 * bring-online, and the duration of every update, restart or Cluster
 * service stop on the node that owns the group while it is online.
 */
typedef struct
{
  guint    moves;
  guint    downtime;
  guint    offline_since;
  gboolean offline;
} GroupEstimate;

static void
fill_estimate (Replay       *r,
               BatonPlan    *plan,
               BatonCluster *cluster,
               const guint  *start)
{
  g_autoptr(GHashTable) estimates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GListModel *groups;
  guint n_groups, n_steps, makespan;

  makespan = compute_makespan (plan, (guint *) start);
  baton_plan_set_makespan (plan, makespan);

  /* One pass over the steps: moves and offline windows per group. */
  n_steps = baton_plan_get_n_steps (plan);
  for (guint i = 0; i < n_steps; i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);
      const char *name = baton_step_get_group (step);
      GroupEstimate *e;

      if (name == NULL)
        continue;

      if (!(e = g_hash_table_lookup (estimates, name)))
        {
          e = g_new0 (GroupEstimate, 1);
          g_hash_table_insert (estimates, (char *) name, e);
        }

      switch (baton_step_get_action (step))
        {
        case BATON_ACTION_MOVE_GROUP:
          e->moves++;
          e->downtime += baton_step_get_duration (step);
          break;

        case BATON_ACTION_TAKE_OFFLINE:
          if (!e->offline)
            {
              e->offline = TRUE;
              e->offline_since = start[i];
            }
          break;

        case BATON_ACTION_BRING_ONLINE:
          if (e->offline)
            {
              guint back = end_time (plan, start, i);

              if (back > e->offline_since)
                e->downtime += back - e->offline_since;
              e->offline = FALSE;
            }
          break;

        case BATON_ACTION_CHECK_EVENT_LOG:
        case BATON_ACTION_CONFIRM_BACKUP:
        case BATON_ACTION_PAUSE_NODE:
        case BATON_ACTION_RESUME_NODE:
        case BATON_ACTION_STOP_CLUSTER_SERVICE:
        case BATON_ACTION_START_CLUSTER_SERVICE:
        case BATON_ACTION_SET_POSSIBLE_OWNERS:
        case BATON_ACTION_INSTALL_UPDATE:
        case BATON_ACTION_RESTART_NODE:
        case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
        case BATON_ACTION_WAIT_HEALTHY:
        case BATON_ACTION_MANUAL:
        default:
          break;
        }
    }

  groups = baton_cluster_get_groups (cluster);
  n_groups = g_list_model_get_n_items (groups);
  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (groups, g);
      const char *name = baton_group_get_name (group);
      GroupEstimate *e = g_hash_table_lookup (estimates, name);
      guint downtime = GPOINTER_TO_UINT (g_hash_table_lookup (r->interrupted, name));

      /* A take-offline never followed by a bring-online counts until the end. */
      if (e != NULL && e->offline && makespan > e->offline_since)
        downtime += makespan - e->offline_since;

      baton_plan_set_group_estimate (plan, name, e ? e->moves : 0,
                                     downtime + (e ? e->downtime : 0));
    }
}

void
baton_plan_estimate (BatonPlan    *plan,
                     BatonCluster *cluster)
{
  g_auto(Replay) r = { 0 };
  g_autofree guint *start = NULL;

  g_return_if_fail (BATON_IS_PLAN (plan));
  g_return_if_fail (BATON_IS_CLUSTER (cluster));

  replay_run (&r, plan, cluster, NULL, FALSE);
  start = baton_plan_compute_start_times (plan);
  fill_estimate (&r, plan, cluster, start);
}

/**
 * baton_plan_check:
 *
 * baton_plan_verify() and baton_plan_estimate() in one replay: what the
 * planner does for every plan it makes.
 *
 * Returns: (transfer full) (element-type BatonFinding): the findings
 */
GPtrArray *
baton_plan_check (BatonPlan    *plan,
                  BatonCluster *cluster,
                  const char   *family)
{
  g_return_val_if_fail (BATON_IS_PLAN (plan), NULL);
  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (family != NULL, NULL);

  return run_checks (plan, cluster, family, TRUE);
}
