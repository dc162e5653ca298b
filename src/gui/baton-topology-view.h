/* baton-topology-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-backend.h"
#include "baton-model.h"
#include "baton-node-card.h"

G_BEGIN_DECLS

#define BATON_TYPE_TOPOLOGY_VIEW (baton_topology_view_get_type ())

G_DECLARE_FINAL_TYPE (BatonTopologyView, baton_topology_view, BATON, TOPOLOGY_VIEW, GtkWidget)

GtkWidget     *baton_topology_view_new          (void);
BatonBackend  *baton_topology_view_get_backend  (BatonTopologyView *self);
void           baton_topology_view_set_backend  (BatonTopologyView *self,
                                                 BatonBackend      *backend);
BatonCluster  *baton_topology_view_get_cluster  (BatonTopologyView *self);
BatonNodeCard *baton_topology_view_find_card    (BatonTopologyView *self,
                                                 const char        *node);
guint          baton_topology_view_get_n_cards  (BatonTopologyView *self);
guint          baton_topology_view_get_n_busy   (BatonTopologyView *self);
void           baton_topology_view_animate_move (BatonTopologyView     *self,
                                                 BatonGroup            *group,
                                                 const graphene_rect_t *from);

G_END_DECLS
