package io.hubload.journey.tab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A browser's recording and a run of the suite, counted the same way: requests to the user's
 * server per {@link RequestClass}, per minute. Both timelines start at the notebook's page, or,
 * for a UI that opens the notebook inside the page it has (JupyterLab), at the notebook's creation
 * ({@link #ANCHORS}: the first request both make once, at a known moment) and minute k is the window of 60 s centred on
 * k whole minutes after it, from k·60 − 30 s to k·60 + 30 s, so that a request made once a minute
 * or every two (an autosave) never falls on a window's edge. Only the minutes that both journeys
 * cover to their end are compared: a recording ends when its idle ends, the suite's tab when its
 * user stops.
 */
public final class TrafficComparison {

  /** How far a class's count in a minute may be from the recording's: ±20 %. */
  public static final double TOLERANCE = 0.20;

  /**
   * In minute 0 a count may also be this many requests off. Its first half is before the anchor:
   * how long each side stood on the first page before the notebook opened depends on how fast its
   * server and page came on a busy machine, not on the tab, so the polls that fit in that time
   * differ by one or two (seen: kernels 7 and 5, sessions 10 and 8, one run in several).
   */
  public static final int FIRST_MINUTE_SLACK = 2;

  private static final long MINUTE = 60_000;
  /** The classes that start a timeline, the first one present: a notebook's page, else the UI's page. */
  static final List<String> ANCHORS = List.of("notebook page", "server home");

  /** Requests per class per minute, and the last minute covered whole. */
  public record Counts(Map<String, int[]> perMinute, int wholeMinutes) {

    int count(String requestClass, int minute) {
      int[] minutes = perMinute.get(requestClass);
      return minutes == null || minute >= minutes.length ? 0 : minutes[minute];
    }
  }

  private TrafficComparison() {}

  /** A TabRecorder recording: its requests under the user's server. */
  public static Counts ofRecording(JsonNode recording) {
    List<long[]> times = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (JsonNode request : recording.path("requests")) {
      String path = request.path("path").asText();
      if (path.startsWith("/")) {
        continue; // the hub's own pages and APIs: the user's steps
      }
      String type = request.path("type").asText();
      String requestClass =
          RequestClass.of(request.path("method").asText(), path, type.equals("WebSocket"), request.path("status").asInt(0));
      if (requestClass == null || request.path("fromCache").asBoolean(false)) {
        continue;
      }
      times.add(new long[] {request.path("t").asLong()});
      classes.add(requestClass);
    }
    Long origin = null;
    for (String anchor : ANCHORS) {
      int i = classes.indexOf(anchor);
      if (origin == null && i >= 0) {
        origin = times.get(i)[0];
      }
    }
    if (origin == null) {
      throw new IllegalArgumentException("the recording has no notebook page, and no notebook made");
    }
    long end = recording.path("journeyEnd").asLong() - origin;
    Map<String, int[]> perMinute = new TreeMap<>();
    int whole = wholeMinutes(end);
    for (int i = 0; i < times.size(); i++) {
      add(perMinute, classes.get(i), times.get(i)[0] - origin, whole);
    }
    return new Counts(perMinute, whole);
  }

  /**
   * A run's summary.json requestsPerSecond: entry name to [ms since the run's start, OK, KO per
   * second], for one virtual user with a tab, in a run under 1,000 s (Gatling's buckets are then
   * one second: the values are counts). Its tab ends at its stop (the first "kernel websocket
   * close").
   */
  public static Counts ofRun(Map<String, List<int[]>> requestsPerSecond) {
    Map<String, Long> firstOfClass = new TreeMap<>();
    Long stop = null;
    for (Map.Entry<String, List<int[]>> entry : requestsPerSecond.entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      long first = entry.getValue().get(0)[0];
      String requestClass = RequestClass.ofEntry(entry.getKey());
      if (requestClass != null) {
        firstOfClass.merge(requestClass, first, Math::min);
      }
      if (entry.getKey().endsWith(" / kernel websocket close")) {
        stop = stop == null ? first : Math.min(stop, first);
      }
    }
    Long origin = ANCHORS.stream().filter(firstOfClass::containsKey).findFirst().map(firstOfClass::get).orElse(null);
    if (origin == null || stop == null) {
      throw new IllegalArgumentException("the run has no notebook page nor notebook made, or no stop: " + requestsPerSecond.keySet());
    }
    int whole = wholeMinutes(stop - origin);
    Map<String, int[]> perMinute = new TreeMap<>();
    for (Map.Entry<String, List<int[]>> entry : requestsPerSecond.entrySet()) {
      String requestClass = RequestClass.ofEntry(entry.getKey());
      if (requestClass == null) {
        continue; // the hub's steps, the redirects, and the stop, which is not the tab's
      }
      for (int[] second : entry.getValue()) {
        for (int n = 0; n < second[1] + second[2]; n++) {
          add(perMinute, requestClass, second[0] - origin, whole);
        }
      }
    }
    return new Counts(perMinute, whole);
  }

  /** The minutes 0..n whose window ends before {@code end} ms. */
  private static int wholeMinutes(long end) {
    return (int) Math.max(0, Math.floorDiv(end - MINUTE / 2, MINUTE));
  }

  private static void add(Map<String, int[]> perMinute, String requestClass, long t, int wholeMinutes) {
    long minute = Math.floorDiv(t + MINUTE / 2, MINUTE);
    if (minute < 0 || minute > wholeMinutes) {
      return;
    }
    perMinute.computeIfAbsent(requestClass, c -> new int[wholeMinutes + 1])[(int) minute]++;
  }

  /**
   * Where the run differs from the recording, in words; empty when every class of either is in
   * both and each minute's count is within {@link #TOLERANCE} of the recording's (0 where it has
   * none), or in minute 0 within {@link #FIRST_MINUTE_SLACK} requests.
   */
  public static List<String> differences(Counts recorded, Counts run) {
    int minutes = Math.min(recorded.wholeMinutes(), run.wholeMinutes());
    List<String> differences = new ArrayList<>();
    for (String requestClass : classes(recorded, run)) {
      if (!recorded.perMinute().containsKey(requestClass)) {
        differences.add(requestClass + ": made by the suite, not by the browser");
        continue;
      }
      if (!run.perMinute().containsKey(requestClass)) {
        differences.add(requestClass + ": made by the browser, not by the suite");
        continue;
      }
      for (int minute = 0; minute <= minutes; minute++) {
        int r = recorded.count(requestClass, minute);
        int s = run.count(requestClass, minute);
        if (Math.abs(s - r) > TOLERANCE * r && !(minute == 0 && Math.abs(s - r) <= FIRST_MINUTE_SLACK)) {
          differences.add(requestClass + ", minute " + minute + ": the browser " + r + ", the suite " + s);
        }
      }
    }
    return differences;
  }

  /** One side alone, as a Markdown table: a row per class, its count per minute. */
  public static String table(Counts counts) {
    StringBuilder table = new StringBuilder("| Request class |");
    for (int minute = 0; minute <= counts.wholeMinutes(); minute++) {
      table.append(" minute ").append(minute).append(" |");
    }
    table.append("\n|---|").append("---:|".repeat(counts.wholeMinutes() + 1)).append('\n');
    for (String requestClass : counts.perMinute().keySet()) {
      table.append("| ").append(requestClass).append(" |");
      for (int minute = 0; minute <= counts.wholeMinutes(); minute++) {
        table.append(' ').append(counts.count(requestClass, minute)).append(" |");
      }
      table.append('\n');
    }
    return table.toString();
  }

  /** Both, side by side, as a Markdown table: a row per class, "browser / suite" per minute. */
  public static String table(Counts recorded, Counts run) {
    int minutes = Math.min(recorded.wholeMinutes(), run.wholeMinutes());
    StringBuilder table = new StringBuilder("| Request class |");
    for (int minute = 0; minute <= minutes; minute++) {
      table.append(" minute ").append(minute).append(" |");
    }
    table.append("\n|---|").append("---:|".repeat(minutes + 1)).append('\n');
    for (String requestClass : classes(recorded, run)) {
      table.append("| ").append(requestClass).append(" |");
      for (int minute = 0; minute <= minutes; minute++) {
        table.append(' ').append(recorded.count(requestClass, minute)).append(" / ").append(run.count(requestClass, minute)).append(" |");
      }
      table.append('\n');
    }
    return table.toString();
  }

  private static TreeSet<String> classes(Counts recorded, Counts run) {
    TreeSet<String> all = new TreeSet<>(recorded.perMinute().keySet());
    all.addAll(run.perMinute().keySet());
    return all;
  }
}
