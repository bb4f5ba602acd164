package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scrapes in the format JupyterHub's /hub/metrics answers (prometheus_client's text format). */
class HistogramsTest {

  private static String scrape(double spawnsUnder2_5, double spawnsUnder5, double sum, double failures) {
    return String.join(
        "\n",
        "# HELP jupyterhub_server_spawn_duration_seconds time taken for server spawning operation",
        "# TYPE jupyterhub_server_spawn_duration_seconds histogram",
        "jupyterhub_server_spawn_duration_seconds_bucket{le=\"1.0\",status=\"success\"} 0.0",
        "jupyterhub_server_spawn_duration_seconds_bucket{le=\"2.5\",status=\"success\"} " + spawnsUnder2_5,
        "jupyterhub_server_spawn_duration_seconds_bucket{le=\"5.0\",status=\"success\"} " + spawnsUnder5,
        "jupyterhub_server_spawn_duration_seconds_bucket{le=\"+Inf\",status=\"success\"} " + spawnsUnder5,
        "jupyterhub_server_spawn_duration_seconds_count{status=\"success\"} " + spawnsUnder5,
        "jupyterhub_server_spawn_duration_seconds_sum{status=\"success\"} " + sum,
        "jupyterhub_server_spawn_duration_seconds_bucket{le=\"+Inf\",status=\"failure\"} " + failures,
        "jupyterhub_server_spawn_duration_seconds_count{status=\"failure\"} " + failures,
        "jupyterhub_server_spawn_duration_seconds_sum{status=\"failure\"} " + failures * 30,
        "jupyterhub_running_servers 3.0",
        "");
  }

  @Test
  void parsesSamplesWithLabels() {
    List<PrometheusText.Sample> samples = PrometheusText.parse(scrape(1, 2, 4, 0));
    assertEquals(10, samples.size());
    PrometheusText.Sample inf = samples.get(3);
    assertEquals("jupyterhub_server_spawn_duration_seconds_bucket", inf.name());
    assertEquals(Map.of("le", "+Inf", "status", "success"), inf.labels());
    assertEquals(new PrometheusText.Sample("jupyterhub_running_servers", Map.of(), 3.0), samples.get(9));
  }

  @Test
  void theDeltaBetweenTwoScrapesIsWhatTheRunDid() {
    // Before: 1 spawn (2 s). After: 11 spawns, 10 more, of 1.5 s to 4 s; 2 failures.
    List<PrometheusText.Sample> before = PrometheusText.parse(scrape(1, 1, 2, 0));
    List<PrometheusText.Sample> after = PrometheusText.parse(scrape(5, 11, 32, 2));
    Map<String, Histograms.Delta> byStatus =
        Histograms.delta(before, after, "jupyterhub_server_spawn_duration_seconds", l -> l.get("status"));

    Histograms.Delta success = byStatus.get("success");
    assertEquals(10, success.count());
    assertEquals(3.0, success.meanSeconds(), 1e-9);
    // 4 of the 10 under 2.5 s, the other 6 between 2.5 s and 5 s.
    assertEquals(2.5 + 2.5 * (5 - 4) / 6.0, success.quantile(0.5), 1e-9);
    assertEquals(2.5 + 2.5 * (9.5 - 4) / 6.0, success.quantile(0.95), 1e-9);
    assertEquals(2, byStatus.get("failure").count());
    assertEquals(
        Map.of("count", 10L, "meanMs", 3000L, "p50Ms", 2917L, "p95Ms", 4792L, "p99Ms", 4958L),
        Histograms.describe(success));
  }

  @Test
  void seriesThatDidNotMoveAreLeftOut() {
    List<PrometheusText.Sample> same = PrometheusText.parse(scrape(1, 2, 4, 1));
    assertTrue(Histograms.delta(same, same, "jupyterhub_server_spawn_duration_seconds", l -> l.get("status")).isEmpty());
  }

  /** JupyterHub 5 said "throttled" as the status; 6.0 says status failure, reason throttled. */
  @Test
  void spawnOutcomesReadAlikeOnEveryRelease() {
    assertEquals("throttled", Histograms.statusAndReason(Map.of("status", "throttled")));
    assertEquals("throttled", Histograms.statusAndReason(Map.of("status", "failure", "reason", "throttled")));
    assertEquals("success", Histograms.statusAndReason(Map.of("status", "success", "reason", "")));
    assertEquals("error exited", Histograms.statusAndReason(Map.of("status", "error", "reason", "exited")));
  }
}
