package io.hubload.distributed;

import io.hubload.config.InvalidSettingException;
import io.hubload.config.Settings;
import io.hubload.report.EntryStats;
import io.hubload.report.MergedPage;
import io.hubload.report.MergedRun;
import io.hubload.report.RunSummary;
import io.hubload.report.SimulationLog;
import io.hubload.run.ProjectPaths;
import io.hubload.run.EndOfRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.hubload.commands.MergeLogs;

/**
 * The merge: several injectors' runs as one (docs/distributed.md). Writes the merged summary.json
 * and its page, prints the table's first row and the gate's verdict on the merged totals, and ends
 * with the run's exit code: 0 (the gate passed), 2 (it failed) or 1 (no verdict: runs that cannot
 * be merged, or an injector's run missing; one line says which).
 *
 * <p>{@code mvn test-compile exec:java@merge -Dmerge.runs=a,b,c}, or {@code deploy/bin/hubload
 * merge a b c}; the collector runs it when every injector's run has come.
 */
public final class Merge {

  public static final int PASSED = 0;
  public static final int NO_VERDICT = 1;
  public static final int GATE_FAILED = 2;

  private Merge() {}

  /**
   * Merges {@code runs} into {@code out} and judges the gate; returns the exit code.
   *
   * @param minOkPercent gate.min-ok-percent
   */
  public static int run(List<Path> runs, Path out, double minOkPercent, PrintStream console) {
    return run(runs, out, minOkPercent, java.time.Duration.ZERO, console);
  }

  /**
   * The same, with Gatling's own report of the merged run in {@code out}/gatling/ when every run
   * has its simulation.log ({@link MergeLogs}); it does not change the verdict.
   *
   * @param gatlingReport merge.gatling-report-timeout: the bound on that report; zero, none
   */
  public static int run(List<Path> runs, Path out, double minOkPercent, java.time.Duration gatlingReport, PrintStream console) {
    try {
      List<MergedRun.Input> inputs = new ArrayList<>();
      for (Path run : runs) {
        inputs.add(MergedRun.read(run));
      }
      RunSummary merged = MergedRun.merge(inputs, out.getFileName().toString());
      List<Integer> missing = MergedRun.missing(merged, inputs);
      EntryStats all = merged.entry(SimulationLog.ALL_REQUESTS).orElseThrow();
      double ok = all.okPercent();
      java.util.Optional<String> leftBehind = leftBehind(merged);
      int code;
      String verdict;
      if (!missing.isEmpty()) {
        code = NO_VERDICT;
        verdict =
            "NO VERDICT: the runs of injectors " + missing + " of " + merged.run().injectors().count()
                + " are missing, so this is not the whole load";
      } else if (merged.run().wasInterrupted()) {
        code = NO_VERDICT;
        verdict = "NO VERDICT: a run was INTERRUPTED by " + merged.run().interrupted() + " and covers only part of its load";
      } else if (leftBehind.isPresent()) {
        code = GATE_FAILED;
        verdict = "FAILED: " + leftBehind.get();
      } else if (ok >= minOkPercent) {
        code = PASSED;
        verdict = String.format(Locale.ROOT, "PASSED: %.2f %% of %d requests OK, at least %s %% (gate.min-ok-percent)", ok, all.count(), plain(minOkPercent));
      } else {
        code = GATE_FAILED;
        verdict = String.format(Locale.ROOT, "FAILED: %.2f %% of %d requests OK, below %s %% (gate.min-ok-percent)", ok, all.count(), plain(minOkPercent));
      }
      Files.createDirectories(out);
      merged.write(out.resolve(RunSummary.FILE));
      boolean gatling = !gatlingReport.isZero() && gatlingReport(inputs, out, gatlingReport, console);
      Files.writeString(out.resolve("index.html"), MergedPage.html(merged, describe(merged), verdict, gatling ? GATLING_REPORT + "/index.html" : null), StandardCharsets.UTF_8);
      console.printf(
          Locale.ROOT,
          "hubload: merged %d runs of %d injectors: %d users at most at once, %d requests, %d KO, p95 %d ms%n",
          inputs.size(),
          merged.run().injectors().count(),
          merged.peakConcurrentUsers(),
          all.count(),
          all.ko(),
          all.p95());
      console.println("hubload: " + verdict);
      console.println("hubload: merged report in " + out.resolve("index.html"));
      return code;
    } catch (MergedRun.CannotMerge e) {
      console.println("hubload: cannot merge: " + e.getMessage());
      return NO_VERDICT;
    } catch (RuntimeException e) {
      // A summary damaged in a way no check foresaw: no verdict, and the caller goes on (the
      // collector still writes its exit code and keeps the runs for a look).
      console.println("hubload: cannot merge: " + e);
      return NO_VERDICT;
    } catch (IOException e) {
      console.println("hubload: cannot write the merged run to " + out + ": " + e.getMessage());
      return NO_VERDICT;
    }
  }

