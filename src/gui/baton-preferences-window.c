/* baton-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences, bound to GSettings (io.github.baton.Baton): the simulator's
 * speed and the runbooks' paper size.
 */

#define G_LOG_DOMAIN "baton-preferences"

#include "config.h"

#include "baton-preferences-window.h"

struct _BatonPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkSpinButton        *speed_spin;
  AdwComboRow          *paper_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (BatonPreferencesWindow, baton_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const papers[] = { "a4", "letter" };

static gboolean
paper_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *paper = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_str_equal (paper, papers[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
paper_set_mapping (const GValue       *value,
                   const GVariantType *type,
                   gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (papers[i < G_N_ELEMENTS (papers) ? i : 0]);
}

static void
baton_preferences_window_dispose (GObject *object)
{
  BatonPreferencesWindow *self = (BatonPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BATON_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (baton_preferences_window_parent_class)->dispose (object);
}

static void
baton_preferences_window_class_init (BatonPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = baton_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/baton/Baton/baton-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BatonPreferencesWindow, speed_spin);
  gtk_widget_class_bind_template_child (widget_class, BatonPreferencesWindow, paper_row);
}

static void
baton_preferences_window_init (BatonPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "simulator-speed", self->speed_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "runbook-paper", self->paper_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, paper_get_mapping, paper_set_mapping,
                                NULL, NULL);
}

GtkWidget *
baton_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (BATON_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
}
