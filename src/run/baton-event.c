/* baton-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry of a run's timeline: a step started, finished, failed or was
 * skipped, or the engine reported something; at a time of the backend's
 * clock.  Events never change.
 */

#define G_LOG_DOMAIN "baton-run"

#include "config.h"

#include "baton-event.h"

struct _BatonEvent
{
  GObject         parent_instance;

  BatonEventKind  kind;
  guint           step;
  guint64         time_ms;
  char           *subject;
  char           *message;
  char           *action;
  char           *group;
};

G_DEFINE_ENUM_TYPE (BatonEventKind, baton_event_kind,
  G_DEFINE_ENUM_VALUE (BATON_EVENT_STARTED, "started"),
  G_DEFINE_ENUM_VALUE (BATON_EVENT_FINISHED, "finished"),
  G_DEFINE_ENUM_VALUE (BATON_EVENT_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (BATON_EVENT_SKIPPED, "skipped"),
  G_DEFINE_ENUM_VALUE (BATON_EVENT_LOG, "log"))

G_DEFINE_FINAL_TYPE (BatonEvent, baton_event, G_TYPE_OBJECT)

static void
baton_event_finalize (GObject *object)
{
  BatonEvent *self = (BatonEvent *) object;

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->action, g_free);
  g_clear_pointer (&self->group, g_free);

  G_OBJECT_CLASS (baton_event_parent_class)->finalize (object);
}

static void
baton_event_class_init (BatonEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baton_event_finalize;
}

static void
baton_event_init (BatonEvent *self)
{
}

/**
 * baton_event_new:
 * @step: the plan step's id, 0 for a line of the engine's
 * @time_ms: the backend's clock
 */
BatonEvent *
baton_event_new (BatonEventKind  kind,
                 guint           step,
                 guint64         time_ms,
                 const char     *subject,
                 const char     *message)
{
  BatonEvent *self = g_object_new (BATON_TYPE_EVENT, NULL);

  self->kind = kind;
  self->step = step;
  self->time_ms = time_ms;
  self->subject = g_strdup (subject);
  self->message = g_strdup (message);
  return self;
}

BatonEventKind
baton_event_get_kind (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), BATON_EVENT_LOG);
  return self->kind;
}

guint
baton_event_get_step (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), 0);
  return self->step;
}

guint64
baton_event_get_time (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), 0);
  return self->time_ms;
}

const char *
baton_event_get_subject (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), NULL);
  return self->subject;
}

const char *
baton_event_get_message (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), NULL);
  return self->message;
}

/**
 * baton_event_new_for_step:
 *
 * An event of @step: its id, its action, its node (the subject) and group.
 */
BatonEvent *
baton_event_new_for_step (BatonEventKind  kind,
                          BatonStep      *step,
                          guint64         time_ms,
                          const char     *message)
{
  g_autoptr(GEnumClass) actions = g_type_class_ref (BATON_TYPE_ACTION);
  BatonEvent *self;

  g_return_val_if_fail (BATON_IS_STEP (step), NULL);

  self = baton_event_new (kind, baton_step_get_id (step), time_ms, baton_step_get_node (step),
                          message);
  self->action = g_strdup (g_enum_get_value (actions, baton_step_get_action (step))->value_nick);
  self->group = g_strdup (baton_step_get_group (step));
  return self;
}

/**
 * baton_event_get_action:
 *
 * Returns: (nullable): the step's action ("move-group")
 */
const char *
baton_event_get_action (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), NULL);
  return self->action;
}

/**
 * baton_event_get_group:
 *
 * Returns: (nullable): the step's group
 */
const char *
baton_event_get_group (BatonEvent *self)
{
  g_return_val_if_fail (BATON_IS_EVENT (self), NULL);
  return self->group;
}
