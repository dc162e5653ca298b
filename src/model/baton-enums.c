/* baton-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include "baton-enums.h"

G_DEFINE_ENUM_TYPE (BatonPlatform, baton_platform,
  G_DEFINE_ENUM_VALUE (BATON_PLATFORM_WINDOWS_NT4, "windows-nt4"),
  G_DEFINE_ENUM_VALUE (BATON_PLATFORM_WINDOWS_2000, "windows-2000"),
  G_DEFINE_ENUM_VALUE (BATON_PLATFORM_WINDOWS_2003, "windows-2003"),
  G_DEFINE_ENUM_VALUE (BATON_PLATFORM_WINDOWS_2008, "windows-2008"),
  G_DEFINE_ENUM_VALUE (BATON_PLATFORM_WSFC, "wsfc"),
  G_DEFINE_ENUM_VALUE (BATON_PLATFORM_PACEMAKER, "pacemaker"))

G_DEFINE_ENUM_TYPE (BatonNodeState, baton_node_state,
  G_DEFINE_ENUM_VALUE (BATON_NODE_STATE_UP, "up"),
  G_DEFINE_ENUM_VALUE (BATON_NODE_STATE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (BATON_NODE_STATE_DOWN, "down"))

G_DEFINE_ENUM_TYPE (BatonGroupKind, baton_group_kind,
  G_DEFINE_ENUM_VALUE (BATON_GROUP_KIND_CLUSTER_CORE, "cluster-core"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER, "exchange-virtual-server"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER, "clustered-mailbox-server"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_KIND_IIS, "iis"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_KIND_FILE_SHARE, "file-share"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_KIND_GENERIC, "generic"))

G_DEFINE_ENUM_TYPE (BatonGroupState, baton_group_state,
  G_DEFINE_ENUM_VALUE (BATON_GROUP_STATE_ONLINE, "online"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_STATE_PARTIAL_ONLINE, "partial-online"),
  G_DEFINE_ENUM_VALUE (BATON_GROUP_STATE_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (BatonServerRole, baton_server_role,
  G_DEFINE_ENUM_VALUE (BATON_SERVER_ROLE_FRONT_END, "front-end"),
  G_DEFINE_ENUM_VALUE (BATON_SERVER_ROLE_BACK_END, "back-end"),
  G_DEFINE_ENUM_VALUE (BATON_SERVER_ROLE_SCR_TARGET, "scr-target"),
  G_DEFINE_ENUM_VALUE (BATON_SERVER_ROLE_STANDALONE, "standalone"))

/**
 * baton_enum_from_nick:
 * @enum_type: one of the enum types above
 * @nick: the string of the file format
 * @value: (out): the value
 *
 * Returns: whether @nick is a value of @enum_type (exact match).
 */
gboolean
baton_enum_from_nick (GType       enum_type,
                      const char *nick,
                      int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value_by_nick (klass, nick);

  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

const char *
baton_enum_to_nick (GType enum_type,
                    int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  g_return_val_if_fail (ev != NULL, NULL);

  /* Nicks are static strings of the type, valid after the class unref. */
  return ev->value_nick;
}

/**
 * baton_enum_list_nicks:
 *
 * Returns: (transfer full): the nicks quoted and separated by commas, for
 *   error messages: `"up", "paused", "down"`.
 */
char *
baton_enum_list_nicks (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", klass->values[i].value_nick);

  return g_string_free (s, FALSE);
}
