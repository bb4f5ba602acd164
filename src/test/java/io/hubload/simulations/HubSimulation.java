package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.hubload.config.LoadProfile;
import io.hubload.config.Settings;
import io.hubload.journey.RequestSigning;
import io.hubload.journey.UserJourney;
import io.hubload.run.EndOfRun;
import io.hubload.run.Interruption;
import io.hubload.run.RunLifecycle;
import java.util.Random;

/**
 * What every simulation shares: the run's life ({@link RunLifecycle}: settings, hub, metrics
 * before the first user and after the last, reports), the user journey injected as the load
 * profile says, the end of run after the last user, and the HTTP protocol.
 */
public abstract class HubSimulation extends Simulation {

  /** Begun while Gatling builds the simulation: a bad setting or no hub ends the run here. */
  protected final RunLifecycle run = RunLifecycle.begin(getClass());

  protected final Settings settings = run.settings();

  /**
   * Sets the run up: the user journey, injected as the settings' profile says, then the end of run
   * (no server left behind); under the gate, and the assertion that nothing was left running.
   */
  protected void journey(Settings runSettings, Assertion gate) {
    SetUp setUp =
        setUp(
            Injection.of(
                    UserJourney.build(run.context(runSettings), Interruption.attach()),
                    runSettings.load().profile(),
                    runSettings.distributed().shard(),
                    new Random())
                .andThen(EndOfRun.stopWhatIsLeft(run.leftovers()).injectOpen(atOnceUsers(1))))
        .protocols(httpProtocol())
        .maxDuration(runSettings.load().maxDuration());
    if (!(runSettings.load().profile() instanceof LoadProfile.Capacity)) {
      // A capacity search has no gate: its verdict is its result, and it ends at the first level
      // that breaks, KOs and all, before the end of run's entry (its after() stops what is left).
      setUp.assertions(gate, EndOfRun.nothingLeftRunning());
    }
  }

  /** Browser-like HTTP: one connection pool and cookie jar per user, no caching, no warm-up. */
  protected HttpProtocolBuilder httpProtocol() {
    // Every tab's pages load the files recorded with Chromium (PageFiles), not those an HTML
    // parser finds: JupyterLab's scripts load most of theirs (webpack chunks).
    return http.baseUrl(run.urls().base())
        .wsBaseUrl(run.urls().websocketBase())
        .userAgentHeader("hubload (Gatling load test)")
        .acceptHeader("text/html,application/json;q=0.9,*/*;q=0.8")
        .disableCaching()
        .disableWarmUp()
        .sign((request, session) -> RequestSigning.add(RequestSigning.asPageFileUnlessMarked(request), session));
  }

  /** Several injectors start their users together: this one waits for distributed.start-at. */
  @Override
  public void before() {
    run.awaitStart();
    run.injectionStarts();
  }

  @Override
  public void after() {
    run.end();
  }
}
