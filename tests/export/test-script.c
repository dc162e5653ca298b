/* test-script.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests of the scripts that carry out a plan.  Shell scripts run for real
 * under dash and bash against stub Pacemaker tools (tests/export/stubs/),
 * which log every call as NUL-separated fields: each test compares that
 * log, call by call and byte by byte, with the calls the plan asks for, so
 * a name that is split, re-quoted or executed shows up as a difference.
 * PowerShell cannot run here: its scripts are checked by a small scanner
 * that removes comments and single-quoted strings and then looks at the
 * code that is left (no name, no "$(", balanced brackets, quotes closed).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "baton-catalog.h"
#include "baton-cluster-file.h"
#include "baton-planner.h"
#include "baton-quote.h"
#include "baton-script.h"
#include "planner-util.h"

static BatonCatalog *catalog;

/* Each fixture with the product and target it is made for (tests/plan/test-planner.c). */
static const struct
{
  const char *fixture;
  const char *product;
  const char *target;
} fixture_plans[] = {
  { "nt4-two-node.json", "windows-cluster-sp", "NT4 SP6a" },
  { "exchange55-active-passive.json", "exchange-5.5-sp", "5.5 SP4" },
  { "exchange2000-active-active.json", "exchange-2000-sp", "2000 SP3" },
  { "exchange2003-frontend-backend.json", "exchange-2003-sp", "2003 SP2" },
  { "exchange2007-ccr-scr.json", "exchange-2007-ru", "2007 SP1 RU5" },
  { "iis-two-node.json", "iis-cluster-upgrade", "4.0 SP4" },
  { "pacemaker-three-node.json", "pacemaker-rolling", "2.1.6" },
  /* A paused and a down node: the planner refuses it, and the test says so. */
  { "unknown-members.json", "wsfc-rolling", "2012" },
};

/* The update command of the shell runs: records the machine it ran on. */
#define UPDATE_COMMAND "printf '%s\\n' \"${BATON_STUB_NODE:-local}\" >> \"$BATON_STUB_STATE/updates\""
#define UPDATE_OPTION  "update_command=" UPDATE_COMMAND

/* The names of the adversarial clusters. */
static const char * const adversarial_nodes[] = {
  "$node1", "n2;$(touch y)", "-n3 ‘q’",
};
static const char * const adversarial_groups[] = {
  "Group \"Alpha\"; $(touch x)", "it's $HOME `id`", "back\\slash", "Ünïcödé ✓", "-rf",
};
/* What must never appear outside a quoted literal. */
static const char * const dangerous[] = {
  "$(touch", "`id`", "$HOME", "$node1", "back\\slash", "Ünïcödé", "-rf", "‘q’",
};

/* --- loading and planning -------------------------------------------------------- */

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static BatonCluster *
load_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster = baton_cluster_load_from_data (json, -1, "test.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (cluster);
  return cluster;
}

static BatonCluster *
load_fixture (const char *name)
{
  g_autofree char *json = read_fixture (name);

  return load_json (json);
}

/* A plan, or NULL with @error; @options are "key=value", NULL-terminated. */
static BatonPlan *
try_plan (BatonCluster        *cluster,
          const char          *product,
          const char          *target,
          const char * const  *options,
          GError             **error)
{
  BatonProfile *profile = baton_catalog_lookup (catalog, product);
  g_autoptr(BatonPlanner) planner = NULL;

  g_assert_nonnull (profile);
  planner = baton_planner_new (cluster, profile);
  for (guint i = 0; options != NULL && options[i]; i++)
    {
      g_auto(GStrv) kv = g_strsplit (options[i], "=", 2);
      g_autoptr(GError) option_error = NULL;

      g_assert_cmpuint (g_strv_length (kv), ==, 2);
      baton_planner_set_option (planner, kv[0], kv[1], &option_error);
      g_assert_no_error (option_error);
    }

  return baton_planner_plan (planner, target, error);
}

static BatonPlan *
plan_ok (BatonCluster       *cluster,
         const char         *product,
         const char         *target,
         const char * const *options)
{
  g_autoptr(GError) error = NULL;
  BatonPlan *plan = try_plan (cluster, product, target, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (baton_plan_get_n_steps (plan), >, 0);
  return plan;
}

static char *
generate_ok (BatonScriptKind  kind,
             BatonPlan       *plan,
             BatonCluster    *cluster)
{
  g_autoptr(GError) error = NULL;
  char *script;

  g_assert_true (baton_script_supports (kind, cluster));
  script = baton_script_generate (kind, plan, cluster, &error);
  g_assert_no_error (error);
  g_assert_nonnull (script);
  g_assert_true (g_utf8_validate (script, -1, NULL));
  return script;
}

static guint
count_substr (const char *haystack,
              const char *needle)
{
  guint n = 0;
  gsize len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + len, needle))
    n++;
  return n;
}

