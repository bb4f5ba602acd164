package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void formatsAsTheSettingsAreWritten() {
    assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
    assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
    assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
    assertEquals("1h", Durations.format(Duration.ofHours(1)));
    assertEquals("0ms", Durations.format(Duration.ZERO));
  }
}
