package io.hubload.capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * One user's visit as the capacity search sees it: the level it arrived in, and its figures as they
 * come. Settled once it has its first result or has failed on the way; a level is judged when all
 * its arrivals have settled.
 */
public final class Arrival {

  final int level;
  final long arrivedAt;
  private Long spawnMillis;
  private Long firstResultMillis;
  private final List<Long> executeMillis = new ArrayList<>();
  private boolean failed;
  private Boolean waitedForNode;

  Arrival(int level, long arrivedAt) {
    this.level = level;
    this.arrivedAt = arrivedAt;
  }

  public synchronized void spawned(long millis) {
    spawnMillis = millis;
  }

  /** The spawn's phases were read: whether it waited for a node's scale-up. */
  public synchronized void waitedForNode(boolean waited) {
    waitedForNode = waited;
  }

  synchronized Boolean waitedForNode() {
    return waitedForNode;
  }

  public synchronized void executed(long now, long millis) {
    executeMillis.add(millis);
    if (firstResultMillis == null) {
      firstResultMillis = now - arrivedAt;
    }
  }

  /** The journey's steps ended: without a result, the user failed. */
  public synchronized void ended() {
    if (firstResultMillis == null) {
      failed = true;
    }
  }

  synchronized boolean settled() {
    return failed || firstResultMillis != null;
  }

  synchronized boolean failed() {
    return failed;
  }

  synchronized Long spawnMillis() {
    return spawnMillis;
  }

  synchronized Long firstResultMillis() {
    return firstResultMillis;
  }

  synchronized List<Long> executeMillis() {
    return List.copyOf(executeMillis);
  }
}
