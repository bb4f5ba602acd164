package io.hubload.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hubload.report.EntryStats;
import io.hubload.report.RunSummary;
import io.hubload.testing.ForkedGatling;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every load profile and both behaviours run against the local hub with small parameters, every
 * request OK (the gate raised to 100 %).
 */
class ProfilesIT {

  private static final Duration LIMIT = Duration.ofMinutes(4);

  @Test
  void stepsRaiseConcurrencyLevelByLevel() throws Exception {
    ForkedGatling.Result run =
        journey()
            .set("load.profile", "steps")
            .set("load.steps.users-per-step", "1")
            .set("load.steps.levels", "2")
            .set("load.steps.hold", "8s")
            .set("load.steps.ramp", "1s")
            .run(LIMIT);

    RunSummary summary = passed(run);
    assertEquals(2, summary.peakConcurrentUsers(), "two levels of one user: at most two at once");
    assertTrue(spawns(summary) >= 2, "closed model: users replaced as they finish");
  }

  @Test
  void activeUsersRunTheNotebookAgainAndAgain() throws Exception {
    ForkedGatling.Result run =
        journey()
            .set("load.users", "2")
            .set("load.ramp", "2s")
            .set("session.behaviour", "active")
            .set("session.idle.min", "4s")
            .set("session.idle.max", "4s")
            .set("execute.notebook", "example.ipynb")
            .set("execute.think-time", "200ms")
            .run(LIMIT);

    RunSummary summary = passed(run);
    for (int cell = 1; cell <= 4; cell++) {
      EntryStats entry = summary.entry("execute / execute cell " + cell).orElseThrow();
      assertTrue(entry.ok() >= 4, "cell " + cell + ": the first run and more, for each user: " + entry.ok());
    }
  }

  @Test
  void hubtrafSoakAndSpikeRunBriefly() throws Exception {
    Map<String, String[]> profiles =
        Map.of(
            "hubtraf",
                new String[] {"load.users", "2", "load.hubtraf.max-start-delay", "3s", "load.hubtraf.min-session", "2s", "load.hubtraf.max-session", "3s"},
            "soak", new String[] {"load.users", "1", "load.ramp", "0s", "load.soak.duration", "6s"},
            "spike", new String[] {"load.users", "2"});
    for (Map.Entry<String, String[]> profile : profiles.entrySet()) {
      ForkedGatling forked = journey().set("load.profile", profile.getKey());
      String[] parameters = profile.getValue();
      for (int i = 0; i < parameters.length; i += 2) {
        forked.set(parameters[i], parameters[i + 1]);
      }
      RunSummary summary = passed(forked.run(LIMIT));
      assertEquals(profile.getKey(), summary.run().profile().name());
      assertTrue(spawns(summary) >= 1, profile.getKey());
    }
  }

  @Test
  void aThrottledSpawnIsRetriedAfterTheHubsRetryAfter() throws Exception {
    ForkedGatling.Result run =
        journey()
            .set("load.profile", "spike")
            .set("load.users", "2")
            .set("localhub.concurrent-spawn-limit", "1")
            .set("localhub.spawn-delay", "3s")
            .set("localhub.throttle-retry-min", "1s")
            .set("localhub.throttle-retry-max", "2s")
            .run(LIMIT);

    RunSummary summary = passed(run);
    assertEquals(2, spawns(summary), "both users got their server");
    assertTrue(
        summary.entry("spawn / spawn request").orElseThrow().count() > 2,
        "one of them was told to come back (429) and did");
    Map<?, ?> hubSpawns = (Map<?, ?>) summary.hubMetrics().get("spawnDuration");
    assertTrue(hubSpawns.containsKey("throttled"), "the hub counted the throttling: " + hubSpawns);
  }

  /** A short journey with the gate at 100 %. */
  private static ForkedGatling journey() {
    return ForkedGatling.simulation("UserJourneySimulation")
        .set("gate.min-ok-percent", "100")
        .set("session.idle.min", "1s")
        .set("session.idle.max", "2s");
  }

  private static RunSummary passed(ForkedGatling.Result run) throws Exception {
    assertEquals(0, run.exitCode(), run::toString);
    RunSummary summary = RunSummary.read(run.reportDir().resolve(RunSummary.FILE));
    EntryStats all = summary.entry("All Requests").orElseThrow();
    assertEquals(0, all.ko(), run::toString);
    return summary;
  }

  private static long spawns(RunSummary summary) {
    return summary.entry("spawn to ready").orElseThrow().ok();
  }
}
