package io.hubload.scenarios;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.hubload.config.Timeouts;
import io.hubload.config.SessionSettings;
import io.hubload.config.HubSettings;
import io.hubload.config.ExecuteSettings;
import io.hubload.config.Settings;
import io.hubload.hub.Active;
import io.hubload.hub.Execute;
import io.hubload.hub.HubUrls;
import io.hubload.hub.Idle;
import io.hubload.hub.Kernel;
import io.hubload.hub.Login;
import io.hubload.hub.OpenServer;
import io.hubload.hub.Spawn;
import io.hubload.hub.Stop;
import io.hubload.hub.UserNames;
import io.hubload.client.HubUnderTest;

/**
 * One person's visit: log in, get a server and open it, start a kernel, run code, then sit idle
 * or keep working for a while, and leave.
 *
 * <p>The first failing step ends the visit early, but never skips the stop: whatever happened, the
 * user's kernel and server are shut down and the hub is asked until the server is gone.
 */
public final class UserJourney {

  private UserJourney() {}

  /**
   * @param settings the run's settings
   * @param hub the hub under test: its password and admin token
   * @param urls where the hub is
   */
  public static ScenarioBuilder build(Settings settings, HubUnderTest hub, HubUrls urls) {
    Timeouts timeouts = settings.timeouts();
    ExecuteSettings execute = settings.execute();
    UserNames names =
        new UserNames(settings.users(), settings.hub().serverName(), settings.load().profile().closedModel());
    return scenario("user journey")
        .feed(names)
        .exitBlockOnFail()
        .on(
            login(settings, hub),
            new Spawn(urls, settings.hub(), timeouts).chain(),
            OpenServer.home(urls, timeouts.request()),
            Kernel.start(urls, execute.kernel(), timeouts.request()),
            Execute.workload(execute.workload(), execute.repeat(), execute.thinkTime(), timeouts.execute()),
            afterwards(settings))
        .exec(new Stop(urls, timeouts).everything())
        .exec(names.release());
  }

  private static ChainBuilder login(Settings settings, HubUnderTest hub) {
    if (settings.hub().auth() == HubSettings.Auth.TOKEN) {
      return Login.withToken(
          hub.adminToken().orElseThrow(), settings.userTokenLifetime(), settings.timeouts().request());
    }
    return Login.withForm(hub.userPassword(), settings.timeouts().request());
  }

  /** The rest of the session: idle, or working (the hubtraf profile's users work). */
  private static ChainBuilder afterwards(Settings settings) {
    SessionSettings session = settings.effectiveSession();
    if (session.behaviour() == SessionSettings.Behaviour.ACTIVE) {
      ExecuteSettings execute = settings.execute();
      return Active.between(
          session.idleMin(),
          session.idleMax(),
          execute.workload(),
          execute.thinkTime(),
          settings.timeouts().execute());
    }
    return Idle.between(session.idleMin(), session.idleMax());
  }
}
