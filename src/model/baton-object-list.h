/* baton-object-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BATON_TYPE_OBJECT_LIST (baton_object_list_get_type ())

G_DECLARE_FINAL_TYPE (BatonObjectList, baton_object_list, BATON, OBJECT_LIST, GObject)

BatonObjectList *baton_object_list_new    (GType            item_type);
void             baton_object_list_append (BatonObjectList *self,
                                           gpointer         item);
gpointer         baton_object_list_peek   (BatonObjectList *self,
                                           guint            position);
guint            baton_object_list_length (BatonObjectList *self);
void             baton_object_list_insert (BatonObjectList *self,
                                           guint            position,
                                           gpointer         item);
void             baton_object_list_remove (BatonObjectList *self,
                                           guint            position);
gboolean         baton_object_list_find   (BatonObjectList *self,
                                           gpointer         item,
                                           guint           *position);

G_END_DECLS
