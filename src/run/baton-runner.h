/* baton-runner.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baton-backend.h"
#include "baton-journal.h"
#include "baton-plan.h"

G_BEGIN_DECLS

#define BATON_TYPE_RUNNER (baton_runner_get_type ())

G_DECLARE_FINAL_TYPE (BatonRunner, baton_runner, BATON, RUNNER, GObject)

BatonRunner *baton_runner_new              (BatonPlan     *plan,
                                            BatonBackend  *backend);
void         baton_runner_set_journal      (BatonRunner   *self,
                                            BatonJournal  *journal);
void         baton_runner_set_auto_confirm (BatonRunner   *self,
                                            gboolean       auto_confirm);
GListModel  *baton_runner_get_timeline     (BatonRunner   *self);
void         baton_runner_confirm          (BatonRunner   *self,
                                            guint          step);
void         baton_runner_run_async        (BatonRunner   *self,
                                            GCancellable  *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer       user_data);
gboolean     baton_runner_run_finish       (BatonRunner   *self,
                                            GAsyncResult  *result,
                                            GError       **error);
guint        baton_runner_get_failed_step  (BatonRunner   *self);
void         baton_runner_pause            (BatonRunner   *self);
void         baton_runner_resume           (BatonRunner   *self);
gboolean     baton_runner_get_paused       (BatonRunner   *self);

G_END_DECLS
