package io.hubload.run;

import io.hubload.capacity.Verdict;
import io.hubload.report.CapacityPage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.hubload.journey.SpawnLog;
import io.hubload.report.HubPage;
import io.hubload.report.Mergeable;
import io.hubload.report.TimelineSample;
import io.hubload.report.RunFacts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.hubload.report.RunSummary;
import io.hubload.report.SimulationLog;
import io.hubload.report.Unanswered;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps each finished run under {@code reports/RUN/}. The Gatling Maven plugin fixes its results
 * folder to target/gatling, and Gatling writes the HTML report only after the simulation's own
 * {@code after()} hook, as the last thing before the JVM exits; so the copy is made from a JVM
 * shutdown hook, once the report exists. A run interrupted by a signal ends through Gatling's own
 * stop ({@link Interruption}), so it has a report of the time it ran, and its summary says so; a
 * run killed outright has none and is not copied.
 */
public final class RunReports {

  /** One row per spawn of the run, beside its summary.json. */
  public static final String SPAWNS_FILE = "spawns.csv";

  private RunReports() {}

  /** The page of the hub over the run, beside Gatling's report. */
  public static final String HUB_PAGE = "hub.html";

  /** The page of a capacity search's levels, beside Gatling's report. */
  public static final String CAPACITY_PAGE = "capacity.html";

  /**
   * What the run knows at its end, for the files beside Gatling's report.
   *
   * @param facts what the run was
   * @param hubMetrics the hub's own view of the whole run
   * @param timeline the hub over the run, sample by sample
   * @param capacity the capacity search's verdict, or null for another profile
   */
  public record Ending(RunFacts facts, Map<String, Object> hubMetrics, List<TimelineSample> timeline, Verdict capacity) {}

