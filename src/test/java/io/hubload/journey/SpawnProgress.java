package io.hubload.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the hub's spawn progress stream ({@code /hub/api/users/NAME/server/progress}): "data:
 * {...}" lines, one event each. The stream ends with an event that has {@code "ready": true} or
 * {@code "failed": true}; earlier events only report progress.
 */
public final class SpawnProgress {

  /** The outcome of a final event that says the server is ready. */
  public static final String READY = "ready";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SpawnProgress() {}

  private static boolean isFinal(JsonNode data) {
    return data.path("ready").asBoolean(false) || data.path("failed").asBoolean(false);
  }

  private static String outcome(JsonNode data) {
    if (data.path("ready").asBoolean(false)) {
      return READY;
    }
    String message = data.path("message").asText("");
    return message.isEmpty() ? "spawn failed (no reason given)" : message;
  }

  /**
   * The outcome of a whole progress stream as the hub sent it ("data: {...}" lines): {@link
   * #READY}, the hub's reason for a failed spawn, or why the stream says neither.
   */
  public static String outcomeOfStream(String stream) {
    JsonNode last = null;
    String lastLine = null;
    String malformed = null;
    for (String line : stream.split("\n")) {
      if (line.startsWith("data:")) {
        lastLine = line;
        try {
          JsonNode event = JSON.readTree(line.substring(5).strip());
          if (event != null && isFinal(event)) {
            last = event;
          }
        } catch (JsonProcessingException e) {
          if (malformed == null) {
            malformed = line;
          }
        }
      }
    }
    if (last != null) {
      return outcome(last);
    }
    String why = "the progress stream ended without a ready or failed event";
    if (malformed != null) {
      return why + "; a malformed event: " + Excerpt.of(malformed);
    }
    if (lastLine != null) {
      return why + "; its last event: " + Excerpt.of(lastLine);
    }
    return why + "; it held no event: " + Excerpt.of(stream);
  }
}
