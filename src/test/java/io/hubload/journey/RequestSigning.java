package io.hubload.journey;

import io.gatling.http.client.Request;
import io.gatling.javaapi.core.Session;
import io.hubload.hubapi.AuthHeaders;
import io.hubload.hubapi.Browser;
import io.hubload.hubapi.SessionKeys;
import io.netty.handler.codec.http.cookie.Cookie;

/**
 * What the journey's HTTP protocol adds to every request it sends (Gatling's signature
 * calculator): the headers of {@link AuthHeaders} (the {@code _xsrf} cookie as {@code
 * X-XSRFToken}, the user's token in token mode) and, for a page's static files, the Fetch Metadata
 * a browser sends with them ({@link Browser}). The hub's header names and values are in {@code
 * hubapi}; this is the Gatling side of them.
 */
public final class RequestSigning {

  private RequestSigning() {}

  /** A Gatling signature calculator: {@code http.sign(RequestSigning::add)}. */
  public static Request add(Request request, Session session) {
    Cookie xsrf = null;
    for (Cookie cookie : request.getCookies()) {
      if (AuthHeaders.XSRF_COOKIE.equals(cookie.name()) && (xsrf == null || pathLength(cookie) > pathLength(xsrf))) {
        xsrf = cookie;
      }
    }
    if (xsrf != null) {
      request.getHeaders().set(AuthHeaders.XSRF_HEADER, xsrf.value());
    }
    String token = session.getString(SessionKeys.USER_TOKEN);
    if (token != null && !request.getHeaders().contains(AuthHeaders.AUTHORIZATION)) {
      request.getHeaders().set(AuthHeaders.AUTHORIZATION, AuthHeaders.tokenHeader(token));
    }
    return request;
  }

  /**
   * The hub ({@code /hub/}) and each single-user server ({@code /user/NAME/}) have an {@code _xsrf}
   * cookie of their own; where more than one applies, the most specific path is the request's own.
   */
  private static int pathLength(Cookie cookie) {
    return cookie.path() == null ? 0 : cookie.path().length();
  }

  /**
   * Gives a request that carries no Fetch Metadata the headers a browser sends with a page's
   * static file ({@code <script src>}, {@code <link href>}, {@code <img src>}): the files Gatling
   * loads for a page (its inferred resources) get no request headers of their own. Every other
   * request of the suite already names what made it.
   */
  public static Request asPageFileUnlessMarked(Request request) {
    if (request.getHeaders().contains("Sec-Fetch-Mode") || !"GET".equals(request.getMethod().name())) {
      return request;
    }
    request.getHeaders().set("Sec-Fetch-Mode", "no-cors");
    request.getHeaders().set("Sec-Fetch-Site", "same-origin");
    request.getHeaders().set("Sec-Fetch-Dest", destination(request.getUri().getPath()));
    return request;
  }

  /** What a browser says a static file is for, by its name. */
  static String destination(String path) {
    String name = path.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".js")) {
      return "script";
    }
    if (name.endsWith(".css")) {
      return "style";
    }
    if (name.matches(".*\\.(png|ico|svg|gif|jpe?g|webp)$")) {
      return "image";
    }
    if (name.matches(".*\\.(woff2?|ttf|otf|eot)$")) {
      return "font";
    }
    return "empty";
  }
}
