package io.hubload.report;

import static io.hubload.testing.SmokeLog.LOG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.charts.stats.IntVsTimePlot;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.core.config.GatlingConfiguration;
import io.hubload.report.log.LogRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Simulation logs merged into one, judged by Gatling's own reader ({@link SimulationLog}) on a smoke
 * run's log (src/test/resources/logs/).
 */
class GatlingLogMergeTest {

  @TempDir Path dir;

  @Test
  void oneLogComesOutByteForByte() throws IOException {
    Path out = dir.resolve("simulation.log");
    GatlingLogMerge.merge(List.of(LOG), out);
    // the same string ids in the same order, the same records in the same order: the same bytes
    assertArrayEquals(Files.readAllBytes(LOG), Files.readAllBytes(out));
    SimulationLog.Contents in = SimulationLog.read(LOG);
    SimulationLog.Contents merged = SimulationLog.read(out);
    // Gatling's table, but for the percentiles: Gatling computes them with a t-digest
    // (AVLTreeDigest) that breaks ties with an unseeded Random, so that two reads of the very same
    // bytes may disagree (30 reads of the fixture: All Requests p50 37 or 38, p95 1226 or 1254;
    // three `-ro` reports of the fixture itself differ in index.html's p95 cell, 1254 or 1226).
    // The bytes being the same, any reader's percentiles are the input's.
    assertEquals(withoutPercentiles(in.entries()), withoutPercentiles(merged.entries()));
    assertEquals(in.runStart(), merged.runStart());
    assertEquals(in.injectEnd(), merged.injectEnd());
    assertEquals(in.peakConcurrentUsers(), merged.peakConcurrentUsers());
    assertEquals(asLists(perSecond(in)), asLists(perSecond(merged)));
  }

  @Test
  void aLogWithItselfHasTwiceEveryCount() {
    Path out = dir.resolve("simulation.log");
    GatlingLogMerge.merge(List.of(LOG, LOG), out);
    SimulationLog.Contents in = SimulationLog.read(LOG);
    SimulationLog.Contents merged = SimulationLog.read(out);
    assertEquals(in.entries().stream().map(EntryStats::name).toList(), merged.entries().stream().map(EntryStats::name).toList());
    for (int i = 0; i < in.entries().size(); i++) {
      EntryStats a = in.entries().get(i);
      EntryStats m = merged.entries().get(i);
      assertEquals(2 * a.count(), m.count(), a.name());
      assertEquals(2 * a.ok(), m.ok(), a.name());
      assertEquals(2 * a.ko(), m.ko(), a.name());
      assertEquals(a.min(), m.min(), a.name());
      assertEquals(a.max(), m.max(), a.name());
      assertEquals(a.mean(), m.mean(), a.name());
      // (not the percentiles: Gatling's interpolate between ranks, and every time twice moves them)
    }
    assertEquals(115 * 2, merged.entries().get(0).count());
    assertEquals(3 * 2, merged.entries().get(0).ko());
    assertEquals(in.runStart(), merged.runStart());
    assertEquals(in.injectEnd(), merged.injectEnd());
    // the same users, each twice: twice as many at once, twice as many starts and ends
    assertEquals(2 * in.peakConcurrentUsers(), merged.peakConcurrentUsers());
    int[] users = users(LOG);
    int[] mergedUsers = users(out);
    assertEquals(2 * users[0], mergedUsers[0]);
    assertEquals(2 * users[1], mergedUsers[1]);
    Map<Integer, int[]> once = perSecond(in);
    Map<Integer, int[]> twice = perSecond(merged);
    assertEquals(once.keySet(), twice.keySet());
    once.forEach((t, c) -> assertArrayEquals(new int[] {2 * c[0], 2 * c[1]}, twice.get(t), "second " + t));
  }

