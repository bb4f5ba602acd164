package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.hubload.hubapi.SessionKeys.LOGIN_XSRF;
import static io.hubload.hubapi.SessionKeys.USER;
import static io.hubload.hubapi.SessionKeys.USER_TOKEN;
import static io.hubload.hubapi.SessionKeys.USER_TOKEN_ID;
import static io.hubload.hubapi.SessionKeys.el;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.hubload.config.HubSettings;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.Map;
import io.hubload.hubapi.AuthHeaders;
import io.hubload.hubapi.HubUrls;

/**
 * Step "login": how a test user gets in, through the login form (form mode) or with a token of
 * its own made by an admin token (token mode). Either way the step is the report entry "login",
 * so runs in both modes compare.
 */
public final class Login {

  /** The report entry of the whole step. */
  public static final String STEP = "login";

  private Login() {}

  /** The step, in the way hub.auth says: the login form, or a token made with the admin token. */
  public static ChainBuilder step(HubContext context) {
    return context.settings().hub().auth() == HubSettings.Auth.TOKEN
        ? withToken(context, context.adminToken().orElseThrow(), context.settings().userTokenLifetime())
        : withForm(context, context.userPassword());
  }

  /**
   * As a person who opened the hub's home page: GET the login page, POST user name, password and,
   * when the page has one, its {@code _xsrf} field (JupyterHub 4.x and 5.x refuse the form without
   * it), and land on the home page. A successful login answers with a redirect; a refused one
   * shows the form again, which is a KO of this step.
   *
   * <p>The landing matters beyond realism: JupyterHub 4.1 and later tie the hub's {@code _xsrf}
   * cookie to the login session and renew it on the next page after login. Until then, the cookie
   * from before login no longer matches, and every REST API call that copies it into {@code
   * X-XSRFToken} (the server's status, its stop) is refused with a 403.
   */
  static ChainBuilder withForm(HubContext context, String password) {
    Duration retry = context.timeouts().hubUnreachable();
    return group(STEP)
        .on(
            HubOutage.retried(
                context.page(http("login page").get(HubUrls.LOGIN_TO_HOME))
                    .check(
                        HubOutage.answered(),
                        status().is(200),
                        css("input[name='_xsrf']", "value").optional().saveAs(LOGIN_XSRF)),
                retry),
            HubOutage.retried(
                context.page(http("login submit").post(HubUrls.LOGIN_TO_HOME))
                    .formParam("username", el(USER))
                    // A function, not a string: a password is not Gatling EL and must not be parsed as one.
                    .formParam("password", (Session session) -> password)
                    .formParamMap(Login::xsrfField)
                    .disableFollowRedirect()
                    .check(
                        HubOutage.answered(),
                        status()
                            .transform(Login::loginResult)
                            .is("redirected")
                            .name("login accepted"),
                        header("Location").notNull()),
                retry),
            HubOutage.retried(
                context.page(http("hub home").get(HubUrls.HUB_HOME)).check(HubOutage.answered(), status().is(200)), retry));
  }

  /**
   * With the admin token: create the user (an existing one is fine) and give it a token of its
   * own that expires after {@code tokenLifetime}. Everything the user does next uses that token.
   */
  static ChainBuilder withToken(HubContext context, String adminToken, Duration tokenLifetime) {
    String tokenRequest =
        json(Map.of("expires_in", tokenLifetime.toSeconds(), "note", "hubload load test"));
    Duration retry = context.timeouts().hubUnreachable();
    return group(STEP)
        .on(
            HubOutage.retried(
                    context.api(http("create user").post(HubUrls.USER_MODEL))
                        .header("Authorization", (Session session) -> AuthHeaders.tokenHeader(adminToken))
                        .check(HubOutage.answered(), status().in(201, 409)),
                    retry)
                .exec(
                    HubOutage.retried(
                        context.api(http("user token").post(HubUrls.USER_TOKENS))
                            .header("Authorization", (Session session) -> AuthHeaders.tokenHeader(adminToken))
                            .body(StringBody(tokenRequest))
                            .asJson()
                            .check(
                                HubOutage.answered(),
                                status().in(200, 201),
                                jsonPath("$.token").saveAs(USER_TOKEN),
                                jsonPath("$.id").saveAs(USER_TOKEN_ID)),
                        retry))
                .exec(
                    session -> {
                      TokenDigests.record(session.getString(USER_TOKEN));
                      return session;
                    }));
  }

  /** Token mode's last request: the user revokes its own token. */
  static ChainBuilder revokeToken(HubContext context) {
    return exec(session -> session)
        .doIf(session -> session.contains(USER_TOKEN_ID))
        .then(
            exec(context.api(http("token revoke").delete(HubUrls.USER_TOKEN)).check(status().is(204)))
                .exec(session -> session.remove(USER_TOKEN).remove(USER_TOKEN_ID)));
  }

  private static Map<String, Object> xsrfField(Session session) {
    String xsrf = session.getString(LOGIN_XSRF);
    return xsrf == null ? Map.of() : Map.of("_xsrf", xsrf);
  }

  /** Turns the status into words an operator reads in the report's error table. */
  static String loginResult(Integer status) {
    if (status == 302 || status == 303) {
      return "redirected";
    }
    if (status == 200 || status == 403) {
      return "login refused (HTTP " + status + "): wrong password, or the authenticator does not accept this user";
    }
    return "HTTP " + status;
  }

  private static String json(Map<String, Object> fields) {
    try {
      return new ObjectMapper().writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
