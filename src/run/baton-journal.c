/* baton-journal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The crash-safe record of a run: JSON lines, each written with a single
 * write(2) to a file opened for appending and flushed to disk (fsync)
 * before the runner goes on.  The first line identifies the cluster, the
 * product, the target, the backend and the plan (a SHA-256 of its
 * baton-plan/1 text); every later line is an event of a step ("step",
 * "event": started, finished, failed, skipped) or of the engine ("log").
 * A run killed mid-write leaves at most a torn last line, which opening
 * the journal cuts off; every complete line stays.
 */

#define G_LOG_DOMAIN "baton-run"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "baton-journal.h"

struct _BatonJournal
{
  GObject     parent_instance;

  char       *path;
  int         fd;
  JsonObject *header;
  GHashTable *finished;   /* step ids */
  GHashTable *failures;   /* step id -> GUINT count */
  GHashTable *started;    /* step ids */
  guint       n_events;
};

G_DEFINE_FINAL_TYPE (BatonJournal, baton_journal, G_TYPE_OBJECT)

static void
baton_journal_finalize (GObject *object)
{
  BatonJournal *self = (BatonJournal *) object;

  if (self->fd >= 0)
    close (self->fd);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->header, json_object_unref);
  g_clear_pointer (&self->finished, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->started, g_hash_table_unref);

  G_OBJECT_CLASS (baton_journal_parent_class)->finalize (object);
}

static void
baton_journal_class_init (BatonJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baton_journal_finalize;
}

static void
baton_journal_init (BatonJournal *self)
{
  self->fd = -1;
  self->finished = g_hash_table_new (NULL, NULL);
  self->failures = g_hash_table_new (NULL, NULL);
  self->started = g_hash_table_new (NULL, NULL);
}

static void
count_failure (BatonJournal *self,
               guint         step)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, GUINT_TO_POINTER (step)));

  g_hash_table_insert (self->failures, GUINT_TO_POINTER (step), GUINT_TO_POINTER (n + 1));
}

static gboolean
io_error (GError     **error,
          int          saved_errno,
          const char  *path,
          const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s: %s", path, what,
               g_strerror (saved_errno));
  return FALSE;
}

/* One line, one write, then fsync: the line is on disk before we go on. */
static gboolean
write_line (BatonJournal  *self,
            JsonNode      *node,
            GError       **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) line = g_string_new (NULL);
  gsize done = 0;

  json_generator_set_root (generator, node);
  json_generator_to_gstring (generator, line);
  g_string_append_c (line, '\n');

  while (done < line->len)
    {
      gssize n = write (self->fd, line->str + done, line->len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return io_error (error, errno, self->path, _("cannot write the journal"));
      done += n;
    }

  if (fsync (self->fd) != 0)
    return io_error (error, errno, self->path, _("cannot flush the journal to disk"));

  return TRUE;
}

/**
 * baton_plan_hash:
 *
 * Returns: (transfer full): the SHA-256 of the plan's baton-plan/1 text
 */
