/* test-runner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner on the simulator: it honours "after" (independent steps run
 * at once), stops at the first failure, waits for manual steps, and keeps
 * a journal from which a run killed at any moment goes on without
 * repeating a finished step.
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "baton-catalog.h"
#include "baton-model.h"
#include "baton-planner.h"
#include "baton-runner.h"
#include "baton-sim-backend.h"

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

static BatonPlan *
make_plan (BatonCluster *cluster,
           const char   *product,
           const char   *target)
{
  g_autoptr(BatonCatalog) catalog = baton_catalog_new ();
  g_autoptr(BatonPlanner) planner = NULL;
  g_autoptr(GError) error = NULL;
  BatonPlan *plan;

  baton_catalog_add_builtin (catalog);
  planner = baton_planner_new (cluster, baton_catalog_lookup (catalog, product));
  plan = baton_planner_plan (planner, target, &error);
  g_assert_no_error (error);
  return plan;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = baton_runner_run_finish (BATON_RUNNER (source), result, &w->error);
  w->done = TRUE;
}

static void
run (BatonRunner  *runner,
     GCancellable *cancellable,
     Wait         *w)
{
  baton_runner_run_async (runner, cancellable, run_cb, w);
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

static guint
count (GListModel     *timeline,
       BatonEventKind  kind,
       guint           step)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) e = g_list_model_get_item (timeline, i);

      if (baton_event_get_kind (e) == kind && (step == 0 || baton_event_get_step (e) == step))
        n++;
    }
  return n;
}

static void
test_runner_runs_plan (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "exchange-2003-sp", "2003 SP2");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  g_autoptr(BatonRunner) runner = baton_runner_new (plan, BATON_BACKEND (sim));
  GListModel *timeline = baton_runner_get_timeline (runner);
  guint n = baton_plan_get_n_steps (plan);
  gboolean overlap = FALSE;
  guint running = 0;
  Wait w = { 0 };

  baton_runner_set_auto_confirm (runner, TRUE);
  run (runner, NULL, &w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);

  for (guint i = 1; i <= n; i++)
    {
      g_assert_cmpuint (count (timeline, BATON_EVENT_STARTED, i), ==, 1);
      g_assert_cmpuint (count (timeline, BATON_EVENT_FINISHED, i), ==, 1);
    }

  /* Independent steps ran at once: some step started while another ran. */
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) e = g_list_model_get_item (timeline, i);

      if (baton_event_get_kind (e) == BATON_EVENT_STARTED)
        overlap |= running++ > 0;
      else if (baton_event_get_kind (e) == BATON_EVENT_FINISHED)
        running--;
    }
  g_assert_true (overlap);

  /* The run took the plan's makespan on the simulator's clock. */
  g_assert_cmpuint (baton_backend_get_time (BATON_BACKEND (sim)), ==,
                    1000 * (guint64) baton_plan_get_makespan (plan));
}

static void
test_runner_stops_at_failure (void)
{
  const char *faults =
    "{\"format\": \"baton-faults/1\", \"faults\": [{\"kind\": \"fail\", \"action\": "
    "\"install-update\", \"node\": \"NODE-B\", \"message\": \"Setup failed\"}]}";
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "windows-cluster-sp", "NT4 SP6a");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  g_autoptr(BatonRunner) runner = baton_runner_new (plan, BATON_BACKEND (sim));
  GListModel *timeline = baton_runner_get_timeline (runner);
  gboolean after_failure = FALSE;
  guint failed;
  Wait w = { 0 };

  g_assert_true (baton_sim_backend_load_faults (sim, faults, -1, "f.json", NULL));
  baton_runner_set_auto_confirm (runner, TRUE);
  run (runner, NULL, &w);

  g_assert_false (w.ok);
  g_assert_error (w.error, BATON_BACKEND_ERROR, BATON_BACKEND_ERROR_FAILED);
  failed = baton_runner_get_failed_step (runner);
  g_assert_cmpint (baton_step_get_action (baton_plan_lookup_step (plan, failed)), ==,
                   BATON_ACTION_INSTALL_UPDATE);
  g_assert_nonnull (strstr (w.error->message, "Setup failed"));
  g_assert_nonnull (strstr (w.error->message, "Nothing after it was started"));
  g_clear_error (&w.error);

  /* Nothing started after the failure. */
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) e = g_list_model_get_item (timeline, i);

      if (baton_event_get_kind (e) == BATON_EVENT_FAILED)
        after_failure = TRUE;
      else if (after_failure)
        g_assert_cmpint (baton_event_get_kind (e), !=, BATON_EVENT_STARTED);
    }

  /* Safe: NODE-B was emptied before its install; every group is online. */
  for (guint i = 0; i < g_list_model_get_n_items (baton_cluster_get_groups (baton_backend_get_cluster (BATON_BACKEND (sim)))); i++)
    {
      g_autoptr(BatonGroup) group =
        g_list_model_get_item (baton_cluster_get_groups (baton_backend_get_cluster (BATON_BACKEND (sim))), i);
      g_assert_cmpint (baton_group_get_state (group), ==, BATON_GROUP_STATE_ONLINE);
    }
}

