package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.hubapi.HubClient;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import io.hubload.localhub.LocalHub;
import io.hubload.localhub.ProcessSweeper;
import io.hubload.report.EntryStats;
import io.hubload.report.Mergeable;
import io.hubload.report.RunSummary;
import io.hubload.report.SimulationLog;
import io.hubload.run.Folders;
import io.hubload.run.ProjectPaths;
import io.hubload.testing.ForkedGatling;
import io.hubload.process.FreePort;
import io.hubload.testing.RawTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import io.hubload.simulations.UserJourneySimulation;

/**
 * Three injectors and a collector, each started by the launcher (deploy/bin/hubload) as a
 * Kubernetes Indexed Job's pods would be (JOB_COMPLETION_INDEX 0 to 2), against one local hub;
 * then the same profile run by one injector. The merged result counts every user and request
 * once, its totals are the single injector's, and its percentiles are those of one HdrHistogram
 * over every raw response time of the three logs.
 *
 * <p>Times: the injectors start their users 40 s after they are launched (three JVMs and their
 * preflight take 5 to 15 s here); each run takes about 30 s. Every process is bounded by {@link
 * #LIMIT}. About 2.5 minutes in all: `mvn verify -Pdistributed` runs it, not `mvn verify`.
 *
 * <p>Isolated: it checks that four JVMs start their users within 2 s of one start time, which a
 * browser recording beside it (`-Pextended`) would make a test of the machine instead.
 */
@Isolated
class DistributedIT {

  private static final Path BASEDIR = ProjectPaths.basedir();
  private static final Path WORK = BASEDIR.resolve("target").resolve("it").resolve("distributed");
  private static final Duration LIMIT = Duration.ofMinutes(4);
  private static final Duration LEAD = Duration.ofSeconds(40);
  private static final int INJECTORS = 3;
  /**
   * 6 users, 2 per injector, with no browser tab, so that every user makes the same requests; in
   * token mode, whose end-of-run check lists the hub's users as the admin.
   */
  private static final Map<String, String> LOAD =
      Map.of(
          "LOAD_PROFILE", "ramp",
          "LOAD_USERS", "6",
          "LOAD_RAMP", "6s",
          "SESSION_TAB", "api",
          "SESSION_IDLE_MIN", "1s",
          "SESSION_IDLE_MAX", "2s",
          "HUB_AUTH", "token",
          "HUBLOAD_MAX_RAM_PERCENTAGE", "5");

  /**
   * Injector 0's users idle 1 to 2 s, the others' 15 s: injector 0 ends, and runs its end-of-run
   * check, while the others' users still idle on their servers (each run's users arrive within
   * 6 s and spawn in 2 to 10 s here, so the margin is over 10 s). The check must leave those
   * servers alone.
   */
  private static final String LONG_IDLE = "15s";

