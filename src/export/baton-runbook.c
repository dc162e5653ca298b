/* baton-runbook.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runbook document: a title block, the prerequisites of the sources,
 * the topology before and after, the steps by phase with their commands,
 * durations, impact and citations, sign-off lines, and an appendix with
 * the sources' troubleshooting and a rollback note per phase.  Built once
 * from a plan; the renderers only lay it out.
 */

#define G_LOG_DOMAIN "baton-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "baton-cluster-file.h"
#include "baton-runbook.h"
#include "baton-util.h"

struct _BatonRunbook
{
  GObject       parent_instance;

  BatonCluster *cluster;
  BatonProfile *profile;
  BatonPlan    *plan;

  char         *author;
  GDateTime    *date;
  char         *toolchain;

  char         *title;
  char         *from_versions;
  GPtrArray    *prerequisites;    /* BatonRunbookItem */
  GPtrArray    *troubleshooting;  /* BatonRunbookItem */
  GPtrArray    *warnings;         /* BatonRunbookItem */
  GPtrArray    *downtime;         /* BatonRunbookItem: title group, text estimate */
  GPtrArray    *before;           /* BatonRunbookMachine */
  GPtrArray    *after;            /* BatonRunbookMachine */
  GPtrArray    *phases;           /* BatonRunbookPhase, built for the toolchain */
};

G_DEFINE_FINAL_TYPE (BatonRunbook, baton_runbook, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AUTHOR,
  PROP_DATE,
  PROP_TOOLCHAIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_free (BatonRunbookItem *item)
{
  g_free (item->title);
  g_free (item->text);
  g_free (item->citation);
  g_free (item);
}

static BatonRunbookItem *
item_new (const char *title,
          const char *text,
          const char *citation)
{
  BatonRunbookItem *item = g_new0 (BatonRunbookItem, 1);

  item->title = g_strdup (title);
  item->text = g_strdup (text);
  item->citation = g_strdup (citation);
  return item;
}

static void
step_free (BatonRunbookStep *step)
{
  g_clear_object (&step->step);
  g_free (step->target);
  g_free (step->command);
  g_free (step->toolchain);
  g_free (step->duration);
  g_free (step->citation);
  g_free (step);
}

static void
phase_free (BatonRunbookPhase *phase)
{
  g_free (phase->id);
  g_free (phase->title);
  g_ptr_array_unref (phase->steps);
  g_free (phase->rollback);
  g_free (phase);
}

static void
machine_free (BatonRunbookMachine *machine)
{
  g_free (machine->name);
  g_free (machine->role);
  g_free (machine->state);
  g_free (machine->software);
  g_ptr_array_unref (machine->groups);
  g_free (machine);
}

static void
baton_runbook_finalize (GObject *object)
{
  BatonRunbook *self = (BatonRunbook *) object;

  g_clear_object (&self->cluster);
  g_clear_object (&self->profile);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->toolchain, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->from_versions, g_free);
  g_clear_pointer (&self->prerequisites, g_ptr_array_unref);
  g_clear_pointer (&self->troubleshooting, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->downtime, g_ptr_array_unref);
  g_clear_pointer (&self->before, g_ptr_array_unref);
  g_clear_pointer (&self->after, g_ptr_array_unref);
  g_clear_pointer (&self->phases, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_runbook_parent_class)->finalize (object);
}

