package io.hubload.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * localhub.*: the throwaway local hub.
 *
 * @param jupyterhub the JupyterHub release it runs
 * @param python the Python that makes a release's virtual environment
 * @param cache where releases are installed, once, and kept for later runs
 * @param refuseUserStop users whose names start with this are refused their own stop; empty: none
 */
public record LocalHubSettings(
    HubRelease jupyterhub,
    SingleUser singleUser,
    String python,
    Path cache,
    String password,
    boolean install,
    Duration installTimeout,
    Duration startTimeout,
    Duration stopTimeout,
    int concurrentSpawnLimit,
    Duration spawnerStartTimeout,
    Duration spawnerHttpTimeout,
    Duration throttleRetryMin,
    Duration throttleRetryMax,
    Duration spawnDelay,
    String refuseUserStop,
    boolean imitateKubernetes,
    Duration imitateNodeWait,
    int imitateNewNodeEvery,
    Duration imitateImagePull) {

  /** The single-user server the local hub's users get. */
  public enum SingleUser {
    /** The classic notebook server 6.4: classic UI, JSON kernel protocol. */
    NOTEBOOK,
    /** jupyter_server 1.23 with nbclassic: classic UI, JupyterLab's v1 kernel protocol too. */
    JUPYTER_SERVER
  }

  static LocalHubSettings read(SettingReader r) {
    Duration second = Duration.ofSeconds(1);
    Duration day = Duration.ofDays(1);
    LocalHubSettings local =
        new LocalHubSettings(
            HubRelease.read(r, "localhub.jupyterhub"),
            r.choice("localhub.single-user", SingleUser.class),
            r.string("localhub.python"),
            cache(r, "localhub.cache"),
            r.secret("localhub.password"),
            r.bool("localhub.install"),
            r.duration("localhub.install-timeout", second, day),
            r.duration("localhub.start-timeout", second, day),
            r.duration("localhub.stop-timeout", second, day),
            r.integer("localhub.concurrent-spawn-limit", 0, 100_000),
            r.duration("localhub.spawner-start-timeout", second, day),
            r.duration("localhub.spawner-http-timeout", second, day),
            r.duration("localhub.throttle-retry-min", second, day),
            r.duration("localhub.throttle-retry-max", second, day),
            r.duration("localhub.spawn-delay", Duration.ZERO, Duration.ofHours(1)),
            r.string("localhub.refuse-user-stop"),
            r.bool("localhub.imitate-kubernetes"),
            r.duration("localhub.imitate-node-wait", Duration.ZERO, Duration.ofHours(1)),
            r.integer("localhub.imitate-new-node-every", 0, 1_000_000),
            r.duration("localhub.imitate-image-pull", Duration.ZERO, Duration.ofHours(1)));
    r.requireNotAbove(
        "localhub.throttle-retry-min", local.throttleRetryMin(), "localhub.throttle-retry-max", local.throttleRetryMax());
    return local;
  }

  /**
   * The folder given, or by default the user's cache: $XDG_CACHE_HOME/hubload, or
   * ~/.cache/hubload. A relative path is taken from the project's folder.
   */
  private static Path cache(SettingReader r, String key) {
    String raw = r.string(key);
    if (!raw.isEmpty()) {
      Path given = Path.of(raw);
      return given.isAbsolute()
          ? given.normalize()
          : Path.of(System.getProperty("hubload.basedir", "")).toAbsolutePath().resolve(given).normalize();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home")).resolve(".cache");
    return base.toAbsolutePath().resolve("hubload");
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "LocalHubSettings[jupyterhub="
        + jupyterhub.name()
        + ", singleUser="
        + singleUser
        + ", install="
        + install
        + ", concurrentSpawnLimit="
        + concurrentSpawnLimit
        + "]";
  }
}
