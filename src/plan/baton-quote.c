/* baton-quote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quoting of names for the command lines a plan shows and the scripts
 * Baton writes.  Cluster names contain spaces, quotes and "$" as a matter
 * of course; each quoted name is exactly one argument that nothing expands.
 */

#define G_LOG_DOMAIN "baton-plan"

#include "config.h"

#include <string.h>

#include "baton-quote.h"

/**
 * baton_quote_sh:
 *
 * POSIX shell: single quotes, where nothing is special; a single quote
 * closes, is escaped and reopens: 'it'\''s'.
 *
 * Returns: (transfer full): the quoted word
 */
char *
baton_quote_sh (const char *text)
{
  GString *s = g_string_sized_new (strlen (text) + 2);
  const char *p = text;
  const char *quote;

  g_string_append_c (s, '\'');
  while ((quote = strchr (p, '\'')))
    {
      g_string_append_len (s, p, quote - p);
      g_string_append (s, "'\\''");
      p = quote + 1;
    }
  g_string_append (s, p);
  g_string_append_c (s, '\'');
  return g_string_free (s, FALSE);
}

/**
 * baton_quote_powershell:
 *
 * PowerShell: a verbatim (single-quoted) string, where "$" and backticks
 * are literal.  PowerShell also ends such strings at the typographic
 * single quotes U+2018, U+2019, U+201A and U+201B, so those are doubled
 * too, like the ASCII one.
 *
 * Returns: (transfer full): the quoted string
 */
char *
baton_quote_powershell (const char *text)
{
  GString *s = g_string_new ("'");

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize len = g_utf8_next_char (p) - p;

      g_string_append_len (s, p, len);
      if (c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B)
        g_string_append_len (s, p, len);
    }

  g_string_append_c (s, '\'');
  return g_string_free (s, FALSE);
}

/**
 * baton_quote_cmd:
 *
 * A Windows command-line argument as CommandLineToArgvW and the C
 * runtime parse it (cluster.exe): double quotes, a quote as \", and
 * backslashes doubled where they precede a quote.  cmd.exe's own "%VAR%"
 * expansion cannot be escaped inside quotes; the planner warns about
 * names with "%".
 *
 * Returns: (transfer full): the quoted argument
 */
char *
baton_quote_cmd (const char *text)
{
  GString *s = g_string_new ("\"");
  guint backslashes = 0;

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\')
        {
          backslashes++;
          continue;
        }

      if (*p == '"')
        {
          /* 2n+1 backslashes then the quote: n literal backslashes and a quote. */
          for (guint i = 0; i < 2 * backslashes + 1; i++)
            g_string_append_c (s, '\\');
        }
      else
        {
          for (guint i = 0; i < backslashes; i++)
            g_string_append_c (s, '\\');
        }

      backslashes = 0;
      g_string_append_c (s, *p);
    }

  /* Backslashes before the closing quote are doubled. */
  for (guint i = 0; i < 2 * backslashes; i++)
    g_string_append_c (s, '\\');

  g_string_append_c (s, '"');
  return g_string_free (s, FALSE);
}

/**
 * baton_quote_for:
 * @toolchain: "cluster.exe", "powershell", or anything else for a POSIX shell
 *
 * Returns: (transfer full): @text quoted for @toolchain
 */
char *
baton_quote_for (const char *toolchain,
                 const char *text)
{
  if (g_strcmp0 (toolchain, "cluster.exe") == 0)
    return baton_quote_cmd (text);
  if (g_strcmp0 (toolchain, "powershell") == 0)
    return baton_quote_powershell (text);
  return baton_quote_sh (text);
}
