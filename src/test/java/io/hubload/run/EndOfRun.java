package io.hubload.run;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.hubload.journey.WallClock;
import java.util.Optional;

/**
 * What runs once the last user's journey has ended: one virtual user that checks the hub for test
 * users' servers still running and stops them ({@link LeftoverServers}). Its report entry
 * "leftover servers" is KO when a server could not be stopped, and the run's assertion on it fails
 * the run; a run cut short before it (load.max-duration) has no such entry, which fails the same
 * assertion.
 *
 * <p>The entry's time is 0: it records the verdict. The cleanup's calls block the virtual user's thread; with the journey's users all gone, there
 * is nothing else for that thread to serve.
 */
public final class EndOfRun {

  /** The report entry: the check and the stops, as one wall-time span. */
  public static final String ENTRY = "leftover servers";

  private static final String SPAN = "leftovers";
  private static final String PROBLEM = "leftoverProblem";

  private EndOfRun() {}

  public static ScenarioBuilder stopWhatIsLeft(LeftoverServers leftovers) {
    return scenario("end of run")
        .exec(
            session ->
                leftovers
                    .runOnce()
                    .flatMap(LeftoverServers.Outcome::problem)
                    .map(problem -> session.set(PROBLEM, problem))
                    .orElse(session))
        // A verdict, not a timing: recorded at the end with no duration, so that the regression
        // check, which compares p95s, never reads the time it took to list or stop as a slowdown.
        .exec(WallClock.start(SPAN))
        .exec(WallClock.record(ENTRY, SPAN, session -> Optional.ofNullable(session.getString(PROBLEM))));
  }

  /** Fails the run when a server was left running, or when the check never ran. */
  public static Assertion nothingLeftRunning() {
    return details(ENTRY).failedRequests().count().is(0L);
  }
}