/* A cluster with the adversarial names: three nodes; groups spread over them. */
static char *
adversarial_json (const char *platform,
                  const char *family,
                  const char *version)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "baton-cluster/1");
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "adv \"$(touch x)\" it's");
  json_builder_set_member_name (b, "platform");
  json_builder_add_string_value (b, platform);

  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (adversarial_nodes); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, adversarial_nodes[i]);
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, "up");
      json_builder_set_member_name (b, "software");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, family);
      json_builder_add_string_value (b, version);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (adversarial_groups); i++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, adversarial_groups[i]);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, "generic");
      json_builder_set_member_name (b, "owner");
      json_builder_add_string_value (b, adversarial_nodes[i * 2 / G_N_ELEMENTS (adversarial_nodes)
                                                          % G_N_ELEMENTS (adversarial_nodes)]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static BatonCluster *
generate_tricky_pacemaker (void)
{
  PlannerGenSpec spec = { "pacemaker", "pacemaker", "2.1.5", 3, 2, TRUE, FALSE };
  g_autoptr(GRand) rng = g_rand_new_with_seed (g_test_rand_int ());

  return planner_util_generate (&spec, rng);
}

/* --- running a shell script against the stubs --------------------------------------- */

typedef struct
{
  char       *base;        /* temporary: the script, the log, the answers */
  char       *cwd;         /* the script's working directory: must stay empty */
  char       *state;       /* BATON_STUB_STATE */
  char       *log;         /* BATON_STUB_LOG */
  char       *answers;     /* BATON_TTY */
  char       *script;
  char      **env;
  int         exit_code;
  char       *out;
  char       *err;
  GPtrArray  *calls;       /* GStrv per call: tool, arguments; uname left out */
} Run;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
run_clear (Run *run)
{
  if (run->base != NULL)
    remove_tree (run->base);
  g_clear_pointer (&run->base, g_free);
  g_clear_pointer (&run->cwd, g_free);
  g_clear_pointer (&run->state, g_free);
  g_clear_pointer (&run->log, g_free);
  g_clear_pointer (&run->answers, g_free);
  g_clear_pointer (&run->script, g_free);
  g_clear_pointer (&run->env, g_strfreev);
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_clear_pointer (&run->calls, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
stubs_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *env = g_getenv ("BATON_EXPORT_STUBS");

      dir = env != NULL ? g_strdup (env) : g_test_build_filename (G_TEST_DIST, "export", "stubs",
                                                                   NULL);
    }
  return dir;
}

/* Writes @script and @answers (what the terminal would type) into a fresh
 * directory and prepares the environment: stubs first on PATH. */
static void
run_init (Run        *run,
          const char *script,
          const char *answers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  static const char * const unset[] = {
    "BATON_YES", "BATON_FROM", "BATON_SSH", "BATON_STUB_FAIL", "BATON_STUB_WRONG_OWNER",
    "BATON_STUB_VERSION", "BATON_STUB_LOCAL", "BATON_STUB_NODE", "CDPATH", "ENV",
  };

  memset (run, 0, sizeof *run);
  run->base = g_dir_make_tmp ("baton-script-XXXXXX", &error);
  g_assert_no_error (error);
  run->cwd = g_build_filename (run->base, "cwd", NULL);
  run->state = g_build_filename (run->base, "state", NULL);
  run->log = g_build_filename (run->base, "calls.log", NULL);
  run->answers = g_build_filename (run->base, "answers", NULL);
  run->script = g_build_filename (run->base, "upgrade.sh", NULL);
  g_assert_cmpint (g_mkdir (run->cwd, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (run->state, 0700), ==, 0);
  g_file_set_contents (run->script, script, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (run->answers, answers, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (run->log, "", 0, &error);
  g_assert_no_error (error);

  run->env = g_get_environ ();
  for (guint i = 0; i < G_N_ELEMENTS (unset); i++)
    run->env = g_environ_unsetenv (run->env, unset[i]);
  path = g_strdup_printf ("%s:%s", stubs_dir (),
                          g_environ_getenv (run->env, "PATH") != NULL
                            ? g_environ_getenv (run->env, "PATH") : "/usr/bin:/bin");
  run->env = g_environ_setenv (run->env, "PATH", path, TRUE);
  run->env = g_environ_setenv (run->env, "BATON_STUB_LOG", run->log, TRUE);
  run->env = g_environ_setenv (run->env, "BATON_STUB_STATE", run->state, TRUE);
  run->env = g_environ_setenv (run->env, "BATON_TTY", run->answers, TRUE);
}

static void
run_setenv (Run        *run,
            const char *name,
            const char *value)
{
  run->env = g_environ_setenv (run->env, name, value, TRUE);
}

/* The log: records of NUL-terminated fields "argc", tool, arguments. */
static GPtrArray *
parse_log (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gsize length, pos = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  while (pos < length)
    {
      guint64 argc;
      GPtrArray *argv = g_ptr_array_new ();
      char *end;

      argc = g_ascii_strtoull (data + pos, &end, 10);
      g_assert_true (*end == '\0');
      pos += strlen (data + pos) + 1;
      for (guint64 i = 0; i < argc + 1; i++)
        {
          g_assert_cmpuint (pos, <, length);
          g_ptr_array_add (argv, g_strdup (data + pos));
          pos += strlen (data + pos) + 1;
        }
      g_ptr_array_add (argv, NULL);

      if (g_str_equal (g_ptr_array_index (argv, 0), "uname"))
        g_strfreev ((char **) g_ptr_array_free (argv, FALSE));
      else
        g_ptr_array_add (calls, g_ptr_array_free (argv, FALSE));
    }

  return calls;
}

/* Runs the script with @shell ("sh", "bash", …) and @args; returns its exit code. */
static int
run_script (Run                *run,
            const char         *shell,
            const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *) shell);
  g_ptr_array_add (argv, run->script);
  for (guint i = 0; args != NULL && args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_spawn_sync (run->cwd, (char **) argv->pdata, run->env,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_spawn_check_wait_status (wait_status, &error))
    run->exit_code = 0;
  else if (error->domain == G_SPAWN_EXIT_ERROR)
    run->exit_code = error->code;
  else
    g_error ("%s %s: %s\n%s", shell, run->script, error->message, run->err);

  g_clear_pointer (&run->calls, g_ptr_array_unref);
  run->calls = parse_log (run->log);
  g_test_message ("%s exited with %d; stderr:\n%s", shell, run->exit_code, run->err);
  return run->exit_code;
}

static void
assert_cwd_empty (Run *run)
{
  g_autoptr(GDir) dir = g_dir_open (run->cwd, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  name = g_dir_read_name (dir);
  if (name != NULL)
    g_error ("the script created “%s” in its working directory", name);
}

static char *
read_state (Run        *run,
            const char *name)
{
  g_autofree char *path = g_build_filename (run->state, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

/* The available shells among @names. */
static GPtrArray *
find_shells (const char * const *names)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i]; i++)
    {
      char *path = g_find_program_in_path (names[i]);

      if (path != NULL)
        g_ptr_array_add (found, path);
      else
        g_test_message ("%s not found: not tested with it", names[i]);
    }
  return found;
}

/* --- the calls a plan asks for -------------------------------------------------- */

static void
add_call_v (GPtrArray  *calls,
            const char *first,
            va_list     ap)
{
  GPtrArray *argv = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  g_ptr_array_add (calls, g_ptr_array_free (argv, FALSE));
}

static void add_call (GPtrArray *calls, ...) G_GNUC_NULL_TERMINATED;

static void
add_call (GPtrArray *calls,
          ...)
{
  va_list ap;
  const char *first;

  va_start (ap, calls);
  first = va_arg (ap, const char *);
  add_call_v (calls, first, ap);
  va_end (ap);
}

/* A command on @node: directly when @node is @local, else through the ssh
 * stub, which logs itself and then runs the command (which logs too). */
static void add_on_node (GPtrArray *calls, const char *local, const char *node,
                         ...) G_GNUC_NULL_TERMINATED;

static void
add_on_node (GPtrArray  *calls,
             const char *local,
             const char *node,
             ...)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  va_list ap;

  va_start (ap, node);
  for (const char *w = va_arg (ap, const char *); w != NULL; w = va_arg (ap, const char *))
    g_ptr_array_add (words, (char *) w);
  va_end (ap);

  if (g_strcmp0 (node, local) != 0)
    {
      GPtrArray *ssh = g_ptr_array_new ();

      g_ptr_array_add (ssh, g_strdup ("ssh"));
      g_ptr_array_add (ssh, g_strdup ("--"));
      g_ptr_array_add (ssh, g_strdup (node));
      for (guint i = 0; i < words->len; i++)
        g_ptr_array_add (ssh, g_strdup (g_ptr_array_index (words, i)));
      g_ptr_array_add (ssh, NULL);
      g_ptr_array_add (calls, g_ptr_array_free (ssh, FALSE));
    }

  {
    GPtrArray *direct = g_ptr_array_new ();

    for (guint i = 0; i < words->len; i++)
      g_ptr_array_add (direct, g_strdup (g_ptr_array_index (words, i)));
    g_ptr_array_add (direct, NULL);
    g_ptr_array_add (calls, g_ptr_array_free (direct, FALSE));
  }
}

/* The boot id, read over ssh: the ssh stub answers it itself. */
static void
add_boot_id (GPtrArray  *calls,
             const char *node)
{
  add_call (calls, "ssh", "--", node, "cat", "/proc/sys/kernel/random/boot_id", NULL);
}

/* Independent of the generator: which steps a person does in a shell script. */
static gboolean
sh_step_is_manual (BatonStep *step)
{
  BatonAction action = baton_step_get_action (step);

  if (action == BATON_ACTION_CHECK_EVENT_LOG)
    return baton_step_get_node (step) == NULL;
  if (baton_step_get_manual (step))
    return TRUE;
  switch (action)
    {
    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
    case BATON_ACTION_MANUAL:
    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      return TRUE;
    case BATON_ACTION_INSTALL_UPDATE:
      return baton_step_get_command (step, "pcs") == NULL ||
             *baton_step_get_command (step, "pcs") == '\0';
    case BATON_ACTION_TAKE_OFFLINE:
    case BATON_ACTION_BRING_ONLINE:
      return baton_step_get_group (step) == NULL;
    case BATON_ACTION_CHECK_EVENT_LOG:
    case BATON_ACTION_PAUSE_NODE:
    case BATON_ACTION_RESUME_NODE:
    case BATON_ACTION_MOVE_GROUP:
    case BATON_ACTION_STOP_CLUSTER_SERVICE:
    case BATON_ACTION_START_CLUSTER_SERVICE:
    case BATON_ACTION_RESTART_NODE:
    case BATON_ACTION_WAIT_HEALTHY:
    default:
      return FALSE;
    }
}

/* The Pacemaker tool calls of the steps at positions [@first, @last] of
 * @plan, with every name exactly as the plan has it, when this machine is
 * @local.  (ENGINES.md; names go as --option=NAME so that a leading "-"
 * stays part of the name.) */
static GPtrArray *
expected_calls (BatonPlan    *plan,
                BatonCluster *cluster,
                const char   *local,
                guint         first,
                guint         last)
{
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GHashTable) stopped = g_hash_table_new (g_str_hash, g_str_equal);

  /* Nodes whose cluster services the plan stopped before @first. */
  for (guint i = 0; i < first && i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);

      if (baton_step_get_action (step) == BATON_ACTION_STOP_CLUSTER_SERVICE)
        g_hash_table_add (stopped, (char *) baton_step_get_node (step));
      else if (baton_step_get_action (step) == BATON_ACTION_START_CLUSTER_SERVICE)
        g_hash_table_remove (stopped, baton_step_get_node (step));
    }

  for (guint i = first; i <= last && i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);
      const char *node = baton_step_get_node (step);
      const char *group = baton_step_get_group (step);
      g_autofree char *node_opt = g_strdup_printf ("--node=%s", node ? node : "");
      g_autofree char *rsc_opt = g_strdup_printf ("--resource=%s", group ? group : "");

      if (sh_step_is_manual (step))
        continue;

      switch (baton_step_get_action (step))
        {
        case BATON_ACTION_PAUSE_NODE:
        case BATON_ACTION_RESUME_NODE:
          add_call (calls, "crm_attribute", node_opt, "--name=standby",
                    baton_step_get_action (step) == BATON_ACTION_PAUSE_NODE ? "--update=on"
                                                                            : "--update=off",
                    "--lifetime=forever", NULL);
          add_call (calls, "crm_attribute", node_opt, "--name=standby", "--query", "--quiet", NULL);
          break;

        case BATON_ACTION_MOVE_GROUP:
          add_call (calls, "crm_resource", rsc_opt, "--move", node_opt, NULL);
          add_call (calls, "crm_resource", "--wait", "--timeout=300", NULL);
          add_call (calls, "crm_resource", rsc_opt, "--locate", NULL);
          add_call (calls, "crm_resource", rsc_opt, "--clear", NULL);
          break;

        case BATON_ACTION_STOP_CLUSTER_SERVICE:
          add_on_node (calls, local, node, "systemctl", "stop", "pacemaker", NULL);
          add_on_node (calls, local, node, "systemctl", "stop", "corosync", NULL);
          add_on_node (calls, local, node, "systemctl", "is-active", "pacemaker", NULL);
          add_on_node (calls, local, node, "systemctl", "is-active", "corosync", NULL);
          g_hash_table_add (stopped, (char *) node);
          break;

        case BATON_ACTION_START_CLUSTER_SERVICE:
          add_on_node (calls, local, node, "systemctl", "start", "corosync", NULL);
          add_on_node (calls, local, node, "systemctl", "start", "pacemaker", NULL);
          add_on_node (calls, local, node, "systemctl", "is-active", "corosync", NULL);
          add_on_node (calls, local, node, "systemctl", "is-active", "pacemaker", NULL);
          g_hash_table_remove (stopped, node);
          break;

        case BATON_ACTION_INSTALL_UPDATE:
          /* The command itself is the administrator's: only ssh logs it. */
          if (g_strcmp0 (node, local) != 0)
            add_call (calls, "ssh", "--", node, baton_step_get_command (step, "pcs"), NULL);
          if (g_strcmp0 (baton_step_get_family (step), "pacemaker") == 0)
            add_on_node (calls, local, node, "pacemakerd", "--version", NULL);
          break;

        case BATON_ACTION_CHECK_EVENT_LOG:
          add_on_node (calls, local, node, "journalctl", "--unit", "pacemaker", "--unit",
                       "corosync", "--since", "-1h", "--priority", "warning", "--no-pager", NULL);
          break;

        case BATON_ACTION_WAIT_HEALTHY:
          add_call (calls, "crm_resource", "--wait", "--timeout=300", NULL);
          if (node != NULL && baton_cluster_lookup_node (cluster, node) != NULL)
            add_call (calls, "crm_mon", "-1", "--output-as=xml", node_opt, NULL);
          break;

        case BATON_ACTION_TAKE_OFFLINE:
        case BATON_ACTION_BRING_ONLINE:
          add_call (calls, "crm_resource", rsc_opt, "--set-parameter=target-role", "--meta",
                    baton_step_get_action (step) == BATON_ACTION_TAKE_OFFLINE
                      ? "--parameter-value=Stopped" : "--parameter-value=Started", NULL);
          add_call (calls, "crm_resource", "--wait", "--timeout=300", NULL);
          add_call (calls, "crm_resource", rsc_opt, "--locate", NULL);
          break;

        case BATON_ACTION_RESTART_NODE:
          add_boot_id (calls, node);
          add_call (calls, "crm_mon", "-1", "--output-as=xml", node_opt, NULL);
          add_on_node (calls, local, node, "systemctl", "reboot", NULL);
          add_boot_id (calls, node);
          /* A member before the restart must rejoin; a stopped node need not. */
          if (!g_hash_table_contains (stopped, node))
            add_call (calls, "crm_mon", "-1", "--output-as=xml", node_opt, NULL);
          break;

        case BATON_ACTION_CONFIRM_BACKUP:
        case BATON_ACTION_SET_POSSIBLE_OWNERS:
        case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
        case BATON_ACTION_MANUAL:
        default:
          g_assert_not_reached ();
        }
    }

  return calls;
}

