/* baton-sim-backend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baton-backend.h"

G_BEGIN_DECLS

#define BATON_FAULTS_FORMAT "baton-faults/1"
#define BATON_TYPE_SIM_BACKEND (baton_sim_backend_get_type ())

G_DECLARE_FINAL_TYPE (BatonSimBackend, baton_sim_backend, BATON, SIM_BACKEND, GObject)

BatonSimBackend *baton_sim_backend_new          (BatonCluster    *cluster);
void             baton_sim_backend_set_speed    (BatonSimBackend *self,
                                                 double           factor);
void             baton_sim_backend_set_timeout  (BatonSimBackend *self,
                                                 guint            seconds);
gboolean         baton_sim_backend_load_faults  (BatonSimBackend *self,
                                                 const char      *data,
                                                 gssize           length,
                                                 const char      *display_name,
                                                 GError         **error);
void             baton_sim_backend_note_failure (BatonSimBackend *self,
                                                 BatonStep       *step);
gboolean         baton_sim_backend_is_service_running (BatonSimBackend *self,
                                                       const char      *node);

G_END_DECLS
