package io.hubload.hubapi;

/**
 * What authenticates every request, as a browser or an API client sends it:
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
 * anything Gatling writes to its report. The journey adds them to its requests with {@code
 * io.hubload.journey.RequestSigning}; the plain client ({@link HubClient}) does the same itself.
 */
public final class AuthHeaders {

  /** The cookie of the double-submit check, per path. */
  public static final String XSRF_COOKIE = "_xsrf";
  /** The header that repeats that cookie. */
  public static final String XSRF_HEADER = "X-XSRFToken";
  public static final String AUTHORIZATION = "Authorization";

  private AuthHeaders() {}

  /** The value of an Authorization header for a JupyterHub API token. */
  public static String tokenHeader(String token) {
    return "token " + token;
  }
}
