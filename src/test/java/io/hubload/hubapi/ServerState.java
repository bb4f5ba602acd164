package io.hubload.hubapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A user's server as the hub's user model ({@code GET /hub/api/users/NAME}) describes it. */
public enum ServerState {
  /** No server: never started or fully stopped. */
  GONE,
  /** Starting: a stop request is refused until the spawn ends. */
  SPAWN_PENDING,
  /**
   * Being checked: a hub that restarted polls the servers whose spawn it did not see end. Until
   * the check ends, JupyterHub 6 answers a stop request with 500 ("pending check").
   */
  CHECK_PENDING,
  /** Up (or at least not pending): a stop request applies. */
  RUNNING,
  /** Stopping. */
  STOP_PENDING,
  /** The answer was not a user model. */
  UNKNOWN;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** In words, for messages: "running", "spawn pending"... */
  public String words() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** The state of one server ("" for the default one), from a user model as JSON text. */
  public static ServerState ofUserModel(String json, String serverName) {
    return parse(json).map(model -> allOf(model).getOrDefault(serverName, GONE)).orElse(UNKNOWN);
  }

  /**
   * Every server of a user ("" is the default one) that exists, by state. Uses the {@code servers}
   * map when the hub sends it, otherwise the older top-level {@code server} and {@code pending} of
   * the default server.
   */
  public static Map<String, ServerState> allOf(JsonNode model) {
    Map<String, ServerState> states = new LinkedHashMap<>();
    JsonNode servers = model.path("servers");
    if (servers.isObject()) {
      servers.fields().forEachRemaining(e -> states.put(e.getKey(), fromPending(e.getValue().path("pending").asText(""))));
      return states;
    }
    boolean hasServer = !model.path("server").isNull() && !model.path("server").isMissingNode();
    String pending = model.path("pending").asText("");
    if (hasServer || !pending.isEmpty()) {
      states.put("", fromPending(pending));
    }
    return states;
  }

  /** A user model, or empty when the text is not one. */
  public static Optional<JsonNode> parse(String json) {
    try {
      JsonNode model = JSON.readTree(json);
      return model != null && model.isObject() ? Optional.of(model) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** A server that exists: pending a spawn, a check or a stop, or else up. */
  private static ServerState fromPending(String pending) {
    switch (pending) {
      case "spawn":
        return SPAWN_PENDING;
      case "stop":
        return STOP_PENDING;
      case "check":
        return CHECK_PENDING;
      default:
        return RUNNING;
    }
  }
}
