package io.hubload.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Looks for secrets in everything a run wrote: files, binary ones included, and its output. */
public final class SecretScan {

  private SecretScan() {}

  /** The files under {@code roots} whose bytes contain {@code secret} (as UTF-8). */
  public static List<Path> filesContaining(String secret, Path... roots) throws IOException {
    List<Path> found = new ArrayList<>();
    for (String text : new String[] {secret}) {
      for (Path root : roots) {
        forEachFile(
            root,
            file -> {
              if (read(file).contains(text)) {
                found.add(file);
              }
            });
      }
    }
    return found;
  }

  /**
   * Strings shaped like {@code pattern} anywhere under {@code roots} whose SHA-256 is one of
   * {@code digests}: secrets that were written, found without knowing them.
   */
  public static List<String> digestMatches(Pattern pattern, Collection<String> digests, Path... roots)
      throws IOException {
    List<String> found = new ArrayList<>();
    for (Path root : roots) {
      forEachFile(
          root,
          file -> {
            Matcher m = pattern.matcher(read(file));
            while (m.find()) {
              if (digests.contains(sha256(m.group()))) {
                found.add(file + " holds a token");
              }
            }
          });
    }
    return found;
  }

  public static String sha256(String text) {
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface FileVisitor {
    void visit(Path file);
  }

  private static void forEachFile(Path root, FileVisitor visitor) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile).forEach(visitor::visit);
    }
  }

  /** A file's bytes as ISO-8859-1: every byte a char, so ASCII secrets are found in any file. */
  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
