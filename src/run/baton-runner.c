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
  guint            counts[STEP_FAILED + 1];  /* how many steps are in each state */
  guint           *remaining;     /* by position: dependencies not finished yet */
  guint           *dependents_at; /* by position: where its dependents start in dependents */
  guint           *dependents;    /* positions of the steps waiting for each step */
  GArray          *ready;         /* positions whose dependencies all finished, sorted */
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
  g_clear_pointer (&self->remaining, g_free);
  g_clear_pointer (&self->dependents_at, g_free);
  g_clear_pointer (&self->dependents, g_free);
  g_clear_pointer (&self->ready, g_array_unref);
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
  self->ready = g_array_new (FALSE, FALSE, sizeof (guint));
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
  self->counts[STEP_PENDING] = baton_plan_get_n_steps (plan);
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
set_state (BatonRunner *self,
           guint        position,
           StepState    state)
{
  self->counts[self->states[position]]--;
  self->states[position] = state;
  self->counts[state]++;
}

/* Adds @position to the ready list, which stays sorted: steps start in list order. */
static void
make_ready (BatonRunner *self,
            guint        position)
{
  guint lo = 0, hi = self->ready->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->ready, guint, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < self->ready->len && g_array_index (self->ready, guint, lo) == position)
    return;
  g_array_insert_val (self->ready, lo, position);
}

/* @position finished: the steps waiting for it may be ready now. */
static void
release_dependents (BatonRunner *self,
                    guint        position)
{
  for (guint k = self->dependents_at[position]; k < self->dependents_at[position + 1]; k++)
    {
      guint d = self->dependents[k];

      if (--self->remaining[d] == 0 && self->states[d] == STEP_PENDING)
        make_ready (self, d);
    }
}

/*
 * Counts each step's unfinished dependencies and lists who waits for whom,
 * once, so a finished step only looks at its own dependents.  A link to a
 * missing or later step never finishes.
 */
static void
index_dependencies (BatonRunner *self)
{
  guint n = baton_plan_get_n_steps (self->plan);
  guint total = 0;

  self->remaining = g_new0 (guint, n + 1);
  self->dependents_at = g_new0 (guint, n + 2);

  for (guint i = 0; i < n; i++)
    {
      const guint *after;
      guint n_after;

      after = baton_step_get_after (baton_plan_get_step (self->plan, i), &n_after);
      for (guint j = 0; j < n_after; j++)
        {
          if (after[j] == 0 || after[j] > n)
            self->remaining[i]++;
          else if (self->states[after[j] - 1] != STEP_DONE)
            {
              self->remaining[i]++;
              self->dependents_at[after[j] - 1 + 1]++;
              total++;
            }
        }
    }

  for (guint i = 1; i <= n + 1; i++)
    self->dependents_at[i] += self->dependents_at[i - 1];

  self->dependents = g_new0 (guint, total + 1);
  {
    g_autofree guint *fill = g_memdup2 (self->dependents_at, sizeof (guint) * (n + 1));

    for (guint i = 0; i < n; i++)
      {
        const guint *after;
        guint n_after;

        after = baton_step_get_after (baton_plan_get_step (self->plan, i), &n_after);
        for (guint j = 0; j < n_after; j++)
          if (after[j] != 0 && after[j] <= n && self->states[after[j] - 1] != STEP_DONE)
            self->dependents[fill[after[j] - 1]++] = i;
      }
  }

  for (guint i = 0; i < n; i++)
    if (self->states[i] == STEP_PENDING && self->remaining[i] == 0)
      g_array_append_val (self->ready, i);
}

static void
maybe_finish (BatonRunner *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean waiting;

  if (self->task == NULL || self->running > 0)
    return;

  waiting = self->counts[STEP_WAITING] > 0 ||
            (self->paused && self->counts[STEP_PENDING] + self->counts[STEP_CONFIRMED] > 0);
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
      set_state (self, position, STEP_DONE);
      release_dependents (self, position);
      record_step (self, BATON_EVENT_FINISHED, step, NULL);
    }
  else
    {
      set_state (self, position, STEP_FAILED);
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
  /* Each pass takes the first ready step off the list before starting it:
   * starting one may run this function again (a confirmation given at once). */
  while (self->ready->len > 0)
    {
      BatonStep *step;
      guint i;

      if (self->task == NULL || self->failure != NULL || self->paused ||
          g_cancellable_is_cancelled (g_task_get_cancellable (self->task)))
        return;

      i = g_array_index (self->ready, guint, 0);
      g_array_remove_index (self->ready, 0);
      step = baton_plan_get_step (self->plan, i);

      if (self->states[i] != STEP_PENDING && self->states[i] != STEP_CONFIRMED)
        continue;

      if (self->states[i] == STEP_PENDING && baton_step_get_manual (step) && !self->auto_confirm)
        {
          set_state (self, i, STEP_WAITING);
          g_signal_emit (self, signals[CONFIRM], 0, step);
          continue;
        }

      if (!record_step (self, BATON_EVENT_STARTED, step, baton_step_get_summary (step)))
        return;

      set_state (self, i, STEP_RUNNING);
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

  set_state (self, step - 1, STEP_CONFIRMED);
  make_ready (self, step - 1);
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
        set_state (self, i, STEP_DONE);
      else if (baton_journal_is_started (self->journal, i + 1))
        interrupted = TRUE;
    }

  index_dependencies (self);

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
