/* baton-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cluster group (a Windows "group", a Pacemaker resource group): the
 * unit that fails over.  Owners are node names; the cluster checks them.
 * Possible owners %NULL means every node of the cluster.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include "baton-group.h"
#include "baton-group-private.h"
#include "baton-util.h"

#define DEFAULT_LOAD 1

struct _BatonGroup
{
  GObject          parent_instance;

  char            *name;
  BatonGroupKind   kind;
  BatonGroupState  state;
  char            *owner;
  char           **preferred_owners;
  char           **possible_owners;
  guint            load;
  GListStore      *resources;

  BatonGroupObserver observer;
  gpointer           observer_data;
  BatonGroupIndex    index;
};

G_DEFINE_FINAL_TYPE (BatonGroup, baton_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_STATE,
  PROP_OWNER,
  PROP_PREFERRED_OWNERS,
  PROP_POSSIBLE_OWNERS,
  PROP_LOAD,
  PROP_RESOURCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Most copies of a group never look at its resources: create the store on demand. */
static GListStore *
ensure_resources (BatonGroup *self)
{
  if (self->resources == NULL)
    self->resources = g_list_store_new (BATON_TYPE_RESOURCE);
  return self->resources;
}

static void
baton_group_dispose (GObject *object)
{
  BatonGroup *self = (BatonGroup *) object;

  g_clear_object (&self->resources);

  G_OBJECT_CLASS (baton_group_parent_class)->dispose (object);
}

static void
baton_group_finalize (GObject *object)
{
  BatonGroup *self = (BatonGroup *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->preferred_owners, g_strfreev);
  g_clear_pointer (&self->possible_owners, g_strfreev);

  G_OBJECT_CLASS (baton_group_parent_class)->finalize (object);
}

static void
baton_group_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BatonGroup *self = BATON_GROUP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;

    case PROP_PREFERRED_OWNERS:
      g_value_set_boxed (value, self->preferred_owners);
      break;

    case PROP_POSSIBLE_OWNERS:
      g_value_set_boxed (value, self->possible_owners);
      break;

    case PROP_LOAD:
      g_value_set_uint (value, self->load);
      break;

    case PROP_RESOURCES:
      g_value_set_object (value, ensure_resources (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_group_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BatonGroup *self = BATON_GROUP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_KIND:
      baton_group_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_STATE:
      baton_group_set_state (self, g_value_get_enum (value));
      break;

    case PROP_OWNER:
      baton_group_set_owner (self, g_value_get_string (value));
      break;

    case PROP_PREFERRED_OWNERS:
      baton_group_set_preferred_owners (self, g_value_get_boxed (value));
      break;

    case PROP_POSSIBLE_OWNERS:
      baton_group_set_possible_owners (self, g_value_get_boxed (value));
      break;

    case PROP_LOAD:
      baton_group_set_load (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_group_class_init (BatonGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = baton_group_dispose;
  object_class->finalize = baton_group_finalize;
  object_class->get_property = baton_group_get_property;
  object_class->set_property = baton_group_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       BATON_TYPE_GROUP_KIND, BATON_GROUP_KIND_GENERIC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       BATON_TYPE_GROUP_STATE, BATON_GROUP_STATE_ONLINE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PREFERRED_OWNERS] =
    g_param_spec_boxed ("preferred-owners", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSSIBLE_OWNERS] =
    g_param_spec_boxed ("possible-owners", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOAD] =
    g_param_spec_uint ("load", NULL, NULL,
                       0, G_MAXINT32, DEFAULT_LOAD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESOURCES] =
    g_param_spec_object ("resources", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_group_init (BatonGroup *self)
{
  self->kind = BATON_GROUP_KIND_GENERIC;
  self->state = BATON_GROUP_STATE_ONLINE;
  self->load = DEFAULT_LOAD;
}


BatonGroup *
baton_group_new (const char     *name,
                 BatonGroupKind  kind,
                 const char     *owner)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (BATON_TYPE_GROUP,
                       "name", name,
                       "kind", kind,
                       "owner", owner,
                       NULL);
}

const char *
baton_group_get_name (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  return self->name;
}

BatonGroupKind
baton_group_get_kind (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), BATON_GROUP_KIND_GENERIC);

  return self->kind;
}

void
baton_group_set_kind (BatonGroup     *self,
                      BatonGroupKind  kind)
{
  g_return_if_fail (BATON_IS_GROUP (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

BatonGroupState
baton_group_get_state (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), BATON_GROUP_STATE_OFFLINE);

  return self->state;
}

void
baton_group_set_state (BatonGroup      *self,
                       BatonGroupState  state)
{
  g_return_if_fail (BATON_IS_GROUP (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

const char *
baton_group_get_owner (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  return self->owner;
}

/**
 * baton_group_set_owner:
 *
 * Sets the owner without any check.  To move a group between nodes with
 * the rules of a cluster, use baton_cluster_move_group().
 */
void
baton_group_set_owner (BatonGroup *self,
                       const char *owner)
{
  g_return_if_fail (BATON_IS_GROUP (self));

  if (baton_set_str (&self->owner, owner))
    {
      if (self->observer != NULL)
        self->observer (self, self->observer_data);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
    }
}

/**
 * baton_group_get_preferred_owners:
 *
 * Returns: (transfer none) (nullable): the preferred owners, most
 *   preferred first.
 */
const char * const *
baton_group_get_preferred_owners (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  return (const char * const *) self->preferred_owners;
}

void
baton_group_set_preferred_owners (BatonGroup         *self,
                                  const char * const *owners)
{
  g_return_if_fail (BATON_IS_GROUP (self));

  if (baton_set_strv (&self->preferred_owners, owners))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREFERRED_OWNERS]);
}

/**
 * baton_group_get_possible_owners:
 *
 * Returns: (transfer none) (nullable): the possible owners, or %NULL when
 *   every node of the cluster may own the group.
 */
const char * const *
baton_group_get_possible_owners (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  return (const char * const *) self->possible_owners;
}

void
baton_group_set_possible_owners (BatonGroup         *self,
                                 const char * const *owners)
{
  g_return_if_fail (BATON_IS_GROUP (self));

  if (baton_set_strv (&self->possible_owners, owners))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSSIBLE_OWNERS]);
}

gboolean
baton_group_is_possible_owner (BatonGroup *self,
                               const char *node)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);

  return self->possible_owners == NULL ||
         g_strv_contains ((const char * const *) self->possible_owners, node);
}

