package io.hubload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.hubload.config.LoadProfile;
import io.hubload.config.Shard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Turns a {@link LoadProfile} into Gatling's injection of the journey's users: this injector's
 * {@link Shard} of it. Every count (users, each level of steps) is shared; times are not, so that
 * N injectors started together make the profile's load between them.
 */
final class Injection {

  private Injection() {}

  static PopulationBuilder of(ScenarioBuilder journey, LoadProfile profile, Shard shard, Random random) {
    return profile.closedModel()
        ? journey.injectClosed(closedPlan(profile, shard))
        : journey.injectOpen(openPlan(profile, shard, random));
  }

  /** This injector's arrivals of an open profile (ramp, spike, hubtraf). */
  static List<OpenInjectionStep> openPlan(LoadProfile profile, Shard shard, Random random) {
    if (profile instanceof LoadProfile.Ramp ramp) {
      return List.of(arrivals(shard.of(ramp.users()), ramp.over()));
    }
    if (profile instanceof LoadProfile.Spike spike) {
      return List.of(arrivals(shard.of(spike.users()), spike.within()));
    }
    LoadProfile.Hubtraf hubtraf = (LoadProfile.Hubtraf) profile;
    return randomArrivals(shard.of(hubtraf.users()), hubtraf.maxStartDelay(), random);
  }

  /** This injector's concurrency over time of a closed profile (steps, soak). */
  static List<ClosedInjectionStep> closedPlan(LoadProfile profile, Shard shard) {
    if (profile instanceof LoadProfile.Steps steps) {
      return steps(steps, shard);
    }
    if (profile instanceof LoadProfile.Capacity capacity) {
      return levels(capacity.concurrencyLevels(), 0, capacity.ramp(), capacity.hold(), shard);
    }
    LoadProfile.Soak soak = (LoadProfile.Soak) profile;
    int users = shard.of(soak.users());
    List<ClosedInjectionStep> plan = new ArrayList<>();
    if (!soak.rampUp().isZero()) {
      plan.add(rampConcurrentUsers(0).to(users).during(soak.rampUp()));
    }
    plan.add(constantConcurrentUsers(users).during(soak.duration()));
    return plan;
  }

  /** n users evenly over a period, or all at once. */
  static OpenInjectionStep arrivals(int users, Duration over) {
    return over.isZero() ? atOnceUsers(users) : rampUsers(users).during(over);
  }

  /**
   * Each user at a random moment of the window, as hubtraf's uniformly random start delays. The
   * users are injected when they start, rather than started at once to sleep, so that Gatling's
   * active-users chart shows who is really there.
   */
  static List<OpenInjectionStep> randomArrivals(int users, Duration window, Random random) {
    if (window.isZero()) {
      return List.of(atOnceUsers(users));
    }
    long[] offsets = new long[users];
    for (int i = 0; i < users; i++) {
      offsets[i] = (long) (random.nextDouble() * window.toMillis());
    }
    Arrays.sort(offsets);
    List<OpenInjectionStep> plan = new ArrayList<>();
    long previous = 0;
    int i = 0;
    while (i < users) {
      int together = 1;
      while (i + together < users && offsets[i + together] == offsets[i]) {
        together++;
      }
      if (offsets[i] > previous) {
        plan.add(nothingFor(Duration.ofMillis(offsets[i] - previous)));
      }
      plan.add(atOnceUsers(together));
      previous = offsets[i];
      i += together;
    }
    return plan;
  }

  /**
   * Each level reached over the ramp, then held. Written out rather than with Gatling's
   * incrementConcurrentUsers, whose first level is startingFrom when that is above 0 but
   * increment when it is 0: here the first level is always start-from + users-per-step.
   */
  static List<ClosedInjectionStep> steps(LoadProfile.Steps steps, Shard shard) {
    return levels(steps.concurrencyLevels(), steps.startFrom(), steps.ramp(), steps.hold(), shard);
  }

  /** Each level of concurrency reached over the ramp from the one before (or from), then held. */
  static List<ClosedInjectionStep> levels(List<Integer> levels, int from, Duration ramp, Duration hold, Shard shard) {
    List<ClosedInjectionStep> plan = new ArrayList<>();
    int previous = shard.of(from);
    for (int whole : levels) {
      int level = shard.of(whole);
      if (!ramp.isZero()) {
        plan.add(rampConcurrentUsers(previous).to(level).during(ramp));
      }
      plan.add(constantConcurrentUsers(level).during(hold));
      previous = level;
    }
    return plan;
  }
}
