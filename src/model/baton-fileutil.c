/* baton-fileutil.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "baton-model"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "baton-fileutil.h"

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s: %s"), path, what, g_strerror (saved_errno));
  return FALSE;
}

/**
 * baton_write_file_atomic:
 * @path: the file to write
 * @data: the new contents
 * @length: the length of @data
 * @error: return location for a #GError
 *
 * Writes @data to a new temporary file beside @path, flushes it to disk,
 * renames it over @path and flushes the directory, so that at any moment
 * @path holds either its old or its new contents in full.  An existing
 * file keeps its permissions; a symbolic link keeps pointing to its target,
 * which is replaced.
 */
gboolean
baton_write_file_atomic (const char  *path,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *real = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  struct stat st;
  gsize done = 0;
  int fd, dirfd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  /* Replace a link's target, not the link. */
  real = realpath (path, NULL);
  if (real == NULL)
    real = g_strdup (path);

  dir = g_path_get_dirname (real);
  base = g_path_get_basename (real);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, path, _("cannot create a temporary file"));

  if (stat (real, &st) == 0)
    (void) fchmod (fd, st.st_mode & 07777);

  while (done < length)
    {
      gssize n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          close (fd);
          g_unlink (tmp);
          return set_errno_error (error, saved_errno, path, _("cannot write"));
        }
      done += n;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;
      close (fd);
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path, _("cannot flush to disk"));
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path, _("cannot close"));
    }

  if (g_rename (tmp, real) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      return set_errno_error (error, saved_errno, path, _("cannot replace the file"));
    }

  /* Make the rename itself durable. */
  dirfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd >= 0)
    {
      (void) fsync (dirfd);
      close (dirfd);
    }

  return TRUE;
}
