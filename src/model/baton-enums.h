/* baton-enums.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The enumerations of the baton-cluster/1 format.  Each value's nick is
 * the exact string the file uses.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  BATON_PLATFORM_WINDOWS_NT4,
  BATON_PLATFORM_WINDOWS_2000,
  BATON_PLATFORM_WINDOWS_2003,
  BATON_PLATFORM_WINDOWS_2008,
  BATON_PLATFORM_WSFC,
  BATON_PLATFORM_PACEMAKER,
} BatonPlatform;

typedef enum
{
  BATON_NODE_STATE_UP,
  BATON_NODE_STATE_PAUSED,
  BATON_NODE_STATE_DOWN,
} BatonNodeState;

typedef enum
{
  BATON_GROUP_KIND_CLUSTER_CORE,
  BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER,
  BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER,
  BATON_GROUP_KIND_IIS,
  BATON_GROUP_KIND_FILE_SHARE,
  BATON_GROUP_KIND_GENERIC,
} BatonGroupKind;

typedef enum
{
  BATON_GROUP_STATE_ONLINE,
  BATON_GROUP_STATE_OFFLINE,
  BATON_GROUP_STATE_PENDING,
  BATON_GROUP_STATE_PARTIAL_ONLINE,
  BATON_GROUP_STATE_FAILED,
} BatonGroupState;

typedef enum
{
  BATON_SERVER_ROLE_FRONT_END,
  BATON_SERVER_ROLE_BACK_END,
  BATON_SERVER_ROLE_SCR_TARGET,
  BATON_SERVER_ROLE_STANDALONE,
} BatonServerRole;

#define BATON_TYPE_PLATFORM     (baton_platform_get_type ())
#define BATON_TYPE_NODE_STATE   (baton_node_state_get_type ())
#define BATON_TYPE_GROUP_KIND   (baton_group_kind_get_type ())
#define BATON_TYPE_GROUP_STATE  (baton_group_state_get_type ())
#define BATON_TYPE_SERVER_ROLE  (baton_server_role_get_type ())

GType       baton_platform_get_type    (void) G_GNUC_CONST;
GType       baton_node_state_get_type  (void) G_GNUC_CONST;
GType       baton_group_kind_get_type  (void) G_GNUC_CONST;
GType       baton_group_state_get_type (void) G_GNUC_CONST;
GType       baton_server_role_get_type (void) G_GNUC_CONST;

gboolean    baton_enum_from_nick       (GType        enum_type,
                                        const char  *nick,
                                        int         *value);
const char *baton_enum_to_nick         (GType        enum_type,
                                        int          value);
char       *baton_enum_list_nicks      (GType        enum_type);

G_END_DECLS

G_BEGIN_DECLS

const char *baton_platform_to_label       (BatonPlatform    platform);
const char *baton_node_state_to_label     (BatonNodeState   state);
const char *baton_group_kind_to_label     (BatonGroupKind   kind);
const char *baton_group_state_to_label    (BatonGroupState  state);
const char *baton_server_role_to_label    (BatonServerRole  role);
const char *baton_software_family_to_label (const char      *family);

G_END_DECLS
