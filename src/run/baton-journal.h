/* baton-journal.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "baton-backend.h"
#include "baton-event.h"
#include "baton-plan.h"

G_BEGIN_DECLS

#define BATON_JOURNAL_FORMAT "baton-journal/1"
#define BATON_TYPE_JOURNAL (baton_journal_get_type ())

G_DECLARE_FINAL_TYPE (BatonJournal, baton_journal, BATON, JOURNAL, GObject)

BatonJournal *baton_journal_create        (const char    *path,
                                           BatonPlan     *plan,
                                           const char    *backend,
                                           JsonObject    *context,
                                           GError       **error);
JsonObject   *baton_journal_get_context   (BatonJournal  *self);
BatonJournal *baton_journal_open          (const char    *path,
                                           GError       **error);
gboolean      baton_journal_append        (BatonJournal  *self,
                                           BatonEvent    *event,
                                           GError       **error);
const char   *baton_journal_get_plan_hash (BatonJournal  *self);
const char   *baton_journal_get_path      (BatonJournal  *self);
const char   *baton_journal_get_header    (BatonJournal  *self,
                                           const char    *key);
gboolean      baton_journal_is_finished   (BatonJournal  *self,
                                           guint          step);
gboolean      baton_journal_is_started    (BatonJournal  *self,
                                           guint          step);
guint         baton_journal_get_n_events  (BatonJournal  *self);
guint         baton_journal_get_n_failures (BatonJournal *self,
                                            guint         step);
char         *baton_plan_hash             (BatonPlan     *plan);
gboolean      baton_journal_replay_finished (BatonJournal *self,
                                             BatonPlan    *plan,
                                             BatonBackend *backend,
                                             GError      **error);

G_END_DECLS
