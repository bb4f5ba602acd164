package io.hubload.localhub;

import io.hubload.config.Durations;
import io.hubload.config.LocalHubSettings;
import io.hubload.hubapi.HubClient;
import io.hubload.hubapi.HubUnderTest;
import io.hubload.hubapi.PreflightException;
import io.hubload.process.FreePort;
import io.hubload.process.OwnedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, throwaway JupyterHub on loopback, of the release localhub.jupyterhub names (from PyPI by
 * default, see {@link Release}): the default target of a run and of the tests.
 *
 * <p>It lives in {@code target/localhub/run-TIME/} (config, database, log, users' homes) and dies
 * with the run: {@link #close()} stops the hub and then ends every process that carries its
 * marker (see {@link ProcessSweeper}); a JVM shutdown hook ({@link OwnedProcess}) does the same when the run is
 * interrupted, and the next start sweeps up after a run that was killed outright.
 */
public final class LocalHub implements HubUnderTest {

  private static final Logger LOG = LoggerFactory.getLogger(LocalHub.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration KILL_GRACE = Duration.ofSeconds(5);

  private final OwnedProcess process;
  private final Path stateDir;
  private final URI url;
  private volatile String version = "?";
  private final String userPassword;
  private final String serviceToken;
  private final String marker;

  private LocalHub(
      OwnedProcess process,
      Path stateDir,
      URI url,
      String userPassword,
      String serviceToken,
      String marker) {
    this.process = process;
    this.stateDir = stateDir;
    this.url = url;
    this.userPassword = userPassword;
    this.serviceToken = serviceToken;
    this.marker = marker;
  }

  /**
   * Whether a local hub with this single-user server can run on this machine: Debian's packages
   * are there, or the run is root with apt-get and would install them.
   */
  public static boolean canRun(LocalHubSettings.SingleUser singleUser) {
    return DebianPackages.availableOrInstallable(singleUser);
  }

  /**
   * Starts a hub and waits until it answers.
   *
   * @param settings the localhub.* settings
   * @param workDir where run folders go, normally {@code target/localhub}
   * @param hubPassword the DummyAuthenticator password the hub accepts
   * @param userPassword what the test users will type (the same, unless a test wants a wrong one)
   * @param serviceToken the token of the hub's admin service, at least 8 characters
   * @throws PreflightException when the packages are missing or the hub does not come up
   */
  public static LocalHub start(
      LocalHubSettings settings,
      Path workDir,
      String hubPassword,
      String userPassword,
      String serviceToken) {
    Release release = Release.ensure(settings, workDir);
    sweepOrphans();
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(settings, release, workDir, hubPassword, userPassword, serviceToken);
      } catch (PortTaken e) {
        // The ports were free when chosen, and another process took one before the hub bound it.
        if (attempt == 3) {
          throw new PreflightException(e.getMessage());
        }
        LOG.info("A port chosen for the local hub was taken meanwhile; trying other ports");
      }
    }
  }

  /** The hub could not bind a port that was free a moment before. */
  private static final class PortTaken extends PreflightException {
    PortTaken(String message) {
      super(message);
    }
  }

  private static LocalHub startOnce(
      LocalHubSettings settings,
      Release release,
      Path workDir,
      String hubPassword,
      String userPassword,
      String serviceToken) {
    Path stateDir = newStateDir(workDir);
    HubConfigFile.Ports ports = new HubConfigFile.Ports(freePort(), freePort(), freePort());
    Path config = stateDir.resolve("jupyterhub_config.py");
    Path log = stateDir.resolve("jupyterhub.log");
    String marker = ProcessSweeper.newMarkerValue();
    try {
      Files.writeString(
          config, HubConfigFile.render(ports, stateDir, settings, release, LocalUser.isRoot()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PreflightException("cannot write " + config + ": " + e.getMessage(), e);
    }

    ProcessBuilder builder =
        new ProcessBuilder(release.hubCommand(config))
            .directory(stateDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.putAll(release.environment(env));
    env.put(ProcessSweeper.MARKER, marker);
    env.put(HubConfigFile.PASSWORD_VARIABLE, hubPassword);
    env.put(HubConfigFile.SERVICE_TOKEN_VARIABLE, serviceToken);
    env.put("JPY_COOKIE_SECRET", randomHex(32));
    // Fixed for this hub, so that the hub, restarted, can still drive the proxy it started.
    env.put("CONFIGPROXY_AUTH_TOKEN", randomHex(32));
    env.remove("JUPYTERHUB_API_TOKEN");

    OwnedProcess process;
    try {
      Duration stopTimeout = settings.stopTimeout();
      process = OwnedProcess.start(builder, "hubload-localhub-stop", hub -> stop(hub, marker, stopTimeout));
    } catch (IOException e) {
      throw new PreflightException("cannot start the local hub (" + release + "): " + e.getMessage(), e);
    }
    URI url = URI.create("http://127.0.0.1:" + ports.proxy());
    LocalHub hub =
        new LocalHub(
            process,
            stateDir,
            url,
            userPassword,
            serviceToken,
            marker);
    try {
      hub.version = waitUntilAnswering(process.process(), url, settings.startTimeout(), log);
    } catch (RuntimeException e) {
      hub.close();
      throw e;
    }
    LOG.info(
        "Local JupyterHub {} ({}) at {} (config, database and log in {})", hub.version, release, url, stateDir);
    return hub;
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public String userPassword() {
    return userPassword;
  }

  @Override
  public Optional<String> adminToken() {
    return Optional.of(serviceToken);
  }

  /** The run's folder: config, database, hub log, homes. */
  public Path stateDir() {
    return stateDir;
  }

  /**
   * Stops the hub (SIGTERM), waits up to localhub.stop-timeout, then ends its proxy and whatever
   * else of its processes is still there: the hub leaves them running on purpose (see {@link
   * HubConfigFile}), as a hub on Kubernetes does.
   */
  @Override
  public void close() {
    process.close();
  }

  /** What {@link #close()} and the JVM's shutdown hook do, once (see {@link OwnedProcess}). */
  private static void stop(Process process, String marker, Duration stopTimeout) {
    process.destroy();
    try {
      if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "Local hub did not stop within {} (localhub.stop-timeout); killing it",
            Durations.format(stopTimeout));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ProcessHandle> left = ProcessSweeper.marked(marker);
    if (process.isAlive()) {
      left = new java.util.ArrayList<>(left);
      left.add(process.toHandle());
    }
    if (!left.isEmpty()) {
      int killed = ProcessSweeper.end(left, KILL_GRACE);
      LOG.info(
          "Ended {} process(es) of the local hub: its proxy, and servers and kernels left ({} killed outright)",
          left.size(),
          killed);
    }
    LOG.info("Local JupyterHub stopped");
  }

  /** Ends the hub and every process it started, now (SIGKILL): for a run that must end at once. */
  public void killNow() {
    ProcessSweeper.marked(marker).forEach(ProcessHandle::destroyForcibly);
    process.process().destroyForcibly();
    System.out.println("hubload: the local hub and its processes were killed");
  }

  private static void sweepOrphans() {
    List<ProcessHandle> orphans = ProcessSweeper.orphans();
    if (!orphans.isEmpty()) {
      LOG.warn("Ending {} process(es) left by an earlier local hub whose run was killed", orphans.size());
      ProcessSweeper.end(orphans, KILL_GRACE);
    }
  }

  private static String waitUntilAnswering(Process process, URI url, Duration timeout, Path log) {
    HubClient http = HubClient.anonymous(url, Duration.ofSeconds(2));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String message =
            "the local JupyterHub exited with code "
                + process.exitValue()
                + " while starting; its log "
                + log
                + " ends with: "
                + lastLine(log);
        if (logMentions(log, "EADDRINUSE") || logMentions(log, "Address already in use")) {
          throw new PortTaken(message);
        }
        throw new PreflightException(message);
      }
      try {
        Optional<String> version = http.version();
        if (version.isPresent()) {
          return version.get();
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(200);
    }
    throw new PreflightException(
        "the local JupyterHub did not answer within "
            + Durations.format(timeout)
            + " (localhub.start-timeout); see "
            + log);
  }

  private static boolean logMentions(Path log, String text) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "(empty)";
  }

  private static Path newStateDir(Path workDir) {
    String name =
        "run-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + "-"
            + ProcessHandle.current().pid();
    // Two hubs of one JVM may start within the same second (test classes run side by side): the
    // first takes the plain name, the next ones a counter.
    Path dir = workDir.resolve(name);
    try {
      Files.createDirectories(workDir);
      for (int n = 2; ; n++) {
        try {
          Files.createDirectory(dir);
          break;
        } catch (FileAlreadyExistsException taken) {
          dir = workDir.resolve(name + "-" + n);
        }
      }
      Files.createDirectories(dir.resolve("home"));
    } catch (IOException e) {
      throw new PreflightException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    return dir.toAbsolutePath();
  }

  private static int freePort() {
    try {
      return FreePort.onLoopback();
    } catch (UncheckedIOException e) {
      throw new PreflightException("no free port on 127.0.0.1: " + e.getCause().getMessage(), e);
    }
  }

  /** A random secret, hex-encoded. */
  public static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
