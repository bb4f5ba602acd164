package io.hubload.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.localhub.ProcessSweeper;
import io.hubload.testing.ForkedGatling;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hub.url | https://admin:s3cret-pw@hub.example.org | s3cret-pw",
      })
  void secretsInBadInputAreNotRepeated(String key, String value, String secret) throws Exception {
    ForkedGatling.Result run =
        ForkedGatling.simulation("UserJourneySimulation").set(key, value).run(Duration.ofMinutes(1));

    assertEquals(1, run.exitCode(), run::toString);
    assertFalse(run.stderr().contains(secret), run::toString);
    assertFalse(run.stdout().contains(secret), run::toString);
  }
}
