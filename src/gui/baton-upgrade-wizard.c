/* baton-upgrade-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The upgrade wizard: product (only those that fit the cluster's platform
 * and software), target version (from the profile), options (method,
 * nodes at once, failback, update command), the checks (the planner's
 * refusal with its citation, or the plan's warnings and the verifier's
 * findings, and the prerequisites), and the plan itself with its
 * estimate.  From there: rehearse, run, play the failover order, print
 * or export.  The wizard plans with the library; what happens next is
 * the window's (signals "rehearse", "run" and "demo").
 */

#define G_LOG_DOMAIN "baton-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "baton-catalog.h"
#include "baton-planner.h"
#include "baton-runbook-print.h"
#include "baton-upgrade-wizard.h"

static const char * const pages[] = { "product", "target", "options", "checks", "review", NULL };

struct _BatonUpgradeWizard
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkButton       *back_button;
  GtkButton       *next_button;
  GtkStack        *stack;
  GtkListBox      *product_list;
  AdwComboRow     *target_row;
  AdwActionRow    *current_row;
  AdwComboRow     *method_row;
  AdwActionRow    *parallel_row;
  GtkSpinButton   *parallel_spin;
  AdwComboRow     *failback_row;
  AdwEntryRow     *command_row;
  GtkListBox      *verdict_list;
  GtkListBox      *prerequisite_list;
  GtkLabel        *review_label;
  GtkListView     *steps_view;

  BatonCluster    *cluster;
  BatonCatalog    *catalog;
  BatonProfile    *profile;      /* the chosen product */
  BatonPlan       *plan;         /* NULL until planned, or when refused */
  char            *refusal;
  GPtrArray       *options;      /* "KEY=VALUE" the plan was made with */
  guint            page;
};

G_DEFINE_FINAL_TYPE (BatonUpgradeWizard, baton_upgrade_wizard, ADW_TYPE_WINDOW)

enum {
  REHEARSE,
  RUN,
  DEMO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers ------------------------------------------------------------------- */

static gboolean
cluster_has_family (BatonCluster *cluster,
                    const char   *family)
{
  GListModel *lists[] = { baton_cluster_get_nodes (cluster), baton_cluster_get_servers (cluster) };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      {
        g_autoptr(BatonMachine) machine = g_list_model_get_item (lists[l], i);

        if (baton_machine_get_version (machine, family) != NULL)
          return TRUE;
      }
  return FALSE;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *icon,
          const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  return row;
}

static char *
format_duration (guint seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%u s"), seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%u min"), (seconds + 30) / 60);
  return g_strdup_printf (_("%u h %02u min"), seconds / 3600, (seconds % 3600) / 60);
}

/* --- pages --------------------------------------------------------------------- */

static void
product_toggled_cb (GtkCheckButton     *button,
                    BatonUpgradeWizard *self)
{
  if (!gtk_check_button_get_active (button))
    return;
  g_set_object (&self->profile, g_object_get_data (G_OBJECT (button), "profile"));
  g_clear_object (&self->plan);
}

