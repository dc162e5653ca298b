/* test-version.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * BatonVersion: every version form of DESIGN.md parses, orders by its
 * parts (never as a string), and everything else is refused with an
 * error that quotes the text.
 */

#include "config.h"

#include <string.h>

#include "baton-version.h"

static BatonVersion *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  BatonVersion *version;

  version = baton_version_parse (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (version);
  return version;
}

/* Each pair is (a, b) with a < b. */
static const struct
{
  const char *a;
  const char *b;
} ordered[] = {
  /* Windows NT 4.0 service packs; SP6a follows SP6 */
  { "NT4", "NT4 SP1" },
  { "NT4 SP3", "NT4 SP6a" },
  { "NT4 SP5", "NT4 SP6" },
  { "NT4 SP6", "NT4 SP6a" },
  { "NT4 SP6a", "NT4 SP6b" },
  { "NT4 SP6a", "NT4 SP7" },
  { "NT4 SP6a", "2000" },
  /* Windows 2000, 2003, 2008 with release tags */
  { "2000", "2000 SP1" },
  { "2000 SP3", "2000 SP4" },
  { "2000 SP4", "2003" },
  { "2003 SP1", "2003 SP2" },
  { "2003 SP2", "2003 R2" },
  { "2003 R2", "2003 R2 SP2" },
  { "2008 SP2", "2008 R2" },
  { "2008 R2", "2008 R2 SP1" },
  { "2008 R2 SP1", "2012" },
  { "2012", "2012 R2" },
  { "2012 R2", "2016" },
  /* Exchange 5.5, 2000, 2003, 2007 with rollups */
  { "5.0", "5.5" },
  { "5.5", "5.5 SP1" },
  { "5.5 SP3", "5.5 SP4" },
  { "2003 SP2", "2007" },
  { "2007", "2007 SP1" },
  { "2007 RTM", "2007 SP1" },
  { "2007 RU1", "2007 SP1" },     /* a rollup of RTM comes before SP1 */
  { "2007 SP1", "2007 SP1 RU1" },
  { "2007 SP1 RU4", "2007 SP1 RU10" },
  { "2007 SP1 UR9", "2007 SP1 RU10" },
  { "2007 SP1 RU4", "2007 SP2" },
  { "2007 SP3 RU1", "2010" },
  { "2016 CU3", "2016 CU12" },
  /* IIS */
  { "4.0 SP3", "4.0 SP4" },
  { "3.0 SP4", "4.0 SP3" },
  { "4.0 SP4", "5.0" },
  /* Pacemaker: dotted numbers, numerically */
  { "2.1.5", "2.1.6" },
  { "2.1.5", "2.1.10" },
  { "2.1.9", "2.1.10" },
  { "2.0.99", "2.1" },
  { "2.1", "2.1.1" },
  { "1.1.24", "2.0.0" },
  { "2.1.8", "3.0.0" },
  { "9", "10" },
  { "v1.9", "v2" },
  { "1.2.3.4", "1.2.3.5" },
};

static void
test_version_order (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ordered); i++)
    {
      g_autoptr(BatonVersion) a = parse_ok (ordered[i].a);
      g_autoptr(BatonVersion) b = parse_ok (ordered[i].b);

      g_test_message ("“%s” < “%s”", ordered[i].a, ordered[i].b);
      g_assert_cmpint (baton_version_compare (a, b), <, 0);
      g_assert_cmpint (baton_version_compare (b, a), >, 0);
      g_assert_cmpint (baton_version_compare (a, a), ==, 0);
      g_assert_cmpint (baton_version_compare (b, b), ==, 0);
      g_assert_false (baton_version_equal (a, b));
      g_assert_true (baton_version_equal (a, a));
    }
}

/* A chain in increasing order: sorting any shuffle of it gives it back. */
static const char * const chain[] = {
  "NT4", "NT4 SP3", "NT4 SP6", "NT4 SP6a", "4.0 SP7", "5", "5.5 SP3", "5.5 SP4",
  "2000", "2000 SP4", "2003", "2003 SP2", "2003 R2", "2007 SP1", "2007 SP1 RU4",
  "2007 SP1 RU10", "2007 SP2", "2008", "2008 SP2", "2008 R2", "2008 R2 SP1",
};

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return baton_version_compare (*(BatonVersion * const *) a, *(BatonVersion * const *) b);
}

