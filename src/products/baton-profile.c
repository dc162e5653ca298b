/* baton-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A product profile: the rules of one vendor procedure as data (sources,
 * targets, durations, step templates with their citations and commands,
 * prerequisites, warnings, tables), read from a baton-profile/1 file.  The
 * procedure's order lives in one of a few named strategies in the
 * planner; the profile says which.  Built-in profiles ship in the
 * library; administrators add their own as files (see BatonCatalog).
 */

#define G_LOG_DOMAIN "baton-products"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baton-profile.h"

struct _BatonProfile
{
  GObject     parent_instance;

  JsonNode   *root;
  JsonObject *object;
  char       *origin;
  char      **targets;
  GHashTable *templates;   /* key -> BatonStepTemplate */
  guint       platforms;   /* bit per BatonPlatform */
};

G_DEFINE_FINAL_TYPE (BatonProfile, baton_profile, G_TYPE_OBJECT)
G_DEFINE_QUARK (baton-profile-error-quark, baton_profile_error)

static void
baton_profile_finalize (GObject *object)
{
  BatonProfile *self = (BatonProfile *) object;

  g_clear_pointer (&self->templates, g_hash_table_unref);
  g_clear_pointer (&self->targets, g_strfreev);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (baton_profile_parent_class)->finalize (object);
}

static void
baton_profile_class_init (BatonProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baton_profile_finalize;
}

static void
baton_profile_init (BatonProfile *self)
{
  self->templates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static gboolean invalid (GError     **error,
                         const char  *file,
                         const char  *path,
                         const char  *format,
                         ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError     **error,
         const char  *file,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
               "%s: %s: %s", file, path, message);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
load_templates (BatonProfile  *self,
                const char    *file,
                GError       **error)
{
  JsonObject *templates = get_object (self->object, "templates");
  JsonObject *sources = get_object (self->object, "sources");
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (templates == NULL)
    return invalid (error, file, "$.templates", _("expected an object of step templates"));

  json_object_iter_init (&iter, templates);
  while (json_object_iter_next (&iter, &key, &node))
    {
      g_autofree char *path = g_strdup_printf ("$.templates[\"%s\"]", key);
      g_autofree BatonStepTemplate *t = g_new0 (BatonStepTemplate, 1);
      JsonObject *object;
      const char *action;
      int value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, file, path, _("expected a step template (an object)"));
      object = json_node_get_object (node);

      action = get_string (object, "action");
      if (action == NULL || !baton_enum_from_nick (BATON_TYPE_ACTION, action, &value))
        {
          g_autofree char *nicks = baton_enum_list_nicks (BATON_TYPE_ACTION);
          return invalid (error, file, path, _("expected \"action\": one of %s"), nicks);
        }
      t->action = value;

      if (!(t->summary = get_string (object, "summary")))
        return invalid (error, file, path, _("expected \"summary\": the step's one-line summary"));
      if (!(t->source = get_string (object, "source")) ||
          sources == NULL || !json_object_has_member (sources, t->source))
        return invalid (error, file, path,
                        _("expected \"source\": the id of one of the profile's sources"));
      if (!(t->citation = get_string (object, "citation")))
        return invalid (error, file, path,
                        _("expected \"citation\": where in the source the step comes from"));

      t->impact = get_string (object, "impact");
      t->phase = get_string (object, "phase");
      t->manual = json_object_get_boolean_member_with_default (object, "manual", FALSE);
      t->commands = get_object (object, "commands");

      g_hash_table_insert (self->templates, (char *) key, g_steal_pointer (&t));
    }

  return TRUE;
}

/**
 * baton_profile_new_from_data:
 * @display_name: the file name for messages, and the profile's origin
 *
 * Returns: (transfer full) (nullable): the profile
 */
BatonProfile *
baton_profile_new_from_data (const char  *data,
                             gssize       length,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(BatonProfile) self = g_object_new (BATON_TYPE_PROFILE, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GStrvBuilder) targets = g_strv_builder_new ();
  const char *required[] = { "id", "title", "family", "strategy" };
  JsonArray *platforms, *target_array;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_INVALID,
                   _("%s: not valid JSON: %s"), display_name, local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      invalid (error, display_name, "$", _("expected a baton-profile/1 object"));
      return NULL;
    }

  self->root = json_node_ref (json_parser_get_root (parser));
  self->object = json_node_get_object (self->root);
  self->origin = g_strdup (display_name);

  if (g_strcmp0 (get_string (self->object, "format"), BATON_PROFILE_FORMAT) != 0)
    {
      invalid (error, display_name, "$.format", _("expected \"%s\""), BATON_PROFILE_FORMAT);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (get_string (self->object, required[i]) == NULL)
      {
        g_autofree char *path = g_strdup_printf ("$.%s", required[i]);
        invalid (error, display_name, path, _("missing: expected a string"));
        return NULL;
      }

  if (get_object (self->object, "sources") == NULL)
    {
      invalid (error, display_name, "$.sources",
               _("expected an object mapping source ids to titles"));
      return NULL;
    }

  platforms = get_array (self->object, "platforms");
  if (platforms == NULL || json_array_get_length (platforms) == 0)
    {
      invalid (error, display_name, "$.platforms", _("expected an array of platforms"));
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (platforms); i++)
    {
      const char *nick = json_array_get_string_element (platforms, i);
      int value;

      if (nick == NULL || !baton_enum_from_nick (BATON_TYPE_PLATFORM, nick, &value))
        {
          g_autofree char *path = g_strdup_printf ("$.platforms[%u]", i);
          g_autofree char *nicks = baton_enum_list_nicks (BATON_TYPE_PLATFORM);
          invalid (error, display_name, path, _("expected one of %s"), nicks);
          return NULL;
        }
      self->platforms |= 1u << value;
    }

  target_array = get_array (self->object, "targets");
  for (guint i = 0; target_array != NULL && i < json_array_get_length (target_array); i++)
    {
      const char *text = json_array_get_string_element (target_array, i);
      g_autoptr(BatonVersion) version = NULL;
      g_autoptr(GError) version_error = NULL;

      if (text == NULL || !(version = baton_version_parse (text, &version_error)))
        {
          g_autofree char *path = g_strdup_printf ("$.targets[%u]", i);
          invalid (error, display_name, path, "%s",
                   version_error ? version_error->message : _("expected a version string"));
          return NULL;
        }
      g_strv_builder_add (targets, text);
    }
  self->targets = g_strv_builder_end (targets);

  if (!load_templates (self, display_name, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
baton_profile_get_id (BatonProfile *self)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return get_string (self->object, "id");
}

const char *
baton_profile_get_title (BatonProfile *self)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return get_string (self->object, "title");
}

/**
 * baton_profile_get_family:
 *
 * Returns: the software family the profile updates ("exchange")
 */
const char *
baton_profile_get_family (BatonProfile *self)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return get_string (self->object, "family");
}

