package io.hubload.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A user's default server as the hub's user model ({@code GET /hub/api/users/NAME}) describes it. */
public enum ServerState {
  /** No server: never started or fully stopped. */
  GONE,
  /** Starting: a stop request is refused until the spawn ends. */
  SPAWN_PENDING,
  /** Up (or at least not pending): a stop request applies. */
  RUNNING,
  /** Stopping. */
  STOP_PENDING,
  /** The answer was not a user model. */
  UNKNOWN;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The state of the default server. */
  public static ServerState ofUserModel(String json) {
    return ofUserModel(json, "");
  }

  /**
   * Reads the state of one server ("" for the default one) from a user model. Uses the {@code
   * servers} map when the hub sends it, otherwise, for the default server, the older top-level
   * {@code server} and {@code pending}.
   */
  public static ServerState ofUserModel(String json, String serverName) {
    JsonNode model;
    try {
      model = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return UNKNOWN;
    }
    if (model == null || !model.isObject()) {
      return UNKNOWN;
    }
    JsonNode servers = model.path("servers");
    if (servers.isObject()) {
      JsonNode server = servers.path(serverName);
      if (server.isMissingNode() || server.isNull()) {
        return GONE;
      }
      return fromPending(server.path("pending").asText(""));
    }
    if (!serverName.isEmpty()) {
      return GONE;
    }
    boolean hasServer = !model.path("server").isNull() && !model.path("server").isMissingNode();
    String pending = model.path("pending").asText("");
    if (!hasServer && pending.isEmpty()) {
      return GONE;
    }
    return fromPending(pending);
  }

  /** A server that exists: pending a spawn or a stop, or else up. */
  private static ServerState fromPending(String pending) {
    switch (pending) {
      case "spawn":
        return SPAWN_PENDING;
      case "stop":
        return STOP_PENDING;
      default:
        return RUNNING;
    }
  }
}
