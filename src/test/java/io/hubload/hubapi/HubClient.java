package io.hubload.hubapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The suite's own calls to a hub, outside the load: preflight checks, the local hub's start, the
 * hub's metrics, the purge, the end-of-run cleanup. Plain sequential HTTP/1.1 (the JDK client's
 * default h2c upgrade is not understood by every proxy in front of a hub), every call bounded by
 * the timeout it was made with (timeout.request), every path from {@link HubUrls}, every user
 * model read by {@link ServerState}.
 *
 * <p>A client is anonymous, authenticated by an API token, or logged in as one user through the
 * login form ({@link #logIn}): then it keeps the hub's cookies and sends what a browser's page
 * sends with a REST call (Fetch metadata, the hub's {@code _xsrf} cookie as {@code X-XSRFToken}).
 */
public final class HubClient {

  /** A user as the hub lists it: its name and its servers ("" is the default one) by state. */
  public record User(String name, Map<String, ServerState> servers) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 200;
  private static final Pattern XSRF_FIELD =
      Pattern.compile("<input[^>]*name=\"_xsrf\"[^>]*value=\"([^\"]*)\"|<input[^>]*value=\"([^\"]*)\"[^>]*name=\"_xsrf\"");

  private final URI hub;
  private final String token;
  private final Duration timeout;
  private final CookieManager cookies;
  private final HttpClient client;

  private HubClient(URI hub, String token, Duration timeout, CookieManager cookies) {
    this.hub = hub;
    this.token = token;
    this.timeout = timeout;
    this.cookies = cookies;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
    if (cookies != null) {
      // A browser session: it sees where the hub sends it, and follows by itself.
      builder.cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER);
    } else {
      builder.followRedirects(HttpClient.Redirect.NORMAL);
    }
    this.client = builder.build();
  }

  /** For the calls that need no authentication. */
  public static HubClient anonymous(URI hub, Duration timeout) {
    return new HubClient(hub, null, timeout, null);
  }

  /** Authenticated by an API token (an admin's, for most calls here). */
  public static HubClient withToken(URI hub, String token, Duration timeout) {
    return new HubClient(hub, token, timeout, null);
  }

  /**
   * Logs in through the hub's form, as the journey's login does ({@link io.hubload.journey.Login}):
   * the login page, the form posted with its {@code _xsrf} field when there is one, and the hub's
   * home page, which renews the hub's {@code _xsrf} cookie for the session (JupyterHub 4.1+).
   *
   * @throws Refused when the hub refuses the login
   * @throws IOException when the hub does not answer as a hub
   */
  public static HubClient logIn(URI hub, String user, String password, Duration timeout) throws IOException {
    HubClient session = new HubClient(hub, null, timeout, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    HttpResponse<String> page = session.send("GET", HubUrls.LOGIN_TO_HOME, Browser.NAVIGATION, null);
    expect(page, 200, "login page");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", user);
    form.put("password", password);
    xsrfField(page.body()).ifPresent(xsrf -> form.put("_xsrf", xsrf));
    HttpResponse<String> submit = session.send("POST", HubUrls.LOGIN_TO_HOME, Browser.NAVIGATION, form);
    if (submit.statusCode() != 302 && submit.statusCode() != 303) {
      throw new Refused("login as " + user + " refused (HTTP " + submit.statusCode() + ")");
    }
    expect(session.send("GET", HubUrls.HUB_HOME, Browser.NAVIGATION, null), 200, "hub home");
    return session;
  }

  /** What {@code GET /hub/api} says the hub's version is; empty when the answer is no hub's. */
  public Optional<String> version() throws IOException {
    HttpResponse<String> response = get(HubUrls.API_ROOT);
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    return versionOf(response.body());
  }

  /** The owner of this client's token, {@code GET /hub/api/user}: status and body. */
  public HttpResponse<String> whoAmI() throws IOException {
    return get(HubUrls.WHO_AM_I);
  }

  /** The hub's Prometheus metrics, {@code GET /hub/metrics}: status and body. */
  public HttpResponse<String> metrics() throws IOException {
    return get(HubUrls.METRICS);
  }

  /** Every user whose name starts with {@code prefix}, page by page. */
  public List<User> usersStartingWith(String prefix) throws IOException {
    List<User> users = new ArrayList<>();
    int offset = 0;
    while (true) {
      String path =
          HubUrls.USERS + "?name_filter=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8) + "&offset=" + offset + "&limit=" + PAGE;
      JsonNode page =
          JSON.readTree(expect(send("GET", path, Map.of("Accept", "application/jupyterhub-pagination+json"), null), 200, "list users"));
      // JupyterHub 2.0+ pages when asked; older hubs answer the whole list.
      JsonNode items = page.isArray() ? page : page.path("items");
      for (JsonNode user : items) {
        String name = user.path("name").asText();
        if (name.startsWith(prefix)) {
          users.add(new User(name, ServerState.allOf(user)));
        }
      }
      JsonNode next = page.path("_pagination").path("next");
      if (page.isArray() || next.isMissingNode() || next.isNull() || items.size() == 0) {
        return users;
      }
      offset += items.size();
    }
  }

  /** A user's servers ("" is the default one) that exist, by state; null when there is no such user. */
  public Map<String, ServerState> serversOf(String user) throws IOException {
    HttpResponse<String> response = send("GET", HubUrls.userModel(user), apiHeaders(), null);
    if (response.statusCode() == 404) {
      return null;
    }
    String body = expect(response, 200, "read user " + user);
    return ServerState.allOf(ServerState.parse(body).orElseThrow(() -> new IOException("read user " + user + ": not a user model")));
  }

  /**
   * Asks the hub to stop a server. True when the hub took the request (it may still be stopping)
   * or the server is gone; false when the server is pending its spawn, which the hub will not
   * interrupt, and must be asked again.
   *
   * @throws Refused when the hub refuses the stop for good (a 4xx other than "pending")
   * @throws IOException when the hub could not be asked (no answer, a 5xx): ask again later
   */
  public boolean stopServer(String user, String server) throws IOException {
    HttpResponse<String> response = send("DELETE", HubUrls.server(user, server), apiHeaders(), null);
    int status = response.statusCode();
    if (status == 202 || status == 204 || status == 404) {
      return true;
    }
    if (status == 400 && response.body().contains("pending")) {
      return false;
    }
    String answer = ("HTTP " + status + " " + message(response)).strip();
    throw status >= 400 && status < 500 ? new Refused(answer) : new IOException("stop " + user + "/" + server + ": " + answer);
  }

  public void deleteUser(String user) throws IOException {
    HttpResponse<String> response = send("DELETE", HubUrls.userModel(user), apiHeaders(), null);
    if (response.statusCode() != 204 && response.statusCode() != 404) {
      throw new IOException("delete " + user + ": HTTP " + response.statusCode() + " " + message(response));
    }
  }

  /** A GET of a path under the hub's URL. */
  public HttpResponse<String> get(String path) throws IOException {
    return send("GET", path, Map.of(), null);
  }

  /**
   * Any request: {@code headers} added, {@code form} fields sent urlencoded (null: no body).
   * Token clients add their token; the response is returned whatever its status.
   */
  public HttpResponse<String> send(String method, String path, Map<String, String> headers, Map<String, String> form)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(hub + path))
            .timeout(timeout)
            .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(urlencoded(form)));
    if (form != null) {
      request.header("Content-Type", "application/x-www-form-urlencoded");
    }
    if (token != null) {
      request.header("Authorization", AuthHeaders.tokenHeader(token));
    }
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The hub said no, and asking again will not change its mind. */
  public static final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /** The {@code version} of a {@code GET /hub/api} answer. */
  public static Optional<String> versionOf(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node != null && node.hasNonNull("version") ? Optional.of(node.get("version").asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The login page's {@code _xsrf} field, when it has one (JupyterHub 4.x and later). */
  static Optional<String> xsrfField(String html) {
    Matcher m = XSRF_FIELD.matcher(html);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
  }

  /**
   * What a hub page's script sends with a REST call, for a logged-in client (a token client needs
   * none of it): Fetch metadata, the page as Referer, and the hub's _xsrf cookie as X-XSRFToken.
   */
  private Map<String, String> apiHeaders() {
    if (cookies == null) {
      return Map.of();
    }
    Map<String, String> headers = new HashMap<>(Browser.FETCH);
    headers.put("Referer", hub + HubUrls.HUB_HOME);
    xsrfCookie().ifPresent(xsrf -> headers.put("X-XSRFToken", xsrf));
    return headers;
  }

  /** The hub's own _xsrf cookie (path /hub/), not a single-user server's. */
  private Optional<String> xsrfCookie() {
    String value = null;
    int longest = -1;
    for (HttpCookie cookie : cookies.getCookieStore().get(URI.create(hub + HubUrls.USERS))) {
      String path = cookie.getPath() == null ? "/" : cookie.getPath();
      if (cookie.getName().equals("_xsrf") && (hub.getPath() + HubUrls.USERS).startsWith(path) && path.length() > longest) {
        value = cookie.getValue();
        longest = path.length();
      }
    }
    return Optional.ofNullable(value);
  }

  /**
   * What went wrong with a request, in words: the JDK's client gives a refused or reset connection
   * as an exception with no message.
   */
  public static String describe(IOException e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    Throwable cause = e.getCause();
    String kind = (cause == null ? e : cause).getClass().getSimpleName();
    return kind.equals("ConnectException") ? "connection refused: the hub does not answer" : kind;
  }

  private static String expect(HttpResponse<String> response, int status, String what) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException((what + ": HTTP " + response.statusCode() + " " + message(response)).strip());
    }
    return response.body();
  }

  private static String message(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).path("message").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static String urlencoded(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
