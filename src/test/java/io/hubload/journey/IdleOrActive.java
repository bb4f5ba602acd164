package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;

import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.ExecuteSettings;
import io.hubload.config.SessionSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import io.hubload.journey.tab.TabRequests;

/**
 * Step "idle or active": the rest of the user's session, a random length between
 * session.idle.min and max (the hubtraf profile's own times for its users).
 *
 * <ul>
 *   <li>idle: the user reads, thinks, leaves the tab open. The user sends nothing; the kernel
 *       websocket stays open, as a browser keeps it, and the tab (session.tab) makes its own
 *       requests. The wait is not a report entry: its length is a setting, not a measurement.
 *   <li>active: the user keeps working, running its code (or notebook) again after each think
 *       time until the session is over. Each execution is an "execute" entry, as in the first run.
 * </ul>
 */
public final class IdleOrActive {

  private static final String SESSION_ENDS_AT = "sessionEndsAt";

  private IdleOrActive() {}

  public static ChainBuilder step(HubContext context) {
    SessionSettings session = context.settings().effectiveSession();
    ChainBuilder endsAt = exec(s -> s.set(SESSION_ENDS_AT, System.currentTimeMillis() + randomMillis(session.idleMin(), session.idleMax())));
    if (session.behaviour() == SessionSettings.Behaviour.ACTIVE) {
      return endsAt.exec(active(context, context.settings().execute(), context.timeouts().execute()));
    }
    return endsAt.exec(TabRequests.idleUntil(context, SESSION_ENDS_AT));
  }

  /**
   * The deadline is checked before each round of the workload, so a session can overrun by one
   * round (bounded by think time and timeout.execute per cell). The tab's requests that fell due
   * during a round go out after it, outside the "execute" entry.
   */
  private static ChainBuilder active(HubContext context, ExecuteSettings execute, Duration timeout) {
    return asLongAs(s -> System.currentTimeMillis() < s.getLong(SESSION_ENDS_AT))
        .on(group(Execute.STEP).on(Execute.round(execute.workload(), execute.thinkTime(), timeout)).exec(TabRequests.catchUp(context)));
  }

  private static long randomMillis(Duration min, Duration max) {
    long lo = min.toMillis();
    long hi = max.toMillis();
    return lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
  }
}
