/* baton-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers GLib 2.74 lacks (g_set_str arrived in 2.76).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *str_pointer with a copy of new_str; returns whether it changed. */
static inline gboolean
baton_set_str (char       **str_pointer,
               const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

/* The same for string vectors; NULL and an empty vector differ. */
static inline gboolean
baton_set_strv (char               ***strv_pointer,
                const char * const   *new_strv)
{
  char **copy;

  if ((gconstpointer) *strv_pointer == (gconstpointer) new_strv)
    return FALSE;
  if (*strv_pointer != NULL && new_strv != NULL &&
      g_strv_equal ((const char * const *) *strv_pointer, new_strv))
    return FALSE;

  copy = g_strdupv ((char **) new_strv);
  g_strfreev (*strv_pointer);
  *strv_pointer = copy;
  return TRUE;
}

G_END_DECLS