static void
confirm_or_cancel_cb (BatonRunner *runner,
                      BatonStep   *step,
                      gpointer     user_data)
{
  GCancellable *cancellable = user_data;

  if (baton_step_get_action (step) == BATON_ACTION_INSTALL_UPDATE)
    g_cancellable_cancel (cancellable);
  else
    baton_runner_confirm (runner, baton_step_get_id (step));
}

static void
test_runner_manual_steps (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "windows-cluster-sp", "NT4 SP6a");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  g_autoptr(BatonRunner) runner = baton_runner_new (plan, BATON_BACKEND (sim));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GListModel *timeline = baton_runner_get_timeline (runner);
  Wait w = { 0 };

  /* Manual steps are confirmed one by one until the install, which is not. */
  g_signal_connect (runner, "confirm", G_CALLBACK (confirm_or_cancel_cb), cancellable);
  run (runner, cancellable, &w);

  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  g_assert_cmpuint (count (timeline, BATON_EVENT_FINISHED, 0), >, 0);
  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    if (baton_step_get_action (baton_plan_get_step (plan, i)) == BATON_ACTION_INSTALL_UPDATE)
      g_assert_cmpuint (count (timeline, BATON_EVENT_STARTED, i + 1), ==, 0);
}

static void
test_runner_pause (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  g_autoptr(BatonRunner) runner = baton_runner_new (plan, BATON_BACKEND (sim));
  GListModel *timeline = baton_runner_get_timeline (runner);
  guint started;
  Wait w = { 0 };

  baton_runner_set_auto_confirm (runner, TRUE);
  baton_runner_run_async (runner, NULL, run_cb, &w);

  /* Pause after the steps under way: they finish, nothing else starts. */
  baton_runner_pause (runner);
  g_assert_true (baton_runner_get_paused (runner));
  started = count (timeline, BATON_EVENT_STARTED, 0);
  g_assert_cmpuint (started, >, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (w.done);
  g_assert_cmpuint (count (timeline, BATON_EVENT_STARTED, 0), ==, started);
  g_assert_cmpuint (count (timeline, BATON_EVENT_FINISHED, 0), ==, started);

  baton_runner_resume (runner);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (count (timeline, BATON_EVENT_FINISHED, 0), ==, baton_plan_get_n_steps (plan));
}

static void
test_journal_torn_line (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "baton-torn-XXXXXX.jsonl", NULL);
  g_autoptr(BatonJournal) journal = NULL;
  g_autoptr(BatonEvent) e1 = baton_event_new (BATON_EVENT_STARTED, 1, 0, "node3", "Standby");
  g_autoptr(BatonEvent) e2 = baton_event_new (BATON_EVENT_FINISHED, 1, 5000, "node3", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *hash = baton_plan_hash (plan);
  int fd;

  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_unlink (path);

  journal = baton_journal_create (path, plan, "sim:", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (baton_journal_append (journal, e1, NULL));
  g_assert_true (baton_journal_append (journal, e2, NULL));
  g_clear_object (&journal);

  /* An existing journal is never overwritten. */
  g_assert_null (baton_journal_create (path, plan, "sim:", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* A crash in the middle of a write. */
  fd = g_open (path, O_WRONLY | O_APPEND, 0);
  g_assert_cmpint (write (fd, "{\"step\":2,\"ev", 13), ==, 13);
  close (fd);

  journal = baton_journal_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (baton_journal_get_plan_hash (journal), ==, hash);
  g_assert_true (baton_journal_is_finished (journal, 1));
  g_assert_false (baton_journal_is_finished (journal, 2));
  g_assert_cmpuint (baton_journal_get_n_events (journal), ==, 2);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  g_clear_object (&journal);
  g_unlink (path);
}

/* In a child: run the plan at a high speed with a journal, until killed. */
static void
run_child (const char *journal_path)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "exchange-2003-sp", "2003 SP2");
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  g_autoptr(BatonRunner) runner = baton_runner_new (plan, BATON_BACKEND (sim));
  g_autoptr(BatonJournal) journal = NULL;
  Wait w = { 0 };

  journal = baton_journal_create (journal_path, plan, "sim:", NULL, NULL);
  g_assert_nonnull (journal);
  baton_sim_backend_set_speed (sim, 20000);
  baton_runner_set_journal (runner, journal);
  baton_runner_set_auto_confirm (runner, TRUE);
  run (runner, NULL, &w);
  _exit (w.ok ? 0 : 1);
}

/* Killed at random moments, the run goes on from its journal: every step
 * finishes exactly once over both processes, and nothing is lost. */
static void
test_runner_survives_kill (void)
{
  g_autofree char *expected = NULL;

  /* The state an uninterrupted run ends in. */
  {
    g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
    g_autoptr(BatonPlan) plan = make_plan (cluster, "exchange-2003-sp", "2003 SP2");
    g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
    g_autoptr(BatonRunner) runner = baton_runner_new (plan, BATON_BACKEND (sim));
    Wait w = { 0 };

    baton_runner_set_auto_confirm (runner, TRUE);
    run (runner, NULL, &w);
    g_assert_true (w.ok);
    expected = baton_cluster_to_data (baton_backend_get_cluster (BATON_BACKEND (sim)), NULL);
  }

  for (guint round = 0; round < 24; round++)
    {
      g_autofree char *path = g_strdup_printf ("%s/baton-kill-%d-%u.jsonl", g_get_tmp_dir (),
                                               getpid (), round);
      g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
      g_autoptr(BatonPlan) plan = make_plan (cluster, "exchange-2003-sp", "2003 SP2");
      g_autoptr(BatonSimBackend) sim = NULL;
      g_autoptr(BatonRunner) runner = NULL;
      g_autoptr(BatonJournal) journal = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      guint *finished;
      int status;
      pid_t pid;
      Wait w = { 0 };

      g_unlink (path);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        run_child (path);

      g_usleep (g_test_rand_int_range (20, 400) * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);

      journal = baton_journal_open (path, &error);
      if (journal == NULL && g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        continue;  /* killed before the journal existed */
      g_assert_no_error (error);

      /* Resume: restore the simulator from the finished steps, then go on. */
      sim = baton_sim_backend_new (cluster);
      g_assert_true (baton_journal_replay_finished (journal, plan, BATON_BACKEND (sim), &error));
      g_assert_no_error (error);
      runner = baton_runner_new (plan, BATON_BACKEND (sim));
      baton_runner_set_journal (runner, journal);
      baton_runner_set_auto_confirm (runner, TRUE);
      run (runner, NULL, &w);
      g_assert_no_error (w.error);
      g_clear_object (&journal);

      /* The same end as without the kill. */
      {
        g_autofree char *state = baton_cluster_to_data (baton_backend_get_cluster (BATON_BACKEND (sim)),
                                                        NULL);
        g_assert_cmpstr (state, ==, expected);
      }

      /* Each step finished exactly once in the journal, over both runs, and
       * started before it finished: no event lost. */
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      lines = g_strsplit (contents, "\n", -1);
      finished = g_new0 (guint, baton_plan_get_n_steps (plan) + 1);
      for (guint i = 1; lines[i] && *lines[i]; i++)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *o;

          g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
          o = json_node_get_object (json_parser_get_root (parser));
          if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), "started") == 0)
            g_assert_cmpuint (finished[json_object_get_int_member (o, "step")], ==, 0);
          if (g_strcmp0 (json_object_get_string_member_with_default (o, "event", ""), "finished") == 0)
            finished[json_object_get_int_member (o, "step")]++;
        }
      for (guint i = 1; i <= baton_plan_get_n_steps (plan); i++)
        g_assert_cmpuint (finished[i], ==, 1);
      g_free (finished);
      g_unlink (path);
    }
}


