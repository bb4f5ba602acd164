package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluginEscapesTest {

  @Test
  void undoesWhatThePluginDid() {
    // As seen in the forked JVM for: mvn gatling:test "-Dload.users=a\"b\\c'd e"
    assertEquals("a\"b\\c'd e", PluginEscapes.undo("a\\\"b\\\\c\\'d e"));
    assertEquals("{\"profile\": \"small\"}", PluginEscapes.undo("{\\\"profile\\\": \\\"small\\\"}"));
    assertEquals("caf\u00e9\tx\n", PluginEscapes.undo("caf\\u00e9\\tx\\n"));
  }

  @Test
  void leavesPlainValuesAlone() {
    assertEquals("5 * 4", PluginEscapes.undo("5 * 4"));
    assertEquals("https://hub.example.org", PluginEscapes.undo("https://hub.example.org"));
    assertEquals("ends with \\", PluginEscapes.undo("ends with \\"));
  }
}
