package io.hubload.localhub;

import io.hubload.hubapi.PreflightException;
import io.hubload.config.Durations;
import io.hubload.config.HubRelease;
import io.hubload.config.LocalHubSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JupyterHub release from PyPI, installed once into a folder of its own under localhub.cache and
 * kept for later runs: a virtual environment made from the release's lock file (every package
 * pinned, with hashes) and configurable-http-proxy from npm, pinned by its package-lock.json. The
 * folder is named by a digest of both locks, so a changed lock installs afresh; it counts only once
 * its {@code installed} mark is written, so an install cut short is redone. A file lock keeps two
 * runs on one machine from installing the same folder at once. No root is needed.
 */
final class PypiInstall {

  private static final Logger LOG = LoggerFactory.getLogger(PypiInstall.class);

  /** The proxy's npm manifest and lock, on the classpath. */
  private static final String PROXY_FOLDER = "/localhub/proxy/";

  private static final List<String> PROXY_FILES = List.of("package.json", "package-lock.json");

  /** Written last: a folder without it is an install that did not finish. */
  private static final String DONE = "installed";

  /** The oldest Python the locks hold for (they are compiled with it; see relock.sh). */
  private static final int[] MIN_PYTHON = {3, 11};

  /** The oldest Node.js configurable-http-proxy 5 runs on. */
  private static final int MIN_NODE = 20;

  private static final Pattern PINNED = Pattern.compile("(?m)^([A-Za-z0-9_.-]+)==([^ \\\\]+)");

  /** The installed folder: {@code venv/} and {@code proxy/}. */
  private final Path home;

  private PypiInstall(Path home) {
    this.home = home;
  }

  /** An install in {@code home}, as {@link #ensure} makes it (for tests of the hub's config). */
  static PypiInstall at(Path home) {
    return new PypiInstall(home);
  }

  Path python() {
    return home.resolve("venv").resolve("bin").resolve("python");
  }

  Path bin(String script) {
    return home.resolve("venv").resolve("bin").resolve(script);
  }

  Path proxy() {
    return home.resolve("proxy").resolve("node_modules").resolve(".bin").resolve("configurable-http-proxy");
  }

  Path home() {
    return home;
  }

  /**
   * The release's install, made now if it is not there yet.
   *
   * @throws PreflightException in one line: what is missing or failed, and what to do
   */
  static PypiInstall ensure(LocalHubSettings settings) {
    HubRelease release = settings.jupyterhub();
    String lock = read(release.lockFile());
    String proxyLock = proxyFiles().stream().map(PypiInstall::readResource).reduce("", String::concat);
    Path home = settings.cache().resolve("localhub").resolve("jupyterhub-" + release.name() + "-" + digest(lock + proxyLock));
    PypiInstall install = new PypiInstall(home);
    if (Files.isRegularFile(home.resolve(DONE))) {
      return install;
    }
    if (!settings.install()) {
      throw new PreflightException(
          "localhub.jupyterhub = "
              + release.name()
              + ": not installed in "
              + home
              + " and localhub.install = false: run once with localhub.install = true, or set hub.url to a running hub");
    }
    try {
      Files.createDirectories(home.getParent());
      try (FileChannel channel =
              FileChannel.open(
                  home.getParent().resolve(home.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        if (!Files.isRegularFile(home.resolve(DONE))) {
          install.install(settings, release, lock);
        }
      }
    } catch (IOException e) {
      throw new PreflightException("cannot install " + release + " into " + home + ": " + e.getMessage(), e);
    }
    return install;
  }

  private void install(LocalHubSettings settings, HubRelease release, String lock) throws IOException {
    String python = settings.python();
    checkPython(python, release);
    checkNode(release);
    deleteTree(home);
    Files.createDirectories(home);
    Path log = home.resolve("install.log");
    long started = System.nanoTime();
    LOG.info(
        "Installing {} from PyPI ({}) and configurable-http-proxy from npm into {}: once, later runs reuse it...",
        release,
        pinned(lock, List.of("jupyterlab", "notebook", "jupyter-server", "ipykernel")),
        home);
    InstallSteps step = new InstallSteps(log, settings.installTimeout(), Map.of("PIP_DISABLE_PIP_VERSION_CHECK", "1"), PypiInstall::failure);
    step.run(List.of(python, "-m", "venv", home.resolve("venv").toString()), home, "localhub.python = " + python);
    step.run(
        List.of(
            python().toString(),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--require-hashes",
            "--no-deps",
            "-r",
            release.lockFile().toString()),
        home,
        "localhub.jupyterhub = " + release.name());
    Path proxyDir = home.resolve("proxy");
    Files.createDirectories(proxyDir);
    for (String file : PROXY_FILES) {
      Files.writeString(proxyDir.resolve(file), readResource(PROXY_FOLDER + file), StandardCharsets.UTF_8);
    }
    step.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--omit=dev"), proxyDir, "configurable-http-proxy (npm)");
    if (!Files.isExecutable(bin("jupyterhub")) || !Files.isExecutable(proxy())) {
      throw new PreflightException("the install of " + release + " finished without jupyterhub or the proxy; see " + log);
    }
    Files.writeString(home.resolve(DONE), release.name() + "\n", StandardCharsets.UTF_8);
    LOG.info(
        "Installed {} in {} ({}).",
        release,
        Durations.format(Duration.ofNanos(System.nanoTime() - started).withNanos(0)),
        home);
  }

  /**
   * pip's or npm's own line for what could not be installed, naming the package: the most telling
   * kind first (pip's "Could not find a version" line lists every version PyPI has).
   */
  static Optional<String> failure(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::strip).toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String kind : FAILURES) {
      Optional<String> line = lines.stream().filter(l -> l.startsWith(kind)).findFirst();
      if (line.isPresent()) {
        return line;
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("ERROR:")) {
        return Optional.of(lines.get(i));
      }
    }
    return Optional.empty();
  }

