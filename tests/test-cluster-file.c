/* test-cluster-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The baton-cluster/1 loader and saver: the fixtures load with the
 * defaults of DESIGN.md; each broken file is refused with the file name,
 * the JSON path and the right error code; unknown members survive a save;
 * saving is atomic, even when the saving process is killed; and loading
 * works off the main thread.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>

#include "baton-model.h"

/* --- helpers --------------------------------------------------------------- */

static BatonCluster *
load_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster;

  cluster = baton_cluster_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cluster);
  return cluster;
}

static BatonCluster *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return load_path (path);
}

static BatonCluster *
load_data (const char *data,
           gsize       length)
{
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster;

  cluster = baton_cluster_load_from_data (data, length, "saved.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cluster);
  return cluster;
}

static JsonNode *
parse_json (const char *data,
            gssize      length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, length, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static void
assert_strv (const char * const *actual,
             const char * const *expected)
{
  g_assert_nonnull (actual);
  g_assert_cmpuint (g_strv_length ((char **) actual), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i]; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

static void
assert_version (BatonCluster *cluster,
                const char   *machine,
                const char   *family,
                const char   *text)
{
  BatonMachine *m = baton_cluster_lookup_machine (cluster, machine);
  BatonVersion *version;

  g_assert_nonnull (m);
  version = baton_machine_get_version (m, family);
  g_assert_nonnull (version);
  g_assert_cmpstr (baton_version_to_string (version), ==, text);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("baton-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted. */
static GPtrArray *
list_dir (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
assert_dir_is (const char         *dir,
               const char * const *expected)
{
  g_autoptr(GPtrArray) names = list_dir (dir);

  g_ptr_array_add (names, NULL);
  assert_strv ((const char * const *) names->pdata, expected);
}

static void
remove_tmp_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = list_dir (dir);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* --- fixtures ---------------------------------------------------------------- */

static const struct
{
  const char    *file;
  const char    *name;
  BatonPlatform  platform;
  guint          nodes;
  guint          groups;
  guint          servers;
} fixtures[] = {
  { "exchange2000-active-active.json", "EX2KCLUSTER", BATON_PLATFORM_WINDOWS_2000, 2, 3, 1 },
  { "exchange2003-frontend-backend.json", "EXCLUSTER", BATON_PLATFORM_WINDOWS_2003, 2, 2, 2 },
  { "exchange2007-ccr-scr.json", "CCRCLUSTER", BATON_PLATFORM_WINDOWS_2008, 2, 3, 1 },
  { "exchange55-active-passive.json", "MAILCLUSTER", BATON_PLATFORM_WINDOWS_NT4, 2, 2, 0 },
  { "iis-two-node.json", "WEBCLUSTER", BATON_PLATFORM_WINDOWS_NT4, 2, 3, 0 },
  { "nt4-two-node.json", "NTCLUSTER", BATON_PLATFORM_WINDOWS_NT4, 2, 3, 0 },
  { "pacemaker-three-node.json", "lab", BATON_PLATFORM_PACEMAKER, 3, 2, 0 },
  { "unknown-members.json", "ROUNDTRIP", BATON_PLATFORM_WSFC, 3, 2, 1 },
};

static void
test_fixtures_load (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autoptr(GPtrArray) names = list_dir (dir);

  /* Every fixture on disk is in the table, so none is skipped silently. */
  for (guint i = 0; i < names->len; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (fixtures); j++)
        listed |= g_str_equal (names->pdata[i], fixtures[j].file);
      if (!listed)
        g_error ("fixtures/%s is not in the table of test-cluster-file.c",
                 (char *) names->pdata[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(BatonCluster) cluster = NULL;
      GListModel *groups;

      g_test_message ("fixture %s", fixtures[i].file);
      cluster = load_fixture (fixtures[i].file);

      g_assert_cmpstr (baton_cluster_get_name (cluster), ==, fixtures[i].name);
      g_assert_cmpint (baton_cluster_get_platform (cluster), ==, fixtures[i].platform);
      g_assert_cmpuint (n_items (baton_cluster_get_nodes (cluster)), ==, fixtures[i].nodes);
      g_assert_cmpuint (n_items (baton_cluster_get_groups (cluster)), ==, fixtures[i].groups);
      g_assert_cmpuint (n_items (baton_cluster_get_servers (cluster)), ==, fixtures[i].servers);

      /* Every group is owned by a node and has preferred owners (the default). */
      groups = baton_cluster_get_groups (cluster);
      for (guint j = 0; j < n_items (groups); j++)
        {
          g_autoptr(BatonGroup) group = g_list_model_get_item (groups, j);
          const char *owner = baton_group_get_owner (group);

          g_assert_nonnull (baton_cluster_lookup_node (cluster, owner));
          g_assert_nonnull (baton_group_get_preferred_owners (group));
          g_assert_true (baton_group_is_possible_owner (group, owner));
        }
    }
}

static void
test_fixture_exchange2003 (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
  BatonGroup *evs, *core;
  BatonServer *fe1, *fe2;
  BatonNode *node;

  evs = baton_cluster_lookup_group (cluster, "Exchange Virtual Server 1");
  g_assert_nonnull (evs);
  g_assert_cmpstr (baton_group_get_owner (evs), ==, "Cluster Node 1");
  g_assert_cmpint (baton_group_get_kind (evs), ==, BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER);
  assert_strv (baton_group_get_preferred_owners (evs), (const char *[]) { "Cluster Node 1", NULL });
  /* Omitted possible owners stay NULL: every node. */
  g_assert_null (baton_group_get_possible_owners (evs));
  g_assert_true (baton_group_is_possible_owner (evs, "Cluster Node 2"));

  /* Omitted preferred owners default to the current owner. */
  core = baton_cluster_lookup_group (cluster, "Cluster Group");
  g_assert_cmpstr (baton_group_get_owner (core), ==, "Cluster Node 2");
  g_assert_cmpint (baton_group_get_kind (core), ==, BATON_GROUP_KIND_CLUSTER_CORE);
  assert_strv (baton_group_get_preferred_owners (core), (const char *[]) { "Cluster Node 2", NULL });
  g_assert_cmpstr (baton_group_get_preferred_owner (core), ==, "Cluster Node 2");
  g_assert_null (baton_group_get_possible_owners (core));
  g_assert_cmpuint (baton_group_get_load (core), ==, 1);
  g_assert_cmpint (baton_group_get_state (core), ==, BATON_GROUP_STATE_ONLINE);

  fe1 = baton_cluster_lookup_server (cluster, "OWA-FE1");
  fe2 = baton_cluster_lookup_server (cluster, "OWA-FE2");
  g_assert_nonnull (fe1);
  g_assert_nonnull (fe2);
  g_assert_cmpint (baton_server_get_role (fe1), ==, BATON_SERVER_ROLE_FRONT_END);
  g_assert_cmpstr (baton_server_get_load_balanced_set (fe1), ==, "owa");
  g_assert_cmpstr (baton_server_get_load_balanced_set (fe2), ==, "owa");
  g_assert_null (baton_server_get_source (fe1));
  assert_version (cluster, "OWA-FE1", "exchange", "2003 SP1");

  /* Servers are not nodes. */
  g_assert_null (baton_cluster_lookup_node (cluster, "OWA-FE1"));

  node = baton_cluster_lookup_node (cluster, "Cluster Node 1");
  g_assert_nonnull (node);
  g_assert_cmpint (baton_node_get_state (node), ==, BATON_NODE_STATE_UP);
  g_assert_cmpuint (baton_node_get_votes (node), ==, 1);
  g_assert_cmpuint (baton_node_get_capacity (node), ==, 100);
  assert_version (cluster, "Cluster Node 1", "windows", "2003 SP1");
  assert_version (cluster, "Cluster Node 2", "exchange", "2003 SP1");
}

static void
test_fixture_others (void)
{
  g_autoptr(BatonCluster) ex55 = load_fixture ("exchange55-active-passive.json");
  g_autoptr(BatonCluster) ex2000 = load_fixture ("exchange2000-active-active.json");
  g_autoptr(BatonCluster) ccr = load_fixture ("exchange2007-ccr-scr.json");
  g_autoptr(BatonCluster) iis = load_fixture ("iis-two-node.json");
  g_autoptr(BatonCluster) nt4 = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonCluster) lab = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonResource) resource = NULL;
  g_autoptr(GPtrArray) on_b = NULL;
  BatonServer *scr;
  BatonGroup *group;
  BatonVersion *version;

  /* Exchange 5.5 on NT4: SP6a, resources in file order. */
  assert_version (ex55, "PRIMARY", "windows", "NT4 SP6a");
  assert_version (ex55, "SECONDARY", "exchange", "5.5 SP3");
  group = baton_cluster_lookup_group (ex55, "Exchange Group");
  g_assert_cmpuint (n_items (baton_group_get_resources (group)), ==, 2);
  resource = g_list_model_get_item (baton_group_get_resources (group), 1);
  g_assert_cmpstr (baton_resource_get_name (resource), ==, "Exchange Message Transfer Agent");
  g_assert_cmpstr (baton_resource_get_resource_type (resource), ==, "Generic Service");
  g_clear_object (&resource);

  /* Exchange 2000 active/active: one EVS per node. */
  on_b = baton_cluster_dup_groups_on (ex2000, "Node B");
  g_assert_cmpuint (on_b->len, ==, 1);
  g_assert_cmpstr (baton_group_get_name (on_b->pdata[0]), ==, "Exchange Virtual Server 2");
  g_assert_cmpint (baton_server_get_role (baton_cluster_lookup_server (ex2000, "FE-1")), ==,
                   BATON_SERVER_ROLE_FRONT_END);

  /* Exchange 2007 CCR with an SCR target. */
  scr = baton_cluster_lookup_server (ccr, "SCR-DR1");
  g_assert_nonnull (scr);
  g_assert_cmpint (baton_server_get_role (scr), ==, BATON_SERVER_ROLE_SCR_TARGET);
  g_assert_cmpstr (baton_server_get_source (scr), ==, "CMS1");
  version = baton_machine_get_version (BATON_MACHINE (scr), "exchange");
  g_assert_cmpuint (baton_version_get_service_pack (version), ==, 1);
  g_assert_cmpuint (baton_version_get_rollup (version), ==, 4);
  g_assert_cmpint (baton_group_get_kind (baton_cluster_lookup_group (ccr, "CMS1")), ==,
                   BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER);
  assert_version (ccr, "MBX-N1", "windows", "2008 SP2");

  /* IIS on NT4. */
  assert_version (iis, "WEB-B", "iis", "4.0 SP3");
  group = baton_cluster_lookup_group (iis, "FTP Group");
  g_assert_cmpint (baton_group_get_kind (group), ==, BATON_GROUP_KIND_IIS);
  g_assert_cmpstr (baton_group_get_owner (group), ==, "WEB-B");

  /* NT4 two nodes: explicit votes, three resources in the cluster group. */
  g_assert_cmpuint (baton_cluster_get_total_votes (nt4), ==, 2);
  group = baton_cluster_lookup_group (nt4, "Cluster Group");
  g_assert_cmpuint (n_items (baton_group_get_resources (group)), ==, 3);
  g_assert_cmpint (baton_group_get_kind (baton_cluster_lookup_group (nt4, "File Share Group")),
                   ==, BATON_GROUP_KIND_FILE_SHARE);

  /* Pacemaker: dotted versions, default votes and capacity. */
  assert_version (lab, "node3", "pacemaker", "2.1.5");
  g_assert_cmpuint (baton_cluster_get_total_votes (lab), ==, 3);
  g_assert_cmpuint (baton_node_get_capacity (baton_cluster_lookup_node (lab, "node2")), ==, 100);
  g_assert_cmpuint (baton_group_get_load (baton_cluster_lookup_group (lab, "mail")), ==, 1);
  g_assert_true (baton_cluster_has_quorum (lab));
}

static void
test_fixture_unknown_members (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("unknown-members.json");
  BatonNode *n2, *n3;
  BatonGroup *sql;

  n2 = baton_cluster_lookup_node (cluster, "N2");
  g_assert_cmpint (baton_node_get_state (n2), ==, BATON_NODE_STATE_PAUSED);
  g_assert_cmpuint (baton_node_get_votes (n2), ==, 0);
  n3 = baton_cluster_lookup_node (cluster, "N3 \"quoted\" $HOME");
  g_assert_nonnull (n3);
  g_assert_cmpint (baton_node_get_state (n3), ==, BATON_NODE_STATE_DOWN);
  g_assert_cmpuint (baton_node_get_capacity (baton_cluster_lookup_node (cluster, "N1")), ==, 120);
  assert_version (cluster, "N1", "sql", "2008 SP3");

  sql = baton_cluster_lookup_group (cluster, "SQL");
  g_assert_cmpint (baton_group_get_state (sql), ==, BATON_GROUP_STATE_OFFLINE);
  g_assert_cmpuint (baton_group_get_load (sql), ==, 0);
  assert_strv (baton_group_get_possible_owners (sql), (const char *[]) { "N1", "N2", NULL });
  assert_strv (baton_group_get_preferred_owners (sql), (const char *[]) { "N1", NULL });
  g_assert_false (baton_group_is_possible_owner (sql, "N3 \"quoted\" $HOME"));
}

/* What is saved loads again, equal, and saving that gives the same bytes. */
static void
test_fixtures_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(BatonCluster) cluster = load_fixture (fixtures[i].file);
      g_autoptr(BatonCluster) again = NULL;
      g_autoptr(BatonCluster) copy = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autofree char *copied = NULL;
      gsize first_length, second_length;

      g_test_message ("round trip of %s", fixtures[i].file);
      first = baton_cluster_to_data (cluster, &first_length);
      g_assert_cmpuint (strlen (first), ==, first_length);
      g_assert_true (g_str_has_suffix (first, "}\n"));

      again = load_data (first, first_length);
      g_assert_cmpstr (baton_cluster_get_name (again), ==, fixtures[i].name);
      g_assert_cmpuint (n_items (baton_cluster_get_nodes (again)), ==, fixtures[i].nodes);
      g_assert_cmpuint (n_items (baton_cluster_get_groups (again)), ==, fixtures[i].groups);
      g_assert_cmpuint (n_items (baton_cluster_get_servers (again)), ==, fixtures[i].servers);

      second = baton_cluster_to_data (again, &second_length);
      g_assert_cmpuint (second_length, ==, first_length);
      g_assert_cmpstr (second, ==, first);

      copy = baton_cluster_copy (cluster);
      g_assert_true (copy != cluster);
      copied = baton_cluster_to_data (copy, NULL);
      g_assert_cmpstr (copied, ==, first);
    }
}

/* The saver writes the defaults out; possible owners stay "every node". */
static void
test_save_writes_defaults (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
  g_autofree char *data = baton_cluster_to_data (cluster, NULL);
  g_autoptr(JsonNode) root = parse_json (data, -1);
  JsonObject *core, *node, *server;

  core = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "groups"), 0);
  g_assert_cmpstr (json_object_get_string_member (core, "name"), ==, "Cluster Group");
  g_assert_true (json_object_has_member (core, "preferred_owners"));
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (core, "preferred_owners"), 0),
                   ==, "Cluster Node 2");
  g_assert_false (json_object_has_member (core, "possible_owners"));
  g_assert_false (json_object_has_member (core, "state"));
  g_assert_cmpint (json_object_get_int_member (core, "load"), ==, 1);

  node = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "nodes"), 0);
  g_assert_cmpint (json_object_get_int_member (node, "votes"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (node, "capacity"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (node, "state"), ==, "up");

  server = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "servers"), 0);
  g_assert_cmpstr (json_object_get_string_member (server, "load_balanced_set"), ==, "owa");
  g_assert_false (json_object_has_member (server, "source"));
}

