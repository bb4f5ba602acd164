package io.hubload.report;

import io.gatling.charts.stats.LogFileParser;
import io.gatling.core.stats.writer.RecordHeader;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Several runs' binary simulation.log files as one, that Gatling's reports-only mode ({@code -ro})
 * renders as one report: the records merged by time, every time rebased to the earliest run's
 * start, the strings re-interned into one string cache, the scenarios remapped by name.
 *
 * <p>The layout is Gatling 3.15.1's (LogFileDataWriter and its serializers in gatling-core, read by
 * the LogFileParser, FirstPassParser and SecondPassParser of gatling-charts), as {@link LogRecords}
 * reads it; {@link #merge} refuses any other version, of the logs or of the Gatling on the
 * classpath. It reads with the primitives of Gatling's {@link LogFileParser} and writes what
 * Gatling's BufferedFileChannelWriter writes, big-endian like its ByteBuffer:
 *
 * <ul>
 *   <li>a string: int length of String's internal bytes, then (if not empty) the bytes and the
 *       String's coder byte. They are copied as they are, never decoded: Gatling's reader sanitizes
 *       the cached strings (tabs and newlines to spaces) when it reads, and still does on the merged
 *       log.
 *   <li>a cached string: the first time, its new id (1, 2, ... in the order of first writing), then
 *       the string; after that, minus its id.
 *   <li>the Run record (header 0): version, simulation class, long start, description, int n and n
 *       scenario names, int m and m assertions (int length and bytes).
 *   <li>User (2): int scenario index, boolean start, int time; Request (1): int depth and depth
 *       cached group names, cached name, int start, int end, boolean ok, cached message; Group (3):
 *       int depth and the cached names, int start, int end, int cumulated response time, boolean ok;
 *       Error (4): cached message, int time. Times are relative to the Run record's start.
 * </ul>
 *
 * <p>The merged Run record is the first log's but for its start, the earliest, and its scenarios,
 * the first log's then those of the next ones not already there. The records are merged by the time
 * the writer wrote them at (a user's time, a request's or a group's end, an error's time), each log
 * in its own order, ties to the earlier log: one log comes out as it went in, byte for byte.
 *
 * <p>A log cut short mid-record (a run killed) ends at its last whole record, as in Gatling's reader.
 */
public final class GatlingLogMerge {

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
    LogRecords.requireGatling("GatlingLogMerge writes", "check its LogFileDataWriter and update GatlingLogMerge");
    List<Source> sources = new ArrayList<>();
    try {
      for (Path log : logs) {
        if (Files.exists(out) && Files.isSameFile(log, out)) {
          throw new IllegalArgumentException(out + " is one of the logs to merge");
        }
      }
      for (int i = 0; i < logs.size(); i++) {
        Source source = new Source(logs.get(i));
        source.start += moves[i];
        source.suffix = suffix;
        sources.add(source);
      }
      long start = sources.stream().mapToLong(s -> s.start).min().orElseThrow();
      Map<Raw, Integer> scenarios = new LinkedHashMap<>();
      if (reverseScenarios) {
        List<Raw> reversed = new ArrayList<>(sources.get(0).scenarios);
        java.util.Collections.reverse(reversed);
        for (Raw scenario : reversed) {
          scenarios.put(scenario, scenarios.size());
        }
      }
      for (Source source : sources) {
        source.shift = source.start - start;
        source.scenarioIndex = new int[source.scenarios.size()];
        for (int i = 0; i < source.scenarios.size(); i++) {
          source.scenarioIndex[i] = scenarios.computeIfAbsent(source.scenarios.get(i), s -> scenarios.size());
        }
      }
      Files.createDirectories(out.toAbsolutePath().getParent());
      try (Writer writer = new Writer(out)) {
        Source first = sources.get(0);
        writer.out.writeByte(RecordHeader.Run$.MODULE$.value());
        writer.string(first.version);
        writer.string(first.simulationClass);
        writer.out.writeLong(start);
        writer.string(first.description);
        writer.out.writeInt(scenarios.size());
        for (Raw scenario : scenarios.keySet()) {
          writer.string(scenario);
        }
        writer.out.writeInt(first.assertions.size());
        for (byte[] assertion : first.assertions) {
          writer.out.writeInt(assertion.length);
          writer.out.write(assertion);
        }
        PriorityQueue<Source> heads =
            new PriorityQueue<>((a, b) -> a.head.time != b.head.time ? Long.compare(a.head.time, b.head.time) : Integer.compare(a.order, b.order));
        for (int i = 0; i < sources.size(); i++) {
          Source source = sources.get(i);
          source.order = i;
          if (source.next()) {
            heads.add(source);
          }
        }
        while (!heads.isEmpty()) {
          Source source = heads.poll();
          writer.record(source.head, source);
          if (source.next()) {
            heads.add(source);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (Source source : sources) {
        source.close();
      }
    }
  }

  /** A string as Gatling's writer wrote it: String's internal bytes and coder (-1: the empty string). */
  private record Raw(byte[] bytes, byte coder) {
    static final Raw EMPTY = new Raw(new byte[0], (byte) -1);

    @Override
    public boolean equals(Object o) {
      return o instanceof Raw r && r.coder == coder && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(bytes) + coder;
    }

    @Override
    public String toString() {
      return coder == 0 ? new String(bytes, StandardCharsets.ISO_8859_1) : "(" + bytes.length + " bytes, coder " + coder + ")";
    }
  }

  /** One record, its times still relative to its own log's start; {@code time} is its merge key, absolute. */
  private static final class Record {
    byte header;
    long time;
    int scenario;
    boolean flag; // a user's start, a request's or a group's OK
    int start;
    int end;
    int cumulated;
    Raw[] groups;
    Raw name;
    Raw message;
  }

  /** One log, read record by record with Gatling's primitives. */
  private static final class Source extends LogFileParser<Void> {
    final Path log;
    final Raw version;
    final Raw simulationClass;
    long start;
    final Raw description;
    final List<Raw> scenarios = new ArrayList<>();
    final List<byte[]> assertions = new ArrayList<>();
    final Map<Integer, Raw> cache = new HashMap<>();
    long shift;
    int[] scenarioIndex;
    int order;
    String suffix = "";
    Record head = new Record();

    Source(Path log) {
      super(log.toFile());
      this.log = log;
      try {
        if (read() != RecordHeader.Run$.MODULE$.value()) {
          throw new IllegalStateException(log + ": not a Gatling simulation.log (no Run record first)");
        }
        version = string();
        if (!version.toString().equals(LogRecords.GATLING_VERSION)) {
          throw new IllegalStateException(
              log + " was written by Gatling " + version + ", GatlingLogMerge merges Gatling " + LogRecords.GATLING_VERSION
                  + "'s logs only");
        }
        simulationClass = string();
        start = readLong();
        description = string();
        int n = readInt();
        for (int i = 0; i < n; i++) {
          scenarios.add(string());
        }
        int m = readInt();
        for (int i = 0; i < m; i++) {
          assertions.add(readByteArray());
        }
      } catch (RuntimeException e) {
        close();
        throw e;
      } catch (Exception e) { // Scala's reads throw IOException undeclared
        close();
        throw new UncheckedIOException(new IOException(log + ": cannot read its Run record: " + e, e));
      }
    }

    @Override
    public Void parse() {
      throw new UnsupportedOperationException();
    }

    /** Reads the next record into {@link #head}; false at the end (or a record cut short). */
    boolean next() {
      Record r = head;
      try {
        int header = read();
        if (header == -1) {
          return false;
        }
        r.header = (byte) header;
        if (header == RecordHeader.User$.MODULE$.value()) {
          int scenario = readInt();
          if (scenario < 0 || scenario >= scenarioIndex.length) {
            throw new IllegalStateException(log + ": a user of scenario " + scenario + ", the log has " + scenarioIndex.length);
          }
          r.scenario = scenarioIndex[scenario];
          r.flag = readBoolean();
          r.start = readInt();
          r.time = start + r.start;
        } else if (header == RecordHeader.Request$.MODULE$.value()) {
          r.groups = groups();
          r.name = suffixed(cached());
          r.start = readInt();
          r.end = readInt();
          r.flag = readBoolean();
          r.message = cached();
          r.time = start + r.end;
        } else if (header == RecordHeader.Group$.MODULE$.value()) {
          r.groups = groups();
          r.start = readInt();
          r.end = readInt();
          r.cumulated = readInt();
          r.flag = readBoolean();
          r.time = start + r.end;
        } else if (header == RecordHeader.Error$.MODULE$.value()) {
          r.message = cached();
          r.start = readInt();
          r.time = start + r.start;
        } else {
          throw new IllegalStateException(log + ": unknown record type " + header);
        }
        return true;
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof EOFException) {
          return false;
        }
        throw new UncheckedIOException(new IOException(log + ": " + e, e));
      }
    }

    private Raw[] groups() {
      int depth = readInt();
      Raw[] groups = new Raw[depth];
      for (int i = 0; i < depth; i++) {
        groups[i] = cached();
      }
      return groups;
    }

    private Raw suffixed(Raw name) {
      if (suffix.isEmpty()) {
        return name;
      }
      if (name.coder != 0) {
        throw new IllegalArgumentException("only Latin-1 names take a suffix: " + name);
      }
      byte[] more = suffix.getBytes(StandardCharsets.ISO_8859_1);
      byte[] bytes = Arrays.copyOf(name.bytes, name.bytes.length + more.length);
      System.arraycopy(more, 0, bytes, name.bytes.length, more.length);
      return new Raw(bytes, (byte) 0);
    }

    /** As LogFileParser.readString, the bytes kept as they are. */
    private Raw string() {
      byte[] bytes = readByteArray();
      if (bytes.length == 0) {
        return Raw.EMPTY;
      }
      return new Raw(bytes, readByte());
    }

    /** As LogFileParser.readCachedSanitizedString, the bytes kept as they are, unsanitized. */
    private Raw cached() {
      int id = readInt();
      if (id >= 0) {
        Raw s = string();
        cache.put(id, s);
        return s;
      }
      Raw s = cache.get(-id);
      if (s == null) {
        throw new IllegalStateException(log + ": a reference to string " + (-id) + ", never defined");
      }
      return s;
    }
  }

  /** What Gatling's BufferedFileChannelWriter writes, with one new string cache. */
  private static final class Writer implements AutoCloseable {
    final DataOutputStream out;
    final Map<Raw, Integer> cache = new HashMap<>();
    int nextId = 1; // BufferedFileChannelWriter's first

    Writer(Path path) throws IOException {
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16));
    }

    void string(Raw s) throws IOException {
      out.writeInt(s.bytes.length);
      if (s.bytes.length > 0) {
        out.write(s.bytes);
        out.writeByte(s.coder);
      }
    }

    void cached(Raw s) throws IOException {
      Integer id = cache.get(s);
      if (id == null) {
        out.writeInt(nextId);
        string(s);
        cache.put(s, nextId++);
      } else {
        out.writeInt(-id);
      }
    }

    void groups(Raw[] groups) throws IOException {
      out.writeInt(groups.length);
      for (Raw group : groups) {
        cached(group);
      }
    }

    int time(int relative, Source source) {
      long t = relative + source.shift;
      if (t > Integer.MAX_VALUE) {
        throw new IllegalStateException(
            source.log + ": a time " + t + " ms after the merged run's start, beyond what the log's int holds");
      }
      return (int) t;
    }

    void record(Record r, Source source) throws IOException {
      out.writeByte(r.header);
      if (r.header == RecordHeader.User$.MODULE$.value()) {
        out.writeInt(r.scenario);
        out.writeBoolean(r.flag);
        out.writeInt(time(r.start, source));
      } else if (r.header == RecordHeader.Request$.MODULE$.value()) {
        groups(r.groups);
        cached(r.name);
        out.writeInt(time(r.start, source));
        out.writeInt(time(r.end, source));
        out.writeBoolean(r.flag);
        cached(r.message);
      } else if (r.header == RecordHeader.Group$.MODULE$.value()) {
        groups(r.groups);
        out.writeInt(time(r.start, source));
        out.writeInt(time(r.end, source));
        out.writeInt(r.cumulated);
        out.writeBoolean(r.flag);
      } else {
        cached(r.message);
        out.writeInt(time(r.start, source));
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