typedef struct
{
  const char *fixture;
  const char *product;
  const char *target;
  const char *option;
} Case;

static gboolean
logged_1025 (GListModel *timeline,
             const char *group)
{
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) e = g_list_model_get_item (timeline, i);

      if (baton_event_get_kind (e) == BATON_EVENT_LOG &&
          g_strcmp0 (baton_event_get_subject (e), group) == 0 &&
          strstr (baton_event_get_message (e) ? baton_event_get_message (e) : "", "1025"))
        return TRUE;
    }
  return FALSE;
}

static gboolean
offline_on_purpose (BatonPlan  *plan,
                    GListModel *timeline,
                    const char *group)
{
  gboolean offline = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) e = g_list_model_get_item (timeline, i);
      BatonStep *step;

      if (baton_event_get_kind (e) != BATON_EVENT_FINISHED ||
          g_strcmp0 (baton_event_get_group (e), group) != 0)
        continue;
      step = baton_plan_lookup_step (plan, baton_event_get_step (e));
      if (baton_step_get_action (step) == BATON_ACTION_TAKE_OFFLINE)
        offline = TRUE;
      else if (baton_step_get_action (step) == BATON_ACTION_BRING_ONLINE)
        offline = FALSE;
    }
  return offline;
}

/*
 * Every action kind of the fixtures' plans, with every fault kind that can
 * strike it: the run fails (nothing starts after), every group is online
 * unless the plan took it offline on purpose (or it waits for its
 * Exchange 2003 upgrade: event 1025, which the plan warns about), and the
 * journal holds every event, ending with the failure.
 */
