package io.hubload.run;

import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.journey.SpawnLog;
import io.hubload.journey.UserNames;
import io.hubload.report.Histograms;
import io.hubload.report.PrometheusText;
import io.hubload.report.TimelineSample;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The hub over the run: every metrics.interval, from the first user to the last, a sample of
 *
 * <ul>
 *   <li>the latency of {@code GET /hub/api}, on any hub, no token needed: the hub's responsiveness
 *       as its users feel it;
 *   <li>with a token that may read them, the hub's metrics ({@code /hub/metrics}): running
 *       servers, active users, requests per second and their p95 over the interval, the hub
 *       process's CPU and memory, its event loop's interval (JupyterHub 5);
 *   <li>from the run itself: virtual users under way, spawns pending, nodes seen so far.
 * </ul>
 *
 * A sampler thread of its own, never a virtual user's: a slow hub delays the samples, not the
 * load.
 */
public final class HubTimeline {

  // The metrics' names, as the probe of the whole run reads them.
  private static final String REQUESTS = HubMetricsProbe.REQUESTS;
  private static final String SPAWNS = HubMetricsProbe.SPAWN;
  private static final String STOPS = HubMetricsProbe.STOP;
  private static final String EVENT_LOOP = HubMetricsProbe.EVENT_LOOP;

  private final HubClient anonymous;
  private final HubClient metrics;
  private final List<TimelineSample> samples = new ArrayList<>();
  private final ScheduledExecutorService sampler;
  private List<PrometheusText.Sample> previous;
  private long previousAt;

  private HubTimeline(HubUnderTest hub, Duration timeout) {
    this.anonymous = HubClient.anonymous(hub.url(), timeout);
    this.metrics = hub.adminToken().map(token -> HubClient.withToken(hub.url(), token, timeout)).orElse(null);
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "hubload-timeline");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts sampling now, and every {@code interval}. */
  public static HubTimeline start(HubUnderTest hub, Duration interval, Duration timeout) {
    HubTimeline timeline = new HubTimeline(hub, timeout);
    timeline.sampler.scheduleWithFixedDelay(timeline::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return timeline;
  }

  /** Takes one last sample, stops, and returns every sample in time order. */
  public synchronized List<TimelineSample> stop() {
    if (!sampler.isShutdown()) {
      sampler.shutdownNow();
      try {
        sampler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sample();
    }
    return List.copyOf(samples);
  }

  /** The samples so far. */
  public synchronized List<TimelineSample> samples() {
    return List.copyOf(samples);
  }

  private synchronized void sample() {
    long at = System.currentTimeMillis();
    Long heartbeat = null;
    try {
      long start = System.nanoTime();
      HttpResponse<String> response = anonymous.get(io.hubload.hubapi.HubUrls.API_ROOT);
      if (response.statusCode() == 200) {
        heartbeat = (System.nanoTime() - start) / 1_000_000;
      }
    } catch (IOException | RuntimeException e) {
      // no answer: a gap in the heartbeat
    }
    TimelineSample.Hub hub = null;
    if (metrics != null) {
      try {
        HttpResponse<String> response = metrics.metrics();
        if (response.statusCode() == 200) {
          hub = hubSample(PrometheusText.parse(response.body()), at);
        }
      } catch (IOException | RuntimeException e) {
        // no metrics this time
      }
    }
    samples.add(new TimelineSample(at, heartbeat, UserNames.active(), SpawnLog.pending(), SpawnLog.nodesSeen(), hub));
  }

  /** What the hub's own metrics say now, and over the interval since the last scrape. */
  private TimelineSample.Hub hubSample(List<PrometheusText.Sample> now, long at) {
    Double requestsPerSecond = null;
    Double requestP95Ms = null;
    Double cpuPercent = null;
    Map<String, Long> spawns = null;
    Map<String, Long> stops = null;
    Double loopMs = null;
    Double loopP99Ms = null;
    if (previous != null && at > previousAt) {
      Histograms.Delta loop = Histograms.delta(previous, now, EVENT_LOOP, labels -> "all").get("all");
      if (loop != null && loop.count() > 0) {
        loopMs = loop.meanSeconds() * 1000;
        loopP99Ms = loop.quantile(0.99) * 1000;
      }
      spawns = byStatus(Histograms.delta(previous, now, SPAWNS, Histograms::statusAndReason));
      stops = byStatus(Histograms.delta(previous, now, STOPS, Histograms::statusAndReason));
      double seconds = (at - previousAt) / 1000.0;
      // The progress streams last as long as a spawn: they are waits, not the hub's speed.
      Histograms.Delta all =
          Histograms.delta(previous, now, REQUESTS, labels -> labels.getOrDefault("handler", "").contains("Progress") ? "progress" : "all")
              .get("all");
      requestsPerSecond = all == null ? 0.0 : all.count() / seconds;
      requestP95Ms = all == null ? null : all.quantile(0.95) * 1000;
      Double cpuBefore = value(previous, "process_cpu_seconds_total", null);
      Double cpuNow = value(now, "process_cpu_seconds_total", null);
      if (cpuBefore != null && cpuNow != null) {
        cpuPercent = Math.max(0, cpuNow - cpuBefore) / seconds * 100;
      }
    }
    previous = now;
    previousAt = at;
    Double memory = value(now, "process_resident_memory_bytes", null);
    return new TimelineSample.Hub(
        value(now, "jupyterhub_running_servers", null),
        value(now, "jupyterhub_active_users", "24h"),
        requestsPerSecond,
        requestP95Ms,
        cpuPercent,
        memory == null ? null : memory / (1024 * 1024),
        loopMs,
        loopP99Ms,
        spawns,
        stops);
  }

  /** A sample's value by name (and by its period label when given); null when the hub has none. */
  private static Double value(List<PrometheusText.Sample> samples, String name, String period) {
    for (PrometheusText.Sample sample : samples) {
      if (sample.name().equals(name) && (period == null || period.equals(sample.labels().get("period")))) {
        return sample.value();
      }
    }
    return null;
  }

  private static Map<String, Long> byStatus(Map<String, Histograms.Delta> deltas) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    deltas.forEach((status, delta) -> counts.put(status, delta.count()));
    return counts;
  }

  /** Samples as summary.json holds them. */
  public static List<Map<String, Object>> forSummary(List<TimelineSample> samples) {
    return samples.stream().map(TimelineSample::asMap).toList();
  }
}