static char *
format_call (char **call)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; call[i]; i++)
    g_string_append_printf (s, "%s⟨%s⟩", i > 0 ? " " : "", call[i]);
  return g_string_free (s, FALSE);
}

/* Every call as expected, in order, byte for byte. */
static void
assert_calls (GPtrArray *got,
              GPtrArray *want)
{
  for (guint i = 0; i < MIN (got->len, want->len); i++)
    {
      g_autofree char *g = format_call (g_ptr_array_index (got, i));
      g_autofree char *w = format_call (g_ptr_array_index (want, i));

      if (!g_strv_equal ((const char * const *) g_ptr_array_index (got, i),
                         (const char * const *) g_ptr_array_index (want, i)))
        g_test_message ("call %u differs", i);
      g_assert_cmpstr (g, ==, w);
    }

  if (got->len != want->len)
    {
      g_autofree char *extra = format_call (g_ptr_array_index (got->len > want->len ? got : want,
                                                               MIN (got->len, want->len)));

      g_test_message ("%s call: %s", got->len > want->len ? "unexpected" : "missing", extra);
    }
  g_assert_cmpuint (got->len, ==, want->len);
}

static guint
count_steps (BatonPlan   *plan,
             BatonAction  action)
{
  guint n = 0;

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    n += baton_step_get_action (baton_plan_get_step (plan, i)) == action;
  return n;
}

