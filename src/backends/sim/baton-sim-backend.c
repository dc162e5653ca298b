/* baton-sim-backend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedded default backend: a model of the sources' clusters that
 * behaves as they describe, on a virtual clock (instant, or real time
 * scaled by a speed factor for demos), with faults injected from a
 * baton-faults/1 file.  What it models:
 * - a group only moves to a node that is up, not paused, with its Cluster
 *   service running and among its possible owners;
 * - stopping the Cluster service, or restarting, moves a node's groups to
 *   a node that can take them, or takes them offline;
 * - an Exchange 2003 virtual server on a node running a newer service pack
 *   stays offline (event 1025) until upgraded; upgrading it from a node of
 *   another version fails (c1037b44);
 * - front-ends of one load-balanced set running different versions while
 *   online raise the mobile synchronization warning;
 * - Exchange setup on a node stops and restarts its services: the
 *   virtual servers there are interrupted (Exchange 5.5's in-place update).
 */

#define G_LOG_DOMAIN "baton-sim"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "baton-cluster-file.h"
#include "baton-sim-backend.h"

#define DEFAULT_TIMEOUT_S 900

typedef enum
{
  FAULT_FAIL,
  FAULT_NO_RETURN,
  FAULT_GROUP_OFFLINE,
  FAULT_EVENT_LOG_ERRORS,
  FAULT_HANG,
} FaultKind;

typedef struct
{
  FaultKind  kind;
  int        action;     /* -1: any */
  char      *node;
  char      *group;
  char      *message;
  int        times;      /* -1: always */
} Fault;

struct _BatonSimBackend
{
  GObject       parent_instance;

  BatonCluster *cluster;
  GHashTable   *stopped;        /* nodes whose Cluster service is stopped */
  GHashTable   *evs_version;    /* group -> BatonVersion its data is at */
  GHashTable   *offline_servers;
  GPtrArray    *faults;
  double        speed;          /* 0: instant */
  guint         timeout_s;
  guint64       clock_ms;       /* virtual time when instant */
  gint64        started_us;     /* monotonic time at creation */
};

static void backend_iface_init (BatonBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BatonSimBackend, baton_sim_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BATON_TYPE_BACKEND, backend_iface_init))

static void
fault_free (Fault *fault)
{
  g_free (fault->node);
  g_free (fault->group);
  g_free (fault->message);
  g_free (fault);
}

/* --- the engine's state ------------------------------------------------------ */

static gboolean
service_runs (BatonSimBackend *self,
              const char      *node)
{
  BatonNode *n = baton_cluster_lookup_node (self->cluster, node);

  return n != NULL && baton_node_is_up (n) && !g_hash_table_contains (self->stopped, node);
}

gboolean
baton_sim_backend_is_service_running (BatonSimBackend *self,
                                      const char      *node)
{
  g_return_val_if_fail (BATON_IS_SIM_BACKEND (self), FALSE);
  return service_runs (self, node);
}

static BatonVersion *
exchange_of (BatonSimBackend *self,
             const char      *machine)
{
  BatonMachine *m = baton_cluster_lookup_machine (self->cluster, machine);

  return m ? baton_machine_get_version (m, "exchange") : NULL;
}

