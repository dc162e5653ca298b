/* baton-cluster-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader is strict: every error names the file, the JSON path of the
 * offending value ($.groups[2].owner) and what was expected there.  It
 * builds a new cluster and hands it over only when the whole file is
 * valid, so nothing is ever half-loaded.  Members it does not know are
 * kept, at every level, and written back by the saver.
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "baton-cluster-file.h"
#include "baton-group-private.h"
#include "baton-fileutil.h"

#define MAX_NAME_LENGTH 256
#define MAX_DEPTH       128

typedef struct
{
  const char *file;
  GString    *path;
  GError     *error;
} Loader;

static const char * const cluster_keys[] = {
  "format", "name", "platform", "nodes", "groups", "servers", NULL
};
static const char * const node_keys[] = {
  "name", "state", "votes", "capacity", "software", NULL
};
static const char * const group_keys[] = {
  "name", "kind", "owner", "state", "preferred_owners", "possible_owners", "load",
  "resources", NULL
};
static const char * const resource_keys[] = { "name", "type", NULL };
static const char * const server_keys[] = {
  "name", "role", "load_balanced_set", "source", "software", NULL
};

/* Members the loader does not know, kept on the object they came with. */
static GQuark
extra_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("baton-cluster-file-extra");
  return quark;
}

static void
set_extra (gpointer    object,
           JsonObject *extra)
{
  if (extra != NULL && json_object_get_size (extra) > 0)
    g_object_set_qdata_full (object, extra_quark (), json_object_ref (extra),
                             (GDestroyNotify) json_object_unref);
}

static JsonObject *
get_extra (gpointer object)
{
  return g_object_get_qdata (object, extra_quark ());
}

/* --- error reporting ---------------------------------------------------- */

static gboolean fail (Loader     *l,
                      int         code,
                      const char *format,
                      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Loader     *l,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (l->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (&l->error, BATON_CLUSTER_ERROR, code, "%s: %s: %s",
               l->file, l->path->str, message);
  return FALSE;
}

static const char *
describe (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}

/* The path is a GString we append to and truncate back. */
static gsize
push_key (Loader     *l,
          const char *key)
{
  gsize len = l->path->len;
  gboolean plain = g_ascii_isalpha (key[0]) || key[0] == '_';

  for (const char *p = key; *p && plain; p++)
    plain = g_ascii_isalnum (*p) || *p == '_';

  if (plain)
    g_string_append_printf (l->path, ".%s", key);
  else
    {
      g_autofree char *escaped = g_strescape (key, NULL);
      g_string_append_printf (l->path, "[\"%s\"]", escaped);
    }

  return len;
}

static gsize
push_index (Loader *l,
            guint   index)
{
  gsize len = l->path->len;

  g_string_append_printf (l->path, "[%u]", index);
  return len;
}

static void
pop (Loader *l,
     gsize   len)
{
  if (l->error == NULL)
    g_string_truncate (l->path, len);
}

/* --- typed readers: each pushes the member's path while it checks --------- */

static gboolean
check_name (Loader     *l,
            const char *value,
            const char *what)
{
  if (*value == '\0')
    return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected %s, found an empty string"), what);

  if (strlen (value) > MAX_NAME_LENGTH)
    return fail (l, BATON_CLUSTER_ERROR_INVALID,
                 _("expected %s of at most %d bytes, found %zu bytes"),
                 what, MAX_NAME_LENGTH, strlen (value));

  for (const char *p = value; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return fail (l, BATON_CLUSTER_ERROR_INVALID,
                   _("expected %s without control characters (tabs, line breaks)"), what);

  return TRUE;
}

/*
 * Reads a string member.  @what says what is expected there, for errors.
 * A missing optional member leaves *out at NULL.
 */
static gboolean
read_string (Loader      *l,
             JsonObject  *object,
             const char  *key,
             gboolean     required,
             const char  *what,
             const char **out)
{
  JsonNode *node = json_object_get_member (object, key);
  gsize mark = push_key (l, key);

  *out = NULL;

  if (node == NULL)
    {
      if (required)
        return fail (l, BATON_CLUSTER_ERROR_INVALID, _("missing: expected %s"), what);
      pop (l, mark);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected %s (a string), found %s"),
                 what, describe (node));

  *out = json_node_get_string (node);
  if (!check_name (l, *out, what))
    return FALSE;

  pop (l, mark);
  return TRUE;
}

static gboolean
read_uint (Loader     *l,
           JsonObject *object,
           const char *key,
           guint       fallback,
           guint       maximum,
           guint      *out)
{
  JsonNode *node = json_object_get_member (object, key);
  gsize mark = push_key (l, key);
  gint64 value;

  *out = fallback;
  if (node == NULL)
    {
      pop (l, mark);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected a whole number from 0 to %u, found %s"),
                 maximum, describe (node));

  value = json_node_get_int (node);
  if (value < 0 || value > maximum)
    return fail (l, BATON_CLUSTER_ERROR_INVALID,
                 _("expected a whole number from 0 to %u, found %" G_GINT64_FORMAT),
                 maximum, value);

  *out = (guint) value;
  pop (l, mark);
  return TRUE;
}

static gboolean
read_enum (Loader     *l,
           JsonObject *object,
           const char *key,
           GType       enum_type,
           gboolean    required,
           int         fallback,
           int        *out)
{
  g_autofree char *nicks = NULL;
  JsonNode *node = json_object_get_member (object, key);
  gsize mark = push_key (l, key);
  const char *nick;

  *out = fallback;
  if (node == NULL)
    {
      if (required)
        {
          nicks = baton_enum_list_nicks (enum_type);
          return fail (l, BATON_CLUSTER_ERROR_INVALID, _("missing: expected one of %s"), nicks);
        }
      pop (l, mark);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      nicks = baton_enum_list_nicks (enum_type);
      return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected one of %s, found %s"),
                   nicks, describe (node));
    }

  nick = json_node_get_string (node);
  if (!baton_enum_from_nick (enum_type, nick, out))
    {
      g_autofree char *escaped = g_strescape (nick, NULL);

      nicks = baton_enum_list_nicks (enum_type);
      return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected one of %s, found \"%s\""),
                   nicks, escaped);
    }

  pop (l, mark);
  return TRUE;
}