  /** The beginnings of pip's and npm's lines that name what failed, most telling first. */
  private static final List<String> FAILURES =
      List.of(
          "ERROR: No matching distribution found for",
          "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES",
          "ERROR: Could not find a version that satisfies",
          "npm error 404",
          "npm error code");

  private static void checkPython(String python, HubRelease release) {
    String version =
        probe(List.of(python, "-c", "import sys, venv, ensurepip; print('%d.%d' % sys.version_info[:2])"))
            .orElse("");
    String[] parts = version.split("\\.");
    boolean ok =
        parts.length == 2
            && parts[0].matches("[0-9]+")
            && parts[1].matches("[0-9]+")
            && (Integer.parseInt(parts[0]) > MIN_PYTHON[0]
                || Integer.parseInt(parts[0]) == MIN_PYTHON[0] && Integer.parseInt(parts[1]) >= MIN_PYTHON[1]);
    if (!ok) {
      throw new PreflightException(
          "localhub.jupyterhub = "
              + release.name()
              + " needs Python "
              + MIN_PYTHON[0]
              + "."
              + MIN_PYTHON[1]
              + " or newer with venv and pip (localhub.python = "
              + python
              + ": "
              + (version.isEmpty() ? "not found, or without venv" : version)
              + "): install it (e.g. apt-get install python3 python3-venv), set localhub.python, or set hub.url to a running hub");
    }
  }

  private static void checkNode(HubRelease release) {
    String node = probe(List.of("node", "--version")).orElse("");
    Matcher major = Pattern.compile("^v([0-9]+)\\.").matcher(node);
    boolean ok = major.find() && Integer.parseInt(major.group(1)) >= MIN_NODE && probe(List.of("npm", "--version")).isPresent();
    if (!ok) {
      throw new PreflightException(
          "localhub.jupyterhub = "
              + release.name()
              + " needs Node.js "
              + MIN_NODE
              + " or newer with npm for configurable-http-proxy ("
              + (node.isEmpty() ? "node or npm not found" : "node " + node)
              + "): install them (e.g. apt-get install nodejs npm), or set hub.url to a running hub");
    }
  }

  /** A command's first line of output, if it ran and succeeded within 30 s. */
  private static Optional<String> probe(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readNBytes(4096);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String first = new String(out, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
      return process.exitValue() == 0 ? Optional.of(first) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** "jupyterlab 4.6.6, notebook 7.6.5, ..." as the lock pins them. */
  static String pinned(String lock, List<String> names) {
    List<String> found = new ArrayList<>();
    Matcher m = PINNED.matcher(lock);
    while (m.find()) {
      if (names.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
        found.add(m.group(1) + " " + m.group(2));
      }
    }
    return String.join(", ", found);
  }

  private static List<String> proxyFiles() {
    return PROXY_FILES.stream().map(file -> PROXY_FOLDER + file).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PreflightException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String readResource(String name) {
    try (var in = PypiInstall.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }

  /** The first 12 hex digits of a SHA-256. */
  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
