package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSourceTest {

  @Test
  void environmentVariableNamesFollowOneRule() {
    assertEquals("HUB_URL", SettingsSource.environmentVariable("hub.url"));
    assertEquals("SESSION_IDLE_MIN", SettingsSource.environmentVariable("session.idle.min"));
    assertEquals("LOAD_MAX_DURATION", SettingsSource.environmentVariable("load.max-duration"));
  }

  @Test
  void systemPropertyBeatsEnvironmentWhichBeatsTheFile() {
    Config defaults = SettingsSource.defaults();
    assertEquals(100, defaults.getInt("load.users"));

    Config fromEnv = SettingsSource.merge(defaults, Map.of("LOAD_USERS", "7"), Map.of());
    assertEquals(7, fromEnv.getInt("load.users"));

    Config both =
        SettingsSource.merge(defaults, Map.of("LOAD_USERS", "7"), Map.of("load.users", "9"));
    assertEquals(9, both.getInt("load.users"));
  }

  @Test
  void unrelatedPropertiesAndVariablesAreIgnored() {
    Config config =
        SettingsSource.merge(
            SettingsSource.defaults(),
            Map.of("PATH", "/usr/bin", "HOME", "/root"),
            Map.of("java.version", "17", "user.dir", "/tmp", "gatling.simulationClass", "X"));
    assertEquals(100, config.getInt("load.users"));
  }

  @Test
  void aMistypedKeyUnderAKnownRootStopsTheRun() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> SettingsSource.merge(SettingsSource.defaults(), Map.of(), Map.of("load.user", "5")));
    assertEquals("load.user", e.key());
    assertTrue(e.getMessage().contains("no such setting"), e.getMessage());
  }

  @Test
  void everyKeyHasARoot() {
    for (String key : SettingsSource.keys(SettingsSource.defaults())) {
      assertTrue(key.contains("."), key);
    }
  }
}
