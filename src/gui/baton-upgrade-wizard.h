/* baton-upgrade-wizard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-model.h"
#include "baton-plan.h"
#include "baton-profile.h"

G_BEGIN_DECLS

#define BATON_TYPE_UPGRADE_WIZARD (baton_upgrade_wizard_get_type ())

G_DECLARE_FINAL_TYPE (BatonUpgradeWizard, baton_upgrade_wizard, BATON, UPGRADE_WIZARD, AdwWindow)

GtkWidget  *baton_upgrade_wizard_new            (GtkWindow          *parent,
                                                 BatonCluster       *cluster);
BatonPlan  *baton_upgrade_wizard_get_plan       (BatonUpgradeWizard *self);
gboolean    baton_upgrade_wizard_select_product (BatonUpgradeWizard *self,
                                                 const char         *product_id);
gboolean    baton_upgrade_wizard_select_target  (BatonUpgradeWizard *self,
                                                 const char         *target);
const char *baton_upgrade_wizard_get_page       (BatonUpgradeWizard *self);
const char *baton_upgrade_wizard_get_refusal    (BatonUpgradeWizard *self);
GPtrArray  *baton_upgrade_wizard_get_options    (BatonUpgradeWizard *self);

G_END_DECLS
