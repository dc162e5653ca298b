/* baton-server.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baton-enums.h"
#include "baton-machine.h"

G_BEGIN_DECLS

#define BATON_TYPE_SERVER (baton_server_get_type ())

G_DECLARE_FINAL_TYPE (BatonServer, baton_server, BATON, SERVER, BatonMachine)

BatonServer     *baton_server_new                   (const char      *name,
                                                     BatonServerRole  role);
BatonServerRole  baton_server_get_role              (BatonServer     *self);
void             baton_server_set_role              (BatonServer     *self,
                                                     BatonServerRole  role);
const char      *baton_server_get_load_balanced_set (BatonServer     *self);
void             baton_server_set_load_balanced_set (BatonServer     *self,
                                                     const char      *set);
const char      *baton_server_get_source            (BatonServer     *self);
void             baton_server_set_source            (BatonServer     *self,
                                                     const char      *source);

G_END_DECLS
