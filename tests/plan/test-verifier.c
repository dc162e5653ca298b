/* test-verifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests of the plan verifier and estimate.  Most plans are variants of
 * one correct rolling upgrade of a three-node Exchange cluster, each
 * breaking exactly one invariant, so a test can say which findings it
 * expects down to the step; the names carry quotes, "$" and "%s" so that
 * a name used as a format string would show.
 */

#include "config.h"

#include <string.h>

#include "baton-cluster-file.h"
#include "baton-plan.h"
#include "baton-verifier.h"

#define NODE_C "NODE \"C\" $1"
#define EVS2   "EVS2 \"$HOME\" 100%s"

static const char rolling_cluster_json[] =
  "{\"format\": \"baton-cluster/1\", \"name\": \"EXCLUSTER\", \"platform\": \"windows-2003\","
  " \"nodes\": ["
  "  {\"name\": \"NODE-A\", \"state\": \"up\", \"capacity\": 100,"
  "   \"software\": {\"windows\": \"2003 SP1\", \"exchange\": \"2003 SP1\"}},"
  "  {\"name\": \"NODE-B\", \"state\": \"up\", \"capacity\": 100,"
  "   \"software\": {\"windows\": \"2003 SP1\", \"exchange\": \"2003 SP1\"}},"
  "  {\"name\": \"NODE \\\"C\\\" $1\", \"state\": \"up\", \"capacity\": 50,"
  "   \"software\": {\"exchange\": \"2003 SP1\"}}],"
  " \"groups\": ["
  "  {\"name\": \"EVS1\", \"kind\": \"exchange-virtual-server\", \"owner\": \"NODE-A\","
  "   \"preferred_owners\": [\"NODE-A\", \"NODE-B\"], \"load\": 40},"
  "  {\"name\": \"EVS2 \\\"$HOME\\\" 100%s\", \"kind\": \"exchange-virtual-server\","
  "   \"owner\": \"NODE-B\", \"possible_owners\": [\"NODE-A\", \"NODE-B\"], \"load\": 30},"
  "  {\"name\": \"FS\", \"kind\": \"file-share\", \"owner\": \"NODE \\\"C\\\" $1\", \"load\": 20}],"
  " \"servers\": ["
  "  {\"name\": \"FE1\", \"role\": \"front-end\", \"software\": {\"exchange\": \"2003 SP1\"}},"
  "  {\"name\": \"MON\", \"role\": \"standalone\", \"software\": {\"windows\": \"2003 SP1\"}}]}";

typedef enum
{
  VARIANT_GOOD,
  VARIANT_STRUCTURE,         /* a dependency on a missing step, an unknown node */
  VARIANT_NO_DRAIN,          /* NODE-A updated and restarted while it owns EVS1 */
  VARIANT_WAIVED,            /* the same, and the install step waives it */
  VARIANT_MOVE_TO_PAUSED,    /* NODE-A resumed too late: groups move to it paused */
  VARIANT_CAPACITY,          /* EVS1 drained to the small node C */
  VARIANT_END_VERSION,       /* FE1 never updated */
  VARIANT_END_PREFERRED,     /* EVS2 never moved back */
  VARIANT_END_ONLINE,        /* EVS1 and FE1 taken offline at the end */
  VARIANT_END_PAUSED,        /* NODE-B paused at the end */
  VARIANT_END_SERVICE,       /* the Cluster service of node C stopped at the end */
  VARIANT_UPGRADE_SOURCE,    /* NODE-A updated past the target */
} Variant;

