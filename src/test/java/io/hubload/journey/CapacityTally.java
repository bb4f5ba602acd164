package io.hubload.journey;

import io.gatling.javaapi.core.Session;
import io.hubload.capacity.Arrival;
import io.hubload.capacity.CapacitySearch;

/**
 * The journey's figures for the capacity search, when the run is one (load.profile = capacity):
 * each user's arrival, spawn, executions and the end of its steps. Nothing otherwise.
 */
public final class CapacityTally {

  private static final String ARRIVAL = "hubload.capacity.arrival";
  private static final String EXECUTION_STARTED = "hubload.capacity.executionStarted";

  private CapacityTally() {}

  /** The user arrives, at the start of its journey. */
  public static Session arrived(Session session) {
    return CapacitySearch.current().map(search -> session.set(ARRIVAL, search.arrive())).orElse(session);
  }


  /**
   * The spawn is over, ready or not, this long after it was asked for; its progress events said
   * whether it waited for a node's scale-up.
   */
  static void spawnEnded(Session session, long millis, boolean waitedForScaleUp) {
    arrival(session)
        .ifPresent(
            a -> {
              a.spawned(millis);
              a.waitedForNode(waitedForScaleUp);
            });
  }

  /** An execute_request is about to go. */
  static Session executing(Session session) {
    return session.contains(ARRIVAL) ? session.set(EXECUTION_STARTED, System.currentTimeMillis()) : session;
  }

  /** Its reply has come and passed its check. */
  static Session executed(Session session) {
    if (!session.contains(EXECUTION_STARTED) || session.isFailed()) {
      return session;
    }
    long now = System.currentTimeMillis();
    long started = session.getLong(EXECUTION_STARTED);
    arrival(session).ifPresent(a -> a.executed(now, now - started));
    return session.remove(EXECUTION_STARTED);
  }

  /** The journey's steps before the stop are over, done or failed. */
  public static Session ended(Session session) {
    arrival(session).ifPresent(Arrival::ended);
    return session;
  }

  private static java.util.Optional<Arrival> arrival(Session session) {
    return session.contains(ARRIVAL) ? java.util.Optional.of(session.<Arrival>get(ARRIVAL)) : java.util.Optional.empty();
  }
}
