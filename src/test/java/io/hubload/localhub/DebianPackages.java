package io.hubload.localhub;

import io.hubload.hubapi.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import io.hubload.config.LocalHubSettings.SingleUser;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debian packages the local hub runs from, and installing them when allowed. Debian 12 ships
 * JupyterHub 3.0 with its proxy (Node.js), the classic notebook server and the IPython kernel.
 */
final class DebianPackages {

  private static final Logger LOG = LoggerFactory.getLogger(DebianPackages.class);

  static final List<String> PACKAGES = List.of("jupyterhub", "python3-notebook", "python3-ipykernel");
  /** What localhub.single-user = jupyter-server adds. */
  static final List<String> JUPYTER_SERVER_PACKAGES = List.of("python3-jupyter-server", "python3-nbclassic");

  /** What the packages put on disk that the local hub uses. */
  static final List<Path> FILES =
      List.of(
          Path.of("/usr/bin/jupyterhub"),
          Path.of("/usr/bin/jupyterhub-singleuser"),
          Path.of("/usr/bin/configurable-http-proxy"),
          Path.of("/usr/lib/python3/dist-packages/notebook"),
          Path.of("/usr/lib/python3/dist-packages/ipykernel"));

  static final List<Path> JUPYTER_SERVER_FILES =
      List.of(Path.of("/usr/lib/python3/dist-packages/jupyter_server"), Path.of("/usr/lib/python3/dist-packages/nbclassic"));

  /** The packages a local hub with this single-user server needs. */
  static List<String> packages(SingleUser singleUser) {
    List<String> all = new ArrayList<>(PACKAGES);
    if (singleUser == SingleUser.JUPYTER_SERVER) {
      all.addAll(JUPYTER_SERVER_PACKAGES);
    }
    return all;
  }

  static String installCommand(SingleUser singleUser) {
    return "apt-get install -y --no-install-recommends " + String.join(" ", packages(singleUser));
  }

  /**
   * The single-user server's application class, given to JupyterHub's singleuser through
   * JUPYTERHUB_SINGLEUSER_APP: without it, singleuser prefers jupyter_server whenever it is
   * installed, and the local hub's server would change with the machine's packages.
   */
  static String application(SingleUser singleUser) {
    return singleUser == SingleUser.JUPYTER_SERVER ? "jupyter_server.serverapp.ServerApp" : "notebook.notebookapp.NotebookApp";
  }

  private static final Path APT_GET = Path.of("/usr/bin/apt-get");

  private DebianPackages() {}

  static List<Path> missing(SingleUser singleUser) {
    List<Path> files = new ArrayList<>(FILES);
    if (singleUser == SingleUser.JUPYTER_SERVER) {
      files.addAll(JUPYTER_SERVER_FILES);
    }
    List<Path> missing = new ArrayList<>();
    for (Path file : files) {
      if (!Files.exists(file)) {
        missing.add(file);
      }
    }
    return missing;
  }

  /** Whether a local hub with this single-user server can run here: its packages are installed, or the run may install them. */
  static boolean availableOrInstallable(SingleUser singleUser) {
    return missing(singleUser).isEmpty() || (LocalUser.isRoot() && Files.isExecutable(APT_GET));
  }

  /**
   * Makes sure the packages are there: installs them as root when {@code install} allows and
   * apt-get exists, otherwise stops the run with the command to type.
   */
  static void ensureInstalled(SingleUser singleUser, boolean install, Duration timeout, Path logDir) {
    List<Path> missing = missing(singleUser);
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
              + installCommand(singleUser)
              + "`, or set hub.url to a running hub");
    }
    List<String> packages = packages(singleUser);
    LOG.info("Installing {} with apt-get (localhub.install = true)...", String.join(", ", packages));
    InstallSteps steps =
        new InstallSteps(logDir.resolve("apt-get.log"), timeout, Map.of("DEBIAN_FRONTEND", "noninteractive"), log -> Optional.empty());
    Path log = steps.log();
    steps.run(List.of("apt-get", "update"), logDir, "");
    List<String> installCommand = new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    installCommand.addAll(packages);
    steps.run(installCommand, logDir, "");
    List<Path> still = missing(singleUser);
    if (!still.isEmpty()) {
      throw new PreflightException(
          "apt-get installed the packages but " + still.get(0) + " is still missing; see " + log);
    }
    LOG.info("Installed.");
  }
}
