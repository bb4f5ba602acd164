package io.hubload.localhub;

import io.hubload.hubapi.PreflightException;
import io.hubload.config.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The commands of one install (apt-get, or venv, pip and npm), run one after the other into one
 * log, all within localhub.install-timeout. A command that runs out of time is ended with what it
 * started (dpkg and apt's download workers would otherwise hold the dpkg lock); one that fails is
 * said in one line, with the installer's own line for it when {@code failure} finds one in the log.
 */
final class InstallSteps {

  private final Path log;
  private final long deadline;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final Function<Path, Optional<String>> failure;

  InstallSteps(Path log, Duration timeout, Map<String, String> environment, Function<Path, Optional<String>> failure) {
    this.log = log;
    this.deadline = System.nanoTime() + timeout.toNanos();
    this.timeout = timeout;
    this.environment = environment;
    this.failure = failure;
  }

  Path log() {
    return log;
  }

  /**
   * @param what what is installed, for the message: "localhub.python = python3"...
   */
  void run(List<String> command, Path dir, String what) {
    String prefix = what.isEmpty() ? "" : what + ": ";
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new PreflightException(
            prefix
                + "`"
                + String.join(" ", command)
                + "` did not finish within "
                + Durations.format(timeout)
                + " (localhub.install-timeout); see "
                + log);
      }
      if (process.exitValue() != 0) {
        String said = failure.apply(log).orElse("`" + String.join(" ", command) + "` failed (exit " + process.exitValue() + ")");
        throw new PreflightException(prefix + said + "; see " + log);
      }
    } catch (IOException e) {
      throw new PreflightException(prefix + "could not run " + command.get(0) + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightException("interrupted while installing the local hub", e);
    }
  }
}
