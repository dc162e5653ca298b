/* bench-topology.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast the topology view draws a big cluster: 64 Pacemaker nodes with
 * 64 groups each (4,096 chips), opened from a file in a 1280×1000 main
 * window, as a person would open it.  It reports
 *
 *   (a) the time to the first frame with the cluster on screen: loading
 *       the file, building the cards and chips, then CSS, layout and paint;
 *   (b) the time of each frame while the topology scrolls a few pixels a
 *       frame, for 120 frames;
 *   (c) the time of each frame while a group moves between two nodes every
 *       frame, straight in the model (the view follows the cluster's live
 *       lists, so one chip leaves a card and one arrives in another);
 *
 * and, to tell the view's cost from the renderer's on this display, the
 * time of a full repaint of the view with nothing laid out again (its
 * opacity changes every frame), on that cluster and on a small one (4 nodes
 * × 4 groups) opened first in the same window.
 *
 * A frame is timed on the window's frame clock, from "before-paint" to the
 * end of "after-paint" (which covers the update phase, where the scenario's
 * tick callback makes its change, then CSS, layout and paint); "layout" and
 * "paint" mark where layout ends and painting ends.  Each scenario prints
 * the median and the 90th percentile, in ms, and the renderer that drew.
 * Run by `meson test --benchmark`; it never fails on time.  The cluster
 * comes from a fixed seed, so two runs time the same work.
 */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "baton-resources.h"
#include "baton-window.h"
#include "planner-util.h"

#define N_FRAMES      120
#define SCROLL_STEP   6.0     /* pixels a frame */
#define TARGET_MS     8.0
#define WAIT_S        300

typedef enum
{
  SCENARIO_NONE,
  SCENARIO_REDRAW,
  SCENARIO_SCROLL,
  SCENARIO_MOVE,
} Scenario;

typedef struct
{
  BatonWindow   *window;
  BatonTopologyView *view;
  GtkAdjustment *vadjustment;
  BatonCluster  *cluster;
  BatonGroup    *group;
  char          *nodes[2];

  /* the first frame */
  gint64         opened_us;
  gint64         loaded_us;
  gint64         built_us;
  gint64         first_frame_us;

  /* the frame under way */
  gint64         frame_start_us;
  gint64         layout_end_us;
  gint64         paint_end_us;
  gboolean       changed;           /* the scenario changed something in this frame */

  Scenario       scenario;
  guint          n_ticks;
  GArray        *total_ms;
  GArray        *layout_ms;
  GArray        *paint_ms;
  gboolean       done;
} Bench;

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *values,
            double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint i;

  if (values->len == 0)
    return NAN;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_double);
  if (p == 50 && sorted->len % 2 == 0)
    return (g_array_index (sorted, double, sorted->len / 2 - 1) +
            g_array_index (sorted, double, sorted->len / 2)) / 2;
  i = (guint) ceil (p / 100.0 * sorted->len);
  return g_array_index (sorted, double, MIN (MAX (i, 1), sorted->len) - 1);
}

/* --- the frame clock ---------------------------------------------------------------- */

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start_us = g_get_monotonic_time ();
  bench->layout_end_us = 0;
  bench->paint_end_us = 0;
}

static void
layout_cb (GdkFrameClock *clock,
           Bench         *bench)
{
  bench->layout_end_us = g_get_monotonic_time ();
}

static void
paint_cb (GdkFrameClock *clock,
          Bench         *bench)
{
  bench->paint_end_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  gint64 layout_end, paint_end;
  double total, layout, paint;

  if (bench->first_frame_us == 0 && bench->built_us != 0)
    bench->first_frame_us = now;

  if (!bench->changed || bench->frame_start_us == 0)
    return;
  bench->changed = FALSE;

  layout_end = bench->layout_end_us ? bench->layout_end_us : bench->frame_start_us;
  paint_end = bench->paint_end_us ? bench->paint_end_us : now;
  total = (now - bench->frame_start_us) / 1000.0;
  layout = (layout_end - bench->frame_start_us) / 1000.0;
  paint = (paint_end - layout_end) / 1000.0;
  g_array_append_val (bench->total_ms, total);
  g_array_append_val (bench->layout_ms, layout);
  g_array_append_val (bench->paint_ms, paint);

  if (bench->total_ms->len >= N_FRAMES)
    {
      bench->scenario = SCENARIO_NONE;
      bench->done = TRUE;
    }
}

