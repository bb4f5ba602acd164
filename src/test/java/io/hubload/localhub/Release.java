package io.hubload.localhub;

import io.hubload.config.HubRelease;
import io.hubload.config.LocalHubSettings;
import io.hubload.config.LocalHubSettings.SingleUser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the local hub runs the release that localhub.jupyterhub names: the commands of the hub, of
 * its proxy and of the single-user servers, and what their environment needs. A release from PyPI
 * runs from its install ({@link PypiInstall}); {@code debian} from Debian's packages.
 */
final class Release {

  private final HubRelease release;
  /** Empty for Debian's packages. */
  private final Optional<PypiInstall> install;

  private Release(HubRelease release, Optional<PypiInstall> install) {
    this.release = release;
    this.install = install;
  }

  /** The release's install, made first if it is not there yet (Debian's packages or PyPI's). */
  static Release ensure(LocalHubSettings settings, Path workDir) {
    if (settings.jupyterhub().isDebian()) {
      DebianPackages.ensureInstalled(settings.singleUser(), settings.install(), settings.installTimeout(), workDir);
      return new Release(settings.jupyterhub(), Optional.empty());
    }
    return new Release(settings.jupyterhub(), Optional.of(PypiInstall.ensure(settings)));
  }

  /** For tests of the config: a release's commands, with its install in {@code home}. */
  static Release installedIn(HubRelease release, Path home) {
    return new Release(release, release.isDebian() ? Optional.empty() : Optional.of(PypiInstall.at(home)));
  }

  /** The command that starts the hub with {@code config}. */
  List<String> hubCommand(Path config) {
    return install
        .map(i -> List.of(i.bin("jupyterhub").toString(), "-f", config.toString()))
        .orElse(List.of("/usr/bin/jupyterhub", "-f", config.toString()));
  }

  /** The proxy the hub starts, when not the one on its PATH. */
  Optional<Path> proxyCommand() {
    return install.map(PypiInstall::proxy);
  }

  /** What the hub's environment needs. */
  Map<String, String> environment(Map<String, String> inherited) {
    if (install.isEmpty()) {
      // The proxy is Debian's Node.js package; its modules live here, whichever node is on PATH.
      return Map.of("NODE_PATH", "/usr/share/nodejs");
    }
    // The venv's scripts first, for the hub and, through the spawner's env_keep, for the
    // single-user servers and their kernels.
    String path = inherited.getOrDefault("PATH", "/usr/bin:/bin");
    return Map.of("PATH", install.get().bin("").toString().replaceAll("/$", "") + ":" + path);
  }

  /** How the hub starts a single-user server: with the singleuser of the same release. */
  List<String> singleUserCommand() {
    return install
        .map(i -> List.of(i.bin("jupyterhub-singleuser").toString()))
        .orElse(List.of("/usr/bin/jupyterhub-singleuser"));
  }

  /**
   * The single-user server's application class for JupyterHub's singleuser
   * (JUPYTERHUB_SINGLEUSER_APP): on Debian's packages, the one localhub.single-user chooses; a
   * release from PyPI runs jupyter-server, with JupyterLab and Notebook 7 as its extensions.
   */
  String singleUserApp(SingleUser singleUser) {
    return install.isPresent() ? "jupyter_server.serverapp.ServerApp" : DebianPackages.application(singleUser);
  }

  /** Whether its users' servers serve JupyterLab (a release from PyPI does; Debian 12 has none). */
  boolean servesJupyterLab() {
    return install.isPresent();
  }

  @Override
  public String toString() {
    return install.map(i -> release + " from " + i.home()).orElse(release.toString());
  }
}