/**
 * baton_group_get_preferred_owner:
 *
 * Returns: (nullable): the node where the group belongs: the first
 *   preferred owner, or the current owner when none is set.
 */
const char *
baton_group_get_preferred_owner (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  if (self->preferred_owners != NULL && self->preferred_owners[0] != NULL)
    return self->preferred_owners[0];

  return self->owner;
}

guint
baton_group_get_load (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), 0);

  return self->load;
}

void
baton_group_set_load (BatonGroup *self,
                      guint       load)
{
  g_return_if_fail (BATON_IS_GROUP (self));

  if (self->load != load)
    {
      self->load = load;
      if (self->observer != NULL)
        self->observer (self, self->observer_data);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD]);
    }
}

/**
 * baton_group_get_resources:
 *
 * Returns: (transfer none): a #GListModel of #BatonResource
 */
GListModel *
baton_group_get_resources (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  return G_LIST_MODEL (ensure_resources (self));
}

void
baton_group_add_resource (BatonGroup    *self,
                          BatonResource *resource)
{
  g_return_if_fail (BATON_IS_GROUP (self));
  g_return_if_fail (BATON_IS_RESOURCE (resource));

  g_list_store_append (ensure_resources (self), resource);
}

/*
 * baton_group_set_observer:
 * @observer: (nullable): called after the owner or the load changes,
 *   before the notification; %NULL to stop
 */
void
baton_group_set_observer (BatonGroup         *self,
                          BatonGroupObserver  observer,
                          gpointer            user_data)
{
  g_return_if_fail (BATON_IS_GROUP (self));
  g_return_if_fail (observer == NULL || self->observer == NULL);

  self->observer = observer;
  self->observer_data = user_data;
}

gboolean
baton_group_has_observer (BatonGroup *self)
{
  g_return_val_if_fail (BATON_IS_GROUP (self), FALSE);
  return self->observer != NULL;
}

BatonGroupIndex *
baton_group_get_index (BatonGroup *self)
{
  return &self->index;
}

BatonGroup *
baton_group_copy (BatonGroup *self)
{
  BatonGroup *copy;

  g_return_val_if_fail (BATON_IS_GROUP (self), NULL);

  /* Straight into the fields: nobody watches a group not yet returned. */
  copy = g_object_new (BATON_TYPE_GROUP, NULL);
  copy->name = g_strdup (self->name);
  copy->kind = self->kind;
  copy->state = self->state;
  copy->owner = g_strdup (self->owner);
  copy->preferred_owners = g_strdupv (self->preferred_owners);
  copy->possible_owners = g_strdupv (self->possible_owners);
  copy->load = self->load;

  if (self->resources != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->resources));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BatonResource) resource =
            g_list_model_get_item (G_LIST_MODEL (self->resources), i);
          g_list_store_append (ensure_resources (copy), resource);
        }
    }

  return copy;
}
