package io.hubload.report;

import io.hubload.report.log.LogLayout;
import io.hubload.report.log.LogLayout.Record;
import io.hubload.report.log.LogLayout.Text;
import io.hubload.report.log.LogReader;
import io.hubload.report.log.LogWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Several runs' binary simulation.log files as one, that Gatling's reports-only mode ({@code -ro})
 * renders as one report: the records merged by time, every time rebased to the earliest run's
 * start, the strings re-interned into one string cache, the scenarios remapped by name.
 *
 * <p>The records are read by {@link LogReader} and written by {@link LogWriter}, the one reader and
 * writer of the layout ({@link LogLayout}, Gatling 3.15.1's); {@link #merge} refuses any other
 * version, of the logs or of the Gatling on the classpath. Strings are copied as they are, never
 * decoded: Gatling's reader sanitizes the cached strings (tabs and newlines to spaces) when it
 * reads, and still does on the merged log.
 *
 * <p>The merged Run record is the first log's but for its start, the earliest, and its scenarios,
 * the first log's then those of the next ones not already there. The records are merged by the time
 * the writer wrote them at (a user's time, a request's or a group's end, an error's time), each log
 * in its own order, ties to the earlier log: one log comes out as it went in, byte for byte.
 *
 * <p>A log cut short mid-record (a run killed) ends at its last whole record, as in Gatling's reader.
 */
public final class GatlingLogMerge {

  private static final String WHO = "GatlingLogMerge merges";

  private GatlingLogMerge() {}

  /** The runs' logs (in order: the first gives the Run record) merged into {@code out}. */
  public static void merge(List<Path> logs, Path out) {
    merge(logs, out, new long[logs.size()], false, "");
  }

  /**
   * For tests: a copy of {@code log} whose run started {@code by} ms later, every record with it (the
   * same relative times, the Run record's start moved), its scenarios in the reverse order if asked
   * (the users' scenario indices with them), {@code suffix} after every request's name (names of
   * Latin-1 characters only).
   */
  static void copy(Path log, long by, boolean reverseScenarios, String suffix, Path out) {
    merge(List.of(log), out, new long[] {by}, reverseScenarios, suffix);
  }

  private static void merge(List<Path> logs, Path out, long[] moves, boolean reverseScenarios, String suffix) {
    if (logs.isEmpty()) {
      throw new IllegalArgumentException("no simulation.log to merge");
    }
    LogLayout.requireGatling(WHO, "check its LogFileDataWriter and update report/log (LogLayout, LogReader, LogWriter)");
    List<Source> sources = new ArrayList<>();
    try {
      for (Path log : logs) {
        if (Files.exists(out) && Files.isSameFile(log, out)) {
          throw new IllegalArgumentException(out + " is one of the logs to merge");
        }
      }
      for (int i = 0; i < logs.size(); i++) {
        Source source = new Source(new LogReader(logs.get(i), WHO));
        source.start = source.reader.run().start + moves[i];
        source.suffix = suffix;
        sources.add(source);
      }
      long start = sources.stream().mapToLong(s -> s.start).min().orElseThrow();
      Map<Text, Integer> scenarios = new LinkedHashMap<>();
      if (reverseScenarios) {
        List<Text> reversed = new ArrayList<>(sources.get(0).reader.run().scenarios);
        java.util.Collections.reverse(reversed);
        for (Text scenario : reversed) {
          scenarios.put(scenario, scenarios.size());
        }
      }
      for (Source source : sources) {
        List<Text> own = source.reader.run().scenarios;
        source.shift = source.start - start;
        source.scenarioIndex = new int[own.size()];
        for (int i = 0; i < own.size(); i++) {
          source.scenarioIndex[i] = scenarios.computeIfAbsent(own.get(i), s -> scenarios.size());
        }
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      try (LogWriter writer = new LogWriter(out, WHO)) {
        writer.run(sources.get(0).reader.run(), start, scenarios.keySet());
        PriorityQueue<Source> heads =
            new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Integer.compare(a.order, b.order));
        for (int i = 0; i < sources.size(); i++) {
          Source source = sources.get(i);
          source.order = i;
          if (source.next()) {
            heads.add(source);
          }
        }
        while (!heads.isEmpty()) {
          Source source = heads.poll();
          writer.record(source.head, source.shift, source.reader.log());
          if (source.next()) {
            heads.add(source);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Source source : sources) {
        source.reader.close();
      }
    }
  }

  /**
   * One log, record by record: its head record, its times still relative to its own log's start,
   * {@code time} the head's merge key, absolute.
   */
  private static final class Source {
    final LogReader reader;
    long start;
    long shift;
    int[] scenarioIndex;
    int order;
    String suffix = "";
    final Record head = new Record();
    long time;

    Source(LogReader reader) {
      this.reader = reader;
    }

    /** Reads the next record into {@link #head}, its scenario remapped; false at the end (or a record cut short). */
    boolean next() {
      if (!reader.next(head)) {
        return false;
      }
      if (head.header == LogLayout.USER) {
        if (head.scenario < 0 || head.scenario >= scenarioIndex.length) {
          throw new IllegalStateException(
              reader.log() + ": a user of scenario " + head.scenario + ", the log has " + scenarioIndex.length);
        }
        head.scenario = scenarioIndex[head.scenario];
      } else if (head.header == LogLayout.REQUEST) {
        head.name = head.name.suffixed(suffix);
      }
      time = start + head.writtenAt();
      return true;
    }
  }
}
