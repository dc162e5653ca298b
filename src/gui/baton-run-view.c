/* baton-run-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run as it happens: the lanes of the nodes and servers with a bar per
 * step and a line at now, and the timeline of executed steps (time, step,
 * target, duration, result, message) bound to the runner's timeline.
 * Controls: pause after the current step and resume, abort safely, the
 * confirmation of manual steps, and after a failure: retry, skip or stop.
 * Every run keeps a journal (in the user's state directory, baton/runs):
 * a retry or a skip goes on from it, so finished steps never run twice.
 */

#define G_LOG_DOMAIN "baton-run"

#include "config.h"

#include <glib/gi18n.h>

#include <glib/gstdio.h>

#include "baton-event.h"
#include "baton-lane-chart.h"
#include "baton-run-view.h"

struct _BatonRunView
{
  GtkWidget       parent_instance;

  GtkBox         *box;
  GtkLabel       *title_label;
  GtkButton      *pause_button;
  GtkButton      *abort_button;
  GtkButton      *close_button;
  GtkLabel       *status_label;
  GtkRevealer    *failure_revealer;
  GtkLabel       *failure_label;
  BatonLaneChart *chart;
  GtkColumnView  *timeline_view;

  BatonPlan      *plan;
  BatonBackend   *backend;
  BatonRunner    *runner;
  BatonJournal   *journal;
  GListStore     *events;         /* every event of every attempt of this run */
  GCancellable   *cancellable;
  GHashTable     *started;        /* step id -> start time + 1 */
  char           *outcome;
  guint           clock_id;
  guint           failed_step;
  guint           running : 1;
};

G_DEFINE_FINAL_TYPE (BatonRunView, baton_run_view, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- the timeline's columns --------------------------------------------------------- */

static char *
format_clock (guint64 ms)
{
  guint64 s = ms / 1000;

  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%02u:%02u", s / 3600, (guint) (s / 60 % 60),
                          (guint) (s % 60));
}

static const char *
kind_label (BatonEventKind kind)
{
  switch (kind)
    {
    case BATON_EVENT_STARTED:
      return _("Started");
    case BATON_EVENT_FINISHED:
      return _("Done");
    case BATON_EVENT_FAILED:
      return _("Failed");
    case BATON_EVENT_SKIPPED:
      return _("Skipped");
    case BATON_EVENT_LOG:
    default:
      return _("Log");
    }
}

typedef char *(*CellText) (BatonRunView *self,
                           BatonEvent   *event);

static char *
cell_time (BatonRunView *self,
           BatonEvent   *event)
{
  return format_clock (baton_event_get_time (event));
}

static char *
cell_step (BatonRunView *self,
           BatonEvent   *event)
{
  guint id = baton_event_get_step (event);
  BatonStep *step = id ? baton_plan_lookup_step (self->plan, id) : NULL;

  if (step == NULL)
    return g_strdup ("—");
  return g_strdup_printf ("%u. %s", id, baton_step_get_summary (step));
}

static char *
cell_target (BatonRunView *self,
             BatonEvent   *event)
{
  return g_strdup (baton_event_get_subject (event) ? baton_event_get_subject (event) : "");
}

static char *
cell_duration (BatonRunView *self,
               BatonEvent   *event)
{
  gpointer start = g_hash_table_lookup (self->started, GUINT_TO_POINTER (baton_event_get_step (event)));
  BatonEventKind kind = baton_event_get_kind (event);
  guint64 ms;

  if (start == NULL || (kind != BATON_EVENT_FINISHED && kind != BATON_EVENT_FAILED))
    return g_strdup ("");
  ms = baton_event_get_time (event) - (GPOINTER_TO_SIZE (start) - 1);
  if (ms < 60000)
    return g_strdup_printf (_("%.0f s"), ms / 1000.0);
  return g_strdup_printf (_("%.0f min"), ms / 60000.0);
}

static char *
cell_result (BatonRunView *self,
             BatonEvent   *event)
{
  return g_strdup (kind_label (baton_event_get_kind (event)));
}

static char *
cell_message (BatonRunView *self,
              BatonEvent   *event)
{
  return g_strdup (baton_event_get_message (event) ? baton_event_get_message (event) : "");
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              BatonRunView             *self)
{
  CellText text = g_object_get_data (G_OBJECT (factory), "cell-text");
  g_autofree char *value = text (self, gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), value);
  gtk_widget_set_tooltip_text (label, value);
}

static void
add_column (BatonRunView *self,
            const char   *title,
            CellText      text,
            gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "cell-text", text);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->timeline_view, column);
  g_object_unref (column);
}

/* --- following the run -------------------------------------------------------------- */

static const char *
lane_of (BatonRunView *self,
         guint         id)
{
  BatonStep *step = id ? baton_plan_lookup_step (self->plan, id) : NULL;

  if (step == NULL)
    return NULL;
  return baton_step_get_node (step) ? baton_step_get_node (step) : baton_step_get_group (step);
}

