package io.hubload.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * localhub.jupyterhub: which JupyterHub the local hub runs. A release from PyPI ({@code 6.1.1},
 * {@code 5.5.4}, {@code 4.1.6}...), one of those this project has a lock file for, installed with
 * JupyterLab 4.6, Notebook 7 and the IPython kernel; or {@code debian}, Debian 12's JupyterHub 3.0
 * with the classic notebook server 6.4, kept for the classic tab's recording.
 *
 * <p>The supported releases are the folders of {@link #FOLDER} on the test classpath
 * (src/test/resources/localhub/releases/), each with its {@code requirements.txt}: adding a
 * release is adding its folder.
 */
public record HubRelease(String name) {

  /** The value for Debian's package. */
  public static final String DEBIAN = "debian";

  /** Where the releases' lock files live, on the classpath. */
  static final String FOLDER = "/localhub/releases/";

  /** The lock file of every release, in its folder. */
  public static final String LOCK_FILE = "requirements.txt";

  public boolean isDebian() {
    return name.equals(DEBIAN);
  }

  /** The release's lock file (all packages pinned, with hashes); not for {@link #DEBIAN}. */
  public Path lockFile() {
    if (isDebian()) {
      throw new IllegalStateException("Debian's package has no lock file");
    }
    return releasesFolder().resolve(name).resolve(LOCK_FILE);
  }

  /** The releases this project has a lock file for, newest first. */
  public static List<String> supported() {
    try (Stream<Path> dirs = Files.list(releasesFolder())) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve(LOCK_FILE)))
          .map(dir -> dir.getFileName().toString())
          .sorted(Comparator.comparing(HubRelease::versionKey).reversed())
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + FOLDER + ": " + e.getMessage(), e);
    }
  }

  static HubRelease read(SettingReader r, String key) {
    String raw = r.string(key);
    if (raw.equalsIgnoreCase(DEBIAN)) {
      return new HubRelease(DEBIAN);
    }
    List<String> supported = supported();
    if (!supported.contains(raw)) {
      throw new InvalidSettingException(
          key,
          raw.isEmpty() ? "(empty)" : raw,
          "not a release this suite installs; say one of " + String.join(", ", supported) + " or " + DEBIAN);
    }
    return new HubRelease(raw);
  }

  @Override
  public String toString() {
    return isDebian() ? "Debian's JupyterHub package" : "JupyterHub " + name;
  }

  private static Path releasesFolder() {
    URL url = HubRelease.class.getResource(FOLDER);
    if (url == null || !url.getProtocol().equals("file")) {
      throw new IllegalStateException(FOLDER + " is not a folder on the classpath (" + url + ")");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 6.1.1 after 5.5.4 after 4.1.6, and 10.0.0 after 9.9.9. */
  private static String versionKey(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.split("\\.")) {
      key.append(String.format("%08d", part.matches("[0-9]+") ? Integer.parseInt(part) : 0));
    }
    return key.toString();
  }
}
