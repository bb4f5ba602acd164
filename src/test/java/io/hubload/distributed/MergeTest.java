package io.hubload.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.report.EntryStats;
import io.hubload.report.Mergeable;
import io.hubload.report.RunFacts;
import io.hubload.report.RunSummary;
import io.hubload.report.SimulationLog;
import io.hubload.testing.SmokeLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.hubload.commands.Regression;

/**
 * The merge over three injectors' summaries (each the fixture smoke run's numbers: 115 requests, 3
 * KO), its verdict and exit code, and what it refuses.
 */
class MergeTest {

  private static final Mergeable NUMBERS = SmokeLog.mergeable();

  @TempDir Path dir;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private Path injector(int index, int of) throws Exception {
    return SmokeLog.share(dir.resolve("userjourneysimulation-" + index), index, of, "2026-11-28T09:00:00Z");
  }

  /** Rewrites a run's summary.json with its mergeable entries changed. */
  private static void withEntries(Path run, java.util.function.UnaryOperator<List<Mergeable.Entry>> change) throws Exception {
    RunSummary s = RunSummary.read(run.resolve(RunSummary.FILE));
    Mergeable m = s.mergeable();
    Mergeable changed = new Mergeable(m.format(), m.runStart(), m.runEnd(), change.apply(m.entries()), m.perSecond());
    new RunSummary(s.run(), 3, s.entries(), Map.of(), null, null, null, null, changed).write(run.resolve(RunSummary.FILE));
  }