/* --- broken files -------------------------------------------------------- */

/*
 * Each file in tests/broken/, the place the error must name (a JSON path,
 * or for text that is not JSON the position), the error code, and a piece
 * of the offending value the message must quote.
 */
static const struct
{
  const char *file;
  const char *where;
  int         code;
  const char *quotes;
} broken[] = {
  /* not JSON, or JSON json-glib would read wrongly */
  { "not-json.json", ":4:28: Parse error", BATON_CLUSTER_ERROR_SYNTAX, "(not valid JSON)" },
  { "not-utf8.json", ": not UTF-8 text (invalid byte at offset 314)", BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "empty.json", ": the file is empty", BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "too-deep.json", ":4:140: expected at most 128 nested", BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "integer-too-large.json", ":11:19: expected a whole number", BATON_CLUSTER_ERROR_SYNTAX,
    "123456789012345678901234567890" },
  { "two-values.json", ":81:1: expected the end of the file", BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "lone-surrogate.json", ":66:38: expected \\uDC00 to \\uDFFF after \\uD800",
    BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "bad-surrogate-pair.json", ":36:34: expected \\uDC00 to \\uDFFF after \\uD800",
    BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "nul-escape.json", ":40:24: expected text without \\u0000", BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "octal-escape.json", ":40:24: expected one of the escapes of JSON", BATON_CLUSTER_ERROR_SYNTAX,
    NULL },
  { "single-quotes.json", ":65:7: expected a string in double quotes", BATON_CLUSTER_ERROR_SYNTAX,
    NULL },
  { "comment.json", ":2:32: expected JSON, found a comment", BATON_CLUSTER_ERROR_SYNTAX, NULL },
  { "octal-number.json", ":10:19: expected a number as JSON writes it", BATON_CLUSTER_ERROR_SYNTAX,
    "0100" },
  /* the root */
  { "root-array.json", "$", BATON_CLUSTER_ERROR_FORMAT, "an array" },
  { "wrong-format.json", "$.format", BATON_CLUSTER_ERROR_FORMAT, "baton-cluster/2" },
  { "missing-format.json", "$.format", BATON_CLUSTER_ERROR_INVALID, "missing" },
  { "missing-cluster-name.json", "$.name", BATON_CLUSTER_ERROR_INVALID, "missing" },
  { "unknown-platform.json", "$.platform", BATON_CLUSTER_ERROR_INVALID, "windows-95" },
  { "empty-nodes.json", "$.nodes", BATON_CLUSTER_ERROR_INVALID, "at least one node" },
  { "missing-groups.json", "$.groups", BATON_CLUSTER_ERROR_INVALID, "missing" },
  { "servers-not-array.json", "$.servers", BATON_CLUSTER_ERROR_INVALID, "an object" },
  { "non-finite-number.json", "$.groups[1][\"x-budget\"]", BATON_CLUSTER_ERROR_INVALID, "finite" },
  /* nodes */
  { "node-not-object.json", "$.nodes[1]", BATON_CLUSTER_ERROR_INVALID, "a string" },
  { "missing-name.json", "$.nodes[1].name", BATON_CLUSTER_ERROR_INVALID, "missing" },
  { "node-missing-state.json", "$.nodes[0].state", BATON_CLUSTER_ERROR_INVALID, "\"paused\"" },
  { "duplicate-node.json", "$.nodes[1].name", BATON_CLUSTER_ERROR_DUPLICATE, "NODE-A" },
  { "unknown-state.json", "$.nodes[1].state", BATON_CLUSTER_ERROR_INVALID, "running" },
  { "wrong-type-votes.json", "$.nodes[0].votes", BATON_CLUSTER_ERROR_INVALID, "a string" },
  { "float-votes.json", "$.nodes[1].votes", BATON_CLUSTER_ERROR_INVALID, "whole number" },
  { "votes-too-large.json", "$.nodes[0].votes", BATON_CLUSTER_ERROR_INVALID, "1001" },
  { "control-char-name.json", "$.nodes[1].name", BATON_CLUSTER_ERROR_INVALID, "control" },
  { "software-not-object.json", "$.nodes[0].software", BATON_CLUSTER_ERROR_INVALID, "a string" },
  { "bad-version.json", "$.nodes[1].software.exchange", BATON_CLUSTER_ERROR_INVALID, "2007 RU4 SP1" },
  { "version-not-string.json", "$.nodes[0].software.windows", BATON_CLUSTER_ERROR_INVALID, "a number" },
  { "uppercase-family.json", "$.nodes[0].software.Windows", BATON_CLUSTER_ERROR_INVALID, "lower case" },
  { "family-with-space.json", "$.nodes[0].software[\"sql server\"]", BATON_CLUSTER_ERROR_INVALID,
    "lower case" },
  /* groups */
  { "empty-name.json", "$.groups[0].name", BATON_CLUSTER_ERROR_INVALID, "empty" },
  { "long-name.json", "$.groups[1].name", BATON_CLUSTER_ERROR_INVALID, "257" },
  { "unknown-kind.json", "$.groups[1].kind", BATON_CLUSTER_ERROR_INVALID, "\"exchange\"" },
  { "unknown-group-state.json", "$.groups[1].state", BATON_CLUSTER_ERROR_INVALID, "stopped" },
  { "negative-load.json", "$.groups[1].load", BATON_CLUSTER_ERROR_INVALID, "-5" },
  { "unknown-owner.json", "$.groups[2].owner", BATON_CLUSTER_ERROR_NOT_FOUND, "NODE-C" },
  { "owner-is-server.json", "$.groups[2].owner", BATON_CLUSTER_ERROR_NOT_FOUND, "FE1" },
  { "duplicate-group.json", "$.groups[2].name", BATON_CLUSTER_ERROR_DUPLICATE, "EVS1" },
  { "preferred-unknown-node.json", "$.groups[0].preferred_owners[1]", BATON_CLUSTER_ERROR_NOT_FOUND,
    "NODE-C" },
  { "preferred-not-array.json", "$.groups[1].preferred_owners", BATON_CLUSTER_ERROR_INVALID,
    "a string" },
  { "possible-owners-excludes-owner.json", "$.groups[1].possible_owners",
    BATON_CLUSTER_ERROR_INVALID, "NODE-A" },
  { "duplicate-possible-owner.json", "$.groups[2].possible_owners[2]",
    BATON_CLUSTER_ERROR_DUPLICATE, "NODE-B" },
  { "empty-possible-owners.json", "$.groups[1].possible_owners", BATON_CLUSTER_ERROR_INVALID,
    "at least one" },
  { "resource-missing-type.json", "$.groups[0].resources[1].type", BATON_CLUSTER_ERROR_INVALID,
    "missing" },
  { "duplicate-resource.json", "$.groups[0].resources[2].name", BATON_CLUSTER_ERROR_DUPLICATE,
    "Cluster IP Address" },
  /* servers */
  { "scr-without-source.json", "$.servers[1].source", BATON_CLUSTER_ERROR_INVALID, "missing" },
  { "source-unknown-group.json", "$.servers[1].source", BATON_CLUSTER_ERROR_NOT_FOUND, "CMS9" },
  { "source-on-front-end.json", "$.servers[0].source", BATON_CLUSTER_ERROR_INVALID, "scr-target" },
  { "server-name-clashes-node.json", "$.servers[0].name", BATON_CLUSTER_ERROR_DUPLICATE, "NODE-B" },
  { "unknown-role.json", "$.servers[0].role", BATON_CLUSTER_ERROR_INVALID, "mailbox" },
};

