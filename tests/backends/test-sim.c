/* test-sim.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The simulator behaves as the sources describe, injects the faults of a
 * baton-faults/1 file, keeps a virtual clock, and runs whole plans made by
 * the planner for every fixture to the state the plan promises.
 */

#include "config.h"

#include "baton-catalog.h"
#include "baton-model.h"
#include "baton-planner.h"
#include "baton-sim-backend.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
perform_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = baton_backend_perform_finish (BATON_BACKEND (source), result, &w->error);
  w->done = TRUE;
}

/* Performs @step and waits; returns the error, if any. */
static GError *
perform (BatonSimBackend *sim,
         BatonStep       *step,
         GCancellable    *cancellable)
{
  Wait w = { 0 };

  baton_backend_perform_async (BATON_BACKEND (sim), step, cancellable, perform_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (w.ok == (w.error == NULL));
  return w.error;
}

static BatonStep *
make_step (BatonAction  action,
           const char  *node,
           const char  *group,
           const char  *version,
           guint        duration)
{
  static guint id;
  BatonStep *step = baton_step_new (++id, action);

  baton_step_set_node (step, node);
  baton_step_set_group (step, group);
  baton_step_set_version (step, version);
  baton_step_set_duration (step, duration);
  return step;
}

static BatonCluster *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster = baton_cluster_load_from_file (file, NULL, &error);

  g_assert_no_error (error);
  return cluster;
}

static void
log_cb (BatonBackend *backend,
        const char   *subject,
        const char   *message,
        GString      *log)
{
  g_string_append_printf (log, "%s: %s\n", subject ? subject : "", message);
}

static void
test_sim_move_rules (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  BatonCluster *model = baton_backend_get_cluster (BATON_BACKEND (sim));
  g_autoptr(BatonStep) pause = make_step (BATON_ACTION_PAUSE_NODE, "NODE-B", NULL, NULL, 5);
  g_autoptr(BatonStep) move = make_step (BATON_ACTION_MOVE_GROUP, "NODE-B", "File Share Group",
                                         NULL, 60);
  g_autoptr(BatonStep) resume = make_step (BATON_ACTION_RESUME_NODE, "NODE-B", NULL, NULL, 5);
  g_autoptr(GError) error = NULL;

  /* The simulator works on its own copy. */
  g_assert_true (model != cluster);

  g_assert_null (perform (sim, pause, NULL));
  error = perform (sim, move, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "paused"));
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, "NODE-A");
  g_clear_error (&error);

  g_assert_null (perform (sim, resume, NULL));
  g_assert_null (perform (sim, move, NULL));
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, "NODE-B");
  g_assert_cmpint (baton_group_get_state (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, BATON_GROUP_STATE_ONLINE);

  /* The caller's cluster never changes. */
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (cluster, "File Share Group")),
                   ==, "NODE-A");

  /* Virtual clock, instant: 5 + 5 + 60 s (the refused move took no time). */
  g_assert_cmpuint (baton_backend_get_time (BATON_BACKEND (sim)), ==, 70 * 1000);
}

static void
test_sim_stop_service_fails_over (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  BatonCluster *model = baton_backend_get_cluster (BATON_BACKEND (sim));
  g_autoptr(BatonStep) stop = make_step (BATON_ACTION_STOP_CLUSTER_SERVICE, "node1", NULL, NULL, 30);
  g_autoptr(BatonStep) move = make_step (BATON_ACTION_MOVE_GROUP, "node1", "mail", NULL, 10);
  g_autoptr(GError) error = NULL;

  g_assert_null (perform (sim, stop, NULL));
  g_assert_false (baton_sim_backend_is_service_running (sim, "node1"));
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (model, "web")), !=, "node1");
  g_assert_cmpint (baton_group_get_state (baton_cluster_lookup_group (model, "web")), ==,
                   BATON_GROUP_STATE_ONLINE);

  error = perform (sim, move, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Cluster service is stopped"));
}

