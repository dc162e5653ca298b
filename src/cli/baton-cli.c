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
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include <errno.h>
#include <glib/gstdio.h>

#include "baton-catalog.h"
#include "baton-fileutil.h"
#include "baton-model.h"
#include "baton-runbook-layout.h"
#include "baton-script.h"
#include "baton-planner.h"
#include "baton-runner.h"
#include "baton-sim-backend.h"

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
static int cmd_simulate (int    argc,
                         char **argv);
static int cmd_resume   (int    argc,
                         char **argv);
static int cmd_export   (int    argc,
                         char **argv);

static const Command commands[] = {
  { "validate", N_("CLUSTER.json…"), N_("Check cluster files against baton-cluster/1"), cmd_validate },
  { "plan", N_("CLUSTER.json --product ID --target VERSION"),
    N_("Plan an upgrade following the product's procedure"), cmd_plan },
  { "simulate", N_("CLUSTER.json --product ID --target VERSION"),
    N_("Rehearse the plan on the built-in simulator"), cmd_simulate },
  { "resume", N_("--journal FILE"), N_("Go on with a run its journal recorded"), cmd_resume },
  { "export", N_("CLUSTER.json --product ID --target VERSION --format FORMAT -o FILE"),
    N_("Write the runbook (md, html, pdf) or a script (ps1, sh)"), cmd_export },
};

/* In DESIGN.md, arriving in later releases; named so users get a clear answer. */
static const char * const planned_commands[] = {
  "status", "run", NULL
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

/*
 * Parses a subcommand's options; on error prints it, naming the command.
 * Returns FALSE for exit status 2.
 */
static gboolean
parse_options (const char         *command,
               const char         *parameters,
               const char         *description,
               const GOptionEntry *entries,
               int                *argc,
               char             ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (description != NULL)
    g_option_context_set_description (context, description);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("baton-cli %s: %s\n", command, error->message);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean quiet = FALSE;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print nothing for valid files"), NULL },
    { NULL }
  };

  if (!parse_options ("validate", _("CLUSTER.json… — check cluster files"),
                      _("Each file is read strictly: an error names the file, the JSON path "
                        "and what was expected there. Exit status 0 when every file is "
                        "valid, 2 otherwise."),
                      entries, &argc, &argv))
    return EXIT_BAD_INPUT;

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

/*
 * Loads the cluster and plans: what plan, simulate and resume share.
 * Prints the problem (naming the command) and returns FALSE on bad input
 * or a refused plan.
 */
static gboolean
make_plan (const char          *command,
           const char          *cluster_path,
           const char          *product,
           const char          *target,
           const char * const  *options,
           BatonCluster       **cluster_out,
           BatonProfile       **profile_out,
           BatonPlan          **plan_out)
{
  g_autoptr(BatonCatalog) catalog = baton_catalog_new_default ();
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonPlanner) planner = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  BatonProfile *profile;
  BatonPlan *plan;

  for (guint i = 0; baton_catalog_get_problems (catalog)[i]; i++)
    g_printerr (_("baton-cli: warning: skipped a profile: %s\n"),
                baton_catalog_get_problems (catalog)[i]);

  if (product == NULL || target == NULL)
    {
      g_autofree char *products = list_products (catalog);
      g_printerr (_("baton-cli %s: expected --product ID --target VERSION (products: %s)\n"),
                  command, products);
      return FALSE;
    }

  if (!(profile = baton_catalog_lookup (catalog, product)))
    {
      g_autofree char *products = list_products (catalog);
      g_printerr (_("baton-cli %s: unknown product “%s” (products: %s)\n"), command, product,
                  products);
      return FALSE;
    }

  file = g_file_new_for_commandline_arg (cluster_path);
  if (!(cluster = baton_cluster_load_from_file (file, NULL, &error)))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }

  planner = baton_planner_new (cluster, profile);
  for (guint i = 0; options && options[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (options[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_printerr (_("baton-cli %s: --option: expected KEY=VALUE, found “%s”\n"), command,
                      options[i]);
          return FALSE;
        }
      if (!baton_planner_set_option (planner, kv[0], kv[1], &error))
        {
          g_printerr ("baton-cli %s: %s\n", command, error->message);
          return FALSE;
        }
    }

  if (!(plan = baton_planner_plan (planner, target, &error)))
    {
      g_printerr (_("baton-cli %s: refused: %s\n"), command, error->message);
      return FALSE;
    }

  *cluster_out = g_steal_pointer (&cluster);
  *profile_out = g_object_ref (profile);
  *plan_out = plan;
  return TRUE;
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
  g_autoptr(GError) error = NULL;
  g_autofree char *product = NULL;
  g_autofree char *target = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) options = NULL;
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonProfile) profile = NULL;
  g_autoptr(BatonPlan) plan = NULL;
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

  if (!parse_options ("plan", _("CLUSTER.json — plan an upgrade"),
                      _("Plans the upgrade the product's source document describes, as text "
                        "or as baton-plan/1 JSON. A target the source forbids is refused "
                        "(exit status 2) with a message citing it."),
                      entries, &argc, &argv))
    return EXIT_BAD_INPUT;

  if (!parse_format (format, "plan", &json))
    return EXIT_BAD_INPUT;

  if (argc != 2)
    {
      g_printerr (_("baton-cli plan: expected one CLUSTER.json\n"));
      return EXIT_BAD_INPUT;
    }

  if (!make_plan ("plan", argv[1], product, target, (const char * const *) options, &cluster,
                  &profile, &plan))
    return EXIT_BAD_INPUT;

  if (json)
    {
      g_autofree char *data = baton_plan_to_json (plan, NULL);
      g_print ("%s", data);
    }
  else
    print_plan_text (plan, profile);

  return EXIT_OK;
}