static void
baton_runbook_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BatonRunbook *self = BATON_RUNBOOK (object);

  switch (prop_id)
    {
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_TOOLCHAIN:
      g_value_set_string (value, self->toolchain);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_runbook_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BatonRunbook *self = BATON_RUNBOOK (object);

  switch (prop_id)
    {
    case PROP_AUTHOR:
      baton_runbook_set_author (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      baton_runbook_set_date (self, g_value_get_boxed (value));
      break;

    case PROP_TOOLCHAIN:
      baton_runbook_set_toolchain (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baton_runbook_class_init (BatonRunbookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baton_runbook_finalize;
  object_class->get_property = baton_runbook_get_property;
  object_class->set_property = baton_runbook_set_property;

  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_TOOLCHAIN] = g_param_spec_string ("toolchain", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
baton_runbook_init (BatonRunbook *self)
{
  self->date = g_date_time_new_now_local ();
}

/* --- building ---------------------------------------------------------------- */

/* "45 s", "5 min", "1 h 5 min" */
static char *
format_duration (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%u s"), seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%u min"), (seconds + 30) / 60);
  if ((seconds % 3600) / 60 == 0)
    return g_strdup_printf (_("%u h"), seconds / 3600);
  return g_strdup_printf (_("%u h %u min"), seconds / 3600, (seconds % 3600) / 60);
}

static char *
format_citation (BatonProfile *profile,
                 const char   *source,
                 const char   *citation)
{
  const char *title = source ? baton_profile_get_source_title (profile, source) : NULL;
  const char *what = title ? title : source;
  const char *colon = title ? strchr (title, ':') : NULL;

  /* "Q328839: How to…" and "Q328839, summary": the number once. */
  if (colon != NULL && citation != NULL && strncmp (citation, title, colon - title) == 0 &&
      g_str_has_prefix (citation + (colon - title), ", "))
    citation += (colon - title) + 2;

  if (what != NULL && citation != NULL && *citation != '\0')
    return g_strdup_printf (_("%s, %s"), what, citation);
  return g_strdup (what ? what : citation);
}

static const char *
default_toolchain (BatonCluster *cluster)
{
  switch (baton_cluster_get_platform (cluster))
    {
    case BATON_PLATFORM_PACEMAKER:
      return "pcs";
    case BATON_PLATFORM_WSFC:
    case BATON_PLATFORM_WINDOWS_2008:
      return "powershell";
    case BATON_PLATFORM_WINDOWS_NT4:
    case BATON_PLATFORM_WINDOWS_2000:
    case BATON_PLATFORM_WINDOWS_2003:
    default:
      return "cluster.exe";
    }
}

static const char *
phase_title (const char *id)
{
  static const struct { const char *id; const char *title; } titles[] = {
    { "prepare", N_("Prepare") },
    { "front-ends", N_("Update the front-end servers") },
    { "back-ends", N_("Update the back-end servers") },
    { "servers", N_("Update the servers outside the cluster") },
    { "scr-targets", N_("Update the standby continuous replication targets") },
    { "cluster", N_("Update the cluster nodes") },
    { "update", N_("Update the nodes") },
    { "virtual-servers", N_("Upgrade the Exchange virtual servers") },
    { "failback", N_("Move the groups back to their preferred owners") },
    { "restrict", N_("Restrict the possible owners") },
    { "switch", N_("Switch the groups to the updated node") },
    { "restore", N_("Restore the possible owners") },
    { "offline", N_("Take the resources offline") },
    { "online", N_("Bring the resources online") },
    { "finish", N_("Finish") },
  };

  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].id, id))
      return _(titles[i].title);
  return NULL;
}

static char *
step_target (BatonStep *step)
{
  const char *node = baton_step_get_node (step);
  const char *group = baton_step_get_group (step);
  const char *from = baton_step_get_from (step);

  if (baton_step_get_action (step) == BATON_ACTION_MOVE_GROUP && group != NULL)
    {
      if (from != NULL)
        /* TRANSLATORS: a group moving from one node to another */
        return g_strdup_printf (_("%s: %s → %s"), group, from, node ? node : "?");
      return g_strdup_printf (_("%s → %s"), group, node ? node : "?");
    }
  if (group != NULL && node != NULL)
    /* TRANSLATORS: a group and the node it is on */
    return g_strdup_printf (_("%s on %s"), group, node);
  if (group != NULL)
    return g_strdup (group);
  if (node != NULL)
    return g_strdup (node);
  return g_strdup ("");
}

