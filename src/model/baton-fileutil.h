/* baton-fileutil.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean baton_write_file_atomic (const char  *path,
                                  const char  *data,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS
