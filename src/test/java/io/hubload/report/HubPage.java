package io.hubload.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * reports/RUN/hub.html: the hub over the run, on the run's time axis, as one offline page. Charts
 * are drawn by uPlot (MIT, inlined from its webjar: no network); every chart's numbers are also a
 * table on the page, so that it stays readable where scripts are blocked (Jenkins' HTML Publisher
 * serves pages under a Content Security Policy that blocks them by default).
 */
public final class HubPage {

  /** A spawn as the page needs it: when it was asked for and ready, and its phases in ms. */
  public record Spawn(long requestedAt, long readyAt, Map<String, Long> phases) {}

  /** The phases, in the order they stack, as summary and report name them. */
  public static final List<String> PHASES =
      List.of(
          "spawn: waiting for a node",
          "spawn: volume",
          "spawn: image pull",
          "spawn: container start",
          "spawn: server start");

  private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private HubPage() {}

  /** A chart: its title, unit, and series (name, values at each time). */
  record Chart(String id, String title, String unit, List<Long> times, Map<String, List<Double>> series, boolean stacked) {}

  /** The whole page. */
  public static String html(String title, String about, List<TimelineSample> samples, List<Spawn> spawns) {
    List<Chart> charts = charts(samples, spawns);
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(resource(UPLOT + "uPlot.min.css"))
        .append("\nbody{font-family:sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}")
        .append("table{border-collapse:collapse;font-size:.85em;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}")
        .append("th{background:#f4f4f4}details{margin:.3em 0 1em}.chart{min-height:10px}.note{color:#555;font-size:.9em}\n")
        .append("</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<p>")
        .append(escape(about))
        .append("</p>\n<p class=\"note\">Times are UTC. Each chart's numbers are in the table below it; the charts need scripts.</p>\n");
    for (Chart chart : charts) {
      html.append("<h2>").append(escape(chart.title())).append(" (").append(escape(chart.unit())).append(")</h2>\n");
      html.append("<div class=\"chart\" id=\"").append(chart.id()).append("\"></div>\n");
      // Open, so that the numbers show where scripts are blocked; the script folds them away.
      html.append("<details open><summary>numbers</summary>\n").append(table(chart)).append("</details>\n");
    }
    html.append("<script>\n").append(resource(UPLOT + "uPlot.iife.min.js")).append("\n</script>\n<script>\n");
    html.append("const charts = ").append(json(charts)).append(";\n");
    long first = samples.isEmpty() ? 0 : samples.get(0).at();
    long last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).at();
    html.append("const run = [").append(first / 1000.0).append(", ").append(last / 1000.0).append("];\n");
    html.append(DRAW);
    html.append("</script>\n</body></html>\n");
    return html.toString();
  }

  /**
   * Draws every chart: time on x, the chart's unit on y, a legend with the values under the
   * cursor. A stacked chart draws each series on top of the ones before it.
   */
  private static final String DRAW =
      """
      const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
      for (const c of charts) {
        const el = document.getElementById(c.id);
        const names = Object.keys(c.series);
        const xs = c.times.map(t => t / 1000);
        let data = [xs];
        let acc = xs.map(() => 0);
        for (const n of names) {
          const v = c.series[n];
          if (c.stacked) { acc = acc.map((a, i) => a + (v[i] == null ? 0 : v[i])); data.push(acc.slice()); }
          else data.push(v);
        }
        const series = [{ label: 'time (UTC)', value: (u, v) => v == null ? '-' : new Date(v * 1000).toISOString().substring(11, 19) }];
        names.forEach((n, i) => series.push({
          label: n, stroke: colors[i % colors.length], width: 2, spanGaps: false,
          fill: c.stacked ? colors[i % colors.length] + '55' : undefined,
          points: { show: xs.length < 60 },
          value: (u, v, si, di) => { const raw = di == null ? null : c.series[n][di]; return raw == null ? '-' : (+raw).toFixed(1) + ' ' + c.unit; }
        }));
        const width = Math.min(1100, document.body.clientWidth - 20);
        new uPlot({
          width, height: 260, series, tzDate: ts => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
          axes: [{ label: 'time (UTC)' }, { label: c.unit, size: 60 }],
          scales: { x: { time: true, range: run[1] > run[0] ? run : undefined } }
        }, data, el);
      }
      document.querySelectorAll('details').forEach(d => d.open = false);
      """;

  static List<Chart> charts(List<TimelineSample> samples, List<Spawn> spawns) {
    List<Chart> charts = new ArrayList<>();
    List<Long> times = samples.stream().map(TimelineSample::at).toList();
    charts.add(
        new Chart(
            "load",
            "Virtual users, spawns pending, nodes seen",
            "count",
            times,
            series(
                "virtual users active", samples.stream().map(s -> (double) s.usersActive()).toList(),
                "spawns pending", samples.stream().map(s -> (double) s.spawnsPending()).toList(),
                "nodes seen", samples.stream().map(s -> (double) s.nodesSeen()).toList()),
            false));
    long runMillis = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).at() - samples.get(0).at();
    charts.add(spawnTimes(spawns, runMillis));
    if (samples.stream().anyMatch(s -> s.hub() != null)) {
      charts.add(new Chart("cpu", "Hub process CPU", "%", times, series("hub CPU", hubValues(samples, "cpu")), false));
      charts.add(new Chart("memory", "Hub process memory", "MiB", times, series("hub memory", hubValues(samples, "memory")), false));
      charts.add(
          new Chart(
              "requests",
              "Requests the hub handled",
              "per second",
              times,
              series("requests per second", hubValues(samples, "rps")),
              false));
      charts.add(
          new Chart(
              "latency",
              "The hub's request time, p95 over each interval (progress streams left out: they last as long as a spawn)",
              "ms",
              times,
              series("request p95", hubValues(samples, "p95")),
              false));
    }
    charts.add(
        new Chart(
            "heartbeat",
            "Hub responsiveness: GET /hub/api",
            "ms",
            times,
            series(
                "heartbeat latency",
                samples.stream().map(s -> s.heartbeatMs() == null ? null : (double) s.heartbeatMs()).toList()),
            false));
    return charts;
  }

  /**
   * Spawn to ready per minute (by the minute a spawn ended ready; per 10 s for a run shorter than 5
   * minutes): p50 and p95, or, where phases exist, the mean of each phase stacked.
   */
  private static Chart spawnTimes(List<Spawn> spawns, long runMillis) {
    long bucket = runMillis < 300_000 ? 10_000 : 60_000;
    TreeMap<Long, List<Spawn>> byMinute = new TreeMap<>();
    for (Spawn spawn : spawns) {
      if (spawn.readyAt() >= 0) {
        byMinute.computeIfAbsent(spawn.readyAt() / bucket * bucket, m -> new ArrayList<>()).add(spawn);
      }
    }
    String per = bucket == 60_000 ? "per minute" : "per 10 s";
    List<Long> minutes = new ArrayList<>(byMinute.keySet());
    Map<String, List<Double>> series = new LinkedHashMap<>();
    boolean phases = spawns.stream().anyMatch(s -> !s.phases().isEmpty());
    if (phases) {
      for (String phase : PHASES) {
        List<Double> means = new ArrayList<>();
        for (List<Spawn> minute : byMinute.values()) {
          means.add(minute.stream().mapToLong(s -> s.phases().getOrDefault(phase, 0L)).average().orElse(0) / 1000);
        }
        series.put(phase.substring("spawn: ".length()) + " (mean)", means);
      }
      return new Chart("spawns", "Spawn to ready " + per + ", by phase (stacked means)", "s", minutes, series, true);
    }
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    for (List<Spawn> minute : byMinute.values()) {
      List<Long> waits = minute.stream().map(s -> s.readyAt() - s.requestedAt()).sorted().toList();
      p50.add(percentile(waits, 0.50) / 1000.0);
      p95.add(percentile(waits, 0.95) / 1000.0);
    }
    series.put("spawn to ready p50", p50);
    series.put("spawn to ready p95", p95);
    return new Chart("spawns", "Spawn to ready " + per, "s", minutes, series, false);
  }

  private static long percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static List<Double> hubValues(List<TimelineSample> samples, String which) {
    return samples.stream()
        .map(
            s -> {
              TimelineSample.Hub hub = s.hub();
              if (hub == null) {
                return null;
              }
              return switch (which) {
                case "cpu" -> hub.cpuPercent();
                case "memory" -> hub.memoryMb();
                case "rps" -> hub.requestsPerSecond();
                default -> hub.requestP95Ms();
              };
            })
        .toList();
  }

  private static Map<String, List<Double>> series(Object... nameValues) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<Double> values = (List<Double>) nameValues[i + 1];
      series.put((String) nameValues[i], values);
    }
    return series;
  }

  private static String table(Chart chart) {
    StringBuilder html = new StringBuilder("<table><tr><th>time (UTC)</th>");
    chart.series().keySet().forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
    html.append("</tr>\n");
    for (int i = 0; i < chart.times().size(); i++) {
      html.append("<tr><td>").append(CLOCK.format(Instant.ofEpochMilli(chart.times().get(i)))).append("</td>");
      for (List<Double> values : chart.series().values()) {
        Double value = values.get(i);
        html.append("<td>").append(value == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", value)).append("</td>");
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
    try (InputStream in = HubPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath (the uplot webjar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
