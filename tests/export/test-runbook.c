/* test-runbook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tests of the runbook in its three formats.  Each fixture is planned with
 * the product it is made for and exported as Markdown, HTML and PDF (A4
 * and Letter); each output is checked against the runbook it came from:
 * every step's number, summary and citation, every phase, prerequisite,
 * troubleshooting entry and rollback note.  The PDF is read back with
 * poppler's pdftotext and pdfinfo: its text (compared with all white
 * space removed, since lines may break anywhere), its page size and count,
 * its "Page n of N" footers, and the box of every word, which must stay on
 * the page.  Names that are long, tricky or hostile (markup of every
 * format, shell syntax, entities, backslashes, non-ASCII) must come out
 * whole and inert in every format.  Nothing here compares snapshots: the
 * wording may change, what the runbook must say may not.
 */

#define G_LOG_DOMAIN "test-runbook"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "baton-catalog.h"
#include "baton-cluster-file.h"
#include "baton-planner.h"
#include "baton-runbook-layout.h"
#include "baton-runbook.h"
#include "planner-util.h"

/* Markup of every format, so escaping shows in each. */
#define AUTHOR "Ada Lovelace <ops@example.com> & Co"

/* Text must keep this far from the page's edges (the margins are 48 pt at the
 * sides, 40 pt at the top and bottom; 2 pt more are allowed at the top and bottom
 * for the difference between pango's line height and the font's box). */
#define EDGE 40.0

static BatonCatalog *catalog;
static char *tmpdir;
static gboolean have_poppler;

typedef struct
{
  const char *fixture;
  const char *product;
  const char *target;
} Pair;

/* Each fixture with the product and target it is made for (tests/plan/test-planner.c). */
static const Pair pairs[] = {
  { "nt4-two-node.json", "windows-cluster-sp", "NT4 SP6a" },
  { "exchange55-active-passive.json", "exchange-5.5-sp", "5.5 SP4" },
  { "exchange2000-active-active.json", "exchange-2000-sp", "2000 SP3" },
  { "exchange2003-frontend-backend.json", "exchange-2003-sp", "2003 SP2" },
  { "exchange2007-ccr-scr.json", "exchange-2007-ru", "2007 SP1 RU5" },
  { "iis-two-node.json", "iis-cluster-upgrade", "4.0 SP4" },
  { "pacemaker-three-node.json", "pacemaker-rolling", "2.1.6" },
};

/* The names of tests/export/data/adversarial.json. */
static const char * const adversarial_names[] = {
  "<script>alert(1)</script>",
  "Group \"Alpha\"; $(touch x)",
  "it's $HOME `id`",
  "**bold** _x_ [link](http://e.com) | pipe",
  "&amp; &lt;",
  "back\\slash",
  "Ünïcödé ✓",
};

/* --- assertions on text ----------------------------------------------------------- */

static void
fail (const char *file,
      int         line,
      const char *func,
      const char *message)
{
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

#define expect_text(what, haystack, needle) \
  expect_text_at (__FILE__, __LINE__, G_STRFUNC, what, haystack, needle)
#define expect_no_text(what, haystack, needle) \
  expect_no_text_at (__FILE__, __LINE__, G_STRFUNC, what, haystack, needle)

static void
expect_text_at (const char *file,
                int         line,
                const char *func,
                const char *what,
                const char *haystack,
                const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: “%s” not found", what, needle);
      fail (file, line, func, message);
    }
}

static void
expect_no_text_at (const char *file,
                   int         line,
                   const char *func,
                   const char *what,
                   const char *haystack,
                   const char *needle)
{
  const char *found = strstr (haystack, needle);

  if (found != NULL)
    {
      gsize before = MIN ((gsize) (found - haystack), 60);
      g_autofree char *context = g_strndup (found - before, before + strlen (needle) + 60);
      g_autofree char *message =
        g_strdup_printf ("%s: “%s” must not appear, found in “%s”", what, needle, context);
      fail (file, line, func, message);
    }
}

static guint
count_text (const char *haystack,
            const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Lines of @text that start with @prefix. */
static guint
count_lines_with_prefix (const char *text,
                         const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], prefix))
      n++;
  return n;
}

/* @text without any white space: lines may break anywhere in a PDF. */
static char *
strip_space (const char *text)
{
  GString *s = g_string_new (NULL);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* --- Markdown helpers --------------------------------------------------------------- */

/* CommonMark's backslash escapes undone: "\\" before ASCII punctuation goes. */
static char *
md_unescape (const char *md)
{
  GString *s = g_string_new (NULL);

  for (const char *p = md; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        p++;
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* The Markdown outside fenced code blocks: where markup would be read. */
static char *
md_prose (const char *md)
{
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);
  GString *s = g_string_new (NULL);
  gsize fence = 0;

  for (guint i = 0; lines[i]; i++)
    {
      const char *trimmed = lines[i] + strspn (lines[i], " ");
      gsize run = strspn (trimmed, "`");

      if (fence == 0 && run >= 3)
        {
          fence = run;
          continue;
        }
      if (fence > 0)
        {
          if (run >= fence && trimmed[run] == '\0')
            fence = 0;
          continue;
        }
      g_string_append (s, lines[i]);
      g_string_append_c (s, '\n');
    }
  g_assert_cmpuint (fence, ==, 0);   /* every code block is closed */
  return g_string_free (s, FALSE);
}

/* Outside code, "<", ">" and "&" only appear escaped: no name or text becomes
 * HTML (CommonMark passes raw HTML through) or an entity. */
static void
md_check_escaped (const char *prose)
{
  for (const char *p = prose; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (strchr ("<>&", *p) != NULL)
        {
          gsize before = MIN ((gsize) (p - prose), 40);
          g_autofree char *context = g_strndup (p - before, before + 40);
          g_autofree char *message = g_strdup_printf ("unescaped “%c” in “%s”", *p, context);
          fail (__FILE__, __LINE__, G_STRFUNC, message);
        }
    }
}

/* NULL if every line of every fenced code block is indented like its
 * opening fence (else the block ends the list item it belongs to, and the
 * rest of the command turns into Markdown); else the first line that is not. */
static char *
md_code_problem (const char *md)
{
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);
  gsize fence = 0, indent = 0;

  for (guint i = 0; lines[i]; i++)
    {
      gsize spaces = strspn (lines[i], " ");
      gsize run = strspn (lines[i] + spaces, "`");

      if (fence == 0)
        {
          if (run >= 3)
            {
              fence = run;
              indent = spaces;
            }
          continue;
        }
      if (run >= fence && lines[i][spaces + run] == '\0')
        {
          if (spaces != indent)
            return g_strdup_printf ("line %u: closing fence indented by %zu, not %zu", i + 1,
                                    spaces, indent);
          fence = 0;
          continue;
        }
      if (lines[i][0] != '\0' && spaces < indent)
        return g_strdup_printf ("line %u of the Markdown, in a code block, is indented by %zu "
                                "spaces, not %zu: “%s”", i + 1, spaces, indent, lines[i]);
    }
  if (fence != 0)
    return g_strdup ("a code block is not closed");
  return NULL;
}

/* The cell separators of a table row: "|" not escaped by a backslash. */
static guint
md_count_pipes (const char *line)
{
  guint n = 0;

  for (const char *p = line; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '|')
        n++;
    }
  return n;
}

/* Every row of a table has as many cells as its header: no name adds a column. */
static void
md_check_tables (const char *prose)
{
  g_auto(GStrv) lines = g_strsplit (prose, "\n", -1);
  guint header = 0, n_tables = 0;

  for (guint i = 0; lines[i]; i++)
    {
      if (lines[i][0] != '|')
        {
          header = 0;
          continue;
        }
      if (header == 0)
        {
          header = md_count_pipes (lines[i]);
          g_assert_cmpuint (header, >=, 3);
          n_tables++;
          continue;
        }
      if (md_count_pipes (lines[i]) != header)
        {
          g_autofree char *message =
            g_strdup_printf ("table row “%s” has %u separators, its header %u", lines[i],
                             md_count_pipes (lines[i]), header);
          fail (__FILE__, __LINE__, G_STRFUNC, message);
        }
    }
  g_assert_cmpuint (n_tables, >=, 3);   /* title, topology before and after, sign-off */
}

