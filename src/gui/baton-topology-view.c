/* baton-topology-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The topology: a card for every node, side by side and wrapping, with a
 * chip for every group it owns; below, the servers outside the cluster,
 * load-balanced sets drawn as sets.  The view shows the cluster of its
 * backend (the simulator unless connected elsewhere) and binds to its
 * list models, so a change from any source shows at once.
 *
 * Moves, pauses and resumes go through the backend as one-step actions
 * (topology.move-group, topology.pause-node, topology.resume-node); a
 * finished move flies a ghost of the chip from where it was to where it
 * is now.
 */

#define G_LOG_DOMAIN "baton-topology"

#include "config.h"

#include <glib/gi18n.h>

#include "baton-group-chip.h"
#include "baton-sim-backend.h"
#include "baton-topology-view.h"

#define GHOST_MS      450
#define MOVE_SECONDS  60      /* what a move-group step is expected to take */

struct _BatonTopologyView
{
  GtkWidget        parent_instance;

  AdwToastOverlay *toasts;
  GtkOverlay      *overlay;
  GtkScrolledWindow *scroller;
  GtkWidget       *content;
  GtkLabel        *summary_label;
  GtkFlowBox      *nodes_box;
  GtkBox          *servers_section;
  GtkBox          *servers_box;
  GtkFixed        *ghosts;

  BatonBackend    *backend;
  BatonCluster    *cluster;
  GCancellable    *cancellable;
  guint            busy;           /* steps under way */
  GdkFrameClock   *clock;          /* while realized: culling after each layout */
  gulong           layout_handler;
  GHashTable      *last_seen;      /* BatonGroup -> graphene_rect_t: where its chip was drawn */
  GHashTable      *own_moves;      /* BatonGroup: moves this view started (it flies those itself) */
};

G_DEFINE_FINAL_TYPE (BatonTopologyView, baton_topology_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STEP_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- nodes and servers ---------------------------------------------------------- */

static void groups_arrived_cb (GListModel        *groups,
                               guint              position,
                               guint              removed,
                               guint              added,
                               BatonTopologyView *self);

static GtkWidget *
create_card (gpointer item,
             gpointer user_data)
{
  BatonTopologyView *self = user_data;
  GtkWidget *card = baton_node_card_new (self->cluster, item);
  GListModel *groups = baton_cluster_get_groups_on_model (self->cluster,
                                                          baton_machine_get_name (BATON_MACHINE (item)));

  /* Moves from any source (a run, a demo, another view) fly too. */
  g_signal_handlers_disconnect_by_func (groups, groups_arrived_cb, self);
  g_signal_connect (groups, "items-changed", G_CALLBACK (groups_arrived_cb), self);

  if (BATON_IS_SIM_BACKEND (self->backend))
    baton_node_card_set_service_running (BATON_NODE_CARD (card),
                                         baton_sim_backend_is_service_running (
                                           BATON_SIM_BACKEND (self->backend),
                                           baton_machine_get_name (BATON_MACHINE (item))));
  return card;
}

static GtkWidget *
server_card (BatonServer *server)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (baton_machine_get_name (BATON_MACHINE (server)));
  g_autofree char *software = baton_machine_format_software (BATON_MACHINE (server));
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *label;

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "server-card");
  gtk_widget_set_size_request (box, 220, -1);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (box), name);

  details = g_strdup_printf ("%s%s%s", baton_server_role_to_label (baton_server_get_role (server)),
                             *software ? " · " : "", software);
  label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  baton_machine_get_name (BATON_MACHINE (server)), -1);
  return box;
}

