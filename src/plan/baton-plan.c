/* baton-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plan: its steps as a GListModel (list order is one valid sequential
 * order; each step's "after" lists its true dependencies), its estimate
 * (makespan, moves and downtime per group) and its warnings.  Step ids are
 * 1, 2, 3… in list order, so a look-up by id is an index.
 */

#define G_LOG_DOMAIN "baton-plan"

#include "config.h"

#include <json-glib/json-glib.h>

#include "baton-plan.h"

struct _BatonPlan
{
  GObject     parent_instance;

  char       *cluster;
  char       *product;
  char       *target;
  char       *strategy;
  GPtrArray  *steps;
  GPtrArray  *warnings;       /* NULL-terminated */
  GHashTable *moves;          /* group -> GUINT_TO_POINTER */
  GHashTable *downtime;       /* group -> GUINT_TO_POINTER */
  GPtrArray  *groups;         /* estimated groups, in insertion order */
  GArray     *findings;       /* Finding */
  guint       makespan;
  gboolean    building;       /* no items-changed until the planner is done */
  guint       built_from;
};

typedef struct
{
  guint     step_id;
  char     *invariant;
  char     *message;
  gboolean  waived;
} Finding;

static void
finding_clear (gpointer data)
{
  Finding *f = data;

  g_free (f->invariant);
  g_free (f->message);
}

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BatonPlan, baton_plan, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return BATON_TYPE_STEP;
}

static guint
get_n_items (GListModel *model)
{
  return BATON_PLAN (model)->steps->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BatonPlan *self = BATON_PLAN (model);

  if (position >= self->steps->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->steps, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
baton_plan_finalize (GObject *object)
{
  BatonPlan *self = (BatonPlan *) object;

  g_clear_pointer (&self->cluster, g_free);
  g_clear_pointer (&self->product, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->strategy, g_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->moves, g_hash_table_unref);
  g_clear_pointer (&self->downtime, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->findings, g_array_unref);

  G_OBJECT_CLASS (baton_plan_parent_class)->finalize (object);
}

static void
baton_plan_class_init (BatonPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baton_plan_finalize;
}

static void
baton_plan_init (BatonPlan *self)
{
  self->steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
  self->moves = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->downtime = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->groups = g_ptr_array_new_with_free_func (g_free);
  self->findings = g_array_new (FALSE, FALSE, sizeof (Finding));
  g_array_set_clear_func (self->findings, finding_clear);
}

BatonPlan *
baton_plan_new (const char *cluster,
                const char *product,
                const char *target,
                const char *strategy)
{
  BatonPlan *self = g_object_new (BATON_TYPE_PLAN, NULL);

  self->cluster = g_strdup (cluster);
  self->product = g_strdup (product);
  self->target = g_strdup (target);
  self->strategy = g_strdup (strategy);
  return self;
}

const char *
baton_plan_get_cluster (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);
  return self->cluster;
}

const char *
baton_plan_get_product (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);
  return self->product;
}

const char *
baton_plan_get_target (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);
  return self->target;
}

const char *
baton_plan_get_strategy (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);
  return self->strategy;
}

guint
baton_plan_get_n_steps (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), 0);
  return self->steps->len;
}

/**
 * baton_plan_get_step:
 *
 * Returns: (transfer none): the step at @position
 */
BatonStep *
baton_plan_get_step (BatonPlan *self,
                     guint      position)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);

  return g_ptr_array_index (self->steps, position);
}

/**
 * baton_plan_lookup_step:
 *
 * Returns: (transfer none) (nullable): the step with @id
 */
BatonStep *
baton_plan_lookup_step (BatonPlan *self,
                        guint      id)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);

  if (id == 0 || id > self->steps->len)
    return NULL;
  return g_ptr_array_index (self->steps, id - 1);
}

/**
 * baton_plan_add_step:
 *
 * Appends a new step with the next id.  Emits items-changed.
 *
 * Returns: (transfer none): the new step, for the planner to fill in
 */
BatonStep *
baton_plan_add_step (BatonPlan   *self,
                     BatonAction  action)
{
  BatonStep *step;

  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);

  step = baton_step_new (self->steps->len + 1, action);
  g_ptr_array_add (self->steps, step);
  if (!self->building)
    g_list_model_items_changed (G_LIST_MODEL (self), self->steps->len - 1, 0, 1);
  return step;
}

/**
 * baton_plan_begin_build:
 *
 * While a plan is built, adding steps emits nothing;
 * baton_plan_end_build() announces them all at once.
 */
