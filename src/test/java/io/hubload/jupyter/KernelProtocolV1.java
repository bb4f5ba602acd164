package io.hubload.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JupyterLab's binary kernel websocket protocol, {@code v1.kernel.websocket.jupyter.org}, as
 * jupyter_server (1.13.5 and later) speaks it when a client offers it: one binary frame per
 * message, made of
 *
 * <pre>count | offset[0] ... offset[count-1] | channel | header | parent_header | metadata | content | buffers...</pre>
 *
 * where each number is an unsigned 64-bit little-endian integer, {@code offset[i]} is where part i
 * starts (part 0 is the channel's name), the last offset is where the frame's last part ends, and
 * the four message parts are JSON. The rest of the suite speaks JSON text messages; this class
 * turns one into the other, so that matching replies stays in one place ({@link ExecutionTracker}).
 */
public final class KernelProtocolV1 {

  /** The subprotocol a client offers on the websocket handshake. */
  public static final String SUBPROTOCOL = "v1.kernel.websocket.jupyter.org";

  private static final String[] PARTS = {"header", "parent_header", "metadata", "content"};

  private KernelProtocolV1() {}

  /** A JSON text message (with its {@code channel} field) as a v1 binary frame. */
  public static byte[] encode(String jsonMessage) {
    JsonNode message = parse(jsonMessage);
    List<byte[]> parts = new ArrayList<>();
    parts.add(message.path("channel").asText().getBytes(StandardCharsets.UTF_8));
    for (String part : PARTS) {
      JsonNode node = message.path(part);
      parts.add((node.isMissingNode() ? "{}" : node.toString()).getBytes(StandardCharsets.UTF_8));
    }
    int count = parts.size() + 1;
    long offset = 8L * (1 + count);
    ByteBuffer frame = ByteBuffer.allocate((int) (offset + parts.stream().mapToInt(p -> p.length).sum())).order(ByteOrder.LITTLE_ENDIAN);
    frame.putLong(count);
    for (byte[] part : parts) {
      frame.putLong(offset);
      offset += part.length;
    }
    frame.putLong(offset);
    parts.forEach(frame::put);
    return frame.array();
  }

  /**
   * A v1 binary frame as the JSON text message the JSON protocol would have carried: {@code
   * channel}, {@code header}, {@code parent_header}, {@code metadata}, {@code content}. Binary
   * buffers are dropped (no check reads them). A frame that is not v1 throws.
   */
  public static String decode(byte[] frame) {
    ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    if (frame.length < 16) {
      throw new IllegalArgumentException("not a v1 kernel message: " + frame.length + " bytes");
    }
    long count = in.getLong();
    if (count < 2 || count > frame.length / 8 - 1) {
      throw new IllegalArgumentException("not a v1 kernel message: " + count + " offsets in " + frame.length + " bytes");
    }
    long[] offsets = new long[(int) count];
    for (int i = 0; i < count; i++) {
      offsets[i] = in.getLong();
      if (offsets[i] > frame.length || (i > 0 && offsets[i] < offsets[i - 1])) {
        throw new IllegalArgumentException("not a v1 kernel message: offset " + offsets[i] + " in " + frame.length + " bytes");
      }
    }
    ObjectNode message = JupyterMessages.JSON.createObjectNode();
    message.put("channel", part(frame, offsets, 0));
    for (int i = 0; i < PARTS.length && i + 2 < count; i++) {
      message.set(PARTS[i], parse(part(frame, offsets, i + 1)));
    }
    return message.toString();
  }

  private static String part(byte[] frame, long[] offsets, int index) {
    int from = (int) offsets[index];
    int to = (int) offsets[index + 1];
    return new String(frame, from, to - from, StandardCharsets.UTF_8);
  }

  private static JsonNode parse(String json) {
    try {
      return JupyterMessages.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Whether a server of this version (its {@code GET /api} answer) speaks v1: jupyter_server from
   * 1.13.5 (and Notebook 7, which runs on it). The classic notebook server (versions 5 and 6)
   * knows only the JSON protocol.
   */
  public static boolean spokenBy(String serverVersion) {
    String[] numbers = serverVersion.split("[^0-9]+");
    int[] v = new int[3];
    for (int i = 0; i < 3 && i < numbers.length; i++) {
      v[i] = numbers[i].isEmpty() ? 0 : Integer.parseInt(numbers[i]);
    }
    if (v[0] >= 5) {
      return false;
    }
    return v[0] > 1 || (v[0] == 1 && (v[1] > 13 || (v[1] == 13 && v[2] >= 5)));
  }
}
