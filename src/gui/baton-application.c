/* baton-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `baton [CLUSTER.json…]`: one window per file, the demo cluster when none.
 * `--screenshot FILE.png` renders the first window to a PNG once its
 * cluster has loaded, then quits: for documentation and for looking at
 * the GUI under Xvfb.
 */

#define G_LOG_DOMAIN "baton-application"

#include "config.h"

#include <glib/gi18n.h>

#include "baton-application.h"
#include "baton-preferences-window.h"
#include "baton-resources.h"
#include "baton-window.h"

#define SCREENSHOT_SETTLE_MS 600

struct _BatonApplication
{
  AdwApplication  parent_instance;

  char           *screenshot_path;
  int             screenshot_status;
};

G_DEFINE_FINAL_TYPE (BatonApplication, baton_application, ADW_TYPE_APPLICATION)

/* --- screenshots ----------------------------------------------------------- */

static gboolean
take_screenshot_cb (gpointer user_data)
{
  BatonWindow *window = user_data;
  BatonApplication *self = BATON_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)));
  g_autoptr(GError) error = NULL;

  if (!baton_window_save_screenshot (window, self->screenshot_path, &error))
    {
      g_printerr ("baton: %s\n", error->message);
      self->screenshot_status = 1;
    }

  g_application_release (G_APPLICATION (self));
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

static void
window_loading_cb (BatonWindow *window)
{
  if (baton_window_get_loading (window))
    return;

  g_signal_handlers_disconnect_by_func (window, window_loading_cb, NULL);
  /* Let the window lay out and draw a few frames first. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, SCREENSHOT_SETTLE_MS, take_screenshot_cb,
                      g_object_ref (window), g_object_unref);
}

static void
screenshot_when_loaded (BatonApplication *self,
                        BatonWindow      *window)
{
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (window, "notify::loading", G_CALLBACK (window_loading_cb), NULL);
  window_loading_cb (window);
}

/* --- GApplication ------------------------------------------------------------ */

static BatonWindow *
new_window (BatonApplication *self)
{
  BatonWindow *window = baton_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
baton_application_activate (GApplication *app)
{
  BatonApplication *self = BATON_APPLICATION (app);
  BatonWindow *window = new_window (self);

  baton_window_open_demo (window);
  if (self->screenshot_path != NULL)
    screenshot_when_loaded (self, window);
  else
    baton_window_offer_resume (window);
}

static void
baton_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  BatonApplication *self = BATON_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      BatonWindow *window = new_window (self);

      baton_window_open (window, files[i]);
      if (i == 0 && self->screenshot_path != NULL)
        screenshot_when_loaded (self, window);
    }
}

static int
baton_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  BatonApplication *self = BATON_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("baton %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path))
    {
      /* A screenshot run is its own process, never handed to a running Baton. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { _("The Baton developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Baton"),
                         "application-icon", APP_ID,
                         "comments", _("Plan, rehearse, run and document rolling upgrades of "
                                       "failover clusters"),
                         "developer-name", _("The Baton developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Baton developers",
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  gtk_window_present (GTK_WINDOW (baton_preferences_window_new (gtk_application_get_active_window (app))));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
baton_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (baton_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static void
baton_application_finalize (GObject *object)
{
  BatonApplication *self = (BatonApplication *) object;

  g_clear_pointer (&self->screenshot_path, g_free);

  G_OBJECT_CLASS (baton_application_parent_class)->finalize (object);
}

static void
baton_application_class_init (BatonApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = baton_application_finalize;
  app_class->activate = baton_application_activate;
  app_class->open = baton_application_open;
  app_class->startup = baton_application_startup;
  app_class->handle_local_options = baton_application_handle_local_options;
}

static void
baton_application_init (BatonApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Render the first window to a PNG file once its cluster has loaded, then quit"),
      N_("FILE.png") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                      _("[CLUSTER.json…]"));
}

BatonApplication *
baton_application_new (void)
{
  baton_register_resource ();

  return g_object_new (BATON_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/baton/Baton",
                       NULL);
}

/**
 * baton_application_get_exit_status:
 *
 * Returns: 1 when a --screenshot could not be written, else 0
 */
int
baton_application_get_exit_status (BatonApplication *self)
{
  return self->screenshot_status;
}
