/* baton-script.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scripts that carry out a plan step by step: POSIX shell with the
 * Pacemaker tools, Windows PowerShell 5.1 with the FailoverClusters
 * cmdlets.  Each script is a fixed prelude of helper functions (one per
 * action kind, each of which checks the state it was meant to reach) and
 * then one block per plan step that calls one of them.
 *
 * Names never become code: every name, summary and command of the plan
 * reaches the script only as a single-quoted literal (baton_quote_sh(),
 * baton_quote_powershell()) in the argument list of a call, and the
 * helpers use it only as one argument ("$1", [string]$Node) or as data in
 * a message.  Nothing is eval'ed, no name is put in a double-quoted
 * PowerShell string, and comments carry names only with their line breaks
 * replaced.  The shell runs commands on other nodes through ssh, which
 * joins its words for the remote shell: only fixed words go that way, and
 * the one shell string that does (the administrator's own update command)
 * is meant to be shell code.
 *
 * The output has no date and depends on nothing but the plan and the
 * cluster, so exporting twice gives the same bytes.
 */

#define G_LOG_DOMAIN "baton-export"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "baton-quote.h"
#include "baton-script.h"

typedef enum
{
  MODE_AUTO,      /* a helper does it and checks the result */
  MODE_LOG,       /* a helper shows a log, then a person confirms */
  MODE_MANUAL,    /* a person does it; the script waits for "done" */
} StepMode;

typedef struct
{
  BatonScriptKind  kind;
  BatonPlan       *plan;
  BatonCluster    *cluster;
  GString         *out;
  guint            n_steps;
  GHashTable      *offline;   /* groups offline on purpose at this point of the plan */
} Script;

/* --- text helpers -------------------------------------------------------------- */

static gboolean
is_windows (BatonPlatform platform)
{
  return platform != BATON_PLATFORM_PACEMAKER;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Text for a comment: one line whatever the text holds. */
static char *
comment_safe (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *s = g_string_new (NULL);

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (s, '?');
      else
        g_string_append_unichar (s, c);
    }

  return g_string_free (s, FALSE);
}

static void
append_comment (Script     *script,
                const char *text)
{
  g_autofree char *safe = comment_safe (text);

  if (*safe == '\0')
    g_string_append (script->out, "#\n");
  else
    g_string_append_printf (script->out, "# %s\n", safe);
}

/* One argument of a call: a single-quoted literal, preceded by a space. */
static void
append_arg (Script     *script,
            const char *text)
{
  g_autofree char *quoted = script->kind == BATON_SCRIPT_SH
                              ? baton_quote_sh (text != NULL ? text : "")
                              : baton_quote_powershell (text != NULL ? text : "");

  g_string_append_c (script->out, ' ');
  g_string_append (script->out, quoted);
}

/* A named PowerShell argument: " -Name 'text'". */
static void
append_ps_param (Script     *script,
                 const char *name,
                 const char *text)
{
  g_string_append_printf (script->out, " -%s", name);
  append_arg (script, text);
}

/* A PowerShell array of literals: " -Name @('a', 'b')". */
static void
append_ps_array (Script             *script,
                 const char         *name,
                 const char * const *items)
{
  g_string_append_printf (script->out, " -%s @(", name);
  for (guint i = 0; items != NULL && items[i]; i++)
    {
      g_autofree char *quoted = baton_quote_powershell (items[i]);

      g_string_append_printf (script->out, "%s%s", i > 0 ? ", " : "", quoted);
    }
  g_string_append_c (script->out, ')');
}

static void
append_lines (Script             *script,
              const char * const *lines)
{
  for (guint i = 0; lines[i]; i++)
    {
      g_string_append (script->out, lines[i]);
      g_string_append_c (script->out, '\n');
    }
}

static char *
join_owners (BatonStep *step)
{
  const char * const *owners = baton_step_get_owners (step);

  if (owners == NULL || owners[0] == NULL)
    return g_strdup ("(none)");
  return g_strjoinv (", ", (char **) owners);
}

/* --- what a step needs ----------------------------------------------------------- */

static const char *
action_nick (BatonAction action)
{
  return baton_enum_to_nick (BATON_TYPE_ACTION, action);
}

/* The command a Windows install-update runs on its node, and in which shell. */
static const char *
ps_update_command (BatonStep   *step,
                   const char **shell)
{
  const char *command = baton_step_get_command (step, "powershell");

  *shell = "powershell";
  if (is_empty (command))
    {
      command = baton_step_get_command (step, "cluster.exe");
      *shell = "cmd";
    }
  return is_empty (command) ? NULL : command;
}

static StepMode
step_mode (Script    *script,
           BatonStep *step)
{
  BatonAction action = baton_step_get_action (step);
  const char *node = baton_step_get_node (step);
  const char *group = baton_step_get_group (step);
  const char *shell;

  if (action == BATON_ACTION_CHECK_EVENT_LOG)
    return is_empty (node) ? MODE_MANUAL : MODE_LOG;
  if (baton_step_get_manual (step))
    return MODE_MANUAL;

  switch (action)
    {
    case BATON_ACTION_PAUSE_NODE:
    case BATON_ACTION_RESUME_NODE:
    case BATON_ACTION_STOP_CLUSTER_SERVICE:
    case BATON_ACTION_START_CLUSTER_SERVICE:
    case BATON_ACTION_RESTART_NODE:
      return is_empty (node) ? MODE_MANUAL : MODE_AUTO;

    case BATON_ACTION_MOVE_GROUP:
      return is_empty (node) || is_empty (group) ? MODE_MANUAL : MODE_AUTO;

    case BATON_ACTION_TAKE_OFFLINE:
    case BATON_ACTION_BRING_ONLINE:
      /* A server taken out of service (a load balancer, a front-end) is manual work. */
      return is_empty (group) ? MODE_MANUAL : MODE_AUTO;

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      /* Pacemaker has no possible-owner list: it takes location constraints. */
      if (script->kind == BATON_SCRIPT_SH || is_empty (group) ||
          baton_step_get_owners (step) == NULL || baton_step_get_owners (step)[0] == NULL)
        return MODE_MANUAL;
      return MODE_AUTO;

    case BATON_ACTION_INSTALL_UPDATE:
      if (is_empty (node))
        return MODE_MANUAL;
      if (script->kind == BATON_SCRIPT_SH)
        return is_empty (baton_step_get_command (step, "pcs")) ? MODE_MANUAL : MODE_AUTO;
      return ps_update_command (step, &shell) != NULL ? MODE_AUTO : MODE_MANUAL;

    case BATON_ACTION_WAIT_HEALTHY:
      return MODE_AUTO;

    case BATON_ACTION_CHECK_EVENT_LOG:
    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
    case BATON_ACTION_MANUAL:
    default:
      return MODE_MANUAL;
    }
}

