/* baton-runner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs one plan on one backend.  A step starts when every step of its
 * "after" list has finished, so independent steps run at once.  A manual
 * step waits for baton_runner_confirm() (the "confirm" signal asks)
 * unless auto-confirm is on.  Every event goes to the timeline and, before
 * anything else happens, to the journal; steps the journal already
 * records as finished are not run again.  On the first failure nothing
 * more starts: the run ends once the steps under way have ended, and the
 * error says which step failed and what to do.
 */

#define G_LOG_DOMAIN "baton-run"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-object-list.h"
#include "baton-runner.h"

typedef enum
{
  STEP_PENDING,
  STEP_WAITING,     /* for a confirmation */
  STEP_CONFIRMED,
  STEP_RUNNING,
  STEP_DONE,
  STEP_FAILED,
} StepState;

struct _BatonRunner
{
  GObject          parent_instance;

  BatonPlan       *plan;
  BatonBackend    *backend;
  BatonJournal    *journal;
  BatonObjectList *timeline;
  StepState       *states;        /* by position */
  GTask           *task;
  GError          *failure;
  gulong           log_id;
  guint            running;
  guint            failed_step;
  gboolean         auto_confirm;
  gboolean         paused;
  gboolean         recovering;
  GHashTable      *online_at_start;  /* group names */
};

G_DEFINE_FINAL_TYPE (BatonRunner, baton_runner, G_TYPE_OBJECT)

