package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  /** Settings as a run would see them with these -D values. */
  static Settings with(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return Settings.from(SettingsSource.merge(SettingsSource.defaults(), Map.of(), props));
  }

  static String problem(String... keyValues) {
    return assertThrows(InvalidSettingException.class, () -> with(keyValues)).getMessage();
  }

  @Test
  void defaultsAreValidAndMeanALocalHubAnd100Users() {
    Settings s = with();
    assertTrue(s.hub().url().isEmpty());
    assertEquals(100, s.load().users());
    assertEquals(Duration.ofMinutes(5), s.load().ramp());
    assertEquals("5 * 4", s.execute().code());
    assertEquals("20", s.execute().expected());
    assertEquals("hubload-7", s.users().name(7));
    assertTrue(s.session().idleMin().compareTo(s.session().idleMax()) <= 0);
  }

  @Test
  void hubUrlIsNormalised() {
    assertEquals("https://hub.example.org", with("hub.url", "https://hub.example.org/").hub().url().get().toString());
    assertEquals(
        "http://10.0.0.1:8000/jupyter",
        with("hub.url", "http://10.0.0.1:8000/jupyter/").hub().url().get().toString());
    assertEquals("https://hub.example.org", with("hub.url", "HTTPS://hub.example.org").hub().url().get().toString());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hub.url | htp://hub.example.org | hub.url = htp://hub.example.org: must start with http:// or https://",
        "hub.url | hub.example.org | hub.url = hub.example.org: must start with http:// or https://",
        "hub.url | https://hub example.org | hub.url = https://hub example.org: not a URL",
        "hub.url | https:///path | hub.url = https:///path: has no host name",
        "hub.url | https://hub.example.org/?x=1 | hub.url = https://hub.example.org/?x=1: must not have a ?query",
        "hub.url | https://hub.example.org/hub/ | hub.url = https://hub.example.org/hub/: give the hub's base URL without /hub",
        "load.users | 0 | load.users = 0: must be at least 1",
        "load.users | -5 | load.users = -5: must be at least 1",
        "load.users | ten | load.users = ten: not a whole number",
        "load.ramp | 10 | load.ramp = 10: a duration needs a unit",
        "load.ramp | soon | load.ramp = soon: not a duration",
        "load.ramp | 2h | load.ramp = 2h: longer than load.max-duration (1h)",
        "load.max-duration | 0s | load.max-duration = 0s: must be at least 1s",
        "session.idle.min | 2m | session.idle.min = 2m: above session.idle.max (60s)",
        "session.idle.max | -1s | session.idle.max = -1s: must be at least 0ms",
        "users.prefix | Load Test | users.prefix = Load Test: use 1 to 32 lower-case letters",
        "execute.repeat | 0 | execute.repeat = 0: must be at least 1",
        "execute.kernel | python 3 | execute.kernel = python 3: not a kernelspec name",
        "timeout.spawn | 0s | timeout.spawn = 0s: must be at least 1s",
        "gate.min-ok-percent | 101 | gate.min-ok-percent = 101: must be between 0.0 and 100.0",
        "localhub.install | maybe | localhub.install = maybe: must be true or false",
        "localhub.concurrent-spawn-limit | -1 | localhub.concurrent-spawn-limit = -1: must be at least 0",
        "load.users | 2000000 | load.users = 2000000: must be at most 1000000",
      })
  void badValueNamesKeyAndValue(String key, String value, String expectedStart) {
    String message = problem(key, value);
    assertTrue(message.startsWith(expectedStart), () -> "got: " + message);
    assertFalse(message.contains("\n"), "one line");
  }

  @Test
  void emptyCodeIsRefused() {
    assertTrue(problem("execute.code", "  ").startsWith("execute.code = \"\": there must be code to run"));
  }

  @Test
  void credentialsInTheUrlAreNeverRepeated() {
    String message = problem("hub.url", "https://admin:s3cret@hub.example.org");
    assertFalse(message.contains("s3cret"), message);
    assertTrue(message.startsWith("hub.url = (not shown"), message);
  }

  @Test
  void passwordsNeverAppearInToString() {
    Settings s = with("hub.password", "s3cret-pw", "localhub.password", "other-pw");
    assertEquals("s3cret-pw", s.hub().password());
    assertFalse(s.toString().contains("s3cret-pw"), s.toString());
    assertFalse(s.toString().contains("other-pw"), s.toString());
  }

  @Test
  void zeroRampAndEqualIdleBoundsAreAllowed() {
    Settings s = with("load.ramp", "0s", "session.idle.min", "5s", "session.idle.max", "5s");
    assertEquals(Duration.ZERO, s.load().ramp());
    assertEquals(s.session().idleMin(), s.session().idleMax());
  }
}
