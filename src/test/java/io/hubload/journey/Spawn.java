package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hubapi.SessionKeys.SERVER_REUSED;
import static io.hubload.hubapi.SessionKeys.SPAWN_OUTCOME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.HubSettings;
import io.hubload.config.Timeouts;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.hubload.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step "spawn": ask the hub for the user's server and wait on the hub's progress stream until it
 * is ready. "spawn to ready", from the request to the ready event, is recorded as wall time. A
 * server that step "check server" chose to reuse is not spawned.
 */
public final class Spawn {

  public static final String STEP = "spawn";
  /** Report entry: wall time from the spawn request to the hub's ready event. */
  public static final String SPAWN_TO_READY = "spawn to ready";

  private static final String SPAN = "spawn";
  /** The status and Retry-After of the last answer to the spawn request. */
  private static final String SPAWN_STATUS = "spawnStatus";
  private static final String RETRY_AFTER = "spawnRetryAfter";
  /** When the spawn was asked for, and the progress stream as the hub sent it: its phases. */
  private static final String REQUESTED_AT = "spawnRequestedAt";
  private static final String STREAM = "spawnStream";
  private static final int THROTTLED = 429;

  private final HubContext context;
  private final HubSettings hub;
  private final Timeouts timeouts;

  private Spawn(HubContext context) {
    this.context = context;
    this.hub = context.settings().hub();
    this.timeouts = context.timeouts();
  }

  /** Spawn and wait until ready, unless the user reuses a server it already had. */
  public static ChainBuilder step(HubContext context) {
    return exec(session -> session)
        // An interrupted run asks for no new server: nothing would stop it.
        .exitHereIf(session -> ServerLedger.isStopping())
        .doIfOrElse(session -> session.contains(SERVER_REUSED))
        .then(exec(ServerLedger::mayHaveServer))
        .orElse(new Spawn(context).spawnAndWait());
  }

  private ChainBuilder spawnAndWait() {
    return exec(WallClock.start(SPAN))
        .exec(
            session -> {
              SpawnLog.requested();
              return ServerLedger.mayHaveServer(session)
                  .remove(SPAWN_OUTCOME)
                  .remove(STREAM)
                  .set(REQUESTED_AT, System.currentTimeMillis());
            })
        .exitBlockOnFail()
        .on(
            group(STEP)
                .on(
                    exec(requestUntilAccepted())
                        .doIf(Spawn::accepted)
                        .then(HubOutage.retried(waitUntilReady(), timeouts.hubUnreachable()))))
        // Not exitable: the entry is written for failed spawns too. A KO marks the user failed, so
        // the journey's enclosing exitBlockOnFail leaves before its next step.
        .exec(WallClock.record(SPAWN_TO_READY, SPAN, this::notReady))
        .exec(SpawnLog.record(REQUESTED_AT, STREAM, SPAWN_OUTCOME));
  }

  /**
   * Asks for the server until the hub accepts. When too many spawns are pending the hub answers
   * 429 with a Retry-After (30 to 60 s by default); a person waits and asks again, and so does
   * this user, within timeout.spawn, unless hub.throttled-spawn is "fail". The wait counts in
   * "spawn to ready": it is what the person waits.
   */
  private ChainBuilder requestUntilAccepted() {
    if (hub.throttledSpawn() == HubSettings.ThrottledSpawn.FAIL) {
      return HubOutage.retried(spawnRequest(false), timeouts.hubUnreachable());
    }
    return exec(session -> session.remove(SPAWN_STATUS))
        .asLongAs(session -> !accepted(session) && remainingMillis(session) > 0)
        .on(
            // A request that fails leaves no status: the message then says it failed, not that
            // the hub throttled it.
            exec(session -> session.remove(SPAWN_STATUS).remove(RETRY_AFTER))
                .exec(HubOutage.retried(spawnRequest(true), timeouts.hubUnreachable()))
                .doIf(Spawn::throttled)
                .then(pause(this::retryAfter)));
  }

  /** The hub took the spawn request (any answer but 429). */
  private static boolean accepted(Session session) {
    return session.contains(SPAWN_STATUS) && session.getInt(SPAWN_STATUS) != THROTTLED;
  }

  private static boolean throttled(Session session) {
    return session.contains(SPAWN_STATUS) && session.getInt(SPAWN_STATUS) == THROTTLED;
  }

