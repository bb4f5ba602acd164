package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.hubload.config.Durations;
import io.hubload.config.LoadProfile;
import io.hubload.config.SessionSettings;
import io.hubload.config.Settings;
import io.hubload.hub.AuthHeaders;
import io.hubload.hub.HubContext;
import io.hubload.hub.HubUrls;
import io.hubload.hub.ServerLedger;
import io.hubload.localhub.LocalHub;
import io.hubload.run.HubMetricsProbe;
import io.hubload.client.HubUnderTest;
import io.hubload.run.LeftoverServers;
import io.hubload.run.Preflight;
import io.hubload.run.RunFacts;
import io.hubload.run.RunReports;
import io.hubload.scenarios.EndOfRun;
import io.hubload.scenarios.UserJourney;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulation shares: settings read and checked once, the hub under test found or
 * started before the first user, the HTTP protocol, the run's facts for its summary, and the hub
 * given back in {@link #after()}.
 */
public abstract class HubSimulation extends Simulation {

  private static final Logger LOG = LoggerFactory.getLogger(HubSimulation.class);

  protected final Settings settings = Preflight.settings();
  protected final HubUnderTest hub = Preflight.hub(settings);
  protected final HubUrls urls = new HubUrls(hub.url(), settings.hub().serverName().isPresent());
  private final HubMetricsProbe hubMetrics = HubMetricsProbe.start(hub, settings.timeouts().request());
  private Settings runSettings = settings;
  private LeftoverServers leftovers;
  private Map<String, Object> hubMetricsDelta = Map.of("unavailable", "the run did not end normally");

  protected HubSimulation() {
    RunReports.copyOnExit(getClass(), this::facts);
  }

  /**
   * Sets the run up: the user journey, injected as the settings' profile says, then the end of run
   * (no server left behind); under the gate, and the assertion that nothing was left running.
   */
  protected void journey(Settings run, Assertion gate) {
    this.runSettings = run;
    LoadProfile profile = run.load().profile();
    LOG.info(
        "{}: {}, users {}, bounded by {}; JupyterHub {} at {} ({} login)",
        getClass().getSimpleName(),
        profile.describe(),
        run.effectiveSession().behaviour().name().toLowerCase(Locale.ROOT),
        Durations.format(run.load().maxDuration()),
        hub.version(),
        hub.url(),
        run.hub().auth().name().toLowerCase(Locale.ROOT));
    leftovers = new LeftoverServers(hub, run, hub instanceof LocalHub, ServerLedger::users, System.out);
    setUp(
            Injection.of(
                    UserJourney.build(new HubContext(run, urls, hub.userPassword(), hub.adminToken())),
                    profile,
                    new Random())
                .andThen(EndOfRun.stopWhatIsLeft(leftovers).injectOpen(atOnceUsers(1))))
        .protocols(httpProtocol())
        .maxDuration(run.load().maxDuration())
        .assertions(gate, EndOfRun.nothingLeftRunning());
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

  /** What this run was, for reports/RUN/summary.json. Never a secret. */
  protected RunFacts facts() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("simulation", getClass().getSimpleName());
    LoadProfile profile = runSettings.load().profile();
    Map<String, Object> profileFacts = new LinkedHashMap<>();
    profileFacts.put("name", profile.name());
    profileFacts.put("description", profile.describe());
    profileFacts.put("parameters", parameters(profile.parameters()));
    run.put("profile", profileFacts);
    SessionSettings session = runSettings.effectiveSession();
    run.put(
        "session",
        Map.of(
            "behaviour", session.behaviour().name().toLowerCase(Locale.ROOT),
            "min", Durations.format(session.idleMin()),
            "max", Durations.format(session.idleMax())));
    run.put("workload", runSettings.execute().notebook().orElse(runSettings.execute().workload().get(0).code()));
    run.put("maxDuration", Durations.format(runSettings.load().maxDuration()));
    Map<String, Object> hubFacts = new LinkedHashMap<>();
    hubFacts.put("url", hub.url().toString()); // checked at start to hold no credentials
    hubFacts.put("version", hub.version());
    hubFacts.put("local", hub instanceof LocalHub);
    hubFacts.put("auth", runSettings.hub().auth().name().toLowerCase(Locale.ROOT));
    runSettings.hub().serverName().ifPresent(name -> hubFacts.put("serverName", name));
    run.put("hub", hubFacts);
    run.put("usersPrefix", runSettings.users().prefix());
    return new RunFacts(run, hubMetricsDelta);
  }

  private static Map<String, Object> parameters(Record profile) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : profile.getClass().getRecordComponents()) {
      try {
        Object value = component.getAccessor().invoke(profile);
        values.put(component.getName(), value instanceof Duration d ? Durations.format(d) : value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  /**
   * Stops what the users left running if the end of run did not (the run was cut short by
   * load.max-duration), reads the hub's metrics once more, while it is still up, then gives the
   * hub back.
   */
  @Override
  public void after() {
    try {
      if (leftovers != null) {
        leftovers.runOnce();
      }
      hubMetricsDelta = hubMetrics.finish();
    } finally {
      hub.close();
    }
  }
}