static void
test_broken_files (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "broken", NULL);
  g_autoptr(GPtrArray) names = list_dir (dir);

  g_assert_cmpuint (G_N_ELEMENTS (broken), >=, 16);

  /* Every broken file on disk is in the table, and the other way round. */
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (broken));
  for (guint i = 0; i < names->len; i++)
    {
      gboolean listed = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (broken); j++)
        listed |= g_str_equal (names->pdata[i], broken[j].file);
      if (!listed)
        g_error ("broken/%s is not in the table of test-cluster-file.c",
                 (char *) names->pdata[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_build_filename (dir, broken[i].file, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(BatonCluster) cluster = NULL;
      g_autoptr(BatonCluster) from_data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) data_error = NULL;
      g_autofree char *contents = NULL;
      const char *file_path = g_file_peek_path (file);
      const char *message;
      gsize length;

      g_test_message ("broken/%s", broken[i].file);
      cluster = baton_cluster_load_from_file (file, NULL, &error);
      g_assert_null (cluster);
      g_assert_error (error, BATON_CLUSTER_ERROR, broken[i].code);
      message = error->message;
      g_test_message ("  %s", message);

      /* The window shows it: it must be text, whatever the file holds. */
      g_assert_true (g_utf8_validate (message, -1, NULL));

      g_assert_true (g_str_has_prefix (message, file_path));
      if (broken[i].where[0] == '$')
        {
          /* FILE: $.json.path: what was expected… */
          g_autofree char *prefix = g_strdup_printf ("%s: %s: ", file_path, broken[i].where);

          g_assert_true (g_str_has_prefix (message, prefix));
          g_assert_nonnull (strstr (message, "expected"));
        }
      else
        {
          g_assert_nonnull (strstr (message + strlen (file_path), broken[i].where));
        }

      if (broken[i].quotes != NULL)
        g_assert_nonnull (strstr (message, broken[i].quotes));

      /* The same bytes from memory: the same message under another name. */
      contents = read_file (path, &length);
      from_data = baton_cluster_load_from_data (contents, length, "memory", &data_error);
      g_assert_null (from_data);
      g_assert_error (data_error, BATON_CLUSTER_ERROR, broken[i].code);
      g_assert_true (g_str_has_prefix (data_error->message, "memory"));
      g_assert_cmpstr (data_error->message + strlen ("memory"), ==,
                       message + strlen (file_path));
    }
}

