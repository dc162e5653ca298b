/* baton-step.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The action vocabulary of DESIGN.md; the nicks are the plan format's strings. */
typedef enum
{
  BATON_ACTION_CHECK_EVENT_LOG,
  BATON_ACTION_CONFIRM_BACKUP,
  BATON_ACTION_PAUSE_NODE,
  BATON_ACTION_RESUME_NODE,
  BATON_ACTION_MOVE_GROUP,
  BATON_ACTION_STOP_CLUSTER_SERVICE,
  BATON_ACTION_START_CLUSTER_SERVICE,
  BATON_ACTION_TAKE_OFFLINE,
  BATON_ACTION_BRING_ONLINE,
  BATON_ACTION_SET_POSSIBLE_OWNERS,
  BATON_ACTION_INSTALL_UPDATE,
  BATON_ACTION_RESTART_NODE,
  BATON_ACTION_UPGRADE_VIRTUAL_SERVER,
  BATON_ACTION_WAIT_HEALTHY,
  BATON_ACTION_MANUAL,
} BatonAction;

#define BATON_TYPE_ACTION (baton_action_get_type ())
GType baton_action_get_type (void) G_GNUC_CONST;

#define BATON_TYPE_STEP (baton_step_get_type ())

G_DECLARE_FINAL_TYPE (BatonStep, baton_step, BATON, STEP, GObject)

BatonStep          *baton_step_new               (guint               id,
                                                  BatonAction         action);
guint               baton_step_get_id            (BatonStep          *self);
BatonAction         baton_step_get_action        (BatonStep          *self);
const char         *baton_step_get_node          (BatonStep          *self);
void                baton_step_set_node          (BatonStep          *self,
                                                  const char         *node);
const char         *baton_step_get_group         (BatonStep          *self);
void                baton_step_set_group         (BatonStep          *self,
                                                  const char         *group);
const char         *baton_step_get_version       (BatonStep          *self);
void                baton_step_set_version       (BatonStep          *self,
                                                  const char         *version);
const char         *baton_step_get_from          (BatonStep          *self);
void                baton_step_set_from          (BatonStep          *self,
                                                  const char         *from);
const char * const *baton_step_get_owners        (BatonStep          *self);
void                baton_step_set_owners        (BatonStep          *self,
                                                  const char * const *owners);
const char         *baton_step_get_phase         (BatonStep          *self);
void                baton_step_set_phase         (BatonStep          *self,
                                                  const char         *phase);
gboolean            baton_step_get_manual        (BatonStep          *self);
void                baton_step_set_manual        (BatonStep          *self,
                                                  gboolean            manual);
const char         *baton_step_get_summary       (BatonStep          *self);
void                baton_step_set_summary       (BatonStep          *self,
                                                  const char         *summary);
const char         *baton_step_get_source        (BatonStep          *self);
const char         *baton_step_get_citation      (BatonStep          *self);
void                baton_step_set_source        (BatonStep          *self,
                                                  const char         *source,
                                                  const char         *citation);
const char         *baton_step_get_impact        (BatonStep          *self);
void                baton_step_set_impact        (BatonStep          *self,
                                                  const char         *impact);
guint               baton_step_get_duration      (BatonStep          *self);
void                baton_step_set_duration      (BatonStep          *self,
                                                  guint               seconds);
const guint        *baton_step_get_after         (BatonStep          *self,
                                                  guint              *n_after);
void                baton_step_add_after         (BatonStep          *self,
                                                  guint               id);
const char         *baton_step_get_command       (BatonStep          *self,
                                                  const char         *toolchain);
void                baton_step_set_command       (BatonStep          *self,
                                                  const char         *toolchain,
                                                  const char         *command);
char              **baton_step_dup_toolchains    (BatonStep          *self);

G_END_DECLS

G_BEGIN_DECLS

const char *baton_step_get_family (BatonStep  *self);
void        baton_step_set_family (BatonStep  *self,
                                   const char *family);
const char *baton_step_get_waives (BatonStep  *self);
void        baton_step_set_waives (BatonStep  *self,
                                   const char *invariant);

G_END_DECLS
