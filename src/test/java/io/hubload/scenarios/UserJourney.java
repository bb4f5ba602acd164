package io.hubload.scenarios;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.hubload.config.Settings;
import io.hubload.hub.Execute;
import io.hubload.hub.HubUrls;
import io.hubload.hub.Idle;
import io.hubload.hub.Kernel;
import io.hubload.hub.Login;
import io.hubload.hub.OpenServer;
import io.hubload.hub.Spawn;
import io.hubload.hub.Stop;
import io.hubload.hub.UserNames;

/**
 * One person's visit: log in, get a server and open it, start a kernel, run code, sit idle,
 * leave.
 *
 * <p>The first failing step ends the visit early, but never skips the stop: whatever happened, the
 * user's kernel and server are shut down and the hub is asked until the server is gone.
 */
public final class UserJourney {

  private UserJourney() {}

  /**
   * @param settings the run's settings
   * @param urls where the hub is
   * @param password what the users type into the login form
   */
  public static ScenarioBuilder build(Settings settings, HubUrls urls, String password) {
    Settings.Timeouts timeouts = settings.timeouts();
    return scenario("user journey")
        .feed(new UserNames(settings.users()))
        .exitBlockOnFail()
        .on(
            Login.withForm(password, timeouts.request()),
            Spawn.fromSpawnPage(urls, timeouts.request(), timeouts.spawn()),
            OpenServer.home(timeouts.request()),
            Kernel.start(settings.execute().kernel(), timeouts.request()),
            Execute.code(settings.execute(), timeouts.execute()),
            Idle.between(settings.session().idleMin(), settings.session().idleMax()))
        .exec(Stop.everything(urls, timeouts.request(), timeouts.stop()));
  }
}
