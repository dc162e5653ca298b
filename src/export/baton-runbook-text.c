/* baton-runbook-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runbook as Markdown (CommonMark with GitHub's task lists and
 * tables) and as one self-contained HTML file with print CSS.  Every
 * name is escaped for the format: a cluster name may contain any
 * character a file allows, and none of them may turn into markup.
 */

#define G_LOG_DOMAIN "baton-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "baton-runbook.h"

/* --- Markdown ---------------------------------------------------------------- */

/* Text in a paragraph, list item or table cell: punctuation that could
 * start markup is escaped with a backslash, which CommonMark allows
 * before any ASCII punctuation. */
static void
md_text (GString    *s,
         const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      /* "://" too: GitHub would turn a name holding a URL into a link. */
      if (strchr ("\\`*_[]<>|~&!#", *p) || (*p == ':' && g_str_has_prefix (p + 1, "//")))
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
}

/* A fenced code block whose fence is longer than any run of backticks inside. */
static void
md_code_block (GString    *s,
               const char *indent,
               const char *language,
               const char *code)
{
  guint longest = 0, run = 0;
  g_autofree char *fence = NULL;

  for (const char *p = code; *p; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  fence = g_strnfill (MAX (3, longest + 1), '`');
  g_string_append_printf (s, "%s%s%s\n", indent, fence, language ? language : "");

  /* Every line indented, or the rest would leave the list item. */
  {
    g_auto(GStrv) lines = g_strsplit (code, "\n", -1);

    for (guint i = 0; lines[i]; i++)
      g_string_append_printf (s, "%s%s\n", indent, lines[i]);
  }
  g_string_append_printf (s, "%s%s\n", indent, fence);
}

static const char *
md_language (const char *toolchain)
{
  if (g_strcmp0 (toolchain, "powershell") == 0)
    return "powershell";
  if (g_strcmp0 (toolchain, "pcs") == 0)
    return "sh";
  if (g_strcmp0 (toolchain, "cluster.exe") == 0)
    return "bat";
  return NULL;
}

static void
md_topology (GString   *s,
             GPtrArray *machines)
{
  g_string_append_printf (s, "| %s | %s | %s | %s | %s |\n|---|---|---|---|---|\n",
                          _("Machine"), _("Role"), _("State"), _("Software"), _("Groups"));
  for (guint i = 0; i < machines->len; i++)
    {
      BatonRunbookMachine *m = g_ptr_array_index (machines, i);

      g_string_append (s, "| ");
      md_text (s, m->name);
      if (m->changed)
        g_string_append (s, " \\*");
      g_string_append (s, " | ");
      md_text (s, m->role);
      g_string_append (s, " | ");
      md_text (s, m->state);
      g_string_append (s, " | ");
      md_text (s, m->software);
      g_string_append (s, " | ");
      for (guint k = 0; k < m->groups->len; k++)
        {
          if (k > 0)
            g_string_append (s, ", ");
          md_text (s, g_ptr_array_index (m->groups, k));
        }
      if (m->groups->len == 0)
        g_string_append (s, "—");
      g_string_append (s, " |\n");
    }
}

/**
 * baton_runbook_to_markdown:
 *
 * Returns: (transfer full): the runbook as Markdown
 */
char *
baton_runbook_to_markdown (BatonRunbook *self)
{
  GString *s = g_string_new (NULL);
  GPtrArray *items;
  GPtrArray *phases = baton_runbook_get_phases (self);
  g_autofree char *date = baton_runbook_format_date (self);
  g_autofree char *makespan = baton_runbook_format_makespan (self);

  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  g_string_append (s, "# ");
  md_text (s, baton_runbook_get_title (self));
  g_string_append (s, "\n\n");

  g_string_append_printf (s, "| | |\n|---|---|\n");
  g_string_append_printf (s, "| %s | ", _("Cluster"));
  md_text (s, baton_runbook_get_cluster_name (self));
  g_string_append_printf (s, " (");
  md_text (s, baton_runbook_get_platform (self));
  g_string_append_printf (s, ") |\n| %s | ", _("Product"));
  md_text (s, baton_runbook_get_product (self));
  g_string_append_printf (s, " |\n| %s | ", _("From"));
  md_text (s, baton_runbook_get_from_versions (self));
  g_string_append_printf (s, " |\n| %s | ", _("To"));
  md_text (s, baton_runbook_get_target (self));
  g_string_append_printf (s, " |\n| %s | %s |\n| %s | ", _("Date"), date, _("Author"));
  if (baton_runbook_get_author (self))
    md_text (s, baton_runbook_get_author (self));
  else
    g_string_append (s, "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_");
  g_string_append_printf (s, " |\n| %s | %u |\n| %s | %s |\n\n", _("Steps"),
                          baton_runbook_get_n_steps (self), _("Expected duration"), makespan);

  items = baton_runbook_get_warnings (self);
  if (items->len > 0)
    {
      g_string_append_printf (s, "## %s\n\n", _("Warnings"));
      for (guint i = 0; i < items->len; i++)
        {
          g_string_append (s, "- ");
          md_text (s, ((BatonRunbookItem *) g_ptr_array_index (items, i))->text);
          g_string_append_c (s, '\n');
        }
      g_string_append_c (s, '\n');
    }

  g_string_append_printf (s, "## %s\n\n", _("Before you start"));
  items = baton_runbook_get_prerequisites (self);
  for (guint i = 0; i < items->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (items, i);

      g_string_append (s, "- [ ] ");
      md_text (s, item->text);
      if (item->citation)
        {
          g_string_append (s, " *(");
          md_text (s, item->citation);
          g_string_append (s, ")*");
        }
      g_string_append_c (s, '\n');
    }
  if (items->len == 0)
    g_string_append_printf (s, "%s\n", _("The sources name no prerequisites."));
  g_string_append_c (s, '\n');

  g_string_append_printf (s, "## %s\n\n### %s\n\n", _("Topology"), _("Before the upgrade"));
  md_topology (s, baton_runbook_get_before (self));
  g_string_append_printf (s, "\n### %s\n\n", _("After the upgrade"));
  md_topology (s, baton_runbook_get_after (self));
  g_string_append_printf (s, "\n%s\n\n", _("\\* changed by the upgrade"));

  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);

      g_string_append_printf (s, "## %s %u: ", _("Phase"), p + 1);
      md_text (s, phase->title);
      g_string_append (s, "\n\n");

      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);
          const char *impact = baton_step_get_impact (step->step);

          g_string_append_printf (s, "- [ ] **%u.** ", step->number);
          md_text (s, baton_step_get_summary (step->step));
          if (baton_step_get_manual (step->step))
            g_string_append_printf (s, " *(%s)*", _("by hand"));
          g_string_append_printf (s, "\n  - %s: ", _("Target"));
          md_text (s, step->target);
          g_string_append_printf (s, "\n  - %s: %s\n", _("Expected duration"), step->duration);
          if (impact != NULL)
            {
              g_string_append_printf (s, "  - %s: ", _("Client impact"));
              md_text (s, impact);
              g_string_append_c (s, '\n');
            }
          g_string_append_printf (s, "  - %s: ", _("Source"));
          md_text (s, step->citation);
          g_string_append_c (s, '\n');
          if (step->command != NULL)
            {
              g_string_append_printf (s, "  - %s (", _("Command"));
              md_text (s, step->toolchain);
              g_string_append (s, "):\n\n");
              md_code_block (s, "    ", md_language (step->toolchain), step->command);
            }
          g_string_append_c (s, '\n');
        }
    }

  items = baton_runbook_get_downtime (self);
  if (items->len > 0)
    {
      g_string_append_printf (s, "## %s\n\n| %s | %s |\n|---|---|\n", _("Estimate"), _("Group"),
                              _("Moves and time without service"));
      for (guint i = 0; i < items->len; i++)
        {
          BatonRunbookItem *item = g_ptr_array_index (items, i);

          g_string_append (s, "| ");
          md_text (s, item->title);
          g_string_append (s, " | ");
          md_text (s, item->text);
          g_string_append (s, " |\n");
        }
      g_string_append_c (s, '\n');
    }

  g_string_append_printf (s, "## %s\n\n", _("Sign-off"));
  {
    const char *roles[] = { N_("Prepared by"), N_("Reviewed by"), N_("Carried out by"),
                            N_("Accepted by") };

    g_string_append_printf (s, "| %s | %s | %s |\n|---|---|---|\n", _("Role"), _("Name"),
                            _("Signature and date"));
    for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
      g_string_append_printf (s, "| %s | | |\n", _(roles[i]));
    g_string_append_c (s, '\n');
  }

  g_string_append_printf (s, "## %s\n\n", _("Appendix: troubleshooting"));
  items = baton_runbook_get_troubleshooting (self);
  for (guint i = 0; i < items->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (items, i);

      g_string_append (s, "### ");
      md_text (s, item->title ? item->title : item->text);
      g_string_append (s, "\n\n");
      md_text (s, item->text);
      if (item->citation)
        {
          g_string_append (s, " *(");
          md_text (s, item->citation);
          g_string_append (s, ")*");
        }
      g_string_append (s, "\n\n");
    }
  if (items->len == 0)
    g_string_append_printf (s, "%s\n\n", _("The sources give no troubleshooting for this upgrade."));

  g_string_append_printf (s, "## %s\n\n", _("Appendix: rollback by phase"));
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);

      g_string_append_printf (s, "- **%s %u: ", _("Phase"), p + 1);
      md_text (s, phase->title);
      g_string_append (s, ".** ");
      md_text (s, phase->rollback);
      g_string_append_c (s, '\n');
    }

  return g_string_free (s, FALSE);
}

