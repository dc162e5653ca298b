/* test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cluster model: defaults, look-up by name, list model signals with
 * their exact arguments, property notification only on change, the
 * software-changed signal, the rules of moving a group, quorum, and that
 * every object is finalized when its last reference goes.
 */

#include "config.h"

#include <string.h>

#include "baton-model.h"

/* --- helpers --------------------------------------------------------------- */

/* Records the arguments of every items-changed emission of a list model. */
typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChange;

typedef struct
{
  GListModel *model;
  gulong      handler;
  GArray     *calls;  /* of ItemsChange */
} ItemsRecorder;

static void
items_changed_cb (GListModel    *model,
                  guint          position,
                  guint          removed,
                  guint          added,
                  ItemsRecorder *recorder)
{
  ItemsChange change = { position, removed, added };

  g_assert_true (model == recorder->model);
  g_array_append_val (recorder->calls, change);
}

static ItemsRecorder *
items_recorder_new (GListModel *model)
{
  ItemsRecorder *recorder = g_new0 (ItemsRecorder, 1);

  recorder->model = model;
  recorder->calls = g_array_new (FALSE, FALSE, sizeof (ItemsChange));
  recorder->handler = g_signal_connect (model, "items-changed",
                                        G_CALLBACK (items_changed_cb), recorder);
  return recorder;
}

static void
items_recorder_free (ItemsRecorder *recorder)
{
  g_signal_handler_disconnect (recorder->model, recorder->handler);
  g_array_unref (recorder->calls);
  g_free (recorder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ItemsRecorder, items_recorder_free)

/* Asserts that exactly one emission happened since the last check, with these arguments. */
static void
assert_items_changed (ItemsRecorder *recorder,
                      guint          position,
                      guint          removed,
                      guint          added)
{
  const ItemsChange *change;

  g_assert_cmpuint (recorder->calls->len, ==, 1);
  change = &g_array_index (recorder->calls, ItemsChange, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_array_set_size (recorder->calls, 0);
}

static void
assert_no_items_changed (ItemsRecorder *recorder)
{
  g_assert_cmpuint (recorder->calls->len, ==, 0);
}

static void
record_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
count_cb (gpointer instance,
          gpointer unused,
          guint   *count)
{
  (*count)++;
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV)
    {
      const char * const *va = g_value_get_boxed (a);
      const char * const *vb = g_value_get_boxed (b);

      if (va == NULL || vb == NULL)
        return va == vb;
      return g_strv_equal (va, vb);
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

/*
 * Sets @property to @value twice, like GNOME Console's property tests:
 * the first time "notify" must fire exactly once, for that property only,
 * and the value must read back; the second time nothing must fire.
 */
static void
assert_property_notifies (gpointer      object,
                          const char   *property,
                          const GValue *value)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *detailed = g_strdup_printf ("notify::%s", property);
  GValue read = G_VALUE_INIT;
  GParamSpec *pspec;
  guint detailed_count = 0;
  gulong any_id, detailed_id;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

  g_value_init (&read, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (object, property, &read);
  g_assert_false (values_equal (pspec, &read, value));
  g_value_unset (&read);

  any_id = g_signal_connect (object, "notify", G_CALLBACK (record_notify_cb), names);
  detailed_id = g_signal_connect (object, detailed, G_CALLBACK (count_cb), &detailed_count);

  g_object_set_property (object, property, value);
  g_assert_cmpuint (detailed_count, ==, 1);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, property);

  g_value_init (&read, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (object, property, &read);
  g_assert_true (values_equal (pspec, &read, value));

  /* The same value again, as a fresh copy: nothing changes, nothing fires. */
  g_object_set_property (object, property, &read);
  g_value_unset (&read);
  g_assert_cmpuint (detailed_count, ==, 1);
  g_assert_cmpuint (names->len, ==, 1);

  g_signal_handler_disconnect (object, any_id);
  g_signal_handler_disconnect (object, detailed_id);
}

static void
assert_enum_notifies (gpointer    object,
                      const char *property,
                      GType       type,
                      int         v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, type);
  g_value_set_enum (&value, v);
  assert_property_notifies (object, property, &value);
  g_value_unset (&value);
}

static void
assert_uint_notifies (gpointer    object,
                      const char *property,
                      guint       v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, v);
  assert_property_notifies (object, property, &value);
  g_value_unset (&value);
}

static void
assert_string_notifies (gpointer    object,
                        const char *property,
                        const char *v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, v);
  assert_property_notifies (object, property, &value);
  g_value_unset (&value);
}

static void
assert_strv_notifies (gpointer            object,
                      const char         *property,
                      const char * const *v)
{
  GValue value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRV);
  g_value_set_boxed (&value, v);
  assert_property_notifies (object, property, &value);
  g_value_unset (&value);
}

static BatonNode *
add_node (BatonCluster   *cluster,
          const char     *name,
          BatonNodeState  state,
          guint           votes)
{
  BatonNode *node = baton_node_new (name);
  g_autoptr(GError) error = NULL;

  baton_node_set_state (node, state);
  baton_node_set_votes (node, votes);
  g_assert_true (baton_cluster_add_node (cluster, node, &error));
  g_assert_no_error (error);

  /* Borrowed: the cluster holds the only reference. */
  g_object_unref (node);
  return node;
}

static BatonGroup *
add_group (BatonCluster *cluster,
           const char   *name,
           const char   *owner)
{
  BatonGroup *group = baton_group_new (name, BATON_GROUP_KIND_GENERIC, owner);
  g_autoptr(GError) error = NULL;

  g_assert_true (baton_cluster_add_group (cluster, group, &error));
  g_assert_no_error (error);

  /* Borrowed: the cluster holds the only reference. */
  g_object_unref (group);
  return group;
}

static BatonVersion *
version (const char *text)
{
  g_autoptr(GError) error = NULL;
  BatonVersion *ret = baton_version_parse (text, &error);

  g_assert_no_error (error);
  return ret;
}

