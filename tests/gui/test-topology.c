/* test-topology.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The topology view under a real display (Xvfb in CI): a card for every
 * node and one chip for every group, in its owner's card, for every
 * fixture; moves by drag and drop (the drop target's code path), by the
 * topology.move-group action and by the chip's menu, all through the
 * simulator; refused drops that change nothing and say why in the card;
 * pause and resume; the accessible roles and names; the pending state and
 * the busy count on a slow simulator; and the ghost that flies a moved
 * chip to its new card.
 *
 * Every move goes through the backend, so each test waits for the view's
 * step-finished signal rather than for a fixed time.  The simulator is
 * instant (simulator-speed 0) except in the test of the pending state.
 */

#include "config.h"

#include <string.h>

#include "baton-group-chip.h"
#include "baton-resources.h"
#include "baton-window.h"

#define WAIT_MS 20000

static GSettings *settings;

/* --- waiting -------------------------------------------------------------------- */

typedef gboolean (*Condition) (gpointer data);

static gboolean
flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
poll_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds or @timeout_ms pass; checks it
 * at least every 5 ms (so a state that lasts a few frames is seen). */
static gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, flag_cb, &timed_out);
  guint poll_id = g_timeout_add (5, poll_cb, NULL);
  gboolean held;

  while (!(held = condition (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);
  g_source_remove (poll_id);
  return held;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* What the view said about the steps it ran (or refused). */
typedef struct
{
  guint      n_finished;
  BatonStep *step;           /* of the last one, NULL when refused */
  char      *error;          /* of the last one */
  guint      n_busy_notify;
} Steps;

static void
step_finished_cb (BatonTopologyView *view,
                  BatonStep         *step,
                  const char        *error,
                  Steps             *steps)
{
  steps->n_finished++;
  g_set_object (&steps->step, step);
  g_free (steps->error);
  steps->error = g_strdup (error);
}

static void
busy_notify_cb (BatonTopologyView *view,
                GParamSpec        *pspec,
                Steps             *steps)
{
  steps->n_busy_notify++;
}

static void
steps_watch (Steps             *steps,
             BatonTopologyView *view)
{
  memset (steps, 0, sizeof *steps);
  g_signal_connect (view, "step-finished", G_CALLBACK (step_finished_cb), steps);
  g_signal_connect (view, "notify::busy", G_CALLBACK (busy_notify_cb), steps);
}

static void
steps_unwatch (Steps             *steps,
               BatonTopologyView *view)
{
  g_signal_handlers_disconnect_by_data (view, steps);
  g_clear_object (&steps->step);
  g_clear_pointer (&steps->error, g_free);
}

typedef struct
{
  Steps *steps;
  guint  n;
} StepsWait;

static gboolean
steps_done (gpointer data)
{
  StepsWait *wait = data;

  return wait->steps->n_finished >= wait->n;
}

/* Waits until @n steps in all have finished (or been refused). */
static void
wait_steps (Steps *steps,
            guint  n)
{
  StepsWait wait = { steps, n };

  g_assert_true (wait_until (steps_done, &wait, WAIT_MS));
}

/* --- windows, cards and chips ------------------------------------------------------- */

static gboolean
loaded (gpointer data)
{
  return !baton_window_get_loading (data);
}

static BatonWindow *
open_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  BatonWindow *window = baton_window_new (NULL);

  /* Small, in the corner where X puts it: away from the pointer (Xvfb's
   * rests in the middle of the screen), so that windows of other tests
   * coming and going never make a chip's tooltip start.  GTK 4.8's tooltip
   * timer can fire after its native has lost its surface (Gdk-CRITICAL
   * gdk_surface_get_device_position: GDK_IS_SURFACE; see popup_menu()),
   * which G_DEBUG=fatal-warnings turns into a failure. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 450);
  gtk_window_present (GTK_WINDOW (window));
  baton_window_open (window, file);
  g_assert_true (wait_until (loaded, window, WAIT_MS));
  g_assert_null (baton_window_get_error_message (window));
  g_assert_nonnull (baton_window_get_cluster (window));

  /* Let it lay out and draw, and run the window's low-priority idle (which
   * focuses the topology). */
  wait_ms (50);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <, 640);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <, 512);
  return window;
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "fixtures", name, NULL);
}

static BatonWindow *
open_fixture (const char *name)
{
  g_autofree char *path = fixture (name);

  return open_window (path);
}

static gboolean
cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Closes the window and checks that nothing holds it once the main loop
 * has run what was queued (a source that keeps a reference for a while
 * is fine; one that keeps it for ever is not). */
static void
close_window (BatonWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_until (cleared, &weak, WAIT_MS));
}

