/* baton-group-chip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group as a chip inside its owner's card: kind icon, name, a star when
 * it is on its preferred owner, load and state.  Drag it onto another
 * node's card to move it; or open its menu (right click, Menu key,
 * Shift+F10, or Enter on its card) and pick "Move to".
 */

#define G_LOG_DOMAIN "baton-topology"

#include "config.h"

#include <glib/gi18n.h>

#include "baton-group-chip.h"

struct _BatonGroupChip
{
  GtkWidget       parent_instance;

  GtkBox         *box;
  GtkImage       *kind_icon;
  GtkLabel       *name_label;
  GtkImage       *home_icon;
  GtkLabel       *load_label;
  GtkImage       *state_icon;
  GtkPopoverMenu *menu;          /* made on first use: thousands of chips never open one */

  BatonCluster   *cluster;
  BatonGroup     *group;
};

G_DEFINE_FINAL_TYPE (BatonGroupChip, baton_group_chip, GTK_TYPE_WIDGET)

static const char *
kind_icon_name (BatonGroupKind kind)
{
  switch (kind)
    {
    case BATON_GROUP_KIND_CLUSTER_CORE:
      return "emblem-system-symbolic";
    case BATON_GROUP_KIND_EXCHANGE_VIRTUAL_SERVER:
    case BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER:
      return "mail-unread-symbolic";
    case BATON_GROUP_KIND_IIS:
      return "web-browser-symbolic";
    case BATON_GROUP_KIND_FILE_SHARE:
      return "folder-remote-symbolic";
    case BATON_GROUP_KIND_GENERIC:
    default:
      return "application-x-executable-symbolic";
    }
}

static const char *
state_icon_name (BatonGroupState state)
{
  switch (state)
    {
    case BATON_GROUP_STATE_ONLINE:
      return "emblem-ok-symbolic";
    case BATON_GROUP_STATE_PENDING:
      return "content-loading-symbolic";
    case BATON_GROUP_STATE_FAILED:
      return "dialog-error-symbolic";
    case BATON_GROUP_STATE_PARTIAL_ONLINE:
      return "dialog-warning-symbolic";
    case BATON_GROUP_STATE_OFFLINE:
    default:
      return "media-playback-stop-symbolic";
    }
}

static const char * const state_classes[] = {
  "group-online", "group-offline", "group-pending", "group-partial", "group-failed", NULL
};

static gboolean
is_home (BatonGroupChip *self)
{
  const char *preferred = baton_group_get_preferred_owner (self->group);

  return preferred == NULL || g_strcmp0 (preferred, baton_group_get_owner (self->group)) == 0;
}

/**
 * baton_group_chip_describe:
 *
 * Returns: (transfer full): what the chip says, in words: its accessible
 *   name and tooltip
 */
char *
baton_group_chip_describe (BatonGroupChip *self)
{
  const char *preferred;
  g_autofree char *home = NULL;

  g_return_val_if_fail (BATON_IS_GROUP_CHIP (self), NULL);

  preferred = baton_group_get_preferred_owner (self->group);
  if (is_home (self))
    home = g_strdup (_("on its preferred owner"));
  else
    home = g_strdup_printf (_("belongs on %s"), preferred);

  /* TRANSLATORS: group name, kind, state, load, where it belongs */
  return g_strdup_printf (_("%s, %s, %s, load %u, %s"), baton_group_get_name (self->group),
                          baton_group_kind_to_label (baton_group_get_kind (self->group)),
                          baton_group_state_to_label (baton_group_get_state (self->group)),
                          baton_group_get_load (self->group), home);
}

static void
update (BatonGroupChip *self)
{
  BatonGroupState state = baton_group_get_state (self->group);
  g_autofree char *load = g_strdup_printf ("%u", baton_group_get_load (self->group));
  g_autofree char *description = baton_group_chip_describe (self);

  gtk_label_set_label (self->name_label, baton_group_get_name (self->group));
  gtk_image_set_from_icon_name (self->kind_icon,
                                kind_icon_name (baton_group_get_kind (self->group)));
  gtk_image_set_from_icon_name (self->state_icon, state_icon_name (state));
  gtk_label_set_label (self->load_label, load);
  gtk_widget_set_visible (GTK_WIDGET (self->home_icon), is_home (self));

  for (guint i = 0; state_classes[i]; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
  if (state < G_N_ELEMENTS (state_classes) - 1)
    gtk_widget_add_css_class (GTK_WIDGET (self), state_classes[state]);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

/* --- the menu --------------------------------------------------------------------- */

static void
ensure_menu (BatonGroupChip *self)
{
  if (self->menu != NULL)
    return;

  self->menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));
}

/**
 * baton_group_chip_popup_menu:
 *
 * Opens the group's menu: "Move to" each other node (saying why a node
 * cannot take it), all through the topology.move-group action.
 */
