/* baton-backend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What Baton asks of a cluster engine: the cluster as the engine sees it
 * (a model that changes as the engine reports), a clock (the engine's,
 * in milliseconds: virtual for the simulator), a refresh, and performing
 * one plan step.  Every operation that waits is asynchronous and
 * cancellable.  Backends never touch widgets: views follow the cluster
 * model and the "log" signal.
 */

#define G_LOG_DOMAIN "baton-backend"

#include "config.h"

#include "baton-backend.h"

G_DEFINE_INTERFACE (BatonBackend, baton_backend, G_TYPE_OBJECT)
G_DEFINE_QUARK (baton-backend-error-quark, baton_backend_error)

enum {
  LOG,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
baton_backend_default_init (BatonBackendInterface *iface)
{
  /**
   * BatonBackend::log:
   * @subject: the node, server or group the line is about, or %NULL
   * @message: what the engine reported ("Event 1025: …")
   *
   * A line the engine reported, at the backend's current time.
   */
  signals[LOG] =
    g_signal_new ("log",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

/**
 * baton_backend_get_cluster:
 *
 * Returns: (transfer none): the cluster as the engine reports it; it
 *   changes as steps run and refreshes happen
 */
BatonCluster *
baton_backend_get_cluster (BatonBackend *self)
{
  g_return_val_if_fail (BATON_IS_BACKEND (self), NULL);

  return BATON_BACKEND_GET_IFACE (self)->get_cluster (self);
}

/**
 * baton_backend_get_time:
 *
 * Returns: the engine's clock in milliseconds since the backend started
 */
guint64
baton_backend_get_time (BatonBackend *self)
{
  g_return_val_if_fail (BATON_IS_BACKEND (self), 0);

  return BATON_BACKEND_GET_IFACE (self)->get_time (self);
}

void
baton_backend_refresh_async (BatonBackend        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (BATON_IS_BACKEND (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BATON_BACKEND_GET_IFACE (self)->refresh_async (self, cancellable, callback, user_data);
}

gboolean
baton_backend_refresh_finish (BatonBackend  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BATON_IS_BACKEND (self), FALSE);

  return BATON_BACKEND_GET_IFACE (self)->refresh_finish (self, result, error);
}

/**
 * baton_backend_perform_async:
 * @step: the step to perform
 *
 * Performs @step on the engine; the cluster model follows what happened.
 */
void
baton_backend_perform_async (BatonBackend        *self,
                             BatonStep           *step,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (BATON_IS_BACKEND (self));
  g_return_if_fail (BATON_IS_STEP (step));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  BATON_BACKEND_GET_IFACE (self)->perform_async (self, step, cancellable, callback, user_data);
}

/**
 * baton_backend_perform_finish:
 *
 * Returns: whether the step succeeded; a %BATON_BACKEND_ERROR says why not
 */
gboolean
baton_backend_perform_finish (BatonBackend  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (BATON_IS_BACKEND (self), FALSE);

  return BATON_BACKEND_GET_IFACE (self)->perform_finish (self, result, error);
}

/**
 * baton_backend_emit_log:
 *
 * For implementations: reports a line of the engine's.
 */
void
baton_backend_emit_log (BatonBackend *self,
                        const char   *subject,
                        const char   *message)
{
  g_return_if_fail (BATON_IS_BACKEND (self));

  g_signal_emit (self, signals[LOG], 0, subject, message);
}
