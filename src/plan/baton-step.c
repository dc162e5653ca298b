/* baton-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One step of a plan: an action of the vocabulary on a node, server or
 * group, with the source document and step it comes from, the exact
 * commands for each toolchain, its expected duration and its impact on
 * clients.  A step is built by the planner and does not change after its
 * plan is complete, so its properties are read-only and never notify.
 */

#define G_LOG_DOMAIN "baton-plan"

#include "config.h"

#include <string.h>

#include "baton-quote.h"
#include "baton-step-private.h"
#include "baton-util.h"

struct _BatonStepExpansion
{
  gatomicrefcount  ref_count;
  BatonProfile    *profile;         /* owns the templates */
  char            *target;
  char            *cluster;
  char            *update_command;
};

struct _BatonStep
{
  GObject      parent_instance;

  guint        id;
  BatonAction  action;
  char        *node;
  char        *group;
  const char  *version;      /* interned: a handful of values per plan */
  char        *from;
  char       **owners;
  const char  *phase;        /* interned: a handful of values per plan */
  char        *summary;
  char        *source;
  char        *citation;
  char        *impact;
  char        *waives;
  const char  *family;       /* interned: a handful of values per plan */
  guint        duration;
  GArray      *after;
  GPtrArray   *commands;     /* toolchain, command, toolchain, command…: a few at most */
  BatonStepExpansion      *expansion;   /* with template: text not yet written out */
  const BatonStepTemplate *template;
  guint        manual : 1;
};

G_DEFINE_ENUM_TYPE (BatonAction, baton_action,
  G_DEFINE_ENUM_VALUE (BATON_ACTION_CHECK_EVENT_LOG, "check-event-log"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_CONFIRM_BACKUP, "confirm-backup"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_PAUSE_NODE, "pause-node"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_RESUME_NODE, "resume-node"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_MOVE_GROUP, "move-group"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_STOP_CLUSTER_SERVICE, "stop-cluster-service"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_START_CLUSTER_SERVICE, "start-cluster-service"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_TAKE_OFFLINE, "take-offline"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_BRING_ONLINE, "bring-online"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_SET_POSSIBLE_OWNERS, "set-possible-owners"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_INSTALL_UPDATE, "install-update"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_RESTART_NODE, "restart-node"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_UPGRADE_VIRTUAL_SERVER, "upgrade-virtual-server"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_WAIT_HEALTHY, "wait-healthy"),
  G_DEFINE_ENUM_VALUE (BATON_ACTION_MANUAL, "manual"))

G_DEFINE_FINAL_TYPE (BatonStep, baton_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACTION,
  PROP_NODE,
  PROP_GROUP,
  PROP_VERSION,
  PROP_PHASE,
  PROP_MANUAL,
  PROP_SUMMARY,
  PROP_SOURCE,
  PROP_CITATION,
  PROP_IMPACT,
  PROP_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baton_step_finalize (GObject *object)
{
  BatonStep *self = (BatonStep *) object;

  g_clear_pointer (&self->node, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->owners, g_strfreev);
  g_clear_pointer (&self->expansion, baton_step_expansion_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->citation, g_free);
  g_clear_pointer (&self->impact, g_free);
  g_clear_pointer (&self->waives, g_free);
  g_clear_pointer (&self->after, g_array_unref);
  g_clear_pointer (&self->commands, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_step_parent_class)->finalize (object);
}

static void
baton_step_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BatonStep *self = BATON_STEP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint (value, self->id);
      break;

    case PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;

    case PROP_NODE:
      g_value_set_string (value, self->node);
      break;

    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;

    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;

    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;

    case PROP_MANUAL:
      g_value_set_boolean (value, self->manual);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, baton_step_get_summary (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, baton_step_get_source (self));
      break;

    case PROP_CITATION:
      g_value_set_string (value, baton_step_get_citation (self));
      break;

    case PROP_IMPACT:
      g_value_set_string (value, baton_step_get_impact (self));
      break;

    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_step_class_init (BatonStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baton_step_finalize;
  object_class->get_property = baton_step_get_property;

  properties[PROP_ID] = g_param_spec_uint ("id", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ACTION] = g_param_spec_enum ("action", NULL, NULL, BATON_TYPE_ACTION,
                                               BATON_ACTION_MANUAL, flags);
  properties[PROP_NODE] = g_param_spec_string ("node", NULL, NULL, NULL, flags);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL, flags);
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, NULL, flags);
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, flags);
  properties[PROP_MANUAL] = g_param_spec_boolean ("manual", NULL, NULL, FALSE, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_CITATION] = g_param_spec_string ("citation", NULL, NULL, NULL, flags);
  properties[PROP_IMPACT] = g_param_spec_string ("impact", NULL, NULL, NULL, flags);
  properties[PROP_DURATION] = g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_step_init (BatonStep *self)
{
  /* Plans hold thousands of steps: the containers are made on first use. */
}

