package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Progress streams as the local hub sends them. */
class SpawnProgressTest {

  @Test
  void aWholeStreamAsTheHubSendsIt() {
    String ready =
        "data: {\"progress\": 0, \"message\": \"Server requested\"}\n\n"
            + "data: {\"progress\": 50, \"message\": \"Spawning server...\"}\n\n"
            + "\n"
            + "data: {\"progress\": 100, \"ready\": true, \"message\": \"Server ready at /user/u1/\", \"url\": \"/user/u1/\"}\n\n";
    assertEquals(SpawnProgress.READY, SpawnProgress.outcomeOfStream(ready));
    String failed =
        "data: {\"progress\": 0, \"message\": \"Server requested\"}\n\n"
            + "data: {\"progress\": 100, \"failed\": true, \"message\": \"Spawn failed: Timeout\"}\n\n";
    assertEquals("Spawn failed: Timeout", SpawnProgress.outcomeOfStream(failed));
    assertEquals(
        "the progress stream ended without a ready or failed event; its last event: \"data: {\"progress\": 50}\"",
        SpawnProgress.outcomeOfStream("data: {\"progress\": 50}\n\n"));
    assertEquals(
        "the progress stream ended without a ready or failed event; it held no event: (empty)",
        SpawnProgress.outcomeOfStream(""));
    assertEquals(
        "the progress stream ended without a ready or failed event; a malformed event: \"data: {\"progress\": 50, \"message\":\"",
        SpawnProgress.outcomeOfStream("data: {\"progress\": 10}\n\ndata: {\"progress\": 50, \"message\":\n\n"));
  }

  @Test
  void aFailedEventWithoutMessageSaysSo() {
    assertEquals(
        "spawn failed (no reason given)", SpawnProgress.outcomeOfStream("data: {\"progress\": 100, \"failed\": true}\n\n"));
  }

  @Test
  void linesThatAreNoEventAreSkipped() {
    assertEquals(
        SpawnProgress.READY,
        SpawnProgress.outcomeOfStream(": keepalive\n\ndata: not json\n\ndata: {\"ready\": true}\n\n"));
  }
}