/* --- simulate and resume ---------------------------------------------------- */

typedef struct
{
  GMainLoop   *loop;
  BatonRunner *runner;
  GCancellable *cancellable;
  gboolean     json;
  gboolean     yes;
  guint        printed;
  gboolean     ok;
  GError      *error;
} Rehearsal;

static void
print_event (Rehearsal  *r,
             BatonEvent *event)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (BATON_TYPE_EVENT_KIND);
  const char *kind = g_enum_get_value (kinds, baton_event_get_kind (event))->value_nick;
  guint64 s = baton_event_get_time (event) / 1000;

  if (r->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) g = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;

      json_builder_begin_object (b);
      if (baton_event_get_step (event))
        {
          json_builder_set_member_name (b, "step");
          json_builder_add_int_value (b, baton_event_get_step (event));
        }
      json_builder_set_member_name (b, "event");
      json_builder_add_string_value (b, kind);
      json_builder_set_member_name (b, "time_ms");
      json_builder_add_int_value (b, (gint64) baton_event_get_time (event));
      if (baton_event_get_subject (event))
        {
          json_builder_set_member_name (b, "subject");
          json_builder_add_string_value (b, baton_event_get_subject (event));
        }
      if (baton_event_get_message (event))
        {
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, baton_event_get_message (event));
        }
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (g, root);
      line = json_generator_to_data (g, NULL);
      g_print ("%s\n", line);
      return;
    }

  g_print ("[%3" G_GUINT64_FORMAT ":%02u:%02u] ", s / 3600, (guint) (s / 60 % 60), (guint) (s % 60));
  if (baton_event_get_step (event) == 0)
    g_print ("%s%s%s\n", baton_event_get_subject (event) ? baton_event_get_subject (event) : "",
             baton_event_get_subject (event) ? ": " : "", baton_event_get_message (event));
  else if (baton_event_get_kind (event) == BATON_EVENT_STARTED)
    g_print (_("step %u started: %s\n"), baton_event_get_step (event), baton_event_get_message (event));
  else if (baton_event_get_kind (event) == BATON_EVENT_FAILED)
    g_print (_("step %u FAILED: %s\n"), baton_event_get_step (event), baton_event_get_message (event));
  else
    g_print (_("step %u %s\n"), baton_event_get_step (event), kind);
}

static void
timeline_changed_cb (GListModel *timeline,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Rehearsal  *r)
{
  for (; r->printed < g_list_model_get_n_items (timeline); r->printed++)
    {
      g_autoptr(BatonEvent) event = g_list_model_get_item (timeline, r->printed);
      print_event (r, event);
    }
}