static BatonCluster *
load_cluster (const char *json)
{
  g_autoptr(GError) error = NULL;
  BatonCluster *cluster;

  cluster = baton_cluster_load_from_data (json, -1, "test.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (cluster);
  return cluster;
}

static BatonStep *
add (BatonPlan   *plan,
     BatonAction  action,
     const char  *node,
     const char  *group,
     guint        duration,
     guint        after)
{
  BatonStep *step = baton_plan_add_step (plan, action);

  baton_step_set_node (step, node);
  baton_step_set_group (step, group);
  baton_step_set_duration (step, duration);
  if (after != 0)
    baton_step_add_after (step, after);
  return step;
}

/* A correct rolling update to Exchange 2003 SP2, or one of its variants. */
static BatonPlan *
build_rolling_plan (Variant variant)
{
  BatonPlan *plan = baton_plan_new ("EXCLUSTER", "exchange-2003-sp", "2003 SP2", "rolling");
  gboolean no_drain = variant == VARIANT_NO_DRAIN || variant == VARIANT_WAIVED;
  BatonStep *step;

  /* 1 */
  if (no_drain)
    add (plan, BATON_ACTION_CHECK_EVENT_LOG, "NODE-A", NULL, 5, 0);
  else
    add (plan, BATON_ACTION_MOVE_GROUP, variant == VARIANT_CAPACITY ? NODE_C : "NODE-B", "EVS1",
         60, 0);
  /* 2-5 */
  add (plan, BATON_ACTION_PAUSE_NODE, "NODE-A", NULL, 10, 1);
  step = add (plan, BATON_ACTION_INSTALL_UPDATE, "NODE-A", NULL, 600, 2);
  if (variant == VARIANT_UPGRADE_SOURCE)
    baton_step_set_version (step, "2003 SP3");
  if (variant == VARIANT_WAIVED)
    baton_step_set_waives (step, BATON_INVARIANT_UPDATE_WHILE_OWNING);
  add (plan, BATON_ACTION_RESTART_NODE, "NODE-A", NULL, 300, 3);
  if (variant == VARIANT_MOVE_TO_PAUSED)
    add (plan, BATON_ACTION_WAIT_HEALTHY, "NODE-A", NULL, 10, 4);
  else
    add (plan, BATON_ACTION_RESUME_NODE, "NODE-A", NULL, 10, 4);
  /* 6-12 */
  add (plan, BATON_ACTION_MOVE_GROUP, "NODE-A", "EVS1", 60, 5);
  add (plan, BATON_ACTION_MOVE_GROUP, "NODE-A", EVS2, 60, 6);
  add (plan, BATON_ACTION_PAUSE_NODE, "NODE-B", NULL, 10, 7);
  add (plan, BATON_ACTION_INSTALL_UPDATE, "NODE-B", NULL, 600, 8);
  add (plan, BATON_ACTION_RESTART_NODE, "NODE-B", NULL, 300, 9);
  add (plan, BATON_ACTION_RESUME_NODE, "NODE-B", NULL, 10, 10);
  if (variant == VARIANT_END_PREFERRED)
    add (plan, BATON_ACTION_CHECK_EVENT_LOG, "NODE-B", NULL, 5, 11);
  else
    add (plan, BATON_ACTION_MOVE_GROUP, "NODE-B", EVS2, 60, 11);
  /* 13-18 */
  add (plan, BATON_ACTION_MOVE_GROUP, "NODE-B", "FS", 60, 12);
  add (plan, BATON_ACTION_PAUSE_NODE, NODE_C, NULL, 10, 13);
  add (plan, BATON_ACTION_INSTALL_UPDATE, NODE_C, NULL, 600, 14);
  add (plan, BATON_ACTION_RESTART_NODE, NODE_C, NULL, 300, 15);
  add (plan, BATON_ACTION_RESUME_NODE, NODE_C, NULL, 10, 16);
  add (plan, BATON_ACTION_MOVE_GROUP, NODE_C, "FS", 60, 17);
  /* 19: the front-end, in parallel with everything */
  if (variant == VARIANT_END_VERSION)
    step = add (plan, BATON_ACTION_CHECK_EVENT_LOG, "FE1", NULL, 5, 0);
  else
    step = add (plan, BATON_ACTION_INSTALL_UPDATE, "FE1", NULL, 600, 0);
  if (variant == VARIANT_STRUCTURE)
    baton_step_add_after (step, 30);
  /* 20 */
  add (plan, BATON_ACTION_UPGRADE_VIRTUAL_SERVER, "NODE-A", "EVS1", 120, 18);

  switch (variant)
    {
    case VARIANT_STRUCTURE:
      add (plan, BATON_ACTION_CHECK_EVENT_LOG, "GHOST", NULL, 5, 20);
      break;

    case VARIANT_MOVE_TO_PAUSED:
      add (plan, BATON_ACTION_RESUME_NODE, "NODE-A", NULL, 10, 20);
      break;

    case VARIANT_END_ONLINE:
      add (plan, BATON_ACTION_TAKE_OFFLINE, NULL, "EVS1", 10, 20);
      add (plan, BATON_ACTION_TAKE_OFFLINE, "FE1", NULL, 10, 20);
      break;

    case VARIANT_END_PAUSED:
      add (plan, BATON_ACTION_PAUSE_NODE, "NODE-B", NULL, 10, 20);
      break;

    case VARIANT_END_SERVICE:
      add (plan, BATON_ACTION_TAKE_OFFLINE, NULL, "FS", 10, 20);
      add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, NODE_C, NULL, 10, 21);
      add (plan, BATON_ACTION_BRING_ONLINE, NULL, "FS", 10, 22);
      break;

    case VARIANT_GOOD:
    case VARIANT_NO_DRAIN:
    case VARIANT_WAIVED:
    case VARIANT_CAPACITY:
    case VARIANT_END_VERSION:
    case VARIANT_END_PREFERRED:
    case VARIANT_UPGRADE_SOURCE:
    default:
      break;
    }

  return plan;
}