static void
fill_products (BatonUpgradeWizard *self)
{
  GListModel *profiles = baton_catalog_get_profiles (self->catalog);
  GtkCheckButton *first = NULL;

  clear_list (self->product_list);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(BatonProfile) profile = g_list_model_get_item (profiles, i);
      GtkWidget *row, *check;

      if (!baton_profile_supports_platform (profile, baton_cluster_get_platform (self->cluster)) ||
          !cluster_has_family (self->cluster, baton_profile_get_family (profile)))
        continue;

      row = text_row (NULL, baton_profile_get_title (profile), baton_profile_get_id (profile));
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (first != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      else
        first = GTK_CHECK_BUTTON (check);
      g_object_set_data_full (G_OBJECT (check), "profile", g_object_ref (profile), g_object_unref);
      g_signal_connect (check, "toggled", G_CALLBACK (product_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->product_list, row);
    }

  if (first != NULL)
    gtk_check_button_set_active (first, TRUE);
  else
    gtk_list_box_append (self->product_list,
                         text_row ("dialog-information-symbolic",
                                   _("No procedure fits this cluster"),
                                   _("None of the product profiles supports its platform with "
                                     "the software its nodes run.")));
}

static void
fill_target (BatonUpgradeWizard *self)
{
  const char * const *targets = baton_profile_get_targets (self->profile);
  const char *family = baton_profile_get_family (self->profile);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GListModel *nodes = baton_cluster_get_nodes (self->cluster);

  for (guint i = 0; targets && targets[i]; i++)
    gtk_string_list_append (list, targets[i]);
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (list));
  /* The newest target by default: profiles list them oldest first. */
  if (targets && targets[0])
    adw_combo_row_set_selected (self->target_row, g_strv_length ((char **) targets) - 1);

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(BatonNode) node = g_list_model_get_item (nodes, i);
      BatonVersion *version = baton_machine_get_version (BATON_MACHINE (node), family);
      const char *text = version ? baton_version_to_string (version) : NULL;

      if (text && !g_ptr_array_find_with_equal_func (seen, text, g_str_equal, NULL))
        g_ptr_array_add (seen, (gpointer) text);
    }
  g_ptr_array_add (seen, NULL);
  {
    g_autofree char *now = g_strjoinv (_(", "), (char **) seen->pdata);
    adw_action_row_set_subtitle (self->current_row, *now ? now : _("not installed"));
  }
}

static void
fill_options (BatonUpgradeWizard *self)
{
  const char *allow = baton_profile_get_option (self->profile, "allow_parallel");
  const char *command = baton_profile_get_option (self->profile, "update_command");

  gtk_widget_set_visible (GTK_WIDGET (self->method_row),
                          baton_profile_get_option (self->profile, "iis_method") != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->parallel_row), g_strcmp0 (allow, "true") == 0);
  gtk_spin_button_set_range (self->parallel_spin, 1,
                             MAX (1, g_list_model_get_n_items (baton_cluster_get_nodes (self->cluster))));
  gtk_editable_set_text (GTK_EDITABLE (self->command_row), command ? command : "");
}