static void
timeline_changed_cb (GListModel   *timeline,
                     guint         position,
                     guint         removed,
                     guint         added,
                     BatonRunView *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BatonEvent) event = g_list_model_get_item (timeline, i);
      guint id = baton_event_get_step (event);
      guint64 time = baton_event_get_time (event);
      gpointer start = g_hash_table_lookup (self->started, GUINT_TO_POINTER (id));

      g_list_store_append (self->events, event);

      switch (baton_event_get_kind (event))
        {
        case BATON_EVENT_STARTED:
          g_hash_table_insert (self->started, GUINT_TO_POINTER (id),
                               GSIZE_TO_POINTER ((gsize) time + 1));
          baton_lane_chart_set_bar (self->chart, id, lane_of (self, id), time, G_MAXUINT64,
                                    BATON_LANE_RUNNING);
          break;
        case BATON_EVENT_FINISHED:
        case BATON_EVENT_FAILED:
        case BATON_EVENT_SKIPPED:
          baton_lane_chart_set_bar (self->chart, id, lane_of (self, id),
                                    start ? GPOINTER_TO_SIZE (start) - 1 : time, time,
                                    baton_event_get_kind (event) == BATON_EVENT_FINISHED
                                      ? BATON_LANE_DONE
                                      : baton_event_get_kind (event) == BATON_EVENT_FAILED
                                        ? BATON_LANE_FAILED : BATON_LANE_SKIPPED);
          break;
        case BATON_EVENT_LOG:
        default:
          break;
        }
    }
  baton_lane_chart_set_now (self->chart, baton_backend_get_time (self->backend));

  /* Follow the newest row. */
  if (added > 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_activate_action (GTK_WIDGET (self->timeline_view), "list.scroll-to-item", "u",
                                g_list_model_get_n_items (G_LIST_MODEL (self->events)) - 1);
}

static gboolean
clock_cb (gpointer user_data)
{
  BatonRunView *self = user_data;

  baton_lane_chart_set_now (self->chart, baton_backend_get_time (self->backend));
  return G_SOURCE_CONTINUE;
}

static void
update_controls (BatonRunView *self)
{
  gboolean paused = self->runner && baton_runner_get_paused (self->runner);

  gtk_button_set_label (self->pause_button, paused ? _("_Resume") : _("_Pause After This Step"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.pause", self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.abort", self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.close", !self->running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.retry",
                                 !self->running && self->failed_step != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.skip",
                                 !self->running && self->failed_step != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "run.stop",
                                 !self->running && self->failed_step != 0);
  gtk_revealer_set_reveal_child (self->failure_revealer, !self->running && self->failed_step != 0);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BatonRunView     *self)
{
  guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "step"));

  if (g_strcmp0 (response, "done") == 0 && self->runner != NULL)
    baton_runner_confirm (self->runner, id);
  else if (self->running)
    g_cancellable_cancel (self->cancellable);
}

/* A manual step: the administrator does it and says so. */
static void
confirm_cb (BatonRunner  *runner,
            BatonStep    *step,
            BatonRunView *self)
{
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Step %u Is Yours"), baton_step_get_id (step));
  g_autofree char *body = g_strdup_printf (_("%s\n\nSource: %s, %s"), baton_step_get_summary (step),
                                           baton_step_get_source (step),
                                           baton_step_get_citation (step));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "stop", _("_Stop the Run"),
                                    "done", _("_Done"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "done",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "done");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "stop");
  g_object_set_data (G_OBJECT (dialog), "step", GUINT_TO_POINTER (baton_step_get_id (step)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BatonRunView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = baton_runner_run_finish (BATON_RUNNER (source), result, &error);

  self->running = FALSE;
  g_clear_handle_id (&self->clock_id, g_source_remove);
  baton_lane_chart_set_now (self->chart, baton_backend_get_time (self->backend));

  g_clear_pointer (&self->outcome, g_free);
  if (ok)
    self->outcome = g_strdup (_("Finished: every step ran."));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->outcome = g_strdup (_("Aborted: no new step started, and every group was left "
                                "online."));
  else
    {
      self->failed_step = baton_runner_get_failed_step (BATON_RUNNER (source));
      self->outcome = g_strdup_printf (_("Stopped at step %u: %s. The run stopped safely; "
                                         "the timeline says what ran."),
                                       self->failed_step, error->message);
      gtk_label_set_label (self->failure_label, self->outcome);
    }

  gtk_label_set_label (self->status_label, self->outcome);
  update_controls (self);
  g_signal_emit (self, signals[FINISHED], 0, ok);
}

/* --- actions -------------------------------------------------------------------------- */

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BatonRunView *self = BATON_RUN_VIEW (widget);

  if (self->runner == NULL)
    return;
  if (baton_runner_get_paused (self->runner))
    {
      baton_runner_resume (self->runner);
      gtk_label_set_label (self->status_label, _("Running."));
    }
  else
    {
      baton_runner_pause (self->runner);
      gtk_label_set_label (self->status_label,
                           _("Pausing: the steps under way finish, then nothing new starts "
                             "until you resume."));
    }
  update_controls (self);
}

