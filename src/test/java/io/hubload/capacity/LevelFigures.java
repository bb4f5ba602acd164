package io.hubload.capacity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One level's figures, over the users who arrived in it: what the service levels are judged on.
 * Times in milliseconds; null where the level has no such figure (no spawn finished, no hub sample).
 *
 * @param users the level's concurrency
 * @param arrived users who arrived while the level was climbed to or held
 * @param failed of them, those who got no result
 * @param spawnP95Ms "spawn to ready" p95
 * @param firstResultP95Ms from arrival (the login page) to the first execute reply, p95
 * @param executeP95Ms execution round trips, p95
 * @param failedPercent failed as a share of arrived
 * @param hubApiP95Ms GET /hub/api p95 over the level's time, from the hub's timeline
 * @param nodeWaitPercent the share of its spawns that waited for a node's scale-up; null when no
 *     spawn's phases were read
 */
public record LevelFigures(
    int users,
    int arrived,
    int failed,
    Long spawnP95Ms,
    Long firstResultP95Ms,
    Long executeP95Ms,
    double failedPercent,
    Long hubApiP95Ms,
    Double nodeWaitPercent) {

  static LevelFigures of(int users, Collection<Arrival> arrivals, Long hubApiP95Ms) {
    List<Long> spawns = new ArrayList<>();
    List<Long> firstResults = new ArrayList<>();
    List<Long> executes = new ArrayList<>();
    int failed = 0;
    int phasesRead = 0;
    int waitedForNode = 0;
    for (Arrival arrival : arrivals) {
      if (arrival.spawnMillis() != null) {
        spawns.add(arrival.spawnMillis());
      }
      if (arrival.firstResultMillis() != null) {
        firstResults.add(arrival.firstResultMillis());
      }
      executes.addAll(arrival.executeMillis());
      if (arrival.waitedForNode() != null) {
        phasesRead++;
        waitedForNode += arrival.waitedForNode() ? 1 : 0;
      }
      if (arrival.failed()) {
        failed++;
      }
    }
    int arrived = arrivals.size();
    return new LevelFigures(
        users,
        arrived,
        failed,
        p95(spawns),
        p95(firstResults),
        p95(executes),
        arrived == 0 ? 0 : 100.0 * failed / arrived,
        hubApiP95Ms,
        phasesRead == 0 ? null : 100.0 * waitedForNode / phasesRead);
  }

  /** The 95th percentile by the nearest rank (exact, as the levels are small); null for none. */
  static Long p95(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(0.95 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