/* What a person reads at a manual step, besides the step's summary. */
static GPtrArray *
manual_lines (Script    *script,
              BatonStep *step)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  BatonAction action = baton_step_get_action (step);
  g_auto(GStrv) toolchains = baton_step_dup_toolchains (step);

  g_ptr_array_add (lines, g_strdup_printf ("Do this by hand: %s",
                                           baton_step_get_summary (step) != NULL
                                             ? baton_step_get_summary (step) : ""));

  switch (action)
    {
    case BATON_ACTION_CONFIRM_BACKUP:
      g_ptr_array_add (lines, g_strdup ("Go on only once a current backup exists and is known to "
                                        "restore."));
      break;

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      {
        g_autofree char *owners = join_owners (step);

        if (script->kind == BATON_SCRIPT_SH)
          g_ptr_array_add (lines, g_strdup ("Pacemaker has no list of possible owners: express it "
                                            "with location constraints (for instance crm_resource "
                                            "--ban on every other node) and remove them when the "
                                            "plan widens the list again."));
        g_ptr_array_add (lines, g_strdup_printf ("Group: %s", baton_step_get_group (step)));
        g_ptr_array_add (lines, g_strdup_printf ("Possible owners: %s", owners));
      }
      break;

    case BATON_ACTION_RESTART_NODE:
      g_ptr_array_add (lines, g_strdup_printf ("Restart %s and wait until it is back.",
                                               baton_step_get_node (step)));
      break;

    case BATON_ACTION_INSTALL_UPDATE:
    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
    case BATON_ACTION_MANUAL:
    case BATON_ACTION_CHECK_EVENT_LOG:
    case BATON_ACTION_PAUSE_NODE:
    case BATON_ACTION_RESUME_NODE:
    case BATON_ACTION_MOVE_GROUP:
    case BATON_ACTION_STOP_CLUSTER_SERVICE:
    case BATON_ACTION_START_CLUSTER_SERVICE:
    case BATON_ACTION_TAKE_OFFLINE:
    case BATON_ACTION_BRING_ONLINE:
    case BATON_ACTION_WAIT_HEALTHY:
    default:
      break;
    }

  /* The plan's own commands for the step, for reference. */
  for (guint i = 0; toolchains != NULL && toolchains[i]; i++)
    {
      const char *command = baton_step_get_command (step, toolchains[i]);

      if (!is_empty (command))
        g_ptr_array_add (lines, g_strdup_printf ("The plan's command (%s): %s", toolchains[i],
                                                 command));
    }

  g_ptr_array_add (lines, NULL);
  return lines;
}