/* "done" for every manual step (and a few more). */
static char *
all_done (BatonPlan *plan)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < baton_plan_get_n_steps (plan) + 2; i++)
    g_string_append (s, "done\n");
  return g_string_free (s, FALSE);
}

/* The nodes the update command ran on, as it recorded them. */
static char *
expected_updates (BatonPlan  *plan,
                  const char *local)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);

      if (baton_step_get_action (step) == BATON_ACTION_INSTALL_UPDATE && !sh_step_is_manual (step))
        g_string_append_printf (s, "%s\n", g_strcmp0 (baton_step_get_node (step), local) == 0
                                             ? "local" : baton_step_get_node (step));
    }
  return g_string_free (s, FALSE);
}

/* Runs the whole plan with -y under every shell and checks every call. */
static void
check_full_run (BatonPlan    *plan,
                BatonCluster *cluster,
                const char   *local)
{
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  g_autofree char *answers = all_done (plan);
  g_autofree char *updates = expected_updates (plan, local ? local : "baton-stub-local");
  g_autoptr(GPtrArray) shells = find_shells ((const char *[]) { "sh", "bash", NULL });
  g_autoptr(GPtrArray) want = expected_calls (plan, cluster, local ? local : "baton-stub-local",
                                              0, G_MAXUINT);

  g_assert_cmpuint (shells->len, >, 0);
  for (guint s = 0; s < shells->len; s++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *recorded = NULL;
      guint n_pauses = 0;

      run_init (&run, script, answers);
      if (local != NULL)
        run_setenv (&run, "BATON_STUB_LOCAL", local);

      g_assert_cmpint (run_script (&run, g_ptr_array_index (shells, s),
                                   (const char *[]) { "-y", NULL }), ==, 0);
      assert_calls (run.calls, want);
      assert_cwd_empty (&run);
      g_assert_nonnull (strstr (run.out, "Finished: all"));

      recorded = read_state (&run, "updates");
      g_assert_cmpstr (recorded, ==, updates);

      /* One standby per pause step. */
      for (guint i = 0; i < run.calls->len; i++)
        {
          const char * const *c = g_ptr_array_index (run.calls, i);

          if (g_str_equal (c[0], "crm_attribute") && g_strv_contains (c, "--update=on"))
            n_pauses++;
        }
      g_assert_cmpuint (n_pauses, ==, count_steps (plan, BATON_ACTION_PAUSE_NODE));
    }
}

/* --- scanning PowerShell ------------------------------------------------------------ */

static gboolean
is_ps_quote (gunichar c)
{
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B;
}

/* Splits a PowerShell script into its code (comments dropped, each
 * single-quoted string replaced by '') and the values of its single-quoted
 * strings.  FALSE when a string or comment is not closed. */
static gboolean
ps_scan (const char *text,
         GString    *code,
         GPtrArray  *strings)
{
  const char *p = text;

  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;

  while (*p)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '#')
        {
          const char *eol = strchr (p, '\n');

          if (p > text && p[-1] == '<')
            return FALSE;   /* block comments: not expected */
          p = eol != NULL ? eol : p + strlen (p);
          continue;
        }

      if (is_ps_quote (c))
        {
          GString *value = g_string_new (NULL);
          gboolean closed = FALSE;

          p = g_utf8_next_char (p);
          while (*p)
            {
              gunichar d = g_utf8_get_char (p);
              const char *next = g_utf8_next_char (p);

              if (is_ps_quote (d) && *next && is_ps_quote (g_utf8_get_char (next)))
                {
                  g_string_append_len (value, p, next - p);
                  p = g_utf8_next_char (next);
                  continue;
                }
              if (is_ps_quote (d))
                {
                  closed = TRUE;
                  p = next;
                  break;
                }
              g_string_append_len (value, p, next - p);
              p = next;
            }

          g_ptr_array_add (strings, g_string_free (value, FALSE));
          if (!closed)
            return FALSE;
          g_string_append (code, "''");
          continue;
        }

      g_string_append_unichar (code, c);
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *value)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), value))
      return TRUE;
  return FALSE;
}

/* The structure every PowerShell script keeps; names only in literals. */
static void
check_powershell (const char         *script,
                  BatonPlan          *plan,
                  BatonCluster       *cluster,
                  const char * const *names)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cluster_param = NULL;
  g_autofree char *quoted_cluster = baton_quote_powershell (baton_cluster_get_name (cluster));

  g_assert_true (g_str_has_prefix (script, "\xEF\xBB\xBF#Requires -Modules FailoverClusters\n"));
  g_assert_true (ps_scan (script, code, strings));

  g_assert_nonnull (strstr (code->str, "\nparam(\n  [switch]$Yes,"));
  cluster_param = g_strdup_printf ("[string]$Cluster = %s\n", quoted_cluster);
  g_assert_nonnull (strstr (script, cluster_param));
  g_assert_nonnull (strstr (code->str, "\nSet-StrictMode -Version 3\n"));
  g_assert_nonnull (strstr (code->str, "\n$ErrorActionPreference = ''\n"));
  g_assert_nonnull (strstr (script, "$ErrorActionPreference = 'Stop'\n"));
  g_assert_true (strings_contain (strings, baton_cluster_get_name (cluster)));

  /* No double-quoted strings or escapes in the code: nothing expands a name. */
  g_assert_null (strchr (code->str, '"'));
  g_assert_null (strchr (code->str, '`'));
  g_assert_null (strstr (code->str, "@\""));

  /* Brackets balance once strings and comments are out. */
  g_assert_cmpuint (count_substr (code->str, "{"), ==, count_substr (code->str, "}"));
  g_assert_cmpuint (count_substr (code->str, "("), ==, count_substr (code->str, ")"));
  g_assert_cmpuint (count_substr (code->str, "["), ==, count_substr (code->str, "]"));

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);
      const char *node = baton_step_get_node (step);
      const char *group = baton_step_get_group (step);

      BatonAction action = baton_step_get_action (step);

      g_assert_true (strings_contain (strings, baton_step_get_summary (step)));
      if (baton_step_get_manual (step) && action != BATON_ACTION_CHECK_EVENT_LOG)
        continue;

      /* Names an automated step acts on are whole literals of their own. */
      if (node != NULL &&
          (action == BATON_ACTION_PAUSE_NODE || action == BATON_ACTION_RESUME_NODE ||
           action == BATON_ACTION_MOVE_GROUP || action == BATON_ACTION_STOP_CLUSTER_SERVICE ||
           action == BATON_ACTION_START_CLUSTER_SERVICE || action == BATON_ACTION_CHECK_EVENT_LOG))
        g_assert_true (strings_contain (strings, node));
      if (group != NULL &&
          (action == BATON_ACTION_MOVE_GROUP || action == BATON_ACTION_TAKE_OFFLINE ||
           action == BATON_ACTION_BRING_ONLINE || action == BATON_ACTION_SET_POSSIBLE_OWNERS))
        g_assert_true (strings_contain (strings, group));
    }

  for (guint i = 0; names != NULL && names[i]; i++)
    {
      g_autofree char *quoted = baton_quote_powershell (names[i]);

      g_assert_nonnull (strstr (script, quoted));
      g_assert_null (strstr (code->str, names[i]));
    }
  for (guint i = 0; names != NULL && i < G_N_ELEMENTS (dangerous); i++)
    g_assert_null (strstr (code->str, dangerous[i]));
}

/* --- tests ------------------------------------------------------------------------ */

