package io.hubload.report;

import io.hubload.capacity.Verdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * reports/RUN/summary.json: the numbers of a run for machines (Gatling 3.13.5 and later write
 * none). One entry per row of the report's statistics table, the peak of concurrent users, and
 * what was run against what.
 *
 * @param run when, what and against what: simulation, profile, hub, commit...
 * @param peakConcurrentUsers the most virtual users active at once
 * @param entries the statistics table, in the report's order
 * @param hubMetrics the hub's own view, from its /hub/metrics, when the run could read them
 * @param spawns counts of the run's spawns: how many waited for a node's scale-up, pulled their
 *     image, on how many nodes (see spawns.csv beside it); absent in summaries before it was
 * @param timeline the hub over the run, sample by sample (see hub.html beside it)
 * @param hubUnanswered when the hub did not answer (see {@link Unanswered}); absent in summaries
 *     before it was
 * @param requestsPerSecond per request entry, Gatling's requests per second over the run (see
 *     {@link SimulationLog.Contents}); absent in summaries before it was
 * @param mergeable the run's numbers in a form that adds up across injectors ({@link Mergeable});
 *     absent in summaries before it was
 * @param capacity a capacity search's verdict and its levels (load.profile = capacity); absent
 *     for other runs
 */
public record RunSummary(
    RunFacts run,
    int peakConcurrentUsers,
    List<EntryStats> entries,
    Map<String, Object> hubMetrics,
    Map<String, Object> spawns,
    List<Map<String, Object>> timeline,
    List<Map<String, Object>> hubUnanswered,
    Map<String, List<int[]>> requestsPerSecond,
    Mergeable mergeable,
    Verdict capacity) {

  public static final String FILE = "summary.json";

  /** A summary of a run that was no capacity search. */
  public RunSummary(
      RunFacts run,
      int peakConcurrentUsers,
      List<EntryStats> entries,
      Map<String, Object> hubMetrics,
      Map<String, Object> spawns,
      List<Map<String, Object>> timeline,
      List<Map<String, Object>> hubUnanswered,
      Map<String, List<int[]>> requestsPerSecond,
      Mergeable mergeable) {
    this(run, peakConcurrentUsers, entries, hubMetrics, spawns, timeline, hubUnanswered, requestsPerSecond, mergeable, null);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The entry with this name. */
  public Optional<EntryStats> entry(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public void write(Path file) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(this));
  }

  /**
   * @throws IOException with a one-line message when the file is missing or not a summary
   */
  public static RunSummary read(Path file) throws IOException {
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IOException(file + " does not exist");
    }
    try {
      RunSummary summary = JSON.readValue(json, RunSummary.class);
      if (summary.entries() == null || summary.run() == null) {
        throw new IOException(file + " is not a hubload summary (no entries or run)");
      }
      return summary;
    } catch (JsonProcessingException e) {
      throw new IOException(file + " is not a hubload summary (" + e.getOriginalMessage() + ")");
    }
  }
}
