package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.localhub.LocalHub;
import io.hubload.localhub.ProcessSweeper;
import io.hubload.testing.ForkedGatling;
import io.hubload.testing.SecretScan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The smoke run is a gate: against the real local hub, a journey that breaks makes the run fail
 * (exit code 2, which the Maven plugin turns into a failed build), with the KO on the step that
 * broke, and still leaves nothing running.
 */
class SmokeGateIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);

  @Test
  void wrongExpectedOutputFailsTheRunOnExecute() throws Exception {
    ForkedGatling.Result run =
        ForkedGatling.simulation("SmokeSimulation").set("execute.expected", "21").run(LIMIT);

    assertEquals(2, run.exitCode(), run::toString);
    Map<String, long[]> entries = run.entries();
    assertEquals(3, entries.get("execute / execute")[2], "every execution is a KO");
    assertEquals(0, entries.get("spawn to ready")[2], "the steps before it passed");
    assertEquals(0, entries.get("stop to gone")[2], "and the servers were stopped anyway");
    assertTrue(run.stdout().contains("output \"20\", expected \"21\""), run::toString);
    assertTrue(run.stdout().contains("percentage of successful events is 100.0 : false"), run::toString);
    assertNothingLeft(run);
  }

  @Test
  void wrongPasswordFailsTheRunOnLoginAndSpawnsNothing() throws Exception {
    String right = "right-" + LocalHub.randomHex(8);
    String wrong = "wrong-" + LocalHub.randomHex(8);
    ForkedGatling.Result run =
        ForkedGatling.simulation("SmokeSimulation")
            .env("LOCALHUB_PASSWORD", right)
            .env("HUB_PASSWORD", wrong)
            .run(LIMIT);

    assertEquals(2, run.exitCode(), run::toString);
    Map<String, long[]> entries = run.entries();
    assertEquals(3, entries.get("login / login submit")[2], "every login is a KO");
    assertFalse(entries.containsKey("spawn / spawn request"), "no spawn after a failed login");
    // HTTP 403 since JupyterHub 6.0, 200 with the form again before it.
    assertTrue(run.stdout().contains("login refused (HTTP "), run::toString);
    for (String password : new String[] {right, wrong}) {
      assertFalse(run.stdout().contains(password) || run.stderr().contains(password), "not printed");
      assertEquals(
          List.of(),
          SecretScan.filesContaining(password, Path.of("target"), Path.of("reports")),
          "no file holds a password");
    }
    assertNothingLeft(run);
  }

  /** The default tab's entries, of which each user has more than one. */
  private static final Set<String> TAB_ENTRIES =
      Set.of("page open / server home", "page open / page asset", "poll kernels", "poll contents");

  @Test
  void aGoodRunPassesEveryStep() throws Exception {
    ForkedGatling.Result run = ForkedGatling.simulation("SmokeSimulation").run(LIMIT);

    assertEquals(0, run.exitCode(), run::toString);
    Map<String, long[]> entries = run.entries();
    for (String entry :
        new String[] {
          "login / login submit",
          "spawn to ready",
          "page open / server home",
          "page open / page asset",
          "open notebook / notebook new",
          "open notebook / notebook read",
          "kernel start / kernel start",
          "kernel start / kernel websocket",
          "execute / execute",
          "poll kernels",
          "poll contents",
          "stop / kernel shutdown",
          "stop / notebook delete",
          "stop / server stop",
          "stop to gone"
        }) {
      assertTrue(entries.containsKey(entry), entry + " in " + entries.keySet());
      if (TAB_ENTRIES.contains(entry)) {
        // Several per user: the page's files, the polls.
        assertTrue(entries.get(entry)[1] >= 3, entry + ": at least 3 OK");
      } else {
        assertEquals(3, entries.get(entry)[1], entry + ": 3 OK");
      }
      assertEquals(0, entries.get(entry)[2], entry + ": no KO");
    }
    assertEquals(0, run.koCount(), "no KO at all");
    // The local hub's servers run JupyterLab: every endpoint of the tab is served.
    assertFalse(run.stdout().contains("tab: this server does not serve"), run::toString);
    assertNothingLeft(run);
  }

  private static void assertNothingLeft(ForkedGatling.Result run) {
    assertTrue(
        ProcessSweeper.ownedBy(run.pid()).isEmpty(),
        () -> "processes of the run's local hub are still alive: " + ProcessSweeper.ownedBy(run.pid()));
  }
}