static void
test_version_sort (void)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (
    (GDestroyNotify) baton_version_unref);

  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    g_ptr_array_add (versions, parse_ok (chain[i]));

  /* Every pair of the chain, not only neighbours: the order is transitive. */
  for (guint i = 0; i < versions->len; i++)
    for (guint j = i + 1; j < versions->len; j++)
      g_assert_cmpint (baton_version_compare (versions->pdata[i], versions->pdata[j]), <, 0);

  for (guint round = 0; round < 20; round++)
    {
      /* Fisher-Yates with the test's seeded generator. */
      for (guint i = versions->len - 1; i > 0; i--)
        {
          guint j = g_test_rand_int_range (0, i + 1);
          gpointer tmp = versions->pdata[i];

          versions->pdata[i] = versions->pdata[j];
          versions->pdata[j] = tmp;
        }

      g_ptr_array_sort (versions, compare_cb);

      for (guint i = 0; i < versions->len; i++)
        g_assert_cmpstr (baton_version_to_string (versions->pdata[i]), ==, chain[i]);
    }
}

static const struct
{
  const char *a;
  const char *b;
} equal[] = {
  { "5", "5.0" },
  { "5", "5.0.0.0" },
  { "2.1.5", " 2.1.5 " },
  { "2007 SP1", "2007  SP1" },
  { "2007 SP1", "\t2007\tSP1\n" },
  { "2007", "2007 RTM" },
  { "2007 SP1 RU4", "2007 SP1 UR4" },
  { "NT4 SP6a", "nt4 sp6A" },
  { "NT4", "4" },
  { "2.1", "v2.1" },
  { "2008 R2 SP1", "2008 r2 sp1" },
  { "2.1", "2.01" },
};

static void
test_version_equal (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (equal); i++)
    {
      g_autoptr(BatonVersion) a = parse_ok (equal[i].a);
      g_autoptr(BatonVersion) b = parse_ok (equal[i].b);

      g_test_message ("“%s” == “%s”", equal[i].a, equal[i].b);
      g_assert_cmpint (baton_version_compare (a, b), ==, 0);
      g_assert_cmpint (baton_version_compare (b, a), ==, 0);
      g_assert_true (baton_version_equal (a, b));
      g_assert_true (baton_version_same_release (a, b));
    }
}

static const char * const invalid[] = {
  "",
  "   ",
  "SP3",
  "abc",
  "NT",
  "NT SP3",
  "2007 SP",
  "2007 RU4 SP1",      /* rollup before service pack */
  "2007 SP1 R2",       /* release tag after service pack */
  "2007 SP1 RTM",      /* RTM after service pack */
  "2007 RTM RTM",
  "2007 SP1 RU4 RU5",  /* two rollups */
  "2007 SP1 SP2",      /* two service packs */
  "2008 R2 R3",
  "2007 SP1RU4",
  "2008R2",
  "1.2.3.4.5",         /* at most four dotted parts */
  "2.1.5x",
  "2.",
  ".5",
  "2..1",
  "-1",
  "1.-2",
  "NT4 SPX",
  "NT4 SP6ab",
  "2007 SP1 RU",
  "2007 R",
  "2007 foo",
  "2007 SP1 hotfix",
  "1000000",           /* numbers too large */
  "2.99999999999999999999",
  "2007 SP4294967297",
  "2007 SP1 RU1000000",
  "2008 R1000000",
  "5,5",
};

static void
test_version_invalid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(BatonVersion) version = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", invalid[i]);

      g_test_message ("invalid: “%s”", invalid[i]);
      version = baton_version_parse (invalid[i], &error);
      g_assert_null (version);
      g_assert_error (error, BATON_VERSION_ERROR, BATON_VERSION_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, quoted));
    }
}

static void
test_version_invalid_utf8 (void)
{
  g_autoptr(BatonVersion) version = NULL;
  g_autoptr(GError) error = NULL;

  version = baton_version_parse ("2007 SP1 \xff\xfe", &error);
  g_assert_null (version);
  g_assert_error (error, BATON_VERSION_ERROR, BATON_VERSION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));

  /* No NULL error: refusing must not crash either. */
  g_assert_null (baton_version_parse ("2007 RU4 SP1", NULL));
}

