package io.hubload.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One moment of the hub's timeline (hub.html, summary.json's {@code timeline}).
 *
 * @param at when, epoch ms
 * @param heartbeatMs how long {@code GET /hub/api} took; null when it did not answer
 * @param usersActive virtual users whose journey was under way
 * @param spawnsPending spawns asked for and not ended
 * @param nodesSeen distinct nodes the spawns so far landed on (KubeSpawner's events)
 * @param hub the hub's own metrics, when the run could read them
 */
public record TimelineSample(long at, Long heartbeatMs, int usersActive, int spawnsPending, int nodesSeen, Hub hub) {

  /**
   * The hub's metrics at that moment; each null when the hub does not have it.
   *
   * @param requestsPerSecond requests the hub handled per second since the sample before
   * @param requestP95Ms their p95, estimated from the histogram's buckets
   * @param cpuPercent the hub process's CPU since the sample before (100 = one core)
   * @param eventLoopMs how long the hub's event loop was late, per tick, on average over the
   *     interval (JupyterHub 5 and later: jupyterhub_event_loop_interval_seconds)
   * @param eventLoopP99Ms the same, its p99 over the interval, estimated from the buckets
   * @param spawnsByStatus spawns the hub finished since the sample before, by status (success,
   *     failure, throttled...)
   * @param stopsByStatus stops the hub finished since the sample before, by status
   */
  public record Hub(
      Double runningServers,
      Double activeUsers,
      Double requestsPerSecond,
      Double requestP95Ms,
      Double cpuPercent,
      Double memoryMb,
      Double eventLoopMs,
      Double eventLoopP99Ms,
      Map<String, Long> spawnsByStatus,
      Map<String, Long> stopsByStatus) {}

  /** The sample as summary.json and hub.html hold it: absent values left out. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("at", at);
    put(map, "heartbeatMs", heartbeatMs);
    map.put("usersActive", usersActive);
    map.put("spawnsPending", spawnsPending);
    map.put("nodesSeen", nodesSeen);
    if (hub != null) {
      put(map, "runningServers", hub.runningServers());
      put(map, "activeUsers", hub.activeUsers());
      put(map, "requestsPerSecond", round(hub.requestsPerSecond()));
      put(map, "requestP95Ms", round(hub.requestP95Ms()));
      put(map, "hubCpuPercent", round(hub.cpuPercent()));
      put(map, "hubMemoryMb", round(hub.memoryMb()));
      put(map, "eventLoopMs", round(hub.eventLoopMs()));
      put(map, "eventLoopP99Ms", round(hub.eventLoopP99Ms()));
      put(map, "spawnsByStatus", hub.spawnsByStatus());
      put(map, "stopsByStatus", hub.stopsByStatus());
    }
    return map;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 10) / 10.0;
  }
}
