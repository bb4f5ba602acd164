package io.hubload.tab;

import java.util.Set;

/**
 * The class of a request to a user's server, named as the suite's report entry for it, so that
 * a browser's recording and a run of the suite count the same things: "page asset", "poll
 * kernels", "autosave"... The OAuth round trip (redirects) and the hub's own pages are the
 * user's steps, not the tab's, and have no class.
 */
public final class RequestClass {

  private RequestClass() {}

  /**
   * @param method the HTTP method
   * @param path the path under the user's server, with its query (e.g. "api/contents?type=directory")
   * @param websocket whether the request opened a websocket
   * @param status the answer's status
   * @return the class, or null for a redirect
   */
  public static String of(String method, String path, boolean websocket, int status) {
    if (status >= 300 && status < 400 && status != 304) {
      return null;
    }
    if (websocket) {
      return "kernel websocket";
    }
    int q = path.indexOf('?');
    String route = q < 0 ? path : path.substring(0, q);
    String query = q < 0 ? "" : path.substring(q + 1);
    if (method.equals("GET")) {
      if (route.equals("tree") || route.equals("tree/") || route.equals("lab")) {
        return "server home";
      }
      if (route.startsWith("notebooks/")) {
        return "notebook page";
      }
      if (!route.startsWith("api/") && !route.startsWith("lab/api/")) {
        return "page asset";
      }
      if (route.startsWith("api/config/")) {
        return "page config";
      }
      switch (route) {
        case "api/sessions":
          return "sessions";
        case "api/terminals":
          return "terminals";
        case "api/kernelspecs":
          return "kernelspecs";
        case "api/kernels":
          return "kernels";
        case "api/contents":
        case "api/contents/":
          return "folder contents";
        default:
          break;
      }
      if (route.startsWith("api/contents/")) {
        if (route.endsWith("/checkpoints")) {
          return "checkpoints";
        }
        if (query.contains("content=0")) {
          return TabTraffic.AUTOSAVE_CHECK;
        }
        return "notebook read";
      }
    }
    if (method.equals("POST") && route.equals("api/contents")) {
      return "notebook new";
    }
    if (method.equals("POST") && route.equals("api/sessions")) {
      return "kernel start";
    }
    if (method.equals("PUT") && route.startsWith("api/contents/")) {
      return TabTraffic.AUTOSAVE;
    }
    return "other: " + method + " " + route;
  }

  /**
   * The class of one of the suite's report entries ("open notebook / page asset" is "page
   * asset"; a poll is its endpoint's class: "poll sessions" is "sessions"); null for the hub's
   * steps, the OAuth redirects and the stop (the kernel's shutdown, the notebook's deletion: after
   * what a recording covers).
   */
  public static String ofEntry(String entry) {
    String name = entry.contains(" / ") ? entry.substring(entry.lastIndexOf(" / ") + 3) : entry;
    if (name.contains(" Redirect ")) {
      return null;
    }
    if (name.startsWith("poll ")) {
      String endpoint = name.substring("poll ".length());
      return endpoint.equals("contents") ? "folder contents" : endpoint;
    }
    return SERVER_ENTRIES.contains(name) ? name : null;
  }

  private static final Set<String> SERVER_ENTRIES =
      Set.of(
          "server home", "page asset", "page config", "sessions", "terminals", "kernelspecs", "kernels",
          "folder contents", "notebook new", "notebook page", "notebook read", "checkpoints",
          TabTraffic.AUTOSAVE_CHECK, TabTraffic.AUTOSAVE, "kernel start", "kernel websocket");
}
