/* baton-node-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A node as a card: name, state, Cluster service, votes, load and
 * software, and a chip for every group it owns (bound to the cluster's
 * live list of the node's groups, so a move from anywhere shows at once).
 * The card is a drop target for groups: it accepts a group only when the
 * cluster's move rules allow it and otherwise says why, in the card.
 */

#define G_LOG_DOMAIN "baton-topology"

#include "config.h"

#include <glib/gi18n.h>

#include "baton-group-chip.h"
#include "baton-node-card.h"

#define REFUSAL_SHOWN_MS 4000

struct _BatonNodeCard
{
  GtkWidget     parent_instance;

  GtkBox       *box;
  GtkImage     *state_icon;
  GtkLabel     *name_label;
  GtkMenuButton *menu_button;
  GtkLabel     *details_label;
  GtkLabel     *software_label;
  GtkRevealer  *refusal_revealer;
  GtkLabel     *refusal_label;
  GtkFlowBox   *groups_box;
  GtkLabel     *empty_label;

  BatonCluster *cluster;
  BatonNode    *node;
  GListModel   *groups;
  guint         refusal_timeout;
  guint         service_running : 1;
};

G_DEFINE_FINAL_TYPE (BatonNodeCard, baton_node_card, GTK_TYPE_WIDGET)

static const char *
state_icon_name (BatonNodeState state)
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
update (BatonNodeCard *self)
{
  const char *name = baton_machine_get_name (BATON_MACHINE (self->node));
  BatonNodeState state = baton_node_get_state (self->node);
  guint n_groups = g_list_model_get_n_items (self->groups);
  guint votes = baton_node_get_votes (self->node);
  g_autofree char *software = baton_machine_format_software (BATON_MACHINE (self->node));
  g_autofree char *votes_text = g_strdup_printf (ngettext ("%u vote", "%u votes", votes), votes);
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_label (self->name_label, name);
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "node-up");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "node-paused");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "node-down");
  gtk_widget_add_css_class (GTK_WIDGET (self),
                            state == BATON_NODE_STATE_UP ? "node-up"
                            : state == BATON_NODE_STATE_PAUSED ? "node-paused" : "node-down");

  /* TRANSLATORS: state · Cluster service · votes · load/capacity */
  details = g_strdup_printf (_("%s · %s · %s · load %u of %u"),
                             baton_node_state_to_label (state),
                             self->service_running ? _("Cluster service running")
                                                   : _("Cluster service stopped"),
                             votes_text,
                             baton_cluster_get_load_on (self->cluster, name),
                             baton_node_get_capacity (self->node));
  gtk_label_set_label (self->details_label, details);
  gtk_label_set_label (self->software_label, software);
  gtk_widget_set_visible (GTK_WIDGET (self->software_label), *software != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n_groups == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->groups_box), n_groups > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.pause", state == BATON_NODE_STATE_UP);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.resume",
                                 state == BATON_NODE_STATE_PAUSED);

  /* TRANSLATORS: accessible name of a node card: name, state, number of groups */
  accessible = g_strdup_printf (ngettext ("Node %s, %s, %u group", "Node %s, %s, %u groups",
                                          n_groups),
                                name, baton_node_state_to_label (state), n_groups);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static GtkWidget *
create_chip (gpointer item,
             gpointer user_data)
{
  BatonNodeCard *self = user_data;

  return baton_group_chip_new (self->cluster, item);
}

/* --- refusals and drops ------------------------------------------------------------ */