static void
confirm_cb (BatonRunner *runner,
            BatonStep   *step,
            Rehearsal   *r)
{
  char answer[16] = "";

  if (!isatty (STDIN_FILENO))
    {
      g_set_error (&r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Step %u is manual (%s): confirm it at a terminal, or with --yes"),
                   baton_step_get_id (step), baton_step_get_summary (step));
      g_cancellable_cancel (r->cancellable);
      return;
    }

  g_print (_("Step %u is manual: %s\nDone? [y/N] "), baton_step_get_id (step),
           baton_step_get_summary (step));
  if (fgets (answer, sizeof answer, stdin) != NULL && (answer[0] == 'y' || answer[0] == 'Y'))
    baton_runner_confirm (runner, baton_step_get_id (step));
  else
    {
      g_set_error (&r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Step %u was not confirmed: the run stopped before it"),
                   baton_step_get_id (step));
      g_cancellable_cancel (r->cancellable);
    }
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Rehearsal *r = user_data;
  g_autoptr(GError) error = NULL;

  r->ok = baton_runner_run_finish (BATON_RUNNER (source), result, &error);
  if (!r->ok && r->error == NULL)
    r->error = g_steal_pointer (&error);
  g_main_loop_quit (r->loop);
}

/* Replays the steps a journal records as finished, instantly and without
 * faults, so a resumed simulator starts where the run stopped. */
