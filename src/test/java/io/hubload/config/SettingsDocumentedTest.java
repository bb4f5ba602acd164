package io.hubload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/settings.md lists every key, with its environment variable and default. */
class SettingsDocumentedTest {

  private static final Pattern ROW =
      Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([A-Z0-9_]+)` \\| (.+?) \\| (.+) \\|$");

  @Test
  void readmeTableMatchesApplicationConf() throws Exception {
    Map<String, String[]> documented = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("docs", "settings.md"), StandardCharsets.UTF_8)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        documented.put(m.group(1), new String[] {m.group(2), m.group(3)});
      }
    }
    Config defaults = SettingsSource.defaults();

    assertEquals(SettingsSource.keys(defaults), documented.keySet(), "the same keys");
    for (Map.Entry<String, String[]> row : documented.entrySet()) {
      String key = row.getKey();
      assertEquals(SettingsSource.environmentVariable(key), row.getValue()[0], key);
      String shown = row.getValue()[1];
      String expected = String.valueOf(defaults.getValue(key).unwrapped());
      assertEquals(expected.isEmpty() ? "(empty)" : "`" + expected + "`", shown, key + " default");
    }
    assertTrue(documented.size() > 20);
  }
}
