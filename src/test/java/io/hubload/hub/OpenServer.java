package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.http.HttpDsl.currentLocation;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hub.SessionKeys.USER;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;

/**
 * Step "open server": the browser follows the hub to the user's own server. The first visit goes
 * through the hub's OAuth provider and back (a few redirects), which leaves the user with its
 * server's cookies, {@code _xsrf} among them.
 */
public final class OpenServer {

  public static final String STEP = "open server";

  private OpenServer() {}

  public static ChainBuilder home(HubUrls urls, Duration requestTimeout) {
    return group(STEP)
        .on(
            exec(http("server home")
                .get(urls.serverHome())
                .headers(Browser.NAVIGATION)
                .header("Referer", urls.hubPage())
                .requestTimeout(requestTimeout)
                .check(
                    status().is(200),
                    currentLocation()
                        .transformWithSession(
                            (location, session) -> location.contains("/user/" + session.getString(USER) + "/"))
                        .is(true)
                        .name("landed on the user's server"))));
  }
}