static int
rehearse (const char          *command,
          const char          *cluster_path,
          const char          *product,
          const char          *target,
          const char * const  *options,
          const char          *faults_path,
          double               speed,
          const char          *journal_path,
          const char          *state_path,
          gboolean             yes,
          gboolean             json)
{
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonProfile) profile = NULL;
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(BatonSimBackend) sim = NULL;
  g_autoptr(BatonJournal) journal = NULL;
  g_autoptr(BatonRunner) runner = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  Rehearsal r = { 0 };

  if (!make_plan (command, cluster_path, product, target, options, &cluster, &profile, &plan))
    return EXIT_BAD_INPUT;

  sim = baton_sim_backend_new (cluster);

  if (journal_path != NULL && g_file_test (journal_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *hash = baton_plan_hash (plan);

      if (!(journal = baton_journal_open (journal_path, &error)))
        {
          g_printerr ("%s\n", error->message);
          return EXIT_BAD_INPUT;
        }
      {
        g_autofree char *data = baton_cluster_to_data (cluster, NULL);
        g_autofree char *cluster_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, data, -1);
        JsonObject *ctx = baton_journal_get_context (journal);
        const char *recorded = ctx ? json_object_get_string_member_with_default (ctx, "cluster_hash",
                                                                                NULL) : NULL;

        if (recorded != NULL && g_strcmp0 (recorded, cluster_hash) != 0)
          {
            g_printerr (_("baton-cli %s: %s: the cluster file changed since the run started: "
                          "nothing was run\n"), command, journal_path);
            return EXIT_BAD_INPUT;
          }
      }
      if (g_strcmp0 (baton_journal_get_plan_hash (journal), hash) != 0)
        {
          g_printerr (_("baton-cli %s: %s records another plan (the cluster file, product, target "
                        "or options differ): nothing was run\n"), command, journal_path);
          return EXIT_BAD_INPUT;
        }
      if (!baton_journal_replay_finished (journal, plan, BATON_BACKEND (sim), &error))
        {
          g_printerr (_("baton-cli %s: cannot restore the simulator from %s: %s\n"), command,
                      journal_path, error->message);
          return EXIT_BAD_INPUT;
        }
    }
  else if (journal_path != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) context = NULL;
      g_autofree char *cluster_abs = g_canonicalize_filename (cluster_path, NULL);
      g_autofree char *faults_abs = faults_path ? g_canonicalize_filename (faults_path, NULL) : NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "cluster_file");
      json_builder_add_string_value (b, cluster_abs);
      json_builder_set_member_name (b, "options");
      json_builder_begin_array (b);
      for (guint i = 0; options && options[i]; i++)
        json_builder_add_string_value (b, options[i]);
      json_builder_end_array (b);
      if (faults_abs)
        {
          json_builder_set_member_name (b, "faults_file");
          json_builder_add_string_value (b, faults_abs);
        }
      json_builder_set_member_name (b, "speed");
      json_builder_add_double_value (b, speed);
      {
        g_autofree char *data = baton_cluster_to_data (cluster, NULL);
        g_autofree char *cluster_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, data, -1);

        json_builder_set_member_name (b, "cluster_hash");
        json_builder_add_string_value (b, cluster_hash);
      }
      json_builder_end_object (b);
      context = json_builder_get_root (b);

      if (!(journal = baton_journal_create (journal_path, plan, "sim:", json_node_get_object (context),
                                            &error)))
        {
          g_printerr ("baton-cli %s: %s\n", command, error->message);
          return EXIT_BAD_INPUT;
        }
    }

  if (faults_path != NULL)
    {
      g_autofree char *data = NULL;
      gsize length;

      if (!g_file_get_contents (faults_path, &data, &length, &error) ||
          !baton_sim_backend_load_faults (sim, data, length, faults_path, &error))
        {
          g_printerr ("baton-cli %s: %s\n", command, error->message);
          return EXIT_BAD_INPUT;
        }
    }

  /* A resumed run: the faults that struck before have struck. */
  for (guint i = 0; journal != NULL && i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);

      for (guint k = baton_journal_get_n_failures (journal, baton_step_get_id (step)); k > 0; k--)
        baton_sim_backend_note_failure (sim, step);
    }

  baton_sim_backend_set_speed (sim, speed);

  runner = baton_runner_new (plan, BATON_BACKEND (sim));
  baton_runner_set_journal (runner, journal);
  baton_runner_set_auto_confirm (runner, yes);

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  r.loop = loop;
  r.runner = runner;
  r.cancellable = cancellable;
  r.json = json;
  r.yes = yes;
  g_signal_connect (baton_runner_get_timeline (runner), "items-changed",
                    G_CALLBACK (timeline_changed_cb), &r);
  g_signal_connect (runner, "confirm", G_CALLBACK (confirm_cb), &r);

  baton_runner_run_async (runner, cancellable, run_cb, &r);
  g_main_loop_run (loop);

  /* The simulated cluster as the run left it, failed or not. */
  if (state_path != NULL &&
      !baton_cluster_save_to_path (baton_backend_get_cluster (BATON_BACKEND (sim)), state_path, &error))
    {
      g_printerr ("baton-cli %s: %s\n", command, error->message);
      g_clear_error (&r.error);
      return EXIT_BAD_INPUT;
    }

  if (!r.ok)
    {
      g_printerr ("baton-cli %s: %s\n", command, r.error->message);
      g_clear_error (&r.error);
      return EXIT_STEP_FAILED;
    }

  if (!json)
    g_print (_("All %u steps finished on the simulator.\n"), baton_plan_get_n_steps (plan));
  return EXIT_OK;
}

static int
cmd_simulate (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *product = NULL;
  g_autofree char *target = NULL;
  g_autofree char *format = NULL;
  g_autofree char *faults = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *state = NULL;
  g_auto(GStrv) options = NULL;
  double speed = 0;
  gboolean yes = FALSE, json;
  const GOptionEntry entries[] = {
    { "product", 'p', 0, G_OPTION_ARG_STRING, &product, N_("Product profile id"), N_("ID") },
    { "target", 't', 0, G_OPTION_ARG_STRING, &target, N_("Target version"), N_("VERSION") },
    { "option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options, N_("A planning option"),
      N_("KEY=VALUE") },
    { "faults", 0, 0, G_OPTION_ARG_FILENAME, &faults, N_("Faults to inject (baton-faults/1)"),
      N_("FAULTS.json") },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed,
      N_("Run the clock at FACTOR times real time (default: instant)"), N_("FACTOR") },
    { "journal", 'j', 0, G_OPTION_ARG_FILENAME, &journal,
      N_("Record the run; an existing journal of the same plan is continued"), N_("FILE") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Confirm manual steps without asking"), NULL },
    { "save-state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      N_("Write the simulated cluster as the run left it (baton-cluster/1)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("simulate", _("CLUSTER.json — rehearse a plan on the simulator"),
                      _("Exit status: 0 every step finished, 1 a step failed (the run "
                        "stopped safely), 2 bad input or a refused plan."),
                      entries, &argc, &argv))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, "simulate", &json))
    return EXIT_BAD_INPUT;
  if (argc != 2)
    {
      g_printerr (_("baton-cli simulate: expected one CLUSTER.json\n"));
      return EXIT_BAD_INPUT;
    }
  if (speed < 0 || !isfinite (speed))
    {
      g_printerr (_("baton-cli simulate: --speed: expected a factor of 0 or more\n"));
      return EXIT_BAD_INPUT;
    }

  return rehearse ("simulate", argv[1], product, target, (const char * const *) options, faults,
                   speed, journal, state, yes, json);
}

