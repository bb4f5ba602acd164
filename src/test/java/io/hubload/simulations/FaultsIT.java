package io.hubload.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.localhub.ProcessSweeper;
import io.hubload.report.RunSummary;
import io.hubload.run.Interruption;
import io.hubload.testing.ForkedGatling;
import io.hubload.testing.LocalHubProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults a run must survive, each injected at a set moment of a short run against its own local
 * hub: the test asserts what the user of the suite sees (the KO texts, the report, the summary),
 * that the run ends within its bounds, and that nothing of it is left running.
 */
class FaultsIT {

  /**
   * Ctrl-C in a terminal, or a CI abort: SIGINT or SIGTERM to the whole process group, local hub
   * included. The report covers the time the run ran and its summary says it was interrupted.
   */
  @Test
  void anInterruptedRunWritesItsReport() throws Exception {
    ForkedGatling.Running run = idleUsers(2).inOwnProcessGroup().start();
    try {
      LocalHubProcesses.awaitKernels(run, 2, Duration.ofMinutes(2));
      long signalled = System.nanoTime();
      run.signalGroup("INT");

      ForkedGatling.Result result = run.await(Interruption.BOUND);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled);
      assertTrue(result.stdout().contains("hubload: interrupted by SIGINT"), result::toString);
      assertTrue(result.stdout().contains("hubload: INTERRUPTED by SIGINT: the report covers"), result::toString);
      assertFalse(result.exitCode() == 0, "an interrupted run does not pass: " + result);

      Path report = result.reportDir();
      assertTrue(Files.size(report.resolve("simulation.log")) > 0, "the log was flushed");
      assertTrue(Files.exists(report.resolve("index.html")));
      RunSummary summary = RunSummary.read(report.resolve(RunSummary.FILE));
      assertEquals("SIGINT", summary.run().interrupted());
      assertEquals(2, summary.entry("kernel start").orElseThrow().count(), "the users' steps before the signal");
      assertEquals(List.of(), ProcessSweeper.ownedBy(run.pid()));
      System.out.println("FaultsIT: interrupted run ended " + seconds + " s after SIGINT");
    } finally {
      run.killEverything();
    }
  }

  /** A second signal does not wait for the report: the run and its local hub end at once. */
  @Test
  void aSecondSignalEndsAtOnce() throws Exception {
    ForkedGatling.Running run = idleUsers(1).inOwnProcessGroup().start();
    try {
      LocalHubProcesses.awaitKernels(run, 1, Duration.ofMinutes(2));
      // Well inside the first signal's graceful end, which flushes the log and builds the report
      // (over a second here); the two are handled in order.
      run.signalGroup("TERM");
      Thread.sleep(50);
      run.signalGroup("TERM");

      ForkedGatling.Result result = run.await(Duration.ofSeconds(30));
      assertEquals(128 + 15, result.exitCode(), result::toString);
      assertTrue(result.stdout().contains("hubload: a second signal (SIGTERM): ending at once"), result::toString);
      assertFalse(result.stdout().contains("hubload: report in"), "no report is waited for: " + result);
      assertEquals(List.of(), ProcessSweeper.ownedBy(run.pid()));
    } finally {
      run.killEverything();
    }
  }

  /** Users who sit idle with a kernel open until something happens to the run. */
  private static ForkedGatling idleUsers(int users) {
    return ForkedGatling.simulation("UserJourneySimulation")
        .set("users.prefix", "faults-")
        .set("load.users", Integer.toString(users))
        .set("load.ramp", "1s")
        .set("session.idle.min", "5m")
        .set("session.idle.max", "5m");
  }
}
