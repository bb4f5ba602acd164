package io.hubload.config;

/** gate.*: when UserJourneySimulation fails. */
public record Gate(double minOkPercent) {

  static Gate read(SettingReader r) {
    return new Gate(r.number("gate.min-ok-percent", 0, 100));
  }
}
