/* baton-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A machine outside the cluster that takes part in an upgrade: an
 * Exchange front-end or back-end, an SCR target replicating a clustered
 * mailbox server, or a standalone server.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include "baton-server.h"
#include "baton-util.h"

struct _BatonServer
{
  BatonMachine     parent_instance;

  BatonServerRole  role;
  char            *load_balanced_set;
  char            *source;
};

G_DEFINE_FINAL_TYPE (BatonServer, baton_server, BATON_TYPE_MACHINE)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_LOAD_BALANCED_SET,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baton_server_finalize (GObject *object)
{
  BatonServer *self = (BatonServer *) object;

  g_clear_pointer (&self->load_balanced_set, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (baton_server_parent_class)->finalize (object);
}

static void
baton_server_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BatonServer *self = BATON_SERVER (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_LOAD_BALANCED_SET:
      g_value_set_string (value, self->load_balanced_set);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_server_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BatonServer *self = BATON_SERVER (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      baton_server_set_role (self, g_value_get_enum (value));
      break;

    case PROP_LOAD_BALANCED_SET:
      baton_server_set_load_balanced_set (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      baton_server_set_source (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_server_class_init (BatonServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = baton_server_finalize;
  object_class->get_property = baton_server_get_property;
  object_class->set_property = baton_server_set_property;

  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       BATON_TYPE_SERVER_ROLE, BATON_SERVER_ROLE_STANDALONE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOAD_BALANCED_SET] =
    g_param_spec_string ("load-balanced-set", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* For an SCR target: the clustered mailbox server (group) it replicates. */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_server_init (BatonServer *self)
{
  self->role = BATON_SERVER_ROLE_STANDALONE;
}

BatonServer *
baton_server_new (const char      *name,
                  BatonServerRole  role)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (BATON_TYPE_SERVER, "name", name, "role", role, NULL);
}

BatonServerRole
baton_server_get_role (BatonServer *self)
{
  g_return_val_if_fail (BATON_IS_SERVER (self), BATON_SERVER_ROLE_STANDALONE);

  return self->role;
}

void
baton_server_set_role (BatonServer     *self,
                       BatonServerRole  role)
{
  g_return_if_fail (BATON_IS_SERVER (self));

  if (self->role != role)
    {
      self->role = role;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
}

const char *
baton_server_get_load_balanced_set (BatonServer *self)
{
  g_return_val_if_fail (BATON_IS_SERVER (self), NULL);

  return self->load_balanced_set;
}

void
baton_server_set_load_balanced_set (BatonServer *self,
                                    const char  *set)
{
  g_return_if_fail (BATON_IS_SERVER (self));

  if (baton_set_str (&self->load_balanced_set, set))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_BALANCED_SET]);
}

const char *
baton_server_get_source (BatonServer *self)
{
  g_return_val_if_fail (BATON_IS_SERVER (self), NULL);

  return self->source;
}

void
baton_server_set_source (BatonServer *self,
                         const char  *source)
{
  g_return_if_fail (BATON_IS_SERVER (self));

  if (baton_set_str (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}
