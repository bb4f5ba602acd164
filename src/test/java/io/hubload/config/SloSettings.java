package io.hubload.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * slo.*: the service levels a capacity search (load.profile = capacity) judges each level of users
 * by. Each is optional: "off" leaves it out. Percentiles are over the users who arrived in a level.
 *
 * @param spawnP95 "spawn to ready" p95: how long a person waits for a server
 * @param firstResultP95 from the login page to the first execute reply: what a person waits before
 *     their code has run
 * @param executeP95 one execution's round trip, request to execute_reply
 * @param failedUsersPercent the share of users who got no result (a step failed on the way)
 * @param hubApiP95 GET /hub/api p95 from the hub's timeline over the level: the hub's own
 *     responsiveness
 * @param nodeWaitPercent the share of the level's spawns that waited for a node's scale-up
 *     (KubeSpawner's events, as spawns.csv has them)
 */
public record SloSettings(
    Optional<Duration> spawnP95,
    Optional<Duration> firstResultP95,
    Optional<Duration> executeP95,
    OptionalDouble failedUsersPercent,
    Optional<Duration> hubApiP95,
    OptionalDouble nodeWaitPercent) {

  private static final String OFF = "off";

  static SloSettings read(SettingReader r) {
    Duration day = Duration.ofDays(1);
    Duration ms = Duration.ofMillis(1);
    return new SloSettings(
        duration(r, "slo.spawn-p95", ms, day),
        duration(r, "slo.first-result-p95", ms, day),
        duration(r, "slo.execute-p95", ms, day),
        percent(r, "slo.failed-users-percent"),
        duration(r, "slo.hub-api-p95", ms, day),
        percent(r, "slo.node-wait-percent"));
  }

  private static OptionalDouble percent(SettingReader r, String key) {
    return isOff(r, key) ? OptionalDouble.empty() : OptionalDouble.of(r.number(key, 0, 100));
  }

  private static Optional<Duration> duration(SettingReader r, String key, Duration min, Duration max) {
    return isOff(r, key) ? Optional.empty() : Optional.of(r.duration(key, min, max));
  }

  private static boolean isOff(SettingReader r, String key) {
    return r.string(key).strip().toLowerCase(Locale.ROOT).equals(OFF);
  }

  /** Whether any service level is on. */
  public boolean any() {
    return !names().isEmpty();
  }

  /** The setting names of the service levels that are on, in order. */
  public List<String> names() {
    List<String> on = new ArrayList<>();
    spawnP95.ifPresent(d -> on.add("slo.spawn-p95"));
    firstResultP95.ifPresent(d -> on.add("slo.first-result-p95"));
    executeP95.ifPresent(d -> on.add("slo.execute-p95"));
    failedUsersPercent.ifPresent(d -> on.add("slo.failed-users-percent"));
    hubApiP95.ifPresent(d -> on.add("slo.hub-api-p95"));
    nodeWaitPercent.ifPresent(d -> on.add("slo.node-wait-percent"));
    return on;
  }
}
