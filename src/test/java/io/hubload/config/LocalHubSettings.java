package io.hubload.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * localhub.*: the throwaway local hub.
 *
 * @param jupyterhub the JupyterHub it runs: empty for Debian's package, else a source tree or a
 *     .tar.gz of one
 * @param refuseUserStop users whose names start with this are refused their own stop; empty: none
 */
public record LocalHubSettings(
    Optional<Path> jupyterhub,
    SingleUser singleUser,
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

  /** Never prints the password. */
  @Override
  public String toString() {
    return "LocalHubSettings[jupyterhub="
        + jupyterhub.map(Path::toString).orElse(HubRelease.DEBIAN)
        + ", singleUser="
        + singleUser
        + ", install="
        + install
        + ", concurrentSpawnLimit="
        + concurrentSpawnLimit
        + "]";
  }
}
