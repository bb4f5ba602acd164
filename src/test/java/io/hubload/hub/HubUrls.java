package io.hubload.hub;

import static io.hubload.hub.SessionKeys.KERNEL_ID;
import static io.hubload.hub.SessionKeys.KERNEL_SESSION;
import static io.hubload.hub.SessionKeys.USER;
import static io.hubload.hub.SessionKeys.el;

import java.net.URI;

/**
 * Every URL the journey calls, in one place. Paths are relative to the hub's base URL and use
 * Gatling EL for the per-user parts; JupyterHub's REST API is documented at
 * https://jupyterhub.readthedocs.io/en/stable/reference/rest-api.html.
 */
public final class HubUrls {

  public static final String LOGIN = "/hub/login";
  public static final String SPAWN = "/hub/spawn";
  /** The hub's version document; answers without authentication. */
  public static final String API_ROOT = "/hub/api";

  public static final String USER_MODEL = "/hub/api/users/" + el(USER);
  public static final String SERVER = USER_MODEL + "/server";
  public static final String SPAWN_PROGRESS = SERVER + "/progress";

  /** The user's own server: the page a browser lands on after spawning. */
  public static final String SERVER_HOME = "/user/" + el(USER) + "/tree";
  public static final String KERNELS = "/user/" + el(USER) + "/api/kernels";
  public static final String KERNEL = KERNELS + "/" + el(KERNEL_ID);
  public static final String KERNEL_CHANNELS = KERNEL + "/channels?session_id=" + el(KERNEL_SESSION);

  private final URI base;

  /** {@code base}: the hub's URL without trailing slash, e.g. {@code https://hub.example.org}. */
  public HubUrls(URI base) {
    this.base = base;
  }

  public String base() {
    return base.toString();
  }

  /** The same base for websockets: ws:// for http://, wss:// for https://. */
  public String websocketBase() {
    return base.toString().replaceFirst("^http", "ws");
  }

  /**
   * A hub page to name as Referer. JupyterHub refuses a cookie-authenticated API request whose
   * Referer is missing or outside the hub (its cross-site check), as a browser never sends one.
   */
  public String hubPage() {
    return base + "/hub/home";
  }
}
