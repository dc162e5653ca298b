/* baton-plan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baton-step.h"

G_BEGIN_DECLS

#define BATON_PLAN_FORMAT "baton-plan/1"
#define BATON_TYPE_PLAN (baton_plan_get_type ())

G_DECLARE_FINAL_TYPE (BatonPlan, baton_plan, BATON, PLAN, GObject)

BatonPlan   *baton_plan_new              (const char  *cluster,
                                          const char  *product,
                                          const char  *target,
                                          const char  *strategy);
const char  *baton_plan_get_cluster      (BatonPlan   *self);
const char  *baton_plan_get_product      (BatonPlan   *self);
const char  *baton_plan_get_target       (BatonPlan   *self);
const char  *baton_plan_get_strategy     (BatonPlan   *self);
guint        baton_plan_get_n_steps      (BatonPlan   *self);
BatonStep   *baton_plan_get_step         (BatonPlan   *self,
                                          guint        position);
BatonStep   *baton_plan_lookup_step      (BatonPlan   *self,
                                          guint        id);
BatonStep   *baton_plan_add_step         (BatonPlan   *self,
                                          BatonAction  action);
void         baton_plan_begin_build      (BatonPlan   *self);
void         baton_plan_end_build        (BatonPlan   *self);
void         baton_plan_add_warning      (BatonPlan   *self,
                                          const char  *warning);
const char * const *baton_plan_get_warnings (BatonPlan *self);

guint        baton_plan_get_makespan     (BatonPlan   *self);
void         baton_plan_set_makespan     (BatonPlan   *self,
                                          guint        seconds);
guint        baton_plan_get_moves        (BatonPlan   *self,
                                          const char  *group);
guint        baton_plan_get_downtime     (BatonPlan   *self,
                                          const char  *group);
void         baton_plan_set_group_estimate (BatonPlan *self,
                                            const char *group,
                                            guint       moves,
                                            guint       downtime_s);
char       **baton_plan_dup_estimated_groups (BatonPlan *self);
guint       *baton_plan_compute_start_times  (BatonPlan *self);

void         baton_plan_add_finding      (BatonPlan   *self,
                                          guint        step_id,
                                          const char  *invariant,
                                          const char  *message,
                                          gboolean     waived);
guint        baton_plan_get_n_findings   (BatonPlan   *self,
                                          gboolean     include_waived);
gboolean     baton_plan_get_finding      (BatonPlan   *self,
                                          guint        index,
                                          guint       *step_id,
                                          const char **invariant,
                                          const char **message,
                                          gboolean    *waived);

char        *baton_plan_to_json          (BatonPlan   *self,
                                          gsize       *length);

G_END_DECLS
