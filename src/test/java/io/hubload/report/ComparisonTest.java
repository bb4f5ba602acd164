package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ComparisonTest {

  private static final Comparison.Rules RULES = new Comparison.Rules(20, Map.of("stop to gone", 100.0), 50, 1);

  /** An entry without histograms, as summaries before mergeable have them. */
  static EntryStats entry(String name, int p95, long count, long ko) {
    return new EntryStats(name, false, count, count - ko, ko, 1, p95 / 2, p95 * 3 / 4, p95, p95 + 10, p95 + 20, p95 / 2);
  }

  static RunFacts facts() {
    return new RunFacts("UserJourneySimulation", null, null, null, null, null, null, null, null, null, null, null, null);
  }

  static RunSummary run(EntryStats... entries) {
    return run(facts(), entries);
  }

  static RunSummary run(RunFacts facts, EntryStats... entries) {
    return new RunSummary(facts, 10, List.of(entries), Map.of(), Map.of(), List.of(), List.of(), Map.of(), null);
  }

  /** An entry with its times in histograms, as summary.json's mergeable holds them; the first {@code ko} are KO. */
  static Mergeable.Entry times(String name, long[] times, int ko) {
    Histogram ok = new Histogram(Mergeable.DIGITS);
    Histogram failed = new Histogram(Mergeable.DIGITS);
    long sum = 0;
    for (int i = 0; i < times.length; i++) {
      (i < ko ? failed : ok).recordValue(times[i]);
      sum += times[i];
    }
    long min = Arrays.stream(times).min().orElse(0);
    long max = Arrays.stream(times).max().orElse(0);
    return new Mergeable.Entry(name, false, times.length - ko, ko, min, max, sum, 0, Mergeable.encode(ok), Mergeable.encode(failed));
  }

  /** A run whose statistics table comes from its histograms, as a real summary's does. */
  static RunSummary measured(RunFacts facts, Mergeable.Entry... entries) {
    Mergeable mergeable =
        new Mergeable(Mergeable.FORMAT, 0, 0, List.of(entries), new Mergeable.PerSecond(0, new long[0], new long[0], new long[0], new long[0]));
    return new RunSummary(facts, 10, mergeable.table(), Map.of(), Map.of(), List.of(), List.of(), Map.of(), mergeable);
  }

  static RunSummary measured(Mergeable.Entry... entries) {
    return measured(facts(), entries);
  }

  /** n times around {@code median} ms, spread as spawns are (log-normal, 30 %), from a seed. */
  static long[] spawns(int n, double median, long seed) {
    Random random = new Random(seed);
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = Math.round(median * Math.exp(0.3 * random.nextGaussian()));
    }
    return times;
  }

  static long[] constant(int n, long value) {
    long[] times = new long[n];
    Arrays.fill(times, value);
    return times;
  }

  private static Comparison.Verdict verdict(List<Comparison.Verdict> verdicts, String entry, Comparison.Check check) {
    return verdicts.stream().filter(v -> v.entry().equals(entry) && v.check() == check).findFirst().orElseThrow();
  }

  @Test
  void betterAndEqualPass() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            measured(times("spawn to ready", constant(100, 3000), 0), times("login", constant(100, 200), 0)),
            measured(times("spawn to ready", constant(100, 2500), 0), times("login", constant(100, 200), 0)),
            RULES);
    assertTrue(v.stream().allMatch(Comparison.Verdict::passed), v.toString());
    assertEquals(-16.666, verdict(v, "spawn to ready", Comparison.Check.P95).changePercent(), 0.01);
  }

  @Test
  void aClearSlowdownFailsWithItsFigureAndInterval() {
    // 100 spawns each, the second run's twice as slow: beyond any noise, and beyond 20 % and 50 ms.
    List<Comparison.Verdict> v =
        Comparison.compare(
            measured(times("spawn to ready", spawns(100, 3000, 1), 0)),
            measured(times("spawn to ready", Arrays.stream(spawns(100, 3000, 2)).map(t -> 2 * t).toArray(), 0)),
            RULES);
    Comparison.Verdict spawn = verdict(v, "spawn to ready", Comparison.Check.P95);
    assertFalse(spawn.passed(), spawn.line());
    assertTrue(spawn.interval().lowPercent() > 0, spawn.line());
    assertTrue(
        spawn.line().matches("spawn to ready p95 [0-9,]+ ms -> [0-9,]+ ms \\(\\+[0-9]+ %, 95 % interval \\+[0-9]+ % to \\+[0-9]+ %\\): REGRESSION: p95 grew beyond noise.*"),
        spawn.line());
  }

  @Test
  void twoRunsOfOneHubAreWithinNoiseWhereTheOldCheckFailed() {
    // 20 spawns each from the same distribution: the p95s differ by +32 % (seeds chosen for it), which
    // the tolerance alone called a regression; their interval says noise.
    RunSummary before = measured(times("spawn to ready", spawns(20, 3000, 12), 0));
    RunSummary after = measured(times("spawn to ready", spawns(20, 3000, 11), 0));
    Comparison.Verdict spawn = verdict(Comparison.compare(before, after, RULES), "spawn to ready", Comparison.Check.P95);
    assertTrue(spawn.changePercent() > 20, spawn.line());
    assertTrue(spawn.passed(), spawn.line());
    assertTrue(spawn.reason().startsWith("within noise"), spawn.line());
    assertTrue(spawn.interval().lowPercent() < 0 && spawn.interval().highPercent() > 20, spawn.line());
  }

  @Test
  void tooFewSamplesAreNotJudged() {
    // The case: 3 samples each, a p95 that is their maximum.
    RunSummary before = measured(times("execute", new long[] {120, 130, 148}, 0));
    RunSummary after = measured(times("execute", new long[] {125, 140, 206}, 0));
    Comparison.Verdict execute = verdict(Comparison.compare(before, after, RULES), "execute", Comparison.Check.P95);
    assertTrue(execute.passed());
    assertEquals("too few samples to judge (3 and 3, fewer than 20)", execute.reason());
    assertEquals(null, execute.interval());
    // With min-samples 3, the bootstrap judges it: within noise.
    Comparison.Rules three = new Comparison.Rules(20, Map.of(), 50, 1, 95, 3);
    Comparison.Verdict judged = verdict(Comparison.compare(before, after, three), "execute", Comparison.Check.P95);
    assertTrue(judged.passed(), judged.line());
    assertTrue(judged.reason().startsWith("within noise (the bootstrap alone: 0 earlier run(s)"), judged.line());
  }

  @Test
  void theConfidenceIsTheWholeComparisons() {
    // One entry 30 % slower on 40 samples a run (+43 % at its p95): beyond its own 95 % interval...
    Mergeable.Entry before = times("execute", spawns(40, 1000, 38), 0);
    Mergeable.Entry after = times("execute", Arrays.stream(spawns(40, 1000, 138)).map(t -> t * 13 / 10).toArray(), 0);
    Comparison.Verdict alone = verdict(Comparison.compare(measured(before), measured(after), RULES), "execute", Comparison.Check.P95);
    assertFalse(alone.passed(), alone.line());
    assertEquals(95, alone.interval().confidencePercent());
    // ...but not beyond the 99.75 % interval each of 20 entries gets, so that 20 entries at 95 % do
    // not make a false alarm in most comparisons of identical runs.
    List<Mergeable.Entry> was = new ArrayList<>(List.of(before));
    List<Mergeable.Entry> is = new ArrayList<>(List.of(after));
    for (int i = 1; i < 20; i++) {
      was.add(times("step " + i, constant(40, 100), 0));
      is.add(times("step " + i, constant(40, 100), 0));
    }
    Comparison.Verdict among =
        verdict(
            Comparison.compare(measured(was.toArray(Mergeable.Entry[]::new)), measured(is.toArray(Mergeable.Entry[]::new)), RULES),
            "execute",
            Comparison.Check.P95);
    assertEquals(99.75, among.interval().confidencePercent(), 1e-9);
    assertTrue(among.line().contains("99.75 % interval"), among.line());
    assertTrue(among.passed(), among.line());
  }

  @Test
  void aRealChangeWithinTheTolerancePasses() {
    RunSummary before = measured(times("login", constant(500, 1000), 0));
    RunSummary after = measured(times("login", constant(500, 1100), 0));
    Comparison.Verdict login = verdict(Comparison.compare(before, after, RULES), "login", Comparison.Check.P95);
    assertTrue(login.passed(), login.line());
    assertEquals("beyond noise, within the tolerance (20% and 50 ms)", login.reason());
  }

  @Test
  void aChangeUnderTheFloorPasses() {
    RunSummary before = measured(times("login", constant(500, 100), 0));
    RunSummary after = measured(times("login", constant(500, 140), 0));
    Comparison.Verdict login = verdict(Comparison.compare(before, after, RULES), "login", Comparison.Check.P95);
    assertTrue(login.passed(), "+40 % but only 40 ms: " + login.line());
  }

  /** Earlier runs of the series: only their p95s count. */
  private static List<RunSummary> history(int... p95s) {
    List<RunSummary> runs = new ArrayList<>();
    for (int p95 : p95s) {
      runs.add(run(entry("spawn to ready", p95, 50, 0)));
    }
    return runs;
  }

  @Test
  void theSeriesRunToRunNoiseWidensTheInterval() {
    // Two runs of 1,000 spawns each: their bootstrap interval is narrow, and +30 % is beyond it.
    RunSummary before = measured(times("spawn to ready", constant(1000, 3000), 0));
    RunSummary after = measured(times("spawn to ready", constant(1000, 3900), 0));
    Comparison.Verdict alone = verdict(Comparison.compare(before, after, RULES), "spawn to ready", Comparison.Check.P95);
    assertFalse(alone.passed(), alone.line());
    // But this series moves by 25 % to 40 % from night to night: +30 % is within its noise.
    Comparison.Verdict noisy =
        verdict(
            Comparison.compare(before, after, RULES, history(3000, 4100, 2900, 3900, 2800, 3000)),
            "spawn to ready",
            Comparison.Check.P95);
    assertTrue(noisy.passed(), noisy.line());
    assertEquals("within noise", noisy.reason());
    assertTrue(noisy.interval().lowPercent() < 0, noisy.line());
    // And a steady series leaves it a regression.
    Comparison.Verdict steady =
        verdict(
            Comparison.compare(before, after, RULES, history(3000, 3020, 2990, 3010, 3000, 3000)),
            "spawn to ready",
            Comparison.Check.P95);
    assertFalse(steady.passed(), steady.line());
    assertEquals("p95 grew beyond noise, by more than 20% and 50 ms", steady.reason());
  }

  @Test
  void aBaselineFasterThanItsSeriesIsNotTheNorm() {
    // The series sits at 2,000 ms give or take 2 %; its last run, the baseline, was 1,800 ms.
    RunSummary before = measured(times("spawn to ready", constant(1000, 1800), 0));
    List<RunSummary> series = history(2000, 2020, 1990, 2010, 2000, 1800);
    Comparison.Verdict usual =
        verdict(Comparison.compare(before, measured(times("spawn to ready", constant(1000, 2200), 0)), RULES, series),
            "spawn to ready", Comparison.Check.P95);
    assertTrue(usual.passed(), usual.line());
    assertTrue(usual.reason().startsWith("within the series' spread: the median of its last 6 runs is 2,000 ms"), usual.line());
    Comparison.Verdict slower =
        verdict(Comparison.compare(before, measured(times("spawn to ready", constant(1000, 2400), 0)), RULES, series),
            "spawn to ready", Comparison.Check.P95);
    assertFalse(slower.passed(), slower.line());
  }

  @Test
  void olderSummariesWithoutHistogramsKeepTheTolerance() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(entry("spawn to ready", 3000, 100, 0), entry("stop to gone", 1000, 100, 0)),
            run(entry("spawn to ready", 3700, 100, 0), entry("stop to gone", 1900, 100, 0)),
            RULES);
    Comparison.Verdict spawn = verdict(v, "spawn to ready", Comparison.Check.P95);
    assertFalse(spawn.passed());
    assertEquals("p95 grew by more than 20% and 50 ms (no histograms to judge the noise)", spawn.reason());
    assertTrue(verdict(v, "stop to gone", Comparison.Check.P95).passed(), "its own tolerance is 100%");
  }

  @Test
  void aKoShareFailsOnlyWhenItsRiseIsNotChance() {
    // 0 of 100, then 3 of 100: above the 1 % threshold, which failed the old check, but Fisher's p is 0.123.
    List<Comparison.Verdict> v =
        Comparison.compare(
            run(entry("execute", 50, 100, 0), entry("login", 50, 100, 5), entry("spawn", 50, 1000, 0)),
            run(entry("execute", 50, 100, 3), entry("login", 50, 100, 5), entry("spawn", 50, 1000, 30)),
            RULES);
    Comparison.Verdict execute = verdict(v, "execute", Comparison.Check.KO);
    assertTrue(execute.passed(), execute.line());
    assertEquals(0.1231, execute.pValue(), 1e-4);
    // Three entries compared: each tested at 0.025 / 3.
    assertEquals("execute KO share 0.00 % -> 3.00 % (p = 0.123): within noise (Fisher's exact test, one-sided, p >= 0.00833)", execute.line());
    assertTrue(verdict(v, "login", Comparison.Check.KO).passed(), "as bad as before is not a regression");
    Comparison.Verdict spawn = verdict(v, "spawn", Comparison.Check.KO);
    assertFalse(spawn.passed(), "0 of 1,000, then 30 of 1,000: " + spawn.line());
    assertTrue(spawn.pValue() < 1e-8, spawn.line());
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
  void comparabilityNamesWhatDiffers() {
    RunFacts.Hub six = new RunFacts.Hub("http://127.0.0.1:1", "6.1.1", true, "form", null);
    RunFacts.Hub five = new RunFacts.Hub("http://127.0.0.1:2", "5.5.4", true, "token", null);
    RunFacts.Profile twenty = new RunFacts.Profile("ramp", "ramp: 20 users arriving over 1m", Map.of("users", 20));
    RunFacts.Session api = new RunFacts.Session("idle", "2s", "5s", "api", null);
    RunFacts.Session lab = new RunFacts.Session("idle", "2s", "5s", "lab", null);
    Comparability a = Comparability.of(run(facts("S", twenty, api, six, "2026-11-01T00:00:00Z")));
    assertTrue(a.sameSeries(Comparability.of(run(facts("S", twenty, api, six, "2026-11-02T00:00:00Z")))), "when and where (the URL) do not count");
    Comparability b = Comparability.of(run(facts("S", twenty, lab, five, null)));
    assertEquals(
        "session {behaviour=idle, min=2s, max=5s, tab=api} vs {behaviour=idle, min=2s, max=5s, tab=lab}; hub release 6.1.1 vs 5.5.4;"
            + " auth mode form vs token",
        a.differences(b, Comparability.KEYS));
    assertEquals("session {behaviour=idle, min=2s, max=5s, tab=api} vs {behaviour=idle, min=2s, max=5s, tab=lab}", a.differences(b, Comparability.RUN));
    assertFalse(a.sameSeries(b));
    assertEquals("ramp: 20 users arriving over 1m, api tab, hub 6.1.1, form", Comparability.label(run(facts("S", twenty, api, six, null))));
  }

  static RunFacts facts(String simulation, RunFacts.Profile profile, RunFacts.Session session, RunFacts.Hub hub, String start) {
    return new RunFacts(simulation, profile, session, "execute", null, hub, null, start, null, null, null, null, null);
  }

  @Test
  void tableAndJunitXmlSayTheSame() {
    List<Comparison.Verdict> v =
        Comparison.compare(
            measured(times("spawn to ready", constant(100, 3000), 0)), measured(times("spawn to ready", constant(100, 6000), 0)), RULES);
    String table = RegressionReport.table(v, "base", "cur");
    assertTrue(table.contains("spawn to ready"), table);
    assertTrue(table.contains("3,000 ms") && table.contains("6,000 ms") && table.contains("+100%"), table);
    assertTrue(table.contains("95% interval") && table.contains("+100% to +100%"), table);
    assertTrue(table.contains("REGRESSION: p95 grew"), table);
    String xml = RegressionReport.junitXml(v, "cur");
    assertTrue(xml.contains("tests=\"2\" failures=\"1\""), xml);
    assertTrue(xml.contains("<testcase classname=\"hubload.spawn to ready\" name=\"p95\""), xml);
    assertTrue(xml.contains("<failure message=\"p95 grew beyond noise, by more than 20% and 50 ms"), xml);
    assertNotNull(verdict(v, "spawn to ready", Comparison.Check.P95).interval());
    assertTrue(xml.contains("spawn to ready p95 3,000 ms -&gt; 6,000 ms (+100 %, 95 % interval +100 % to +100 %)"), xml);
  }
}
