package io.hubload.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hubload.config.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The recording written down: the JSON file ({@code record.out}) and the short tables printed at
 * the end (requests by resource type and part of the journey; what the idle minutes sent, minute
 * by minute).
 */
final class TabRecorderReport {

  /** What was recorded against what. */
  record Facts(
      String ui,
      String recordedAt,
      String hubVersion,
      boolean localHub,
      String serverVersion,
      String browser,
      String userAgent,
      String user,
      Duration idle) {}

  private final Facts facts;
  private final TabRecorderLog log;
  private final CdpTargets targets;
  private final Map<String, String> tabNames;
  private final TabRecorderPaths paths;
  private final Map<String, Long> marks;
  private final Map<String, JsonNode> focus;

  /**
   * @param tabNames the journey's tabs' names by target id ("tree", "notebook", "lab"); other tabs are
   *     "tab-N", a tab's frames and workers "NAME/TYPE"
   */
  TabRecorderReport(
      Facts facts,
      TabRecorderLog log,
      CdpTargets targets,
      Map<String, String> tabNames,
      TabRecorderPaths paths,
      Map<String, Long> marks,
      Map<String, JsonNode> focus) {
    this.facts = facts;
    this.log = log;
    this.targets = targets;
    this.tabNames = tabNames;
    this.paths = paths;
    this.marks = marks;
    this.focus = focus;
  }

