/* baton-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * baton-cli: the command line of DESIGN.md.  Exit codes: 0 success, 1 a
 * step failed, 2 bad input or a plan the source forbids, 3 backend
 * unreachable.
 */

#define G_LOG_DOMAIN "baton-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "baton-catalog.h"
#include "baton-model.h"
#include "baton-planner.h"

enum {
  EXIT_OK = 0,
  EXIT_STEP_FAILED = 1,
  EXIT_BAD_INPUT = 2,
  EXIT_UNREACHABLE = 3,
};

typedef struct
{
  const char *name;
  const char *parameters;
  const char *summary;
  int       (*run) (int    argc,
                    char **argv);
} Command;

static int cmd_validate (int    argc,
                         char **argv);
static int cmd_plan     (int    argc,
                         char **argv);

static const Command commands[] = {
  { "validate", N_("CLUSTER.json…"), N_("Check cluster files against baton-cluster/1"), cmd_validate },
  { "plan", N_("CLUSTER.json --product ID --target VERSION"),
    N_("Plan an upgrade following the product's procedure"), cmd_plan },
};

/* In DESIGN.md, arriving in later releases; named so users get a clear answer. */
static const char * const planned_commands[] = {
  "simulate", "export", "status", "run", "resume", NULL
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: baton-cli COMMAND [OPTION…]"));
  fprintf (out, "\n%s\n", _("Plan, rehearse, run and document rolling upgrades of failover clusters."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *left = g_strdup_printf ("%s %s", commands[i].name,
                                               _(commands[i].parameters));
      fprintf (out, "  %-28s %s\n", left, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %-28s %s\n", "-h, --help", _("Show this help"));
  fprintf (out, "  %-28s %s\n", "--version", _("Show the version"));
  fprintf (out, "\n%s\n", _("Run “baton-cli COMMAND --help” for the options of a command."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 a step failed, 2 bad input or a refused plan, "
                          "3 backend unreachable."));
}

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean quiet = FALSE;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing for valid files"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("CLUSTER.json… — check cluster files"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Each file is read strictly: an error names the file, the JSON path and "
      "what was expected there. Exit status 0 when every file is valid, 2 otherwise."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("baton-cli validate: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  if (argc < 2)
    {
      g_printerr ("baton-cli validate: %s\n", _("no cluster file given"));
      return EXIT_BAD_INPUT;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(BatonCluster) cluster = NULL;
      g_autoptr(GError) load_error = NULL;

      cluster = baton_cluster_load_from_file (file, NULL, &load_error);
      if (cluster == NULL)
        {
          g_printerr ("%s\n", load_error->message);
          status = EXIT_BAD_INPUT;
          continue;
        }

      if (!quiet)
        {
          guint nodes = g_list_model_get_n_items (baton_cluster_get_nodes (cluster));
          guint groups = g_list_model_get_n_items (baton_cluster_get_groups (cluster));
          guint servers = g_list_model_get_n_items (baton_cluster_get_servers (cluster));
          g_autofree char *n_nodes =
            g_strdup_printf (ngettext ("%u node", "%u nodes", nodes), nodes);
          g_autofree char *n_groups =
            g_strdup_printf (ngettext ("%u group", "%u groups", groups), groups);
          g_autofree char *n_servers =
            g_strdup_printf (ngettext ("%u server", "%u servers", servers), servers);
          g_autofree char *counts = g_strdup_printf ("%s, %s, %s", n_nodes, n_groups, n_servers);

          /* TRANSLATORS: file: valid baton-cluster/1: cluster “NAME” (platform): counts */
          g_print (_("%s: valid %s: cluster “%s” (%s): %s\n"),
                   argv[i], BATON_CLUSTER_FORMAT, baton_cluster_get_name (cluster),
                   baton_enum_to_nick (BATON_TYPE_PLATFORM, baton_cluster_get_platform (cluster)),
                   counts);
        }
    }

  return status;
}

static char *
format_duration (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%u s"), seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%u min"), (seconds + 30) / 60);
  return g_strdup_printf (_("%u h %02u min"), seconds / 3600, (seconds % 3600 + 30) / 60);
}

static char *
list_products (BatonCatalog *catalog)
{
  GListModel *profiles = baton_catalog_get_profiles (catalog);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(BatonProfile) profile = g_list_model_get_item (profiles, i);
      g_string_append_printf (s, "%s%s", i ? ", " : "", baton_profile_get_id (profile));
    }
  return g_string_free (s, FALSE);
}

