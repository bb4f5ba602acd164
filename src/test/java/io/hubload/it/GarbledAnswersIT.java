package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.hubapi.HubClient;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import io.hubload.localhub.LocalHub;
import io.hubload.run.ProjectPaths;
import io.hubload.testing.ForkedGatling;
import io.hubload.testing.GarblingProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Answers that are not what a hub sends, from a real proxy put in front of one local hub (see
 * {@link GarblingProxy}): each becomes one KO that quotes what came back, in its step, within the
 * step's bound; never an exception on the console, never a hang. The users still stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GarbledAnswersIT {

  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final String token = LocalHub.randomHex(32);
  private final String password = "pw-" + LocalHub.randomHex(8);
  private LocalHub hub;

  @BeforeAll
  void startHub() {
    hub =
        LocalHub.start(
            Settings.from(SettingsSource.defaults()).localHub(), ProjectPaths.localHubWork(), password, password, token);
  }

  @AfterAll
  void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  /**
   * Four users, each given one garbled answer: an HTML page where JSON is expected, a progress
   * stream that ends early, one with a malformed event, a kernel websocket cut in the middle of a
   * reply. Each is one KO that quotes what came back (the progress stream's two: the request,
   * and the spawn's wait it ends); the websocket cut ends the execution at once.
   */
  @Test
  void eachGarbledAnswerIsAKoThatQuotesIt() throws Exception {
    long started = System.nanoTime();
    ForkedGatling.Result run =
        throughProxy("1=html-for-json,2=progress-cut,3=progress-malformed,4=ws-cut", "garble-", 4);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    String cut =
        "the progress stream ended without a ready or failed event; its last event: \"data: {\"progress\": 0, \"message\": \"Server requested\"}\"";
    String malformed =
        "the progress stream ended without a ready or failed event; a malformed event: \"data: {\"progress\": 50, \"message\":\"";
    assertEquals(
        new TreeSet<>(
            List.of(
                "the user model (JSON) expected, found \"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream sent n...\"",
                "a ready event expected, found " + cut,
                cut,
                "a ready event expected, found " + malformed,
                malformed,
                // The cut, at once (not "Check execute timeout" after timeout.execute), and the
                // user's close of the websocket the cut had already ended.
                "WebSocket crashed while waiting for check: i.g.h.c.i.PrematureCloseException: Premature close",
                "kernel websocket close: Client issued close order but WebSocket was already crashed: i.g.h.c.i.PrematureCloseException: Premature close ")),
        new TreeSet<>(run.errors()),
        run::toString);
    assertEquals(1, run.entries().get("check server / server status")[2], run::toString);
    assertEquals(2, run.entries().get("spawn to ready")[2], run::toString);
    assertEquals(1, run.entries().get("execute / execute")[2], run::toString);
    System.out.println("GarbledAnswersIT: 4 garbled answers, run of " + seconds + " s: " + run.errors());
  }

  /** The users' whole journeys through the garbling proxy. */
  private ForkedGatling.Result throughProxy(String garble, String usersPrefix, int users) throws Exception {
    Path log = ProjectPaths.basedir().resolve("target").resolve("it").resolve("mitmdump-" + usersPrefix + ".log");
    java.nio.file.Files.createDirectories(log.getParent());
    try (GarblingProxy proxy = GarblingProxy.start(hub.url(), garble, log)) {
      ForkedGatling.Result run =
          ForkedGatling.simulation("UserJourneySimulation")
              .env("HUB_PASSWORD", password)
              .env("HUB_ADMIN_TOKEN", token)
              .set("hub.url", proxy.url().toString())
              .set("users.prefix", usersPrefix)
              .set("load.users", Integer.toString(users))
              .set("load.ramp", "2s")
              .set("session.idle.min", "1s")
              .set("session.idle.max", "1s")
              .run(LIMIT);
      assertFalse(run.stdout().contains("Exception in thread") || run.stderr().contains("Exception"), run::toString);
      assertEquals(0, run.entries().get("leftover servers")[2], "nothing left running: " + run);
      assertTrue(
          HubClient.withToken(hub.url(), token, Duration.ofSeconds(30)).usersStartingWith(usersPrefix).stream()
              .allMatch(user -> user.servers().isEmpty()),
          "the users' servers are stopped");
      return run;
    }
  }
}
