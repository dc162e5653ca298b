/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window under a real display (Xvfb in CI): it opens cluster
 * files, lists what they hold, follows model changes, shows load errors
 * without losing the cluster on screen, and renders itself to PNG.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "baton-resources.h"
#include "baton-window.h"

static BatonWindow *
new_window (void)
{
  BatonWindow *window = baton_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_loaded (BatonWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (20, timeout_cb, &timed_out);

  while (baton_window_get_loading (window) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

static void
wait_frames (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
child (BatonWindow *window,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), BATON_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* The cards of the topology view, and the chips of a node's card. */
static BatonNodeCard *
card_of (BatonWindow *window,
         const char  *node)
{
  BatonNodeCard *card = baton_topology_view_find_card (baton_window_get_topology_view (window), node);

  g_assert_nonnull (card);
  return card;
}

static GtkWidget *
chip_of (BatonWindow *window,
         const char  *node,
         const char  *group)
{
  BatonCluster *cluster = baton_window_get_cluster (window);

  return baton_node_card_find_chip (card_of (window, node),
                                    baton_cluster_lookup_group (cluster, group));
}

/* Closes the window and checks nothing else holds it. */
static void
close_window (BatonWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
open_path (BatonWindow *window,
           const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  baton_window_open (window, file);
  wait_loaded (window);
}

static void
test_window_opens_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                 "exchange2003-frontend-backend.json", NULL);
  BatonWindow *window = new_window ();
  BatonTopologyView *view;
  BatonCluster *cluster;

  open_path (window, path);

  cluster = baton_window_get_cluster (window);
  g_assert_nonnull (cluster);
  g_assert_cmpstr (baton_cluster_get_name (cluster), ==, "EXCLUSTER");
  g_assert_null (baton_window_get_error_message (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "stack"))), ==,
                   "cluster");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "EXCLUSTER");

  /* The window shows its backend's cluster: the simulator's. */
  g_assert_true (baton_backend_get_cluster (baton_window_get_backend (window)) == cluster);

  view = baton_window_get_topology_view (window);
  g_assert_cmpuint (baton_topology_view_get_n_cards (view), ==, 2);
  g_assert_cmpuint (baton_node_card_get_n_chips (card_of (window, "Cluster Node 1")), ==, 1);
  g_assert_cmpuint (baton_node_card_get_n_chips (card_of (window, "Cluster Node 2")), ==, 1);
  g_assert_nonnull (chip_of (window, "Cluster Node 1", "Exchange Virtual Server 1"));
  g_assert_nonnull (chip_of (window, "Cluster Node 2", "Cluster Group"));

  close_window (window);
}

static void
test_window_follows_model (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                 "nt4-two-node.json", NULL);
  BatonWindow *window = new_window ();
  BatonCluster *cluster;
  BatonNodeCard *card_b;

  open_path (window, path);
  cluster = baton_window_get_cluster (window);
  card_b = card_of (window, "NODE-B");

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-up"));
  baton_node_set_state (baton_cluster_lookup_node (cluster, "NODE-B"), BATON_NODE_STATE_PAUSED);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-paused"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-up"));

  /* Print Group moves from NODE-B to NODE-A in the model: its chip follows. */
  g_assert_nonnull (chip_of (window, "NODE-B", "Print Group"));
  g_assert_true (baton_cluster_move_group (cluster, baton_cluster_lookup_group (cluster, "Print Group"),
                                           "NODE-A", NULL));
  g_assert_null (chip_of (window, "NODE-B", "Print Group"));
  g_assert_nonnull (chip_of (window, "NODE-A", "Print Group"));

  close_window (window);
}

static void
test_window_error_without_cluster (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "unknown-owner.json", NULL);
  const char *bad =
    "{\"format\": \"baton-cluster/1\", \"name\": \"X\", \"platform\": \"pacemaker\",\n"
    " \"nodes\": [{\"name\": \"a\", \"state\": \"up\"}],\n"
    " \"groups\": [{\"name\": \"g\", \"kind\": \"generic\", \"owner\": \"b\"}]}\n";
  BatonWindow *window = new_window ();
  const char *message;

  g_assert_true (g_file_set_contents (path, bad, -1, NULL));
  open_path (window, path);

  g_assert_null (baton_window_get_cluster (window));
  message = baton_window_get_error_message (window);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, path));
  g_assert_nonnull (strstr (message, "$.groups[0].owner"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "stack"))), ==,
                   "error");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (window, "error_page_label"))), ==,
                   message);

  close_window (window);
  g_unlink (path);
}

static void
test_window_error_keeps_cluster (void)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "..", "fixtures",
                                                 "pacemaker-three-node.json", NULL);
  BatonWindow *window = new_window ();
  BatonCluster *before;

  open_path (window, good);
  before = baton_window_get_cluster (window);
  g_assert_nonnull (before);

  open_path (window, "/nonexistent/cluster.json");

  /* Nothing lost: the same cluster object stays on screen, and the bar says why. */
  g_assert_true (baton_window_get_cluster (window) == before);
  g_assert_nonnull (strstr (baton_window_get_error_message (window), "/nonexistent/cluster.json"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "stack"))), ==,
                   "cluster");
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (child (window, "error_bar"))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (child (window, "error_bar_label"))),
                            "still showing “lab”"));

  /* A good file afterwards clears the error. */
  open_path (window, good);
  g_assert_null (baton_window_get_error_message (window));
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (child (window, "error_bar"))));

  close_window (window);
}

static void
test_window_demo_and_screenshot (void)
{
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "test-window-demo.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  BatonWindow *window = new_window ();

  baton_window_open_demo (window);
  wait_loaded (window);
  g_assert_nonnull (baton_window_get_cluster (window));
  g_assert_cmpuint (baton_topology_view_get_n_cards (baton_window_get_topology_view (window)), ==,
                    4);

  /* Names with quotes and $ are shown as written, never as markup. */
  {
    GtkWidget *chip = chip_of (window, "EXNODE3", "EVS3 (Executive \"VIP\" mail)");
    GtkWidget *label = NULL;

    g_assert_nonnull (chip);
    for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_first_child (chip)); w;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_LABEL (w) && label == NULL)
        label = w;
    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "EVS3 (Executive \"VIP\" mail)");
    g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
  }

  wait_frames (300);
  g_unlink (png);
  g_assert_true (baton_window_save_screenshot (window, png, &error));
  g_assert_no_error (error);
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), >, 100);

  close_window (window);
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

  g_test_add_func ("/window/opens-fixture", test_window_opens_fixture);
  g_test_add_func ("/window/follows-model", test_window_follows_model);
  g_test_add_func ("/window/error-without-cluster", test_window_error_without_cluster);
  g_test_add_func ("/window/error-keeps-cluster", test_window_error_keeps_cluster);
  g_test_add_func ("/window/demo-and-screenshot", test_window_demo_and_screenshot);

  return g_test_run ();
}
