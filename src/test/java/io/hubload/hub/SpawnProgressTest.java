package io.hubload.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Progress events as Gatling passes them to an SSE check, data from the local hub's stream. */
class SpawnProgressTest {

  private static final String REQUESTED = "{\"data\":{\"progress\": 0, \"message\": \"Server requested\"}}";
  private static final String READY =
      "{\"data\":{\"progress\": 100, \"ready\": true, \"message\": \"Server ready at /user/u1/\", \"url\": \"/user/u1/\"}}";
  private static final String FAILED =
      "{\"data\":{\"progress\": 100, \"failed\": true, \"message\": \"Spawn failed: Server at http://127.0.0.1:41234/user/u1/ didn't respond in 30 seconds\"}}";

  @Test
  void onlyTheLastEventIsFinal() {
    assertFalse(SpawnProgress.isFinal(REQUESTED));
    assertTrue(SpawnProgress.isFinal(READY));
    assertTrue(SpawnProgress.isFinal(FAILED));
  }

  @Test
  void outcomeIsReadyOrTheHubsReason() {
    assertEquals(SpawnProgress.READY, SpawnProgress.outcome(READY));
    assertEquals(
        "Spawn failed: Server at http://127.0.0.1:41234/user/u1/ didn't respond in 30 seconds",
        SpawnProgress.outcome(FAILED));
    assertEquals("spawn failed (no reason given)", SpawnProgress.outcome("{\"data\":{\"failed\": true}}"));
  }

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
        "the progress stream ended without a ready or failed event",
        SpawnProgress.outcomeOfStream("data: {\"progress\": 50}\n\n"));
    assertEquals("the progress stream ended without a ready or failed event", SpawnProgress.outcomeOfStream(""));
  }

  @Test
  void oddEventsAreNotFinal() {
    assertFalse(SpawnProgress.isFinal("{\"data\":\"keepalive\"}"));
    assertFalse(SpawnProgress.isFinal("not json"));
    assertFalse(SpawnProgress.isFinal("{\"event\":\"x\"}"));
  }
}