static const char *
selected_target (BatonUpgradeWizard *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (self->target_row);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* Plans with the chosen options: a plan, or the refusal with its citation. */
static void
make_plan (BatonUpgradeWizard *self)
{
  static const char * const methods[] = { "auto", "rolling", "offline", "possible-owners" };
  static const char * const failbacks[] = { NULL, "end", "immediate" };
  g_autoptr(BatonPlanner) planner = baton_planner_new (self->cluster, self->profile);
  g_autoptr(GError) error = NULL;
  guint method = adw_combo_row_get_selected (self->method_row);
  guint failback = adw_combo_row_get_selected (self->failback_row);
  const char *command = gtk_editable_get_text (GTK_EDITABLE (self->command_row));
  g_autofree char *parallel = g_strdup_printf ("%d",
                                               gtk_spin_button_get_value_as_int (self->parallel_spin));

  g_clear_object (&self->plan);
  g_clear_pointer (&self->refusal, g_free);
  g_ptr_array_set_size (self->options, 0);

#define NOTE(key, value) g_ptr_array_add (self->options, g_strdup_printf ("%s=%s", key, value))
  if (gtk_widget_get_visible (GTK_WIDGET (self->method_row)) && method < G_N_ELEMENTS (methods))
    NOTE ("iis_method", methods[method]);
  if (gtk_widget_get_visible (GTK_WIDGET (self->parallel_row)))
    NOTE ("max_parallel", parallel);
  if (failback < G_N_ELEMENTS (failbacks) && failbacks[failback] != NULL)
    NOTE ("failback", failbacks[failback]);
  if (*command != '\0')
    NOTE ("update_command", command);
#undef NOTE

  if ((gtk_widget_get_visible (GTK_WIDGET (self->method_row)) && method < G_N_ELEMENTS (methods) &&
       !baton_planner_set_option (planner, "iis_method", methods[method], &error)) ||
      (gtk_widget_get_visible (GTK_WIDGET (self->parallel_row)) &&
       !baton_planner_set_option (planner, "max_parallel", parallel, &error)) ||
      (failback < G_N_ELEMENTS (failbacks) && failbacks[failback] != NULL &&
       !baton_planner_set_option (planner, "failback", failbacks[failback], &error)) ||
      (*command != '\0' && !baton_planner_set_option (planner, "update_command", command, &error)))
    {
      self->refusal = g_strdup (error->message);
      return;
    }

  if (!(self->plan = baton_planner_plan (planner, selected_target (self), &error)))
    self->refusal = g_strdup (error->message);
}

static void
fill_checks (BatonUpgradeWizard *self)
{
  JsonNode *node = baton_profile_get_data (self->profile, "prerequisites");

  clear_list (self->verdict_list);
  clear_list (self->prerequisite_list);

  if (self->plan == NULL)
    gtk_list_box_append (self->verdict_list,
                         text_row ("dialog-error-symbolic", _("This upgrade is refused"),
                                   self->refusal));
  else
    {
      const char * const *warnings = baton_plan_get_warnings (self->plan);
      guint n_findings = baton_plan_get_n_findings (self->plan, FALSE);

      gtk_list_box_append (self->verdict_list,
                           text_row ("emblem-ok-symbolic", _("The procedure allows this upgrade"),
                                     NULL));
      for (guint i = 0; warnings && warnings[i]; i++)
        gtk_list_box_append (self->verdict_list,
                             text_row ("dialog-warning-symbolic", warnings[i], NULL));
      for (guint i = 0; i < n_findings; i++)
        {
          const char *invariant, *message;
          guint step;
          gboolean waived;
          g_autofree char *title = NULL;

          baton_plan_get_finding (self->plan, i, &step, &invariant, &message, &waived);
          if (waived)
            continue;
          title = g_strdup_printf (_("Step %u breaks “%s”"), step, invariant);
          gtk_list_box_append (self->verdict_list,
                               text_row ("dialog-error-symbolic", title, message));
        }
    }

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          const char *source = json_object_get_string_member_with_default (object, "source", NULL);
          const char *title = source ? baton_profile_get_source_title (self->profile, source) : NULL;

          gtk_list_box_append (self->prerequisite_list,
                               text_row ("object-select-symbolic",
                                         json_object_get_string_member_with_default (object, "text",
                                                                                     ""),
                                         title));
        }
    }
}

static void
setup_step_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_step_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  BatonStep *step = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *duration = format_duration (baton_step_get_duration (step));
  g_autofree char *first = g_strdup_printf ("%u. %s", baton_step_get_id (step),
                                            baton_step_get_summary (step));
  g_autofree char *second =
    /* TRANSLATORS: phase · duration · source, citation */
    g_strdup_printf (_("%s · %s · %s, %s"),
                     baton_step_get_phase (step) ? baton_step_get_phase (step) : "",
                     duration,
                     baton_step_get_source (step) ? baton_step_get_source (step) : "",
                     baton_step_get_citation (step) ? baton_step_get_citation (step) : "");

  gtk_label_set_label (GTK_LABEL (title), first);
  gtk_label_set_label (GTK_LABEL (subtitle), second);
}

static void
fill_review (BatonUpgradeWizard *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) groups = NULL;
  g_autofree char *makespan = NULL;

  if (self->plan == NULL)
    return;

  makespan = format_duration (baton_plan_get_makespan (self->plan));
  g_string_append_printf (text,
                          ngettext ("%u step, about %s. ", "%u steps, about %s. ",
                                    baton_plan_get_n_steps (self->plan)),
                          baton_plan_get_n_steps (self->plan), makespan);

  groups = baton_plan_dup_estimated_groups (self->plan);
  for (guint i = 0; groups && groups[i]; i++)
    {
      g_autofree char *down = format_duration (baton_plan_get_downtime (self->plan, groups[i]));

      /* TRANSLATORS: a group, its number of moves and its time without service */
      g_string_append_printf (text, _("%s: %u moves, %s without service. "), groups[i],
                              baton_plan_get_moves (self->plan, groups[i]), down);
    }
  if (baton_plan_get_n_findings (self->plan, FALSE) > 0)
    g_string_append (text, _("The verifier found problems: see the checks."));
  else
    g_string_append (text, _("The verifier found no broken invariant."));

  gtk_label_set_label (self->review_label, text->str);
  gtk_list_view_set_model (self->steps_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->plan)))));
}

