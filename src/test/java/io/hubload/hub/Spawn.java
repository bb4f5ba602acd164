package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hub.SessionKeys.SPAWN_OUTCOME;
import static io.hubload.hub.SessionKeys.SPAWN_REQUESTED;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.hubload.config.Durations;
import io.hubload.timing.WallClock;
import java.time.Duration;
import java.util.Optional;

/**
 * Step "spawn": ask the hub for the user's server and wait on the hub's progress stream until it
 * is ready. "spawn to ready", from the request to the ready event, is recorded as wall time.
 */
public final class Spawn {

  public static final String STEP = "spawn";
  /** Report entry: wall time from the spawn request to the hub's ready event. */
  public static final String SPAWN_TO_READY = "spawn to ready";

  private static final String SPAN = "spawn";

  private Spawn() {}

  /** The spawn as a browser does it: {@code GET /hub/spawn}, then the progress stream. */
  public static ChainBuilder fromSpawnPage(HubUrls urls, Duration requestTimeout, Duration spawnTimeout) {
    return exec(WallClock.start(SPAN))
        .exec(session -> session.set(SPAWN_REQUESTED, true))
        .exitBlockOnFail()
        .on(
            group(STEP)
                .on(
                    exec(http("spawn request")
                            .get(HubUrls.SPAWN)
                            .requestTimeout(requestTimeout)
                            .disableFollowRedirect()
                            .check(status().in(302, 303)))
                        .exec(waitUntilReady(urls, spawnTimeout))))
        // Not exitable: the entry is written for failed spawns too. A KO marks the user failed, so
        // the journey's enclosing exitBlockOnFail leaves before its next step.
        .exec(WallClock.record(SPAWN_TO_READY, SPAN, session -> notReady(session, spawnTimeout)));
  }

  /**
   * Follows the hub's progress event stream until its final event. The wait is bounded by what
   * is left of {@code spawnTimeout} since the spawn request.
   */
  static ChainBuilder waitUntilReady(HubUrls urls, Duration spawnTimeout) {
    return exec(session -> session.remove(SPAWN_OUTCOME))
        .exec(
            sse("spawn progress")
                .get(HubUrls.SPAWN_PROGRESS)
                .header("Referer", urls.hubPage())
                .await(session -> remaining(session, spawnTimeout))
                .on(
                    sse.checkMessage("spawn ready")
                        .matching(bodyString().transform(SpawnProgress::isFinal).is(true))
                        .check(
                            bodyString()
                                .transform(SpawnProgress::outcome)
                                .saveAs(SPAWN_OUTCOME),
                            bodyString()
                                .transform(SpawnProgress::outcome)
                                .validate(
                                    "server ready",
                                    (outcome, session) -> {
                                      if (!SpawnProgress.READY.equals(outcome)) {
                                        // Gatling reports the message of what a validator throws.
                                        throw new IllegalStateException(outcome);
                                      }
                                      return outcome;
                                    }))))
        .exec(sse("spawn progress close").close());
  }

  private static Duration remaining(Session session, Duration spawnTimeout) {
    long left = spawnTimeout.toMillis() - WallClock.elapsedMillis(session, SPAN);
    return Duration.ofMillis(Math.max(left, 1000));
  }

  private static Optional<String> notReady(Session session, Duration spawnTimeout) {
    String outcome = session.getString(SPAWN_OUTCOME);
    if (SpawnProgress.READY.equals(outcome)) {
      return Optional.empty();
    }
    if (outcome != null) {
      return Optional.of(outcome);
    }
    return Optional.of(
        "not ready within " + Durations.format(spawnTimeout) + " (timeout.spawn) or spawn refused");
  }
}
