/* baton-machine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What cluster nodes and the servers outside the cluster have in common:
 * a unique name and the versions of the software families installed
 * ("windows" -> "2003 SP1", "exchange" -> "2003 SP1").
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-enums.h"
#include "baton-machine.h"

typedef struct
{
  char       *name;
  GHashTable *software;  /* family -> BatonVersion */
  GPtrArray  *families;  /* insertion order, for stable output */
} BatonMachinePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (BatonMachine, baton_machine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

enum {
  SOFTWARE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
baton_machine_finalize (GObject *object)
{
  BatonMachine *self = (BatonMachine *) object;
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);

  g_clear_pointer (&priv->name, g_free);
  g_clear_pointer (&priv->software, g_hash_table_unref);
  g_clear_pointer (&priv->families, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_machine_parent_class)->finalize (object);
}

static void
baton_machine_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BatonMachine *self = BATON_MACHINE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, baton_machine_get_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_machine_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BatonMachine *self = BATON_MACHINE (object);
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_machine_class_init (BatonMachineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = baton_machine_finalize;
  object_class->get_property = baton_machine_get_property;
  object_class->set_property = baton_machine_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BatonMachine::software-changed:
   * @family: the software family whose version changed
   *
   * Emitted when a version is set, changed or removed.
   */
  signals[SOFTWARE_CHANGED] =
    g_signal_new ("software-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
baton_machine_init (BatonMachine *self)
{
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);

  priv->software = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) baton_version_unref);
  priv->families = g_ptr_array_new ();
}

const char *
baton_machine_get_name (BatonMachine *self)
{
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);

  g_return_val_if_fail (BATON_IS_MACHINE (self), NULL);

  return priv->name;
}

/**
 * baton_machine_get_version:
 * @family: a software family such as "exchange"
 *
 * Returns: (transfer none) (nullable): the installed version of @family.
 */
BatonVersion *
baton_machine_get_version (BatonMachine *self,
                           const char   *family)
{
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);

  g_return_val_if_fail (BATON_IS_MACHINE (self), NULL);
  g_return_val_if_fail (family != NULL, NULL);

  return g_hash_table_lookup (priv->software, family);
}

/**
 * baton_machine_set_version:
 * @family: a software family
 * @version: (nullable): the version, or %NULL to remove the family
 *
 * Emits #BatonMachine::software-changed (detailed with @family) only
 * when the version really changes.
 */
void
baton_machine_set_version (BatonMachine *self,
                           const char   *family,
                           BatonVersion *version)
{
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);
  BatonVersion *old;
  char *key;

  g_return_if_fail (BATON_IS_MACHINE (self));
  g_return_if_fail (family != NULL);

  old = g_hash_table_lookup (priv->software, family);
  if (old == version ||
      (old != NULL && version != NULL && baton_version_equal (old, version) &&
       g_strcmp0 (baton_version_to_string (old), baton_version_to_string (version)) == 0))
    return;

  if (version == NULL)
    {
      gpointer stored_key = NULL;

      g_hash_table_lookup_extended (priv->software, family, &stored_key, NULL);
      g_ptr_array_remove (priv->families, stored_key);
      g_hash_table_remove (priv->software, family);
    }
  else if (old != NULL)
    {
      g_hash_table_insert (priv->software, g_strdup (family), baton_version_ref (version));
      /* g_hash_table_insert keeps the old key: the order array stays valid. */
    }
  else
    {
      key = g_strdup (family);
      g_hash_table_insert (priv->software, key, baton_version_ref (version));
      g_ptr_array_add (priv->families, key);
    }

  /* Families come from files: interning each one would grow GLib's quark
   * table for good.  A handler for "software-changed::FAMILY" has interned
   * FAMILY when it connected; with no such quark, no detailed handler can
   * match and the detail is 0. */
  g_signal_emit (self, signals[SOFTWARE_CHANGED], g_quark_try_string (family), family);
}

/**
 * baton_machine_dup_families:
 *
 * Returns: (transfer full): the software families, in the order they were
 *   first set.
 */
char **
baton_machine_dup_families (BatonMachine *self)
{
  BatonMachinePrivate *priv = baton_machine_get_instance_private (self);
  GStrvBuilder *builder;
  char **ret;

  g_return_val_if_fail (BATON_IS_MACHINE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < priv->families->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (priv->families, i));
  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

/**
 * baton_machine_format_software:
 *
 * Returns: (transfer full): the software it runs, for people:
 *   "Windows 2003 SP1, Exchange 2003 SP1" (empty when none)
 */
char *
baton_machine_format_software (BatonMachine *self)
{
  g_auto(GStrv) families = NULL;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (BATON_IS_MACHINE (self), NULL);

  families = baton_machine_dup_families (self);
  for (guint i = 0; families && families[i]; i++)
    {
      if (s->len > 0)
        g_string_append (s, _(", "));
      /* TRANSLATORS: a product and its version: "Exchange 2003 SP1" */
      g_string_append_printf (s, _("%s %s"), baton_software_family_to_label (families[i]),
                              baton_version_to_string (baton_machine_get_version (self,
                                                                                   families[i])));
    }
  return g_string_free (s, FALSE);
}
