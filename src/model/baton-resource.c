/* baton-resource.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A resource inside a group: "Cluster IP Address" of type "IP Address",
 * "web-srv" of type "ocf:pacemaker:Dummy".  The type is the engine's own
 * name for it and is kept as written.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include "baton-resource.h"

struct _BatonResource
{
  GObject  parent_instance;

  char    *name;
  char    *resource_type;
};

G_DEFINE_FINAL_TYPE (BatonResource, baton_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_RESOURCE_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baton_resource_finalize (GObject *object)
{
  BatonResource *self = (BatonResource *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->resource_type, g_free);

  G_OBJECT_CLASS (baton_resource_parent_class)->finalize (object);
}

static void
baton_resource_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BatonResource *self = BATON_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_RESOURCE_TYPE:
      g_value_set_string (value, self->resource_type);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_resource_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BatonResource *self = BATON_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_RESOURCE_TYPE:
      self->resource_type = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_resource_class_init (BatonResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = baton_resource_finalize;
  object_class->get_property = baton_resource_get_property;
  object_class->set_property = baton_resource_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RESOURCE_TYPE] =
    g_param_spec_string ("resource-type", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_resource_init (BatonResource *self)
{
}

BatonResource *
baton_resource_new (const char *name,
                    const char *resource_type)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (resource_type != NULL, NULL);

  return g_object_new (BATON_TYPE_RESOURCE,
                       "name", name,
                       "resource-type", resource_type,
                       NULL);
}

const char *
baton_resource_get_name (BatonResource *self)
{
  g_return_val_if_fail (BATON_IS_RESOURCE (self), NULL);

  return self->name;
}

const char *
baton_resource_get_resource_type (BatonResource *self)
{
  g_return_val_if_fail (BATON_IS_RESOURCE (self), NULL);

  return self->resource_type;
}
