package io.hubload.journey.tab;

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
    int q = path.indexOf('?');
    String route = q < 0 ? path : path.substring(0, q);
    String query = q < 0 ? "" : path.substring(q + 1);
    if (websocket) {
      return route.equals("api/events/subscribe") ? EVENTS_WEBSOCKET : "kernel websocket";
    }
    if (method.equals("GET")) {
      if (route.equals("tree") || route.equals("tree/") || route.equals("lab")) {
        return "server home";
      }
      if (route.startsWith("notebooks/")) {
        return "notebook page";
      }
      if (PAGE_CONFIG.stream().anyMatch(route::startsWith)) {
        return "page config";
      }
      if (route.startsWith("lab/api/themes/") || !route.startsWith("api/") && !route.startsWith("lab/api/")) {
        return "page asset"; // a theme's stylesheet is a static file served by JupyterLab's API
      }
      switch (route) {
        case "api/me":
          return "me";
        case "lab/api/workspaces":
          return "workspaces";
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
          return NOTEBOOK_CHECK;
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
    if (method.equals("PATCH") && route.startsWith("api/sessions/")) {
      return TabTraffic.SESSION_UPDATE;
    }
    if (method.equals("PUT") && route.startsWith("lab/api/workspaces/")) {
      return TabTraffic.WORKSPACE_SAVE;
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
    if (name.equals(TabTraffic.AUTOSAVE_CHECK)) {
      return NOTEBOOK_CHECK;
    }
    if (name.startsWith("poll ")) {
      String endpoint = name.substring("poll ".length());
      return endpoint.equals("contents") ? "folder contents" : endpoint;
    }
    return SERVER_ENTRIES.contains(name) ? name : null;
  }

  /**
   * The class of a notebook's model read without its content ({@code ?content=0}): the classic
   * UI's look before it saves (entry "autosave check"), JupyterLab's before and after it opens or
   * saves a notebook.
   */
  public static final String NOTEBOOK_CHECK = "notebook check";
  /** JupyterLab's event bus, jupyter_server 2's {@code api/events/subscribe}. */
  public static final String EVENTS_WEBSOCKET = "events websocket";

  /**
   * What a page's scripts read to set themselves up: the classic UI's {@code api/config/}, and
   * JupyterLab's settings, translations, build state, LSP status, nbconvert formats, and the
   * workspace it restores ({@code lab/api/workspaces/NAME}; the list is the workspaces poll).
   */
  private static final Set<String> PAGE_CONFIG =
      Set.of(
          "api/config/", "lab/api/settings", "lab/api/translations", "lab/api/build", "lab/api/workspaces/", "lsp/status",
          "api/nbconvert");

  private static final Set<String> SERVER_ENTRIES =
      Set.of(
          "server home", "page asset", "page config", "sessions", "terminals", "kernelspecs", "kernels",
          "folder contents", "notebook new", "notebook page", "notebook read", "checkpoints", NOTEBOOK_CHECK,
          TabTraffic.AUTOSAVE, TabTraffic.WORKSPACE_SAVE, "kernel start", "kernel websocket", EVENTS_WEBSOCKET,
          TabTraffic.SESSION_UPDATE, "me", "workspaces");
}
