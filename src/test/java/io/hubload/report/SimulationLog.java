package io.hubload.report;

import io.gatling.charts.stats.CountsVsTimePlot;
import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.Group;
import io.gatling.charts.stats.GroupStatsPath;
import io.gatling.charts.stats.IntVsTimePlot;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.charts.stats.RequestStatsPath;
import io.gatling.charts.stats.StatsPath;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.config.GatlingConfiguration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads a run's simulation.log with Gatling's own reader, the one its HTML report is made from, so
 * that the numbers are the report's to the millisecond. Since Gatling 3.13.5 the log is a binary,
 * version-specific format, and Gatling no longer writes stats.json: this is the only way to the
 * numbers that does not re-implement the format. It reaches Gatling's internal API (the
 * io.gatling.charts.stats classes), so it is tied to the Gatling version in pom.xml.
 */
public final class SimulationLog {

  /** What the log says, in our terms. */
  /**
   * @param requestsPerSecond for each request entry (not the groups), Gatling's requests per second
   *     over the run, the buckets with any: [the bucket's middle in ms since the run's start, OK per
   *     second, KO per second]. Buckets are one second long in runs under 1,000 s (so the values are
   *     counts), longer beyond (rounded rates).
   */
  public record Contents(
      long runStart, long injectEnd, int peakConcurrentUsers, List<EntryStats> entries, Map<String, List<int[]>> requestsPerSecond) {}

  /** The log's name in a run folder, as Gatling writes it. */
  public static final String FILE = "simulation.log";

  /** The first entry: every request of the run, as the report's first row. */
  public static final String ALL_REQUESTS = "All Requests";

  private SimulationLog() {}

  /** A request's entry name, as the report's table shows it: "spawn / spawn request". */
  public static String entryName(List<String> groups, String request) {
    return groups.isEmpty() ? request : groupName(groups) + " / " + request;
  }

  /** A group's entry name: its path, outermost first. */
  public static String groupName(List<String> groups) {
    return String.join(" / ", groups);
  }

  public static Contents read(Path simulationLog) {
    GatlingConfiguration configuration = GatlingConfiguration.load();
    LogFileData data = new LogFileReader(simulationLog.toFile(), configuration).read();
    List<EntryStats> entries = new ArrayList<>();
    Map<String, List<int[]>> perSecond = new LinkedHashMap<>();
    entries.add(
        stats(
            ALL_REQUESTS,
            false,
            data.requestGeneralStats(Option.empty(), Option.empty(), Option.empty()),
            data.requestGeneralStats(Option.empty(), Option.empty(), Option.apply((Status) OK$.MODULE$)),
            data.requestGeneralStats(Option.empty(), Option.empty(), Option.apply((Status) KO$.MODULE$))));
    for (StatsPath path : CollectionConverters.asJava(data.statsPaths())) {
      if (path instanceof RequestStatsPath request) {
        Option<Group> group = request.group();
        String name =
            entryName(group.isDefined() ? CollectionConverters.asJava(group.get().hierarchy()) : List.of(), request.request());
        entries.add(
            stats(
                name,
                false,
                data.requestGeneralStats(Option.apply(request.request()), group, Option.empty()),
                data.requestGeneralStats(Option.apply(request.request()), group, Option.apply((Status) OK$.MODULE$)),
                data.requestGeneralStats(Option.apply(request.request()), group, Option.apply((Status) KO$.MODULE$))));
        perSecond.put(name, perSecond(data.numberOfRequestsPerSecond(Option.apply(request.request()), group)));
      } else if (path instanceof GroupStatsPath groupPath) {
        Group group = groupPath.group();
        entries.add(
            stats(
                groupName(CollectionConverters.asJava(group.hierarchy())),
                true,
                data.groupCumulatedResponseTimeGeneralStats(group, Option.empty()),
                data.groupCumulatedResponseTimeGeneralStats(group, Option.apply((Status) OK$.MODULE$)),
                data.groupCumulatedResponseTimeGeneralStats(group, Option.apply((Status) KO$.MODULE$))));
      }
    }
    int peak = 0;
    for (IntVsTimePlot plot : CollectionConverters.asJava(data.maxNumberOfConcurrentUsersPerSecond(Option.empty()))) {
      peak = Math.max(peak, plot.value());
    }
    return new Contents(data.runInfo().runStart(), data.runInfo().injectEnd(), peak, entries, perSecond);
  }

  private static EntryStats stats(
      String name, boolean group, Option<GeneralStats> all, Option<GeneralStats> ok, Option<GeneralStats> ko) {
    if (all.isEmpty()) {
      return new EntryStats(name, group, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    GeneralStats s = all.get();
    return new EntryStats(
        name,
        group,
        s.count(),
        ok.isDefined() ? ok.get().count() : 0,
        ko.isDefined() ? ko.get().count() : 0,
        s.min(),
        percentile(s, 50),
        percentile(s, 75),
        percentile(s, 95),
        percentile(s, 99),
        s.max(),
        s.mean());
  }

  /** Gatling's requests per second, the buckets with any. */
  private static List<int[]> perSecond(scala.collection.immutable.Seq<CountsVsTimePlot> plots) {
    List<int[]> buckets = new ArrayList<>();
    for (CountsVsTimePlot plot : CollectionConverters.asJava(plots)) {
      if (plot.oks() + plot.kos() > 0) {
        buckets.add(new int[] {plot.time(), plot.oks(), plot.kos()});
      }
    }
    return buckets;
  }

  private static int percentile(GeneralStats stats, double rank) {
    return (Integer) stats.percentile().apply(rank);
  }
}