/* "invariant@step ..." in report order, for readable assertions. */
static char *
describe (GPtrArray *findings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      BatonFinding *finding = g_ptr_array_index (findings, i);

      g_assert_nonnull (finding->message);
      g_test_message ("%s", finding->message);
      g_string_append_printf (out, "%s%s@%u%s", i > 0 ? " " : "", finding->invariant,
                              finding->step_id, finding->waived ? "(waived)" : "");
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
verify_variant (Variant variant)
{
  g_autoptr(BatonCluster) cluster = load_cluster (rolling_cluster_json);
  g_autoptr(BatonPlan) plan = build_rolling_plan (variant);

  return baton_plan_verify (plan, cluster, "exchange");
}

static void
assert_variant (Variant     variant,
                const char *expected)
{
  g_autoptr(GPtrArray) findings = verify_variant (variant);
  g_autofree char *found = describe (findings);

  g_assert_cmpstr (found, ==, expected);
}

static BatonFinding *
find (GPtrArray  *findings,
      const char *invariant,
      guint       step_id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      BatonFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->invariant, invariant) && finding->step_id == step_id)
        return finding;
    }

  return NULL;
}

static void
test_good_plan (void)
{
  assert_variant (VARIANT_GOOD, "");
}

static void
test_structure (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster (rolling_cluster_json);
  g_autoptr(BatonPlan) plan = build_rolling_plan (VARIANT_STRUCTURE);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *found = NULL;
  BatonStep *step;

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_STRUCTURE, "structure@19 structure@21");

  /* A step on a server where a node is needed, a missing group, a missing
   * name, a possible owner that is no node: no effect, only STRUCTURE. */
  step = add (plan, BATON_ACTION_PAUSE_NODE, "FE1", NULL, 1, 0);
  step = add (plan, BATON_ACTION_MOVE_GROUP, "NODE-A", "NO SUCH GROUP", 1, 0);
  step = add (plan, BATON_ACTION_RESTART_NODE, NULL, NULL, 1, 0);
  step = add (plan, BATON_ACTION_SET_POSSIBLE_OWNERS, NULL, "EVS1", 1, 0);
  baton_step_set_owners (step, (const char * const[]) { "NODE-A", "FE1", NULL });
  step = add (plan, BATON_ACTION_TAKE_OFFLINE, NULL, NULL, 1, 0);
  findings = baton_plan_verify (plan, cluster, "exchange");
  found = describe (findings);
  g_assert_cmpstr (found, ==,
                   "structure@19 structure@21 structure@22 structure@23 structure@24 "
                   "structure@25 structure@26");
  g_assert_nonnull (strstr (find (findings, "structure", 19)->message, "30"));
  g_assert_nonnull (strstr (find (findings, "structure", 21)->message, "“GHOST”"));
  g_assert_nonnull (strstr (find (findings, "structure", 22)->message, "“FE1”"));
  g_assert_nonnull (strstr (find (findings, "structure", 23)->message, "“NO SUCH GROUP”"));

  /* The estimate of such a plan still works (the broken edge is left out). */
  baton_plan_estimate (plan, cluster);
  g_assert_cmpuint (baton_plan_get_makespan (plan), >, 0);
}

static void
test_bad_versions (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster (rolling_cluster_json);
  g_autoptr(BatonPlan) plan = baton_plan_new ("EXCLUSTER", "exchange-2003-sp", "banana", "rolling");
  g_autoptr(BatonPlan) plan2 = build_rolling_plan (VARIANT_GOOD);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) findings2 = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found2 = NULL;

  findings = baton_plan_verify (plan, cluster, "exchange");
  found = describe (findings);
  g_assert_cmpstr (found, ==, "structure@0");
  g_assert_nonnull (strstr (find (findings, "structure", 0)->message, "“banana”"));

  /* An install-update whose version does not parse. */
  baton_step_set_version (baton_plan_lookup_step (plan2, 19), "2003 SP?");
  findings2 = baton_plan_verify (plan2, cluster, "exchange");
  found2 = describe (findings2);
  g_assert_cmpstr (found2, ==, "structure@19 end-version@0");
}

static void
test_update_while_owning (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_NO_DRAIN);
  BatonFinding *finding;

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_NO_DRAIN, "update-while-owning@3 update-while-owning@4");

  finding = find (findings, BATON_INVARIANT_UPDATE_WHILE_OWNING, 3);
  g_assert_nonnull (finding);
  g_assert_false (finding->waived);
  g_assert_nonnull (strstr (finding->message, "Step 3 (install-update)"));
  g_assert_nonnull (strstr (finding->message, "“NODE-A”"));
  g_assert_nonnull (strstr (finding->message, "“EVS1”"));
}

