package io.hubload.journey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A test hook, off unless the system property {@code hubload.test.tokenDigests} names a file: the
 * SHA-256 of every user token the run receives is appended to it. A test can then look for
 * token-shaped strings in everything a run wrote and prove that none is a user token, without
 * the tokens themselves ever being written.
 */
final class TokenDigests {

  static final String PROPERTY = "hubload.test.tokenDigests";

  private TokenDigests() {}

  static synchronized void record(String token) {
    String file = System.getProperty(PROPERTY);
    if (file == null || token == null) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          sha256(token) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  /** Lower-case hex SHA-256 of the UTF-8 text. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
