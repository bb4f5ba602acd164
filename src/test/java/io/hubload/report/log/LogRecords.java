package io.hubload.report.log;

import io.hubload.report.log.LogLayout.Record;
import java.nio.file.Path;
import java.util.List;

/**
 * Every record of a run's binary simulation.log, one by one, where Gatling's own reader only gives
 * aggregates: the raw response times that report/Mergeable puts in histograms. The records come
 * from {@link LogReader}, the same reader the merge of several logs uses, so it is tied to the
 * Gatling version of {@link LogLayout}; {@link #read} refuses a log of another version.
 *
 * <p>Times are absolute, in epoch milliseconds: the log holds them relative to the run's start.
 */
public final class LogRecords {

  /** What the log holds, record by record; a visitor takes the kinds it needs. */
  public interface Visitor {
    /** A virtual user started (or ended) at {@code time}. */
    default void user(boolean start, long time) {}

    /** A request, inside the groups given (outermost first). */
    default void request(List<String> groups, String name, long start, long end, boolean ok) {}

    /** A group ended: its time as Gatling's table shows it is the cumulated response time. */
    default void group(List<String> groups, long start, long end, int cumulatedResponseTime, boolean ok) {}
  }

  private LogRecords() {}

  /** The run's start (epoch ms), then every record to the visitor. */
  public static long read(Path simulationLog, Visitor visitor) {
    LogLayout.requireGatling("LogRecords reads", "check its SecondPassParser and update report/log (LogLayout, LogReader)");
    try (LogReader reader = new LogReader(simulationLog, "LogRecords reads")) {
      long runStart = reader.run().start;
      Record r = new Record();
      while (reader.next(r)) {
        if (r.header == LogLayout.USER) {
          visitor.user(r.flag, runStart + r.start);
        } else if (r.header == LogLayout.REQUEST) {
          visitor.request(r.groupNames(), r.name.text(), runStart + r.start, runStart + r.end, r.flag);
        } else if (r.header == LogLayout.GROUP) {
          visitor.group(r.groupNames(), runStart + r.start, runStart + r.end, r.cumulated, r.flag);
        }
      }
      return runStart;
    }
  }
}
