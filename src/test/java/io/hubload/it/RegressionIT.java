package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.RegressionSettings;
import io.hubload.report.EntryStats;
import io.hubload.report.RunSummary;
import io.hubload.testing.Browser;
import io.hubload.testing.ForkedGatling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import io.hubload.commands.Regression;

/**
 * The nightly check end to end against real local hubs: a smoke run is the baseline; the same run
 * against a hub made slower on purpose (every spawn delayed) fails the check on spawn and passes
 * it elsewhere. Along the way: summary.json agrees with the HTML report's statistics table, and
 * holds the hub's own spawn times beside the suite's.
 */
class RegressionIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);
  /** The least delay injected; more when the baseline was slow (see below). */
  private static final Duration MIN_DELAY = Duration.ofSeconds(5);

  @Test
  void aSlowerHubFailsTheCheckOnSpawnOnly() throws Exception {
    // Without a browser tab: the check's subject is the spawn, and the comparison of summary.json
    // with the HTML table below is exact in runs this small. A smoke run with JupyterLab's tab (124
    // requests) once had All Requests' p75 at 1633 ms in summary.json and 1808 ms in index.html:
    // both come from Gatling's percentile estimate, read twice (see docs/report.md).
    ForkedGatling.Result baseline = ForkedGatling.simulation("SmokeSimulation").set("session.tab", "api").run(LIMIT);
    assertEquals(0, baseline.exitCode(), baseline::toString);
    // The margin, against this machine's noise: a 3-user smoke spawn's p95 is 2 s to 7 s here. Each
    // slowed spawn waits at least twice the baseline's p95, so the slowed p95 is at least +100 %
    // of the baseline's, five times the 20 % tolerance, whatever the baseline happened to be. A
    // fixed 4 s delay once measured only +13 % after a 7 s baseline.
    long baselineP95 =
        RunSummary.read(baseline.reportDir().resolve(RunSummary.FILE)).entry("spawn to ready").orElseThrow().p95();
    Duration delay = Duration.ofSeconds(Math.max(MIN_DELAY.toSeconds(), (2 * baselineP95 + 999) / 1000));
    ForkedGatling.Result slow =
        ForkedGatling.simulation("SmokeSimulation")
            .set("session.tab", "api")
            .set("localhub.spawn-delay", delay.toSeconds() + "s")
            .run(LIMIT);
    assertEquals(0, slow.exitCode(), slow::toString);

    assertSummaryMatchesTheHtmlTable(baseline.reportDir());

    RunSummary slowSummary = RunSummary.read(slow.reportDir().resolve(RunSummary.FILE));
    Map<?, ?> hubSpawns = (Map<?, ?>) ((Map<?, ?>) slowSummary.hubMetrics().get("spawnDuration")).get("success");
    assertEquals(3, ((Number) hubSpawns.get("count")).intValue(), "the hub counted the three spawns");
    assertTrue(((Number) hubSpawns.get("meanMs")).longValue() >= delay.toMillis(), "and saw them slowed");
    assertTrue(slowSummary.hubMetrics().containsKey("clientSpawnToReady"), "beside the suite's numbers");

    // At the defaults, three spawns a run are too few to judge (a p95 of 3 is their maximum): it
    // passes, saying so.
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    RegressionSettings defaults =
        new RegressionSettings(
            slow.reportDir().toString(), baseline.reportDir().toString(), 20, Map.of(), Duration.ofMillis(50), 1, 30);
    int atDefaults =
        new Regression(defaults, slow.reportDir().getParent(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    String tooFew = printed.toString(StandardCharsets.UTF_8);
    assertEquals(Regression.PASSED, atDefaults, tooFew);
    assertTrue(line(tooFew, "spawn to ready", "p95").contains("too few samples to judge (3 and 3, fewer than 20)"), tooFew);

    // Judged on its three samples (regression.min-samples=3), with a noise floor of 1 s: a smoke
    // run has three users, and the delay is well above it. Every slowed spawn is slower than every
    // baseline spawn, so every resample's p95 grew: the interval lies above 0. The two runs alone
    // (regression.history=0): earlier smoke runs in the same folder, slowed ones among them (the
    // delay is no fact of the series), would make a noise of their own.
    RegressionSettings rules =
        new RegressionSettings(
            slow.reportDir().toString(), baseline.reportDir().toString(), 20, Map.of(), Duration.ofSeconds(1), 1, 30, 95, 3, 0);
    printed.reset();
    int exit =
        new Regression(rules, slow.reportDir().getParent(), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    String table = printed.toString(StandardCharsets.UTF_8);

    assertEquals(Regression.REGRESSED, exit, table);
    assertTrue(line(table, "spawn to ready", "p95").contains("REGRESSION"), table);
    for (String untouched : new String[] {"login / login submit", "kernel start / kernel start", "execute / execute", "open server / server home"}) {
      assertFalse(line(table, untouched, "p95").contains("REGRESSION"), untouched + "\n" + table);
      assertFalse(line(table, untouched, "KO share").contains("REGRESSION"), untouched + "\n" + table);
    }
    // trend.html, opened as a person would: every chart drawn, and the slowed spawn marked.
    String trend = Browser.domOf(slow.reportDir().getParent().resolve(Regression.TREND_FILE));
    int charts = trend.split("class=\"chart\"", -1).length - 1;
    assertTrue(charts >= 10, "a p95 and a KO chart per entry: " + charts);
    assertEquals(charts, trend.split("<canvas", -1).length - 1, "each chart drawn");

    String junit = Files.readString(slow.reportDir().resolve(Regression.JUNIT_FILE));
    assertTrue(junit.contains("<testcase classname=\"hubload.spawn to ready\" name=\"p95\""), junit);
  }

  private static String line(String table, String entry, String check) {
    return table.lines()
        .filter(l -> l.startsWith(entry + " ") && l.substring(entry.length()).stripLeading().startsWith(check))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + entry + " " + check + " in\n" + table));
  }

  /** Every row of index.html's statistics table equals the summary's entry of the same path. */
  static void assertSummaryMatchesTheHtmlTable(Path run) throws Exception {
    RunSummary summary = RunSummary.read(run.resolve(RunSummary.FILE));
    Map<String, long[]> html = htmlTable(Files.readString(run.resolve("index.html")));
    assertEquals(summary.entries().size(), html.size(), "as many rows as entries: " + html.keySet());
    for (EntryStats entry : summary.entries()) {
      long[] row = html.get(entry.name());
      assertTrue(row != null, "the HTML has a row for " + entry.name() + ": " + html.keySet());
      assertEquals(
          java.util.List.of(entry.count(), entry.ok(), entry.ko(), (long) entry.min(), (long) entry.p50(), (long) entry.p75(),
              (long) entry.p95(), (long) entry.p99(), (long) entry.max(), (long) entry.mean()),
          java.util.List.of(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]),
          entry.name());
    }
  }

  /** Path ("group / request") to count, ok, ko, min, p50, p75, p95, p99, max, mean. */
  private static Map<String, long[]> htmlTable(String html) {
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> parents = new LinkedHashMap<>();
    Map<String, long[]> values = new LinkedHashMap<>();
    Pattern row = Pattern.compile("<tr id=\"([^\"]+)\"(?: data-parent=\"([^\"]+)\")?\\s*>(.*?)</tr>", Pattern.DOTALL);
    Pattern name = Pattern.compile("class=\"ellipsed-name\">([^<]*)<");
    Pattern cell = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");
    Matcher rows = row.matcher(html);
    while (rows.find()) {
      String id = rows.group(1);
      Matcher n = name.matcher(rows.group(3));
      names.put(id, n.find() ? n.group(1) : "All Requests");
      parents.put(id, rows.group(2));
      long[] v = new long[10];
      Matcher c = cell.matcher(rows.group(3));
      while (c.find()) {
        int col = Integer.parseInt(c.group(1));
        int[] at = {-1, -1, 0, 1, 2, -1, -1, 3, 4, 5, 6, 7, 8, 9, -1};
        if (col < at.length && at[col] >= 0) {
          String text = c.group(2).replace(",", "").strip();
          v[at[col]] = text.equals("-") ? 0 : Long.parseLong(text);
        }
      }
      values.put(id, v);
    }
    Map<String, long[]> byPath = new LinkedHashMap<>();
    for (String id : values.keySet()) {
      StringBuilder path = new StringBuilder(names.get(id));
      for (String p = parents.get(id); p != null && !p.equals("ROOT"); p = parents.get(p)) {
        path.insert(0, names.get(p) + " / ");
      }
      byPath.put(path.toString(), values.get(id));
    }
    return byPath;
  }
}
