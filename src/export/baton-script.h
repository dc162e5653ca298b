/* baton-script.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scripts that carry out a plan: PowerShell with the FailoverClusters
 * cmdlets for Windows clusters, POSIX shell with the Pacemaker tools for
 * Pacemaker clusters.  Every name is quoted for the script's language, so
 * a name is always one argument and never code.
 */

#pragma once

#include "baton-cluster.h"
#include "baton-export.h"
#include "baton-plan.h"

G_BEGIN_DECLS

typedef enum
{
  BATON_SCRIPT_POWERSHELL,
  BATON_SCRIPT_SH,
} BatonScriptKind;

gboolean baton_script_supports (BatonScriptKind   kind,
                                BatonCluster     *cluster);
char    *baton_script_generate (BatonScriptKind   kind,
                                BatonPlan        *plan,
                                BatonCluster     *cluster,
                                GError          **error);

G_END_DECLS
