package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.LocalHubSettings;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import io.hubload.localhub.LocalHub;
import io.hubload.report.RunSummary;
import io.hubload.hubapi.HubClient;
import io.hubload.run.ProjectPaths;
import io.hubload.testing.ForkedGatling;
import io.hubload.testing.HubDatabase;
import io.hubload.commands.Purge;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The journey, in form and token mode, against one JupyterHub release that outlives the runs, as
 * an operator's hub does: the runs are given its hub.url, like any hub the suite did not start.
 * One hub serves every test; each test has users of its own (users.prefix). The hub refuses the
 * users named {@code refused-*} their own stop, to show that the end of run stops what they could
 * not, or fails the run naming each server. Subclasses choose the release.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HubReleaseJourneys {

  private static final Duration LIMIT = Duration.ofMinutes(4);
  /** The smoke simulation's users, each of whom tries once with the wrong password. */
  private static final int WRONG_PASSWORD_LOGINS = 3;
  /**
   * Short, so that each refused user gives up its own stop soon; but the end of run then waits the
   * same timeout.stop for the servers it stops itself. The margin: three local servers stop in
   * about a second here, and once took over 5 s on a loaded 2-core CI machine; 15 s is three
   * times that.
   */
  private static final String SHORT_STOP = "15s";

  private final String token = LocalHub.randomHex(32);
  private final String password = "pw-" + LocalHub.randomHex(8);
  private LocalHub hub;
  private HubClient admin;

  /** The localhub.jupyterhub value of the release under test. */
  abstract String release();

  /**
   * The tab of the token-mode run. The form-mode runs have the default, JupyterLab's; this one
   * has Notebook 7's, which every release from PyPI serves, so that each release meets every tab
   * its users' servers serve (Debian's 3.0 serves the classic UI instead).
   */
  String secondTab() {
    return "notebook";
  }

  @BeforeAll
  void startHub() {
    LocalHubSettings settings =
        Settings.from(
                SettingsSource.merge(
                    SettingsSource.defaults(),
                    Map.of(),
                    Map.of("localhub.jupyterhub", release(), "localhub.refuse-user-stop", "refused-")))
            .localHub();
    hub = LocalHub.start(settings, ProjectPaths.localHubWork(), password, password, token);
    admin = HubClient.withToken(hub.url(), token, Duration.ofSeconds(30));
  }

  @AfterAll
  void stopHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  @Order(1)
  void formModeActiveUsersOnNamedServersWithOptions() throws Exception {
    ForkedGatling.Result run =
        run("UserJourneySimulation", "form-")
            .env("HUB_PASSWORD", password)
            .env("HUB_USER_OPTIONS", "{\"profile\": \"small\"}")
            .set("hub.server-name", "load-{n}")
            .set("load.users", "3")
            .set("load.ramp", "2s")
            .set("session.behaviour", "active")
            .set("session.idle.min", "3s")
            .set("session.idle.max", "3s")
            .set("execute.think-time", "500ms")
            .set("gate.min-ok-percent", "100")
            .run(LIMIT);

    assertEquals(0, run.exitCode(), run::toString);
    assertNoKo(run);
    assertEquals(3, run.entries().get("stop to gone")[1], "every server stopped by its user");
    Set<String> named = HubDatabase.namedServers(hub.stateDir());
    for (int n = 1; n <= 3; n++) {
      String prefix = "form-" + n + " load-" + n + " ";
      assertTrue(
          named.stream().anyMatch(s -> s.startsWith(prefix) && s.contains("small")),
          "the named server and its posted options reached the hub: " + named);
    }
    assertNoServers("form-");
  }

  @Test
  @Order(2)
  void tokenModeRunsTheJourney() throws Exception {
    ForkedGatling.Result run =
        run("SmokeSimulation", "token-")
            .set("hub.auth", "token")
            .set("session.tab", secondTab())
            .env("HUB_ADMIN_TOKEN", token)
            .run(LIMIT);

    assertEquals(0, run.exitCode(), run::toString);
    assertNoKo(run);
    RunSummary summary = RunSummary.read(run.reportDir().resolve(RunSummary.FILE));
    assertEquals(secondTab(), summary.run().session().tab());
    assertEquals(List.of(), summary.run().session().notServed(), "the servers serve all the tab asks");
    assertTrue(summary.entry("page open / page asset").orElseThrow().ok() > 0, "the tab loaded its page's files");
    assertNoServers("token-");
  }

  @Test
  @Order(3)
  void aWrongPasswordFailsTheGate() throws Exception {
    ForkedGatling.Result run = run("SmokeSimulation", "wrong-").env("HUB_PASSWORD", "not-" + password).run(LIMIT);

    assertEquals(2, run.exitCode(), run::toString);
    assertEquals(WRONG_PASSWORD_LOGINS, run.entries().get("login / login submit")[2], "every login is a KO");
    assertEquals(1, run.entries().get("leftover servers")[1], "and nothing was left");
  }

  @Test
  @Order(4)
  void serversTheUsersCouldNotStopAreStoppedWithTheAdminToken() throws Exception {
    ForkedGatling.Result run =
        run("SmokeSimulation", "refused-admin-")
            .env("HUB_PASSWORD", password)
            .env("HUB_ADMIN_TOKEN", token)
            .set("timeout.stop", SHORT_STOP)
            .run(LIMIT);

    assertEquals(2, run.exitCode(), "the users' own stops failed: " + run);
    Map<String, long[]> entries = run.entries();
    assertEquals(3, entries.get("stop to gone")[2], "the hub refused each user its stop");
    assertEquals(1, entries.get("leftover servers")[1], "the end of run stopped them all");
    assertTrue(
        run.stdout().contains("hubload: end of run: stopped 3 server(s) that test users left running (with the admin token)"),
        run::toString);
    assertNoServers("refused-admin-");
  }

  @Test
  @Order(5)
  void serversNobodyCouldStopFailTheRunOneLineEach() throws Exception {
    ForkedGatling.Result run =
        run("SmokeSimulation", "refused-user-")
            .env("HUB_PASSWORD", password)
            .set("timeout.stop", SHORT_STOP)
            .run(LIMIT);

    assertEquals(2, run.exitCode(), run::toString);
    assertEquals(1, run.entries().get("leftover servers")[2], "the end of run could not stop them: a KO");
    assertTrue(run.stdout().contains("leftover servers: count of failed events is 0.0 : false"), run::toString);
    List<String> lines = run.stdout().lines().filter(l -> l.startsWith("hubload: left running: ")).distinct().toList();
    assertEquals(3, lines.size(), "one line per server: " + lines);
    for (int n = 1; n <= 3; n++) {
      String line = lines.get(n - 1);
      assertTrue(line.startsWith("hubload: left running: refused-user-" + n + "'s default server refused by the hub (HTTP 403"), line);
      assertTrue(line.endsWith("mvn test-compile exec:java@purge -Dhub.url=" + hub.url()), line);
    }

    // As the lines say: the purge, with an admin token, stops them.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Settings settings =
        Settings.from(
            SettingsSource.merge(
                SettingsSource.defaults(), Map.of(), Map.of("users.prefix", "refused-user-", "hub.url", hub.url().toString())));
    Purge.Outcome purge = new Purge(hub.url(), token, settings, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    assertEquals(List.of(), purge.problems(), out::toString);
    assertEquals(3, purge.serversStopped(), out::toString);
    assertNoServers("refused-user-");
  }

  /**
   * Last: the interrupted users' servers are stopped under them while they are under way, so the
   * requests they still make may be refused, as a browser's would be; the log check runs before.
   */
  @Test
  @Order(7)
  void anInterruptedRunStopsItsUsersServers() throws Exception {
    ForkedGatling.Running running =
        run("UserJourneySimulation", "sigterm-")
            .env("HUB_PASSWORD", password)
            .env("HUB_ADMIN_TOKEN", token)
            .set("load.users", "2")
            .set("load.ramp", "1s")
            .set("session.idle.min", "5m")
            .set("session.idle.max", "5m")
            .start();
    try {
      awaitServers("sigterm-", 2);
      running.process().destroy(); // SIGTERM, as Ctrl-C or a CI abort sends
      assertTrue(running.process().waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "the run ends within its bound");
      assertTrue(
          running.stdoutSoFar().contains("hubload: end of run: stopped 2 server(s) that test users left running"),
          running.stdoutSoFar());
      assertTrue(
          running.stdoutSoFar().contains("hubload: INTERRUPTED by SIGTERM: the report covers the time the run ran"),
          running.stdoutSoFar());
      assertNoServers("sigterm-");
    } finally {
      running.killEverything();
    }
  }

  @Test
  @Order(6)
  void theHubSawOnlyWhatABrowserSends() throws Exception {
    List<String> log = Files.readAllLines(hub.stateDir().resolve("jupyterhub.log"), StandardCharsets.UTF_8);
    assertEquals(List.of(), log.stream().filter(l -> l.contains("Skipping XSRF check")).limit(5).toList());
    // JupyterHub 6 answers a failed login with 403 (earlier releases with 200 and the form again);
    // its log line names no user, so the wrong-password test's logins are counted instead: one
    // each, and one more (an XSRF refusal of a right password, say) fails the test.
    List<String> loginsRefused = log.stream().filter(l -> l.contains(" 403 POST /hub/login")).toList();
    assertTrue(
        loginsRefused.isEmpty() || loginsRefused.size() == WRONG_PASSWORD_LOGINS,
        "only the wrong-password test's " + WRONG_PASSWORD_LOGINS + " logins refused: " + loginsRefused);
    assertEquals(
        List.of(),
        log.stream()
            .filter(l -> l.contains(" 403 ") && !l.contains("/refused-") && !l.contains(" 403 POST /hub/login"))
            .limit(5)
            .toList(),
        "no 403 but the stops and the logins refused on purpose");
  }

  private void awaitServers(String usersPrefix, int count) throws Exception {
    for (int i = 0; i < 240; i++) {
      long running =
          admin.usersStartingWith(usersPrefix).stream()
              .filter(user -> user.servers().containsValue(io.hubload.hubapi.ServerState.RUNNING))
              .count();
      if (running == count) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(count + " servers of " + usersPrefix + "* did not start within a minute");
  }

  private ForkedGatling run(String simulation, String usersPrefix) {
    return ForkedGatling.simulation(simulation)
        .set("hub.url", hub.url().toString())
        .set("users.prefix", usersPrefix);
  }

  private static void assertNoKo(ForkedGatling.Result run) {
    Map<String, long[]> entries = run.entries();
    assertTrue(entries.containsKey("leftover servers"), run::toString);
    entries.forEach((name, counts) -> assertEquals(0, counts[2], name + ": no KO in " + run));
  }

  private void assertNoServers(String usersPrefix) throws Exception {
    for (HubClient.User user : admin.usersStartingWith(usersPrefix)) {
      assertEquals(Map.of(), user.servers(), user.name() + " has no server left");
    }
  }
}