static void
test_load_from_data (void)
{
  const char *valid =
    "{\"format\": \"baton-cluster/1\", \"name\": \"mini\", \"platform\": \"pacemaker\","
    " \"nodes\": [{\"name\": \"n1\", \"state\": \"up\"}], \"groups\": []}";
  g_autofree char *with_garbage = g_strconcat (valid, "garbage", NULL);
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(GError) error = NULL;

  /* -1: nul-terminated. */
  cluster = baton_cluster_load_from_data (valid, -1, "mini.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (baton_cluster_get_name (cluster), ==, "mini");
  g_assert_cmpuint (n_items (baton_cluster_get_servers (cluster)), ==, 0);
  g_clear_object (&cluster);

  /* An explicit length: what follows is not read. */
  cluster = baton_cluster_load_from_data (with_garbage, strlen (valid), "mini.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cluster);
  g_clear_object (&cluster);

  cluster = baton_cluster_load_from_data (with_garbage, -1, "mini.json", &error);
  g_assert_null (cluster);
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "mini.json:1:"));
  g_clear_error (&error);

  /* One JSON value: json-glib alone would read "null {…}" as its last value. */
  {
    g_autofree char *two = g_strconcat ("null ", valid, NULL);
    g_autofree char *again = g_strconcat (valid, " ", valid, NULL);

    cluster = baton_cluster_load_from_data (two, -1, "two.json", &error);
    g_assert_null (cluster);
    g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
    g_assert_true (g_str_has_prefix (error->message, "two.json:1:6: "));
    g_clear_error (&error);

    cluster = baton_cluster_load_from_data (again, -1, "again.json", &error);
    g_assert_null (cluster);
    g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
    g_clear_error (&error);
  }

  /* White space around the value and a byte order mark (Notepad) are fine. */
  {
    g_autofree char *spaced = g_strconcat ("\xef\xbb\xbf\r\n\t ", valid, " \r\n\n", NULL);

    cluster = baton_cluster_load_from_data (spaced, -1, "spaced.json", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (baton_cluster_get_name (cluster), ==, "mini");
    g_clear_object (&cluster);
  }

  /* What json-glib reads besides JSON, and reads wrongly, is refused:
   * 010 would be 8, "\0" would cut the text, a "/" would start a comment. */
  {
    static const char * const not_json[] = {
      "{\"x\": 010, ", "{\"x\": 0x10, ", "{\"x\": .5, ", "{\"x\": \"a\\0b\", ",
      "{\"x\": \"a\\u12b\", ", "{\"x\": 'a', ", "{\"x\": NULL, ", "{/ \"x\": 1, / ",
    };

    for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
      {
        g_autofree char *data = g_strconcat (not_json[i], valid + 1, NULL);

        g_test_message ("not JSON: %s…", not_json[i]);
        cluster = baton_cluster_load_from_data (data, -1, "lenient.json", &error);
        g_assert_null (cluster);
        g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
        g_assert_true (g_str_has_prefix (error->message, "lenient.json:1:"));
        g_clear_error (&error);
      }
  }

  /* A nul byte inside the data is not text. */
  cluster = baton_cluster_load_from_data ("{\"format\"\0}", 11, "nul.json", &error);
  g_assert_null (cluster);
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "nul.json: "));
  g_clear_error (&error);

  /* No data at all, also as NULL with a length of 0. */
  cluster = baton_cluster_load_from_data ("", 0, "empty.json", &error);
  g_assert_null (cluster);
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
  g_clear_error (&error);
  cluster = baton_cluster_load_from_data (NULL, 0, "null.json", &error);
  g_assert_null (cluster);
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "null.json: "));
  g_clear_error (&error);

  /* No error location: refusing must still work. */
  g_assert_null (baton_cluster_load_from_data ("[]", -1, "x.json", NULL));

  /* A missing file names the file. */
  {
    g_autofree char *dir = make_tmp_dir ();
    g_autofree char *path = g_build_filename (dir, "nowhere.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    cluster = baton_cluster_load_from_file (file, NULL, &error);
    g_assert_null (cluster);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_true (g_str_has_prefix (error->message, path));
    g_clear_error (&error);
    remove_tmp_dir (dir);
  }
}

