package io.hubload.capacity;

import io.hubload.config.Durations;
import io.hubload.config.SloSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges a level's figures against the service levels (slo.*) that are on: each one broken is a
 * sentence with the figure and its limit, "spawn to ready p95 was 41 s (limit 30 s)". A figure the
 * level does not have (no spawn finished: every user failed before) breaks nothing by itself; the
 * failed users' share says what happened.
 */
final class ServiceLevels {

  private ServiceLevels() {}

  static List<String> broken(SloSettings slo, LevelFigures figures) {
    List<String> broken = new ArrayList<>();
    check(broken, "spawn to ready p95", figures.spawnP95Ms(), slo.spawnP95());
    check(broken, "time to first result p95", figures.firstResultP95Ms(), slo.firstResultP95());
    check(broken, "execute p95", figures.executeP95Ms(), slo.executeP95());
    slo.failedUsersPercent()
        .ifPresent(
            limit -> {
              if (figures.failedPercent() > limit) {
                broken.add(
                    String.format(
                        Locale.ROOT,
                        "%d of %d users got no result (%.1f %%, limit %s %%)",
                        figures.failed(),
                        figures.arrived(),
                        figures.failedPercent(),
                        trim(limit)));
              }
            });
    check(broken, "the hub's own API p95", figures.hubApiP95Ms(), slo.hubApiP95());
    slo.nodeWaitPercent()
        .ifPresent(
            limit -> {
              if (figures.nodeWaitPercent() != null && figures.nodeWaitPercent() > limit) {
                broken.add(
                    String.format(
                        Locale.ROOT, "%.1f %% of spawns waited for a node's scale-up (limit %s %%)", figures.nodeWaitPercent(), trim(limit)));
              }
            });
    return broken;
  }

  private static void check(List<String> broken, String figure, Long valueMs, Optional<Duration> limit) {
    if (valueMs != null && limit.isPresent() && valueMs > limit.get().toMillis()) {
      broken.add(figure + " was " + time(valueMs) + " (limit " + Durations.format(limit.get()) + ")");
    }
  }

  /** 41 s, 1.4 s, 250 ms: as a person reads a wait. */
  static String time(long millis) {
    if (millis >= 10_000) {
      return Math.round(millis / 1000.0) + " s";
    }
    if (millis >= 1_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return millis + " ms";
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
