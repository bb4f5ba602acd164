package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.pause;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;

/**
 * Step "idle": the user reads, thinks, leaves the tab open. Nothing is sent; the kernel websocket
 * stays open, as a browser keeps it. A pause is not a report entry: its length is a setting, not a
 * measurement.
 */
public final class Idle {

  private Idle() {}

  /** A pause of random length, uniformly between {@code min} and {@code max}. */
  public static ChainBuilder between(Duration min, Duration max) {
    return min.equals(max) ? pause(min) : pause(min, max);
  }
}
