/* baton-backend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baton-cluster.h"
#include "baton-step.h"

G_BEGIN_DECLS

#define BATON_TYPE_BACKEND  (baton_backend_get_type ())
#define BATON_BACKEND_ERROR (baton_backend_error_quark ())

typedef enum
{
  BATON_BACKEND_ERROR_FAILED,        /* the step ran and failed */
  BATON_BACKEND_ERROR_REFUSED,       /* the cluster's rules forbid the step now */
  BATON_BACKEND_ERROR_TIMED_OUT,     /* the step did not finish in time */
  BATON_BACKEND_ERROR_UNREACHABLE,   /* the engine cannot be reached */
} BatonBackendError;

G_DECLARE_INTERFACE (BatonBackend, baton_backend, BATON, BACKEND, GObject)

struct _BatonBackendInterface
{
  GTypeInterface parent_iface;

  BatonCluster *(*get_cluster)    (BatonBackend         *self);
  guint64       (*get_time)       (BatonBackend         *self);
  void          (*refresh_async)  (BatonBackend         *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
  gboolean      (*refresh_finish) (BatonBackend         *self,
                                   GAsyncResult         *result,
                                   GError              **error);
  void          (*perform_async)  (BatonBackend         *self,
                                   BatonStep            *step,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
  gboolean      (*perform_finish) (BatonBackend         *self,
                                   GAsyncResult         *result,
                                   GError              **error);
};

GQuark        baton_backend_error_quark    (void);
BatonCluster *baton_backend_get_cluster    (BatonBackend         *self);
guint64       baton_backend_get_time       (BatonBackend         *self);
void          baton_backend_refresh_async  (BatonBackend         *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean      baton_backend_refresh_finish (BatonBackend         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void          baton_backend_perform_async  (BatonBackend         *self,
                                            BatonStep            *step,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean      baton_backend_perform_finish (BatonBackend         *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void          baton_backend_emit_log       (BatonBackend         *self,
                                            const char           *subject,
                                            const char           *message);

G_END_DECLS