static void
test_stop_service_while_owning (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster (rolling_cluster_json);
  g_autoptr(BatonPlan) plan = baton_plan_new ("EXCLUSTER", "p", "2003 SP1", "rolling");
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *found = NULL;

  /* An offline group does not count; an online one does. */
  add (plan, BATON_ACTION_TAKE_OFFLINE, NULL, "FS", 10, 0);
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, NODE_C, NULL, 10, 1);
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, NODE_C, NULL, 10, 2);
  add (plan, BATON_ACTION_BRING_ONLINE, NULL, "FS", 10, 3);
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "NODE-B", NULL, 10, 4);
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "NODE-B", NULL, 10, 5);
  findings = baton_plan_verify (plan, cluster, "exchange");
  found = describe (findings);
  g_assert_cmpstr (found, ==, "update-while-owning@5");
  g_assert_nonnull (strstr (find (findings, "update-while-owning", 5)->message, "“" EVS2 "”"));
}

static void
test_move_target (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_MOVE_TO_PAUSED);

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_MOVE_TO_PAUSED, "move-target@6 move-target@7");
  g_assert_cmpstr (find (findings, "move-target", 6)->message, ==,
                   "Step 6 (move-group): “EVS1” cannot move to “NODE-A”: the node is paused");
}

static void
test_move_target_reasons (void)
{
  static const char json[] =
    "{\"format\": \"baton-cluster/1\", \"name\": \"M\", \"platform\": \"wsfc\","
    " \"nodes\": [{\"name\": \"A\", \"state\": \"up\"}, {\"name\": \"B\", \"state\": \"up\"},"
    "  {\"name\": \"C\", \"state\": \"down\"}, {\"name\": \"D\", \"state\": \"paused\"}],"
    " \"groups\": [{\"name\": \"G\", \"kind\": \"generic\", \"owner\": \"A\"},"
    "  {\"name\": \"H\", \"kind\": \"generic\", \"owner\": \"A\", \"possible_owners\": [\"A\"]}],"
    " \"servers\": [{\"name\": \"S\", \"role\": \"standalone\"}]}";
  g_autoptr(BatonCluster) cluster = load_cluster (json);
  g_autoptr(BatonPlan) plan = baton_plan_new ("M", "p", "1.0", "rolling");
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *found = NULL;
  BatonStep *step;

  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "B", NULL, 10, 0);
  add (plan, BATON_ACTION_MOVE_GROUP, "B", "G", 10, 1);       /* service stopped */
  add (plan, BATON_ACTION_MOVE_GROUP, "C", "G", 10, 2);       /* down */
  add (plan, BATON_ACTION_MOVE_GROUP, "D", "G", 10, 3);       /* paused */
  add (plan, BATON_ACTION_MOVE_GROUP, "B", "H", 10, 4);       /* not a possible owner */
  add (plan, BATON_ACTION_MOVE_GROUP, "S", "G", 10, 5);       /* a server: structure */
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "B", NULL, 10, 6);
  add (plan, BATON_ACTION_MOVE_GROUP, "B", "G", 10, 7);       /* fine now */
  add (plan, BATON_ACTION_MOVE_GROUP, "A", "G", 10, 8);
  /* Possible owners changed by the plan count from then on. */
  step = add (plan, BATON_ACTION_SET_POSSIBLE_OWNERS, NULL, "H", 10, 9);
  baton_step_set_owners (step, (const char * const[]) { "A", "B", NULL });
  add (plan, BATON_ACTION_MOVE_GROUP, "B", "H", 10, 10);
  add (plan, BATON_ACTION_MOVE_GROUP, "A", "H", 10, 11);
  findings = baton_plan_verify (plan, cluster, "exchange");
  found = describe (findings);
  g_assert_cmpstr (found, ==, "move-target@2 move-target@3 move-target@4 move-target@5 structure@6");
  g_assert_nonnull (strstr (find (findings, "move-target", 2)->message, "Cluster service"));
  g_assert_nonnull (strstr (find (findings, "move-target", 3)->message, "down"));
  g_assert_nonnull (strstr (find (findings, "move-target", 4)->message, "paused"));
  g_assert_nonnull (strstr (find (findings, "move-target", 5)->message, "possible owners"));
}

static void
test_capacity (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_CAPACITY);
  BatonFinding *finding;

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_CAPACITY, "capacity@1");
  finding = find (findings, BATON_INVARIANT_CAPACITY, 1);
  g_assert_nonnull (strstr (finding->message, "“" NODE_C "”"));
  g_assert_nonnull (strstr (finding->message, "60"));
  g_assert_nonnull (strstr (finding->message, "50"));
}

static const char quorum_cluster_json[] =
  "{\"format\": \"baton-cluster/1\", \"name\": \"PCMK\", \"platform\": \"pacemaker\","
  " \"nodes\": [{\"name\": \"N1\", \"state\": \"up\"}, {\"name\": \"N2\", \"state\": \"up\"},"
  "  {\"name\": \"N3\", \"state\": \"up\"}],"
  " \"groups\": []}";

