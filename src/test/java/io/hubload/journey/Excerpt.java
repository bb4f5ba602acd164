package io.hubload.journey;

/** What came back, shortened to one line for a KO message: the start of it, quoted. */
final class Excerpt {

  static final int LENGTH = 100;

  /**
   * A regex check's pattern that finds the whole body. Gatling shows no value a bodyString check
   * found ("failed"), but it shows what a regex found: a check that must quote what came back is
   * a regex over all of it.
   */
  static final String WHOLE_BODY = "(?s)\\A(.*)\\z";

  private Excerpt() {}

  static String of(String text) {
    if (text == null || text.isBlank()) {
      return "(empty)";
    }
    String line = text.strip().replaceAll("\\s+", " ");
    return "\"" + (line.length() > LENGTH ? line.substring(0, LENGTH - 3) + "..." : line) + "\"";
  }
}