/* --- HTML helpers ------------------------------------------------------------------ */

static void
html_expect_escaped (const char *what,
                     const char *html,
                     const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  expect_text (what, html, escaped);
}

/* Every "<" opens a tag the runbook writes and every "&" an entity
 * g_markup_escape_text() writes: no name becomes markup. */
static void
html_check_markup (const char *html)
{
  static const char * const tags[] = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "table", "thead",
    "tbody", "tr", "th", "td", "ul", "ol", "li", "span", "dl", "dt", "dd", "pre", "strong",
  };
  static const char * const entities[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;" };

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *name = p + 1 + (p[1] == '/');
      gsize length = strspn (name, "abcdefghijklmnopqrstuvwxyz0123456789");
      gboolean known = FALSE;

      if (g_str_has_prefix (p, "<!DOCTYPE html>") && p == html)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (tags) && !known; i++)
        known = length == strlen (tags[i]) && strncmp (name, tags[i], length) == 0 &&
                (name[length] == '>' || name[length] == ' ');
      if (!known)
        {
          g_autofree char *context = g_strndup (p, 40);
          g_autofree char *message = g_strdup_printf ("unexpected markup “%s”", context);
          fail (__FILE__, __LINE__, G_STRFUNC, message);
        }
    }

  for (const char *p = strchr (html, '&'); p != NULL; p = strchr (p + 1, '&'))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (entities) && !known; i++)
        known = g_str_has_prefix (p, entities[i]);
      if (!known)
        {
          g_autofree char *context = g_strndup (p, 20);
          g_autofree char *message = g_strdup_printf ("a bare “&”: “%s”", context);
          fail (__FILE__, __LINE__, G_STRFUNC, message);
        }
    }
}

/* --- poppler ------------------------------------------------------------------------ */

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_test_message ("%s: %s", argv[0], err);
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

typedef struct
{
  guint   pages;
  guint   n_sizes;
  double  width;      /* of every page; -1 when they differ */
  double  height;
  char   *title;
  char   *author;
} PdfInfo;

static void
pdf_info_clear (PdfInfo *info)
{
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->author, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdfInfo, pdf_info_clear)

static void
pdf_read_info (const char *path,
               PdfInfo    *info)
{
  const char *argv[] = { "pdfinfo", "-enc", "UTF-8", "-f", "1", "-l", "100000", path, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  memset (info, 0, sizeof *info);
  for (guint i = 0; lines[i]; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *value = colon ? g_strstrip (g_strdup (colon + 1)) : NULL;

      if (colon == NULL)
        continue;
      if (g_str_has_prefix (lines[i], "Pages:"))
        info->pages = (guint) g_ascii_strtoull (value, NULL, 10);
      else if (g_str_has_prefix (lines[i], "Title:"))
        info->title = g_steal_pointer (&value);
      else if (g_str_has_prefix (lines[i], "Author:"))
        info->author = g_steal_pointer (&value);
      else if (g_str_has_prefix (lines[i], "Page ") &&
               g_ascii_isdigit (lines[i][strspn (lines[i] + 4, " ") + 4]) &&
               strstr (lines[i], " size:") != NULL)
        {
          /* "Page    1 size: 595.276 x 841.89 pts (A4)" */
          const char *size = strstr (lines[i], " size:") + strlen (" size:");
          char *end;
          double w = g_ascii_strtod (size, &end);
          double h;

          g_assert_true (g_str_has_prefix (g_strchug (end), "x"));
          h = g_ascii_strtod (strchr (end, 'x') + 1, NULL);
          if (info->n_sizes == 0)
            {
              info->width = w;
              info->height = h;
            }
          else if (fabs (w - info->width) > 0.01 || fabs (h - info->height) > 0.01)
            info->width = info->height = -1;
          info->n_sizes++;
        }
    }
}

/* The text of each page, as pdftotext reads it (pages end with a form feed).
 * In the order it is drawn (-raw): pdftotext's default reading order joins a
 * word broken at a hyphen ("back-" "end" becomes "backend"), so the text of
 * a line that wraps after a hyphen could not be found. */
static GStrv
pdf_read_pages (const char *path,
                guint       n_pages)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) pages = g_strsplit (out, "\f", -1);

  g_assert_cmpuint (g_strv_length (pages), ==, n_pages + 1);
  g_assert_cmpstr (pages[n_pages], ==, "");
  g_free (pages[n_pages]);
  pages[n_pages] = NULL;
  return g_steal_pointer (&pages);
}

static double
bbox_attribute (const char *line,
                const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *p = strstr (line, key);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (key), NULL);
}

typedef struct
{
  double x_min, y_min, x_max, y_max;
  char  *line;
} Word;

static void
word_clear (Word *word)
{
  g_free (word->line);
}

static gboolean
word_is (const Word *word,
         const char *text)
{
  g_autofree char *tail = g_strdup_printf (">%s</word>", text);

  return g_str_has_suffix (word->line, tail);
}

/* The characters of a word of pdftotext -bbox (escaped for HTML there). */
static glong
word_length (const Word *word)
{
  const char *end = g_strrstr (word->line, "</word>");
  const char *start;
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;

  /* <word xMin="…" … yMax="…">TEXT</word> */
  g_assert_nonnull (end);
  start = g_strstr_len (word->line, end - word->line, "\">");
  g_assert_nonnull (start);
  text = g_strndup (start + 2, end - start - 2);
  s = g_string_new (text);
  g_string_replace (s, "&lt;", "<", 0);
  g_string_replace (s, "&gt;", ">", 0);
  g_string_replace (s, "&quot;", "\"", 0);
  g_string_replace (s, "&apos;", "'", 0);
  g_string_replace (s, "&#39;", "'", 0);
  g_string_replace (s, "&amp;", "&", 0);   /* last: "&amp;lt;" is "&lt;" */
  return g_utf8_strlen (s->str, -1);
}

/* The words of one page: the footer ("Page n of N") below everything else,
 * and every word inside the page's margins. */
static char *
page_stray_word (GArray *words,
                 guint   page,
                 guint   n_pages,
                 double  width,
                 double  height)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *total = g_strdup_printf ("%u", n_pages);
  double footer_top = -1;
  guint footer = 0;

  if (words->len < 4)
    return g_strdup_printf ("page %u: %u words", page, words->len);
  for (guint i = 0; i + 3 < words->len; i++)
    if (word_is (&g_array_index (words, Word, i), "Page") &&
        word_is (&g_array_index (words, Word, i + 1), number) &&
        word_is (&g_array_index (words, Word, i + 2), "of") &&
        word_is (&g_array_index (words, Word, i + 3), total))
      footer = i;
  if (!word_is (&g_array_index (words, Word, footer), "Page"))
    return g_strdup_printf ("page %u: no footer “Page %u of %u”", page, page, n_pages);
  for (guint i = footer; i < footer + 4; i++)
    footer_top = footer_top < 0 ? g_array_index (words, Word, i).y_min
                                : MIN (footer_top, g_array_index (words, Word, i).y_min);

  for (guint i = 0; i < words->len; i++)
    {
      const Word *w = &g_array_index (words, Word, i);

      if (w->x_min < EDGE - 0.01 || w->x_max > width - EDGE + 0.01 || w->y_min < EDGE - 2 ||
          w->y_max > height - EDGE + 2)
        return g_strdup_printf ("page %u (%g x %g pt): a word off the page or in its margin: %s",
                                page, width, height, w->line);
      /* pango's ellipsis is one glyph standing for all the text it hides,
       * and pdftotext still reads that text: so a word far narrower than its
       * characters is text that cannot be seen (the smallest font is 7.5 pt,
       * whose narrowest characters are about 2 pt wide). */
      if (word_length (w) >= 3 && (w->x_max - w->x_min) / word_length (w) < 1.5)
        return g_strdup_printf ("page %u: a word narrower than its %ld characters (hidden by "
                                "an ellipsis?): %s", page, word_length (w), w->line);
      if ((i < footer || i >= footer + 4) && w->y_max > footer_top + 0.5)
        return g_strdup_printf ("page %u: a word runs into the footer (top %g): %s", page,
                                footer_top, w->line);
    }
  return NULL;
}

