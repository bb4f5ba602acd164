package io.hubload.capacity;

import io.hubload.config.SloSettings;
import java.time.Duration;
import java.util.List;

/**
 * What a capacity search found, for the console, summary.json ({@code capacity}) and capacity.html.
 *
 * @param held the most users a level held within every service level; 0 when the first broke
 * @param brokeAt the level that broke a service level, or null
 * @param broken what broke there, in words
 * @param ceiling load.users: the search went no higher
 * @param planned every level the climb would go through, to the ceiling
 * @param limits the service levels it was judged against
 * @param levels every level, in order, with its figures and outcome
 * @param line the verdict in one line
 */
public record Verdict(
    int held, Integer brokeAt, List<String> broken, int ceiling, List<Integer> planned, Limits limits, List<Level> levels, String line) {

  /**
   * The service levels judged (slo.*), null where off: so that the verdict says what it was judged
   * against, and a page can draw each limit.
   */
  public record Limits(
      Long spawnP95Ms, Long firstResultP95Ms, Long executeP95Ms, Double failedUsersPercent, Long hubApiP95Ms, Double nodeWaitPercent) {

    static Limits of(SloSettings slo) {
      return new Limits(
          slo.spawnP95().map(Duration::toMillis).orElse(null),
          slo.firstResultP95().map(Duration::toMillis).orElse(null),
          slo.executeP95().map(Duration::toMillis).orElse(null),
          slo.failedUsersPercent().isPresent() ? slo.failedUsersPercent().getAsDouble() : null,
          slo.hubApiP95().map(Duration::toMillis).orElse(null),
          slo.nodeWaitPercent().isPresent() ? slo.nodeWaitPercent().getAsDouble() : null);
    }
  }

  /** What happened to one level. */
  public enum Outcome {
    HELD,
    BROKE,
    /** The run ended before the level's users all had a result (a level above broke, or a signal). */
    NOT_JUDGED
  }

  /**
   * One level.
   *
   * @param figures its figures; for a level not judged, what had come in when the run ended
   * @param broken the service levels it broke, in words
   */
  public record Level(int users, Outcome outcome, LevelFigures figures, List<String> broken) {}

  static Verdict of(List<Level> levels, int ceiling, List<Integer> planned, Limits limits) {
    int held = 0;
    Level broke = null;
    for (Level level : levels) {
      if (level.outcome() == Outcome.HELD) {
        held = level.users();
      } else if (level.outcome() == Outcome.BROKE) {
        broke = level;
        break;
      } else {
        break;
      }
    }
    String line;
    if (broke != null) {
      String what = String.join("; ", broke.broken());
      line =
          held == 0
              ? "holds fewer than " + broke.users() + " users: the first level, " + broke.users() + ", broke a service level: " + what
              : "holds " + held + " users within every service level; at " + broke.users() + ", " + what;
    } else if (held == ceiling) {
      line = "holds at least " + ceiling + " users (the ceiling, load.users) within every service level";
    } else if (held > 0) {
      line = "holds at least " + held + " users within every service level; the run ended before the levels above it were judged";
    } else {
      line = "no verdict: the run ended before its first level was judged";
    }
    return new Verdict(
        held, broke == null ? null : broke.users(), broke == null ? List.of() : broke.broken(), ceiling, List.copyOf(planned), limits, List.copyOf(levels), line);
  }
}