/* Runs in the frame's update phase: the change is laid out and painted in
 * the same frame. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;

  switch (bench->scenario)
    {
    case SCENARIO_REDRAW:
      /* A change of opacity repaints the whole view from the render nodes
       * its widgets keep: no CSS, no layout, no snapshot of its children. */
      gtk_widget_set_opacity (GTK_WIDGET (bench->view), bench->n_ticks % 2 ? 1.0 : 0.99);
      bench->changed = TRUE;
      break;

    case SCENARIO_SCROLL:
      {
        double value = gtk_adjustment_get_value (bench->vadjustment) + SCROLL_STEP;
        double top = gtk_adjustment_get_upper (bench->vadjustment) -
                     gtk_adjustment_get_page_size (bench->vadjustment);

        gtk_adjustment_set_value (bench->vadjustment, value <= top ? value : 0);
        bench->changed = TRUE;
        break;
      }

    case SCENARIO_MOVE:
      if (!baton_cluster_move_group (bench->cluster, bench->group,
                                     bench->nodes[bench->n_ticks % 2], NULL))
        g_error ("the group does not move to %s", bench->nodes[bench->n_ticks % 2]);
      bench->changed = TRUE;
      break;

    case SCENARIO_NONE:
    default:
      return G_SOURCE_CONTINUE;
    }

  bench->n_ticks++;
  return G_SOURCE_CONTINUE;
}

/* --- running ---------------------------------------------------------------------- */

static gboolean
flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for (gboolean   *flag,
          gint64     *stamp,
          const char *what)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_S, flag_cb, &timed_out);

  while (!(flag ? *flag : *stamp != 0) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("timed out waiting for %s", what);
  g_source_remove (id);
}

static void
loading_cb (BatonWindow *window,
            GParamSpec  *pspec,
            Bench       *bench)
{
  if (!baton_window_get_loading (window) && bench->loaded_us == 0)
    bench->loaded_us = g_get_monotonic_time ();
}

static void
cluster_cb (BatonWindow *window,
            GParamSpec  *pspec,
            Bench       *bench)
{
  if (baton_window_get_cluster (window) != NULL && bench->built_us == 0)
    bench->built_us = g_get_monotonic_time ();
}

static void
report (const char *scenario,
        Bench      *bench)
{
  double median = percentile (bench->total_ms, 50);

  g_print ("%-28s %4u frames  median %7.2f ms  p90 %7.2f ms  "
           "(layout median %6.2f, p90 %6.2f; paint median %6.2f, p90 %6.2f)%s\n",
           scenario, bench->total_ms->len, median, percentile (bench->total_ms, 90),
           percentile (bench->layout_ms, 50), percentile (bench->layout_ms, 90),
           percentile (bench->paint_ms, 50), percentile (bench->paint_ms, 90),
           median <= TARGET_MS ? "" : "  over target");
}

static void
run_scenario (Bench      *bench,
              Scenario    scenario,
              const char *name)
{
  g_array_set_size (bench->total_ms, 0);
  g_array_set_size (bench->layout_ms, 0);
  g_array_set_size (bench->paint_ms, 0);
  bench->n_ticks = 0;
  bench->changed = FALSE;
  bench->done = FALSE;
  bench->scenario = scenario;
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  wait_for (&bench->done, NULL, name);
  report (name, bench);
  wait_ms (200);
}

/* Deletes @path and everything under it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Writes a generated cluster of @n_nodes × @groups_per_node to @dir. */
static char *
generate (const char *dir,
          guint       n_nodes,
          guint       groups_per_node)
{
  PlannerGenSpec spec = { "pacemaker", "pacemaker", "2.1.5", n_nodes, groups_per_node, FALSE,
                          FALSE };
  g_autoptr(GRand) rng = g_rand_new_with_seed (20240601 + n_nodes);
  g_autoptr(BatonCluster) cluster = planner_util_generate (&spec, rng);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("cluster-%ux%u.json", n_nodes, groups_per_node);
  char *path = g_build_filename (dir, name, NULL);

  if (!baton_cluster_save_to_path (cluster, path, &error))
    g_error ("%s", error->message);
  return path;
}

/* Opens @path in the window, as File ▸ Open does, and waits for the first
 * frame that shows it; prints what it took. */
