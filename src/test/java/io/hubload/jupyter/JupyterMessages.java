package io.hubload.jupyter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Builds Jupyter messages as the kernel websocket ({@code /api/kernels/ID/channels}) takes them:
 * one JSON text frame per message, with the channel named in the message (messaging protocol 5.x,
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html).
 */
public final class JupyterMessages {

  /** The protocol version this client speaks. */
  public static final String PROTOCOL_VERSION = "5.3";

  static final ObjectMapper JSON = new ObjectMapper();

  private JupyterMessages() {}

  /** A fresh message id; replies carry it back in {@code parent_header.msg_id}. */
  public static String newMessageId() {
    return UUID.randomUUID().toString();
  }

  /**
   * An {@code execute_request} on the shell channel that runs {@code code} as a user typing it
   * into a cell would: stored in history, output not silenced, no stdin.
   */
  public static String executeRequest(String msgId, String session, String username, String code) {
    ObjectNode message = JSON.createObjectNode();
    ObjectNode header = message.putObject("header");
    header.put("msg_id", msgId);
    header.put("msg_type", "execute_request");
    header.put("username", username);
    header.put("session", session);
    header.put("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    header.put("version", PROTOCOL_VERSION);
    message.putObject("parent_header");
    message.putObject("metadata");
    ObjectNode content = message.putObject("content");
    content.put("code", code);
    content.put("silent", false);
    content.put("store_history", true);
    content.putObject("user_expressions");
    content.put("allow_stdin", false);
    content.put("stop_on_error", true);
    message.putArray("buffers");
    message.put("channel", "shell");
    return message.toString();
  }
}
