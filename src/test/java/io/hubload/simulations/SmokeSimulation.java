package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.hubload.config.Settings;
import io.hubload.scenarios.UserJourney;
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
            .withLoad(new Settings.Load(USERS, Duration.ofSeconds(3), settings.load().maxDuration()))
            .withSession(new Settings.Session(Duration.ofSeconds(2), Duration.ofSeconds(4)));
    announce(USERS + " users, every step must pass");
    setUp(UserJourney.build(smoke, hub, urls)
            .injectOpen(rampUsers(USERS).during(smoke.load().ramp())))
        .protocols(httpProtocol())
        .maxDuration(smoke.load().maxDuration())
        .assertions(global().successfulRequests().percent().is(100.0));
  }
}