  @Test
  void threeInjectorsMakeOneExactResult() throws Exception {
    Folders.deleteTree(WORK);
    Files.createDirectories(WORK);
    String password = "pw-" + LocalHub.randomHex(6);
    String token = LocalHub.randomHex(32);
    List<Process> processes = new ArrayList<>();
    try (LocalHub hub =
        LocalHub.start(
            Settings.from(SettingsSource.defaults()).localHub(), ProjectPaths.localHubWork(), password, password, token)) {
      int port = FreePort.onLoopback();
      Instant startAt = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
      Map<String, String> common = new HashMap<>(LOAD);
      common.put("HUB_URL", hub.url().toString());
      common.put("HUB_ADMIN_TOKEN", token);

      Map<String, String> collectorEnv = new HashMap<>(common);
      collectorEnv.putAll(
          Map.of(
              "COLLECT_INJECTORS", "3",
              "COLLECT_DIR", WORK.resolve("collected").toString(),
              "COLLECT_PORT", Integer.toString(port),
              "COLLECT_TIMEOUT", "4m",
              "COLLECT_LINGER", "0s"));
      Process collector = launch("collector", collectorEnv, "collect");
      processes.add(collector);

      List<Process> injectors = new ArrayList<>();
      for (int i = 0; i < INJECTORS; i++) {
        Map<String, String> env = new HashMap<>(common);
        env.putAll(
            Map.of(
                "DISTRIBUTED_INJECTORS", "3",
                "JOB_COMPLETION_INDEX", Integer.toString(i),
                "DISTRIBUTED_START_AT", startAt.toString(),
                "DISTRIBUTED_COLLECTOR", "http://127.0.0.1:" + port,
                "USERS_PREFIX", "dist-",
                "HUBLOAD_WORK", WORK.resolve("injector-" + i).toString()));
        if (i > 0) {
          env.put("SESSION_IDLE_MIN", LONG_IDLE);
          env.put("SESSION_IDLE_MAX", LONG_IDLE);
        }
        Process injector = launch("injector-" + i, env, "run", "UserJourneySimulation");
        injectors.add(injector);
        processes.add(injector);
      }
      for (int i = 0; i < INJECTORS; i++) {
        assertEquals(0, await(injectors.get(i)), "injector " + i + ": " + output("injector-" + i));
      }
      assertEquals(0, await(collector), "the collector's verdict: " + output("collector"));
      assertTrue(output("collector").contains("hubload: PASSED: 100.00 % of "), output("collector"));

      // One injector alone, the same profile, other users.
      Map<String, String> alone = new HashMap<>(common);
      alone.putAll(Map.of("USERS_PREFIX", "single-", "HUBLOAD_WORK", WORK.resolve("single").toString()));
      Process single = launch("single", alone, "run", "UserJourneySimulation");
      processes.add(single);
      assertEquals(0, await(single), "the single injector: " + output("single"));

      RunSummary merged = RunSummary.read(WORK.resolve("collected").resolve("merged").resolve(RunSummary.FILE));
      RunSummary one = RunSummary.read(onlyRun(WORK.resolve("single").resolve("reports")).resolve(RunSummary.FILE));
      List<Path> injectorLogs = new ArrayList<>();
      for (int i = 0; i < INJECTORS; i++) {
        Path run = onlyRun(WORK.resolve("injector-" + i).resolve("reports"));
        injectorLogs.add(run.resolve("simulation.log"));
        // The start barrier: no injector's first user before the start time, none long after.
        long firstSecond = RunSummary.read(run.resolve(RunSummary.FILE)).mergeable().perSecond().start();
        assertTrue(
            firstSecond >= startAt.getEpochSecond() && firstSecond <= startAt.getEpochSecond() + 2,
            "injector " + i + " started its users at " + Instant.ofEpochSecond(firstSecond) + ", the start time " + startAt);
      }

      // Every user once, and no name used twice: 6 distinct hub users made by the injectors.
      TreeSet<String> users = new TreeSet<>();
      HubClient.withToken(hub.url(), token, Duration.ofSeconds(30)).usersStartingWith("dist-").forEach(u -> users.add(u.name()));
      assertEquals(new TreeSet<>(List.of("dist-1", "dist-2", "dist-3", "dist-4", "dist-5", "dist-6")), users);

      // The totals, entry by entry, are the single injector's; only the end-of-run cleanup, which
      // every injector runs once (a "leftover servers" check and a user of its own), is there
      // three times.
      Map<String, Long> mergedCounts = counts(merged);
      Map<String, Long> singleCounts = counts(one);
      assertEquals(singleCounts.keySet(), mergedCounts.keySet());
      for (String entry : singleCounts.keySet()) {
        long extra =
            entry.equals("leftover servers") || entry.equals(SimulationLog.ALL_REQUESTS) ? INJECTORS - 1 : 0;
        assertEquals(singleCounts.get(entry) + extra, mergedCounts.get(entry), entry);
      }
      assertEquals(0, merged.entry(SimulationLog.ALL_REQUESTS).orElseThrow().ko());
      long mergedUsers = java.util.Arrays.stream(merged.mergeable().perSecond().usersStarted()).sum();
      long singleUsers = java.util.Arrays.stream(one.mergeable().perSecond().usersStarted()).sum();
      assertEquals(6 + INJECTORS, mergedUsers, "6 virtual users and each injector's end of run");
      assertEquals(6 + 1, singleUsers);

      // The percentiles are those of one histogram over all the raw times of the three logs.
      Map<String, List<Long>> raw = RawTimes.of(injectorLogs);
      for (EntryStats e : merged.entries()) {
        List<Long> times = raw.get(e.name());
        Histogram h = new Histogram(Mergeable.DIGITS);
        times.forEach(h::recordValue);
        long min = times.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = times.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(times.size(), e.count(), e.name());
        assertEquals(min, e.min(), e.name());
        assertEquals(max, e.max(), e.name());
        for (double p : new double[] {50, 75, 95, 99}) {
          long expected = Math.max(min, Math.min(max, h.getValueAtPercentile(p)));
          int actual = p == 50 ? e.p50() : p == 75 ? e.p75() : p == 95 ? e.p95() : e.p99();
          assertEquals(expected, actual, e.name() + " p" + p);
        }
      }
      assertTrue(Files.isRegularFile(WORK.resolve("collected").resolve("merged").resolve("index.html")));

      // Gatling's own report of the three logs merged into one: the same counts, entry by entry.
      Path gatling = WORK.resolve("collected").resolve("merged").resolve("gatling");
      assertTrue(Files.isRegularFile(gatling.resolve("index.html")), output("collector"));
      Map<String, Long> gatlingCounts = new LinkedHashMap<>();
      SimulationLog.read(gatling.resolve("simulation.log")).entries().forEach(e -> gatlingCounts.put(e.name(), e.count()));
      assertEquals(mergedCounts, gatlingCounts);
    } finally {
      for (Process p : processes) {
        ForkedGatling.killTree(p.toHandle());
      }
    }
    for (Process p : processes) {
      assertTrue(ProcessSweeper.ownedBy(p.pid()).isEmpty(), "nothing left by " + p.pid());
    }
  }

  /** The launcher, as a pod's entrypoint, with the tests' classpath instead of the image's. */
  private static Process launch(String name, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(BASEDIR.resolve("deploy").resolve("bin").resolve("hubload").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .redirectOutput(WORK.resolve(name + ".out").toFile());
    builder.environment().putAll(env);
    builder.environment().put("HUBLOAD_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }

  private static int await(Process process) throws InterruptedException {
    if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
      ForkedGatling.killTree(process.toHandle());
      throw new AssertionError("a process did not end within " + LIMIT);
    }
    return process.exitValue();
  }

  private static String output(String name) throws IOException {
    return Files.readString(WORK.resolve(name + ".out"), StandardCharsets.UTF_8);
  }

  private static Path onlyRun(Path reports) throws IOException {
    try (Stream<Path> runs = Files.list(reports)) {
      List<Path> list = runs.filter(Files::isDirectory).toList();
      assertEquals(1, list.size(), "one run in " + reports + ": " + list);
      return list.get(0);
    }
  }

  private static Map<String, Long> counts(RunSummary summary) {
    Map<String, Long> counts = new LinkedHashMap<>();
    summary.entries().forEach(e -> counts.put(e.name(), e.count()));
    return counts;
  }
}
