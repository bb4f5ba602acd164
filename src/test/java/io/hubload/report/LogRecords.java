package io.hubload.report;

import io.gatling.charts.stats.LogFileParser;
import io.gatling.core.stats.writer.RecordHeader;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every record of a run's binary simulation.log, one by one, where Gatling's own reader only gives
 * aggregates: the raw response times that {@link Mergeable} puts in histograms. It reads the
 * records with the primitives of Gatling's {@link LogFileParser} and in the order of its
 * SecondPassParser (gatling-charts 3.15.1), so it is tied to that version like {@link
 * SimulationLog}; {@link #read} refuses a log of another version.
 *
 * <p>Times are absolute, in epoch milliseconds: the log holds them relative to the run's start.
 *
 * <p>{@link GatlingLogMerge} reads the same layout again, as raw bytes and cache ids, so that it
 * can write records back unchanged: a change of layout is made in both.
 */
public final class LogRecords extends LogFileParser<Void> {

  /** What the log holds, record by record; a visitor takes the kinds it needs. */
  public interface Visitor {
    /** A virtual user started (or ended) at {@code time}. */
    default void user(boolean start, long time) {}

    /** A request, inside the groups given (outermost first). */
    default void request(List<String> groups, String name, long start, long end, boolean ok) {}

    /** A group ended: its time as Gatling's table shows it is the cumulated response time. */
    default void group(List<String> groups, long start, long end, int cumulatedResponseTime, boolean ok) {}
  }

  /** The Gatling version whose log layout this reads. */
  static final String GATLING_VERSION = "3.15.1";

  private final Path log;
  private final Visitor visitor;
  /** The run's start, epoch ms, from the Run record: the records' times are relative to it. */
  private long runStart;

  private LogRecords(Path log, Visitor visitor) {
    super(log.toFile());
    this.log = log;
    this.visitor = visitor;
  }

  /**
   * Refuses to go on in a Gatling other than the one whose log layout this project reads.
   *
   * @param who what reads or writes the layout, and how, e.g. "LogRecords reads"
   * @param update where the layout is to be read again, e.g. "check its SecondPassParser and update LogRecords"
   */
  static void requireGatling(String who, String update) {
    String version = io.gatling.commons.util.GatlingVersion.ThisVersion().fullVersion();
    if (!version.equals(GATLING_VERSION)) {
      throw new IllegalStateException(
          who + " Gatling " + GATLING_VERSION + "'s simulation.log, but this is Gatling " + version + ": " + update);
    }
  }

  /** The run's start (epoch ms), then every record to the visitor. */
  public static long read(Path simulationLog, Visitor visitor) {
    requireGatling("LogRecords reads", "check its SecondPassParser and update LogRecords");
    try (LogRecords records = new LogRecords(simulationLog, visitor)) {
      records.parse();
      return records.runStart;
    }
  }

  @Override
  public Void parse() {
    try {
      readRunRecord();
      while (true) {
        byte header = (byte) read();
        if (header == -1) {
          return null;
        } else if (header == RecordHeader.User$.MODULE$.value()) {
          readInt(); // the scenario
          boolean start = readBoolean();
          visitor.user(start, at(readInt()));
        } else if (header == RecordHeader.Request$.MODULE$.value()) {
          List<String> groups = groups();
          String name = readCachedSanitizedString();
          long start = at(readInt());
          long end = at(readInt());
          boolean ok = readBoolean();
          readCachedSanitizedString(); // the message
          visitor.request(groups, name, start, end, ok);
        } else if (header == RecordHeader.Group$.MODULE$.value()) {
          List<String> groups = groups();
          long start = at(readInt());
          long end = at(readInt());
          int cumulated = readInt();
          boolean ok = readBoolean();
          visitor.group(groups, start, end, cumulated, ok);
        } else if (header == RecordHeader.Error$.MODULE$.value()) {
          readCachedSanitizedString();
          readInt();
        } else {
          throw new IllegalStateException("simulation.log: unknown record type " + header);
        }
      }
    } catch (Exception e) { // Scala's reads throw IOException undeclared
      if (e instanceof EOFException && runStart != 0) {
        // Past the run's start, a run cut short ends mid-record; Gatling's reader stops there too.
        return null;
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException(new java.io.IOException(log + ": cannot read it: " + e, e));
    }
  }

  private long at(int relative) {
    return runStart + relative;
  }

  private List<String> groups() {
    int depth = readInt();
    List<String> groups = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      groups.add(readCachedSanitizedString());
    }
    return groups;
  }

  /**
   * The Run record, first in the log: the version that wrote it (this one's, or the log is refused)
   * and the run's start; the rest as SecondPassParser skips it.
   */
  private void readRunRecord() {
    if (read() != RecordHeader.Run$.MODULE$.value()) {
      throw new IllegalStateException(log + ": not a Gatling simulation.log (no Run record first)");
    }
    String written = readString();
    if (!written.equals(GATLING_VERSION)) {
      throw new IllegalStateException(log + " was written by Gatling " + written + ", LogRecords reads Gatling " + GATLING_VERSION + "'s logs only");
    }
    skipString(); // the simulation class
    runStart = readLong();
    skipString(); // the description
    int scenarios = readInt();
    for (int i = 0; i < scenarios; i++) {
      skipString();
    }
    int assertions = readInt();
    for (int i = 0; i < assertions; i++) {
      skip(readInt());
    }
  }
}
