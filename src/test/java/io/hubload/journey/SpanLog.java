package io.hubload.journey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For benchmarks, off unless the system property {@code hubload.spanLog} names a file: each
 * wall-clock entry ("spawn to ready", "stop to gone") is also appended to it as a CSV line
 * {@code entry,user,startMillis,endMillis,OK|KO}, so that a run's spawn times can be set beside
 * the hub's own log, user by user.
 */
final class SpanLog {

  static final String PROPERTY = "hubload.spanLog";

  private SpanLog() {}

  static synchronized void append(String entry, String user, long start, long end, boolean ok) {
    String file = System.getProperty(PROPERTY);
    if (file == null) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          entry + "," + user + "," + start + "," + end + "," + (ok ? "OK" : "KO") + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }
}
