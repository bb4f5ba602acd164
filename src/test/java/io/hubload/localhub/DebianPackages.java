package io.hubload.localhub;

import io.hubload.config.Durations;
import io.hubload.client.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debian packages the local hub runs from, and installing them when allowed. Debian 12 ships
 * JupyterHub 3.0 with its proxy (Node.js), the classic notebook server and the IPython kernel.
 */
final class DebianPackages {

  private static final Logger LOG = LoggerFactory.getLogger(DebianPackages.class);

  static final List<String> PACKAGES = List.of("jupyterhub", "python3-notebook", "python3-ipykernel");

  static final String INSTALL_COMMAND =
      "apt-get install -y --no-install-recommends " + String.join(" ", PACKAGES);

  /** What the packages put on disk that the local hub uses. */
  static final List<Path> FILES =
      List.of(
          Path.of("/usr/bin/jupyterhub"),
          Path.of("/usr/bin/jupyterhub-singleuser"),
          Path.of("/usr/bin/configurable-http-proxy"),
          Path.of("/usr/lib/python3/dist-packages/notebook"),
          Path.of("/usr/lib/python3/dist-packages/ipykernel"));

  private static final Path APT_GET = Path.of("/usr/bin/apt-get");

  private DebianPackages() {}

  static List<Path> missing() {
    List<Path> missing = new ArrayList<>();
    for (Path file : FILES) {
      if (!Files.exists(file)) {
        missing.add(file);
      }
    }
    return missing;
  }

  /**
   * Makes sure the packages are there: installs them as root when {@code install} allows and
   * apt-get exists, otherwise stops the run with the command to type.
   */
  static void ensureInstalled(boolean install, Duration timeout, Path logDir) {
    List<Path> missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    boolean root = LocalUser.isRoot();
    if (!install || !root || !Files.isExecutable(APT_GET)) {
      String why =
          !install ? "localhub.install = false" : !root ? "not running as root" : "no apt-get here";
      throw new PreflightException(
          "the local hub needs Debian's packages ("
              + missing.get(0)
              + " is missing, "
              + why
              + "): run `sudo apt-get update && sudo "
              + INSTALL_COMMAND
              + "`, or set hub.url to a running hub");
    }
    LOG.info("Installing {} with apt-get (localhub.install = true)...", String.join(", ", PACKAGES));
    long deadline = System.nanoTime() + timeout.toNanos();
    Path log = logDir.resolve("apt-get.log");
    run(List.of("apt-get", "update"), log, deadline, timeout);
    List<String> installCommand = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    installCommand.addAll(PACKAGES);
    run(installCommand, log, deadline, timeout);
    List<Path> still = missing();
    if (!still.isEmpty()) {
      throw new PreflightException(
          "apt-get installed the packages but " + still.get(0) + " is still missing; see " + log);
    }
    LOG.info("Installed.");
  }

  private static void run(List<String> command, Path log, long deadline, Duration timeout) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
      Process process = builder.start();
      long left = deadline - System.nanoTime();
      if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
        // dpkg and apt's download workers first: left alone they would hold the dpkg lock.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new PreflightException(
            "`"
                + String.join(" ", command)
                + "` did not finish within "
                + Durations.format(timeout)
                + " (localhub.install-timeout); see "
                + log);
      }
      if (process.exitValue() != 0) {
        throw new PreflightException(
            "`" + String.join(" ", command) + "` failed (exit " + process.exitValue() + "); see " + log);
      }
    } catch (IOException e) {
      throw new PreflightException("could not run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightException("interrupted while installing the local hub's packages", e);
    }
  }
}
