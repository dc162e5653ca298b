/* baton-version.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BATON_TYPE_VERSION (baton_version_get_type ())
#define BATON_VERSION_ERROR (baton_version_error_quark ())

typedef enum
{
  BATON_VERSION_ERROR_INVALID,
} BatonVersionError;

typedef struct _BatonVersion BatonVersion;

GType         baton_version_get_type    (void) G_GNUC_CONST;
GQuark        baton_version_error_quark (void);
BatonVersion *baton_version_parse       (const char          *text,
                                         GError             **error);
BatonVersion *baton_version_ref         (BatonVersion        *self);
void          baton_version_unref       (BatonVersion        *self);
const char   *baton_version_to_string   (const BatonVersion  *self);
int           baton_version_compare     (const BatonVersion  *a,
                                         const BatonVersion  *b);
gboolean      baton_version_equal       (const BatonVersion  *a,
                                         const BatonVersion  *b);
guint         baton_version_get_number  (const BatonVersion  *self,
                                         guint                index);
guint         baton_version_get_service_pack (const BatonVersion *self);
guint         baton_version_get_rollup  (const BatonVersion  *self);
gboolean      baton_version_same_release (const BatonVersion *a,
                                          const BatonVersion *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BatonVersion, baton_version_unref)

G_END_DECLS
