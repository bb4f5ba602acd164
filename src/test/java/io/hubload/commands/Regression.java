package io.hubload.commands;

import io.hubload.config.InvalidSettingException;
import io.hubload.config.RegressionSettings;
import io.hubload.config.Settings;
import io.hubload.report.Comparison;
import io.hubload.report.RegressionReport;
import io.hubload.report.RunFacts;
import io.hubload.report.RunSummary;
import io.hubload.report.TrendPage;
import io.hubload.run.ProjectPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The regression check: compares a run's summary.json with a baseline's, prints the table, writes
 * JUnit XML beside the run's summary (regression.xml) and reports/trend.html, and ends with exit
 * code 0 (no regression), 2 (regression) or 1 (nothing to compare: a missing or unreadable
 * summary, one line saying which).
 *
 * <p>Run it with {@code mvn test-compile exec:java@regression}.
 */
public final class Regression {

  /** Exit codes. */
  public static final int PASSED = 0;
  public static final int CANNOT_COMPARE = 1;
  public static final int REGRESSED = 2;

  public static final String JUNIT_FILE = "regression.xml";
  public static final String TREND_FILE = "trend.html";

  private final RegressionSettings settings;
  private final Path reports;
  private final PrintStream out;

  public Regression(RegressionSettings settings, Path reports, PrintStream out) {
    this.settings = settings;
    this.reports = reports;
    this.out = out;
  }

  /** Runs the check; returns the exit code. */
  public int run() {
    Located current;
    Located baseline;
    try {
      current = settings.current().isEmpty() ? newest(Optional.empty()) : locate(Path.of(settings.current()));
      baseline =
          settings.baseline().isEmpty()
              ? newest(Optional.of(current))
              : locate(Path.of(settings.baseline()));
    } catch (IOException e) {
      out.println("hubload: regression check: " + e.getMessage());
      return CANNOT_COMPARE;
    }
    if (baseline.summary().run().wasInterrupted()) {
      out.println(
          "hubload: regression check: the baseline "
              + baseline.name()
              + " was interrupted ("
              + baseline.summary().run().interrupted()
              + ") and covers only part of its run; choose another with regression.baseline");
      return CANNOT_COMPARE;
    }
    String unlike = differences(baseline.summary(), current.summary());
    if (!unlike.isEmpty()) {
      out.println(
          "hubload: regression check: the runs are not alike ("
              + unlike
              + "); compare a run with one of the same profile and workload");
      return CANNOT_COMPARE;
    }
    Comparison.Rules rules = rules();
    List<Comparison.Verdict> verdicts = Comparison.compare(baseline.summary(), current.summary(), rules);
    out.print(RegressionReport.table(verdicts, baseline.name(), current.name()));
    try {
      Path junit = current.folder().resolve(JUNIT_FILE);
      Files.writeString(junit, RegressionReport.junitXml(verdicts, current.name()), StandardCharsets.UTF_8);
      out.println("hubload: JUnit XML in " + junit);
      writeTrend(current);
    } catch (IOException e) {
      out.println("hubload: regression check: could not write its files: " + e.getMessage());
      return CANNOT_COMPARE;
    }
    long failed = verdicts.stream().filter(v -> !v.passed()).count();
    if (failed > 0) {
      out.println("hubload: REGRESSION: " + failed + " check(s) failed against " + baseline.name());
      return REGRESSED;
    }
    out.println("hubload: no regression against " + baseline.name());
    return PASSED;
  }

  /** A summary and where it was found. */
  private record Located(Path folder, String name, RunSummary summary) {}

  private static Located locate(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(RunSummary.FILE) : path;
    RunSummary summary = RunSummary.read(file);
    Path folder = file.toAbsolutePath().getParent();
    return new Located(folder, folder.getFileName() + "/" + file.getFileName(), summary);
  }

  /**
   * The newest run in reports/ with a readable summary; with {@code before}, the newest of the same
   * simulation that started before it and ran to its end (an interrupted run is no baseline).
   */
  private Located newest(Optional<Located> before) throws IOException {
    List<Located> runs = runs(before.map(b -> simulation(b.summary())));
    for (int i = runs.size() - 1; i >= 0; i--) {
      Located run = runs.get(i);
      if (before.isEmpty()) {
        return run;
      }
      if (start(run.summary()).compareTo(start(before.get().summary())) < 0) {
        if (!run.summary().run().wasInterrupted()) {
          return run;
        }
        out.println("hubload: not a baseline: " + run.name() + " was interrupted (" + run.summary().run().interrupted() + ")");
      }
    }
    throw new IOException(
        before.isEmpty()
            ? "no run with a summary.json in " + reports + "; run mvn gatling:test first, or set regression.current"
            : "no earlier run of " + simulation(before.get().summary()) + " in " + reports
                + " to compare with; set regression.baseline to a summary.json");
  }

