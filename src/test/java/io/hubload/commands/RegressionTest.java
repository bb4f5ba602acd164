package io.hubload.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.capacity.Verdict;
import io.hubload.config.RegressionSettings;
import io.hubload.report.Mergeable;
import io.hubload.report.RunFacts;
import io.hubload.report.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regression check as a command: finding runs, exit codes, its files. */
class RegressionTest {

  @TempDir Path reports;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private int check(String current, String baseline) {
    RegressionSettings settings =
        new RegressionSettings(current, baseline, 20, Map.of(), Duration.ofMillis(50), 1, 30);
    return new Regression(settings, reports, new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private Path run(String folder, String simulation, String start, int spawnP95) throws Exception {
    return run(folder, simulation, start, spawnP95, null);
  }

  private Path run(String folder, String simulation, String start, int spawnP95, String interrupted) throws Exception {
    return run(folder, simulation, start, spawnP95, interrupted, SIX);
  }

  private static final RunFacts.Hub SIX = new RunFacts.Hub("http://127.0.0.1:8000", "6.1.1", true, "form", null);

  /** A run of 30 spawns, all taking {@code spawnP95} ms, with their histograms as a real summary has them. */
  private Path run(String folder, String simulation, String start, int spawnP95, String interrupted, RunFacts.Hub hub)
      throws Exception {
    Path dir = Files.createDirectories(reports.resolve(folder));
    Histogram times = new Histogram(Mergeable.DIGITS);
    times.recordValueWithCount(spawnP95, 30);
    Mergeable mergeable =
        new Mergeable(
            Mergeable.FORMAT,
            0,
            0,
            List.of(
                new Mergeable.Entry(
                    "spawn to ready", false, 30, 0, spawnP95, spawnP95, 30L * spawnP95, 0, Mergeable.encode(times),
                    Mergeable.encode(new Histogram(Mergeable.DIGITS)))),
            new Mergeable.PerSecond(0, new long[0], new long[0], new long[0], new long[0]));
    new RunSummary(
            new RunFacts(simulation, null, null, null, null, hub, null, start, null, folder, null, interrupted, null),
            5,
            mergeable.table(),
            Map.of(),
            Map.of(),
            List.of(),
            List.of(),
            Map.of(), mergeable)
        .write(dir.resolve(RunSummary.FILE));
    return dir;
  }

  @Test
  void comparesTheNewestRunWithTheNewestEarlierOneOfTheSameSimulation() throws Exception {
    run("userjourneysimulation-1", "UserJourneySimulation", "2026-11-01T02:00:00Z", 3000);
    run("userjourneysimulation-2", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3100);
    run("smokesimulation-3", "SmokeSimulation", "2026-11-02T12:00:00Z", 9000);
    Path current = run("userjourneysimulation-4", "UserJourneySimulation", "2026-11-03T02:00:00Z", 6000);

    assertEquals(Regression.REGRESSED, check("", ""), output());
    assertTrue(output().contains("baseline: userjourneysimulation-2/summary.json"), output());
    assertTrue(Files.readString(current.resolve(Regression.JUNIT_FILE)).contains("failures=\"1\""));
    String trend = Files.readString(reports.resolve(Regression.TREND_FILE));
    assertTrue(trend.contains("new uPlot(") && trend.contains("<table>"), "charts, and their numbers as tables");
    assertTrue(trend.contains("UserJourneySimulation: the last 3 runs"), "of its own simulation only");
    assertFalse(
        trend.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing fetched: the script and styles are inlined, offline");
  }

  @Test
  void anInterruptedRunIsNoBaseline() throws Exception {
    run("userjourneysimulation-1", "UserJourneySimulation", "2026-11-01T02:00:00Z", 3000);
    run("userjourneysimulation-2", "UserJourneySimulation", "2026-11-02T02:00:00Z", 900, "SIGTERM");
    run("userjourneysimulation-3", "UserJourneySimulation", "2026-11-03T02:00:00Z", 3100);

    assertEquals(Regression.PASSED, check("", ""), output());
    assertTrue(output().contains("hubload: not a baseline: userjourneysimulation-2/summary.json was interrupted (SIGTERM)"), output());
    assertTrue(output().contains("baseline: userjourneysimulation-1/summary.json"), output());
  }

  @Test
  void anInterruptedBaselineGivenByNameIsRefused() throws Exception {
    Path base = run("a", "UserJourneySimulation", "2026-11-01T02:00:00Z", 3000, "SIGINT");
    Path current = run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3100);
    assertEquals(Regression.CANNOT_COMPARE, check(current.toString(), base.toString()));
    assertEquals(
        "hubload: regression check: the baseline a/summary.json was interrupted (SIGINT) and covers only part of its"
            + " run; choose another with regression.baseline\n",
        output());
  }

  @Test
  void anExplicitBaselinePasses() throws Exception {
    Path base = run("a", "UserJourneySimulation", "2026-11-01T02:00:00Z", 3000);
    Path current = run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3100);
    assertEquals(Regression.PASSED, check(current.toString(), base.resolve(RunSummary.FILE).toString()), output());
    assertTrue(output().contains("hubload: no regression"), output());
  }

  @Test
  void aMissingBaselineIsOneLine() throws Exception {
    Path current = run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3100);
    assertEquals(Regression.CANNOT_COMPARE, check(current.toString(), reports.resolve("nope.json").toString()));
    assertEquals("hubload: regression check: " + reports.resolve("nope.json") + " does not exist\n", output());
  }

