/* baton-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the export layer shares: its error domain and its formats.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BATON_EXPORT_ERROR (baton_export_error_quark ())
GQuark baton_export_error_quark (void);

typedef enum
{
  BATON_EXPORT_ERROR_UNSUPPORTED,   /* this format does not fit this plan's platform */
  BATON_EXPORT_ERROR_FAILED,        /* cairo or the file system said no */
} BatonExportError;

typedef enum
{
  BATON_EXPORT_MARKDOWN,
  BATON_EXPORT_HTML,
  BATON_EXPORT_PDF,
  BATON_EXPORT_POWERSHELL,
  BATON_EXPORT_SH,
} BatonExportFormat;

gboolean    baton_export_format_from_string (const char        *text,
                                             BatonExportFormat *format);
const char *baton_export_format_to_string   (BatonExportFormat  format);

G_END_DECLS