/* NULL when every word of every page lies on the page, inside its margins and
 * above the footer; else what is wrong. */
static char *
pdf_find_stray_word (const char *path,
                     guint       n_pages)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-bbox", path, "-", NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  double width = 0, height = 0;
  guint pages = 0, n_words = 0;

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  for (guint i = 0; lines[i]; i++)
    {
      const char *line = g_strchug (lines[i]);

      if (g_str_has_prefix (line, "<page "))
        {
          width = bbox_attribute (line, "width");
          height = bbox_attribute (line, "height");
          pages++;
          g_array_set_size (words, 0);
        }
      else if (g_str_has_prefix (line, "<word "))
        {
          Word w = { bbox_attribute (line, "xMin"), bbox_attribute (line, "yMin"),
                     bbox_attribute (line, "xMax"), bbox_attribute (line, "yMax"),
                     g_strdup (line) };

          g_assert_cmpuint (pages, >, 0);
          g_array_append_val (words, w);
          n_words++;
        }
      else if (g_str_has_prefix (line, "</page>"))
        {
          char *problem = page_stray_word (words, pages, n_pages, width, height);

          if (problem != NULL)
            return problem;
        }
    }
  g_assert_cmpuint (pages, ==, n_pages);
  g_assert_cmpuint (n_words, >, 10 * n_pages);
  return NULL;
}

/* Removes the first (or last) occurrence of @needle from @s; FALSE if there is none. */
static gboolean
string_remove (GString    *s,
               const char *needle,
               gboolean    last)
{
  const char *found = NULL;

  for (const char *p = strstr (s->str, needle); p != NULL; p = strstr (p + 1, needle))
    {
      found = p;
      if (!last)
        break;
    }
  if (found == NULL)
    return FALSE;
  g_string_erase (s, found - s->str, strlen (needle));
  return TRUE;
}

/* The text of each page without white space, running header and footer. */
static GPtrArray *
pdf_read_bodies (BatonRunbook *rb,
                 const char   *path,
                 guint         n_pages)
{
  g_auto(GStrv) pages = pdf_read_pages (path, n_pages);
  g_autofree char *title = strip_space (baton_runbook_get_title (rb));
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Page%uof%u", p + 1, n_pages);
      g_autofree char *text = strip_space (pages[p]);
      GString *page = g_string_new (text);

      /* The running header (the title) and the footer, once each. */
      if (!string_remove (page, title, FALSE))
        {
          g_autofree char *message = g_strdup_printf ("page %u has no header “%s”", p + 1,
                                                      baton_runbook_get_title (rb));
          fail (__FILE__, __LINE__, G_STRFUNC, message);
        }
      if (!string_remove (page, footer, TRUE))
        {
          g_autofree char *message = g_strdup_printf ("page %u has no footer “%s”", p + 1,
                                                      footer);
          fail (__FILE__, __LINE__, G_STRFUNC, message);
        }
      g_ptr_array_add (bodies, g_string_free (page, FALSE));
    }
  return bodies;
}

/* The headings of the PDF, white space removed. */
static GPtrArray *
pdf_headings (BatonRunbook *rb)
{
  static const char * const fixed[] = {
    "Warnings", "Before you start", "Topology", "Before the upgrade", "After the upgrade",
    "Estimate: moves and time without service", "Sign-off", "Appendix: troubleshooting",
    "Appendix: rollback by phase",
  };
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *phases = baton_runbook_get_phases (rb);
  GPtrArray *troubleshooting = baton_runbook_get_troubleshooting (rb);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (headings, strip_space (fixed[i]));
  for (guint p = 0; p < phases->len; p++)
    {
      g_autofree char *title =
        g_strdup_printf ("Phase %u: %s", p + 1,
                         ((BatonRunbookPhase *) g_ptr_array_index (phases, p))->title);

      g_ptr_array_add (headings, strip_space (title));
    }
  for (guint i = 0; i < troubleshooting->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (troubleshooting, i);

      if (item->title != NULL)
        g_ptr_array_add (headings, strip_space (item->title));
    }
  return headings;
}

/* NULL if the pages are sound: every word on its page, inside the margins
 * and above the footer, and no page with nothing but headings on it (a
 * heading pushed away from its text, a page left empty); else what is wrong. */
static char *
pdf_find_layout_problem (BatonRunbook *rb,
                         const char   *path,
                         guint         n_pages)
{
  g_autoptr(GPtrArray) bodies = pdf_read_bodies (rb, path, n_pages);
  g_autoptr(GPtrArray) headings = pdf_headings (rb);

  for (guint p = 0; p < bodies->len; p++)
    {
      g_autoptr(GString) rest = g_string_new (g_ptr_array_index (bodies, p));

      for (guint h = 0; h < headings->len; h++)
        {
          while (string_remove (rest, g_ptr_array_index (headings, h), FALSE))
            continue;
        }
      if (rest->len == 0)
        return g_strdup_printf ("page %u of %u has nothing but headings on it: “%s”", p + 1,
                                n_pages, (const char *) g_ptr_array_index (bodies, p));
    }
  return pdf_find_stray_word (path, n_pages);
}

/* Writes @rb as a PDF on @paper and checks the file: page size and count,
 * metadata, a header and footer on each page, every word on the page.
 * Returns the text of the body, white space removed, running headers and
 * footers cut out, so that a paragraph split between pages reads as one;
 * NULL when poppler's tools are missing. */
static char *
check_pdf (BatonRunbook *rb,
           BatonPaper    paper)
{
  g_autofree char *path = g_build_filename (tmpdir, "runbook.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(PdfInfo) info = { 0 };
  g_autoptr(GPtrArray) bodies = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *problem = NULL;
  GString *body;
  double width, height;
  guint n_pages = 0;

  baton_paper_get_size (paper, &width, &height);
  g_assert_true (baton_runbook_write_pdf (rb, path, paper, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >, 0);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (!have_poppler)
    {
      g_unlink (path);
      return NULL;
    }

  pdf_read_info (path, &info);
  g_assert_cmpuint (info.pages, ==, n_pages);
  g_assert_cmpuint (info.n_sizes, ==, n_pages);
  g_assert_cmpfloat (round (info.width), ==, paper == BATON_PAPER_A4 ? 595 : 612);
  g_assert_cmpfloat (round (info.height), ==, paper == BATON_PAPER_A4 ? 842 : 792);
  g_assert_cmpfloat_with_epsilon (info.width, width, 0.01);
  g_assert_cmpfloat_with_epsilon (info.height, height, 0.01);
  g_assert_cmpstr (info.title, ==, baton_runbook_get_title (rb));
  g_assert_cmpstr (info.author, ==, baton_runbook_get_author (rb));

  problem = pdf_find_layout_problem (rb, path, n_pages);
  if (problem != NULL)
    fail (__FILE__, __LINE__, G_STRFUNC, problem);

  bodies = pdf_read_bodies (rb, path, n_pages);
  body = g_string_new (NULL);
  for (guint p = 0; p < bodies->len; p++)
    g_string_append (body, g_ptr_array_index (bodies, p));
  g_unlink (path);
  return g_string_free (body, FALSE);
}

/* --- planning ------------------------------------------------------------------------ */

/* A cluster file under tests/ (G_TEST_SRCDIR), read as the application reads it. */
static BatonCluster *
load_cluster (const char *dir,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, dir, name, NULL);
  BatonCluster *cluster;

  file = g_file_new_for_path (path);
  cluster = baton_cluster_load_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cluster);
  return cluster;
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

static BatonPlan *
make_plan (BatonCluster *cluster,
           const char   *product,
           const char   *target)
{
  BatonProfile *profile = baton_catalog_lookup (catalog, product);
  g_autoptr(BatonPlanner) planner = NULL;
  g_autoptr(GError) error = NULL;
  BatonPlan *plan;

  g_assert_nonnull (profile);
  planner = baton_planner_new (cluster, profile);
  plan = baton_planner_plan (planner, target, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (baton_plan_get_n_steps (plan), >, 0);
  return plan;
}

/* The runbook of @plan, dated and signed so that its text does not depend on the day. */
static BatonRunbook *
make_runbook (BatonCluster *cluster,
              const char   *product,
              BatonPlan    *plan)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 1, 2, 9, 30, 0);
  BatonRunbook *rb = baton_runbook_new (cluster, baton_catalog_lookup (catalog, product), plan);

  g_assert_nonnull (rb);
  baton_runbook_set_date (rb, date);
  baton_runbook_set_author (rb, AUTHOR);
  return rb;
}

