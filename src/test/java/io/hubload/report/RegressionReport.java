package io.hubload.report;

import java.util.List;
import java.util.Locale;

/** A comparison for people (a table) and for Jenkins (JUnit XML: one test case per entry and check). */
public final class RegressionReport {

  private RegressionReport() {}

  /** The side-by-side table, one line per entry and check. */
  public static String table(List<Comparison.Verdict> verdicts, String baselineName, String currentName) {
    int width = 12;
    for (Comparison.Verdict v : verdicts) {
      width = Math.max(width, v.entry().length());
    }
    StringBuilder out = new StringBuilder();
    out.append("baseline: ").append(baselineName).append('\n');
    out.append("current:  ").append(currentName).append('\n');
    String format = "%-" + width + "s  %-8s  %12s  %12s  %8s  %-17s  %s%n";
    String confidence =
        verdicts.stream().map(Comparison.Verdict::interval).filter(i -> i != null).findFirst()
            .map(i -> Comparison.format(i.confidencePercent()) + "% interval").orElse("interval");
    out.append(String.format(Locale.ROOT, format, "entry", "check", "baseline", "current", "change", confidence, "verdict"));
    for (Comparison.Verdict v : verdicts) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              v.entry(),
              v.check().label,
              value(v.check(), v.baseline()),
              value(v.check(), v.current()),
              change(v),
              evidence(v),
              (v.passed() ? "ok" : "REGRESSION") + (v.reason().isEmpty() ? "" : ": " + v.reason())));
    }
    return out.toString();
  }

  /** JUnit XML, as Jenkins' junit step reads it. */
  public static String junitXml(List<Comparison.Verdict> verdicts, String currentName) {
    long failures = verdicts.stream().filter(v -> !v.passed()).count();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"hubload regression check\" tests=\"")
        .append(verdicts.size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    xml.append("  <properties><property name=\"run\" value=\"").append(escape(currentName)).append("\"/></properties>\n");
    for (Comparison.Verdict v : verdicts) {
      xml.append("  <testcase classname=\"hubload.")
          .append(escape(v.entry()))
          .append("\" name=\"")
          .append(escape(v.check().label))
          .append("\" time=\"0\"");
      String details = v.line();
      if (v.passed()) {
        xml.append(">\n    <system-out>")
            .append(escape(details))
            .append("</system-out>\n  </testcase>\n");
      } else {
        xml.append(">\n    <failure message=\"")
            .append(escape(v.reason()))
            .append("\">")
            .append(escape(details))
            .append("</failure>\n  </testcase>\n");
      }
    }
    xml.append("</testsuite>\n");
    return xml.toString();
  }

  static String value(Comparison.Check check, Double value) {
    if (value == null) {
      return "-";
    }
    return switch (check) {
      case P95 -> String.format(Locale.ROOT, "%,d ms", Math.round(value));
      case KO -> String.format(Locale.ROOT, "%.2f %%", value);
      case USERS -> Math.round(value) + " users";
    };
  }

  static String change(Comparison.Verdict v) {
    Double change = v.changePercent();
    if (change == null) {
      return v.baseline() != null && v.current() != null && v.baseline().equals(v.current()) ? "0%" : "-";
    }
    return String.format(Locale.ROOT, "%+.0f%%", change);
  }

  /** The interval of a p95's change ("-12% to +71%"), or Fisher's p of a KO share's rise ("p=0.003"). */
  static String evidence(Comparison.Verdict v) {
    if (v.interval() != null) {
      return String.format(Locale.ROOT, "%+.0f%% to %+.0f%%", v.interval().lowPercent(), v.interval().highPercent());
    }
    if (v.pValue() != null) {
      return "p=" + Comparison.probability(v.pValue());
    }
    return "-";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
