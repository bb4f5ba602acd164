package io.hubload.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads localhub.jupyterhub: which JupyterHub the local hub runs. {@code debian} is Debian's
 * package (3.0 on Debian 12); anything else is a JupyterHub source tree, or a .tar.gz of one such
 * as JupyterHub's own release archive, which runs on the same Debian Python packages. A relative
 * path is taken from the project's folder.
 */
public final class HubRelease {

  /** The value for Debian's package. */
  public static final String DEBIAN = "debian";

  private HubRelease() {}

  static Optional<Path> read(SettingReader r, String key) {
    String raw = r.string(key);
    if (raw.isEmpty()) {
      throw new InvalidSettingException(key, "(empty)", "say debian, or give a JupyterHub source tree or .tar.gz");
    }
    if (raw.equalsIgnoreCase(DEBIAN)) {
      return Optional.empty();
    }
    Path path = Path.of(raw);
    if (!path.isAbsolute()) {
      path = Path.of(System.getProperty("hubload.basedir", "")).toAbsolutePath().resolve(raw);
    }
    path = path.normalize();
    if (Files.isDirectory(path)) {
      if (!Files.isRegularFile(path.resolve("jupyterhub").resolve("__init__.py"))) {
        throw new InvalidSettingException(
            key, raw, "not a JupyterHub source tree (no jupyterhub/__init__.py in " + path + ")");
      }
      return Optional.of(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new InvalidSettingException(key, raw, "no such file or folder (" + path + ")");
    }
    String name = path.getFileName().toString();
    if (!name.endsWith(".tar.gz") && !name.endsWith(".tgz")) {
      throw new InvalidSettingException(key, raw, "neither a folder nor a .tar.gz archive");
    }
    return Optional.of(path);
  }
}
