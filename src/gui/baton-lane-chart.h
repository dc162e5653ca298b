/* baton-lane-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  BATON_LANE_RUNNING,
  BATON_LANE_DONE,
  BATON_LANE_FAILED,
  BATON_LANE_SKIPPED,
} BatonLaneStatus;

#define BATON_TYPE_LANE_CHART (baton_lane_chart_get_type ())

G_DECLARE_FINAL_TYPE (BatonLaneChart, baton_lane_chart, BATON, LANE_CHART, GtkWidget)

GtkWidget *baton_lane_chart_new       (void);
void       baton_lane_chart_set_lanes (BatonLaneChart     *self,
                                       const char * const *lanes);
void       baton_lane_chart_set_bar   (BatonLaneChart     *self,
                                       guint               step,
                                       const char         *lane,
                                       guint64             start_ms,
                                       guint64             end_ms,
                                       BatonLaneStatus     status);
void       baton_lane_chart_set_now   (BatonLaneChart     *self,
                                       guint64             now_ms);
guint      baton_lane_chart_get_n_bars (BatonLaneChart    *self);

G_END_DECLS
