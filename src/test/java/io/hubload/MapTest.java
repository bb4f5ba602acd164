package io.hubload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's map ("## Map", its code block) lists every package under src/test/java/io/hubload/,
 * one line each, and no package that is not there: a package added, moved or removed fails here
 * until the map says so.
 */
class MapTest {

  private static final Path ROOT = Path.of("src/test/java/io/hubload");

  /** A package's line in the map: two spaces, its folder (e.g. {@code report/log/}), then what it holds. */
  private static final Pattern PACKAGE_LINE = Pattern.compile("^  ([a-z][a-z0-9]*(?:/[a-z][a-z0-9]*)*)/\\s+\\S.*$");

  @Test
  void theMapListsExactlyThePackagesInTheTree() throws IOException {
    assertEquals(tree(), map(), "the README's map (## Map) against the packages under " + ROOT);
  }

  /** Every folder under io/hubload that holds a Java file, as {@code journey/tab}. */
  static Set<String> tree() throws IOException {
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(f -> f.toString().endsWith(".java"))
          .map(f -> ROOT.relativize(f.getParent()))
          .filter(p -> !p.toString().isEmpty())
          .forEach(p -> packages.add(p.toString().replace('\\', '/')));
    }
    return packages;
  }

  /** The package folders the map names: the lines under {@code src/test/java/io/hubload/}, up to the next unindented line. */
  static Set<String> map() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("README.md"));
    int heading = lines.indexOf("## Map");
    assertTrue(heading >= 0, "README.md has a ## Map section");
    int start = heading;
    while (!lines.get(start).startsWith("```")) {
      start++;
    }
    int first = start + 1;
    while (!lines.get(first).startsWith("src/test/java/io/hubload/")) {
      first++;
    }
    Set<String> packages = new TreeSet<>();
    for (int i = first + 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
      Matcher m = PACKAGE_LINE.matcher(lines.get(i));
      if (m.matches()) {
        assertTrue(packages.add(m.group(1)), "the map names " + m.group(1) + "/ once");
      }
    }
    return packages;
  }
}