static void
abort_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BatonRunView *self = BATON_RUN_VIEW (widget);

  gtk_label_set_label (self->status_label,
                       _("Aborting: no new step starts; the steps under way end."));
  g_cancellable_cancel (self->cancellable);
}

static void launch (BatonRunView *self);

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BatonRunView *self = BATON_RUN_VIEW (widget);

  if (self->failed_step == 0)
    return;
  gtk_label_set_label (self->status_label, _("Retrying: the engine's state is read again first."));
  launch (self);
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonRunView *self = BATON_RUN_VIEW (widget);
  BatonStep *step;
  g_autoptr(BatonEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  if (self->failed_step == 0 || !(step = baton_plan_lookup_step (self->plan, self->failed_step)))
    return;

  event = baton_event_new_for_step (BATON_EVENT_SKIPPED, step,
                                    baton_backend_get_time (self->backend),
                                    _("Skipped by the administrator after it failed"));
  if (self->journal != NULL && !baton_journal_append (self->journal, event, &error))
    {
      gtk_label_set_label (self->failure_label, error->message);
      return;
    }
  g_list_store_append (self->events, event);
  baton_lane_chart_set_bar (self->chart, self->failed_step, lane_of (self, self->failed_step),
                            baton_event_get_time (event), baton_event_get_time (event),
                            BATON_LANE_SKIPPED);
  launch (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonRunView *self = BATON_RUN_VIEW (widget);

  self->failed_step = 0;
  update_controls (self);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BatonRunView *self = BATON_RUN_VIEW (widget);

  /* Closed by the administrator: not a run to offer for resume any more. */
  if (self->journal != NULL)
    {
      const char *path = baton_journal_get_path (self->journal);
      g_autofree char *done = g_strconcat (path, ".done", NULL);

      g_rename (path, done);
      g_clear_object (&self->journal);
    }
  g_signal_emit (widget, signals[CLOSED], 0);
}

/* --- GObject --------------------------------------------------------------------------- */

static void
baton_run_view_dispose (GObject *object)
{
  BatonRunView *self = (BatonRunView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->clock_id, g_source_remove);
  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->runner, self);
      g_signal_handlers_disconnect_by_data (baton_runner_get_timeline (self->runner), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_RUN_VIEW);
  g_clear_object (&self->runner);
  g_clear_object (&self->journal);
  g_clear_object (&self->events);
  g_clear_object (&self->plan);
  g_clear_object (&self->backend);
  g_clear_pointer (&self->started, g_hash_table_unref);
  g_clear_pointer (&self->outcome, g_free);

  G_OBJECT_CLASS (baton_run_view_parent_class)->dispose (object);
}

static void
baton_run_view_class_init (BatonRunViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baton_run_view_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BATON_TYPE_LANE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-run-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, box);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, title_label);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, abort_button);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, close_button);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, status_label);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, failure_revealer);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, failure_label);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, chart);
  gtk_widget_class_bind_template_child (widget_class, BatonRunView, timeline_view);

  gtk_widget_class_install_action (widget_class, "run.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "run.abort", NULL, abort_action);
  gtk_widget_class_install_action (widget_class, "run.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "run.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "run.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "run.stop", NULL, stop_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "runview");
}

static void
baton_run_view_init (BatonRunView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->started = g_hash_table_new (NULL, NULL);
  self->events = g_list_store_new (BATON_TYPE_EVENT);
  gtk_column_view_set_model (self->timeline_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->events)))));

  add_column (self, _("Time"), cell_time, FALSE);
  add_column (self, _("Step"), cell_step, TRUE);
  add_column (self, _("Target"), cell_target, FALSE);
  add_column (self, _("Duration"), cell_duration, FALSE);
  add_column (self, _("Result"), cell_result, FALSE);
  add_column (self, _("Message"), cell_message, TRUE);
  update_controls (self);
}

GtkWidget *
baton_run_view_new (void)
{
  return g_object_new (BATON_TYPE_RUN_VIEW, NULL);
}