/* Every fixture: the script that fits it, the one that does not, every step once. */
static void
test_fixtures (void)
{
  guint n_planned = 0;

  for (guint f = 0; f < G_N_ELEMENTS (fixture_plans); f++)
    {
      g_autoptr(BatonCluster) cluster = load_fixture (fixture_plans[f].fixture);
      g_autoptr(GError) plan_error = NULL;
      g_autoptr(BatonPlan) plan = try_plan (cluster, fixture_plans[f].product,
                                            fixture_plans[f].target, NULL, &plan_error);
      gboolean pacemaker = baton_cluster_get_platform (cluster) == BATON_PLATFORM_PACEMAKER;
      BatonScriptKind fits = pacemaker ? BATON_SCRIPT_SH : BATON_SCRIPT_POWERSHELL;
      BatonScriptKind other = pacemaker ? BATON_SCRIPT_POWERSHELL : BATON_SCRIPT_SH;
      g_autoptr(GError) error = NULL;
      g_autofree char *script = NULL;
      g_autofree char *again = NULL;
      g_autofree char *refused = NULL;
      guint n;

      if (plan == NULL)
        {
          g_assert_cmpstr (fixture_plans[f].fixture, ==, "unknown-members.json");
          g_test_message ("%s: no plan (%s)", fixture_plans[f].fixture, plan_error->message);
          continue;
        }
      n_planned++;
      n = baton_plan_get_n_steps (plan);

      g_assert_true (baton_script_supports (fits, cluster));
      g_assert_false (baton_script_supports (other, cluster));

      refused = baton_script_generate (other, plan, cluster, &error);
      g_assert_null (refused);
      g_assert_error (error, BATON_EXPORT_ERROR, BATON_EXPORT_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, baton_cluster_get_name (cluster)));
      g_assert_nonnull (strstr (error->message, pacemaker ? "(sh)" : "(ps1)"));
      g_assert_nonnull (strstr (error->message, pacemaker ? "shell script" : "PowerShell"));

      script = generate_ok (fits, plan, cluster);
      again = generate_ok (fits, plan, cluster);
      g_assert_cmpstr (script, ==, again);   /* deterministic: no date */

      for (guint i = 0; i < n; i++)
        {
          BatonStep *step = baton_plan_get_step (plan, i);
          g_autofree char *block = g_strdup_printf ("\n# Step %u of %u (", i + 1, n);
          g_autofree char *summary = pacemaker ? baton_quote_sh (baton_step_get_summary (step))
                                               : baton_quote_powershell (
                                                   baton_step_get_summary (step));

          g_assert_cmpuint (count_substr (script, block), ==, 1);
          g_assert_nonnull (strstr (script, summary));
        }
      g_assert_cmpuint (count_substr (script, "\n# Step "), ==, n);
      if (pacemaker)
        g_assert_cmpuint (count_substr (script, "\nif begin_step "), ==, n);
      else
        g_assert_cmpuint (count_substr (script, "\nif ((Enter-BatonStep -Number "), ==, n);

      /* The header says what the script is for. */
      g_assert_nonnull (strstr (script, "Generated by Baton"));
      g_assert_nonnull (strstr (script, baton_plan_get_product (plan)));
      g_assert_nonnull (strstr (script, baton_plan_get_target (plan)));
      g_assert_nonnull (strstr (script, pacemaker ? "-y, --yes" : "-Yes"));
      g_assert_nonnull (strstr (script, "ALWAYS wait"));
      g_assert_nonnull (strstr (script, "stops at the first error"));
      {
        g_autofree char *steps = g_strdup_printf ("Steps:    %u\n", n);
        g_assert_nonnull (strstr (script, steps));
      }

      if (pacemaker)
        {
          g_assert_true (g_str_has_prefix (script, "#!/bin/sh\n"));
          g_assert_nonnull (strstr (script, "\nset -eu\n"));
        }
      else
        {
          gboolean old = baton_cluster_get_platform (cluster) <= BATON_PLATFORM_WINDOWS_2003;

          check_powershell (script, plan, cluster, NULL);
          g_assert_nonnull (strstr (script, "Windows Server 2008 R2 or later"));
          g_assert_true ((strstr (script, "cluster.exe commands of the runbook") != NULL) ==
                         (old || baton_cluster_get_platform (cluster) ==
                                   BATON_PLATFORM_WINDOWS_2008));
        }
    }

  g_assert_cmpuint (n_planned, ==, G_N_ELEMENTS (fixture_plans) - 1);
}

/* bash -n and dash -n on every kind of shell script this file makes. */
static void
test_sh_syntax (void)
{
  g_autoptr(GPtrArray) shells = find_shells ((const char *[]) { "bash", "dash", NULL });
  g_autoptr(BatonCluster) fixture = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonCluster) tricky = generate_tricky_pacemaker ();
  g_autofree char *json = adversarial_json ("pacemaker", "pacemaker", "2.1.5");
  g_autoptr(BatonCluster) adversarial = load_json (json);
  BatonCluster *clusters[] = { fixture, tricky, adversarial };

  if (shells->len == 0)
    {
      g_test_skip ("neither bash nor dash is installed");
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (clusters); c++)
    {
      g_autoptr(BatonPlan) plan = plan_ok (clusters[c], "pacemaker-rolling", "2.1.6",
                                           (const char *[]) { UPDATE_OPTION, NULL });
      g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, clusters[c]);
      g_autofree char *path = NULL;
      g_autoptr(GError) error = NULL;
      int fd = g_file_open_tmp ("baton-script-XXXXXX.sh", &path, &error);

      g_assert_no_error (error);
      g_close (fd, NULL);
      g_file_set_contents (path, script, -1, &error);
      g_assert_no_error (error);

      for (guint s = 0; s < shells->len; s++)
        {
          const char *argv[] = { g_ptr_array_index (shells, s), "-n", path, NULL };
          g_autofree char *err = NULL;
          int status;

          g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                        &err, &status, &error);
          g_assert_no_error (error);
          if (!g_spawn_check_wait_status (status, &error))
            g_error ("%s -n: %s", argv[0], err);
          g_assert_cmpstr (err, ==, "");
        }

      g_unlink (path);
    }
}

/* The fixture's plan against the stubs; node2 is this machine. */
static void
test_sh_run_fixture (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });

  check_full_run (plan, cluster, "node2");
  check_full_run (plan, cluster, NULL);
}

/* The planner's tricky names: quotes, "$", backticks, backslashes, non-ASCII. */
static void
test_sh_run_tricky (void)
{
  g_autoptr(BatonCluster) cluster = generate_tricky_pacemaker ();
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });

  check_full_run (plan, cluster, NULL);
}

/* Names made to break quoting, including a group called "-rf". */
static void
test_sh_run_adversarial (void)
{
  g_autofree char *json = adversarial_json ("pacemaker", "pacemaker", "2.1.5");
  g_autoptr(BatonCluster) cluster = load_json (json);
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);

  /* Every group moves somewhere in the plan, so every name reaches a tool. */
  for (guint i = 0; i < G_N_ELEMENTS (adversarial_groups); i++)
    {
      g_autofree char *quoted = baton_quote_sh (adversarial_groups[i]);
      g_assert_nonnull (strstr (script, quoted));
    }

  check_full_run (plan, cluster, NULL);
  check_full_run (plan, cluster, adversarial_nodes[1]);
}

