package io.hubload.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.hubload.config.LoadProfile;
import io.hubload.config.Shard;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Gatling injection each profile becomes, read back from Gatling's own step objects. */
class InjectionTest {

  @Test
  void rampAndSpikeAreOpenArrivals() {
    assertEquals("RampOpenInjection(100,300 seconds)", Injection.arrivals(100, Duration.ofMinutes(5)).asScala().toString());
    assertEquals("AtOnceOpenInjection(30)", Injection.arrivals(30, Duration.ZERO).asScala().toString());
  }

  @Test
  void stepsRampToEachLevelAndHoldIt() {
    List<ClosedInjectionStep> plan =
        Injection.steps(new LoadProfile.Steps(1, 2, Duration.ofSeconds(20), Duration.ofSeconds(5), 0), Shard.WHOLE);
    assertEquals(
        List.of(
            "RampConcurrentUsersInjection(0,1,5 seconds)",
            "ConstantConcurrentUsersInjection(1,20 seconds)",
            "RampConcurrentUsersInjection(1,2,5 seconds)",
            "ConstantConcurrentUsersInjection(2,20 seconds)"),
        plan.stream().map(step -> step.asScala().toString()).toList());
  }

  @Test
  void stepsWithoutRampsJumpFromTheStartingLevel() {
    List<ClosedInjectionStep> plan =
        Injection.steps(new LoadProfile.Steps(10, 2, Duration.ofMinutes(1), Duration.ZERO, 5), Shard.WHOLE);
    assertEquals(
        List.of(
            "ConstantConcurrentUsersInjection(15,60 seconds)",
            "ConstantConcurrentUsersInjection(25,60 seconds)"),
        plan.stream().map(step -> step.asScala().toString()).toList());
  }

  @Test
  void hubtrafUsersArriveAtRandomMomentsOfTheWindow() {
    List<OpenInjectionStep> plan = Injection.randomArrivals(100, Duration.ofSeconds(60), new Random(42));
    long users = 0;
    long waitedNanos = 0;
    Pattern atOnce = Pattern.compile("AtOnceOpenInjection\\((\\d+)\\)");
    Pattern nothing = Pattern.compile("NothingForOpenInjection\\((\\d+) nanoseconds\\)");
    for (OpenInjectionStep step : plan) {
      String s = step.asScala().toString();
      Matcher m = atOnce.matcher(s);
      if (m.matches()) {
        users += Long.parseLong(m.group(1));
        continue;
      }
      Matcher n = nothing.matcher(s);
      assertTrue(n.matches(), s);
      waitedNanos += Long.parseLong(n.group(1));
    }
    assertEquals(100, users, "every user arrives");
    long waitedMillis = waitedNanos / 1_000_000;
    assertTrue(waitedMillis <= 60_000, "within the window: " + waitedMillis);
    assertTrue(waitedMillis > 45_000, "spread over it, not bunched at the start: " + waitedMillis);
    assertEquals(
        List.of("AtOnceOpenInjection(7)"),
        Injection.randomArrivals(7, Duration.ZERO, new Random()).stream().map(s -> s.asScala().toString()).toList());
  }

  @Test
  void injectorsShareEveryProfileExactly() {
    Duration m = Duration.ofMinutes(1);
    List<LoadProfile> open =
        List.of(
            new LoadProfile.Ramp(100, m),
            new LoadProfile.Spike(10, Duration.ZERO),
            new LoadProfile.Hubtraf(17, m, m, m));
    List<LoadProfile> closed =
        List.of(new LoadProfile.Soak(11, m, m), new LoadProfile.Steps(7, 4, m, Duration.ofSeconds(10), 5));
    for (int injectors : new int[] {1, 2, 3, 7}) {
      for (LoadProfile profile : open) {
        long users = 0;
        for (int i = 0; i < injectors; i++) {
          users += arrivals(Injection.openPlan(profile, new Shard(i, injectors), new Random(i)));
        }
        assertEquals(arrivals(Injection.openPlan(profile, Shard.WHOLE, new Random())), users, profile + " by " + injectors);
      }
      for (LoadProfile profile : closed) {
        // step by step, the injectors' concurrencies add up to the whole's, over the same times
        List<String> whole = Injection.closedPlan(profile, Shard.WHOLE).stream().map(s -> s.asScala().toString()).toList();
        long[][] sums = new long[whole.size()][];
        for (int i = 0; i < injectors; i++) {
          List<String> share = Injection.closedPlan(profile, new Shard(i, injectors)).stream().map(s -> s.asScala().toString()).toList();
          assertEquals(whole.size(), share.size());
          for (int k = 0; k < whole.size(); k++) {
            long[] numbers = numbers(share.get(k));
            sums[k] = sums[k] == null ? numbers : add(sums[k], numbers);
          }
        }
        for (int k = 0; k < whole.size(); k++) {
          long[] expected = numbers(whole.get(k));
          // the counts add up; the duration (the last number) is each injector's, the same
          for (int j = 0; j < expected.length - 1; j++) {
            assertEquals(expected[j], sums[k][j], whole.get(k) + " by " + injectors);
          }
          assertEquals(expected[expected.length - 1] * injectors, sums[k][expected.length - 1]);
        }
      }
    }
  }

  private static long arrivals(List<OpenInjectionStep> plan) {
    long users = 0;
    for (OpenInjectionStep step : plan) {
      Matcher m = Pattern.compile("(?:AtOnce|Ramp)OpenInjection\\((\\d+)").matcher(step.asScala().toString());
      if (m.find()) {
        users += Long.parseLong(m.group(1));
      }
    }
    return users;
  }

  private static long[] numbers(String step) {
    return Pattern.compile("\\d+").matcher(step).results().mapToLong(r -> Long.parseLong(r.group())).toArray();
  }

  private static long[] add(long[] a, long[] b) {
    long[] sum = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    return sum;
  }
}