static void
test_sim_exchange_2003 (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  BatonCluster *model = baton_backend_get_cluster (BATON_BACKEND (sim));
  BatonGroup *evs = baton_cluster_lookup_group (model, "Exchange Virtual Server 1");
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(BatonStep) fe1 = make_step (BATON_ACTION_INSTALL_UPDATE, "OWA-FE1", NULL, "2003 SP2", 60);
  g_autoptr(BatonStep) node2 = make_step (BATON_ACTION_INSTALL_UPDATE, "Cluster Node 2", NULL,
                                          "2003 SP2", 60);
  g_autoptr(BatonStep) move = make_step (BATON_ACTION_MOVE_GROUP, "Cluster Node 2",
                                         "Exchange Virtual Server 1", NULL, 60);
  g_autoptr(BatonStep) wrong = make_step (BATON_ACTION_UPGRADE_VIRTUAL_SERVER, "Cluster Node 1",
                                          "Exchange Virtual Server 1", "2003 SP2", 60);
  g_autoptr(BatonStep) right = make_step (BATON_ACTION_UPGRADE_VIRTUAL_SERVER, "Cluster Node 2",
                                          "Exchange Virtual Server 1", "2003 SP2", 60);
  g_autoptr(GError) error = NULL;

  g_signal_connect (sim, "log", G_CALLBACK (log_cb), log);
  baton_step_set_family (fe1, "exchange");
  baton_step_set_family (node2, "exchange");

  /* A front-end of the set updated while its twin serves clients. */
  g_assert_null (perform (sim, fe1, NULL));
  g_assert_nonnull (strstr (log->str, "synchronization key errors"));

  /* The virtual server on an updated node stays offline: event 1025. */
  g_assert_null (perform (sim, node2, NULL));
  /* Exchange only: Windows, of the same release number, stays where it was. */
  g_assert_cmpstr (baton_version_to_string (baton_machine_get_version (
                     baton_cluster_lookup_machine (model, "Cluster Node 2"), "windows")), ==,
                   "2003 SP1");
  g_assert_cmpstr (baton_version_to_string (baton_machine_get_version (
                     baton_cluster_lookup_machine (model, "Cluster Node 2"), "exchange")), ==,
                   "2003 SP2");
  g_assert_null (perform (sim, move, NULL));
  g_assert_cmpint (baton_group_get_state (evs), ==, BATON_GROUP_STATE_OFFLINE);
  g_assert_nonnull (strstr (log->str, "Event 1025"));

  /* Upgrading it from a node of another version fails: c1037b44. */
  error = perform (sim, wrong, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "c1037b44"));
  g_assert_cmpint (baton_group_get_state (evs), ==, BATON_GROUP_STATE_OFFLINE);

  g_assert_null (perform (sim, right, NULL));
  g_assert_cmpint (baton_group_get_state (evs), ==, BATON_GROUP_STATE_ONLINE);
}