/* What undoing a phase means, from what its steps did. */
static char *
phase_rollback (BatonRunbookPhase *phase)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GPtrArray) paused = g_ptr_array_new ();
  g_autoptr(GPtrArray) stopped = g_ptr_array_new ();
  g_autoptr(GPtrArray) updated = g_ptr_array_new ();
  guint moves = 0, offline = 0, owners = 0;

  for (guint i = 0; i < phase->steps->len; i++)
    {
      BatonStep *step = ((BatonRunbookStep *) g_ptr_array_index (phase->steps, i))->step;
      const char *node = baton_step_get_node (step);

      switch (baton_step_get_action (step))
        {
        case BATON_ACTION_PAUSE_NODE:
          g_ptr_array_add (paused, (gpointer) node);
          break;
        case BATON_ACTION_STOP_CLUSTER_SERVICE:
          g_ptr_array_add (stopped, (gpointer) node);
          break;
        case BATON_ACTION_INSTALL_UPDATE:
          g_ptr_array_add (updated, (gpointer) node);
          break;
        case BATON_ACTION_MOVE_GROUP:
          moves++;
          break;
        case BATON_ACTION_TAKE_OFFLINE:
          offline++;
          break;
        case BATON_ACTION_SET_POSSIBLE_OWNERS:
          owners++;
          break;
        case BATON_ACTION_RESUME_NODE:
        case BATON_ACTION_START_CLUSTER_SERVICE:
        case BATON_ACTION_BRING_ONLINE:
        case BATON_ACTION_CHECK_EVENT_LOG:
        case BATON_ACTION_CONFIRM_BACKUP:
        case BATON_ACTION_RESTART_NODE:
        case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
        case BATON_ACTION_WAIT_HEALTHY:
        case BATON_ACTION_MANUAL:
        default:
          break;
        }
    }

  if (updated->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (updated, NULL);
      names = g_strjoinv (_(", "), (char **) updated->pdata);
      g_string_append_printf (s,
                              _("Stop at the first failed step: the nodes not yet updated keep "
                                "serving. A node that failed setup (%s) stays paused with no "
                                "groups; restore it from the backup taken before the upgrade "
                                "(the sources give no way to uninstall the update) and start "
                                "its cluster services before you resume it. "),
                              names);
    }
  if (moves == 1)
    g_string_append (s, _("Move the group this phase moved back to the node it came from "
                          "(shown in its step) once that node is up and resumed. "));
  else if (moves > 1)
    g_string_append_printf (s,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Move the %u groups this phase moved back to the nodes "
                                         "they came from (shown in their steps) once those nodes "
                                         "are up and resumed. ",
                                         "Move the %u groups this phase moved back to the nodes "
                                         "they came from (shown in their steps) once those nodes "
                                         "are up and resumed. ", moves),
                            moves);
  if (stopped->len > 0)
    g_string_append (s, _("Start the cluster services again on every node where this phase "
                          "stopped them. "));
  if (paused->len > 0)
    g_string_append (s, _("Resume the nodes this phase paused. "));
  if (offline > 0)
    g_string_append (s, _("Bring back online what this phase took offline: servers back into "
                          "their load-balanced set, groups on a node that still runs the old "
                          "version. "));
  if (owners > 0)
    g_string_append (s, _("Set the possible owners back to the list in the topology before "
                          "the upgrade. "));
  if (s->len == 0)
    g_string_append (s, _("Nothing to undo: this phase only checks and confirms."));

  g_strchomp (s->str);
  return g_strdup (s->str);
}

static GPtrArray *
describe_topology (BatonCluster *cluster,
                   GPtrArray    *compare)
{
  GPtrArray *machines = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_free);
  GListModel *nodes = baton_cluster_get_nodes (cluster);
  GListModel *servers = baton_cluster_get_servers (cluster);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
      const char *name = baton_machine_get_name (BATON_MACHINE (node));
      g_autoptr(GPtrArray) groups = baton_cluster_dup_groups_on (cluster, name);
      BatonRunbookMachine *m = g_new0 (BatonRunbookMachine, 1);

      m->name = g_strdup (name);
      m->role = g_strdup (_("Node"));
      m->state = g_strdup (baton_node_state_to_label (baton_node_get_state (node)));
      m->software = baton_machine_format_software (BATON_MACHINE (node));
      m->groups = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; k < groups->len; k++)
        g_ptr_array_add (m->groups,
                         g_strdup (baton_group_get_name (g_ptr_array_index (groups, k))));
      g_ptr_array_add (machines, m);
    }

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(BatonServer) server = g_list_model_get_item (servers, i);
      BatonRunbookMachine *m = g_new0 (BatonRunbookMachine, 1);

      m->name = g_strdup (baton_machine_get_name (BATON_MACHINE (server)));
      m->role = g_strdup (baton_server_role_to_label (baton_server_get_role (server)));
      m->state = g_strdup (baton_node_state_to_label (BATON_NODE_STATE_UP));
      m->software = baton_machine_format_software (BATON_MACHINE (server));
      m->groups = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (machines, m);
    }

  /* Mark what the plan changed, against the topology before it. */
  for (guint i = 0; compare != NULL && i < machines->len && i < compare->len; i++)
    {
      BatonRunbookMachine *now = g_ptr_array_index (machines, i);
      BatonRunbookMachine *was = g_ptr_array_index (compare, i);
      gboolean same = g_strcmp0 (now->software, was->software) == 0 &&
                      now->groups->len == was->groups->len;

      for (guint k = 0; same && k < now->groups->len; k++)
        same = g_str_equal (g_ptr_array_index (now->groups, k),
                            g_ptr_array_index (was->groups, k));
      now->changed = !same;
    }

  return machines;
}

