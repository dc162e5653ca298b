/* baton-runbook-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baton-runbook.h"

G_BEGIN_DECLS

void baton_runbook_print  (BatonRunbook *runbook,
                           GtkWindow    *parent);
void baton_runbook_export (BatonRunbook *runbook,
                           BatonPlan    *plan,
                           BatonCluster *cluster,
                           GtkWindow    *parent);

G_END_DECLS
