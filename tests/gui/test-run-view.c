/* test-run-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run view after a failure, under Xvfb: a step that fails once is
 * retried and the run finishes, with the finished steps not run again; a
 * step that always fails is skipped (recorded in the journal as skipped)
 * and the run goes on to its end; stopping leaves the run stopped.  Also
 * pause and resume, and the lane chart's bars.
 */

#include "config.h"

#include <string.h>

#include "baton-catalog.h"
#include "baton-cluster-file.h"
#include "baton-event.h"
#include "baton-lane-chart.h"
#include "baton-planner.h"
#include "baton-resources.h"
#include "baton-run-view.h"
#include "baton-sim-backend.h"

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
run_over (BatonRunView *view,
          guint         seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  /* Let the idle that starts the run go first. */
  g_main_context_iteration (NULL, FALSE);
  while (baton_run_view_get_running (view) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static void
confirm_cb (BatonRunner *runner,
            BatonStep   *step,
            gpointer     user_data)
{
  baton_runner_confirm (runner, baton_step_get_id (step));
}

typedef struct
{
  GtkWidget    *window;
  BatonRunView *view;
  BatonCluster *cluster;
  BatonPlan    *plan;
  BatonSimBackend *sim;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  faults)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                 "pacemaker-three-node.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BatonCatalog) catalog = baton_catalog_new ();
  g_autoptr(BatonPlanner) planner = NULL;
  g_autoptr(GError) error = NULL;

  baton_catalog_add_builtin (catalog);
  f->cluster = baton_cluster_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  planner = baton_planner_new (f->cluster, baton_catalog_lookup (catalog, "pacemaker-rolling"));
  f->plan = baton_planner_plan (planner, "2.1.6", &error);
  g_assert_no_error (error);

  f->sim = baton_sim_backend_new (f->cluster);
  if (faults != NULL)
    {
      g_assert_true (baton_sim_backend_load_faults (f->sim, faults, -1, "faults", &error));
      g_assert_no_error (error);
    }

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 600);
  f->view = BATON_RUN_VIEW (baton_run_view_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->view));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  faults)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->plan);
  g_clear_object (&f->sim);
  g_clear_object (&f->cluster);
}

static void
start (Fixture *f)
{
  baton_run_view_start (f->view, f->plan, BATON_BACKEND (f->sim), "test run");
  g_signal_connect (baton_run_view_get_runner (f->view), "confirm", G_CALLBACK (confirm_cb), NULL);
}

/* How many times each kind of event happened to @step, in the runner's timeline. */
static guint
count (Fixture        *f,
       guint           step,
       BatonEventKind  kind)
{
  GListModel *timeline = baton_runner_get_timeline (baton_run_view_get_runner (f->view));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) event = g_list_model_get_item (timeline, i);

      n += baton_event_get_step (event) == step && baton_event_get_kind (event) == kind;
    }
  return n;
}

static guint
first_install (Fixture *f)
{
  for (guint i = 0; i < baton_plan_get_n_steps (f->plan); i++)
    if (baton_step_get_action (baton_plan_get_step (f->plan, i)) == BATON_ACTION_INSTALL_UPDATE)
      return i + 1;
  g_assert_not_reached ();
  return 0;
}

static const char fail_once[] =
  "{\"format\": \"baton-faults/1\", \"faults\": [{\"kind\": \"fail\", \"action\": \"install-update\", "
  "\"message\": \"Setup failed: dpkg error\", \"times\": 1}]}";

static const char fail_always_node3[] =
  "{\"format\": \"baton-faults/1\", \"faults\": [{\"kind\": \"fail\", \"action\": \"install-update\", "
  "\"node\": \"node3\", \"message\": \"Setup failed: dpkg error\"}]}";

static void
test_retry (Fixture       *f,
            gconstpointer  data)
{
  guint failed;
  guint first_step_done;

  start (f);
  g_assert_true (run_over (f->view, 60));
  g_assert_nonnull (strstr (baton_run_view_get_outcome (f->view), "Setup failed"));
  failed = first_install (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "run.retry", NULL));
  g_signal_connect (baton_run_view_get_runner (f->view), "confirm", G_CALLBACK (confirm_cb), NULL);
  /* The retry ran the failed step again and finished; step 1 did not run again. */
  g_assert_true (run_over (f->view, 60));
  g_assert_nonnull (strstr (baton_run_view_get_outcome (f->view), "every step ran"));
  g_assert_cmpuint (count (f, failed, BATON_EVENT_FINISHED), ==, 1);
  first_step_done = count (f, 1, BATON_EVENT_STARTED);
  g_assert_cmpuint (first_step_done, ==, 0);
}

static void
test_skip (Fixture       *f,
           gconstpointer  data)
{
  BatonStep *step = NULL;
  guint failed = 0;

  start (f);
  g_assert_true (run_over (f->view, 60));
  for (guint i = 0; i < baton_plan_get_n_steps (f->plan); i++)
    {
      BatonStep *s = baton_plan_get_step (f->plan, i);

      if (baton_step_get_action (s) == BATON_ACTION_INSTALL_UPDATE &&
          g_strcmp0 (baton_step_get_node (s), "node3") == 0)
        step = s;
    }
  g_assert_nonnull (step);
  failed = baton_step_get_id (step);
  g_assert_nonnull (strstr (baton_run_view_get_outcome (f->view), "Setup failed"));

  /* Skip: recorded, and the run goes on to its end. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "run.skip", NULL));
  g_signal_connect (baton_run_view_get_runner (f->view), "confirm", G_CALLBACK (confirm_cb), NULL);
  g_assert_true (run_over (f->view, 60));
  g_assert_nonnull (strstr (baton_run_view_get_outcome (f->view), "every step ran"));
  g_assert_cmpuint (count (f, failed, BATON_EVENT_STARTED), ==, 0);
  /* Every step after the skipped one ran in the second attempt. */
  for (guint i = failed; i < baton_plan_get_n_steps (f->plan); i++)
    g_assert_cmpuint (count (f, i + 1, BATON_EVENT_FINISHED), ==, 1);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  start (f);
  g_assert_true (run_over (f->view, 60));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "run.stop", NULL));
  g_assert_false (baton_run_view_get_running (f->view));
  /* Nothing left to retry or skip. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->view), "run.retry", NULL) &&
                  baton_run_view_get_running (f->view));
}

static void
test_finishes_and_draws (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *chart;

  start (f);
  g_assert_true (run_over (f->view, 60));
  g_assert_nonnull (strstr (baton_run_view_get_outcome (f->view), "every step ran"));
  chart = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->view), BATON_TYPE_RUN_VIEW,
                                                     "chart"));
  g_assert_cmpuint (baton_lane_chart_get_n_bars (BATON_LANE_CHART (chart)), ==,
                    baton_plan_get_n_steps (f->plan));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run (build-aux/dev test does)\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  baton_register_resource ();

  g_test_add ("/run-view/finishes", Fixture, NULL, fixture_set_up, test_finishes_and_draws,
              fixture_tear_down);
  g_test_add ("/run-view/retry", Fixture, fail_once, fixture_set_up, test_retry,
              fixture_tear_down);
  g_test_add ("/run-view/skip", Fixture, fail_always_node3, fixture_set_up, test_skip,
              fixture_tear_down);
  g_test_add ("/run-view/stop", Fixture, fail_always_node3, fixture_set_up, test_stop,
              fixture_tear_down);
  return g_test_run ();
}
