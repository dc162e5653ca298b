/* baton-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Versions as the sources write them: "NT4 SP3", "NT4 SP6a", "2000 SP4",
 * "5.5 SP3", "2003 SP2", "2007 SP1 RU4", "2008 R2 SP1", "4.0 SP4", "2.1.5".
 *
 * A version is a product release (dotted numbers, optionally after a
 * product prefix such as "NT", optionally followed by a release tag such
 * as "R2"), then an optional service pack (with an optional letter, SP6a
 * follows SP6) and an optional update rollup (RU, UR or CU).  Versions
 * are ordered part by part, numerically; a missing part counts as zero,
 * so "5" equals "5.0" and "2007 SP1" precedes "2007 SP1 RU1".  A product
 * prefix is a label: "NT4" is release 4 and so precedes "2000".
 */

#define G_LOG_DOMAIN "baton-version"

#include "config.h"

#include <string.h>

#include "baton-version.h"

#define MAX_NUMBERS 4
#define MAX_PART    999999

struct _BatonVersion
{
  gatomicrefcount ref_count;
  char           *text;
  guint           numbers[MAX_NUMBERS];
  guint           n_numbers;
  guint           release;     /* "R2" -> 2 */
  guint           sp;          /* service pack */
  char            sp_letter;   /* 'a' in SP6a, 0 when none */
  guint           rollup;      /* RU/UR/CU */
};

G_DEFINE_BOXED_TYPE (BatonVersion, baton_version, baton_version_ref, baton_version_unref)
G_DEFINE_QUARK (baton-version-error-quark, baton_version_error)

static gboolean
parse_number (const char **p,
              guint       *out)
{
  guint64 value = 0;
  const char *s = *p;

  if (!g_ascii_isdigit (*s))
    return FALSE;

  while (g_ascii_isdigit (*s))
    {
      value = value * 10 + (guint64) (*s - '0');
      if (value > MAX_PART)
        return FALSE;
      s++;
    }

  *p = s;
  *out = (guint) value;
  return TRUE;
}

static gboolean
has_prefix_ci (const char *s,
               const char *prefix)
{
  return g_ascii_strncasecmp (s, prefix, strlen (prefix)) == 0;
}

static gboolean
fail (GError    **error,
      const char *text,
      const char *why)
{
  g_set_error (error, BATON_VERSION_ERROR, BATON_VERSION_ERROR_INVALID,
               "“%s” is not a version: %s (expected e.g. “2.1.5”, “NT4 SP6a”, "
               "“2007 SP1 RU4”, “2008 R2 SP1”)", text, why);
  return FALSE;
}

static gboolean
parse_release (BatonVersion  *self,
               const char   **p,
               GError       **error)
{
  const char *s = *p;

  /* An optional product prefix glued to the number: "NT4", "v2". */
  if (has_prefix_ci (s, "NT") && g_ascii_isdigit (s[2]))
    s += 2;
  else if ((*s == 'v' || *s == 'V') && g_ascii_isdigit (s[1]))
    s += 1;

  for (;;)
    {
      if (self->n_numbers == MAX_NUMBERS)
        return fail (error, self->text, "too many dotted parts");
      if (!parse_number (&s, &self->numbers[self->n_numbers]))
        return fail (error, self->text, "a release number was expected");
      self->n_numbers++;
      if (*s != '.')
        break;
      s++;
    }

  *p = s;
  return TRUE;
}

static gboolean
parse_qualifier (BatonVersion  *self,
                 const char   **p,
                 guint         *stage,
                 GError       **error)
{
  const char *s = *p;
  guint value;

  /* Qualifiers come in a fixed order: release tag, service pack, rollup. */
  if (has_prefix_ci (s, "RTM") && (s[3] == '\0' || s[3] == ' '))
    {
      if (*stage > 0)
        return fail (error, self->text, "“RTM” must come right after the release");
      *stage = 1;
      *p = s + 3;
      return TRUE;
    }

  if ((s[0] == 'R' || s[0] == 'r') && g_ascii_isdigit (s[1]))
    {
      s++;
      if (*stage > 0)
        return fail (error, self->text, "a release tag (R2) must come before SP and RU");
      if (!parse_number (&s, &self->release))
        return fail (error, self->text, "a number was expected after “R”");
      *stage = 1;
    }
  else if (has_prefix_ci (s, "SP"))
    {
      s += 2;
      if (*stage > 1)
        return fail (error, self->text, "the service pack must come before the rollup");
      if (!parse_number (&s, &self->sp))
        return fail (error, self->text, "a number was expected after “SP”");
      if (g_ascii_isalpha (*s) && !g_ascii_isalnum (s[1]))
        {
          self->sp_letter = g_ascii_tolower (*s);
          s++;
        }
      *stage = 2;
    }
  else if (has_prefix_ci (s, "RU") || has_prefix_ci (s, "UR") || has_prefix_ci (s, "CU"))
    {
      s += 2;
      if (*stage > 2)
        return fail (error, self->text, "only one rollup is allowed");
      if (!parse_number (&s, &value))
        return fail (error, self->text, "a number was expected after the rollup tag");
      self->rollup = value;
      *stage = 3;
    }
  else
    {
      return fail (error, self->text, "unknown part (known: R2, SPn, RUn, URn, CUn, RTM)");
    }

  if (*s != '\0' && *s != ' ')
    return fail (error, self->text, "unexpected characters after a part");

  *p = s;
  return TRUE;
}