static char *
verify_quorum_plan (const char *cluster_json,
                    BatonPlan  *plan)
{
  g_autoptr(BatonCluster) cluster = load_cluster (cluster_json);
  g_autoptr(GPtrArray) findings = baton_plan_verify (plan, cluster, "pacemaker");

  return describe (findings);
}

static void
test_quorum_parallel (void)
{
  g_autoptr(BatonPlan) plan = baton_plan_new ("PCMK", "pacemaker-rolling", "2.1.5", "rolling");
  g_autofree char *found = NULL;

  /* N2 and N3 stopped at once: N1 alone holds 1 of 3 votes. */
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "N2", NULL, 30, 0);
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "N3", NULL, 30, 0);
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "N2", NULL, 30, 1);
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "N3", NULL, 30, 2);
  found = verify_quorum_plan (quorum_cluster_json, plan);
  g_assert_cmpstr (found, ==, "quorum@2");
}

static void
test_quorum_chained (void)
{
  g_autoptr(BatonPlan) plan = baton_plan_new ("PCMK", "pacemaker-rolling", "2.1.5", "rolling");
  g_autofree char *found = NULL;

  /* The same steps, one node after the other. */
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "N2", NULL, 30, 0);
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "N2", NULL, 30, 1);
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "N3", NULL, 30, 2);
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "N3", NULL, 30, 3);
  found = verify_quorum_plan (quorum_cluster_json, plan);
  g_assert_cmpstr (found, ==, "");
}

static void
test_quorum_restarts (void)
{
  g_autoptr(BatonPlan) parallel = baton_plan_new ("PCMK", "p", "2.1.5", "rolling");
  g_autoptr(BatonPlan) chained = baton_plan_new ("PCMK", "p", "2.1.5", "rolling");
  g_autoptr(BatonPlan) never_started = baton_plan_new ("PCMK", "p", "2.1.5", "rolling");
  g_autoptr(BatonPlan) one_down = baton_plan_new ("PCMK", "p", "2.1.5", "rolling");
  g_autoptr(BatonPlan) two_nodes = baton_plan_new ("W", "p", "2003 SP2", "rolling");
  g_autofree char *found_parallel = NULL;
  g_autofree char *found_chained = NULL;
  g_autofree char *found_never = NULL;
  g_autofree char *found_down = NULL;
  g_autofree char *found_two = NULL;

  /* Two restarts that overlap in time: N3's starts while N1's runs.  The
   * step after them both is never a cause. */
  add (parallel, BATON_ACTION_RESTART_NODE, "N1", NULL, 100, 0);
  add (parallel, BATON_ACTION_WAIT_HEALTHY, NULL, NULL, 50, 0);
  add (parallel, BATON_ACTION_RESTART_NODE, "N3", NULL, 100, 2);
  add (parallel, BATON_ACTION_RESTART_NODE, "N2", NULL, 100, 3);
  found_parallel = verify_quorum_plan (quorum_cluster_json, parallel);
  g_assert_cmpstr (found_parallel, ==, "quorum@3");

  add (chained, BATON_ACTION_RESTART_NODE, "N1", NULL, 100, 0);
  add (chained, BATON_ACTION_RESTART_NODE, "N3", NULL, 100, 1);
  add (chained, BATON_ACTION_RESTART_NODE, "N2", NULL, 100, 2);
  found_chained = verify_quorum_plan (quorum_cluster_json, chained);
  g_assert_cmpstr (found_chained, ==, "");

  /* A stop without a later start: the node is out until the end. */
  add (never_started, BATON_ACTION_STOP_CLUSTER_SERVICE, "N2", NULL, 10, 0);
  add (never_started, BATON_ACTION_WAIT_HEALTHY, NULL, NULL, 1000, 1);
  add (never_started, BATON_ACTION_RESTART_NODE, "N3", NULL, 100, 2);
  found_never = verify_quorum_plan (quorum_cluster_json, never_started);
  g_assert_cmpstr (found_never, ==, "quorum@3 end-state@0");

  /* A node down from the start is out throughout. */
  add (one_down, BATON_ACTION_RESTART_NODE, "N2", NULL, 100, 0);
  found_down = verify_quorum_plan ("{\"format\": \"baton-cluster/1\", \"name\": \"PCMK\","
                                   " \"platform\": \"pacemaker\","
                                   " \"nodes\": [{\"name\": \"N1\", \"state\": \"up\"},"
                                   "  {\"name\": \"N2\", \"state\": \"up\"},"
                                   "  {\"name\": \"N3\", \"state\": \"down\"}],"
                                   " \"groups\": []}",
                                   one_down);
  g_assert_cmpstr (found_down, ==, "quorum@1");

  /* The platform's quorum model: a Windows Server 2003 cluster keeps its
   * quorum on the shared disk, so one node of two is enough. */
  add (two_nodes, BATON_ACTION_RESTART_NODE, "A", NULL, 100, 0);
  found_two = verify_quorum_plan ("{\"format\": \"baton-cluster/1\", \"name\": \"W\","
                                  " \"platform\": \"windows-2003\","
                                  " \"nodes\": [{\"name\": \"A\", \"state\": \"up\"},"
                                  "  {\"name\": \"B\", \"state\": \"up\"}], \"groups\": []}",
                                  two_nodes);
  g_assert_cmpstr (found_two, ==, "");
}

