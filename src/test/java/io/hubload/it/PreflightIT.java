package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.localhub.ProcessSweeper;
import io.hubload.testing.ForkedGatling;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.hubload.simulations.UserJourneySimulation;

/**
 * Bad input stops a real run before its first request: one line on stderr naming the setting and
 * the value, exit code 1, no stack trace, no hub started, no simulation started.
 */
class PreflightIT {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "load.users | 0 | hubload: invalid setting load.users = 0: must be at least 1",
        "hub.url | htp://hub.example.org | hubload: invalid setting hub.url = htp://hub.example.org: must start with http:// or https://, e.g. https://hub.example.org",
        "session.idle.min | 10m | hubload: invalid setting session.idle.min = 10m: above session.idle.max (60s)",
        "load.ramp | 30 | hubload: invalid setting load.ramp = 30: a duration needs a unit, e.g. 30s, 5m, 1h",
        "load.user | 5 | hubload: invalid setting load.user = (given with -D): no such setting; docs/settings.md lists every key",
        "hub.url | http://127.0.0.1:9 | hubload: hub.url = http://127.0.0.1:9: no answer from http://127.0.0.1:9/hub/api (connection refused)",
      })
  void badInputIsOneLineAndNoRun(String key, String value, String line) throws Exception {
    ForkedGatling.Result run =
        ForkedGatling.simulation("UserJourneySimulation").set(key, value).run(Duration.ofMinutes(1));

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(List.of(line), run.errorLines(), run::toString);
    assertFalse(run.stdout().contains("started..."), "the simulation never started");
    assertFalse(run.stdout().contains("Local JupyterHub"), "no hub was started");
    assertTrue(ProcessSweeper.ownedBy(run.pid()).isEmpty());
  }

  /**
   * What can only be judged once the hub is known, or while the local hub is made: one line, no
   * user started, nothing left running. A local hub's Python missing stops the install of a
   * release not installed yet (a cache folder of its own here).
   */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hub.server-name | Load_{n} | | hubload: hub.server-name = Load_{n}: JupyterHub 6.1.1 takes server names of 1 to 30 of a-z, 0-9 and '-', starting with a letter and not ending with '-' ('Load_1' is not)",
        "localhub.python | /nonexistent/python3 | target/it/empty-cache | hubload: localhub.jupyterhub = 6.1.1 needs Python 3.11 or newer with venv and pip (localhub.python = /nonexistent/python3: not found, or without venv): install it (e.g. apt-get install python3 python3-venv), set localhub.python, or set hub.url to a running hub",
      })
  void stopsBeforeTheFirstUserInOneLine(String key, String value, String cache, String line) throws Exception {
    ForkedGatling forked = ForkedGatling.simulation("UserJourneySimulation").set(key, value);
    if (cache != null) {
      forked.set("localhub.cache", cache + "-" + System.nanoTime());
    }
    ForkedGatling.Result run = forked.run(Duration.ofMinutes(2));

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals(List.of(line), run.errorLines(), run::toString);
    assertFalse(run.stdout().contains("started..."), "the simulation never started");
    assertTrue(ProcessSweeper.ownedBy(run.pid()).isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hub.url | https://admin:s3cret-pw@hub.example.org | s3cret-pw",
        "hub.admin-token | t0ken-of-65-characters-t0ken-of-65-characters-t0ken-of-65-charact | t0ken-of-65",
      })
  void secretsInBadInputAreNotRepeated(String key, String value, String secret) throws Exception {
    ForkedGatling.Result run =
        ForkedGatling.simulation("UserJourneySimulation").set(key, value).run(Duration.ofMinutes(1));

    assertEquals(1, run.exitCode(), run::toString);
    assertFalse(run.stderr().contains(secret), run::toString);
    assertFalse(run.stdout().contains(secret), run::toString);
  }
}