static void
log_line (BatonSimBackend *self,
          const char      *subject,
          const char      *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
log_line (BatonSimBackend *self,
          const char      *subject,
          const char      *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  baton_backend_emit_log (BATON_BACKEND (self), subject, message);
}

/*
 * A group arrives on @node: online, unless it is an Exchange virtual
 * server whose data is older than the node's Exchange (event 1025).
 */
static void
arrive (BatonSimBackend *self,
        BatonGroup      *group,
        const char      *node)
{
  BatonVersion *data = g_hash_table_lookup (self->evs_version, baton_group_get_name (group));
  BatonVersion *here = exchange_of (self, node);

  baton_group_set_owner (group, node);

  /* Q328839 describes this for Exchange Server 2003 service packs only. */
  if (baton_group_get_kind (group) == BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER &&
      data != NULL && here != NULL && baton_version_get_number (here, 0) == 2003 &&
      baton_version_same_release (here, data) && baton_version_compare (here, data) > 0)
    {
      baton_group_set_state (group, BATON_GROUP_STATE_OFFLINE);
      log_line (self, baton_group_get_name (group),
                _("Event 1025 (MSExchangeCluster): The Exchange virtual server needs to be "
                  "upgraded before coming online."));
      return;
    }

  baton_group_set_state (group, BATON_GROUP_STATE_ONLINE);
}

/* Where a group goes when its node leaves: a node that can take it, else nowhere. */
static void
fail_over (BatonSimBackend *self,
           const char      *node)
{
  g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (self->cluster, node);
  GListModel *nodes = baton_cluster_get_nodes (self->cluster);

  for (guint i = 0; i < groups->len; i++)
    {
      BatonGroup *group = g_ptr_array_index (groups, i);
      const char *to = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (nodes) && to == NULL; j++)
        {
          g_autoptr(BatonNode) candidate = g_list_model_get_item (nodes, j);
          const char *name = baton_machine_get_name (BATON_MACHINE (candidate));

          if (g_strcmp0 (name, node) != 0 && service_runs (self, name) &&
              baton_node_get_state (candidate) == BATON_NODE_STATE_UP &&
              baton_group_is_possible_owner (group, name))
            to = name;
        }

      if (to == NULL)
        {
          baton_group_set_state (group, BATON_GROUP_STATE_OFFLINE);
          log_line (self, baton_group_get_name (group),
                    _("No node can take the group: it is offline"));
        }
      else
        {
          log_line (self, baton_group_get_name (group), _("Failed over from %s to %s"), node, to);
          if (baton_group_get_state (group) == BATON_GROUP_STATE_ONLINE)
            arrive (self, group, to);
          else
            baton_group_set_owner (group, to);
        }
    }
}

static void
check_load_balanced_sets (BatonSimBackend *self,
                          BatonServer     *updated)
{
  const char *set = baton_server_get_load_balanced_set (updated);
  GListModel *servers = baton_cluster_get_servers (self->cluster);
  BatonVersion *mine = exchange_of (self, baton_machine_get_name (BATON_MACHINE (updated)));

  if (set == NULL || mine == NULL ||
      g_hash_table_contains (self->offline_servers, baton_machine_get_name (BATON_MACHINE (updated))))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(BatonServer) other = g_list_model_get_item (servers, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (other));
      BatonVersion *theirs = exchange_of (self, name);

      if (other == updated || g_strcmp0 (baton_server_get_load_balanced_set (other), set) != 0 ||
          g_hash_table_contains (self->offline_servers, name) || theirs == NULL)
        continue;

      if (!baton_version_equal (theirs, mine))
        {
          log_line (self, set,
                    _("Load-balanced set “%s” serves clients from front-ends at %s and %s: mobile "
                      "clients may receive synchronization key errors"),
                    set, baton_version_to_string (mine), baton_version_to_string (theirs));
          return;
        }
    }
}

/* --- faults ------------------------------------------------------------------- */

static Fault *
find_fault (BatonSimBackend *self,
            FaultKind        kind,
            BatonStep       *step)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *f = g_ptr_array_index (self->faults, i);

      if (f->kind != kind || f->times == 0)
        continue;
      if (f->action >= 0 && f->action != (int) baton_step_get_action (step))
        continue;
      if (f->node && g_strcmp0 (f->node, baton_step_get_node (step)) != 0)
        continue;
      if (f->group && g_strcmp0 (f->group, baton_step_get_group (step)) != 0)
        continue;

      if (f->times > 0)
        f->times--;
      return f;
    }

  return NULL;
}

/**
 * baton_sim_backend_note_failure:
 *
 * For a resumed run: @step failed before, so a fault that matches it has
 * struck once already ("times" counts across the run, not per process).
 */
void
baton_sim_backend_note_failure (BatonSimBackend *self,
                                BatonStep       *step)
{
  g_return_if_fail (BATON_IS_SIM_BACKEND (self));
  g_return_if_fail (BATON_IS_STEP (step));

  for (FaultKind kind = FAULT_FAIL; kind <= FAULT_HANG; kind++)
    if (find_fault (self, kind, step) != NULL)
      return;
}