static const struct
{
  const char *text;
  const char *string;
  guint       numbers[4];
  guint       sp;
  guint       rollup;
} parts[] = {
  { "NT4 SP3", "NT4 SP3", { 4, 0, 0, 0 }, 3, 0 },
  { "NT4 SP6a", "NT4 SP6a", { 4, 0, 0, 0 }, 6, 0 },
  { "nt4  sp6a", "nt4 sp6a", { 4, 0, 0, 0 }, 6, 0 },
  { "2000 SP4", "2000 SP4", { 2000, 0, 0, 0 }, 4, 0 },
  { "5.5 SP3", "5.5 SP3", { 5, 5, 0, 0 }, 3, 0 },
  { "2003 SP2", "2003 SP2", { 2003, 0, 0, 0 }, 2, 0 },
  { "2007 SP1 RU4", "2007 SP1 RU4", { 2007, 0, 0, 0 }, 1, 4 },
  { "2007 SP3 UR12", "2007 SP3 UR12", { 2007, 0, 0, 0 }, 3, 12 },
  { "2008 R2 SP1", "2008 R2 SP1", { 2008, 0, 0, 0 }, 1, 0 },
  { "4.0 SP4", "4.0 SP4", { 4, 0, 0, 0 }, 4, 0 },
  { " 2.1.5 ", "2.1.5", { 2, 1, 5, 0 }, 0, 0 },
  { "1.2.3.4", "1.2.3.4", { 1, 2, 3, 4 }, 0, 0 },
  { "999999.0", "999999.0", { 999999, 0, 0, 0 }, 0, 0 },
  { "2016 CU12", "2016 CU12", { 2016, 0, 0, 0 }, 0, 12 },
};

static void
test_version_accessors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(BatonVersion) version = parse_ok (parts[i].text);

      g_test_message ("parts of “%s”", parts[i].text);
      g_assert_cmpstr (baton_version_to_string (version), ==, parts[i].string);
      for (guint n = 0; n < 4; n++)
        g_assert_cmpuint (baton_version_get_number (version, n), ==, parts[i].numbers[n]);
      g_assert_cmpuint (baton_version_get_number (version, 4), ==, 0);
      g_assert_cmpuint (baton_version_get_number (version, G_MAXUINT), ==, 0);
      g_assert_cmpuint (baton_version_get_service_pack (version), ==, parts[i].sp);
      g_assert_cmpuint (baton_version_get_rollup (version), ==, parts[i].rollup);
    }
}

static void
test_version_same_release (void)
{
  static const struct
  {
    const char *a;
    const char *b;
    gboolean    same;
  } cases[] = {
    { "2007 SP1 RU4", "2007 SP2", TRUE },
    { "2007", "2007 SP3 RU1", TRUE },
    { "NT4 SP3", "NT4 SP6a", TRUE },
    { "5", "5.0 SP3", TRUE },
    { "2008 R2", "2008 R2 SP1", TRUE },
    { "2003 SP2", "2007", FALSE },
    { "2008 SP2", "2008 R2", FALSE },
    { "5.5 SP4", "5.0 SP4", FALSE },
    { "2.1.5", "2.1.6", FALSE },
    { "NT4 SP6a", "2000", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BatonVersion) a = parse_ok (cases[i].a);
      g_autoptr(BatonVersion) b = parse_ok (cases[i].b);

      g_test_message ("same release: “%s”, “%s”", cases[i].a, cases[i].b);
      g_assert_cmpint (baton_version_same_release (a, b), ==, cases[i].same);
      g_assert_cmpint (baton_version_same_release (b, a), ==, cases[i].same);
    }
}

static void
test_version_boxed (void)
{
  g_autoptr(BatonVersion) version = parse_ok ("2007 SP1 RU4");
  BatonVersion *copy;
  GValue value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (BATON_TYPE_VERSION));

  /* Immutable and ref-counted: a copy is the same instance. */
  copy = g_boxed_copy (BATON_TYPE_VERSION, version);
  g_assert_true (copy == version);
  g_boxed_free (BATON_TYPE_VERSION, copy);

  g_value_init (&value, BATON_TYPE_VERSION);
  g_value_set_boxed (&value, version);
  g_assert_true (g_value_get_boxed (&value) == version);
  g_value_unset (&value);

  g_assert_cmpstr (baton_version_to_string (version), ==, "2007 SP1 RU4");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/order", test_version_order);
  g_test_add_func ("/version/sort", test_version_sort);
  g_test_add_func ("/version/equal", test_version_equal);
  g_test_add_func ("/version/invalid", test_version_invalid);
  g_test_add_func ("/version/invalid-utf8", test_version_invalid_utf8);
  g_test_add_func ("/version/accessors", test_version_accessors);
  g_test_add_func ("/version/same-release", test_version_same_release);
  g_test_add_func ("/version/boxed", test_version_boxed);

  return g_test_run ();
}
