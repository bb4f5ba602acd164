package io.hubload.run;

import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.report.Histograms;
import io.hubload.report.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's own view of a run: its Prometheus metrics (/hub/metrics, scope read:metrics) read
 * before the first user and after the last, and what happened in between: spawn and stop
 * durations by status (success, failure, throttled...), and request durations by handler. Read
 * with the run's admin token; without one, or without the scope, the summary says why not.
 */
public final class HubMetricsProbe {

  static final String SPAWN = "jupyterhub_server_spawn_duration_seconds";
  static final String STOP = "jupyterhub_server_stop_seconds";
  static final String REQUESTS = "jupyterhub_request_duration_seconds";
  static final String LOGIN = "jupyterhub_login_duration_seconds";
  /**
   * JupyterHub 5 and later: each tick of a 50 ms timer observes how late it was (5.1 and later;
   * 5.0 observed the whole interval). A hub whose loop is blocked answers nobody.
   */
  static final String EVENT_LOOP = "jupyterhub_event_loop_interval_seconds";
  private static final int HANDLERS_SHOWN = 15;

  private final URI hub;
  private final String token;
  private final Duration timeout;
  private final List<PrometheusText.Sample> before;
  private final String unavailable;

  private HubMetricsProbe(URI hub, String token, Duration timeout, List<PrometheusText.Sample> before, String unavailable) {
    this.hub = hub;
    this.token = token;
    this.timeout = timeout;
    this.before = before;
    this.unavailable = unavailable;
  }

  /** Takes the "before" scrape, if the run has a token that may read the metrics. */
  public static HubMetricsProbe start(HubUnderTest hub, Duration timeout) {
    if (hub.adminToken().isEmpty()) {
      return new HubMetricsProbe(hub.url(), null, timeout, null, "no admin token (hub.admin-token) to read /hub/metrics with");
    }
    String token = hub.adminToken().get();
    try {
      return new HubMetricsProbe(hub.url(), token, timeout, scrape(hub.url(), token, timeout), null);
    } catch (IOException e) {
      return new HubMetricsProbe(hub.url(), null, timeout, null, e.getMessage());
    }
  }

  /** Takes the "after" scrape and returns what summary.json shows under hubMetrics. */
  public Map<String, Object> finish() {
    Map<String, Object> metrics = new LinkedHashMap<>();
    if (before == null) {
      metrics.put("unavailable", unavailable);
      return metrics;
    }
    List<PrometheusText.Sample> after;
    try {
      after = scrape(hub, token, timeout);
    } catch (IOException e) {
      metrics.put("unavailable", e.getMessage());
      return metrics;
    }
    metrics.put("source", "/hub/metrics, read before the first user and after the last");
    metrics.put("spawnDuration", byGroup(Histograms.delta(before, after, SPAWN, Histograms::statusAndReason)));
    metrics.put("stopDuration", byGroup(Histograms.delta(before, after, STOP, Histograms::statusAndReason)));
    // JupyterHub 6: how long the authenticator took, by outcome (absent on earlier releases).
    Map<String, Object> logins = byGroup(Histograms.delta(before, after, LOGIN, labels -> labels.getOrDefault("status", "?")));
    if (!logins.isEmpty()) {
      metrics.put("loginDuration", logins);
    }
    // JupyterHub 5 and later: how late the hub's event loop was, per 50 ms tick, over the run.
    Histograms.Delta loop = Histograms.delta(before, after, EVENT_LOOP, labels -> "all").get("all");
    if (loop != null) {
      metrics.put("eventLoopDelay", Histograms.describe(loop));
    }
    Map<String, Histograms.Delta> requests =
        Histograms.delta(
            before,
            after,
            REQUESTS,
            labels -> labels.getOrDefault("method", "?") + " " + labels.getOrDefault("handler", "?"));
    Map<String, Object> shown = new LinkedHashMap<>();
    for (String handler : Histograms.largest(requests, HANDLERS_SHOWN)) {
      shown.put(handler, Histograms.describe(requests.get(handler)));
    }
    metrics.put("requestDuration", shown);
    return metrics;
  }

  private static Map<String, Object> byGroup(Map<String, Histograms.Delta> deltas) {
    Map<String, Object> out = new LinkedHashMap<>();
    deltas.forEach((group, delta) -> out.put(group, Histograms.describe(delta)));
    return out;
  }

  private static List<PrometheusText.Sample> scrape(URI hub, String token, Duration timeout) throws IOException {
    HttpResponse<String> response;
    try {
      response = HubClient.withToken(hub, token, timeout).metrics();
    } catch (IOException e) {
      throw new IOException("could not read /hub/metrics (" + e.getClass().getSimpleName() + ")");
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "/hub/metrics answered HTTP " + response.statusCode() + " (the token needs the read:metrics scope)");
    }
    return PrometheusText.parse(response.body());
  }
}
