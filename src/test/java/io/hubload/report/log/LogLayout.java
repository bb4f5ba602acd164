package io.hubload.report.log;

import io.gatling.core.stats.writer.RecordHeader;
import io.gatling.core.stats.writer.StringInternals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The layout of a run's binary simulation.log, in one place: Gatling 3.15.1's (LogFileDataWriter
 * and its serializers in gatling-core, read by the LogFileParser, FirstPassParser and
 * SecondPassParser of gatling-charts). {@link LogReader} is its one reader and {@link LogWriter}
 * its one writer; the summary's raw times ({@link LogRecords}) and the merge of several runs' logs
 * (report/GatlingLogMerge) both go through them, so a change of layout is made here, in the
 * reader and in the writer, once. Big-endian, like Gatling's ByteBuffer:
 *
 * <ul>
 *   <li>a string: int length of String's internal bytes, then (if not empty) the bytes and the
 *       String's coder byte ({@link Text}).
 *   <li>a cached string: the first time, its new id (1, 2, ... in the order of first writing), then
 *       the string; after that, minus its id.
 *   <li>the Run record (header 0): version, simulation class, long start, description, int n and n
 *       scenario names, int m and m assertions (int length and bytes).
 *   <li>User (2): int scenario index, boolean start, int time; Request (1): int depth and depth
 *       cached group names, cached name, int start, int end, boolean ok, cached message; Group (3):
 *       int depth and the cached names, int start, int end, int cumulated response time, boolean ok;
 *       Error (4): cached message, int time. Times are relative to the Run record's start.
 * </ul>
 */
public final class LogLayout {

  private LogLayout() {}

  /** The Gatling version whose log layout this reads and writes. */
  public static final String GATLING_VERSION = "3.15.1";

  public static final byte RUN = RecordHeader.Run$.MODULE$.value();
  public static final byte REQUEST = RecordHeader.Request$.MODULE$.value();
  public static final byte USER = RecordHeader.User$.MODULE$.value();
  public static final byte GROUP = RecordHeader.Group$.MODULE$.value();
  public static final byte ERROR = RecordHeader.Error$.MODULE$.value();

  /**
   * Refuses to go on in a Gatling other than the one whose log layout this project reads.
   *
   * @param who what reads or writes the layout, and how, e.g. "LogRecords reads"
   * @param update where the layout is to be read again, e.g. "check its SecondPassParser and update LogReader"
   */
  public static void requireGatling(String who, String update) {
    String version = io.gatling.commons.util.GatlingVersion.ThisVersion().fullVersion();
    if (!version.equals(GATLING_VERSION)) {
      throw new IllegalStateException(
          who + " Gatling " + GATLING_VERSION + "'s simulation.log, but this is Gatling " + version + ": " + update);
    }
  }

  /**
   * A string as Gatling's writer wrote it: String's internal bytes and coder (-1: the empty string).
   * Copied as they are, never decoded, by the merge; {@link #text()} decodes and sanitizes it as
   * Gatling's reader does (tabs and line ends to spaces).
   */
  public static final class Text {
    public static final Text EMPTY = new Text(new byte[0], (byte) -1);

    private final byte[] bytes;
    private final byte coder;
    private String text;

    public Text(byte[] bytes, byte coder) {
      this.bytes = bytes;
      this.coder = coder;
    }

    public byte[] bytes() {
      return bytes;
    }

    public byte coder() {
      return coder;
    }

    /** As LogFileParser.readCachedSanitizedString reads it. */
    public String text() {
      if (text == null) {
        String s = bytes.length == 0 ? "" : StringInternals.newString(bytes, coder);
        text = s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
      }
      return text;
    }

    /** This string with {@code suffix} after it: Latin-1 strings only. */
    public Text suffixed(String suffix) {
      if (suffix.isEmpty()) {
        return this;
      }
      if (coder != 0) {
        throw new IllegalArgumentException("only Latin-1 names take a suffix: " + this);
      }
      byte[] more = suffix.getBytes(StandardCharsets.ISO_8859_1);
      byte[] longer = Arrays.copyOf(bytes, bytes.length + more.length);
      System.arraycopy(more, 0, longer, bytes.length, more.length);
      return new Text(longer, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Text t && t.coder == coder && Arrays.equals(t.bytes, bytes);
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

  /** The Run record, first in the log. */
  public static final class Run {
    public Text version;
    public Text simulationClass;
    /** The run's start, epoch ms: the records' times are relative to it. */
    public long start;
    public Text description;
    public final List<Text> scenarios = new ArrayList<>();
    public final List<byte[]> assertions = new ArrayList<>();
  }

  /** One record after the Run record; which fields hold something depends on its {@link #header}. */
  public static final class Record {
    public byte header;
    /** A user's scenario index. */
    public int scenario;
    /** A user's start, a request's or a group's OK. */
    public boolean flag;
    /** A user's or an error's time, a request's or a group's start; relative to the run's start. */
    public int start;
    public int end;
    public int cumulated;
    public Text[] groups;
    public Text name;
    public Text message;

    /** When Gatling's writer wrote the record, relative: a user's or an error's time, a request's or a group's end. */
    public int writtenAt() {
      return header == REQUEST || header == GROUP ? end : start;
    }

    /** The groups' names, outermost first. */
    public List<String> groupNames() {
      List<String> names = new ArrayList<>(groups.length);
      for (Text group : groups) {
        names.add(group.text());
      }
      return names;
    }
  }
}
