package io.hubload.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.hubload.report.Charts.Chart;

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

  private HubPage() {}

  /** The whole page. */
  public static String html(String title, String about, List<TimelineSample> samples, List<Spawn> spawns) {
    double[] range =
        samples.size() < 2
            ? null
            : new double[] {samples.get(0).at() / 1000.0, samples.get(samples.size() - 1).at() / 1000.0};
    return Charts.page(
        title,
        "<p>" + Charts.escape(about) + "</p>\n" + unanswered(samples) + "<p class=\"note\">Times are UTC.</p>\n",
        charts(samples, spawns),
        range);
  }

  /** When the hub did not answer, in words: the first thing to know about a run it went through. */
  static String unanswered(List<TimelineSample> samples) {
    StringBuilder html = new StringBuilder();
    for (Unanswered.Period period : Unanswered.of(samples)) {
      html.append("<p class=\"alert\"><strong>The hub did not answer</strong> from ")
          .append(Charts.CLOCK.format(Instant.ofEpochMilli(period.from())))
          .append(period.answeredAgain() ? " to " : " until the end of the run, ")
          .append(Charts.CLOCK.format(Instant.ofEpochMilli(period.to())))
          .append(" (")
          .append(period.seconds())
          .append(" s, to the precision of metrics.interval): GET /hub/api got no answer, or its proxy answered for it.</p>\n");
    }
    return html.toString();
  }

  static List<Chart> charts(List<TimelineSample> samples, List<Spawn> spawns) {
    List<Chart> charts = new ArrayList<>();
    List<Long> times = samples.stream().map(TimelineSample::at).toList();
    charts.add(
        Charts.onClock(
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
    long first = samples.isEmpty() ? 0 : samples.get(0).at();
    charts.add(spawnTimes(spawns, first, runMillis, false));
    if (spawns.stream().anyMatch(s -> !s.phases().isEmpty())) {
      charts.add(spawnTimes(spawns, first, runMillis, true));
    }
    if (samples.stream().anyMatch(s -> s.hub() != null)) {
      charts.add(Charts.onClock("cpu", "Hub process CPU", "%", times, series("hub CPU", hubValues(samples, "cpu")), false));
      charts.add(Charts.onClock("memory", "Hub process memory", "MiB", times, series("hub memory", hubValues(samples, "memory")), false));
      charts.add(
          Charts.onClock(
              "requests",
              "Requests the hub handled",
              "per second",
              times,
              series("requests per second", hubValues(samples, "rps")),
              false));
      charts.add(finished(samples, times));
      if (samples.stream().anyMatch(s -> s.hub() != null && s.hub().eventLoopMs() != null)) {
        charts.add(
            Charts.onClock(
                "event-loop",
                "The hub's event loop: how late each 50 ms tick was, mean and p99 over each interval (JupyterHub 5 and later)",
                "ms",
                times,
                series("mean delay", hubValues(samples, "loop"), "p99 delay", hubValues(samples, "loop-p99")),
                false));
      }
      charts.add(
          Charts.onClock(
              "latency",
              "The hub's request time, p95 over each interval (progress streams left out: they last as long as a spawn)",
              "ms",
              times,
              series("request p95", hubValues(samples, "p95")),
              false));
    }
    charts.add(
        Charts.onClock(
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
  private static Chart spawnTimes(List<Spawn> spawns, long firstSample, long runMillis, boolean byPhase) {
    long bucket = runMillis < 300_000 ? 10_000 : 60_000;
    TreeMap<Long, List<Spawn>> byMinute = new TreeMap<>();
    for (Spawn spawn : spawns) {
      if (spawn.readyAt() >= 0) {
        // Not before the run's first sample: the charts share the run's time axis.
        long at = Math.max(spawn.readyAt() / bucket * bucket, firstSample);
        byMinute.computeIfAbsent(at, m -> new ArrayList<>()).add(spawn);
      }
    }
    String per = bucket == 60_000 ? "per minute" : "per 10 s";
    List<Long> minutes = new ArrayList<>(byMinute.keySet());
    Map<String, List<Double>> series = new LinkedHashMap<>();
    if (byPhase) {
      for (String phase : PHASES) {
        List<Double> means = new ArrayList<>();
        for (List<Spawn> minute : byMinute.values()) {
          means.add(minute.stream().mapToLong(s -> s.phases().getOrDefault(phase, 0L)).average().orElse(0) / 1000);
        }
        series.put(phase.substring("spawn: ".length()) + " (mean)", means);
      }
      return Charts.onClock("phases", "Spawn to ready " + per + ", by phase (stacked means)", "s", minutes, series, true);
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
    return Charts.onClock("spawns", "Spawn to ready " + per, "s", minutes, series, false);
  }

  /** Spawns and stops the hub finished in each interval, by status, from its own metrics. */
  private static Chart finished(List<TimelineSample> samples, List<Long> times) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    for (String kind : List.of("spawn", "stop")) {
      java.util.TreeSet<String> statuses = new java.util.TreeSet<>();
      for (TimelineSample sample : samples) {
        Map<String, Long> counts = counts(sample, kind);
        if (counts != null) {
          statuses.addAll(counts.keySet());
        }
      }
      for (String status : statuses) {
        series.put(
            kind + " " + status,
            samples.stream()
                .map(sample -> {
                  Map<String, Long> counts = counts(sample, kind);
                  return counts == null ? null : (double) counts.getOrDefault(status, 0L);
                })
                .toList());
      }
    }
    if (series.isEmpty()) {
      series.put("spawns finished", samples.stream().map(s -> (Double) null).toList());
    }
    return Charts.onClock("finished", "Spawns and stops the hub finished, by status", "per interval", times, series, false);
  }

  private static Map<String, Long> counts(TimelineSample sample, String kind) {
    if (sample.hub() == null) {
      return null;
    }
    return kind.equals("spawn") ? sample.hub().spawnsByStatus() : sample.hub().stopsByStatus();
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
                case "loop" -> hub.eventLoopMs();
                case "loop-p99" -> hub.eventLoopP99Ms();
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

}