static int
cmd_resume (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BatonJournal) journal = NULL;
  g_autofree char *path = NULL;
  g_autofree char *format = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GStrvBuilder) options = g_strv_builder_new ();
  g_auto(GStrv) option_strv = NULL;
  gboolean yes = FALSE, json;
  JsonObject *ctx;
  JsonArray *array;
  const GOptionEntry entries[] = {
    { "journal", 'j', 0, G_OPTION_ARG_FILENAME, &path, N_("The journal of the run"), N_("FILE") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Confirm manual steps without asking"), NULL },
    { "save-state", 0, 0, G_OPTION_ARG_FILENAME, &state,
      N_("Write the simulated cluster as the run left it (baton-cluster/1)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("resume", _("— go on with a run from its journal"),
                      NULL,
                      entries, &argc, &argv))
    return EXIT_BAD_INPUT;
  if (!parse_format (format, "resume", &json))
    return EXIT_BAD_INPUT;
  if (path == NULL)
    {
      g_printerr (_("baton-cli resume: expected --journal FILE\n"));
      return EXIT_BAD_INPUT;
    }

  if (!(journal = baton_journal_open (path, &error)))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_BAD_INPUT;
    }

  if (g_strcmp0 (baton_journal_get_header (journal, "backend"), "sim:") != 0 ||
      !(ctx = baton_journal_get_context (journal)))
    {
      g_printerr (_("baton-cli resume: %s: only simulator runs can be resumed in this version\n"),
                  path);
      return EXIT_BAD_INPUT;
    }

  array = json_object_get_array_member (ctx, "options");
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    g_strv_builder_add (options, json_array_get_string_element (array, i));
  option_strv = g_strv_builder_end (options);

  /* Release the file: rehearse() opens it again to append. */
  {
    g_autofree char *cluster_file = g_strdup (json_object_get_string_member_with_default (ctx, "cluster_file", ""));
    g_autofree char *product = g_strdup (baton_journal_get_header (journal, "product"));
    g_autofree char *target = g_strdup (baton_journal_get_header (journal, "target"));
    g_autofree char *faults = g_strdup (json_object_get_string_member_with_default (ctx, "faults_file", NULL));
    double speed = json_object_get_double_member_with_default (ctx, "speed", 0);

    g_clear_object (&journal);
    return rehearse ("resume", cluster_file, product, target, (const char * const *) option_strv,
                     faults, speed, path, state, yes, json);
  }
}

