/* baton-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The product profiles Baton knows: the built-in ones, then those of the
 * system ($XDG_DATA_DIRS/baton/profiles), of the user
 * ($XDG_DATA_HOME/baton/profiles) and of $BATON_PROFILE_PATH (a
 * colon-separated list of directories).  A later profile with the id of
 * an earlier one replaces it, so an administrator can adapt a built-in
 * procedure without recompiling.  A broken file is skipped and recorded
 * as a problem; it never hides the others.
 */

#define G_LOG_DOMAIN "baton-products"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-catalog.h"
#include "baton-lib-resources.h"

#define BUILTIN_PATH "/io/github/baton/Baton/profiles"

struct _BatonCatalog
{
  GObject     parent_instance;

  GListStore *profiles;
  GPtrArray  *problems;   /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (BatonCatalog, baton_catalog, G_TYPE_OBJECT)

static void
baton_catalog_dispose (GObject *object)
{
  BatonCatalog *self = (BatonCatalog *) object;

  g_clear_object (&self->profiles);

  G_OBJECT_CLASS (baton_catalog_parent_class)->dispose (object);
}

static void
baton_catalog_finalize (GObject *object)
{
  BatonCatalog *self = (BatonCatalog *) object;

  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_catalog_parent_class)->finalize (object);
}

static void
baton_catalog_class_init (BatonCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = baton_catalog_dispose;
  G_OBJECT_CLASS (klass)->finalize = baton_catalog_finalize;
}

static void
baton_catalog_init (BatonCatalog *self)
{
  self->profiles = g_list_store_new (BATON_TYPE_PROFILE);
  self->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->problems, NULL);
}

BatonCatalog *
baton_catalog_new (void)
{
  return g_object_new (BATON_TYPE_CATALOG, NULL);
}

static void
add_problem (BatonCatalog *self,
             const char   *message)
{
  g_ptr_array_insert (self->problems, self->problems->len - 1, g_strdup (message));
}

static void
add_profile (BatonCatalog *self,
             BatonProfile *profile)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonProfile) old = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      if (g_str_equal (baton_profile_get_id (old), baton_profile_get_id (profile)))
        {
          g_list_store_splice (self->profiles, i, 1, (gpointer *) &profile, 1);
          return;
        }
    }

  g_list_store_append (self->profiles, profile);
}

static void
ensure_resources (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      baton_lib_register_resource ();
      g_once_init_leave (&once, 1);
    }
}

/**
 * baton_catalog_add_builtin:
 *
 * Adds the profiles that ship with Baton, sorted by file name.
 */
void
baton_catalog_add_builtin (BatonCatalog *self)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (BATON_IS_CATALOG (self));

  ensure_resources ();
  names = g_resources_enumerate_children (BUILTIN_PATH, 0, NULL);
  if (names == NULL)
    return;

  qsort (names, g_strv_length (names), sizeof (char *), (GCompareFunc) g_strcmp0);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_build_path ("/", BUILTIN_PATH, names[i], NULL);
      g_autofree char *origin = g_strdup_printf ("resource://%s", path);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      g_autoptr(BatonProfile) profile = NULL;
      g_autoptr(GError) error = NULL;

      if (bytes == NULL)
        continue;

      profile = baton_profile_new_from_data (g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), origin, &error);
      if (profile == NULL)
        add_problem (self, error->message);
      else
        add_profile (self, profile);
    }
}

/**
 * baton_catalog_add_file:
 *
 * Returns: whether @path is a valid profile (which is then added)
 */
gboolean
baton_catalog_add_file (BatonCatalog  *self,
                        const char    *path,
                        GError       **error)
{
  g_autoptr(BatonProfile) profile = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (BATON_IS_CATALOG (self), FALSE);

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;

  profile = baton_profile_new_from_data (data, length, path, error);
  if (profile == NULL)
    return FALSE;

  add_profile (self, profile);
  return TRUE;
}

/**
 * baton_catalog_add_directory:
 *
 * Adds every "*.json" file of @path, in name order; a missing directory is
 * not a problem, a broken file is.
 */
void
baton_catalog_add_directory (BatonCatalog *self,
                             const char   *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = NULL;
  const char *name;

  g_return_if_fail (BATON_IS_CATALOG (self));

  if (!(dir = g_dir_open (path, 0, NULL)))
    return;

  files = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (path, name, NULL));

  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!baton_catalog_add_file (self, g_ptr_array_index (files, i), &error))
        add_problem (self, error->message);
    }
}

/**
 * baton_catalog_new_default:
 *
 * Returns: (transfer full): the built-in profiles and those installed by
 *   the system, the user and $BATON_PROFILE_PATH, in that order
 */
BatonCatalog *
baton_catalog_new_default (void)
{
  BatonCatalog *self = baton_catalog_new ();
  const char * const *system_dirs = g_get_system_data_dirs ();
  const char *env;

  baton_catalog_add_builtin (self);

  for (int i = g_strv_length ((char **) system_dirs) - 1; i >= 0; i--)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "baton", "profiles", NULL);
      baton_catalog_add_directory (self, dir);
    }

  {
    g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "baton", "profiles", NULL);
    baton_catalog_add_directory (self, dir);
  }

  if ((env = g_getenv ("BATON_PROFILE_PATH")) != NULL)
    {
      g_auto(GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

      for (guint i = 0; dirs[i]; i++)
        if (*dirs[i])
          baton_catalog_add_directory (self, dirs[i]);
    }

  return self;
}

/**
 * baton_catalog_lookup:
 *
 * Returns: (transfer none) (nullable): the profile with @id
 */
BatonProfile *
baton_catalog_lookup (BatonCatalog *self,
                      const char   *id)
{
  guint n;

  g_return_val_if_fail (BATON_IS_CATALOG (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->profiles));
  for (guint i = 0; i < n; i++)
    {
      BatonProfile *profile = g_list_model_get_item (G_LIST_MODEL (self->profiles), i);

      /* The store keeps its reference: return a borrowed one. */
      g_object_unref (profile);
      if (g_str_equal (baton_profile_get_id (profile), id))
        return profile;
    }

  return NULL;
}

/**
 * baton_catalog_get_profiles:
 *
 * Returns: (transfer none): a #GListModel of #BatonProfile
 */
GListModel *
baton_catalog_get_profiles (BatonCatalog *self)
{
  g_return_val_if_fail (BATON_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->profiles);
}

/**
 * baton_catalog_get_problems:
 *
 * Returns: the messages of the profile files that could not be read
 */
const char * const *
baton_catalog_get_problems (BatonCatalog *self)
{
  g_return_val_if_fail (BATON_IS_CATALOG (self), NULL);
  return (const char * const *) self->problems->pdata;
}
