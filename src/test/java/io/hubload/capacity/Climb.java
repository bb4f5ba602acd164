package io.hubload.capacity;

import io.hubload.config.LoadProfile;
import java.util.List;

/**
 * The capacity search's levels in time, from the moment the injection starts: level i is reached
 * over the ramp and then held, so it spans [i * (ramp + hold), (i + 1) * (ramp + hold)). A user
 * belongs to the level whose span it arrived in.
 */
record Climb(List<Integer> levels, long rampMillis, long holdMillis) {

  static Climb of(LoadProfile.Capacity profile) {
    return new Climb(profile.concurrencyLevels(), profile.ramp().toMillis(), profile.hold().toMillis());
  }

  /** The level a user arriving this long after the start belongs to; past the last, the last. */
  int levelAt(long elapsedMillis) {
    long span = rampMillis + holdMillis;
    long index = Math.max(0, elapsedMillis) / span;
    return (int) Math.min(index, levels.size() - 1);
  }

  /** When level {@code index}'s hold ends, after the start. */
  long endOf(int index) {
    return (index + 1) * (rampMillis + holdMillis);
  }

  /** When level {@code index}'s ramp starts, after the start. */
  long startOf(int index) {
    return index * (rampMillis + holdMillis);
  }
}
