package io.hubload.report;

import io.hubload.capacity.LevelFigures;
import io.hubload.capacity.Verdict;
import io.hubload.report.Charts.Chart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * reports/RUN/capacity.html: a capacity search's verdict, and each figure a service level judges
 * against concurrency, with the limit when that service level is on and the level where it broke.
 */
public final class CapacityPage {

  private static final String BROKE = "where it broke";
  private static final String LIMIT = "limit (slo.*)";

  private CapacityPage() {}

  public static String html(String title, String about, Verdict verdict) {
    StringBuilder intro = new StringBuilder();
    intro.append("<p>").append(Charts.escape(about)).append("</p>\n");
    intro.append("<p class=\"").append(verdict.brokeAt() == null ? "note" : "alert").append("\"><b>")
        .append(Charts.escape(verdict.line())).append("</b></p>\n");
    intro.append(table(verdict));
    intro.append("<p class=\"note\">Each level is judged on the users who arrived while it was climbed to or held: ")
        .append("p95s over their spawns, first results (from the login page to the first execute reply) and executions, ")
        .append("the share who got no result, and GET /hub/api p95 from the hub's timeline over the level's time. ")
        .append("Where a service level is on, its limit is drawn beside the figure, and the level that broke it is marked.</p>\n");
    List<Verdict.Level> levels = verdict.levels();
    Verdict.Limits limits = verdict.limits();
    List<Chart> charts = new ArrayList<>();
    charts.add(chart("spawn", "Spawn to ready p95", "s", levels, f -> seconds(f.spawnP95Ms()), seconds(limits.spawnP95Ms())));
    charts.add(chart("first-result", "Time to first result p95", "s", levels, f -> seconds(f.firstResultP95Ms()), seconds(limits.firstResultP95Ms())));
    charts.add(chart("execute", "Execute p95", "s", levels, f -> seconds(f.executeP95Ms()), seconds(limits.executeP95Ms())));
    charts.add(chart("failed", "Users without a result", "%", levels, LevelFigures::failedPercent, limits.failedUsersPercent()));
    charts.add(chart("hub-api", "The hub's own API (GET /hub/api) p95", "s", levels, f -> seconds(f.hubApiP95Ms()), seconds(limits.hubApiP95Ms())));
    if (levels.stream().anyMatch(l -> l.figures().nodeWaitPercent() != null)) {
      // KubeSpawner's events only: a local hub's spawns have no nodes to wait for.
      charts.add(chart("node-wait", "Spawns that waited for a node's scale-up", "%", levels, LevelFigures::nodeWaitPercent, limits.nodeWaitPercent()));
    }
    return Charts.page(title, intro.toString(), charts, null);
  }

  /**
   * One figure over the levels, its limit as a line when that service level is on, and a mark on
   * the level that broke it.
   */
  private static Chart chart(
      String id, String title, String unit, List<Verdict.Level> levels, Function<LevelFigures, Double> figure, Double limit) {
    List<Double> xs = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> limitLine = new ArrayList<>();
    List<Double> broke = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Verdict.Level level = levels.get(i);
      xs.add((double) (i + 1));
      labels.add(level.users() + " users");
      Double value = figure.apply(level.figures());
      values.add(value);
      limitLine.add(limit);
      boolean brokeHere = level.outcome() == Verdict.Outcome.BROKE && value != null && limit != null && value > limit;
      broke.add(brokeHere ? value : null);
    }
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put(title, values);
    if (limit != null) {
      series.put(LIMIT, limitLine);
    }
    if (broke.stream().anyMatch(java.util.Objects::nonNull)) {
      series.put(BROKE, broke);
    }
    return new Chart(id, title, unit, xs, labels, series, false, false, Set.of(BROKE), "concurrent users");
  }

  private static Double seconds(Long millis) {
    return millis == null ? null : millis / 1000.0;
  }

  private static String table(Verdict verdict) {
    StringBuilder html =
        new StringBuilder(
            "<table><tr><th>users</th><th>outcome</th><th>arrived</th><th>without a result</th><th>spawn to ready p95</th>"
                + "<th>first result p95</th><th>execute p95</th><th>hub API p95</th><th>what broke</th></tr>\n");
    for (Verdict.Level level : verdict.levels()) {
      LevelFigures f = level.figures();
      html.append("<tr><td>").append(level.users()).append("</td><td>")
          .append(level.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append("</td><td>")
          .append(f.arrived()).append("</td><td>").append(f.failed()).append("</td><td>")
          .append(ms(f.spawnP95Ms())).append("</td><td>").append(ms(f.firstResultP95Ms())).append("</td><td>")
          .append(ms(f.executeP95Ms())).append("</td><td>").append(ms(f.hubApiP95Ms())).append("</td><td style=\"text-align:left\">")
          .append(Charts.escape(String.join("; ", level.broken()))).append("</td></tr>\n");
    }
    return html.append("</table>\n").toString();
  }

  private static String ms(Long millis) {
    return millis == null ? "-" : millis + " ms";
  }
}
