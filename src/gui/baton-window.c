/* baton-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: opens a cluster file (through the library's loader,
 * off the main thread), connects it to a backend (the built-in simulator
 * unless the Connect dialog says otherwise) and shows the backend's
 * cluster in the topology view.  A file that fails to load never replaces
 * what is shown: with nothing shown yet the error gets the whole window,
 * otherwise an error bar above the cluster still on screen.
 */

#define G_LOG_DOMAIN "baton-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "baton-catalog.h"
#include "baton-cluster-file.h"
#include "baton-planner.h"
#include "baton-run-view.h"
#include "baton-util.h"
#include "baton-sim-backend.h"
#include "baton-topology-view.h"
#include "baton-upgrade-wizard.h"
#include "baton-window.h"

struct _BatonWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkInfoBar           *error_bar;
  GtkLabel             *error_bar_label;
  GtkStack             *stack;
  GtkLabel             *error_page_label;
  BatonTopologyView    *topology_view;
  BatonRunView         *run_view;
  GMenu                *recent_section;

  GSettings            *settings;
  GtkRecentManager     *recent;
  BatonBackend         *backend;
  BatonCluster         *cluster;      /* the backend's: what is on screen */
  guint                 focus_idle;
  GFile                *file;
  char                 *error_message;
  GCancellable         *load_cancellable;
  GtkFileChooserNative *chooser;
  guint                 loading : 1;
};

G_DEFINE_FINAL_TYPE (BatonWindow, baton_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLUSTER,
  PROP_FILE,
  PROP_ERROR_MESSAGE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  BatonWindow *self;
  GFile       *file;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
set_loading (BatonWindow *self,
             gboolean     loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error_message (BatonWindow *self,
                   const char  *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static gboolean
is_demo (GFile *file)
{
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

  return g_strcmp0 (uri, BATON_DEMO_CLUSTER_URI) == 0;
}

/* The recent files section of the Open button's menu: Baton's own, newest first. */
static void
update_recent (BatonWindow *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent);
  guint n = 0;

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l != NULL && n < 8; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()) ||
          !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Keyboard users start in the topology, not on a header bar button. */
static gboolean
focus_topology_cb (gpointer user_data)
{
  BatonWindow *self = user_data;

  self->focus_idle = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self->topology_view)))
    gtk_widget_child_focus (GTK_WIDGET (self->topology_view), GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
show_cluster (BatonWindow  *self,
              BatonCluster *cluster,
              GFile        *file)
{
  g_autoptr(BatonSimBackend) sim = baton_sim_backend_new (cluster);
  g_autofree char *subtitle = NULL;

  /* The simulator works on its own copy: that copy is what is on screen. */
  baton_sim_backend_set_speed (sim, g_settings_get_double (self->settings, "simulator-speed"));
  g_set_object (&self->backend, BATON_BACKEND (sim));
  g_set_object (&self->cluster, baton_backend_get_cluster (self->backend));
  g_set_object (&self->file, file);
  baton_topology_view_set_backend (self->topology_view, self->backend);

  if (is_demo (file))
    subtitle = g_strdup (_("Demo cluster · simulator"));
  else
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *name = g_file_get_basename (file);

      /* TRANSLATORS: file name · the backend */
      subtitle = g_strdup_printf (_("%s · simulator"), name);
      gtk_recent_manager_add_item (self->recent, uri);
    }

  adw_window_title_set_title (self->window_title, baton_cluster_get_name (self->cluster));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), baton_cluster_get_name (self->cluster));

  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "cluster");
  if (self->focus_idle == 0)
    self->focus_idle = g_idle_add_full (G_PRIORITY_LOW, focus_topology_cb, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upgrade",
                                 !baton_run_view_get_running (self->run_view));

  set_error_message (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLUSTER]);
}

