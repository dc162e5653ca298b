/* baton-group.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baton-enums.h"
#include "baton-resource.h"

G_BEGIN_DECLS

#define BATON_TYPE_GROUP (baton_group_get_type ())

G_DECLARE_FINAL_TYPE (BatonGroup, baton_group, BATON, GROUP, GObject)

BatonGroup          *baton_group_new                  (const char          *name,
                                                       BatonGroupKind       kind,
                                                       const char          *owner);
const char          *baton_group_get_name             (BatonGroup          *self);
BatonGroupKind       baton_group_get_kind             (BatonGroup          *self);
void                 baton_group_set_kind             (BatonGroup          *self,
                                                       BatonGroupKind       kind);
BatonGroupState      baton_group_get_state            (BatonGroup          *self);
void                 baton_group_set_state            (BatonGroup          *self,
                                                       BatonGroupState      state);
const char          *baton_group_get_owner            (BatonGroup          *self);
void                 baton_group_set_owner            (BatonGroup          *self,
                                                       const char          *owner);
const char * const  *baton_group_get_preferred_owners (BatonGroup          *self);
void                 baton_group_set_preferred_owners (BatonGroup          *self,
                                                       const char * const  *owners);
const char * const  *baton_group_get_possible_owners  (BatonGroup          *self);
void                 baton_group_set_possible_owners  (BatonGroup          *self,
                                                       const char * const  *owners);
gboolean             baton_group_is_possible_owner    (BatonGroup          *self,
                                                       const char          *node);
const char          *baton_group_get_preferred_owner  (BatonGroup          *self);
guint                baton_group_get_load             (BatonGroup          *self);
void                 baton_group_set_load             (BatonGroup          *self,
                                                       guint                load);
GListModel          *baton_group_get_resources        (BatonGroup          *self);
void                 baton_group_add_resource         (BatonGroup          *self,
                                                       BatonResource       *resource);

G_END_DECLS
