/* bench-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading back a journal of 100,000 events (what resume does first):
 * median of 7 reads of a generated journal.  Target: under 200 ms.
 */

#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "baton-journal.h"

#define N_EVENTS 100000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = g_strdup_printf ("%s/baton-bench-journal-%d.jsonl", g_get_tmp_dir (),
                                           getpid ());
  GString *text = g_string_new (NULL);
  double times[7];

  g_string_append (text, "{\"journal\":\"baton-journal/1\",\"cluster\":\"big\",\"product\":"
                         "\"pacemaker-rolling\",\"target\":\"2.1.6\",\"backend\":\"sim:\","
                         "\"plan_hash\":\"0\",\"created\":\"2026-11-21T00:00:00Z\"}\n");
  for (guint i = 0; i < N_EVENTS; i++)
    {
      guint step = i / 2 + 1;

      g_string_append_printf (text,
                              "{\"step\":%u,\"event\":\"%s\",\"time_ms\":%u,\"action\":\"move-group\","
                              "\"subject\":\"node %u\",\"group\":\"group %u\",\"message\":\"Move "
                              "group %u from node %u to node %u\"}\n",
                              step, i % 2 ? "finished" : "started", i * 1000, step % 64, step,
                              step, step % 64, (step + 1) % 64);
    }
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  for (guint r = 0; r < G_N_ELEMENTS (times); r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BatonJournal) journal = NULL;
      gint64 t0 = g_get_monotonic_time ();

      journal = baton_journal_open (path, &error);
      times[r] = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (baton_journal_get_n_events (journal), ==, N_EVENTS);
      g_assert_true (baton_journal_is_finished (journal, N_EVENTS / 2));
    }

  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  g_print ("journal of %u events: median %.1f ms to read back (min %.1f, max %.1f)\n", N_EVENTS,
           times[3], times[0], times[6]);
  g_unlink (path);
  return 0;
}
