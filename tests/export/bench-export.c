/* bench-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How long a large runbook takes to build and to write as a PDF: a
 * generated Pacemaker cluster of 8 nodes with 64 groups each (about 1,080
 * steps), planned once, then 5 runs of baton_runbook_new() and
 * baton_runbook_write_pdf(); the medians, and per 1000 steps.  One run at
 * 16 nodes (about 2,160 steps) shows how the time grows: per 1000 steps it
 * should stay about the same.  The target is a 1,000-step runbook as a PDF
 * in under a second.  Run by `meson test --benchmark`; it fails only when
 * a plan or a PDF cannot be made, never on time.  The clusters come from a
 * fixed seed, so two runs time the same work.
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "baton-catalog.h"
#include "baton-planner.h"
#include "baton-runbook-layout.h"
#include "baton-runbook.h"
#include "planner-util.h"

#define GROUPS_PER_NODE 64
#define PRODUCT         "pacemaker-rolling"
#define FROM            "2.1.5"
#define TO              "2.1.6"

typedef struct
{
  guint n_nodes;
  guint n_runs;
} Size;

static const Size sizes[] = {
  { 8, 5 },
  { 16, 1 },
};

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (gint64 *times,
           guint   n)
{
  qsort (times, n, sizeof (gint64), compare_int64);
  if (n % 2 == 1)
    return times[n / 2] / 1000.0;
  return (times[n / 2 - 1] + times[n / 2]) / 2000.0;
}

/* Returns FALSE when the plan or the PDF could not be made. */
static gboolean
run_size (BatonCatalog *catalog,
          const char   *dir,
          const Size   *size)
{
  PlannerGenSpec spec = { "pacemaker", "pacemaker", FROM, size->n_nodes, GROUPS_PER_NODE,
                          FALSE, FALSE };
  g_autoptr(GRand) rng = g_rand_new_with_seed (20260102 + size->n_nodes);
  g_autoptr(BatonCluster) cluster = planner_util_generate (&spec, rng);
  BatonProfile *profile = baton_catalog_lookup (catalog, PRODUCT);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("%s/runbook-%u.pdf", dir, size->n_nodes);
  g_autofree gint64 *build = g_new0 (gint64, size->n_runs);
  g_autofree gint64 *pdf = g_new0 (gint64, size->n_runs);
  guint n_steps = 0, n_pages = 0;
  double build_ms, pdf_ms;

  if (profile == NULL)
    {
      g_printerr ("bench-export: no profile %s\n", PRODUCT);
      return FALSE;
    }

  for (guint run = 0; run < size->n_runs; run++)
    {
      g_autoptr(BatonPlanner) planner = baton_planner_new (cluster, profile);
      g_autoptr(BatonPlan) plan = NULL;
      g_autoptr(BatonRunbook) runbook = NULL;
      g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 1, 2, 9, 30, 0);
      gint64 begin;

      /* A new plan each run (not timed): a step writes out its text the first
       * time it is read, and that belongs to the runbook's time. */
      plan = baton_planner_plan (planner, TO, &error);
      if (plan == NULL)
        {
          g_printerr ("bench-export: %u nodes: no plan: %s\n", size->n_nodes, error->message);
          return FALSE;
        }
      n_steps = baton_plan_get_n_steps (plan);

      /* The whole runbook: steps with their summaries, commands and citations,
       * the topology before and after. */
      begin = g_get_monotonic_time ();
      runbook = baton_runbook_new (cluster, profile, plan);
      baton_runbook_set_date (runbook, date);
      build[run] = g_get_monotonic_time () - begin;

      begin = g_get_monotonic_time ();
      if (!baton_runbook_write_pdf (runbook, path, BATON_PAPER_A4, &n_pages, &error))
        {
          g_printerr ("bench-export: %u nodes: %s\n", size->n_nodes, error->message);
          return FALSE;
        }
      pdf[run] = g_get_monotonic_time () - begin;

      if (baton_runbook_get_n_steps (runbook) != n_steps || n_pages == 0)
        {
          g_printerr ("bench-export: %u nodes: %u steps in the runbook, %u in the plan, "
                      "%u pages\n", size->n_nodes, baton_runbook_get_n_steps (runbook), n_steps,
                      n_pages);
          return FALSE;
        }
    }
  g_unlink (path);

  build_ms = median_ms (build, size->n_runs);
  pdf_ms = median_ms (pdf, size->n_runs);
  g_print ("%5u  %6u  %5u  %4u  %10.1f  %8.1f  %10.1f  %8.1f\n", size->n_nodes, n_steps,
           n_pages, size->n_runs, build_ms, pdf_ms, (build_ms + pdf_ms) * 1000.0 / n_steps,
           pdf_ms * 1000.0 / n_steps);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(BatonCatalog) catalog = baton_catalog_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-export-XXXXXX", &error);
  gboolean ok = TRUE;

  if (dir == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return EXIT_FAILURE;
    }

  baton_catalog_add_builtin (catalog);

  g_print ("%s runbook to PDF (A4), %u groups per node; medians in ms\n", PRODUCT,
           GROUPS_PER_NODE);
  g_print ("target: 1,000-step runbook to PDF under 1 s\n");
  g_print ("%5s  %6s  %5s  %4s  %10s  %8s  %10s  %8s\n", "nodes", "steps", "pages", "runs",
           "runbook_ms", "pdf_ms", "total/1000", "pdf/1000");
  g_print ("%5s  %6s  %5s  %4s  %10s  %8s  %10s  %8s\n", "", "", "", "", "", "", "steps", "steps");

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && ok; i++)
    ok = run_size (catalog, dir, &sizes[i]);

  g_rmdir (dir);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
