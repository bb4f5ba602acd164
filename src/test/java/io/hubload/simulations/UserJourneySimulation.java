package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.hubload.config.Durations;
import io.hubload.config.Settings;
import io.hubload.scenarios.UserJourney;

/**
 * The main run ({@code mvn gatling:test}): load.users users arrive evenly over load.ramp and each
 * makes the whole journey. The build fails when fewer than gate.min-ok-percent of the requests
 * are OK.
 */
public class UserJourneySimulation extends HubSimulation {

  {
    Settings.Load load = settings.load();
    announce(load.users() + " users arriving over " + Durations.format(load.ramp()));
    setUp(UserJourney.build(settings, hub, urls).injectOpen(arrivals(load)))
        .protocols(httpProtocol())
        .maxDuration(load.maxDuration())
        .assertions(global().successfulRequests().percent().gte(settings.gate().minOkPercent()));
  }

  static OpenInjectionStep arrivals(Settings.Load load) {
    return load.ramp().isZero()
        ? atOnceUsers(load.users())
        : rampUsers(load.users()).during(load.ramp());
  }
}
