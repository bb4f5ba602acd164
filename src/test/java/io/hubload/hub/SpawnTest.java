package io.hubload.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
}
