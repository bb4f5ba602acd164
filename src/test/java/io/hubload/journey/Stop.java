package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hubapi.SessionKeys.SERVER_NAME;
import static io.hubload.hubapi.SessionKeys.SERVER_STATE;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.hubload.config.Durations;
import io.hubload.config.Timeouts;
import java.time.Duration;
import java.util.Optional;
import io.hubload.hubapi.HubUrls;
import io.hubload.hubapi.ServerState;
import io.hubload.journey.tab.TabRequests;

/**
 * Step "stop": close the websocket, shut the kernel down, stop the server and wait until the hub
 * reports it gone, then (token mode) revoke the user's token. Every journey ends here, whatever
 * failed before, so that no run leaves a server behind; a user whose spawn was never asked for
 * has no server to stop.
 *
 * <p>The hub refuses to stop a server while its spawn is pending (HTTP 400), so this polls the
 * user model once a second and asks for the stop when the server is up: the same loop handles a
 * spawn that is still starting, one that failed and one that is already stopping.
 */
public final class Stop {

  public static final String STEP = "stop";
  /** Report entry: wall time from the first stop attempt until the hub reports no server. */
  public static final String STOP_TO_GONE = "stop to gone";

  private static final String SPAN = "stop";
  /** When the current wait for the server to go began, and whether it saw a pending spawn. */
  private static final String STOP_STARTED = "stopStarted";
  private static final String SAW_SPAWN_PENDING = "sawSpawnPending";
  private static final String STOP_STATUS = "stopStatus";
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
  private static final String JSON = "JSON";

  private Stop() {}

  /** The whole step, ending the journey: the kernel, the server, and in token mode the user's token. */
  public static ChainBuilder step(HubContext context) {
    Timeouts timeouts = context.timeouts();
    return group(STEP)
            .on(
                exec(TabRequests.close())
                    .exec(Kernel.shutdown(context))
                    .exec(OpenNotebook.delete(context))
                    .doIf(ServerLedger::hasServerToStop)
                    .then(
                        exec(WallClock.start(SPAN))
                            .exec(untilGone(context))
                            .exec(WallClock.end(SPAN))
                            .exec(session -> state(session) == ServerState.GONE ? ServerLedger.gone(session) : session))
                    .exec(Login.revokeToken(context)))
        .exec(WallClock.record(STOP_TO_GONE, SPAN, session -> notGone(session, timeouts)));
  }

  /**
   * One poll of the stop's wait: the server's state, as {@link #readState} reads it, but not a
   * report entry and never a KO on its own; its status is kept for {@link HubOutage}. The wait's
   * one entry, "stop to gone", says what the polls saw when it gives up.
   */
  static ChainBuilder pollState(HubContext context) {
    return exec(HubOutage::beforePoll)
        .exec(context
            .hubApi(http("server status").get(HubUrls.USER_MODEL))
            .silent()
            .check(
                status().saveAs(HubOutage.POLL_STATUS),
                bodyString()
                    .transformWithSession(
                        (body, session) ->
                            session.getInt(HubOutage.POLL_STATUS) == 200
                                ? ServerState.ofUserModel(body, serverName(session)).name()
                                : ServerState.UNKNOWN.name())
                    .saveAs(SERVER_STATE)))
        .exec(HubOutage::afterPoll);
  }

  /** Asks the hub for the user's server state, into {@link SessionKeys#SERVER_STATE}. */
  static ChainBuilder readState(HubContext context) {
    return HubOutage.retried(
        context
            .hubApi(http("server status").get(HubUrls.USER_MODEL))
            .check(
                HubOutage.answered(),
                status().is(200),
                // A proxy's or load balancer's error page in place of the JSON: the report quotes it
                // (a whole-body regex, as Gatling shows no value a bodyString check found).
                regex(Excerpt.WHOLE_BODY)
                    .transform(body -> ServerState.parse(body).isPresent() ? JSON : Excerpt.of(body))
                    .is(JSON)
                    .name("the user model (JSON) expected"),
                bodyString()
                    .transformWithSession(
                        (body, session) -> ServerState.ofUserModel(body, serverName(session)).name())
                    .saveAs(SERVER_STATE)),
        context.timeouts().hubUnreachable());
  }