void
baton_plan_begin_build (BatonPlan *self)
{
  g_return_if_fail (BATON_IS_PLAN (self));
  g_return_if_fail (!self->building);

  self->building = TRUE;
  self->built_from = self->steps->len;
}

void
baton_plan_end_build (BatonPlan *self)
{
  g_return_if_fail (BATON_IS_PLAN (self));
  g_return_if_fail (self->building);

  self->building = FALSE;
  if (self->steps->len > self->built_from)
    g_list_model_items_changed (G_LIST_MODEL (self), self->built_from, 0,
                                self->steps->len - self->built_from);
}

void
baton_plan_add_warning (BatonPlan  *self,
                        const char *warning)
{
  g_return_if_fail (BATON_IS_PLAN (self));
  g_return_if_fail (warning != NULL);

  /* Each warning once, in the order first given. */
  for (guint i = 0; i + 1 < self->warnings->len; i++)
    if (g_str_equal (g_ptr_array_index (self->warnings, i), warning))
      return;

  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_strdup (warning));
}

const char * const *
baton_plan_get_warnings (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);
  return (const char * const *) self->warnings->pdata;
}

guint
baton_plan_get_makespan (BatonPlan *self)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), 0);
  return self->makespan;
}

void
baton_plan_set_makespan (BatonPlan *self,
                         guint      seconds)
{
  g_return_if_fail (BATON_IS_PLAN (self));
  self->makespan = seconds;
}

guint
baton_plan_get_moves (BatonPlan  *self,
                      const char *group)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->moves, group));
}

guint
baton_plan_get_downtime (BatonPlan  *self,
                         const char *group)
{
  g_return_val_if_fail (BATON_IS_PLAN (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->downtime, group));
}

void
baton_plan_set_group_estimate (BatonPlan  *self,
                               const char *group,
                               guint       moves,
                               guint       downtime_s)
{
  g_return_if_fail (BATON_IS_PLAN (self));

  if (!g_hash_table_contains (self->moves, group))
    g_ptr_array_add (self->groups, g_strdup (group));
  g_hash_table_insert (self->moves, g_strdup (group), GUINT_TO_POINTER (moves));
  g_hash_table_insert (self->downtime, g_strdup (group), GUINT_TO_POINTER (downtime_s));
}

/**
 * baton_plan_dup_estimated_groups:
 *
 * Returns: (transfer full): the groups the estimate covers
 */
char **
baton_plan_dup_estimated_groups (BatonPlan *self)
{
  char **ret;

  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);

  ret = g_new0 (char *, self->groups->len + 1);
  for (guint i = 0; i < self->groups->len; i++)
    ret[i] = g_strdup (g_ptr_array_index (self->groups, i));
  return ret;
}

/**
 * baton_plan_compute_start_times:
 *
 * The earliest start of each step when every step starts as soon as the
 * steps it depends on have finished.  Links to missing or later steps are
 * ignored (baton_plan_verify() reports them).
 *
 * Returns: (transfer full): start times in seconds, indexed by position
 */
guint *
baton_plan_compute_start_times (BatonPlan *self)
{
  g_autofree guint *finish = NULL;
  guint *start;

  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);

  /* finish[k] is when the step of id k ends: one pass, ids only grow. */
  start = g_new0 (guint, self->steps->len + 1);
  finish = g_new0 (guint, self->steps->len + 1);
  for (guint i = 0; i < self->steps->len; i++)
    {
      BatonStep *step = g_ptr_array_index (self->steps, i);
      const guint *after;
      guint n_after;

      after = baton_step_get_after (step, &n_after);
      for (guint j = 0; j < n_after; j++)
        {
          /* A link to a missing or later step is the verifier's to report. */
          if (after[j] == 0 || after[j] > i)
            continue;
          start[i] = MAX (start[i], finish[after[j]]);
        }
      finish[i + 1] = start[i] + baton_step_get_duration (step);
    }

  return start;
}

/**
 * baton_plan_add_finding:
 *
 * Records what the verifier found: a broken invariant, or one the source
 * requires breaking (@waived).
 */
void
baton_plan_add_finding (BatonPlan  *self,
                        guint       step_id,
                        const char *invariant,
                        const char *message,
                        gboolean    waived)
{
  Finding f = { step_id, g_strdup (invariant), g_strdup (message), waived };

  g_return_if_fail (BATON_IS_PLAN (self));
  g_array_append_val (self->findings, f);
}

guint
baton_plan_get_n_findings (BatonPlan *self,
                           gboolean   include_waived)
{
  guint n = 0;

  g_return_val_if_fail (BATON_IS_PLAN (self), 0);

  for (guint i = 0; i < self->findings->len; i++)
    if (include_waived || !g_array_index (self->findings, Finding, i).waived)
      n++;
  return n;
}