  @Test
  void laterRunsAreRebasedToTheEarliestStart() throws IOException {
    Path later = dir.resolve("later.log");
    GatlingLogMerge.copy(LOG, 5_000, false, "", later);
    SimulationLog.Contents in = SimulationLog.read(LOG);
    assertEquals(in.runStart() + 5_000, SimulationLog.read(later).runStart(), "the moved copy");
    assertEquals(withoutPercentiles(in.entries()), withoutPercentiles(SimulationLog.read(later).entries()), "the moved copy");

    Path out = dir.resolve("simulation.log");
    GatlingLogMerge.merge(List.of(later, LOG), out); // the later first: the start is still the earliest
    SimulationLog.Contents merged = SimulationLog.read(out);
    assertEquals(in.runStart(), merged.runStart());
    assertEquals(in.injectEnd() + 5_000, merged.injectEnd());
    // Gatling's requests per second: the run's own, and the same 5 s later
    Map<Integer, int[]> once = perSecond(in);
    Map<Integer, int[]> expected = new TreeMap<>();
    once.forEach((t, c) -> expected.merge(t, c.clone(), GatlingLogMergeTest::add));
    once.forEach((t, c) -> expected.merge(t + 5_000, c.clone(), GatlingLogMergeTest::add));
    Map<Integer, int[]> actual = perSecond(merged);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((t, c) -> assertArrayEquals(c, actual.get(t), "second " + t));
    // record by record: every request twice, once as it was, once 5 s later
    List<String> expectedRequests = new ArrayList<>();
    requests(LOG, 0, expectedRequests);
    requests(LOG, 5_000, expectedRequests);
    List<String> actualRequests = new ArrayList<>();
    requests(out, 0, actualRequests);
    Collections.sort(expectedRequests);
    Collections.sort(actualRequests);
    assertEquals(expectedRequests, actualRequests);
    // merged by time: each step back in time in the merged log is one of an input's (the fixture
    // has 5, its writer's order), where one log after the other would add one more
    assertTrue(stepsBack(out) <= 2 * stepsBack(LOG), stepsBack(out) + " steps back in time, the fixture has " + stepsBack(LOG));
  }

