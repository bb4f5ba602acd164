package io.hubload.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * regression.*: the regression check's settings. {@code current} and {@code baseline} are paths,
 * empty for "find it in reports/".
 *
 * @param confidencePercent the confidence of the check's intervals (95: a p95's change must lie
 *     outside its 95 % interval of noise; a KO share's rise is tested at 2.5 %, one-sided)
 * @param minSamples below this many samples of an entry in either run, its p95 is not judged
 * @param history how many earlier runs of the run's series give its run-to-run noise (0: none)
 */
public record RegressionSettings(
    String current,
    String baseline,
    double tolerancePercent,
    Map<String, Double> tolerances,
    Duration floor,
    double maxKoPercent,
    int trendRuns,
    double confidencePercent,
    int minSamples,
    int history) {

  /** The defaults' confidence (95 %), sample count (20) and history (10 runs). */
  public RegressionSettings(
      String current, String baseline, double tolerancePercent, Map<String, Double> tolerances, Duration floor, double maxKoPercent, int trendRuns) {
    this(current, baseline, tolerancePercent, tolerances, floor, maxKoPercent, trendRuns, 95, 20, 10);
  }

  static RegressionSettings read(SettingReader r) {
    return new RegressionSettings(
        r.string("regression.current"),
        r.string("regression.baseline"),
        r.number("regression.tolerance", 0, 100_000),
        tolerances(r.string("regression.tolerances")),
        r.duration("regression.floor", Duration.ZERO, Duration.ofDays(1)),
        r.number("regression.max-ko-percent", 0, 100),
        r.integer("regression.trend-runs", 2, 1000),
        r.number("regression.confidence", 50, 99.9),
        r.integer("regression.min-samples", 1, 1_000_000),
        r.integer("regression.history", 0, 1000));
  }

  /** "spawn to ready=50, stop to gone=100": entry name to tolerance in percent. */
  private static Map<String, Double> tolerances(String raw) {
    Map<String, Double> tolerances = new LinkedHashMap<>();
    if (raw.isEmpty()) {
      return tolerances;
    }
    for (String item : raw.split(",")) {
      int eq = item.lastIndexOf('=');
      String value = eq < 0 ? "" : item.substring(eq + 1).strip();
      try {
        double percent = Double.parseDouble(value);
        if (eq <= 0 || percent < 0) {
          throw new NumberFormatException();
        }
        tolerances.put(item.substring(0, eq).strip(), percent);
      } catch (NumberFormatException e) {
        throw new InvalidSettingException(
            "regression.tolerances", raw, "write entry=percent pairs, e.g. spawn to ready=50, stop to gone=100");
      }
    }
    return tolerances;
  }
}
