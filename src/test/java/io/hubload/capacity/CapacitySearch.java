package io.hubload.capacity;

import io.hubload.config.LoadProfile;
import io.hubload.config.SloSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The capacity search of one run (load.profile = capacity), live while its users come and go.
 *
 * <p>Each user is counted in the level it arrived in ({@link Climb}), and reports its spawn, its
 * executions and its first result as they happen. Once a level's time is over and every user who
 * arrived in it has its first result or has failed, the level is judged on the service levels
 * ({@link ServiceLevels}) and its line printed. The first level that breaks one is the answer: the
 * run is told to end ({@code onBroken}), so that the climb goes no further into a hub that is
 * already failing. The levels above it, climbed to while it was judged, are not judged.
 */
public final class CapacitySearch {

  /** The hub's own latency (GET /hub/api) over a time window, from the run's timeline; null if none. */
  public interface HubLatency {
    Long p95Millis(long fromEpochMillis, long toEpochMillis);
  }

  private static volatile CapacitySearch current;

  private final Climb climb;
  private final SloSettings slo;
  private final int ceiling;
  private final HubLatency hubLatency;
  private final Consumer<Verdict> onBroken;
  private final List<List<Arrival>> arrivals = new ArrayList<>();
  private final List<Verdict.Level> judged = new ArrayList<>();
  private volatile long startedAt = -1;
  private Verdict verdict;
  private ScheduledExecutorService ticker;

  CapacitySearch(Climb climb, SloSettings slo, int ceiling, HubLatency hubLatency, Consumer<Verdict> onBroken) {
    this.climb = climb;
    this.slo = slo;
    this.ceiling = ceiling;
    this.hubLatency = hubLatency;
    this.onBroken = onBroken;
    for (int i = 0; i < climb.levels().size(); i++) {
      arrivals.add(Collections.synchronizedList(new ArrayList<>()));
    }
  }

  /** The search of this run; its users report to it. */
  public static CapacitySearch start(
      LoadProfile.Capacity profile, SloSettings slo, HubLatency hubLatency, Consumer<Verdict> onBroken) {
    current = new CapacitySearch(Climb.of(profile), slo, profile.ceiling(), hubLatency, onBroken);
    return current;
  }

  /** The search under way in this JVM, if the run is one. */
  public static Optional<CapacitySearch> current() {
    return Optional.ofNullable(current);
  }

  /** The first users are about to be injected: the levels' clock starts, and the judging. */
  public synchronized void injectionStarts() {
    if (startedAt >= 0) {
      return;
    }
    startedAt = System.currentTimeMillis();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "hubload-capacity");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(() -> judgeDue(System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
  }

  /** A user arrives: counted in the level under way. */
  public Arrival arrive() {
    synchronized (this) {
      if (startedAt < 0) {
        injectionStarts();
      }
    }
    return arrive(System.currentTimeMillis());
  }

  /** The clock starts at {@code epochMillis}, without the judging thread: for tests. */
  synchronized void startedAt(long epochMillis) {
    startedAt = epochMillis;
  }

  Arrival arrive(long now) {
    Arrival arrival = new Arrival(climb.levelAt(now - startedAt), now);
    arrivals.get(arrival.level).add(arrival);
    return arrival;
  }

  /** Judges every level whose time is over and whose users have all settled, in order. */
  synchronized void judgeDue(long now) {
    while (verdict == null && judged.size() < climb.levels().size()) {
      int index = judged.size();
      if (startedAt < 0 || now - startedAt < climb.endOf(index)) {
        return;
      }
      List<Arrival> users = snapshot(index);
      if (!users.stream().allMatch(Arrival::settled)) {
        return;
      }
      LevelFigures figures = figures(index, users);
      List<String> broken = ServiceLevels.broken(slo, figures);
      Verdict.Level level =
          new Verdict.Level(climb.levels().get(index), broken.isEmpty() ? Verdict.Outcome.HELD : Verdict.Outcome.BROKE, figures, broken);
      judged.add(level);
      System.out.println("hubload: capacity: " + Lines.level(level));
      if (!broken.isEmpty()) {
        verdict = Verdict.of(withUnjudged(), ceiling, climb.levels(), Verdict.Limits.of(slo));
        stopTicker();
        onBroken.accept(verdict);
      }
    }
  }

  /**
   * The run is over: the levels that can be judged are, the others are marked not judged, and the
   * verdict is final.
   */
  public synchronized Verdict finish() {
    return finish(System.currentTimeMillis());
  }

  synchronized Verdict finish(long now) {
    judgeDue(now);
    stopTicker();
    if (verdict == null) {
      verdict = Verdict.of(withUnjudged(), ceiling, climb.levels(), Verdict.Limits.of(slo));
    }
    return verdict;
  }

  private List<Verdict.Level> withUnjudged() {
    List<Verdict.Level> all = new ArrayList<>(judged);
    for (int i = judged.size(); i < climb.levels().size(); i++) {
      List<Arrival> users = snapshot(i);
      if (users.isEmpty()) {
        break; // never climbed to
      }
      all.add(new Verdict.Level(climb.levels().get(i), Verdict.Outcome.NOT_JUDGED, figures(i, users), List.of()));
    }
    return all;
  }

  private LevelFigures figures(int index, List<Arrival> users) {
    Long hubApi =
        startedAt < 0 ? null : hubLatency.p95Millis(startedAt + climb.startOf(index), startedAt + climb.endOf(index));
    return LevelFigures.of(climb.levels().get(index), users, hubApi);
  }

  private List<Arrival> snapshot(int index) {
    List<Arrival> users = arrivals.get(index);
    synchronized (users) {
      return List.copyOf(users);
    }
  }

  private void stopTicker() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
