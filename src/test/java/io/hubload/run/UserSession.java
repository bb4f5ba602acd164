package io.hubload.run;

import io.hubload.hub.Browser;
import io.hubload.hub.HubUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One test user logged in through the hub's login form, as a person in a browser: the same
 * requests and headers as the journey's login ({@link io.hubload.hub.Login}), the hub's cookies
 * kept, and the hub's {@code _xsrf} cookie copied into {@code X-XSRFToken} on its REST API calls.
 * It sees and stops only its own servers: what the end-of-run cleanup does when it has no admin
 * token.
 */
final class UserSession implements ServerControl {

  private static final Pattern XSRF_FIELD =
      Pattern.compile("<input[^>]*name=\"_xsrf\"[^>]*value=\"([^\"]*)\"|<input[^>]*value=\"([^\"]*)\"[^>]*name=\"_xsrf\"");

  private final String user;
  private final HubHttp http;
  private final String referer;

  private UserSession(String user, HubHttp http, URI hub) {
    this.user = user;
    this.http = http;
    this.referer = hub + HubUrls.HUB_HOME;
  }

  /**
   * Logs in and lands on the hub's home page (which renews the hub's _xsrf cookie for the session).
   *
   * @throws IOException when the hub does not answer or refuses the login
   */
  static UserSession logIn(URI hub, String user, String password, Duration timeout) throws IOException {
    HubHttp http = HubHttp.withCookies(hub, timeout);
    HttpResponse<String> page = http.send("GET", HubUrls.LOGIN_TO_HOME, Browser.NAVIGATION, null);
    expect(page, 200, "login page");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", user);
    form.put("password", password);
    xsrfField(page.body()).ifPresent(xsrf -> form.put("_xsrf", xsrf));
    HttpResponse<String> submit = http.send("POST", HubUrls.LOGIN_TO_HOME, Browser.NAVIGATION, form);
    if (submit.statusCode() != 302 && submit.statusCode() != 303) {
      throw new Refused("login as " + user + " refused (HTTP " + submit.statusCode() + ")");
    }
    expect(http.send("GET", HubUrls.HUB_HOME, Browser.NAVIGATION, null), 200, "hub home");
    return new UserSession(user, http, hub);
  }

  @Override
  public Map<String, String> serversOf(String name) throws IOException {
    return HubAdmin.serversOf(http.send("GET", HubUrls.userModel(own(name)), apiHeaders(), null), name);
  }

  @Override
  public boolean stopServer(String name, String server) throws IOException {
    return HubAdmin.stopped(http.send("DELETE", HubUrls.server(own(name), server), apiHeaders(), null), name, server);
  }

  /** What the hub's own pages send with a REST API call. */
  private Map<String, String> apiHeaders() {
    Map<String, String> headers = new HashMap<>(Browser.FETCH);
    headers.put("Referer", referer);
    http.cookie("_xsrf", HubUrls.USERS + "/").ifPresent(xsrf -> headers.put("X-XSRFToken", xsrf));
    return headers;
  }

  private String own(String name) {
    if (!name.equals(user)) {
      throw new IllegalArgumentException(user + " cannot act for " + name);
    }
    return name;
  }

  static java.util.Optional<String> xsrfField(String html) {
    Matcher m = XSRF_FIELD.matcher(html);
    if (!m.find()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
  }

  private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(what + ": HTTP " + response.statusCode());
    }
  }
}
