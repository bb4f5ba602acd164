package io.hubload.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one way the suite's own pages (hub.html, trend.html) plot numbers: uPlot (MIT, inlined from
 * its webjar, so a page needs no network), with real axes, ticks, units and a legend that shows
 * the values under the cursor. Every chart's numbers are also a table on the page, open where
 * scripts are blocked (Jenkins' HTML Publisher blocks them by default) and folded away by the
 * script where they run.
 *
 * <p>On a time axis a missing value is a gap in the line; on a run axis (trend.html) a line joins
 * its own runs across those of other lines, which are null in it.
 */
public final class Charts {

  /**
   * One chart.
   *
   * @param xs the x values: epoch ms on a time axis, or 1, 2, 3... for runs
   * @param xLabels what each x is called in the table and the legend (a time, a run)
   * @param timeAxis whether x is time (else the labels name the ticks)
   * @param stacked whether each series is drawn on top of the ones before it
   * @param pointsOnly series drawn as points without a line (e.g. regressions marked)
   * @param xName what x is, when it is neither time nor runs (e.g. "concurrent users"): x is then
   *     1, 2, 3... and each tick shows its label
   */
  public record Chart(
      String id,
      String title,
      String unit,
      List<Double> xs,
      List<String> xLabels,
      Map<String, List<Double>> series,
      boolean timeAxis,
      boolean stacked,
      Set<String> pointsOnly,
      String xName) {

    /** A chart over time or over runs. */
    public Chart(
        String id,
        String title,
        String unit,
        List<Double> xs,
        List<String> xLabels,
        Map<String, List<Double>> series,
        boolean timeAxis,
        boolean stacked,
        Set<String> pointsOnly) {
      this(id, title, unit, xs, xLabels, series, timeAxis, stacked, pointsOnly, null);
    }
  }

  /** A time of day as the pages show it: UTC, to the second. */
  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Charts() {}

  /** A chart on a run's time axis: x in epoch ms, each labelled with its time of day. */
  static Chart onClock(String id, String title, String unit, List<Long> epochMs, Map<String, List<Double>> series, boolean stacked) {
    return new Chart(
        id,
        title,
        unit,
        epochMs.stream().map(Long::doubleValue).toList(),
        epochMs.stream().map(t -> CLOCK.format(Instant.ofEpochMilli(t))).toList(),
        series,
        true,
        stacked,
        Set.of());
  }

  /**
   * A whole page.
   *
   * @param intro HTML shown above the charts, already escaped
   * @param range the x range every chart shares (the run's time), or null for each its own
   */
  public static String page(String title, String intro, List<Chart> charts, double[] range) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(resource(UPLOT + "uPlot.min.css"))
        .append("\nbody{font-family:sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}")
        .append("table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("th{background:#f4f4f4}details{margin:.3em 0 1em}.chart{min-height:10px}.note{color:#555;font-size:.9em}.alert{background:#fff3e0;border-left:4px solid #e65100;padding:.4em .6em}\n")
        .append("</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n")
        .append(intro)
        .append("<p class=\"note\">Hover a chart for its values. Each chart's numbers are in the table below it; the charts need scripts.</p>\n");
    for (Chart chart : charts) {
      html.append("<h2>").append(escape(chart.title())).append(" (").append(escape(chart.unit())).append(")</h2>\n");
      html.append("<div class=\"chart\" id=\"").append(chart.id()).append("\"></div>\n");
      // Open, so that the numbers show where scripts are blocked; the script folds them away.
      html.append("<details open><summary>numbers</summary>\n").append(table(chart)).append("</details>\n");
    }
    html.append("<script>\n").append(resource(UPLOT + "uPlot.iife.min.js")).append("\n</script>\n<script>\n");
    html.append("const charts = ").append(json(charts)).append(";\n");
    html.append("const range = ").append(range == null ? "null" : "[" + range[0] + ", " + range[1] + "]").append(";\n");
    html.append(DRAW);
    html.append("</script>\n</body></html>\n");
    return html.toString();
  }

  private static final String DRAW =
      """
      const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#17becf'];
      for (const c of charts) {
        const el = document.getElementById(c.id);
        const names = Object.keys(c.series);
        const xs = c.timeAxis ? c.xs.map(t => t / 1000) : c.xs;
        const data = [xs];
        let acc = xs.map(() => 0);
        for (const n of names) {
          const v = c.series[n];
          if (c.stacked) { acc = acc.map((a, i) => a + (v[i] == null ? 0 : v[i])); data.push(acc.slice()); }
          else data.push(v);
        }
        const label = (u, x) => { const i = xs.indexOf(x); return i < 0 ? '' : c.xLabels[i]; };
        const series = [{ label: c.timeAxis ? 'time (UTC)' : (c.xName || 'run'), value: (u, x) => x == null ? '-' : label(u, x) }];
        let colour = 0;
        for (const n of names) {
          const marks = c.pointsOnly.includes(n);
          const stroke = marks ? '#d62728' : colors[colour++ % colors.length];
          series.push({
            label: n, stroke, width: marks ? 0 : 2, spanGaps: !c.timeAxis && !marks,
            fill: c.stacked ? stroke + '55' : undefined,
            points: { show: marks || xs.length < 60, size: marks ? 10 : 5, fill: marks ? stroke : undefined },
            value: (u, v, si, di) => { const raw = di == null ? null : c.series[n][di]; return raw == null ? '-' : (+raw).toFixed(1) + ' ' + c.unit; }
          });
        }
        const x = c.timeAxis
          ? { label: 'time (UTC)' }
          : { label: c.xName || 'run (hover for its start)', splits: () => xs.filter((r, i) => xs.length <= 20 || i % Math.ceil(xs.length / 20) == 0),
              values: (u, ticks) => ticks.map(t => c.xName ? label(u, t) : '#' + t) };
        const width = Math.min(1100, document.body.clientWidth - 20);
        new uPlot({
          width, height: 240, series,
          tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
          axes: [x, { label: c.unit, size: 60 }],
          scales: {
            x: c.timeAxis ? { time: true, range: range || undefined } : { time: false, range: [0.5, xs.length + 0.5] },
            y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] }
          }
        }, data, el);
      }
      document.querySelectorAll('details').forEach(d => d.open = false);
      """;

  private static String table(Chart chart) {
    String x = chart.timeAxis() ? "time (UTC)" : chart.xName() == null ? "run" : chart.xName();
    StringBuilder html = new StringBuilder("<table><tr><th>").append(escape(x)).append("</th>");
    chart.series().keySet().forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
    html.append("</tr>\n");
    for (int i = 0; i < chart.xs().size(); i++) {
      html.append("<tr><td>").append(escape(chart.xLabels().get(i))).append("</td>");
      for (List<Double> values : chart.series().values()) {
        Double value = values.get(i);
        html.append("<td>").append(value == null ? "-" : String.format(Locale.ROOT, "%.1f", value)).append("</td>");
      }
      html.append("</tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  private static String json(Object value) {
    try {
      // Inside a <script>: no "</" may close it early.
      return JSON.writeValueAsString(value).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = Charts.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath (the uplot webjar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** Text for HTML. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
