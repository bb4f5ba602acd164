package io.hubload.hubapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** User models as JupyterHub 3.0 answered them on the local hub. */
class ServerStateTest {

  @Test
  void serversMapDecides() {
    assertEquals(
        ServerState.SPAWN_PENDING,
        ServerState.ofUserModel(
            "{\"name\": \"u1\", \"server\": null, \"pending\": \"spawn\", \"servers\": {\"\": {\"name\": \"\", \"pending\": \"spawn\", \"ready\": false}}}", ""));
    assertEquals(
        ServerState.RUNNING,
        ServerState.ofUserModel(
            "{\"name\": \"u1\", \"server\": \"/user/u1/\", \"pending\": null, \"servers\": {\"\": {\"name\": \"\", \"pending\": null, \"ready\": true}}}", ""));
    assertEquals(
        ServerState.STOP_PENDING,
        ServerState.ofUserModel(
            "{\"name\": \"u1\", \"servers\": {\"\": {\"name\": \"\", \"pending\": \"stop\", \"ready\": false}}}", ""));
    assertEquals(
        ServerState.GONE,
        ServerState.ofUserModel("{\"name\": \"u1\", \"server\": null, \"pending\": null, \"servers\": {}}", ""));
  }

  /** JupyterHub 6.1.1 after a restart, checking a server whose spawn it had not seen end. */
  @Test
  void aServerTheHubIsCheckingIsNotRunningYet() {
    assertEquals(
        ServerState.CHECK_PENDING,
        ServerState.ofUserModel(
            "{\"name\": \"u1\", \"servers\": {\"\": {\"name\": \"\", \"pending\": \"check\", \"ready\": false}}}", ""));
  }

  @Test
  void namedServersDoNotCountAsTheDefaultOne() {
    assertEquals(
        ServerState.GONE,
        ServerState.ofUserModel("{\"name\": \"u1\", \"servers\": {\"lab\": {\"name\": \"lab\", \"ready\": true}}}", ""));
  }

  @Test
  void aNamedServerIsReadFromTheServersMap() {
    String model =
        "{\"name\": \"u1\", \"server\": null, \"servers\": {\"load-1\": {\"name\": \"load-1\", \"pending\": null, \"ready\": true}}}";
    assertEquals(ServerState.RUNNING, ServerState.ofUserModel(model, "load-1"));
    assertEquals(ServerState.GONE, ServerState.ofUserModel(model, "load-2"));
    assertEquals(ServerState.GONE, ServerState.ofUserModel("{\"name\": \"u1\", \"server\": \"/user/u1/\"}", "load-1"));
  }

  @Test
  void withoutServersMapTheTopLevelFieldsDecide() {
    assertEquals(ServerState.GONE, ServerState.ofUserModel("{\"name\": \"u1\", \"server\": null, \"pending\": null}", ""));
    assertEquals(ServerState.RUNNING, ServerState.ofUserModel("{\"name\": \"u1\", \"server\": \"/user/u1/\"}", ""));
    assertEquals(ServerState.SPAWN_PENDING, ServerState.ofUserModel("{\"name\": \"u1\", \"server\": null, \"pending\": \"spawn\"}", ""));
  }

  @Test
  void allServersWithTheirStates() {
    assertEquals(
        java.util.Map.of("", ServerState.RUNNING, "lab", ServerState.SPAWN_PENDING),
        ServerState.allOf(
            ServerState.parse(
                    "{\"name\": \"u1\", \"servers\": {\"\": {\"pending\": null}, \"lab\": {\"pending\": \"spawn\"}}}")
                .orElseThrow()));
    assertEquals(java.util.Map.of(), ServerState.allOf(ServerState.parse("{\"name\": \"u1\", \"servers\": {}}").orElseThrow()));
  }

  @Test
  void anythingElseIsUnknown() {
    assertEquals(ServerState.UNKNOWN, ServerState.ofUserModel("<html>403</html>", ""));
    assertEquals(ServerState.UNKNOWN, ServerState.ofUserModel("[]", ""));
    assertEquals(ServerState.UNKNOWN, ServerState.ofUserModel("", ""));
  }
}
