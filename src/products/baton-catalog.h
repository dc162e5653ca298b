/* baton-catalog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baton-profile.h"

G_BEGIN_DECLS

#define BATON_TYPE_CATALOG (baton_catalog_get_type ())

G_DECLARE_FINAL_TYPE (BatonCatalog, baton_catalog, BATON, CATALOG, GObject)

BatonCatalog       *baton_catalog_new            (void);
BatonCatalog       *baton_catalog_new_default    (void);
void                baton_catalog_add_builtin    (BatonCatalog *self);
void                baton_catalog_add_directory  (BatonCatalog *self,
                                                  const char   *path);
gboolean            baton_catalog_add_file       (BatonCatalog *self,
                                                  const char   *path,
                                                  GError      **error);
BatonProfile       *baton_catalog_lookup         (BatonCatalog *self,
                                                  const char   *id);
GListModel         *baton_catalog_get_profiles   (BatonCatalog *self);
const char * const *baton_catalog_get_problems   (BatonCatalog *self);

G_END_DECLS