static BatonTopologyView *
view_of (BatonWindow *window)
{
  return baton_window_get_topology_view (window);
}

static GtkWidget *
view_child (BatonTopologyView *view,
            const char        *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (view), BATON_TYPE_TOPOLOGY_VIEW,
                                                   name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GtkWidget *
card_child (BatonNodeCard *card,
            const char    *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (card), BATON_TYPE_NODE_CARD, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static BatonNodeCard *
card_of (BatonWindow *window,
         const char  *node)
{
  BatonNodeCard *card = baton_topology_view_find_card (view_of (window), node);

  g_assert_nonnull (card);
  return card;
}

static BatonGroup *
group_of (BatonWindow *window,
          const char  *name)
{
  BatonGroup *group = baton_cluster_lookup_group (baton_window_get_cluster (window), name);

  g_assert_nonnull (group);
  return group;
}

static GtkWidget *
chip_of (BatonWindow *window,
         const char  *node,
         const char  *group)
{
  return baton_node_card_find_chip (card_of (window, node), group_of (window, group));
}

/* Opens @chip's menu as the Menu key does; returns the popover.  Without
 * autohide: an autohiding popover grabs the pointer, and the crossing
 * events of that grab (with other tests' windows mapping under it) start
 * GTK 4.8's tooltip timer, which then fires once the move has destroyed
 * the chip and its popover: a Gdk-CRITICAL in 1 run of 3 with 8 runs of
 * this test at once, none without autohide. */
static GtkPopover *
popup_menu (GtkWidget *chip)
{
  GtkPopover *popover = baton_group_chip_get_menu (BATON_GROUP_CHIP (chip));

  g_assert_true (GTK_IS_POPOVER_MENU (popover));
  gtk_popover_set_autohide (popover, FALSE);
  baton_group_chip_popup_menu (BATON_GROUP_CHIP (chip));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  return popover;
}

/* The "Move To" submenu of an open chip menu. */
static GMenuModel *
move_to_menu (GtkPopover *popover)
{
  GMenuModel *model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  GMenuModel *submenu;

  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
  submenu = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SUBMENU);
  g_assert_nonnull (submenu);
  return submenu;
}

/* The cards in the order the view shows them. */
static GPtrArray *
cards (BatonTopologyView *view)
{
  GPtrArray *list = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (view_child (view, "nodes_box"));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_assert_true (BATON_IS_NODE_CARD (card));
      g_ptr_array_add (list, card);
    }
  return list;
}

/* The chips of a card, in order. */
static GPtrArray *
chips (BatonNodeCard *card)
{
  GPtrArray *list = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (card_child (card, "groups_box"));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_assert_true (BATON_IS_GROUP_CHIP (chip));
      g_ptr_array_add (list, chip);
    }
  return list;
}