  /**
   * What each run asserts beside the gate ({@link EndOfRun#nothingLeftRunning}): every injector's
   * end-of-run check ran and stopped every server its users left. Why not, if not.
   */
  static java.util.Optional<String> leftBehind(RunSummary merged) {
    int injectors = merged.run().injectors().count();
    java.util.Optional<EntryStats> check = merged.entry(EndOfRun.ENTRY);
    long ran = check.map(EntryStats::count).orElse(0L);
    long failed = check.map(EntryStats::ko).orElse(0L);
    if (failed > 0) {
      return java.util.Optional.of(failed + " injector(s) left servers running (\"" + EndOfRun.ENTRY + "\" KO; see their runs)");
    }
    if (ran < injectors) {
      return java.util.Optional.of(
          (injectors - ran) + " injector(s) did not reach their end-of-run check (\"" + EndOfRun.ENTRY
              + "\"), e.g. cut short by load.max-duration: servers may be left");
    }
    return java.util.Optional.empty();
  }

  /** Where Gatling's report of the merged run goes, in the merged run's folder. */
  static final String GATLING_REPORT = "gatling";

  /** Gatling's report of the merged logs, when every run has its log; whether it was written. */
  private static boolean gatlingReport(List<MergedRun.Input> inputs, Path out, java.time.Duration timeout, PrintStream console) {
    List<Path> logs = new ArrayList<>();
    for (MergedRun.Input input : inputs) {
      Path log = input.folder().resolve(SimulationLog.FILE);
      if (!Files.isRegularFile(log)) {
        console.println("hubload: no Gatling report of the merged run: " + input.name() + " has no simulation.log beside its summary");
        return false;
      }
      logs.add(log);
    }
    return MergeLogs.inChildJvm(out.resolve(GATLING_REPORT), logs, timeout, console) == MergeLogs.WRITTEN;
  }

  /** A new folder for a merged run under reports/. */
  public static Path defaultOut() {
    return ProjectPaths.reports()
        .resolve("merged-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
  }

  private static String describe(RunSummary merged) {
    var f = merged.run();
    return f.simulation() + ": " + (f.profile() == null ? "?" : f.profile().description())
        + (f.hub() == null ? "" : "; JupyterHub " + f.hub().version() + " at " + f.hub().url());
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  public static void main(String[] args) {
    int code;
    try {
      Settings settings = Settings.read();
      List<Path> runs = new ArrayList<>();
      for (String arg : args) {
        runs.add(Path.of(arg));
      }
      if (runs.isEmpty()) {
        runs.addAll(settings.merge().runs());
      }
      code =
          run(
              runs,
              settings.merge().out().orElseGet(Merge::defaultOut),
              settings.gate().minOkPercent(),
              settings.merge().gatlingReportTimeout(),
              System.out);
    } catch (InvalidSettingException e) {
      System.out.println("hubload: invalid setting " + e.getMessage());
      code = NO_VERDICT;
    }
    System.out.flush();
    System.exit(code);
  }
}