/* Servers by load-balanced set (each drawn as a set), then the others by role. */
static void
rebuild_servers (BatonTopologyView *self)
{
  GListModel *servers = baton_cluster_get_servers (self->cluster);
  guint n = g_list_model_get_n_items (servers);
  g_autoptr(GHashTable) sets = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  GtkWidget *loose = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->servers_box))))
    gtk_box_remove (self->servers_box, child);

  gtk_widget_set_visible (GTK_WIDGET (self->servers_section), n > 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonServer) server = g_list_model_get_item (servers, i);
      const char *set = baton_server_get_load_balanced_set (server);
      GtkWidget *box;

      if (set != NULL)
        {
          if (!(box = g_hash_table_lookup (sets, set)))
            {
              GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
              g_autofree char *title = g_strdup_printf (_("Load-balanced set “%s”"), set);
              GtkWidget *label = gtk_label_new (title);

              gtk_widget_add_css_class (frame, "lb-set");
              gtk_label_set_xalign (GTK_LABEL (label), 0);
              gtk_label_set_wrap (GTK_LABEL (label), TRUE);
              gtk_widget_add_css_class (label, "caption-heading");
              gtk_box_append (GTK_BOX (frame), label);
              box = gtk_flow_box_new ();
              gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
              gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
              gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 12);
              gtk_box_append (GTK_BOX (frame), box);
              gtk_accessible_update_property (GTK_ACCESSIBLE (frame),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
              gtk_box_append (self->servers_box, frame);
              g_hash_table_insert (sets, (char *) set, box);
            }
        }
      else
        {
          if (loose == NULL)
            {
              loose = gtk_flow_box_new ();
              gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (loose), GTK_SELECTION_NONE);
              gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (loose), 12);
              gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (loose), 12);
              gtk_box_append (self->servers_box, loose);
            }
          box = loose;
        }

      gtk_flow_box_append (GTK_FLOW_BOX (box), server_card (server));
    }
}

static void
update_summary (BatonTopologyView *self)
{
  BatonCluster *cluster = self->cluster;
  guint nodes = g_list_model_get_n_items (baton_cluster_get_nodes (cluster));
  guint groups = g_list_model_get_n_items (baton_cluster_get_groups (cluster));
  g_autofree char *n_nodes = g_strdup_printf (ngettext ("%u node", "%u nodes", nodes), nodes);
  g_autofree char *n_groups = g_strdup_printf (ngettext ("%u group", "%u groups", groups), groups);
  g_autofree char *quorum = NULL;
  g_autofree char *summary = NULL;

  quorum = g_strdup_printf (baton_cluster_has_quorum (cluster) ? _("%u of %u votes up, quorum held")
                                                               : _("%u of %u votes up, no quorum"),
                            baton_cluster_get_votes_up (cluster),
                            baton_cluster_get_total_votes (cluster));

  /* TRANSLATORS: platform · N nodes (votes) · N groups.  Drag a group… */
  summary = g_strdup_printf (_("%s cluster · %s (%s) · %s. Drag a group to another node to move "
                               "it, or open its menu."),
                             baton_platform_to_label (baton_cluster_get_platform (cluster)),
                             n_nodes, quorum, n_groups);
  gtk_label_set_label (self->summary_label, summary);
}

static void
backend_log_cb (BatonTopologyView *self)
{
  /* Servers are few: redrawn whole when the backend reports anything. */
  if (self->cluster != NULL)
    rebuild_servers (self);

  if (!BATON_IS_SIM_BACKEND (self->backend))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->nodes_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      BatonNodeCard *card = BATON_NODE_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
      const char *name = baton_machine_get_name (BATON_MACHINE (baton_node_card_get_node (card)));

      baton_node_card_set_service_running (card,
                                           baton_sim_backend_is_service_running (
                                             BATON_SIM_BACKEND (self->backend), name));
    }
  update_summary (self);
}

/* --- drawing only what can be seen -------------------------------------------------- */

/* Where each drawn chip is, in the ghost layer's coordinates: a move from
 * any source can then fly from there. */
static void
remember_chips (BatonTopologyView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->nodes_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (card != NULL && gtk_widget_get_child_visible (card))
        baton_node_card_remember_chips (BATON_NODE_CARD (card), GTK_WIDGET (self->ghosts),
                                        self->last_seen);
    }
}

static void
groups_arrived_cb (GListModel        *groups,
                   guint              position,
                   guint              removed,
                   guint              added,
                   BatonTopologyView *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);
      const graphene_rect_t *from = g_hash_table_lookup (self->last_seen, group);

      /* The view flies its own moves when the backend says they are done. */
      if (from != NULL && !g_hash_table_contains (self->own_moves, group))
        baton_topology_view_animate_move (self, group, from);
    }
}