/* The cluster as the plan leaves it: moves, updates and node states replayed. */
static BatonCluster *
replay_plan (BatonCluster *cluster,
             BatonProfile *profile,
             BatonPlan    *plan)
{
  BatonCluster *after = baton_cluster_copy (cluster);
  const char *family = baton_profile_get_family (profile);
  g_autoptr(BatonVersion) target = baton_version_parse (baton_plan_get_target (plan), NULL);

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);
      const char *node = baton_step_get_node (step);
      const char *group_name = baton_step_get_group (step);
      BatonGroup *group = group_name ? baton_cluster_lookup_group (after, group_name) : NULL;
      BatonMachine *machine = node ? baton_cluster_lookup_machine (after, node) : NULL;

      switch (baton_step_get_action (step))
        {
        case BATON_ACTION_MOVE_GROUP:
          if (group != NULL && node != NULL)
            baton_group_set_owner (group, node);
          break;

        case BATON_ACTION_INSTALL_UPDATE:
          if (machine != NULL && family != NULL)
            {
              const char *text = baton_step_get_version (step);
              g_autoptr(BatonVersion) version = text ? baton_version_parse (text, NULL) : NULL;

              if (version == NULL && target != NULL)
                version = baton_version_ref (target);
              if (version != NULL)
                baton_machine_set_version (machine, family, version);
            }
          break;

        case BATON_ACTION_PAUSE_NODE:
        case BATON_ACTION_RESUME_NODE:
          if (BATON_IS_NODE (machine))
            baton_node_set_state (BATON_NODE (machine),
                                  baton_step_get_action (step) == BATON_ACTION_PAUSE_NODE
                                    ? BATON_NODE_STATE_PAUSED : BATON_NODE_STATE_UP);
          break;

        case BATON_ACTION_CHECK_EVENT_LOG:
        case BATON_ACTION_CONFIRM_BACKUP:
        case BATON_ACTION_STOP_CLUSTER_SERVICE:
        case BATON_ACTION_START_CLUSTER_SERVICE:
        case BATON_ACTION_TAKE_OFFLINE:
        case BATON_ACTION_BRING_ONLINE:
        case BATON_ACTION_SET_POSSIBLE_OWNERS:
        case BATON_ACTION_RESTART_NODE:
        case BATON_ACTION_UPGRADE_VIRTUAL_SERVER:
        case BATON_ACTION_WAIT_HEALTHY:
        case BATON_ACTION_MANUAL:
        default:
          break;
        }
    }

  return after;
}

static char *
collect_from_versions (BatonCluster *cluster,
                       const char   *family)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GListModel *lists[] = { baton_cluster_get_nodes (cluster), baton_cluster_get_servers (cluster) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(BatonMachine) machine = g_list_model_get_item (lists[l], i);
        BatonVersion *version = family ? baton_machine_get_version (machine, family) : NULL;
        const char *text = version ? baton_version_to_string (version) : NULL;

        if (text != NULL && !g_ptr_array_find_with_equal_func (seen, text, g_str_equal, NULL))
          g_ptr_array_add (seen, (gpointer) text);
      }

  if (seen->len == 0)
    return g_strdup (_("not installed"));

  g_ptr_array_add (seen, NULL);
  return g_strjoinv (_(", "), (char **) seen->pdata);
}

static void
read_items (BatonProfile *profile,
            const char   *member,
            GPtrArray    *items)
{
  JsonNode *node = baton_profile_get_data (profile, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      g_autofree char *citation = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      object = json_node_get_object (element);
      if (!json_object_has_member (object, "text"))
        continue;

      citation = format_citation (profile,
                                  json_object_get_string_member_with_default (object, "source",
                                                                              NULL),
                                  json_object_get_string_member_with_default (object, "citation",
                                                                              NULL));
      g_ptr_array_add (items,
                       item_new (json_object_get_string_member_with_default (object, "title",
                                                                             NULL),
                                 json_object_get_string_member (object, "text"), citation));
    }
}

