package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.config.Durations;
import java.time.Duration;
import java.util.Optional;
import io.hubload.hubapi.Browser;
import io.hubload.hubapi.HubUrls;

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

  /** Between two looks at a hub that does not answer: a person pressing reload. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

  private static final String RETRY_UNTIL = "hubload.outage.retryUntil";
  private static final String ATTEMPT_AGAIN = "hubload.outage.again";
  private static final String WAITING = "hubload.outage.waiting";
  private static final String HEARTBEAT_STATUS = "hubload.outage.heartbeat";

  private HubOutage() {}

  /**
   * A request to the hub that rides out an outage, as a person during a hub restart: the request
   * is made; if the hub's proxy answers for the hub (502, 503, 504) or nothing answers, that
   * attempt is the user's one KO for the outage, and the user looks again every {@link
   * #RETRY_INTERVAL} (the hub's heartbeat, GET /hub/api, not a report entry) until the hub answers,
   * then makes the request again; all within {@code bound} (timeout.hub-unreachable). A hub that
   * does not come back within it ends the user's journey on that one KO. The request's first
   * check should be {@link #answered()}, so that the KO says what happened.
   */
  static ChainBuilder retried(HttpRequestActionBuilder request, Duration bound) {
    HttpRequestActionBuilder seen = request.check(HttpDsl.status().saveAs(POLL_STATUS));
    if (bound.isZero()) {
      return exec(seen);
    }
    return exec(session -> session.set(RETRY_UNTIL, System.currentTimeMillis() + bound.toMillis()).set(ATTEMPT_AGAIN, true))
        .asLongAs(session -> session.contains(ATTEMPT_AGAIN))
        .on(
            exec(session -> beforePoll(session).remove(ATTEMPT_AGAIN))
                .exec(seen)
                // Not exitable: it runs right after a failed attempt, before the journey's
                // exitBlockOnFail would take the user out, and holds the user back to wait.
                .exec(new StatsHook("wait if the hub is unreachable", (session, stats, clock) -> afterAttempt(session)))
                .doIf(session -> session.contains(WAITING))
                .then(untilTheHubAnswers()))
        .exec(session -> session.remove(RETRY_UNTIL));
  }

  /**
   * Looks at the hub's heartbeat every {@link #RETRY_INTERVAL} until it answers (then the request
   * is made again) or the bound runs out (then the user fails, on the KO already recorded).
   */
  private static ChainBuilder untilTheHubAnswers() {
    return asLongAs(session -> session.contains(WAITING) && System.currentTimeMillis() < session.getLong(RETRY_UNTIL))
        .on(
            pause(RETRY_INTERVAL)
                .exec(session -> session.remove(HEARTBEAT_STATUS))
                .exec(
                    http("hub heartbeat")
                        .get(HubUrls.API_ROOT)
                        .headers(Browser.FETCH)
                        .silent()
                        .check(HttpDsl.status().saveAs(HEARTBEAT_STATUS)))
                // Not exitable: a heartbeat that got no answer marks the user failed, which must
                // not take it out of the journey while it waits.
                .exec(
                    new StatsHook(
                        "hub heartbeat seen",
                        (session, stats, clock) ->
                            session.contains(HEARTBEAT_STATUS) && !isOutage(session.getInt(HEARTBEAT_STATUS))
                                ? session.remove(WAITING).set(ATTEMPT_AGAIN, true).markAsSucceeded()
                                : session.markAsSucceeded())))
        .exec(session -> session.contains(WAITING) ? session.remove(WAITING).markAsFailed() : session);
  }

  /**
   * The first check of a request to the hub: that the hub answered, not its proxy for it. Its KO
   * reads "an answer from the hub expected, found HTTP 503 from the proxy", the same for every
   * step a hub outage interrupts.
   */
  static CheckBuilder.Final answered() {
    return HttpDsl.status()
        .transform(status -> isOutage(status) ? answer(status) : ANSWERED)
        .is(ANSWERED)
        .name("an answer from the hub expected");
  }

  private static final String ANSWERED = "an answer";

  /** After an attempt: wait for the hub when it did not answer and time is left. */
  private static Session afterAttempt(Session session) {
    Integer status = session.contains(POLL_STATUS) ? session.getInt(POLL_STATUS) : null;
    boolean unanswered = status == null || isOutage(status);
    long left = session.getLong(RETRY_UNTIL) - System.currentTimeMillis();
    if (unanswered && left > RETRY_INTERVAL.toMillis()) {
      // Held back, not failed: the journey's exitBlockOnFail would take the user out.
      return session.markAsSucceeded().set(WAITING, true);
    }
    return session;
  }

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