static void
print_plan_text (BatonPlan    *plan,
                 BatonProfile *profile)
{
  const char * const *warnings = baton_plan_get_warnings (plan);
  g_auto(GStrv) groups = baton_plan_dup_estimated_groups (plan);
  g_autofree char *makespan = format_duration (baton_plan_get_makespan (plan));
  const char *phase = NULL;
  guint n = baton_plan_get_n_steps (plan);

  /* TRANSLATORS: Plan: PRODUCT to TARGET on CLUSTER */
  g_print (_("Plan: %s to %s on %s (%s)\n"), baton_plan_get_product (plan),
           baton_plan_get_target (plan), baton_plan_get_cluster (plan),
           baton_profile_get_title (profile));
  g_print (_("%u steps, about %s if independent steps run at once\n"), n, makespan);

  for (guint i = 0; i < n; i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);
      g_autoptr(GEnumClass) actions = g_type_class_ref (BATON_TYPE_ACTION);
      g_autofree char *duration = format_duration (baton_step_get_duration (step));
      g_auto(GStrv) toolchains = baton_step_dup_toolchains (step);
      const guint *after;
      guint n_after;

      if (g_strcmp0 (phase, baton_step_get_phase (step)) != 0)
        {
          phase = baton_step_get_phase (step);
          g_print ("\n[%s]\n", phase ? phase : "");
        }

      g_print ("%3u. %s%s\n", baton_step_get_id (step),
               baton_step_get_manual (step) ? _("(manual) ") : "", baton_step_get_summary (step));
      g_print ("     %s · %s · %s", g_enum_get_value (actions, baton_step_get_action (step))->value_nick,
               duration, baton_step_get_citation (step));
      after = baton_step_get_after (step, &n_after);
      if (n_after > 0)
        {
          g_print (" · %s", _("after"));
          for (guint j = 0; j < n_after; j++)
            g_print ("%s%u", j ? "," : " ", after[j]);
        }
      g_print ("\n");
      if (baton_step_get_impact (step))
        g_print ("     %s %s\n", _("Impact:"), baton_step_get_impact (step));
      for (guint j = 0; toolchains[j]; j++)
        g_print ("     %s> %s\n", toolchains[j], baton_step_get_command (step, toolchains[j]));
    }

  g_print ("\n%s\n", _("Estimate:"));
  g_print ("  %s %s\n", _("makespan"), makespan);
  for (guint i = 0; groups[i]; i++)
    {
      g_autofree char *downtime = format_duration (baton_plan_get_downtime (plan, groups[i]));
      g_print (_("  %s: %u moves, downtime %s\n"), groups[i], baton_plan_get_moves (plan, groups[i]),
               downtime);
    }

  if (warnings[0] != NULL)
    {
      g_print ("\n%s\n", _("Warnings:"));
      for (guint i = 0; warnings[i]; i++)
        g_print ("  - %s\n", warnings[i]);
    }

  g_print ("\n%s ", _("Verifier:"));
  if (baton_plan_get_n_findings (plan, TRUE) == 0)
    g_print ("%s\n", _("every invariant holds"));
  else
    {
      g_print ("\n");
      for (guint i = 0; i < baton_plan_get_n_findings (plan, TRUE); i++)
        {
          const char *invariant, *message;
          gboolean waived;

          baton_plan_get_finding (plan, i, NULL, &invariant, &message, &waived);
          g_print ("  %s [%s] %s\n", waived ? _("waived by the source:") : _("BROKEN:"),
                   invariant, message);
        }
    }
}