/* Checks that @group's chip is in @node's card and in no other. */
static void
assert_chip_only_in (BatonWindow *window,
                     const char  *group,
                     const char  *node)
{
  g_autoptr(GPtrArray) all = cards (view_of (window));
  guint found = 0;

  for (guint i = 0; i < all->len; i++)
    {
      BatonNodeCard *card = g_ptr_array_index (all, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (baton_node_card_get_node (card)));

      if (baton_node_card_find_chip (card, group_of (window, group)) != NULL)
        {
          g_assert_cmpstr (name, ==, node);
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

/* The window shows its backend's cluster, the simulator's, and nothing
 * replaced it while steps ran. */
static void
assert_one_cluster (BatonWindow  *window,
                    BatonCluster *before)
{
  BatonCluster *cluster = baton_window_get_cluster (window);

  g_assert_true (cluster == before);
  g_assert_true (baton_backend_get_cluster (baton_window_get_backend (window)) == cluster);
  g_assert_true (baton_topology_view_get_backend (view_of (window)) ==
                 baton_window_get_backend (window));
  g_assert_true (baton_topology_view_get_cluster (view_of (window)) == cluster);
}

/* --- every fixture ------------------------------------------------------------------ */

static void
assert_view_matches_model (BatonWindow *window)
{
  BatonCluster *cluster = baton_window_get_cluster (window);
  BatonTopologyView *view = view_of (window);
  GListModel *nodes = baton_cluster_get_nodes (cluster);
  GListModel *groups = baton_cluster_get_groups (cluster);
  g_autoptr(GPtrArray) all = cards (view);
  guint n_nodes = g_list_model_get_n_items (nodes);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_servers = g_list_model_get_n_items (baton_cluster_get_servers (cluster));
  guint n_chips = 0;

  /* One card per node, in the model's order, each for its node. */
  g_assert_cmpuint (baton_topology_view_get_n_cards (view), ==, n_nodes);
  g_assert_cmpuint (all->len, ==, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
      BatonNodeCard *card = g_ptr_array_index (all, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (node));

      g_assert_true (baton_node_card_get_node (card) == node);
      g_assert_true (baton_topology_view_find_card (view, name) == card);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (card_child (card, "name_label"))), ==, name);
      g_assert_cmpuint (baton_node_card_get_n_chips (card), ==,
                        baton_cluster_get_n_groups_on (cluster, name));
      n_chips += baton_node_card_get_n_chips (card);
    }

  /* Every group has exactly one chip, in its owner's card. */
  g_assert_cmpuint (n_chips, ==, n_groups);
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);
      guint found = 0;

      for (guint j = 0; j < all->len; j++)
        {
          BatonNodeCard *card = g_ptr_array_index (all, j);
          GtkWidget *chip = baton_node_card_find_chip (card, group);

          if (chip == NULL)
            continue;
          found++;
          g_assert_cmpstr (baton_machine_get_name (BATON_MACHINE (baton_node_card_get_node (card))),
                           ==, baton_group_get_owner (group));
          g_assert_true (baton_group_chip_get_group (BATON_GROUP_CHIP (chip)) == group);
        }
      g_assert_cmpuint (found, ==, 1);
    }

  /* The servers section shows iff the cluster has servers. */
  g_assert_cmpint (gtk_widget_get_visible (view_child (view, "servers_section")), ==,
                   n_servers > 0);
  g_assert_cmpint (gtk_widget_get_first_child (view_child (view, "servers_box")) != NULL, ==,
                   n_servers > 0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static const char * const product_fixtures[] = {
  "exchange2000-active-active.json",
  "exchange2003-frontend-backend.json",
  "exchange2007-ccr-scr.json",
  "exchange55-active-passive.json",
  "iis-two-node.json",
  "nt4-two-node.json",
  "pacemaker-three-node.json",
};

static void
test_topology_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "..", "fixtures", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) opened = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(BatonCluster) loaded_cluster = NULL;
      g_autoptr(GError) error = NULL;
      BatonWindow *window;

      /* Files that do not load are the loader's tests' business. */
      loaded_cluster = baton_cluster_load_from_file (file, NULL, &error);
      if (loaded_cluster == NULL)
        {
          g_test_message ("skipping %s: %s", path, error->message);
          continue;
        }

      g_test_message ("%s", path);
      window = open_window (path);
      assert_view_matches_model (window);
      close_window (window);
      g_hash_table_add (opened, g_ptr_array_index (names, i));
    }

  /* The product fixtures, at least, all open. */
  for (guint i = 0; i < G_N_ELEMENTS (product_fixtures); i++)
    if (!g_hash_table_contains (opened, product_fixtures[i]))
      g_test_fail_printf ("the product fixture %s did not open", product_fixtures[i]);
  g_test_message ("%u of %u fixtures opened", g_hash_table_size (opened), names->len);
}

/* --- moves -------------------------------------------------------------------------- */