/*
 * Returns the array member @key, NULL with no error when it is optional
 * and missing.
 */
static JsonArray *
read_array (Loader     *l,
            JsonObject *object,
            const char *key,
            gboolean    required,
            const char *what)
{
  JsonNode *node = json_object_get_member (object, key);
  gsize mark = push_key (l, key);

  if (node == NULL)
    {
      if (required)
        fail (l, BATON_CLUSTER_ERROR_INVALID, _("missing: expected an array of %s"), what);
      else
        pop (l, mark);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected an array of %s, found %s"),
            what, describe (node));
      return NULL;
    }

  pop (l, mark);
  return json_node_get_array (node);
}

static JsonObject *
element_object (Loader    *l,
                JsonArray *array,
                guint      index,
                const char *what)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected %s (an object), found %s"),
            what, describe (node));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonObject *
collect_extra (JsonObject         *object,
               const char * const *known)
{
  JsonObject *extra = json_object_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    if (!g_strv_contains (known, key))
      json_object_set_member (extra, key, json_node_copy (value));

  return extra;
}

static gboolean
is_family_name (const char *s)
{
  if (!g_ascii_islower (*s) || strlen (s) > 32)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_islower (*s) && !g_ascii_isdigit (*s) && *s != '-' && *s != '_')
      return FALSE;
  return TRUE;
}

static gboolean
read_software (Loader       *l,
               JsonObject   *object,
               BatonMachine *machine)
{
  JsonNode *node = json_object_get_member (object, "software");
  gsize mark = push_key (l, "software");
  JsonObjectIter iter;
  const char *family;
  JsonNode *value;

  if (node == NULL)
    {
      pop (l, mark);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (l, BATON_CLUSTER_ERROR_INVALID,
                 _("expected an object mapping software families to versions, found %s"),
                 describe (node));

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &family, &value))
    {
      g_autoptr(BatonVersion) version = NULL;
      g_autoptr(GError) error = NULL;
      gsize inner = push_key (l, family);

      if (!is_family_name (family))
        return fail (l, BATON_CLUSTER_ERROR_INVALID,
                     _("expected a software family in lower case (\"windows\", \"exchange\", "
                       "\"iis\", \"pacemaker\")"));

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected a version string, found %s"),
                     describe (value));

      version = baton_version_parse (json_node_get_string (value), &error);
      if (version == NULL)
        return fail (l, BATON_CLUSTER_ERROR_INVALID, "%s", error->message);

      baton_machine_set_version (machine, family, version);
      pop (l, inner);
    }

  pop (l, mark);
  return TRUE;
}

/*
 * Reads a list of node names.  Returns TRUE with *out NULL when the member
 * is missing.
 */
static gboolean
read_node_list (Loader        *l,
                JsonObject    *object,
                const char    *key,
                BatonCluster  *cluster,
                char        ***out)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  gsize mark;
  guint n;

  *out = NULL;
  if (!json_object_has_member (object, key))
    return TRUE;

  if (!(array = read_array (l, object, key, TRUE, _("node names"))))
    return FALSE;

  mark = push_key (l, key);
  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  n = json_array_get_length (array);

  if (n == 0)
    return fail (l, BATON_CLUSTER_ERROR_INVALID,
                 _("expected at least one node name (leave the member out to mean the default)"));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize inner = push_index (l, i);
      const char *name;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected a node name, found %s"),
                     describe (element));

      name = json_node_get_string (element);
      if (baton_cluster_lookup_node (cluster, name) == NULL)
        {
          g_autofree char *escaped = g_strescape (name, NULL);
          return fail (l, BATON_CLUSTER_ERROR_NOT_FOUND,
                       _("expected the name of a node of this cluster, found \"%s\""), escaped);
        }

      if (!g_hash_table_add (seen, (char *) name))
        {
          g_autofree char *escaped = g_strescape (name, NULL);
          return fail (l, BATON_CLUSTER_ERROR_DUPLICATE,
                       _("expected each node once, found \"%s\" again"), escaped);
        }

      g_strv_builder_add (builder, name);
      pop (l, inner);
    }

  pop (l, mark);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static char *
