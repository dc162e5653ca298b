/* baton-node.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baton-enums.h"
#include "baton-machine.h"

G_BEGIN_DECLS

#define BATON_TYPE_NODE (baton_node_get_type ())

G_DECLARE_FINAL_TYPE (BatonNode, baton_node, BATON, NODE, BatonMachine)

BatonNode      *baton_node_new          (const char     *name);
BatonNodeState  baton_node_get_state    (BatonNode      *self);
void            baton_node_set_state    (BatonNode      *self,
                                         BatonNodeState  state);
guint           baton_node_get_votes    (BatonNode      *self);
void            baton_node_set_votes    (BatonNode      *self,
                                         guint           votes);
guint           baton_node_get_capacity (BatonNode      *self);
void            baton_node_set_capacity (BatonNode      *self,
                                         guint           capacity);
gboolean        baton_node_is_up        (BatonNode      *self);

G_END_DECLS