static void
test_runner_fault_matrix (void)
{
  const Case cases[] = {
    { "nt4-two-node.json", "windows-cluster-sp", "NT4 SP6a", NULL },
    { "exchange2003-frontend-backend.json", "exchange-2003-sp", "2003 SP2", NULL },
    { "iis-two-node.json", "iis-cluster-upgrade", "4.0 SP4", "iis_method=possible-owners" },
    { "iis-two-node.json", "iis-cluster-upgrade", "4.0 SP4", "iis_method=offline" },
    { "pacemaker-three-node.json", "pacemaker-rolling", "2.1.6", NULL },
  };
  const char *kinds[] = { "fail", "hang", "no-return", "group-offline", "event-log-errors" };
  g_autoptr(GEnumClass) actions = g_type_class_ref (BATON_TYPE_ACTION);
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  guint runs = 0;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(BatonCluster) cluster = load_fixture (cases[c].fixture);
      g_autoptr(BatonCatalog) catalog = baton_catalog_new ();
      g_autoptr(BatonPlanner) planner = NULL;
      g_autoptr(BatonPlan) plan = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      baton_catalog_add_builtin (catalog);
      planner = baton_planner_new (cluster, baton_catalog_lookup (catalog, cases[c].product));
      if (cases[c].option)
        {
          g_auto(GStrv) kv = g_strsplit (cases[c].option, "=", 2);
          g_assert_true (baton_planner_set_option (planner, kv[0], kv[1], NULL));
        }
      plan = baton_planner_plan (planner, cases[c].target, NULL);
      g_assert_nonnull (plan);

      for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
        {
          BatonStep *step = baton_plan_get_step (plan, i);
          BatonAction action = baton_step_get_action (step);
          const char *nick = g_enum_get_value (actions, action)->value_nick;

          /* The first step of each action kind. */
          if (!g_hash_table_add (seen, GINT_TO_POINTER (action + 1)))
            continue;
          g_hash_table_add (covered, (char *) nick);

          for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
            {
              g_autofree char *faults = NULL;
              g_autofree char *path = g_strdup_printf ("%s/baton-matrix-%d-%u-%u-%u.jsonl",
                                                       g_get_tmp_dir (), getpid (), c, i, k);
              g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
              g_autoptr(BatonRunner) runner = NULL;
              g_autoptr(BatonJournal) journal = NULL;
              g_autoptr(GError) error = NULL;
              GListModel *timeline, *groups;
              Wait w = { 0 };

              if ((g_str_equal (kinds[k], "no-return") && action != BATON_ACTION_RESTART_NODE) ||
                  (g_str_equal (kinds[k], "group-offline") && action != BATON_ACTION_MOVE_GROUP) ||
                  (g_str_equal (kinds[k], "event-log-errors") &&
                   action != BATON_ACTION_CHECK_EVENT_LOG))
                continue;

              faults = g_strdup_printf ("{\"format\": \"baton-faults/1\", \"faults\": "
                                        "[{\"kind\": \"%s\", \"action\": \"%s\"%s%s%s}]}",
                                        kinds[k], nick,
                                        baton_step_get_group (step) ? ", \"group\": \"" : "",
                                        baton_step_get_group (step) ? baton_step_get_group (step) : "",
                                        baton_step_get_group (step) ? "\"" : "");
              g_assert_true (baton_sim_backend_load_faults (sim, faults, -1, "m.json", &error));
              g_assert_no_error (error);
              baton_sim_backend_set_timeout (sim, 60);

              g_unlink (path);
              journal = baton_journal_create (path, plan, "sim:", NULL, &error);
              g_assert_no_error (error);
              runner = baton_runner_new (plan, BATON_BACKEND (sim));
              baton_runner_set_journal (runner, journal);
              baton_runner_set_auto_confirm (runner, TRUE);
              run (runner, NULL, &w);
              runs++;

              g_assert_false (w.ok);
              g_assert_nonnull (w.error);
              g_assert_cmpuint (baton_runner_get_failed_step (runner), !=, 0);
              g_clear_error (&w.error);

              /* Safe state. */
              timeline = baton_runner_get_timeline (runner);
              groups = baton_cluster_get_groups (baton_backend_get_cluster (BATON_BACKEND (sim)));
              for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
                {
                  g_autoptr(BatonGroup) group = g_list_model_get_item (groups, g);
                  const char *name = baton_group_get_name (group);

                  if (baton_group_get_state (group) != BATON_GROUP_STATE_ONLINE &&
                      !offline_on_purpose (plan, timeline, name) && !logged_1025 (timeline, name))
                    g_error ("%s, %s on %s (step %u): “%s” is left %s", cases[c].fixture, kinds[k],
                             nick, i + 1, name,
                             baton_group_state_to_label (baton_group_get_state (group)));
                }

              /* A complete journal: one line per timeline event, after the header. */
              g_assert_cmpuint (baton_journal_get_n_events (journal), ==,
                                g_list_model_get_n_items (timeline));
              g_clear_object (&journal);
              journal = baton_journal_open (path, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (baton_journal_get_n_events (journal), ==,
                                g_list_model_get_n_items (timeline));
              g_assert_cmpuint (baton_journal_get_n_failures (journal,
                                                              baton_runner_get_failed_step (runner)),
                                >=, 1);
              g_unlink (path);
            }
        }
    }

  /* The matrix reaches most of the vocabulary. */
  g_assert_cmpuint (g_hash_table_size (covered), >=, 13);
  g_test_message ("%u faulty runs over %u action kinds", runs, g_hash_table_size (covered));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner/runs-plan", test_runner_runs_plan);
  g_test_add_func ("/runner/stops-at-failure", test_runner_stops_at_failure);
  g_test_add_func ("/runner/manual-steps", test_runner_manual_steps);
  g_test_add_func ("/runner/pause", test_runner_pause);
  g_test_add_func ("/journal/torn-line", test_journal_torn_line);
  g_test_add_func ("/runner/survives-kill", test_runner_survives_kill);
  g_test_add_func ("/runner/fault-matrix", test_runner_fault_matrix);

  return g_test_run ();
}