/* The steps of @rb's phases are the plan's, numbered 1…n in order, each
 * citing the title of its source and the place in it. */
static void
check_structure (BatonRunbook *rb,
                 BatonPlan    *plan)
{
  GPtrArray *phases = baton_runbook_get_phases (rb);
  BatonProfile *profile = baton_catalog_lookup (catalog, baton_plan_get_product (plan));
  guint number = 0;

  g_assert_nonnull (profile);
  g_assert_cmpuint (baton_runbook_get_n_steps (rb), ==, baton_plan_get_n_steps (plan));
  g_assert_cmpuint (phases->len, >, 0);
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);

      g_assert_nonnull (phase->title);
      g_assert_cmpstr (phase->title, !=, "");
      g_assert_nonnull (phase->rollback);
      g_assert_cmpstr (phase->rollback, !=, "");
      g_assert_cmpuint (phase->steps->len, >, 0);
      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);
          const char *source = baton_step_get_source (step->step);
          const char *title = source ? baton_profile_get_source_title (profile, source) : NULL;
          const char *where = baton_step_get_citation (step->step);

          g_assert_cmpuint (step->number, ==, ++number);
          g_assert_true (step->step == baton_plan_get_step (plan, number - 1));
          g_assert_nonnull (step->citation);
          g_assert_cmpstr (step->citation, !=, "");
          g_assert_nonnull (source);
          g_assert_nonnull (title);
          g_assert_true (g_str_has_prefix (step->citation, title));
          if (where != NULL)
            {
              /* The source's number is said once: "Q174799: How to…, step 1". */
              const char *colon = strchr (title, ':');

              if (colon != NULL && strncmp (where, title, colon - title) == 0 &&
                  g_str_has_prefix (where + (colon - title), ", "))
                where += (colon - title) + 2;
              expect_text ("citation", step->citation, where);
            }
          g_assert_nonnull (baton_step_get_summary (step->step));
        }
    }
  g_assert_cmpuint (number, ==, baton_plan_get_n_steps (plan));
}

/* --- the three formats --------------------------------------------------------------- */

static void
check_markdown (BatonRunbook *rb,
                const char   *md)
{
  GPtrArray *phases = baton_runbook_get_phases (rb);
  GPtrArray *prerequisites = baton_runbook_get_prerequisites (rb);
  GPtrArray *troubleshooting = baton_runbook_get_troubleshooting (rb);
  g_autofree char *text = md_unescape (md);
  g_autofree char *prose = md_prose (md);
  g_autofree char *title = g_strdup_printf ("# %s\n", baton_runbook_get_title (rb));
  g_autofree char *again = baton_runbook_to_markdown (rb);

  g_assert_true (g_utf8_validate (md, -1, NULL));
  g_assert_cmpstr (md, ==, again);   /* the same runbook, the same text */
  g_assert_true (g_str_has_prefix (text, title));
  expect_text ("md", text, "2026-01-02");
  expect_text ("md", text, AUTHOR);
  expect_text ("md", prose, "Ada Lovelace \\<ops@example.com\\> \\& Co");
  md_check_escaped (prose);
  md_check_tables (prose);
  {
    g_autofree char *problem = md_code_problem (md);

    if (problem != NULL)
      fail (__FILE__, __LINE__, G_STRFUNC, problem);
  }

  /* A tick box per step and per prerequisite, and none elsewhere. */
  g_assert_cmpuint (count_lines_with_prefix (md, "- [ ] "), ==,
                    baton_runbook_get_n_steps (rb) + prerequisites->len);
  g_assert_cmpuint (count_text (md, "- [ ]"), ==,
                    baton_runbook_get_n_steps (rb) + prerequisites->len);
  for (guint i = 0; i < prerequisites->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (prerequisites, i);
      g_autofree char *line = g_strdup_printf ("- [ ] %s", item->text);

      expect_text ("md prerequisite", text, line);
      if (item->citation)
        expect_text ("md prerequisite citation", text, item->citation);
    }

  g_assert_cmpuint (count_lines_with_prefix (md, "## Phase "), ==, phases->len);
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);
      g_autofree char *heading = g_strdup_printf ("\n## Phase %u: %s\n", p + 1, phase->title);

      expect_text ("md phase", text, heading);
      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);
          g_autofree char *item = g_strdup_printf ("\n- [ ] **%u.** %s", step->number,
                                                   baton_step_get_summary (step->step));
          g_autofree char *target = g_strdup_printf ("Target: %s\n", step->target);
          g_autofree char *source = g_strdup_printf ("Source: %s\n", step->citation);

          expect_text ("md step", text, item);
          expect_text ("md step target", text, target);
          expect_text ("md step citation", text, source);
          if (step->command != NULL)
            {
              /* Raw, in a code block: each line, indented. */
              g_auto(GStrv) command_lines = g_strsplit (step->command, "\n", -1);

              for (guint k = 0; command_lines[k]; k++)
                {
                  g_autofree char *line = g_strdup_printf ("    %s\n", command_lines[k]);

                  expect_text ("md step command", md, line);
                }
            }
        }
    }

  for (guint i = 0; i < troubleshooting->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (troubleshooting, i);
      g_autofree char *heading = g_strdup_printf ("\n### %s\n", item->title ? item->title
                                                                            : item->text);

      expect_text ("md troubleshooting", text, heading);
      expect_text ("md troubleshooting", text, item->text);
    }

  expect_text ("md", md, "\n## Sign-off\n");
  g_assert_cmpuint (count_lines_with_prefix (md, "| Prepared by |"), ==, 1);
  expect_text ("md", md, "\n## Appendix: rollback by phase\n");
  g_assert_cmpuint (count_lines_with_prefix (md, "- **Phase "), ==, phases->len);
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);
      g_autofree char *entry = g_strdup_printf ("\n- **Phase %u: %s.** %s\n", p + 1,
                                                phase->title, phase->rollback);

      expect_text ("md rollback", text, entry);
    }
  /* The rollback appendix comes after the sign-off, and both after the last step. */
  g_assert_true (strstr (md, "## Sign-off") < strstr (md, "## Appendix: rollback by phase"));
}