char *
baton_plan_hash (BatonPlan *plan)
{
  g_autofree char *json = baton_plan_to_json (plan, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
}

/**
 * baton_journal_create:
 * @backend: the backend's URI ("sim:")
 * @context: (nullable): what it takes to run the same plan again (the
 *   cluster file, the options…), kept as "context"
 *
 * Starts a new journal; an existing file is never overwritten (it is the
 * record of another run).
 *
 * Returns: (transfer full) (nullable): the journal
 */
BatonJournal *
baton_journal_create (const char  *path,
                      BatonPlan   *plan,
                      const char  *backend,
                      JsonObject  *context,
                      GError     **error)
{
  g_autoptr(BatonJournal) self = g_object_new (BATON_TYPE_JOURNAL, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *hash = baton_plan_hash (plan);
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *dir = g_path_get_dirname (path);
  int dirfd;

  self->path = g_strdup (path);
  self->fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (self->fd < 0)
    {
      io_error (error, errno, path,
                errno == EEXIST ? _("a journal is already there (resume it, or choose another file)")
                                : _("cannot create the journal"));
      return NULL;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "journal");
  json_builder_add_string_value (b, BATON_JOURNAL_FORMAT);
  json_builder_set_member_name (b, "cluster");
  json_builder_add_string_value (b, baton_plan_get_cluster (plan));
  json_builder_set_member_name (b, "product");
  json_builder_add_string_value (b, baton_plan_get_product (plan));
  json_builder_set_member_name (b, "target");
  json_builder_add_string_value (b, baton_plan_get_target (plan));
  json_builder_set_member_name (b, "backend");
  json_builder_add_string_value (b, backend);
  json_builder_set_member_name (b, "plan_hash");
  json_builder_add_string_value (b, hash);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, created);
  if (context != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, context);
      json_builder_set_member_name (b, "context");
      json_builder_add_value (b, json_node_copy (node));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (!write_line (self, root, error))
    return NULL;

  /* The new file's name is durable too. */
  if ((dirfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0)
    {
      (void) fsync (dirfd);
      close (dirfd);
    }

  self->header = json_object_ref (json_node_get_object (root));
  return g_steal_pointer (&self);
}

/*
 * The two members resume needs, read straight from a line the journal
 * wrote: json-glib's compact output, where a quote inside a string is
 * always escaped, so "event":" and "step": only appear as members.  A
 * line that does not read this way is parsed in full.  @event points into
 * @line, at the value (ending at its closing quote).
 */
static gboolean
read_event_line (const char  *line,
                 guint       *step,
                 const char **event)
{
  gsize len = strlen (line);
  const char *found;

  if (len < 2 || line[0] != '{' || line[len - 1] != '}')
    return FALSE;

  if ((found = strstr (line, "\"event\":\"")) != NULL)
    {
      guint64 n = 0;
      const char *s = strstr (line, "\"step\":");

      *event = found + strlen ("\"event\":\"");
      if (s != NULL)
        {
          s += strlen ("\"step\":");
          while (g_ascii_isdigit (*s) && n <= G_MAXUINT)
            n = n * 10 + (guint64) (*s++ - '0');
        }
      *step = n > G_MAXUINT ? 0 : (guint) n;
      return TRUE;
    }

  /* Not as Baton writes it: the full parser decides. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;
    const char *value;

    if (!json_parser_load_from_data (parser, line, len, NULL) ||
        !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
      return FALSE;
    object = json_node_get_object (json_parser_get_root (parser));
    if (!(value = json_object_get_string_member_with_default (object, "event", NULL)))
      return FALSE;

    /* Point into the line at the value, as the fast path does. */
    found = strstr (line, value);
    *event = found ? found : "";
    *step = (guint) json_object_get_int_member_with_default (object, "step", 0);
    return found != NULL;
  }
}

/**
 * baton_journal_open:
 *
 * Reads a journal to go on with its run: which steps finished.  A torn
 * last line (a crash during a write) is cut off.
 *
 * Returns: (transfer full) (nullable): the journal, open for appending
 */
BatonJournal *
baton_journal_open (const char  *path,
                    GError     **error)
{
  g_autoptr(BatonJournal) self = g_object_new (BATON_TYPE_JOURNAL, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length, complete;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  /* Only whole lines count. */
  for (complete = length; complete > 0 && contents[complete - 1] != '\n'; complete--)
    ;
  contents[complete] = '\0';

  self->path = g_strdup (path);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      const char *event;
      guint step;

      if (i == 0)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *object;

          if (!json_parser_load_from_data (parser, lines[i], -1, NULL) ||
              !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
              g_strcmp0 (json_object_get_string_member_with_default (
                           (object = json_node_get_object (json_parser_get_root (parser))),
                           "journal", NULL), BATON_JOURNAL_FORMAT) != 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s: line 1: expected a %s header"), path, BATON_JOURNAL_FORMAT);
              return NULL;
            }
          self->header = json_object_ref (object);
          continue;
        }

      if (!read_event_line (lines[i], &step, &event))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s: line %u: expected an event (a JSON object with \"event\")"), path,
                       i + 1);
          return NULL;
        }

      self->n_events++;
      if (step == 0)
        continue;
      if (g_str_has_prefix (event, "started\""))
        g_hash_table_add (self->started, GUINT_TO_POINTER (step));
      else if (g_str_has_prefix (event, "finished\"") || g_str_has_prefix (event, "skipped\""))
        g_hash_table_add (self->finished, GUINT_TO_POINTER (step));
      else if (g_str_has_prefix (event, "failed\""))
        count_failure (self, step);
    }

  if (self->header == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: the journal is empty"), path);
      return NULL;
    }

  self->fd = g_open (path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      io_error (error, errno, path, _("cannot open the journal"));
      return NULL;
    }
  if (complete < length && ftruncate (self->fd, complete) != 0)
    {
      io_error (error, errno, path, _("cannot cut the torn last line"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * baton_journal_append:
 *
 * Records @event durably (it is on disk when this returns %TRUE).
 */
gboolean
baton_journal_append (BatonJournal  *self,
                      BatonEvent    *event,
                      GError       **error)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (BATON_TYPE_EVENT_KIND);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (BATON_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (BATON_IS_EVENT (event), FALSE);

  json_builder_begin_object (b);
  if (baton_event_get_step (event) != 0)
    {
      json_builder_set_member_name (b, "step");
      json_builder_add_int_value (b, baton_event_get_step (event));
    }
  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, g_enum_get_value (kinds, baton_event_get_kind (event))->value_nick);
  json_builder_set_member_name (b, "time_ms");
  json_builder_add_int_value (b, (gint64) baton_event_get_time (event));
  if (baton_event_get_action (event))
    {
      json_builder_set_member_name (b, "action");
      json_builder_add_string_value (b, baton_event_get_action (event));
    }
  if (baton_event_get_subject (event))
    {
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, baton_event_get_subject (event));
    }
  if (baton_event_get_group (event))
    {
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, baton_event_get_group (event));
    }
  if (baton_event_get_message (event))
    {
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, baton_event_get_message (event));
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  if (!write_line (self, root, error))
    return FALSE;

  self->n_events++;
  /* A step the administrator chose to skip is done with, as a finished one. */
  if (baton_event_get_kind (event) == BATON_EVENT_FINISHED ||
      baton_event_get_kind (event) == BATON_EVENT_SKIPPED)
    g_hash_table_add (self->finished, GUINT_TO_POINTER (baton_event_get_step (event)));
  if (baton_event_get_kind (event) == BATON_EVENT_FAILED)
    count_failure (self, baton_event_get_step (event));
  if (baton_event_get_kind (event) == BATON_EVENT_STARTED)
    g_hash_table_add (self->started, GUINT_TO_POINTER (baton_event_get_step (event)));
  return TRUE;
}

