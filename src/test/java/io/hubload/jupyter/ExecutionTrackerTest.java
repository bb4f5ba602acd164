package io.hubload.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The replies to one execute_request, in the orders a kernel may send them. Frames are shaped as
 * the notebook server relays them on the websocket, as captured from the local hub.
 */
class ExecutionTrackerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "req-1";

  @Test
  void inOrderRepliesComplete() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer(status(ID, "busy")));
    assertFalse(t.offer(message(ID, "execute_input", "iopub")));
    assertFalse(t.offer(result(ID, "20")));
    assertFalse(t.offer(status(ID, "idle")));
    assertTrue(t.offer(reply(ID, "ok")));
    assertEquals(ExecutionTracker.OK, t.verdict("20"));
  }

  @Test
  void replyBeforeOutputAndIdleStillWaitsForThem() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer(reply(ID, "ok")), "a reply alone is not the end: output may follow");
    assertFalse(t.offer(status(ID, "busy")));
    assertFalse(t.offer(stream(ID, "42\n")));
    assertTrue(t.offer(status(ID, "idle")));
    assertEquals(ExecutionTracker.OK, t.verdict("42"), "output compared without trailing newline");
  }

  @Test
  void idleBeforeReplyWaitsForTheReply() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer(stream(ID, "20")));
    assertFalse(t.offer(status(ID, "idle")));
    assertFalse(t.isComplete());
    assertTrue(t.offer(reply(ID, "ok")));
  }

  @Test
  void theServerSayingTheKernelDiedEndsTheExecution() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer(status(ID, "busy")));
    assertTrue(t.offer(serverStatus("restarting")), "the server's status has no parent: it is about the kernel");
    assertEquals("kernel died during the execution (the server is restarting it)", t.verdict("20"));

    ExecutionTracker gone = new ExecutionTracker(ID);
    assertTrue(gone.offer(serverStatus("dead")));
    assertEquals("kernel died during the execution (the server could not restart it)", gone.verdict("20"));
  }

  @Test
  void anotherStatusWithoutParentIsIgnored() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer(serverStatus("starting")));
    assertFalse(t.offer(serverStatus("idle")));
    t.offer(result(ID, "20"));
    t.offer(status(ID, "idle"));
    assertTrue(t.offer(reply(ID, "ok")));
    assertEquals(ExecutionTracker.OK, t.verdict("20"));
  }

  @Test
  void messagesOfAnotherRequestAreIgnored() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer(stream("other", "99")));
    assertFalse(t.offer(status("other", "idle")));
    assertFalse(t.offer(reply("other", "ok")), "another request's reply completes nothing");
    assertEquals("", t.output());
    t.offer(result(ID, "20"));
    t.offer(status(ID, "idle"));
    assertTrue(t.offer(reply(ID, "ok")));
    assertEquals(ExecutionTracker.OK, t.verdict("20"));
  }

  @Test
  void errorReplyFailsWithTheKernelsError() {
    ExecutionTracker t = new ExecutionTracker(ID);
    t.offer(error(ID, "NameError", "name 'x' is not defined"));
    t.offer(status(ID, "idle"));
    assertTrue(t.offer(errorReply(ID, "NameError", "name 'x' is not defined")));
    assertEquals("execute_reply status error (NameError: name 'x' is not defined)", t.verdict("20"));
  }

  @Test
  void wrongOutputFailsWithBothValues() {
    ExecutionTracker t = new ExecutionTracker(ID);
    t.offer(result(ID, "20"));
    t.offer(status(ID, "idle"));
    t.offer(reply(ID, "ok"));
    assertEquals("output \"20\", expected \"21\"", t.verdict("21"));
  }

  @Test
  void incompleteExecutionIsNotOk() {
    ExecutionTracker t = new ExecutionTracker(ID);
    t.offer(result(ID, "20"));
    assertEquals("incomplete: no execute_reply", t.verdict("20"));
    t.offer(reply(ID, "ok"));
    assertEquals("incomplete: kernel never idle", t.verdict("20"));
  }

  @Test
  void outputsAreJoinedInArrivalOrder() {
    ExecutionTracker t = new ExecutionTracker(ID);
    t.offer(stream(ID, "a\n"));
    t.offer(display(ID, "b"));
    t.offer(stream(ID, "c\n"));
    assertEquals("a\nbc\n", t.output());
  }

  @Test
  void framesThatAreNotJsonAreIgnored() {
    ExecutionTracker t = new ExecutionTracker(ID);
    assertFalse(t.offer("not json"));
    assertFalse(t.offer(""));
    assertFalse(t.offer("[1,2]"));
    assertEquals("", t.output());
  }

  // Frames as the notebook server sends them: msg_type in the header and at the top level.

  private static String status(String parent, String state) {
    ObjectNode m = base(parent, "status", "iopub");
    m.putObject("content").put("execution_state", state);
    return m.toString();
  }

  private static String message(String parent, String type, String channel) {
    ObjectNode m = base(parent, type, channel);
    m.putObject("content");
    return m.toString();
  }

  private static String stream(String parent, String text) {
    ObjectNode m = base(parent, "stream", "iopub");
    m.putObject("content").put("name", "stdout").put("text", text);
    return m.toString();
  }

  private static String result(String parent, String text) {
    ObjectNode m = base(parent, "execute_result", "iopub");
    ObjectNode content = m.putObject("content");
    content.put("execution_count", 1);
    content.putObject("data").put("text/plain", text);
    return m.toString();
  }

  private static String display(String parent, String text) {
    ObjectNode m = base(parent, "display_data", "iopub");
    m.putObject("content").putObject("data").put("text/plain", text);
    return m.toString();
  }

  private static String error(String parent, String name, String value) {
    ObjectNode m = base(parent, "error", "iopub");
    m.putObject("content").put("ename", name).put("evalue", value).putArray("traceback");
    return m.toString();
  }

  private static String reply(String parent, String status) {
    ObjectNode m = base(parent, "execute_reply", "shell");
    m.putObject("content").put("status", status).put("execution_count", 1);
    return m.toString();
  }

  private static String errorReply(String parent, String name, String value) {
    ObjectNode m = base(parent, "execute_reply", "shell");
    m.putObject("content").put("status", "error").put("ename", name).put("evalue", value);
    return m.toString();
  }

  /** What the notebook server sends on its own when the kernel dies: a status with no parent. */
  private static String serverStatus(String state) {
    ObjectNode m = JSON.createObjectNode();
    m.putObject("header").put("msg_id", "server-status").put("msg_type", "status");
    m.putObject("parent_header");
    m.putObject("content").put("execution_state", state);
    m.put("msg_type", "status");
    m.put("channel", "iopub");
    return m.toString();
  }

  private static ObjectNode base(String parent, String type, String channel) {
    ObjectNode m = JSON.createObjectNode();
    m.putObject("header").put("msg_id", "k-" + type).put("msg_type", type);
    m.putObject("parent_header").put("msg_id", parent).put("msg_type", "execute_request");
    m.put("msg_type", type);
    m.put("channel", channel);
    return m;
  }
}
