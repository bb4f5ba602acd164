package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.LocalHubSettings;
import io.hubload.config.Settings;
import io.hubload.hubapi.HubClient;
import io.hubload.config.SettingsSource;
import io.hubload.localhub.LocalHub;
import io.hubload.localhub.ProcessSweeper;
import io.hubload.run.ProjectPaths;
import io.hubload.testing.ForkedGatling;
import io.hubload.testing.HubDatabase;
import io.hubload.testing.SecretScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Token mode against real local hubs: the whole journey through the REST API with named servers
 * and user options, no token anywhere in what the run wrote, and a bad admin token stopping the
 * run before any user starts.
 */
class TokenModeIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);
  /** JupyterHub 3.0's tokens: uuid4().hex. */
  private static final Pattern HUB_TOKEN = Pattern.compile("(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])");

  @Test
  void tokenSmokeRunsEveryStepWithNamedServersAndLeavesNoTokenBehind() throws Exception {
    String adminToken = "admin-" + LocalHub.randomHex(16);
    Path digests = Files.createTempFile("token-digests", ".txt");
    ForkedGatling.Running running =
        ForkedGatling.simulation("SmokeSimulation")
            .env("HUB_ADMIN_TOKEN", adminToken)
            .env("HUB_USER_OPTIONS", "{\"profile\": \"small\"}")
            .set("hub.auth", "token")
            .set("hub.server-name", "load-{n}")
            .set("hubload.test.tokenDigests", digests.toString())
            .start();
    ForkedGatling.Result run;
    try {
      run = running.await(LIMIT);
    } finally {
      running.killEverything();
    }

    assertEquals(0, run.exitCode(), run::toString);
    Map<String, long[]> entries = run.entries();
    for (String entry :
        List.of(
            "login / create user",
            "login / user token",
            "spawn / spawn request",
            "spawn to ready",
            "page open / server home",
            "kernel start / kernel websocket",
            "execute / execute",
            "stop / server stop",
            "stop / token revoke",
            "stop to gone")) {
      // Each user's JupyterLab tab opens lab once: the local hub's servers serve JupyterLab.
      assertEquals(3, entries.get(entry)[1], entry + ": 3 OK");
      assertEquals(0, entries.get(entry)[2], entry + ": no KO");
    }

    // The hub received the named servers and the user options.
    assertEquals(
        Set.of(
            "hubload-1 load-1 {\"profile\": \"small\"}",
            "hubload-2 load-2 {\"profile\": \"small\"}",
            "hubload-3 load-3 {\"profile\": \"small\"}"),
        namedServers(running.pid()));

    // No token anywhere: not the admin token, and none of the users' own (found by digest). The
    // run's console is in there too: ForkedGatling writes its stdout and stderr under target/it/.
    Set<String> userTokenDigests = new HashSet<>(Files.readAllLines(digests, StandardCharsets.UTF_8));
    assertEquals(3, userTokenDigests.size(), "three user tokens were issued");
    Path[] everything = {Path.of("target"), Path.of("reports")};
    assertEquals(List.of(), SecretScan.filesContaining(adminToken, everything));
    assertEquals(List.of(), SecretScan.digestMatches(HUB_TOKEN, userTokenDigests, everything));
    assertFalse(run.stdout().contains(adminToken) || run.stderr().contains(adminToken));
    assertTrue(ProcessSweeper.ownedBy(run.pid()).isEmpty());
  }

  @Test
  void aWrongOrMissingAdminTokenStopsTheRunBeforeAnyUser() throws Exception {
    LocalHubSettings settings = Settings.from(SettingsSource.defaults()).localHub();
    String realToken = LocalHub.randomHex(32);
    try (LocalHub hub = LocalHub.start(settings, ProjectPaths.localHubWork(), "pw", "pw", realToken)) {
      ForkedGatling.Result wrong =
          ForkedGatling.simulation("UserJourneySimulation")
              .set("hub.auth", "token")
              .set("hub.url", hub.url().toString())
              .set("users.prefix", "preflight-")
              .env("HUB_ADMIN_TOKEN", "not-the-token-" + LocalHub.randomHex(8))
              .run(Duration.ofMinutes(1));
      assertEquals(1, wrong.exitCode(), wrong::toString);
      assertEquals(
          List.of(
              "hubload: hub.admin-token (HUB_ADMIN_TOKEN): the hub refused it (HTTP 403 from GET /hub/api/user): the token is wrong, expired or revoked, or for another hub"),
          wrong.errorLines());
      assertFalse(wrong.stdout().contains("started..."));

      ForkedGatling.Result missing =
          ForkedGatling.simulation("UserJourneySimulation")
              .set("hub.auth", "token")
              .set("hub.url", hub.url().toString())
              .set("users.prefix", "preflight-")
              .run(Duration.ofMinutes(1));
      assertEquals(1, missing.exitCode(), missing::toString);
      assertEquals(
          List.of(
              "hubload: invalid setting hub.admin-token = (empty): token mode needs an admin token; set HUB_ADMIN_TOKEN (hub.auth = token)"),
          missing.errorLines());

      String users = HubClient.withToken(hub.url(), realToken, Duration.ofSeconds(30)).get("/hub/api/users").body();
      assertFalse(users.contains("preflight-"), "no user was created: " + users);
    }
  }

  /** "user server options" for every named server in the database of the run's local hub. */
  private static Set<String> namedServers(long runPid) throws Exception {
    try (var dirs = Files.list(ProjectPaths.localHubWork())) {
      return HubDatabase.namedServers(
          dirs.filter(d -> d.getFileName().toString().endsWith("-" + runPid)).findFirst().orElseThrow());
    }
  }
}