/*
 * Cards and chips outside the visible part of the view (with half a
 * screen to spare on each side) are hidden with gtk_widget_set_child_visible:
 * they keep their place but are not drawn.  A cluster of 64 nodes and
 * 4,096 groups then draws about what is on screen.  Runs after every
 * layout and every scroll.
 */
static void
cull (BatonTopologyView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double top = gtk_adjustment_get_value (adjustment) - page / 2;
  double bottom = gtk_adjustment_get_value (adjustment) + page * 1.5;

  if (page <= 0)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->nodes_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      graphene_rect_t bounds;
      gboolean shown = TRUE;

      if (card == NULL)
        continue;
      if (gtk_widget_compute_bounds (child, self->content, &bounds))
        shown = bounds.origin.y < bottom && bounds.origin.y + bounds.size.height > top;
      if (gtk_widget_get_child_visible (card) != shown)
        gtk_widget_set_child_visible (card, shown);
      if (shown)
        baton_node_card_cull_chips (BATON_NODE_CARD (card), self->content, top, bottom);
    }

  remember_chips (self);
}

static void
layout_cb (GdkFrameClock     *clock,
           BatonTopologyView *self)
{
  cull (self);
}

static void
baton_topology_view_realize (GtkWidget *widget)
{
  BatonTopologyView *self = BATON_TOPOLOGY_VIEW (widget);

  GTK_WIDGET_CLASS (baton_topology_view_parent_class)->realize (widget);

  /* After the window's own layout handler: the allocations are current. */
  self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->layout_handler = g_signal_connect (self->clock, "layout", G_CALLBACK (layout_cb), self);
}

static void
baton_topology_view_unrealize (GtkWidget *widget)
{
  BatonTopologyView *self = BATON_TOPOLOGY_VIEW (widget);

  g_clear_signal_handler (&self->layout_handler, self->clock);
  g_clear_object (&self->clock);

  GTK_WIDGET_CLASS (baton_topology_view_parent_class)->unrealize (widget);
}

/* --- the ghost of a moved chip ----------------------------------------------------- */

typedef struct
{
  GtkWidget       *ghost;
  GtkWidget       *chip;     /* the chip where the group is now; hidden until it lands */
  graphene_rect_t  from;
  graphene_rect_t  to;
} Flight;

static void
flight_free (Flight *flight)
{
  g_clear_object (&flight->ghost);
  g_clear_object (&flight->chip);
  g_free (flight);
}

static void
flight_step_cb (double  value,
                gpointer user_data)
{
  Flight *flight = user_data;
  GtkWidget *parent = gtk_widget_get_parent (flight->ghost);
  double x = flight->from.origin.x + (flight->to.origin.x - flight->from.origin.x) * value;
  double y = flight->from.origin.y + (flight->to.origin.y - flight->from.origin.y) * value;

  if (parent != NULL)
    gtk_fixed_move (GTK_FIXED (parent), flight->ghost, x, y);
}

static void
flight_done_cb (AdwAnimation *animation,
                Flight       *flight)
{
  GtkWidget *parent = gtk_widget_get_parent (flight->ghost);

  if (parent != NULL)
    gtk_fixed_remove (GTK_FIXED (parent), flight->ghost);
  gtk_widget_set_opacity (flight->chip, 1.0);
  g_object_unref (animation);
}

