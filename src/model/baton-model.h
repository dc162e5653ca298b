/* baton-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cluster model: one include for everything in src/model/.
 */

#pragma once

#include "baton-cluster.h"
#include "baton-cluster-file.h"
#include "baton-enums.h"
#include "baton-group.h"
#include "baton-machine.h"
#include "baton-node.h"
#include "baton-resource.h"
#include "baton-server.h"
#include "baton-version.h"