/**
 * baton_version_parse:
 * @text: a version string such as "2007 SP1 RU4"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the parsed version, or %NULL with
 *   @error set when @text is not a version.
 */
BatonVersion *
baton_version_parse (const char  *text,
                     GError     **error)
{
  g_autoptr(BatonVersion) self = NULL;
  g_autofree char *normal = NULL;
  const char *p;
  guint stage = 0;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (BatonVersion, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->text = g_strdup (text);

  if (!g_utf8_validate (text, -1, NULL))
    {
      fail (error, "(invalid UTF-8)", "the text is not UTF-8");
      return NULL;
    }

  /* Fold runs of white space so "2007  SP1" and " 2.1.5 " parse. */
  normal = g_strstrip (g_strdup (text));
  for (char *r = normal, *w = normal; ; r++)
    {
      if (*r == '\t' || *r == '\n' || *r == '\r')
        *r = ' ';
      if (*r == ' ' && w > normal && w[-1] == ' ')
        continue;
      *w++ = *r;
      if (*r == '\0')
        break;
    }

  if (*normal == '\0')
    {
      fail (error, text, "it is empty");
      return NULL;
    }

  p = normal;
  if (!parse_release (self, &p, error))
    return NULL;

  while (*p == ' ')
    {
      p++;
      if (!parse_qualifier (self, &p, &stage, error))
        return NULL;
    }

  if (*p != '\0')
    {
      fail (error, text, "unexpected characters after the release number");
      return NULL;
    }

  g_free (self->text);
  self->text = g_steal_pointer (&normal);
  return g_steal_pointer (&self);
}

BatonVersion *
baton_version_ref (BatonVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
baton_version_unref (BatonVersion *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->text);
      g_free (self);
    }
}

/**
 * baton_version_to_string:
 *
 * Returns: the version as written (white space folded).
 */
const char *
baton_version_to_string (const BatonVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

static int
cmp_uint (guint a,
          guint b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/*
 * Compares the product releases only: dotted numbers, then the release tag.
 */
static int
compare_release (const BatonVersion *a,
                 const BatonVersion *b)
{
  int r;

  for (guint i = 0; i < MAX_NUMBERS; i++)
    {
      if ((r = cmp_uint (baton_version_get_number (a, i), baton_version_get_number (b, i))))
        return r;
    }

  return cmp_uint (a->release, b->release);
}

/**
 * baton_version_compare:
 *
 * Returns: a negative number when @a comes before @b, 0 when they are the
 *   same version, a positive number when @a comes after @b.
 */
int
baton_version_compare (const BatonVersion *a,
                       const BatonVersion *b)
{
  int r;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if ((r = compare_release (a, b)))
    return r;
  if ((r = cmp_uint (a->sp, b->sp)))
    return r;
  if ((r = cmp_uint ((guchar) a->sp_letter, (guchar) b->sp_letter)))
    return r;
  return cmp_uint (a->rollup, b->rollup);
}

gboolean
baton_version_equal (const BatonVersion *a,
                     const BatonVersion *b)
{
  return baton_version_compare (a, b) == 0;
}

/**
 * baton_version_same_release:
 *
 * Returns: whether @a and @b are the same product release ("2007 SP1 RU4"
 *   and "2007 SP2" are; "2003 SP2" and "2007" are not).
 */
gboolean
baton_version_same_release (const BatonVersion *a,
                            const BatonVersion *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return compare_release (a, b) == 0;
}

guint
baton_version_get_number (const BatonVersion *self,
                          guint               index)
{
  g_return_val_if_fail (self != NULL, 0);

  return index < self->n_numbers ? self->numbers[index] : 0;
}

guint
baton_version_get_service_pack (const BatonVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->sp;
}

guint
baton_version_get_rollup (const BatonVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rollup;
}