static void
show_error (BatonWindow *self,
            const char  *message)
{
  if (self->cluster == NULL)
    {
      gtk_label_set_label (self->error_page_label, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      /* Keep the cluster on screen: the failed file loses nothing. */
      g_autofree char *text =
        g_strdup_printf (_("Could not open the file; still showing “%s”.\n%s"),
                         baton_cluster_get_name (self->cluster), message);

      gtk_label_set_label (self->error_bar_label, text);
      gtk_info_bar_set_revealed (self->error_bar, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "cluster");
    }

  set_error_message (self, message);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(GError) error = NULL;
  BatonWindow *self = data->self;

  cluster = baton_cluster_load_file_finish (result, &error);

  /* A newer open, or the window closing, cancelled this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  set_loading (self, FALSE);

  if (cluster == NULL)
    show_error (self, error->message);
  else
    show_cluster (self, cluster, data->file);
}

/**
 * baton_window_open:
 * @file: a baton-cluster/1 file
 *
 * Opens @file in the background.  On success it replaces the cluster on
 * screen; on failure the window shows the loader's message and keeps
 * what it showed.  Opening again cancels an open still under way.
 */
void
baton_window_open (BatonWindow *self,
                   GFile       *file)
{
  LoadData *data;

  g_return_if_fail (BATON_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  if (self->cluster == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  baton_cluster_load_file_async (file, self->load_cancellable, load_cb, data);
}

void
baton_window_open_demo (BatonWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (BATON_DEMO_CLUSTER_URI);

  g_return_if_fail (BATON_IS_WINDOW (self));

  baton_window_open (self, file);
}

/* --- actions ------------------------------------------------------------------ */

static void
chooser_response_cb (BatonWindow          *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        baton_window_open (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonWindow *self = BATON_WINDOW (widget);
  g_autoptr(GtkFileFilter) clusters = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (clusters, _("Cluster files (JSON)"));
  gtk_file_filter_add_mime_type (clusters, "application/json");
  gtk_file_filter_add_suffix (clusters, "json");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Open a Cluster File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), clusters);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  baton_window_open_demo (BATON_WINDOW (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BatonWindow *self = BATON_WINDOW (widget);

  if (self->file != NULL)
    baton_window_open (self, self->file);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  baton_window_open (BATON_WINDOW (widget), file);
}

static void
show_save_error (BatonWindow *self,
                 const char  *message)
{
  g_autofree char *text = g_strdup_printf (_("Could not save the cluster.\n%s"), message);

  gtk_label_set_label (self->error_bar_label, text);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static gboolean
save_to (BatonWindow *self,
         GFile       *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file"), uri);

      show_save_error (self, message);
      return FALSE;
    }

  /* Atomic: a failed save leaves the old file as it was. */
  if (!baton_cluster_save_to_path (self->cluster, path, &error))
    {
      show_save_error (self, error->message);
      return FALSE;
    }

  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  return TRUE;
}

static void
save_chooser_response_cb (BatonWindow          *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && save_to (self, file))
        {
          g_autofree char *uri = g_file_get_uri (file);
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *subtitle = g_strdup_printf (_("%s · simulator"), name);

          g_set_object (&self->file, file);
          gtk_recent_manager_add_item (self->recent, uri);
          adw_window_title_set_subtitle (self->window_title, subtitle);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
        }
    }

  g_clear_object (&self->chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BatonWindow *self = BATON_WINDOW (widget);
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->cluster == NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save the Cluster"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s.json", baton_cluster_get_name (self->cluster));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (save_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonWindow *self = BATON_WINDOW (widget);

  /* The demo cluster is built in: saving it means choosing a file. */
  if (self->file == NULL || is_demo (self->file) || !g_file_is_native (self->file))
    save_as_action (widget, action_name, parameter);
  else
    save_to (self, self->file);
}

static void
connect_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BatonWindow      *self)
{
  if (g_strcmp0 (response, "simulator") == 0 && self->cluster != NULL)
    {
      /* A fresh simulator on the cluster as it is on screen now. */
      g_autoptr(BatonCluster) cluster = g_object_ref (self->cluster);
      g_autoptr(GFile) file = self->file ? g_object_ref (self->file) : NULL;

      show_cluster (self, cluster, file);
    }
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BatonWindow *self = BATON_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  struct { const char *title; const char *subtitle; gboolean available; } engines[] = {
    { N_("Built-in simulator"),
      N_("Moves and rehearsals on a faithful model of the cluster; nothing real changes"), TRUE },
    { N_("Pacemaker cluster"),
      N_("crm_mon and crm_resource, locally or over SSH: arrives with live runs"), FALSE },
    { N_("Windows failover cluster"),
      N_("FailoverClusters cmdlets over WinRM: arrives with live runs"), FALSE },
  };

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < G_N_ELEMENTS (engines); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (engines[i].available
                                                        ? "emblem-ok-symbolic"
                                                        : "action-unavailable-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(engines[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(engines[i].subtitle));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_sensitive (row, engines[i].available);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Connect to a Cluster Engine"),
                                   _("Moves, pauses and resumes in the topology go through the "
                                     "engine you connect to."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "simulator", _("_Restart the Simulator"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "simulator",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "simulator");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (connect_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- upgrades: the wizard, rehearsals, runs and demos ------------------------------ */

/* What the journal keeps to plan the run again: see baton_window_resume_journal(). */
static JsonObject *
run_context (BatonWindow        *self,
             BatonUpgradeWizard *wizard,
             BatonPlan          *plan,
             const char         *kind)
{
  JsonObject *context = json_object_new ();
  JsonArray *options = json_array_new ();
  GPtrArray *chosen = wizard ? baton_upgrade_wizard_get_options (wizard) : NULL;

  if (self->file != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->file);
      json_object_set_string_member (context, "cluster_uri", uri);
    }
  json_object_set_string_member (context, "product", baton_plan_get_product (plan));
  json_object_set_string_member (context, "target", baton_plan_get_target (plan));
  json_object_set_string_member (context, "kind", kind);
  for (guint i = 0; chosen && i < chosen->len; i++)
    json_array_add_string_element (options, g_ptr_array_index (chosen, i));
  json_object_set_array_member (context, "options", options);
  return context;
}

static void
start_run (BatonWindow  *self,
           BatonPlan    *plan,
           BatonBackend *backend,
           const char   *title,
           JsonObject   *context,
           BatonJournal *journal)
{
  /* The topology follows the run live: the rehearsal's or demo's own
   * simulator while it lasts, the connected backend for a real run. */
  baton_topology_view_set_backend (self->topology_view, backend);
  gtk_widget_set_visible (GTK_WIDGET (self->run_view), TRUE);
  baton_run_view_start_full (self->run_view, plan, backend, title, context, journal);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upgrade", FALSE);
}

static BatonBackend *
throwaway_simulator (BatonWindow *self,
                     double       speed)
{
  BatonSimBackend *sim = baton_sim_backend_new (self->cluster);

  baton_sim_backend_set_speed (sim, speed);
  return BATON_BACKEND (sim);
}

static void
rehearse_cb (BatonUpgradeWizard *wizard,
             BatonPlan          *plan,
             BatonProfile       *profile,
             BatonWindow        *self)
{
  g_autoptr(BatonBackend) sim =
    throwaway_simulator (self, g_settings_get_double (self->settings, "simulator-speed"));
  g_autofree char *title = g_strdup_printf (_("Rehearsal: %s to %s on the simulator"),
                                            baton_profile_get_title (profile),
                                            baton_plan_get_target (plan));
  g_autoptr(JsonObject) context = run_context (self, wizard, plan, "rehearsal");

  start_run (self, plan, sim, title, context, NULL);
}

static void
run_cb (BatonUpgradeWizard *wizard,
        BatonPlan          *plan,
        BatonProfile       *profile,
        BatonWindow        *self)
{
  g_autofree char *title = g_strdup_printf (_("Run: %s to %s on the connected backend"),
                                            baton_profile_get_title (profile),
                                            baton_plan_get_target (plan));
  g_autoptr(JsonObject) context = run_context (self, wizard, plan, "run");

  start_run (self, plan, self->backend, title, context, NULL);
}

static void
demo_cb (BatonUpgradeWizard *wizard,
         BatonPlan          *plan,
         BatonWindow        *self)
{
  /* Nothing is executed: the plan plays on a throwaway simulator, slowly
   * enough to follow each move. */
  g_autoptr(BatonBackend) sim =
    throwaway_simulator (self, MAX (1.0, g_settings_get_double (self->settings, "simulator-speed")));

  g_autoptr(JsonObject) context = run_context (self, wizard, plan, "demo");

  start_run (self, plan, sim, _("Failover order (a demonstration: nothing is executed)"), context,
             NULL);
}

static void
run_view_closed_cb (BatonWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->run_view), FALSE);
  baton_topology_view_set_backend (self->topology_view, self->backend);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upgrade", self->cluster != NULL);
}

static void
upgrade_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  baton_window_open_wizard (BATON_WINDOW (widget));
}

static void
error_bar_response_cb (BatonWindow *self,
                       int          response)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
}

/* --- GObject ------------------------------------------------------------------ */

static void
baton_window_dispose (GObject *object)
{
  BatonWindow *self = (BatonWindow *) object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_WINDOW);

  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);
  if (self->settings != NULL)
    {
      g_settings_set_int (self->settings, "window-width", gtk_widget_get_width (GTK_WIDGET (self)));
      g_settings_set_int (self->settings, "window-height",
                          gtk_widget_get_height (GTK_WIDGET (self)));
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (GTK_WINDOW (self)));
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->backend);
  g_clear_object (&self->cluster);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (baton_window_parent_class)->dispose (object);
}

