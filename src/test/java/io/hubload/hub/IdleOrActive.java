package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.ExecuteSettings;
import io.hubload.config.SessionSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Step "idle or active": the rest of the user's session, a random length between
 * session.idle.min and max (the hubtraf profile's own times for its users).
 *
 * <ul>
 *   <li>idle: the user reads, thinks, leaves the tab open. Nothing is sent; the kernel websocket
 *       stays open, as a browser keeps it. A pause is not a report entry: its length is a
 *       setting, not a measurement.
 *   <li>active: the user keeps working, running its code (or notebook) again after each think
 *       time until the session is over. Each execution is an "execute" entry, as in the first run.
 * </ul>
 */
public final class IdleOrActive {

  private static final String SESSION_ENDS_AT = "sessionEndsAt";

  private IdleOrActive() {}

  public static ChainBuilder step(HubContext context) {
    SessionSettings session = context.settings().effectiveSession();
    if (session.behaviour() == SessionSettings.Behaviour.ACTIVE) {
      return active(session, context.settings().execute(), context.timeouts().execute());
    }
    return session.idleMin().equals(session.idleMax())
        ? exec(pause(session.idleMin()))
        : exec(pause(session.idleMin(), session.idleMax()));
  }

  /**
   * The deadline is checked before each round of the workload, so a session can overrun by one
   * round (bounded by think time and timeout.execute per cell).
   */
  private static ChainBuilder active(SessionSettings session, ExecuteSettings execute, Duration timeout) {
    return exec(s -> s.set(SESSION_ENDS_AT, System.currentTimeMillis() + randomMillis(session.idleMin(), session.idleMax())))
        .exec(
            asLongAs(s -> System.currentTimeMillis() < s.getLong(SESSION_ENDS_AT))
                .on(group(Execute.STEP).on(Execute.round(execute.workload(), execute.thinkTime(), timeout))));
  }

  private static long randomMillis(Duration min, Duration max) {
    long lo = min.toMillis();
    long hi = max.toMillis();
    return lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
  }
}
