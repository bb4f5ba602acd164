package io.hubload.hubapi;

import io.gatling.http.client.Request;
import io.gatling.javaapi.core.Session;
import io.netty.handler.codec.http.cookie.Cookie;

/**
 * Adds to every request what authenticates it, as a browser or an API client would:
 *
 * <ul>
 *   <li>the {@code _xsrf} cookie that applies to the request's path, copied into its {@code
 *       X-XSRFToken} header, as the Jupyter web front ends do: Tornado's double-submit check
 *       accepts a cookie-authenticated POST or DELETE (and, in JupyterHub 4.1 and later, a REST
 *       API call of any method) only when the two agree;
 *   <li>in token mode, the user's own token as {@code Authorization: token ...}, unless the
 *       request already names a token (the admin calls that create the user and its token).
 * </ul>
 *
 * The token is read from the session when the request is sent; it is never part of a URL or of
 * anything Gatling writes to its report.
 */
public final class AuthHeaders {

  private static final String XSRF_COOKIE = "_xsrf";
  private static final String XSRF_HEADER = "X-XSRFToken";
  private static final String AUTHORIZATION = "Authorization";

  private AuthHeaders() {}

  /** A Gatling signature calculator: {@code http.sign(AuthHeaders::add)}. */
  public static Request add(Request request, Session session) {
    Cookie xsrf = null;
    for (Cookie cookie : request.getCookies()) {
      if (XSRF_COOKIE.equals(cookie.name()) && (xsrf == null || pathLength(cookie) > pathLength(xsrf))) {
        xsrf = cookie;
      }
    }
    if (xsrf != null) {
      request.getHeaders().set(XSRF_HEADER, xsrf.value());
    }
    String token = session.getString(SessionKeys.USER_TOKEN);
    if (token != null && !request.getHeaders().contains(AUTHORIZATION)) {
      request.getHeaders().set(AUTHORIZATION, tokenHeader(token));
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

  /** The value of an Authorization header for a JupyterHub API token. */
  public static String tokenHeader(String token) {
    return "token " + token;
  }
}