/* --- HTML -------------------------------------------------------------------- */

static void
html_text (GString    *s,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (s, escaped);
}

static void
html_topology (GString   *s,
               GPtrArray *machines)
{
  g_string_append_printf (s, "<table class=\"topology\"><thead><tr><th>%s</th><th>%s</th>"
                             "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
                          _("Machine"), _("Role"), _("State"), _("Software"), _("Groups"));
  for (guint i = 0; i < machines->len; i++)
    {
      BatonRunbookMachine *m = g_ptr_array_index (machines, i);

      g_string_append_printf (s, "<tr%s><td>", m->changed ? " class=\"changed\"" : "");
      html_text (s, m->name);
      g_string_append (s, "</td><td>");
      html_text (s, m->role);
      g_string_append (s, "</td><td>");
      html_text (s, m->state);
      g_string_append (s, "</td><td>");
      html_text (s, m->software);
      g_string_append (s, "</td><td>");
      for (guint k = 0; k < m->groups->len; k++)
        {
          g_string_append (s, "<span class=\"group\">");
          html_text (s, g_ptr_array_index (m->groups, k));
          g_string_append (s, "</span> ");
        }
      if (m->groups->len == 0)
        g_string_append (s, "—");
      g_string_append (s, "</td></tr>\n");
    }
  g_string_append (s, "</tbody></table>\n");
}

