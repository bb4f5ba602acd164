package io.hubload.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hubload.report.log.LogRecords;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * summary.json's {@code mergeable}: a run's numbers in a form that adds up exactly across runs, so
 * that several injectors' runs make one result (docs/distributed.md). Per report entry, the OK and
 * KO response times as HdrHistograms (compressed, base64) with exact counts, sums, minimum and
 * maximum; and per second of wall-clock time, the users started and ended, the requests and the
 * KOs. Percentiles are computed once, from the merged histograms; percentiles of runs cannot be
 * averaged.
 *
 * <p>Histograms keep {@value #DIGITS} significant digits: times under 2,048 ms exactly, longer
 * ones within 0.1 %.
 *
 * @param format what this is, for a reader of another version
 * @param runStart the earliest start of the runs in it (epoch ms)
 * @param runEnd the latest record's time (epoch ms)
 * @param entries the statistics table's rows, in the report's order (All Requests first)
 * @param perSecond counts per second of wall-clock time
 */
public record Mergeable(String format, long runStart, long runEnd, List<Entry> entries, PerSecond perSecond) {

  public static final String FORMAT = "hubload-hdrhistogram-1";

  /** Significant digits of every histogram. */
  public static final int DIGITS = 3;

  /**
   * One row: a request, or a group (its cumulated response time, as Gatling's table shows).
   *
   * @param okHistogram the OK response times (ms), an HdrHistogram compressed and in base64
   * @param koHistogram the KO response times
   */
  public record Entry(
      String name,
      boolean group,
      long ok,
      long ko,
      long min,
      long max,
      long sumMs,
      long sumSquaresMs,
      String okHistogram,
      String koHistogram) {

    public long count() {
      return ok + ko;
    }
  }

  /**
   * Counts per second: index i is the second starting at {@code start} + i (epoch seconds).
   */
  public record PerSecond(long start, long[] usersStarted, long[] usersEnded, long[] requests, long[] kos) {

    /** The most users active in any second: those started by its end, less those ended before it. */
    public long peakActiveUsers() {
      return Math.max(0, java.util.Arrays.stream(activeUsers()).max().orElse(0));
    }

    /** Users active in each second, as {@link #peakActiveUsers} counts them. */
    public long[] activeUsers() {
      long[] active = new long[usersStarted.length];
      long started = 0;
      long ended = 0;
      for (int i = 0; i < active.length; i++) {
        started += usersStarted[i];
        active[i] = started - ended;
        ended += usersEnded[i];
      }
      return active;
    }
  }

  /** The mergeable numbers of one run's simulation.log, its entries in {@code order}'s order. */
  public static Mergeable of(Path simulationLog, List<String> order) {
    Collector collector = new Collector();
    long runStart = LogRecords.read(simulationLog, collector);
    return collector.result(runStart, order);
  }

  /** Several runs' numbers as one: counts added, histograms merged, seconds aligned. */
  public static Mergeable merge(List<Mergeable> runs) {
    Map<String, Accumulator> entries = new LinkedHashMap<>();
    TreeMap<Long, long[]> seconds = new TreeMap<>();
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Mergeable run : runs) {
      if (!FORMAT.equals(run.format()) || run.entries() == null || run.perSecond() == null) {
        throw new IllegalArgumentException("not mergeable: format " + run.format() + ", expected " + FORMAT);
      }
      start = Math.min(start, run.runStart());
      end = Math.max(end, run.runEnd());
      for (Entry entry : run.entries()) {
        entries.computeIfAbsent(entry.name(), n -> new Accumulator(entry.group())).add(entry);
      }
      PerSecond p = run.perSecond();
      for (int i = 0; i < p.requests().length; i++) {
        long[] counts = seconds.computeIfAbsent(p.start() + i, s -> new long[4]);
        counts[0] += p.usersStarted()[i];
        counts[1] += p.usersEnded()[i];
        counts[2] += p.requests()[i];
        counts[3] += p.kos()[i];
      }
    }
    List<Entry> merged = new ArrayList<>();
    entries.forEach((name, accumulator) -> merged.add(accumulator.entry(name)));
    return new Mergeable(FORMAT, start, end, merged, perSecond(seconds));
  }

  /** The statistics table, percentiles computed from the histograms (OK and KO together). */
  @JsonIgnore
  public List<EntryStats> table() {
    List<EntryStats> table = new ArrayList<>();
    for (Entry e : entries) {
      Histogram all = decode(e.okHistogram());
      all.add(decode(e.koHistogram()));
      long count = e.count();
      table.add(
          new EntryStats(
              e.name(),
              e.group(),
              count,
              e.ok(),
              e.ko(),
              (int) e.min(),
              percentile(all, 50, e),
              percentile(all, 75, e),
              percentile(all, 95, e),
              percentile(all, 99, e),
              (int) e.max(),
              count == 0 ? 0 : (int) Math.round((double) e.sumMs() / count)));
    }
    return table;
  }

  /** An entry's OK and KO times in one histogram, as the table's percentiles take them. */
  public static Histogram histogram(Entry e) {
    Histogram all = decode(e.okHistogram());
    all.add(decode(e.koHistogram()));
    return all;
  }

  /** The standard deviation of an entry's times (ms), exact from its sums. */
  public static double standardDeviation(Entry e) {
    if (e.count() == 0) {
      return 0;
    }
    double mean = (double) e.sumMs() / e.count();
    return Math.sqrt(Math.max(0, (double) e.sumSquaresMs() / e.count() - mean * mean));
  }

  /** A percentile of the histogram, within the entry's exact minimum and maximum. */
  private static int percentile(Histogram all, double p, Entry e) {
    if (all.getTotalCount() == 0) {
      return 0;
    }
    long value = all.getValueAtPercentile(p);
    return (int) Math.max(e.min(), Math.min(e.max(), value));
  }

  private static Histogram newHistogram() {
    return new Histogram(DIGITS);
  }

  /** A histogram as summary.json holds it: compressed, in base64. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an HdrHistogram: " + e.getMessage(), e);
    }
  }

  private static PerSecond perSecond(TreeMap<Long, long[]> seconds) {
    if (seconds.isEmpty()) {
      return new PerSecond(0, new long[0], new long[0], new long[0], new long[0]);
    }
    long first = seconds.firstKey();
    int length = (int) (seconds.lastKey() - first + 1);
    long[][] columns = new long[4][length];
    seconds.forEach(
        (second, counts) -> {
          for (int c = 0; c < 4; c++) {
            columns[c][(int) (second - first)] = counts[c];
          }
        });
    return new PerSecond(first, columns[0], columns[1], columns[2], columns[3]);
  }

  /** One entry's numbers while they are added up. */
  private static final class Accumulator {
    final boolean group;
    final Histogram ok = newHistogram();
    final Histogram ko = newHistogram();
    long okCount;
    long koCount;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    long sum;
    long sumSquares;

    Accumulator(boolean group) {
      this.group = group;
    }

    void record(long time, boolean isOk) {
      (isOk ? ok : ko).recordValue(Math.max(0, time));
      if (isOk) {
        okCount++;
      } else {
        koCount++;
      }
      min = Math.min(min, time);
      max = Math.max(max, time);
      sum += time;
      sumSquares += time * time;
    }

    void add(Entry entry) {
      ok.add(decode(entry.okHistogram()));
      ko.add(decode(entry.koHistogram()));
      okCount += entry.ok();
      koCount += entry.ko();
      if (entry.count() > 0) {
        min = Math.min(min, entry.min());
        max = Math.max(max, entry.max());
      }
      sum += entry.sumMs();
      sumSquares += entry.sumSquaresMs();
    }

    Entry entry(String name) {
      boolean any = okCount + koCount > 0;
      return new Entry(
          name, group, okCount, koCount, any ? min : 0, any ? max : 0, sum, sumSquares, encode(ok), encode(ko));
    }
  }

  /** Reads a log's records into accumulators, named as {@link SimulationLog} names entries. */
  private static final class Collector implements LogRecords.Visitor {
    final Accumulator all = new Accumulator(false);
    final Map<String, Accumulator> entries = new LinkedHashMap<>();
    final TreeMap<Long, long[]> seconds = new TreeMap<>();
    long end = Long.MIN_VALUE;

    @Override
    public void user(boolean start, long time) {
      second(time)[start ? 0 : 1]++;
      end = Math.max(end, time);
    }

    @Override
    public void request(List<String> groups, String name, long start, long end, boolean ok) {
      long time = end - start;
      entries.computeIfAbsent(SimulationLog.entryName(groups, name), p -> new Accumulator(false)).record(time, ok);
      all.record(time, ok);
      long[] second = second(start);
      second[2]++;
      if (!ok) {
        second[3]++;
      }
      this.end = Math.max(this.end, end);
    }

    @Override
    public void group(List<String> groups, long start, long end, int cumulatedResponseTime, boolean ok) {
      entries.computeIfAbsent(SimulationLog.groupName(groups), p -> new Accumulator(true)).record(cumulatedResponseTime, ok);
      this.end = Math.max(this.end, end);
    }

    private long[] second(long epochMillis) {
      return seconds.computeIfAbsent(Math.floorDiv(epochMillis, 1000), s -> new long[4]);
    }

    Mergeable result(long runStart, List<String> order) {
      List<Entry> rows = new ArrayList<>();
      rows.add(all.entry(SimulationLog.ALL_REQUESTS));
      for (String name : order) {
        Accumulator accumulator = entries.remove(name);
        if (accumulator != null) {
          rows.add(accumulator.entry(name));
        }
      }
      entries.forEach((name, accumulator) -> rows.add(accumulator.entry(name))); // none, normally
      return new Mergeable(FORMAT, runStart, Math.max(end, runStart), rows, perSecond(seconds));
    }
  }
}