static void
check_html (BatonRunbook *rb,
            const char   *html)
{
  GPtrArray *phases = baton_runbook_get_phases (rb);
  GPtrArray *prerequisites = baton_runbook_get_prerequisites (rb);
  GPtrArray *troubleshooting = baton_runbook_get_troubleshooting (rb);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autofree char *title = g_markup_escape_text (baton_runbook_get_title (rb), -1);
  g_autofree char *in_title = g_strdup_printf ("<title>%s</title>", title);
  g_autofree char *in_h1 = g_strdup_printf ("<h1>%s</h1>", title);
  static const char * const pairs_of_tags[][2] = {
    { "<li", "</li>" }, { "<ol", "</ol>" }, { "<ul", "</ul>" }, { "<table", "</table>" },
    { "<tr", "</tr>" }, { "<dl", "</dl>" }, { "<pre>", "</pre>" }, { "<h2>", "</h2>" },
    { "<h3>", "</h3>" }, { "<span", "</span>" }, { "<style>", "</style>" },
  };

  g_assert_true (g_utf8_validate (html, -1, NULL));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));
  g_assert_cmpuint (count_text (html, "<style>"), ==, 1);
  expect_text ("html", html, "@media print");
  expect_text ("html", lower, "<meta charset=\"utf-8\">");

  /* Self-contained: nothing is fetched from anywhere. */
  expect_no_text ("html", lower, "src=");
  expect_no_text ("html", lower, "href=");
  expect_no_text ("html", lower, "url(");
  expect_no_text ("html", lower, "@import");
  expect_no_text ("html", lower, "<link");
  expect_no_text ("html", lower, "<script");
  expect_no_text ("html", lower, "<iframe");
  expect_no_text ("html", lower, "<img");

  html_check_markup (html);
  for (guint i = 0; i < G_N_ELEMENTS (pairs_of_tags); i++)
    g_assert_cmpuint (count_text (html, pairs_of_tags[i][0]), ==,
                      count_text (html, pairs_of_tags[i][1]));

  expect_text ("html", html, in_title);
  expect_text ("html", html, in_h1);
  expect_text ("html", html, "2026-01-02");
  html_expect_escaped ("html author", html, AUTHOR);

  for (guint i = 0; i < prerequisites->len; i++)
    html_expect_escaped ("html prerequisite",
                         html, ((BatonRunbookItem *) g_ptr_array_index (prerequisites, i))->text);

  g_assert_cmpuint (count_text (html, " id=\"step-"), ==, baton_runbook_get_n_steps (rb));
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);
      g_autofree char *escaped = g_markup_escape_text (phase->title, -1);
      g_autofree char *heading = g_strdup_printf ("<h2>Phase %u: %s</h2>", p + 1, escaped);

      expect_text ("html phase", html, heading);
      html_expect_escaped ("html rollback", html, phase->rollback);
      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);
          g_autofree char *id = g_strdup_printf (" id=\"step-%u\"", step->number);

          g_assert_cmpuint (count_text (html, id), ==, 1);
          html_expect_escaped ("html step", html, baton_step_get_summary (step->step));
          html_expect_escaped ("html step target", html, step->target);
          html_expect_escaped ("html step citation", html, step->citation);
          if (step->command != NULL)
            html_expect_escaped ("html step command", html, step->command);
        }
    }

  for (guint i = 0; i < troubleshooting->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (troubleshooting, i);
      g_autofree char *escaped = g_markup_escape_text (item->title ? item->title : item->text, -1);
      g_autofree char *heading = g_strdup_printf ("<h3>%s</h3>", escaped);

      expect_text ("html troubleshooting", html, heading);
    }
  expect_text ("html", html, "Sign-off");
  expect_text ("html", html, "Appendix: rollback by phase");
}

/* The body text of the PDF (check_pdf()) says what the runbook says. */
static void
check_pdf_text (BatonRunbook *rb,
                const char   *body)
{
  GPtrArray *phases = baton_runbook_get_phases (rb);
  GPtrArray *troubleshooting = baton_runbook_get_troubleshooting (rb);
  GPtrArray *prerequisites = baton_runbook_get_prerequisites (rb);
  g_autofree char *author = strip_space (AUTHOR);

  expect_text ("pdf", body, "2026-01-02");
  expect_text ("pdf", body, author);
  for (guint i = 0; i < prerequisites->len; i++)
    {
      g_autofree char *text =
        strip_space (((BatonRunbookItem *) g_ptr_array_index (prerequisites, i))->text);

      expect_text ("pdf prerequisite", body, text);
    }
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);
      g_autofree char *heading = g_strdup_printf ("Phase %u: %s", p + 1, phase->title);
      g_autofree char *stripped = strip_space (heading);
      g_autofree char *rollback = strip_space (phase->rollback);

      expect_text ("pdf phase", body, stripped);
      expect_text ("pdf rollback", body, rollback);
      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);
          g_autofree char *summary = g_strdup_printf ("%u. %s", step->number,
                                                      baton_step_get_summary (step->step));
          g_autofree char *source = g_strdup_printf ("Source: %s", step->citation);
          g_autofree char *summary_s = strip_space (summary);
          g_autofree char *source_s = strip_space (source);

          expect_text ("pdf step", body, summary_s);
          expect_text ("pdf step citation", body, source_s);
        }
    }
  for (guint i = 0; i < troubleshooting->len; i++)
    {
      BatonRunbookItem *item = g_ptr_array_index (troubleshooting, i);
      g_autofree char *text = strip_space (item->title ? item->title : item->text);

      expect_text ("pdf troubleshooting", body, text);
    }
  expect_text ("pdf", body, "Sign-off");
}

/* --- 1. every fixture in every format ------------------------------------------------- */

static void
test_fixture (gconstpointer data)
{
  const Pair *pair = data;
  g_autoptr(BatonCluster) cluster = load_cluster ("fixtures", pair->fixture);
  g_autoptr(BatonPlan) plan = make_plan (cluster, pair->product, pair->target);
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, pair->product, plan);
  g_autofree char *md = baton_runbook_to_markdown (rb);
  g_autofree char *html = baton_runbook_to_html (rb);
  static const BatonPaper papers[] = { BATON_PAPER_A4, BATON_PAPER_LETTER };

  check_structure (rb, plan);
  check_markdown (rb, md);
  check_html (rb, html);

  if (g_str_equal (pair->product, "exchange-2003-sp"))
    {
      static const char * const titles[] = { "Event 1025", "c1037b44", "Synchronization key" };

      g_assert_cmpuint (baton_runbook_get_troubleshooting (rb)->len, >=, G_N_ELEMENTS (titles));
      for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
        {
          g_autofree char *heading = g_strdup_printf ("\n### %s", titles[i]);
          g_autofree char *h3 = g_strdup_printf ("<h3>%s", titles[i]);

          expect_text ("md", md, heading);
          expect_text ("html", html, h3);
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (papers); k++)
    {
      g_autofree char *body = check_pdf (rb, papers[k]);

      if (body == NULL)
        {
          g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
          return;
        }
      check_pdf_text (rb, body);
      if (g_str_equal (pair->product, "exchange-2003-sp"))
        {
          expect_text ("pdf", body, "Event1025");
          expect_text ("pdf", body, "c1037b44");
          expect_text ("pdf", body, "Synchronizationkey");
        }
    }
}

/* --- 2. long and tricky names stay on the page ------------------------------------------ */

/* Every name of @cluster, whole, in @body. */
static void
check_names_in_pdf (BatonCluster *cluster,
                    const char   *body)
{
  GListModel *lists[] = { baton_cluster_get_nodes (cluster), baton_cluster_get_groups (cluster) };
  g_autofree char *cluster_name = strip_space (baton_cluster_get_name (cluster));

  expect_text ("pdf cluster name", body, cluster_name);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(GObject) object = g_list_model_get_item (lists[l], i);
        const char *name = BATON_IS_GROUP (object)
                             ? baton_group_get_name (BATON_GROUP (object))
                             : baton_machine_get_name (BATON_MACHINE (object));
        g_autofree char *stripped = strip_space (name);

        expect_text ("pdf name", body, stripped);
      }
}

