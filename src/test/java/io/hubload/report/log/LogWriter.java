package io.hubload.report.log;

import io.hubload.report.log.LogLayout.Record;
import io.hubload.report.log.LogLayout.Run;
import io.hubload.report.log.LogLayout.Text;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one writer of a simulation.log ({@link LogLayout}): what Gatling's BufferedFileChannelWriter
 * writes, with one string cache of its own, so that records read from several logs ({@link
 * LogReader}) make one log Gatling's reader reads.
 */
public final class LogWriter implements AutoCloseable {

  private final DataOutputStream out;
  private final Map<Text, Integer> cache = new HashMap<>();
  private int nextId = 1; // BufferedFileChannelWriter's first

  /** @param who what writes it, for the message when this Gatling is not the layout's */
  public LogWriter(Path path, String who) throws IOException {
    LogLayout.requireGatling(who, "check its LogFileDataWriter and update report/log (LogLayout, LogReader, LogWriter)");
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
  }

  /** The Run record: {@code run}'s but for its start and its scenarios. */
  public void run(Run run, long start, Collection<Text> scenarios) throws IOException {
    out.writeByte(LogLayout.RUN);
    string(run.version);
    string(run.simulationClass);
    out.writeLong(start);
    string(run.description);
    out.writeInt(scenarios.size());
    for (Text scenario : scenarios) {
      string(scenario);
    }
    List<byte[]> assertions = run.assertions;
    out.writeInt(assertions.size());
    for (byte[] assertion : assertions) {
      out.writeInt(assertion.length);
      out.write(assertion);
    }
  }

  /**
   * A record, its times moved {@code shift} ms later (a run that started after the written log's).
   *
   * @param from where the record comes from, for the message when a time is beyond an int
   */
  public void record(Record r, long shift, Object from) throws IOException {
    out.writeByte(r.header);
    if (r.header == LogLayout.USER) {
      out.writeInt(r.scenario);
      out.writeBoolean(r.flag);
      out.writeInt(time(r.start, shift, from));
    } else if (r.header == LogLayout.REQUEST) {
      groups(r.groups);
      cached(r.name);
      out.writeInt(time(r.start, shift, from));
      out.writeInt(time(r.end, shift, from));
      out.writeBoolean(r.flag);
      cached(r.message);
    } else if (r.header == LogLayout.GROUP) {
      groups(r.groups);
      out.writeInt(time(r.start, shift, from));
      out.writeInt(time(r.end, shift, from));
      out.writeInt(r.cumulated);
      out.writeBoolean(r.flag);
    } else {
      cached(r.message);
      out.writeInt(time(r.start, shift, from));
    }
  }

  private void string(Text s) throws IOException {
    out.writeInt(s.bytes().length);
    if (s.bytes().length > 0) {
      out.write(s.bytes());
      out.writeByte(s.coder());
    }
  }

  private void cached(Text s) throws IOException {
    Integer id = cache.get(s);
    if (id == null) {
      out.writeInt(nextId);
      string(s);
      cache.put(s, nextId++);
    } else {
      out.writeInt(-id);
    }
  }

  private void groups(Text[] groups) throws IOException {
    out.writeInt(groups.length);
    for (Text group : groups) {
      cached(group);
    }
  }

  private static int time(int relative, long shift, Object from) {
    long t = relative + shift;
    if (t > Integer.MAX_VALUE) {
      throw new IllegalStateException(from + ": a time " + t + " ms after the merged run's start, beyond what the log's int holds");
    }
    return (int) t;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
