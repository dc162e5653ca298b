/* baton-event.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "baton-step.h"

G_BEGIN_DECLS

typedef enum
{
  BATON_EVENT_STARTED,
  BATON_EVENT_FINISHED,
  BATON_EVENT_FAILED,
  BATON_EVENT_SKIPPED,
  BATON_EVENT_LOG,
} BatonEventKind;

#define BATON_TYPE_EVENT_KIND (baton_event_kind_get_type ())
GType baton_event_kind_get_type (void) G_GNUC_CONST;

#define BATON_TYPE_EVENT (baton_event_get_type ())

G_DECLARE_FINAL_TYPE (BatonEvent, baton_event, BATON, EVENT, GObject)

BatonEvent     *baton_event_new         (BatonEventKind  kind,
                                         guint           step,
                                         guint64         time_ms,
                                         const char     *subject,
                                         const char     *message);
BatonEvent     *baton_event_new_for_step (BatonEventKind  kind,
                                          BatonStep      *step,
                                          guint64         time_ms,
                                          const char     *message);
const char     *baton_event_get_action  (BatonEvent     *self);
const char     *baton_event_get_group   (BatonEvent     *self);
BatonEventKind  baton_event_get_kind    (BatonEvent     *self);
guint           baton_event_get_step    (BatonEvent     *self);
guint64         baton_event_get_time    (BatonEvent     *self);
const char     *baton_event_get_subject (BatonEvent     *self);
const char     *baton_event_get_message (BatonEvent     *self);

G_END_DECLS
