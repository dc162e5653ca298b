/* baton-resource.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BATON_TYPE_RESOURCE (baton_resource_get_type ())

G_DECLARE_FINAL_TYPE (BatonResource, baton_resource, BATON, RESOURCE, GObject)

BatonResource *baton_resource_new           (const char    *name,
                                             const char    *resource_type);
const char    *baton_resource_get_name      (BatonResource *self);
const char    *baton_resource_get_resource_type (BatonResource *self);

G_END_DECLS
