package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.SessionSettings;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.hubload.journey.tab.TabRequests;

/**
 * One person's visit, in the words of the report's steps:
 *
 * <pre>login → check server → spawn → open server → kernel start → execute → idle or active → stop</pre>
 *
 * <p>With a browser tab (session.tab lab or classic), "open server" is "page open" (the UI's page
 * and its static files), the person opens a notebook ("open notebook") before the kernel starts,
 * and the tab's own requests (polls, autosave) go out beside the steps until the stop.
 *
 * <p>The first failing step ends the visit early, but never skips the stop: whatever happened, the
 * user's kernel and server are shut down and the hub is asked until the server is gone.
 */
public final class UserJourney {

  private UserJourney() {}

  /**
   * The steps before the stop. With a tab, the person opens a notebook before its kernel starts,
   * and the tab's requests that fell due during a step go out after it.
   */
  private static ChainBuilder steps(HubContext context) {
    ChainBuilder steps = exec(Login.step(context), CheckServer.step(context), Spawn.step(context), OpenServer.step(context));
    if (context.settings().session().tab() != SessionSettings.Tab.API) {
      steps = steps.exec(TabRequests.catchUp(context), OpenNotebook.step(context), TabRequests.catchUp(context));
    }
    return steps.exec(Kernel.step(context), TabRequests.catchUp(context), Execute.step(context), TabRequests.catchUp(context), IdleOrActive.step(context));
  }

  /**
   * @param first an action put before everything else: the run's {@code Interruption.attach()},
   *     which adds no action but hands Gatling's run controller to the signal handler
   *     (run/Interruption). The run passes it in, so that the journey does not reach back up to it.
   */
  public static ScenarioBuilder build(HubContext context, ActionBuilder first) {
    var settings = context.settings();
    UserNames names =
        new UserNames(
            settings.users(),
            settings.hub().serverName(),
            settings.load().profile().closedModel(),
            settings.distributed().shard());
    return scenario("user journey")
        .exec(first)
        .feed(names)
        .exec(CapacityTally::arrived)
        .exitBlockOnFail()
        .on(steps(context))
        .exec(CapacityTally::ended)
        .exec(Stop.step(context))
        .exec(names.release());
  }
}
