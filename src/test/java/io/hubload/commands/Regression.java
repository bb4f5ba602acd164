package io.hubload.commands;

import io.hubload.capacity.Verdict;
import io.hubload.config.InvalidSettingException;
import io.hubload.config.RegressionSettings;
import io.hubload.config.Settings;
import io.hubload.report.CapacityComparison;
import io.hubload.report.Comparability;
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
      current = settings.current().isEmpty() ? newest() : locate(Path.of(settings.current()));
      if (settings.baseline().isEmpty()) {
        Optional<Located> comparable = comparableBaseline(current);
        if (comparable.isEmpty()) {
          return noBaseline(current);
        }
        baseline = comparable.get();
      } else {
        baseline = locate(Path.of(settings.baseline()));
      }
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
    String otherHub =
        Comparability.of(baseline.summary()).differences(Comparability.of(current.summary()), Comparability.KEYS);
    if (!otherHub.isEmpty()) {
      out.println("hubload: the baseline is of another series (" + otherHub + "): its noise is this run's series'");
    }
    List<RunSummary> history;
    try {
      history = history(current);
    } catch (IOException e) {
      out.println("hubload: regression check: " + e.getMessage());
      return CANNOT_COMPARE;
    }
    out.println(
        "hubload: series \""
            + Comparability.label(current.summary())
            + "\": "
            + (history.size() >= Comparison.MIN_HISTORY
                ? "run-to-run noise from its " + history.size() + " earlier run(s)"
                : history.size() + " earlier run(s), " + Comparison.MIN_HISTORY + " give its run-to-run noise: the bootstrap alone judges"));
    Comparison.Rules rules = rules();
    List<Comparison.Verdict> verdicts = new ArrayList<>(Comparison.compare(baseline.summary(), current.summary(), rules, history));
    Verdict was = baseline.summary().capacity();
    Verdict is = current.summary().capacity();
    if (was != null && is != null) {
      try {
        verdicts.add(0, CapacityComparison.of(was, is).asVerdict(was, is));
      } catch (IllegalArgumentException e) {
        out.println("hubload: regression check: " + e.getMessage());
        return CANNOT_COMPARE;
      }
    }
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
    List<Comparison.Verdict> failed = verdicts.stream().filter(v -> !v.passed()).toList();
    if (!failed.isEmpty()) {
      failed.forEach(v -> out.println("hubload: " + v.line()));
      out.println("hubload: REGRESSION: " + failed.size() + " check(s) failed against " + baseline.name());
      return REGRESSED;
    }
    out.println("hubload: no regression against " + baseline.name());
    return PASSED;
  }

  /** No comparable earlier run: it says so, writes a passing JUnit case and the trend, and passes. */
  private int noBaseline(Located current) {
    String said =
        "no comparable earlier run in " + reports + " (" + String.join(", ", Comparability.KEYS) + " alike): "
            + current.name() + " is the first of its series; nothing to compare with";
    out.println("hubload: " + said);
    try {
      Path junit = current.folder().resolve(JUNIT_FILE);
      Files.writeString(
          junit,
          RegressionReport.junitXml(
              List.of(new Comparison.Verdict("baseline", Comparison.Check.P95, null, null, true, said)), current.name()),
          StandardCharsets.UTF_8);
      writeTrend(current);
    } catch (IOException e) {
      out.println("hubload: regression check: could not write its files: " + e.getMessage());
      return CANNOT_COMPARE;
    }
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

  /** The newest run in reports/ with a readable summary. */
  private Located newest() throws IOException {
    List<Located> runs = runs(Optional.empty());
    if (runs.isEmpty()) {
      throw new IOException("no run with a summary.json in " + reports + "; run mvn gatling:test first, or set regression.current");
    }
    return runs.get(runs.size() - 1);
  }

  /**
   * The newest run that started before {@code current}, ran to its end (an interrupted run is no
   * baseline) and is of its series ({@link Comparability}); the newer runs passed over are named,
   * with why.
   */
  private Optional<Located> comparableBaseline(Located current) throws IOException {
    List<Located> earlier = earlier(current);
    Comparability wanted = Comparability.of(current.summary());
    for (int i = earlier.size() - 1; i >= 0; i--) {
      Located run = earlier.get(i);
      String unlike = Comparability.of(run.summary()).differences(wanted, Comparability.KEYS);
      if (!unlike.isEmpty()) {
        out.println("hubload: not comparable: " + run.name() + " (" + unlike + ")");
      } else if (run.summary().run().wasInterrupted()) {
        out.println("hubload: not a baseline: " + run.name() + " was interrupted (" + run.summary().run().interrupted() + ")");
      } else {
        return Optional.of(run);
      }
    }
    return Optional.empty();
  }

  /** Runs of the current one's simulation that started before it, oldest first. */
  private List<Located> earlier(Located current) throws IOException {
    List<Located> earlier = new ArrayList<>();
    for (Located run : runs(Optional.of(simulation(current.summary())))) {
      if (start(run.summary()).compareTo(start(current.summary())) < 0 && !run.folder().equals(current.folder())) {
        earlier.add(run);
      }
    }
    return earlier;
  }

  /**
   * The run-to-run history: the last {@code regression.history} runs of the current one's series
   * before it, whole (not interrupted), oldest first.
   */
  private List<RunSummary> history(Located current) throws IOException {
    Comparability wanted = Comparability.of(current.summary());
    List<RunSummary> series = new ArrayList<>();
    for (Located run : earlier(current)) {
      if (!run.summary().run().wasInterrupted() && Comparability.of(run.summary()).sameSeries(wanted)) {
        series.add(run.summary());
      }
    }
    return series.subList(Math.max(0, series.size() - settings.history()), series.size());
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
        settings.tolerancePercent(),
        settings.tolerances(),
        settings.floor().toMillis(),
        settings.maxKoPercent(),
        settings.confidencePercent(),
        settings.minSamples());
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
    Files.writeString(trend, TrendPage.html(simulation, last, rules(), settings.history()), StandardCharsets.UTF_8);
    out.println("hubload: trend of " + last.size() + " run(s) in " + trend);
  }

  /**
   * What makes two runs incomparable: another simulation, profile (or its parameters), session
   * (its browser tab included: a tab's traffic is load) or workload ({@link Comparability#RUN}).
   * The hub, its version and the auth mode may differ when the baseline is given by name:
   * comparing them is the point.
   */
  static String differences(RunSummary baseline, RunSummary current) {
    return Comparability.of(baseline).differences(Comparability.of(current), Comparability.RUN);
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
