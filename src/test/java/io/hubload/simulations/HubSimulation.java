package io.hubload.simulations;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.hubload.config.Settings;
import io.hubload.hub.HubUrls;
import io.hubload.hub.AuthHeaders;
import io.hubload.run.HubUnderTest;
import io.hubload.run.Preflight;
import io.hubload.run.RunReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulation shares: settings read and checked once, the hub under test found or
 * started before the first user, the HTTP protocol, and the hub given back in {@link #after()}.
 */
public abstract class HubSimulation extends Simulation {

  private static final Logger LOG = LoggerFactory.getLogger(HubSimulation.class);

  protected final Settings settings = Preflight.settings();
  protected final HubUnderTest hub = Preflight.hub(settings);
  protected final HubUrls urls = new HubUrls(hub.url(), settings.hub().serverName().isPresent());

  protected HubSimulation() {
    RunReports.copyOnExit(getClass());
  }

  /** Browser-like HTTP: one connection pool and cookie jar per user, no caching, no warm-up. */
  protected HttpProtocolBuilder httpProtocol() {
    return http.baseUrl(urls.base())
        .wsBaseUrl(urls.websocketBase())
        .userAgentHeader("hubload (Gatling load test)")
        .acceptHeader("text/html,application/json;q=0.9,*/*;q=0.8")
        .disableCaching()
        .disableWarmUp()
        .sign(AuthHeaders::add);
  }

  /** Says in one line what is about to run against what. */
  protected void announce(String what) {
    LOG.info(
        "{}: {} against JupyterHub {} at {} ({} login)",
        getClass().getSimpleName(),
        what,
        hub.version(),
        hub.url(),
        settings.hub().auth().name().toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public void after() {
    hub.close();
  }
}
