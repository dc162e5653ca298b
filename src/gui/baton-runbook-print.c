/* baton-runbook-print.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printing the runbook with GtkPrintOperation, on the pages of the PDF
 * export (BatonRunbookLayout draws both), and exporting it in every
 * format of `baton-cli export` through a file chooser.
 */

#define G_LOG_DOMAIN "baton-print"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "baton-fileutil.h"
#include "baton-runbook-layout.h"
#include "baton-runbook-print.h"
#include "baton-script.h"

static BatonPaper
preferred_paper (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *paper = g_settings_get_string (settings, "runbook-paper");
  BatonPaper result = BATON_PAPER_A4;

  baton_paper_from_string (paper, &result);
  return result;
}

static void
begin_print_cb (GtkPrintOperation  *operation,
                GtkPrintContext    *context,
                BatonRunbookLayout *layout)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  PangoContext *pango = baton_runbook_layout_create_context (cr);

  baton_runbook_layout_paginate (layout, pango, gtk_print_context_get_width (context),
                                 gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, baton_runbook_layout_get_n_pages (layout));
  g_object_unref (pango);
}

static void
draw_page_cb (GtkPrintOperation  *operation,
              GtkPrintContext    *context,
              int                 page,
              BatonRunbookLayout *layout)
{
  baton_runbook_layout_draw_page (layout, gtk_print_context_get_cairo_context (context), page);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * baton_runbook_print:
 *
 * Prints @runbook: the same pages as its PDF, on the paper of the
 * preferences (the print dialog may change it).
 */
void
baton_runbook_print (BatonRunbook *runbook,
                     GtkWindow    *parent)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(BatonRunbookLayout) layout = baton_runbook_layout_new (runbook);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper =
    gtk_paper_size_new (preferred_paper () == BATON_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                                 : GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The layout has its own margins: points from the paper's corner. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, baton_runbook_get_title (runbook));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), layout);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), layout);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                    &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, _("Could Not Print the Runbook"), error->message);
}

/* --- export ------------------------------------------------------------------------ */

typedef struct
{
  BatonRunbook *runbook;
  BatonPlan    *plan;
  BatonCluster *cluster;
  GtkWindow    *parent;
} Export;

static void
export_free (Export *data)
{
  g_clear_object (&data->runbook);
  g_clear_object (&data->plan);
  g_clear_object (&data->cluster);
  g_clear_object (&data->parent);
  g_free (data);
}

static gboolean
format_of (const char        *path,
           BatonExportFormat *format)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && baton_export_format_from_string (dot + 1, format);
}

static gboolean
write_export (Export      *data,
              const char  *path,
              GError     **error)
{
  BatonExportFormat format;
  g_autofree char *text = NULL;

  if (!format_of (path, &format))
    {
      g_set_error (error, BATON_EXPORT_ERROR, BATON_EXPORT_ERROR_UNSUPPORTED,
                   _("“%s” does not end in .md, .html, .pdf, .ps1 or .sh"), path);
      return FALSE;
    }

  switch (format)
    {
    case BATON_EXPORT_PDF:
      return baton_runbook_write_pdf (data->runbook, path, preferred_paper (), NULL, error);

    case BATON_EXPORT_POWERSHELL:
    case BATON_EXPORT_SH:
      text = baton_script_generate (format == BATON_EXPORT_SH ? BATON_SCRIPT_SH
                                                               : BATON_SCRIPT_POWERSHELL,
                                    data->plan, data->cluster, error);
      if (text == NULL || !baton_write_file_atomic (path, text, strlen (text), error))
        return FALSE;
      g_chmod (path, 0755);
      return TRUE;

    case BATON_EXPORT_HTML:
      text = baton_runbook_to_html (data->runbook);
      return baton_write_file_atomic (path, text, strlen (text), error);

    case BATON_EXPORT_MARKDOWN:
    default:
      text = baton_runbook_to_markdown (data->runbook);
      return baton_write_file_atomic (path, text, strlen (text), error);
    }
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Export          *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !write_export (data, path, &error))
        show_error (data->parent, _("Could Not Export the Runbook"), error->message);
    }

  export_free (data);
  g_object_unref (chooser);
}

/**
 * baton_runbook_export:
 *
 * Asks where to save, and writes the runbook or a script there: the
 * format follows the file name's extension (md, html, pdf, ps1, sh).
 */
void
baton_runbook_export (BatonRunbook *runbook,
                      BatonPlan    *plan,
                      BatonCluster *cluster,
                      GtkWindow    *parent)
{
  static const struct { const char *name; const char *pattern; } filters[] = {
    { N_("PDF runbook"), "*.pdf" },
    { N_("HTML runbook"), "*.html" },
    { N_("Markdown runbook"), "*.md" },
    { N_("PowerShell script (Windows clusters)"), "*.ps1" },
    { N_("Shell script (Pacemaker clusters)"), "*.sh" },
  };
  GtkFileChooserNative *chooser;
  Export *data = g_new0 (Export, 1);
  g_autofree char *name = NULL;

  data->runbook = g_object_ref (runbook);
  data->plan = g_object_ref (plan);
  data->cluster = g_object_ref (cluster);
  data->parent = parent ? g_object_ref (parent) : NULL;

  chooser = gtk_file_chooser_native_new (_("Export the Runbook"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(filters[i].name));
      gtk_file_filter_add_pattern (filter, filters[i].pattern);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  name = g_strdup_printf ("%s-runbook.pdf", baton_runbook_get_cluster_name (runbook));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
