package io.hubload.config;

/**
 * Undoes what the Gatling Maven plugin does to {@code -D} values on their way to the Gatling JVM.
 *
 * <p>The plugin (4.21.x) writes each value Java-string-escaped onto the forked JVM's command line,
 * and nothing unescapes it: {@code -Dexecute.code=print("é")} arrives as {@code print(\"\u00e9\")}.
 * Checked with {@code mvn gatling:test "-Dload.users=a\"b\\c'd e"}, which reached the fork as
 * {@code a\"b\\c\'d e}. Values are unescaped only in a JVM the plugin started (its booter jar is
 * the JVM's command), so a run launched any other way keeps its values as given.
 */
final class PluginEscapes {

  private PluginEscapes() {}

  /** True in a JVM forked by the Gatling Maven plugin. */
  static boolean inPluginFork() {
    return System.getProperty("sun.java.command", "").contains("gatlingbooter");
  }

  /** Reverses Java string escapes: \" \' \\ \b \t \n \f \r and \\uXXXX. */
  static String undo(String value) {
    if (value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i + 1 == value.length()) {
        out.append(c);
        continue;
      }
      char next = value.charAt(++i);
      switch (next) {
        case 'b' -> out.append('\b');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'f' -> out.append('\f');
        case 'r' -> out.append('\r');
        case 'u' -> {
          if (i + 4 < value.length() && value.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(value.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append('\\').append(next);
          }
        }
        default -> out.append(next);
      }
    }
    return out.toString();
  }
}
