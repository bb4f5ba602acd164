package io.hubload.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Folders the suite writes and clears: a run's, an upload's. */
public final class Folders {

  private Folders() {}

  /**
   * Deletes a folder and everything in it, deepest first; nothing when it does not exist.
   *
   * @throws IOException at the first file that cannot be deleted
   */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
