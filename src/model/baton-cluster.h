/* baton-cluster.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baton-enums.h"
#include "baton-group.h"
#include "baton-node.h"
#include "baton-server.h"

G_BEGIN_DECLS

#define BATON_TYPE_CLUSTER  (baton_cluster_get_type ())
#define BATON_CLUSTER_ERROR (baton_cluster_error_quark ())

typedef enum
{
  BATON_CLUSTER_ERROR_SYNTAX,        /* not JSON, not UTF-8 */
  BATON_CLUSTER_ERROR_FORMAT,        /* not baton-cluster/1 */
  BATON_CLUSTER_ERROR_INVALID,       /* JSON that breaks the contract */
  BATON_CLUSTER_ERROR_DUPLICATE,     /* a name used twice */
  BATON_CLUSTER_ERROR_NOT_FOUND,     /* a name that is not in the cluster */
  BATON_CLUSTER_ERROR_REFUSED,       /* an operation the cluster's rules forbid */
} BatonClusterError;

G_DECLARE_FINAL_TYPE (BatonCluster, baton_cluster, BATON, CLUSTER, GObject)

GQuark         baton_cluster_error_quark      (void);

BatonCluster  *baton_cluster_new              (const char     *name,
                                               BatonPlatform   platform);
const char    *baton_cluster_get_name         (BatonCluster   *self);
BatonPlatform  baton_cluster_get_platform     (BatonCluster   *self);

GListModel    *baton_cluster_get_nodes        (BatonCluster   *self);
GListModel    *baton_cluster_get_groups       (BatonCluster   *self);
GListModel    *baton_cluster_get_servers      (BatonCluster   *self);

gboolean       baton_cluster_add_node         (BatonCluster   *self,
                                               BatonNode      *node,
                                               GError        **error);
gboolean       baton_cluster_add_group        (BatonCluster   *self,
                                               BatonGroup     *group,
                                               GError        **error);
gboolean       baton_cluster_add_server       (BatonCluster   *self,
                                               BatonServer    *server,
                                               GError        **error);

BatonNode     *baton_cluster_lookup_node      (BatonCluster   *self,
                                               const char     *name);
BatonGroup    *baton_cluster_lookup_group     (BatonCluster   *self,
                                               const char     *name);
BatonServer   *baton_cluster_lookup_server    (BatonCluster   *self,
                                               const char     *name);
BatonMachine  *baton_cluster_lookup_machine   (BatonCluster   *self,
                                               const char     *name);

GPtrArray     *baton_cluster_dup_groups_on    (BatonCluster   *self,
                                               const char     *node);
guint          baton_cluster_get_n_groups_on  (BatonCluster   *self,
                                               const char     *node);
guint          baton_cluster_get_load_on      (BatonCluster   *self,
                                               const char     *node);
GListModel    *baton_cluster_get_groups_on_model (BatonCluster *self,
                                                  const char   *node);
guint          baton_cluster_get_total_votes  (BatonCluster   *self);
guint          baton_cluster_get_votes_up     (BatonCluster   *self);
gboolean       baton_cluster_has_quorum       (BatonCluster   *self);
gboolean       baton_cluster_quorum_holds     (BatonCluster   *self,
                                               guint           votes_up,
                                               guint           members_up);

const char    *baton_cluster_get_home_node    (BatonCluster   *self,
                                               BatonGroup     *group);
gboolean       baton_cluster_can_move_group   (BatonCluster   *self,
                                               BatonGroup     *group,
                                               const char     *node,
                                               GError        **error);
gboolean       baton_cluster_move_group       (BatonCluster   *self,
                                               BatonGroup     *group,
                                               const char     *node,
                                               GError        **error);

G_END_DECLS
