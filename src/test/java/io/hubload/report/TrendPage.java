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
 * its KO share, run after run, each run named on the axis, and one line per series of comparable
 * runs ({@link Comparability}): runs of another profile, tab, hub release or auth mode are another
 * line, never joined to this one. A run that regressed from the run before it in its own series
 * (the regression check's rules, noise included) is marked in red; runs of different series are
 * never compared. Drawn as hub.html is ({@link Charts}): offline, and its tables readable where
 * scripts are blocked.
 *
 * <p>Where the capacity verdict goes: once summary.json carries it, a chart of the users held, a
 * line per series like the others, before the entries' charts.
 */
public final class TrendPage {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final String REGRESSED = "regressed from the run before in its series";

  private TrendPage() {}

  /** The runs of one series: its name in the legend, and the runs' places (0-based), oldest first. */
  record Series(String label, List<Integer> runs) {}

  /** The runs grouped by series, in the order each series first appears. */
  static List<Series> series(List<RunSummary> runs) {
    Map<Comparability, List<Integer>> bySeries = new LinkedHashMap<>();
    Map<Comparability, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      Comparability key = Comparability.of(runs.get(i));
      bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      labels.putIfAbsent(key, Comparability.label(runs.get(i)));
    }
    List<Series> series = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Map.Entry<Comparability, List<Integer>> s : bySeries.entrySet()) {
      String label = labels.get(s.getKey());
      for (int n = 2; !used.add(label); n++) {
        label = labels.get(s.getKey()) + " (" + n + ")"; // alike in the label, unlike in a fact it leaves out
      }
      series.add(new Series(label, s.getValue()));
    }
    return series;
  }

  /**
   * @param runs oldest first
   * @param rules what counts as a regression, as the check applies it
   * @param history how many earlier runs of a series give its run-to-run noise
   */
  public static String html(String simulation, List<RunSummary> runs, Comparison.Rules rules, int history) {
    List<Series> series = series(runs);
    String[] seriesOf = new String[runs.size()];
    series.forEach(s -> s.runs().forEach(i -> seriesOf[i] = s.label()));
    StringBuilder intro = new StringBuilder();
    intro.append("<p>p95 response time and KO share of each report entry, run after run, oldest on the left, ")
        .append("one line per series of comparable runs (the same profile and users, session and tab, workload, hub release ")
        .append("and auth mode): ").append(series.size()).append(series.size() == 1 ? " series" : " series, never joined")
        .append(". A red point marks a run that regressed from the run before it in its own series, beyond noise.</p>\n");
    intro.append("<table><tr><th>#</th><th>run</th><th>start (UTC)</th><th>series</th><th>commit</th></tr>\n");
    List<String> labels = new ArrayList<>();
    List<Double> xs = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      RunSummary run = runs.get(i);
      labels.add("#" + (i + 1) + " " + start(run));
      xs.add((double) (i + 1));
      intro.append("<tr><td>").append(i + 1).append("</td><td>")
          .append(Charts.escape(run.run().gatlingRun() == null ? "?" : run.run().gatlingRun()))
          .append(run.run().wasInterrupted() ? " (interrupted)" : "")
          .append("</td><td>").append(Charts.escape(start(run)))
          .append("</td><td>").append(Charts.escape(seriesOf[i]))
          .append("</td><td>").append(Charts.escape(shortCommit(run)))
          .append("</td></tr>\n");
    }
    intro.append("</table>\n");

    Set<String> regressedP95 = new HashSet<>();
    Set<String> regressedKo = new HashSet<>();
    for (Series s : series) {
      List<RunSummary> whole = new ArrayList<>();
      for (int i : s.runs()) {
        RunSummary run = runs.get(i);
        if (!whole.isEmpty() && !run.run().wasInterrupted()) {
          List<RunSummary> earlier = whole.subList(Math.max(0, whole.size() - history), whole.size());
          for (Comparison.Verdict verdict : Comparison.compare(whole.get(whole.size() - 1), run, rules, earlier)) {
            if (!verdict.passed()) {
              (verdict.check() == Comparison.Check.KO ? regressedKo : regressedP95).add(verdict.entry() + "#" + i);
            }
          }
        }
        if (!run.run().wasInterrupted()) {
          whole.add(run); // an interrupted run is no baseline, nor part of the noise
        }
      }
    }

    Set<String> entries = new LinkedHashSet<>();
    for (RunSummary run : runs) {
      run.entries().forEach(e -> entries.add(e.name()));
    }
    List<Charts.Chart> charts = new ArrayList<>();
    if (runs.stream().anyMatch(run -> run.capacity() != null)) {
      charts.add(capacity(runs, xs, labels, series));
    }
    int id = 0;
    for (String entry : entries) {
      List<Double> p95 = new ArrayList<>();
      List<Double> ko = new ArrayList<>();
      for (RunSummary run : runs) {
        p95.add(run.entry(entry).map(e -> (double) e.p95()).orElse(null));
        ko.add(run.entry(entry).map(EntryStats::koPercent).orElse(null));
      }
      charts.add(chart("p95-" + id, entry + ": p95", "ms", xs, labels, series, p95, marks(p95, regressedP95, entry)));
      charts.add(chart("ko-" + id, entry + ": KO share", "%", xs, labels, series, ko, marks(ko, regressedKo, entry)));
      id++;
    }
    return Charts.page(simulation + ": the last " + runs.size() + " runs", intro.toString(), charts, null);
  }

  /**
   * The capacity searches' verdicts, night after night: the users each held within its service
   * levels, one line per series; a run that held fewer than the run before in its series (a level
   * or more) is marked.
   */
  private static Charts.Chart capacity(List<RunSummary> runs, List<Double> xs, List<String> labels, List<Series> series) {
    List<Double> held = new ArrayList<>();
    for (RunSummary run : runs) {
      held.add(run.capacity() == null ? null : (double) run.capacity().held());
    }
    List<Double> marks = new ArrayList<>(java.util.Collections.nCopies(runs.size(), (Double) null));
    for (Series s : series) {
      Integer before = null;
      for (int i : s.runs()) {
        RunSummary run = runs.get(i);
        if (run.capacity() == null || run.run().wasInterrupted()) {
          continue;
        }
        if (before != null && run.capacity().held() < before) {
          marks.set(i, held.get(i));
        }
        before = run.capacity().held();
      }
    }
    return chart("capacity", "Capacity: users held within every service level", "users", xs, labels, series, held, marks);
  }

  /** A chart with one line per series: each series' values at its own runs, nothing elsewhere. */
  private static Charts.Chart chart(
      String id, String title, String unit, List<Double> xs, List<String> labels, List<Series> series, List<Double> values, List<Double> marks) {
    Map<String, List<Double>> lines = new LinkedHashMap<>();
    for (Series s : series) {
      List<Double> line = new ArrayList<>(java.util.Collections.nCopies(values.size(), (Double) null));
      s.runs().forEach(i -> line.set(i, values.get(i)));
      lines.put(s.label(), line);
    }
    lines.put(REGRESSED, marks);
    return new Charts.Chart(id, title, unit, xs, labels, lines, false, false, Set.of(REGRESSED));
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

  private static String shortCommit(RunSummary run) {
    String commit = run.run().commit();
    return commit == null ? "" : commit.substring(0, Math.min(10, commit.length()));
  }
}