/* --- defaults -------------------------------------------------------------- */

static void
test_node_defaults (void)
{
  BatonNode *node = baton_node_new ("NODE-A");
  g_auto(GStrv) families = NULL;

  g_assert_true (BATON_IS_MACHINE (node));
  g_assert_cmpstr (baton_machine_get_name (BATON_MACHINE (node)), ==, "NODE-A");
  g_assert_cmpint (baton_node_get_state (node), ==, BATON_NODE_STATE_UP);
  g_assert_cmpuint (baton_node_get_votes (node), ==, 1);
  g_assert_cmpuint (baton_node_get_capacity (node), ==, 100);
  g_assert_true (baton_node_is_up (node));

  families = baton_machine_dup_families (BATON_MACHINE (node));
  g_assert_nonnull (families);
  g_assert_cmpuint (g_strv_length (families), ==, 0);
  g_assert_null (baton_machine_get_version (BATON_MACHINE (node), "windows"));

  /* Paused nodes are members (quorum), down nodes are not. */
  baton_node_set_state (node, BATON_NODE_STATE_PAUSED);
  g_assert_true (baton_node_is_up (node));
  baton_node_set_state (node, BATON_NODE_STATE_DOWN);
  g_assert_false (baton_node_is_up (node));

  g_assert_finalize_object (node);
}

static void
test_group_defaults (void)
{
  BatonGroup *group = baton_group_new ("Cluster Group", BATON_GROUP_KIND_CLUSTER_CORE, "NODE-A");
  GListModel *resources;

  g_assert_cmpstr (baton_group_get_name (group), ==, "Cluster Group");
  g_assert_cmpint (baton_group_get_kind (group), ==, BATON_GROUP_KIND_CLUSTER_CORE);
  g_assert_cmpint (baton_group_get_state (group), ==, BATON_GROUP_STATE_ONLINE);
  g_assert_cmpstr (baton_group_get_owner (group), ==, "NODE-A");
  g_assert_cmpuint (baton_group_get_load (group), ==, 1);
  g_assert_null (baton_group_get_preferred_owners (group));
  g_assert_null (baton_group_get_possible_owners (group));

  /* No possible owners: every node may own it; no preferred: the owner. */
  g_assert_true (baton_group_is_possible_owner (group, "NODE-A"));
  g_assert_true (baton_group_is_possible_owner (group, "anything"));
  g_assert_cmpstr (baton_group_get_preferred_owner (group), ==, "NODE-A");

  resources = baton_group_get_resources (group);
  g_assert_true (g_list_model_get_item_type (resources) == BATON_TYPE_RESOURCE);
  g_assert_cmpuint (g_list_model_get_n_items (resources), ==, 0);

  g_assert_finalize_object (group);
}

static void
test_group_owner_lists (void)
{
  BatonGroup *group = baton_group_new ("EVS1", BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER, "A");
  const char * const preferred[] = { "B", "A", NULL };
  const char * const possible[] = { "A", "B", NULL };
  const char * const none[] = { NULL };

  baton_group_set_preferred_owners (group, preferred);
  g_assert_cmpstr (baton_group_get_preferred_owner (group), ==, "B");
  g_assert_true (g_strv_equal (baton_group_get_preferred_owners (group), preferred));
  /* The group keeps its own copy. */
  g_assert_true (baton_group_get_preferred_owners (group) != preferred);

  baton_group_set_possible_owners (group, possible);
  g_assert_true (baton_group_is_possible_owner (group, "A"));
  g_assert_true (baton_group_is_possible_owner (group, "B"));
  g_assert_false (baton_group_is_possible_owner (group, "C"));
  g_assert_false (baton_group_is_possible_owner (group, "a"));

  /* An empty list is not "every node". */
  baton_group_set_possible_owners (group, none);
  g_assert_nonnull (baton_group_get_possible_owners (group));
  g_assert_false (baton_group_is_possible_owner (group, "A"));

  baton_group_set_possible_owners (group, NULL);
  g_assert_true (baton_group_is_possible_owner (group, "C"));

  /* An empty preferred list falls back on the owner. */
  baton_group_set_preferred_owners (group, none);
  g_assert_cmpstr (baton_group_get_preferred_owner (group), ==, "A");

  g_assert_finalize_object (group);
}

static void
test_group_resources (void)
{
  BatonGroup *group = baton_group_new ("Cluster Group", BATON_GROUP_KIND_CLUSTER_CORE, "A");
  BatonResource *ip = baton_resource_new ("Cluster IP Address", "IP Address");
  BatonResource *name = baton_resource_new ("Cluster Name", "Network Name");
  g_autoptr(ItemsRecorder) recorder = items_recorder_new (baton_group_get_resources (group));
  g_autoptr(BatonResource) first = NULL;

  g_assert_cmpstr (baton_resource_get_name (ip), ==, "Cluster IP Address");
  g_assert_cmpstr (baton_resource_get_resource_type (ip), ==, "IP Address");

  baton_group_add_resource (group, ip);
  assert_items_changed (recorder, 0, 0, 1);
  baton_group_add_resource (group, name);
  assert_items_changed (recorder, 1, 0, 1);

  first = g_list_model_get_item (baton_group_get_resources (group), 0);
  g_assert_true (first == ip);
  g_clear_object (&first);

  g_clear_pointer (&recorder, items_recorder_free);
  g_assert_finalize_object (group);
  g_assert_finalize_object (ip);
  g_assert_finalize_object (name);
}

static void
test_server_defaults (void)
{
  BatonServer *server = baton_server_new ("FE1", BATON_SERVER_ROLE_FRONT_END);

  g_assert_true (BATON_IS_MACHINE (server));
  g_assert_cmpstr (baton_machine_get_name (BATON_MACHINE (server)), ==, "FE1");
  g_assert_cmpint (baton_server_get_role (server), ==, BATON_SERVER_ROLE_FRONT_END);
  g_assert_null (baton_server_get_load_balanced_set (server));
  g_assert_null (baton_server_get_source (server));

  g_assert_finalize_object (server);
}

