package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** trend.html: a line per series of comparable runs, and marks only within a series. */
class TrendPageTest {

  private static final Comparison.Rules RULES = new Comparison.Rules(20, Map.of(), 50, 1);
  private static final RunFacts.Hub HUB = new RunFacts.Hub("http://127.0.0.1:8000", "6.1.1", true, "form", null);

  private static RunSummary run(int users, String tab, int spawnMs, int night) {
    RunFacts facts =
        ComparisonTest.facts(
            "UserJourneySimulation",
            new RunFacts.Profile("ramp", "ramp: " + users + " users arriving over 1m", Map.of("users", users)),
            new RunFacts.Session("idle", "2s", "5s", tab, null),
            HUB,
            "2026-11-" + (10 + night) + "T02:00:00Z");
    return ComparisonTest.measured(facts, ComparisonTest.times("spawn to ready", ComparisonTest.constant(30, spawnMs), 0));
  }

  /** The charts' data, as the page's script reads it. */
  private static JsonNode charts(String html) throws Exception {
    int start = html.indexOf("const charts = ") + "const charts = ".length();
    int end = html.indexOf(";\nconst range", start);
    return new ObjectMapper().readTree(html.substring(start, end).replace("<\\/", "</"));
  }

  private static List<Double> values(JsonNode chart, String series) {
    List<Double> values = new ArrayList<>();
    chart.get("series").get(series).forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
    return values;
  }

  @Test
  void unlikeRunsAreLinesOfTheirOwnAndNeverMarked() throws Exception {
    // Interleaved nights of two shapes: 3 users with the api tab, 20 with the lab tab (and slower
    // spawns). The old page joined them in one line and marked each 20-user night "regressed".
    List<RunSummary> runs =
        List.of(run(3, "api", 1000, 1), run(20, "lab", 9000, 2), run(3, "api", 1010, 3), run(20, "lab", 9100, 4), run(3, "api", 1000, 5));
    String html = TrendPage.html("UserJourneySimulation", runs, RULES, 10);
    JsonNode p95 = charts(html).get(0);
    assertEquals("spawn to ready: p95", p95.get("title").asText());
    List<String> names = new ArrayList<>();
    p95.get("series").fieldNames().forEachRemaining(names::add);
    assertEquals(
        List.of("ramp: 3 users arriving over 1m, api tab, hub 6.1.1, form", "ramp: 20 users arriving over 1m, lab tab, hub 6.1.1, form", TrendPage.REGRESSED),
        names);
    assertEquals(java.util.Arrays.asList(1000.0, null, 1010.0, null, 1000.0), values(p95, names.get(0)));
    assertEquals(java.util.Arrays.asList(null, 9000.0, null, 9100.0, null), values(p95, names.get(1)));
    assertTrue(values(p95, TrendPage.REGRESSED).stream().allMatch(v -> v == null), "no mark between unlike runs");
    assertTrue(html.contains("2 series, never joined"), "the page says so");
  }

  @Test
  void aRegressionWithinASeriesIsMarked() throws Exception {
    List<RunSummary> runs = List.of(run(3, "api", 1000, 1), run(20, "lab", 9000, 2), run(3, "api", 3000, 3));
    JsonNode p95 = charts(TrendPage.html("UserJourneySimulation", runs, RULES, 10)).get(0);
    assertEquals(java.util.Arrays.asList(null, null, 3000.0), values(p95, TrendPage.REGRESSED), "against its own series' run 1, not run 2");
  }

  @Test
  void seriesAlikeInTheirLabelAreStillTwo() {
    RunSummary a = run(3, "api", 1000, 1);
    RunFacts f = a.run();
    RunSummary otherWorkload =
        ComparisonTest.measured(
            new RunFacts(f.simulation(), f.profile(), f.session(), "other.ipynb", null, f.hub(), null, f.start(), null, null, null, null, null),
            ComparisonTest.times("spawn to ready", ComparisonTest.constant(30, 1000), 0));
    List<TrendPage.Series> series = TrendPage.series(List.of(a, otherWorkload));
    assertEquals(2, series.size());
    assertEquals(series.get(0).label() + " (2)", series.get(1).label());
  }

  @Test
  void capacityVerdictsAreDrawnNightAfterNightAndAFallIsMarked() throws Exception {
    RunSummary real = RunSummary.read(java.nio.file.Path.of("src/test/resources/summaries/capacity-held-ceiling.summary.json"));
    io.hubload.capacity.Verdict held = real.capacity();
    io.hubload.capacity.Verdict fell =
        new io.hubload.capacity.Verdict(2, 4, List.of("spawn to ready p95 was 41 s (limit 30s)"), 6, held.planned(), held.limits(), held.levels(), "");
    List<RunSummary> runs = List.of(withCapacity(real, held), withCapacity(real, fell), withCapacity(real, held));
    JsonNode capacity = charts(TrendPage.html("UserJourneySimulation", runs, RULES, 10)).get(0);
    assertEquals("Capacity: users held within every service level", capacity.get("title").asText());
    List<String> names = new ArrayList<>();
    capacity.get("series").fieldNames().forEachRemaining(names::add);
    assertEquals(List.of(6.0, 2.0, 6.0), values(capacity, names.get(0)), "one series: the same climb and service levels");
    assertEquals(java.util.Arrays.asList(null, 2.0, null), values(capacity, TrendPage.REGRESSED), "the night that fell");
  }

  private static RunSummary withCapacity(RunSummary s, io.hubload.capacity.Verdict capacity) {
    return new RunSummary(
        s.run(), s.peakConcurrentUsers(), s.entries(), s.hubMetrics(), s.spawns(), s.timeline(), s.hubUnanswered(),
        s.requestsPerSecond(), s.mergeable(), capacity);
  }
}
