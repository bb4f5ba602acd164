package io.hubload.report.log;

import io.gatling.charts.stats.LogFileParser;
import io.hubload.report.log.LogLayout.Record;
import io.hubload.report.log.LogLayout.Run;
import io.hubload.report.log.LogLayout.Text;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The one reader of a simulation.log's records ({@link LogLayout}), with the primitives of
 * Gatling's {@link LogFileParser} and in the order of its SecondPassParser (gatling-charts 3.15.1).
 * Strings stay as written ({@link Text}): the merge copies them as they are, {@link LogRecords}
 * decodes them as Gatling's reader does. A log cut short mid-record (a run killed) ends at its last
 * whole record, as in Gatling's reader.
 */
public final class LogReader extends LogFileParser<Void> {

  private final Path log;
  private final Run run = new Run();
  private final Map<Integer, Text> cache = new HashMap<>();

  /**
   * Opens the log and reads its Run record; a log written by another Gatling is refused.
   *
   * @param who what reads it, for the message, e.g. "LogRecords reads"
   */
  public LogReader(Path log, String who) {
    super(log.toFile());
    this.log = log;
    try {
      if (read() != LogLayout.RUN) {
        throw new IllegalStateException(log + ": not a Gatling simulation.log (no Run record first)");
      }
      run.version = string();
      if (!run.version.toString().equals(LogLayout.GATLING_VERSION)) {
        throw new IllegalStateException(
            log + " was written by Gatling " + run.version + ", " + who + " Gatling " + LogLayout.GATLING_VERSION + "'s logs only");
      }
      run.simulationClass = string();
      run.start = readLong();
      run.description = string();
      int n = readInt();
      for (int i = 0; i < n; i++) {
        run.scenarios.add(string());
      }
      int m = readInt();
      for (int i = 0; i < m; i++) {
        run.assertions.add(readByteArray());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    } catch (Exception e) { // Scala's reads throw IOException undeclared
      close();
      throw new UncheckedIOException(new IOException(log + ": cannot read its Run record: " + e, e));
    }
  }

  public Path log() {
    return log;
  }

  /** The log's Run record. */
  public Run run() {
    return run;
  }

  @Override
  public Void parse() {
    throw new UnsupportedOperationException("next(Record) reads the records");
  }

  /** Reads the next record into {@code r}; false at the end (or a record cut short). */
  public boolean next(Record r) {
    try {
      int header = read();
      if (header == -1) {
        return false;
      }
      r.header = (byte) header;
      if (header == LogLayout.USER) {
        r.scenario = readInt();
        r.flag = readBoolean();
        r.start = readInt();
      } else if (header == LogLayout.REQUEST) {
        r.groups = groups();
        r.name = cached();
        r.start = readInt();
        r.end = readInt();
        r.flag = readBoolean();
        r.message = cached();
      } else if (header == LogLayout.GROUP) {
        r.groups = groups();
        r.start = readInt();
        r.end = readInt();
        r.cumulated = readInt();
        r.flag = readBoolean();
      } else if (header == LogLayout.ERROR) {
        r.message = cached();
        r.start = readInt();
      } else {
        throw new IllegalStateException(log + ": unknown record type " + header);
      }
      return true;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) { // Scala's reads throw IOException undeclared
      if (e instanceof EOFException) {
        return false;
      }
      throw new UncheckedIOException(new IOException(log + ": cannot read it: " + e, e));
    }
  }

  private Text[] groups() {
    int depth = readInt();
    Text[] groups = new Text[depth];
    for (int i = 0; i < depth; i++) {
      groups[i] = cached();
    }
    return groups;
  }

  /** As LogFileParser.readString, the bytes kept as they are. */
  private Text string() {
    byte[] bytes = readByteArray();
    if (bytes.length == 0) {
      return Text.EMPTY;
    }
    return new Text(bytes, readByte());
  }

  /** As LogFileParser.readCachedSanitizedString, the bytes kept as they are, unsanitized. */
  private Text cached() {
    int id = readInt();
    if (id >= 0) {
      Text s = string();
      cache.put(id, s);
      return s;
    }
    Text s = cache.get(-id);
    if (s == null) {
      throw new IllegalStateException(log + ": a reference to string " + (-id) + ", never defined");
    }
    return s;
  }
}
