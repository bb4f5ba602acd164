package io.hubload.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpawnTest {

  @Test
  void userOptionsBecomeFormFieldsAsABrowserPostsThem() throws Exception {
    ObjectNode options =
        (ObjectNode) new ObjectMapper().readTree("{\"profile\": \"small\", \"gpus\": 1, \"tags\": [\"a\"]}");
    assertEquals(
        Map.of("profile", "small", "gpus", "1", "tags", "[\"a\"]"), Spawn.formFields(options));
  }

  @Test
  void aThrottledUserWaitsTheHubsRetryAfter() {
    assertEquals(Duration.ofSeconds(45), Spawn.retryAfter("45", 300_000));
    assertEquals(Duration.ofSeconds(45), Spawn.retryAfter(" 45 ", 300_000));
    assertEquals(Duration.ofSeconds(1), Spawn.retryAfter("0", 300_000), "never a busy loop");
  }

  @Test
  void withoutAUsableRetryAfterItWaitsThirtySeconds() {
    assertEquals(Duration.ofSeconds(30), Spawn.retryAfter(null, 300_000));
    assertEquals(Duration.ofSeconds(30), Spawn.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", 300_000));
  }

  @Test
  void itNeverWaitsPastTimeoutSpawn() {
    assertEquals(Duration.ofMillis(2_500), Spawn.retryAfter("45", 2_500));
    assertEquals(Duration.ofMillis(1), Spawn.retryAfter("45", -10), "out of time: ask once more at once");
  }
}
