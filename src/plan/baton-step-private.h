/* baton-step-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the planner gives a step its text without writing it out: the step
 * keeps the profile's template and expands its summary, impact and
 * commands the first time someone asks.  A plan of thousands of steps is
 * built in milliseconds and only the steps someone reads pay for their
 * text.  What the planner needs of this is private to the plan library.
 */

#pragma once

#include "baton-profile.h"
#include "baton-step.h"

G_BEGIN_DECLS

/* What every step of one plan expands with: shared, reference counted. */
typedef struct _BatonStepExpansion BatonStepExpansion;

BatonStepExpansion *baton_step_expansion_new   (BatonProfile       *profile,
                                                const char         *target,
                                                const char         *cluster,
                                                const char         *update_command);
BatonStepExpansion *baton_step_expansion_ref   (BatonStepExpansion *expansion);
void                baton_step_expansion_unref (BatonStepExpansion *expansion);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BatonStepExpansion, baton_step_expansion_unref)

/*
 * The step's summary, impact, source, citation and commands come from
 * @template, owned by the expansion's profile.  Text set explicitly
 * afterwards replaces what the template would give.
 */
void baton_step_set_template (BatonStep               *self,
                              BatonStepExpansion      *expansion,
                              const BatonStepTemplate *template);

/* Adds the dependencies @ids, in increasing order, to a step without any. */
void baton_step_add_after_sorted (BatonStep   *self,
                                  const guint *ids,
                                  guint        n_ids);

/*
 * Expands {node}, {group}, {version}, {from}, {owners}, {target},
 * {cluster} and {update_command}; values are quoted for @toolchain, or
 * written as they are when @toolchain is NULL.
 */
char *baton_step_expand (BatonStep          *self,
                         BatonStepExpansion *expansion,
                         const char         *text,
                         const char         *toolchain);

G_END_DECLS
