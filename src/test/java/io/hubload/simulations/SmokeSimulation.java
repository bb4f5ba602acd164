package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.hubload.config.LoadProfile;
import io.hubload.config.SessionSettings;
import io.hubload.config.LoadSettings;
import io.hubload.config.Settings;
import java.time.Duration;

/**
 * The smoke run of {@code mvn verify}: three users make the whole journey with a short idle, and a
 * single KO fails the build. Every other setting (code, expected output, timeouts, hub) is the
 * run's, so a smoke run against a real hub checks that hub.
 */
public class SmokeSimulation extends HubSimulation {

  static final int USERS = 3;

  {
    Settings smoke =
        settings
            .withLoad(
                new LoadSettings(
                    new LoadProfile.Ramp(USERS, Duration.ofSeconds(3)), settings.load().maxDuration()))
            .withSession(
                new SessionSettings(
                    SessionSettings.Behaviour.IDLE, Duration.ofSeconds(2), Duration.ofSeconds(4), settings.session().tab()));
    journey(smoke, global().successfulRequests().percent().is(100.0));
  }
}
