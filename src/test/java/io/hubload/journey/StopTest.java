package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.Timeouts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import io.hubload.hubapi.ServerState;

/** When a stop gives up waiting, and what it says then. */
class StopTest {

  private static final Timeouts TIMEOUTS =
      new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(60));

  @Test
  void aStopWaitsTimeoutStop() {
    assertFalse(Stop.pastDeadline(119_999, false, TIMEOUTS));
    assertTrue(Stop.pastDeadline(120_000, false, TIMEOUTS));
  }

  @Test
  void aServerSeenSpawningGetsTimeoutSpawnMoreToFinishItsSpawn() {
    assertFalse(Stop.pastDeadline(120_000, true, TIMEOUTS));
    assertFalse(Stop.pastDeadline(419_999, true, TIMEOUTS));
    assertTrue(Stop.pastDeadline(420_000, true, TIMEOUTS));
  }

  @Test
  void aServerThatIsGoneIsOk() {
    assertEquals(Optional.empty(), Stop.notGone(ServerState.GONE, false, Optional.empty(), 200, TIMEOUTS));
    assertEquals(Optional.empty(), Stop.notGone(ServerState.GONE, true, Optional.empty(), 200, TIMEOUTS));
  }

  @Test
  void aServerStillThereSaysWhichBoundRanOut() {
    assertEquals(
        Optional.of("server still running after 2m (timeout.stop)"),
        Stop.notGone(ServerState.RUNNING, false, Optional.empty(), 200, TIMEOUTS));
    assertEquals(
        Optional.of("server still spawn pending after 7m (timeout.stop + timeout.spawn: it was spawning)"),
        Stop.notGone(ServerState.SPAWN_PENDING, true, Optional.empty(), 200, TIMEOUTS));
    assertEquals(
        Optional.of("server still unknown after 2m (timeout.stop); the hub's last answer: HTTP 403"),
        Stop.notGone(ServerState.UNKNOWN, false, Optional.empty(), 403, TIMEOUTS));
  }

  @Test
  void aHubThatStoppedAnsweringIsOneKoInWords() {
    assertEquals(
        Optional.of("hub unreachable: HTTP 503 from the proxy for 2m, until the stop gave up after 2m (timeout.stop)"),
        Stop.notGone(
            ServerState.UNKNOWN,
            false,
            Optional.of(HubOutage.describe(HubOutage.answer(503), Duration.ofSeconds(120))),
            503,
            TIMEOUTS));
    assertEquals(
        "hub unreachable: no answer (connection refused or timed out) for 1s",
        HubOutage.describe(HubOutage.answer(null), Duration.ofMillis(300)));
  }
}