static const char html_style[] =
  "body{font-family:Cantarell,'DejaVu Sans',sans-serif;font-size:10.5pt;line-height:1.4;"
  "color:#241f31;max-width:60em;margin:2em auto;padding:0 1em}"
  "h1{font-size:18pt;margin-bottom:.3em}h2{font-size:13.5pt;border-bottom:1px solid #c0bfbc;"
  "padding-bottom:.15em;margin-top:1.6em}h3{font-size:11.5pt}"
  "table{border-collapse:collapse;width:100%;margin:.5em 0}"
  "th,td{border:1px solid #c0bfbc;padding:.25em .5em;text-align:left;vertical-align:top;"
  "overflow-wrap:anywhere}th{background:#f6f5f4}"
  "table.title th{width:12em}tr.changed td:first-child{font-weight:bold}"
  "span.group{display:inline-block;border:1px solid #99c1f1;background:#e8f0fb;"
  "border-radius:3px;padding:0 .3em;margin:.1em 0}"
  ".box{display:inline-block;width:.9em;height:.9em;border:1.5px solid #241f31;"
  "border-radius:2px;margin-right:.5em;vertical-align:-.1em}"
  "ul.checklist{list-style:none;padding-left:0}ul.checklist li{margin:.3em 0}"
  "ol.steps{list-style:none;padding-left:0}"
  "li.step{border:1px solid #deddda;border-radius:4px;padding:.4em .6em;margin:.5em 0}"
  "li.step .num{font-weight:bold;margin-right:.3em}"
  "li.step dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em;"
  "margin:.4em 0 0 1.4em;font-size:9.5pt}li.step dt{color:#5e5c64}li.step dd{margin:0;"
  "overflow-wrap:anywhere}"
  "pre{background:#f6f5f4;border:1px solid #deddda;border-radius:3px;padding:.4em .6em;"
  "white-space:pre-wrap;overflow-wrap:anywhere;font-family:'DejaVu Sans Mono',monospace;"
  "font-size:9pt;margin:.2em 0}"
  ".manual{font-style:italic;color:#5e5c64}.warnings li{color:#9c6e03}"
  ".cite{color:#5e5c64;font-size:9pt}"
  "table.signoff td{height:2.4em}"
  "@page{size:auto;margin:18mm 16mm}"
  "@media print{body{margin:0;max-width:none;font-size:10pt}"
  "li.step,tr,.keep{break-inside:avoid}h2,h3{break-after:avoid}"
  "a{color:inherit;text-decoration:none}}";

