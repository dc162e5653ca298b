/* baton-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "baton-enums.h"
#include "baton-step.h"
#include "baton-version.h"

G_BEGIN_DECLS

#define BATON_PROFILE_FORMAT "baton-profile/1"
#define BATON_TYPE_PROFILE (baton_profile_get_type ())
#define BATON_PROFILE_ERROR (baton_profile_error_quark ())

typedef enum
{
  BATON_PROFILE_ERROR_INVALID,     /* a profile file that breaks baton-profile/1 */
  BATON_PROFILE_ERROR_NOT_FOUND,   /* no profile with that id */
  BATON_PROFILE_ERROR_REFUSED,     /* the source forbids the requested upgrade */
} BatonProfileError;

/* A step template: what a strategy asks for by key ("pause-node"). */
typedef struct
{
  BatonAction  action;
  const char  *summary;     /* "Pause {node}" */
  const char  *source;      /* "000" */
  const char  *citation;    /* "Q174799, step 3" */
  const char  *impact;      /* nullable */
  const char  *phase;       /* nullable: the strategy decides */
  gboolean     manual;
  JsonObject  *commands;    /* toolchain -> template, nullable */
} BatonStepTemplate;

G_DECLARE_FINAL_TYPE (BatonProfile, baton_profile, BATON, PROFILE, GObject)

GQuark                   baton_profile_error_quark        (void);
BatonProfile            *baton_profile_new_from_data      (const char     *data,
                                                           gssize          length,
                                                           const char     *display_name,
                                                           GError        **error);
const char              *baton_profile_get_id             (BatonProfile   *self);
const char              *baton_profile_get_title          (BatonProfile   *self);
const char              *baton_profile_get_family         (BatonProfile   *self);
const char              *baton_profile_get_strategy       (BatonProfile   *self);
const char              *baton_profile_get_origin         (BatonProfile   *self);
gboolean                 baton_profile_supports_platform  (BatonProfile   *self,
                                                           BatonPlatform   platform);
const char * const      *baton_profile_get_targets        (BatonProfile   *self);
gboolean                 baton_profile_check_target       (BatonProfile   *self,
                                                           BatonVersion   *target,
                                                           GError        **error);
const char              *baton_profile_get_source_title   (BatonProfile   *self,
                                                           const char     *source);
const char              *baton_profile_get_option         (BatonProfile   *self,
                                                           const char     *key);
guint                    baton_profile_get_duration       (BatonProfile   *self,
                                                           const char     *key,
                                                           BatonAction     action);
const BatonStepTemplate *baton_profile_lookup_template    (BatonProfile   *self,
                                                           const char     *key);
JsonNode                *baton_profile_get_data           (BatonProfile   *self,
                                                           const char     *member);

G_END_DECLS
