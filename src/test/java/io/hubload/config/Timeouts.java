package io.hubload.config;

import java.time.Duration;

/**
 * timeout.*: the bounds on every wait of a user.
 *
 * @param hubUnreachable how long a user keeps asking a hub that does not answer (its proxy says
 *     502, 503 or 504, or nothing answers) before the step fails, as a person pressing reload
 *     would during a hub restart; zero: no second attempt
 */
public record Timeouts(Duration request, Duration spawn, Duration execute, Duration stop, Duration hubUnreachable) {

  static Timeouts read(SettingReader r) {
    Duration second = Duration.ofSeconds(1);
    Duration day = Duration.ofDays(1);
    return new Timeouts(
        r.duration("timeout.request", second, day),
        r.duration("timeout.spawn", second, day),
        r.duration("timeout.execute", second, day),
        r.duration("timeout.stop", second, day),
        r.duration("timeout.hub-unreachable", Duration.ZERO, day));
  }

  /**
   * How long a stop may wait for a server to go: timeout.stop, plus timeout.spawn once the server
   * was seen pending its spawn, which the hub will not interrupt (it refuses the stop until the
   * spawn ends). The journey's stop, the purge and the end-of-run cleanup all wait this long.
   */
  public Duration stopWindow(boolean sawSpawnPending) {
    return sawSpawnPending ? stop.plus(spawn) : stop;
  }

  /** Which bound {@link #stopWindow} is, for messages. */
  public static String stopWindowName(boolean sawSpawnPending) {
    return sawSpawnPending ? "timeout.stop + timeout.spawn" : "timeout.stop";
  }
}
