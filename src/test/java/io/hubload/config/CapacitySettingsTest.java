package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** load.profile = capacity and the service levels (slo.*) it is judged on. */
class CapacitySettingsTest {

  @Test
  void levelsGrowGeometricallyToTheCeiling() {
    LoadProfile.Capacity defaults = (LoadProfile.Capacity) SettingsTest.with("load.profile", "capacity").load().profile();
    assertEquals(List.of(10, 15, 23, 35, 53, 80, 100), defaults.concurrencyLevels());
    assertEquals(Duration.ofMinutes(2).plusSeconds(30).multipliedBy(7), defaults.injectionDuration());
    assertTrue(defaults.closedModel());
    LoadProfile.Capacity fromOne =
        (LoadProfile.Capacity)
            SettingsTest.with("load.profile", "capacity", "load.users", "6", "load.capacity.first", "1", "load.capacity.growth", "1.2")
                .load()
                .profile();
    assertEquals(List.of(1, 2, 3, 4, 5, 6), fromOne.concurrencyLevels(), "at least one user more at each level");
  }

  @Test
  void serviceLevelsAreOnByDefaultAndEachCanBeOff() {
    SloSettings slo = SettingsTest.with("slo.execute-p95", "off").slo();
    assertEquals(Duration.ofSeconds(30), slo.spawnP95().orElseThrow());
    assertTrue(slo.executeP95().isEmpty());
    assertEquals(List.of("slo.spawn-p95", "slo.first-result-p95", "slo.failed-users-percent", "slo.hub-api-p95"), slo.names(), "node-wait-percent is off by default");
  }

  @Test
  void impossibleValuesStopTheRunNamingTheSetting() {
    assertTrue(
        SettingsTest.problem("load.profile", "capacity", "load.users", "5", "load.capacity.first", "10")
            .startsWith("load.capacity.first = 10: above the ceiling, load.users = 5"));
    assertTrue(SettingsTest.problem("load.capacity.growth", "1").startsWith("load.capacity.growth = 1"));
    assertTrue(SettingsTest.problem("slo.spawn-p95", "soon").startsWith("slo.spawn-p95 = soon"));
    assertTrue(SettingsTest.problem("slo.failed-users-percent", "150").startsWith("slo.failed-users-percent = 150"));
    assertEquals(
        "load.profile = capacity: a capacity search needs at least one service level, but every slo.* is off",
        SettingsTest.problem(
            "load.profile", "capacity",
            "slo.spawn-p95", "off", "slo.first-result-p95", "off", "slo.execute-p95", "off",
            "slo.failed-users-percent", "off", "slo.hub-api-p95", "off"));
    assertTrue(SettingsTest.problem("slo.node-wait-percent", "-1").startsWith("slo.node-wait-percent = -1"));
  }
}
