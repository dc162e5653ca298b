/* baton-object-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An append-only list model over a GPtrArray: the cluster's nodes, groups
 * and servers.  GListStore keeps its items in a GSequence, whose look-ups
 * cost a tree walk; clusters of thousands of groups are walked by index
 * all the time (plans, copies, views), so here get_item() is an index.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include "baton-object-list.h"

struct _BatonObjectList
{
  GObject    parent_instance;

  GType      item_type;
  GPtrArray *items;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BatonObjectList, baton_object_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return BATON_OBJECT_LIST (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  return BATON_OBJECT_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BatonObjectList *self = BATON_OBJECT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
baton_object_list_finalize (GObject *object)
{
  BatonObjectList *self = (BatonObjectList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_object_list_parent_class)->finalize (object);
}

static void
baton_object_list_class_init (BatonObjectListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baton_object_list_finalize;
}

static void
baton_object_list_init (BatonObjectList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

BatonObjectList *
baton_object_list_new (GType item_type)
{
  BatonObjectList *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  self = g_object_new (BATON_TYPE_OBJECT_LIST, NULL);
  self->item_type = item_type;
  return self;
}

/**
 * baton_object_list_append:
 *
 * Appends @item (a new reference is taken) and emits items-changed.
 */
void
baton_object_list_append (BatonObjectList *self,
                          gpointer         item)
{
  g_return_if_fail (BATON_IS_OBJECT_LIST (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));

  g_ptr_array_add (self->items, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

/**
 * baton_object_list_peek:
 *
 * Returns: (transfer none): the item at @position, without a reference
 */
gpointer
baton_object_list_peek (BatonObjectList *self,
                        guint            position)
{
  g_return_val_if_fail (BATON_IS_OBJECT_LIST (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

guint
baton_object_list_length (BatonObjectList *self)
{
  g_return_val_if_fail (BATON_IS_OBJECT_LIST (self), 0);
  return self->items->len;
}

/**
 * baton_object_list_insert:
 *
 * Inserts @item (a new reference is taken) at @position and emits
 * items-changed.
 */
void
baton_object_list_insert (BatonObjectList *self,
                          guint            position,
                          gpointer         item)
{
  g_return_if_fail (BATON_IS_OBJECT_LIST (self));
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));
  g_return_if_fail (position <= self->items->len);

  g_ptr_array_insert (self->items, position, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

/**
 * baton_object_list_remove:
 *
 * Removes the item at @position and emits items-changed.
 */
void
baton_object_list_remove (BatonObjectList *self,
                          guint            position)
{
  g_return_if_fail (BATON_IS_OBJECT_LIST (self));
  g_return_if_fail (position < self->items->len);

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

/**
 * baton_object_list_find:
 * @position: (out) (optional): where @item is
 *
 * Returns: whether @item is in the list
 */
gboolean
baton_object_list_find (BatonObjectList *self,
                        gpointer         item,
                        guint           *position)
{
  g_return_val_if_fail (BATON_IS_OBJECT_LIST (self), FALSE);

  return g_ptr_array_find (self->items, item, position);
}