/* Names and versions with every character a shell or a JSON writer could trip on. */
static void
test_odd_names (void)
{
  g_autoptr(BatonCluster) cluster = baton_cluster_new ("Cluster \"$(rm -rf)\" `x` \\ ünï ✓",
                                                       BATON_PLATFORM_WINDOWS_2003);
  g_autoptr(BatonNode) node = baton_node_new ("NODE 'A' $HOME \"B\"");
  g_autoptr(BatonGroup) group = baton_group_new ("Group\\with/slashes", BATON_GROUP_KIND_GENERIC,
                                                 "NODE 'A' $HOME \"B\"");
  g_autoptr(BatonVersion) version = baton_version_parse ("2003 SP2", NULL);
  g_autoptr(BatonCluster) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  baton_machine_set_version (BATON_MACHINE (node), "windows", version);
  g_assert_true (baton_cluster_add_node (cluster, node, NULL));
  g_assert_true (baton_cluster_add_group (cluster, group, NULL));

  first = baton_cluster_to_data (cluster, NULL);
  again = load_data (first, strlen (first));
  g_assert_cmpstr (baton_cluster_get_name (again), ==, "Cluster \"$(rm -rf)\" `x` \\ ünï ✓");
  g_assert_nonnull (baton_cluster_lookup_node (again, "NODE 'A' $HOME \"B\""));
  g_assert_cmpstr (baton_group_get_owner (baton_cluster_lookup_group (again, "Group\\with/slashes")),
                   ==, "NODE 'A' $HOME \"B\"");

  /* Built in code, the group had no preferred owners; read back, it has
   * its owner (the file format's default), and from then on saving is
   * idempotent. */
  second = baton_cluster_to_data (again, NULL);
  g_clear_object (&again);
  again = load_data (second, strlen (second));
  third = baton_cluster_to_data (again, NULL);
  g_assert_cmpstr (third, ==, second);
}