/* --- performing a step -------------------------------------------------------- */

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, BATON_BACKEND_ERROR, code, message);
  return FALSE;
}

static gboolean
apply_move (BatonSimBackend  *self,
            BatonStep        *step,
            GError          **error)
{
  const char *to = baton_step_get_node (step);
  BatonGroup *group = baton_cluster_lookup_group (self->cluster, baton_step_get_group (step));
  g_autoptr(GError) refused = NULL;
  Fault *fault;

  if (group == NULL)
    return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no group “%s”"),
                 baton_step_get_group (step));

  if (!baton_cluster_can_move_group (self->cluster, group, to, &refused))
    return fail (error, BATON_BACKEND_ERROR_REFUSED, "%s", refused->message);
  if (!service_runs (self, to))
    return fail (error, BATON_BACKEND_ERROR_REFUSED,
                 _("“%s” cannot move to “%s”: its Cluster service is stopped"),
                 baton_group_get_name (group), to);

  log_line (self, baton_group_get_name (group), _("Moving from %s to %s"),
            baton_group_get_owner (group), to);

  if ((fault = find_fault (self, FAULT_GROUP_OFFLINE, step)) != NULL)
    {
      baton_group_set_owner (group, to);
      baton_group_set_state (group, BATON_GROUP_STATE_FAILED);
      if (fault->message != NULL)
        return fail (error, BATON_BACKEND_ERROR_FAILED, "%s", fault->message);
      return fail (error, BATON_BACKEND_ERROR_FAILED, _("“%s” did not come online on “%s”"),
                   baton_group_get_name (group), to);
    }

  arrive (self, group, to);
  return TRUE;
}

