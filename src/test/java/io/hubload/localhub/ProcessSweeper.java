package io.hubload.localhub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Finds and ends every process of a local hub, however deep: the hub, its proxy, the single-user
 * servers and their kernels.
 *
 * <p>Single-user servers run in sessions of their own, and a process whose parent died is adopted
 * by init, so the process tree alone can lose them. Instead every process of a local hub carries
 * an environment variable naming the hub (the hub passes it to its proxy, and to each server
 * through {@code Spawner.environment}; kernels inherit it), and this class reads it back from
 * {@code /proc/PID/environ}. The value starts with the pid of the JVM that owns the hub, which also
 * lets a later run recognise processes that an earlier, killed run left behind.
 */
public final class ProcessSweeper {

  /** The environment variable that marks a local hub's processes. */
  static final String MARKER = "HUBLOAD_LOCALHUB";

  private static final Path PROC = Path.of("/proc");

  private ProcessSweeper() {}

  /** A marker value for a new hub owned by this JVM. */
  static String newMarkerValue() {
    return ProcessHandle.current().pid() + ":" + UUID.randomUUID();
  }

  /** Live processes whose marker has exactly this value. */
  static List<ProcessHandle> marked(String value) {
    return find(value::equals);
  }

  /** Live processes of every local hub that the JVM with this pid started. */
  public static List<ProcessHandle> ownedBy(long jvmPid) {
    return find(value -> value.startsWith(jvmPid + ":"));
  }

  /** Live processes marked by a JVM that no longer runs: leftovers of a killed run. */
  public static List<ProcessHandle> orphans() {
    return find(value -> !ownerAlive(value));
  }

  /**
   * Asks each process to stop (SIGTERM), then kills what is left after {@code grace} (SIGKILL).
   *
   * @return how many processes had to be killed outright
   */
  static int end(List<ProcessHandle> processes, Duration grace) {
    processes.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle process : processes) {
      while (process.isAlive() && System.nanoTime() < deadline) {
        sleep(50);
      }
    }
    int killed = 0;
    for (ProcessHandle process : processes) {
      if (process.isAlive()) {
        process.destroyForcibly();
        killed++;
      }
    }
    return killed;
  }

  private static boolean ownerAlive(String value) {
    int colon = value.indexOf(':');
    try {
      long owner = Long.parseLong(colon < 0 ? value : value.substring(0, colon));
      return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<ProcessHandle> find(Predicate<String> markerValue) {
    List<ProcessHandle> found = new ArrayList<>();
    if (!Files.isDirectory(PROC)) {
      return found;
    }
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        long pid;
        try {
          pid = Long.parseLong(entry.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == self) {
          continue;
        }
        Optional<String> value = markerOf(entry);
        if (value.isPresent() && markerValue.test(value.get())) {
          ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
        }
      }
    } catch (IOException e) {
      // /proc vanished or is unreadable: nothing we can find.
    }
    return found;
  }

  private static Optional<String> markerOf(Path procEntry) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(procEntry.resolve("environ"));
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // gone, or another user's process
    }
    String prefix = MARKER + "=";
    int start = 0;
    for (int i = 0; i <= environ.length; i++) {
      if (i == environ.length || environ[i] == 0) {
        String variable = new String(environ, start, i - start, StandardCharsets.UTF_8);
        if (variable.startsWith(prefix)) {
          return Optional.of(variable.substring(prefix.length()));
        }
        start = i + 1;
      }
    }
    return Optional.empty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
