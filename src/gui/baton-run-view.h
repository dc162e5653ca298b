/* baton-run-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-backend.h"
#include "baton-journal.h"
#include "baton-plan.h"
#include "baton-runner.h"

G_BEGIN_DECLS

#define BATON_TYPE_RUN_VIEW (baton_run_view_get_type ())

G_DECLARE_FINAL_TYPE (BatonRunView, baton_run_view, BATON, RUN_VIEW, GtkWidget)

GtkWidget   *baton_run_view_new          (void);
void         baton_run_view_start        (BatonRunView *self,
                                          BatonPlan    *plan,
                                          BatonBackend *backend,
                                          const char   *title);
void         baton_run_view_start_full   (BatonRunView *self,
                                          BatonPlan    *plan,
                                          BatonBackend *backend,
                                          const char   *title,
                                          JsonObject   *context,
                                          BatonJournal *journal);
BatonRunner *baton_run_view_get_runner   (BatonRunView *self);
gboolean     baton_run_view_get_running  (BatonRunView *self);
const char  *baton_run_view_get_outcome  (BatonRunView *self);

G_END_DECLS
