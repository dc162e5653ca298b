/* baton-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BATON_TYPE_APPLICATION (baton_application_get_type ())

G_DECLARE_FINAL_TYPE (BatonApplication, baton_application, BATON, APPLICATION, AdwApplication)

BatonApplication *baton_application_new             (void);
int               baton_application_get_exit_status (BatonApplication *self);

G_END_DECLS
