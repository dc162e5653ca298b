/* baton-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include <glib/gi18n-lib.h>

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

/* --- labels for people (translated) ------------------------------------- */

const char *
baton_platform_to_label (BatonPlatform platform)
{
  switch (platform)
    {
    case BATON_PLATFORM_WINDOWS_NT4:
      return _("Windows NT 4.0 Enterprise Edition");
    case BATON_PLATFORM_WINDOWS_2000:
      return _("Windows 2000 Advanced Server");
    case BATON_PLATFORM_WINDOWS_2003:
      return _("Windows Server 2003");
    case BATON_PLATFORM_WINDOWS_2008:
      return _("Windows Server 2008");
    case BATON_PLATFORM_WSFC:
      return _("Windows Server Failover Clustering");
    case BATON_PLATFORM_PACEMAKER:
      return _("Pacemaker/Corosync");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
baton_node_state_to_label (BatonNodeState state)
{
  switch (state)
    {
    case BATON_NODE_STATE_UP:
      return _("Up");
    case BATON_NODE_STATE_PAUSED:
      return _("Paused");
    case BATON_NODE_STATE_DOWN:
      return _("Down");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
baton_group_kind_to_label (BatonGroupKind kind)
{
  switch (kind)
    {
    case BATON_GROUP_KIND_CLUSTER_CORE:
      return _("Cluster core group");
    case BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER:
      return _("Exchange virtual server");
    case BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER:
      return _("Clustered mailbox server");
    case BATON_GROUP_KIND_IIS:
      return _("IIS");
    case BATON_GROUP_KIND_FILE_SHARE:
      return _("File share");
    case BATON_GROUP_KIND_GENERIC:
      return _("Generic");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
baton_group_state_to_label (BatonGroupState state)
{
  switch (state)
    {
    case BATON_GROUP_STATE_ONLINE:
      return _("Online");
    case BATON_GROUP_STATE_OFFLINE:
      return _("Offline");
    case BATON_GROUP_STATE_PENDING:
      return _("Pending");
    case BATON_GROUP_STATE_PARTIAL_ONLINE:
      return _("Partially online");
    case BATON_GROUP_STATE_FAILED:
      return _("Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
baton_server_role_to_label (BatonServerRole role)
{
  switch (role)
    {
    case BATON_SERVER_ROLE_FRONT_END:
      return _("Front-end");
    case BATON_SERVER_ROLE_BACK_END:
      return _("Back-end");
    case BATON_SERVER_ROLE_SCR_TARGET:
      return _("SCR target");
    case BATON_SERVER_ROLE_STANDALONE:
      return _("Standalone");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * baton_software_family_to_label:
 *
 * Returns: the product name of a software family ("exchange" ->
 *   "Exchange"), or @family itself for a family Baton does not know.
 */
const char *
baton_software_family_to_label (const char *family)
{
  if (g_strcmp0 (family, "windows") == 0)
    return _("Windows");
  if (g_strcmp0 (family, "exchange") == 0)
    return _("Exchange");
  if (g_strcmp0 (family, "iis") == 0)
    return _("IIS");
  if (g_strcmp0 (family, "pacemaker") == 0)
    return _("Pacemaker");
  return family;
}