  /**
   * Stops the server if it is up, and waits until it is gone, within the stop window ({@link
   * Timeouts#stopWindow}): timeout.stop, or, once the server was seen pending its spawn (which the
   * hub will not interrupt), timeout.spawn more, so that a spawn that outlived the user's own wait
   * is still stopped when it ends. The deadline is checked before each round; a round is a status
   * request, maybe a stop request, and a one-second pause (none after a stop the hub answered with
   * 204: the server is gone).
   */
  static ChainBuilder untilGone(HubContext context) {
    Timeouts timeouts = context.timeouts();
    return exec(session ->
            session
                .set(SERVER_STATE, ServerState.UNKNOWN.name())
                .set(STOP_STARTED, System.currentTimeMillis())
                .remove(SAW_SPAWN_PENDING)
                .remove(STOP_STATUS))
        .exec(HubOutage::reset)
        .exec(
            asLongAs(session -> state(session) != ServerState.GONE && !pastDeadline(session, timeouts))
                .on(
                    exec(session -> session.remove(STOP_STATUS))
                        .exec(pollState(context))
                        .exec(
                            session ->
                                state(session) == ServerState.SPAWN_PENDING
                                    ? session.set(SAW_SPAWN_PENDING, true)
                                    : session)
                        .doIf(session -> state(session) == ServerState.RUNNING)
                        .then(
                            exec(context
                                .hubApi(http("server stop").delete(context.urls().server()))
                                .check(status().in(202, 204).saveAs(STOP_STATUS))))
                        // A round ends with a pause unless the hub just said the server stopped
                        // (204): a refused or failed stop request must not turn into a tight loop.
                        .doIf(session -> state(session) != ServerState.GONE && !stoppedNow(session))
                        .then(pause(POLL_INTERVAL))));
  }

  private static boolean pastDeadline(Session session, Timeouts timeouts) {
    return pastDeadline(
        System.currentTimeMillis() - session.getLong(STOP_STARTED), session.contains(SAW_SPAWN_PENDING), timeouts);
  }

  /** Whether a stop that has waited {@code waitedMillis} must give up. */
  static boolean pastDeadline(long waitedMillis, boolean sawSpawnPending, Timeouts timeouts) {
    return waitedMillis >= timeouts.stopWindow(sawSpawnPending).toMillis();
  }

  /** The stop request of this round answered 204: the server is gone, no need to wait. */
  private static boolean stoppedNow(Session session) {
    return session.contains(STOP_STATUS) && session.getInt(STOP_STATUS) == 204;
  }

  /** The server state last read by {@link #readState}. */
  static ServerState state(Session session) {
    String name = session.getString(SERVER_STATE);
    return name == null ? ServerState.UNKNOWN : ServerState.valueOf(name);
  }

  private static String serverName(Session session) {
    String name = session.getString(SERVER_NAME);
    return name == null ? "" : name;
  }

  private static Optional<String> notGone(Session session, Timeouts timeouts) {
    Integer lastStatus = session.contains(HubOutage.POLL_STATUS) ? session.getInt(HubOutage.POLL_STATUS) : null;
    return notGone(state(session), session.contains(SAW_SPAWN_PENDING), HubOutage.atEnd(session), lastStatus, timeouts);
  }

  /**
   * Why "stop to gone" is a KO, or empty when the server is gone.
   *
   * @param outage the hub not answering at the end of the wait, in words
   * @param lastStatus the status of the wait's last poll, null when it got no answer
   */
  static Optional<String> notGone(
      ServerState state, boolean sawSpawnPending, Optional<String> outage, Integer lastStatus, Timeouts timeouts) {
    if (state == ServerState.GONE) {
      return Optional.empty();
    }
    String bound =
        Durations.format(timeouts.stopWindow(sawSpawnPending))
            + " ("
            + Timeouts.stopWindowName(sawSpawnPending)
            + (sawSpawnPending ? ": it was spawning)" : ")");
    if (outage.isPresent()) {
      return Optional.of(outage.get() + ", until the stop gave up after " + bound);
    }
    String answer = lastStatus == null || lastStatus == 200 ? "" : "; the hub's last answer: HTTP " + lastStatus;
    return Optional.of("server still " + state.words() + " after " + bound + answer);
  }
}
