package io.hubload.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Every setting of a run, typed and validated, one record per section of {@code application.conf}
 * (each reads and checks its own keys). Read once per run with {@link #read()}; tests build one
 * from any {@link Config} with {@link #from(Config)}.
 *
 * <p>The keys, their defaults and their meaning live in {@code application.conf}; these classes
 * refuse values that would make a run meaningless, before the first request is sent.
 */
public record Settings(
    HubSettings hub,
    UserSettings users,
    LoadSettings load,
    SessionSettings session,
    ExecuteSettings execute,
    Timeouts timeouts,
    Gate gate,
    SloSettings slo,
    RegressionSettings regression,
    PurgeSettings purge,
    LocalHubSettings localHub,
    MetricsSettings metrics,
    DistributedSettings distributed,
    CollectSettings collect,
    MergeSettings merge) {

  /** The settings of this process (system properties, environment, application.conf). */
  public static Settings read() {
    return from(SettingsSource.fromEnvironment());
  }

  /** Reads and validates every setting; the first bad one throws. */
  public static Settings from(Config config) {
    SettingReader r = new SettingReader(config);
    HubSettings hub = HubSettings.read(r);
    UserSettings users = UserSettings.read(r);
    LoadProfile profile = LoadProfile.read(r);
    SessionSettings session = SessionSettings.read(r);
    ExecuteSettings execute = ExecuteSettings.read(r);
    Timeouts timeouts = Timeouts.read(r);
    Gate gate = Gate.read(r);
    SloSettings slo = SloSettings.read(r);
    PurgeSettings purge = PurgeSettings.read(r);
    RegressionSettings regression = RegressionSettings.read(r);
    LocalHubSettings localHub = LocalHubSettings.read(r);
    MetricsSettings metrics = MetricsSettings.read(r);
    DistributedSettings distributed = DistributedSettings.read(r);
    CollectSettings collect = CollectSettings.read(r);
    MergeSettings merge = MergeSettings.read(r);
    LoadSettings load = LoadSettings.read(r, profile, RunBudget.afterLastArrival(profile, session, execute, timeouts));
    requireAShareForEach(profile, distributed.shard(), hub);
    if (profile instanceof LoadProfile.Capacity && !slo.any()) {
      throw new InvalidSettingException(
          "load.profile", "capacity", "a capacity search needs at least one service level, but every slo.* is off");
    }
    return new Settings(hub, users, load, session, execute, timeouts, gate, slo, regression, purge, localHub, metrics, distributed, collect, merge);
  }

  /**
   * How long a test user's own token (token mode) stays valid: as long as the run can last, plus
   * the time to stop, so that it outlives every use and expires soon after.
   */
  public Duration userTokenLifetime() {
    return load.maxDuration().plus(timeouts.stop()).plus(Duration.ofMinutes(10));
  }

  /** The session a user has under this run's profile: hubtraf's users are active for its times. */
  public SessionSettings effectiveSession() {
    return session.under(load.profile());
  }

  /**
   * What a load run needs beyond valid values, checked by the run rather than by every reader of
   * the settings (the regression check and the purge read them too, with other needs): token mode
   * against a hub needs an admin token; the local hub has its own.
   *
   * @throws InvalidSettingException naming the missing setting
   */
  public void requireWhatTheRunNeeds() {
    distributed.requireStartAhead(java.time.Clock.systemUTC());
    if (hub.auth() == HubSettings.Auth.TOKEN && hub.url().isPresent() && hub.adminToken().isEmpty()) {
      throw new InvalidSettingException(
          "hub.admin-token",
          "(empty)",
          "token mode needs an admin token; set HUB_ADMIN_TOKEN (hub.auth = token)");
    }
  }

  /** The same settings with another load. */
  public Settings withLoad(LoadSettings newLoad) {
    return new Settings(hub, users, newLoad, session, execute, timeouts, gate, slo, regression, purge, localHub, metrics, distributed, collect, merge);
  }

  /** The same settings with another session. */
  public Settings withSession(SessionSettings newSession) {
    return new Settings(hub, users, load, newSession, execute, timeouts, gate, slo, regression, purge, localHub, metrics, distributed, collect, merge);
  }

  /**
   * Refuses a load that several injectors cannot share: one whose smallest count (the users, or the
   * first level of steps) leaves an injector nothing to do, and injectors that would each start a
   * local hub of their own rather than load one hub together.
   */
  private static void requireAShareForEach(LoadProfile profile, Shard shard, HubSettings hub) {
    if (shard.isWhole()) {
      return;
    }
    if (profile instanceof LoadProfile.Capacity) {
      throw new InvalidSettingException(
          "distributed.injectors",
          Integer.toString(shard.count()),
          "a capacity search runs on one injector: it ends the climb at the first level that breaks, which one injector alone judges");
    }
    if (hub.url().isEmpty()) {
      throw new InvalidSettingException(
          "distributed.injectors",
          Integer.toString(shard.count()),
          "several injectors need hub.url: without it each would start a local hub of its own");
    }
    int smallest = profile.smallestCount();
    if (smallest < shard.count()) {
      String key = profile instanceof LoadProfile.Steps ? "load.steps.users-per-step" : "load.users";
      throw new InvalidSettingException(
          "distributed.injectors",
          Integer.toString(shard.count()),
          "more injectors than "
              + (profile instanceof LoadProfile.Steps ? "the first level's " + smallest + " users" : smallest + " users")
              + " (" + key + "): an injector would have none");
    }
  }
}