  @Test
  void noEarlierRunPassesSayingSo() throws Exception {
    Path only = run("only", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3100);
    assertEquals(Regression.PASSED, check("", ""), output());
    assertTrue(
        output().startsWith(
            "hubload: no comparable earlier run in " + reports + " (simulation, profile, session, workload, service levels, hub release, auth mode"
                + " alike): only/summary.json is the first of its series; nothing to compare with\n"),
        output());
    assertTrue(Files.readString(only.resolve(Regression.JUNIT_FILE)).contains("failures=\"0\""));
    assertTrue(Files.exists(reports.resolve(Regression.TREND_FILE)));
  }

  @Test
  void theBaselineIsTheNewestComparableRunNotTheNewest() throws Exception {
    run("a", "UserJourneySimulation", "2026-11-01T02:00:00Z", 3000);
    // Newer, but on another hub release: 5.5.4's spawns were faster, and comparing with them would fail.
    run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 1000, null, new RunFacts.Hub("http://h", "5.5.4", true, "form", null));
    run("c", "UserJourneySimulation", "2026-11-03T02:00:00Z", 3050);

    assertEquals(Regression.PASSED, check("", ""), output());
    assertTrue(output().contains("hubload: not comparable: b/summary.json (hub release 5.5.4 vs 6.1.1)"), output());
    assertTrue(output().contains("baseline: a/summary.json"), output());
  }

  @Test
  void aRunWithOnlyUnlikeEarlierRunsPasses() throws Exception {
    run("a", "UserJourneySimulation", "2026-11-01T02:00:00Z", 1000, null, new RunFacts.Hub("http://h", "6.1.1", true, "token", null));
    run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 9000);
    assertEquals(Regression.PASSED, check("", ""), output());
    assertTrue(output().contains("hubload: not comparable: a/summary.json (auth mode token vs form)"), output());
    assertTrue(output().contains("b/summary.json is the first of its series"), output());
  }

  @Test
  void theSeriesGivesTheRunToRunNoise() throws Exception {
    // Five nights that moved by a third from night to night: +40 % tonight is within that.
    int[] nights = {3000, 4000, 3000, 4100, 3100};
    for (int i = 0; i < nights.length; i++) {
      run("n" + i, "UserJourneySimulation", "2026-11-0" + (i + 1) + "T02:00:00Z", nights[i]);
    }
    run("tonight", "UserJourneySimulation", "2026-11-09T02:00:00Z", 4340);
    assertEquals(Regression.PASSED, check("", ""), output());
    assertTrue(output().contains("run-to-run noise from its 5 earlier run(s)"), output());
    assertTrue(output().contains("within noise"), output());
    // Without the series (regression.history = 0), the two runs' own samples call it a regression.
    printed.reset();
    RegressionSettings alone = new RegressionSettings("", "", 20, Map.of(), Duration.ofMillis(50), 1, 30, 95, 20, 0);
    assertEquals(
        Regression.REGRESSED, new Regression(alone, reports, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(), output());
    assertTrue(output().contains("the bootstrap alone judges"), output());
    assertTrue(
        output().contains("hubload: spawn to ready p95 3,100 ms -> 4,340 ms (+40 %, 95 % interval +40 % to +40 %): REGRESSION"),
        output());
  }

  @Test
  void runsOfAnotherProfileDoNotCompare() throws Exception {
    Path base = run("a", "UserJourneySimulation", "2026-11-01T02:00:00Z", 3000);
    Path current = run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3000);
    RunSummary summary = RunSummary.read(current.resolve(RunSummary.FILE));
    RunFacts was = summary.run();
    RunFacts facts =
        new RunFacts(
            was.simulation(),
            new RunFacts.Profile("ramp", "ramp: 5 users arriving over 10s", Map.of()),
            was.session(),
            was.workload(),
            was.maxDuration(),
            was.hub(),
            was.usersPrefix(),
            was.start(),
            was.end(),
            was.gatlingRun(),
            was.commit(),
            was.interrupted(),
            was.injectors());
    new RunSummary(facts, summary.peakConcurrentUsers(), summary.entries(), summary.hubMetrics(), summary.spawns(), summary.timeline(), summary.hubUnanswered(), summary.requestsPerSecond(), summary.mergeable())
        .write(current.resolve(RunSummary.FILE));

    assertEquals(Regression.CANNOT_COMPARE, check(current.toString(), base.toString()));
    assertTrue(
        output().startsWith("hubload: regression check: the runs are not alike (profile null vs \"ramp: 5 users arriving over 10s\")"),
        output());
  }

  @Test
  void aCorruptBaselineIsOneLine() throws Exception {
    Path current = run("b", "UserJourneySimulation", "2026-11-02T02:00:00Z", 3100);
    Path corrupt = reports.resolve("corrupt.json");
    Files.writeString(corrupt, "{\"entries\": [");
    assertEquals(Regression.CANNOT_COMPARE, check(current.toString(), corrupt.toString()));
    assertTrue(output().startsWith("hubload: regression check: " + corrupt + " is not a hubload summary"), output());
    assertEquals(1, output().lines().count(), output());
  }

  /**
   * Two capacity searches of the same climb and service levels: one that holds fewer users than
   * its baseline regressed, by as many levels as it fell, in words; one that holds as many passes.
   */
  @Test
  void aCapacityVerdictThatFellByALevelIsARegression() throws Exception {
    RunSummary real = RunSummary.read(Path.of("src/test/resources/summaries/capacity-held-ceiling.summary.json"));
    Verdict held = real.capacity();
    Path baseline = Files.createDirectories(reports.resolve("userjourneysimulation-1"));
    real.write(baseline.resolve(RunSummary.FILE));
    List<Verdict.Level> levels =
        List.of(
            held.levels().get(0),
            new Verdict.Level(4, Verdict.Outcome.BROKE, held.levels().get(1).figures(), List.of("spawn to ready p95 was 41 s (limit 30s)")));
    Verdict fell =
        new Verdict(2, 4, levels.get(1).broken(), held.ceiling(), List.of(2, 4, 6), held.limits(), levels, "holds 2 users ...");
    Path current = Files.createDirectories(reports.resolve("userjourneysimulation-2"));
    withCapacity(real, fell).write(current.resolve(RunSummary.FILE));

    assertEquals(Regression.REGRESSED, check(current.toString(), baseline.toString()), output());
    assertTrue(
        output().contains("hubload: capacity users held 6 users -> 2 users (-67 %"),
        output());
    assertTrue(output().contains("capacity fell from at least 6 users to 2 users (2 levels): at 4, spawn to ready p95 was 41 s (limit 30s)"), output());

    withCapacity(real, held).write(current.resolve(RunSummary.FILE));
    printed.reset();
    assertEquals(Regression.PASSED, check(current.toString(), baseline.toString()), output());
    assertTrue(output().contains("capacity unchanged: at least 6 users"), output());
  }

  private static RunSummary withCapacity(RunSummary s, Verdict capacity) {
    return new RunSummary(
        s.run(), s.peakConcurrentUsers(), s.entries(), s.hubMetrics(), s.spawns(), s.timeline(), s.hubUnanswered(),
        s.requestsPerSecond(), s.mergeable(), capacity);
  }
}