static void
build_phases (BatonRunbook *self)
{
  BatonRunbookPhase *phase = NULL;

  g_clear_pointer (&self->phases, g_ptr_array_unref);
  self->phases = g_ptr_array_new_with_free_func ((GDestroyNotify) phase_free);

  for (guint i = 0; i < baton_plan_get_n_steps (self->plan); i++)
    {
      BatonStep *step = baton_plan_get_step (self->plan, i);
      const char *id = baton_step_get_phase (step) ? baton_step_get_phase (step) : "steps";
      BatonRunbookStep *entry = g_new0 (BatonRunbookStep, 1);
      const char *command = baton_step_get_command (step, self->toolchain);

      /* Consecutive steps of a phase form one section: the numbers stay in order. */
      if (phase == NULL || !g_str_equal (phase->id, id))
        {
          const char *title = phase_title (id);

          phase = g_new0 (BatonRunbookPhase, 1);
          phase->id = g_strdup (id);
          phase->title = title ? g_strdup (title) : g_strdup (id);
          phase->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
          g_ptr_array_add (self->phases, phase);
        }

      entry->number = i + 1;
      entry->step = g_object_ref (step);
      entry->target = step_target (step);
      entry->duration = format_duration (baton_step_get_duration (step));
      entry->citation = format_citation (self->profile, baton_step_get_source (step),
                                         baton_step_get_citation (step));

      if (command != NULL && *command != '\0')
        {
          entry->command = g_strdup (command);
          entry->toolchain = g_strdup (self->toolchain);
        }
      else
        {
          /* Another toolchain's command is better than none. */
          g_auto(GStrv) toolchains = baton_step_dup_toolchains (step);

          for (guint k = 0; toolchains && toolchains[k]; k++)
            {
              command = baton_step_get_command (step, toolchains[k]);
              if (command != NULL && *command != '\0')
                {
                  entry->command = g_strdup (command);
                  entry->toolchain = g_strdup (toolchains[k]);
                  break;
                }
            }
        }

      g_ptr_array_add (phase->steps, entry);
    }

  for (guint i = 0; i < self->phases->len; i++)
    {
      BatonRunbookPhase *p = g_ptr_array_index (self->phases, i);
      p->rollback = phase_rollback (p);
    }
}

/**
 * baton_runbook_new:
 *
 * Returns: (transfer full): the runbook of @plan, made for @cluster with
 *   @profile
 */
BatonRunbook *
baton_runbook_new (BatonCluster *cluster,
                   BatonProfile *profile,
                   BatonPlan    *plan)
{
  BatonRunbook *self;
  g_autoptr(BatonCluster) after = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);
  g_return_val_if_fail (BATON_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (BATON_IS_PLAN (plan), NULL);

  self = g_object_new (BATON_TYPE_RUNBOOK, NULL);
  self->cluster = g_object_ref (cluster);
  self->profile = g_object_ref (profile);
  self->plan = g_object_ref (plan);
  self->toolchain = g_strdup (default_toolchain (cluster));

  self->title = g_strdup_printf (_("%s: %s to %s"), baton_profile_get_title (profile),
                                 baton_cluster_get_name (cluster), baton_plan_get_target (plan));
  self->from_versions = collect_from_versions (cluster, baton_profile_get_family (profile));

  self->prerequisites = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  read_items (profile, "prerequisites", self->prerequisites);
  self->troubleshooting = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  read_items (profile, "troubleshooting", self->troubleshooting);

  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  for (const char * const *w = baton_plan_get_warnings (plan); w && *w; w++)
    g_ptr_array_add (self->warnings, item_new (NULL, *w, NULL));
  for (guint i = 0; i < baton_plan_get_n_findings (plan, FALSE); i++)
    {
      const char *invariant, *message;
      guint step_id;
      gboolean waived;
      g_autofree char *text = NULL;

      baton_plan_get_finding (plan, i, &step_id, &invariant, &message, &waived);
      if (waived)
        continue;
      text = step_id ? g_strdup_printf (_("Step %u breaks an invariant (%s): %s"), step_id,
                                        invariant, message)
                     : g_strdup_printf (_("The plan breaks an invariant (%s): %s"), invariant,
                                        message);
      g_ptr_array_add (self->warnings, item_new (NULL, text, NULL));
    }

  self->downtime = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  groups = baton_plan_dup_estimated_groups (plan);
  for (guint i = 0; groups && groups[i]; i++)
    {
      guint moves = baton_plan_get_moves (plan, groups[i]);
      guint downtime = baton_plan_get_downtime (plan, groups[i]);
      g_autofree char *duration = format_duration (downtime);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u move, %s without service",
                                      "%u moves, %s without service", moves),
                         moves, duration);

      g_ptr_array_add (self->downtime, item_new (groups[i], text, NULL));
    }

  self->before = describe_topology (cluster, NULL);
  after = replay_plan (cluster, profile, plan);
  self->after = describe_topology (after, self->before);

  build_phases (self);
  return self;
}