static void
open_cluster (Bench      *bench,
              const char *path,
              const char *label)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BatonCluster *cluster;

  bench->loaded_us = bench->built_us = bench->first_frame_us = 0;
  bench->opened_us = g_get_monotonic_time ();
  baton_window_open (bench->window, file);
  wait_for (NULL, &bench->first_frame_us, "the first frame");
  if (baton_window_get_error_message (bench->window) != NULL)
    g_error ("%s", baton_window_get_error_message (bench->window));

  cluster = baton_window_get_cluster (bench->window);
  g_print ("%-28s %9.1f ms  (%u nodes, %u groups: load %.1f, build cards and chips %.1f, "
           "first frame: CSS, layout and paint %.1f)\n",
           label, (bench->first_frame_us - bench->opened_us) / 1000.0,
           g_list_model_get_n_items (baton_cluster_get_nodes (cluster)),
           g_list_model_get_n_items (baton_cluster_get_groups (cluster)),
           (bench->loaded_us - bench->opened_us) / 1000.0,
           (bench->built_us - bench->loaded_us) / 1000.0,
           (bench->first_frame_us - bench->built_us) / 1000.0);
  wait_ms (500);   /* the idles after the first frame (focus, recent files) */
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *small = NULL;
  g_autofree char *big = NULL;
  GdkFrameClock *clock;
  GtkScrolledWindow *scroller;
  GskRenderer *renderer;
  Bench bench = { 0 };
  guint tick_id;
  gint64 begin;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run (build-aux/dev test does)\n");
      return 77;
    }

  /* The clusters, as files, in a directory of our own, which also holds the
   * recent files the window adds to (not the user's). */
  dir = g_dir_make_tmp ("bench-topology-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  data_home = g_build_filename (dir, "data", NULL);
  g_mkdir_with_parents (data_home, 0700);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_set_prgname ("bench-topology");

  gtk_init ();
  adw_init ();
  baton_register_resource ();

  settings = g_settings_new (APP_ID);
  g_settings_set_double (settings, "simulator-speed", 0);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  begin = g_get_monotonic_time ();
  small = generate (dir, 4, 4);
  big = generate (dir, 64, 64);
  g_print ("clusters generated and saved in %.0f ms\n", (g_get_monotonic_time () - begin) / 1000.0);

  bench.total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.layout_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.paint_ms = g_array_new (FALSE, FALSE, sizeof (double));

  /* An empty window on screen first: its own start-up is not the view's cost. */
  bench.window = baton_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1280, 1000);
  gtk_window_present (GTK_WINDOW (bench.window));
  wait_ms (500);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench.window));
  g_assert (clock != NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &bench);
  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), &bench);
  g_signal_connect_after (clock, "paint", G_CALLBACK (paint_cb), &bench);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), &bench);
  g_signal_connect (bench.window, "notify::loading", G_CALLBACK (loading_cb), &bench);
  g_signal_connect (bench.window, "notify::cluster", G_CALLBACK (cluster_cb), &bench);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench.window), tick_cb, &bench, NULL);

  renderer = gtk_native_get_renderer (GTK_NATIVE (bench.window));
  g_print ("renderer: %s (GSK_RENDERER=%s), window %d×%d\n", G_OBJECT_TYPE_NAME (renderer),
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "unset",
           gtk_widget_get_width (GTK_WIDGET (bench.window)),
           gtk_widget_get_height (GTK_WIDGET (bench.window)));

  /* The floor: a small cluster, repainted. */
  bench.view = baton_window_get_topology_view (bench.window);
  open_cluster (&bench, small, "open 4×4 to first frame");
  run_scenario (&bench, SCENARIO_REDRAW, "repaint 4×4 (floor)");
  gtk_widget_set_opacity (GTK_WIDGET (bench.view), 1.0);

  /* (a) The big cluster. */
  open_cluster (&bench, big, "(a) open 64×64 to 1st frame");
  g_assert (baton_topology_view_get_n_cards (bench.view) == 64);
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (bench.view),
                                                                 BATON_TYPE_TOPOLOGY_VIEW,
                                                                 "scroller"));
  bench.vadjustment = gtk_scrolled_window_get_vadjustment (scroller);
  bench.cluster = baton_window_get_cluster (bench.window);
  bench.group = g_list_model_get_item (baton_cluster_get_groups (bench.cluster), 0);
  {
    g_autoptr(BatonNode) first = g_list_model_get_item (baton_cluster_get_nodes (bench.cluster), 0);
    g_autoptr(BatonNode) second = g_list_model_get_item (baton_cluster_get_nodes (bench.cluster), 1);
    const char *owner = baton_group_get_owner (bench.group);

    /* Between its owner and a neighbour: both cards in the first row. */
    bench.nodes[1] = g_strdup (owner);
    bench.nodes[0] = g_strdup (baton_machine_get_name (BATON_MACHINE (
      g_strcmp0 (owner, baton_machine_get_name (BATON_MACHINE (first))) == 0 ? second : first)));
  }
  g_print ("scrollable height: %.0f px, page %.0f px\n",
           gtk_adjustment_get_upper (bench.vadjustment),
           gtk_adjustment_get_page_size (bench.vadjustment));

  run_scenario (&bench, SCENARIO_REDRAW, "repaint 64×64, no layout");
  gtk_widget_set_opacity (GTK_WIDGET (bench.view), 1.0);

  /* (b) Scrolling. */
  run_scenario (&bench, SCENARIO_SCROLL, "(b) scrolling");

  /* (c) A group moving every frame between two cards of the first row
   * (in view once scrolled back to the top). */
  gtk_adjustment_set_value (bench.vadjustment, 0);
  wait_ms (200);
  run_scenario (&bench, SCENARIO_MOVE, "(c) a group moving");

  g_print ("target: under %.0f ms per frame (median)\n", TARGET_MS);

  gtk_widget_remove_tick_callback (GTK_WIDGET (bench.window), tick_id);
  g_signal_handlers_disconnect_by_data (clock, &bench);
  g_signal_handlers_disconnect_by_data (bench.window, &bench);
  g_clear_object (&bench.group);
  g_free (bench.nodes[0]);
  g_free (bench.nodes[1]);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  wait_ms (100);

  g_array_unref (bench.total_ms);
  g_array_unref (bench.layout_ms);
  g_array_unref (bench.paint_ms);
  remove_tree (dir);
  return 0;
}
