/* baton-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-backend.h"
#include "baton-model.h"
#include "baton-run-view.h"
#include "baton-topology-view.h"
#include "baton-upgrade-wizard.h"

G_BEGIN_DECLS

#define BATON_TYPE_WINDOW (baton_window_get_type ())
#define BATON_DEMO_CLUSTER_URI "resource:///io/github/baton/Baton/demo/demo-cluster.json"

G_DECLARE_FINAL_TYPE (BatonWindow, baton_window, BATON, WINDOW, AdwApplicationWindow)

BatonWindow  *baton_window_new               (GtkApplication *application);
void          baton_window_open              (BatonWindow    *self,
                                              GFile          *file);
void          baton_window_open_demo         (BatonWindow    *self);
BatonCluster *baton_window_get_cluster       (BatonWindow    *self);
GFile        *baton_window_get_file          (BatonWindow    *self);
const char   *baton_window_get_error_message (BatonWindow    *self);
gboolean      baton_window_get_loading       (BatonWindow    *self);
gboolean      baton_window_save_screenshot   (BatonWindow    *self,
                                              const char     *path,
                                              GError        **error);
BatonTopologyView *baton_window_get_topology_view (BatonWindow *self);
BatonBackend *baton_window_get_backend       (BatonWindow    *self);
BatonRunView *baton_window_get_run_view      (BatonWindow    *self);
BatonUpgradeWizard *baton_window_open_wizard (BatonWindow    *self);
char         *baton_window_find_interrupted_run (void);
gboolean      baton_window_resume_journal    (BatonWindow    *self,
                                              const char     *path,
                                              GError        **error);
void          baton_window_offer_resume      (BatonWindow    *self);

G_END_DECLS
