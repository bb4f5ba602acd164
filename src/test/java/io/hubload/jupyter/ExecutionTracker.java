package io.hubload.jupyter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Follows the replies to one {@code execute_request} as frames arrive on the kernel websocket.
 *
 * <p>The protocol does not order iopub (status, outputs) against shell ({@code execute_reply})
 * messages, so this collects whatever belongs to the request, matched by {@code
 * parent_header.msg_id}, and calls the execution complete once both the {@code execute_reply} and
 * the iopub {@code status: idle} have arrived, in either order. Frames of other requests are
 * ignored, but for the server's status "restarting" or "dead", which ends the execution: the
 * kernel died under it. Not thread-safe: one virtual user feeds it from its own event loop.
 */
public final class ExecutionTracker {

  private final String msgId;
  private final StringBuilder output = new StringBuilder();
  private String replyStatus;
  private String error;
  private boolean idle;
  /** "restarting" or "dead" when the server said the kernel died before the execution completed. */
  private String kernelLost;

  public ExecutionTracker(String msgId) {
    this.msgId = msgId;
  }

  public String msgId() {
    return msgId;
  }

  /**
   * Takes one websocket text frame.
   *
   * @return true once the execution is complete (this frame or an earlier one completed it)
   */
  public boolean offer(String frame) {
    JsonNode message;
    try {
      message = JupyterMessages.JSON.readTree(frame);
    } catch (JsonProcessingException e) {
      return isComplete();
    }
    if (message == null) {
      return isComplete();
    }
    String type = message.path("header").path("msg_type").asText(message.path("msg_type").asText());
    if (type.equals("status") && !isComplete()) {
      // The server's own word on the kernel, with no parent: it died, and was restarted or not.
      String state = message.path("content").path("execution_state").asText();
      if (state.equals("restarting") || state.equals("dead")) {
        kernelLost = state;
        return true;
      }
    }
    if (!msgId.equals(message.path("parent_header").path("msg_id").asText())) {
      return isComplete();
    }
    JsonNode content = message.path("content");
    switch (type) {
      case "stream":
        output.append(content.path("text").asText());
        break;
      case "execute_result":
      case "display_data":
        JsonNode text = content.path("data").path("text/plain");
        if (!text.isMissingNode()) {
          output.append(text.asText());
        }
        break;
      case "error":
        error = content.path("ename").asText() + ": " + content.path("evalue").asText();
        break;
      case "status":
        if ("idle".equals(content.path("execution_state").asText())) {
          idle = true;
        }
        break;
      case "execute_reply":
        replyStatus = content.path("status").asText("(none)");
        if (!"ok".equals(replyStatus) && error == null && content.has("ename")) {
          error = content.path("ename").asText() + ": " + content.path("evalue").asText();
        }
        break;
      default:
        break;
    }
    return isComplete();
  }

  /** Both the execute_reply and the kernel's return to idle have arrived. */
  public boolean isComplete() {
    return replyStatus != null && idle;
  }

  /** All text output so far: streams, results and displayed data, in arrival order. */
  public String output() {
    return output.toString();
  }

  /**
   * The verdict on a complete execution: {@link #OK} when the reply says ok and the output equals
   * {@code expected} (both trimmed), otherwise a one-line reason for the report.
   */
  public String verdict(String expected) {
    if (kernelLost != null) {
      return "kernel died during the execution"
          + (kernelLost.equals("restarting") ? " (the server is restarting it)" : " (the server could not restart it)");
    }
    if (!isComplete()) {
      return "incomplete: " + (replyStatus == null ? "no execute_reply" : "kernel never idle");
    }
    if (!"ok".equals(replyStatus)) {
      return "execute_reply status " + replyStatus + (error == null ? "" : " (" + error + ")");
    }
    String got = output().strip();
    if (!got.equals(expected.strip())) {
      return "output " + quote(got) + ", expected " + quote(expected.strip());
    }
    return OK;
  }

  /** What {@link #verdict(String)} says when all is well. */
  public static final String OK = "ok";

  private static String quote(String s) {
    String oneLine = s.replace("\n", "\\n");
    if (oneLine.length() > 80) {
      oneLine = oneLine.substring(0, 77) + "...";
    }
    return "\"" + oneLine + "\"";
  }
}
