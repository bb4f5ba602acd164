package io.hubload.hubapi;

import io.gatling.http.client.Request;
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
