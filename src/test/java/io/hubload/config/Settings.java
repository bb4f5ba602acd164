package io.hubload.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import io.hubload.jupyter.Cell;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Regression regression,
    Purge purge,
    LocalHub localHub) {

  /** How test users authenticate. */
  public enum Auth {
    /** The hub's login form, with a password. */
    FORM,
    /** The REST API: an admin token creates each user and a token of its own. */
    TOKEN
  }

  /** What a user does when the hub throttles its spawn (HTTP 429). */
  public enum ThrottledSpawn {
    /** Waits the hub's Retry-After and asks again, as a person would, within timeout.spawn. */
    RETRY,
    /** Counts the 429 as a failed spawn. */
    FAIL
  }

  /** What to do with a test user's server that is already running when the user starts. */
  public enum RunningServer {
    STOP,
    REUSE
  }

  /**
   * The hub under test. {@code url} is empty for the throwaway local hub; {@code serverName} is
   * a template ({n}: the user's number), empty for the default server; {@code userOptions} is a
   * JSON object, empty when none are sent.
   */
  public record Hub(
      Optional<URI> url,
      Auth auth,
      String password,
      String adminToken,
      Optional<String> serverName,
      Optional<ObjectNode> userOptions,
      RunningServer runningServer,
      ThrottledSpawn throttledSpawn) {

    /** Never prints the password or the token. */
    @Override
    public String toString() {
      return "Hub[url="
          + url.map(URI::toString).orElse("(local)")
          + ", auth="
          + auth
          + ", serverName="
          + serverName.orElse("")
          + "]";
    }
  }

  public record Users(String prefix) {
    /** The hub user name of the n-th virtual user (n from 1). */
    public String name(long n) {
      return prefix + n;
    }
  }

  /**
   * @param maxDuration the bound on the whole run, given or worked out ("auto")
   */
  public record Load(LoadProfile profile, Duration maxDuration) {}

  /** What a user does once its code has run. */
  public enum Behaviour {
    /** Sits idle, websocket open, nothing sent. */
    IDLE,
    /** Runs its code again every think time. */
    ACTIVE
  }

  /** The part of a visit after the first run of the code: its behaviour and its length. */
  public record Session(Behaviour behaviour, Duration idleMin, Duration idleMax) {}

  /**
   * @param workload the code a user runs, in order: execute.code, or a notebook's code cells
   * @param notebook the notebook it came from, empty for execute.code
   */
  public record Execute(
      String kernel, List<Cell> workload, Optional<String> notebook, int repeat, Duration thinkTime) {}

  public record Timeouts(Duration request, Duration spawn, Duration execute, Duration stop) {}

  public record Gate(double minOkPercent) {}

  public record Purge(boolean dryRun, boolean deleteUsers) {}

  /**
   * The regression check's settings. {@code current} and {@code baseline} are paths, empty for
   * "find it in reports/".
   */
  public record Regression(
      String current,
      String baseline,
      double tolerancePercent,
      Map<String, Double> tolerances,
      Duration floor,
      double maxKoPercent,
      int trendRuns) {}

  /**
   * @param jupyterhub the JupyterHub the local hub runs: empty for Debian's package, else a
   *     source tree or a .tar.gz of one (localhub.jupyterhub)
   */
  public record LocalHub(
      Optional<Path> jupyterhub,
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
      String refuseUserStop) {

    /** Never prints the password. */
    @Override
    public String toString() {
      return "LocalHub[jupyterhub="
          + jupyterhub.map(Path::toString).orElse(HubRelease.DEBIAN)
          + ", install="
          + install
          + ", concurrentSpawnLimit="
          + concurrentSpawnLimit
          + "]";
    }
  }

  /**
   * How long a test user's own token (token mode) stays valid: as long as the run can last, plus
   * the time to stop, so that it outlives every use and expires soon after.
   */
  public Duration userTokenLifetime() {
    return load.maxDuration().plus(timeouts.stop()).plus(Duration.ofMinutes(10));
  }

  /** The session a user has under this run's profile: hubtraf's users are active for its times. */
  public Session effectiveSession() {
    return effectiveSession(load.profile(), session);
  }

  static Session effectiveSession(LoadProfile profile, Session session) {
    if (profile instanceof LoadProfile.Hubtraf hubtraf) {
      return new Session(Behaviour.ACTIVE, hubtraf.minSession(), hubtraf.maxSession());
    }
    return session;
  }

  /**
   * An upper bound on one user's journey when every wait runs to its timeout: a dozen requests (login, spawn, open server with its redirects, kernel, stop), the
   * spawn, two waits for a server to go (a leftover one, then its own, each possibly behind a
   * pending spawn), the workload's executions with their think times, the longest session (plus
   * one more round of the workload for an active user), and the websocket handshake (Gatling's
   * own 60 s request timeout).
   */
  static Duration longestJourney(
      LoadProfile profile, Session configuredSession, Execute execute, Timeouts timeouts) {
    Session session = effectiveSession(profile, configuredSession);
    Duration stopWait =
        timeouts.stop().plus(timeouts.spawn()).plus(timeouts.request().multipliedBy(2));
    Duration workloadOnce =
        timeouts.execute().plus(execute.thinkTime()).multipliedBy(execute.workload().size());
    return timeouts
        .request()
        .multipliedBy(12)
        .plus(timeouts.spawn())
        .plus(stopWait.multipliedBy(2))
        .plus(workloadOnce.multipliedBy(execute.repeat()))
        .plus(session.idleMax())
        .plus(session.behaviour() == Behaviour.ACTIVE ? workloadOnce : Duration.ZERO)
        .plus(Duration.ofSeconds(60));
  }

  /**
   * How long a run can go on after its last user arrives: that user's longest journey, then the
   * end-of-run cleanup, with its checks and stops (timeout.request, twice timeout.stop,
   * timeout.spawn).
   */
  static Duration afterLastArrival(
      LoadProfile profile, Session configuredSession, Execute execute, Timeouts timeouts) {
    return longestJourney(profile, configuredSession, execute, timeouts)
        .plus(timeouts.request())
        .plus(timeouts.stop().multipliedBy(2))
        .plus(timeouts.spawn());
  }

  /** See {@link #afterLastArrival(LoadProfile, Session, Execute, Timeouts)}. */
  public Duration afterLastArrival() {
    return afterLastArrival(load.profile(), session, execute, timeouts);
  }

  /** See {@link #longestJourney(LoadProfile, Session, Execute, Timeouts)}. */
  public Duration longestJourney() {
    return longestJourney(load.profile(), session, execute, timeouts);
  }

  /**
   * What a load run needs beyond valid values, checked by the run rather than by every reader of
   * the settings (the regression check and the purge read them too, with other needs): token mode
   * against a hub needs an admin token; the local hub has its own.
   *
   * @throws InvalidSettingException naming the missing setting
   */
  public void requireWhatTheRunNeeds() {
    if (hub.auth() == Auth.TOKEN && hub.url().isPresent() && hub.adminToken().isEmpty()) {
      throw new InvalidSettingException(
          "hub.admin-token",
          "(empty)",
          "token mode needs an admin token; set HUB_ADMIN_TOKEN (hub.auth = token)");
    }
  }

  /** The same settings with another load. */
  public Settings withLoad(Load newLoad) {
    return new Settings(hub, users, newLoad, session, execute, timeouts, gate, regression, purge, localHub);
  }

  /** The same settings with another idle time. */
  public Settings withSession(Session newSession) {
    return new Settings(hub, users, load, newSession, execute, timeouts, gate, regression, purge, localHub);
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

    Optional<URI> url = hubUrl(r.string("hub.url"));
    Auth auth = r.choice("hub.auth", Auth.class);
    String adminToken = r.secret("hub.admin-token").strip();
    Hub hub =
        new Hub(
            url,
            auth,
            r.secret("hub.password"),
            adminToken,
            serverName(r.string("hub.server-name")),
            userOptions(r.string("hub.user-options")),
            r.choice("hub.running-server", RunningServer.class),
            r.choice("hub.throttled-spawn", ThrottledSpawn.class));

    String prefix = r.string("users.prefix");
    if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
      throw new InvalidSettingException(
          "users.prefix",
          prefix,
          "use 1 to 32 lower-case letters, digits, '-' or '_', starting with a letter or digit");
    }

    LoadProfile profile = LoadProfile.read(r);

    Session session =
        new Session(
            r.choice("session.behaviour", Behaviour.class),
            r.duration("session.idle.min", ZERO, DAY),
            r.duration("session.idle.max", ZERO, DAY));
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
    String notebook = r.string("execute.notebook");
    List<Cell> workload;
    if (notebook.isEmpty()) {
      String code = r.raw("execute.code");
      if (code.isBlank()) {
        throw new InvalidSettingException("execute.code", "\"\"", "there must be code to run");
      }
      workload = List.of(new Cell("execute", code, r.raw("execute.expected")));
    } else {
      workload = NotebookFile.cells("execute.notebook", notebook);
    }
    Execute execute =
        new Execute(
            kernel,
            workload,
            notebook.isEmpty() ? Optional.empty() : Optional.of(notebook),
            r.integer("execute.repeat", 1, 10_000),
            r.duration("execute.think-time", ZERO, DAY));

    Timeouts timeouts =
        new Timeouts(
            r.duration("timeout.request", SECOND, DAY),
            r.duration("timeout.spawn", SECOND, DAY),
            r.duration("timeout.execute", SECOND, DAY),
            r.duration("timeout.stop", SECOND, DAY));

    Gate gate = new Gate(r.number("gate.min-ok-percent", 0, 100));

    Purge purge = new Purge(r.bool("purge.dry-run"), r.bool("purge.delete-users"));

    Regression regression =
        new Regression(
            r.string("regression.current"),
            r.string("regression.baseline"),
            r.number("regression.tolerance", 0, 100_000),
            tolerances(r.string("regression.tolerances")),
            r.duration("regression.floor", ZERO, DAY),
            r.number("regression.max-ko-percent", 0, 100),
            r.integer("regression.trend-runs", 2, 1000));

    LocalHub localHub =
        new LocalHub(
            HubRelease.read(r, "localhub.jupyterhub"),
            r.secret("localhub.password"),
            r.bool("localhub.install"),
            r.duration("localhub.install-timeout", SECOND, DAY),
            r.duration("localhub.start-timeout", SECOND, DAY),
            r.duration("localhub.stop-timeout", SECOND, DAY),
            r.integer("localhub.concurrent-spawn-limit", 0, 100_000),
            r.duration("localhub.spawner-start-timeout", SECOND, DAY),
            r.duration("localhub.spawner-http-timeout", SECOND, DAY),
            r.duration("localhub.throttle-retry-min", SECOND, DAY),
            r.duration("localhub.throttle-retry-max", SECOND, DAY),
            r.duration("localhub.spawn-delay", ZERO, Duration.ofHours(1)),
            r.string("localhub.refuse-user-stop"));
    if (localHub.throttleRetryMin().compareTo(localHub.throttleRetryMax()) > 0) {
      throw new InvalidSettingException(
          "localhub.throttle-retry-min",
          r.string("localhub.throttle-retry-min"),
          "above localhub.throttle-retry-max (" + r.string("localhub.throttle-retry-max") + ")");
    }

    // After the last user, the end-of-run cleanup (see LeftoverServers.longest) must fit too.
    Duration longest = afterLastArrival(profile, session, execute, timeouts);
    Duration needed = profile.injectionDuration().plus(longest);
    String maxRaw = r.string("load.max-duration");
    Duration maxDuration;
    if (maxRaw.equalsIgnoreCase("auto")) {
      maxDuration = needed;
    } else {
      maxDuration = r.duration("load.max-duration", SECOND, WEEK);
      if (needed.compareTo(maxDuration) > 0) {
        // Gatling ends every user at max-duration wherever it is: one cut off before its stop step
        // would leave its server running on the hub.
        throw new InvalidSettingException(
            "load.max-duration",
            maxRaw,
            "too short: the last user starts after "
                + Durations.format(profile.injectionDuration())
                + " (the "
                + profile.name()
                + " profile) and may need "
                + Durations.format(longest)
                + " to finish (its journey, then the end-of-run cleanup: the timeout.* settings, executions, session); use auto, or at least "
                + Durations.format(needed));
      }
    }
    return new Settings(
        hub,
        new Users(prefix),
        new Load(profile, maxDuration),
        session,
        execute,
        timeouts,
        gate,
        regression,
        purge,
        localHub);
  }

  /** "spawn to ready=50, stop to gone=100": entry name to tolerance in percent. */
  private static Map<String, Double> tolerances(String raw) {
    Map<String, Double> tolerances = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return tolerances;
    }
    for (String item : raw.split(",")) {
      int eq = item.lastIndexOf('=');
      String value = eq < 0 ? "" : item.substring(eq + 1).strip();
      try {
        double percent = Double.parseDouble(value);
        if (eq <= 0 || percent < 0) {
          throw new NumberFormatException();
        }
        tolerances.put(item.substring(0, eq).strip(), percent);
      } catch (NumberFormatException e) {
        throw new InvalidSettingException(
            "regression.tolerances", raw, "write entry=percent pairs, e.g. spawn to ready=50, stop to gone=100");
      }
    }
    return tolerances;
  }

  /** A server name template: URL-safe characters and {n}. */
  private static Optional<String> serverName(String template) {
    if (template.isEmpty()) {
      return Optional.empty();
    }
    if (!template.replace("{n}", "1").matches("[A-Za-z0-9._~-]{1,64}")) {
      throw new InvalidSettingException(
          "hub.server-name",
          template,
          "use up to 64 letters, digits, '.', '_', '~' or '-', and {n} for the user's number");
    }
    return Optional.of(template);
  }

  private static Optional<ObjectNode> userOptions(String json) {
    if (json.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidSettingException(
          "hub.user-options", json, "not JSON (" + e.getOriginalMessage() + ")");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidSettingException(
          "hub.user-options", json, "must be a JSON object, e.g. {\"profile\": \"small\"}");
    }
    return Optional.of((ObjectNode) node);
  }

  /**
   * An absolute http(s) URL without credentials, query or fragment; the trailing slash is dropped
   * so that paths such as {@code /hub/login} can be appended.
   */
  private static Optional<URI> hubUrl(String raw) {
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    // A URL may hold credentials (user:password@) or a token (?token=...): messages show it without.
    String shown = redacted(raw);
    URI uri;
    try {
      uri = new URI(raw);
    } catch (URISyntaxException e) {
      throw new InvalidSettingException("hub.url", shown, "not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new InvalidSettingException(
          "hub.url", shown, "must start with http:// or https://, e.g. https://hub.example.org");
    }
    if (uri.getRawUserInfo() != null || raw.contains("@")) {
      throw new InvalidSettingException("hub.url", shown, "must not contain user:password@");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidSettingException("hub.url", shown, "has no host name");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new InvalidSettingException("hub.url", shown, "must not have a ?query or #fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/hub")) {
      throw new InvalidSettingException(
          "hub.url", shown, "give the hub's base URL without /hub, e.g. https://hub.example.org");
    }
    return Optional.of(URI.create(scheme + "://" + uri.getRawAuthority() + path));
  }

  /** The URL with credentials (anything ending in '@'), query and fragment replaced by ***. */
  static String redacted(String url) {
    return url.replaceAll("[?#].*$", "?***").replaceAll("[^/@]*@", "***@");
  }
}
