/* baton-cluster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cluster: its nodes, its groups and the servers around it, as list
 * models that views bind to, with look-up by name.  Node and server names
 * share one namespace (a plan step's "node" may be either); group names
 * have their own.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-cluster.h"
#include "baton-group-private.h"
#include "baton-object-list.h"

struct _BatonCluster
{
  GObject        parent_instance;

  char          *name;
  BatonPlatform  platform;

  BatonObjectList *nodes;
  BatonObjectList *groups;
  BatonObjectList *servers;

  GHashTable    *machines_by_name;  /* name -> BatonMachine (node or server) */
  GHashTable    *groups_by_name;    /* name -> BatonGroup */

  /* The owner index: node name -> set of its groups, kept up to date on
   * notify::owner, so "what does this node own" costs what it returns. */
  GHashTable    *groups_by_owner;   /* owner name -> OwnerEntry */
  /* Each group keeps its entry, load and position: baton-group-private.h. */
};

typedef struct
{
  char            *owner;    /* the key it is stored under */
  GHashTable      *groups;   /* set of BatonGroup */
  guint            load;     /* their summed load */
  BatonObjectList *live;     /* nullable: the same groups in file order, for views */
} OwnerEntry;

static void
owner_entry_free (OwnerEntry *entry)
{
  g_hash_table_unref (entry->groups);
  g_clear_object (&entry->live);
  g_free (entry->owner);
  g_free (entry);
}

G_DEFINE_FINAL_TYPE (BatonCluster, baton_cluster, G_TYPE_OBJECT)
G_DEFINE_QUARK (baton-cluster-error-quark, baton_cluster_error)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PLATFORM,
  PROP_NODES,
  PROP_GROUPS,
  PROP_SERVERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baton_cluster_dispose (GObject *object)
{
  BatonCluster *self = (BatonCluster *) object;

  if (self->groups != NULL)
    {
      guint n = baton_object_list_length (self->groups);

      for (guint i = 0; i < n; i++)
        {
          BatonGroup *group = baton_object_list_peek (self->groups, i);

          baton_group_set_observer (group, NULL, NULL);
          *baton_group_get_index (group) = (BatonGroupIndex) { NULL, 0, 0 };
        }
    }

  g_clear_pointer (&self->machines_by_name, g_hash_table_unref);
  g_clear_pointer (&self->groups_by_name, g_hash_table_unref);
  g_clear_pointer (&self->groups_by_owner, g_hash_table_unref);
  g_clear_object (&self->nodes);
  g_clear_object (&self->groups);
  g_clear_object (&self->servers);

  G_OBJECT_CLASS (baton_cluster_parent_class)->dispose (object);
}

static void
baton_cluster_finalize (GObject *object)
{
  BatonCluster *self = (BatonCluster *) object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (baton_cluster_parent_class)->finalize (object);
}

static void
baton_cluster_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BatonCluster *self = BATON_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PLATFORM:
      g_value_set_enum (value, self->platform);
      break;

    case PROP_NODES:
      g_value_set_object (value, self->nodes);
      break;

    case PROP_GROUPS:
      g_value_set_object (value, self->groups);
      break;

    case PROP_SERVERS:
      g_value_set_object (value, self->servers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_cluster_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BatonCluster *self = BATON_CLUSTER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_PLATFORM:
      self->platform = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_cluster_class_init (BatonClusterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = baton_cluster_dispose;
  object_class->finalize = baton_cluster_finalize;
  object_class->get_property = baton_cluster_get_property;
  object_class->set_property = baton_cluster_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PLATFORM] =
    g_param_spec_enum ("platform", NULL, NULL,
                       BATON_TYPE_PLATFORM, BATON_PLATFORM_PACEMAKER,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NODES] =
    g_param_spec_object ("nodes", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUPS] =
    g_param_spec_object ("groups", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERVERS] =
    g_param_spec_object ("servers", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_cluster_init (BatonCluster *self)
{
  self->nodes = baton_object_list_new (BATON_TYPE_NODE);
  self->groups = baton_object_list_new (BATON_TYPE_GROUP);
  self->servers = baton_object_list_new (BATON_TYPE_SERVER);
  self->machines_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->groups_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->groups_by_owner = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) owner_entry_free);
}

