package io.hubload.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * reports/trend.html: for the last runs of a simulation, one small chart per entry of its p95,
 * and of its KO share, run after run. Plain HTML with inline SVG: it opens offline, from a
 * Jenkins artifact or a file, with nothing fetched.
 */
public final class TrendPage {

  private static final int WIDTH = 360;
  private static final int HEIGHT = 120;
  private static final int PAD = 28;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private TrendPage() {}

  /** @param runs oldest first */
  public static String html(String simulation, List<RunSummary> runs) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>hubload trend: ").append(RegressionReport.escape(simulation)).append("</title>\n")
        .append("<style>body{font-family:sans-serif;margin:1.5em;color:#222}")
        .append(".grid{display:flex;flex-wrap:wrap;gap:14px}")
        .append(".card{border:1px solid #ddd;border-radius:6px;padding:8px}")
        .append(".card h3{font-size:13px;margin:0 0 4px 0}")
        .append("svg text{font-size:10px;fill:#555}")
        .append("table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ddd;padding:2px 6px}</style>\n")
        .append("</head><body>\n");
    html.append("<h1>").append(RegressionReport.escape(simulation)).append(": the last ").append(runs.size()).append(" runs</h1>\n");
    html.append("<p>p95 response time (blue, ms) and KO share (red, %) of each report entry, run after run, oldest on the left.")
        .append(" Hover a point for its run.</p>\n");

    html.append("<table><tr><th>#</th><th>run</th><th>start (UTC)</th><th>profile</th><th>commit</th></tr>\n");
    for (int i = 0; i < runs.size(); i++) {
      RunSummary run = runs.get(i);
      html.append("<tr><td>").append(i + 1).append("</td><td>")
          .append(RegressionReport.escape((run.run().gatlingRun() == null ? "?" : run.run().gatlingRun())))
          .append("</td><td>").append(RegressionReport.escape(start(run)))
          .append("</td><td>").append(RegressionReport.escape(profile(run)))
          .append("</td><td>").append(RegressionReport.escape(shortCommit(run)))
          .append("</td></tr>\n");
    }
    html.append("</table>\n<div class=\"grid\">\n");

    Set<String> entries = new LinkedHashSet<>();
    for (RunSummary run : runs) {
      run.entries().forEach(e -> entries.add(e.name()));
    }
    for (String entry : entries) {
      List<Double> p95 = new ArrayList<>();
      List<Double> ko = new ArrayList<>();
      for (RunSummary run : runs) {
        p95.add(run.entry(entry).map(e -> (double) e.p95()).orElse(null));
        ko.add(run.entry(entry).map(EntryStats::koPercent).orElse(null));
      }
      html.append("<div class=\"card\"><h3>").append(RegressionReport.escape(entry)).append("</h3>\n");
      html.append(chart(p95, "#1f6feb", "ms", runs));
      html.append(chart(ko, "#d1242f", "% KO", runs));
      html.append("</div>\n");
    }
    html.append("</div>\n</body></html>\n");
    return html.toString();
  }

  private static String chart(List<Double> values, String colour, String unit, List<RunSummary> runs) {
    double max = 0;
    for (Double v : values) {
      if (v != null) {
        max = Math.max(max, v);
      }
    }
    double top = max == 0 ? 1 : max * 1.1;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(unit).append("\">");
    svg.append("<line x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD / 2).append("\" x2=\"")
        .append(WIDTH - 4).append("\" y2=\"").append(HEIGHT - PAD / 2).append("\" stroke=\"#bbb\"/>");
    svg.append("<text x=\"2\" y=\"12\">").append(label(top, unit)).append("</text>");
    svg.append("<text x=\"2\" y=\"").append(HEIGHT - PAD / 2).append("\">0</text>");
    StringBuilder line = new StringBuilder();
    StringBuilder points = new StringBuilder();
    int n = values.size();
    for (int i = 0; i < n; i++) {
      Double v = values.get(i);
      if (v == null) {
        continue;
      }
      double x = PAD + (n == 1 ? (WIDTH - PAD) / 2.0 : i * (WIDTH - PAD - 10) / (double) (n - 1));
      double y = HEIGHT - PAD / 2.0 - v / top * (HEIGHT - PAD);
      line.append(line.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      points.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">", x, y, colour))
          .append("<title>").append(RegressionReport.escape(start(runs.get(i)))).append(": ")
          .append(label(v, unit)).append("</title></circle>");
    }
    if (line.length() > 0) {
      svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
          .append(line).append("\"/>");
    }
    svg.append(points).append("</svg>\n");
    return svg.toString();
  }

  private static String label(double value, String unit) {
    return unit.equals("ms") ? String.format(Locale.ROOT, "%,.0f ms", value) : String.format(Locale.ROOT, "%.1f %%", value);
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
