package io.hubload.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * reports/trend.html: for the last runs of a simulation, one chart per entry of its p95 and one of
 * its KO share, run after run, each run named on the axis. A run that regressed from the run
 * before it (the regression check's rules) is marked in red. Drawn as hub.html is ({@link
 * Charts}): offline, and its tables readable where scripts are blocked.
 */
public final class TrendPage {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String REGRESSED = "regressed from the run before";

  private TrendPage() {}

  /**
   * @param runs oldest first
   * @param rules what counts as a regression, as the check applies it
   */
  public static String html(String simulation, List<RunSummary> runs, Comparison.Rules rules) {
    StringBuilder intro = new StringBuilder();
    intro.append("<p>p95 response time and KO share of each report entry, run after run, oldest on the left; a red ")
        .append("point marks a run that regressed from the run before it.</p>\n");
    intro.append("<table><tr><th>#</th><th>run</th><th>start (UTC)</th><th>profile</th><th>commit</th></tr>\n");
    List<String> labels = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunSummary run = runs.get(i);
      labels.add("#" + (i + 1) + " " + start(run));
      xs.add((double) (i + 1));
      intro.append("<tr><td>").append(i + 1).append("</td><td>")
          .append(Charts.escape(run.run().gatlingRun() == null ? "?" : run.run().gatlingRun()))
          .append("</td><td>").append(Charts.escape(start(run)))
          .append("</td><td>").append(Charts.escape(profile(run)))
          .append("</td><td>").append(Charts.escape(shortCommit(run)))
          .append("</td></tr>\n");
    }
    intro.append("</table>\n");

    Set<String> regressedP95 = new HashSet<>();
    Set<String> regressedKo = new HashSet<>();
    for (int i = 1; i < runs.size(); i++) {
      for (Comparison.Verdict verdict : Comparison.compare(runs.get(i - 1), runs.get(i), rules)) {
        if (!verdict.passed()) {
          (verdict.check() == Comparison.Check.KO ? regressedKo : regressedP95).add(verdict.entry() + "#" + i);
        }
      }
    }

    Set<String> entries = new LinkedHashSet<>();
    for (RunSummary run : runs) {
      run.entries().forEach(e -> entries.add(e.name()));
    }
    List<Charts.Chart> charts = new ArrayList<>();
    int id = 0;
    for (String entry : entries) {
      List<Double> p95 = new ArrayList<>();
      List<Double> ko = new ArrayList<>();
      for (RunSummary run : runs) {
        p95.add(run.entry(entry).map(e -> (double) e.p95()).orElse(null));
        ko.add(run.entry(entry).map(EntryStats::koPercent).orElse(null));
      }
      charts.add(chart("p95-" + id, entry + ": p95", "ms", xs, labels, "p95", p95, marks(p95, regressedP95, entry)));
      charts.add(chart("ko-" + id, entry + ": KO share", "%", xs, labels, "KO share", ko, marks(ko, regressedKo, entry)));
      id++;
    }
    return Charts.page(simulation + ": the last " + runs.size() + " runs", intro.toString(), charts, null);
  }

  private static Charts.Chart chart(
      String id, String title, String unit, List<Double> xs, List<String> labels, String name, List<Double> values, List<Double> marks) {
    Map<String, List<Double>> series = new LinkedHashMap<>();
    series.put(name, values);
    series.put(REGRESSED, marks);
    return new Charts.Chart(id, title, unit, xs, labels, series, false, false, Set.of(REGRESSED));
  }

  /** The values of the runs that regressed on this entry; null elsewhere. */
  private static List<Double> marks(List<Double> values, Set<String> regressed, String entry) {
    List<Double> marks = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      marks.add(regressed.contains(entry + "#" + i) ? values.get(i) : null);
    }
    return marks;
  }

  private static String start(RunSummary run) {
    String start = run.run().start();
    try {
      return start == null ? "?" : DAY.format(Instant.parse(start));
    } catch (RuntimeException e) {
      return start;
    }
  }

  private static String profile(RunSummary run) {
    RunFacts.Profile profile = run.run().profile();
    return profile == null || profile.description() == null ? "?" : profile.description();
  }

  private static String shortCommit(RunSummary run) {
    String commit = run.run().commit();
    return commit == null ? "" : commit.substring(0, Math.min(10, commit.length()));
  }
}
