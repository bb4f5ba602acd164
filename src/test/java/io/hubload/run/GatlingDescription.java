package io.hubload.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Gatling's report shows a run description ("Description: —") that only its command line can set,
 * before the run, when the hub's version is not yet known. The copy in reports/ says what was
 * measured instead: the hub, its version, the profile and the auth mode.
 */
final class GatlingDescription {

  private static final String EMPTY =
      "<span class=\"simulation-information-label\">Description: </span>\n        <span>&mdash;</span>";

  private GatlingDescription() {}

  /** Fills the description of every page of the run folder; pages without one are left alone. */
  static void write(Path run, String description) throws IOException {
    String filled =
        "<span class=\"simulation-information-label\">Description: </span>\n        <span>" + escape(description) + "</span>";
    try (Stream<Path> pages = Files.list(run)) {
      for (Path page : (Iterable<Path>) pages.filter(p -> p.getFileName().toString().endsWith(".html"))::iterator) {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        if (html.contains(EMPTY)) {
          Files.writeString(page, html.replace(EMPTY, filled), StandardCharsets.UTF_8);
        }
      }
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
