/* baton-lane-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run's lanes: one per node and server, one bar per step from its
 * start to its end (or to now while it runs), coloured by how it went,
 * and a line at the backend's now.  Time runs left to right, scaled to
 * fit what has happened so far.
 */

#define G_LOG_DOMAIN "baton-run"

#include "config.h"

#include "baton-lane-chart.h"

#define LANE_HEIGHT 22
#define LABEL_WIDTH 150
#define BAR_INSET   4

typedef struct
{
  guint           step;
  guint           lane;
  guint64         start;
  guint64         end;        /* G_MAXUINT64 while it runs */
  BatonLaneStatus status;
} Bar;

struct _BatonLaneChart
{
  GtkWidget  parent_instance;

  GPtrArray *lanes;            /* char * */
  GArray    *bars;             /* Bar */
  GHashTable *bar_index;       /* step -> index + 1 */
  guint64    now;
};

G_DEFINE_FINAL_TYPE (BatonLaneChart, baton_lane_chart, GTK_TYPE_WIDGET)

static void
baton_lane_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  BatonLaneChart *self = BATON_LANE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = LABEL_WIDTH + 200;
  else
    *minimum = *natural = MAX (1, self->lanes->len) * LANE_HEIGHT + 4;
}

static void
status_color (BatonLaneStatus status,
              GdkRGBA        *color)
{
  switch (status)
    {
    case BATON_LANE_RUNNING:
      gdk_rgba_parse (color, "#3584e4");
      break;
    case BATON_LANE_DONE:
      gdk_rgba_parse (color, "#2ec27e");
      break;
    case BATON_LANE_FAILED:
      gdk_rgba_parse (color, "#e01b24");
      break;
    case BATON_LANE_SKIPPED:
    default:
      gdk_rgba_parse (color, "#9a9996");
      break;
    }
}

static void
baton_lane_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  BatonLaneChart *self = BATON_LANE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  double span_width = MAX (1, width - LABEL_WIDTH - 8);
  guint64 span = MAX (self->now, 1);
  GdkRGBA fg, line, now_color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg;
  line.alpha = 0.08;
  gdk_rgba_parse (&now_color, "#e01b24");

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      guint64 end = bar->end == G_MAXUINT64 ? self->now : bar->end;

      span = MAX (span, end);
    }

  for (guint l = 0; l < self->lanes->len; l++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget,
                                                                      g_ptr_array_index (self->lanes, l));
      int y = l * LANE_HEIGHT;

      if (l % 2 == 0)
        gtk_snapshot_append_color (snapshot, &line,
                                   &GRAPHENE_RECT_INIT (0, y, width, LANE_HEIGHT));
      pango_layout_set_width (layout, (LABEL_WIDTH - 8) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_MIDDLE);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (4, y + 3));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      guint64 end = bar->end == G_MAXUINT64 ? self->now : bar->end;
      double x0 = LABEL_WIDTH + span_width * bar->start / span;
      double x1 = LABEL_WIDTH + span_width * end / span;
      GdkRGBA color;
      GskRoundedRect rect;

      status_color (bar->status, &color);
      gsk_rounded_rect_init_from_rect (&rect,
                                       &GRAPHENE_RECT_INIT (x0, bar->lane * LANE_HEIGHT + BAR_INSET,
                                                            MAX (3, x1 - x0),
                                                            LANE_HEIGHT - 2 * BAR_INSET), 3);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &color, &rect.bounds);
      gtk_snapshot_pop (snapshot);
    }

  /* The now line. */
  gtk_snapshot_append_color (snapshot, &now_color,
                             &GRAPHENE_RECT_INIT (LABEL_WIDTH + span_width * self->now / span - 1,
                                                  0, 2, self->lanes->len * LANE_HEIGHT));
}

static void
baton_lane_chart_finalize (GObject *object)
{
  BatonLaneChart *self = (BatonLaneChart *) object;

  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->bar_index, g_hash_table_unref);

  G_OBJECT_CLASS (baton_lane_chart_parent_class)->finalize (object);
}

static void
baton_lane_chart_class_init (BatonLaneChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = baton_lane_chart_finalize;
  widget_class->measure = baton_lane_chart_measure;
  widget_class->snapshot = baton_lane_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "lanechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
baton_lane_chart_init (BatonLaneChart *self)
{
  self->lanes = g_ptr_array_new_with_free_func (g_free);
  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  self->bar_index = g_hash_table_new (NULL, NULL);
}

GtkWidget *
baton_lane_chart_new (void)
{
  return g_object_new (BATON_TYPE_LANE_CHART, NULL);
}

void
baton_lane_chart_set_lanes (BatonLaneChart     *self,
                            const char * const *lanes)
{
  g_return_if_fail (BATON_IS_LANE_CHART (self));

  g_ptr_array_set_size (self->lanes, 0);
  g_array_set_size (self->bars, 0);
  g_hash_table_remove_all (self->bar_index);
  for (guint i = 0; lanes && lanes[i]; i++)
    g_ptr_array_add (self->lanes, g_strdup (lanes[i]));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * baton_lane_chart_set_bar:
 * @end_ms: G_MAXUINT64 while the step runs
 *
 * Adds or updates the bar of @step in @lane (a lane not yet known is added).
 */
void
baton_lane_chart_set_bar (BatonLaneChart  *self,
                          guint            step,
                          const char      *lane,
                          guint64          start_ms,
                          guint64          end_ms,
                          BatonLaneStatus  status)
{
  guint index = 0, position;
  Bar *bar;

  g_return_if_fail (BATON_IS_LANE_CHART (self));

  if (lane == NULL)
    lane = "";
  if (!g_ptr_array_find_with_equal_func (self->lanes, lane, g_str_equal, &index))
    {
      g_ptr_array_add (self->lanes, g_strdup (lane));
      index = self->lanes->len - 1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }

  position = GPOINTER_TO_UINT (g_hash_table_lookup (self->bar_index, GUINT_TO_POINTER (step)));
  if (position == 0)
    {
      Bar fresh = { step, index, start_ms, end_ms, status };

      g_array_append_val (self->bars, fresh);
      g_hash_table_insert (self->bar_index, GUINT_TO_POINTER (step),
                           GUINT_TO_POINTER (self->bars->len));
    }
  else
    {
      bar = &g_array_index (self->bars, Bar, position - 1);
      bar->lane = index;
      bar->end = end_ms;
      bar->status = status;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
baton_lane_chart_set_now (BatonLaneChart *self,
                          guint64         now_ms)
{
  g_return_if_fail (BATON_IS_LANE_CHART (self));

  self->now = now_ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
baton_lane_chart_get_n_bars (BatonLaneChart *self)
{
  g_return_val_if_fail (BATON_IS_LANE_CHART (self), 0);

  return self->bars->len;
}
