package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.LocalHubSettings;
import io.hubload.config.Settings;
import io.hubload.config.SettingsSource;
import io.hubload.hubapi.HubClient;
import io.hubload.localhub.LocalHub;
import io.hubload.localhub.ProcessSweeper;
import io.hubload.run.ProjectPaths;
import io.hubload.testing.ForkedGatling;
import io.hubload.testing.LocalHubProcesses;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The local hub leaves nothing behind: not when it is closed, not when its run is interrupted,
 * and a run that was killed outright is cleaned up by the next one.
 *
 * <p>Isolated: it counts the processes of every local hub of this JVM, and leaves a killed run's
 * hub for the next hub to sweep, which a hub of a class running beside it would do first.
 */
@Isolated
class LocalHubIT {

  private static final LocalHubSettings SETTINGS =
      Settings.from(SettingsSource.defaults()).localHub();

  @Test
  void startsARealHubAndStopsEverythingOnClose() throws Exception {
    LocalHub hub = LocalHub.start(SETTINGS, ProjectPaths.localHubWork(), "pw", "pw", LocalHub.randomHex(32));
    try {
      assertTrue(hub.version().matches("\\d+\\.\\d+.*"), hub.version());
      HttpResponse<String> api =
          HubClient.withToken(hub.url(), hub.adminToken().orElseThrow(), Duration.ofSeconds(30)).get("/hub/api/users");
      assertEquals(200, api.statusCode(), "the service token is an admin: " + api.body());
      assertFalse(
          Files.readString(hub.stateDir().resolve("jupyterhub_config.py")).contains(hub.adminToken().orElseThrow()),
          "the token is not written to disk");
      assertFalse(processesOfThisJvm().isEmpty(), "hub and proxy run, marked");
    } finally {
      hub.close();
    }
    assertEquals(List.of(), processesOfThisJvm());
  }

  @Test
  void anInterruptedRunStopsItsServersAndKernels() throws Exception {
    ForkedGatling.Running run = longRun().start();
    try {
      waitForKernel(run);

      run.process().destroy(); // SIGTERM, as Ctrl-C or a CI abort sends
      assertTrue(run.process().waitFor(90, TimeUnit.SECONDS), "the run ends");

      assertEquals(List.of(), ProcessSweeper.ownedBy(run.pid()));
    } finally {
      run.killEverything();
    }
  }

  @Test
  void aKilledRunIsCleanedUpByTheNextLocalHub() throws Exception {
    ForkedGatling.Running run = longRun().start();
    try {
      waitForKernel(run);

      run.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertTrue(run.process().waitFor(30, TimeUnit.SECONDS));
      assertFalse(
          ProcessSweeper.ownedBy(run.pid()).isEmpty(), "the killed run's hub is still there");

      LocalHub next =
          LocalHub.start(SETTINGS, ProjectPaths.localHubWork(), "pw", "pw", LocalHub.randomHex(32));
      next.close();

      assertEquals(List.of(), ProcessSweeper.ownedBy(run.pid()));
      assertEquals(List.of(), processesOfThisJvm());
    } finally {
      run.killEverything();
    }
  }

  /** Two users who sit idle long enough to be interrupted with a kernel running. */
  private static ForkedGatling longRun() {
    return ForkedGatling.simulation("UserJourneySimulation")
        .set("load.users", "2")
        .set("load.ramp", "1s")
        .set("session.idle.min", "120s")
        .set("session.idle.max", "120s");
  }

  private static void waitForKernel(ForkedGatling.Running run) throws Exception {
    LocalHubProcesses.awaitKernels(run, 1, Duration.ofMinutes(2));
  }

  private static List<ProcessHandle> processesOfThisJvm() {
    return ProcessSweeper.ownedBy(ProcessHandle.current().pid());
  }
}
