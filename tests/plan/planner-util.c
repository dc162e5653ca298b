/* planner-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates baton-cluster/1 documents of any size for the planner's tests
 * and benchmark.  The document goes through the loader, as a file would,
 * so the names the tests use are names the loader accepts.  Names can
 * carry what breaks careless quoting (quotes, "$", backticks, spaces,
 * backslashes, ";", "|", "&", "%", non-ASCII and typographic quotes);
 * loads and capacities always fit (every node could carry every group), so
 * a refusal is never the generator's fault.  Randomness comes from the
 * caller's GRand, so a test seeded by g_test_rand_int() can be replayed
 * with --seed.
 */

#include "config.h"

#include <stdlib.h>

#include <json-glib/json-glib.h>

#include "baton-cluster-file.h"
#include "planner-util.h"

typedef struct
{
  const char *prefix;
  const char *suffix;
} NamePattern;

static const NamePattern node_patterns[] = {
  { "node ", "" },
  { "Node \"A", "\" $x" },
  { "it's node ", "" },
  { "n", " $(reboot) `id`" },
  { "grüße ", " ✓" },
  { "back\\slash\\ ", "\\" },
  { "semi;colon|pipe&", "" },
  { "%s %n ", "" },
  { "‘curly’ ", "" },
};

static const NamePattern group_patterns[] = {
  { "grp ", "" },
  { "Group \"", "\" $HOME" },
  { "it's ", " 'quoted'" },
  { "g", " ${IFS}*?[a]" },
  { "Zürich ", " ✓" },
  { "dir\\", "\\" },
  { "a;b|c&", "" },
  { "100%s ", "%" },
  { "‚low’ ", "" },
};

char *
planner_util_node_name (guint    number,
                        gboolean tricky)
{
  const NamePattern *p = tricky ? &node_patterns[number % G_N_ELEMENTS (node_patterns)]
                                : &node_patterns[0];

  return g_strdup_printf ("%s%u%s", p->prefix, number, p->suffix);
}

char *
planner_util_group_name (guint    number,
                         gboolean tricky)
{
  const NamePattern *p = tricky ? &group_patterns[number % G_N_ELEMENTS (group_patterns)]
                                : &group_patterns[0];

  return g_strdup_printf ("%s%u%s", p->prefix, number, p->suffix);
}

static void
add_name_array (JsonBuilder *b,
                const char  *member,
                GPtrArray   *names,
                const guint *indices,
                guint        n)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (b, g_ptr_array_index (names, indices[i]));
  json_builder_end_array (b);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/**
 * planner_util_generate_json:
 *
 * Returns: (transfer full): a baton-cluster/1 document: nodes 1…n, each
 *   up with one vote and owning @spec->groups_per_node groups of load
 *   1–10; each node's capacity is the sum of all loads.  With
 *   @spec->random_owners each group may only live on a random subset of at
 *   least two nodes (its owner among them), and a third of the groups
 *   prefer another of those nodes.
 */
char *
planner_util_generate_json (const PlannerGenSpec *spec,
                            GRand                *rng)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) node_names = g_ptr_array_new_with_free_func (g_free);
  guint n_groups = spec->n_nodes * spec->groups_per_node;
  g_autofree guint *loads = g_new0 (guint, n_groups + 1);
  g_autofree guint *others = g_new0 (guint, spec->n_nodes + 1);
  g_autofree guint *owners = g_new0 (guint, spec->n_nodes + 1);
  guint total = 0;

  g_assert (spec->n_nodes >= 1);

  for (guint i = 0; i < spec->n_nodes; i++)
    g_ptr_array_add (node_names, planner_util_node_name (i + 1, spec->tricky_names));
  for (guint k = 0; k < n_groups; k++)
    {
      loads[k] = g_rand_int_range (rng, 1, 11);
      total += loads[k];
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "baton-cluster/1");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, spec->tricky_names ? "Cluster \"$1\" it's ✓" : "generated");
  json_builder_set_member_name (b, "platform");
  json_builder_add_string_value (b, spec->platform);

  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < spec->n_nodes; i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, g_ptr_array_index (node_names, i));
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, "up");
      json_builder_set_member_name (b, "votes");
      json_builder_add_int_value (b, 1);
      json_builder_set_member_name (b, "capacity");
      json_builder_add_int_value (b, MAX (total, 100));
      json_builder_set_member_name (b, "software");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, spec->family);
      json_builder_add_string_value (b, spec->version);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint k = 0; k < n_groups; k++)
    {
      guint owner = k / spec->groups_per_node;
      g_autofree char *name = planner_util_group_name (k + 1, spec->tricky_names);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, "generic");
      json_builder_set_member_name (b, "owner");
      json_builder_add_string_value (b, g_ptr_array_index (node_names, owner));
      json_builder_set_member_name (b, "load");
      json_builder_add_int_value (b, loads[k]);

      if (spec->random_owners && spec->n_nodes >= 2)
        {
          guint n_others = 0, size;

          /* Possible owners: the owner and 1 to n-1 others, at random. */
          for (guint i = 0; i < spec->n_nodes; i++)
            if (i != owner)
              others[n_others++] = i;
          for (guint i = n_others; i > 1; i--)
            {
              guint j = g_rand_int_range (rng, 0, i);
              guint tmp = others[i - 1];

              others[i - 1] = others[j];
              others[j] = tmp;
            }

          size = g_rand_int_range (rng, 1, n_others + 1);
          owners[0] = owner;
          for (guint i = 0; i < size; i++)
            owners[i + 1] = others[i];
          qsort (owners, size + 1, sizeof (guint), compare_uint);
          add_name_array (b, "possible_owners", node_names, owners, size + 1);

          /* A third prefer another possible owner, then the current one. */
          if (g_rand_int_range (rng, 0, 3) == 0)
            {
              guint preferred[2] = { others[g_rand_int_range (rng, 0, size)], owner };

              add_name_array (b, "preferred_owners", node_names, preferred, 2);
            }
        }

      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * planner_util_generate:
 *
 * Returns: (transfer full): the cluster of planner_util_generate_json(),
 *   loaded; aborts when the loader refuses it
 */
BatonCluster *
planner_util_generate (const PlannerGenSpec *spec,
                       GRand                *rng)
{
  g_autofree char *json = planner_util_generate_json (spec, rng);
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster;

  cluster = baton_cluster_load_from_data (json, -1, "generated.json", &error);
  if (cluster == NULL)
    g_error ("the generated cluster does not load: %s", error->message);
  return cluster;
}
