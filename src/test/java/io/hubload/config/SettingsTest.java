package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  /** Settings as a run would see them with these -D values. */
  static Settings with(String... keyValues) {
    return with(Map.of(), keyValues);
  }

  /** Settings as a run would see them with this environment and these -D values. */
  static Settings with(Map<String, String> env, String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return Settings.from(SettingsSource.merge(SettingsSource.defaults(), env, props));
  }

  static String problem(String... keyValues) {
    return assertThrows(InvalidSettingException.class, () -> with(keyValues)).getMessage();
  }

  @Test
  void defaultsAreValidAndMeanALocalHubAnd100Users() {
    Settings s = with();
    assertTrue(s.hub().url().isEmpty());
    assertEquals(new LoadProfile.Ramp(100, Duration.ofMinutes(5)), s.load().profile());
    assertEquals(
        List.of(new io.hubload.jupyter.Cell("execute", "5 * 4", "20")), s.execute().workload());
    assertEquals(SessionSettings.Behaviour.IDLE, s.session().behaviour());
    assertEquals("hubload-7", s.users().name(7));
    assertEquals(95, s.regression().confidencePercent());
    assertEquals(20, s.regression().minSamples());
    assertEquals(10, s.regression().history());
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
        "hub.url | https://hub.example.org/?x=1 | hub.url = https://hub.example.org/?***: must not have a ?query",
        "hub.url | https://hub.example.org/hub/ | hub.url = https://hub.example.org/hub/: give the hub's base URL without /hub",
        "load.users | 0 | load.users = 0: must be at least 1",
        "load.users | -5 | load.users = -5: must be at least 1",
        "load.users | ten | load.users = ten: not a whole number",
        "load.ramp | 10 | load.ramp = 10: a duration needs a unit",
        "load.ramp | soon | load.ramp = soon: not a duration",
        "load.max-duration | 20m | load.max-duration = 20m: too short: the last user starts after 5m (the ramp profile) and may need 2h34m36s to finish",
        "load.max-duration | soon | load.max-duration = soon: not a duration",
        "load.profile | stairs | load.profile = stairs: must be one of ramp, hubtraf, steps, soak, spike",
        "session.behaviour | busy | session.behaviour = busy: must be one of idle, active",
        "execute.notebook | missing.ipynb | execute.notebook = missing.ipynb: no such file, nor a notebook under src/test/resources/notebooks/",
        "hub.auth | ldap | hub.auth = ldap: must be one of form, token",
        "hub.running-server | kill | hub.running-server = kill: must be one of stop, reuse",
        "hub.server-name | my server | hub.server-name = my server: use up to 64 letters",
        "hub.user-options | profile=small | hub.user-options = profile=small: not JSON",
        "regression.confidence | 100 | regression.confidence = 100: must be between 50.0 and 99.9",
        "regression.confidence | 95% | regression.confidence = 95%: not a number",
        "regression.min-samples | 0 | regression.min-samples = 0: must be at least 1",
        "regression.history | -1 | regression.history = -1: must be at least 0",
        "hub.user-options | [1] | hub.user-options = [1]: must be a JSON object",
        "purge.dry-run | perhaps | purge.dry-run = perhaps: must be true or false",
        "load.max-duration | 0s | load.max-duration = 0s: must be at least 1s",
        "load.steps.levels | 0 | load.steps.levels = 0: must be at least 1",
        "load.steps.hold | 0s | load.steps.hold = 0s: must be at least 1s",
        "load.soak.duration | forever | load.soak.duration = forever: not a duration",
        "load.spike.within | -1s | load.spike.within = -1s: must be at least 0ms",
        "load.hubtraf.min-session | 10m | load.hubtraf.min-session = 10m: above load.hubtraf.max-session (300s)",
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
  void tokenModeAgainstAHubNeedsAnAdminToken() {
    Settings withoutToken = with("hub.auth", "token", "hub.url", "https://hub.example.org");
    assertTrue(
        assertThrows(InvalidSettingException.class, withoutToken::requireWhatTheRunNeeds)
            .getMessage()
            .startsWith("hub.admin-token = (empty): token mode needs an admin token"));
    Settings local = with("hub.auth", "token");
    local.requireWhatTheRunNeeds(); // the local hub has its own token
    assertEquals(HubSettings.Auth.TOKEN, local.hub().auth());
    Settings remote =
        with("hub.auth", "TOKEN", "hub.url", "https://hub.example.org", "hub.admin-token", "t0ken-t0ken");
    assertEquals("t0ken-t0ken", remote.hub().adminToken());
    assertFalse(remote.toString().contains("t0ken-t0ken"), remote.toString());
  }

  @Test
  void namedServersAndUserOptions() {
    Settings s = with("hub.server-name", "load-{n}", "hub.user-options", "{\"profile\": \"small\", \"cpu\": 2}");
    assertEquals("load-{n}", s.hub().serverName().get());
    assertEquals("small", s.hub().userOptions().get().get("profile").asText());
    assertEquals(2, s.hub().userOptions().get().get("cpu").asInt());
    assertTrue(with().hub().serverName().isEmpty());
    assertTrue(with().hub().userOptions().isEmpty());
    assertEquals(HubSettings.RunningServer.STOP, with().hub().runningServer());
  }

  /** JupyterHub 6.0's rule for server names, checked against the hub's version before any user. */
  @Test
  void serverNamesThatJupyterHub6RefusesAreSaidBeforeTheRun() {
    HubSettings hub = with("hub.server-name", "Load_{n}").hub();
    assertEquals(
        Optional.of(
            "hub.server-name = Load_{n}: JupyterHub 6.1.1 takes server names of 1 to 30 of a-z, 0-9 and '-',"
                + " starting with a letter and not ending with '-' ('Load_1' is not)"),
        hub.serverNameRefusedBy("6.1.1", 100));
    assertTrue(hub.serverNameRefusedBy("5.5.4", 100).isEmpty(), "5.x takes it");
    assertTrue(with("hub.server-name", "load-{n}").hub().serverNameRefusedBy("6.1.1", 100_000).isEmpty());
    assertTrue(with().hub().serverNameRefusedBy("6.1.1", 100).isEmpty(), "default servers have no name");
    HubSettings longName = with("hub.server-name", "a-twenty-six-character-x-{n}").hub();
    assertTrue(longName.serverNameRefusedBy("6.0.0", 10_000).isEmpty(), "30 characters at most");
    assertTrue(longName.serverNameRefusedBy("6.0.0", 100_000).get().contains("'a-twenty-six-character-x-100000' is not"));
    assertTrue(with("hub.server-name", "{n}").hub().serverNameRefusedBy("6.1.1", 1).isPresent(), "starts with a digit");
  }

  @Test
  void aRampLongerThanAGivenMaxDurationIsRefused() {
    assertTrue(
        problem("load.ramp", "2h", "load.max-duration", "1h")
            .startsWith("load.max-duration = 1h: too short: the last user starts after 2h"));
  }

  @Test
  void aUsersTokenOutlivesTheLongestRunAndExpiresSoonAfter() {
    Settings s = with("load.ramp", "1h", "timeout.stop", "20m");
    Duration lastUse = s.load().maxDuration().plus(s.timeouts().stop());
    assertTrue(s.userTokenLifetime().compareTo(lastUse) >= 0, "valid for the token revoke of the last stop");
    assertTrue(s.userTokenLifetime().compareTo(lastUse.plusHours(1)) <= 0, "then gone within the hour");
  }

  @Test
  void emptyCodeIsRefused() {
    assertTrue(problem("execute.code", "  ").startsWith("execute.code = \"\": there must be code to run"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://admin:s3cret@hub.example.org | hub.url = https://***@hub.example.org: must not contain user:password@",
        "htp://admin:s3cret@hub.example.org | hub.url = htp://***@hub.example.org: must start with http://",
        "https://admin:s3%cret@hub.example.org | hub.url = https://***@hub.example.org: not a URL",
        "https://admin:s3cret@hub_1.example.org | hub.url = https://***@hub_1.example.org: must not contain user:password@",
        "https://hub.example.org/?token=s3cret | hub.url = https://hub.example.org/?***: must not have a ?query",
        "https://hub.example.org/#s3cret | hub.url = https://hub.example.org/?***: must not have a ?query",
        "admin:s3cret@hub.example.org | hub.url = ***@hub.example.org: must start with http://",
      })
  void secretsInTheUrlAreNeverRepeated(String url, String expectedStart) {
    String message = problem("hub.url", url);
    assertFalse(message.contains("s3cret") || message.contains("s3%cret"), message);
    assertTrue(message.startsWith(expectedStart), message);
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
    assertEquals(new LoadProfile.Ramp(100, Duration.ZERO), s.load().profile());
    assertEquals(s.session().idleMin(), s.session().idleMax());
  }
}
