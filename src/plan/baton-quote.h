/* baton-quote.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *baton_quote_sh         (const char *text);
char *baton_quote_powershell (const char *text);
char *baton_quote_cmd        (const char *text);
char *baton_quote_for        (const char *toolchain,
                              const char *text);

G_END_DECLS
