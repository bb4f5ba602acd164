package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.capacity.LevelFigures;
import io.hubload.capacity.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityComparisonTest {

  private static final List<Integer> PLAN = List.of(10, 15, 23, 35);
  private static final Verdict.Limits LIMITS = new Verdict.Limits(30_000L, null, null, 1.0, null, null);

  /** A verdict that held up to {@code held} (0: none) and broke at the next level, if any. */
  private static Verdict verdict(int held, List<Integer> plan, Verdict.Limits limits) {
    List<Verdict.Level> levels = new ArrayList<>();
    LevelFigures figures = new LevelFigures(0, 1, 0, 41_000L, null, null, 0, null, null);
    Integer brokeAt = null;
    for (int users : plan) {
      if (users <= held) {
        levels.add(new Verdict.Level(users, Verdict.Outcome.HELD, figures, List.of()));
      } else {
        brokeAt = users;
        levels.add(new Verdict.Level(users, Verdict.Outcome.BROKE, figures, List.of("spawn to ready p95 was 41 s (limit 30s)")));
        break;
      }
    }
    List<String> broken = brokeAt == null ? List.of() : List.of("spawn to ready p95 was 41 s (limit 30s)");
    return new Verdict(held, brokeAt, broken, plan.get(plan.size() - 1), plan, limits, levels, "");
  }

  @Test
  void aRunThatHoldsFewerUsersRegressedByTheLevelsItFell() {
    CapacityComparison fell = CapacityComparison.of(verdict(23, PLAN, LIMITS), verdict(10, PLAN, LIMITS));
    assertTrue(fell.regressed());
    assertEquals(-2, fell.steps());
    assertEquals(
        "capacity fell from 23 users to 10 users (2 levels): at 15, spawn to ready p95 was 41 s (limit 30s)", fell.words());
    assertEquals(
        "capacity fell from at least 35 users to fewer than 10 users (4 levels): at 10, spawn to ready p95 was 41 s (limit 30s)",
        CapacityComparison.of(verdict(35, PLAN, LIMITS), verdict(0, PLAN, LIMITS)).words());
  }

  @Test
  void theSameOrAHigherVerdictPasses() {
    CapacityComparison same = CapacityComparison.of(verdict(15, PLAN, LIMITS), verdict(15, PLAN, LIMITS));
    assertFalse(same.regressed());
    assertEquals("capacity unchanged: 15 users", same.words());
    CapacityComparison rose = CapacityComparison.of(verdict(15, PLAN, LIMITS), verdict(35, PLAN, LIMITS));
    assertFalse(rose.regressed());
    assertEquals("capacity rose from 15 users to at least 35 users (2 levels)", rose.words());
  }

  @Test
  void climbsOfOtherLevelsOrLimitsDoNotCompare() {
    assertThrows(IllegalArgumentException.class, () -> CapacityComparison.of(verdict(15, PLAN, LIMITS), verdict(15, List.of(10, 20), LIMITS)));
    Verdict.Limits stricter = new Verdict.Limits(20_000L, null, null, 1.0, null, null);
    assertThrows(IllegalArgumentException.class, () -> CapacityComparison.of(verdict(15, PLAN, LIMITS), verdict(15, PLAN, stricter)));
  }
}
