package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hub.SessionKeys.SERVER_STATE;
import static io.hubload.hub.SessionKeys.SPAWN_REQUESTED;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.hubload.config.Durations;
import io.hubload.timing.WallClock;
import java.time.Duration;
import java.util.Optional;

/**
 * Step "stop": close the websocket, shut the kernel down, stop the server and wait until the hub
 * reports it gone. Every journey ends here, whatever failed before, so that no run leaves a server
 * behind; a user whose spawn was never asked for has nothing to stop.
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
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private Stop() {}

  public static ChainBuilder everything(HubUrls urls, Duration requestTimeout, Duration stopTimeout) {
    return group(STEP)
        .on(
            exec(Kernel.shutdown(requestTimeout))
                .doIf(session -> session.contains(SPAWN_REQUESTED))
                .then(
                    exec(WallClock.start(SPAN))
                        .exec(session -> session.set(SERVER_STATE, ServerState.UNKNOWN.name()))
                        .exec(
                            asLongAsDuring(session -> !isGone(session), stopTimeout)
                                .on(pollAndStop(urls, requestTimeout)))))
        .exec(WallClock.record(STOP_TO_GONE, SPAN, session -> notGone(session, stopTimeout)));
  }

  private static ChainBuilder pollAndStop(HubUrls urls, Duration requestTimeout) {
    return exec(http("server status")
            .get(HubUrls.USER_MODEL)
            .header("Referer", urls.hubPage())
            .requestTimeout(requestTimeout)
            .check(
                status().is(200),
                bodyString()
                    .transform(body -> ServerState.ofUserModel(body).name())
                    .saveAs(SERVER_STATE)))
        .doIfOrElse(session -> state(session) == ServerState.RUNNING)
        .then(
            exec(http("server stop")
                .delete(HubUrls.SERVER)
                .header("Referer", urls.hubPage())
                .requestTimeout(requestTimeout)
                .check(status().in(202, 204))))
        .orElse(
            exec(session -> session)
                .doIf(session -> !isGone(session))
                .then(pause(POLL_INTERVAL)));
  }

  private static ServerState state(Session session) {
    String name = session.getString(SERVER_STATE);
    return name == null ? ServerState.UNKNOWN : ServerState.valueOf(name);
  }

  private static boolean isGone(Session session) {
    return state(session) == ServerState.GONE;
  }

  private static Optional<String> notGone(Session session, Duration stopTimeout) {
    if (isGone(session)) {
      return Optional.empty();
    }
    return Optional.of(
        "server still "
            + state(session).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
            + " after "
            + Durations.format(stopTimeout)
            + " (timeout.stop)");
  }
}