const char *
baton_journal_get_plan_hash (BatonJournal *self)
{
  return baton_journal_get_header (self, "plan_hash");
}

/**
 * baton_journal_get_header:
 * @key: "cluster", "product", "target", "backend", "plan_hash", "created"
 */
const char *
baton_journal_get_header (BatonJournal *self,
                          const char   *key)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), NULL);
  return json_object_get_string_member_with_default (self->header, key, NULL);
}

gboolean
baton_journal_is_finished (BatonJournal *self,
                           guint         step)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), FALSE);
  return g_hash_table_contains (self->finished, GUINT_TO_POINTER (step));
}

guint
baton_journal_get_n_events (BatonJournal *self)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), 0);
  return self->n_events;
}

/**
 * baton_journal_get_context:
 *
 * Returns: (transfer none) (nullable): the context given at creation
 */
JsonObject *
baton_journal_get_context (BatonJournal *self)
{
  JsonNode *node;

  g_return_val_if_fail (BATON_IS_JOURNAL (self), NULL);

  node = json_object_get_member (self->header, "context");
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * baton_journal_get_n_failures:
 *
 * Returns: how often step @step failed in the recorded run
 */
guint
baton_journal_get_n_failures (BatonJournal *self,
                              guint         step)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->failures, GUINT_TO_POINTER (step)));
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * baton_journal_replay_finished:
 *
 * Performs again, in plan order, the steps the journal records as
 * finished, for a backend that keeps no state between processes (the
 * simulator), so that it stands where the recorded run stopped.  Waits for
 * each step, iterating the thread-default main context.
 *
 * Returns: whether every finished step could be replayed
 */
gboolean
baton_journal_replay_finished (BatonJournal  *self,
                               BatonPlan     *plan,
                               BatonBackend  *backend,
                               GError       **error)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (BATON_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (BATON_IS_BACKEND (backend), FALSE);

  for (guint i = 0; i < baton_plan_get_n_steps (plan); i++)
    {
      BatonStep *step = baton_plan_get_step (plan, i);
      g_autoptr(GAsyncResult) result = NULL;

      if (!baton_journal_is_finished (self, baton_step_get_id (step)))
        continue;

      baton_backend_perform_async (backend, step, NULL, store_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
      if (!baton_backend_perform_finish (backend, result, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * baton_journal_is_started:
 *
 * Returns: whether step @step started in the recorded run (it may or may
 *   not have finished)
 */
gboolean
baton_journal_is_started (BatonJournal *self,
                          guint         step)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), FALSE);
  return g_hash_table_contains (self->started, GUINT_TO_POINTER (step));
}

/**
 * baton_journal_get_path:
 *
 * Returns: the journal's file
 */
const char *
baton_journal_get_path (BatonJournal *self)
{
  g_return_val_if_fail (BATON_IS_JOURNAL (self), NULL);
  return self->path;
}