/* Groups offline on purpose: those offline in the cluster, as the plan changes them. */
static void
track_offline (Script    *script,
               BatonStep *step)
{
  const char *group = baton_step_get_group (step);

  if (is_empty (group))
    return;
  if (baton_step_get_action (step) == BATON_ACTION_TAKE_OFFLINE)
    g_hash_table_add (script->offline, g_strdup (group));
  else if (baton_step_get_action (step) == BATON_ACTION_BRING_ONLINE)
    g_hash_table_remove (script->offline, group);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static const char **
offline_groups (Script *script)
{
  guint n = 0;
  const char **names = (const char **) g_hash_table_get_keys_as_array (script->offline, &n);

  qsort (names, n, sizeof (char *), compare_strings);
  return names;
}

/* --- the header, shared ------------------------------------------------------------ */

static void
append_header_facts (Script *script)
{
  BatonPlatform platform = baton_cluster_get_platform (script->cluster);
  g_autofree char *cluster = g_strdup_printf ("Cluster:  %s (%s)",
                                              baton_cluster_get_name (script->cluster),
                                              baton_platform_to_label (platform));
  g_autofree char *product = g_strdup_printf ("Product:  %s",
                                              baton_plan_get_product (script->plan));
  g_autofree char *target = g_strdup_printf ("Target:   %s", baton_plan_get_target (script->plan));
  g_autofree char *steps = g_strdup_printf ("Steps:    %u", script->n_steps);
  const char * const *warnings = baton_plan_get_warnings (script->plan);

  append_comment (script, "Generated by Baton from a rolling-upgrade plan. Export the plan again "
                          "rather than editing this file.");
  append_comment (script, "");
  append_comment (script, cluster);
  append_comment (script, product);
  append_comment (script, target);
  append_comment (script, steps);

  if (warnings != NULL && warnings[0] != NULL)
    {
      append_comment (script, "");
      append_comment (script, "Warnings of the plan:");
      for (guint i = 0; warnings[i]; i++)
        {
          g_autofree char *line = g_strdup_printf ("- %s", warnings[i]);
          append_comment (script, line);
        }
    }
  append_comment (script, "");
}

/* --- POSIX shell ------------------------------------------------------------------------ */

static const char * const sh_usage[] = {
  "# Run it on a machine that reaches every node over SSH (or on a node), as a user",
  "# who may run the Pacemaker tools (root or a member of haclient):",
  "#",
  "#     sh ./upgrade.sh [-y | --yes] [--from N]",
  "#",
  "# Options:",
  "#   -y, --yes   do not ask before each automated step (also: BATON_YES=1)",
  "#   --from N    start at step N, for instance where the script stopped",
  "#               (also: BATON_FROM=N)",
  "#",
  "# Before each step the script prints what the step does and which source",
  "# requires it, then asks \"Run step N? [y/s/q]\": y runs the step, s skips it",
  "# (with a warning), anything else (q, an empty line, the end of input) stops",
  "# the script with exit status 1 and says how to resume.  Answers come from",
  "# /dev/tty, or from the file BATON_TTY names.",
  "#",
  "# Manual steps (backups, work in other tools, reading logs, and any step the",
  "# plan has no command for) print what to do and ALWAYS wait until you type",
  "# \"done\" (s skips, anything else stops), even with -y.",
  "#",
  "# After each automated step the script checks that the cluster reached the",
  "# expected state.  It stops at the first error or failed check (set -eu and",
  "# explicit checks) with exit status 1: no later step runs.",
  "#",
  "# Commands for a node run directly when the node is this machine",
  "# (uname -n), else through \"${BATON_SSH:-ssh} -- NODE COMMAND...\" (BATON_SSH:",
  "# a program that takes the same arguments, such as a wrapper adding options).",
  "# Install steps run the update command given to the planner",
  "# (--option update_command=...) on their node with sh -c.",
  NULL
};

static const char * const sh_prelude[] = {
  "# Names go to the Pacemaker tools as --option=NAME: as a separate word, a name",
  "# that starts with \"-\" would be read as options.  The tools read arguments in",
  "# the charset GLib finds, which is ASCII for them (they do not set a locale), so",
  "# they would refuse every non-ASCII name: CHARSET tells GLib it is UTF-8.",
  "CHARSET=UTF-8",
  "export CHARSET",
  "",
  "BATON_STEP=0",
  "BATON_SKIPPED=0",
  "BATON_STOPPED=0",
  "BATON_ASK=1",
  "BATON_FROM=${BATON_FROM:-1}",
  "BATON_TTY=${BATON_TTY:-/dev/tty}",
  "BATON_TTY_OPEN=0",
  "BATON_ANSWER=",
  "BATON_NL='",
  "'",
  "",
  "case \"${BATON_YES:-0}\" in",
  "  1 | y | yes | true) BATON_ASK=0 ;;",
  "esac",
  "",
  "usage () {",
  "  printf 'usage: sh %s [-y | --yes] [--from N]\\n' \"$0\"",
  "}",
  "",
  "while [ \"$#\" -gt 0 ]; do",
  "  case \"$1\" in",
  "    -y | --yes) BATON_ASK=0 ;;",
  "    --from=*) BATON_FROM=${1#--from=} ;;",
  "    --from)",
  "      if [ \"$#\" -lt 2 ]; then",
  "        usage >&2",
  "        exit 2",
  "      fi",
  "      BATON_FROM=$2",
  "      shift",
  "      ;;",
  "    -h | --help)",
  "      usage",
  "      exit 0",
  "      ;;",
  "    *)",
  "      usage >&2",
  "      exit 2",
  "      ;;",
  "  esac",
  "  shift",
  "done",
  "",
  "case \"$BATON_FROM\" in",
  "  '' | *[!0-9]*)",
  "    printf 'baton: --from expects a step number, found %s\\n' \"$BATON_FROM\" >&2",
  "    exit 2",
  "    ;;",
  "esac",
  "",
  "# --- messages, answers and stops ---------------------------------------------",
  "",
  "say () {",
  "  printf '%s\\n' \"$*\"",
  "}",
  "",
  "warn () {",
  "  printf 'WARNING: %s\\n' \"$*\" >&2",
  "}",
  "",
  "# stopped [STEP]: stop with exit status 1 and say where to resume.",
  "stopped () {",
  "  BATON_STOPPED=1",
  "  printf 'Stopped at step %s of %s. To resume, run: sh %s --from %s\\n' \\",
  "    \"$BATON_STEP\" \"$BATON_TOTAL\" \"$0\" \"${1:-$BATON_STEP}\" >&2",
  "  exit 1",
  "}",
  "",
  "# die MESSAGE...: the current step failed or did not reach its expected state.",
  "die () {",
  "  printf 'ERROR: step %s of %s: %s\\n' \"$BATON_STEP\" \"$BATON_TOTAL\" \"$*\" >&2",
  "  stopped",
  "}",
  "",
  "# A command that fails under set -e ends the script here as well.",
  "on_exit () {",
  "  baton_status=$?",
  "  if [ \"$baton_status\" -ne 0 ] && [ \"$BATON_STOPPED\" = 0 ] && [ \"$BATON_STEP\" -gt 0 ]; then",
  "    printf 'ERROR: step %s of %s failed (exit status %s)\\n' \\",
  "      \"$BATON_STEP\" \"$BATON_TOTAL\" \"$baton_status\" >&2",
  "    printf 'Stopped at step %s of %s. To resume, run: sh %s --from %s\\n' \\",
  "      \"$BATON_STEP\" \"$BATON_TOTAL\" \"$0\" \"$BATON_STEP\" >&2",
  "  fi",
  "}",
  "trap on_exit EXIT",
  "trap 'exit 130' INT",
  "trap 'exit 143' TERM",
  "",
  "# read_answer PROMPT: one line from the terminal (or BATON_TTY) into BATON_ANSWER.",
  "read_answer () {",
  "  if [ \"$BATON_TTY_OPEN\" = 0 ]; then",
  "    if ! (: <\"$BATON_TTY\") 2>/dev/null; then",
  "      printf 'ERROR: cannot read answers from %s\\n' \"$BATON_TTY\" >&2",
  "      stopped",
  "    fi",
  "    exec 3<\"$BATON_TTY\"",
  "    BATON_TTY_OPEN=1",
  "  fi",
  "  printf '%s ' \"$1\"",
  "  BATON_ANSWER=",
  "  IFS= read -r BATON_ANSWER <&3 || :",
  "  if [ ! -t 3 ]; then",
  "    printf '%s\\n' \"$BATON_ANSWER\"",
  "  fi",
  "}",
  "",
  "skipped () {",
  "  BATON_SKIPPED=$((BATON_SKIPPED + 1))",
  "  warn \"step $BATON_STEP of $BATON_TOTAL skipped: it did not run\"",
  "}",
  "",
  "# ask: before an automated step, unless -y: y runs it, s skips it, anything else stops.",
  "ask () {",
  "  if [ \"$BATON_ASK\" = 0 ]; then",
  "    return 0",
  "  fi",
  "  read_answer \"Run step $BATON_STEP? [y/s/q]\"",
  "  case \"$BATON_ANSWER\" in",
  "    y | Y | yes | Yes | YES) return 0 ;;",
  "    s | S | skip)",
  "      skipped",
  "      return 1",
  "      ;;",
  "    *) stopped ;;",
  "  esac",
  "}",
  "",
  "# by_hand LINE...: work for a person; waits for \"done\" even with -y.",
  "by_hand () {",
  "  for baton_line in \"$@\"; do",
  "    say \"  $baton_line\"",
  "  done",
  "  read_answer 'Type done when finished (s skips, q stops):'",
  "  case \"$BATON_ANSWER\" in",
  "    done | Done | DONE) ;;",
  "    s | S | skip) skipped ;;",
  "    *) stopped ;;",
  "  esac",
  "}",
  "",
  "# begin_step N SUMMARY SOURCE CITATION: print the step; false before --from.",
  "begin_step () {",
  "  BATON_STEP=$1",
  "  if [ \"$1\" -lt \"$BATON_FROM\" ]; then",
  "    say \"Step $1 of $BATON_TOTAL: not run (--from $BATON_FROM)\"",
  "    return 1",
  "  fi",
  "  say ''",
  "  say \"Step $1 of $BATON_TOTAL: $2\"",
  "  if [ -n \"$3$4\" ]; then",
  "    say \"  Source: $3, $4\"",
  "  fi",
  "}",
  "",
  "# run COMMAND...: a local command; its failure stops the script.",
  "run () {",
  "  say \"  + $*\"",
  "  \"$@\" || die \"$1 failed with exit status $?\"",
  "}",
  "",
  "# on_node NODE COMMAND...: COMMAND on NODE, here when NODE is this machine, else",
  "# over SSH.  ssh joins the words for the remote shell, so COMMAND is only ever",
  "# fixed words, never a name.",
  "on_node () {",
  "  baton_node=$1",
  "  shift",
  "  if [ \"$baton_node\" = \"$(uname -n)\" ]; then",
  "    \"$@\"",
  "  else",
  "    \"${BATON_SSH:-ssh}\" -- \"$baton_node\" \"$@\" </dev/null",
  "  fi",
  "}",
  "",
  "# on_node_sh NODE SCRIPT: a shell command line (the administrator's own) on NODE.",
  "on_node_sh () {",
  "  if [ \"$1\" = \"$(uname -n)\" ]; then",
  "    sh -c \"$2\"",
  "  else",
  "    \"${BATON_SSH:-ssh}\" -- \"$1\" \"$2\" </dev/null",
  "  fi",
  "}",
  "",
  "# run_on NODE COMMAND...: on_node, shown; its failure stops the script.",
  "run_on () {",
  "  baton_on=$1",
  "  shift",
  "  say \"  + [$baton_on] $*\"",
  "  on_node \"$baton_on\" \"$@\" || die \"$1 failed on $baton_on with exit status $?\"",
  "}",
  "",
  "# node_online NODE: crm_mon reports NODE online.  --node limits the XML to that",
  "# node, so no name is looked for inside the XML, where crm_mon escapes it.",
  "node_online () {",
  "  baton_xml=$(crm_mon -1 --output-as=xml --node=\"$1\" 2>/dev/null) || return 1",
  "  printf '%s\\n' \"$baton_xml\" | grep -F '<node ' | grep -q -F 'online=\"true\"'",
  "}",
  "",
  "# wait_online NODE SECONDS",
  "wait_online () {",
  "  baton_waited=0",
  "  until node_online \"$1\"; do",
  "    if [ \"$baton_waited\" -ge \"$2\" ]; then",
  "      return 1",
  "    fi",
  "    sleep 5",
  "    baton_waited=$((baton_waited + 5))",
  "  done",
  "}",
  "",
  "# unit_state NODE UNIT: what systemctl is-active says on NODE.",
  "unit_state () {",
  "  baton_state=$(on_node \"$1\" systemctl is-active \"$2\" 2>/dev/null) || :",
  "  printf '%s' \"$baton_state\"",
  "}",
  "",
  "# --- one function per action ---------------------------------------------------",
  "",
  "set_standby () {",
  "  run crm_attribute --node=\"$1\" --name=standby --update=\"$2\" --lifetime=forever",
  "  baton_value=$(crm_attribute --node=\"$1\" --name=standby --query --quiet 2>&1) || :",
  "  if [ \"$baton_value\" != \"$2\" ]; then",
  "    die \"the standby attribute of $1 is \\\"$baton_value\\\", expected $2\"",
  "  fi",
  "}",
  "",
  "pause_node () {",
  "  set_standby \"$1\" on",
  "}",
  "",
  "resume_node () {",
  "  set_standby \"$1\" off",
  "}",
  "",
  "# move_group GROUP NODE",
  "move_group () {",
  "  run crm_resource --resource=\"$1\" --move --node=\"$2\"",
  "  run crm_resource --wait --timeout=300",
  "  baton_where=$(crm_resource --resource=\"$1\" --locate 2>&1) || :",
  "  case \"$BATON_NL$baton_where$BATON_NL\" in",
  "    *\" is running on: $2$BATON_NL\"*) ;;",
  "    *)",
  "      die \"$1 does not run on $2 after the move (crm_resource --locate: $baton_where);\" \\",
  "        \"its move constraint stays until crm_resource --resource=... --clear\"",
  "      ;;",
  "  esac",
  "  run crm_resource --resource=\"$1\" --clear",
  "}",
  "",
  "stop_cluster_service () {",
  "  run_on \"$1\" systemctl stop pacemaker",
  "  run_on \"$1\" systemctl stop corosync",
  "  for baton_unit in pacemaker corosync; do",
  "    baton_state=$(unit_state \"$1\" \"$baton_unit\")",
  "    case \"$baton_state\" in",
  "      inactive | failed) ;;",
  "      *) die \"systemctl is-active $baton_unit on $1 says \\\"$baton_state\\\", expected inactive\" ;;",
  "    esac",
  "  done",
  "}",
  "",
  "start_cluster_service () {",
  "  run_on \"$1\" systemctl start corosync",
  "  run_on \"$1\" systemctl start pacemaker",
  "  for baton_unit in corosync pacemaker; do",
  "    baton_state=$(unit_state \"$1\" \"$baton_unit\")",
  "    if [ \"$baton_state\" != active ]; then",
  "      die \"systemctl is-active $baton_unit on $1 says \\\"$baton_state\\\", expected active\"",
  "    fi",
  "  done",
  "}",
  "",
  "# install_update NODE COMMAND [PACEMAKER-VERSION]",
  "install_update () {",
  "  say \"  + [$1] $2\"",
  "  on_node_sh \"$1\" \"$2\" || die \"the update command failed on $1 with exit status $?\"",
  "  if [ -n \"$3\" ]; then",
  "    baton_version=$(on_node \"$1\" pacemakerd --version 2>&1) || :",
  "    case \"$BATON_NL$baton_version$BATON_NL\" in",
  "      *\"${BATON_NL}Pacemaker $3$BATON_NL\"* | *\"${BATON_NL}Pacemaker $3 \"* | \\",
  "        *\"${BATON_NL}Pacemaker $3-\"*) ;;",
  "      *) die \"$1 does not run Pacemaker $3 after the update (pacemakerd --version: $baton_version)\" ;;",
  "    esac",
  "  fi",
  "}",
  "",
  "check_event_log () {",
  "  say \"  + [$1] journalctl --unit pacemaker --unit corosync --since -1h --priority warning --no-pager\"",
  "  on_node \"$1\" journalctl --unit pacemaker --unit corosync --since -1h --priority warning \\",
  "    --no-pager || warn \"could not read the journal of $1: read it there\"",
  "  by_hand \"Read the warnings above: the Pacemaker and Corosync journal of $1, last hour.\" \\",
  "    'Type done only if nothing needs attention; else type q, deal with it, and resume.'",
  "}",
  "",
  "# wait_healthy [NODE]: the cluster is idle, and NODE (if any) is online.",
  "wait_healthy () {",
  "  run crm_resource --wait --timeout=300",
  "  if [ -n \"$1\" ] && ! wait_online \"$1\" 300; then",
  "    die \"$1 is not online in the cluster (crm_mon --node)\"",
  "  fi",
  "}",
  "",
  "# take_offline GROUP / bring_online GROUP: the group's target-role.",
  "take_offline () {",
  "  run crm_resource --resource=\"$1\" --set-parameter=target-role --meta --parameter-value=Stopped",
  "  run crm_resource --wait --timeout=300",
  "  baton_where=$(crm_resource --resource=\"$1\" --locate 2>&1) || :",
  "  case \"$baton_where\" in",
  "    *\"is NOT running\"*) ;;",
  "    *) die \"$1 still runs (crm_resource --locate: $baton_where)\" ;;",
  "  esac",
  "}",
  "",
  "bring_online () {",
  "  run crm_resource --resource=\"$1\" --set-parameter=target-role --meta --parameter-value=Started",
  "  run crm_resource --wait --timeout=300",
  "  baton_where=$(crm_resource --resource=\"$1\" --locate 2>&1) || :",
  "  case \"$baton_where\" in",
  "    *\" is running on: \"*) ;;",
  "    *) die \"$1 does not run (crm_resource --locate: $baton_where)\" ;;",
  "  esac",
  "}",
  "",
  "boot_id () {",
  "  on_node \"$1\" cat /proc/sys/kernel/random/boot_id 2>/dev/null || :",
  "}",
  "",
  "# restart_node NODE: reboot, wait for a new boot, then for the node to rejoin if",
  "# it was a member before.",
  "restart_node () {",
  "  if [ \"$1\" = \"$(uname -n)\" ]; then",
  "    say \"  This machine is $1: restart it yourself, then run this script again.\"",
  "    stopped \"$((BATON_STEP + 1))\"",
  "  fi",
  "  baton_boot=$(boot_id \"$1\")",
  "  if [ -z \"$baton_boot\" ]; then",
  "    die \"cannot read the boot id of $1\"",
  "  fi",
  "  baton_member=0",
  "  if node_online \"$1\"; then",
  "    baton_member=1",
  "  fi",
  "  say \"  + [$1] systemctl reboot\"",
  "  on_node \"$1\" systemctl reboot || :",
  "  baton_waited=0",
  "  while :; do",
  "    baton_now=$(boot_id \"$1\")",
  "    if [ -n \"$baton_now\" ] && [ \"$baton_now\" != \"$baton_boot\" ]; then",
  "      break",
  "    fi",
  "    if [ \"$baton_waited\" -ge 900 ]; then",
  "      die \"$1 did not come back within 900 s\"",
  "    fi",
  "    sleep 5",
  "    baton_waited=$((baton_waited + 5))",
  "  done",
  "  if [ \"$baton_member\" = 1 ] && ! wait_online \"$1\" 900; then",
  "    die \"$1 restarted but did not rejoin the cluster within 900 s\"",
  "  fi",
  "}",
  NULL
};

static void
sh_call (Script     *script,
         const char *function)
{
  g_string_append_printf (script->out, "  %s", function);
}

static void
sh_step_body (Script    *script,
              BatonStep *step,
              StepMode   mode)
{
  const char *node = baton_step_get_node (step);
  const char *group = baton_step_get_group (step);

  if (mode == MODE_MANUAL)
    {
      g_autoptr(GPtrArray) lines = manual_lines (script, step);

      sh_call (script, "by_hand");
      for (guint i = 0; g_ptr_array_index (lines, i) != NULL; i++)
        append_arg (script, g_ptr_array_index (lines, i));
      g_string_append_c (script->out, '\n');
      return;
    }

  switch (baton_step_get_action (step))
    {
    case BATON_ACTION_CHECK_EVENT_LOG:
      sh_call (script, "check_event_log");
      append_arg (script, node);
      break;

    case BATON_ACTION_PAUSE_NODE:
      sh_call (script, "pause_node");
      append_arg (script, node);
      break;

    case BATON_ACTION_RESUME_NODE:
      sh_call (script, "resume_node");
      append_arg (script, node);
      break;

    case BATON_ACTION_MOVE_GROUP:
      sh_call (script, "move_group");
      append_arg (script, group);
      append_arg (script, node);
      break;

    case BATON_ACTION_STOP_CLUSTER_SERVICE:
      sh_call (script, "stop_cluster_service");
      append_arg (script, node);
      break;

    case BATON_ACTION_START_CLUSTER_SERVICE:
      sh_call (script, "start_cluster_service");
      append_arg (script, node);
      break;

    case BATON_ACTION_TAKE_OFFLINE:
      sh_call (script, "take_offline");
      append_arg (script, group);
      break;

    case BATON_ACTION_BRING_ONLINE:
      sh_call (script, "bring_online");
      append_arg (script, group);
      break;

    case BATON_ACTION_INSTALL_UPDATE:
      sh_call (script, "install_update");
      append_arg (script, node);
      append_arg (script, baton_step_get_command (step, "pcs"));
      append_arg (script, g_strcmp0 (baton_step_get_family (step), "pacemaker") == 0
                            ? baton_step_get_version (step) : "");
      break;

    case BATON_ACTION_RESTART_NODE:
      sh_call (script, "restart_node");
      append_arg (script, node);
      break;

    case BATON_ACTION_WAIT_HEALTHY:
      sh_call (script, "wait_healthy");
      append_arg (script, node != NULL && baton_cluster_lookup_node (script->cluster, node)
                            ? node : "");
      break;

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
    case BATON_ACTION_MANUAL:
    default:
      g_assert_not_reached ();
    }

  g_string_append_c (script->out, '\n');
}

static void
sh_step (Script    *script,
         guint      number,
         BatonStep *step)
{
  StepMode mode = step_mode (script, step);

  g_string_append_printf (script->out, "\n# Step %u of %u (%s%s)\n", number, script->n_steps,
                          action_nick (baton_step_get_action (step)),
                          mode == MODE_AUTO ? "" : ", waits for you");
  g_string_append_printf (script->out, "if begin_step %u", number);
  append_arg (script, baton_step_get_summary (step));
  append_arg (script, baton_step_get_source (step));
  append_arg (script, baton_step_get_citation (step));
  g_string_append (script->out, mode == MODE_AUTO ? " && ask; then\n" : "; then\n");
  sh_step_body (script, step, mode);
  g_string_append (script->out, "fi\n");
}

static char *
generate_sh (Script *script)
{
  g_string_append (script->out, "#!/bin/sh\n");
  append_header_facts (script);
  append_lines (script, sh_usage);
  g_string_append_printf (script->out, "\nset -eu\n\nBATON_TOTAL=%u\n", script->n_steps);
  append_lines (script, sh_prelude);

  g_string_append (script->out, "\n# --- the plan ------------------------------------------"
                                "-----------------------\n");
  for (guint i = 0; i < script->n_steps; i++)
    sh_step (script, i + 1, baton_plan_get_step (script->plan, i));

  g_string_append (script->out,
                   "\nBATON_STEP=$BATON_TOTAL\n"
                   "say ''\n"
                   "if [ \"$BATON_SKIPPED\" -gt 0 ]; then\n"
                   "  say \"Finished: $BATON_TOTAL steps, $BATON_SKIPPED of them skipped "
                   "(see the warnings above).\"\n"
                   "else\n"
                   "  say \"Finished: all $BATON_TOTAL steps.\"\n"
                   "fi\n"
                   "exit 0\n");
  return g_string_free (g_steal_pointer (&script->out), FALSE);
}

/* --- PowerShell ---------------------------------------------------------------------- */

static const char * const ps_usage[] = {
  "# Run it in Windows PowerShell 5.1 as a cluster administrator, on a machine",
  "# with the Failover Clustering tools that reaches every node:",
  "#",
  "#     powershell.exe -ExecutionPolicy Bypass -File .\\upgrade.ps1 [-Yes] [-From N] [-Cluster NAME]",
  "#",
  "# Options:",
  "#   -Yes          do not ask before each automated step",
  "#   -From N       start at step N, for instance where the script stopped",
  "#   -Cluster NAME the cluster to connect to (default: the cluster of the plan)",
  "#",
  "# Before each step the script prints what the step does and which source",
  "# requires it, then asks \"Run step N? [y/s/q]\": y runs the step, s skips it",
  "# (with a warning), anything else (q, an empty answer) stops the script with",
  "# exit code 1 and says how to resume.",
  "#",
  "# Manual steps (backups, work in other tools, reading event logs, and any step",
  "# the plan has no command for) print what to do and ALWAYS wait until you type",
  "# \"done\" (s skips, anything else stops), even with -Yes.",
  "#",
  "# After each automated step the script checks that the cluster reached the",
  "# expected state.  It stops at the first error or failed check",
  "# ($ErrorActionPreference = 'Stop', Set-StrictMode, explicit checks) with exit",
  "# code 1: no later step runs.",
  "#",
  "# Install steps run the update command of the plan on their node through",
  "# Invoke-Command (WinRM).  Windows refuses some installers in a remote session",
  "# (wusa.exe among them): give such an update as a command that schedules it on",
  "# the node, or answer s at that step and install it by hand.",
  "#",
  "# The FailoverClusters cmdlets need Windows Server 2008 R2 or later.",
  NULL
};

static const char * const ps_prelude[] = {
  "Set-StrictMode -Version 3",
  "$ErrorActionPreference = 'Stop'",
  "$script:BatonStep = 0",
  "$script:BatonSkipped = 0",
  "",
  "# --- messages, answers and stops ---------------------------------------------",
  "",
  "# Stop with exit code 1 and say where to resume.",
  "function Stop-Baton([string]$Message, [int]$ResumeAt = 0) {",
  "  if ($ResumeAt -eq 0) { $ResumeAt = $script:BatonStep }",
  "  if ($Message) {",
  "    Write-Host ('ERROR: step {0} of {1}: {2}' -f $script:BatonStep, $BatonTotal, $Message) -ForegroundColor Red",
  "  }",
  "  Write-Host ('Stopped at step {0} of {1}. To resume, run: {2} -From {3}' -f $script:BatonStep, $BatonTotal, $PSCommandPath, $ResumeAt)",
  "  exit 1",
  "}",
  "",
  "# Any error that stops a cmdlet ends the script here.",
  "trap {",
  "  Stop-Baton ('{0}' -f $_.Exception.Message)",
  "}",
  "",
  "function Read-BatonAnswer([string]$Prompt) {",
  "  $answer = Read-Host $Prompt",
  "  if ($null -eq $answer) { return '' }",
  "  return $answer.Trim().ToLowerInvariant()",
  "}",
  "",
  "function Skip-BatonStep {",
  "  $script:BatonSkipped++",
  "  Write-Warning ('step {0} of {1} skipped: it did not run' -f $script:BatonStep, $BatonTotal)",
  "}",
  "",
  "# Before an automated step, unless -Yes: y runs it, s skips it, anything else stops.",
  "function Confirm-BatonStep {",
  "  if ($Yes) { return $true }",
  "  $answer = Read-BatonAnswer ('Run step {0}? [y/s/q]' -f $script:BatonStep)",
  "  if ($answer -eq 'y' -or $answer -eq 'yes') { return $true }",
  "  if ($answer -eq 's' -or $answer -eq 'skip') {",
  "    Skip-BatonStep",
  "    return $false",
  "  }",
  "  Stop-Baton ''",
  "}",
  "",
  "# Work for a person: waits for done even with -Yes.",
  "function Wait-BatonDone([string[]]$Lines) {",
  "  foreach ($line in $Lines) { Write-Host ('  ' + $line) }",
  "  $answer = Read-BatonAnswer 'Type done when finished (s skips, q stops)'",
  "  if ($answer -eq 'done') { return }",
  "  if ($answer -eq 's' -or $answer -eq 'skip') {",
  "    Skip-BatonStep",
  "    return",
  "  }",
  "  Stop-Baton ''",
  "}",
  "",
  "# Print the step; false before -From.",
  "function Enter-BatonStep([int]$Number, [string]$Summary, [string]$Source, [string]$Citation) {",
  "  $script:BatonStep = $Number",
  "  if ($Number -lt $From) {",
  "    Write-Host ('Step {0} of {1}: not run (-From {2})' -f $Number, $BatonTotal, $From)",
  "    return $false",
  "  }",
  "  Write-Host ''",
  "  Write-Host ('Step {0} of {1}: {2}' -f $Number, $BatonTotal, $Summary)",
  "  Write-Host ('  Source: {0}, {1}' -f $Source, $Citation)",
  "  return $true",
  "}",
  "",
  "function Get-BatonNodeState([string]$Node) {",
  "  return (Get-ClusterNode -Cluster $Cluster -Name $Node).State.ToString()",
  "}",
  "",
  "function Wait-BatonNodeState([string]$Node, [string[]]$States, [int]$Seconds) {",
  "  $deadline = (Get-Date).AddSeconds($Seconds)",
  "  while ($true) {",
  "    $state = Get-BatonNodeState $Node",
  "    if ($States -contains $state) { return }",
  "    if ((Get-Date) -ge $deadline) {",
  "      Stop-Baton ('node {0} is {1}, expected {2}' -f $Node, $state, ($States -join ' or '))",
  "    }",
  "    Start-Sleep -Seconds 5",
  "  }",
  "}",
  "",
  "function Wait-BatonGroupState([string]$Group, [string]$State, [int]$Seconds) {",
  "  $deadline = (Get-Date).AddSeconds($Seconds)",
  "  while ($true) {",
  "    $now = (Get-ClusterGroup -Cluster $Cluster -Name $Group).State.ToString()",
  "    if ($now -eq $State) { return }",
  "    if ((Get-Date) -ge $deadline) {",
  "      Stop-Baton ('group {0} is {1}, expected {2}' -f $Group, $now, $State)",
  "    }",
  "    Start-Sleep -Seconds 5",
  "  }",
  "}",
  "",
  "# --- one function per action ---------------------------------------------------",
  "",
  "function Suspend-BatonNode([string]$Node) {",
  "  Write-Host ('  + Suspend-ClusterNode -Name {0} -Drain -Wait' -f $Node)",
  "  Suspend-ClusterNode -Cluster $Cluster -Name $Node -Drain -Wait | Out-Host",
  "  Wait-BatonNodeState $Node @('Paused') 60",
  "  $n = Get-ClusterNode -Cluster $Cluster -Name $Node",
  "  if ($n.PSObject.Properties['DrainStatus'] -and $n.DrainStatus.ToString() -ne 'Completed') {",
  "    Stop-Baton ('draining {0} ended as {1}, expected Completed' -f $Node, $n.DrainStatus)",
  "  }",
  "}",
  "",
  "# Failback is left to the plan's own move steps.",
  "function Resume-BatonNode([string]$Node) {",
  "  Write-Host ('  + Resume-ClusterNode -Name {0} -Failback NoFailback' -f $Node)",
  "  Resume-ClusterNode -Cluster $Cluster -Name $Node -Failback NoFailback | Out-Host",
  "  Wait-BatonNodeState $Node @('Up') 60",
  "}",
  "",
  "function Test-BatonMove([string]$Group, [string]$Node, [string]$Before) {",
  "  $g = Get-ClusterGroup -Cluster $Cluster -Name $Group",
  "  if ($g.OwnerNode.Name -ne $Node) {",
  "    Stop-Baton ('group {0} is on {1} after the move, not on {2}' -f $Group, $g.OwnerNode.Name, $Node)",
  "  }",
  "  if ($Before -eq 'Online' -and $g.State.ToString() -ne 'Online') {",
  "    Stop-Baton ('group {0} is {1} on {2} after the move, expected Online' -f $Group, $g.State, $Node)",
  "  }",
  "}",
  "",
  "function Move-BatonGroup([string]$Group, [string]$Node) {",
  "  $before = (Get-ClusterGroup -Cluster $Cluster -Name $Group).State.ToString()",
  "  Write-Host ('  + Move-ClusterGroup -Name {0} -Node {1} -Wait 300' -f $Group, $Node)",
  "  Move-ClusterGroup -Cluster $Cluster -Name $Group -Node $Node -Wait 300 | Out-Host",
  "  Test-BatonMove $Group $Node $before",
  "}",
  "",
  "# Exchange 2007 moves a clustered mailbox server with its own cmdlet.",
  "function Move-BatonMailboxServer([string]$Group, [string]$Node) {",
  "  if (-not (Get-Command Move-ClusteredMailboxServer -ErrorAction SilentlyContinue)) {",
  "    Add-PSSnapin Microsoft.Exchange.Management.PowerShell.Admin",
  "  }",
  "  $before = (Get-ClusterGroup -Cluster $Cluster -Name $Group).State.ToString()",
  "  Write-Host ('  + Move-ClusteredMailboxServer -Identity {0} -TargetMachine {1}' -f $Group, $Node)",
  "  Move-ClusteredMailboxServer -Identity $Group -TargetMachine $Node -MoveComment 'Rolling upgrade (Baton)' -Confirm:$false | Out-Host",
  "  Test-BatonMove $Group $Node $before",
  "}",
  "",
  "function Stop-BatonClusterService([string]$Node) {",
  "  Write-Host ('  + Stop-ClusterNode -Name {0}' -f $Node)",
  "  Stop-ClusterNode -Cluster $Cluster -Name $Node | Out-Host",
  "  Wait-BatonNodeState $Node @('Down') 120",
  "}",
  "",
  "function Start-BatonClusterService([string]$Node) {",
  "  if (@('Up', 'Paused') -contains (Get-BatonNodeState $Node)) {",
  "    Write-Host ('  The cluster service of {0} already runs.' -f $Node)",
  "    return",
  "  }",
  "  Write-Host ('  + Start-ClusterNode -Name {0}' -f $Node)",
  "  Start-ClusterNode -Cluster $Cluster -Name $Node | Out-Host",
  "  Wait-BatonNodeState $Node @('Up', 'Paused') 300",
  "}",
  "",
  "function Stop-BatonGroup([string]$Group) {",
  "  Write-Host ('  + Stop-ClusterGroup -Name {0}' -f $Group)",
  "  Stop-ClusterGroup -Cluster $Cluster -Name $Group | Out-Host",
  "  Wait-BatonGroupState $Group 'Offline' 300",
  "}",
  "",
  "function Start-BatonGroup([string]$Group) {",
  "  Write-Host ('  + Start-ClusterGroup -Name {0}' -f $Group)",
  "  Start-ClusterGroup -Cluster $Cluster -Name $Group | Out-Host",
  "  Wait-BatonGroupState $Group 'Online' 300",
  "}",
  "",
  "function Set-BatonPossibleOwners([string]$Group, [string[]]$Owners) {",
  "  $resources = @(Get-ClusterGroup -Cluster $Cluster -Name $Group | Get-ClusterResource)",
  "  Write-Host ('  + Set-ClusterOwnerNode -Owners {0} (every resource of {1})' -f ($Owners -join ', '), $Group)",
  "  foreach ($r in $resources) {",
  "    $r | Set-ClusterOwnerNode -Owners $Owners | Out-Host",
  "  }",
  "  $want = @($Owners | Sort-Object) -join [char]10",
  "  foreach ($r in $resources) {",
  "    $have = @((Get-ClusterOwnerNode -InputObject $r).OwnerNodes | ForEach-Object { $_.Name } | Sort-Object)",
  "    if (($have -join [char]10) -ne $want) {",
  "      Stop-Baton ('the possible owners of {0} are {1}, expected {2}' -f $r.Name, ($have -join ', '), ($Owners -join ', '))",
  "    }",
  "  }",
  "}",
  "",
  "# The administrator's own update command, on the node; 3010 and 1641 mean",
  "# installed, restart pending.",
  "function Install-BatonUpdate([string]$Node, [string]$Shell, [string]$Command) {",
  "  Write-Host ('  + [{0}] {1}' -f $Node, $Command)",
  "  $output = Invoke-Command -ComputerName $Node -ArgumentList $Shell, $Command -ScriptBlock {",
  "    param([string]$Shell, [string]$Command)",
  "    $global:LASTEXITCODE = 0",
  "    if ($Shell -eq 'cmd') {",
  "      cmd.exe /c $Command | Out-Host",
  "    } else {",
  "      & ([scriptblock]::Create($Command)) | Out-Host",
  "    }",
  "    $LASTEXITCODE",
  "  }",
  "  $code = @($output)[-1]",
  "  if ($code -eq 3010 -or $code -eq 1641) {",
  "    Write-Warning ('{0} needs a restart to finish the update (exit code {1})' -f $Node, $code)",
  "  } elseif ($code -ne 0) {",
  "    Stop-Baton ('the update command ended with exit code {0} on {1}' -f $code, $Node)",
  "  }",
  "}",
  "",
  "function Restart-BatonNode([string]$Node) {",
  "  if ($Node -eq $env:COMPUTERNAME) {",
  "    Write-Host ('  This machine is {0}: restart it yourself, then run this script again.' -f $Node)",
  "    Stop-Baton '' ($script:BatonStep + 1)",
  "  }",
  "  $boot = (Get-CimInstance -ClassName Win32_OperatingSystem -ComputerName $Node).LastBootUpTime",
  "  Write-Host ('  + Restart-Computer -ComputerName {0} -Wait -For PowerShell -Timeout 900 -Force' -f $Node)",
  "  Restart-Computer -ComputerName $Node -Wait -For PowerShell -Timeout 900 -Force",
  "  $now = (Get-CimInstance -ClassName Win32_OperatingSystem -ComputerName $Node).LastBootUpTime",
  "  if ($now -le $boot) {",
  "    Stop-Baton ('{0} did not restart (last boot {1})' -f $Node, $now)",
  "  }",
  "}",
  "",
  "function Show-BatonEventLog([string]$Node) {",
  "  Write-Host ('  + Get-WinEvent -ComputerName {0} (System log, errors of the last hour)' -f $Node)",
  "  try {",
  "    Get-WinEvent -ComputerName $Node -FilterHashtable @{LogName='System'; Level=1,2; StartTime=(Get-Date).AddHours(-1)} -ErrorAction SilentlyContinue |",
  "      Format-Table -AutoSize -Wrap TimeCreated, Id, ProviderName, Message | Out-Host",
  "  } catch {",
  "    Write-Warning ('could not read the event log of {0}: {1}' -f $Node, $_.Exception.Message)",
  "  }",
  "}",
  "",
  "# Every group online but those the plan keeps offline, and the node (if any) up.",
  "function Wait-BatonHealthy([string]$Node, [string[]]$Offline) {",
  "  $deadline = (Get-Date).AddSeconds(300)",
  "  while ($true) {",
  "    $bad = @(Get-ClusterGroup -Cluster $Cluster | Where-Object { $_.State.ToString() -ne 'Online' -and $Offline -notcontains $_.Name })",
  "    $nodeOk = (-not $Node) -or (@('Up', 'Paused') -contains (Get-BatonNodeState $Node))",
  "    if ($bad.Count -eq 0 -and $nodeOk) { return }",
  "    if ((Get-Date) -ge $deadline) {",
  "      $names = @($bad | ForEach-Object { $_.Name }) -join ', '",
  "      Stop-Baton ('the cluster is not healthy after 300 s (groups not online: {0}; node ok: {1})' -f $names, $nodeOk)",
  "    }",
  "    Start-Sleep -Seconds 5",
  "  }",
  "}",
  NULL
};

static void
ps_call (Script     *script,
         const char *function)
{
  g_string_append_printf (script->out, "  %s", function);
}

static void
ps_step_body (Script    *script,
              BatonStep *step,
              StepMode   mode)
{
  const char *node = baton_step_get_node (step);
  const char *group = baton_step_get_group (step);

  if (mode == MODE_MANUAL || mode == MODE_LOG)
    {
      g_autoptr(GPtrArray) lines = manual_lines (script, step);

      if (mode == MODE_LOG)
        {
          ps_call (script, "Show-BatonEventLog");
          append_ps_param (script, "Node", node);
          g_string_append_c (script->out, '\n');
          g_ptr_array_insert (lines, 1,
                              g_strdup ("Read the errors above. Type done only if nothing needs "
                                        "attention; else type q, deal with it, and resume."));
        }

      ps_call (script, "Wait-BatonDone -Lines @(");
      for (guint i = 0; g_ptr_array_index (lines, i) != NULL; i++)
        {
          g_autofree char *quoted = baton_quote_powershell (g_ptr_array_index (lines, i));

          g_string_append_printf (script->out, "%s%s", i > 0 ? ", " : "", quoted);
        }
      g_string_append (script->out, ")\n");
      return;
    }

  switch (baton_step_get_action (step))
    {
    case BATON_ACTION_PAUSE_NODE:
      ps_call (script, "Suspend-BatonNode");
      append_ps_param (script, "Node", node);
      break;

    case BATON_ACTION_RESUME_NODE:
      ps_call (script, "Resume-BatonNode");
      append_ps_param (script, "Node", node);
      break;

    case BATON_ACTION_MOVE_GROUP:
      {
        BatonGroup *g = baton_cluster_lookup_group (script->cluster, group);
        gboolean mailbox = g != NULL &&
                           baton_group_get_kind (g) == BATON_GROUP_KIND_CLUSTERED_MAILBOX_SERVER;

        ps_call (script, mailbox ? "Move-BatonMailboxServer" : "Move-BatonGroup");
        append_ps_param (script, "Group", group);
        append_ps_param (script, "Node", node);
      }
      break;

    case BATON_ACTION_STOP_CLUSTER_SERVICE:
      ps_call (script, "Stop-BatonClusterService");
      append_ps_param (script, "Node", node);
      break;

    case BATON_ACTION_START_CLUSTER_SERVICE:
      ps_call (script, "Start-BatonClusterService");
      append_ps_param (script, "Node", node);
      break;

    case BATON_ACTION_TAKE_OFFLINE:
      ps_call (script, "Stop-BatonGroup");
      append_ps_param (script, "Group", group);
      break;

    case BATON_ACTION_BRING_ONLINE:
      ps_call (script, "Start-BatonGroup");
      append_ps_param (script, "Group", group);
      break;

    case BATON_ACTION_SET_POSSIBLE_OWNERS:
      ps_call (script, "Set-BatonPossibleOwners");
      append_ps_param (script, "Group", group);
      append_ps_array (script, "Owners", baton_step_get_owners (step));
      break;

    case BATON_ACTION_INSTALL_UPDATE:
      {
        const char *shell;
        const char *command = ps_update_command (step, &shell);

        ps_call (script, "Install-BatonUpdate");
        append_ps_param (script, "Node", node);
        append_ps_param (script, "Shell", shell);
        append_ps_param (script, "Command", command);
      }
      break;

    case BATON_ACTION_RESTART_NODE:
      ps_call (script, "Restart-BatonNode");
      append_ps_param (script, "Node", node);
      break;

    case BATON_ACTION_WAIT_HEALTHY:
      {
        g_autofree const char **offline = offline_groups (script);

        ps_call (script, "Wait-BatonHealthy");
        append_ps_param (script, "Node",
                         node != NULL && baton_cluster_lookup_node (script->cluster, node)
                           ? node : "");
        append_ps_array (script, "Offline", offline);
      }
      break;

    case BATON_ACTION_CHECK_EVENT_LOG:
    case BATON_ACTION_CONFIRM_BACKUP:
    case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
    case BATON_ACTION_MANUAL:
    default:
      g_assert_not_reached ();
    }

  g_string_append_c (script->out, '\n');
}

static void
ps_step (Script    *script,
         guint      number,
         BatonStep *step)
{
  StepMode mode = step_mode (script, step);

  g_string_append_printf (script->out, "\n# Step %u of %u (%s%s)\n", number, script->n_steps,
                          action_nick (baton_step_get_action (step)),
                          mode == MODE_AUTO ? "" : ", waits for you");
  g_string_append_printf (script->out, "if ((Enter-BatonStep -Number %u", number);
  append_ps_param (script, "Summary", baton_step_get_summary (step));
  append_ps_param (script, "Source", baton_step_get_source (step));
  append_ps_param (script, "Citation", baton_step_get_citation (step));
  g_string_append (script->out, mode == MODE_AUTO ? ") -and (Confirm-BatonStep)) {\n"
                                                  : ")) {\n");
  ps_step_body (script, step, mode);
  g_string_append (script->out, "}\n");
  track_offline (script, step);
}

static void
append_ps_platform_note (Script *script)
{
  switch (baton_cluster_get_platform (script->cluster))
    {
    case BATON_PLATFORM_WINDOWS_NT4:
    case BATON_PLATFORM_WINDOWS_2000:
    case BATON_PLATFORM_WINDOWS_2003:
      append_comment (script, "This cluster's platform predates them: the cmdlets cannot drive");
      append_comment (script, "its nodes. Follow the cluster.exe commands of the runbook instead;");
      append_comment (script, "this script still lists every step in order.");
      break;

    case BATON_PLATFORM_WINDOWS_2008:
      append_comment (script, "Windows Server 2008 without R2 has no FailoverClusters module: on it,");
      append_comment (script, "follow the cluster.exe commands of the runbook instead.");
      break;

    case BATON_PLATFORM_WSFC:
    case BATON_PLATFORM_PACEMAKER:
    default:
      break;
    }
}

static char *
generate_powershell (Script *script)
{
  g_autofree char *cluster = baton_quote_powershell (baton_cluster_get_name (script->cluster));
  GListModel *groups = baton_cluster_get_groups (script->cluster);

  /* A UTF-8 byte-order mark: Windows PowerShell 5.1 reads a .ps1 without one
   * in the ANSI code page, which would garble non-ASCII names. */
  g_string_append (script->out, "\xEF\xBB\xBF#Requires -Modules FailoverClusters\n");
  append_header_facts (script);
  append_lines (script, ps_usage);
  append_ps_platform_note (script);

  g_string_append_printf (script->out,
                          "\nparam(\n"
                          "  [switch]$Yes,\n"
                          "  [ValidateRange(1, 2147483647)][int]$From = 1,\n"
                          "  [string]$Cluster = %s\n"
                          ")\n\n"
                          "$BatonTotal = %u\n\n",
                          cluster, script->n_steps);
  append_lines (script, ps_prelude);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (groups, i);

      if (baton_group_get_state (group) == BATON_GROUP_STATE_OFFLINE)
        g_hash_table_add (script->offline, g_strdup (baton_group_get_name (group)));
    }

  g_string_append (script->out, "\n# --- the plan ------------------------------------------"
                                "-----------------------\n");
  for (guint i = 0; i < script->n_steps; i++)
    ps_step (script, i + 1, baton_plan_get_step (script->plan, i));

  g_string_append (script->out,
                   "\n$script:BatonStep = $BatonTotal\n"
                   "Write-Host ''\n"
                   "if ($script:BatonSkipped -gt 0) {\n"
                   "  Write-Host ('Finished: {0} steps, {1} of them skipped (see the warnings "
                   "above).' -f $BatonTotal, $script:BatonSkipped)\n"
                   "} else {\n"
                   "  Write-Host ('Finished: all {0} steps.' -f $BatonTotal)\n"
                   "}\n"
                   "exit 0\n");
  return g_string_free (g_steal_pointer (&script->out), FALSE);
}

