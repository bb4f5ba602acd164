package io.hubload.config;

import java.time.Duration;

/**
 * load.*: the load profile, and the bound on the whole run.
 *
 * @param maxDuration the bound on the whole run, given or worked out ("auto")
 */
public record LoadSettings(LoadProfile profile, Duration maxDuration) {

  /**
   * @param afterLastArrival how long the run can go on after its last user arrives ({@link
   *     RunBudget#afterLastArrival}): load.max-duration must leave that much room
   */
  static LoadSettings read(SettingReader r, LoadProfile profile, Duration afterLastArrival) {
    Duration needed = profile.injectionDuration().plus(afterLastArrival);
    String raw = r.string("load.max-duration");
    if (raw.equalsIgnoreCase("auto")) {
      return new LoadSettings(profile, needed);
    }
    Duration maxDuration = r.duration("load.max-duration", Duration.ofSeconds(1), Duration.ofDays(7));
    if (needed.compareTo(maxDuration) > 0) {
      // Gatling ends every user at max-duration wherever it is: one cut off before its stop step
      // would leave its server running on the hub.
      throw new InvalidSettingException(
          "load.max-duration",
          raw,
          "too short: the last user starts after "
              + Durations.format(profile.injectionDuration())
              + " (the "
              + profile.name()
              + " profile) and may need "
              + Durations.format(afterLastArrival)
              + " to finish (its journey, then the end-of-run cleanup: the timeout.* settings, executions, session); use auto, or at least "
              + Durations.format(needed));
    }
    return new LoadSettings(profile, maxDuration);
  }
}
