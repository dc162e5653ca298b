/* baton-node-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-model.h"

G_BEGIN_DECLS

#define BATON_TYPE_NODE_CARD (baton_node_card_get_type ())

G_DECLARE_FINAL_TYPE (BatonNodeCard, baton_node_card, BATON, NODE_CARD, GtkWidget)

GtkWidget *baton_node_card_new                 (BatonCluster  *cluster,
                                                BatonNode     *node);
BatonNode *baton_node_card_get_node            (BatonNodeCard *self);
void       baton_node_card_set_service_running (BatonNodeCard *self,
                                                gboolean       running);
gboolean   baton_node_card_check_drop          (BatonNodeCard *self,
                                                BatonGroup    *group,
                                                char         **reason);
gboolean   baton_node_card_drop_group          (BatonNodeCard *self,
                                                BatonGroup    *group);
GtkWidget *baton_node_card_find_chip           (BatonNodeCard *self,
                                                BatonGroup    *group);
guint      baton_node_card_get_n_chips         (BatonNodeCard *self);
void       baton_node_card_remember_chips      (BatonNodeCard *self,
                                                GtkWidget     *relative_to,
                                                GHashTable    *into);
void       baton_node_card_cull_chips          (BatonNodeCard *self,
                                                GtkWidget     *relative_to,
                                                double         top,
                                                double         bottom);

G_END_DECLS