BatonCluster *
baton_cluster_new (const char    *name,
                   BatonPlatform  platform)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (BATON_TYPE_CLUSTER,
                       "name", name,
                       "platform", platform,
                       NULL);
}

const char *
baton_cluster_get_name (BatonCluster *self)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);

  return self->name;
}

BatonPlatform
baton_cluster_get_platform (BatonCluster *self)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), 0);

  return self->platform;
}

/**
 * baton_cluster_get_nodes:
 *
 * Returns: (transfer none): a #GListModel of #BatonNode, in file order
 */
GListModel *
baton_cluster_get_nodes (BatonCluster *self)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);

  return G_LIST_MODEL (self->nodes);
}

/**
 * baton_cluster_get_groups:
 *
 * Returns: (transfer none): a #GListModel of #BatonGroup, in file order
 */
GListModel *
baton_cluster_get_groups (BatonCluster *self)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);

  return G_LIST_MODEL (self->groups);
}

/**
 * baton_cluster_get_servers:
 *
 * Returns: (transfer none): a #GListModel of #BatonServer, in file order
 */
GListModel *
baton_cluster_get_servers (BatonCluster *self)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);

  return G_LIST_MODEL (self->servers);
}

static gboolean
add_machine (BatonCluster  *self,
             BatonObjectList *store,
             BatonMachine  *machine,
             GError       **error)
{
  const char *name = baton_machine_get_name (machine);

  if (g_hash_table_contains (self->machines_by_name, name))
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE,
                   _("The name “%s” is already used by a node or server"), name);
      return FALSE;
    }

  g_hash_table_insert (self->machines_by_name, (char *) name, machine);
  baton_object_list_append (store, machine);
  return TRUE;
}

gboolean
baton_cluster_add_node (BatonCluster  *self,
                        BatonNode     *node,
                        GError       **error)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);
  g_return_val_if_fail (BATON_IS_NODE (node), FALSE);

  return add_machine (self, self->nodes, BATON_MACHINE (node), error);
}

gboolean
baton_cluster_add_server (BatonCluster  *self,
                          BatonServer   *server,
                          GError       **error)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);
  g_return_val_if_fail (BATON_IS_SERVER (server), FALSE);

  return add_machine (self, self->servers, BATON_MACHINE (server), error);
}

static OwnerEntry *
ensure_entry (BatonCluster *self,
              const char   *owner)
{
  OwnerEntry *entry = g_hash_table_lookup (self->groups_by_owner, owner);

  if (entry == NULL)
    {
      entry = g_new0 (OwnerEntry, 1);
      entry->owner = g_strdup (owner);
      entry->groups = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (self->groups_by_owner, entry->owner, entry);
    }
  return entry;
}

