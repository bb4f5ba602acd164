package io.hubload.hub;

import io.gatling.http.client.Request;
import io.gatling.javaapi.core.Session;
import io.netty.handler.codec.http.cookie.Cookie;

/**
 * Adds to every request what authenticates it, as a browser or an API client would:
 *
 * <ul>
 *   <li>the {@code _xsrf} cookie the request carries, copied into its {@code X-XSRFToken} header,
 *       as the Jupyter web front ends do: Tornado's double-submit check accepts a cookie-
 *       authenticated POST or DELETE only when the two agree (notebook servers always check it,
 *       JupyterHub from 4.1 on);
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
    for (Cookie cookie : request.getCookies()) {
      if (XSRF_COOKIE.equals(cookie.name())) {
        request.getHeaders().set(XSRF_HEADER, cookie.value());
        break;
      }
    }
    String token = session.getString(SessionKeys.USER_TOKEN);
    if (token != null && !request.getHeaders().contains(AUTHORIZATION)) {
      request.getHeaders().set(AUTHORIZATION, tokenHeader(token));
    }
    return request;
  }

  /** The value of an Authorization header for a JupyterHub API token. */
  public static String tokenHeader(String token) {
    return "token " + token;
  }
}
