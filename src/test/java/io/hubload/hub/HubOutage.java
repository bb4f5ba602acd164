package io.hubload.hub;

import io.gatling.javaapi.core.Session;
import io.hubload.config.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * The hub not answering a user who waits on it, polling: when that began and what came back. A
 * hub that is restarting or gone answers through its proxy with 502, 503 or 504 (or not at all,
 * when the proxy is gone too); a person pressing reload sees an error page, not a hundred. So a
 * wait's polls are not report entries of their own, and the wait's one entry says, when it gives
 * up, what the hub did: "hub unreachable: HTTP 503 from the proxy for 2m".
 */
final class HubOutage {

  /** The status of the last poll; absent when it got no answer at all. */
  static final String POLL_STATUS = "hubload.poll.status";

  private static final String SINCE = "hubload.outage.since";
  private static final String ANSWER = "hubload.outage.answer";

  private HubOutage() {}

  /** Before a poll: forget the last one's status. */
  static Session beforePoll(Session session) {
    return session.remove(POLL_STATUS);
  }

  /** After a poll: notes when the hub stopped answering, and forgets it when it answers again. */
  static Session afterPoll(Session session) {
    Integer status = session.contains(POLL_STATUS) ? session.getInt(POLL_STATUS) : null;
    if (status != null && !isOutage(status)) {
      return session.remove(SINCE).remove(ANSWER);
    }
    Session noted = session.contains(SINCE) ? session : session.set(SINCE, System.currentTimeMillis());
    return noted.set(ANSWER, answer(status));
  }

  /** Whether the hub's proxy answered for a hub that does not answer. */
  static boolean isOutage(int status) {
    return status == 502 || status == 503 || status == 504;
  }

  /** The last answer, in words: a status from the proxy, or none. */
  static String answer(Integer status) {
    return status == null ? "no answer (connection refused or timed out)" : "HTTP " + status + " from the proxy";
  }

  /** Whether the hub is not answering this user's polls now. */
  static boolean ongoing(Session session) {
    return session.contains(SINCE);
  }

  /**
   * Why a wait ended without what it waited for, when the hub was not answering at its end:
   * "hub unreachable: HTTP 503 from the proxy for 2m".
   */
  static Optional<String> atEnd(Session session) {
    if (!ongoing(session)) {
      return Optional.empty();
    }
    Duration lasted = Duration.ofMillis(System.currentTimeMillis() - session.getLong(SINCE));
    return Optional.of(describe(session.getString(ANSWER), lasted));
  }

  static String describe(String answer, Duration lasted) {
    return "hub unreachable: " + answer + " for " + Durations.format(Duration.ofSeconds(Math.max(1, lasted.toSeconds())));
  }

  /** Forgets an outage, before a new wait. */
  static Session reset(Session session) {
    return session.remove(SINCE).remove(ANSWER).remove(POLL_STATUS);
  }
}