/* Where @group goes in a live list kept in file order. */
static guint
live_position (BatonObjectList *live,
               BatonGroup      *group)
{
  guint position = baton_group_get_index (group)->position;
  guint lo = 0, hi = baton_object_list_length (live);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (baton_group_get_index (baton_object_list_peek (live, mid))->position < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
index_group (BatonCluster *self,
             BatonGroup   *group)
{
  BatonGroupIndex *index = baton_group_get_index (group);
  OwnerEntry *old = index->entry;
  const char *owner = baton_group_get_owner (group);
  guint load = baton_group_get_load (group);
  OwnerEntry *entry = NULL;

  if (old != NULL && g_strcmp0 (old->owner, owner) == 0)
    {
      /* Same owner: only the load may have changed. */
      old->load += load - index->load;
      index->load = load;
      return;
    }

  if (old != NULL)
    {
      g_hash_table_remove (old->groups, group);
      old->load -= index->load;
    }

  if (owner != NULL)
    {
      entry = ensure_entry (self, owner);
      g_hash_table_add (entry->groups, group);
      entry->load += load;
    }

  index->entry = entry;
  index->load = load;

  /* Views learn of the move last, when the index is already right. */
  if (old != NULL && old->live != NULL)
    {
      guint position;

      if (baton_object_list_find (old->live, group, &position))
        baton_object_list_remove (old->live, position);
    }
  if (entry != NULL && entry->live != NULL)
    baton_object_list_insert (entry->live, live_position (entry->live, group), group);
}

static void
group_changed_cb (BatonGroup *group,
                  gpointer    user_data)
{
  index_group (user_data, group);
}

gboolean
baton_cluster_add_group (BatonCluster  *self,
                         BatonGroup    *group,
                         GError       **error)
{
  const char *name;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);
  g_return_val_if_fail (BATON_IS_GROUP (group), FALSE);
  /* A group belongs to one cluster; copy it to put it in another. */
  g_return_val_if_fail (!baton_group_has_observer (group), FALSE);

  name = baton_group_get_name (group);
  if (g_hash_table_contains (self->groups_by_name, name))
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_DUPLICATE,
                   _("The group name “%s” is already used"), name);
      return FALSE;
    }

  g_hash_table_insert (self->groups_by_name, (char *) name, group);
  baton_group_get_index (group)->position = baton_object_list_length (self->groups);
  index_group (self, group);
  /* A direct hook rather than two signal handlers: thousands of groups. */
  baton_group_set_observer (group, group_changed_cb, self);
  baton_object_list_append (self->groups, group);
  return TRUE;
}

/**
 * baton_cluster_lookup_node:
 *
 * Returns: (transfer none) (nullable): the node called @name
 */
BatonNode *
baton_cluster_lookup_node (BatonCluster *self,
                           const char   *name)
{
  gpointer machine;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  machine = g_hash_table_lookup (self->machines_by_name, name);
  return BATON_IS_NODE (machine) ? machine : NULL;
}

/**
 * baton_cluster_lookup_server:
 *
 * Returns: (transfer none) (nullable): the server called @name
 */
BatonServer *
baton_cluster_lookup_server (BatonCluster *self,
                             const char   *name)
{
  gpointer machine;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  machine = g_hash_table_lookup (self->machines_by_name, name);
  return BATON_IS_SERVER (machine) ? machine : NULL;
}

/**
 * baton_cluster_lookup_machine:
 *
 * Returns: (transfer none) (nullable): the node or server called @name
 */
BatonMachine *
baton_cluster_lookup_machine (BatonCluster *self,
                              const char   *name)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->machines_by_name, name);
}

/**
 * baton_cluster_lookup_group:
 *
 * Returns: (transfer none) (nullable): the group called @name
 */
BatonGroup *
baton_cluster_lookup_group (BatonCluster *self,
                            const char   *name)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_hash_table_lookup (self->groups_by_name, name);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  guint x = baton_group_get_index (*(BatonGroup **) a)->position;
  guint y = baton_group_get_index (*(BatonGroup **) b)->position;

  return x < y ? -1 : x > y;
}

/**
 * baton_cluster_dup_groups_on:
 * @node: a node name
 *
 * Returns: (transfer full) (element-type BatonGroup): the groups @node
 *   owns, in file order.
 */
GPtrArray *
baton_cluster_dup_groups_on (BatonCluster *self,
                             const char   *node)
{
  GPtrArray *ret;
  OwnerEntry *entry;
  GHashTableIter iter;
  gpointer group;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (node != NULL, NULL);

  ret = g_ptr_array_new_with_free_func (g_object_unref);
  if (!(entry = g_hash_table_lookup (self->groups_by_owner, node)))
    return ret;

  g_hash_table_iter_init (&iter, entry->groups);
  while (g_hash_table_iter_next (&iter, &group, NULL))
    g_ptr_array_add (ret, g_object_ref (group));

  g_ptr_array_sort_with_data (ret, compare_positions, NULL);
  return ret;
}