static void
baton_window_finalize (GObject *object)
{
  BatonWindow *self = (BatonWindow *) object;

  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (baton_window_parent_class)->finalize (object);
}

static void
baton_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BatonWindow *self = BATON_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLUSTER:
      g_value_set_object (value, self->cluster);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_window_class_init (BatonWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baton_window_dispose;
  object_class->finalize = baton_window_finalize;
  object_class->get_property = baton_window_get_property;

  properties[PROP_CLUSTER] =
    g_param_spec_object ("cluster", NULL, NULL, BATON_TYPE_CLUSTER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, error_bar_label);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, error_page_label);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, topology_view);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, run_view);
  gtk_widget_class_bind_template_callback (widget_class, run_view_closed_cb);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, error_bar_response_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.upgrade", NULL, upgrade_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK, "win.upgrade", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-as", NULL);

  g_type_ensure (BATON_TYPE_TOPOLOGY_VIEW);
  g_type_ensure (BATON_TYPE_RUN_VIEW);
}

static void
baton_window_init (BatonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->recent = gtk_recent_manager_get_default ();
  g_signal_connect_swapped (self->recent, "changed", G_CALLBACK (update_recent), self);
  update_recent (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.upgrade", FALSE);
}

BatonWindow *
baton_window_new (GtkApplication *application)
{
  return g_object_new (BATON_TYPE_WINDOW, "application", application, NULL);
}

/**
 * baton_window_get_cluster:
 *
 * Returns: (transfer none) (nullable): the cluster on screen: the
 *   connected backend's
 */
BatonCluster *
baton_window_get_cluster (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  return self->cluster;
}

/**
 * baton_window_get_file:
 *
 * Returns: (transfer none) (nullable): the file of the cluster on screen
 */
GFile *
baton_window_get_file (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  return self->file;
}

/**
 * baton_window_get_error_message:
 *
 * Returns: (nullable): the message of the last failed open, until a
 *   cluster opens successfully
 */
const char *
baton_window_get_error_message (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  return self->error_message;
}

gboolean
baton_window_get_loading (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), FALSE);

  return self->loading;
}

