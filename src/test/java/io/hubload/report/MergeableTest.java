package io.hubload.report;

import static io.hubload.testing.SmokeLog.LOG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.testing.SmokeLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mergeable numbers of a run, against Gatling's own reader of the same simulation.log (a smoke
 * run's, kept as a fixture: src/test/resources/logs/), and merged.
 */
class MergeableTest {

  @Test
  void countsAndExtremesAreGatlingsOwn() {
    SimulationLog.Contents gatling = SimulationLog.read(LOG);
    List<EntryStats> ours = SmokeLog.mergeable().table();
    assertEquals(gatling.runStart(), SmokeLog.mergeable().runStart(), "the run's start, from the log's Run record");
    assertEquals(gatling.entries().stream().map(EntryStats::name).toList(), ours.stream().map(EntryStats::name).toList());
    for (int i = 0; i < ours.size(); i++) {
      EntryStats g = gatling.entries().get(i);
      EntryStats o = ours.get(i);
      assertEquals(g.count(), o.count(), g.name());
      assertEquals(g.ok(), o.ok(), g.name());
      assertEquals(g.ko(), o.ko(), g.name());
      assertEquals(g.min(), o.min(), g.name());
      assertEquals(g.max(), o.max(), g.name());
      assertEquals(g.group(), o.group(), g.name());
    }
    Mergeable.PerSecond seconds = SmokeLog.mergeable().perSecond();
    assertEquals(gatling.peakConcurrentUsers(), seconds.peakActiveUsers());
    assertEquals(gatling.entries().get(0).count(), java.util.Arrays.stream(seconds.requests()).sum(), "requests per second");
    assertEquals(gatling.entries().get(0).ko(), java.util.Arrays.stream(seconds.kos()).sum(), "KOs per second");
    assertEquals(java.util.Arrays.stream(seconds.usersStarted()).sum(), java.util.Arrays.stream(seconds.usersEnded()).sum());
    // the smoke run: 3 users and the end-of-run's one
    assertEquals(4, java.util.Arrays.stream(seconds.usersStarted()).sum());
  }

  @Test
  void percentilesAreThoseOfTheRawTimes() {
    // The raw times of every entry, from the log; each percentile is the nearest-rank one.
    Map<String, List<Long>> raw = io.hubload.testing.RawTimes.of(List.of(LOG));
    int checked = 0;
    for (EntryStats e : SmokeLog.mergeable().table()) {
      List<Long> times = new ArrayList<>(raw.get(e.name()));
      Collections.sort(times);
      assertTrue(times.get(times.size() - 1) < 2048, "under 2,048 ms histograms are exact: " + e.name());
      assertEquals(nearestRank(times, 50), e.p50(), e.name());
      assertEquals(nearestRank(times, 95), e.p95(), e.name());
      assertEquals(nearestRank(times, 99), e.p99(), e.name());
      assertEquals(Math.round(times.stream().mapToLong(Long::longValue).average().orElseThrow()), e.mean(), e.name());
      checked++;
    }
    assertTrue(checked > 10, "checked " + checked);
  }

  @Test
  void aRunMergedWithItselfCountsTwiceWithTheSamePercentiles() {
    Mergeable one = SmokeLog.mergeable();
    Mergeable two = Mergeable.merge(List.of(one, one));
    List<EntryStats> once = one.table();
    List<EntryStats> twice = two.table();
    assertEquals(once.size(), twice.size());
    for (int i = 0; i < once.size(); i++) {
      EntryStats a = once.get(i);
      EntryStats b = twice.get(i);
      assertEquals(a.name(), b.name());
      assertEquals(2 * a.count(), b.count(), a.name());
      assertEquals(2 * a.ko(), b.ko(), a.name());
      assertEquals(List.of(a.min(), a.p50(), a.p75(), a.p95(), a.p99(), a.max(), a.mean()), List.of(b.min(), b.p50(), b.p75(), b.p95(), b.p99(), b.max(), b.mean()), a.name());
    }
    assertEquals(2 * one.perSecond().peakActiveUsers(), two.perSecond().peakActiveUsers());
    long[] doubled = one.perSecond().requests().clone();
    for (int i = 0; i < doubled.length; i++) {
      doubled[i] *= 2;
    }
    assertArrayEquals(doubled, two.perSecond().requests());
  }

  @Test
  void runsOfDifferentTimesLineUpByTheClock() {
    Mergeable one = SmokeLog.mergeable();
    Mergeable.PerSecond p = one.perSecond();
    Mergeable later =
        new Mergeable(
            one.format(),
            one.runStart() + 10_000,
            one.runEnd() + 10_000,
            one.entries(),
            new Mergeable.PerSecond(p.start() + 10, p.usersStarted(), p.usersEnded(), p.requests(), p.kos()));
    Mergeable both = Mergeable.merge(List.of(later, one));
    assertEquals(one.runStart(), both.runStart());
    assertEquals(p.start(), both.perSecond().start());
    assertEquals(p.requests().length + 10, both.perSecond().requests().length);
    assertEquals(
        2 * java.util.Arrays.stream(p.requests()).sum(), java.util.Arrays.stream(both.perSecond().requests()).sum());
  }

  /** The smallest time at or above which p % of the times are (HdrHistogram's definition). */
  private static long nearestRank(List<Long> sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