static void
test_cluster_defaults (void)
{
  BatonCluster *cluster = baton_cluster_new ("EXCLUSTER", BATON_PLATFORM_WINDOWS_2003);
  g_autoptr(GListModel) nodes = NULL;
  g_autofree char *name = NULL;
  BatonPlatform platform;

  g_assert_cmpstr (baton_cluster_get_name (cluster), ==, "EXCLUSTER");
  g_assert_cmpint (baton_cluster_get_platform (cluster), ==, BATON_PLATFORM_WINDOWS_2003);

  g_assert_true (g_list_model_get_item_type (baton_cluster_get_nodes (cluster)) == BATON_TYPE_NODE);
  g_assert_true (g_list_model_get_item_type (baton_cluster_get_groups (cluster)) ==
                 BATON_TYPE_GROUP);
  g_assert_true (g_list_model_get_item_type (baton_cluster_get_servers (cluster)) ==
                 BATON_TYPE_SERVER);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_nodes (cluster)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_groups (cluster)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_servers (cluster)), ==, 0);

  /* The properties give the same objects as the getters. */
  g_object_get (cluster, "name", &name, "platform", &platform, "nodes", &nodes, NULL);
  g_assert_cmpstr (name, ==, "EXCLUSTER");
  g_assert_cmpint (platform, ==, BATON_PLATFORM_WINDOWS_2003);
  g_assert_true (nodes == baton_cluster_get_nodes (cluster));
  g_clear_object (&nodes);

  g_assert_cmpuint (baton_cluster_get_total_votes (cluster), ==, 0);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 0);

  g_assert_finalize_object (cluster);
}

/* --- names ------------------------------------------------------------------ */

static void
test_cluster_lookup (void)
{
  BatonCluster *cluster = baton_cluster_new ("EXCLUSTER", BATON_PLATFORM_WINDOWS_2003);
  BatonServer *server = baton_server_new ("FE1", BATON_SERVER_ROLE_FRONT_END);
  BatonNode *node_a, *node_b;
  BatonGroup *group_a, *core;
  g_autoptr(GError) error = NULL;

  node_a = add_node (cluster, "A", BATON_NODE_STATE_UP, 1);
  node_b = add_node (cluster, "Node B $x \"q\"", BATON_NODE_STATE_UP, 1);
  g_assert_true (baton_cluster_add_server (cluster, server, &error));
  g_assert_no_error (error);
  core = add_group (cluster, "Cluster Group", "A");
  /* Groups have their own namespace: a group may share a node's name. */
  group_a = add_group (cluster, "A", "A");

  g_assert_true (baton_cluster_lookup_node (cluster, "A") == node_a);
  g_assert_true (baton_cluster_lookup_node (cluster, "Node B $x \"q\"") == node_b);
  g_assert_null (baton_cluster_lookup_node (cluster, "FE1"));
  g_assert_null (baton_cluster_lookup_node (cluster, "a"));
  g_assert_null (baton_cluster_lookup_node (cluster, "Cluster Group"));
  g_assert_null (baton_cluster_lookup_node (cluster, ""));

  g_assert_true (baton_cluster_lookup_server (cluster, "FE1") == server);
  g_assert_null (baton_cluster_lookup_server (cluster, "A"));

  g_assert_true (baton_cluster_lookup_machine (cluster, "A") == BATON_MACHINE (node_a));
  g_assert_true (baton_cluster_lookup_machine (cluster, "FE1") == BATON_MACHINE (server));
  g_assert_null (baton_cluster_lookup_machine (cluster, "Cluster Group"));

  g_assert_true (baton_cluster_lookup_group (cluster, "Cluster Group") == core);
  g_assert_true (baton_cluster_lookup_group (cluster, "A") == group_a);
  g_assert_null (baton_cluster_lookup_group (cluster, "FE1"));
  g_assert_null (baton_cluster_lookup_group (cluster, "cluster group"));

  g_assert_finalize_object (cluster);
  g_assert_finalize_object (server);
}