/* Expansion of templated text. */

BatonStepExpansion *
baton_step_expansion_new (BatonProfile *profile,
                          const char   *target,
                          const char   *cluster,
                          const char   *update_command)
{
  BatonStepExpansion *expansion = g_new0 (BatonStepExpansion, 1);

  g_atomic_ref_count_init (&expansion->ref_count);
  expansion->profile = g_object_ref (profile);
  expansion->target = g_strdup (target);
  expansion->cluster = g_strdup (cluster);
  expansion->update_command = g_strdup (update_command);
  return expansion;
}

BatonStepExpansion *
baton_step_expansion_ref (BatonStepExpansion *expansion)
{
  g_atomic_ref_count_inc (&expansion->ref_count);
  return expansion;
}

void
baton_step_expansion_unref (BatonStepExpansion *expansion)
{
  if (!g_atomic_ref_count_dec (&expansion->ref_count))
    return;

  g_object_unref (expansion->profile);
  g_free (expansion->target);
  g_free (expansion->cluster);
  g_free (expansion->update_command);
  g_free (expansion);
}

static void
append_value (GString    *s,
              const char *toolchain,
              const char *value)
{
  if (toolchain == NULL)
    g_string_append (s, value);
  else
    {
      g_autofree char *quoted = baton_quote_for (toolchain, value);
      g_string_append (s, quoted);
    }
}

static void
append_owners (GString            *s,
               const char         *toolchain,
               const char * const *owners)
{
  for (guint i = 0; owners && owners[i]; i++)
    {
      if (i > 0)
        g_string_append (s, toolchain == NULL || g_str_equal (toolchain, "powershell") ||
                            g_str_equal (toolchain, "cluster.exe") ? "," : " ");
      append_value (s, toolchain, owners[i]);
    }
}

char *
baton_step_expand (BatonStep          *self,
                   BatonStepExpansion *expansion,
                   const char         *text,
                   const char         *toolchain)
{
  GString *s = g_string_sized_new (128);
  const char *p = text;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close;
      const char *value = NULL;
      gsize len;

      if (open == NULL)
        {
          g_string_append (s, p);
          break;
        }

      /* Literal text up to the brace, in one piece. */
      g_string_append_len (s, p, open - p);
      if (!(close = strchr (open, '}')))
        {
          g_string_append (s, open);
          break;
        }

      len = close - open - 1;
#define IS(name) (len == sizeof (name) - 1 && memcmp (open + 1, name, len) == 0)
      if (IS ("owners"))
        {
          append_owners (s, toolchain, (const char * const *) self->owners);
          p = close + 1;
          continue;
        }
      if (IS ("update_command"))
        {
          /* The administrator's own command line: inserted as written. */
          g_string_append (s, expansion->update_command ? expansion->update_command : "");
          p = close + 1;
          continue;
        }

      if (IS ("node"))
        value = self->node;
      else if (IS ("group"))
        value = self->group;
      else if (IS ("version"))
        value = self->version;
      else if (IS ("from"))
        value = self->from;
      else if (IS ("target"))
        value = expansion->target;
      else if (IS ("cluster"))
        value = expansion->cluster;
#undef IS

      if (value == NULL)
        {
          /* Not ours: keep the brace as written and go on after it. */
          g_string_append_c (s, '{');
          p = open + 1;
          continue;
        }

      append_value (s, toolchain, value);
      p = close + 1;
    }

  return g_string_free (s, FALSE);
}

void
baton_step_set_template (BatonStep               *self,
                         BatonStepExpansion      *expansion,
                         const BatonStepTemplate *template)
{
  g_return_if_fail (BATON_IS_STEP (self));
  g_return_if_fail (expansion != NULL);
  g_return_if_fail (template != NULL);

  g_clear_pointer (&self->expansion, baton_step_expansion_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->impact, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->citation, g_free);
  g_clear_pointer (&self->commands, g_ptr_array_unref);
  self->expansion = baton_step_expansion_ref (expansion);
  self->template = template;
}