static void
check_every_paper (BatonCluster *cluster,
                   const char   *product,
                   const char   *target)
{
  g_autoptr(BatonPlan) plan = make_plan (cluster, product, target);
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, product, plan);
  static const BatonPaper papers[] = { BATON_PAPER_A4, BATON_PAPER_LETTER };

  for (guint k = 0; k < G_N_ELEMENTS (papers); k++)
    {
      g_autofree char *body = check_pdf (rb, papers[k]);

      if (body == NULL)
        {
          g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
          return;
        }
      check_pdf_text (rb, body);
      check_names_in_pdf (cluster, body);
    }
}

static void
test_clipping_tricky (void)
{
  PlannerGenSpec spec = { "pacemaker", "pacemaker", "2.1.5", 5, 3, TRUE, FALSE };
  g_autoptr(GRand) rng = g_rand_new_with_seed (20260102);
  g_autoptr(BatonCluster) cluster = planner_util_generate (&spec, rng);

  check_every_paper (cluster, "pacemaker-rolling", "2.1.6");
}

/* @length bytes of ASCII: words of 11 letters and digits, or one word without spaces. */
static char *
long_name (char     first,
           gsize    length,
           gboolean spaces)
{
  GString *s = g_string_new (NULL);

  g_string_append_c (s, first);
  for (guint i = 1; s->len < length; i++)
    {
      if (spaces && i % 12 == 0)
        g_string_append_c (s, ' ');
      else
        g_string_append_c (s, "abcdefghijklmnopqrstuvwxyz0123456789"[(i * 7) % 36]);
    }
  if (s->str[s->len - 1] == ' ')
    s->str[s->len - 1] = 'z';
  g_assert_cmpuint (s->len, ==, length);
  return g_string_free (s, FALSE);
}

/* A Pacemaker cluster with the longest names the loader accepts: @n_groups
 * groups of 250 bytes (with spaces) on a node of 200 bytes (without). */
static char *
long_names_json (guint n_groups)
{
  g_autofree char *cluster = long_name ('C', 256, FALSE);
  g_autofree char *node = long_name ('N', 200, FALSE);
  GString *s = g_string_new (NULL);

#define NODE "{\"name\": \"%s\", \"state\": \"up\", \"software\": {\"pacemaker\": \"2.1.5\"}}"
  g_string_append_printf (s,
                          "{\"format\": \"baton-cluster/1\", \"name\": \"%s\", "
                          "\"platform\": \"pacemaker\", \"nodes\": [" NODE ", " NODE ", " NODE "], "
                          "\"groups\": [",
                          cluster, node, "node2", "node3");
#undef NODE
  for (guint i = 0; i < n_groups; i++)
    {
      g_autofree char *group = long_name ('A' + i % 26, 250, TRUE);

      g_string_append_printf (s, "%s{\"name\": \"%s\", \"kind\": \"generic\", \"owner\": \"%s\"}",
                              i > 0 ? ", " : "", group, node);
    }
  g_string_append (s, ", {\"name\": \"web\", \"kind\": \"generic\", \"owner\": \"node2\"}]}");
  return g_string_free (s, FALSE);
}

static void
test_clipping_long_names (void)
{
  g_autofree char *json = long_names_json (1);
  g_autoptr(BatonCluster) cluster = load_json (json);

  check_every_paper (cluster, "pacemaker-rolling", "2.1.6");
}

/* A machine card with as many groups as it shows (MAX_CHIPS in
 * baton-runbook-layout.c), each name as long as allowed, is taller than a
 * page.  Known bug: the card is not split or shortened, so it runs over the
 * footer and off the page, and the headings before it are each pushed to a
 * page of their own.  Reported as incomplete until the layout handles it;
 * then the test checks everything check_every_paper() checks. */
static void
test_clipping_tall_card (void)
{
  g_autofree char *json = long_names_json (12);
  g_autoptr(BatonCluster) cluster = load_json (json);
  g_autoptr(BatonPlan) plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, "pacemaker-rolling", plan);
  g_autofree char *path = g_build_filename (tmpdir, "tall-card.pdf", NULL);
  static const BatonPaper papers[] = { BATON_PAPER_A4, BATON_PAPER_LETTER };

  if (!have_poppler)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
      return;
    }

  for (guint k = 0; k < G_N_ELEMENTS (papers); k++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *problem = NULL;
      guint n_pages = 0;

      g_assert_true (baton_runbook_write_pdf (rb, path, papers[k], &n_pages, &error));
      g_assert_no_error (error);
      problem = pdf_find_layout_problem (rb, path, n_pages);
      g_unlink (path);
      if (problem != NULL)
        {
          g_autofree char *message =
            g_strdup_printf ("a machine card taller than the page (%s): %s",
                             papers[k] == BATON_PAPER_A4 ? "A4" : "Letter", problem);

          g_error ("%s", message);
        }
    }

  check_every_paper (cluster, "pacemaker-rolling", "2.1.6");
}

/* --- 3. hostile names in every format ------------------------------------------------- */