static void
test_cluster_duplicate (void)
{
  BatonCluster *cluster = baton_cluster_new ("lab", BATON_PLATFORM_PACEMAKER);
  BatonNode *first = baton_node_new ("node1");
  BatonNode *again = baton_node_new ("node1");
  BatonServer *server = baton_server_new ("web1", BATON_SERVER_ROLE_STANDALONE);
  BatonServer *server_as_node = baton_server_new ("node1", BATON_SERVER_ROLE_STANDALONE);
  BatonNode *node_as_server = baton_node_new ("web1");
  BatonGroup *group = baton_group_new ("web", BATON_GROUP_KIND_GENERIC, "node1");
  BatonGroup *group_again = baton_group_new ("web", BATON_GROUP_KIND_IIS, "node1");
  g_autoptr(ItemsRecorder) nodes = items_recorder_new (baton_cluster_get_nodes (cluster));
  g_autoptr(ItemsRecorder) servers = items_recorder_new (baton_cluster_get_servers (cluster));
  g_autoptr(ItemsRecorder) groups = items_recorder_new (baton_cluster_get_groups (cluster));
  g_autoptr(GError) error = NULL;

  g_assert_true (baton_cluster_add_node (cluster, first, &error));
  g_assert_no_error (error);
  assert_items_changed (nodes, 0, 0, 1);

  g_assert_false (baton_cluster_add_node (cluster, again, &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "node1"));
  g_clear_error (&error);
  assert_no_items_changed (nodes);

  g_assert_true (baton_cluster_add_server (cluster, server, &error));
  g_assert_no_error (error);
  assert_items_changed (servers, 0, 0, 1);

  /* Nodes and servers share one namespace, both ways. */
  g_assert_false (baton_cluster_add_server (cluster, server_as_node, &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_false (baton_cluster_add_node (cluster, node_as_server, &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* The same server object twice is a duplicate too. */
  g_assert_false (baton_cluster_add_server (cluster, server, &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE);
  g_clear_error (&error);
  assert_no_items_changed (nodes);
  assert_no_items_changed (servers);

  g_assert_true (baton_cluster_add_group (cluster, group, &error));
  g_assert_no_error (error);
  assert_items_changed (groups, 0, 0, 1);
  g_assert_false (baton_cluster_add_group (cluster, group_again, &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "web"));
  g_clear_error (&error);
  assert_no_items_changed (groups);

  /* The refused objects were not kept, and the look-ups find the first ones. */
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_nodes (cluster)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_servers (cluster)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_groups (cluster)), ==, 1);
  g_assert_true (baton_cluster_lookup_node (cluster, "node1") == first);
  g_assert_true (baton_cluster_lookup_server (cluster, "web1") == server);
  g_assert_true (baton_cluster_lookup_group (cluster, "web") == group);
  g_assert_finalize_object (again);
  g_assert_finalize_object (server_as_node);
  g_assert_finalize_object (node_as_server);
  g_assert_finalize_object (group_again);

  g_clear_pointer (&nodes, items_recorder_free);
  g_clear_pointer (&servers, items_recorder_free);
  g_clear_pointer (&groups, items_recorder_free);
  g_assert_finalize_object (cluster);
  g_assert_finalize_object (first);
  g_assert_finalize_object (server);
  g_assert_finalize_object (group);
}

static void
test_cluster_items_changed (void)
{
  BatonCluster *cluster = baton_cluster_new ("EXCLUSTER", BATON_PLATFORM_WINDOWS_2003);
  g_autoptr(ItemsRecorder) nodes = items_recorder_new (baton_cluster_get_nodes (cluster));
  g_autoptr(ItemsRecorder) groups = items_recorder_new (baton_cluster_get_groups (cluster));
  g_autoptr(ItemsRecorder) servers = items_recorder_new (baton_cluster_get_servers (cluster));
  BatonNode *node_weak[3] = { NULL, };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("NODE-%u", i);
      BatonNode *node = add_node (cluster, name, BATON_NODE_STATE_UP, 1);

      assert_items_changed (nodes, i, 0, 1);
      assert_no_items_changed (groups);
      assert_no_items_changed (servers);

      node_weak[i] = node;
      g_object_add_weak_pointer (G_OBJECT (node), (gpointer *) &node_weak[i]);
    }

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Group %u", i);

      add_group (cluster, name, "NODE-0");
      assert_items_changed (groups, i, 0, 1);
      assert_no_items_changed (nodes);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("FE%u", i);
      g_autoptr(BatonServer) server = baton_server_new (name, BATON_SERVER_ROLE_FRONT_END);

      g_assert_true (baton_cluster_add_server (cluster, server, &error));
      g_assert_no_error (error);
      assert_items_changed (servers, i, 0, 1);
      assert_no_items_changed (nodes);
      assert_no_items_changed (groups);
    }

  /* File order is kept. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (baton_cluster_get_nodes (cluster), i);
      g_assert_true (node == node_weak[i]);
    }

  /* The GListModel contract: counts, and NULL past the end. */
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_nodes (cluster)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_groups (cluster)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (baton_cluster_get_servers (cluster)), ==, 2);
  g_assert_null (g_list_model_get_item (baton_cluster_get_nodes (cluster), 3));
  g_assert_null (g_list_model_get_item (baton_cluster_get_groups (cluster), 4));
  g_assert_null (g_list_model_get_item (baton_cluster_get_servers (cluster), G_MAXUINT));

  g_clear_pointer (&nodes, items_recorder_free);
  g_clear_pointer (&groups, items_recorder_free);
  g_clear_pointer (&servers, items_recorder_free);
  g_assert_finalize_object (cluster);

  /* The cluster held the only references to its nodes. */
  for (guint i = 0; i < 3; i++)
    g_assert_null (node_weak[i]);
}

/* --- notification -------------------------------------------------------- */

static void
test_node_notify (void)
{
  BatonNode *node = baton_node_new ("NODE-A");
  guint count = 0;
  gulong id;

  assert_enum_notifies (node, "state", BATON_TYPE_NODE_STATE, BATON_NODE_STATE_PAUSED);
  assert_enum_notifies (node, "state", BATON_TYPE_NODE_STATE, BATON_NODE_STATE_DOWN);
  assert_uint_notifies (node, "votes", 0);
  assert_uint_notifies (node, "votes", 3);
  assert_uint_notifies (node, "capacity", 250);

  /* The C setters notify the same way. */
  id = g_signal_connect (node, "notify::votes", G_CALLBACK (count_cb), &count);
  baton_node_set_votes (node, 3);
  g_assert_cmpuint (count, ==, 0);
  baton_node_set_votes (node, 1);
  g_assert_cmpuint (count, ==, 1);
  baton_node_set_votes (node, 1);
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (node, id);

  g_assert_finalize_object (node);
}

static void
test_group_notify (void)
{
  BatonGroup *group = baton_group_new ("EVS1", BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER, "A");
  const char * const ab[] = { "A", "B", NULL };
  const char * const ba[] = { "B", "A", NULL };
  const char * const a[] = { "A", NULL };
  const char * const none[] = { NULL };
  guint count = 0;
  gulong id;

  assert_enum_notifies (group, "kind", BATON_TYPE_GROUP_KIND, BATON_GROUP_KIND_GENERIC);
  assert_enum_notifies (group, "state", BATON_TYPE_GROUP_STATE, BATON_GROUP_STATE_OFFLINE);
  assert_enum_notifies (group, "state", BATON_TYPE_GROUP_STATE, BATON_GROUP_STATE_ONLINE);
  assert_uint_notifies (group, "load", 40);
  assert_string_notifies (group, "owner", "B");
  assert_string_notifies (group, "owner", NULL);
  assert_string_notifies (group, "owner", "A");
  assert_strv_notifies (group, "preferred-owners", ab);
  assert_strv_notifies (group, "preferred-owners", ba);  /* order matters */
  assert_strv_notifies (group, "preferred-owners", NULL);
  assert_strv_notifies (group, "possible-owners", a);
  assert_strv_notifies (group, "possible-owners", ab);
  assert_strv_notifies (group, "possible-owners", none);  /* empty is not NULL */
  assert_strv_notifies (group, "possible-owners", NULL);

  id = g_signal_connect (group, "notify::owner", G_CALLBACK (count_cb), &count);
  baton_group_set_owner (group, "A");
  g_assert_cmpuint (count, ==, 0);
  baton_group_set_owner (group, "B");
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (group, id);

  g_assert_finalize_object (group);
}

