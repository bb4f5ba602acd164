package io.hubload.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.hubload.config.LoadProfile;
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
        Injection.steps(new LoadProfile.Steps(1, 2, Duration.ofSeconds(20), Duration.ofSeconds(5), 0));
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
        Injection.steps(new LoadProfile.Steps(10, 2, Duration.ofMinutes(1), Duration.ZERO, 5));
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
}