  private int merge(double gate, Path... runs) {
    return Merge.run(List.of(runs), dir.resolve("merged"), gate, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private String said() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void threeInjectorsMakeOneRunJudgedOnItsTotals() throws Exception {
    assertEquals(Merge.PASSED, merge(90, injector(0, 3), injector(1, 3), injector(2, 3)), said());
    RunSummary merged = RunSummary.read(dir.resolve("merged").resolve(RunSummary.FILE));
    EntryStats all = merged.entry(SimulationLog.ALL_REQUESTS).orElseThrow();
    assertEquals(3 * 115, all.count());
    assertEquals(3 * 3, all.ko());
    assertEquals(3, merged.run().injectors().count());
    assertEquals(List.of("userjourneysimulation-0", "userjourneysimulation-1", "userjourneysimulation-2"), merged.run().injectors().runs());
    assertTrue(said().contains("PASSED: 97.39 % of 345 requests OK, at least 90 % (gate.min-ok-percent)"), said());
    String page = Files.readString(dir.resolve("merged").resolve("index.html"));
    assertTrue(page.contains("<td style=\"text-align:left\">spawn to ready</td><td>9</td><td>9</td><td>0</td>"), "the table's row");
    assertTrue(page.contains("Requests per second, all injectors"));
  }

  @Test
  void theGateFailsOnTheMergedShare() throws Exception {
    assertEquals(Merge.GATE_FAILED, merge(99, injector(0, 3), injector(1, 3), injector(2, 3)), said());
    assertTrue(said().contains("FAILED: 97.39 % of 345 requests OK, below 99 % (gate.min-ok-percent)"), said());
  }

  @Test
  void aMissingInjectorLeavesNoVerdict() throws Exception {
    assertEquals(Merge.NO_VERDICT, merge(90, injector(0, 3), injector(2, 3)), said());
    assertTrue(said().contains("NO VERDICT: the runs of injectors [1] of 3 are missing"), said());
  }

  @Test
  void theSameInjectorTwiceIsRefused() throws Exception {
    Path zero = injector(0, 3);
    assertEquals(Merge.NO_VERDICT, merge(90, zero, zero.resolve(RunSummary.FILE)), said());
    assertTrue(said().contains("is injector 0, as another of the runs"), said());
  }

  @Test
  void aSummaryWithoutMergeableNumbersIsRefused() throws Exception {
    Path old = Files.createDirectories(dir.resolve("old"));
    Files.writeString(old.resolve(RunSummary.FILE), "{\"run\":{\"simulation\":\"UserJourneySimulation\"},\"entries\":[]}");
    assertEquals(Merge.NO_VERDICT, merge(90, injector(0, 2), old), said());
    assertTrue(said().contains("has no mergeable numbers"), said());
  }

  @Test
  void theRegressionCheckAndTheTrendTakeAMergedRun() throws Exception {
    // A single injector's run as the baseline, the merge of three as the current run: the same
    // numbers, so no regression (the merged percentiles are the same distribution's).
    Path reports = Files.createDirectories(dir.resolve("reports"));
    Path baseline = injectorRun(reports, "userjourneysimulation-1", "2026-11-27T09:00:00Z", null);
    Path[] shares = {
      injectorRun(dir, "share-0", "2026-11-28T09:00:00Z", new RunFacts.Injectors(3, 0, null, null)),
      injectorRun(dir, "share-1", "2026-11-28T09:00:00Z", new RunFacts.Injectors(3, 1, null, null)),
      injectorRun(dir, "share-2", "2026-11-28T09:00:00Z", new RunFacts.Injectors(3, 2, null, null))
    };
    assertEquals(Merge.PASSED, Merge.run(List.of(shares), reports.resolve("merged-1"), 90, new PrintStream(console, true, StandardCharsets.UTF_8)), said());
    // a share kept in reports/ too, newer than both: never the run checked, nor its baseline
    injectorRun(reports, "share-9", "2026-11-29T09:00:00Z", new RunFacts.Injectors(3, 0, null, null));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int code =
        new Regression(
                new io.hubload.config.RegressionSettings("", "", 20, Map.of(), java.time.Duration.ofMillis(50), 1, 30),
                reports,
                new PrintStream(printed, true, StandardCharsets.UTF_8))
            .run();
    String text = printed.toString(StandardCharsets.UTF_8);
    assertEquals(Regression.PASSED, code, text);
    assertTrue(text.contains("merged-1") && text.contains(baseline.getFileName().toString()), text);
    assertTrue(Files.exists(reports.resolve(Regression.TREND_FILE)));
  }

  private Path injectorRun(Path parent, String name, String start, RunFacts.Injectors injectors) throws Exception {
    Path run = Files.createDirectories(parent.resolve(name));
    RunFacts facts =
        new RunFacts(
            "UserJourneySimulation",
            new RunFacts.Profile("ramp", "ramp: 9 users arriving over 1m", Map.of("users", 9, "over", "1m")),
            null, null, null, null, "hubload-", start, start, name, null, null, injectors);
    new RunSummary(facts, 3, NUMBERS.table(), Map.of(), null, null, null, null, NUMBERS).write(run.resolve(RunSummary.FILE));
    return run;
  }

  @Test
  void serversLeftRunningFailTheMergedRunWhateverItsShareOfOk() throws Exception {
    Path zero = injector(0, 2);
    Path one = injector(1, 2);
    // injector 1's end-of-run check could not stop a server: its entry is KO
    withEntries(
        one,
        entries ->
            entries.stream()
                .map(e -> e.name().equals("leftover servers")
                    ? new Mergeable.Entry(e.name(), false, 0, 1, e.min(), e.max(), e.sumMs(), e.sumSquaresMs(), e.koHistogram(), e.okHistogram())
                    : e)
                .toList());
    assertEquals(Merge.GATE_FAILED, merge(50, zero, one), said());
    assertTrue(said().contains("FAILED: 1 injector(s) left servers running"), said());
  }

  @Test
  void anInjectorThatNeverReachedItsCheckFailsTheMergedRun() throws Exception {
    Path zero = injector(0, 2);
    Path one = injector(1, 2);
    withEntries(one, entries -> entries.stream().filter(e -> !e.name().equals("leftover servers")).toList());
    assertEquals(Merge.GATE_FAILED, merge(50, zero, one), said());
    assertTrue(said().contains("1 injector(s) did not reach their end-of-run check"), said());
  }

  @Test
  void runsOfAnotherLoadOrDamagedOnesGiveNoVerdict() throws Exception {
    assertEquals(Merge.NO_VERDICT, merge(50, injector(0, 2), injector(1, 3)), said());
    assertTrue(said().contains("was part of another load (injectors 3"), said());
    Path one = injector(1, 2);
    Files.writeString(one.resolve(RunSummary.FILE), Files.readString(one.resolve(RunSummary.FILE)).replace("\"okHistogram\" : \"", "\"okHistogram\" : \"AAAA"));
    assertEquals(Merge.NO_VERDICT, merge(50, injector(0, 2), one), said());
    assertTrue(said().contains("hubload: cannot merge: not an HdrHistogram"), said());
  }
}
