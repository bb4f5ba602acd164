package io.hubload.hub;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;
import static io.hubload.hub.SessionKeys.KERNEL_ID;
import static io.hubload.hub.SessionKeys.KERNEL_SESSION;
import static io.hubload.hub.SessionKeys.WEBSOCKET_OPEN;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import java.util.Map;
import java.util.UUID;

/**
 * Step "kernel start": start a kernel through the server's REST API and open its websocket, as a
 * notebook does when it opens. The notebook server completes the websocket handshake only once the
 * kernel answers, so the connect is part of the kernel's start-up time.
 */
public final class Kernel {

  public static final String STEP = "kernel start";
  /** Gatling's name for the kernel websocket, shared by every action that uses it. */
  static final String WEBSOCKET = "kernel";

  private Kernel() {}

  public static ChainBuilder step(HubContext context) {
    HubUrls urls = context.urls();
    String body = json(Map.of("name", context.settings().execute().kernel()));
    return group(STEP)
        .on(
            exec(context.api(http("kernel start").post(urls.kernels()))
                    .body(StringBody(body))
                    .asJson()
                    .check(ServerAnswers.status(201), jsonPath("$.id").saveAs(KERNEL_ID)))
                .exec(session -> session.set(KERNEL_SESSION, UUID.randomUUID().toString()))
                .exec(ws("kernel websocket", WEBSOCKET).connect(urls.kernelChannels()).headers(Browser.WEBSOCKET))
                .exec(session -> session.set(WEBSOCKET_OPEN, true)));
  }

  /** Closes the websocket, then asks the server to shut the kernel down; each only if needed. */
  static ChainBuilder shutdown(HubContext context) {
    return exec(session -> session)
        .doIf(session -> session.contains(WEBSOCKET_OPEN))
        .then(exec(ws("kernel websocket close", WEBSOCKET).close()).exec(session -> session.remove(WEBSOCKET_OPEN)))
        .doIf(session -> session.contains(KERNEL_ID))
        .then(
            exec(context.api(http("kernel shutdown").delete(context.urls().kernel())).check(ServerAnswers.status(204)))
                .exec(session -> session.remove(KERNEL_ID)));
  }

  private static String json(Map<String, String> fields) {
    try {
      return new ObjectMapper().writeValueAsString(fields);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