void
baton_group_chip_popup_menu (BatonGroupChip *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) targets = g_menu_new ();
  GListModel *nodes;
  const char *name;

  g_return_if_fail (BATON_IS_GROUP_CHIP (self));

  nodes = baton_cluster_get_nodes (self->cluster);
  name = baton_group_get_name (self->group);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
      const char *node_name = baton_machine_get_name (BATON_MACHINE (node));
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *label = NULL;

      if (g_strcmp0 (node_name, baton_group_get_owner (self->group)) == 0)
        continue;

      if (baton_cluster_can_move_group (self->cluster, self->group, node_name, &error))
        label = g_strdup (node_name);
      else
        /* TRANSLATORS: a node that cannot take the group, and its state */
        label = g_strdup_printf (_("%s (%s)"), node_name,
                                 !baton_group_is_possible_owner (self->group, node_name)
                                   ? _("not a possible owner")
                                   : baton_node_state_to_label (baton_node_get_state (node)));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "topology.move-group",
                                               g_variant_new ("(ss)", name, node_name));
      g_menu_append_item (targets, item);
    }

  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (targets));
  ensure_menu (self);
  gtk_popover_menu_set_menu_model (self->menu, G_MENU_MODEL (menu));
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            BatonGroupChip  *self)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  ensure_menu (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &rect);
  baton_group_chip_popup_menu (self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
menu_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  BatonGroupChip *self = BATON_GROUP_CHIP (widget);

  ensure_menu (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), NULL);
  baton_group_chip_popup_menu (self);
  return TRUE;
}

/* --- drag ----------------------------------------------------------------------- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 BatonGroupChip *self)
{
  return gdk_content_provider_new_typed (BATON_TYPE_GROUP, self->group);
}

static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               BatonGroupChip *self)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 0, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
drag_end_cb (GtkDragSource  *source,
             GdkDrag        *drag,
             gboolean        delete_data,
             BatonGroupChip *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

/* --- GObject --------------------------------------------------------------------- */

static void
baton_group_chip_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BatonGroupChip *self = BATON_GROUP_CHIP (widget);

  gtk_widget_measure (GTK_WIDGET (self->box), orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
baton_group_chip_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  BatonGroupChip *self = BATON_GROUP_CHIP (widget);

  gtk_widget_allocate (GTK_WIDGET (self->box), width, height, baseline, NULL);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
baton_group_chip_dispose (GObject *object)
{
  BatonGroupChip *self = (BatonGroupChip *) object;

  if (self->group != NULL)
    g_signal_handlers_disconnect_by_func (self->group, update, self);
  g_clear_object (&self->group);
  g_clear_object (&self->cluster);
  g_clear_pointer ((GtkWidget **) &self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_GROUP_CHIP);

  G_OBJECT_CLASS (baton_group_chip_parent_class)->dispose (object);
}

static void
baton_group_chip_class_init (BatonGroupChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baton_group_chip_dispose;
  widget_class->measure = baton_group_chip_measure;
  widget_class->size_allocate = baton_group_chip_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-group-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonGroupChip, box);
  gtk_widget_class_bind_template_child (widget_class, BatonGroupChip, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, BatonGroupChip, name_label);
  gtk_widget_class_bind_template_child (widget_class, BatonGroupChip, home_icon);
  gtk_widget_class_bind_template_child (widget_class, BatonGroupChip, load_label);
  gtk_widget_class_bind_template_child (widget_class, BatonGroupChip, state_icon);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_shortcut_cb, NULL);

  gtk_widget_class_set_css_name (widget_class, "groupchip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
baton_group_chip_init (BatonGroupChip *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

GtkWidget *
baton_group_chip_new (BatonCluster *cluster,
                      BatonGroup   *group)
{
  BatonGroupChip *self;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (BATON_IS_GROUP (group), NULL);

  self = g_object_new (BATON_TYPE_GROUP_CHIP, NULL);
  self->cluster = g_object_ref (cluster);
  self->group = g_object_ref (group);
  g_signal_connect_swapped (group, "notify", G_CALLBACK (update), self);
  update (self);
  return GTK_WIDGET (self);
}

BatonGroup *
baton_group_chip_get_group (BatonGroupChip *self)
{
  g_return_val_if_fail (BATON_IS_GROUP_CHIP (self), NULL);

  return self->group;
}

/**
 * baton_group_chip_get_menu:
 *
 * Returns: (transfer none): the chip's menu popover (made now if needed)
 */
GtkPopover *
baton_group_chip_get_menu (BatonGroupChip *self)
{
  g_return_val_if_fail (BATON_IS_GROUP_CHIP (self), NULL);

  ensure_menu (self);
  return GTK_POPOVER (self->menu);
}
