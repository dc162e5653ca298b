/* baton-machine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "baton-version.h"

G_BEGIN_DECLS

#define BATON_TYPE_MACHINE (baton_machine_get_type ())

G_DECLARE_DERIVABLE_TYPE (BatonMachine, baton_machine, BATON, MACHINE, GObject)

struct _BatonMachineClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

const char   *baton_machine_get_name      (BatonMachine *self);
BatonVersion *baton_machine_get_version   (BatonMachine *self,
                                           const char   *family);
void          baton_machine_set_version   (BatonMachine *self,
                                           const char   *family,
                                           BatonVersion *version);
char        **baton_machine_dup_families  (BatonMachine *self);
char         *baton_machine_format_software (BatonMachine *self);

G_END_DECLS
