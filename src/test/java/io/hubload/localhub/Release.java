package io.hubload.localhub;

import io.hubload.config.Durations;
import io.hubload.client.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JupyterHub release a local hub runs (localhub.jupyterhub): Debian's package, or a JupyterHub
 * source tree (unpacked from a .tar.gz when given one) run by Debian's python3, on the Python
 * packages that Debian's jupyterhub package pulls in. A source tree needs no build: its pages are
 * unstyled (no compiled CSS or JS), which the suite does not mind.
 */
final class Release {

  private static final String PYTHON = "/usr/bin/python3";

  /** The source tree, or null for Debian's package. */
  private final Path tree;

  private Release(Path tree) {
    this.tree = tree;
  }

  /**
   * @param jupyterhub empty for Debian's package, else a source tree or a .tar.gz of one
   * @param workDir where an archive is unpacked, once, and kept for later runs
   */
  static Release of(Optional<Path> jupyterhub, Path workDir, Duration timeout) {
    if (jupyterhub.isEmpty()) {
      return new Release(null);
    }
    Path given = jupyterhub.get();
    return new Release(Files.isDirectory(given) ? given : unpacked(given, workDir, timeout));
  }

  /** The command that starts the hub with {@code config}. */
  List<String> hubCommand(Path config) {
    return tree == null
        ? List.of("/usr/bin/jupyterhub", "-f", config.toString())
        : List.of(PYTHON, "-m", "jupyterhub", "-f", config.toString());
  }

  /**
   * What the hub's environment needs: the source tree on PYTHONPATH, which the spawner's default
   * env_keep passes on to the single-user servers.
   */
  Map<String, String> environment() {
    return tree == null ? Map.of() : Map.of("PYTHONPATH", tree.toString());
  }

  /** How the hub starts a single-user server: with the singleuser of the same release. */
  List<String> singleUserCommand() {
    return tree == null
        ? List.of("/usr/bin/jupyterhub-singleuser")
        : List.of(PYTHON, "-m", "jupyterhub.singleuser");
  }

  /** The release's templates and static files, when they are not where the package puts them. */
  Optional<Path> dataFiles() {
    return tree == null ? Optional.empty() : Optional.of(tree.resolve("share").resolve("jupyterhub"));
  }

  @Override
  public String toString() {
    return tree == null ? "Debian's package" : tree.toString();
  }

  /**
   * Unpacks the archive under {@code workDir/jupyterhub/NAME/} unless an earlier run did, and
   * returns the folder that holds the {@code jupyterhub} package.
   */
  private static Path unpacked(Path archive, Path workDir, Duration timeout) {
    String name = archive.getFileName().toString().replaceFirst("\\.(tar\\.gz|tgz)$", "");
    Path target = workDir.resolve("jupyterhub").resolve(name + "-" + stamp(archive));
    if (!Files.isDirectory(target)) {
      Path partial = workDir.resolve("jupyterhub").resolve(name + ".unpacking-" + ProcessHandle.current().pid());
      try {
        Files.createDirectories(partial);
        untar(archive, partial, workDir.resolve("jupyterhub").resolve(name + ".tar.log"), timeout);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw new PreflightException(
              "localhub.jupyterhub = " + archive + ": cannot unpack it into " + target + " (" + e.getMessage() + ")", e);
        }
        // another run unpacked it meanwhile
      } finally {
        deleteTree(partial);
      }
    }
    return sourceRoot(target)
        .orElseThrow(
            () ->
                new PreflightException(
                    "localhub.jupyterhub = " + archive + ": the archive holds no jupyterhub/__init__.py"));
  }

  /** Size and modification time: a changed archive is unpacked afresh. */
  private static String stamp(Path archive) {
    try {
      return Long.toHexString(Files.size(archive)) + Long.toHexString(Files.getLastModifiedTime(archive).toMillis());
    } catch (IOException e) {
      throw new PreflightException("localhub.jupyterhub = " + archive + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static void untar(Path archive, Path into, Path log, Duration timeout) throws IOException {
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      if (!tar.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        tar.destroyForcibly();
        throw new IOException("tar did not finish within " + Durations.format(timeout));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tar.destroyForcibly();
      throw new IOException("interrupted", e);
    }
    if (tar.exitValue() != 0) {
      throw new IOException("tar failed (exit " + tar.exitValue() + "), see " + log);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // a leftover folder named *.unpacking-PID is harmless
    }
  }

  /** The folder itself or one of its children, whichever holds the jupyterhub package. */
  private static Optional<Path> sourceRoot(Path dir) {
    if (Files.isRegularFile(dir.resolve("jupyterhub").resolve("__init__.py"))) {
      return Optional.of(dir);
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(child -> Files.isRegularFile(child.resolve("jupyterhub").resolve("__init__.py")))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
