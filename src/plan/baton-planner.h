/* baton-planner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baton-cluster.h"
#include "baton-plan.h"
#include "baton-profile.h"

G_BEGIN_DECLS

#define BATON_TYPE_PLANNER (baton_planner_get_type ())

G_DECLARE_FINAL_TYPE (BatonPlanner, baton_planner, BATON, PLANNER, GObject)

BatonPlanner *baton_planner_new        (BatonCluster  *cluster,
                                        BatonProfile  *profile);
gboolean      baton_planner_set_option (BatonPlanner  *self,
                                        const char    *key,
                                        const char    *value,
                                        GError       **error);
BatonPlan    *baton_planner_plan       (BatonPlanner  *self,
                                        const char    *target,
                                        GError       **error);

G_END_DECLS