list_node_names (BatonCluster *cluster)
{
  GListModel *nodes = baton_cluster_get_nodes (cluster);
  GString *s = g_string_new (NULL);
  guint n = g_list_model_get_n_items (nodes);

  for (guint i = 0; i < n && i < 8; i++)
    {
      g_autoptr(BatonMachine) node = g_list_model_get_item (nodes, i);
      g_autofree char *escaped = g_strescape (baton_machine_get_name (node), NULL);

      g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", escaped);
    }
  if (n > 8)
    g_string_append (s, ", …");

  return g_string_free (s, FALSE);
}

/* --- the sections of the file ------------------------------------------- */

static gboolean
load_node (Loader       *l,
           JsonObject   *object,
           BatonCluster *cluster)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(BatonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  int state;
  guint votes, capacity;

  if (!read_string (l, object, "name", TRUE, _("a node name"), &name))
    return FALSE;

  node = baton_node_new (name);

  if (!read_enum (l, object, "state", BATON_TYPE_NODE_STATE, TRUE, 0, &state) ||
      !read_uint (l, object, "votes", 1, 1000, &votes) ||
      !read_uint (l, object, "capacity", 100, G_MAXINT32, &capacity) ||
      !read_software (l, object, BATON_MACHINE (node)))
    return FALSE;

  baton_node_set_state (node, state);
  baton_node_set_votes (node, votes);
  baton_node_set_capacity (node, capacity);

  if (!baton_cluster_add_node (cluster, node, &error))
    {
      gsize mark G_GNUC_UNUSED = push_key (l, "name");
      return fail (l, BATON_CLUSTER_ERROR_DUPLICATE, _("expected a unique name: %s"),
                   error->message);
    }

  extra = collect_extra (object, node_keys);
  set_extra (node, extra);
  return TRUE;
}

static gboolean
load_resource (Loader     *l,
               JsonObject *object,
               BatonGroup *group,
               GHashTable *seen)
{
  g_autoptr(BatonResource) resource = NULL;
  g_autoptr(JsonObject) extra = NULL;
  const char *name, *type;

  if (!read_string (l, object, "name", TRUE, _("a resource name"), &name) ||
      !read_string (l, object, "type", TRUE, _("a resource type such as \"IP Address\""), &type))
    return FALSE;

  if (!g_hash_table_add (seen, (char *) name))
    {
      g_autofree char *escaped = g_strescape (name, NULL);
      gsize mark G_GNUC_UNUSED = push_key (l, "name");
      return fail (l, BATON_CLUSTER_ERROR_DUPLICATE,
                   _("expected a resource name unique in its group, found \"%s\" again"), escaped);
    }

  resource = baton_resource_new (name, type);
  extra = collect_extra (object, resource_keys);
  set_extra (resource, extra);
  baton_group_add_resource (group, resource);
  return TRUE;
}

static gboolean
load_group (Loader       *l,
            JsonObject   *object,
            BatonCluster *cluster)
{
  g_autoptr(GHashTable) resource_names = NULL;
  g_auto(GStrv) preferred = NULL;
  g_auto(GStrv) possible = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(BatonGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  const char *name, *owner;
  JsonArray *resources;
  int kind, state;
  guint load;

  if (!read_string (l, object, "name", TRUE, _("a group name"), &name) ||
      !read_enum (l, object, "kind", BATON_TYPE_GROUP_KIND, TRUE, 0, &kind) ||
      !read_string (l, object, "owner", TRUE, _("the name of the node that owns the group"),
                    &owner) ||
      !read_enum (l, object, "state", BATON_TYPE_GROUP_STATE, FALSE,
                  BATON_GROUP_STATE_ONLINE, &state) ||
      !read_uint (l, object, "load", 1, G_MAXINT32, &load))
    return FALSE;

  if (baton_cluster_lookup_node (cluster, owner) == NULL)
    {
      g_autofree char *names = list_node_names (cluster);
      g_autofree char *escaped = g_strescape (owner, NULL);
      gsize mark G_GNUC_UNUSED = push_key (l, "owner");

      return fail (l, BATON_CLUSTER_ERROR_NOT_FOUND,
                   _("expected the name of a node (%s), found \"%s\""), names, escaped);
    }

  if (!read_node_list (l, object, "possible_owners", cluster, &possible) ||
      !read_node_list (l, object, "preferred_owners", cluster, &preferred))
    return FALSE;

  if (possible != NULL && !g_strv_contains ((const char * const *) possible, owner))
    {
      g_autofree char *escaped = g_strescape (owner, NULL);
      gsize mark G_GNUC_UNUSED = push_key (l, "possible_owners");

      return fail (l, BATON_CLUSTER_ERROR_INVALID,
                   _("expected a list that includes the owner \"%s\""), escaped);
    }

  /* Omitted preferred owners mean the current owner (DESIGN.md). */
  if (preferred == NULL)
    {
      preferred = g_new0 (char *, 2);
      preferred[0] = g_strdup (owner);
    }

  group = baton_group_new (name, kind, owner);
  baton_group_set_state (group, state);
  baton_group_set_load (group, load);
  baton_group_set_preferred_owners (group, (const char * const *) preferred);
  baton_group_set_possible_owners (group, (const char * const *) possible);

  resources = read_array (l, object, "resources", FALSE, _("resources"));
  if (l->error != NULL)
    return FALSE;

  resource_names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      gsize outer = push_key (l, "resources");
      gsize inner = push_index (l, i);
      JsonObject *element = element_object (l, resources, i, _("a resource"));

      if (element == NULL || !load_resource (l, element, group, resource_names))
        return FALSE;
      pop (l, inner);
      pop (l, outer);
    }

  if (!baton_cluster_add_group (cluster, group, &error))
    {
      gsize mark G_GNUC_UNUSED = push_key (l, "name");
      return fail (l, BATON_CLUSTER_ERROR_DUPLICATE, _("expected a unique name: %s"),
                   error->message);
    }

  extra = collect_extra (object, group_keys);
  set_extra (group, extra);
  return TRUE;
}