static void
test_server_notify (void)
{
  BatonServer *server = baton_server_new ("SCR1", BATON_SERVER_ROLE_STANDALONE);

  assert_enum_notifies (server, "role", BATON_TYPE_SERVER_ROLE, BATON_SERVER_ROLE_SCR_TARGET);
  assert_string_notifies (server, "source", "CMS1");
  assert_string_notifies (server, "source", NULL);
  assert_string_notifies (server, "load-balanced-set", "owa");
  assert_string_notifies (server, "load-balanced-set", "owa2");

  g_assert_finalize_object (server);
}

/* --- software -------------------------------------------------------------- */

typedef struct
{
  guint  count;
  char  *family;
} SoftwareRecord;

static void
software_changed_cb (BatonMachine   *machine,
                     const char     *family,
                     SoftwareRecord *record)
{
  record->count++;
  g_free (record->family);
  record->family = g_strdup (family);
}

static void
test_machine_software (void)
{
  BatonNode *node = baton_node_new ("NODE-A");
  BatonMachine *machine = BATON_MACHINE (node);
  g_autoptr(BatonVersion) sp1 = version ("2003 SP1");
  g_autoptr(BatonVersion) sp1_again = version ("2003  SP1");
  g_autoptr(BatonVersion) sp2 = version ("2003 SP2");
  g_autoptr(BatonVersion) win = version ("2003 R2");
  g_autoptr(BatonVersion) iis = version ("6.0");
  SoftwareRecord any = { 0, }, exchange = { 0, }, heard = { 0, };
  gulong any_id, exchange_id, heard_id;
  char **families;

  any_id = g_signal_connect (machine, "software-changed",
                             G_CALLBACK (software_changed_cb), &any);
  exchange_id = g_signal_connect (machine, "software-changed::exchange",
                                  G_CALLBACK (software_changed_cb), &exchange);

  baton_machine_set_version (machine, "exchange", sp1);
  g_assert_cmpuint (any.count, ==, 1);
  g_assert_cmpuint (exchange.count, ==, 1);
  g_assert_cmpstr (exchange.family, ==, "exchange");
  g_assert_true (baton_machine_get_version (machine, "exchange") == sp1);

  /* Another family: the detailed handler stays quiet. */
  baton_machine_set_version (machine, "windows", win);
  g_assert_cmpuint (any.count, ==, 2);
  g_assert_cmpstr (any.family, ==, "windows");
  g_assert_cmpuint (exchange.count, ==, 1);

  /* The same version (same instance, or an equal one written the same): nothing. */
  baton_machine_set_version (machine, "exchange", sp1);
  baton_machine_set_version (machine, "exchange", sp1_again);
  g_assert_cmpuint (any.count, ==, 2);
  g_assert_cmpuint (exchange.count, ==, 1);

  baton_machine_set_version (machine, "exchange", sp2);
  g_assert_cmpuint (any.count, ==, 3);
  g_assert_cmpuint (exchange.count, ==, 2);
  g_assert_true (baton_machine_get_version (machine, "exchange") == sp2);

  baton_machine_set_version (machine, "iis", iis);
  g_assert_cmpuint (any.count, ==, 4);

  /* First-set order survives a change of version. */
  families = baton_machine_dup_families (machine);
  g_assert_cmpuint (g_strv_length (families), ==, 3);
  g_assert_cmpstr (families[0], ==, "exchange");
  g_assert_cmpstr (families[1], ==, "windows");
  g_assert_cmpstr (families[2], ==, "iis");
  g_strfreev (families);

  /* Removing emits once; removing what is not there emits nothing. */
  baton_machine_set_version (machine, "exchange", NULL);
  g_assert_cmpuint (any.count, ==, 5);
  g_assert_cmpuint (exchange.count, ==, 3);
  g_assert_null (baton_machine_get_version (machine, "exchange"));
  baton_machine_set_version (machine, "exchange", NULL);
  baton_machine_set_version (machine, "sql", NULL);
  g_assert_cmpuint (any.count, ==, 5);
  g_assert_cmpuint (exchange.count, ==, 3);

  /* Set again, it goes to the end. */
  baton_machine_set_version (machine, "exchange", sp1);
  g_assert_cmpuint (exchange.count, ==, 4);
  families = baton_machine_dup_families (machine);
  g_assert_cmpuint (g_strv_length (families), ==, 3);
  g_assert_cmpstr (families[0], ==, "windows");
  g_assert_cmpstr (families[1], ==, "iis");
  g_assert_cmpstr (families[2], ==, "exchange");
  g_strfreev (families);

  g_assert_cmpuint (any.count, ==, 6);

  /* Files can name any family: one nobody listens to in detail is not
   * interned as a quark (that table never shrinks)… */
  g_assert_cmpuint (g_quark_try_string ("baton-test-unheard-family"), ==, 0);
  baton_machine_set_version (machine, "baton-test-unheard-family", iis);
  g_assert_cmpuint (any.count, ==, 7);
  g_assert_cmpstr (any.family, ==, "baton-test-unheard-family");
  g_assert_cmpuint (g_quark_try_string ("baton-test-unheard-family"), ==, 0);

  /* …and one that has a detailed handler still reaches it. */
  heard_id = g_signal_connect (machine, "software-changed::baton-test-heard-family",
                               G_CALLBACK (software_changed_cb), &heard);
  baton_machine_set_version (machine, "baton-test-heard-family", iis);
  g_assert_cmpuint (heard.count, ==, 1);
  g_assert_cmpstr (heard.family, ==, "baton-test-heard-family");
  g_assert_cmpuint (any.count, ==, 8);
  g_assert_cmpuint (exchange.count, ==, 4);

  g_signal_handler_disconnect (machine, any_id);
  g_signal_handler_disconnect (machine, exchange_id);
  g_signal_handler_disconnect (machine, heard_id);
  g_free (any.family);
  g_free (exchange.family);
  g_free (heard.family);
  g_assert_finalize_object (node);
}

