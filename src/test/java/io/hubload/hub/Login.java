package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hub.SessionKeys.LOGIN_XSRF;
import static io.hubload.hub.SessionKeys.USER;
import static io.hubload.hub.SessionKeys.el;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.Map;

/** Step "login": the hub's login form, as a person fills it in. */
public final class Login {

  /** The report entry of the whole step. */
  public static final String STEP = "login";

  private Login() {}

  /**
   * GET the login page, then POST user name, password and, when the page has one, its {@code _xsrf}
   * field (JupyterHub 4.x and 5.x refuse the form without it). A successful login answers with a
   * redirect; a refused one shows the form again, which is a KO of this step.
   */
  public static ChainBuilder withForm(String password, Duration requestTimeout) {
    return group(STEP)
        .on(
            exec(http("login page")
                    .get(HubUrls.LOGIN)
                    .requestTimeout(requestTimeout)
                    .check(
                        status().is(200),
                        css("input[name='_xsrf']", "value").optional().saveAs(LOGIN_XSRF))),
            exec(http("login submit")
                .post(HubUrls.LOGIN)
                .requestTimeout(requestTimeout)
                .formParam("username", el(USER))
                // A function, not a string: a password is not Gatling EL and must not be parsed as one.
                .formParam("password", (Session session) -> password)
                .formParamMap(Login::xsrfField)
                .disableFollowRedirect()
                .check(
                    status()
                        .transform(Login::loginResult)
                        .is("redirected")
                        .name("login accepted"),
                    header("Location").notNull())));
  }

  private static Map<String, Object> xsrfField(Session session) {
    String xsrf = session.getString(LOGIN_XSRF);
    return xsrf == null ? Map.of() : Map.of("_xsrf", xsrf);
  }

  /** Turns the status into words an operator reads in the report's error table. */
  private static String loginResult(Integer status) {
    if (status == 302 || status == 303) {
      return "redirected";
    }
    if (status == 200 || status == 403) {
      return "login refused (HTTP " + status + "): wrong password, or the authenticator does not accept this user";
    }
    return "HTTP " + status;
  }
}