/**
 * baton_plan_get_finding:
 * @index: from 0 to the number of findings, waived ones included
 *
 * Returns: whether there is such a finding
 */
gboolean
baton_plan_get_finding (BatonPlan   *self,
                        guint        index,
                        guint       *step_id,
                        const char **invariant,
                        const char **message,
                        gboolean    *waived)
{
  Finding *f;

  g_return_val_if_fail (BATON_IS_PLAN (self), FALSE);

  if (index >= self->findings->len)
    return FALSE;

  f = &g_array_index (self->findings, Finding, index);
  if (step_id)
    *step_id = f->step_id;
  if (invariant)
    *invariant = f->invariant;
  if (message)
    *message = f->message;
  if (waived)
    *waived = f->waived;
  return TRUE;
}

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
add_step (JsonBuilder *b,
          BatonStep   *step)
{
  g_autoptr(GEnumClass) actions = g_type_class_ref (BATON_TYPE_ACTION);
  g_auto(GStrv) toolchains = baton_step_dup_toolchains (step);
  const char * const *owners = baton_step_get_owners (step);
  const guint *after;
  guint n_after;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, baton_step_get_id (step));
  add_string (b, "action", g_enum_get_value (actions, baton_step_get_action (step))->value_nick);
  add_string (b, "node", baton_step_get_node (step));
  add_string (b, "group", baton_step_get_group (step));
  add_string (b, "version", baton_step_get_version (step));
  add_string (b, "family", baton_step_get_family (step));
  if (owners != NULL)
    {
      json_builder_set_member_name (b, "owners");
      json_builder_begin_array (b);
      for (guint i = 0; owners[i]; i++)
        json_builder_add_string_value (b, owners[i]);
      json_builder_end_array (b);
    }

  json_builder_set_member_name (b, "after");
  json_builder_begin_array (b);
  after = baton_step_get_after (step, &n_after);
  for (guint i = 0; i < n_after; i++)
    json_builder_add_int_value (b, after[i]);
  json_builder_end_array (b);

  add_string (b, "phase", baton_step_get_phase (step));
  json_builder_set_member_name (b, "manual");
  json_builder_add_boolean_value (b, baton_step_get_manual (step));
  add_string (b, "summary", baton_step_get_summary (step));
  add_string (b, "source", baton_step_get_source (step));
  add_string (b, "citation", baton_step_get_citation (step));
  json_builder_set_member_name (b, "duration_s");
  json_builder_add_int_value (b, baton_step_get_duration (step));
  add_string (b, "impact", baton_step_get_impact (step));
  add_string (b, "waives", baton_step_get_waives (step));

  json_builder_set_member_name (b, "commands");
  json_builder_begin_object (b);
  for (guint i = 0; toolchains[i]; i++)
    add_string (b, toolchains[i], baton_step_get_command (step, toolchains[i]));
  json_builder_end_object (b);

  json_builder_end_object (b);
}

/**
 * baton_plan_to_json:
 * @length: (out) (optional): the length of the result
 *
 * Returns: (transfer full): the plan as a baton-plan/1 document
 */
char *
baton_plan_to_json (BatonPlan *self,
                    gsize     *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (BATON_IS_PLAN (self), NULL);

  json_builder_begin_object (b);
  add_string (b, "format", BATON_PLAN_FORMAT);
  add_string (b, "cluster", self->cluster);
  add_string (b, "product", self->product);
  add_string (b, "target", self->target);
  add_string (b, "strategy", self->strategy);

  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->steps->len; i++)
    add_step (b, g_ptr_array_index (self->steps, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "estimate");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "makespan_s");
  json_builder_add_int_value (b, self->makespan);
  json_builder_set_member_name (b, "moves");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const char *group = g_ptr_array_index (self->groups, i);
      json_builder_set_member_name (b, group);
      json_builder_add_int_value (b, baton_plan_get_moves (self, group));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "downtime_s");
  json_builder_begin_object (b);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const char *group = g_ptr_array_index (self->groups, i);
      json_builder_set_member_name (b, group);
      json_builder_add_int_value (b, baton_plan_get_downtime (self, group));
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; i + 1 < self->warnings->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (self->warnings, i));
  json_builder_end_array (b);

  /* Not in DESIGN.md's example: what the plan verifier found. */
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      Finding *f = &g_array_index (self->findings, Finding, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "step");
      json_builder_add_int_value (b, f->step_id);
      add_string (b, "invariant", f->invariant);
      add_string (b, "message", f->message);
      json_builder_set_member_name (b, "waived");
      json_builder_add_boolean_value (b, f->waived);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