/* --- export ------------------------------------------------------------------ */

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *product = NULL;
  g_autofree char *target = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *author = NULL;
  g_autofree char *toolchain = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) options = NULL;
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonProfile) profile = NULL;
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(BatonRunbook) runbook = NULL;
  BatonExportFormat format;
  BatonPaper paper = BATON_PAPER_A4;
  const GOptionEntry entries[] = {
    { "product", 'p', 0, G_OPTION_ARG_STRING, &product, N_("Product profile id"), N_("ID") },
    { "target", 't', 0, G_OPTION_ARG_STRING, &target, N_("Target version"), N_("VERSION") },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options,
      N_("A planning option, as for “plan”"), N_("KEY=VALUE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("md, html, pdf, ps1 (Windows clusters) or sh (Pacemaker clusters)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write (“-” for standard output, except pdf)"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_("PDF paper size: a4 or letter"),
      N_("SIZE") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("The runbook's author"), N_("NAME") },
    { "toolchain", 0, 0, G_OPTION_ARG_STRING, &toolchain,
      N_("Commands shown in the runbook: cluster.exe, powershell or pcs"), N_("TOOLCHAIN") },
    { NULL }
  };

  if (!parse_options ("export", _("CLUSTER.json — write the runbook or a script"),
                      _("Writes the plan as a printable runbook (Markdown, HTML or PDF) or as a "
                        "script that carries it out (PowerShell with the FailoverClusters "
                        "cmdlets, or POSIX shell with the Pacemaker tools). An existing FILE is "
                        "replaced only once the new one is complete."),
                      entries, &argc, &argv))
    return EXIT_BAD_INPUT;

  if (argc != 2)
    {
      g_printerr (_("baton-cli export: expected one CLUSTER.json\n"));
      return EXIT_BAD_INPUT;
    }
  if (format_name == NULL || !baton_export_format_from_string (format_name, &format))
    {
      g_printerr (_("baton-cli export: expected --format md, html, pdf, ps1 or sh\n"));
      return EXIT_BAD_INPUT;
    }
  if (output == NULL)
    {
      g_printerr (_("baton-cli export: expected -o FILE\n"));
      return EXIT_BAD_INPUT;
    }
  if (format == BATON_EXPORT_PDF && g_str_equal (output, "-"))
    {
      g_printerr (_("baton-cli export: a PDF needs a file: -o FILE.pdf\n"));
      return EXIT_BAD_INPUT;
    }
  if (paper_name != NULL && !baton_paper_from_string (paper_name, &paper))
    {
      g_printerr (_("baton-cli export: --paper: expected a4 or letter, found “%s”\n"),
                  paper_name);
      return EXIT_BAD_INPUT;
    }
  if (toolchain != NULL && !g_strv_contains ((const char * const[]) { "cluster.exe", "powershell",
                                                                     "pcs", NULL }, toolchain))
    {
      g_printerr (_("baton-cli export: --toolchain: expected cluster.exe, powershell or pcs, "
                    "found “%s”\n"), toolchain);
      return EXIT_BAD_INPUT;
    }

  if (!make_plan ("export", argv[1], product, target, (const char * const *) options, &cluster,
                  &profile, &plan))
    return EXIT_BAD_INPUT;

  switch (format)
    {
    case BATON_EXPORT_POWERSHELL:
    case BATON_EXPORT_SH:
      data = baton_script_generate (format == BATON_EXPORT_SH ? BATON_SCRIPT_SH
                                                               : BATON_SCRIPT_POWERSHELL,
                                    plan, cluster, &error);
      if (data == NULL)
        {
          g_printerr ("baton-cli export: %s\n", error->message);
          return EXIT_BAD_INPUT;
        }
      break;

    case BATON_EXPORT_MARKDOWN:
    case BATON_EXPORT_HTML:
    case BATON_EXPORT_PDF:
    default:
      runbook = baton_runbook_new (cluster, profile, plan);
      if (author != NULL)
        baton_runbook_set_author (runbook, author);
      if (toolchain != NULL)
        baton_runbook_set_toolchain (runbook, toolchain);
      if (format == BATON_EXPORT_PDF)
        {
          guint n_pages = 0;

          /* Atomic: an existing file is only replaced by a complete one. */
          if (!baton_runbook_write_pdf (runbook, output, paper, &n_pages, &error))
            {
              g_printerr ("baton-cli export: %s\n", error->message);
              return EXIT_BAD_INPUT;
            }
          g_printerr (g_dngettext (GETTEXT_PACKAGE, "Wrote %s: %u page\n", "Wrote %s: %u pages\n",
                                   n_pages),
                      output, n_pages);
          return EXIT_OK;
        }
      data = format == BATON_EXPORT_HTML ? baton_runbook_to_html (runbook)
                                         : baton_runbook_to_markdown (runbook);
      break;
    }

  if (g_str_equal (output, "-"))
    {
      fputs (data, stdout);
      return fflush (stdout) == 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }

  if (!baton_write_file_atomic (output, data, strlen (data), &error))
    {
      g_printerr ("baton-cli export: %s\n", error->message);
      return EXIT_BAD_INPUT;
    }
  if (format == BATON_EXPORT_SH || format == BATON_EXPORT_POWERSHELL)
    g_chmod (output, 0755);
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