static void
show_page (BatonUpgradeWizard *self,
           guint               page)
{
  g_autofree char *subtitle = NULL;
  gboolean can_next;

  self->page = page;
  gtk_stack_set_visible_child_name (self->stack, pages[page]);
  subtitle = g_strdup_printf (_("Step %u of %u"), page + 1, (guint) G_N_ELEMENTS (pages) - 1);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  can_next = page + 1 < G_N_ELEMENTS (pages) - 1 && self->profile != NULL &&
             (page != 3 || self->plan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), page + 2 < G_N_ELEMENTS (pages));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", page > 0);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);

  switch (self->page)
    {
    case 0:
      fill_target (self);
      break;
    case 1:
      fill_options (self);
      break;
    case 2:
      make_plan (self);
      fill_checks (self);
      break;
    case 3:
      fill_review (self);
      break;
    default:
      return;
    }
  show_page (self, self->page + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);

  if (self->page > 0)
    show_page (self, self->page - 1);
}

/* --- what to do with the plan ---------------------------------------------------- */

static void
rehearse_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);

  if (self->plan == NULL)
    return;
  g_signal_emit (self, signals[REHEARSE], 0, self->plan, self->profile);
  gtk_window_close (GTK_WINDOW (self));
}

static void
run_response_cb (AdwMessageDialog   *dialog,
                 const char         *response,
                 BatonUpgradeWizard *self)
{
  if (g_strcmp0 (response, "run") != 0 || self->plan == NULL)
    return;
  g_signal_emit (self, signals[RUN], 0, self->plan, self->profile);
  gtk_window_close (GTK_WINDOW (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (self->plan == NULL)
    return;

  body = g_strdup_printf (ngettext ("The %u step of this plan will run through the connected "
                                    "backend, on “%s”.",
                                    "The %u steps of this plan will run through the connected "
                                    "backend, on “%s”.",
                                    baton_plan_get_n_steps (self->plan)),
                          baton_plan_get_n_steps (self->plan),
                          baton_cluster_get_name (self->cluster));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Run the Upgrade?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "run",
                                    _("_Run"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "run",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (run_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
demo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);

  if (self->plan == NULL)
    return;
  g_signal_emit (self, signals[DEMO], 0, self->plan);
  gtk_window_close (GTK_WINDOW (self));
}

static BatonRunbook *
new_runbook (BatonUpgradeWizard *self)
{
  return baton_runbook_new (self->cluster, self->profile, self->plan);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);
  g_autoptr(BatonRunbook) runbook = NULL;

  if (self->plan == NULL)
    return;
  runbook = new_runbook (self);
  baton_runbook_print (runbook, GTK_WINDOW (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BatonUpgradeWizard *self = BATON_UPGRADE_WIZARD (widget);
  g_autoptr(BatonRunbook) runbook = NULL;

  if (self->plan == NULL)
    return;
  runbook = new_runbook (self);
  baton_runbook_export (runbook, self->plan, self->cluster, GTK_WINDOW (self));
}

/* --- GObject ------------------------------------------------------------------- */

static void
baton_upgrade_wizard_dispose (GObject *object)
{
  BatonUpgradeWizard *self = (BatonUpgradeWizard *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_UPGRADE_WIZARD);
  g_clear_object (&self->cluster);
  g_clear_object (&self->catalog);
  g_clear_object (&self->profile);
  g_clear_object (&self->plan);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->options, g_ptr_array_unref);

  G_OBJECT_CLASS (baton_upgrade_wizard_parent_class)->dispose (object);
}

static void
baton_upgrade_wizard_class_init (BatonUpgradeWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baton_upgrade_wizard_dispose;

  signals[REHEARSE] = g_signal_new ("rehearse", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, BATON_TYPE_PLAN,
                                    BATON_TYPE_PROFILE);
  signals[RUN] = g_signal_new ("run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                               NULL, G_TYPE_NONE, 2, BATON_TYPE_PLAN, BATON_TYPE_PROFILE);
  signals[DEMO] = g_signal_new ("demo", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, BATON_TYPE_PLAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-upgrade-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, product_list);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, target_row);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, current_row);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, method_row);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, parallel_row);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, parallel_spin);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, failback_row);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, command_row);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, verdict_list);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, prerequisite_list);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, review_label);
  gtk_widget_class_bind_template_child (widget_class, BatonUpgradeWizard, steps_view);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.rehearse", NULL, rehearse_action);
  gtk_widget_class_install_action (widget_class, "wizard.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "wizard.demo", NULL, demo_action);
  gtk_widget_class_install_action (widget_class, "wizard.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "wizard.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
baton_upgrade_wizard_init (BatonUpgradeWizard *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->options = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_step_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_step_cb), NULL);
  gtk_list_view_set_factory (self->steps_view, factory);
  g_object_unref (factory);
}

