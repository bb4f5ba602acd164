package io.hubload.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.SloSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

  private static final long T0 = 1_000_000;
  /** Levels of 2 and 3 users, each held 1 s with no ramp; spawn p95 at most 1 s, no failed user. */
  private static final SloSettings SLO =
      new SloSettings(Optional.of(Duration.ofSeconds(1)), Optional.empty(), Optional.empty(), OptionalDouble.of(0), Optional.empty(), OptionalDouble.empty());

  private final List<Verdict> found = new ArrayList<>();
  private final CapacitySearch search =
      new CapacitySearch(new Climb(List.of(2, 3), 0, 1000), SLO, 3, (from, to) -> null, found::add);

  {
    search.startedAt(T0);
  }

  /** A user who arrives at {@code at}, spawns in {@code spawnMs} and has its first result. */
  private void user(long at, long spawnMs) {
    Arrival arrival = search.arrive(T0 + at);
    arrival.spawned(spawnMs);
    arrival.executed(T0 + at + spawnMs + 100, 50);
  }

  @Test
  void theFirstLevelThatBreaksIsTheAnswerAndEndsTheRun() {
    user(0, 500);
    user(10, 800);
    search.judgeDue(T0 + 999);
    assertEquals(List.of(), found, "a level is judged once its time is over");
    user(1000, 5000);
    search.judgeDue(T0 + 1000);
    assertEquals(List.of(), found, "the first level held");
    search.judgeDue(T0 + 2000);
    assertEquals(1, found.size(), "the second broke, and the run is told at once");
    Verdict verdict = found.get(0);
    assertEquals(2, verdict.held());
    assertEquals(3, verdict.brokeAt());
    assertEquals("holds 2 users within every service level; at 3, spawn to ready p95 was 5.0 s (limit 1s)", verdict.line());
    assertEquals(verdict, search.finish(T0 + 5000), "the verdict stands");
  }

  @Test
  void aLevelWaitsForEveryUserItHadToSettle() {
    user(0, 500);
    search.arrive(T0 + 20); // a user still on its way
    search.judgeDue(T0 + 1500);
    assertEquals(List.of(), found);
    assertEquals(Verdict.Outcome.NOT_JUDGED, search.finish(T0 + 1500).levels().get(0).outcome(), "still waiting on the slow user");
  }

  @Test
  void aUserWithoutAResultIsAFailedUser() {
    user(0, 500);
    Arrival failed = search.arrive(T0 + 20);
    failed.ended();
    search.judgeDue(T0 + 1000);
    Verdict verdict = found.get(0);
    assertEquals(0, verdict.held());
    assertEquals("holds fewer than 2 users: the first level, 2, broke a service level: 1 of 2 users got no result (50.0 %, limit 0 %)", verdict.line());
  }

  @Test
  void aClimbThatNeverBreaksHoldsAtLeastTheCeiling() {
    user(0, 500);
    user(1000, 600);
    Verdict verdict = search.finish(T0 + 2000);
    assertEquals(List.of(), found);
    assertEquals(3, verdict.held());
    assertNull(verdict.brokeAt());
    assertEquals("holds at least 3 users (the ceiling, load.users) within every service level", verdict.line());
    assertEquals(List.of(Verdict.Outcome.HELD, Verdict.Outcome.HELD), verdict.levels().stream().map(Verdict.Level::outcome).toList());
  }

  @Test
  void aRunEndedEarlyHasOnlyTheLevelsItJudged() {
    user(0, 500);
    search.arrive(T0 + 1100);
    Verdict verdict = search.finish(T0 + 1500);
    assertEquals(2, verdict.held());
    assertTrue(verdict.line().startsWith("holds at least 2 users within every service level; the run ended before"), verdict.line());
    assertEquals(Verdict.Outcome.NOT_JUDGED, verdict.levels().get(1).outcome());
  }

  @Test
  void spawnsThatWaitedForANodeBreakTheirServiceLevelWhenOn() {
    SloSettings nodes =
        new SloSettings(Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), Optional.empty(), OptionalDouble.of(50));
    CapacitySearch onNodes = new CapacitySearch(new Climb(List.of(2), 0, 1000), nodes, 2, (from, to) -> null, found::add);
    onNodes.startedAt(T0);
    for (boolean waited : new boolean[] {true, false, true}) {
      Arrival arrival = onNodes.arrive(T0);
      arrival.waitedForNode(waited);
      arrival.executed(T0 + 500, 10);
    }
    onNodes.arrive(T0).executed(T0 + 500, 10); // a spawn whose phases were not read counts for none
    onNodes.judgeDue(T0 + 1000);
    assertEquals(
        "holds fewer than 2 users: the first level, 2, broke a service level: 66.7 % of spawns waited for a node's scale-up (limit 50 %)",
        found.get(0).line());
  }

  @Test
  void usersBelongToTheLevelTheyArrivedIn() {
    Climb climb = new Climb(List.of(10, 15, 23), 30_000, 120_000);
    assertEquals(0, climb.levelAt(0));
    assertEquals(0, climb.levelAt(149_999));
    assertEquals(1, climb.levelAt(150_000));
    assertEquals(2, climb.levelAt(10_000_000), "after the last level, still the last");
    assertEquals(300_000, climb.endOf(1));
  }

  @Test
  void p95IsTheNearestRank() {
    assertNull(LevelFigures.p95(List.of()));
    assertEquals(7L, LevelFigures.p95(List.of(7L)));
    List<Long> hundred = new ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      hundred.add(i);
    }
    assertEquals(95L, LevelFigures.p95(hundred));
    assertEquals(3L, LevelFigures.p95(List.of(3L, 1L, 2L)), "of three, the largest");
  }
}