static void
test_topology_drop_moves (void)
{
  BatonWindow *window = open_fixture ("exchange2003-frontend-backend.json");
  BatonTopologyView *view = view_of (window);
  BatonCluster *cluster = baton_window_get_cluster (window);
  BatonGroup *evs = group_of (window, "Exchange Virtual Server 1");
  BatonNodeCard *target = card_of (window, "Cluster Node 2");
  g_autofree char *reason = NULL;
  Steps steps;

  steps_watch (&steps, view);
  g_assert_cmpstr (baton_group_get_owner (evs), ==, "Cluster Node 1");
  assert_chip_only_in (window, "Exchange Virtual Server 1", "Cluster Node 1");

  /* What the drop target asks on enter and motion: this node may take it. */
  g_assert_true (baton_node_card_check_drop (target, evs, &reason));
  g_assert_null (reason);

  /* The drop: a step goes to the simulator. */
  g_assert_true (baton_node_card_drop_group (target, evs));
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 1);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (target), "drop-refused"));
  wait_steps (&steps, 1);

  g_assert_null (steps.error);
  g_assert_nonnull (steps.step);
  g_assert_cmpint (baton_step_get_action (steps.step), ==, BATON_ACTION_MOVE_GROUP);
  g_assert_cmpstr (baton_step_get_group (steps.step), ==, "Exchange Virtual Server 1");
  g_assert_cmpstr (baton_step_get_node (steps.step), ==, "Cluster Node 2");
  g_assert_cmpstr (baton_step_get_from (steps.step), ==, "Cluster Node 1");
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);

  /* The model moved (the window's cluster is the backend's), and so did the chip. */
  assert_one_cluster (window, cluster);
  g_assert_true (baton_cluster_lookup_group (cluster, "Exchange Virtual Server 1") == evs);
  g_assert_cmpstr (baton_group_get_owner (evs), ==, "Cluster Node 2");
  g_assert_cmpint (baton_group_get_state (evs), ==, BATON_GROUP_STATE_ONLINE);
  g_assert_null (chip_of (window, "Cluster Node 1", "Exchange Virtual Server 1"));
  g_assert_nonnull (chip_of (window, "Cluster Node 2", "Exchange Virtual Server 1"));
  assert_chip_only_in (window, "Exchange Virtual Server 1", "Cluster Node 2");
  g_assert_cmpuint (baton_node_card_get_n_chips (card_of (window, "Cluster Node 1")), ==, 0);
  g_assert_cmpuint (baton_node_card_get_n_chips (card_of (window, "Cluster Node 2")), ==, 2);
  g_assert_true (gtk_widget_get_visible (card_child (card_of (window, "Cluster Node 1"),
                                                     "empty_label")));

  /* Away from its preferred owner, the chip says where it belongs. */
  {
    g_autofree char *description =
      baton_group_chip_describe (BATON_GROUP_CHIP (chip_of (window, "Cluster Node 2",
                                                            "Exchange Virtual Server 1")));

    g_assert_nonnull (strstr (description, "belongs on Cluster Node 1"));
  }

  /* And back home by the same path. */
  g_assert_true (baton_node_card_drop_group (card_of (window, "Cluster Node 1"), evs));
  wait_steps (&steps, 2);
  g_assert_null (steps.error);
  g_assert_cmpstr (baton_group_get_owner (evs), ==, "Cluster Node 1");
  assert_chip_only_in (window, "Exchange Virtual Server 1", "Cluster Node 1");
  assert_one_cluster (window, cluster);

  steps_unwatch (&steps, view);
  close_window (window);
}

static void
test_topology_action_moves (void)
{
  BatonWindow *window = open_fixture ("nt4-two-node.json");
  BatonTopologyView *view = view_of (window);
  BatonCluster *cluster = baton_window_get_cluster (window);
  Steps steps;

  steps_watch (&steps, view);

  /* The keyboard's way: the action itself, on the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.move-group", "(ss)",
                                             "Print Group", "NODE-A"));
  wait_steps (&steps, 1);
  g_assert_null (steps.error);
  g_assert_nonnull (steps.step);
  g_assert_cmpstr (baton_group_get_owner (group_of (window, "Print Group")), ==, "NODE-A");
  assert_chip_only_in (window, "Print Group", "NODE-A");
  g_assert_cmpuint (baton_node_card_get_n_chips (card_of (window, "NODE-A")), ==, 3);
  g_assert_cmpuint (baton_node_card_get_n_chips (card_of (window, "NODE-B")), ==, 0);
  assert_one_cluster (window, cluster);

  /* The chip's menu: "Move To" lists the other node, with the same action. */
  {
    GtkWidget *chip = chip_of (window, "NODE-A", "File Share Group");
    GtkPopover *popover;
    g_autoptr(GMenuModel) submenu = NULL;
    g_autofree char *label = NULL;
    g_autofree char *action = NULL;
    g_autoptr(GVariant) target = NULL;
    const char *group_name, *node_name;

    g_assert_nonnull (chip);
    popover = popup_menu (chip);
    submenu = move_to_menu (popover);
    g_assert_cmpint (g_menu_model_get_n_items (submenu), ==, 1);
    g_assert_true (g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "NODE-B");
    g_assert_true (g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "topology.move-group");
    target = g_menu_model_get_item_attribute_value (submenu, 0, G_MENU_ATTRIBUTE_TARGET,
                                                    G_VARIANT_TYPE ("(ss)"));
    g_assert_nonnull (target);
    g_variant_get (target, "(&s&s)", &group_name, &node_name);
    g_assert_cmpstr (group_name, ==, "File Share Group");
    g_assert_cmpstr (node_name, ==, "NODE-B");

    /* What the menu item does when picked: activate the action from inside the popover. */
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (popover), action, target));
    gtk_popover_popdown (popover);
  }
  wait_steps (&steps, 2);
  g_assert_null (steps.error);
  g_assert_cmpstr (baton_group_get_owner (group_of (window, "File Share Group")), ==, "NODE-B");
  assert_chip_only_in (window, "File Share Group", "NODE-B");
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  assert_one_cluster (window, cluster);

  steps_unwatch (&steps, view);
  close_window (window);
}

/* --- refusals, pause and resume ---------------------------------------------------- */

static void
assert_refused_in_card (BatonNodeCard *card,
                        const char    *needle)
{
  GtkWidget *revealer = card_child (card, "refusal_revealer");
  GtkWidget *label = card_child (card, "refusal_label");

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card), "drop-refused"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_get_visible (revealer));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), needle));
}