const char *
baton_runbook_get_author (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->author;
}

void
baton_runbook_set_author (BatonRunbook *self,
                          const char   *author)
{
  g_return_if_fail (BATON_IS_RUNBOOK (self));

  if (baton_set_str (&self->author, author))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

/**
 * baton_runbook_get_date:
 *
 * Returns: (transfer none): the date printed on the runbook (now, unless set)
 */
GDateTime *
baton_runbook_get_date (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->date;
}

void
baton_runbook_set_date (BatonRunbook *self,
                        GDateTime    *date)
{
  g_return_if_fail (BATON_IS_RUNBOOK (self));
  g_return_if_fail (date != NULL);

  if (self->date == date)
    return;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_ref (date);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

/**
 * baton_runbook_get_toolchain:
 *
 * Returns: the toolchain whose commands the runbook shows: "cluster.exe",
 *   "powershell" or "pcs" (by default the one that fits the platform)
 */
const char *
baton_runbook_get_toolchain (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->toolchain;
}

void
baton_runbook_set_toolchain (BatonRunbook *self,
                             const char   *toolchain)
{
  g_return_if_fail (BATON_IS_RUNBOOK (self));

  if (toolchain == NULL)
    toolchain = default_toolchain (self->cluster);
  if (baton_set_str (&self->toolchain, toolchain))
    {
      build_phases (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLCHAIN]);
    }
}

const char *
baton_runbook_get_title (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->title;
}

const char *
baton_runbook_get_cluster_name (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return baton_cluster_get_name (self->cluster);
}

const char *
baton_runbook_get_platform (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return baton_platform_to_label (baton_cluster_get_platform (self->cluster));
}

const char *
baton_runbook_get_product (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return baton_profile_get_title (self->profile);
}

const char *
baton_runbook_get_from_versions (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->from_versions;
}

const char *
baton_runbook_get_target (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return baton_plan_get_target (self->plan);
}

char *
baton_runbook_format_date (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  /* ISO 8601: unambiguous in every locale a runbook may be read in. */
  return g_date_time_format (self->date, "%Y-%m-%d");
}

char *
baton_runbook_format_makespan (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return format_duration (baton_plan_get_makespan (self->plan));
}

/**
 * baton_runbook_get_prerequisites:
 *
 * Returns: (transfer none) (element-type BatonRunbookItem): the checklist
 */
GPtrArray *
baton_runbook_get_prerequisites (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->prerequisites;
}

GPtrArray *
baton_runbook_get_troubleshooting (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->troubleshooting;
}

GPtrArray *
baton_runbook_get_warnings (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->warnings;
}

GPtrArray *
baton_runbook_get_downtime (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->downtime;
}

/**
 * baton_runbook_get_before:
 *
 * Returns: (transfer none) (element-type BatonRunbookMachine): the nodes,
 *   then the servers, as the cluster is before the plan
 */
GPtrArray *
baton_runbook_get_before (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->before;
}

GPtrArray *
baton_runbook_get_after (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->after;
}

/**
 * baton_runbook_get_phases:
 *
 * Returns: (transfer none) (element-type BatonRunbookPhase): the steps by
 *   phase, in the plan's order
 */
GPtrArray *
baton_runbook_get_phases (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), NULL);

  return self->phases;
}

guint
baton_runbook_get_n_steps (BatonRunbook *self)
{
  g_return_val_if_fail (BATON_IS_RUNBOOK (self), 0);

  return baton_plan_get_n_steps (self->plan);
}