  /**
   * The request that starts the server: in form mode the hub's spawn page, as a browser asks it
   * (a GET, or the options form posted); in token mode the REST API, with the user options as
   * JSON. The hub answers the page with a redirect, the API with 201 (started) or 202 (starting);
   * with {@code acceptThrottled}, a 429 is an answer too.
   */
  private HttpRequestActionBuilder spawnRequest(boolean acceptThrottled) {
    HttpRequestActionBuilder request;
    List<Integer> accepted;
    if (hub.auth() == HubSettings.Auth.TOKEN) {
      accepted = new ArrayList<>(List.of(201, 202));
      request =
          context
              .hubApi(http("spawn request").post(context.urls().server()))
              .body(StringBody(hub.userOptions().map(JsonNode::toString).orElse("{}")))
              .asJson();
    } else {
      accepted = new ArrayList<>(List.of(302, 303));
      request =
          context.pageFromHubHome(
              hub.userOptions().isPresent()
                  ? http("spawn request").post(context.urls().spawnPage()).formParamMap(formFields(hub.userOptions().get()))
                  : http("spawn request").get(context.urls().spawnPage()));
      request = request.disableFollowRedirect();
    }
    if (acceptThrottled) {
      accepted.add(THROTTLED);
    }
    return request
        .check(
            HubOutage.answered(),
            status().in(accepted).saveAs(SPAWN_STATUS),
            header("Retry-After").optional().saveAs(RETRY_AFTER));
  }

  private Duration retryAfter(Session session) {
    return retryAfter(session.getString(RETRY_AFTER), remainingMillis(session));
  }

  /**
   * How long a throttled user waits before asking again: the hub's Retry-After in seconds (at
   * least 1), 30 s when it gives none or an HTTP date, never past what is left of timeout.spawn.
   */
  static Duration retryAfter(String header, long remainingMillis) {
    long seconds = 30;
    if (header != null) {
      try {
        seconds = Math.max(1, Long.parseLong(header.strip()));
      } catch (NumberFormatException e) {
        // an HTTP date: keep the default
      }
    }
    return Duration.ofMillis(Math.max(1, Math.min(seconds * 1000, remainingMillis)));
  }

  /**
   * Reads the hub's progress event stream until it ends. JupyterHub ends it right after the final
   * event (ready or failed), so the response's end is the moment the server is ready.
   *
   * <p>A plain request rather than Gatling's SSE support: Gatling gives an event stream's
   * connection no timeout at all (its check timer starts once connected), so a proxy that accepts
   * the connection and never answers would hold the user for ever. This request is bounded by
   * timeout.spawn like the rest of the spawn.
   */
  private HttpRequestActionBuilder waitUntilReady() {
    return context
        .hubApi(http("spawn progress").get(context.urls().spawnProgress()))
        .header("Accept", "text/event-stream")
        .requestTimeout(timeouts.spawn())
        .check(
            HubOutage.answered(),
            status().is(200),
            bodyString().saveAs(STREAM),
            bodyString().transform(SpawnProgress::outcomeOfStream).saveAs(SPAWN_OUTCOME),
            regex(Excerpt.WHOLE_BODY)
                .transform(SpawnProgress::outcomeOfStream)
                .is(SpawnProgress.READY)
                .name("a ready event expected"));
  }

  /** A browser posts each option as a form field; values that are not text go as JSON. */
  static Map<String, Object> formFields(ObjectNode options) {
    Map<String, Object> fields = new LinkedHashMap<>();
    options.fields()
        .forEachRemaining(
            field ->
                fields.put(
                    field.getKey(),
                    field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
    return fields;
  }

  private long remainingMillis(Session session) {
    return timeouts.spawn().toMillis() - WallClock.elapsedMillis(session, SPAN);
  }

  private Optional<String> notReady(Session session) {
    String outcome = session.getString(SPAWN_OUTCOME);
    if (SpawnProgress.READY.equals(outcome)) {
      return Optional.empty();
    }
    if (outcome != null) {
      return Optional.of(outcome);
    }
    if (throttled(session)) {
      return Optional.of(
          "the hub refused the spawn (429: too many spawns pending) until timeout.spawn ("
              + Durations.format(timeouts.spawn())
              + ")");
    }
    if (WallClock.elapsedMillis(session, SPAN) >= timeouts.spawn().toMillis()) {
      return Optional.of("not ready within " + Durations.format(timeouts.spawn()) + " (timeout.spawn)");
    }
    return Optional.of("no ready event: the spawn request or the progress stream failed (see the spawn step's errors)");
  }
}