static gboolean
hide_refusal_cb (gpointer user_data)
{
  BatonNodeCard *self = user_data;

  self->refusal_timeout = 0;
  gtk_revealer_set_reveal_child (self->refusal_revealer, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-refused");
  return G_SOURCE_REMOVE;
}

static void
show_refusal (BatonNodeCard *self,
              const char    *reason,
              gboolean       linger)
{
  g_clear_handle_id (&self->refusal_timeout, g_source_remove);
  gtk_label_set_label (self->refusal_label, reason);
  gtk_revealer_set_reveal_child (self->refusal_revealer, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-refused");
  if (linger)
    self->refusal_timeout = g_timeout_add (REFUSAL_SHOWN_MS, hide_refusal_cb, self);
}

/**
 * baton_node_card_check_drop:
 * @reason: (out) (optional): why the node cannot take @group
 *
 * Returns: whether @group may be dropped here: it is not here already and
 *   the cluster's move rules let it come
 */
gboolean
baton_node_card_check_drop (BatonNodeCard  *self,
                            BatonGroup     *group,
                            char          **reason)
{
  const char *name;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BATON_IS_NODE_CARD (self), FALSE);
  g_return_val_if_fail (BATON_IS_GROUP (group), FALSE);

  name = baton_machine_get_name (BATON_MACHINE (self->node));
  if (g_strcmp0 (baton_group_get_owner (group), name) == 0)
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("“%s” is already on “%s”"), baton_group_get_name (group),
                                   name);
      return FALSE;
    }
  if (!baton_cluster_can_move_group (self->cluster, group, name, &error))
    {
      if (reason != NULL)
        *reason = g_strdup (error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * baton_node_card_drop_group:
 *
 * What a drop of @group on the card does (the drag-and-drop code path):
 * asks the topology.move-group action to move it here, or shows in the
 * card why it cannot come.
 *
 * Returns: whether the move was asked for
 */
gboolean
baton_node_card_drop_group (BatonNodeCard *self,
                            BatonGroup    *group)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (BATON_IS_NODE_CARD (self), FALSE);
  g_return_val_if_fail (BATON_IS_GROUP (group), FALSE);

  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-accept");
  if (!baton_node_card_check_drop (self, group, &reason))
    {
      show_refusal (self, reason, TRUE);
      return FALSE;
    }

  hide_refusal_cb (self);
  return gtk_widget_activate_action (GTK_WIDGET (self), "topology.move-group", "(ss)",
                                     baton_group_get_name (group),
                                     baton_machine_get_name (BATON_MACHINE (self->node)));
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target,
                double         x,
                double         y,
                BatonNodeCard *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  BatonGroup *group = value && G_VALUE_HOLDS (value, BATON_TYPE_GROUP) ? g_value_get_object (value)
                                                                         : NULL;
  g_autofree char *reason = NULL;

  if (group == NULL)
    return 0;

  if (!baton_node_card_check_drop (self, group, &reason))
    {
      /* Refuse visibly, and say why, while the group hovers. */
      gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-accept");
      show_refusal (self, reason, FALSE);
      return 0;
    }

  hide_refusal_cb (self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "drop-accept");
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget *target,
               BatonNodeCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-accept");
  if (self->refusal_timeout == 0)
    hide_refusal_cb (self);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         BatonNodeCard *self)
{
  if (!G_VALUE_HOLDS (value, BATON_TYPE_GROUP))
    return FALSE;

  return baton_node_card_drop_group (self, g_value_get_object (value));
}

/* --- keyboard ---------------------------------------------------------------------- */

static void
child_activated_cb (BatonNodeCard   *self,
                    GtkFlowBoxChild *child)
{
  GtkWidget *chip = gtk_flow_box_child_get_child (child);

  if (BATON_IS_GROUP_CHIP (chip))
    baton_group_chip_popup_menu (BATON_GROUP_CHIP (chip));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                BatonNodeCard         *self)
{
  GtkWidget *focus;

  if (!(keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK))))
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (GTK_IS_FLOW_BOX_CHILD (focus) &&
      gtk_widget_get_parent (focus) == GTK_WIDGET (self->groups_box))
    {
      child_activated_cb (self, GTK_FLOW_BOX_CHILD (focus));
      return TRUE;
    }
  return FALSE;
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BatonNodeCard *self = BATON_NODE_CARD (widget);

  gtk_widget_activate_action (widget, "topology.pause-node", "s",
                              baton_machine_get_name (BATON_MACHINE (self->node)));
}

static void
resume_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BatonNodeCard *self = BATON_NODE_CARD (widget);

  gtk_widget_activate_action (widget, "topology.resume-node", "s",
                              baton_machine_get_name (BATON_MACHINE (self->node)));
}

/* --- GObject ------------------------------------------------------------------------ */

static void
baton_node_card_dispose (GObject *object)
{
  BatonNodeCard *self = (BatonNodeCard *) object;

  g_clear_handle_id (&self->refusal_timeout, g_source_remove);
  if (self->node != NULL)
    g_signal_handlers_disconnect_by_func (self->node, update, self);
  if (self->groups != NULL)
    g_signal_handlers_disconnect_by_func (self->groups, update, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_NODE_CARD);
  g_clear_object (&self->groups);
  g_clear_object (&self->node);
  g_clear_object (&self->cluster);

  G_OBJECT_CLASS (baton_node_card_parent_class)->dispose (object);
}

