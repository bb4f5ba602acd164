package io.hubload.testing;

import io.hubload.report.EntryStats;
import io.hubload.report.Mergeable;
import io.hubload.report.RunFacts;
import io.hubload.report.RunSummary;
import io.hubload.report.SimulationLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fixture the merge's tests read: a smoke run's binary simulation.log written by Gatling 3.15.1
 * (115 requests, 3 KO), kept in src/test/resources/logs/.
 */
public final class SmokeLog {

  public static final Path LOG = Path.of("src", "test", "resources", "logs", "smoke-gatling-3.15.1.log");

  private SmokeLog() {}

  /** The fixture's mergeable numbers, read anew: each caller has its own. */
  public static Mergeable mergeable() {
    return Mergeable.of(LOG, SimulationLog.read(LOG).entries().stream().map(EntryStats::name).toList());
  }

  /**
   * Writes {@code run}/summary.json as injector {@code index} of {@code of} would after its share of
   * a 9-user ramp, with the fixture's numbers for its own.
   *
   * @param startAt the share's distributed.start-at, or null
   * @return {@code run}
   */
  public static Path share(Path run, int index, int of, String startAt) throws IOException {
    Files.createDirectories(run);
    RunFacts facts =
        new RunFacts(
            "UserJourneySimulation",
            new RunFacts.Profile("ramp", "ramp: 9 users arriving over 1m", Map.of("users", 9, "over", "1m")),
            null, null, null, null, "hubload-", null, null, run.getFileName().toString(), null, null,
            new RunFacts.Injectors(of, index, startAt, null));
    new RunSummary(facts, 3, Read.CONTENTS.entries(), Map.of(), null, null, null, null, Read.MERGEABLE).write(run.resolve(RunSummary.FILE));
    return run;
  }

  /** Read once, when a share is first written. */
  private static final class Read {
    static final SimulationLog.Contents CONTENTS = SimulationLog.read(LOG);
    static final Mergeable MERGEABLE = mergeable();
  }
}