static void
test_end_version (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_END_VERSION);
  BatonFinding *finding;

  /* MON has no Exchange at all and is never named. */
  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_END_VERSION, "end-version@0");
  finding = find (findings, BATON_INVARIANT_END_VERSION, 0);
  g_assert_nonnull (strstr (finding->message, "“FE1”"));
  g_assert_nonnull (strstr (finding->message, "2003 SP1"));
  g_assert_false (finding->waived);
}

static void
test_end_preferred (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_END_PREFERRED);
  BatonFinding *finding;

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_END_PREFERRED, "end-preferred@0");
  finding = find (findings, BATON_INVARIANT_END_PREFERRED, 0);
  g_assert_nonnull (strstr (finding->message, "“" EVS2 "”"));
  g_assert_nonnull (strstr (finding->message, "“NODE-A”"));
  g_assert_nonnull (strstr (finding->message, "“NODE-B”"));
}

static void
test_end_online (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_END_ONLINE);

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_END_ONLINE, "end-online@0 end-online@0");
  g_assert_nonnull (strstr (((BatonFinding *) g_ptr_array_index (findings, 0))->message,
                            "“EVS1”"));
  g_assert_nonnull (strstr (((BatonFinding *) g_ptr_array_index (findings, 1))->message,
                            "“FE1”"));
}

static void
test_end_state (void)
{
  g_autoptr(GPtrArray) paused = verify_variant (VARIANT_END_PAUSED);
  g_autoptr(GPtrArray) stopped = verify_variant (VARIANT_END_SERVICE);

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_END_PAUSED, "end-state@0");
  assert_variant (VARIANT_END_SERVICE, "end-state@0");
  g_assert_nonnull (strstr (find (paused, "end-state", 0)->message, "“NODE-B”"));
  g_assert_nonnull (strstr (find (stopped, "end-state", 0)->message, "“" NODE_C "”"));
}

static void
test_upgrade_source (void)
{
  g_autoptr(GPtrArray) findings = verify_variant (VARIANT_UPGRADE_SOURCE);
  BatonFinding *finding;

  assert_variant (VARIANT_GOOD, "");
  assert_variant (VARIANT_UPGRADE_SOURCE, "upgrade-source@20");
  finding = find (findings, BATON_INVARIANT_UPGRADE_SOURCE, 20);
  g_assert_nonnull (strstr (finding->message, "2003 SP3"));
  g_assert_nonnull (strstr (finding->message, "“NODE-A”"));
}

static void
test_waiver (void)
{
  /* Only the step that waives the invariant is waived, and it is still
   * reported; a waiver of another invariant waives nothing. */
  g_autoptr(BatonCluster) cluster = load_cluster (rolling_cluster_json);
  g_autoptr(BatonPlan) plan = build_rolling_plan (VARIANT_NO_DRAIN);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *found = NULL;

  assert_variant (VARIANT_WAIVED, "update-while-owning@3(waived) update-while-owning@4");

  baton_step_set_waives (baton_plan_lookup_step (plan, 4), BATON_INVARIANT_QUORUM);
  findings = baton_plan_verify (plan, cluster, "exchange");
  found = describe (findings);
  g_assert_cmpstr (found, ==, "update-while-owning@3 update-while-owning@4");
}

static const char estimate_cluster_json[] =
  "{\"format\": \"baton-cluster/1\", \"name\": \"EST\", \"platform\": \"windows-nt4\","
  " \"nodes\": [{\"name\": \"A\", \"state\": \"up\"}, {\"name\": \"B\", \"state\": \"up\"}],"
  " \"groups\": ["
  "  {\"name\": \"G1\", \"kind\": \"exchange-virtual-server\", \"owner\": \"A\"},"
  "  {\"name\": \"G2\", \"kind\": \"generic\", \"owner\": \"B\"},"
  "  {\"name\": \"G3 \\\"$x\\\"\", \"kind\": \"file-share\", \"owner\": \"A\"},"
  "  {\"name\": \"G4\", \"kind\": \"generic\", \"owner\": \"A\"}]}";

