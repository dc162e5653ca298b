/* test-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upgrade wizard driven as a user would, under Xvfb: for each fixture,
 * open it, open the wizard, choose its product and target, go through the
 * options and checks to the plan, rehearse, and check the run view's
 * timeline (a started and a finished row per step, nothing failed) and the
 * final state of the rehearsal's cluster (every node at the target).  A
 * refused target stays on the checks page with the source's reason.
 * With BATON_SCREENSHOTS=DIR the pages are saved there as PNGs.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "baton-event.h"
#include "baton-resources.h"
#include "baton-window.h"

static GSettings *settings;

typedef gboolean (*Condition) (gpointer data);

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
loaded (gpointer data)
{
  return !baton_window_get_loading (data);
}

static gboolean
run_over (gpointer data)
{
  return !baton_run_view_get_running (data);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("BATON_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int w, h;

  if (dir == NULL)
    return;

  wait_ms (400);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* The administrator doing each manual step: the test says "done" at once. */
static void
confirm_cb (BatonRunner *runner,
            BatonStep   *step,
            guint       *n_confirmed)
{
  (*n_confirmed)++;
  baton_runner_confirm (runner, baton_step_get_id (step));
}

static BatonWindow *
open_fixture (const char *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", fixture, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BatonWindow *window = baton_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  baton_window_open (window, file);
  g_assert_true (wait_until (loaded, window, 20));
  g_assert_nonnull (baton_window_get_cluster (window));
  return window;
}

static void
next (BatonUpgradeWizard *wizard)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
}

typedef struct
{
  const char *fixture;
  const char *product;
  const char *target;
  const char *family;
} Case;

static const Case cases[] = {
  { "nt4-two-node.json", "windows-cluster-sp", "NT4 SP6a", "windows" },
  { "exchange55-active-passive.json", "exchange-5.5-sp", "5.5 SP4", "exchange" },
  { "exchange2000-active-active.json", "exchange-2000-sp", "2000 SP3", "exchange" },
  { "exchange2003-frontend-backend.json", "exchange-2003-sp", "2003 SP2", "exchange" },
  { "exchange2007-ccr-scr.json", "exchange-2007-ru", "2007 SP1 RU5", "exchange" },
  { "iis-two-node.json", "iis-cluster-upgrade", "4.0 SP4", "iis" },
  { "pacemaker-three-node.json", "pacemaker-rolling", "2.1.6", "pacemaker" },
};

