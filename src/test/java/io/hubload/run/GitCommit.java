package io.hubload.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The project's git commit, read from .git without running git; empty when unknown. */
final class GitCommit {

  private GitCommit() {}

  static Optional<String> of(Path basedir) {
    Path git = basedir.resolve(".git");
    try {
      String head = Files.readString(git.resolve("HEAD")).strip();
      if (!head.startsWith("ref: ")) {
        return valid(head);
      }
      String ref = head.substring(5);
      Path loose = git.resolve(ref);
      if (Files.exists(loose)) {
        return valid(Files.readString(loose).strip());
      }
      Path packed = git.resolve("packed-refs");
      if (Files.exists(packed)) {
        for (String line : Files.readAllLines(packed)) {
          if (line.endsWith(" " + ref)) {
            return valid(line.substring(0, line.indexOf(' ')));
          }
        }
      }
    } catch (IOException e) {
      // not a git checkout
    }
    return Optional.empty();
  }

  private static Optional<String> valid(String sha) {
    return sha.matches("[0-9a-f]{40}") ? Optional.of(sha) : Optional.empty();
  }
}