  /**
   * Arranges for this JVM's run of {@code simulation} to be copied to reports/ on exit, with its
   * summary.json, spawns.csv and hub.html beside Gatling's report.
   *
   * @param ending what the run knows at its end; asked for at exit
   */
  public static void copyOnExit(Class<?> simulation, Supplier<Ending> ending) {
    long startedAt = System.currentTimeMillis();
    String prefix = simulation.getSimpleName().toLowerCase(Locale.ROOT) + "-";
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                {
                  copyNewest(ProjectPaths.gatlingResults(), ProjectPaths.reports(), prefix, startedAt)
                      .ifPresent(copy -> summarise(copy, ending.get()));
                  recordCpuForBench();
                },
                "hubload-reports"));
  }

  /** Writes summary.json, spawns.csv and hub.html into a copied run folder, and says where they are. */
  static void summarise(Path run, Ending ending) {
    RunFacts facts = ending.facts();
    try {
      Path logFile = run.resolve(SimulationLog.FILE);
      SimulationLog.Contents log = SimulationLog.read(logFile);
      RunFacts about =
          facts.withRun(
              Instant.ofEpochMilli(log.runStart()).toString(),
              Instant.ofEpochMilli(log.injectEnd()).toString(),
              run.getFileName().toString(),
              GitCommit.of(ProjectPaths.basedir()).orElse(null));
      List<SpawnLog.Row> spawns = SpawnLog.rows();
      Files.writeString(run.resolve(SPAWNS_FILE), SpawnLog.csv(spawns), StandardCharsets.UTF_8);
      new RunSummary(
              about,
              log.peakConcurrentUsers(),
              log.entries(),
              withClientSide(ending.hubMetrics(), log),
              SpawnLog.summary(spawns),
              HubTimeline.forSummary(ending.timeline()),
              Unanswered.forSummary(ending.timeline()),
              log.requestsPerSecond(),
              mergeable(logFile, log),
              ending.capacity())
          .write(run.resolve(RunSummary.FILE));
      if (ending.capacity() != null) {
        Files.writeString(
            run.resolve(CAPACITY_PAGE),
            CapacityPage.html("How many users the hub holds: " + run.getFileName(), describe(about), ending.capacity()),
            StandardCharsets.UTF_8);
      }
      Files.writeString(
          run.resolve(HUB_PAGE),
          HubPage.html(
              "The hub during " + run.getFileName(), describe(about), ending.timeline(), SpawnLog.forPage(spawns)),
          StandardCharsets.UTF_8);
      GatlingDescription.write(
          run, describe(about) + (ending.capacity() == null ? "" : "; capacity: " + ending.capacity().line()));
    } catch (IOException | RuntimeException e) {
      System.err.println("hubload: could not write " + run.resolve(RunSummary.FILE) + ": " + e);
    }
    if (facts.wasInterrupted()) {
      System.out.println(
          "hubload: INTERRUPTED by "
              + facts.interrupted()
              + ": the report covers the time the run ran, and its summary.json says so; it is no baseline");
    }
    System.out.println("hubload: report in " + relative(run.resolve("index.html")));
    System.out.println("hubload: the hub over the run in " + relative(run.resolve(HUB_PAGE)));
    if (ending.capacity() != null) {
      System.out.println("hubload: capacity: " + ending.capacity().line() + "; each level in " + relative(run.resolve(CAPACITY_PAGE)));
    }
  }

  /** One line on what was measured: the hub, its version, the profile, the auth mode. */
  public static String describe(RunFacts facts) {
    RunFacts.Hub hub = facts.hub();
    return "JupyterHub "
        + (hub == null ? "?" : hub.version() + " at " + hub.url() + (hub.local() ? " (local)" : "") + ", " + hub.auth() + " login")
        + "; "
        + (facts.profile() == null ? "?" : facts.profile().description())
        + tab(facts.session())
        + (facts.wasInterrupted() ? "; INTERRUPTED by " + facts.interrupted() + ": covers only the time it ran" : "");
  }

  /** "; tab lab (not served here: GET api/me)", or nothing for a run without a tab. */
  private static String tab(RunFacts.Session session) {
    if (session == null || session.tab() == null || session.tab().equals("api")) {
      return "";
    }
    List<String> notServed = session.notServed() == null ? List.of() : session.notServed();
    return "; tab " + session.tab() + (notServed.isEmpty() ? "" : " (not served here: " + String.join(", ", notServed) + ")");
  }

  /** Copies the newest complete run folder named {@code prefix*} made since {@code since}. */
  static Optional<Path> copyNewest(Path results, Path reports, String prefix, long since) {
    Optional<Path> run = newestRun(results, prefix, since);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    Path target = reports.resolve(run.get().getFileName());
    try {
      copyTree(run.get(), target);
      return Optional.of(target);
    } catch (IOException | RuntimeException e) {
      System.err.println("hubload: could not copy the report to " + target + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Path relative(Path file) {
    Path basedir = ProjectPaths.basedir();
    return file.startsWith(basedir) ? basedir.relativize(file) : file;
  }

  /**
   * For bench/run.sh, off unless hubload.bench.jvmCpu names a file: this JVM's CPU time, taken
   * last (after the report was written), which sampling /proc from outside would partly miss.
   */
  private static void recordCpuForBench() {
    String file = System.getProperty("hubload.bench.jvmCpu");
    if (file == null) {
      return;
    }
    ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .ifPresent(
            cpu -> {
              try {
                Files.writeString(Path.of(file), Long.toString(cpu.toMillis()));
              } catch (IOException e) {
                System.err.println("hubload: could not write " + file + ": " + e.getMessage());
              }
            });
  }

  /**
   * The run's mergeable numbers; without them (a log this version cannot read record by record)
   * the summary is still written, and says nothing of them.
   */
  private static Mergeable mergeable(Path logFile, SimulationLog.Contents log) {
    try {
      return Mergeable.of(logFile, log.entries().stream().map(e -> e.name()).toList());
    } catch (RuntimeException e) {
      System.err.println("hubload: summary.json without mergeable numbers (no merge of this run possible): " + e.getMessage());
      return null;
    }
  }

  /** The hub's spawn times, and ours beside them. */
  private static Map<String, Object> withClientSide(Map<String, Object> hubMetrics, SimulationLog.Contents log) {
    Map<String, Object> metrics = new LinkedHashMap<>(hubMetrics);
    if (metrics.containsKey("spawnDuration")) {
      log.entries().stream()
          .filter(e -> e.name().equals("spawn to ready"))
          .findFirst()
          .ifPresent(
              e -> {
                Map<String, Object> client = new LinkedHashMap<>();
                client.put("count", e.count());
                client.put("meanMs", e.mean());
                client.put("p50Ms", e.p50());
                client.put("p95Ms", e.p95());
                client.put("p99Ms", e.p99());
                client.put("note", "the suite's \"spawn to ready\" (all, OK and KO), beside the hub's spawnDuration");
                metrics.put("clientSpawnToReady", client);
              });
    }
    return metrics;
  }

  static Optional<Path> newestRun(Path results, String prefix, long since) {
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    try (Stream<Path> runs = Files.list(results)) {
      return runs.filter(Files::isDirectory)
          .filter(dir -> dir.getFileName().toString().startsWith(prefix))
          .filter(dir -> Files.exists(dir.resolve("index.html")))
          .filter(dir -> modified(dir.resolve("index.html")) >= since)
          .max(Comparator.comparing(dir -> dir.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path destination = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