/**
 * baton_cluster_get_n_groups_on:
 * @node: a node name
 *
 * Returns: how many groups @node owns
 */
guint
baton_cluster_get_n_groups_on (BatonCluster *self,
                               const char   *node)
{
  OwnerEntry *entry;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), 0);
  g_return_val_if_fail (node != NULL, 0);

  entry = g_hash_table_lookup (self->groups_by_owner, node);
  return entry ? g_hash_table_size (entry->groups) : 0;
}

/**
 * baton_cluster_get_load_on:
 * @node: a node name
 *
 * Returns: the summed load of the groups @node owns (kept up to date as
 *   groups move and loads change)
 */
guint
baton_cluster_get_load_on (BatonCluster *self,
                           const char   *node)
{
  OwnerEntry *entry;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), 0);
  g_return_val_if_fail (node != NULL, 0);

  entry = g_hash_table_lookup (self->groups_by_owner, node);
  return entry ? entry->load : 0;
}

/**
 * baton_cluster_get_groups_on_model:
 * @node: a node name
 *
 * The groups @node owns as a list model in file order, kept up to date as
 * groups move: one list per node, for views.
 *
 * Returns: (transfer none): the list
 */
GListModel *
baton_cluster_get_groups_on_model (BatonCluster *self,
                                   const char   *node)
{
  OwnerEntry *entry;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (node != NULL, NULL);

  entry = ensure_entry (self, node);
  if (entry->live == NULL)
    {
      g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (self, node);

      entry->live = baton_object_list_new (BATON_TYPE_GROUP);
      for (guint i = 0; i < groups->len; i++)
        baton_object_list_append (entry->live, g_ptr_array_index (groups, i));
    }
  return G_LIST_MODEL (entry->live);
}

guint
baton_cluster_get_total_votes (BatonCluster *self)
{
  guint n, votes = 0;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);
      votes += baton_node_get_votes (node);
    }

  return votes;
}

/**
 * baton_cluster_get_votes_up:
 *
 * Returns: the votes of the nodes that are members (up or paused).
 */
guint
baton_cluster_get_votes_up (BatonCluster *self)
{
  guint n, votes = 0;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);

      if (baton_node_is_up (node))
        votes += baton_node_get_votes (node);
    }

  return votes;
}

/**
 * baton_cluster_quorum_holds:
 * @votes_up: the votes of the nodes that are members (up or paused)
 * @members_up: how many nodes are members
 *
 * The quorum model of the platform:
 * - Windows NT 4.0, 2000 and 2003 server clusters keep their quorum on a
 *   shared quorum disk: the cluster runs while one node is a member;
 * - Pacemaker needs more than half of the votes, except a two-node
 *   cluster (corosync's two_node mode), where one node keeps quorum;
 * - Windows Server 2008 and WSFC need more than half of the votes, and
 *   with an even number of votes a witness breaks the tie (Microsoft's
 *   recommended configuration), so exactly half is enough.
 *
 * Returns: whether the cluster keeps quorum with these members
 */
gboolean
baton_cluster_quorum_holds (BatonCluster *self,
                            guint         votes_up,
                            guint         members_up)
{
  guint total;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);

  total = baton_cluster_get_total_votes (self);

  switch (self->platform)
    {
    case BATON_PLATFORM_WINDOWS_NT4:
    case BATON_PLATFORM_WINDOWS_2000:
    case BATON_PLATFORM_WINDOWS_2003:
      return members_up >= 1;

    case BATON_PLATFORM_PACEMAKER:
      if (g_list_model_get_n_items (G_LIST_MODEL (self->nodes)) == 2)
        return members_up >= 1;
      return 2 * votes_up > total;

    case BATON_PLATFORM_WINDOWS_2008:
    case BATON_PLATFORM_WSFC:
    default:
      if (total % 2 == 0)
        return votes_up > 0 && 2 * votes_up >= total;
      return 2 * votes_up > total;
    }
}