static gboolean
load_server (Loader       *l,
             JsonObject   *object,
             BatonCluster *cluster)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(BatonServer) server = NULL;
  g_autoptr(GError) error = NULL;
  const char *name, *set, *source;
  int role;

  if (!read_string (l, object, "name", TRUE, _("a server name"), &name) ||
      !read_enum (l, object, "role", BATON_TYPE_SERVER_ROLE, TRUE, 0, &role) ||
      !read_string (l, object, "load_balanced_set", FALSE, _("the name of a load-balanced set"),
                    &set) ||
      !read_string (l, object, "source", FALSE,
                    _("the clustered mailbox server (group) this SCR target replicates"), &source))
    return FALSE;

  if (role == BATON_SERVER_ROLE_SCR_TARGET && source == NULL)
    {
      gsize mark G_GNUC_UNUSED = push_key (l, "source");
      return fail (l, BATON_CLUSTER_ERROR_INVALID,
                   _("missing: expected the group this SCR target replicates"));
    }

  if (source != NULL && role != BATON_SERVER_ROLE_SCR_TARGET)
    {
      gsize mark G_GNUC_UNUSED = push_key (l, "source");
      return fail (l, BATON_CLUSTER_ERROR_INVALID,
                   _("expected no source: only an \"scr-target\" replicates a group"));
    }

  if (source != NULL && baton_cluster_lookup_group (cluster, source) == NULL)
    {
      g_autofree char *escaped = g_strescape (source, NULL);
      gsize mark G_GNUC_UNUSED = push_key (l, "source");
      return fail (l, BATON_CLUSTER_ERROR_NOT_FOUND,
                   _("expected the name of a group of this cluster, found \"%s\""), escaped);
    }

  server = baton_server_new (name, role);
  baton_server_set_load_balanced_set (server, set);
  baton_server_set_source (server, source);

  if (!read_software (l, object, BATON_MACHINE (server)))
    return FALSE;

  if (!baton_cluster_add_server (cluster, server, &error))
    {
      gsize mark G_GNUC_UNUSED = push_key (l, "name");
      return fail (l, BATON_CLUSTER_ERROR_DUPLICATE, _("expected a unique name: %s"),
                   error->message);
    }

  extra = collect_extra (object, server_keys);
  set_extra (server, extra);
  return TRUE;
}

typedef gboolean (*LoadFunc) (Loader       *l,
                              JsonObject   *object,
                              BatonCluster *cluster);

static gboolean
load_section (Loader       *l,
              JsonObject   *root,
              const char   *key,
              gboolean      required,
              gboolean      non_empty,
              const char   *what,
              const char   *a_what,
              const char   *plural,
              LoadFunc      load,
              BatonCluster *cluster)
{
  JsonArray *array = read_array (l, root, key, required, plural);
  gsize mark;
  guint n;

  if (array == NULL)
    return l->error == NULL;

  mark = push_key (l, key);
  n = json_array_get_length (array);
  if (non_empty && n == 0)
    return fail (l, BATON_CLUSTER_ERROR_INVALID, _("expected at least one %s"), what);

  for (guint i = 0; i < n; i++)
    {
      gsize inner = push_index (l, i);
      JsonObject *object = element_object (l, array, i, a_what);

      if (object == NULL || !load (l, object, cluster))
        return FALSE;
      pop (l, inner);
    }

  pop (l, mark);
  return TRUE;
}

static BatonCluster *
load_root (Loader   *l,
           JsonNode *root_node)
{
  g_autoptr(BatonCluster) cluster = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *root;
  const char *format, *name;
  int platform;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      fail (l, BATON_CLUSTER_ERROR_FORMAT, _("expected a baton-cluster/1 object, found %s"),
            describe (root_node));
      return NULL;
    }

  root = json_node_get_object (root_node);

  if (!read_string (l, root, "format", TRUE, "\"" BATON_CLUSTER_FORMAT "\"", &format))
    return NULL;

  if (g_strcmp0 (format, BATON_CLUSTER_FORMAT) != 0)
    {
      g_autofree char *escaped = g_strescape (format, NULL);
      gsize mark G_GNUC_UNUSED = push_key (l, "format");
      fail (l, BATON_CLUSTER_ERROR_FORMAT,
            _("expected \"%s\", found \"%s\" (a format this version does not read)"),
            BATON_CLUSTER_FORMAT, escaped);
      return NULL;
    }

  if (!read_string (l, root, "name", TRUE, _("the cluster name"), &name) ||
      !read_enum (l, root, "platform", BATON_TYPE_PLATFORM, TRUE, 0, &platform))
    return NULL;

  cluster = baton_cluster_new (name, platform);

  /* Groups refer to nodes, servers to groups: load in that order. */
  if (!load_section (l, root, "nodes", TRUE, TRUE, _("node"), _("a node"), _("nodes"),
                     load_node, cluster) ||
      !load_section (l, root, "groups", TRUE, FALSE, _("group"), _("a group"), _("groups"),
                     load_group, cluster) ||
      !load_section (l, root, "servers", FALSE, FALSE, _("server"), _("a server"), _("servers"),
                     load_server, cluster))
    return NULL;

  extra = collect_extra (root, cluster_keys);
  set_extra (cluster, extra);
  return g_steal_pointer (&cluster);
}