static void
launch (BatonTopologyView *self,
        BatonGroup        *group,
        GtkWidget         *chip,
        const graphene_rect_t *from)
{
  Flight *flight;
  AdwAnimationTarget *target;
  AdwAnimation *animation;
  g_autofree char *text = NULL;

  flight = g_new0 (Flight, 1);
  flight->from = *from;
  if (!gtk_widget_compute_bounds (chip, GTK_WIDGET (self->ghosts), &flight->to))
    {
      g_free (flight);
      return;
    }

  flight->chip = g_object_ref (chip);
  flight->ghost = g_object_ref_sink (gtk_label_new (baton_group_get_name (group)));
  gtk_widget_add_css_class (flight->ghost, "group-ghost");
  gtk_widget_set_size_request (flight->ghost, (int) flight->to.size.width,
                               (int) flight->to.size.height);
  gtk_fixed_put (self->ghosts, flight->ghost, from->origin.x, from->origin.y);
  gtk_widget_set_opacity (chip, 0.0);

  target = adw_callback_animation_target_new (flight_step_cb, flight,
                                              (GDestroyNotify) flight_free);
  animation = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 1.0, GHOST_MS, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (animation), ADW_EASE_IN_OUT_CUBIC);
  g_signal_connect (animation, "done", G_CALLBACK (flight_done_cb), flight);
  adw_animation_play (animation);
}

typedef struct
{
  BatonTopologyView *self;
  BatonGroup        *group;
  graphene_rect_t    from;
  guint              frames;
} Landing;

/* Waits a frame or two for the group's new chip to be laid out, then flies. */
static gboolean
landing_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Landing *landing = user_data;
  BatonTopologyView *self = landing->self;
  BatonNodeCard *card = baton_topology_view_find_card (self, baton_group_get_owner (landing->group));
  GtkWidget *chip = card ? baton_node_card_find_chip (card, landing->group) : NULL;

  if (chip != NULL && gtk_widget_get_width (chip) > 0)
    {
      launch (self, landing->group, chip, &landing->from);
      return G_SOURCE_REMOVE;
    }
  return ++landing->frames < 10 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
landing_free (gpointer data)
{
  Landing *landing = data;

  g_object_unref (landing->group);
  g_free (landing);
}

/**
 * baton_topology_view_animate_move:
 * @from: where the group's chip was, in the view's coordinates
 *
 * Flies a ghost of @group's chip from @from to where its chip is now.
 */
void
baton_topology_view_animate_move (BatonTopologyView     *self,
                                  BatonGroup            *group,
                                  const graphene_rect_t *from)
{
  Landing *landing;

  g_return_if_fail (BATON_IS_TOPOLOGY_VIEW (self));
  g_return_if_fail (BATON_IS_GROUP (group));
  g_return_if_fail (from != NULL);

  landing = g_new0 (Landing, 1);
  landing->self = self;
  landing->group = g_object_ref (group);
  landing->from = *from;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), landing_tick_cb, landing, landing_free);
}

/* --- steps through the backend ----------------------------------------------------- */

typedef struct
{
  BatonTopologyView *self;
  BatonStep         *step;
  BatonGroup        *group;       /* nullable */
  graphene_rect_t    from;
  gboolean           has_from;
} StepData;

static void
step_data_free (StepData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->step);
  g_clear_object (&data->group);
  g_free (data);
}

