package io.hubload.journey;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;
import static io.hubload.hubapi.SessionKeys.KERNEL_ID;
import static io.hubload.hubapi.SessionKeys.KERNEL_PROTOCOL_V1;
import static io.hubload.hubapi.SessionKeys.KERNEL_SESSION;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_PATH;
import static io.hubload.hubapi.SessionKeys.NOTEBOOK_SESSION;
import static io.hubload.hubapi.SessionKeys.WEBSOCKET_OPEN;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.hubload.config.SessionSettings.Tab;
import io.hubload.jupyter.KernelProtocolV1;
import io.hubload.journey.tab.TabNotes;
import io.hubload.journey.tab.TabTraffic;
import java.util.Map;
import java.util.UUID;
import io.hubload.hubapi.Browser;

/**
 * Step "kernel start": start a kernel and open its websocket.
 *
 * <ul>
 *   <li>Without a tab (session.tab = api): through the REST API, POST /api/kernels.
 *   <li>With a tab: as a notebook UI does for the notebook it opened, POST /api/sessions, which
 *       starts the notebook's kernel; JupyterLab offers its v1 binary protocol on the websocket
 *       when the server speaks it (see {@link KernelProtocolV1#spokenBy}).
 * </ul>
 *
 * The websocket URL carries the client's session id, as both UIs send it. The notebook server
 * completes the websocket handshake only once the kernel answers, so the connect is part of the
 * kernel's start-up time.
 */
public final class Kernel {

  public static final String STEP = "kernel start";
  /** Gatling's name for the kernel websocket, shared by every action that uses it. */
  static final String WEBSOCKET = "kernel";

  private static final String SERVER_VERSION = "hubload.serverVersion";
  private static final String SERVER_STATUS = "hubload.serverVersionStatus";

  private Kernel() {}

  public static ChainBuilder step(HubContext context) {
    Tab tab = context.settings().session().tab();
    ChainBuilder start = tab == Tab.API ? byKernelsApi(context) : bySessionsApi(context);
    return group(STEP)
        .on(
            start
                .exec(session -> session.set(KERNEL_SESSION, UUID.randomUUID().toString()))
                .exec(TabTraffic.offersKernelProtocolV1(tab) ? connectV1IfSpoken(context) : connect(context, false))
                .exec(session -> session.set(WEBSOCKET_OPEN, true)));
  }

  /** JupyterLab's way: the v1 protocol offered to a server that speaks it, JSON text otherwise. */
  private static ChainBuilder connectV1IfSpoken(HubContext context) {
    return exec(serverVersion(context))
        .doIfOrElse(session -> session.contains(KERNEL_PROTOCOL_V1))
        .then(connect(context, true))
        .orElse(connect(context, false));
  }

  private static ChainBuilder connect(HubContext context, boolean v1) {
    var connect = ws("kernel websocket", WEBSOCKET).connect(context.urls().kernelChannels()).headers(Browser.WEBSOCKET);
    return exec(v1 ? connect.subprotocol(KernelProtocolV1.SUBPROTOCOL) : connect);
  }

  private static ChainBuilder byKernelsApi(HubContext context) {
    String body = json(Map.of("name", context.settings().execute().kernel()));
    return exec(context.api(http("kernel start").post(context.urls().kernels()))
        .body(StringBody(body))
        .asJson()
        .check(ServerAnswers.status(201), jsonPath("$.id").saveAs(KERNEL_ID)));
  }

  private static ChainBuilder bySessionsApi(HubContext context) {
    String kernel = context.settings().execute().kernel();
    return exec(context.api(http("kernel start").post(context.urls().sessions()))
        .body(StringBody(session -> sessionRequest(session.getString(NOTEBOOK_PATH), kernel)))
        .asJson()
        .check(ServerAnswers.status(201), jsonPath("$.id").saveAs(NOTEBOOK_SESSION), jsonPath("$.kernel.id").saveAs(KERNEL_ID)));
  }

  /** The body of POST /api/sessions for a notebook, as both UIs send it. */
  static String sessionRequest(String notebookPath, String kernel) {
    return json(
        Map.of(
            "path", notebookPath,
            "name", notebookPath,
            "type", "notebook",
            "kernel", Map.of("name", kernel)));
  }

  /**
   * The server's version (GET /api, which needs no login), to know whether it speaks v1. A browser
   * learns it from the handshake; Gatling's websocket client fails a handshake whose server picks
   * no subprotocol, so the suite must know before it offers one. Silent: the suite's question.
   */
  private static ChainBuilder serverVersion(HubContext context) {
    return exec(session -> session.remove(SERVER_VERSION).remove(SERVER_STATUS))
        .exec(
            http("server version")
                .get(context.urls().onServer("api"))
                .headers(Browser.FETCH)
                .requestTimeout(context.timeouts().request())
                .silent()
                // Any status: the status check replaces Gatling's implicit 2xx one.
                .check(status().saveAs(SERVER_STATUS), jsonPath("$.version").optional().saveAs(SERVER_VERSION)))
        // Not exitable: a question that got no answer (a timeout) must not end the user's visit;
        // JSON text is then spoken, as to a server that does not say its version.
        .exec(new StatsHook("kernel protocol chosen", (session, stats, clock) -> chooseProtocol(session).markAsSucceeded()));
  }

  private static Session chooseProtocol(Session session) {
    String version = session.contains(SERVER_VERSION) ? session.getString(SERVER_VERSION) : "unknown";
    if (KernelProtocolV1.spokenBy(version)) {
      TabNotes.kernelProtocol(KernelProtocolV1.SUBPROTOCOL, "the server is jupyter_server " + version, System.out);
      return session.set(KERNEL_PROTOCOL_V1, true);
    }
    TabNotes.kernelProtocol("JSON text", "the server, version " + version + ", does not speak " + KernelProtocolV1.SUBPROTOCOL, System.out);
    return session.remove(KERNEL_PROTOCOL_V1);
  }

  /**
   * Closes the websocket, then shuts the kernel down as the UI does: a tab deletes the notebook's
   * session, the REST API user the kernel; each only if needed.
   */
  static ChainBuilder shutdown(HubContext context) {
    return exec(session -> session)
        .doIf(session -> session.contains(WEBSOCKET_OPEN))
        .then(exec(ws("kernel websocket close", WEBSOCKET).close()).exec(session -> session.remove(WEBSOCKET_OPEN)))
        .doIfOrElse(session -> session.contains(NOTEBOOK_SESSION))
        .then(
            exec(context.api(http("kernel shutdown").delete(context.urls().session())).check(ServerAnswers.status(204)))
                .exec(session -> session.remove(NOTEBOOK_SESSION).remove(KERNEL_ID)))
        .orElse(
            exec(session -> session)
                .doIf(session -> session.contains(KERNEL_ID))
                .then(
                    exec(context.api(http("kernel shutdown").delete(context.urls().kernel())).check(ServerAnswers.status(204)))
                        .exec(session -> session.remove(KERNEL_ID))));
  }

  private static String json(Map<String, ?> fields) {
    try {
      return new ObjectMapper().writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