/* --- what json-glib lets through ------------------------------------------ */

/*
 * json-glib 1.6 reads more than JSON, and some of it wrongly: it parses
 * recursively with no depth limit (a few hundred kilobytes of "[" overflow
 * the stack); reads "1 {…}" or "{…} {…}" as its last value and leaks the
 * others; reads 010 as 8, 0x10 as 16, and a whole number beyond 64 bits as
 * -1 or a wrapped value; turns "\0", "\u12" and "\u0000" into text cut
 * short, and leaks a string whose "\uD800" is followed by a "\u" that is
 * not the pair's second half; and takes a "/" as the start of a comment
 * that runs to the next "/".  So the text is checked first, token by
 * token, against JSON itself (json-glib then builds the tree): a crash, a
 * leak or a silently changed value (kept and saved as an unknown member)
 * would break the contract.
 */
static gboolean
hex4 (const char *s,
      gsize       length,
      guint      *value)
{
  *value = 0;
  if (length < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        return FALSE;
      *value = *value * 16 + g_ascii_xdigit_value (s[i]);
    }
  return TRUE;
}

/*
 * Checks the escape at data[*i] (a backslash, not the last byte), moves *i
 * and *column onto its last character, and returns what is wrong with it,
 * or NULL.  *at is the column to report.
 */