/* --- unknown members ---------------------------------------------------------- */

/* Follows a path of member names and array indexes ("groups/0/x-sla"). */
static JsonNode *
lookup (JsonNode   *root,
        const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);
  JsonNode *node = root;

  for (guint i = 0; steps[i] && node; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index_;

          g_assert_true (g_ascii_string_to_unsigned (steps[i], 10, 0, G_MAXUINT, &index_, NULL));
          node = index_ < json_array_get_length (array)
                   ? json_array_get_element (array, index_)
                   : NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      else
        node = NULL;
    }

  return node;
}

static const char * const unknown_members[] = {
  "x-first",
  "x-site",
  "x-max",
  "x-min",
  "x-huge",
  "x-last",
  "nodes/0/x-serial",
  "nodes/0/x-tags",
  "groups/0/x-sla",
  "groups/0/resources/0/x-props",
  "groups/0/resources/1/x-order",
  "groups/1/x key with spaces",
  "groups/1/x-empty-object",
  "groups/1/x-empty-array",
  "servers/0/x-notes",
  "servers/0/x-weight",
};

/* The member names of @object, in order. */
static GStrv
member_names (JsonNode *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (object));
  json_object_iter_init_ordered (&iter, json_node_get_object (object));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    g_strv_builder_add (builder, name);

  return g_strv_builder_end (builder);
}

static void
test_unknown_members_round_trip (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "unknown-members.json",
                                                 NULL);
  g_autoptr(BatonCluster) cluster = load_path (path);
  g_autoptr(BatonCluster) again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *source = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_auto(GStrv) root_names = NULL;
  g_auto(GStrv) resource_names = NULL;
  gsize first_length, second_length;

  source = read_file (path, NULL);
  original = parse_json (source, -1);

  first = baton_cluster_to_data (cluster, &first_length);
  saved = parse_json (first, first_length);

  for (guint i = 0; i < G_N_ELEMENTS (unknown_members); i++)
    {
      JsonNode *before = lookup (original, unknown_members[i]);
      JsonNode *after = lookup (saved, unknown_members[i]);

      g_test_message ("unknown member %s", unknown_members[i]);
      g_assert_nonnull (before);
      g_assert_nonnull (after);
      g_assert_true (json_node_equal (before, after));
    }

  /* Numbers keep their exact value, beyond what a double holds. */
  g_assert_cmpint (json_node_get_int (lookup (saved, "nodes/0/x-serial")), ==,
                   G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (json_node_get_int (lookup (saved, "x-max")), ==, G_MAXINT64);
  g_assert_cmpint (json_node_get_int (lookup (saved, "x-min")), ==, G_MININT64);
  g_assert_cmpstr (json_node_get_string (lookup (saved, "nodes/0/x-tags/5")), ==,
                   "tab\tquote\"backslash\\newline\n");
  g_assert_cmpstr (json_node_get_string (lookup (saved, "x-site/dc")), ==, "Zürich ✓");
  /* json-glib 1.6 alone would write 1e22 as "1e+22.0". */
  g_assert_cmpfloat (json_node_get_double (lookup (saved, "x-huge/0")), ==, 1e22);
  g_assert_null (strstr (first, "e+22.0"));

  /* Unknown members come after the known ones, in their original order. */
  root_names = member_names (saved);
  assert_strv ((const char * const *) root_names,
               (const char *[]) { "format", "name", "platform", "nodes", "groups", "servers",
                                  "x-first", "x-site", "x-max", "x-min", "x-huge", "x-last",
                                  NULL });
  resource_names = member_names (lookup (saved, "groups/0/resources/1"));
  assert_strv ((const char * const *) resource_names,
               (const char *[]) { "name", "type", "x-order", NULL });

  /* Nothing unknown was invented: the known members are the file's. */
  g_assert_null (lookup (saved, "nodes/1/x-serial"));
  g_assert_null (lookup (saved, "software"));

  /* Load what was saved and save again: the same bytes. */
  again = load_data (first, first_length);
  second = baton_cluster_to_data (again, &second_length);
  g_assert_cmpuint (second_length, ==, first_length);
  g_assert_cmpstr (second, ==, first);
}

/* --- atomic save ------------------------------------------------------------- */