static void
toast (BatonTopologyView *self,
       const char        *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
step_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  StepData *data = user_data;
  BatonTopologyView *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = baton_backend_perform_finish (BATON_BACKEND (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      step_data_free (data);
      return;
    }

  self->busy--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  if (data->group != NULL)
    g_hash_table_remove (self->own_moves, data->group);

  if (!ok)
    toast (self, error->message);
  else if (data->group != NULL && data->has_from)
    baton_topology_view_animate_move (self, data->group, &data->from);

  backend_log_cb (self);
  g_signal_emit (self, signals[STEP_FINISHED], 0, data->step, ok ? NULL : error->message);
  step_data_free (data);
}

static void
perform (BatonTopologyView *self,
         BatonStep         *step,
         BatonGroup        *group)
{
  StepData *data = g_new0 (StepData, 1);

  data->self = g_object_ref (self);
  data->step = g_object_ref (step);
  data->group = group ? g_object_ref (group) : NULL;

  if (group != NULL)
    {
      BatonNodeCard *card = baton_topology_view_find_card (self, baton_group_get_owner (group));
      GtkWidget *chip = card ? baton_node_card_find_chip (card, group) : NULL;

      if (chip != NULL)
        data->has_from = gtk_widget_compute_bounds (chip, GTK_WIDGET (self->ghosts), &data->from);
      g_hash_table_add (self->own_moves, group);
    }

  self->busy++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  baton_backend_perform_async (self->backend, step, self->cancellable, step_done_cb, data);
}

static void
move_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BatonTopologyView *self = BATON_TOPOLOGY_VIEW (widget);
  g_autoptr(BatonStep) step = NULL;
  g_autoptr(GError) error = NULL;
  const char *group_name, *node;
  BatonGroup *group;

  if (self->backend == NULL)
    return;

  g_variant_get (parameter, "(&s&s)", &group_name, &node);
  group = baton_cluster_lookup_group (self->cluster, group_name);
  if (group == NULL)
    return;

  if (g_strcmp0 (baton_group_get_owner (group), node) == 0)
    g_set_error (&error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_REFUSED,
                 _("“%s” is already on “%s”"), group_name, node);

  if (error != NULL || !baton_cluster_can_move_group (self->cluster, group, node, &error))
    {
      BatonNodeCard *card = baton_topology_view_find_card (self, node);

      toast (self, error->message);
      if (card != NULL)
        baton_node_card_drop_group (card, group);  /* shows the refusal in the card */
      g_signal_emit (self, signals[STEP_FINISHED], 0, NULL, error->message);
      return;
    }

  step = baton_step_new (0, BATON_ACTION_MOVE_GROUP);
  baton_step_set_group (step, group_name);
  baton_step_set_node (step, node);
  baton_step_set_from (step, baton_group_get_owner (group));
  baton_step_set_duration (step, MOVE_SECONDS);
  perform (self, step, group);
}

static void
node_action (BatonTopologyView *self,
             BatonAction        action,
             GVariant          *parameter)
{
  g_autoptr(BatonStep) step = baton_step_new (0, action);

  if (self->backend == NULL)
    return;

  baton_step_set_node (step, g_variant_get_string (parameter, NULL));
  baton_step_set_duration (step, 5);
  perform (self, step, NULL);
}

static void
pause_node_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  node_action (BATON_TOPOLOGY_VIEW (widget), BATON_ACTION_PAUSE_NODE, parameter);
}

static void
resume_node_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  node_action (BATON_TOPOLOGY_VIEW (widget), BATON_ACTION_RESUME_NODE, parameter);
}

/* --- GObject ---------------------------------------------------------------------- */

