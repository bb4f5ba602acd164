package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static final Comparison.Rules RULES = new Comparison.Rules(20, Map.of("stop to gone", 100.0), 50, 1);

  static EntryStats entry(String name, int p95, long count, long ko) {
    return new EntryStats(name, false, count, count - ko, ko, 1, p95 / 2, p95 * 3 / 4, p95, p95 + 10, p95 + 20, p95 / 2);
  }

  static RunSummary run(EntryStats... entries) {
    return new RunSummary(
        new RunFacts("UserJourneySimulation", null, null, null, null, null, null, null, null, null, null, null, null),
        10,
        List.of(entries),
        Map.of(),
        Map.of(),
        List.of(),
        List.of(),
        Map.of(),
        null);
  }

  private static Comparison.Verdict verdict(List<Comparison.Verdict> verdicts, String entry, Comparison.Check check) {
    return verdicts.stream().filter(v -> v.entry().equals(entry) && v.check() == check).findFirst().orElseThrow();
  }

  @Test
  void betterAndEqualPass() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(entry("spawn to ready", 3000, 100, 0), entry("login", 200, 100, 0)),
            run(entry("spawn to ready", 2500, 100, 0), entry("login", 200, 100, 0)),
            RULES);
    assertTrue(v.stream().allMatch(Comparison.Verdict::passed), v.toString());
    assertEquals(-16.666, verdict(v, "spawn to ready", Comparison.Check.P95).changePercent(), 0.01);
  }

  @Test
  void worseWithinToleranceOrUnderTheFloorPasses() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(entry("spawn to ready", 3000, 100, 0), entry("login", 100, 100, 0)),
            run(entry("spawn to ready", 3500, 100, 0), entry("login", 140, 100, 0)),
            RULES);
    assertTrue(verdict(v, "spawn to ready", Comparison.Check.P95).passed(), "+17% is within 20%");
    Comparison.Verdict login = verdict(v, "login", Comparison.Check.P95);
    assertTrue(login.passed(), "+40% but only 40 ms: noise");
    assertTrue(login.reason().startsWith("within the noise floor"), login.reason());
  }

  @Test
  void worseBeyondToleranceFails() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(entry("spawn to ready", 3000, 100, 0), entry("stop to gone", 1000, 100, 0)),
            run(entry("spawn to ready", 3700, 100, 0), entry("stop to gone", 1900, 100, 0)),
            RULES);
    Comparison.Verdict spawn = verdict(v, "spawn to ready", Comparison.Check.P95);
    assertFalse(spawn.passed());
    assertEquals("p95 grew by more than 20% and 50 ms", spawn.reason());
    assertTrue(verdict(v, "stop to gone", Comparison.Check.P95).passed(), "its own tolerance is 100%");
  }

  @Test
  void koShareRisingAboveTheThresholdFails() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(entry("execute", 50, 100, 0), entry("login", 50, 100, 5)),
            run(entry("execute", 50, 100, 3), entry("login", 50, 100, 5)),
            RULES);
    Comparison.Verdict execute = verdict(v, "execute", Comparison.Check.KO);
    assertFalse(execute.passed());
    assertEquals(3.0, execute.current());
    assertTrue(verdict(v, "login", Comparison.Check.KO).passed(), "as bad as before is not a regression");
    assertTrue(
        verdict(Comparison.compare(run(entry("x", 50, 1000, 0)), run(entry("x", 50, 1000, 5)), RULES), "x", Comparison.Check.KO)
            .passed(),
        "0.5% KO is under the 1% threshold");
  }

  @Test
  void entryMissingOnEitherSide() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(
                entry("spawn to ready", 3000, 100, 0),
                entry("check server / server stop", 500, 3, 0),
                entry("kernel start", 400, 100, 0)),
            run(entry("spawn to ready", 3000, 100, 0), entry("new", 10, 1, 0), entry("broken", 10, 10, 10)),
            RULES);
    Comparison.Verdict stepGone = verdict(v, "kernel start", Comparison.Check.P95);
    assertFalse(stepGone.passed(), "a step no longer measured");
    assertEquals(null, stepGone.current());
    Comparison.Verdict requestGone = verdict(v, "check server / server stop", Comparison.Check.P95);
    assertTrue(requestGone.passed(), "a request on a path this run did not take");
    Comparison.Verdict added = verdict(v, "new", Comparison.Check.P95);
    assertTrue(added.passed());
    assertEquals("new: nothing to compare with", added.reason());
    assertFalse(verdict(v, "broken", Comparison.Check.KO).passed(), "new, but all KO");
  }

  @Test
  void tableAndJunitXmlSayTheSame() {
    List<Comparison.Verdict> v =
        Comparison.compare(run(entry("spawn to ready", 3000, 100, 0)), run(entry("spawn to ready", 6000, 100, 0)), RULES);
    String table = RegressionReport.table(v, "base", "cur");
    assertTrue(table.contains("spawn to ready"), table);
    assertTrue(table.contains("3,000 ms") && table.contains("6,000 ms") && table.contains("+100%"), table);
    assertTrue(table.contains("REGRESSION: p95 grew"), table);
    String xml = RegressionReport.junitXml(v, "cur");
    assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
    assertTrue(xml.contains("<testcase classname=\"hubload.spawn to ready\" name=\"p95\""), xml);
    assertTrue(xml.contains("<failure message=\"p95 grew by more than 20% and 50 ms\">"), xml);
  }
}