static char *
check_escape (const char *data,
              gsize       length,
              gsize      *i,
              guint      *column,
              guint      *at)
{
  const char *s = data + *i;
  gsize left = length - *i;
  guint code, low;

  *at = *column;

  if (s[1] != 'u')
    {
      if (s[1] == '\0' || strchr ("\"\\/bfnrt", s[1]) == NULL)
        return g_strdup (_("expected one of the escapes of JSON: \\\" \\\\ \\/ \\b \\f \\n "
                           "\\r \\t \\uXXXX"));
      *i += 1;
      *column += 1;
      return NULL;
    }

  if (!hex4 (s + 2, left - 2, &code))
    return g_strdup (_("expected four hexadecimal digits after \\u"));

  if (code == 0)
    return g_strdup (_("expected text without \\u0000, which cannot be kept"));

  if (code >= 0xDC00 && code <= 0xDFFF)
    return g_strdup_printf (_("expected \\uD800 to \\uDBFF before \\u%04X, the second half "
                              "of a surrogate pair"), code);

  if (code >= 0xD800 && code <= 0xDBFF)
    {
      if (left < 12 || s[6] != '\\' || s[7] != 'u' || !hex4 (s + 8, left - 8, &low) ||
          low < 0xDC00 || low > 0xDFFF)
        {
          *at += 6;
          return g_strdup_printf (_("expected \\uDC00 to \\uDFFF after \\u%04X, the first "
                                    "half of a surrogate pair"), code);
        }
      *i += 11;
      *column += 11;
      return NULL;
    }

  *i += 5;
  *column += 5;
  return NULL;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and nothing else. */
static gboolean
is_json_number (const char *s,
                gsize       length)
{
  gsize i = 0;

  if (i < length && s[i] == '-')
    i++;
  if (i < length && s[i] == '0')
    i++;
  else if (i < length && s[i] >= '1' && s[i] <= '9')
    while (i < length && g_ascii_isdigit (s[i]))
      i++;
  else
    return FALSE;

  if (i < length && s[i] == '.')
    {
      if (++i >= length || !g_ascii_isdigit (s[i]))
        return FALSE;
      while (i < length && g_ascii_isdigit (s[i]))
        i++;
    }

  if (i < length && (s[i] == 'e' || s[i] == 'E'))
    {
      if (++i < length && (s[i] == '+' || s[i] == '-'))
        i++;
      if (i >= length || !g_ascii_isdigit (s[i]))
        return FALSE;
      while (i < length && g_ascii_isdigit (s[i]))
        i++;
    }

  return i == length;
}

static gboolean
whole_number_in_range (const char *s,
                       gsize       length)
{
  g_autofree char *copy = g_strndup (s, length);

  /* Decimals are checked on the tree (check_values()); 1e999 has a path there. */
  if (strpbrk (copy, ".eE") != NULL)
    return TRUE;

  errno = 0;
  (void) g_ascii_strtoll (copy, NULL, 10);
  return errno != ERANGE;
}

static gboolean
check_text (const char  *data,
            gsize        length,
            const char  *display_name,
            GError     **error)
{
  g_autofree char *problem = NULL;
  gboolean value_done = FALSE;  /* a whole value was read at the top level */
  guint line = 1, column = 1, at = 1;
  guint depth = 0;
  gsize i = 0;

  /* A byte order mark, as Notepad writes it: json-glib skips it. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  for (; i < length && problem == NULL; i++, column++)
    {
      char c = data[i];
      gsize start = i;

      at = column;

      if (c == '\n')
        {
          line++;
          column = 0;
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\r')
        continue;

      if (depth == 0 && value_done)
        {
          problem = g_strdup (_("expected the end of the file after the JSON value, found more"));
          break;
        }

      switch (c)
        {
        case '"':
          for (i++, column++; i < length && data[i] != '"' && problem == NULL; i++, column++)
            {
              if (data[i] == '\n')
                {
                  line++;
                  column = 0;
                }
              else if (data[i] == '\\' && i + 1 < length)
                problem = check_escape (data, length, &i, &column, &at);
            }
          value_done = depth == 0;
          break;

        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            problem = g_strdup_printf (_("expected at most %d nested arrays and objects"),
                                       MAX_DEPTH);
          break;

        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            value_done = TRUE;
          break;

        case ':':
        case ',':
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          while (i + 1 < length && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '.' ||
                                    data[i + 1] == '+' || data[i + 1] == '-' ||
                                    data[i + 1] == '_'))
            i++;
          column += i - start;

          if (!is_json_number (data + start, i - start + 1))
            {
              g_autofree char *token = g_strndup (data + start, MIN (i - start + 1, 40));

              problem = g_strdup_printf (_("expected a number as JSON writes it (no leading "
                                           "zero, no hexadecimal), found %s%s"),
                                         token, i - start + 1 > 40 ? "…" : "");
            }
          else if (!whole_number_in_range (data + start, i - start + 1))
            {
              g_autofree char *token = g_strndup (data + start, MIN (i - start + 1, 40));

              problem = g_strdup_printf (_("expected a whole number from %" G_GINT64_FORMAT
                                           " to %" G_GINT64_FORMAT ", found %s%s"),
                                         G_MININT64, G_MAXINT64, token,
                                         i - start + 1 > 40 ? "…" : "");
            }
          value_done = depth == 0;
          break;

        default:
          if (g_ascii_isalpha (c))
            {
              while (i + 1 < length && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '_'))
                i++;
              column += i - start;

              if (!(i - start + 1 == 4 && memcmp (data + start, "true", 4) == 0) &&
                  !(i - start + 1 == 5 && memcmp (data + start, "false", 5) == 0) &&
                  !(i - start + 1 == 4 && memcmp (data + start, "null", 4) == 0))
                {
                  g_autofree char *word = g_strndup (data + start, MIN (i - start + 1, 40));

                  problem = g_strdup_printf (_("expected a string in double quotes, a number, "
                                               "true, false or null, found %s"), word);
                }
              value_done = depth == 0;
            }
          else if (c == '/')
            problem = g_strdup (_("expected JSON, found a comment (JSON has none, and they "
                                  "would not be kept)"));
          else if (c == '\'')
            problem = g_strdup (_("expected a string in double quotes"));
          else
            problem = g_strdup (_("expected JSON: an object, an array, a string in double "
                                  "quotes, a number, true, false or null"));
          break;
        }
    }

  if (problem != NULL)
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX, "%s:%u:%u: %s",
                   display_name, line, at, problem);
      return FALSE;
    }

  return TRUE;
}

/*
 * json-glib reads 1e999 as infinity, which its generator writes as
 * "inf.0": that could not be saved and read again.  Text that is not
 * UTF-8 (json-glib makes it of a "\uD800" without its other half) cannot
 * get past check_text(); checking again costs little and keeps every
 * string of the model valid whatever json-glib does.
 */
static gboolean
check_values (Loader   *l,
              JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *value;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &key, &value))
          {
            gsize mark = push_key (l, key);

            if (!g_utf8_validate (key, -1, NULL))
              return fail (l, BATON_CLUSTER_ERROR_SYNTAX,
                           _("expected a member name in UTF-8, found a \\u escape of half "
                             "a surrogate pair"));
            if (!check_values (l, value))
              return FALSE;
            pop (l, mark);
          }
      }
      return TRUE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            gsize mark = push_index (l, i);

            if (!check_values (l, json_array_get_element (array, i)))
              return FALSE;
            pop (l, mark);
          }
      }
      return TRUE;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return fail (l, BATON_CLUSTER_ERROR_SYNTAX,
                     _("expected UTF-8 text, found a \\u escape of half a surrogate pair"));
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
          !isfinite (json_node_get_double (node)))
        return fail (l, BATON_CLUSTER_ERROR_INVALID,
                     _("expected a finite number, found one too large to keep"));
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * baton_cluster_load_from_data:
 * @data: the file's contents
 * @length: the length of @data, or -1 when it is nul-terminated
 * @display_name: the file name to use in error messages
 * @error: return location for a #GError in %BATON_CLUSTER_ERROR
 *
 * Returns: (transfer full) (nullable): the cluster, or %NULL when the
 *   data is not a valid baton-cluster/1 document.
 */