/* Writes out what the template gives, once: before any text is read or set. */
static void
write_out (BatonStep *self)
{
  g_autoptr(BatonStepExpansion) expansion = NULL;
  const BatonStepTemplate *t = self->template;

  if (t == NULL)
    return;

  /* Cleared first: the setters below call back here. */
  expansion = g_steal_pointer (&self->expansion);
  self->template = NULL;

  self->summary = baton_step_expand (self, expansion, t->summary, NULL);
  self->impact = t->impact ? baton_step_expand (self, expansion, t->impact, NULL) : NULL;
  self->source = g_strdup (t->source);
  self->citation = g_strdup (t->citation);

  if (t->commands != NULL)
    {
      JsonObjectIter iter;
      const char *toolchain;
      JsonNode *value;

      json_object_iter_init_ordered (&iter, t->commands);
      while (json_object_iter_next_ordered (&iter, &toolchain, &value))
        {
          if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
            continue;
          if (self->commands == NULL)
            self->commands = g_ptr_array_new_full (6, g_free);
          g_ptr_array_add (self->commands, g_strdup (toolchain));
          g_ptr_array_add (self->commands,
                           baton_step_expand (self, expansion, json_node_get_string (value),
                                              toolchain));
        }
    }
}

BatonStep *
baton_step_new (guint       id,
                BatonAction action)
{
  BatonStep *self = g_object_new (BATON_TYPE_STEP, NULL);

  self->id = id;
  self->action = action;
  return self;
}

guint
baton_step_get_id (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), 0);
  return self->id;
}

BatonAction
baton_step_get_action (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), BATON_ACTION_MANUAL);
  return self->action;
}

const char *
baton_step_get_node (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return self->node;
}

void
baton_step_set_node (BatonStep  *self,
                     const char *node)
{
  g_return_if_fail (BATON_IS_STEP (self));
  baton_set_str (&self->node, node);
}

const char *
baton_step_get_group (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return self->group;
}

void
baton_step_set_group (BatonStep  *self,
                      const char *group)
{
  g_return_if_fail (BATON_IS_STEP (self));
  baton_set_str (&self->group, group);
}

const char *
baton_step_get_version (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return self->version;
}

void
baton_step_set_version (BatonStep  *self,
                        const char *version)
{
  g_return_if_fail (BATON_IS_STEP (self));
  self->version = g_intern_string (version);
}

/**
 * baton_step_get_from:
 *
 * Returns: (nullable): for move-group, the node the group leaves
 */
const char *
baton_step_get_from (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);

  return self->from;
}

void
baton_step_set_from (BatonStep  *self,
                     const char *from)
{
  g_return_if_fail (BATON_IS_STEP (self));

  baton_set_str (&self->from, from);
}

/**
 * baton_step_get_owners:
 *
 * Returns: (nullable): for set-possible-owners, the new possible owners
 */
const char * const *
baton_step_get_owners (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return (const char * const *) self->owners;
}

void
baton_step_set_owners (BatonStep          *self,
                       const char * const *owners)
{
  g_return_if_fail (BATON_IS_STEP (self));
  baton_set_strv (&self->owners, owners);
}

const char *
baton_step_get_phase (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return self->phase;
}

void
baton_step_set_phase (BatonStep  *self,
                      const char *phase)
{
  g_return_if_fail (BATON_IS_STEP (self));
  self->phase = g_intern_string (phase);
}

gboolean
baton_step_get_manual (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), FALSE);
  return self->manual;
}

void
baton_step_set_manual (BatonStep *self,
                       gboolean   manual)
{
  g_return_if_fail (BATON_IS_STEP (self));
  self->manual = !!manual;
}

const char *
baton_step_get_summary (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  write_out (self);
  return self->summary;
}

void
baton_step_set_summary (BatonStep  *self,
                        const char *summary)
{
  g_return_if_fail (BATON_IS_STEP (self));
  write_out (self);
  baton_set_str (&self->summary, summary);
}

/**
 * baton_step_get_source:
 *
 * Returns: (nullable): the source document's number ("000" … "004"), or
 *   the id of another source the profile names
 */
const char *
baton_step_get_source (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  if (self->template != NULL)
    return self->template->source;
  return self->source;
}

/**
 * baton_step_get_citation:
 *
 * Returns: (nullable): where in the source the step comes from, for
 *   people: "Q174799, step 3"
 */
const char *
baton_step_get_citation (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  if (self->template != NULL)
    return self->template->citation;
  return self->citation;
}

void
baton_step_set_source (BatonStep  *self,
                       const char *source,
                       const char *citation)
{
  g_return_if_fail (BATON_IS_STEP (self));
  write_out (self);
  baton_set_str (&self->source, source);
  baton_set_str (&self->citation, citation);
}

const char *
baton_step_get_impact (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  write_out (self);
  return self->impact;
}

void
baton_step_set_impact (BatonStep  *self,
                       const char *impact)
{
  g_return_if_fail (BATON_IS_STEP (self));
  write_out (self);
  baton_set_str (&self->impact, impact);
}

/**
 * baton_step_get_duration:
 *
 * Returns: the expected duration in seconds
 */
guint
baton_step_get_duration (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), 0);
  return self->duration;
}

void
baton_step_set_duration (BatonStep *self,
                         guint      seconds)
{
  g_return_if_fail (BATON_IS_STEP (self));
  self->duration = seconds;
}