/**
 * baton_upgrade_wizard_new:
 * @cluster: the cluster to plan for (as shown: the connected backend's)
 *
 * Returns: (transfer full): a wizard on its first page
 */
GtkWidget *
baton_upgrade_wizard_new (GtkWindow    *parent,
                          BatonCluster *cluster)
{
  BatonUpgradeWizard *self;
  g_autoptr(BatonCatalog) catalog = baton_catalog_new_default ();

  g_return_val_if_fail (BATON_IS_CLUSTER (cluster), NULL);

  self = g_object_new (BATON_TYPE_UPGRADE_WIZARD, "transient-for", parent, NULL);
  self->cluster = g_object_ref (cluster);
  self->catalog = g_steal_pointer (&catalog);
  fill_products (self);
  show_page (self, 0);
  return GTK_WIDGET (self);
}

/**
 * baton_upgrade_wizard_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan, once the checks page has made one
 */
BatonPlan *
baton_upgrade_wizard_get_plan (BatonUpgradeWizard *self)
{
  g_return_val_if_fail (BATON_IS_UPGRADE_WIZARD (self), NULL);

  return self->plan;
}

/**
 * baton_upgrade_wizard_select_product:
 *
 * Chooses @product_id as the keyboard or mouse would (for tests and
 * automation); returns whether the cluster offers it.
 */
gboolean
baton_upgrade_wizard_select_product (BatonUpgradeWizard *self,
                                     const char         *product_id)
{
  g_return_val_if_fail (BATON_IS_UPGRADE_WIZARD (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->product_list)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = ADW_IS_ACTION_ROW (row)
                           ? adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) : NULL;
      BatonProfile *profile = check ? g_object_get_data (G_OBJECT (check), "profile") : NULL;

      if (profile != NULL && g_str_equal (baton_profile_get_id (profile), product_id))
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * baton_upgrade_wizard_select_target:
 *
 * Returns: whether the profile offers @target
 */
gboolean
baton_upgrade_wizard_select_target (BatonUpgradeWizard *self,
                                    const char         *target)
{
  GListModel *model;

  g_return_val_if_fail (BATON_IS_UPGRADE_WIZARD (self), FALSE);

  model = adw_combo_row_get_model (self->target_row);
  for (guint i = 0; model && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), target))
        {
          adw_combo_row_set_selected (self->target_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

const char *
baton_upgrade_wizard_get_page (BatonUpgradeWizard *self)
{
  g_return_val_if_fail (BATON_IS_UPGRADE_WIZARD (self), NULL);

  return pages[self->page];
}

/**
 * baton_upgrade_wizard_get_refusal:
 *
 * Returns: (nullable): why the planner refused, citing the source
 */
const char *
baton_upgrade_wizard_get_refusal (BatonUpgradeWizard *self)
{
  g_return_val_if_fail (BATON_IS_UPGRADE_WIZARD (self), NULL);

  return self->refusal;
}

/**
 * baton_upgrade_wizard_get_options:
 *
 * Returns: (transfer none) (element-type utf8): the options ("KEY=VALUE")
 *   the plan was made with
 */
GPtrArray *
baton_upgrade_wizard_get_options (BatonUpgradeWizard *self)
{
  g_return_val_if_fail (BATON_IS_UPGRADE_WIZARD (self), NULL);

  return self->options;
}
