package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.report.EntryStats;
import io.hubload.report.RunSummary;
import io.hubload.run.RunReports;
import io.hubload.testing.Browser;
import io.hubload.testing.ForkedGatling;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spawn phases end to end, on a local hub that imitates KubeSpawner's progress events around its
 * real spawns (localhub.imitate-kubernetes): every 2nd spawn waits 6 s for a new node, the first
 * spawn on each node pulls the image for 3 s. Three spawns: one waits for node-2, two pull (the
 * first on node-1 and on node-2), one finds the image present.
 */
class SpawnPhasesIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);
  /**
   * The margin on a phase's time: the imitation sleeps exactly as long as it is told, and stamps
   * its events with the same clock, so a phase is off by milliseconds; 500 ms is the bound
   * and far above that.
   */
  private static final long MARGIN_MS = 500;

  @Test
  void phasesAreEntriesOfTheirOwnAndEverySpawnIsARow() throws Exception {
    ForkedGatling.Result run =
        ForkedGatling.simulation("SmokeSimulation")
            .set("localhub.imitate-kubernetes", "true")
            .set("localhub.imitate-node-wait", "6s")
            .set("localhub.imitate-new-node-every", "2")
            .set("localhub.imitate-image-pull", "3s")
            .run(LIMIT);

    assertEquals(0, run.exitCode(), run::toString);
    RunSummary summary = RunSummary.read(run.reportDir().resolve(RunSummary.FILE));
    assertPhase(summary, "spawn: waiting for a node", 1, 6_000);
    assertPhase(summary, "spawn: image pull", 2, 3_000);
    assertEquals(3, summary.entry("spawn: server start").orElseThrow().ok(), "every spawn's server started");

    assertEquals(
        Map.of(
            "spawns", 3, "ready", 3, "withKubernetesEvents", 3, "waitedForScaleUp", 1,
            "notTriggerScaleUpEvents", 0, "imagePulled", 2, "imagePresent", 1, "nodes", 2),
        summary.spawns());

    List<String> rows = Files.readAllLines(run.reportDir().resolve(RunReports.SPAWNS_FILE));
    assertEquals(
        "user,requested,ready,node_wait_ms,volume_ms,image_pull_ms,container_start_ms,server_start_ms,node,scale_up,no_scale_up_events,image,outcome",
        rows.get(0));
    assertEquals(4, rows.size(), "a header and three spawns: " + rows);
    assertEquals(1, rows.stream().filter(r -> r.contains(",node-2,yes,0,pulled,ready")).count(), rows.toString());
    assertTrue(rows.stream().skip(1).allMatch(r -> r.endsWith(",ready")), rows.toString());

    // hub.html, opened as a person would: every chart drawn (uPlot puts a canvas in each).
    assertTrue(summary.timeline().size() >= 2, "sampled at the start and the end at least: " + summary.timeline());
    String dom = Browser.domOf(run.reportDir().resolve(RunReports.HUB_PAGE));
    int charts = count(dom, "class=\"chart\"");
    assertTrue(charts >= 4, "the load, spawn, hub and heartbeat charts: " + charts);
    assertEquals(charts, count(dom, "<canvas"), "each chart drawn");
    assertTrue(dom.contains("spawn: waiting for a node") || dom.contains("waiting for a node (mean)"), "the phases are charted");
    // JupyterHub 5 and later: the event loop's delay, read from the hub's metrics and drawn.
    assertTrue(summary.hubMetrics().containsKey("eventLoopDelay"), "summary.json: " + summary.hubMetrics().keySet());
    assertTrue(summary.timeline().stream().anyMatch(sample -> sample.containsKey("eventLoopMs")), "sampled over the run");
    assertTrue(dom.contains("The hub's event loop"), "hub.html draws it");
    assertTrue(
        Files.readString(run.reportDir().resolve("index.html"))
            .contains("JupyterHub " + summary.run().hub().version() + " at http://127.0.0.1:"),
        "Gatling's report says what it measured");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  private static void assertPhase(RunSummary summary, String entry, long count, long millis) {
    EntryStats stats = summary.entry(entry).orElseThrow(() -> new AssertionError("no entry " + entry));
    assertEquals(count, stats.ok(), entry);
    assertEquals(0, stats.ko(), entry);
    assertTrue(Math.abs(stats.min() - millis) <= MARGIN_MS && Math.abs(stats.max() - millis) <= MARGIN_MS, entry + ": " + stats);
  }
}
