/* baton-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: opens a cluster file (through the library's loader,
 * off the main thread) and lists its nodes, groups and servers.  A file
 * that fails to load never replaces what is shown: with nothing shown yet
 * the error gets the whole window, otherwise an error bar above the
 * cluster still on screen.
 */

#define G_LOG_DOMAIN "baton-window"

#include "config.h"

#include <glib/gi18n.h>

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
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *servers_group;
  GtkListBox           *nodes_list;
  GtkListBox           *groups_list;
  GtkListBox           *servers_list;

  BatonCluster         *cluster;
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

/* --- rows ------------------------------------------------------------------ */

static char *
software_summary (BatonMachine *machine)
{
  g_auto(GStrv) families = baton_machine_dup_families (machine);
  GString *s = g_string_new (NULL);

  for (guint i = 0; families[i]; i++)
    {
      BatonVersion *version = baton_machine_get_version (machine, families[i]);

      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%s %s", baton_software_family_to_label (families[i]),
                              baton_version_to_string (version));
    }

  if (s->len == 0)
    g_string_append (s, _("no software recorded"));

  return g_string_free (s, FALSE);
}

static const char *
node_state_icon (BatonNodeState state)
{
  switch (state)
    {
    case BATON_NODE_STATE_UP:
      return "emblem-ok-symbolic";
    case BATON_NODE_STATE_PAUSED:
      return "media-playback-pause-symbolic";
    case BATON_NODE_STATE_DOWN:
    default:
      return "network-offline-symbolic";
    }
}

static void
update_node_row (AdwActionRow *row,
                 BatonNode    *node)
{
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "state-icon");
  GtkLabel *state_label = g_object_get_data (G_OBJECT (row), "state-label");
  BatonNodeState state = baton_node_get_state (node);
  g_autofree char *software = software_summary (BATON_MACHINE (node));
  g_autofree char *subtitle = NULL;
  g_autofree char *css = NULL;
  const char *classes[2] = { NULL, NULL };

  subtitle = g_strdup_printf (ngettext ("%u vote · capacity %u · %s",
                                        "%u votes · capacity %u · %s",
                                        baton_node_get_votes (node)),
                              baton_node_get_votes (node), baton_node_get_capacity (node),
                              software);
  adw_action_row_set_subtitle (row, subtitle);

  gtk_image_set_from_icon_name (icon, node_state_icon (state));
  gtk_label_set_label (state_label, baton_node_state_to_label (state));

  css = g_strdup_printf ("node-state-%s", baton_enum_to_nick (BATON_TYPE_NODE_STATE, state));
  classes[0] = css;
  gtk_widget_set_css_classes (GTK_WIDGET (icon), classes);
  gtk_widget_set_css_classes (GTK_WIDGET (state_label), classes);
}

static void
node_changed_cb (AdwActionRow *row)
{
  update_node_row (row, g_object_get_data (G_OBJECT (row), "node"));
}

static GtkWidget *
create_node_row (gpointer item,
                 gpointer user_data)
{
  BatonNode *node = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *state_label = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 baton_machine_get_name (BATON_MACHINE (node)));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);

  g_object_set_data (G_OBJECT (row), "state-icon", icon);
  g_object_set_data (G_OBJECT (row), "state-label", state_label);
  g_object_set_data_full (G_OBJECT (row), "node", g_object_ref (node), g_object_unref);

  g_signal_connect_object (node, "notify", G_CALLBACK (node_changed_cb), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (node, "software-changed", G_CALLBACK (node_changed_cb), row,
                           G_CONNECT_SWAPPED);
  update_node_row (ADW_ACTION_ROW (row), node);

  return row;
}

static void
update_group_row (AdwActionRow *row,
                  BatonGroup   *group)
{
  GtkLabel *state_label = g_object_get_data (G_OBJECT (row), "state-label");
  const char *owner = baton_group_get_owner (group);
  const char *preferred = baton_group_get_preferred_owner (group);
  g_autofree char *subtitle = NULL;

  if (g_strcmp0 (owner, preferred) == 0)
    /* TRANSLATORS: group kind · on NODE (its preferred owner) · load N */
    subtitle = g_strdup_printf (_("%s · on %s (preferred owner) · load %u"),
                                baton_group_kind_to_label (baton_group_get_kind (group)),
                                owner, baton_group_get_load (group));
  else
    /* TRANSLATORS: group kind · on NODE, prefers NODE · load N */
    subtitle = g_strdup_printf (_("%s · on %s, prefers %s · load %u"),
                                baton_group_kind_to_label (baton_group_get_kind (group)),
                                owner, preferred, baton_group_get_load (group));

  adw_action_row_set_subtitle (row, subtitle);
  gtk_label_set_label (state_label, baton_group_state_to_label (baton_group_get_state (group)));
}

