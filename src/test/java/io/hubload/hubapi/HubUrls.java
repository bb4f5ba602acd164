package io.hubload.hubapi;

import static io.hubload.hubapi.SessionKeys.KERNEL_ID;
import static io.hubload.hubapi.SessionKeys.KERNEL_SESSION;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_PATH;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_SESSION;
import static io.hubload.hubapi.SessionKeys.SERVER_NAME;
import static io.hubload.hubapi.SessionKeys.USER;
import static io.hubload.hubapi.SessionKeys.USER_TOKEN_ID;
import static io.hubload.hubapi.SessionKeys.el;

import java.net.URI;

/**
 * Every URL the journey calls, in one place. Paths are relative to the hub's base URL and use
 * Gatling EL for the per-user parts; JupyterHub's REST API is documented at
 * https://jupyterhub.readthedocs.io/en/stable/reference/rest-api.html. A user's server is its
 * default server, or the named server in the session's {@link SessionKeys#SERVER_NAME}.
 */
public final class HubUrls {

  public static final String LOGIN = "/hub/login";
  /** The hub's home page: the user's servers, with start and stop buttons. */
  public static final String HUB_HOME = "/hub/home";
  /** The login form of a person who asked for the home page: after login, the hub sends them there. */
  public static final String LOGIN_TO_HOME = LOGIN + "?next=%2Fhub%2Fhome";
  /** The hub's version document; answers without authentication. */
  public static final String API_ROOT = "/hub/api";
  /** The owner of the request's token. */
  public static final String WHO_AM_I = "/hub/api/user";
  /** The hub's Prometheus metrics (needs read:metrics). */
  public static final String METRICS = "/hub/metrics";

  public static final String USERS = "/hub/api/users";
  public static final String USER_MODEL = userModel(el(USER));
  public static final String USER_TOKENS = USER_MODEL + "/tokens";
  public static final String USER_TOKEN = USER_TOKENS + "/" + el(USER_TOKEN_ID);

  private final URI base;
  private final boolean named;

  /**
   * @param base the hub's URL without trailing slash, e.g. {@code https://hub.example.org}
   * @param namedServers whether users use a named server rather than their default one
   */
  public HubUrls(URI base, boolean namedServers) {
    this.base = base;
    this.named = namedServers;
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
    return base + HUB_HOME;
  }

  /** The page a browser asks to spawn the server. */
  public String spawnPage() {
    return named ? "/hub/spawn/" + el(USER) + "/" + el(SERVER_NAME) : "/hub/spawn";
  }

  /** The server in the REST API: POST starts it, DELETE stops it. */
  public String server() {
    return server(el(USER), named ? el(SERVER_NAME) : "");
  }

  /** A user's model in the REST API: its servers, their states. */
  public static String userModel(String user) {
    return USERS + "/" + user;
  }

  /** One server of a user in the REST API: its default server ("") or a named one. */
  public static String server(String user, String serverName) {
    return serverName.isEmpty() ? userModel(user) + "/server" : userModel(user) + "/servers/" + serverName;
  }

  /** The server's spawn progress event stream. */
  public String spawnProgress() {
    return server() + "/progress";
  }

  /** The server's own page, where a browser lands after the spawn. */
  public String serverHome() {
    return onServer("tree");
  }

  /** A path under the user's server, e.g. {@code api/kernels}. */
  public String onServer(String path) {
    return serverBase() + "/" + path;
  }

  /** The notebook the user's tab has open, in the contents API (GET reads it, PUT saves it). */
  public String notebook() {
    return onServer("api/contents/" + el(NOTEBOOK_PATH));
  }

  /** The server's sessions: POST opens a notebook's kernel, as a notebook UI does. */
  public String sessions() {
    return onServer("api/sessions");
  }

  /** The notebook's session: DELETE shuts its kernel down. */
  public String session() {
    return sessions() + "/" + el(NOTEBOOK_SESSION);
  }

  public String kernels() {
    return onServer("api/kernels");
  }

  public String kernel() {
    return kernels() + "/" + el(KERNEL_ID);
  }

  public String kernelChannels() {
    return kernel() + "/channels?session_id=" + el(KERNEL_SESSION);
  }

  private String serverBase() {
    return named ? "/user/" + el(USER) + "/" + el(SERVER_NAME) : "/user/" + el(USER);
  }
}