BatonCluster *
baton_cluster_load_from_data (const char  *data,
                              gssize       length,
                              const char  *display_name,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GString) path = NULL;
  BatonCluster *cluster;
  const char *end = NULL;
  Loader l = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  /* json-glib refuses NULL even with a length of 0. */
  if (data == NULL)
    data = "";

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, &end))
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX,
                   _("%s: not UTF-8 text (invalid byte at offset %zu)"),
                   display_name, (gsize) (end - data));
      return NULL;
    }

  if (!check_text (data, length, display_name, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      /* json-glib says "<data>:LINE:COL: Parse error: …"; put the file name there. */
      const char *message = parse_error->message;
      g_autofree char *valid = NULL;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      else
        message = parse_error->message;

      /* It quotes the string it choked on, decoded: a "\uD800" escape
       * without its other half makes that quote invalid UTF-8. */
      valid = g_utf8_make_valid (message, -1);

      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX,
                   _("%s:%s (not valid JSON)"), display_name, valid);
      return NULL;
    }

  path = g_string_new ("$");
  l.file = display_name;
  l.path = path;

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BATON_CLUSTER_ERROR, BATON_CLUSTER_ERROR_SYNTAX,
                   _("%s: the file is empty: expected a baton-cluster/1 object"), display_name);
      return NULL;
    }

  if (check_values (&l, json_parser_get_root (parser)))
    cluster = load_root (&l, json_parser_get_root (parser));
  else
    cluster = NULL;

  if (cluster == NULL)
    {
      g_assert (l.error != NULL);
      g_propagate_error (error, l.error);
      return NULL;
    }

  g_assert (l.error == NULL);
  return cluster;
}

/**
 * baton_cluster_load_from_file:
 *
 * Loads a cluster file synchronously.  I/O errors name the file too.
 *
 * Returns: (transfer full) (nullable): the cluster
 */
BatonCluster *
baton_cluster_load_from_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = g_file_get_parse_name (file);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, _("%s: cannot read: %s"),
                   display_name, local_error->message);
      return NULL;
    }

  return baton_cluster_load_from_data (contents, length, display_name, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  BatonCluster *cluster;

  cluster = baton_cluster_load_from_file (task_data, cancellable, &error);
  if (cluster == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cluster, g_object_unref);
}

/**
 * baton_cluster_load_file_async:
 *
 * Reads and checks @file in a worker thread.
 */
void
baton_cluster_load_file_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, baton_cluster_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * baton_cluster_load_file_finish:
 *
 * Returns: (transfer full) (nullable): the cluster
 */
BatonCluster *
baton_cluster_load_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- saving ---------------------------------------------------------------- */

static void
add_extra (JsonBuilder *builder,
           gpointer     object)
{
  JsonObject *extra = get_extra (object);
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_value (builder, json_node_copy (value));
    }
}

static void
add_strv (JsonBuilder        *builder,
          const char         *key,
          const char * const *strv)
{
  if (strv == NULL)
    return;

  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_software (JsonBuilder  *builder,
              BatonMachine *machine)
{
  g_auto(GStrv) families = baton_machine_dup_families (machine);

  json_builder_set_member_name (builder, "software");
  json_builder_begin_object (builder);
  for (guint i = 0; families[i]; i++)
    {
      json_builder_set_member_name (builder, families[i]);
      json_builder_add_string_value (
        builder, baton_version_to_string (baton_machine_get_version (machine, families[i])));
    }
  json_builder_end_object (builder);
}

static void
add_node (JsonBuilder *b,
          BatonNode   *node)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, baton_machine_get_name (BATON_MACHINE (node)));
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, baton_enum_to_nick (BATON_TYPE_NODE_STATE,
                                                        baton_node_get_state (node)));
  json_builder_set_member_name (b, "votes");
  json_builder_add_int_value (b, baton_node_get_votes (node));
  json_builder_set_member_name (b, "capacity");
  json_builder_add_int_value (b, baton_node_get_capacity (node));
  add_software (b, BATON_MACHINE (node));
  add_extra (b, node);
  json_builder_end_object (b);
}

static void
add_group (JsonBuilder *b,
           BatonGroup  *group)
{
  GListModel *resources = baton_group_get_resources (group);
  guint n = g_list_model_get_n_items (resources);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, baton_group_get_name (group));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, baton_enum_to_nick (BATON_TYPE_GROUP_KIND,
                                                        baton_group_get_kind (group)));
  json_builder_set_member_name (b, "owner");
  json_builder_add_string_value (b, baton_group_get_owner (group));
  if (baton_group_get_state (group) != BATON_GROUP_STATE_ONLINE)
    {
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, baton_enum_to_nick (BATON_TYPE_GROUP_STATE,
                                                            baton_group_get_state (group)));
    }
  add_strv (b, "preferred_owners", baton_group_get_preferred_owners (group));
  add_strv (b, "possible_owners", baton_group_get_possible_owners (group));
  json_builder_set_member_name (b, "load");
  json_builder_add_int_value (b, baton_group_get_load (group));

  if (n > 0)
    {
      json_builder_set_member_name (b, "resources");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BatonResource) resource = g_list_model_get_item (resources, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, baton_resource_get_name (resource));
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, baton_resource_get_resource_type (resource));
          add_extra (b, resource);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  add_extra (b, group);
  json_builder_end_object (b);
}

static void
add_server (JsonBuilder *b,
            BatonServer *server)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, baton_machine_get_name (BATON_MACHINE (server)));
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, baton_enum_to_nick (BATON_TYPE_SERVER_ROLE,
                                                        baton_server_get_role (server)));
  if (baton_server_get_load_balanced_set (server) != NULL)
    {
      json_builder_set_member_name (b, "load_balanced_set");
      json_builder_add_string_value (b, baton_server_get_load_balanced_set (server));
    }
  if (baton_server_get_source (server) != NULL)
    {
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, baton_server_get_source (server));
    }
  add_software (b, BATON_MACHINE (server));
  add_extra (b, server);
  json_builder_end_object (b);
}

