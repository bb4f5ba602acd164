package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.localhub.ProcessSweeper;
import io.hubload.testing.ForkedGatling;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * JupyterLab's tab (session.tab = lab, the default) against JupyterLab itself: a smoke run (3
 * users) on the default local hub, JupyterHub 6 whose users' servers run jupyter-server 2 with
 * JupyterLab 4.6. It proves that the suite chooses v1.kernel.websocket.jupyter.org from the
 * server's version and says so, that its v1 frames are encoded and decoded right (the execution's
 * replies are matched by msg_id, so a frame the server or the suite misreads leaves the execution
 * without its reply: a KO), that every poll of the tab is served (no endpoint left out, none said
 * "not served"), and that the run leaves nothing behind.
 *
 * <p>Timing: the users idle 2 to 4 s (SmokeSimulation), so each tab is open for about 7 s and
 * polls its kernels once, when it opens (every 10 s after). The test accepts up to 4 ticks a user,
 * which only a tab open for more than 30 s would reach: a margin of more than 20 s before a slow
 * machine could fail it, while a tab that polls without waiting fails it at once. The test takes
 * 30 to 60 s once the release is installed.
 */
class TabIT {

  private static final Duration LIMIT = Duration.ofMinutes(3);

  private static final String V1 =
      "tab: the kernel websocket speaks v1.kernel.websocket.jupyter.org (the server is jupyter_server ";

  @Test
  void aLabTabSpeaksTheBinaryKernelProtocolAndEveryPollIsServed() throws Exception {
    ForkedGatling.Result run = ForkedGatling.simulation("SmokeSimulation").run(LIMIT);

    assertEquals(0, run.exitCode(), () -> why(run));
    assertTrue(run.stdout().contains(V1), () -> "no line \"" + V1 + "...\": " + why(run));
    Map<String, long[]> entries = run.entries();
    assertCounts(entries, "execute / execute", 3, run);
    assertCounts(entries, "kernel start / kernel websocket", 3, run);
    long polls = entries.containsKey("poll kernels") ? entries.get("poll kernels")[1] : 0;
    assertTrue(
        polls >= 3 && polls <= 12,
        () -> "poll kernels: " + polls + " OK, expected 3 to 12 (a tick at each tab's open, then every 10 s): " + why(run));
    for (String poll : List.of("poll me", "poll workspaces", "poll terminals")) {
      assertCounts(entries, poll, 3, run);
    }
    assertFalse(run.stdout().contains("does not serve"), () -> "an endpoint of JupyterLab was left out: " + why(run));
    assertEquals(0, run.koCount(), () -> why(run));
    assertTrue(
        ProcessSweeper.ownedBy(run.pid()).isEmpty(),
        () -> "processes of the run's local hub are still alive: " + ProcessSweeper.ownedBy(run.pid()));
  }

  private static void assertCounts(Map<String, long[]> entries, String entry, long ok, ForkedGatling.Result run) {
    assertTrue(entries.containsKey(entry), () -> entry + " not in " + entries.keySet() + ": " + why(run));
    assertEquals(ok, entries.get(entry)[1], () -> entry + ": OK count; " + why(run));
    assertEquals(0, entries.get(entry)[2], () -> entry + ": KO count; " + why(run));
  }

  /** What went wrong, in the run's own words: the entries with KOs, and the KO messages. */
  private static String why(ForkedGatling.Result run) {
    String kos =
        run.entries().entrySet().stream()
            .filter(e -> e.getValue()[2] > 0 && !e.getKey().equals("Global"))
            .map(e -> e.getKey() + ": " + e.getValue()[2])
            .collect(Collectors.joining(", "));
    return run + "; KOs on [" + kos + "]: " + run.errors() + (run.errorLines().isEmpty() ? "" : "; stderr " + run.errorLines());
  }
}