static void
baton_node_card_class_init (BatonNodeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baton_node_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-node-card.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, box);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, state_icon);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, details_label);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, software_label);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, refusal_revealer);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, groups_box);
  gtk_widget_class_bind_template_child (widget_class, BatonNodeCard, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);

  gtk_widget_class_install_action (widget_class, "card.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "card.resume", NULL, resume_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "nodecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
baton_node_card_init (BatonNodeCard *self)
{
  GtkDropTarget *target = gtk_drop_target_new (BATON_TYPE_GROUP, GDK_ACTION_MOVE);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->service_running = TRUE;

  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "enter", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (target, "motion", G_CALLBACK (drop_motion_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->groups_box), keys);
}

GtkWidget *
baton_node_card_new (BatonCluster *cluster,
                     BatonNode    *node)
{
  BatonNodeCard *self;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (BATON_IS_NODE (node), NULL);

  self = g_object_new (BATON_TYPE_NODE_CARD, NULL);
  self->cluster = g_object_ref (cluster);
  self->node = g_object_ref (node);
  self->groups = g_object_ref (baton_cluster_get_groups_on_model (cluster,
                                                                  baton_machine_get_name (BATON_MACHINE (node))));

  gtk_flow_box_bind_model (self->groups_box, self->groups, create_chip, self, NULL);
  g_signal_connect_swapped (node, "notify", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->groups, "items-changed", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

BatonNode *
baton_node_card_get_node (BatonNodeCard *self)
{
  g_return_val_if_fail (BATON_IS_NODE_CARD (self), NULL);

  return self->node;
}

void
baton_node_card_set_service_running (BatonNodeCard *self,
                                     gboolean       running)
{
  g_return_if_fail (BATON_IS_NODE_CARD (self));

  if (self->service_running == !!running)
    return;
  self->service_running = !!running;
  update (self);
}

/**
 * baton_node_card_find_chip:
 *
 * Returns: (transfer none) (nullable): the chip of @group in this card
 */
GtkWidget *
baton_node_card_find_chip (BatonNodeCard *self,
                           BatonGroup    *group)
{
  g_return_val_if_fail (BATON_IS_NODE_CARD (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (BATON_IS_GROUP_CHIP (chip) && baton_group_chip_get_group (BATON_GROUP_CHIP (chip)) == group)
        return chip;
    }
  return NULL;
}

guint
baton_node_card_get_n_chips (BatonNodeCard *self)
{
  guint n = 0;

  g_return_val_if_fail (BATON_IS_NODE_CARD (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/**
 * baton_node_card_cull_chips:
 * @relative_to: the widget whose coordinates @top and @bottom are in
 *
 * Shows only the chips between @top and @bottom: the others are not
 * drawn at all (their places stay, so nothing moves).  A card of a
 * thousand groups then costs what its visible part costs.
 */
void
baton_node_card_cull_chips (BatonNodeCard *self,
                            GtkWidget     *relative_to,
                            double         top,
                            double         bottom)
{
  g_return_if_fail (BATON_IS_NODE_CARD (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      graphene_rect_t bounds;
      gboolean shown = TRUE;

      if (chip == NULL)
        continue;
      if (gtk_widget_compute_bounds (child, relative_to, &bounds))
        shown = bounds.origin.y < bottom && bounds.origin.y + bounds.size.height > top;
      if (gtk_widget_get_child_visible (chip) != shown)
        gtk_widget_set_child_visible (chip, shown);
    }
}

/**
 * baton_node_card_remember_chips:
 * @into: BatonGroup -> graphene_rect_t (owned, g_free)
 *
 * Records where each drawn chip of the card is, relative to @relative_to.
 */
void
baton_node_card_remember_chips (BatonNodeCard *self,
                                GtkWidget     *relative_to,
                                GHashTable    *into)
{
  g_return_if_fail (BATON_IS_NODE_CARD (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      graphene_rect_t bounds;

      if (BATON_IS_GROUP_CHIP (chip) && gtk_widget_get_child_visible (chip) &&
          gtk_widget_get_opacity (chip) > 0.5 &&
          gtk_widget_compute_bounds (chip, relative_to, &bounds))
        g_hash_table_insert (into, baton_group_chip_get_group (BATON_GROUP_CHIP (chip)),
                             g_memdup2 (&bounds, sizeof bounds));
    }
}