/**
 * baton_window_save_screenshot:
 * @path: where to write the PNG
 *
 * Renders the window, as it is on screen now, to a PNG file with the
 * window's own renderer.
 */
gboolean
baton_window_save_screenshot (BatonWindow  *self,
                              const char   *path,
                              GError      **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (BATON_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The window is not on screen yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * baton_window_get_topology_view:
 *
 * Returns: (transfer none): the topology view
 */
BatonTopologyView *
baton_window_get_topology_view (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  return self->topology_view;
}

/**
 * baton_window_get_backend:
 *
 * Returns: (transfer none) (nullable): the connected backend
 */
BatonBackend *
baton_window_get_backend (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  return self->backend;
}

/**
 * baton_window_get_run_view:
 *
 * Returns: (transfer none): the run view (hidden until a run starts)
 */
BatonRunView *
baton_window_get_run_view (BatonWindow *self)
{
  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  return self->run_view;
}

/**
 * baton_window_open_wizard:
 *
 * Returns: (transfer none) (nullable): the upgrade wizard, opened as the
 *   Upgrade button opens it
 */
BatonUpgradeWizard *
baton_window_open_wizard (BatonWindow *self)
{
  GtkWidget *wizard = NULL;

  g_return_val_if_fail (BATON_IS_WINDOW (self), NULL);

  if (self->cluster == NULL || baton_run_view_get_running (self->run_view))
    return NULL;

  wizard = baton_upgrade_wizard_new (GTK_WINDOW (self), self->cluster);
  g_signal_connect_object (wizard, "rehearse", G_CALLBACK (rehearse_cb), self, 0);
  g_signal_connect_object (wizard, "run", G_CALLBACK (run_cb), self, 0);
  g_signal_connect_object (wizard, "demo", G_CALLBACK (demo_cb), self, 0);
  gtk_window_present (GTK_WINDOW (wizard));
  return BATON_UPGRADE_WIZARD (wizard);
}

/* --- runs interrupted earlier -------------------------------------------------------- */

static char *
runs_directory (void)
{
  return g_build_filename (g_get_user_state_dir (), "baton", "runs", NULL);
}

/**
 * baton_window_find_interrupted_run:
 *
 * Returns: (transfer full) (nullable): the newest journal of a run the app
 *   started and nobody closed (a crash, a power cut, a killed process)
 */
char *
baton_window_find_interrupted_run (void)
{
  g_autofree char *dir = runs_directory ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autofree char *newest = NULL;
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)))
    if (g_str_has_suffix (name, ".jsonl") && (newest == NULL || strcmp (name, newest) > 0))
      baton_set_str (&newest, name);

  return newest ? g_build_filename (dir, newest, NULL) : NULL;
}