static void
test_estimate (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster (estimate_cluster_json);
  g_autoptr(BatonPlan) plan = baton_plan_new ("EST", "exchange-5.5-sp", "5.5 SP4", "rolling");
  g_auto(GStrv) groups = NULL;
  BatonStep *step;

  /* A diamond: 1 -> {2, 3} -> 4, then a chain. */
  add (plan, BATON_ACTION_CHECK_EVENT_LOG, "A", NULL, 10, 0);       /*   0 -  10 */
  add (plan, BATON_ACTION_TAKE_OFFLINE, NULL, "G3 \"$x\"", 20, 1);  /*  10 -  30 */
  add (plan, BATON_ACTION_MOVE_GROUP, "B", "G1", 50, 1);            /*  10 -  60 */
  step = add (plan, BATON_ACTION_INSTALL_UPDATE, "B", NULL, 200, 2); /* 60 - 260 */
  baton_step_add_after (step, 3);
  add (plan, BATON_ACTION_BRING_ONLINE, NULL, "G3 \"$x\"", 15, 4);  /* 260 - 275 */
  add (plan, BATON_ACTION_MOVE_GROUP, "A", "G1", 50, 5);            /* 275 - 325 */
  add (plan, BATON_ACTION_RESTART_NODE, "B", NULL, 100, 6);         /* 325 - 425 */
  add (plan, BATON_ACTION_STOP_CLUSTER_SERVICE, "A", NULL, 5, 7);   /* 425 - 430 */
  add (plan, BATON_ACTION_START_CLUSTER_SERVICE, "A", NULL, 5, 8);  /* 430 - 435 */

  baton_plan_estimate (plan, cluster);

  g_assert_cmpuint (baton_plan_get_makespan (plan), ==, 435);

  /* Two moves of 50 s, the in-place install on B (which owns it then) and
   * the stop of A's Cluster service (which owns it again). */
  g_assert_cmpuint (baton_plan_get_moves (plan, "G1"), ==, 2);
  g_assert_cmpuint (baton_plan_get_downtime (plan, "G1"), ==, 50 + 50 + 200 + 5);
  /* Never moved: the install and the restart of its owner B. */
  g_assert_cmpuint (baton_plan_get_moves (plan, "G2"), ==, 0);
  g_assert_cmpuint (baton_plan_get_downtime (plan, "G2"), ==, 200 + 100);
  /* From the start of take-offline to the end of bring-online (the install
   * on B does not touch it: it is on A), then A's Cluster service stop,
   * now that it is online again. */
  g_assert_cmpuint (baton_plan_get_moves (plan, "G3 \"$x\""), ==, 0);
  g_assert_cmpuint (baton_plan_get_downtime (plan, "G3 \"$x\""), ==, 275 - 10 + 5);
  /* Only A's Cluster service stop. */
  g_assert_cmpuint (baton_plan_get_moves (plan, "G4"), ==, 0);
  g_assert_cmpuint (baton_plan_get_downtime (plan, "G4"), ==, 5);

  /* Every group, in cluster order. */
  groups = baton_plan_dup_estimated_groups (plan);
  g_assert_cmpuint (g_strv_length (groups), ==, 4);
  g_assert_cmpstr (groups[0], ==, "G1");
  g_assert_cmpstr (groups[1], ==, "G2");
  g_assert_cmpstr (groups[2], ==, "G3 \"$x\"");
  g_assert_cmpstr (groups[3], ==, "G4");
}

static void
test_estimate_offline_to_end (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster (estimate_cluster_json);
  g_autoptr(BatonPlan) plan = baton_plan_new ("EST", "p", "5.5 SP4", "rolling");
  g_autoptr(BatonPlan) empty = baton_plan_new ("EST", "p", "5.5 SP4", "rolling");
  g_autoptr(BatonPlan) rolling = build_rolling_plan (VARIANT_GOOD);
  g_autoptr(BatonCluster) rolling_cluster = load_cluster (rolling_cluster_json);

  /* Never brought back: down until the end of the plan.  Steps without
   * dependencies run at once. */
  add (plan, BATON_ACTION_CHECK_EVENT_LOG, "B", NULL, 40, 0);     /*  0 -  40 */
  add (plan, BATON_ACTION_TAKE_OFFLINE, NULL, "G2", 20, 1);       /* 40 -  60 */
  add (plan, BATON_ACTION_MANUAL, NULL, NULL, 100, 0);            /*  0 - 100 */
  add (plan, BATON_ACTION_CONFIRM_BACKUP, NULL, NULL, 30, 2);     /* 60 -  90 */
  baton_plan_estimate (plan, cluster);
  g_assert_cmpuint (baton_plan_get_makespan (plan), ==, 100);
  g_assert_cmpuint (baton_plan_get_downtime (plan, "G2"), ==, 100 - 40);
  g_assert_cmpuint (baton_plan_get_downtime (plan, "G1"), ==, 0);

  baton_plan_estimate (empty, cluster);
  g_assert_cmpuint (baton_plan_get_makespan (empty), ==, 0);
  g_assert_cmpuint (baton_plan_get_moves (empty, "G4"), ==, 0);

  /* The rolling plan: A, B and C one after the other; FE1 in parallel. */
  baton_plan_estimate (rolling, rolling_cluster);
  g_assert_cmpuint (baton_plan_get_makespan (rolling), ==,
                    60 + 10 + 600 + 300 + 10 + 60 + 60 + 10 + 600 + 300 + 10 + 60 + 60 +
                    10 + 600 + 300 + 10 + 60 + 120);
  g_assert_cmpuint (baton_plan_get_moves (rolling, "EVS1"), ==, 2);
  g_assert_cmpuint (baton_plan_get_downtime (rolling, "EVS1"), ==, 120);
  g_assert_cmpuint (baton_plan_get_moves (rolling, EVS2), ==, 2);
  g_assert_cmpuint (baton_plan_get_moves (rolling, "FS"), ==, 2);
}