/**
 * baton_step_get_after:
 * @n_after: (out): the number of ids
 *
 * Returns: (array length=n_after): the ids of the steps this one depends
 *   on, in increasing order
 */
const guint *
baton_step_get_after (BatonStep *self,
                      guint     *n_after)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  g_return_val_if_fail (n_after != NULL, NULL);

  if (self->after == NULL)
    {
      *n_after = 0;
      return NULL;
    }

  *n_after = self->after->len;
  return (const guint *) (gpointer) self->after->data;
}

/**
 * baton_step_add_after:
 * @id: a step that must finish before this one starts
 *
 * Adds a dependency once; the list stays sorted.
 */
void
baton_step_add_after (BatonStep *self,
                      guint      id)
{
  guint i;

  g_return_if_fail (BATON_IS_STEP (self));
  g_return_if_fail (id != self->id);

  if (self->after == NULL)
    self->after = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2);

  /* Ids mostly come in increasing order: append without a search. */
  if (self->after->len == 0 || g_array_index (self->after, guint, self->after->len - 1) < id)
    {
      g_array_append_val (self->after, id);
      return;
    }

  for (i = 0; i < self->after->len; i++)
    {
      guint other = g_array_index (self->after, guint, i);

      if (other == id)
        return;
      if (other > id)
        break;
    }

  g_array_insert_val (self->after, i, id);
}

void
baton_step_add_after_sorted (BatonStep   *self,
                             const guint *ids,
                             guint        n_ids)
{
  g_return_if_fail (BATON_IS_STEP (self));
  g_return_if_fail (self->after == NULL || self->after->len == 0);

  if (n_ids == 0)
    return;
  if (self->after == NULL)
    self->after = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_ids);
  g_array_append_vals (self->after, ids, n_ids);
}

/**
 * baton_step_get_command:
 * @toolchain: "cluster.exe", "powershell" or "pcs"
 *
 * Returns: (nullable): the exact command line for @toolchain
 */
const char *
baton_step_get_command (BatonStep  *self,
                        const char *toolchain)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  write_out (self);
  g_return_val_if_fail (toolchain != NULL, NULL);

  for (guint i = 0; self->commands != NULL && i < self->commands->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->commands, i), toolchain))
      return g_ptr_array_index (self->commands, i + 1);

  return NULL;
}

void
baton_step_set_command (BatonStep  *self,
                        const char *toolchain,
                        const char *command)
{
  g_return_if_fail (BATON_IS_STEP (self));
  write_out (self);
  g_return_if_fail (toolchain != NULL);
  g_return_if_fail (command != NULL);

  if (self->commands == NULL)
    self->commands = g_ptr_array_new_full (6, g_free);

  for (guint i = 0; i < self->commands->len; i += 2)
    if (g_str_equal (g_ptr_array_index (self->commands, i), toolchain))
      {
        g_free (g_ptr_array_index (self->commands, i + 1));
        g_ptr_array_index (self->commands, i + 1) = g_strdup (command);
        return;
      }

  g_ptr_array_add (self->commands, g_strdup (toolchain));
  g_ptr_array_add (self->commands, g_strdup (command));
}

/**
 * baton_step_dup_toolchains:
 *
 * Returns: (transfer full): the toolchains with a command, in the order
 *   they were set
 */
char **
baton_step_dup_toolchains (BatonStep *self)
{
  GStrvBuilder *builder;
  char **ret;

  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  write_out (self);

  builder = g_strv_builder_new ();
  for (guint i = 0; self->commands != NULL && i < self->commands->len; i += 2)
    g_strv_builder_add (builder, g_ptr_array_index (self->commands, i));
  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return ret;
}

/**
 * baton_step_get_waives:
 *
 * Returns: (nullable): the invariant this step breaks because its source
 *   requires it (the plan warns about it), e.g. "update-while-owning" for
 *   Exchange 5.5 setup on the active node
 */
const char *
baton_step_get_waives (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return self->waives;
}

void
baton_step_set_waives (BatonStep  *self,
                       const char *invariant)
{
  g_return_if_fail (BATON_IS_STEP (self));
  baton_set_str (&self->waives, invariant);
}

/**
 * baton_step_get_family:
 *
 * Returns: (nullable): for install-update, the software family the
 *   version belongs to ("exchange" on a node that also runs Windows)
 */
const char *
baton_step_get_family (BatonStep *self)
{
  g_return_val_if_fail (BATON_IS_STEP (self), NULL);
  return self->family;
}

void
baton_step_set_family (BatonStep  *self,
                       const char *family)
{
  g_return_if_fail (BATON_IS_STEP (self));
  self->family = g_intern_string (family);
}
