package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.LocalHubSettings;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import io.hubload.localhub.LocalHub;
import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.ServerState;
import io.hubload.run.ProjectPaths;
import io.hubload.testing.ForkedGatling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import io.hubload.commands.Purge;

/**
 * Against one local hub that outlives the runs, as a real hub does: a token-mode run finds a
 * leftover server and stops it first; the purge's dry run changes nothing; the purge stops and
 * deletes every test user and leaves everyone else alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PurgeIT {

  private final String token = LocalHub.randomHex(32);
  private LocalHub hub;
  private HubClient admin;

  @BeforeAll
  void startHub() {
    LocalHubSettings settings = Settings.from(SettingsSource.defaults()).localHub();
    hub = LocalHub.start(settings, ProjectPaths.localHubWork(), "pw", "pw", token);
    admin = HubClient.withToken(hub.url(), token, Duration.ofSeconds(30));
  }

  @AfterAll
  void stopHub() {
    hub.close();
  }

  @Test
  @Order(1)
  void aServerLeftRunningIsStoppedBeforeTheSpawn() throws Exception {
    // A person's user, and a test user whose server an earlier run left running.
    call("POST", "/hub/api/users/keeper");
    call("POST", "/hub/api/users/keeper/server");
    call("POST", "/hub/api/users/hubload-1");
    call("POST", "/hub/api/users/hubload-1/server");
    awaitRunning("hubload-1", "");

    ForkedGatling.Running running =
        ForkedGatling.simulation("SmokeSimulation")
            .set("hub.url", hub.url().toString())
            .set("hub.auth", "token")
            .env("HUB_ADMIN_TOKEN", token)
            .start();
    ForkedGatling.Result run;
    try {
      run = running.await(Duration.ofMinutes(4));
    } finally {
      running.killEverything();
    }

    assertEquals(0, run.exitCode(), run::toString);
    Map<String, long[]> entries = run.entries();
    assertEquals(1, entries.get("check server / server stop")[1], "the leftover was stopped");
    assertEquals(3, entries.get("spawn to ready")[1], "and every user spawned afresh");
    assertEquals(Map.of(), admin.serversOf("hubload-1"), "nothing left running");
  }

  @Test
  @Order(2)
  void dryRunListsWhatItWouldDoAndChangesNothing() throws Exception {
    call("POST", "/hub/api/users/hubload-2/server");
    awaitRunning("hubload-2", "");

    String out = purge("purge.dry-run", "true", "purge.delete-users", "true");

    assertTrue(out.contains("purge: 3 test user(s) named hubload-* (dry run: nothing is changed)"), out);
    assertTrue(out.contains("purge: would stop hubload-2's default server (running)"), out);
    assertTrue(out.contains("purge: would delete user hubload-1 and its tokens"), out);
    assertEquals(
        List.of("hubload-1", "hubload-2", "hubload-3"),
        admin.usersStartingWith("hubload-").stream().map(HubClient.User::name).toList());
    assertEquals(Map.of("", ServerState.RUNNING), admin.serversOf("hubload-2"));
  }

  @Test
  @Order(3)
  void purgeStopsAndDeletesTestUsersOnly() throws Exception {
    String out = purge("purge.delete-users", "true");

    assertTrue(out.contains("purge: stopped 1 server(s), deleted 3 user(s)"), out);
    assertEquals(List.of(), admin.usersStartingWith("hubload-"), "zero test users");
    assertEquals(Map.of("", ServerState.RUNNING), admin.serversOf("keeper"), "keeper untouched");
  }

  private String purge(String... keyValues) throws Exception {
    Map<String, String> props = new java.util.HashMap<>();
    props.put("hub.url", hub.url().toString());
    props.put("hub.admin-token", token);
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    Settings settings = Settings.from(SettingsSource.merge(SettingsSource.defaults(), Map.of(), props));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Purge.Outcome outcome =
        new Purge(hub.url(), token, settings, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    assertEquals(List.of(), outcome.problems());
    return out.toString(StandardCharsets.UTF_8);
  }

  private void awaitRunning(String user, String server) throws Exception {
    for (int i = 0; i < 120; i++) {
      Map<String, ServerState> servers = admin.serversOf(user);
      if (servers != null && servers.get(server) == ServerState.RUNNING) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(user + "'s server did not start");
  }

  private void call(String method, String path) throws Exception {
    HttpResponse<String> response = admin.send(method, path, Map.of(), null);
    assertTrue(response.statusCode() < 300, method + " " + path + ": " + response.statusCode());
  }
}
