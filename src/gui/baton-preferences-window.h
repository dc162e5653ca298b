/* baton-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BATON_TYPE_PREFERENCES_WINDOW (baton_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BatonPreferencesWindow, baton_preferences_window, BATON, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *baton_preferences_window_new (GtkWindow *parent);

G_END_DECLS