static gboolean
apply (BatonSimBackend  *self,
       BatonStep        *step,
       BatonNodeState    restarting_from,
       GError          **error)
{
  const char *node = baton_step_get_node (step);
  BatonNode *n = node ? baton_cluster_lookup_node (self->cluster, node) : NULL;
  BatonMachine *machine = node ? baton_cluster_lookup_machine (self->cluster, node) : NULL;
  BatonGroup *group = baton_step_get_group (step) ?
                      baton_cluster_lookup_group (self->cluster, baton_step_get_group (step)) : NULL;
  Fault *fault;

  if ((fault = find_fault (self, FAULT_FAIL, step)) != NULL)
    return fail (error, BATON_BACKEND_ERROR_FAILED, "%s",
                 fault->message ? fault->message : _("The step failed (injected fault)"));

  switch (baton_step_get_action (step))
    {
    case BATON_ACTION_PAUSE_NODE:
    case BATON_ACTION_RESUME_NODE:
      if (n == NULL || !baton_node_is_up (n))
        return fail (error, BATON_BACKEND_ERROR_REFUSED, _("Node “%s” is not up"), node);
      baton_node_set_state (n, baton_step_get_action (step) == BATON_ACTION_PAUSE_NODE
                               ? BATON_NODE_STATE_PAUSED : BATON_NODE_STATE_UP);
      return TRUE;

    case BATON_ACTION_MOVE_GROUP:
      return apply_move (self, step, error);

    case BATON_ACTION_STOP_CLUSTER_SERVICE:
      if (n == NULL)
        return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no node “%s”"), node);
      g_hash_table_add (self->stopped, g_strdup (node));
      fail_over (self, node);
      log_line (self, node, _("Cluster service stopped"));
      return TRUE;

    case BATON_ACTION_START_CLUSTER_SERVICE:
      if (n == NULL)
        return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no node “%s”"), node);
      g_hash_table_remove (self->stopped, node);
      log_line (self, node, _("Cluster service started"));
      return TRUE;

    case BATON_ACTION_INSTALL_UPDATE:
      {
        g_autoptr(BatonVersion) version = NULL;
        g_autoptr(GPtrArray) owned = NULL;
        const char *text = baton_step_get_version (step);

        if (machine == NULL)
          return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no node or server “%s”"),
                       node);
        if (text == NULL || !(version = baton_version_parse (text, NULL)))
          return fail (error, BATON_BACKEND_ERROR_REFUSED, _("The step names no version to install"));

        owned = n ? baton_cluster_dup_groups_on (self->cluster, node) : NULL;
        for (guint i = 0; owned && i < owned->len; i++)
          if (baton_group_get_kind (g_ptr_array_index (owned, i)) ==
              BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER &&
              baton_group_get_state (g_ptr_array_index (owned, i)) == BATON_GROUP_STATE_ONLINE)
            log_line (self, baton_group_get_name (g_ptr_array_index (owned, i)),
                      _("Setup stops the Exchange services on %s: clients cannot connect until "
                        "it restarts them"), node);

        /* The planner names the family; a step made by hand without one
         * updates the family whose release matches the version, or the
         * first one. */
        if (baton_step_get_family (step) != NULL)
          baton_machine_set_version (machine, baton_step_get_family (step), version);
        else
          {
            g_auto(GStrv) families = baton_machine_dup_families (machine);
            const char *family = families[0];

            for (guint i = 0; families[i]; i++)
              if (baton_version_same_release (baton_machine_get_version (machine, families[i]),
                                              version))
                family = families[i];
            if (family != NULL)
              baton_machine_set_version (machine, family, version);
          }

        log_line (self, node, _("Installed %s"), text);
        if (BATON_IS_SERVER (machine))
          check_load_balanced_sets (self, BATON_SERVER (machine));
        return TRUE;
      }

    case BATON_ACTION_RESTART_NODE:
      /* The node left when the step started (see sim_perform_async ()). */
      if (n == NULL)
        return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no node “%s”"), node);
      if (find_fault (self, FAULT_NO_RETURN, step))
        return fail (error, BATON_BACKEND_ERROR_TIMED_OUT,
                     _("“%s” did not come back within %u s after the restart"), node,
                     self->timeout_s);
      baton_node_set_state (n, restarting_from);
      log_line (self, node, _("Restarted"));
      return TRUE;

    case BATON_ACTION_CHECK_EVENT_LOG:
      if (node && find_fault (self, FAULT_EVENT_LOG_ERRORS, step))
        return fail (error, BATON_BACKEND_ERROR_FAILED,
                     _("The System event log of “%s” shows errors since the last restart"), node);
      return TRUE;

    case BATON_ACTION_TAKE_OFFLINE:
    case BATON_ACTION_BRING_ONLINE:
      {
        gboolean online = baton_step_get_action (step) == BATON_ACTION_BRING_ONLINE;

        if (group != NULL)
          {
            if (online)
              arrive (self, group, baton_group_get_owner (group));
            else
              baton_group_set_state (group, BATON_GROUP_STATE_OFFLINE);
          }
        else if (machine != NULL)
          {
            if (online)
              g_hash_table_remove (self->offline_servers, node);
            else
              g_hash_table_add (self->offline_servers, g_strdup (node));
          }
        else
          return fail (error, BATON_BACKEND_ERROR_REFUSED, _("The step names nothing to take offline"));
        return TRUE;
      }

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      if (group == NULL)
        return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no group “%s”"),
                     baton_step_get_group (step));
      baton_group_set_possible_owners (group, baton_step_get_owners (step));
      return TRUE;

    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
      {
        BatonVersion *here = exchange_of (self, node);
        g_autoptr(BatonVersion) target = baton_step_get_version (step)
                                         ? baton_version_parse (baton_step_get_version (step), NULL)
                                         : NULL;

        if (group == NULL)
          return fail (error, BATON_BACKEND_ERROR_REFUSED, _("There is no group “%s”"),
                       baton_step_get_group (step));
        if (here == NULL || (target != NULL && !baton_version_equal (here, target)))
          return fail (error, BATON_BACKEND_ERROR_FAILED,
                       _("The version of Exchange on this computer does not match the version of "
                         "Exchange on server “%s”. ID no: c1037b44"), node);

        g_hash_table_insert (self->evs_version, g_strdup (baton_group_get_name (group)),
                             baton_version_ref (here));
        arrive (self, group, baton_group_get_owner (group));
        log_line (self, baton_group_get_name (group), _("Exchange virtual server upgraded to %s"),
                  baton_version_to_string (here));
        return TRUE;
      }

    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_WAIT_HEALTHY:
    case BATON_ACTION_MANUAL:
    default:
      return TRUE;
    }
}