static void
rehearse_case (const Case *c,
               gboolean    shots)
{
  BatonWindow *window = open_fixture (c->fixture);
  BatonUpgradeWizard *wizard = baton_window_open_wizard (window);
  BatonRunView *run_view = baton_window_get_run_view (window);
  g_autoptr(BatonPlan) plan = NULL;
  BatonCluster *rehearsed;
  GListModel *timeline;
  guint started = 0, finished = 0, failed = 0, n_confirmed = 0, n_manual = 0;
  g_autoptr(BatonVersion) target = baton_version_parse (c->target, NULL);

  g_test_message ("%s: %s to %s", c->fixture, c->product, c->target);
  g_assert_nonnull (wizard);
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "product");
  if (shots)
    screenshot (GTK_WIDGET (wizard), "wizard-1-product.png");
  g_assert_true (baton_upgrade_wizard_select_product (wizard, c->product));
  next (wizard);
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "target");
  g_assert_true (baton_upgrade_wizard_select_target (wizard, c->target));
  if (shots)
    screenshot (GTK_WIDGET (wizard), "wizard-2-target.png");
  next (wizard);
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "options");
  if (shots)
    screenshot (GTK_WIDGET (wizard), "wizard-3-options.png");
  next (wizard);
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "checks");
  g_assert_null (baton_upgrade_wizard_get_refusal (wizard));
  g_assert_nonnull (baton_upgrade_wizard_get_plan (wizard));
  plan = g_object_ref (baton_upgrade_wizard_get_plan (wizard));
  if (shots)
    screenshot (GTK_WIDGET (wizard), "wizard-4-checks.png");
  next (wizard);
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "review");
  if (shots)
    screenshot (GTK_WIDGET (wizard), "wizard-5-plan.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.rehearse", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (run_view)));
  g_signal_connect (baton_run_view_get_runner (run_view), "confirm", G_CALLBACK (confirm_cb),
                    &n_confirmed);
  if (!wait_until (run_over, run_view, 120))
    {
      GListModel *events = baton_runner_get_timeline (baton_run_view_get_runner (run_view));

      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(BatonEvent) e = g_list_model_get_item (events, i);
          g_test_message ("event %u: kind %d step %u %s", i, baton_event_get_kind (e),
                          baton_event_get_step (e), baton_event_get_message (e));
        }
      g_error ("the rehearsal did not end");
    }
  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    n_manual += baton_step_get_manual (baton_plan_get_step (plan, i));
  g_assert_cmpuint (n_confirmed, ==, n_manual);
  g_assert_nonnull (strstr (baton_run_view_get_outcome (run_view), "every step ran"));

  /* The timeline: a started and a finished row per step, nothing failed. */
  timeline = baton_runner_get_timeline (baton_run_view_get_runner (run_view));
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) event = g_list_model_get_item (timeline, i);

      switch (baton_event_get_kind (event))
        {
        case BATON_EVENT_STARTED:
          started++;
          break;
        case BATON_EVENT_FINISHED:
          finished++;
          break;
        case BATON_EVENT_FAILED:
          failed++;
          break;
        case BATON_EVENT_SKIPPED:
        case BATON_EVENT_LOG:
        default:
          break;
        }
    }
  g_assert_cmpuint (failed, ==, 0);
  g_assert_cmpuint (started, ==, baton_plan_get_n_steps (plan));
  g_assert_cmpuint (finished, ==, baton_plan_get_n_steps (plan));

  /* The rehearsal's cluster, which the topology shows: every node at the target. */
  rehearsed = baton_topology_view_get_cluster (baton_window_get_topology_view (window));
  g_assert_true (rehearsed != baton_window_get_cluster (window));
  {
    GListModel *nodes = baton_cluster_get_nodes (rehearsed);

    for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
      {
        g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
        BatonVersion *version = baton_machine_get_version (BATON_MACHINE (node), c->family);

        if (version != NULL)
          g_assert_cmpint (baton_version_compare (version, target), >=, 0);
      }
  }
  if (shots)
    screenshot (GTK_WIDGET (window), "run-view.png");

  /* Closing the run view goes back to the connected backend's cluster, untouched. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run_view), "run.close", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (run_view)));
  g_assert_true (baton_topology_view_get_cluster (baton_window_get_topology_view (window)) ==
                 baton_window_get_cluster (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_wizard_rehearses_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    rehearse_case (&cases[i], g_str_equal (cases[i].product, "exchange-2003-sp"));
}

static void
test_wizard_refusal (void)
{
  BatonWindow *window = open_fixture ("iis-two-node.json");
  BatonUpgradeWizard *wizard = baton_window_open_wizard (window);
  const char *refusal;

  /* IIS is all these nodes run: no Exchange procedure is offered. */
  g_assert_false (baton_upgrade_wizard_select_product (wizard, "exchange-2003-sp"));
  g_assert_true (baton_upgrade_wizard_select_product (wizard, "iis-cluster-upgrade"));
  next (wizard);
  /* IIS 4.0 SP3 to 5.0 is in neither support table. */
  g_assert_true (baton_upgrade_wizard_select_target (wizard, "5.0"));
  next (wizard);
  next (wizard);
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "checks");
  g_assert_null (baton_upgrade_wizard_get_plan (wizard));
  refusal = baton_upgrade_wizard_get_refusal (wizard);
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal, "Upgrading IIS Cluster Resources"));
  g_test_message ("refused: %s", refusal);

  /* No way on to the plan without one. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL) &&
                  g_str_equal (baton_upgrade_wizard_get_page (wizard), "review"));
  g_assert_cmpstr (baton_upgrade_wizard_get_page (wizard), ==, "checks");

  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_wizard_resume (void)
{
  BatonWindow *window = open_fixture ("exchange2003-frontend-backend.json");
  BatonUpgradeWizard *wizard = baton_window_open_wizard (window);
  BatonRunView *run_view = baton_window_get_run_view (window);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) done_before = g_hash_table_new (NULL, NULL);
  GListModel *timeline;
  guint n_confirmed = 0;

  /* A rehearsal at a speed that leaves time to interrupt it. */
  g_settings_set_double (settings, "simulator-speed", 600);
  g_assert_true (baton_upgrade_wizard_select_product (wizard, "exchange-2003-sp"));
  next (wizard);
  g_assert_true (baton_upgrade_wizard_select_target (wizard, "2003 SP2"));
  next (wizard);
  next (wizard);
  next (wizard);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.rehearse", NULL));
  g_signal_connect (baton_run_view_get_runner (run_view), "confirm", G_CALLBACK (confirm_cb),
                    &n_confirmed);
  wait_ms (1500);
  g_assert_true (baton_run_view_get_running (run_view));

  timeline = baton_runner_get_timeline (baton_run_view_get_runner (run_view));
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) event = g_list_model_get_item (timeline, i);

      if (baton_event_get_kind (event) == BATON_EVENT_FINISHED)
        g_hash_table_add (done_before, GUINT_TO_POINTER (baton_event_get_step (event)));
    }
  g_assert_cmpuint (g_hash_table_size (done_before), >, 0);

  /* The window goes away mid-run, as in a crash: the journal stays. */
  gtk_window_destroy (GTK_WINDOW (window));
  path = baton_window_find_interrupted_run ();
  g_assert_nonnull (path);

  g_settings_set_double (settings, "simulator-speed", 0);
  window = open_fixture ("nt4-two-node.json");
  run_view = baton_window_get_run_view (window);
  g_assert_true (baton_window_resume_journal (window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (baton_cluster_get_name (baton_window_get_cluster (window)), ==, "EXCLUSTER");
  g_signal_connect (baton_run_view_get_runner (run_view), "confirm", G_CALLBACK (confirm_cb),
                    &n_confirmed);
  g_assert_true (wait_until (run_over, run_view, 120));
  g_assert_nonnull (strstr (baton_run_view_get_outcome (run_view), "every step ran"));

  /* No step that had finished ran again. */
  timeline = baton_runner_get_timeline (baton_run_view_get_runner (run_view));
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr(BatonEvent) event = g_list_model_get_item (timeline, i);

      if (baton_event_get_kind (event) == BATON_EVENT_STARTED)
        g_assert_false (g_hash_table_contains (done_before,
                                               GUINT_TO_POINTER (baton_event_get_step (event))));
    }

  /* Closed: not offered again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (run_view), "run.close", NULL));
  g_free (path);
  path = baton_window_find_interrupted_run ();
  g_assert_null (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *state = g_dir_make_tmp ("baton-test-wizard-XXXXXX", NULL);

  /* Journals of this process only: the resume test finds its own. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run (build-aux/dev test does)\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  baton_register_resource ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/baton/Baton/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  /* Instant steps: the rehearsals run as fast as the main loop. */
  settings = g_settings_new (APP_ID);
  g_settings_set_double (settings, "simulator-speed", 0);

  g_test_add_func ("/wizard/rehearses-fixtures", test_wizard_rehearses_fixtures);
  g_test_add_func ("/wizard/refusal", test_wizard_refusal);
  g_test_add_func ("/wizard/resume", test_wizard_resume);
  return g_test_run ();
}