  /**
   * Runs in reports/ with a readable summary, of one simulation if given, oldest first. One
   * injector's share of a load made by several is not a run of its own: only their merge is.
   */
  private List<Located> runs(Optional<String> simulation) throws IOException {
    List<Located> runs = new ArrayList<>();
    if (!Files.isDirectory(reports)) {
      return runs;
    }
    try (Stream<Path> folders = Files.list(reports)) {
      for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
        if (!Files.exists(folder.resolve(RunSummary.FILE))) {
          continue;
        }
        try {
          Located run = locate(folder);
          RunFacts.Injectors injectors = run.summary().run().injectors();
          if (injectors != null && injectors.index() != null) {
            continue;
          }
          if (simulation.isEmpty() || simulation.get().equals(simulation(run.summary()))) {
            runs.add(run);
          }
        } catch (IOException e) {
          out.println("hubload: skipping " + folder.getFileName() + ": " + e.getMessage());
        }
      }
    }
    runs.sort(Comparator.comparing(run -> start(run.summary())));
    return runs;
  }

  private Comparison.Rules rules() {
    return new Comparison.Rules(
        settings.tolerancePercent(), settings.tolerances(), settings.floor().toMillis(), settings.maxKoPercent());
  }

  private void writeTrend(Located current) throws IOException {
    String simulation = simulation(current.summary());
    List<Located> runs = runs(Optional.of(simulation));
    if (runs.stream().noneMatch(r -> r.folder().equals(current.folder()))) {
      runs.add(current);
    }
    List<RunSummary> last = new ArrayList<>();
    for (Located run : runs.subList(Math.max(0, runs.size() - settings.trendRuns()), runs.size())) {
      last.add(run.summary());
    }
    Files.createDirectories(reports);
    Path trend = reports.resolve(TREND_FILE);
    Files.writeString(trend, TrendPage.html(simulation, last, rules()), StandardCharsets.UTF_8);
    out.println("hubload: trend of " + last.size() + " run(s) in " + trend);
  }

  /**
   * What makes two runs incomparable: another simulation, profile (or its parameters), session
   * (its browser tab included: a tab's traffic is load) or workload. The hub, its version and the auth mode may differ: comparing them is the point.
   */
  static String differences(RunSummary baseline, RunSummary current) {
    RunFacts was = baseline.run();
    RunFacts is = current.run();
    List<String> differ = new ArrayList<>();
    differ(differ, "simulation", was.simulation(), is.simulation(), String::valueOf);
    differ(differ, "profile", was.profile(), is.profile(), p -> p == null ? "null" : "\"" + p.description() + "\"");
    differ(
        differ,
        "session",
        was.session(),
        is.session(),
        s -> s == null ? "null" : "{behaviour=" + s.behaviour() + ", min=" + s.min() + ", max=" + s.max() + ", tab=" + s.tab() + "}");
    differ(differ, "workload", was.workload(), is.workload(), String::valueOf);
    return String.join("; ", differ);
  }

  private static <T> void differ(List<String> differ, String fact, T was, T is, java.util.function.Function<T, String> describe) {
    if (!java.util.Objects.equals(was, is)) {
      differ.add(fact + " " + describe.apply(was) + " vs " + describe.apply(is));
    }
  }

  private static String simulation(RunSummary summary) {
    return summary.run().simulation() == null ? "?" : summary.run().simulation();
  }

  private static String start(RunSummary summary) {
    return summary.run().start() == null ? "" : summary.run().start();
  }

  /** The command line entry; ends the JVM with the exit code (0, 1 or 2). */
  public static void main(String[] args) {
    int code;
    try {
      Settings settings = Settings.read();
      code = new Regression(settings.regression(), ProjectPaths.reports(), System.out).run();
    } catch (InvalidSettingException e) {
      System.out.println("hubload: invalid setting " + e.getMessage());
      code = CANNOT_COMPARE;
    }
    System.out.flush();
    System.exit(code);
  }
}
