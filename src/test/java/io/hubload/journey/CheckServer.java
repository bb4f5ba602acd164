package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.hubload.hubapi.SessionKeys.SERVER_REUSED;

import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.HubSettings;
import io.hubload.hubapi.ServerState;

/**
 * Step "check server": looks for a server the user already has, left running by an earlier run
 * or a person. It is stopped, and waited for until gone, so that every spawn is measured; or
 * reused as it is, as hub.running-server says.
 */
public final class CheckServer {

  public static final String STEP = "check server";

  private CheckServer() {}

  public static ChainBuilder step(HubContext context) {
    boolean reuse = context.settings().hub().runningServer() == HubSettings.RunningServer.REUSE;
    return group(STEP)
        .on(
            exec(Stop.readState(context))
                .doIf(session -> Stop.state(session) != ServerState.GONE)
                .then(
                    // From here on the user has a server to stop, even if this step fails.
                    exec(ServerLedger::mayHaveServer)
                        .exec(reuse ? exec(session -> session.set(SERVER_REUSED, true)) : Stop.untilGone(context))));
  }
}
