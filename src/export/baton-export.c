/* baton-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baton-export.h"

G_DEFINE_QUARK (baton-export-error-quark, baton_export_error)

static const char * const format_names[] = {
  [BATON_EXPORT_MARKDOWN] = "md",
  [BATON_EXPORT_HTML] = "html",
  [BATON_EXPORT_PDF] = "pdf",
  [BATON_EXPORT_POWERSHELL] = "ps1",
  [BATON_EXPORT_SH] = "sh",
};

gboolean
baton_export_format_from_string (const char        *text,
                                 BatonExportFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_str_equal (text, format_names[i]))
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
baton_export_format_to_string (BatonExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}
