package io.hubload.hub;

import io.gatling.http.client.Request;
import io.gatling.javaapi.core.Session;
import io.netty.handler.codec.http.cookie.Cookie;

/**
 * Sends the {@code _xsrf} cookie a request carries back as its {@code X-XSRFToken} header, as the
 * Jupyter web front ends do: Tornado's double-submit check accepts a POST or DELETE only when the two
 * agree. Notebook servers always check it; JupyterHub does from 4.1 on. Requests without the cookie
 * are left as they are.
 */
public final class XsrfHeader {

  private static final String COOKIE = "_xsrf";
  private static final String HEADER = "X-XSRFToken";

  private XsrfHeader() {}

  /** A Gatling signature calculator: {@code http.sign(XsrfHeader::copyCookie)}. */
  public static Request copyCookie(Request request, Session session) {
    for (Cookie cookie : request.getCookies()) {
      if (COOKIE.equals(cookie.name())) {
        request.getHeaders().set(HEADER, cookie.value());
        break;
      }
    }
    return request;
  }
}