/*
 * json-glib 1.6 writes a double whose shortest exact form has an exponent
 * and no point, such as 1e+22, as "1e+22.0": not JSON, and not even
 * something json-glib reads back.  Drop that ".0" (strings are skipped).
 */
static void
fix_exponents (GString *json)
{
  char *s = json->str;
  gboolean in_string = FALSE;
  gsize r = 0, w = 0;

  while (r < json->len)
    {
      if (in_string)
        {
          if (s[r] == '\\' && r + 1 < json->len)
            s[w++] = s[r++];
          else if (s[r] == '"')
            in_string = FALSE;
          s[w++] = s[r++];
        }
      else if (s[r] == '"')
        {
          in_string = TRUE;
          s[w++] = s[r++];
        }
      else if (s[r] == '-' || g_ascii_isdigit (s[r]))
        {
          gsize start = r, end;
          gboolean exponent = FALSE;

          while (r < json->len && (g_ascii_isdigit (s[r]) || s[r] == '-' || s[r] == '+' ||
                                   s[r] == '.' || s[r] == 'e' || s[r] == 'E'))
            {
              exponent |= s[r] == 'e' || s[r] == 'E';
              r++;
            }

          end = r;
          if (exponent && end - start > 2 && s[end - 2] == '.' && s[end - 1] == '0' &&
              memchr (s + start, '.', end - start - 2) == NULL)
            end -= 2;

          memmove (s + w, s + start, end - start);
          w += end - start;
        }
      else
        s[w++] = s[r++];
    }

  g_string_truncate (json, w);
}

/**
 * baton_cluster_to_data:
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): @cluster as a baton-cluster/1 document,
 *   including the members the loader did not know.
 */
char *
baton_cluster_to_data (BatonCluster *cluster,
                       gsize        *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *model;
  GString *out;
  guint n;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, BATON_CLUSTER_FORMAT);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, baton_cluster_get_name (cluster));
  json_builder_set_member_name (b, "platform");
  json_builder_add_string_value (b, baton_enum_to_nick (BATON_TYPE_PLATFORM,
                                                        baton_cluster_get_platform (cluster)));

  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  model = baton_cluster_get_nodes (cluster);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (model, i);
      add_node (b, node);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  model = baton_cluster_get_groups (cluster);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (model, i);
      add_group (b, group);
    }
  json_builder_end_array (b);

  model = baton_cluster_get_servers (cluster);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    {
      json_builder_set_member_name (b, "servers");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BatonServer) server = g_list_model_get_item (model, i);
          add_server (b, server);
        }
      json_builder_end_array (b);
    }

  add_extra (b, cluster);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  fix_exponents (out);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * baton_cluster_save_to_path:
 *
 * Saves @cluster atomically: a crash leaves either the old file or the
 * new one, never a half-written file.
 */
gboolean
baton_cluster_save_to_path (BatonCluster  *cluster,
                            const char    *path,
                            GError       **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = baton_cluster_to_data (cluster, &length);
  return baton_write_file_atomic (path, data, length, error);
}

static void
copy_software (BatonMachine *from,
               BatonMachine *to)
{
  g_auto(GStrv) families = baton_machine_dup_families (from);

  /* Versions are immutable: the copy shares them. */
  for (guint i = 0; families[i]; i++)
    baton_machine_set_version (to, families[i], baton_machine_get_version (from, families[i]));
}

/**
 * baton_cluster_copy:
 *
 * A deep copy, unknown members included (they and the versions and
 * resources, which never change, are shared): for replaying plans and for
 * simulators.
 *
 * Returns: (transfer full): a new cluster equal to @cluster
 */
BatonCluster *
baton_cluster_copy (BatonCluster *cluster)
{
  BatonCluster *copy;
  GListModel *model;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);

  copy = baton_cluster_new (baton_cluster_get_name (cluster), baton_cluster_get_platform (cluster));
  set_extra (copy, get_extra (cluster));

  model = baton_cluster_get_nodes (cluster);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (model, i);
      g_autoptr(BatonNode) twin = baton_node_new (baton_machine_get_name (BATON_MACHINE (node)));

      baton_node_set_state (twin, baton_node_get_state (node));
      baton_node_set_votes (twin, baton_node_get_votes (node));
      baton_node_set_capacity (twin, baton_node_get_capacity (node));
      copy_software (BATON_MACHINE (node), BATON_MACHINE (twin));
      set_extra (twin, get_extra (node));
      baton_cluster_add_node (copy, twin, NULL);
    }

  model = baton_cluster_get_groups (cluster);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BatonGroup) group = g_list_model_get_item (model, i);
      g_autoptr(BatonGroup) twin = baton_group_copy (group);

      set_extra (twin, get_extra (group));
      baton_cluster_add_group (copy, twin, NULL);
    }

  model = baton_cluster_get_servers (cluster);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BatonServer) server = g_list_model_get_item (model, i);
      g_autoptr(BatonServer) twin = baton_server_new (baton_machine_get_name (BATON_MACHINE (server)),
                                                      baton_server_get_role (server));

      baton_server_set_load_balanced_set (twin, baton_server_get_load_balanced_set (server));
      baton_server_set_source (twin, baton_server_get_source (server));
      copy_software (BATON_MACHINE (server), BATON_MACHINE (twin));
      set_extra (twin, get_extra (server));
      baton_cluster_add_server (copy, twin, NULL);
    }

  return copy;
}
