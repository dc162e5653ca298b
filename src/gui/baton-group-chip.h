/* baton-group-chip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-model.h"

G_BEGIN_DECLS

#define BATON_TYPE_GROUP_CHIP (baton_group_chip_get_type ())

G_DECLARE_FINAL_TYPE (BatonGroupChip, baton_group_chip, BATON, GROUP_CHIP, GtkWidget)

GtkWidget  *baton_group_chip_new         (BatonCluster   *cluster,
                                          BatonGroup     *group);
BatonGroup *baton_group_chip_get_group   (BatonGroupChip *self);
void        baton_group_chip_popup_menu  (BatonGroupChip *self);
GtkPopover *baton_group_chip_get_menu    (BatonGroupChip *self);
char       *baton_group_chip_describe    (BatonGroupChip *self);

G_END_DECLS