static void
test_cluster_unchanged (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster (rolling_cluster_json);
  g_autofree char *before = baton_cluster_to_data (cluster, NULL);
  g_autofree char *after = NULL;
  g_autoptr(BatonVersion) sp1 = baton_version_parse ("2003 SP1", NULL);
  const Variant variants[] = { VARIANT_GOOD, VARIANT_MOVE_TO_PAUSED, VARIANT_END_ONLINE,
                               VARIANT_END_PREFERRED, VARIANT_END_SERVICE, VARIANT_CAPACITY };
  BatonGroup *evs1, *evs2;
  BatonNode *node_a;

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(BatonPlan) plan = build_rolling_plan (variants[i]);
      g_autoptr(GPtrArray) findings = NULL;
      BatonStep *step;

      step = baton_plan_add_step (plan, BATON_ACTION_SET_POSSIBLE_OWNERS);
      baton_step_set_group (step, "EVS1");
      baton_step_set_owners (step, (const char * const[]) { "NODE-B", NULL });

      findings = baton_plan_verify (plan, cluster, "exchange");
      baton_plan_estimate (plan, cluster);
    }

  evs1 = baton_cluster_lookup_group (cluster, "EVS1");
  evs2 = baton_cluster_lookup_group (cluster, EVS2);
  node_a = baton_cluster_lookup_node (cluster, "NODE-A");
  g_assert_cmpstr (baton_group_get_owner (evs1), ==, "NODE-A");
  g_assert_cmpstr (baton_group_get_owner (evs2), ==, "NODE-B");
  g_assert_cmpint (baton_group_get_state (evs1), ==, BATON_GROUP_STATE_ONLINE);
  g_assert_null (baton_group_get_possible_owners (evs1));
  g_assert_cmpint (baton_node_get_state (node_a), ==, BATON_NODE_STATE_UP);
  g_assert_true (baton_version_equal (baton_machine_get_version (BATON_MACHINE (node_a),
                                                                 "exchange"), sp1));
  g_assert_true (baton_version_equal (
    baton_machine_get_version (baton_cluster_lookup_machine (cluster, "FE1"), "exchange"), sp1));

  after = baton_cluster_to_data (cluster, NULL);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/verifier/good-plan", test_good_plan);
  g_test_add_func ("/verifier/structure", test_structure);
  g_test_add_func ("/verifier/bad-versions", test_bad_versions);
  g_test_add_func ("/verifier/update-while-owning", test_update_while_owning);
  g_test_add_func ("/verifier/stop-service-while-owning", test_stop_service_while_owning);
  g_test_add_func ("/verifier/move-target", test_move_target);
  g_test_add_func ("/verifier/move-target-reasons", test_move_target_reasons);
  g_test_add_func ("/verifier/capacity", test_capacity);
  g_test_add_func ("/verifier/quorum/parallel", test_quorum_parallel);
  g_test_add_func ("/verifier/quorum/chained", test_quorum_chained);
  g_test_add_func ("/verifier/quorum/restarts", test_quorum_restarts);
  g_test_add_func ("/verifier/end-version", test_end_version);
  g_test_add_func ("/verifier/end-preferred", test_end_preferred);
  g_test_add_func ("/verifier/end-online", test_end_online);
  g_test_add_func ("/verifier/end-state", test_end_state);
  g_test_add_func ("/verifier/upgrade-source", test_upgrade_source);
  g_test_add_func ("/verifier/waiver", test_waiver);
  g_test_add_func ("/verifier/estimate", test_estimate);
  g_test_add_func ("/verifier/estimate-offline-to-end", test_estimate_offline_to_end);
  g_test_add_func ("/verifier/cluster-unchanged", test_cluster_unchanged);

  return g_test_run ();
}
