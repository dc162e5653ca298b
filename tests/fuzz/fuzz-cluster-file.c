/* fuzz-cluster-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the baton-cluster/1 loader.  Beyond "no crash, no
 * leak, no undefined behaviour", it checks two promises of the format:
 * a refused file gets an error of the loader's domain that names the
 * file, in UTF-8 (the window shows it); and whatever the loader accepts,
 * the saver writes in a form the loader accepts again, and saving that
 * gives the same bytes.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "baton-cluster-file.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* GLib 2.74 keeps freed small blocks in GSlice magazines, which looks
   * like memory kept across inputs and turns libFuzzer's per-input leak
   * detection off.  GSlice reads G_SLICE before main(): start again with
   * it set (if that fails, fuzz on with leaks checked only at exit). */
  if (g_getenv ("G_SLICE") == NULL)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", *argv);
    }

  /* A critical or a warning (a failed g_return_if_fail) is a bug too. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(BatonCluster) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;

  if (size > G_MAXSSIZE)
    return 0;

  cluster = baton_cluster_load_from_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  if (cluster == NULL)
    {
      if (error == NULL || error->domain != BATON_CLUSTER_ERROR ||
          !g_str_has_prefix (error->message, "fuzz.json") ||
          !g_utf8_validate (error->message, -1, NULL))
        {
          fprintf (stderr, "refused without a proper error: %s\n",
                   error != NULL ? error->message : "(no error)");
          abort ();
        }
      return 0;
    }

  if (error != NULL)
    abort ();

  first = baton_cluster_to_data (cluster, &first_length);
  again = baton_cluster_load_from_data (first, (gssize) first_length, "saved.json", &error);
  if (again == NULL)
    {
      fprintf (stderr, "what the saver wrote does not load: %s\n--- saved:\n%s\n",
               error->message, first);
      abort ();
    }

  second = baton_cluster_to_data (again, &second_length);
  if (second_length != first_length || memcmp (first, second, first_length) != 0)
    {
      fprintf (stderr, "saving is not idempotent\n--- first:\n%s\n--- second:\n%s\n",
               first, second);
      abort ();
    }

  return 0;
}