static gboolean
begin_run_cb (gpointer user_data)
{
  BatonRunView *self = user_data;

  if (self->running && self->runner != NULL)
    baton_runner_run_async (self->runner, self->cancellable, run_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* A new runner on the same plan, backend and journal: the journal's
 * finished and skipped steps are done, an interrupted one is redone. */
static void
launch (BatonRunView *self)
{
  GListModel *timeline;

  if (self->runner != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->runner, self);
      g_signal_handlers_disconnect_by_data (baton_runner_get_timeline (self->runner), self);
    }
  g_clear_object (&self->runner);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->runner = baton_runner_new (self->plan, self->backend);
  if (self->journal != NULL)
    baton_runner_set_journal (self->runner, self->journal);

  timeline = baton_runner_get_timeline (self->runner);
  g_signal_connect (timeline, "items-changed", G_CALLBACK (timeline_changed_cb), self);
  g_signal_connect (self->runner, "confirm", G_CALLBACK (confirm_cb), self);

  self->running = TRUE;
  self->failed_step = 0;
  g_clear_pointer (&self->outcome, g_free);
  update_controls (self);
  if (self->clock_id == 0)
    self->clock_id = g_timeout_add (250, clock_cb, self);

  /* From the main loop: whoever shows the view can listen to the runner first. */
  g_idle_add_full (G_PRIORITY_DEFAULT, begin_run_cb, g_object_ref (self), g_object_unref);
}

/* Each run's journal, in the user's state directory. */
static BatonJournal *
new_journal (BatonRunView *self,
             const char   *title,
             JsonObject   *extra)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *dir = g_build_filename (g_get_user_state_dir (), "baton", "runs", NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) context = json_object_new ();
  g_autoptr(GError) error = NULL;
  BatonJournal *journal;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return NULL;

  name = g_strdup_printf ("%s-%s-%u.jsonl", stamp, baton_plan_get_product (self->plan),
                          (guint) g_random_int_range (0, 1000000));
  path = g_build_filename (dir, name, NULL);
  json_object_set_string_member (context, "title", title);
  json_object_set_string_member (context, "origin", "baton");
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &key, &value))
        json_object_set_member (context, key, json_node_copy (value));
    }
  journal = baton_journal_create (path, self->plan, "sim:", context, &error);
  if (journal == NULL)
    g_warning ("No journal for this run: %s", error->message);
  return journal;
}

/**
 * baton_run_view_start:
 * @title: what the run is, for people ("Rehearsal on the simulator")
 *
 * Runs @plan on @backend, showing it as it goes, with a journal of its own.
 */
void
baton_run_view_start (BatonRunView *self,
                      BatonPlan    *plan,
                      BatonBackend *backend,
                      const char   *title)
{
  baton_run_view_start_full (self, plan, backend, title, NULL, NULL);
}

/**
 * baton_run_view_start_full:
 * @context: (nullable): what it takes to plan the run again (cluster file,
 *   product, target, options), kept in the journal so an interrupted run
 *   can be offered for resume
 * @journal: (nullable): an existing journal to go on with, instead of a new one
 */
void
baton_run_view_start_full (BatonRunView *self,
                           BatonPlan    *plan,
                           BatonBackend *backend,
                           const char   *title,
                           JsonObject   *context,
                           BatonJournal *journal)
{
  g_autoptr(GPtrArray) lanes = g_ptr_array_new ();
  BatonCluster *cluster;
  GListModel *lists[2];

  g_return_if_fail (BATON_IS_RUN_VIEW (self));
  g_return_if_fail (!self->running);

  g_set_object (&self->plan, plan);
  g_set_object (&self->backend, backend);
  g_hash_table_remove_all (self->started);
  g_list_store_remove_all (self->events);
  g_clear_object (&self->journal);
  self->journal = journal ? g_object_ref (journal) : new_journal (self, title, context);

  cluster = baton_backend_get_cluster (backend);
  lists[0] = baton_cluster_get_nodes (cluster);
  lists[1] = baton_cluster_get_servers (cluster);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(BatonMachine) machine = g_list_model_get_item (lists[l], i);
        g_ptr_array_add (lanes, (gpointer) baton_machine_get_name (machine));
      }
  g_ptr_array_add (lanes, NULL);
  baton_lane_chart_set_lanes (self->chart, (const char * const *) lanes->pdata);

  gtk_label_set_label (self->title_label, title);
  gtk_label_set_label (self->status_label, _("Running."));
  launch (self);
}

BatonRunner *
baton_run_view_get_runner (BatonRunView *self)
{
  g_return_val_if_fail (BATON_IS_RUN_VIEW (self), NULL);

  return self->runner;
}

gboolean
baton_run_view_get_running (BatonRunView *self)
{
  g_return_val_if_fail (BATON_IS_RUN_VIEW (self), FALSE);

  return self->running;
}

/**
 * baton_run_view_get_outcome:
 *
 * Returns: (nullable): how the last run ended, for people
 */
const char *
baton_run_view_get_outcome (BatonRunView *self)
{
  g_return_val_if_fail (BATON_IS_RUN_VIEW (self), NULL);

  return self->outcome;
}