/**
 * baton_profile_get_strategy:
 *
 * Returns: the name of the planner strategy that orders the steps
 */
const char *
baton_profile_get_strategy (BatonProfile *self)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return get_string (self->object, "strategy");
}

/**
 * baton_profile_get_origin:
 *
 * Returns: where the profile was read from
 */
const char *
baton_profile_get_origin (BatonProfile *self)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return self->origin;
}

gboolean
baton_profile_supports_platform (BatonProfile  *self,
                                 BatonPlatform  platform)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), FALSE);
  return (self->platforms & (1u << platform)) != 0;
}

/**
 * baton_profile_get_targets:
 *
 * Returns: the target versions the profile offers, oldest first
 */
const char * const *
baton_profile_get_targets (BatonProfile *self)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return (const char * const *) self->targets;
}

/**
 * baton_profile_check_target:
 *
 * How a profile accepts targets ("accept"): "listed" (only its targets),
 * "same-release" (any version of the release of one of its targets:
 * every Exchange 2007 rollup) or "any" (any version: Pacemaker).
 *
 * Returns: whether @target is a target of this profile
 */
gboolean
baton_profile_check_target (BatonProfile  *self,
                            BatonVersion  *target,
                            GError       **error)
{
  const char *accept;
  g_autofree char *list = NULL;

  g_return_val_if_fail (BATON_IS_PROFILE (self), FALSE);

  accept = get_string (self->object, "accept");
  if (g_strcmp0 (accept, "any") == 0)
    return TRUE;

  for (guint i = 0; self->targets[i]; i++)
    {
      g_autoptr(BatonVersion) listed = baton_version_parse (self->targets[i], NULL);

      if (baton_version_equal (listed, target))
        return TRUE;
      if (g_strcmp0 (accept, "same-release") == 0 && baton_version_same_release (listed, target))
        return TRUE;
    }

  list = g_strjoinv (", ", self->targets);
  g_set_error (error, BATON_PROFILE_ERROR, BATON_PROFILE_ERROR_REFUSED,
               _("%s is not a target of %s (targets: %s)"),
               baton_version_to_string (target), baton_profile_get_id (self), list);
  return FALSE;
}

/**
 * baton_profile_get_source_title:
 *
 * Returns: (nullable): the title of source @source ("Q174799: How to
 *   Install Service Packs in a Cluster")
 */
const char *
baton_profile_get_source_title (BatonProfile *self,
                                const char   *source)
{
  JsonObject *sources;

  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);

  sources = get_object (self->object, "sources");
  return sources ? get_string (sources, source) : NULL;
}

/**
 * baton_profile_get_option:
 *
 * Returns: (nullable): the profile's default for option @key
 */
const char *
baton_profile_get_option (BatonProfile *self,
                          const char   *key)
{
  JsonObject *options;

  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);

  options = get_object (self->object, "options");
  return options ? get_string (options, key) : NULL;
}

/**
 * baton_profile_get_duration:
 * @key: a template key
 * @action: its action, the fallback
 *
 * Returns: the expected duration in seconds of a step made from @key
 */
guint
baton_profile_get_duration (BatonProfile *self,
                            const char   *key,
                            BatonAction   action)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (BATON_TYPE_ACTION);
  JsonObject *durations;
  JsonNode *node;

  g_return_val_if_fail (BATON_IS_PROFILE (self), 0);

  durations = get_object (self->object, "durations");
  if (durations == NULL)
    return 60;

  node = json_object_get_member (durations, key);
  if (node == NULL)
    node = json_object_get_member (durations, g_enum_get_value (klass, action)->value_nick);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 60;

  return (guint) CLAMP (json_node_get_int (node), 0, G_MAXINT32);
}

/**
 * baton_profile_lookup_template:
 *
 * Returns: (nullable): the step template @key
 */
const BatonStepTemplate *
baton_profile_lookup_template (BatonProfile *self,
                               const char   *key)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return g_hash_table_lookup (self->templates, key);
}

/**
 * baton_profile_get_data:
 * @member: a top-level member ("prerequisites", "warnings", "data", …)
 *
 * Returns: (transfer none) (nullable): the raw member, for strategies and
 *   exports that read tables of their own
 */
JsonNode *
baton_profile_get_data (BatonProfile *self,
                        const char   *member)
{
  g_return_val_if_fail (BATON_IS_PROFILE (self), NULL);
  return json_object_get_member (self->object, member);
}