static void
test_save_replaces (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cluster.json", NULL);
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2003-frontend-backend.json");
  g_autoptr(BatonCluster) other = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonCluster) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  struct stat before, after;

  g_file_set_contents (path, "old contents\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  g_assert_true (baton_cluster_save_to_path (cluster, path, &error));
  g_assert_no_error (error);

  /* A new file renamed over the old one, with the old one's mode. */
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_true (S_ISREG (after.st_mode));
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);
  g_assert_cmpint (after.st_mode & 07777, ==, 0640);

  expected = baton_cluster_to_data (cluster, NULL);
  contents = read_file (path, NULL);
  g_assert_cmpstr (contents, ==, expected);
  loaded = load_path (path);
  g_assert_cmpstr (baton_cluster_get_name (loaded), ==, "EXCLUSTER");

  assert_dir_is (dir, (const char *[]) { "cluster.json", NULL });

  /* Once more, with another cluster. */
  g_assert_true (baton_cluster_save_to_path (other, path, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = load_path (path);
  g_assert_cmpstr (baton_cluster_get_name (loaded), ==, "lab");
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mode & 07777, ==, 0640);
  assert_dir_is (dir, (const char *[]) { "cluster.json", NULL });

  remove_tmp_dir (dir);
}

static void
test_save_new_file (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "new.json", NULL);
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(BatonCluster) loaded = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  mode_t old_umask;

  old_umask = umask (022);
  g_assert_true (baton_cluster_save_to_path (cluster, path, &error));
  umask (old_umask);
  g_assert_no_error (error);

  /* A new file gets the usual mode, not the temporary file's 0600. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  loaded = load_path (path);
  g_assert_cmpstr (baton_cluster_get_name (loaded), ==, "NTCLUSTER");
  assert_dir_is (dir, (const char *[]) { "new.json", NULL });

  remove_tmp_dir (dir);
}

static void
test_save_symlink (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "link.json", NULL);
  g_autoptr(BatonCluster) cluster = load_fixture ("iis-two-node.json");
  g_autoptr(BatonCluster) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *points_to = NULL;
  struct stat st;

  g_file_set_contents (target, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (target, 0600), ==, 0);
  g_assert_cmpint (symlink ("target.json", symlink_path), ==, 0);

  g_assert_true (baton_cluster_save_to_path (cluster, symlink_path, &error));
  g_assert_no_error (error);

  /* The link still points at its target, which holds the cluster. */
  g_assert_cmpint (g_lstat (symlink_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  points_to = g_file_read_link (symlink_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (points_to, ==, "target.json");
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  loaded = load_path (target);
  g_assert_cmpstr (baton_cluster_get_name (loaded), ==, "WEBCLUSTER");
  assert_dir_is (dir, (const char *[]) { "link.json", "target.json", NULL });

  remove_tmp_dir (dir);
}

static void
test_save_missing_dir (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "cluster.json", NULL);
  g_autoptr(BatonCluster) cluster = load_fixture ("nt4-two-node.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (baton_cluster_save_to_path (cluster, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_dir_is (dir, (const char *[]) { NULL });

  remove_tmp_dir (dir);
}

static char *
large_node_name (const char *prefix,
                 guint       i)
{
  return g_strdup_printf ("%s-node-%02u", prefix, i);
}

static BatonCluster *
build_large_cluster (const char *name,
                     guint       n_nodes,
                     guint       n_groups)
{
  BatonCluster *cluster = baton_cluster_new (name, BATON_PLATFORM_WSFC);
  g_autoptr(BatonVersion) windows = baton_version_parse ("2008 R2 SP1", NULL);
  g_autoptr(BatonVersion) exchange = baton_version_parse ("2007 SP3 RU4", NULL);

  for (guint i = 0; i < n_nodes; i++)
    {
      g_autofree char *node_name = large_node_name (name, i);
      g_autoptr(BatonNode) node = baton_node_new (node_name);

      baton_machine_set_version (BATON_MACHINE (node), "windows", windows);
      baton_machine_set_version (BATON_MACHINE (node), "exchange", exchange);
      g_assert_true (baton_cluster_add_node (cluster, node, NULL));
    }

  for (guint i = 0; i < n_groups; i++)
    {
      g_autofree char *group_name = g_strdup_printf ("%s group %04u", name, i);
      g_autofree char *owner = large_node_name (name, i % n_nodes);
      g_autofree char *second = large_node_name (name, (i + 1) % n_nodes);
      const char * const owners[] = { owner, second, NULL };
      g_autoptr(BatonGroup) group = NULL;

      group = baton_group_new (group_name, BATON_GROUP_KIND_GENERIC, owner);
      baton_group_set_preferred_owners (group, owners);
      baton_group_set_possible_owners (group, owners);
      baton_group_set_load (group, i % 50);
      for (guint r = 0; r < 2; r++)
        {
          g_autofree char *resource_name = g_strdup_printf ("%s resource %u", group_name, r);
          g_autoptr(BatonResource) resource = baton_resource_new (resource_name, "IP Address");

          baton_group_add_resource (group, resource);
        }
      g_assert_true (baton_cluster_add_group (cluster, group, NULL));
    }

  return cluster;
}

/*
 * A child saves two large clusters in turn to one path until the parent
 * kills it at a random moment; whatever the moment, the file is one of
 * the two clusters, complete.
 */
static void
test_save_crash (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "cluster.json", NULL);
  g_autoptr(BatonCluster) a = build_large_cluster ("alpha", 64, 512);
  g_autoptr(BatonCluster) b = build_large_cluster ("beta", 48, 500);
  g_autoptr(GError) error = NULL;
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  gsize length_a, length_b;
  guint seen_a = 0, seen_b = 0, stray = 0, saves = 0;
  gboolean file_is_a = TRUE;

  data_a = baton_cluster_to_data (a, &length_a);
  data_b = baton_cluster_to_data (b, &length_b);
  g_assert_cmpuint (length_a, >, 100000);

  g_assert_true (baton_cluster_save_to_path (a, path, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(BatonCluster) loaded = NULL;
      g_autoptr(GPtrArray) names = NULL;
      g_autofree char *contents = NULL;
      char buffer[256];
      gssize n;
      gsize length;
      int fds[2];
      int status;
      pid_t pid;

      g_unix_open_pipe (fds, FD_CLOEXEC, &error);
      g_assert_no_error (error);

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          /* Start with the cluster that is not in the file, so every save changes it;
           * one byte down the pipe after each complete save. */
          close (fds[0]);
          for (guint i = file_is_a ? 1 : 0;; i++)
            if (!baton_cluster_save_to_path (i % 2 ? b : a, path, NULL) ||
                write (fds[1], "s", 1) != 1)
              _exit (1);
        }
      close (fds[1]);

      /* Once a save went through, kill the child 1 to 20 ms into the next ones. */
      g_assert_cmpint (read (fds[0], buffer, 1), ==, 1);
      g_usleep (1000 * g_test_rand_int_range (1, 21));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      saves++;
      while ((n = read (fds[0], buffer, sizeof buffer)) > 0)
        saves += n;
      close (fds[0]);

      contents = read_file (path, &length);
      if (length == length_a && memcmp (contents, data_a, length) == 0)
        {
          seen_a++;
          file_is_a = TRUE;
        }
      else if (length == length_b && memcmp (contents, data_b, length) == 0)
        {
          seen_b++;
          file_is_a = FALSE;
        }
      else
        {
          g_error ("round %u: %s is neither cluster (%zu bytes)", round, path, length);
        }

      loaded = load_path (path);
      g_assert_cmpstr (baton_cluster_get_name (loaded), ==, file_is_a ? "alpha" : "beta");
      g_assert_cmpuint (n_items (baton_cluster_get_groups (loaded)), ==, file_is_a ? 512 : 500);

      /* A kill during a write leaves its temporary file: not our concern, but clean up. */
      names = list_dir (dir);
      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *stray_path = NULL;

          if (g_str_equal (names->pdata[i], "cluster.json"))
            continue;
          g_assert_true (g_str_has_prefix (names->pdata[i], ".cluster.json."));
          stray_path = g_build_filename (dir, names->pdata[i], NULL);
          g_assert_cmpint (g_unlink (stray_path), ==, 0);
          stray++;
        }
    }

  g_test_message ("20 kills after %u complete saves: %u times alpha, %u times beta, "
                  "%u temporary files left", saves, seen_a, seen_b, stray);
  remove_tmp_dir (dir);
}

