package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.http.HttpDsl.currentLocation;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.hubload.hub.SessionKeys.USER;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * Step "open server": the browser follows the hub to the user's own server. The first visit goes
 * through the hub's OAuth provider and back (a few redirects), which leaves the user with its
 * server's cookies, {@code _xsrf} among them.
 */
public final class OpenServer {

  public static final String STEP = "open server";

  private OpenServer() {}

  public static ChainBuilder step(HubContext context) {
    return group(STEP)
        .on(
            HubOutage.retried(
                context.pageFromHubHome(http("server home").get(context.urls().serverHome()))
                    .check(
                        HubOutage.answered(),
                        ServerAnswers.status(200),
                        currentLocation()
                            .transformWithSession(
                                (location, session) -> location.contains("/user/" + session.getString(USER) + "/"))
                            .is(true)
                            .name("landed on the user's server")),
                context.timeouts().hubUnreachable()));
  }
}