static void
test_topology_refusals (void)
{
  BatonWindow *window = open_fixture ("nt4-two-node.json");
  BatonTopologyView *view = view_of (window);
  BatonCluster *cluster = baton_window_get_cluster (window);
  BatonNodeCard *card_a = card_of (window, "NODE-A");
  BatonNodeCard *card_b = card_of (window, "NODE-B");
  BatonGroup *core = group_of (window, "Cluster Group");
  BatonGroup *print = group_of (window, "Print Group");
  g_autofree char *reason = NULL;
  Steps steps;
  guint busy_notifies;

  steps_watch (&steps, view);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-up"));

  /* Pause NODE-B through the backend. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.pause-node", "s",
                                             "NODE-B"));
  wait_steps (&steps, 1);
  g_assert_null (steps.error);
  g_assert_nonnull (steps.step);
  g_assert_cmpint (baton_step_get_action (steps.step), ==, BATON_ACTION_PAUSE_NODE);
  g_assert_cmpint (baton_node_get_state (baton_cluster_lookup_node (cluster, "NODE-B")), ==,
                   BATON_NODE_STATE_PAUSED);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-paused"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-up"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card_b), "drop-refused"));

  /* A drop on the paused node: refused in the card, nothing runs, nothing moves. */
  busy_notifies = steps.n_busy_notify;
  g_assert_false (baton_node_card_check_drop (card_b, core, &reason));
  g_assert_nonnull (strstr (reason, "NODE-B"));
  g_assert_false (baton_node_card_drop_group (card_b, core));
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  g_assert_cmpuint (steps.n_busy_notify, ==, busy_notifies);
  g_assert_cmpuint (steps.n_finished, ==, 1);
  g_assert_cmpstr (baton_group_get_owner (core), ==, "NODE-A");
  assert_chip_only_in (window, "Cluster Group", "NODE-A");
  assert_refused_in_card (card_b, "NODE-B");
  assert_refused_in_card (card_b, "paused");

  /* The chip's menu says why NODE-B cannot take it. */
  {
    GtkPopover *popover = popup_menu (chip_of (window, "NODE-A", "Cluster Group"));
    g_autoptr(GMenuModel) submenu = move_to_menu (popover);
    g_autofree char *label = NULL;

    g_assert_true (g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "NODE-B (Paused)");
    gtk_popover_popdown (popover);
  }

  /* The action (keyboard, menu) on the paused node: refused before it runs, said in the card. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.move-group", "(ss)",
                                             "Cluster Group", "NODE-B"));
  wait_steps (&steps, 2);
  g_assert_null (steps.step);
  g_assert_nonnull (steps.error);
  g_assert_nonnull (strstr (steps.error, "NODE-B"));
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  g_assert_cmpuint (steps.n_busy_notify, ==, busy_notifies);
  g_assert_cmpstr (baton_group_get_owner (core), ==, "NODE-A");
  assert_refused_in_card (card_b, "NODE-B");

  /* Dropping a group on its own node is refused too. */
  g_clear_pointer (&reason, g_free);
  g_assert_false (baton_node_card_drop_group (card_a, core));
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  assert_refused_in_card (card_a, "already on");

  /* Resume NODE-B through the backend: up again, and it takes groups. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.resume-node", "s",
                                             "NODE-B"));
  wait_steps (&steps, 3);
  g_assert_null (steps.error);
  g_assert_cmpint (baton_step_get_action (steps.step), ==, BATON_ACTION_RESUME_NODE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-up"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (card_b), "node-paused"));
  g_assert_true (baton_node_card_check_drop (card_b, core, NULL));

  /* A node that is not a possible owner: NODE-A, once Print Group may only run on NODE-B. */
  {
    const char * const only_b[] = { "NODE-B", NULL };

    baton_group_set_possible_owners (print, only_b);
  }
  busy_notifies = steps.n_busy_notify;
  g_clear_pointer (&reason, g_free);
  g_assert_false (baton_node_card_check_drop (card_a, print, &reason));
  g_assert_nonnull (strstr (reason, "possible owners"));
  g_assert_false (baton_node_card_drop_group (card_a, print));
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  g_assert_cmpuint (steps.n_busy_notify, ==, busy_notifies);
  g_assert_cmpuint (steps.n_finished, ==, 3);
  g_assert_cmpstr (baton_group_get_owner (print), ==, "NODE-B");
  assert_chip_only_in (window, "Print Group", "NODE-B");
  assert_refused_in_card (card_a, "possible owners");
  assert_refused_in_card (card_a, "NODE-A");

  {
    GtkPopover *popover = popup_menu (chip_of (window, "NODE-B", "Print Group"));
    g_autoptr(GMenuModel) submenu = move_to_menu (popover);
    g_autofree char *label = NULL;

    g_assert_true (g_menu_model_get_item_attribute (submenu, 0, G_MENU_ATTRIBUTE_LABEL, "s",
                                                    &label));
    g_assert_cmpstr (label, ==, "NODE-A (not a possible owner)");
    gtk_popover_popdown (popover);
  }

  assert_one_cluster (window, cluster);
  steps_unwatch (&steps, view);
  close_window (window);
}

