package io.hubload.hubapi;

/** Names of the attributes a virtual user keeps in its Gatling session, in one place. */
public final class SessionKeys {

  private SessionKeys() {}

  /** The hub user name of this virtual user, e.g. {@code hubload-7}. */
  public static final String USER = "user";
  /** The number in the user's name (hubload-7: 7). */
  public static final String USER_NUMBER = "userNumber";
  /** The name of the user's named server; absent for the default server. */
  public static final String SERVER_NAME = "serverName";
  /** The user's own API token (token mode). Never logged, never written anywhere. */
  public static final String USER_TOKEN = "userToken";
  /** The id of that token, to revoke it at the end. */
  public static final String USER_TOKEN_ID = "userTokenId";
  /** Set when the user's server was already running and is used as it is. */
  public static final String SERVER_REUSED = "serverReused";
  /** The {@code _xsrf} field of the hub's login form, when the hub sends one (4.x and later). */
  public static final String LOGIN_XSRF = "loginXsrf";
  /**
   * Set once the user may have a server (a leftover one was seen, or a spawn asked for), until its
   * stop saw it gone: the journey must end with a stop. See {@link io.hubload.journey.ServerLedger}.
   */
  public static final String MAY_HAVE_SERVER = "mayHaveServer";
  /** What the progress stream said last: {@code ready}, or why not. */
  public static final String SPAWN_OUTCOME = "spawnOutcome";
  /** Id of the kernel this user started. */
  public static final String KERNEL_ID = "kernelId";
  /** Session id sent on the kernel websocket URL and in every message header. */
  public static final String KERNEL_SESSION = "kernelSession";
  /** The path of the notebook the user's tab opened (tab modes), e.g. {@code Untitled3.ipynb}. */
  public static final String NOTEBOOK_PATH = "notebookPath";
  /** The id of that notebook's session on the server, through which its kernel was started. */
  public static final String NOTEBOOK_SESSION = "notebookSession";
  /** The {@link io.hubload.journey.tab.PollSchedule} of the user's open tab. */
  public static final String TAB_SCHEDULE = "tabSchedule";
  /** Whether the kernel websocket speaks JupyterLab's v1 binary protocol (else JSON text). */
  public static final String KERNEL_PROTOCOL_V1 = "kernelProtocolV1";
  /** Set while the kernel websocket is open. */
  public static final String WEBSOCKET_OPEN = "websocketOpen";
  /** The {@link io.hubload.jupyter.ExecutionTracker} of the execution in flight. */
  public static final String EXECUTION = "execution";
  /** Loop counter of the executions: 0 for the first. */
  public static final String EXECUTION_INDEX = "executionIndex";
  /** The server's state as the hub last reported it, a {@link ServerState} name. */
  public static final String SERVER_STATE = "serverState";

  /** {@code #{name}}: the Gatling Expression Language reference to an attribute. */
  public static String el(String key) {
    return "#{" + key + "}";
  }
}
