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

G_END_DECLS