typedef struct
{
  BatonStep      *step;
  guint64         start_ms;
  guint64         duration_ms;
  gulong          cancelled_id;
  guint           source_id;
  gboolean        hang;
  BatonNodeState  restarting_from;  /* the state a restarting node comes back in */
} Perform;

static void
perform_free (Perform *p)
{
  g_clear_object (&p->step);
  g_free (p);
}

static guint64
now_ms (BatonSimBackend *self)
{
  if (self->speed <= 0)
    return self->clock_ms;
  return (guint64) ((g_get_monotonic_time () - self->started_us) / 1000.0 * self->speed);
}

static gboolean
complete_cb (gpointer user_data)
{
  GTask *task = user_data;
  BatonSimBackend *self = g_task_get_source_object (task);
  Perform *p = g_task_get_task_data (task);
  GError *error = NULL;

  p->source_id = 0;
  if (p->cancelled_id)
    g_cancellable_disconnect (g_task_get_cancellable (task), p->cancelled_id);
  p->cancelled_id = 0;

  if (self->speed <= 0)
    self->clock_ms = MAX (self->clock_ms, p->start_ms + p->duration_ms);

  if (p->hang)
    g_task_return_new_error (task, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_TIMED_OUT,
                             _("The step did not finish within %u s"), self->timeout_s);
  else if (!apply (self, p->step, p->restarting_from, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);

  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
complete_cancelled_cb (gpointer user_data)
{
  GTask *task = user_data;
  BatonSimBackend *self = g_task_get_source_object (task);
  Perform *p = g_task_get_task_data (task);

  p->source_id = 0;
  if (p->cancelled_id)
    g_cancellable_disconnect (g_task_get_cancellable (task), p->cancelled_id);
  p->cancelled_id = 0;

  /* A move that never happened leaves its group where it was. */
  if (baton_step_get_action (p->step) == BATON_ACTION_MOVE_GROUP)
    {
      BatonGroup *group = baton_cluster_lookup_group (self->cluster, baton_step_get_group (p->step));

      if (group != NULL && baton_group_get_state (group) == BATON_GROUP_STATE_PENDING)
        baton_group_set_state (group, BATON_GROUP_STATE_ONLINE);
    }

  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  /* Finish in an idle: GCancellable::cancelled may run with its lock held. */
  Perform *p = g_task_get_task_data (task);

  if (p->source_id != 0)
    {
      g_source_remove (p->source_id);
      p->source_id = g_idle_add_full (G_PRIORITY_DEFAULT, complete_cancelled_cb, task, NULL);
    }
}

static void
sim_perform_async (BatonBackend        *backend,
                   BatonStep           *step,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  BatonSimBackend *self = BATON_SIM_BACKEND (backend);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Perform *p = g_new0 (Perform, 1);
  guint64 delay_ms;

  g_task_set_source_tag (task, sim_perform_async);
  p->step = g_object_ref (step);
  p->start_ms = now_ms (self);
  p->hang = find_fault (self, FAULT_HANG, step) != NULL;
  p->duration_ms = 1000 * (guint64) (p->hang ? self->timeout_s : baton_step_get_duration (step));
  g_task_set_task_data (task, p, (GDestroyNotify) perform_free);

  /* A restarting node is out of the cluster while the step lasts. */
  if (baton_step_get_action (step) == BATON_ACTION_RESTART_NODE &&
      baton_step_get_node (step) != NULL &&
      baton_cluster_lookup_node (self->cluster, baton_step_get_node (step)) != NULL)
    {
      BatonNode *node = baton_cluster_lookup_node (self->cluster, baton_step_get_node (step));

      p->restarting_from = baton_node_get_state (node);
      log_line (self, baton_step_get_node (step), _("Restarting"));
      baton_node_set_state (node, BATON_NODE_STATE_DOWN);
      fail_over (self, baton_step_get_node (step));
    }

  if (baton_step_get_action (step) == BATON_ACTION_MOVE_GROUP)
    {
      BatonGroup *group = baton_cluster_lookup_group (self->cluster, baton_step_get_group (step));
      const char *to = baton_step_get_node (step);

      /* The engine refuses a move it cannot make at once; it takes no time. */
      if (group == NULL || to == NULL ||
          !baton_cluster_can_move_group (self->cluster, group, to, NULL) || !service_runs (self, to))
        p->duration_ms = 0;
      else if (baton_group_get_state (group) == BATON_GROUP_STATE_ONLINE)
        baton_group_set_state (group, BATON_GROUP_STATE_PENDING);
    }

  delay_ms = self->speed > 0 ? (guint64) (p->duration_ms / self->speed) : 0;
  if (delay_ms == 0)
    p->source_id = g_idle_add_full (G_PRIORITY_DEFAULT, complete_cb, task, NULL);
  else
    p->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, MIN (delay_ms, G_MAXUINT), complete_cb,
                                       task, NULL);

  if (cancellable != NULL)
    p->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), task, NULL);
}