/* --- async loading --------------------------------------------------------- */

typedef struct
{
  GMainLoop    *loop;
  GThread      *thread;
  BatonCluster *cluster;
  GError       *error;
  gboolean      done;
} AsyncLoad;

static void
load_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncLoad *load = user_data;

  g_assert_null (source);
  /* The callback runs in the caller's thread, not the worker's. */
  g_assert_true (g_thread_self () == load->thread);

  load->cluster = baton_cluster_load_file_finish (result, &load->error);
  load->done = TRUE;
  g_main_loop_quit (load->loop);
}

static gboolean
load_timeout_cb (gpointer user_data)
{
  g_error ("baton_cluster_load_file_async() did not call back within 20 s");
  return G_SOURCE_REMOVE;
}

static BatonCluster *
load_async (const char    *path,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AsyncLoad load = { 0 };
  guint timeout;

  load.loop = g_main_loop_new (NULL, FALSE);
  load.thread = g_thread_self ();

  baton_cluster_load_file_async (file, cancellable, load_ready_cb, &load);
  g_assert_false (load.done);

  timeout = g_timeout_add_seconds (20, load_timeout_cb, NULL);
  g_main_loop_run (load.loop);
  g_source_remove (timeout);
  g_main_loop_unref (load.loop);

  g_assert_true (load.done);
  g_assert_true ((load.cluster == NULL) != (load.error == NULL));
  if (load.error != NULL)
    g_propagate_error (error, load.error);
  return load.cluster;
}

static void
test_load_async (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                    "exchange2007-ccr-scr.json", NULL);
  g_autofree char *broken_file = g_test_build_filename (G_TEST_DIST, "broken",
                                                        "unknown-owner.json", NULL);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster;

  cluster = load_async (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (baton_cluster_get_name (cluster), ==, "CCRCLUSTER");
  g_assert_cmpuint (n_items (baton_cluster_get_groups (cluster)), ==, 3);
  g_assert_nonnull (baton_cluster_lookup_server (cluster, "SCR-DR1"));
  g_assert_finalize_object (cluster);

  cluster = load_async (broken_file, NULL, &error);
  g_assert_null (cluster);
  g_assert_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, broken_file));
  g_assert_nonnull (strstr (error->message, ": $.groups[2].owner: "));
  g_clear_error (&error);

  cluster = load_async (missing, NULL, &error);
  g_assert_null (cluster);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  cluster = load_async (fixture, cancellable, &error);
  g_assert_null (cluster);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  remove_tmp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster-file/fixtures/load", test_fixtures_load);
  g_test_add_func ("/cluster-file/fixtures/exchange2003", test_fixture_exchange2003);
  g_test_add_func ("/cluster-file/fixtures/others", test_fixture_others);
  g_test_add_func ("/cluster-file/fixtures/unknown-members", test_fixture_unknown_members);
  g_test_add_func ("/cluster-file/fixtures/round-trip", test_fixtures_round_trip);
  g_test_add_func ("/cluster-file/to-data/defaults", test_save_writes_defaults);
  g_test_add_func ("/cluster-file/load/broken", test_broken_files);
  g_test_add_func ("/cluster-file/load/from-data", test_load_from_data);
  g_test_add_func ("/cluster-file/to-data/odd-names", test_odd_names);
  g_test_add_func ("/cluster-file/unknown-members/round-trip", test_unknown_members_round_trip);
  g_test_add_func ("/cluster-file/save/replaces", test_save_replaces);
  g_test_add_func ("/cluster-file/save/new-file", test_save_new_file);
  g_test_add_func ("/cluster-file/save/symlink", test_save_symlink);
  g_test_add_func ("/cluster-file/save/missing-dir", test_save_missing_dir);
  /* GLib runs a suite's own cases first, then its sub-suites in the order they
   * were added: "save" (with the fork() of save/crash) comes before "async" and
   * its worker thread. */
  g_test_add_func ("/cluster-file/save/crash", test_save_crash);
  g_test_add_func ("/cluster-file/async/load", test_load_async);

  return g_test_run ();
}
