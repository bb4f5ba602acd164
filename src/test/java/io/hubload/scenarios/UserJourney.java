package io.hubload.scenarios;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.hubload.hub.CheckServer;
import io.hubload.hub.Execute;
import io.hubload.hub.HubContext;
import io.hubload.hub.IdleOrActive;
import io.hubload.hub.Kernel;
import io.hubload.hub.Login;
import io.hubload.hub.OpenServer;
import io.hubload.hub.Spawn;
import io.hubload.hub.Stop;
import io.hubload.hub.UserNames;
import io.hubload.run.Interruption;

/**
 * One person's visit, in the words of the report's steps:
 *
 * <pre>login → check server → spawn → open server → kernel start → execute → idle or active → stop</pre>
 *
 * <p>The first failing step ends the visit early, but never skips the stop: whatever happened, the
 * user's kernel and server are shut down and the hub is asked until the server is gone.
 */
public final class UserJourney {

  private UserJourney() {}

  public static ScenarioBuilder build(HubContext context) {
    var settings = context.settings();
    UserNames names =
        new UserNames(settings.users(), settings.hub().serverName(), settings.load().profile().closedModel());
    return scenario("user journey")
        // No action: hands Gatling's run controller to the signal handler (run/Interruption).
        .exec(Interruption.attach())
        .feed(names)
        .exitBlockOnFail()
        .on(
            Login.step(context),
            CheckServer.step(context),
            Spawn.step(context),
            OpenServer.step(context),
            Kernel.step(context),
            Execute.step(context),
            IdleOrActive.step(context))
        .exec(Stop.step(context))
        .exec(names.release());
  }
}