static gboolean
sim_perform_finish (BatonBackend  *backend,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sim_refresh_async (BatonBackend        *backend,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (backend, cancellable, callback, user_data);

  /* The simulated cluster is always up to date. */
  g_task_set_source_tag (task, sim_refresh_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
sim_refresh_finish (BatonBackend  *backend,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, backend), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static BatonCluster *
sim_get_cluster (BatonBackend *backend)
{
  return BATON_SIM_BACKEND (backend)->cluster;
}

static guint64
sim_get_time (BatonBackend *backend)
{
  return now_ms (BATON_SIM_BACKEND (backend));
}

static void
backend_iface_init (BatonBackendInterface *iface)
{
  iface->get_cluster = sim_get_cluster;
  iface->get_time = sim_get_time;
  iface->refresh_async = sim_refresh_async;
  iface->refresh_finish = sim_refresh_finish;
  iface->perform_async = sim_perform_async;
  iface->perform_finish = sim_perform_finish;
}

static void
baton_sim_backend_dispose (GObject *object)
{
  BatonSimBackend *self = (BatonSimBackend *) object;

  g_clear_object (&self->cluster);

  G_OBJECT_CLASS (baton_sim_backend_parent_class)->dispose (object);
}

static void
baton_sim_backend_finalize (GObject *object)
{
  BatonSimBackend *self = (BatonSimBackend *) object;

  g_clear_pointer (&self->stopped, g_hash_table_unref);
  g_clear_pointer (&self->evs_version, g_hash_table_unref);
  g_clear_pointer (&self->offline_servers, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_sim_backend_parent_class)->finalize (object);
}

static void
baton_sim_backend_class_init (BatonSimBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = baton_sim_backend_dispose;
  object_class->finalize = baton_sim_backend_finalize;
}

static void
baton_sim_backend_init (BatonSimBackend *self)
{
  self->stopped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->evs_version = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) baton_version_unref);
  self->offline_servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->started_us = g_get_monotonic_time ();
}

/**
 * baton_sim_backend_new:
 * @cluster: the cluster to simulate; the simulator works on its own copy
 *
 * Returns: (transfer full): a simulator on an instant clock, with no faults
 */
BatonSimBackend *
baton_sim_backend_new (BatonCluster *cluster)
{
  BatonSimBackend *self;
  GListModel *nodes, *groups;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);

  self = g_object_new (BATON_TYPE_SIM_BACKEND, NULL);
  self->cluster = baton_cluster_copy (cluster);

  /* Nodes that are down run no Cluster service. */
  nodes = baton_cluster_get_nodes (self->cluster);
  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);

      if (!baton_node_is_up (node))
        g_hash_table_add (self->stopped, g_strdup (baton_machine_get_name (BATON_MACHINE (node))));
    }

  /* An Exchange virtual server's data is at its owner's Exchange version. */
  groups = baton_cluster_get_groups (self->cluster);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);
      BatonVersion *version;

      if (baton_group_get_kind (group) == BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER &&
          (version = exchange_of (self, baton_group_get_owner (group))))
        g_hash_table_insert (self->evs_version, g_strdup (baton_group_get_name (group)),
                             baton_version_ref (version));
    }

  return self;
}

/**
 * baton_sim_backend_set_speed:
 * @factor: how many simulated seconds pass in one real second; 0 (the
 *   default) makes every step finish at once
 */
