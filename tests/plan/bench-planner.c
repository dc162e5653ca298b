/* bench-planner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long baton_planner_plan() takes on generated clusters of 8 to 64
 * nodes with 64 groups each, for pacemaker-rolling and wsfc-rolling: the
 * median of 7 runs, and per 1000 steps, so growth faster than the plan
 * shows.  Planning includes the verifier's replay (the plan carries its
 * findings and estimate); the "verify" column times that replay alone.  Run by `meson test --benchmark`; it fails only when a plan
 * cannot be made, never on time.  The clusters come from a fixed seed, so
 * two runs time the same work.
 */

#include "config.h"

#include <stdlib.h>

#include "baton-catalog.h"
#include "baton-planner.h"
#include "baton-verifier.h"
#include "planner-util.h"

#define N_RUNS          7
#define GROUPS_PER_NODE 64

typedef struct
{
  const char *product;
  const char *platform;
  const char *family;
  const char *from;
  const char *to;
} Bench;

static const Bench benches[] = {
  { "pacemaker-rolling", "pacemaker", "pacemaker", "2.1.5", "2.1.6" },
  { "wsfc-rolling", "wsfc", "windows", "2019", "2022" },
};

static const guint sizes[] = { 8, 16, 32, 64 };

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Returns FALSE when the plan could not be made. */
static gboolean
run_one (BatonCatalog *catalog,
         const Bench  *bench,
         guint         n_nodes)
{
  PlannerGenSpec spec = { bench->platform, bench->family, bench->from, n_nodes, GROUPS_PER_NODE,
                          FALSE, FALSE };
  g_autoptr(GRand) rng = g_rand_new_with_seed (20240601 + n_nodes);
  g_autoptr(BatonCluster) cluster = planner_util_generate (&spec, rng);
  BatonProfile *profile = baton_catalog_lookup (catalog, bench->product);
  gint64 times[N_RUNS], check_times[N_RUNS];
  guint n_steps = 0, n_findings = 0;
  double median_ms;

  g_assert (profile != NULL);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(BatonPlanner) planner = baton_planner_new (cluster, profile);
      g_autoptr(BatonPlan) plan = NULL;
      g_autoptr(GError) error = NULL;
      gint64 begin;

      begin = g_get_monotonic_time ();
      plan = baton_planner_plan (planner, bench->to, &error);
      times[run] = g_get_monotonic_time () - begin;

      if (plan == NULL)
        {
          g_printerr ("%s, %u nodes: no plan: %s\n", bench->product, n_nodes, error->message);
          return FALSE;
        }
      n_steps = baton_plan_get_n_steps (plan);
      n_findings = baton_plan_get_n_findings (plan, FALSE);

      /* The verifier's share: planning runs it once; time a second run alone. */
      {
        g_autoptr(GPtrArray) findings = NULL;

        begin = g_get_monotonic_time ();
        findings = baton_plan_check (plan, cluster, baton_profile_get_family (profile));
        check_times[run] = g_get_monotonic_time () - begin;
      }
    }

  qsort (times, N_RUNS, sizeof times[0], compare_int64);
  qsort (check_times, N_RUNS, sizeof check_times[0], compare_int64);
  median_ms = times[N_RUNS / 2] / 1000.0;

  g_print ("%-18s %6u %7u %7u %10.2f %10.2f %14.3f%s\n", bench->product, n_nodes,
           n_nodes * GROUPS_PER_NODE, n_steps, median_ms, check_times[N_RUNS / 2] / 1000.0,
           n_steps ? 1000.0 * median_ms / n_steps : 0.0,
           n_findings ? "  (verifier findings!)" : "");
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BatonCatalog) catalog = baton_catalog_new ();
  gboolean ok = TRUE;

  baton_catalog_add_builtin (catalog);

  g_print ("%-18s %6s %7s %7s %10s %10s %14s\n", "product", "nodes", "groups", "steps", "median ms",
           "verify ms", "ms/1000 steps");
  for (guint b = 0; b < G_N_ELEMENTS (benches); b++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      ok &= run_one (catalog, &benches[b], sizes[s]);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