static gboolean
parse_format (const char  *format,
              const char  *command,
              gboolean    *json)
{
  if (g_strcmp0 (format, "json") == 0)
    *json = TRUE;
  else if (format == NULL || g_str_equal (format, "text"))
    *json = FALSE;
  else
    {
      g_printerr (_("baton-cli %s: --format: expected text or json, found “%s”\n"), command, format);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_plan (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *product = NULL;
  g_autofree char *target = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) options = NULL;
  g_autoptr(BatonCatalog) catalog = NULL;
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonPlanner) planner = NULL;
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  BatonProfile *profile;
  gboolean json;
  const GOptionEntry entries[] = {
    { "product", 'p', 0, G_OPTION_ARG_STRING, &product, N_("Product profile id"), N_("ID") },
    { "target", 't', 0, G_OPTION_ARG_STRING, &target, N_("Target version"), N_("VERSION") },
    { "option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options,
      N_("A planning option (max_parallel=2, order=A,B, failback=end, duration.install-update=900, …)"),
      N_("KEY=VALUE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("CLUSTER.json — plan an upgrade"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Plans the upgrade the product's source document describes, as text or as baton-plan/1 "
      "JSON. A target the source forbids is refused (exit status 2) with a message citing it."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("baton-cli plan: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  if (!parse_format (format, "plan", &json))
    return EXIT_BAD_INPUT;

  catalog = baton_catalog_new_default ();
  for (guint i = 0; baton_catalog_get_problems (catalog)[i]; i++)
    g_printerr (_("baton-cli: warning: skipped a profile: %s\n"),
                baton_catalog_get_problems (catalog)[i]);

  if (argc != 2 || product == NULL || target == NULL)
    {
      g_autofree char *products = list_products (catalog);
      g_printerr (_("baton-cli plan: expected CLUSTER.json --product ID --target VERSION "
                    "(products: %s)\n"), products);
      return EXIT_BAD_INPUT;
    }

  if (!(profile = baton_catalog_lookup (catalog, product)))
    {
      g_autofree char *products = list_products (catalog);
      g_printerr (_("baton-cli plan: unknown product “%s” (products: %s)\n"), product, products);
      return EXIT_BAD_INPUT;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!(cluster = baton_cluster_load_from_file (file, NULL, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  planner = baton_planner_new (cluster, profile);
  for (guint i = 0; options && options[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (options[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_printerr (_("baton-cli plan: --option: expected KEY=VALUE, found “%s”\n"), options[i]);
          return EXIT_BAD_INPUT;
        }
      if (!baton_planner_set_option (planner, kv[0], kv[1], &error))
        {
          g_printerr ("baton-cli plan: %s\n", error->message);
          return EXIT_BAD_INPUT;
        }
    }

  if (!(plan = baton_planner_plan (planner, target, &error)))
    {
      g_printerr (_("baton-cli plan: refused: %s\n"), error->message);
      return EXIT_BAD_INPUT;
    }

  if (json)
    {
      g_autofree char *data = baton_plan_to_json (plan, NULL);
      g_print ("%s", data);
    }
  else
    print_plan_text (plan, profile);

  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("baton-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_BAD_INPUT;
    }

  name = argv[1];

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (name, "--version"))
    {
      g_print ("baton-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  if (g_strv_contains (planned_commands, name))
    {
      g_printerr (_("baton-cli: “%s” is not available in this version (%s) yet\n"),
                  name, PACKAGE_VERSION);
      return EXIT_BAD_INPUT;
    }

  g_printerr (_("baton-cli: unknown command “%s”\n\n"), name);
  print_usage (stderr);
  return EXIT_BAD_INPUT;
}