void
baton_sim_backend_set_speed (BatonSimBackend *self,
                             double           factor)
{
  g_return_if_fail (BATON_IS_SIM_BACKEND (self));
  g_return_if_fail (factor >= 0 && isfinite (factor));

  self->clock_ms = now_ms (self);
  self->started_us = g_get_monotonic_time () - (gint64) (factor > 0 ? self->clock_ms * 1000 / factor : 0);
  self->speed = factor;
}

/**
 * baton_sim_backend_set_timeout:
 *
 * How long a hanging step or a node that does not come back takes to be
 * given up, in simulated seconds (default 900).
 */
void
baton_sim_backend_set_timeout (BatonSimBackend *self,
                               guint            seconds)
{
  g_return_if_fail (BATON_IS_SIM_BACKEND (self));
  self->timeout_s = seconds;
}

static gboolean
faults_error (GError     **error,
              const char  *file,
              const char  *path,
              const char  *what)
{
  g_set_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_REFUSED, "%s: %s: %s", file, path,
               what);
  return FALSE;
}

/**
 * baton_sim_backend_load_faults:
 * @display_name: the file name, for messages
 *
 * Adds the faults of a baton-faults/1 document (see DESIGN.md): "fail",
 * "no-return", "group-offline", "event-log-errors", "hang", each for an
 * action, node and group when given, "times" times (default: always).
 * Nothing is added when the document has an error.
 */
gboolean
baton_sim_backend_load_faults (BatonSimBackend  *self,
                               const char       *data,
                               gssize            length,
                               const char       *display_name,
                               GError          **error)
{
  static const char * const kinds[] = {
    "fail", "no-return", "group-offline", "event-log-errors", "hang", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  g_autoptr(GError) parse_error = NULL;
  JsonObject *root;
  JsonArray *faults;

  g_return_val_if_fail (BATON_IS_SIM_BACKEND (self), FALSE);

  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    return faults_error (error, display_name, "$", parse_error->message);

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      g_strcmp0 (json_object_get_string_member_with_default (
                   json_node_get_object (json_parser_get_root (parser)), "format", NULL),
                 BATON_FAULTS_FORMAT) != 0)
    return faults_error (error, display_name, "$.format", _("expected \"baton-faults/1\""));

  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "faults") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "faults")))
    return faults_error (error, display_name, "$.faults", _("expected an array of faults"));

  faults = json_object_get_array_member (root, "faults");
  for (guint i = 0; i < json_array_get_length (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.faults[%u]", i);
      JsonObject *f = json_array_get_object_element (faults, i);
      const char *kind, *action;
      Fault *fault;
      int value;

      if (f == NULL)
        return faults_error (error, display_name, path, _("expected a fault (an object)"));

      kind = json_object_get_string_member_with_default (f, "kind", NULL);
      if (kind == NULL || !g_strv_contains (kinds, kind))
        return faults_error (error, display_name, path,
                             _("expected \"kind\": fail, no-return, group-offline, "
                               "event-log-errors or hang"));

      fault = g_new0 (Fault, 1);
      g_ptr_array_add (loaded, fault);
      for (guint k = 0; kinds[k]; k++)
        if (g_str_equal (kinds[k], kind))
          fault->kind = k;

      action = json_object_get_string_member_with_default (f, "action", NULL);
      fault->action = -1;
      if (action != NULL)
        {
          if (!baton_enum_from_nick (BATON_TYPE_ACTION, action, &value))
            return faults_error (error, display_name, path,
                                 _("expected \"action\": an action of the plan vocabulary"));
          fault->action = value;
        }

      fault->node = g_strdup (json_object_get_string_member_with_default (f, "node", NULL));
      fault->group = g_strdup (json_object_get_string_member_with_default (f, "group", NULL));
      fault->message = g_strdup (json_object_get_string_member_with_default (f, "message", NULL));
      fault->times = json_object_has_member (f, "times")
                     ? (int) CLAMP (json_object_get_int_member (f, "times"), 0, G_MAXINT) : -1;
    }

  for (guint i = 0; i < loaded->len; i++)
    g_ptr_array_add (self->faults, g_ptr_array_steal_index (loaded, i--));

  return TRUE;
}
