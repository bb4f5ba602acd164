package io.hubload.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JupyterMessagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void executeRequestIsAShellMessageOfProtocol5() throws Exception {
    JsonNode message =
        JSON.readTree(JupyterMessages.executeRequest("m-1", "s-1", "hubload-1", "print(\"a\\nb\")"));

    JsonNode header = message.get("header");
    assertEquals("m-1", header.get("msg_id").asText());
    assertEquals("execute_request", header.get("msg_type").asText());
    assertEquals("s-1", header.get("session").asText());
    assertEquals("hubload-1", header.get("username").asText());
    assertTrue(header.get("version").asText().startsWith("5."));
    assertFalse(header.get("date").asText().isEmpty());
    assertEquals("shell", message.get("channel").asText());
    assertTrue(message.get("parent_header").isObject() && message.get("parent_header").isEmpty());
    assertTrue(message.get("metadata").isObject());
    assertTrue(message.get("buffers").isArray());

    JsonNode content = message.get("content");
    assertEquals("print(\"a\\nb\")", content.get("code").asText(), "code survives JSON escaping");
    assertFalse(content.get("silent").asBoolean());
    assertTrue(content.get("store_history").asBoolean());
    assertFalse(content.get("allow_stdin").asBoolean());
    assertTrue(content.get("user_expressions").isObject());
  }

  @Test
  void messageIdsAreUnique() {
    assertNotEquals(JupyterMessages.newMessageId(), JupyterMessages.newMessageId());
  }
}