/**
 * baton_runbook_to_html:
 *
 * Returns: (transfer full): the runbook as one HTML file, styles included
 */
char *
baton_runbook_to_html (BatonRunbook *self)
{
  GString *s = g_string_new (NULL);
  GPtrArray *items;
  GPtrArray *phases = baton_runbook_get_phases (self);
  g_autofree char *date = baton_runbook_format_date (self);
  g_autofree char *makespan = baton_runbook_format_makespan (self);
  const char * const *languages = g_get_language_names ();
  g_autofree char *lang = g_strdup (languages[0] && !g_str_equal (languages[0], "C") &&
                                    !g_str_equal (languages[0], "POSIX")
                                      ? languages[0] : "en");

  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  /* "de_DE.UTF-8" -> "de-DE" */
  g_strdelimit (lang, ".@", '\0');
  g_strdelimit (lang, "_", '-');

  g_string_append_printf (s, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
                             "<meta charset=\"utf-8\">\n<title>", lang);
  html_text (s, baton_runbook_get_title (self));
  g_string_append_printf (s, "</title>\n<meta name=\"generator\" content=\"Baton %s\">\n"
                             "<style>%s</style>\n</head>\n<body>\n<h1>", PACKAGE_VERSION,
                          html_style);
  html_text (s, baton_runbook_get_title (self));
  g_string_append (s, "</h1>\n<table class=\"title\">\n");

#define ROW(label, value) G_STMT_START {                                        \
    g_string_append_printf (s, "<tr><th>%s</th><td>", label);                   \
    html_text (s, value);                                                       \
    g_string_append (s, "</td></tr>\n");                                        \
  } G_STMT_END
  {
    g_autofree char *cluster = g_strdup_printf ("%s (%s)", baton_runbook_get_cluster_name (self),
                                                baton_runbook_get_platform (self));
    g_autofree char *n_steps = g_strdup_printf ("%u", baton_runbook_get_n_steps (self));

    ROW (_("Cluster"), cluster);
    ROW (_("Product"), baton_runbook_get_product (self));
    ROW (_("From"), baton_runbook_get_from_versions (self));
    ROW (_("To"), baton_runbook_get_target (self));
    ROW (_("Date"), date);
    ROW (_("Author"), baton_runbook_get_author (self) ? baton_runbook_get_author (self) : "");
    ROW (_("Steps"), n_steps);
    ROW (_("Expected duration"), makespan);
  }
