package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.jupyter.Cell;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Step "active" (session.behaviour = active, and the hubtraf profile): the user keeps working,
 * running its code (or notebook) again after each think time until its session, a random length
 * between min and max, is over. Each execution is an "execute" entry, as in the first run.
 */
public final class Active {

  private static final String SESSION_ENDS_AT = "sessionEndsAt";

  private Active() {}

  /**
   * The deadline is checked before each round of the workload, so a session can overrun by one
   * round (bounded by think time and timeout.execute per cell).
   */
  public static ChainBuilder between(
      Duration min, Duration max, List<Cell> cells, Duration thinkTime, Duration timeout) {
    return exec(session -> session.set(SESSION_ENDS_AT, System.currentTimeMillis() + randomMillis(min, max)))
        .exec(
            asLongAs(session -> System.currentTimeMillis() < session.getLong(SESSION_ENDS_AT))
                .on(group(Execute.STEP).on(Execute.round(cells, thinkTime, timeout))));
  }

  private static long randomMillis(Duration min, Duration max) {
    long lo = min.toMillis();
    long hi = max.toMillis();
    return lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
  }
}
