package io.hubload.run;

import io.hubload.hub.AuthHeaders;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The suite's own calls to a hub, outside the load: preflight checks, metrics, the purge, the
 * end-of-run cleanup. Plain sequential HTTP/1.1 (the JDK client's default h2c upgrade is not
 * understood by every proxy in front of a hub), every call bounded by {@code timeout}.
 * Authenticated with a token when given one; or, for a client made by {@link #withCookies}, with
 * the cookies the hub sets, as a browser is.
 */
public final class HubHttp {

  private final URI hub;
  private final String token;
  private final Duration timeout;
  private final CookieManager cookies;
  private final HttpClient client;

  /**
   * @param hub the hub's base URL
   * @param token an API token, or null for calls that need none
   */
  public HubHttp(URI hub, String token, Duration timeout) {
    this(hub, token, timeout, null, HttpClient.Redirect.NORMAL);
  }

  private HubHttp(URI hub, String token, Duration timeout, CookieManager cookies, HttpClient.Redirect redirects) {
    this.hub = hub;
    this.token = token;
    this.timeout = timeout;
    this.cookies = cookies;
    HttpClient.Builder builder =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).followRedirects(redirects);
    if (cookies != null) {
      builder.cookieHandler(cookies);
    }
    this.client = builder.build();
  }

  /**
   * A client that keeps the hub's cookies, as a browser, and follows no redirect by itself, so
   * that the caller sees where the hub sends it.
   */
  public static HubHttp withCookies(URI hub, Duration timeout) {
    return new HubHttp(hub, null, timeout, new CookieManager(null, CookiePolicy.ACCEPT_ALL), HttpClient.Redirect.NEVER);
  }

  public HttpResponse<String> get(String path) throws IOException {
    return send("GET", path, null);
  }

  /**
   * @param accept the Accept header, or null
   */
  public HttpResponse<String> send(String method, String path, String accept) throws IOException {
    return send(method, path, accept == null ? Map.of() : Map.of("Accept", accept), null);
  }

  /**
   * @param headers added to the request
   * @param form fields sent as an urlencoded form, or null for no body
   */
  public HttpResponse<String> send(String method, String path, Map<String, String> headers, Map<String, String> form)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(hub + path))
            .timeout(timeout)
            .method(
                method,
                form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(urlencoded(form)));
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

  /**
   * The value of the cookie {@code name} that a request to {@code path} carries; of several, the
   * one with the most specific path (the hub and each single-user server have their own _xsrf).
   */
  public Optional<String> cookie(String name, String path) {
    if (cookies == null) {
      return Optional.empty();
    }
    HttpCookie best = null;
    for (HttpCookie cookie : cookies.getCookieStore().get(URI.create(hub + path))) {
      String cookiePath = cookie.getPath() == null ? "/" : cookie.getPath();
      if (cookie.getName().equals(name)
          && path.startsWith(cookiePath)
          && (best == null || cookiePath.length() > (best.getPath() == null ? 1 : best.getPath().length()))) {
        best = cookie;
      }
    }
    return Optional.ofNullable(best).map(HttpCookie::getValue);
  }

  private static String urlencoded(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
