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

#include "baton-model.h"

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

static const Command commands[] = {
  { "validate", N_("CLUSTER.json…"), N_("Check cluster files against baton-cluster/1"), cmd_validate },
};

/* In DESIGN.md, arriving in later releases; named so users get a clear answer. */
static const char * const planned_commands[] = {
  "plan", "simulate", "export", "status", "run", "resume", NULL
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
