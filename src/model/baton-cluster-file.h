/* baton-cluster-file.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading and saving the baton-cluster/1 format (see DESIGN.md).
 */

#pragma once

#include <gio/gio.h>

#include "baton-cluster.h"

G_BEGIN_DECLS

#define BATON_CLUSTER_FORMAT "baton-cluster/1"

BatonCluster *baton_cluster_load_from_data  (const char           *data,
                                             gssize                length,
                                             const char           *display_name,
                                             GError              **error);
BatonCluster *baton_cluster_load_from_file  (GFile                *file,
                                             GCancellable         *cancellable,
                                             GError              **error);
void          baton_cluster_load_file_async (GFile                *file,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
BatonCluster *baton_cluster_load_file_finish (GAsyncResult        *result,
                                              GError             **error);
char         *baton_cluster_to_data         (BatonCluster         *cluster,
                                             gsize                *length);
BatonCluster *baton_cluster_copy             (BatonCluster         *cluster);
gboolean      baton_cluster_save_to_path    (BatonCluster         *cluster,
                                             const char           *path,
                                             GError              **error);

G_END_DECLS