/* --- accessibility ---------------------------------------------------------------- */

static void
assert_accessible (BatonWindow *window)
{
  g_autoptr(GPtrArray) all = cards (view_of (window));

  for (guint i = 0; i < all->len; i++)
    {
      BatonNodeCard *card = g_ptr_array_index (all, i);
      g_autoptr(GPtrArray) card_chips = chips (card);

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (card)), ==,
                       GTK_ACCESSIBLE_ROLE_GROUP);
      for (guint j = 0; j < card_chips->len; j++)
        {
          BatonGroupChip *chip = g_ptr_array_index (card_chips, j);
          BatonGroup *group = baton_group_chip_get_group (chip);
          g_autofree char *description = baton_group_chip_describe (chip);
          const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (chip));

          g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chip)), ==,
                           GTK_ACCESSIBLE_ROLE_BUTTON);
          /* The tooltip is set to the accessible label, the same description. */
          g_assert_nonnull (tooltip);
          g_assert_cmpstr (tooltip, ==, description);
          g_assert_true (g_str_has_prefix (tooltip, baton_group_get_name (group)));
          g_assert_nonnull (strstr (tooltip,
                                    baton_group_state_to_label (baton_group_get_state (group))));
        }
    }
}

static void
test_topology_accessible (void)
{
  static const char * const names[] = {
    "exchange2003-frontend-backend.json", "nt4-two-node.json", "unknown-members.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      BatonWindow *window = open_fixture (names[i]);

      assert_accessible (window);
      close_window (window);
    }
}

/* --- a slow simulator: pending, busy ----------------------------------------------- */

static void
state_notify_cb (BatonGroup *group,
                 GParamSpec *pspec,
                 GArray     *states)
{
  BatonGroupState state = baton_group_get_state (group);

  if (states->len == 0 || g_array_index (states, BatonGroupState, states->len - 1) != state)
    g_array_append_val (states, state);
}

static void
test_topology_pending (void)
{
  BatonWindow *window;
  BatonTopologyView *view;
  BatonGroup *print;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (BatonGroupState));
  gint64 start;
  double elapsed_ms;
  Steps steps;

  /* 600 simulated seconds a second: the 60 s move takes 100 ms. */
  g_settings_set_double (settings, "simulator-speed", 600);
  window = open_fixture ("nt4-two-node.json");
  g_settings_set_double (settings, "simulator-speed", 0);
  view = view_of (window);
  print = group_of (window, "Print Group");
  steps_watch (&steps, view);
  g_signal_connect (print, "notify::state", G_CALLBACK (state_notify_cb), states);

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.move-group", "(ss)",
                                             "Print Group", "NODE-A"));

  /* Under way: one step, the group pending on its old node, its chip says so. */
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 1);
  g_assert_cmpint (baton_group_get_state (print), ==, BATON_GROUP_STATE_PENDING);
  g_assert_cmpstr (baton_group_get_owner (print), ==, "NODE-B");
  {
    GtkWidget *chip = chip_of (window, "NODE-B", "Print Group");

    g_assert_nonnull (chip);
    g_assert_true (gtk_widget_has_css_class (chip, "group-pending"));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (chip), "Pending"));
  }
  wait_ms (20);
  if (g_get_monotonic_time () - start < 90 * 1000)
    {
      /* Still under way (unless this machine stalled past the move's 100 ms). */
      g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 1);
      g_assert_cmpuint (steps.n_finished, ==, 0);
    }

  wait_steps (&steps, 1);
  elapsed_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("the move took %.0f ms", elapsed_ms);
  g_assert_cmpfloat (elapsed_ms, >=, 50);

  g_assert_null (steps.error);
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  g_assert_cmpstr (baton_group_get_owner (print), ==, "NODE-A");
  g_assert_cmpint (baton_group_get_state (print), ==, BATON_GROUP_STATE_ONLINE);
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpint (g_array_index (states, BatonGroupState, 0), ==, BATON_GROUP_STATE_PENDING);
  g_assert_cmpint (g_array_index (states, BatonGroupState, 1), ==, BATON_GROUP_STATE_ONLINE);
  assert_chip_only_in (window, "Print Group", "NODE-A");
  g_assert_true (gtk_widget_has_css_class (chip_of (window, "NODE-A", "Print Group"),
                                           "group-online"));

  /* Two moves at once: busy counts both. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.move-group", "(ss)",
                                             "Print Group", "NODE-B"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "topology.move-group", "(ss)",
                                             "File Share Group", "NODE-B"));
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 2);
  wait_steps (&steps, 3);
  g_assert_cmpuint (baton_topology_view_get_n_busy (view), ==, 0);
  assert_chip_only_in (window, "Print Group", "NODE-B");
  assert_chip_only_in (window, "File Share Group", "NODE-B");

  g_signal_handlers_disconnect_by_data (print, states);
  steps_unwatch (&steps, view);
  close_window (window);
}

/* --- the ghost --------------------------------------------------------------------- */