/* PowerShell: names only ever in single-quoted literals. */
static void
test_ps1_adversarial (void)
{
  g_autofree char *json = adversarial_json ("wsfc", "windows", "2019");
  g_autoptr(BatonCluster) wsfc = load_json (json);
  g_autoptr(BatonPlan) wsfc_plan = plan_ok (wsfc, "wsfc-rolling", "2022", NULL);
  g_autofree char *wsfc_script = generate_ok (BATON_SCRIPT_POWERSHELL, wsfc_plan, wsfc);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *fixture = read_fixture ("exchange2003-frontend-backend.json");
  static const char * const renames[][2] = {
    { "Cluster Node 1", "Node \\\"A\\\"; $(touch x)" },
    { "Cluster Node 2", "-n3 ‘q’" },
    { "Exchange Virtual Server 1", "it's $HOME `id`" },
    { "OWA-FE1", "back\\\\slash Ünïcödé ✓" },
    { "EXCLUSTER", "adv \\\"$(touch x)\\\" it's" },
  };
  static const char * const renamed[] = {
    "Node \"A\"; $(touch x)", "-n3 ‘q’", "it's $HOME `id`", "back\\slash Ünïcödé ✓",
    "adv \"$(touch x)\" it's", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (adversarial_nodes); i++)
    g_ptr_array_add (names, (char *) adversarial_nodes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (adversarial_groups); i++)
    g_ptr_array_add (names, (char *) adversarial_groups[i]);
  g_ptr_array_add (names, NULL);
  check_powershell (wsfc_script, wsfc_plan, wsfc, (const char * const *) names->pdata);

  /* The Exchange 2003 fixture with its names replaced in the JSON text. */
  for (guint i = 0; i < G_N_ELEMENTS (renames); i++)
    {
      g_auto(GStrv) parts = g_strsplit (fixture, renames[i][0], -1);

      g_assert_cmpuint (g_strv_length (parts), >, 1);
      g_free (fixture);
      fixture = g_strjoinv (renames[i][1], parts);
    }

  {
    g_autoptr(BatonCluster) exchange = load_json (fixture);
    g_autoptr(BatonPlan) plan = plan_ok (exchange, "exchange-2003-sp", "2003 SP2", NULL);
    g_autofree char *script = generate_ok (BATON_SCRIPT_POWERSHELL, plan, exchange);

    check_powershell (script, plan, exchange, renamed);
  }
}

/* A tool that fails stops the script at that step: no later call. */
static void
test_sh_fail_command (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  g_autofree char *answers = all_done (plan);
  g_autoptr(GPtrArray) want = NULL;
  g_auto(Run) run = { 0 };
  guint move = G_MAXUINT;
  g_autofree char *where = NULL;

  for (guint i = 0; i < baton_plan_get_n_steps (plan) && move == G_MAXUINT; i++)
    if (baton_step_get_action (baton_plan_get_step (plan, i)) == BATON_ACTION_MOVE_GROUP)
      move = i;
  g_assert_cmpuint (move, <, G_MAXUINT);

  /* Everything before the first move, then the move that fails, then nothing. */
  want = expected_calls (plan, cluster, "baton-stub-local", 0, move - 1);
  {
    BatonStep *step = baton_plan_get_step (plan, move);
    g_autofree char *rsc = g_strdup_printf ("--resource=%s", baton_step_get_group (step));
    g_autofree char *node = g_strdup_printf ("--node=%s", baton_step_get_node (step));

    add_call (want, "crm_resource", rsc, "--move", node, NULL);
  }

  run_init (&run, script, answers);
  run_setenv (&run, "BATON_STUB_FAIL", "crm_resource:--move");
  g_assert_cmpint (run_script (&run, "sh", (const char *[]) { "-y", NULL }), ==, 1);
  assert_calls (run.calls, want);

  where = g_strdup_printf ("step %u of %u", move + 1, baton_plan_get_n_steps (plan));
  g_assert_nonnull (strstr (run.err, where));
  g_assert_nonnull (strstr (run.err, "crm_resource failed"));
  g_assert_null (strstr (run.out, "Finished"));
  assert_cwd_empty (&run);
}

/* A state that is not reached (the group is elsewhere) stops the script too. */
static void
test_sh_fail_check (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  g_autofree char *answers = all_done (plan);
  guint move = G_MAXUINT, install = G_MAXUINT;

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonAction action = baton_step_get_action (baton_plan_get_step (plan, i));

      if (action == BATON_ACTION_MOVE_GROUP && move == G_MAXUINT)
        move = i;
      if (action == BATON_ACTION_INSTALL_UPDATE && install == G_MAXUINT)
        install = i;
    }
  g_assert_cmpuint (move, <, G_MAXUINT);
  g_assert_cmpuint (install, <, G_MAXUINT);

  /* Wrong owner: the move's check fails, its constraint is not cleared. */
  {
    g_autoptr(GPtrArray) want = expected_calls (plan, cluster, "baton-stub-local", 0, move);
    g_autofree char *where = g_strdup_printf ("ERROR: step %u of %u: ", move + 1,
                                              baton_plan_get_n_steps (plan));
    g_autofree char *resume = g_strdup_printf ("--from %u\n", move + 1);
    g_auto(Run) run = { 0 };

    g_ptr_array_remove_index (want, want->len - 1);   /* no --clear */
    run_init (&run, script, answers);
    run_setenv (&run, "BATON_STUB_WRONG_OWNER", "1");
    g_assert_cmpint (run_script (&run, "sh", (const char *[]) { "-y", NULL }), ==, 1);
    assert_calls (run.calls, want);
    g_assert_nonnull (strstr (run.err, where));
    g_assert_nonnull (strstr (run.err, "does not run on"));
    g_assert_nonnull (strstr (run.err, resume));
  }

  /* The update ran but the node does not run the target version. */
  {
    g_autoptr(GPtrArray) want = expected_calls (plan, cluster, "baton-stub-local", 0, install);
    g_autofree char *where = g_strdup_printf ("ERROR: step %u of %u: ", install + 1,
                                              baton_plan_get_n_steps (plan));
    g_auto(Run) run = { 0 };

    run_init (&run, script, answers);
    run_setenv (&run, "BATON_STUB_VERSION", "2.1.5");
    g_assert_cmpint (run_script (&run, "bash", (const char *[]) { "--yes", NULL }), ==, 1);
    assert_calls (run.calls, want);
    g_assert_nonnull (strstr (run.err, where));
    g_assert_nonnull (strstr (run.err, "does not run Pacemaker 2.1.6"));
  }
}

/* Without -y: y runs step 1, s skips step 2, q stops at step 3. */
static void
test_sh_ask (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  g_autoptr(GPtrArray) want = expected_calls (plan, cluster, "baton-stub-local", 0, 0);
  g_autofree char *skipped = g_strdup_printf ("WARNING: step 2 of %u skipped",
                                              baton_plan_get_n_steps (plan));
  g_autofree char *stopped = g_strdup_printf ("Stopped at step 3 of %u. To resume, run: sh ",
                                              baton_plan_get_n_steps (plan));
  g_autofree char *updates = NULL;
  g_auto(Run) run = { 0 };

  /* The first three steps are automated, so each one asks. */
  for (guint i = 0; i < 3; i++)
    g_assert_false (sh_step_is_manual (baton_plan_get_step (plan, i)));

  run_init (&run, script, "y\ns\nq\n");
  g_assert_cmpint (run_script (&run, "sh", NULL), ==, 1);
  assert_calls (run.calls, want);
  g_assert_nonnull (strstr (run.out, "Run step 1? [y/s/q]"));
  g_assert_nonnull (strstr (run.out, "Run step 3? [y/s/q]"));
  g_assert_null (strstr (run.out, "Run step 4?"));
  g_assert_nonnull (strstr (run.err, skipped));
  g_assert_nonnull (strstr (run.err, stopped));
  g_assert_nonnull (strstr (run.err, " --from 3\n"));
  updates = read_state (&run, "updates");
  g_assert_cmpstr (updates, ==, "");

  /* An empty answer, like the end of input, stops too. */
  {
    g_auto(Run) empty = { 0 };

    run_init (&empty, script, "\n");
    g_assert_cmpint (run_script (&empty, "bash", NULL), ==, 1);
    g_assert_cmpuint (empty.calls->len, ==, 0);
    g_assert_nonnull (strstr (empty.err, " --from 1\n"));
  }
}