static void
test_sim_faults (void)
{
  const char *faults =
    "{\"format\": \"baton-faults/1\", \"faults\": ["
    " {\"kind\": \"fail\", \"action\": \"install-update\", \"node\": \"NODE-B\","
    "  \"message\": \"Setup failed: 0x80070005 %s\", \"times\": 1},"
    " {\"kind\": \"no-return\", \"action\": \"restart-node\", \"node\": \"NODE-A\"},"
    " {\"kind\": \"event-log-errors\", \"node\": \"NODE-B\"},"
    " {\"kind\": \"hang\", \"action\": \"move-group\", \"group\": \"Print Group\"},"
    " {\"kind\": \"group-offline\", \"group\": \"File Share Group\", \"node\": \"NODE-B\"}]}";
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  BatonCluster *model = baton_backend_get_cluster (BATON_BACKEND (sim));
  g_autoptr(BatonStep) install = make_step (BATON_ACTION_INSTALL_UPDATE, "NODE-B", NULL,
                                            "NT4 SP6a", 100);
  g_autoptr(BatonStep) restart = make_step (BATON_ACTION_RESTART_NODE, "NODE-A", NULL, NULL, 60);
  g_autoptr(BatonStep) check = make_step (BATON_ACTION_CHECK_EVENT_LOG, "NODE-B", NULL, NULL, 10);
  g_autoptr(BatonStep) hang = make_step (BATON_ACTION_MOVE_GROUP, "NODE-A", "Print Group", NULL, 10);
  g_autoptr(BatonStep) offline = make_step (BATON_ACTION_MOVE_GROUP, "NODE-B", "File Share Group",
                                            NULL, 10);
  g_autoptr(GError) error = NULL;
  guint64 before;

  g_assert_true (baton_sim_backend_load_faults (sim, faults, -1, "faults.json", &error));
  g_assert_no_error (error);
  baton_sim_backend_set_timeout (sim, 300);

  /* "times": 1 -- the first attempt fails with the message, a retry works. */
  error = perform (sim, install, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "Setup failed: 0x80070005 %s");
  g_clear_error (&error);
  g_assert_null (perform (sim, install, NULL));
  g_assert_cmpstr (baton_version_to_string (baton_machine_get_version (
                     baton_cluster_lookup_machine (model, "NODE-B"), "windows")), ==, "NT4 SP6a");

  /* Always (no "times"): the log shows errors every time. */
  error = perform (sim, check, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_FAILED);
  g_clear_error (&error);
  error = perform (sim, check, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_FAILED);
  g_clear_error (&error);

  /* A group that does not come online where it moves. */
  error = perform (sim, offline, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_FAILED);
  g_assert_cmpint (baton_group_get_state (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, BATON_GROUP_STATE_FAILED);
  g_clear_error (&error);

  /* A hang gives up after the timeout, on the virtual clock. */
  before = baton_backend_get_time (BATON_BACKEND (sim));
  error = perform (sim, hang, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_TIMED_OUT);
  g_assert_cmpuint (baton_backend_get_time (BATON_BACKEND (sim)) - before, ==, 300 * 1000);
  g_clear_error (&error);

  /* A node that does not come back is down, its groups elsewhere. */
  error = perform (sim, restart, NULL);
  g_assert_error (error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_TIMED_OUT);
  g_assert_cmpint (baton_node_get_state (baton_cluster_lookup_node (model, "NODE-A")), ==,
                   BATON_NODE_STATE_DOWN);
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (model, "Cluster Group")),
                   ==, "NODE-B");
}

static void
test_sim_faults_file_errors (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  const char *bad[][2] = {
    { "{\"format\": \"baton-faults/2\", \"faults\": []}", "$.format" },
    { "{\"format\": \"baton-faults/1\"}", "$.faults" },
    { "{\"format\": \"baton-faults/1\", \"faults\": [{\"kind\": \"explode\"}]}", "$.faults[0]" },
    { "{\"format\": \"baton-faults/1\", \"faults\": [{\"kind\": \"fail\"}, "
      "{\"kind\": \"fail\", \"action\": \"dance\"}]}", "$.faults[1]" },
    { "not json", "$" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (baton_sim_backend_load_faults (sim, bad[i][0], -1, "f.json", &error));
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "f.json: "));
      g_assert_nonnull (strstr (error->message, bad[i][1]));
    }
}

static void
test_sim_cancel (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  BatonCluster *model = baton_backend_get_cluster (BATON_BACKEND (sim));
  g_autoptr(BatonStep) move = make_step (BATON_ACTION_MOVE_GROUP, "NODE-B", "File Share Group",
                                         NULL, 3600);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait w = { 0 };

  /* An hour at 1x real time: cancelled long before. */
  baton_sim_backend_set_speed (sim, 1.0);
  baton_backend_perform_async (BATON_BACKEND (sim), move, cancellable, perform_cb, &w);
  g_assert_cmpint (baton_group_get_state (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, BATON_GROUP_STATE_PENDING);
  g_cancellable_cancel (cancellable);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, "NODE-A");
  g_assert_cmpint (baton_group_get_state (baton_cluster_lookup_group (model, "File Share Group")),
                   ==, BATON_GROUP_STATE_ONLINE);
}

