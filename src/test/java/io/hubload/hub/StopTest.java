package io.hubload.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.config.Timeouts;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a stop gives up waiting, and what it says then. */
class StopTest {

  private static final Timeouts TIMEOUTS =
      new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofSeconds(120));

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
    assertEquals(Optional.empty(), Stop.notGone(ServerState.GONE, false, TIMEOUTS));
    assertEquals(Optional.empty(), Stop.notGone(ServerState.GONE, true, TIMEOUTS));
  }

  @Test
  void aServerStillThereSaysWhichBoundRanOut() {
    assertEquals(
        Optional.of("server still running after 2m (timeout.stop)"),
        Stop.notGone(ServerState.RUNNING, false, TIMEOUTS));
    assertEquals(
        Optional.of("server still spawn pending after 7m (timeout.stop + timeout.spawn: it was spawning)"),
        Stop.notGone(ServerState.SPAWN_PENDING, true, TIMEOUTS));
    assertEquals(
        Optional.of("server still unknown after 2m (timeout.stop)"), Stop.notGone(ServerState.UNKNOWN, false, TIMEOUTS));
  }
}