static void
baton_topology_view_dispose (GObject *object)
{
  BatonTopologyView *self = (BatonTopologyView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (baton_cluster_get_servers (self->cluster), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_TOPOLOGY_VIEW);
  g_clear_object (&self->backend);
  g_clear_object (&self->cluster);
  g_clear_pointer (&self->last_seen, g_hash_table_unref);
  g_clear_pointer (&self->own_moves, g_hash_table_unref);

  G_OBJECT_CLASS (baton_topology_view_parent_class)->dispose (object);
}

static void
baton_topology_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BatonTopologyView *self = BATON_TOPOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_BUSY:
      g_value_set_uint (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_topology_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BatonTopologyView *self = BATON_TOPOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      baton_topology_view_set_backend (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_topology_view_class_init (BatonTopologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baton_topology_view_dispose;
  object_class->get_property = baton_topology_view_get_property;
  object_class->set_property = baton_topology_view_set_property;
  widget_class->realize = baton_topology_view_realize;
  widget_class->unrealize = baton_topology_view_unrealize;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, BATON_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_uint ("busy", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BatonTopologyView::step-finished:
   * @step: (nullable): the step, or %NULL when it was refused before it ran
   * @error: (nullable): why it failed
   */
  signals[STEP_FINISHED] =
    g_signal_new ("step-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, BATON_TYPE_STEP, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-topology-view.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, toasts);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, overlay);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, scroller);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, content);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, nodes_box);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, servers_section);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, servers_box);
  gtk_widget_class_bind_template_child (widget_class, BatonTopologyView, ghosts);

  gtk_widget_class_install_action (widget_class, "topology.move-group", "(ss)", move_group_action);
  gtk_widget_class_install_action (widget_class, "topology.pause-node", "s", pause_node_action);
  gtk_widget_class_install_action (widget_class, "topology.resume-node", "s", resume_node_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "topology");

  g_type_ensure (BATON_TYPE_NODE_CARD);
  g_type_ensure (BATON_TYPE_GROUP_CHIP);
}

static void
baton_topology_view_init (BatonTopologyView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->last_seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->own_moves = g_hash_table_new (NULL, NULL);

  g_signal_connect_swapped (gtk_scrolled_window_get_vadjustment (self->scroller), "value-changed",
                            G_CALLBACK (cull), self);
}

GtkWidget *
baton_topology_view_new (void)
{
  return g_object_new (BATON_TYPE_TOPOLOGY_VIEW, NULL);
}

BatonBackend *
baton_topology_view_get_backend (BatonTopologyView *self)
{
  g_return_val_if_fail (BATON_IS_TOPOLOGY_VIEW (self), NULL);

  return self->backend;
}

/**
 * baton_topology_view_set_backend:
 *
 * Shows @backend's cluster; moves and node actions go through @backend.
 */
void
baton_topology_view_set_backend (BatonTopologyView *self,
                                 BatonBackend      *backend)
{
  g_return_if_fail (BATON_IS_TOPOLOGY_VIEW (self));
  g_return_if_fail (backend == NULL || BATON_IS_BACKEND (backend));

  if (self->backend == backend)
    return;

  /* Steps of the old backend are its own business now. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = 0;

  if (self->backend != NULL)
    g_signal_handlers_disconnect_by_data (self->backend, self);
  if (self->cluster != NULL)
    g_signal_handlers_disconnect_by_data (baton_cluster_get_servers (self->cluster), self);
  if (self->cluster != NULL)
    {
      GListModel *nodes = baton_cluster_get_nodes (self->cluster);

      for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
        {
          g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
          GListModel *groups =
            baton_cluster_get_groups_on_model (self->cluster,
                                               baton_machine_get_name (BATON_MACHINE (node)));

          g_signal_handlers_disconnect_by_func (groups, groups_arrived_cb, self);
        }
    }
  g_hash_table_remove_all (self->last_seen);
  g_hash_table_remove_all (self->own_moves);
  g_set_object (&self->backend, backend);
  g_clear_object (&self->cluster);

  if (backend != NULL)
    {
      self->cluster = g_object_ref (baton_backend_get_cluster (backend));
      gtk_flow_box_bind_model (self->nodes_box, baton_cluster_get_nodes (self->cluster),
                               create_card, self, NULL);
      g_signal_connect_swapped (baton_cluster_get_servers (self->cluster), "items-changed",
                                G_CALLBACK (rebuild_servers), self);
      g_signal_connect_swapped (backend, "log", G_CALLBACK (backend_log_cb), self);
      rebuild_servers (self);
      update_summary (self);
    }
  else
    gtk_flow_box_bind_model (self->nodes_box, NULL, NULL, NULL, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

BatonCluster *
baton_topology_view_get_cluster (BatonTopologyView *self)
{
  g_return_val_if_fail (BATON_IS_TOPOLOGY_VIEW (self), NULL);

  return self->cluster;
}

/**
 * baton_topology_view_find_card:
 *
 * Returns: (transfer none) (nullable): the card of @node
 */
BatonNodeCard *
baton_topology_view_find_card (BatonTopologyView *self,
                               const char        *node)
{
  g_return_val_if_fail (BATON_IS_TOPOLOGY_VIEW (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->nodes_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      BatonNodeCard *card = BATON_NODE_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));

      if (g_strcmp0 (baton_machine_get_name (BATON_MACHINE (baton_node_card_get_node (card))),
                     node) == 0)
        return card;
    }
  return NULL;
}

guint
baton_topology_view_get_n_cards (BatonTopologyView *self)
{
  guint n = 0;

  g_return_val_if_fail (BATON_IS_TOPOLOGY_VIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->nodes_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

guint
baton_topology_view_get_n_busy (BatonTopologyView *self)
{
  g_return_val_if_fail (BATON_IS_TOPOLOGY_VIEW (self), 0);

  return self->busy;
}