/* Manual steps wait even with -y and BATON_YES; the end of input stops there. */
static void
test_sh_manual_waits (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  g_autoptr(GPtrArray) want = NULL;
  g_autofree char *where = NULL;
  guint log = G_MAXUINT;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < baton_plan_get_n_steps (plan) && log == G_MAXUINT; i++)
    if (baton_step_get_action (baton_plan_get_step (plan, i)) == BATON_ACTION_CHECK_EVENT_LOG)
      log = i;
  g_assert_cmpuint (log, <, G_MAXUINT);
  want = expected_calls (plan, cluster, "baton-stub-local", 0, log);
  where = g_strdup_printf ("Stopped at step %u of ", log + 1);

  run_init (&run, script, "");
  run_setenv (&run, "BATON_YES", "1");
  g_assert_cmpint (run_script (&run, "sh", NULL), ==, 1);
  assert_calls (run.calls, want);
  g_assert_nonnull (strstr (run.out, "Type done when finished"));
  g_assert_nonnull (strstr (run.err, where));
}

/* --from N starts at step N. */
static void
test_sh_from (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "pacemaker-rolling", "2.1.6",
                                       (const char *[]) { UPDATE_OPTION, NULL });
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  guint n = baton_plan_get_n_steps (plan);
  g_autofree char *from = g_strdup_printf ("%u", n - 1);
  g_autoptr(GPtrArray) want = expected_calls (plan, cluster, "baton-stub-local", n - 2, n - 1);
  g_auto(Run) run = { 0 };
  g_auto(Run) bad = { 0 };

  run_init (&run, script, "");
  g_assert_cmpint (run_script (&run, "sh", (const char *[]) { "-y", "--from", from, NULL }), ==, 0);
  assert_calls (run.calls, want);

  run_init (&bad, script, "");
  g_assert_cmpint (run_script (&bad, "sh", (const char *[]) { "--from", "x", NULL }), ==, 2);
  g_assert_cmpint (run_script (&bad, "sh", (const char *[]) { "--bogus", NULL }), ==, 2);
  g_assert_cmpuint (bad.calls->len, ==, 0);
}

