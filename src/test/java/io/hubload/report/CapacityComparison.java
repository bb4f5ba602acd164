package io.hubload.report;

import io.hubload.capacity.Verdict;
import java.util.List;
import java.util.Objects;

/**
 * Two capacity searches' verdicts side by side, for the regression check: a run that holds fewer
 * users than its baseline regressed by as many levels as it fell, said in words with what broke.
 * Only runs with the same levels and the same service levels compare: a verdict is a level of
 * that climb, judged against those limits.
 *
 * @param regressed whether the run holds fewer users than the baseline
 * @param steps how many levels it rose (positive) or fell (negative)
 * @param words the comparison in one line
 */
public record CapacityComparison(boolean regressed, int steps, String words) {

  /** The comparison as one of the regression check's verdicts ("capacity", users held). */
  public Comparison.Verdict asVerdict(Verdict baseline, Verdict run) {
    return new Comparison.Verdict("capacity", Comparison.Check.USERS, (double) baseline.held(), (double) run.held(), !regressed, words);
  }

  /**
   * @throws IllegalArgumentException when the two climbs differ in their levels or limits
   */
  public static CapacityComparison of(Verdict baseline, Verdict run) {
    List<Integer> levels = levels(run);
    if (!levels.equals(levels(baseline)) || !Objects.equals(baseline.limits(), run.limits())) {
      throw new IllegalArgumentException(
          "the two capacity searches differ in their levels ("
              + levels(baseline)
              + " and "
              + levels
              + ") or their service levels: their verdicts do not compare");
    }
    int steps = levels.indexOf(run.held()) - levels.indexOf(baseline.held());
    String before = held(baseline);
    String now = held(run);
    if (steps < 0) {
      int fell = -steps;
      return new CapacityComparison(
          true,
          steps,
          "capacity fell from "
              + before
              + " to "
              + now
              + " ("
              + fell
              + (fell == 1 ? " level" : " levels")
              + ")"
              + (run.brokeAt() == null ? "" : ": at " + run.brokeAt() + ", " + String.join("; ", run.broken())));
    }
    if (steps > 0) {
      return new CapacityComparison(false, steps, "capacity rose from " + before + " to " + now + " (" + steps + (steps == 1 ? " level" : " levels") + ")");
    }
    return new CapacityComparison(false, 0, "capacity unchanged: " + now);
  }

  /** "35 users", "at least 100 users", "fewer than 10 users". */
  private static String held(Verdict verdict) {
    if (verdict.held() == 0) {
      return "fewer than " + levels(verdict).get(0) + " users";
    }
    if (verdict.brokeAt() == null && verdict.held() == verdict.ceiling()) {
      return "at least " + verdict.held() + " users";
    }
    return verdict.held() + " users";
  }

  /** The climb's levels; for a summary written before they were recorded, those it reached. */
  private static List<Integer> levels(Verdict verdict) {
    return verdict.planned() != null ? verdict.planned() : verdict.levels().stream().map(Verdict.Level::users).toList();
  }
}
