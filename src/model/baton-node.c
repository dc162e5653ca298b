/* baton-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cluster node: its membership state, its quorum votes and the capacity
 * it offers to the groups it owns.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include "baton-node.h"

#define DEFAULT_VOTES    1
#define DEFAULT_CAPACITY 100

struct _BatonNode
{
  BatonMachine    parent_instance;

  BatonNodeState  state;
  guint           votes;
  guint           capacity;
};

G_DEFINE_FINAL_TYPE (BatonNode, baton_node, BATON_TYPE_MACHINE)

enum {
  PROP_0,
  PROP_STATE,
  PROP_VOTES,
  PROP_CAPACITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baton_node_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BatonNode *self = BATON_NODE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_VOTES:
      g_value_set_uint (value, self->votes);
      break;

    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_node_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BatonNode *self = BATON_NODE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      baton_node_set_state (self, g_value_get_enum (value));
      break;

    case PROP_VOTES:
      baton_node_set_votes (self, g_value_get_uint (value));
      break;

    case PROP_CAPACITY:
      baton_node_set_capacity (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_node_class_init (BatonNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = baton_node_get_property;
  object_class->set_property = baton_node_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       BATON_TYPE_NODE_STATE, BATON_NODE_STATE_UP,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VOTES] =
    g_param_spec_uint ("votes", NULL, NULL,
                       0, G_MAXINT32, DEFAULT_VOTES,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAPACITY] =
    g_param_spec_uint ("capacity", NULL, NULL,
                       0, G_MAXINT32, DEFAULT_CAPACITY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_node_init (BatonNode *self)
{
  self->state = BATON_NODE_STATE_UP;
  self->votes = DEFAULT_VOTES;
  self->capacity = DEFAULT_CAPACITY;
}

BatonNode *
baton_node_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (BATON_TYPE_NODE, "name", name, NULL);
}

BatonNodeState
baton_node_get_state (BatonNode *self)
{
  g_return_val_if_fail (BATON_IS_NODE (self), BATON_NODE_STATE_DOWN);

  return self->state;
}

void
baton_node_set_state (BatonNode      *self,
                      BatonNodeState  state)
{
  g_return_if_fail (BATON_IS_NODE (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

guint
baton_node_get_votes (BatonNode *self)
{
  g_return_val_if_fail (BATON_IS_NODE (self), 0);

  return self->votes;
}

void
baton_node_set_votes (BatonNode *self,
                      guint      votes)
{
  g_return_if_fail (BATON_IS_NODE (self));

  if (self->votes != votes)
    {
      self->votes = votes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOTES]);
    }
}

guint
baton_node_get_capacity (BatonNode *self)
{
  g_return_val_if_fail (BATON_IS_NODE (self), 0);

  return self->capacity;
}

void
baton_node_set_capacity (BatonNode *self,
                         guint      capacity)
{
  g_return_if_fail (BATON_IS_NODE (self));

  if (self->capacity != capacity)
    {
      self->capacity = capacity;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
    }
}

/**
 * baton_node_is_up:
 *
 * Returns: whether the node is a running member (up or paused).  A paused
 *   node still counts for quorum but takes no groups.
 */
gboolean
baton_node_is_up (BatonNode *self)
{
  g_return_val_if_fail (BATON_IS_NODE (self), FALSE);

  return self->state != BATON_NODE_STATE_DOWN;
}