static gboolean
has_ghost (gpointer data)
{
  return gtk_widget_get_first_child (data) != NULL;
}

static gboolean
no_ghost (gpointer data)
{
  return gtk_widget_get_first_child (data) == NULL;
}

/* What happened in the ghost layer, as it happened. */
typedef struct
{
  GtkWidget *ghosts;
  guint      n_added;
  guint      n_removed;
  gint64     added_us;
  gint64     removed_us;
  char      *label;        /* of the last ghost added */
  gboolean   chip_hidden;  /* the chip was still invisible when its ghost landed */
  BatonWindow *window;
  const char  *node;
  const char  *group;
} Flights;

static void
ghosts_changed_cb (GListModel *children,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Flights    *flights)
{
  gint64 now = g_get_monotonic_time ();

  flights->n_removed += removed;
  if (removed > 0)
    {
      GtkWidget *chip = chip_of (flights->window, flights->node, flights->group);

      flights->removed_us = now;
      flights->chip_hidden = chip != NULL && gtk_widget_get_opacity (chip) == 0.0;
    }
  flights->n_added += added;
  if (added > 0)
    {
      g_autoptr(GtkWidget) ghost = g_list_model_get_item (children, position);

      flights->added_us = now;
      g_free (flights->label);
      flights->label = GTK_IS_LABEL (ghost) ? g_strdup (gtk_label_get_label (GTK_LABEL (ghost)))
                                            : NULL;
      g_assert_true (gtk_widget_has_css_class (ghost, "group-ghost"));
    }
}

static gboolean
landed (gpointer data)
{
  Flights *flights = data;

  return flights->n_added > 0 && flights->n_removed == flights->n_added;
}

typedef struct
{
  BatonWindow *window;
  const char  *node;
  const char  *group;
} ChipWait;

static gboolean
chip_opaque (gpointer data)
{
  ChipWait *wait = data;
  GtkWidget *chip = chip_of (wait->window, wait->node, wait->group);

  return chip != NULL && gtk_widget_get_opacity (chip) == 1.0;
}

static void
move_and_watch_ghost (BatonWindow *window,
                      Steps       *steps,
                      const char  *group,
                      const char  *node)
{
  BatonTopologyView *view = view_of (window);
  GtkWidget *ghosts = view_child (view, "ghosts");
  g_autoptr(GListModel) children = gtk_widget_observe_children (ghosts);
  Flights flights = { ghosts, 0, 0, 0, 0, NULL, FALSE, window, node, group };
  ChipWait chip_wait = { window, node, group };
  gboolean animations = TRUE;
  guint n = steps->n_finished;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (view)), "gtk-enable-animations", &animations,
                NULL);
  g_assert_true (GTK_IS_FIXED (ghosts));
  g_assert_null (gtk_widget_get_first_child (ghosts));
  g_signal_connect (children, "items-changed", G_CALLBACK (ghosts_changed_cb), &flights);

  g_assert_true (baton_node_card_drop_group (card_of (window, node), group_of (window, group)));
  wait_steps (steps, n + 1);
  g_assert_null (steps->error);
  assert_chip_only_in (window, group, node);

  if (animations)
    {
      /* Within a few frames, a ghost with the group's name sets off, while
       * the chip it flies to waits, unseen... */
      g_assert_true (wait_until (has_ghost, ghosts, 5000));
      g_assert_cmpfloat (gtk_widget_get_opacity (chip_of (window, node, group)), ==, 0.0);
      /* ...and lands after about 450 ms (on the frame clock). */
      g_assert_true (wait_until (no_ghost, ghosts, 5000));
      g_assert_cmpuint (flights.n_added, ==, 1);
      g_assert_cmpuint (flights.n_removed, ==, 1);
      g_test_message ("the ghost of “%s” flew %.0f ms", group,
                      (flights.removed_us - flights.added_us) / 1000.0);
      g_assert_cmpint (flights.removed_us - flights.added_us, >=, 350 * 1000);
    }
  else
    {
      /* Without animations it sets off and lands at once: AdwAnimation skips
       * to its end when animations are off (or the view is not mapped). */
      g_assert_true (wait_until (landed, &flights, 5000));
      g_assert_null (gtk_widget_get_first_child (ghosts));
      g_assert_cmpuint (flights.n_added, ==, 1);
      g_assert_cmpuint (flights.n_removed, ==, 1);
      g_test_message ("without animations, the ghost of “%s” flew %.0f ms", group,
                      (flights.removed_us - flights.added_us) / 1000.0);
    }

  g_assert_cmpstr (flights.label, ==, group);
  g_assert_true (flights.chip_hidden);

  /* In the end the layer is empty and the chip in its new card shows. */
  g_assert_true (wait_until (no_ghost, ghosts, 5000));
  g_assert_true (wait_until (chip_opaque, &chip_wait, 5000));
  g_assert_cmpfloat (gtk_widget_get_opacity (chip_of (window, node, group)), ==, 1.0);

  g_signal_handlers_disconnect_by_data (children, &flights);
  g_free (flights.label);
}

