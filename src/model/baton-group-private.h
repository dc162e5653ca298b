/* baton-group-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For BatonCluster only: a group tells the one cluster it belongs to when
 * its owner or load changes, so the cluster's owner index stays right
 * without a signal handler per group.
 */

#pragma once

#include "baton-group.h"

G_BEGIN_DECLS

typedef void (*BatonGroupObserver) (BatonGroup *group,
                                    gpointer    user_data);

void     baton_group_set_observer (BatonGroup         *self,
                                   BatonGroupObserver  observer,
                                   gpointer            user_data);
gboolean baton_group_has_observer (BatonGroup         *self);

/*
 * Where the cluster's owner index counts the group: kept in the group so
 * that moving a group costs no look-up of its own.  Only the cluster the
 * group belongs to reads and writes it.
 */
typedef struct
{
  gpointer entry;      /* the owner entry it is counted under, or NULL */
  guint    load;       /* the load it is counted with */
  guint    position;   /* its place in the cluster's list of groups */
} BatonGroupIndex;

BatonGroupIndex *baton_group_get_index (BatonGroup *self);

/* A new group with the same name, kind, owners, state, load and resources. */
BatonGroup      *baton_group_copy      (BatonGroup *self);

G_END_DECLS