/* --- public API ------------------------------------------------------------------------ */

/**
 * baton_script_supports:
 * @kind: the script language
 * @cluster: the cluster the script is for
 *
 * Shell scripts drive the Pacemaker tools, PowerShell scripts the
 * FailoverClusters cmdlets of every Windows platform.
 *
 * Returns: whether a @kind script fits @cluster
 */
gboolean
baton_script_supports (BatonScriptKind  kind,
                       BatonCluster    *cluster)
{
  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), FALSE);

  if (kind == BATON_SCRIPT_SH)
    return baton_cluster_get_platform (cluster) == BATON_PLATFORM_PACEMAKER;
  if (kind == BATON_SCRIPT_POWERSHELL)
    return is_windows (baton_cluster_get_platform (cluster));
  return FALSE;
}

/**
 * baton_script_generate:
 * @kind: the script language
 * @plan: the plan to carry out, in its list order
 * @cluster: the cluster @plan was made for
 * @error: %BATON_EXPORT_ERROR_UNSUPPORTED when @kind does not fit @cluster
 *
 * Returns: (transfer full) (nullable): the whole script
 */
char *
baton_script_generate (BatonScriptKind   kind,
                       BatonPlan        *plan,
                       BatonCluster     *cluster,
                       GError          **error)
{
  g_autoptr(GHashTable) offline = NULL;
  Script script = { 0 };

  g_return_val_if_fail (BATON_IS_PLAN (plan), NULL);
  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!baton_script_supports (kind, cluster))
    {
      const char *platform = baton_platform_to_label (baton_cluster_get_platform (cluster));

      if (kind == BATON_SCRIPT_SH)
        g_set_error (error, BATON_EXPORT_ERROR, BATON_EXPORT_ERROR_UNSUPPORTED,
                     _("A shell script drives the Pacemaker tools; “%s” is a %s cluster: "
                       "export a PowerShell script (ps1) instead"),
                     baton_cluster_get_name (cluster), platform);
      else
        g_set_error (error, BATON_EXPORT_ERROR, BATON_EXPORT_ERROR_UNSUPPORTED,
                     _("A PowerShell script drives the FailoverClusters cmdlets of Windows; "
                       "“%s” is a %s cluster: export a shell script (sh) instead"),
                     baton_cluster_get_name (cluster), platform);
      return NULL;
    }

  offline = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  script.kind = kind;
  script.plan = plan;
  script.cluster = cluster;
  script.out = g_string_sized_new (32 * 1024);
  script.n_steps = baton_plan_get_n_steps (plan);
  script.offline = offline;

  if (kind == BATON_SCRIPT_SH)
    return generate_sh (&script);
  return generate_powershell (&script);
}