static void
test_topology_ghost (void)
{
  BatonWindow *window = open_fixture ("exchange2003-frontend-backend.json");
  BatonTopologyView *view = view_of (window);
  GtkSettings *gtk_settings = gtk_widget_get_settings (GTK_WIDGET (view));
  gboolean animations;
  Steps steps;

  steps_watch (&steps, view);
  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  g_test_message ("gtk-enable-animations: %s", animations ? "true" : "false");

  /* As the settings are: under Xvfb, animations are normally on. */
  move_and_watch_ghost (window, &steps, "Exchange Virtual Server 1", "Cluster Node 2");

  /* With animations forced on, and off. */
  g_object_set (gtk_settings, "gtk-enable-animations", TRUE, NULL);
  move_and_watch_ghost (window, &steps, "Exchange Virtual Server 1", "Cluster Node 1");
  g_object_set (gtk_settings, "gtk-enable-animations", FALSE, NULL);
  move_and_watch_ghost (window, &steps, "Cluster Group", "Cluster Node 1");
  g_object_set (gtk_settings, "gtk-enable-animations", animations, NULL);

  steps_unwatch (&steps, view);
  close_window (window);
}

/* The window closes with a ghost in the air: nothing leaks or crashes. */
static void
test_topology_close_in_flight (void)
{
  BatonWindow *window = open_fixture ("nt4-two-node.json");
  BatonTopologyView *view = view_of (window);
  GtkSettings *gtk_settings = gtk_widget_get_settings (GTK_WIDGET (view));
  gboolean animations;
  Steps steps;

  g_object_get (gtk_settings, "gtk-enable-animations", &animations, NULL);
  g_object_set (gtk_settings, "gtk-enable-animations", TRUE, NULL);
  steps_watch (&steps, view);
  wait_ms (100);

  g_assert_true (baton_node_card_drop_group (card_of (window, "NODE-B"),
                                             group_of (window, "Cluster Group")));
  wait_steps (&steps, 1);
  g_assert_true (wait_until (has_ghost, view_child (view, "ghosts"), 2000));

  steps_unwatch (&steps, view);
  close_window (window);
  g_object_set (gtk_settings, "gtk-enable-animations", animations, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("no display: run under xvfb-run (build-aux/dev test does)\n");
      return 77;
    }

  /* The window adds every file it opens to the recent files: keep them out
   * of the user's own list (set before GLib reads it). */
  data_home = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR")
                                                             : g_get_tmp_dir (),
                                "test-topology-data", NULL);
  g_mkdir_with_parents (data_home, 0700);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  baton_register_resource ();

  /* An instant simulator, except where a test says otherwise. */
  settings = g_settings_new (APP_ID);
  g_settings_set_double (settings, "simulator-speed", 0);

  g_test_add_func ("/topology/fixtures", test_topology_fixtures);
  g_test_add_func ("/topology/drop-moves", test_topology_drop_moves);
  g_test_add_func ("/topology/action-moves", test_topology_action_moves);
  g_test_add_func ("/topology/refusals", test_topology_refusals);
  g_test_add_func ("/topology/accessible", test_topology_accessible);
  g_test_add_func ("/topology/pending", test_topology_pending);
  g_test_add_func ("/topology/ghost", test_topology_ghost);
  g_test_add_func ("/topology/close-in-flight", test_topology_close_in_flight);

  status = g_test_run ();
  g_clear_object (&settings);
  return status;
}
