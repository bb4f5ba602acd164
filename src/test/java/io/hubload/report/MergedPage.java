package io.hubload.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page of a merged run (index.html beside its summary.json): the statistics table with
 * Gatling's columns, computed from the merged histograms, and the users and requests per second
 * over the run, all injectors together.
 */
public final class MergedPage {

  private MergedPage() {}

  /**
   * @param verdict one line: the gate's verdict on the merged totals, or why there is none
   */
  public static String html(RunSummary merged, String description, String verdict, String gatlingReport) {
    Mergeable m = merged.mergeable();
    double seconds = Math.max(1, (m.runEnd() - m.runStart()) / 1000.0);
    StringBuilder intro = new StringBuilder();
    RunFacts.Injectors injectors = merged.run().injectors();
    intro.append("<p>").append(Charts.escape(description)).append("</p>\n");
    intro.append("<p>")
        .append(injectors.count())
        .append(" injectors, merged from: ")
        .append(Charts.escape(String.join(", ", injectors.runs())))
        .append(". From ")
        .append(merged.run().start())
        .append(" to ")
        .append(merged.run().end())
        .append(".</p>\n<p><b>")
        .append(Charts.escape(verdict))
        .append("</b></p>\n");
    if (gatlingReport != null) {
      intro.append("<p><a href=\"").append(Charts.escape(gatlingReport))
          .append("\">Gatling's own report of the merged run</a>: the injectors' simulation.log files merged into one"
              + " (its percentiles are Gatling's estimates; the table below is exact).</p>\n");
    }
    intro.append("<h2>Statistics</h2>\n<table><tr><th style=\"text-align:left\">Requests</th>");
    for (String column :
        List.of("Total", "OK", "KO", "% KO", "Cnt/s", "Min", "50th pct", "75th pct", "95th pct", "99th pct", "Max", "Mean", "Std Dev")) {
      intro.append("<th>").append(column).append("</th>");
    }
    intro.append("</tr>\n");
    List<EntryStats> table = merged.entries();
    for (int i = 0; i < table.size(); i++) {
      EntryStats e = table.get(i);
      Mergeable.Entry raw = m.entries().get(i);
      intro.append("<tr><td style=\"text-align:left\">")
          .append(e.group() ? "<b>" + Charts.escape(e.name()) + "</b>" : Charts.escape(e.name()))
          .append("</td>");
      for (Object value :
          List.of(
              e.count(), e.ok(), e.ko(), format(e.koPercent()), format(e.count() / seconds),
              e.min(), e.p50(), e.p75(), e.p95(), e.p99(), e.max(), e.mean(),
              Math.round(Mergeable.standardDeviation(raw)))) {
        intro.append("<td>").append(value).append("</td>");
      }
      intro.append("</tr>\n");
    }
    intro.append(
        "</table>\n<p>Times in ms. Percentiles from the injectors' HdrHistograms merged (3 significant digits:"
            + " exact under 2,048 ms); groups show their cumulated response time, as Gatling's table does."
            + " Each injector's own Gatling report is in its run folder.</p>\n");
    return Charts.page(
        "hubload: one run of " + injectors.count() + " injectors (" + merged.run().gatlingRun() + ")",
        intro.toString(),
        charts(m.perSecond()),
        null);
  }

  private static List<Charts.Chart> charts(Mergeable.PerSecond p) {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < p.requests().length; i++) {
      times.add((p.start() + i) * 1000);
    }
    Map<String, List<Double>> users = new LinkedHashMap<>();
    users.put("active users", doubles(p.activeUsers()));
    Map<String, List<Double>> requests = new LinkedHashMap<>();
    long[] oks = new long[p.requests().length];
    for (int i = 0; i < oks.length; i++) {
      oks[i] = p.requests()[i] - p.kos()[i];
    }
    requests.put("OK", doubles(oks));
    requests.put("KO", doubles(p.kos()));
    return List.of(
        Charts.onClock("users", "Active users, all injectors", "users", times, users, false),
        Charts.onClock("requests", "Requests per second, all injectors", "requests/s", times, requests, false));
  }

  private static List<Double> doubles(long[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add((double) v);
    }
    return list;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
