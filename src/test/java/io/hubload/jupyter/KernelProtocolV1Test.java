package io.hubload.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KernelProtocolV1Test {

  /**
   * A frame as jupyter_server 1.23's serialize_msg_to_ws_v1 builds it (read in its source): 6
   * offsets for channel + 4 parts, the first at 8 * (1 + 6) = 56.
   */
  @Test
  void encodesTheLayoutJupyterServerReads() {
    String message = JupyterMessages.executeRequest("m1", "s1", "u", "5 * 4");
    byte[] frame = KernelProtocolV1.encode(message);
    ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(6, in.getLong());
    long[] offsets = new long[6];
    for (int i = 0; i < 6; i++) {
      offsets[i] = in.getLong();
    }
    assertEquals(56, offsets[0]);
    assertEquals(frame.length, offsets[5]);
    assertEquals("shell", new String(frame, 56, (int) (offsets[1] - 56), StandardCharsets.UTF_8));
    String header = new String(frame, (int) offsets[1], (int) (offsets[2] - offsets[1]), StandardCharsets.UTF_8);
    assertTrue(header.contains("\"msg_type\":\"execute_request\""), header);
  }

  @Test
  void decodesWhatItEncodesToTheSameJsonMessage() throws Exception {
    String message = JupyterMessages.executeRequest("m1", "s1", "u", "print('é')");
    JsonNode original = JupyterMessages.JSON.readTree(message);
    JsonNode back = JupyterMessages.JSON.readTree(KernelProtocolV1.decode(KernelProtocolV1.encode(message)));
    for (String field : new String[] {"channel", "header", "parent_header", "metadata", "content"}) {
      assertEquals(original.get(field), back.get(field), field);
    }
  }

  /** A reply with one binary buffer after the content, as a kernel may send (the buffer is dropped). */
  @Test
  void decodesAServerFrameWithABuffer() {
    String hex =
        "0700000000000000" // 7 offsets: channel, 4 parts, 1 buffer
            + "4000000000000000" + "4500000000000000" + "4700000000000000" + "5600000000000000"
            + "5800000000000000" + "6900000000000000" + "6c00000000000000";
    byte[] head = HexFormat.of().parseHex(hex);
    byte[] body = "iopub{}{\"msg_id\":\"m1\"}{}{\"name\":\"stdout\"}xyz".getBytes(StandardCharsets.UTF_8);
    byte[] frame = ByteBuffer.allocate(head.length + body.length).put(head).put(body).array();
    String json = KernelProtocolV1.decode(frame);
    assertTrue(json.contains("\"channel\":\"iopub\""), json);
    assertTrue(json.contains("\"parent_header\":{\"msg_id\":\"m1\"}"), json);
    assertTrue(json.contains("\"content\":{\"name\":\"stdout\"}"), json);
  }

  @Test
  void refusesAFrameThatIsNotV1() {
    assertThrows(IllegalArgumentException.class, () -> KernelProtocolV1.decode("{\"header\":{}}".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> KernelProtocolV1.decode(new byte[4]));
    byte[] huge = new byte[64];
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE / 4);
    assertThrows(IllegalArgumentException.class, () -> KernelProtocolV1.decode(huge), "a count that would overflow");
  }

  @Test
  void jupyterServerFrom1135SpeaksItTheClassicNotebookServerDoesNot() {
    assertTrue(KernelProtocolV1.spokenBy("1.23.3"));
    assertTrue(KernelProtocolV1.spokenBy("2.14.2"));
    assertTrue(KernelProtocolV1.spokenBy("1.13.5"));
    assertFalse(KernelProtocolV1.spokenBy("1.13.4"));
    assertFalse(KernelProtocolV1.spokenBy("6.4.12"));
    assertFalse(KernelProtocolV1.spokenBy("5.7.16"));
    assertFalse(KernelProtocolV1.spokenBy(""));
  }
}
