package io.hubload.journey;

import io.gatling.commons.stats.OK$;
import io.gatling.javaapi.core.ActionBuilder;
import io.hubload.journey.SpawnEvents.Phase;
import io.hubload.report.HubPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import scala.Option;
import io.hubload.hubapi.SessionKeys;

/**
 * Every spawn of the run, with where its time went ({@link SpawnEvents}): each phase becomes a
 * wall-time report entry beside "spawn to ready", and each spawn a row of reports/RUN/spawns.csv,
 * counted in summary.json. One JVM runs one simulation, so the log is the run's.
 */
public final class SpawnLog {

  /**
   * One spawn.
   *
   * @param readyAt when the suite saw it ready (epoch ms), -1 when it was not
   * @param outcome "ready", or why not (the hub's reason for a failed spawn)
   */
  public record Row(String user, long requestedAt, long readyAt, SpawnEvents.Reading reading, String outcome) {}

  private static final Queue<Row> ROWS = new ConcurrentLinkedQueue<>();
  private static final AtomicInteger PENDING = new AtomicInteger();

  private SpawnLog() {}

  /**
   * After a spawn ended, ready or not: its phases as report entries, and its row. Not exitable, as
   * "spawn to ready" is not: a failed spawn has its row too.
   *
   * @param requestedAt the session attribute with the spawn request's time
   * @param stream the session attribute with the progress stream as the hub sent it
   * @param outcome the session attribute with the spawn's outcome
   */
  static ActionBuilder record(String requestedAt, String stream, String outcome) {
    return new StatsHook(
        "record spawn phases",
        (session, stats, clock) -> {
          if (!session.contains(requestedAt)) {
            return session;
          }
          PENDING.decrementAndGet();
          String said = session.getString(outcome);
          boolean ready = SpawnProgress.READY.equals(said);
          long readyAt = ready ? clock.nowMillis() : -1;
          String body = session.getString(stream);
          SpawnEvents.Reading reading = SpawnEvents.read(body == null ? "" : body, readyAt);
          for (SpawnEvents.Span span : reading.phases()) {
            stats.logResponse(
                session.scenario(),
                session.asScala().groups(),
                span.phase().entry(),
                span.start(),
                span.end(),
                OK$.MODULE$,
                Option.empty(),
                Option.empty());
          }
          ROWS.add(
              new Row(
                  session.getString(SessionKeys.USER),
                  session.getLong(requestedAt),
                  readyAt,
                  reading,
                  said == null ? "no ready event" : said));
          // Here rather than in an action of its own: any other action after a failed spawn would
          // leave the journey's block before the spawn's entries are written.
          CapacityTally.spawnEnded(session, clock.nowMillis() - session.getLong(requestedAt), reading.scaleUp());
          return session.remove(requestedAt).remove(stream);
        });
  }

  /** A spawn was asked for: it is pending until {@link #record} sees it end. */
  static void requested() {
    PENDING.incrementAndGet();
  }

  /** Spawns asked for that have not ended yet, ready or not. */
  public static int pending() {
    return PENDING.get();
  }

  /** Distinct nodes the spawns so far were scheduled on. */
  public static int nodesSeen() {
    TreeSet<String> nodes = new TreeSet<>();
    ROWS.forEach(row -> row.reading().node().ifPresent(nodes::add));
    return nodes.size();
  }

  /** The spawns so far, in the order they ended. */
  public static List<Row> rows() {
    return new ArrayList<>(ROWS);
  }

  /** The spawns as hub.html charts them. */
  public static List<HubPage.Spawn> forPage(List<Row> rows) {
    List<HubPage.Spawn> spawns = new ArrayList<>();
    for (Row row : rows) {
      Map<String, Long> phases = new LinkedHashMap<>();
      row.reading().phases().forEach(span -> phases.put(span.phase().entry(), span.millis()));
      spawns.add(new HubPage.Spawn(row.requestedAt(), row.readyAt(), phases));
    }
    return spawns;
  }

  /** reports/RUN/spawns.csv: a header, then one line per spawn. */
  public static String csv(List<Row> rows) {
    StringBuilder csv = new StringBuilder("user,requested,ready");
    for (Phase phase : Phase.values()) {
      csv.append(',').append(phase.name().toLowerCase(java.util.Locale.ROOT)).append("_ms");
    }
    csv.append(",node,scale_up,no_scale_up_events,image,outcome\n");
    for (Row row : rows) {
      csv.append(cell(row.user()))
          .append(',')
          .append(Instant.ofEpochMilli(row.requestedAt()))
          .append(',')
          .append(row.readyAt() < 0 ? "" : Instant.ofEpochMilli(row.readyAt()).toString());
      for (Phase phase : Phase.values()) {
        csv.append(',').append(row.reading().phase(phase).map(span -> Long.toString(span.millis())).orElse(""));
      }
      csv.append(',')
          .append(cell(row.reading().node().orElse("")))
          .append(',')
          .append(row.reading().scaleUp() ? "yes" : "no")
          .append(',')
          .append(row.reading().noScaleUp())
          .append(',')
          .append(row.reading().image().orElse(""))
          .append(',')
          .append(cell(row.outcome()))
          .append('\n');
    }
    return csv.toString();
  }

  /** What summary.json counts of the spawns. */
  public static Map<String, Object> summary(List<Row> rows) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("spawns", rows.size());
    counts.put("ready", rows.stream().filter(row -> row.readyAt() >= 0).count());
    counts.put("withKubernetesEvents", rows.stream().filter(row -> row.reading().events() > 0).count());
    counts.put("waitedForScaleUp", rows.stream().filter(row -> row.reading().scaleUp()).count());
    counts.put("notTriggerScaleUpEvents", rows.stream().mapToInt(row -> row.reading().noScaleUp()).sum());
    counts.put("imagePulled", rows.stream().filter(row -> row.reading().image().filter("pulled"::equals).isPresent()).count());
    counts.put("imagePresent", rows.stream().filter(row -> row.reading().image().filter("present"::equals).isPresent()).count());
    TreeSet<String> nodes = new TreeSet<>();
    rows.forEach(row -> row.reading().node().ifPresent(nodes::add));
    counts.put("nodes", nodes.size());
    return counts;
  }

  /** A CSV cell: quoted when it holds a comma, a quote or a line break. */
  private static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.matches("(?s).*[,\"\\n\\r].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
