package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each profile's parameters come from its settings, with the defaults in application.conf. */
class LoadProfileTest {

  @Test
  void rampIsUsersOverTheRamp() {
    LoadProfile p = SettingsTest.with("load.users", "40", "load.ramp", "2m").load().profile();
    assertEquals(new LoadProfile.Ramp(40, Duration.ofMinutes(2)), p);
    assertEquals(Duration.ofMinutes(2), p.injectionDuration());
  }

  @Test
  void hubtrafHasHubtrafsDefaultsAndMakesUsersActive() {
    Settings s = SettingsTest.with("load.profile", "hubtraf", "load.users", "30");
    assertEquals(
        new LoadProfile.Hubtraf(30, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(300)),
        s.load().profile());
    assertEquals(Duration.ofSeconds(60), s.load().profile().injectionDuration());
    assertEquals(
        new SessionSettings(SessionSettings.Behaviour.ACTIVE, Duration.ofSeconds(60), Duration.ofSeconds(300), SessionSettings.Tab.LAB),
        s.effectiveSession(),
        "hubtraf's users run code for their whole session");
  }

  @Test
  void stepsRiseFromStartFromByTheStep() {
    LoadProfile.Steps steps =
        (LoadProfile.Steps)
            SettingsTest.with(
                    "load.profile", "steps",
                    "load.steps.users-per-step", "5",
                    "load.steps.levels", "3",
                    "load.steps.hold", "1m",
                    "load.steps.ramp", "10s",
                    "load.steps.start-from", "2")
                .load()
                .profile();
    assertEquals(List.of(7, 12, 17), steps.concurrencyLevels());
    assertEquals(Duration.ofSeconds(210), steps.injectionDuration(), "3 x (10s ramp + 1m hold)");
    LoadProfile.Steps defaults = (LoadProfile.Steps) SettingsTest.with("load.profile", "steps").load().profile();
    assertEquals(List.of(10, 20, 30, 40, 50), defaults.concurrencyLevels());
  }

  @Test
  void soakRampsUpThenHolds() {
    LoadProfile p =
        SettingsTest.with("load.profile", "soak", "load.users", "20", "load.ramp", "1m", "load.soak.duration", "1h")
            .load()
            .profile();
    assertEquals(new LoadProfile.Soak(20, Duration.ofMinutes(1), Duration.ofHours(1)), p);
    assertEquals(Duration.ofMinutes(61), p.injectionDuration());
  }

  @Test
  void spikeIsAllAtOnceByDefault() {
    assertEquals(
        new LoadProfile.Spike(100, Duration.ZERO),
        SettingsTest.with("load.profile", "spike").load().profile());
    assertEquals(
        new LoadProfile.Spike(50, Duration.ofSeconds(10)),
        SettingsTest.with("load.profile", "SPIKE", "load.users", "50", "load.spike.within", "10s").load().profile());
  }

  @Test
  void autoIsTheShortestMaxDurationThatLetsTheLastUserFinish() {
    for (String profile : LoadProfile.NAMES) {
      Duration auto = SettingsTest.with("load.profile", profile).load().maxDuration();
      String enough = auto.toSeconds() + "s";
      String tooShort = (auto.toSeconds() - 1) + "s";
      assertEquals(auto, SettingsTest.with("load.profile", profile, "load.max-duration", enough).load().maxDuration());
      assertThrows(
          InvalidSettingException.class,
          () -> SettingsTest.with("load.profile", profile, "load.max-duration", tooShort),
          profile + ": a second less would cut the last user off before its stop");
    }
  }

  @Test
  void longerSessionsAndTimeoutsNeedALongerRun() {
    Duration ramp = SettingsTest.with().load().maxDuration();
    assertTrue(SettingsTest.with("session.idle.max", "10m").load().maxDuration().compareTo(ramp) > 0);
    assertTrue(SettingsTest.with("timeout.stop", "10m").load().maxDuration().compareTo(ramp) > 0);
    assertTrue(SettingsTest.with("execute.repeat", "5").load().maxDuration().compareTo(ramp) > 0);
  }
}