  @Test
  void aLogOfAnotherGatlingIsRefused() throws IOException {
    byte[] bytes = Files.readAllBytes(LOG);
    // the Run record: header, the version's length (6), "3.15.1", its coder
    assertEquals("3.15.1", new String(bytes, 5, 6, java.nio.charset.StandardCharsets.ISO_8859_1));
    bytes[10] = '0';
    Path other = dir.resolve("other.log");
    Files.write(other, bytes);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> GatlingLogMerge.merge(List.of(LOG, other), dir.resolve("simulation.log")));
    assertTrue(e.getMessage().contains("was written by Gatling 3.15.0, GatlingLogMerge merges Gatling 3.15.1's logs only"), e.getMessage());
  }

  @Test
  void stringsAreInternedAnew() {
    // a copy whose requests have other names, defined in the copy's string cache under the ids
    // that the fixture gives its own names
    Path renamed = dir.resolve("renamed.log");
    GatlingLogMerge.copy(LOG, 0, false, " (2)", renamed);
    Path out = dir.resolve("simulation.log");
    GatlingLogMerge.merge(List.of(LOG, renamed), out);
    Map<String, EntryStats> expected = new TreeMap<>();
    for (Path log : List.of(LOG, renamed)) {
      for (EntryStats e : withoutPercentiles(SimulationLog.read(log).entries())) {
        expected.merge(e.name(), e, (a, b) -> new EntryStats(a.name(), a.group(), a.count() + b.count(), a.ok() + b.ok(), a.ko() + b.ko(), Math.min(a.min(), b.min()), 0, 0, 0, 0, Math.max(a.max(), b.max()), a.mean()));
      }
    }
    assertTrue(expected.containsKey("login / login page (2)"));
    Map<String, EntryStats> actual = new TreeMap<>();
    for (EntryStats e : withoutPercentiles(SimulationLog.read(out).entries())) {
      actual.put(e.name(), e);
    }
    assertEquals(expected, actual);
  }

  @Test
  void scenariosAreMatchedByName() {
    Path reversed = dir.resolve("reversed.log");
    GatlingLogMerge.copy(LOG, 0, true, "", reversed);
    assertEquals(List.of("user journey", "end of run"), scenarios(LOG).keySet().stream().toList());
    assertEquals(List.of("end of run", "user journey"), scenarios(reversed).keySet().stream().toList());
    assertEquals(scenarios(LOG), scenarios(reversed));

    Path out = dir.resolve("simulation.log");
    GatlingLogMerge.merge(List.of(LOG, reversed), out);
    Path twice = dir.resolve("twice.log");
    GatlingLogMerge.merge(List.of(LOG, LOG), twice);
    // the union of the names, in the first log's order; each scenario's users those of the log twice
    assertEquals(List.of("user journey", "end of run"), scenarios(out).keySet().stream().toList());
    assertEquals(scenarios(twice), scenarios(out));
    assertTrue(!scenarios(LOG).equals(scenarios(twice)));
  }

  /**
   * Gatling's scenarios, in the Run record's order, and their users' start rates per second (the
   * buckets with any). Rates, not counts: the fixture's 2 users in its first bucket are 5, not 4,
   * in the log merged with itself; so the check is against that log.
   */
  private static Map<String, Map<Integer, Integer>> scenarios(Path log) {
    LogFileData data = new LogFileReader(log.toFile(), GatlingConfiguration.load()).read();
    assertEquals(
        List.of(data.runInfo().scenarios()).stream().sorted().toList(),
        CollectionConverters.asJava(data.scenarioNames()).stream().sorted().toList());
    Map<String, Map<Integer, Integer>> users = new LinkedHashMap<>();
    for (String scenario : data.runInfo().scenarios()) {
      Map<Integer, Integer> rates = new TreeMap<>();
      for (IntVsTimePlot plot : CollectionConverters.asJava(data.userStartRatePerSecond(Option.apply(scenario)))) {
        if (plot.value() != 0) {
          rates.put(plot.time(), plot.value());
        }
      }
      users.put(scenario, rates);
    }
    return users;
  }

  /** How many times a record is earlier than the one before (a user's time, a request's or group's end). */
  private static int stepsBack(Path log) {
    List<Long> times = new ArrayList<>();
    LogRecords.read(
        log,
        new LogRecords.Visitor() {
          public void user(boolean start, long time) {
            times.add(time);
          }

          public void request(List<String> groups, String name, long start, long end, boolean ok) {
            times.add(end);
          }

          public void group(List<String> groups, long start, long end, int cumulated, boolean ok) {
            times.add(end);
          }
        });
    int back = 0;
    for (int i = 1; i < times.size(); i++) {
      if (times.get(i) < times.get(i - 1)) {
        back++;
      }
    }
    return back;
  }

  private static List<EntryStats> withoutPercentiles(List<EntryStats> entries) {
    return entries.stream()
        .map(e -> new EntryStats(e.name(), e.group(), e.count(), e.ok(), e.ko(), e.min(), 0, 0, 0, 0, e.max(), e.mean()))
        .toList();
  }

  private static Map<Integer, List<Integer>> asLists(Map<Integer, int[]> perSecond) {
    Map<Integer, List<Integer>> lists = new TreeMap<>();
    perSecond.forEach((t, c) -> lists.put(t, List.of(c[0], c[1])));
    return lists;
  }

  private static int[] add(int[] a, int[] b) {
    return new int[] {a[0] + b[0], a[1] + b[1]};
  }

  /** All Requests per second, the buckets with any: bucket's middle to [OK, KO]. */
  private static Map<Integer, int[]> perSecond(SimulationLog.Contents contents) {
    Map<Integer, int[]> all = new TreeMap<>();
    for (List<int[]> buckets : contents.requestsPerSecond().values()) {
      for (int[] b : buckets) {
        all.merge(b[0], new int[] {b[1], b[2]}, GatlingLogMergeTest::add);
      }
    }
    return all;
  }

  /** Users started, users ended. */
  private static int[] users(Path log) {
    int[] users = new int[2];
    LogRecords.read(
        log,
        new LogRecords.Visitor() {
          public void user(boolean start, long time) {
            users[start ? 0 : 1]++;
          }
        });
    return users;
  }

  /** Every request's path, status, absolute start and end (plus {@code by}). */
  private static void requests(Path log, long by, List<String> requests) {
    LogRecords.read(
        log,
        new LogRecords.Visitor() {
          public void request(List<String> groups, String name, long start, long end, boolean ok) {
            requests.add(groups + " " + name + " " + ok + " " + (start + by) + " " + (end + by));
          }
        });
  }
}