static void
group_changed_cb (AdwActionRow *row)
{
  update_group_row (row, g_object_get_data (G_OBJECT (row), "group"));
}

static GtkWidget *
create_group_row (gpointer item,
                  gpointer user_data)
{
  BatonGroup *group = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state_label = gtk_label_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), baton_group_get_name (group));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (state_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);

  g_object_set_data (G_OBJECT (row), "state-label", state_label);
  g_object_set_data_full (G_OBJECT (row), "group", g_object_ref (group), g_object_unref);

  g_signal_connect_object (group, "notify", G_CALLBACK (group_changed_cb), row, G_CONNECT_SWAPPED);
  update_group_row (ADW_ACTION_ROW (row), group);

  return row;
}

static GtkWidget *
create_server_row (gpointer item,
                   gpointer user_data)
{
  BatonServer *server = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *role_label = gtk_label_new (baton_server_role_to_label (baton_server_get_role (server)));
  g_autofree char *software = software_summary (BATON_MACHINE (server));
  g_autofree char *subtitle = NULL;

  if (baton_server_get_load_balanced_set (server) != NULL)
    subtitle = g_strdup_printf (_("Load-balanced set %s · %s"),
                                baton_server_get_load_balanced_set (server), software);
  else if (baton_server_get_source (server) != NULL)
    subtitle = g_strdup_printf (_("Replicates %s · %s"),
                                baton_server_get_source (server), software);
  else
    subtitle = g_strdup (software);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 baton_machine_get_name (BATON_MACHINE (server)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (role_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), role_label);

  return row;
}

/* --- state ------------------------------------------------------------------ */

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

static void
update_summary (BatonWindow *self)
{
  BatonCluster *cluster = self->cluster;
  guint nodes = g_list_model_get_n_items (baton_cluster_get_nodes (cluster));
  guint groups = g_list_model_get_n_items (baton_cluster_get_groups (cluster));
  guint servers = g_list_model_get_n_items (baton_cluster_get_servers (cluster));
  g_autofree char *n_nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", nodes), nodes);
  g_autofree char *n_groups = g_strdup_printf (ngettext ("%u group", "%u groups", groups), groups);
  g_autofree char *n_servers =
    g_strdup_printf (ngettext ("%u server outside the cluster", "%u servers outside the cluster",
                               servers), servers);
  g_autofree char *quorum = NULL;
  g_autofree char *summary = NULL;

  if (baton_cluster_has_quorum (cluster))
    quorum = g_strdup_printf (_("%u of %u votes up, quorum held"),
                              baton_cluster_get_votes_up (cluster),
                              baton_cluster_get_total_votes (cluster));
  else
    quorum = g_strdup_printf (_("%u of %u votes up, no quorum"),
                              baton_cluster_get_votes_up (cluster),
                              baton_cluster_get_total_votes (cluster));

  /* TRANSLATORS: platform · N nodes (votes) · N groups · N servers */
  summary = g_strdup_printf (_("%s cluster · %s (%s) · %s · %s"),
                             baton_platform_to_label (baton_cluster_get_platform (cluster)),
                             n_nodes, quorum, n_groups, n_servers);
  gtk_label_set_label (self->summary_label, summary);
}

static void
show_cluster (BatonWindow  *self,
              BatonCluster *cluster,
              GFile        *file)
{
  g_autofree char *subtitle = NULL;

  g_set_object (&self->cluster, cluster);
  g_set_object (&self->file, file);

  gtk_list_box_bind_model (self->nodes_list, baton_cluster_get_nodes (cluster),
                           create_node_row, NULL, NULL);
  gtk_list_box_bind_model (self->groups_list, baton_cluster_get_groups (cluster),
                           create_group_row, NULL, NULL);
  gtk_list_box_bind_model (self->servers_list, baton_cluster_get_servers (cluster),
                           create_server_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->servers_group),
                          g_list_model_get_n_items (baton_cluster_get_servers (cluster)) > 0);

  update_summary (self);

  if (is_demo (file))
    subtitle = g_strdup (_("Demo cluster"));
  else
    subtitle = g_file_get_basename (file);

  adw_window_title_set_title (self->window_title, baton_cluster_get_name (cluster));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), baton_cluster_get_name (cluster));

  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "cluster");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", TRUE);

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
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_WINDOW);

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
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, servers_group);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, nodes_list);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, groups_list);
  gtk_widget_class_bind_template_child (widget_class, BatonWindow, servers_list);
  gtk_widget_class_bind_template_callback (widget_class, error_bar_response_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.reload", NULL);
}

static void
baton_window_init (BatonWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
}

BatonWindow *
baton_window_new (GtkApplication *application)
{
  return g_object_new (BATON_TYPE_WINDOW, "application", application, NULL);
}

/**
 * baton_window_get_cluster:
 *
 * Returns: (transfer none) (nullable): the cluster on screen
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