  void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    CdpConnection.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json());
  }

  ObjectNode json() {
    ObjectNode root = CdpConnection.params();
    root.put("recordedAt", facts.recordedAt());
    root.put("ui", facts.ui());
    root.putObject("hub").put("version", facts.hubVersion()).put("local", facts.localHub());
    root.putObject("server").put("version", facts.serverVersion());
    root.put("browser", facts.browser());
    root.put("userAgent", facts.userAgent());
    root.put("user", facts.user());
    root.put("idle", Durations.format(facts.idle()));
    root.put("idleStart", mark("idleStart"));
    root.put("journeyEnd", mark("journeyEnd"));
    ObjectNode marksNode = root.putObject("marks");
    marks.forEach(marksNode::put);
    root.set("tabs", tabs());
    root.set("requests", requests());
    root.set("websockets", websockets());
    root.set("frames", frames());
    return root;
  }

  /** The journey's tabs, and any other target that sent something (not Chromium's own UI targets). */
  private ArrayNode tabs() {
    ArrayNode tabs = CdpConnection.JSON.createArrayNode();
    Set<String> sent = new HashSet<>();
    log.requests().forEach(r -> sent.add(r.sessionId));
    for (CdpTargets.Target t : targets.all()) {
      if (!tabNames.containsKey(t.targetId()) && !sent.contains(t.sessionId())) {
        continue;
      }
      ObjectNode tab = tabs.addObject().put("tab", tabOf(t.sessionId())).put("type", t.type());
      if (focus.containsKey(t.targetId())) {
        tab.set("focus", focus.get(t.targetId()));
      }
    }
    return tabs;
  }

  private ArrayNode requests() {
    ArrayNode out = CdpConnection.JSON.createArrayNode();
    for (TabRecorderLog.Request r : log.requests()) {
      ObjectNode o =
          out.addObject()
              .put("t", r.t)
              .put("tab", tabOf(r.sessionId))
              .put("method", r.method)
              .put("path", paths.name(r.url, true))
              .put("type", r.type);
      if (r.status == null) {
        o.putNull("status");
      } else {
        o.put("status", r.status);
      }
      if (r.fromCache) {
        o.put("fromCache", true);
      }
      if (r.error != null) {
        o.put("error", r.error);
      }
    }
    return out;
  }

  private ArrayNode websockets() {
    ArrayNode out = CdpConnection.JSON.createArrayNode();
    for (TabRecorderLog.Socket s : log.sockets()) {
      ObjectNode o =
          out.addObject()
              .put("t", s.request.t)
              .put("tab", tabOf(s.request.sessionId))
              .put("path", paths.name(s.request.url, true))
              .put("requestedProtocol", s.requestedProtocol)
              .put("protocol", s.protocol)
              .put("framesSent", s.framesSent)
              .put("framesReceived", s.framesReceived);
      if (s.request.status != null) {
        o.put("status", s.request.status);
      }
      if (s.closedAt != null) {
        o.put("closedAt", s.closedAt);
      }
    }
    return out;
  }

  private ArrayNode frames() {
    ArrayNode out = CdpConnection.JSON.createArrayNode();
    for (TabRecorderLog.Frame f : log.frames()) {
      out.addObject()
          .put("t", f.t())
          .put("tab", tabOf(f.sessionId()))
          .put("socket", paths.name(f.socket().request.url, false))
          .put("dir", f.sent() ? "sent" : "received")
          .put("bytes", f.bytes())
          .put("channel", f.channel())
          .put("msgType", f.msgType());
    }
    return out;
  }

  /** The tables: requests by type and part of the journey, then the idle minutes, minute by minute. */
  void print(PrintStream out) {
    long landingLoaded = mark("landingLoaded");
    long idleStart = mark("idleStart");
    long end = mark("journeyEnd");
    out.println();
    out.println("Requests by resource type (n: from the browser's cache, not sent)");
    out.printf("  %-12s %18s %18s %10s %8s%n", "type", "login..first page", "new notebook..run", "idle", "total");
    Map<String, long[]> byType = new TreeMap<>();
    for (TabRecorderLog.Request r : log.requests()) {
      int part = r.t <= landingLoaded ? 0 : r.t < idleStart ? 1 : r.t <= end ? 2 : -1;
      if (part >= 0) {
        long[] counts = byType.computeIfAbsent(r.type, k -> new long[5]);
        counts[part]++;
        counts[3]++;
        counts[4] += r.fromCache ? 1 : 0;
      }
    }
    byType.forEach(
        (type, c) ->
            out.printf(
                "  %-12s %18d %18d %10d %8s%n", type, c[0], c[1], c[2], c[3] + (c[4] > 0 ? " (" + c[4] + ")" : "")));
    printIdle(out, idleStart, end);
  }

  private void printIdle(PrintStream out, long idleStart, long end) {
    // Minutes of record.idle: the idle's end, a few ms past its last minute, opens no column.
    int minutes = (int) Math.max(1, (facts.idle().toMillis() + 59_999) / 60_000);
    out.println();
    out.printf("Idle (%s from %.1f s): requests per minute of the idle%n", Durations.format(facts.idle()), idleStart / 1000.0);
    Map<String, int[]> rows =
        perMinute(
            log.requests(),
            r -> r.t,
            r -> tabOf(r.sessionId) + "  " + r.method + " " + paths.name(r.url, false),
            idleStart,
            end,
            minutes);
    printRows(out, rows, minutes, "no request");
    out.println("Idle: websocket frames per minute of the idle (channel msg_type)");
    Map<String, int[]> frameRows =
        perMinute(
            log.frames(),
            TabRecorderLog.Frame::t,
            f -> tabOf(f.sessionId()) + "  " + (f.sent() ? "sent " : "recv ") + f.channel() + " " + f.msgType(),
            idleStart,
            end,
            minutes);
    printRows(out, frameRows, minutes, "no frame");
  }

  private static <T> Map<String, int[]> perMinute(
      List<T> items, ToLongFunction<T> time, Function<T, String> key, long from, long to, int minutes) {
    Map<String, int[]> rows = new TreeMap<>();
    for (T item : items) {
      long t = time.applyAsLong(item);
      if (t >= from && t <= to) {
        int minute = (int) Math.min(minutes - 1, (t - from) / 60_000);
        rows.computeIfAbsent(key.apply(item), k -> new int[minutes])[minute]++;
      }
    }
    return rows;
  }

  private static void printRows(PrintStream out, Map<String, int[]> rows, int minutes, String none) {
    if (rows.isEmpty()) {
      out.println("  (" + none + ")");
      return;
    }
    int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
    StringBuilder header = new StringBuilder(String.format("  %-" + width + "s", ""));
    for (int m = 1; m <= minutes; m++) {
      header.append(String.format(" %5s", "m" + m));
    }
    out.println(header);
    rows.forEach(
        (k, counts) -> {
          StringBuilder line = new StringBuilder(String.format("  %-" + width + "s", k));
          for (int c : counts) {
            line.append(String.format(" %5d", c));
          }
          out.println(line);
        });
  }

  private long mark(String name) {
    return marks.getOrDefault(name, log.sinceStart());
  }

  /** A session's tab name: the journey's name for a tab, "tab-N" for another, "TAB/TYPE" for a frame or worker. */
  private String tabOf(String sessionId) {
    CdpTargets.Target t = targets.bySession(sessionId).orElse(null);
    if (t == null) {
      return "?";
    }
    if (t.type().equals("page")) {
      String name = tabNames.get(t.targetId());
      if (name != null) {
        return name;
      }
      List<CdpTargets.Target> all = targets.all();
      return "tab-" + (all.indexOf(t) + 1);
    }
    return (t.parentSessionId() == null ? "browser" : tabOf(t.parentSessionId())) + "/" + t.type();
  }
}