/**
 * baton_window_resume_journal:
 *
 * Goes on with the run @path recorded: its cluster file is read again, its
 * plan made again with its product, target and options (and refused when
 * it is not the plan the journal recorded), the finished steps replayed on
 * a fresh simulator, and the rest run in the run view.
 */
gboolean
baton_window_resume_journal (BatonWindow  *self,
                             const char   *path,
                             GError      **error)
{
  g_autoptr(BatonJournal) journal = NULL;
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonCatalog) catalog = baton_catalog_new_default ();
  g_autoptr(BatonPlanner) planner = NULL;
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *title = NULL;
  BatonProfile *profile;
  JsonObject *context;
  JsonArray *options;
  const char *uri, *product, *target;

  g_return_val_if_fail (BATON_IS_WINDOW (self), FALSE);

  if (!(journal = baton_journal_open (path, error)))
    return FALSE;

  context = baton_journal_get_context (journal);
  uri = context ? json_object_get_string_member_with_default (context, "cluster_uri", NULL) : NULL;
  product = context ? json_object_get_string_member_with_default (context, "product", NULL) : NULL;
  target = context ? json_object_get_string_member_with_default (context, "target", NULL) : NULL;
  if (uri == NULL || product == NULL || target == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the journal does not say which cluster file, product and target the "
                     "run was for"), path);
      return FALSE;
    }

  file = g_file_new_for_uri (uri);
  if (!(cluster = baton_cluster_load_from_file (file, NULL, error)))
    return FALSE;
  if (!(profile = baton_catalog_lookup (catalog, product)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: unknown product “%s”"), path,
                   product);
      return FALSE;
    }

  planner = baton_planner_new (cluster, profile);
  options = json_object_get_array_member (context, "options");
  for (guint i = 0; options && i < json_array_get_length (options); i++)
    {
      g_auto(GStrv) kv = g_strsplit (json_array_get_string_element (options, i), "=", 2);

      if (kv[0] && kv[1] && !baton_planner_set_option (planner, kv[0], kv[1], error))
        return FALSE;
    }
  if (!(plan = baton_planner_plan (planner, target, error)))
    return FALSE;

  hash = baton_plan_hash (plan);
  if (g_strcmp0 (hash, baton_journal_get_plan_hash (journal)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: the cluster file or the procedure changed since this run started, so "
                     "its plan is not the same any more: nothing was run"), path);
      return FALSE;
    }

  /* The window shows the cluster file again, then the resumed run on a
   * simulator that has replayed the steps already done. */
  show_cluster (self, cluster, file);
  {
    g_autoptr(BatonBackend) sim =
      throwaway_simulator (self, g_settings_get_double (self->settings, "simulator-speed"));

    if (!baton_journal_replay_finished (journal, plan, sim, error))
      return FALSE;
    title = g_strdup_printf (_("Resumed: %s to %s"), baton_profile_get_title (profile), target);
    start_run (self, plan, sim, title, NULL, journal);
  }
  return TRUE;
}

static void
resume_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BatonWindow      *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "resume") == 0)
    {
      if (!baton_window_resume_journal (self, path, &error))
        show_save_error (self, error->message);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      g_autofree char *done = g_strconcat (path, ".done", NULL);
      g_rename (path, done);
    }
}

/**
 * baton_window_offer_resume:
 *
 * When a run was interrupted, asks whether to go on with it.
 */
void
baton_window_offer_resume (BatonWindow *self)
{
  g_autofree char *path = baton_window_find_interrupted_run ();
  g_autoptr(BatonJournal) journal = NULL;
  JsonObject *context;
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  g_return_if_fail (BATON_IS_WINDOW (self));

  if (path == NULL || !(journal = baton_journal_open (path, NULL)))
    return;

  context = baton_journal_get_context (journal);
  body = g_strdup_printf (_("“%s” stopped before its end. Go on with it from where its journal "
                            "stops? Finished steps are not run again."),
                          context ? json_object_get_string_member_with_default (context, "title",
                                                                                path)
                                  : path);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Resume the Interrupted Run?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "later", _("_Later"),
                                    "discard", _("_Discard"), "resume", _("_Resume"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "resume",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "resume");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (resume_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