/* A plan with every action, made by hand on the fixture's cluster. */
static BatonPlan *
all_actions_plan (BatonCluster *cluster,
                  const char   *node,
                  const char   *other,
                  const char   *group,
                  const char   *server)
{
  BatonPlan *plan = baton_plan_new (baton_cluster_get_name (cluster), "test", "1", "rolling");
  const char *owners[] = { node, other, NULL };
  struct
  {
    BatonAction  action;
    const char  *node;
    const char  *group;
    const char  *command;      /* pcs and powershell */
    const char  *cluster_exe;
    gboolean     manual;
  } steps[] = {
    { BATON_ACTION_CONFIRM_BACKUP, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_CHECK_EVENT_LOG, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_TAKE_OFFLINE, NULL, group, NULL, NULL, FALSE },
    { BATON_ACTION_BRING_ONLINE, NULL, group, NULL, NULL, FALSE },
    { BATON_ACTION_TAKE_OFFLINE, server, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_PAUSE_NODE, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_MOVE_GROUP, other, group, NULL, NULL, FALSE },
    { BATON_ACTION_STOP_CLUSTER_SERVICE, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_INSTALL_UPDATE, node, NULL, "true", NULL, FALSE },
    { BATON_ACTION_INSTALL_UPDATE, node, NULL, NULL, "setup.exe /q", FALSE },
    { BATON_ACTION_INSTALL_UPDATE, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_RESTART_NODE, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_RESTART_NODE, node, NULL, NULL, NULL, TRUE },
    { BATON_ACTION_START_CLUSTER_SERVICE, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_WAIT_HEALTHY, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_WAIT_HEALTHY, NULL, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_SET_POSSIBLE_OWNERS, NULL, group, NULL, NULL, FALSE },
    { BATON_ACTION_RESUME_NODE, node, NULL, NULL, NULL, FALSE },
    { BATON_ACTION_UPGRADE_VIRTUAL_SERVER, node, group, NULL, NULL, FALSE },
    { BATON_ACTION_MANUAL, NULL, NULL, NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      BatonStep *step = baton_plan_add_step (plan, steps[i].action);
      g_autofree char *summary = g_strdup_printf ("%s #%u on %s/%s",
                                                  baton_enum_to_nick (BATON_TYPE_ACTION,
                                                                      steps[i].action),
                                                  i + 1, steps[i].node ? steps[i].node : "-",
                                                  steps[i].group ? steps[i].group : "-");

      baton_step_set_node (step, steps[i].node);
      baton_step_set_group (step, steps[i].group);
      baton_step_set_summary (step, summary);
      baton_step_set_source (step, "test", "all actions");
      baton_step_set_manual (step, steps[i].manual);
      if (steps[i].action == BATON_ACTION_SET_POSSIBLE_OWNERS)
        baton_step_set_owners (step, owners);
      if (steps[i].action == BATON_ACTION_INSTALL_UPDATE)
        {
          baton_step_set_version (step, "1");
          baton_step_set_family (step, "other");
        }
      if (steps[i].command != NULL)
        {
          baton_step_set_command (step, "pcs", steps[i].command);
          baton_step_set_command (step, "powershell", steps[i].command);
        }
      if (steps[i].cluster_exe != NULL)
        baton_step_set_command (step, "cluster.exe", steps[i].cluster_exe);
    }

  return plan;
}

static void
test_sh_all_actions (void)
{
  g_autofree char *json = adversarial_json ("pacemaker", "pacemaker", "2.1.5");
  g_autoptr(BatonCluster) cluster = load_json (json);
  g_autoptr(BatonPlan) plan = all_actions_plan (cluster, adversarial_nodes[2], adversarial_nodes[0],
                                                adversarial_groups[0], "FE \"1\" $x");
  g_autofree char *script = generate_ok (BATON_SCRIPT_SH, plan, cluster);
  g_autoptr(GPtrArray) want = expected_calls (plan, cluster, "baton-stub-local", 0, G_MAXUINT);
  g_autofree char *answers = all_done (plan);
  guint n_manual = 0;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    n_manual += sh_step_is_manual (baton_plan_get_step (plan, i)) ||
                baton_step_get_action (baton_plan_get_step (plan, i)) ==
                  BATON_ACTION_CHECK_EVENT_LOG;
  g_assert_cmpuint (n_manual, ==, 9);

  run_init (&run, script, answers);
  g_assert_cmpint (run_script (&run, "sh", (const char *[]) { "-y", NULL }), ==, 0);
  assert_calls (run.calls, want);
  assert_cwd_empty (&run);
  g_assert_cmpuint (count_substr (run.out, "Type done when finished"), ==, n_manual);
  g_assert_nonnull (strstr (run.out, "Pacemaker has no list of possible owners"));

  /* Without -y: automated steps ask "Run step N?", manual ones only wait for done. */
  {
    g_auto(Run) asked = { 0 };
    g_autoptr(GString) typed = g_string_new (NULL);
    guint n = baton_plan_get_n_steps (plan);

    for (guint i = 0; i < n; i++)
      {
        BatonStep *step = baton_plan_get_step (plan, i);
        gboolean waits = sh_step_is_manual (step) ||
                         baton_step_get_action (step) == BATON_ACTION_CHECK_EVENT_LOG;

        g_string_append (typed, waits ? "done\n" : "y\n");
      }

    run_init (&asked, script, typed->str);
    g_assert_cmpint (run_script (&asked, "sh", NULL), ==, 0);
    assert_calls (asked.calls, want);
    g_assert_cmpuint (count_substr (asked.out, "? [y/s/q]"), ==, n - n_manual);
    g_assert_cmpuint (count_substr (asked.out, "Type done when finished"), ==, n_manual);
  }

  /* The machine that runs the script is never rebooted by it. */
  {
    g_auto(Run) local = { 0 };
    g_autoptr(GPtrArray) before = NULL;
    guint restart = 0;

    while (baton_step_get_action (baton_plan_get_step (plan, restart)) != BATON_ACTION_RESTART_NODE)
      restart++;
    before = expected_calls (plan, cluster, adversarial_nodes[2], 0, restart - 1);

    run_init (&local, script, answers);
    run_setenv (&local, "BATON_STUB_LOCAL", adversarial_nodes[2]);
    g_assert_cmpint (run_script (&local, "bash", (const char *[]) { "-y", NULL }), ==, 1);
    assert_calls (local.calls, before);
    {
      g_autofree char *next = g_strdup_printf (" --from %u\n", restart + 2);
      g_assert_nonnull (strstr (local.err, next));
    }
  }
}

/* The PowerShell of every action: the helper each one calls, with its literals. */
static void
test_ps1_all_actions (void)
{
  g_autofree char *json = adversarial_json ("wsfc", "windows", "2019");
  g_autoptr(BatonCluster) cluster = load_json (json);
  g_autoptr(BatonPlan) plan = all_actions_plan (cluster, adversarial_nodes[2], adversarial_nodes[0],
                                                adversarial_groups[0], "FE \"1\" $x");
  g_autofree char *script = generate_ok (BATON_SCRIPT_POWERSHELL, plan, cluster);
  g_autofree char *node = baton_quote_powershell (adversarial_nodes[2]);
  g_autofree char *other = baton_quote_powershell (adversarial_nodes[0]);
  g_autofree char *group = baton_quote_powershell (adversarial_groups[0]);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  struct
  {
    const char *call;
    guint       count;
  } calls[] = {
    { g_strdup_printf ("  Show-BatonEventLog -Node %s\n", node), 1 },
    { g_strdup_printf ("  Stop-BatonGroup -Group %s\n", group), 1 },
    { g_strdup_printf ("  Start-BatonGroup -Group %s\n", group), 1 },
    { g_strdup_printf ("  Suspend-BatonNode -Node %s\n", node), 1 },
    { g_strdup_printf ("  Move-BatonGroup -Group %s -Node %s\n", group, other), 1 },
    { g_strdup_printf ("  Stop-BatonClusterService -Node %s\n", node), 1 },
    { g_strdup_printf ("  Install-BatonUpdate -Node %s -Shell 'powershell' -Command 'true'\n",
                       node), 1 },
    { g_strdup_printf ("  Install-BatonUpdate -Node %s -Shell 'cmd' -Command 'setup.exe /q'\n",
                       node), 1 },
    { g_strdup_printf ("  Restart-BatonNode -Node %s\n", node), 1 },
    { g_strdup_printf ("  Start-BatonClusterService -Node %s\n", node), 1 },
    { g_strdup_printf ("  Wait-BatonHealthy -Node %s -Offline @()\n", node), 1 },
    { g_strdup ("  Wait-BatonHealthy -Node '' -Offline @()\n"), 1 },
    { g_strdup_printf ("  Set-BatonPossibleOwners -Group %s -Owners @(%s, %s)\n", group, node,
                       other), 1 },
    { g_strdup_printf ("  Resume-BatonNode -Node %s\n", node), 1 },
    { g_strdup ("  Wait-BatonDone -Lines @("), 7 },
    { g_strdup ("  Install-BatonUpdate "), 2 },
    { g_strdup ("  Restart-BatonNode "), 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_test_message ("looking for %s", calls[i].call);
      g_assert_cmpuint (count_substr (script, calls[i].call), ==, calls[i].count);
      g_free ((char *) calls[i].call);
    }

  g_ptr_array_add (names, (char *) adversarial_nodes[0]);
  g_ptr_array_add (names, (char *) adversarial_nodes[2]);
  g_ptr_array_add (names, (char *) adversarial_groups[0]);
  g_ptr_array_add (names, NULL);
  check_powershell (script, plan, cluster, (const char * const *) names->pdata);
}

/* A clustered mailbox server moves with Exchange's own cmdlet; offline groups
 * are expected offline by the health check. */
static void
test_ps1_exchange2007 (void)
{
  g_autoptr(BatonCluster) cluster = load_fixture ("exchange2007-ccr-scr.json");
  g_autoptr(BatonPlan) plan = plan_ok (cluster, "exchange-2007-ru", "2007 SP1 RU5", NULL);
  g_autofree char *script = generate_ok (BATON_SCRIPT_POWERSHELL, plan, cluster);
  guint n_cms = 0, n_other = 0, n_installs = 0;

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);

      if (baton_step_get_action (step) == BATON_ACTION_MOVE_GROUP)
        {
          if (g_str_equal (baton_step_get_group (step), "CMS1"))
            n_cms++;
          else
            n_other++;
        }
      if (baton_step_get_action (step) == BATON_ACTION_INSTALL_UPDATE &&
          !baton_step_get_manual (step))
        n_installs++;
    }

  g_assert_cmpuint (n_cms, >, 0);
  g_assert_cmpuint (count_substr (script, "  Move-BatonMailboxServer -Group 'CMS1' -Node "), ==,
                    n_cms);
  g_assert_cmpuint (count_substr (script, "  Move-BatonGroup -Group "), ==, n_other);
  g_assert_cmpuint (count_substr (script, "  Install-BatonUpdate -Node "), ==, n_installs);
  g_assert_cmpuint (count_substr (script,
                                  "-Shell 'powershell' -Command 'msiexec.exe /update "
                                  "UPDATE-ROLLUP.msp /quiet'\n"), ==, n_installs);
  check_powershell (script, plan, cluster, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  catalog = baton_catalog_new ();
  baton_catalog_add_builtin (catalog);

  g_test_add_func ("/script/fixtures", test_fixtures);
  g_test_add_func ("/script/sh/syntax", test_sh_syntax);
  g_test_add_func ("/script/sh/run/fixture", test_sh_run_fixture);
  g_test_add_func ("/script/sh/run/tricky", test_sh_run_tricky);
  g_test_add_func ("/script/sh/run/adversarial", test_sh_run_adversarial);
  g_test_add_func ("/script/sh/run/all-actions", test_sh_all_actions);
  g_test_add_func ("/script/sh/fail/command", test_sh_fail_command);
  g_test_add_func ("/script/sh/fail/check", test_sh_fail_check);
  g_test_add_func ("/script/sh/ask", test_sh_ask);
  g_test_add_func ("/script/sh/manual-waits", test_sh_manual_waits);
  g_test_add_func ("/script/sh/from", test_sh_from);
  g_test_add_func ("/script/ps1/adversarial", test_ps1_adversarial);
  g_test_add_func ("/script/ps1/all-actions", test_ps1_all_actions);
  g_test_add_func ("/script/ps1/exchange2007", test_ps1_exchange2007);

  ret = g_test_run ();
  g_clear_object (&catalog);
  return ret;
}
