package io.hubload.journey;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpDsl;
import java.util.Arrays;
import java.util.List;

/**
 * Status checks for requests to a user's own server, whose failure says what a person would
 * understand: a server that died, or that the hub stopped, is not there to answer, and the hub's
 * proxy answers for it (502, 503 or 504; JupyterHub 4+ answers 424 for a server it knows is not
 * running). The report then reads "server gone: HTTP 503 from the proxy", not a bare status.
 */
public final class ServerAnswers {

  private static final String AS_EXPECTED = "as expected";

  private ServerAnswers() {}

  /** The answer must have one of these statuses. */
  public static CheckBuilder.Final status(Integer... expected) {
    List<Integer> accepted = Arrays.asList(expected);
    String name = "HTTP " + String.join(" or ", accepted.stream().map(String::valueOf).toList()) + " expected";
    return HttpDsl.status()
        .transform(status -> accepted.contains(status) ? AS_EXPECTED : describe(status))
        .is(AS_EXPECTED)
        .name(name);
  }

  /**
   * Whether an error answer to a call under /user/NAME/ came from the hub rather than from the
   * user's server: the proxy had no route to the server (it was restarted and the hub has not put
   * the routes back yet, or the hub has not routed a new server yet), so it passed the call to its
   * default target, the hub (seen on JupyterHub 6.1.1: 403 for a DELETE whose XSRF token is the
   * server's, not the hub's). Both answer as Tornado, with X-JupyterHub-Version, and a server run
   * by JupyterHub 3's singleuser even sends its CSP reports to the hub and shows the hub's logo;
   * what tells them apart is the error page itself: the hub's loads the hub's own static files
   * ({@code /hub/static/}), a server's page its own, and a server's API answers JSON. The proxy's
   * own errors (502 to 504) and the hub's 424 for a server it knows is stopped say that already,
   * in {@link #describe}.
   */
  public static boolean fromTheHubInsteadOfTheServer(io.gatling.http.response.Response response, io.gatling.javaapi.core.Session session) {
    int status = response.status().code();
    return status >= 400
        && status != 424
        && !HubOutage.isOutage(status)
        && response.request().getUri().getPath().contains("/user/")
        && response.body().string().contains(HUB_STATIC_FILES);
  }

  /** Where every page the hub renders, its error pages included, loads its CSS from. */
  private static final String HUB_STATIC_FILES = "/hub/static/";

  /**
   * Keeps every answer's body, for {@link #fromTheHubInsteadOfTheServer} to read: Gatling keeps
   * a body only when a body check asks for it. Any length passes.
   */
  public static CheckBuilder.Final keepsTheBody() {
    return io.gatling.javaapi.core.CoreDsl.bodyLength().gte(0);
  }

  /**
   * The check that fails such an answer, in words. A status check, as the status checks it must
   * come before: Gatling runs a request's status checks first, its body checks last.
   */
  public static CheckBuilder.Final answeredByTheHub() {
    return HttpDsl.status()
        .transform(
            status ->
                "HTTP "
                    + status
                    + " from the hub's own error page: the proxy has no route to the user's server (a"
                    + " restarted proxy whose routes the hub has not put back yet, or a server the hub has"
                    + " not routed yet)")
        .is(AS_EXPECTED)
        .name("an answer from the user's server expected");
  }

  /** A status the server did not mean, in words. */
  public static String describe(int status) {
    if (HubOutage.isOutage(status)) {
      return "server gone: " + HubOutage.answer(status) + " (the user's server does not answer)";
    }
    if (status == 424) {
      return "server gone: HTTP 424 from the hub (the user's server is not running)";
    }
    return "HTTP " + status;
  }
}
