package io.hubload.config;

import java.time.Duration;

/** metrics.*: the hub's timeline over the run (hub.html). */
public record MetricsSettings(Duration interval) {

  static MetricsSettings read(SettingReader r) {
    return new MetricsSettings(r.duration("metrics.interval", Duration.ofSeconds(1), Duration.ofHours(1)));
  }
}
