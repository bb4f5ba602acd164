package io.hubload.hubapi;

import java.util.Map;

/**
 * The Fetch Metadata headers a browser adds to every request, by what made the request. A hub
 * decides from them whether a cookie-authenticated request needs its XSRF check (JupyterHub 4.1
 * and later, and the single-user servers it starts): a page navigation (GET) or a websocket does
 * not, a script's {@code fetch} does and must carry an {@code X-XSRFToken} (see {@link
 * AuthHeaders}). A request with none of these headers is one no browser sends: the hub logs
 * "Skipping XSRF check for insecure request" for each one, and refuses more of them with every
 * release.
 */
public final class Browser {

  private Browser() {}

  /** The person opens a page: typed, clicked, or a form submitted (redirects keep the headers). */
  public static final Map<String, String> NAVIGATION =
      Map.of(
          "Sec-Fetch-Mode", "navigate",
          "Sec-Fetch-Dest", "document",
          "Sec-Fetch-Site", "same-origin",
          "Sec-Fetch-User", "?1");

  /** A page's script calls a REST API ({@code fetch}, XMLHttpRequest or EventSource). */
  public static final Map<String, String> FETCH =
      Map.of(
          "Sec-Fetch-Mode", "cors",
          "Sec-Fetch-Dest", "empty",
          "Sec-Fetch-Site", "same-origin");

  /** A page's script opens a websocket (a notebook's kernel channels). */
  public static final Map<String, String> WEBSOCKET =
      Map.of(
          "Sec-Fetch-Mode", "websocket",
          "Sec-Fetch-Dest", "websocket",
          "Sec-Fetch-Site", "same-origin");
}