/* --- moving groups --------------------------------------------------------- */

static void
test_cluster_move_group (void)
{
  BatonCluster *cluster = baton_cluster_new ("EXCLUSTER", BATON_PLATFORM_WINDOWS_2003);
  BatonServer *server = baton_server_new ("FE1", BATON_SERVER_ROLE_FRONT_END);
  const char * const possible[] = { "A", "B", "C", "D", NULL };
  g_autoptr(GError) error = NULL;
  BatonGroup *group, *anywhere;
  guint count = 0;
  gulong id;

  add_node (cluster, "A", BATON_NODE_STATE_UP, 1);
  add_node (cluster, "B", BATON_NODE_STATE_PAUSED, 1);
  add_node (cluster, "C", BATON_NODE_STATE_DOWN, 1);
  add_node (cluster, "D", BATON_NODE_STATE_UP, 1);
  add_node (cluster, "E", BATON_NODE_STATE_UP, 1);
  g_assert_true (baton_cluster_add_server (cluster, server, &error));
  g_assert_no_error (error);

  group = add_group (cluster, "EVS1", "A");
  baton_group_set_possible_owners (group, possible);
  anywhere = add_group (cluster, "Cluster Group", "A");

  id = g_signal_connect (group, "notify::owner", G_CALLBACK (count_cb), &count);

  g_assert_false (baton_cluster_can_move_group (cluster, group, "B", &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "paused"));
  g_clear_error (&error);
  g_assert_false (baton_cluster_move_group (cluster, group, "B", &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "EVS1"));
  g_assert_nonnull (strstr (error->message, "paused"));
  g_clear_error (&error);

  g_assert_false (baton_cluster_move_group (cluster, group, "C", &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "down"));
  g_clear_error (&error);

  g_assert_false (baton_cluster_move_group (cluster, group, "E", &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "possible owners"));
  g_clear_error (&error);

  g_assert_false (baton_cluster_move_group (cluster, group, "Z", &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Z"));
  g_clear_error (&error);

  /* A server is not a node, even though it shares the namespace. */
  g_assert_false (baton_cluster_move_group (cluster, group, "FE1", &error));
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpstr (baton_group_get_owner (group), ==, "A");
  g_assert_cmpuint (count, ==, 0);

  g_assert_true (baton_cluster_can_move_group (cluster, group, "D", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
  g_assert_true (baton_cluster_move_group (cluster, group, "D", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (baton_group_get_owner (group), ==, "D");
  g_assert_cmpuint (count, ==, 1);

  /* To the node that owns it already: success, no change. */
  g_assert_true (baton_cluster_move_group (cluster, group, "D", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);

  /* A refused move leaves the owner alone. */
  g_assert_false (baton_cluster_move_group (cluster, group, "C", NULL));
  g_assert_cmpstr (baton_group_get_owner (group), ==, "D");
  g_assert_cmpuint (count, ==, 1);
  g_signal_handler_disconnect (group, id);

  /* No possible owners: any node that is up takes it. */
  g_assert_true (baton_cluster_move_group (cluster, anywhere, "E", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (baton_group_get_owner (anywhere), ==, "E");
  g_assert_false (baton_cluster_move_group (cluster, anywhere, "B", NULL));

  /* Pausing the destination changes the answer. */
  baton_node_set_state (baton_cluster_lookup_node (cluster, "A"), BATON_NODE_STATE_PAUSED);
  g_assert_false (baton_cluster_can_move_group (cluster, group, "A", NULL));
  baton_node_set_state (baton_cluster_lookup_node (cluster, "A"), BATON_NODE_STATE_UP);
  g_assert_true (baton_cluster_can_move_group (cluster, group, "A", NULL));

  g_assert_finalize_object (cluster);
  g_assert_finalize_object (server);
}

/* --- quorum and look-ups by owner -------------------------------------------- */

static BatonCluster *
cluster_with_nodes (BatonPlatform platform,
                    guint         n)
{
  BatonCluster *cluster = baton_cluster_new ("quorum", platform);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("node%u", i + 1);
      add_node (cluster, name, BATON_NODE_STATE_UP, 1);
    }

  return cluster;
}

static void
set_state (BatonCluster   *cluster,
           const char     *name,
           BatonNodeState  state)
{
  BatonNode *node = baton_cluster_lookup_node (cluster, name);

  g_assert_nonnull (node);
  baton_node_set_state (node, state);
}

static void
test_cluster_quorum (void)
{
  BatonCluster *cluster;

  /* Windows 2000/2003 (quorum disk): one member is enough. */
  cluster = cluster_with_nodes (BATON_PLATFORM_WINDOWS_2003, 2);
  g_assert_cmpuint (baton_cluster_get_total_votes (cluster), ==, 2);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node1", BATON_NODE_STATE_DOWN);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 1);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node2", BATON_NODE_STATE_DOWN);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 0);
  g_assert_false (baton_cluster_has_quorum (cluster));
  g_assert_finalize_object (cluster);

  /* Pacemaker, three nodes: a majority. */
  cluster = cluster_with_nodes (BATON_PLATFORM_PACEMAKER, 3);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node1", BATON_NODE_STATE_DOWN);
  g_assert_true (baton_cluster_has_quorum (cluster));
  /* A paused node is still a member and votes. */
  set_state (cluster, "node2", BATON_NODE_STATE_PAUSED);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 2);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node2", BATON_NODE_STATE_DOWN);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 1);
  g_assert_false (baton_cluster_has_quorum (cluster));
  g_assert_true (baton_cluster_quorum_holds (cluster, 2, 2));
  g_assert_false (baton_cluster_quorum_holds (cluster, 1, 1));
  g_assert_finalize_object (cluster);

  /* Pacemaker, two nodes: corosync's two_node mode. */
  cluster = cluster_with_nodes (BATON_PLATFORM_PACEMAKER, 2);
  set_state (cluster, "node1", BATON_NODE_STATE_DOWN);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node2", BATON_NODE_STATE_DOWN);
  g_assert_false (baton_cluster_has_quorum (cluster));
  g_assert_finalize_object (cluster);

  /* WSFC, four votes: half is enough with the witness, less is not. */
  cluster = cluster_with_nodes (BATON_PLATFORM_WSFC, 4);
  g_assert_cmpuint (baton_cluster_get_total_votes (cluster), ==, 4);
  set_state (cluster, "node1", BATON_NODE_STATE_DOWN);
  set_state (cluster, "node2", BATON_NODE_STATE_DOWN);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node3", BATON_NODE_STATE_DOWN);
  g_assert_false (baton_cluster_has_quorum (cluster));
  g_assert_false (baton_cluster_quorum_holds (cluster, 0, 0));
  g_assert_finalize_object (cluster);

  /* Votes, not heads: a node with three votes alone keeps a five-vote cluster. */
  cluster = cluster_with_nodes (BATON_PLATFORM_WINDOWS_2008, 3);
  baton_node_set_votes (baton_cluster_lookup_node (cluster, "node1"), 3);
  g_assert_cmpuint (baton_cluster_get_total_votes (cluster), ==, 5);
  set_state (cluster, "node2", BATON_NODE_STATE_DOWN);
  set_state (cluster, "node3", BATON_NODE_STATE_DOWN);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 3);
  g_assert_true (baton_cluster_has_quorum (cluster));
  set_state (cluster, "node2", BATON_NODE_STATE_UP);
  set_state (cluster, "node1", BATON_NODE_STATE_DOWN);
  g_assert_cmpuint (baton_cluster_get_votes_up (cluster), ==, 1);
  g_assert_false (baton_cluster_has_quorum (cluster));
  g_assert_finalize_object (cluster);
}

static void
test_cluster_groups_on (void)
{
  BatonCluster *cluster = cluster_with_nodes (BATON_PLATFORM_PACEMAKER, 3);
  BatonGroup *web, *mail, *db;
  gpointer web_weak, mail_weak, db_weak;
  g_autoptr(GPtrArray) on1 = NULL;
  g_autoptr(GPtrArray) on2 = NULL;
  g_autoptr(GPtrArray) on3 = NULL;
  g_autoptr(GPtrArray) none = NULL;

  web = add_group (cluster, "web", "node1");
  mail = add_group (cluster, "mail", "node2");
  db = add_group (cluster, "db", "node1");
  web_weak = web;
  mail_weak = mail;
  db_weak = db;
  g_object_add_weak_pointer (web_weak, &web_weak);
  g_object_add_weak_pointer (mail_weak, &mail_weak);
  g_object_add_weak_pointer (db_weak, &db_weak);

  on1 = baton_cluster_dup_groups_on (cluster, "node1");
  g_assert_cmpuint (on1->len, ==, 2);
  g_assert_true (g_ptr_array_index (on1, 0) == web);
  g_assert_true (g_ptr_array_index (on1, 1) == db);

  on3 = baton_cluster_dup_groups_on (cluster, "node3");
  g_assert_nonnull (on3);
  g_assert_cmpuint (on3->len, ==, 0);

  none = baton_cluster_dup_groups_on (cluster, "nowhere");
  g_assert_cmpuint (none->len, ==, 0);

  g_assert_true (baton_cluster_move_group (cluster, web, "node2", NULL));
  on2 = baton_cluster_dup_groups_on (cluster, "node2");
  g_assert_cmpuint (on2->len, ==, 2);
  g_assert_true (g_ptr_array_index (on2, 0) == web);
  g_assert_true (g_ptr_array_index (on2, 1) == mail);

  /* The arrays hold references: the cluster is finalized, its groups are not… */
  g_assert_finalize_object (cluster);
  g_assert_nonnull (web_weak);
  g_assert_nonnull (mail_weak);
  g_assert_nonnull (db_weak);
  g_assert_cmpstr (baton_group_get_name (g_ptr_array_index (on1, 1)), ==, "db");

  /* …until the arrays go. */
  g_clear_pointer (&on1, g_ptr_array_unref);
  g_assert_null (db_weak);
  g_assert_nonnull (web_weak);
  g_clear_pointer (&on2, g_ptr_array_unref);
  g_assert_null (web_weak);
  g_assert_null (mail_weak);
}

/* What the owner index must answer, computed the slow way from the list. */
static void
assert_owner_index (BatonCluster       *cluster,
                    const char * const *names)
{
  GListModel *groups = baton_cluster_get_groups (cluster);

  for (guint i = 0; names[i]; i++)
    {
      g_autoptr(GPtrArray) on = baton_cluster_dup_groups_on (cluster, names[i]);
      guint n = 0, load = 0, k = 0;

      for (guint j = 0; j < g_list_model_get_n_items (groups); j++)
        {
          g_autoptr(BatonGroup) group = g_list_model_get_item (groups, j);

          if (g_strcmp0 (baton_group_get_owner (group), names[i]) != 0)
            continue;
          n++;
          load += baton_group_get_load (group);
          /* dup_groups_on keeps the groups' list order. */
          g_assert_cmpuint (k, <, on->len);
          g_assert_true (g_ptr_array_index (on, k) == group);
          k++;
        }

      g_assert_cmpuint (on->len, ==, n);
      g_assert_cmpuint (baton_cluster_get_n_groups_on (cluster, names[i]), ==, n);
      g_assert_cmpuint (baton_cluster_get_load_on (cluster, names[i]), ==, load);

      /* The live list for views holds the same groups in the same order. */
      {
        GListModel *live = baton_cluster_get_groups_on_model (cluster, names[i]);

        g_assert_true (baton_cluster_get_groups_on_model (cluster, names[i]) == live);
        g_assert_cmpuint (g_list_model_get_n_items (live), ==, n);
        for (guint j = 0; j < on->len; j++)
          {
            g_autoptr(BatonGroup) item = g_list_model_get_item (live, j);
            g_assert_true (item == g_ptr_array_index (on, j));
          }
      }
    }
}

/*
 * The cluster indexes groups by owner and sums their loads; however an
 * owner or a load changes (a move, a plain setter, a property), the index
 * must agree with the list.
 */
static void
test_cluster_owner_index (void)
{
  const char * const names[] = { "node1", "node2", "node3", "elsewhere", NULL };
  BatonCluster *cluster = cluster_with_nodes (BATON_PLATFORM_PACEMAKER, 3);
  BatonGroup *survivor;
  gpointer survivor_weak;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("group %u", i);
      g_autofree char *owner = g_strdup_printf ("node%u", 1 + i % 3);
      BatonGroup *group = add_group (cluster, name, owner);

      baton_group_set_load (group, i);
      assert_owner_index (cluster, names);
    }

  for (guint step = 0; step < 400; step++)
    {
      guint which = g_test_rand_int_range (0, 12);
      g_autoptr(BatonGroup) group = g_list_model_get_item (baton_cluster_get_groups (cluster),
                                                           which);
      const char *node = names[g_test_rand_int_range (0, 4)];

      switch (g_test_rand_int_range (0, 5))
        {
        case 0:
          baton_cluster_move_group (cluster, group, node, NULL);
          break;
        case 1:
          baton_group_set_owner (group, node);
          break;
        case 2:
          g_object_set (group, "owner", step % 7 ? node : NULL, NULL);
          break;
        case 3:
          baton_group_set_load (group, g_test_rand_int_range (0, 100));
          break;
        default:
          g_object_set (group, "load", (guint) g_test_rand_int_range (0, 100), NULL);
          break;
        }

      assert_owner_index (cluster, names);
    }

  /* A group that outlives its cluster is no longer watched by it. */
  survivor = g_object_ref (baton_cluster_lookup_group (cluster, "group 0"));
  survivor_weak = survivor;
  g_object_add_weak_pointer (survivor_weak, &survivor_weak);
  g_assert_finalize_object (cluster);
  baton_group_set_owner (survivor, "node3");
  baton_group_set_load (survivor, 99);
  g_object_unref (survivor);
  g_assert_null (survivor_weak);
}

static void
test_cluster_finalize (void)
{
  BatonCluster *cluster = cluster_with_nodes (BATON_PLATFORM_WINDOWS_2000, 2);
  g_autoptr(BatonVersion) v = version ("2000 SP4");
  gpointer node_weak, group_weak, server_weak, resource_weak;
  BatonServer *server = baton_server_new ("FE1", BATON_SERVER_ROLE_FRONT_END);
  BatonResource *resource = baton_resource_new ("Disk Q:", "Physical Disk");
  BatonGroup *group;

  g_assert_true (baton_cluster_add_server (cluster, server, NULL));
  g_object_unref (server);
  group = add_group (cluster, "Cluster Group", "node1");
  baton_group_add_resource (group, resource);
  g_object_unref (resource);
  baton_machine_set_version (BATON_MACHINE (server), "windows", v);

  node_weak = baton_cluster_lookup_node (cluster, "node1");
  group_weak = group;
  server_weak = server;
  resource_weak = resource;
  g_object_add_weak_pointer (node_weak, &node_weak);
  g_object_add_weak_pointer (group_weak, &group_weak);
  g_object_add_weak_pointer (server_weak, &server_weak);
  g_object_add_weak_pointer (resource_weak, &resource_weak);

  g_assert_finalize_object (cluster);
  g_assert_null (node_weak);
  g_assert_null (group_weak);
  g_assert_null (server_weak);
  g_assert_null (resource_weak);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/node/defaults", test_node_defaults);
  g_test_add_func ("/model/node/notify", test_node_notify);
  g_test_add_func ("/model/group/defaults", test_group_defaults);
  g_test_add_func ("/model/group/owner-lists", test_group_owner_lists);
  g_test_add_func ("/model/group/resources", test_group_resources);
  g_test_add_func ("/model/group/notify", test_group_notify);
  g_test_add_func ("/model/server/defaults", test_server_defaults);
  g_test_add_func ("/model/server/notify", test_server_notify);
  g_test_add_func ("/model/machine/software-changed", test_machine_software);
  g_test_add_func ("/model/cluster/defaults", test_cluster_defaults);
  g_test_add_func ("/model/cluster/lookup", test_cluster_lookup);
  g_test_add_func ("/model/cluster/duplicate", test_cluster_duplicate);
  g_test_add_func ("/model/cluster/items-changed", test_cluster_items_changed);
  g_test_add_func ("/model/cluster/move-group", test_cluster_move_group);
  g_test_add_func ("/model/cluster/quorum", test_cluster_quorum);
  g_test_add_func ("/model/cluster/groups-on", test_cluster_groups_on);
  g_test_add_func ("/model/cluster/owner-index", test_cluster_owner_index);
  g_test_add_func ("/model/cluster/finalize", test_cluster_finalize);

  return g_test_run ();
}