static void
test_adversarial (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster ("export/data", "adversarial.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, "pacemaker-rolling", plan);
  g_autofree char *md = baton_runbook_to_markdown (rb);
  g_autofree char *html = baton_runbook_to_html (rb);
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autofree char *text = md_unescape (md);
  g_autofree char *prose = md_prose (md);
  g_autofree char *body = NULL;

  check_structure (rb, plan);
  check_markdown (rb, md);
  check_html (rb, html);

  /* Every name is in every format, whole. */
  for (guint i = 0; i < G_N_ELEMENTS (adversarial_names); i++)
    {
      expect_text ("md name", text, adversarial_names[i]);
      html_expect_escaped ("html name", html, adversarial_names[i]);
    }

  /* HTML: no name is markup. */
  expect_no_text ("html", lower, "<script");
  expect_no_text ("html", html, "&amp; &lt;");
  expect_text ("html", html, "&amp;amp; &amp;lt;");
  expect_text ("html", html, "&lt;script&gt;alert(1)&lt;/script&gt;");
  expect_text ("html", html, "Group &quot;Alpha&quot;; $(touch x)");

  /* Markdown: outside code blocks no name is markup either. */
  md_check_escaped (prose);   /* "<script>" only as "\\<script\\>" */
  expect_text ("md", prose, "\\<script\\>alert(1)\\</script\\>");
  expect_no_text ("md", prose, "[link](");
  expect_text ("md", prose, "\\[link\\]");
  expect_no_text ("md", prose, "**bold**");
  expect_text ("md", prose, "\\*\\*bold\\*\\* \\_x\\_");
  expect_no_text ("md", prose, " | pipe");
  expect_text ("md", prose, " \\| pipe");
  expect_no_text ("md", prose, "&amp; &lt;");
  expect_text ("md", prose, "\\&amp; \\&lt;");
  expect_text ("md", prose, "back\\\\slash");
  expect_text ("md", prose, "$HOME \\`id\\`");
  expect_text ("md", md, "Ünïcödé ✓");

  body = check_pdf (rb, BATON_PAPER_A4);
  if (body == NULL)
    {
      g_test_skip ("pdftotext and pdfinfo (poppler-utils) are not installed");
      return;
    }
  check_pdf_text (rb, body);
  /* Pango markup is escaped once, everywhere: no entity shows on paper
   * but the one the name "&amp; &lt;" has. */
  expect_no_text ("pdf", body, "&lt;script");
  expect_no_text ("pdf", body, "&quot;");
  expect_no_text ("pdf", body, "&apos;");
  expect_no_text ("pdf", body, "&#39;");
  expect_no_text ("pdf", body, "&amp;amp;");
  expect_no_text ("pdf", body, "&amp;lt;");
  for (guint i = 0; i < G_N_ELEMENTS (adversarial_names); i++)
    {
      g_autofree char *stripped = strip_space (adversarial_names[i]);

      expect_text ("pdf name", body, stripped);
    }
}

/* --- 4. the topology before and after ------------------------------------------------- */

static BatonRunbookMachine *
find_machine (GPtrArray  *machines,
              const char *name)
{
  for (guint i = 0; i < machines->len; i++)
    {
      BatonRunbookMachine *m = g_ptr_array_index (machines, i);

      if (g_str_equal (m->name, name))
        return m;
    }
  return NULL;
}

static gboolean
is_updated (BatonPlan  *plan,
            const char *machine)
{
  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);

      if (baton_step_get_action (step) == BATON_ACTION_INSTALL_UPDATE &&
          g_strcmp0 (baton_step_get_node (step), machine) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Before and after list the same machines, in the same order; nothing "changed" before. */
static void
check_topology (BatonRunbook *rb,
                BatonCluster *cluster,
                BatonPlan    *plan)
{
  GPtrArray *before = baton_runbook_get_before (rb);
  GPtrArray *after = baton_runbook_get_after (rb);
  guint n_machines = g_list_model_get_n_items (baton_cluster_get_nodes (cluster)) +
                     g_list_model_get_n_items (baton_cluster_get_servers (cluster));
  guint n_groups_before = 0, n_groups_after = 0;

  g_assert_cmpuint (before->len, ==, n_machines);
  g_assert_cmpuint (after->len, ==, n_machines);
  for (guint i = 0; i < n_machines; i++)
    {
      BatonRunbookMachine *was = g_ptr_array_index (before, i);
      BatonRunbookMachine *now = g_ptr_array_index (after, i);

      g_assert_cmpstr (was->name, ==, now->name);
      g_assert_cmpstr (was->role, ==, now->role);
      g_assert_nonnull (baton_cluster_lookup_machine (cluster, was->name));
      g_assert_false (was->changed);
      if (is_updated (plan, now->name))
        {
          g_assert_true (now->changed);
          g_assert_cmpstr (was->software, !=, now->software);
        }
      n_groups_before += was->groups->len;
      n_groups_after += now->groups->len;
    }
  /* Every group is somewhere, once, before and after. */
  g_assert_cmpuint (n_groups_before, ==,
                    g_list_model_get_n_items (baton_cluster_get_groups (cluster)));
  g_assert_cmpuint (n_groups_after, ==, n_groups_before);
}

static void
test_topology_pacemaker (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster ("fixtures", "pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, "pacemaker-rolling", plan);
  g_autofree char *old = g_strdup_printf ("%s 2.1.5", baton_software_family_to_label ("pacemaker"));
  g_autofree char *new = g_strdup_printf ("%s 2.1.6", baton_software_family_to_label ("pacemaker"));
  GPtrArray *before = baton_runbook_get_before (rb);
  GPtrArray *after = baton_runbook_get_after (rb);

  check_topology (rb, cluster, plan);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    {
      BatonRunbookMachine *was = g_ptr_array_index (before, i);
      BatonRunbookMachine *now = g_ptr_array_index (after, i);

      g_assert_cmpstr (was->software, ==, old);
      g_assert_cmpstr (now->software, ==, new);
      g_assert_true (now->changed);
      g_assert_cmpstr (now->state, ==, was->state);   /* every node is back in service */
    }

  /* The groups are back where they were (the plan fails them back). */
  g_assert_cmpuint (find_machine (after, "node1")->groups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (find_machine (after, "node1")->groups, 0), ==, "web");
  g_assert_cmpuint (find_machine (after, "node2")->groups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (find_machine (after, "node2")->groups, 0), ==, "mail");
  g_assert_cmpuint (find_machine (after, "node3")->groups->len, ==, 0);
}

/* A group away from its preferred owner: the plan moves it home, and the
 * topology after shows it there, not where it was. */
static void
test_topology_moved (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster ("fixtures", "pacemaker-three-node.json");
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(BatonRunbook) rb = NULL;
  g_autoptr(GError) error = NULL;
  BatonRunbookMachine *node1, *node2;

  baton_cluster_move_group (cluster, baton_cluster_lookup_group (cluster, "web"), "node2", &error);
  g_assert_no_error (error);
  plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  rb = make_runbook (cluster, "pacemaker-rolling", plan);
  check_topology (rb, cluster, plan);

  node2 = find_machine (baton_runbook_get_before (rb), "node2");
  g_assert_cmpuint (node2->groups->len, ==, 2);
  node1 = find_machine (baton_runbook_get_after (rb), "node1");
  node2 = find_machine (baton_runbook_get_after (rb), "node2");
  g_assert_cmpuint (node1->groups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (node1->groups, 0), ==, "web");
  g_assert_cmpuint (node2->groups->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (node2->groups, 0), ==, "mail");
}

/* A node already at the target is not updated: it is not marked changed. */
static void
test_topology_unchanged (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster ("fixtures", "pacemaker-three-node.json");
  g_autoptr(BatonVersion) target = baton_version_parse ("2.1.6", NULL);
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(BatonRunbook) rb = NULL;
  BatonRunbookMachine *node3;

  baton_machine_set_version (baton_cluster_lookup_machine (cluster, "node3"), "pacemaker",
                             target);
  plan = make_plan (cluster, "pacemaker-rolling", "2.1.6");
  rb = make_runbook (cluster, "pacemaker-rolling", plan);
  check_topology (rb, cluster, plan);

  g_assert_false (is_updated (plan, "node3"));
  node3 = find_machine (baton_runbook_get_after (rb), "node3");
  g_assert_nonnull (node3);
  g_assert_false (node3->changed);
  g_assert_true (find_machine (baton_runbook_get_after (rb), "node1")->changed);
  g_assert_true (find_machine (baton_runbook_get_after (rb), "node2")->changed);
}

static void
test_topology_exchange2003 (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster ("fixtures",
                                                  "exchange2003-frontend-backend.json");
  g_autoptr(BatonPlan) plan = make_plan (cluster, "exchange-2003-sp", "2003 SP2");
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, "exchange-2003-sp", plan);
  GPtrArray *after = baton_runbook_get_after (rb);
  guint n_groups = 0, n_updated = 0;

  check_topology (rb, cluster, plan);
  for (guint i = 0; i < after->len; i++)
    {
      BatonRunbookMachine *m = g_ptr_array_index (after, i);

      /* Exchange 2003 SP2 everywhere; Windows stays as it was. */
      expect_text ("after", m->software, "Exchange 2003 SP2");
      expect_no_text ("after", m->software, "Exchange 2003 SP1");
      if (baton_cluster_lookup_node (cluster, m->name))
        expect_text ("after", m->software, "Windows 2003 SP1");
      if (is_updated (plan, m->name))
        {
          g_assert_true (m->changed);
          n_updated++;
        }

      /* Every group on its preferred owner. */
      for (guint k = 0; k < m->groups->len; k++)
        {
          const char *name = g_ptr_array_index (m->groups, k);
          BatonGroup *group = baton_cluster_lookup_group (cluster, name);

          g_assert_nonnull (group);
          g_assert_cmpstr (baton_group_get_preferred_owner (group), ==, m->name);
          n_groups++;
        }
    }
  g_assert_cmpuint (n_updated, ==, 4);
  g_assert_cmpuint (n_groups, ==, g_list_model_get_n_items (baton_cluster_get_groups (cluster)));
}

/* --- commands of more than one line ---------------------------------------------------- */

/* The administrator's update command may be a script of several lines.  Known
 * bug: md_code_block() indents only the first line of a command, so in
 * Markdown the rest leaves the list item and its code block.  Reported as
 * incomplete until fixed; HTML and PDF keep every line. */
static void
test_multiline_command (void)
{
  g_autoptr(BatonCluster) cluster = load_cluster ("fixtures", "pacemaker-three-node.json");
  BatonProfile *profile = baton_catalog_lookup (catalog, "pacemaker-rolling");
  g_autoptr(BatonPlanner) planner = baton_planner_new (cluster, profile);
  g_autoptr(BatonPlan) plan = NULL;
  g_autoptr(BatonRunbook) rb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *md = NULL;
  g_autofree char *html = NULL;
  g_autofree char *body = NULL;
  g_autofree char *problem = NULL;

  baton_planner_set_option (planner, "update_command",
                            "apt-get update\napt-get install -y pacemaker-upgrade-check", &error);
  g_assert_no_error (error);
  plan = baton_planner_plan (planner, "2.1.6", &error);
  g_assert_no_error (error);
  rb = make_runbook (cluster, "pacemaker-rolling", plan);

  html = baton_runbook_to_html (rb);
  check_html (rb, html);
  expect_text ("html", html,
               "<pre>apt-get update\napt-get install -y pacemaker-upgrade-check</pre>");

  body = check_pdf (rb, BATON_PAPER_A4);
  if (body != NULL)
    expect_text ("pdf", body, "apt-getupdateapt-getinstall-ypacemaker-upgrade-check");

  md = baton_runbook_to_markdown (rb);
  expect_text ("md", md, "apt-get update\n");
  problem = md_code_problem (md);
  if (problem != NULL)
    {
      g_autofree char *message = g_strdup_printf ("a command of several lines breaks out "
                                                  "of its Markdown code block: %s", problem);
      g_error ("%s", message);
    }
  check_markdown (rb, md);
}

/* --- 5. commands of the chosen toolchain ---------------------------------------------- */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_toolchain (void)
{
  PlannerGenSpec spec = { "wsfc", "windows", "2019", 3, 2, FALSE, FALSE };
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);
  g_autoptr(BatonCluster) cluster = planner_util_generate (&spec, rng);
  g_autoptr(BatonPlan) plan = make_plan (cluster, "wsfc-rolling", "2022");
  g_autoptr(BatonRunbook) rb = make_runbook (cluster, "wsfc-rolling", plan);
  g_autofree char *powershell = NULL;
  g_autofree char *cluster_exe = NULL;
  g_autofree char *html = NULL;
  guint notified = 0, n_pause = 0;
  GPtrArray *phases;

  g_signal_connect (rb, "notify::toolchain", G_CALLBACK (count_notify_cb), &notified);

  /* WSFC: PowerShell by default. */
  g_assert_cmpstr (baton_runbook_get_toolchain (rb), ==, "powershell");
  powershell = baton_runbook_to_markdown (rb);
  check_markdown (rb, powershell);
  expect_text ("powershell", powershell, "Suspend-ClusterNode -Name ");
  expect_text ("powershell", powershell, "Move-ClusterGroup -Name ");
  expect_text ("powershell", powershell, "```powershell\n");
  expect_no_text ("powershell", powershell, "/pause");

  baton_runbook_set_toolchain (rb, "cluster.exe");
  g_assert_cmpuint (notified, ==, 1);
  baton_runbook_set_toolchain (rb, "cluster.exe");
  g_assert_cmpuint (notified, ==, 1);   /* no change, no notification */
  g_assert_cmpstr (baton_runbook_get_toolchain (rb), ==, "cluster.exe");

  cluster_exe = baton_runbook_to_markdown (rb);
  check_markdown (rb, cluster_exe);
  expect_text ("cluster.exe", cluster_exe, "cluster node ");
  expect_text ("cluster.exe", cluster_exe, " /pause");
  expect_text ("cluster.exe", cluster_exe, "cluster group ");
  expect_text ("cluster.exe", cluster_exe, " /move:");
  expect_text ("cluster.exe", cluster_exe, "```bat\n");
  expect_no_text ("cluster.exe", cluster_exe, "Suspend-ClusterNode");
  expect_no_text ("cluster.exe", cluster_exe, "Move-ClusterGroup");
  /* A step cluster.exe has no command for shows PowerShell's, labelled as such. */
  expect_text ("cluster.exe", cluster_exe, "Stop-ClusterNode -Name ");
  expect_text ("cluster.exe", cluster_exe, "Command (powershell):");

  phases = baton_runbook_get_phases (rb);
  for (guint p = 0; p < phases->len; p++)
    {
      BatonRunbookPhase *phase = g_ptr_array_index (phases, p);

      for (guint i = 0; i < phase->steps->len; i++)
        {
          BatonRunbookStep *step = g_ptr_array_index (phase->steps, i);

          switch (baton_step_get_action (step->step))
            {
            case BATON_ACTION_PAUSE_NODE:
            case BATON_ACTION_MOVE_GROUP:
              g_assert_cmpstr (step->toolchain, ==, "cluster.exe");
              g_assert_true (g_str_has_prefix (step->command, "cluster "));
              n_pause++;
              break;
            case BATON_ACTION_STOP_CLUSTER_SERVICE:
              g_assert_cmpstr (step->toolchain, ==, "powershell");
              break;
            case BATON_ACTION_CHECK_EVENT_LOG:
            case BATON_ACTION_CONFIRM_BACKUP:
            case BATON_ACTION_RESUME_NODE:
            case BATON_ACTION_START_CLUSTER_SERVICE:
            case BATON_ACTION_TAKE_OFFLINE:
            case BATON_ACTION_BRING_ONLINE:
            case BATON_ACTION_SET_POSSIBLE_OWNERS:
            case BATON_ACTION_INSTALL_UPDATE:
            case BATON_ACTION_RESTART_NODE:
            case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
            case BATON_ACTION_WAIT_HEALTHY:
            case BATON_ACTION_MANUAL:
            default:
              break;
            }
        }
    }
  g_assert_cmpuint (n_pause, >=, 3);

  html = baton_runbook_to_html (rb);
  check_html (rb, html);
  expect_text ("html cluster.exe", html, " /pause");
  expect_no_text ("html cluster.exe", html, "Suspend-ClusterNode");

  /* NULL goes back to the platform's toolchain. */
  baton_runbook_set_toolchain (rb, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (baton_runbook_get_toolchain (rb), ==, "powershell");
  {
    g_autofree char *md = baton_runbook_to_markdown (rb);

    g_assert_cmpstr (md, ==, powershell);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  int ret;

  g_test_init (&argc, &argv, NULL);

  catalog = baton_catalog_new ();
  baton_catalog_add_builtin (catalog);
  g_assert_cmpstrv (baton_catalog_get_problems (catalog), ((const char *[]) { NULL }));
  have_poppler = pdftotext != NULL && pdfinfo != NULL;
  tmpdir = g_dir_make_tmp ("test-runbook-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *name = g_strdup (pairs[i].fixture);
      g_autofree char *path = NULL;

      *strrchr (name, '.') = '\0';
      path = g_strdup_printf ("/runbook/fixture/%s", name);
      g_test_add_data_func (path, &pairs[i], test_fixture);
    }
  g_test_add_func ("/runbook/clipping/tricky-names", test_clipping_tricky);
  g_test_add_func ("/runbook/clipping/long-names", test_clipping_long_names);
  g_test_add_func ("/runbook/clipping/tall-card", test_clipping_tall_card);
  g_test_add_func ("/runbook/adversarial", test_adversarial);
  g_test_add_func ("/runbook/topology/pacemaker", test_topology_pacemaker);
  g_test_add_func ("/runbook/topology/unchanged-node", test_topology_unchanged);
  g_test_add_func ("/runbook/topology/moved-home", test_topology_moved);
  g_test_add_func ("/runbook/topology/exchange2003", test_topology_exchange2003);
  g_test_add_func ("/runbook/toolchain", test_toolchain);
  g_test_add_func ("/runbook/multiline-command", test_multiline_command);

  ret = g_test_run ();

  g_rmdir (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  g_clear_object (&catalog);
  return ret;
}