/**
 * baton_cluster_has_quorum:
 *
 * Returns: whether the current members keep quorum, by
 *   baton_cluster_quorum_holds().
 */
gboolean
baton_cluster_has_quorum (BatonCluster *self)
{
  guint n, members = 0;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->nodes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (G_LIST_MODEL (self->nodes), i);

      if (baton_node_is_up (node))
        members++;
    }

  return baton_cluster_quorum_holds (self, baton_cluster_get_votes_up (self), members);
}

/**
 * baton_cluster_get_home_node:
 *
 * Where @group belongs: the first of its preferred owners that is up, not
 * paused and one of its possible owners; the first preferred owner when
 * none is (a group has no better place to be).
 *
 * Returns: (nullable): a node name
 */
const char *
baton_cluster_get_home_node (BatonCluster *self,
                             BatonGroup   *group)
{
  const char * const *preferred;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), NULL);
  g_return_val_if_fail (BATON_IS_GROUP (group), NULL);

  preferred = baton_group_get_preferred_owners (group);
  for (guint i = 0; preferred && preferred[i]; i++)
    {
      BatonNode *node = baton_cluster_lookup_node (self, preferred[i]);

      if (node != NULL && baton_node_get_state (node) == BATON_NODE_STATE_UP &&
          baton_group_is_possible_owner (group, preferred[i]))
        return preferred[i];
    }

  return baton_group_get_preferred_owner (group);
}

/**
 * baton_cluster_can_move_group:
 * @node: the destination node's name
 * @error: the reason, when the move is refused
 *
 * A group only moves to a node that is up, not paused, and one of its
 * possible owners.
 */
gboolean
baton_cluster_can_move_group (BatonCluster  *self,
                              BatonGroup    *group,
                              const char    *node,
                              GError       **error)
{
  BatonNode *target;

  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);
  g_return_val_if_fail (BATON_IS_GROUP (group), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (!(target = baton_cluster_lookup_node (self, node)))
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_NOT_FOUND,
                   _("There is no node “%s” in cluster “%s”"), node, self->name);
      return FALSE;
    }

  switch (baton_node_get_state (target))
    {
    case BATON_NODE_STATE_UP:
      break;

    case BATON_NODE_STATE_PAUSED:
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED,
                   _("“%s” cannot move to “%s”: the node is paused"),
                   baton_group_get_name (group), node);
      return FALSE;

    case BATON_NODE_STATE_DOWN:
    default:
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED,
                   _("“%s” cannot move to “%s”: the node is down"),
                   baton_group_get_name (group), node);
      return FALSE;
    }

  if (!baton_group_is_possible_owner (group, node))
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED,
                   _("“%s” cannot move to “%s”: the node is not one of its possible owners"),
                   baton_group_get_name (group), node);
      return FALSE;
    }

  return TRUE;
}

/**
 * baton_cluster_move_group:
 *
 * Moves @group to @node when baton_cluster_can_move_group() allows it.
 * Moving a group to the node that owns it already succeeds and changes
 * nothing.
 */
gboolean
baton_cluster_move_group (BatonCluster  *self,
                          BatonGroup    *group,
                          const char    *node,
                          GError       **error)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (self), FALSE);
  g_return_val_if_fail (BATON_IS_GROUP (group), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  if (g_strcmp0 (baton_group_get_owner (group), node) == 0)
    return TRUE;

  if (!baton_cluster_can_move_group (self, group, node, error))
    return FALSE;

  baton_group_set_owner (group, node);
  return TRUE;
}
