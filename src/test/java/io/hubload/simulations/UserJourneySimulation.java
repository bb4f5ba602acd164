package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * The main run ({@code mvn gatling:test}): users start as load.profile says and each makes the
 * whole journey. The build fails when fewer than gate.min-ok-percent of the requests are OK.
 */
public class UserJourneySimulation extends HubSimulation {

  {
    journey(settings, global().successfulRequests().percent().gte(settings.gate().minOkPercent()));
  }
}