/*
 * Each fixture's plan, run step by step in list order on the simulator,
 * succeeds and leaves every node at the target, every group online on the
 * node the plan's estimate says it belongs to.
 */
static void
test_sim_runs_plans (void)
{
  const char *cases[][3] = {
    { "nt4-two-node.json", "windows-cluster-sp", "NT4 SP6a" },
    { "exchange55-active-passive.json", "exchange-5.5-sp", "5.5 SP4" },
    { "exchange2000-active-active.json", "exchange-2000-sp", "2000 SP3" },
    { "exchange2003-frontend-backend.json", "exchange-2003-sp", "2003 SP2" },
    { "exchange2007-ccr-scr.json", "exchange-2007-ru", "2007 SP1 RU5" },
    { "iis-two-node.json", "iis-cluster-upgrade", "4.0 SP4" },
    { "pacemaker-three-node.json", "pacemaker-rolling", "2.1.6" },
  };
  g_autoptr(BatonCatalog) catalog = baton_catalog_new ();

  baton_catalog_add_builtin (catalog);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(BatonCluster) cluster = load_fixture (cases[c][0]);
      BatonProfile *profile = baton_catalog_lookup (catalog, cases[c][1]);
      g_autoptr(BatonPlanner) planner = baton_planner_new (cluster, profile);
      g_autoptr(BatonPlan) plan = NULL;
      g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
      g_autoptr(BatonVersion) target = baton_version_parse (cases[c][2], NULL);
      g_autoptr(GError) error = NULL;
      BatonCluster *model = baton_backend_get_cluster (BATON_BACKEND (sim));
      GListModel *groups = baton_cluster_get_groups (model);
      GListModel *nodes = baton_cluster_get_nodes (model);

      plan = baton_planner_plan (planner, cases[c][2], &error);
      g_assert_no_error (error);

      for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
        {
          g_autoptr(GError) step_error = perform (sim, baton_plan_get_step (plan, i), NULL);

          if (step_error != NULL)
            g_error ("%s: step %u (%s): %s", cases[c][0], i + 1,
                     baton_step_get_summary (baton_plan_get_step (plan, i)), step_error->message);
        }

      for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(BatonMachine) node = g_list_model_get_item (nodes, i);
          BatonVersion *v = baton_machine_get_version (node, baton_profile_get_family (profile));

          g_assert_nonnull (v);
          g_assert_cmpint (baton_version_compare (v, target), ==, 0);
          g_assert_cmpint (baton_node_get_state (BATON_NODE (node)), ==, BATON_NODE_STATE_UP);
        }

      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);

          if (baton_group_get_state (group) != BATON_GROUP_STATE_ONLINE)
            g_error ("%s: “%s” ends %s on %s", cases[c][0], baton_group_get_name (group),
                     baton_group_state_to_label (baton_group_get_state (group)),
                     baton_group_get_owner (group));
          g_assert_cmpstr (baton_group_get_owner (group), ==,
                           baton_cluster_get_home_node (model, group));
        }

      /* The clock ran exactly the steps, one after the other. */
      {
        guint64 total = 0;

        for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
          total += baton_step_get_duration (baton_plan_get_step (plan, i));
        g_assert_cmpuint (baton_backend_get_time (BATON_BACKEND (sim)), ==, total * 1000);
      }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/move-rules", test_sim_move_rules);
  g_test_add_func ("/sim/stop-service-fails-over", test_sim_stop_service_fails_over);
  g_test_add_func ("/sim/exchange-2003", test_sim_exchange_2003);
  g_test_add_func ("/sim/faults", test_sim_faults);
  g_test_add_func ("/sim/faults-file-errors", test_sim_faults_file_errors);
  g_test_add_func ("/sim/cancel", test_sim_cancel);
  g_test_add_func ("/sim/runs-plans", test_sim_runs_plans);

  return g_test_run ();
}