enum {
  CONFIRM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void     launch_ready (BatonRunner *self);
static void     maybe_finish (BatonRunner *self);
static gboolean recover      (BatonRunner *self);

static void
baton_runner_dispose (GObject *object)
{
  BatonRunner *self = (BatonRunner *) object;

  g_clear_signal_handler (&self->log_id, self->backend);
  g_clear_object (&self->plan);
  g_clear_object (&self->backend);
  g_clear_object (&self->journal);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (baton_runner_parent_class)->dispose (object);
}

static void
baton_runner_finalize (GObject *object)
{
  BatonRunner *self = (BatonRunner *) object;

  g_clear_pointer (&self->states, g_free);
  g_clear_pointer (&self->online_at_start, g_hash_table_unref);
  g_clear_error (&self->failure);

  G_OBJECT_CLASS (baton_runner_parent_class)->finalize (object);
}

static void
baton_runner_class_init (BatonRunnerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = baton_runner_dispose;
  G_OBJECT_CLASS (klass)->finalize = baton_runner_finalize;

  /**
   * BatonRunner::confirm:
   * @step: a manual step, ready to run
   *
   * The step waits until baton_runner_confirm() is called with its id.
   */
  signals[CONFIRM] =
    g_signal_new ("confirm", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, BATON_TYPE_STEP);
}

static void
baton_runner_init (BatonRunner *self)
{
  self->timeline = baton_object_list_new (BATON_TYPE_EVENT);
  self->online_at_start = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * baton_runner_new:
 *
 * Returns: (transfer full): a runner of @plan on @backend
 */
BatonRunner *
baton_runner_new (BatonPlan    *plan,
                  BatonBackend *backend)
{
  BatonRunner *self;

  g_return_val_if_fail (BATON_IS_PLAN (plan), NULL);
  g_return_val_if_fail (BATON_IS_BACKEND (backend), NULL);

  self = g_object_new (BATON_TYPE_RUNNER, NULL);
  self->plan = g_object_ref (plan);
  self->backend = g_object_ref (backend);
  self->states = g_new0 (StepState, baton_plan_get_n_steps (plan) + 1);
  return self;
}

/**
 * baton_runner_set_journal:
 *
 * Records the run in @journal, and skips the steps it records as finished.
 */
void
baton_runner_set_journal (BatonRunner  *self,
                          BatonJournal *journal)
{
  g_return_if_fail (BATON_IS_RUNNER (self));
  g_return_if_fail (self->task == NULL);

  g_set_object (&self->journal, journal);
}

void
baton_runner_set_auto_confirm (BatonRunner *self,
                               gboolean     auto_confirm)
{
  g_return_if_fail (BATON_IS_RUNNER (self));
  self->auto_confirm = !!auto_confirm;
}

/**
 * baton_runner_get_timeline:
 *
 * Returns: (transfer none): a #GListModel of #BatonEvent, in the order
 *   they happened
 */
GListModel *
baton_runner_get_timeline (BatonRunner *self)
{
  g_return_val_if_fail (BATON_IS_RUNNER (self), NULL);
  return G_LIST_MODEL (self->timeline);
}

/**
 * baton_runner_get_failed_step:
 *
 * Returns: the id of the step that failed, or 0
 */
guint
baton_runner_get_failed_step (BatonRunner *self)
{
  g_return_val_if_fail (BATON_IS_RUNNER (self), 0);
  return self->failed_step;
}

static gboolean
append (BatonRunner *self,
        BatonEvent  *event)
{
  g_autoptr(GError) error = NULL;

  /* Journal first, then the timeline: what people see is on disk. */
  if (self->journal != NULL && !baton_journal_append (self->journal, event, &error))
    {
      if (self->failure == NULL)
        self->failure = g_steal_pointer (&error);
      return FALSE;
    }

  baton_object_list_append (self->timeline, event);
  return TRUE;
}

static gboolean
record_step (BatonRunner    *self,
             BatonEventKind  kind,
             BatonStep      *step,
             const char     *message)
{
  g_autoptr(BatonEvent) event =
    baton_event_new_for_step (kind, step, baton_backend_get_time (self->backend), message);

  return append (self, event);
}

static gboolean
record (BatonRunner    *self,
        BatonEventKind  kind,
        guint           step,
        const char     *subject,
        const char     *message)
{
  g_autoptr(BatonEvent) event = baton_event_new (kind, step, baton_backend_get_time (self->backend),
                                                 subject, message);

  return append (self, event);
}

static void
log_cb (BatonBackend *backend,
        const char   *subject,
        const char   *message,
        BatonRunner  *self)
{
  record (self, BATON_EVENT_LOG, 0, subject, message);
}

static void
maybe_finish (BatonRunner *self)
{
  g_autoptr(GTask) task = NULL;
  guint n = baton_plan_get_n_steps (self->plan);
  gboolean waiting = FALSE;

  if (self->task == NULL || self->running > 0)
    return;

  for (guint i = 0; i < n && !waiting; i++)
    waiting = self->states[i] == STEP_WAITING || (self->paused && self->states[i] == STEP_PENDING);
  if (waiting && self->failure == NULL &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    return;

  /* After a failure, bring back what the plan did not mean to take down. */
  if (self->failure != NULL && !self->recovering && recover (self))
    return;

  task = g_steal_pointer (&self->task);
  g_clear_signal_handler (&self->log_id, self->backend);

  if (self->failure != NULL)
    g_task_return_error (task, g_error_copy (self->failure));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* Was @group taken offline by a finished step of the plan (on purpose)? */
static gboolean
taken_offline_on_purpose (BatonRunner *self,
                          const char  *group)
{
  guint n = baton_plan_get_n_steps (self->plan);

  for (guint i = 0; i < n; i++)
    {
      BatonStep *step = baton_plan_get_step (self->plan, i);

      if (self->states[i] == STEP_DONE &&
          baton_step_get_action (step) == BATON_ACTION_TAKE_OFFLINE &&
          g_strcmp0 (baton_step_get_group (step), group) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
recovered_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BatonRunner) self = user_data;
  g_autoptr(GError) error = NULL;

  self->running--;
  if (!baton_backend_perform_finish (BATON_BACKEND (source), result, &error))
    record (self, BATON_EVENT_LOG, 0, NULL, error->message);
  maybe_finish (self);
}

/*
 * The safe state after a failure: every group that was online when the
 * run started, and that no finished step took offline on purpose, is
 * brought online where it is.  Returns whether recovery steps run.
 */
static gboolean
recover (BatonRunner *self)
{
  GListModel *groups = baton_cluster_get_groups (baton_backend_get_cluster (self->backend));

  self->recovering = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);
      const char *name = baton_group_get_name (group);
      g_autoptr(BatonStep) step = NULL;
      g_autofree char *message = NULL;

      if (baton_group_get_state (group) == BATON_GROUP_STATE_ONLINE ||
          !g_hash_table_contains (self->online_at_start, name) ||
          taken_offline_on_purpose (self, name))
        continue;

      message = g_strdup_printf (_("Bringing “%s” back online on “%s”: the plan did not mean to "
                                   "take it offline"), name, baton_group_get_owner (group));
      record (self, BATON_EVENT_LOG, 0, name, message);

      step = baton_step_new (0, BATON_ACTION_BRING_ONLINE);
      baton_step_set_group (step, name);
      baton_step_set_node (step, baton_group_get_owner (group));
      baton_step_set_summary (step, message);
      self->running++;
      baton_backend_perform_async (self->backend, step, NULL, recovered_cb, g_object_ref (self));
    }

  return self->running > 0;
}

typedef struct
{
  BatonRunner *self;
  BatonStep   *step;
} Performing;

static void
perform_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Performing *p = user_data;
  g_autoptr(BatonRunner) self = p->self;
  g_autoptr(BatonStep) step = p->step;
  guint position = baton_step_get_id (step) - 1;
  g_autoptr(GError) error = NULL;

  g_free (p);

  self->running--;

  if (baton_backend_perform_finish (BATON_BACKEND (source), result, &error))
    {
      self->states[position] = STEP_DONE;
      record_step (self, BATON_EVENT_FINISHED, step, NULL);
    }
  else
    {
      self->states[position] = STEP_FAILED;
      record_step (self, BATON_EVENT_FAILED, step, error->message);

      if (self->failure == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->failed_step = baton_step_get_id (step);
          g_set_error (&self->failure, error->domain, error->code,
                       _("Step %u (%s) failed: %s. Nothing after it was started; the steps under "
                         "way finished. Fix the cause, then run the plan again with the same "
                         "journal: finished steps are not repeated."),
                       baton_step_get_id (step), baton_step_get_summary (step), error->message);
        }
    }

  launch_ready (self);
  maybe_finish (self);
}

static gboolean
ready (BatonRunner *self,
       BatonStep   *step)
{
  const guint *after;
  guint n_after;

  after = baton_step_get_after (step, &n_after);
  for (guint i = 0; i < n_after; i++)
    if (after[i] == 0 || after[i] > baton_plan_get_n_steps (self->plan) ||
        self->states[after[i] - 1] != STEP_DONE)
      return FALSE;
  return TRUE;
}

/**
 * baton_runner_pause:
 *
 * Starts no new step; the steps under way finish.  The run waits until
 * baton_runner_resume().
 */
void
baton_runner_pause (BatonRunner *self)
{
  g_return_if_fail (BATON_IS_RUNNER (self));
  self->paused = TRUE;
}

void
baton_runner_resume (BatonRunner *self)
{
  g_return_if_fail (BATON_IS_RUNNER (self));

  if (!self->paused)
    return;
  self->paused = FALSE;
  launch_ready (self);
  maybe_finish (self);
}

gboolean
baton_runner_get_paused (BatonRunner *self)
{
  g_return_val_if_fail (BATON_IS_RUNNER (self), FALSE);
  return self->paused;
}

static void
launch_ready (BatonRunner *self)
{
  guint n = baton_plan_get_n_steps (self->plan);

  if (self->task == NULL || self->failure != NULL || self->paused ||
      g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
    return;

  for (guint i = 0; i < n; i++)
    {
      BatonStep *step = baton_plan_get_step (self->plan, i);

      if ((self->states[i] != STEP_PENDING && self->states[i] != STEP_CONFIRMED) ||
          !ready (self, step))
        continue;

      if (self->states[i] == STEP_PENDING && baton_step_get_manual (step) && !self->auto_confirm)
        {
          self->states[i] = STEP_WAITING;
          g_signal_emit (self, signals[CONFIRM], 0, step);
          continue;
        }

      if (!record_step (self, BATON_EVENT_STARTED, step, baton_step_get_summary (step)))
        return;

      self->states[i] = STEP_RUNNING;
      self->running++;
      {
        Performing *p = g_new0 (Performing, 1);

        p->self = g_object_ref (self);
        p->step = g_object_ref (step);
        baton_backend_perform_async (self->backend, step, g_task_get_cancellable (self->task),
                                     perform_cb, p);
      }
    }
}

/**
 * baton_runner_confirm:
 * @step: the id of a manual step the runner waits for
 */
void
baton_runner_confirm (BatonRunner *self,
                      guint        step)
{
  g_return_if_fail (BATON_IS_RUNNER (self));
  g_return_if_fail (step > 0 && step <= baton_plan_get_n_steps (self->plan));

  if (self->states[step - 1] != STEP_WAITING)
    return;

  self->states[step - 1] = STEP_CONFIRMED;
  launch_ready (self);
  maybe_finish (self);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BatonRunner) self = user_data;
  g_autoptr(GError) error = NULL;

  self->running--;
  if (!baton_backend_refresh_finish (BATON_BACKEND (source), result, &error) &&
      self->failure == NULL)
    self->failure = g_steal_pointer (&error);
  else
    record (self, BATON_EVENT_LOG, 0, NULL,
            _("Read the cluster's state again before redoing the step that had started"));

  launch_ready (self);
  maybe_finish (self);
}

void
baton_runner_run_async (BatonRunner         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  gboolean interrupted = FALSE;
  guint n;

  g_return_if_fail (BATON_IS_RUNNER (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, baton_runner_run_async);
  self->log_id = g_signal_connect (self->backend, "log", G_CALLBACK (log_cb), self);

  {
    GListModel *groups = baton_cluster_get_groups (baton_backend_get_cluster (self->backend));

    for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
      {
        g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);

        if (baton_group_get_state (group) == BATON_GROUP_STATE_ONLINE)
          g_hash_table_add (self->online_at_start, g_strdup (baton_group_get_name (group)));
      }
  }

  /* Steps a journal records as finished are done; one that had started
   * without finishing is redone, after the engine's state is read again. */
  n = baton_plan_get_n_steps (self->plan);
  for (guint i = 0; i < n && self->journal != NULL; i++)
    {
      if (baton_journal_is_finished (self->journal, i + 1))
        self->states[i] = STEP_DONE;
      else if (baton_journal_is_started (self->journal, i + 1))
        interrupted = TRUE;
    }

  if (interrupted)
    {
      self->running++;
      baton_backend_refresh_async (self->backend, g_task_get_cancellable (self->task), refreshed_cb,
                                   g_object_ref (self));
      return;
    }

  launch_ready (self);
  maybe_finish (self);
}

/**
 * baton_runner_run_finish:
 *
 * Returns: whether every step finished; else @error says which failed
 */
gboolean
baton_runner_run_finish (BatonRunner   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