#undef ROW
  g_string_append (s, "</table>\n");

  items = baton_runbook_get_warnings (self);
  if (items->len > 0)
    {
      g_string_append_printf (s, "<h2>%s</h2>\n<ul class=\"warnings\">\n", _("Warnings"));
      for (guint i = 0; i < items->len; i++)
        {
          g_string_append (s, "<li>");
          html_text (s, ((BatonRunbookItem *) g_ptr_array_index (items, i))->text);
          g_string_append (s, "</li>\n");
        }
      g_string_append (s, "</ul>\n");
    }

  g_string_append_printf (s, "<h2>%s</h2>\n<ul class=\"checklist\">\n", _("Before you start"));
  items = baton_runbook_get_prerequisites (self);
  for (guint i = 0; i < items->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (items, i);

      g_string_append (s, "<li><span class=\"box\" role=\"img\" aria-label=\"");
      g_string_append (s, _("to do"));
      g_string_append (s, "\"></span>");
      html_text (s, item->text);
      if (item->citation)
        {
          g_string_append (s, " <span class=\"cite\">(");
          html_text (s, item->citation);
          g_string_append (s, ")</span>");
        }
      g_string_append (s, "</li>\n");
    }
  g_string_append (s, "</ul>\n");

  g_string_append_printf (s, "<h2>%s</h2>\n<h3>%s</h3>\n", _("Topology"), _("Before the upgrade"));
  html_topology (s, baton_runbook_get_before (self));
  g_string_append_printf (s, "<h3>%s</h3>\n", _("After the upgrade"));
  html_topology (s, baton_runbook_get_after (self));
  g_string_append_printf (s, "<p class=\"cite\">%s</p>\n",
                          _("Machines in bold changed in the upgrade."));

  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);

      g_string_append_printf (s, "<h2>%s %u: ", _("Phase"), p + 1);
      html_text (s, phase->title);
      g_string_append (s, "</h2>\n<ol class=\"steps\">\n");

      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);
          const char *impact = baton_step_get_impact (step->step);

          g_string_append_printf (s, "<li class=\"step\" id=\"step-%u\"><span class=\"box\" "
                                     "role=\"img\" aria-label=\"%s\"></span>"
                                     "<span class=\"num\">%u.</span>",
                                  step->number, _("to do"), step->number);
          html_text (s, baton_step_get_summary (step->step));
          if (baton_step_get_manual (step->step))
            g_string_append_printf (s, " <span class=\"manual\">(%s)</span>", _("by hand"));
          g_string_append_printf (s, "\n<dl><dt>%s</dt><dd>", _("Target"));
          html_text (s, step->target);
          g_string_append_printf (s, "</dd><dt>%s</dt><dd>%s</dd>", _("Expected duration"),
                                  step->duration);
          if (impact != NULL)
            {
              g_string_append_printf (s, "<dt>%s</dt><dd>", _("Client impact"));
              html_text (s, impact);
              g_string_append (s, "</dd>");
            }
          g_string_append_printf (s, "<dt>%s</dt><dd>", _("Source"));
          html_text (s, step->citation);
          g_string_append (s, "</dd>");
          if (step->command != NULL)
            {
              g_string_append_printf (s, "<dt>%s (", _("Command"));
              html_text (s, step->toolchain);
              g_string_append (s, ")</dt><dd><pre>");
              html_text (s, step->command);
              g_string_append (s, "</pre></dd>");
            }
          g_string_append (s, "</dl></li>\n");
        }
      g_string_append (s, "</ol>\n");
    }

  items = baton_runbook_get_downtime (self);
  if (items->len > 0)
    {
      g_string_append_printf (s, "<h2>%s</h2>\n<table><thead><tr><th>%s</th><th>%s</th></tr>"
                                 "</thead><tbody>\n",
                              _("Estimate"), _("Group"), _("Moves and time without service"));
      for (guint i = 0; i < items->len; i++)
        {
          BatonRunbookItem *item = g_ptr_array_index (items, i);

          g_string_append (s, "<tr><td>");
          html_text (s, item->title);
          g_string_append (s, "</td><td>");
          html_text (s, item->text);
          g_string_append (s, "</td></tr>\n");
        }
      g_string_append (s, "</tbody></table>\n");
    }

  g_string_append_printf (s, "<h2>%s</h2>\n<table class=\"signoff keep\"><thead><tr><th>%s</th>"
                             "<th>%s</th><th>%s</th></tr></thead><tbody>\n",
                          _("Sign-off"), _("Role"), _("Name"), _("Signature and date"));
  {
    const char *roles[] = { N_("Prepared by"), N_("Reviewed by"), N_("Carried out by"),
                            N_("Accepted by") };

    for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
      g_string_append_printf (s, "<tr><td>%s</td><td></td><td></td></tr>\n", _(roles[i]));
  }
  g_string_append (s, "</tbody></table>\n");

  g_string_append_printf (s, "<h2>%s</h2>\n", _("Appendix: troubleshooting"));
  items = baton_runbook_get_troubleshooting (self);
  for (guint i = 0; i < items->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (items, i);

      g_string_append (s, "<h3>");
      html_text (s, item->title ? item->title : item->text);
      g_string_append (s, "</h3>\n<p>");
      html_text (s, item->text);
      if (item->citation)
        {
          g_string_append (s, " <span class=\"cite\">(");
          html_text (s, item->citation);
          g_string_append (s, ")</span>");
        }
      g_string_append (s, "</p>\n");
    }
  if (items->len == 0)
    g_string_append_printf (s, "<p>%s</p>\n",
                            _("The sources give no troubleshooting for this upgrade."));

  g_string_append_printf (s, "<h2>%s</h2>\n<dl>\n", _("Appendix: rollback by phase"));
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);

      g_string_append_printf (s, "<dt><strong>%s %u: ", _("Phase"), p + 1);
      html_text (s, phase->title);
      g_string_append (s, "</strong></dt><dd>");
      html_text (s, phase->rollback);
      g_string_append (s, "</dd>\n");
    }
  g_string_append (s, "</dl>\n</body>\n</html>\n");

  return g_string_free (s, FALSE);
}
