package io.hubload.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Every setting of a run, typed and validated. Read once per run with {@link #read()}; tests build
 * one from any {@link Config} with {@link #from(Config)}.
 *
 * <p>The keys, their defaults and their meaning live in {@code application.conf}; this class
 * refuses values that would make a run meaningless, before the first request is sent.
 */
public record Settings(
    Hub hub,
    Users users,
    Load load,
    Session session,
    Execute execute,
    Timeouts timeouts,
    Gate gate,
    LocalHub localHub) {

  /** The hub under test. {@code url} is empty for the throwaway local hub. */
  public record Hub(Optional<URI> url, String password) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "Hub[url=" + url.map(URI::toString).orElse("(local)") + "]";
    }
  }

  public record Users(String prefix) {
    /** The hub user name of the n-th virtual user (n from 1). */
    public String name(long n) {
      return prefix + n;
    }
  }

  public record Load(int users, Duration ramp, Duration maxDuration) {}

  public record Session(Duration idleMin, Duration idleMax) {}

  public record Execute(String kernel, String code, String expected, int repeat, Duration thinkTime) {}

  public record Timeouts(Duration request, Duration spawn, Duration execute, Duration stop) {}

  public record Gate(double minOkPercent) {}

  public record LocalHub(
      String password,
      boolean install,
      Duration installTimeout,
      Duration startTimeout,
      Duration stopTimeout,
      int concurrentSpawnLimit,
      Duration spawnerStartTimeout,
      Duration spawnerHttpTimeout) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "LocalHub[install=" + install + ", concurrentSpawnLimit=" + concurrentSpawnLimit + "]";
    }
  }

  /** The same settings with another load. */
  public Settings withLoad(Load newLoad) {
    return new Settings(hub, users, newLoad, session, execute, timeouts, gate, localHub);
  }

  /** The same settings with another idle time. */
  public Settings withSession(Session newSession) {
    return new Settings(hub, users, load, newSession, execute, timeouts, gate, localHub);
  }

  private static final Duration ZERO = Duration.ZERO;
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);

  /** The settings of this process (system properties, environment, application.conf). */
  public static Settings read() {
    return from(SettingsSource.fromEnvironment());
  }

  /** Reads and validates every setting; the first bad one throws. */
  public static Settings from(Config config) {
    SettingReader r = new SettingReader(config);

    Hub hub = new Hub(hubUrl(r.string("hub.url")), r.secret("hub.password"));

    String prefix = r.string("users.prefix");
    if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
      throw new InvalidSettingException(
          "users.prefix",
          prefix,
          "use 1 to 32 lower-case letters, digits, '-' or '_', starting with a letter or digit");
    }

    Load load =
        new Load(
            r.integer("load.users", 1, 1_000_000),
            r.duration("load.ramp", ZERO, DAY),
            r.duration("load.max-duration", SECOND, WEEK));
    if (load.ramp().compareTo(load.maxDuration()) > 0) {
      throw new InvalidSettingException(
          "load.ramp",
          r.string("load.ramp"),
          "longer than load.max-duration ("
              + Durations.format(load.maxDuration())
              + "): the last users would never start");
    }

    Session session =
        new Session(
            r.duration("session.idle.min", ZERO, DAY), r.duration("session.idle.max", ZERO, DAY));
    if (session.idleMin().compareTo(session.idleMax()) > 0) {
      throw new InvalidSettingException(
          "session.idle.min",
          r.string("session.idle.min"),
          "above session.idle.max (" + r.string("session.idle.max") + ")");
    }

    String kernel = r.string("execute.kernel");
    if (!kernel.matches("[A-Za-z0-9._-]+")) {
      throw new InvalidSettingException("execute.kernel", kernel, "not a kernelspec name");
    }
    String code = r.raw("execute.code");
    if (code.isBlank()) {
      throw new InvalidSettingException("execute.code", "\"\"", "there must be code to run");
    }
    Execute execute =
        new Execute(
            kernel,
            code,
            r.raw("execute.expected"),
            r.integer("execute.repeat", 1, 10_000),
            r.duration("execute.think-time", ZERO, DAY));

    Timeouts timeouts =
        new Timeouts(
            r.duration("timeout.request", SECOND, DAY),
            r.duration("timeout.spawn", SECOND, DAY),
            r.duration("timeout.execute", SECOND, DAY),
            r.duration("timeout.stop", SECOND, DAY));

    Gate gate = new Gate(r.number("gate.min-ok-percent", 0, 100));

    LocalHub localHub =
        new LocalHub(
            r.secret("localhub.password"),
            r.bool("localhub.install"),
            r.duration("localhub.install-timeout", SECOND, DAY),
            r.duration("localhub.start-timeout", SECOND, DAY),
            r.duration("localhub.stop-timeout", SECOND, DAY),
            r.integer("localhub.concurrent-spawn-limit", 0, 100_000),
            r.duration("localhub.spawner-start-timeout", SECOND, DAY),
            r.duration("localhub.spawner-http-timeout", SECOND, DAY));

    return new Settings(
        hub, new Users(prefix), load, session, execute, timeouts, gate, localHub);
  }

  /**
   * An absolute http(s) URL without credentials, query or fragment; the trailing slash is dropped
   * so that paths such as {@code /hub/login} can be appended.
   */
  private static Optional<URI> hubUrl(String raw) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new InvalidSettingException("hub.url", raw, "not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidSettingException(
          "hub.url", raw, "must start with http:// or https://, e.g. https://hub.example.org");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidSettingException("hub.url", raw, "has no host name");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidSettingException(
          "hub.url", "(not shown: it holds credentials)", "must not contain user:password@");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidSettingException("hub.url", raw, "must not have a ?query or #fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/hub")) {
      throw new InvalidSettingException(
          "hub.url", raw, "give the hub's base URL without /hub, e.g. https://hub.example.org");
    }
    return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + path));
  }
}
