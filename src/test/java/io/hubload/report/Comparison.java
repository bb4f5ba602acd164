package io.hubload.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares a run with a baseline, entry by entry, and tells change from noise.
 *
 * <p>A p95 regresses when all of these hold: both runs have at least {@code minSamples} samples of
 * the entry (else "too few samples to judge"); the bootstrap interval of its change ({@link
 * ComparisonStats#logRatios}, from the runs' histograms, widened to the run-to-run spread of the
 * series' earlier runs when there are at least {@value #MIN_HISTORY} of them) lies wholly above 0;
 * the change itself is beyond the entry's tolerance and the floor (what is worth failing a build
 * for); and, when the baseline is of the run's series, the p95 is above the series' median by
 * more than that spread too (a baseline that happened to be fast is not the norm).
 *
 * <p>A KO share regresses when it rose above the threshold and Fisher's exact test, one-sided at
 * (1 - confidence) / 2, says the rise is not chance.
 *
 * <p>The confidence is the whole comparison's, not each entry's: with m entries judged, each is
 * judged at 1 - (1 - confidence) / m (Bonferroni), so that identical runs raise no alarm in 95 %
 * of comparisons rather than in 5 % of each of their 50 entries.
 *
 * <p>Entries present on one side only: a step (a group, or a top-level entry such as "spawn to
 * ready") the baseline had and the run lacks regresses, as it is no longer measured, usually
 * because an earlier step broke; a request the run lacks passes with a note, as some requests
 * only happen on some paths (a leftover server to stop, a redirect, a token to revoke). An entry
 * the baseline lacks is new: it passes unless its KO share is above the threshold.
 */
public final class Comparison {

  /** Earlier runs of the series needed for a run-to-run noise estimate. */
  public static final int MIN_HISTORY = 3;

  /** The percentile the check judges. */
  public static final double PERCENTILE = 95;

  /**
   * @param tolerancePercent how much a p95 may grow, in percent of the baseline's
   * @param tolerances per-entry overrides of that tolerance, by entry name
   * @param floorMs changes of a p95 smaller than this are noise, whatever their percentage
   * @param maxKoPercent an entry fails when its KO share rises and ends above this
   * @param confidencePercent the intervals' confidence (95: a 95 % interval; KO tested at 2.5 %)
   * @param minSamples below this many samples on either side, a p95 is not judged
   */
  public record Rules(
      double tolerancePercent,
      Map<String, Double> tolerances,
      long floorMs,
      double maxKoPercent,
      double confidencePercent,
      int minSamples) {

    /** The defaults' confidence (95 %) and sample count (20). */
    public Rules(double tolerancePercent, Map<String, Double> tolerances, long floorMs, double maxKoPercent) {
      this(tolerancePercent, tolerances, floorMs, maxKoPercent, 95, 20);
    }

    double toleranceFor(String entry) {
      return tolerances.getOrDefault(entry, tolerancePercent);
    }

    /** The same rules for one of {@code entries} checks made together: each at 1 - (1 - confidence) / entries. */
    Rules perEntry(int entries) {
      double each = 100 - (100 - confidencePercent) / Math.max(1, entries);
      return new Rules(tolerancePercent, tolerances, floorMs, maxKoPercent, each, minSamples);
    }

    /** The one-sided level of Fisher's test: 0.025 at 95 %. */
    double alpha() {
      return (1 - confidencePercent / 100) / 2;
    }
  }

  /** The two checks made of each entry. */
  public enum Check {
    P95("p95"),
    KO("KO share"),
    /** A capacity search's verdict: the most users a level held within the service levels. */
    USERS("users held");

    public final String label;

    Check(String label) {
      this.label = label;
    }
  }

  /** A change's interval, in percent of the baseline: -12 to +71. */
  public record Interval(double lowPercent, double highPercent, double confidencePercent) {

    /** "95 % interval -12 % to +71 %". */
    public String describe() {
      return format(confidencePercent) + " % interval " + percent(lowPercent) + " to " + percent(highPercent);
    }
  }

  /**
   * One check of one entry.
   *
   * @param baseline the baseline's value (ms for p95, percent for KO), null when it lacks the entry
   * @param current the run's value, null when it lacks the entry
   * @param reason why it failed, or a note; empty for a plain pass
   * @param interval for a p95 judged, its change's interval; else null
   * @param pValue for a KO share tested, Fisher's p; else null
   */
  public record Verdict(
      String entry, Check check, Double baseline, Double current, boolean passed, String reason, Interval interval, Double pValue) {

    public Verdict(String entry, Check check, Double baseline, Double current, boolean passed, String reason) {
      this(entry, check, baseline, current, passed, reason, null, null);
    }

    /** The change in percent of the baseline, when both values exist and the baseline is not 0. */
    public Double changePercent() {
      if (baseline == null || current == null || baseline == 0) {
        return null;
      }
      return (current - baseline) * 100 / baseline;
    }

    /**
     * One line a person reads: "execute p95 148 ms -> 206 ms (+39 %, 95 % interval -12 % to +71 %):
     * within noise".
     */
    public String line() {
      StringBuilder line = new StringBuilder(entry).append(' ').append(check.label).append(' ');
      line.append(RegressionReport.value(check, baseline)).append(" -> ").append(RegressionReport.value(check, current));
      List<String> figures = new ArrayList<>();
      Double change = changePercent();
      if (change != null) {
        figures.add(percent(change));
      }
      if (interval != null) {
        figures.add(interval.describe());
      }
      if (pValue != null) {
        figures.add("p = " + probability(pValue));
      }
      if (!figures.isEmpty()) {
        line.append(" (").append(String.join(", ", figures)).append(')');
      }
      line.append(": ").append(passed ? (reason.isEmpty() ? "ok" : reason) : "REGRESSION: " + reason);
      return line.toString();
    }
  }

  private Comparison() {}

  /** The comparison without a series: the bootstrap alone judges. */
  public static List<Verdict> compare(RunSummary baseline, RunSummary current, Rules rules) {
    return compare(baseline, current, rules, List.of());
  }

  /**
   * @param history earlier runs of the current run's series, oldest first (the baseline among
   *     them when it is of the series): their spread is the run-to-run noise
   */
  public static List<Verdict> compare(RunSummary baseline, RunSummary current, Rules rules, List<RunSummary> history) {
    Set<String> names = new LinkedHashSet<>();
    baseline.entries().forEach(e -> names.add(e.name()));
    current.entries().forEach(e -> names.add(e.name()));
    Map<String, ComparisonStats.Distribution> before = distributions(baseline);
    Map<String, ComparisonStats.Distribution> now = distributions(current);
    boolean baselineInSeries = Comparability.of(baseline).sameSeries(Comparability.of(current));
    // The confidence is the whole comparison's: a run has some 50 entries, and 50 checks at 95 %
    // each would call one of them slower in most comparisons of identical runs. Each entry is
    // judged at 1 - (1 - confidence) / entries (Bonferroni).
    int judged = 0;
    int common = 0;
    for (String name : names) {
      EntryStats was = baseline.entry(name).orElse(null);
      EntryStats is = current.entry(name).orElse(null);
      if (was != null && is != null) {
        common++;
        if (was.count() >= rules.minSamples() && is.count() >= rules.minSamples()) {
          judged++;
        }
      }
    }
    Rules p95Rules = rules.perEntry(judged);
    Rules koRules = rules.perEntry(common);
    List<Verdict> verdicts = new ArrayList<>();
    for (String name : names) {
      EntryStats was = baseline.entry(name).orElse(null);
      EntryStats is = current.entry(name).orElse(null);
      if (is == null) {
        boolean step = was.group() || !name.contains(" / ");
        String reason =
            step
                ? "in the baseline, not in this run: no longer measured"
                : "not in this run: a request this run's path did not need";
        verdicts.add(new Verdict(name, Check.P95, (double) was.p95(), null, !step, reason));
        verdicts.add(new Verdict(name, Check.KO, was.koPercent(), null, !step, reason));
        continue;
      }
      if (was == null) {
        verdicts.add(new Verdict(name, Check.P95, null, (double) is.p95(), true, "new: nothing to compare with"));
        boolean failing = is.koPercent() > rules.maxKoPercent();
        verdicts.add(
            new Verdict(
                name,
                Check.KO,
                null,
                is.koPercent(),
                !failing,
                failing ? "new, with a KO share above " + format(rules.maxKoPercent()) + "%" : "new: nothing to compare with"));
        continue;
      }
      List<Double> series = new ArrayList<>();
      for (RunSummary run : history) {
        run.entry(name).ifPresent(e -> series.add((double) e.p95()));
      }
      verdicts.add(p95(name, was, is, before.get(name), now.get(name), series, baselineInSeries, p95Rules));
      verdicts.add(ko(name, was, is, koRules));
    }
    return verdicts;
  }

  /** The run's entries' distributions, from its mergeable histograms; none in older summaries. */
  private static Map<String, ComparisonStats.Distribution> distributions(RunSummary run) {
    Map<String, ComparisonStats.Distribution> distributions = new LinkedHashMap<>();
    if (run.mergeable() == null || run.mergeable().entries() == null) {
      return distributions;
    }
    for (Mergeable.Entry e : run.mergeable().entries()) {
      if (e.count() > 0) {
        distributions.put(e.name(), ComparisonStats.Distribution.of(Mergeable.histogram(e), e.min(), e.max()));
      }
    }
    return distributions;
  }

  /**
   * The run-to-run noise of a series: the root mean square of the changes of ln(p95 + 1) from run
   * to run, and the t quantile for that many changes; null with fewer than {@value #MIN_HISTORY}
   * runs.
   */
  static Double noiseHalfWidth(List<Double> series, Rules rules) {
    if (series.size() < MIN_HISTORY) {
      return null;
    }
    double squares = 0;
    for (int i = 1; i < series.size(); i++) {
      double change = Math.log((series.get(i) + 1) / (series.get(i - 1) + 1));
      squares += change * change;
    }
    int changes = series.size() - 1;
    double spread = Math.sqrt(squares / changes);
    return ComparisonStats.tQuantile(1 - (1 - rules.confidencePercent() / 100) / 2, changes) * spread;
  }

  private static Verdict p95(
      String name,
      EntryStats was,
      EntryStats is,
      ComparisonStats.Distribution before,
      ComparisonStats.Distribution now,
      List<Double> series,
      boolean baselineInSeries,
      Rules rules) {
    double tolerance = rules.toleranceFor(name);
    double b = was.p95();
    double c = is.p95();
    long grewMs = is.p95() - was.p95();
    boolean beyondTolerance = c > b * (1 + tolerance / 100) && grewMs >= rules.floorMs();
    String worth = format(tolerance) + "% and " + rules.floorMs() + " ms";
    if (was.count() < rules.minSamples() || is.count() < rules.minSamples()) {
      return new Verdict(
          name, Check.P95, b, c, true,
          "too few samples to judge (" + was.count() + " and " + is.count() + ", fewer than " + rules.minSamples() + ")");
    }
    if (before == null || now == null) {
      // An older summary without histograms: the tolerance alone, as the check once was.
      return new Verdict(
          name, Check.P95, b, c, !beyondTolerance,
          beyondTolerance ? "p95 grew by more than " + worth + " (no histograms to judge the noise)" : "");
    }
    double tail = (1 - rules.confidencePercent() / 100) / 2;
    double[] ratios = ComparisonStats.logRatios(before, now, PERCENTILE, ComparisonStats.resamples(tail), ComparisonStats.SEED ^ name.hashCode());
    double low = ComparisonStats.quantile(ratios, tail);
    double high = ComparisonStats.quantile(ratios, 1 - tail);
    double change = Math.log((c + 1) / (b + 1));
    Double noise = noiseHalfWidth(series, rules);
    String alone = "";
    if (noise != null) {
      low = Math.min(low, change - noise);
      high = Math.max(high, change + noise);
    } else {
      alone = " (the bootstrap alone: " + series.size() + " earlier run(s) of the series, " + MIN_HISTORY + " give its run-to-run noise)";
    }
    Interval interval = new Interval(Math.expm1(low) * 100, Math.expm1(high) * 100, rules.confidencePercent());
    if (c <= b) {
      return new Verdict(name, Check.P95, b, c, true, "", interval, null);
    }
    if (low <= 0) {
      return new Verdict(name, Check.P95, b, c, true, "within noise" + alone, interval, null);
    }
    if (!beyondTolerance) {
      return new Verdict(name, Check.P95, b, c, true, "beyond noise, within the tolerance (" + worth + ")", interval, null);
    }
    if (noise != null && baselineInSeries) {
      double median = median(series);
      if (Math.log((c + 1) / (median + 1)) <= noise) {
        return new Verdict(
            name, Check.P95, b, c, true,
            "within the series' spread: the median of its last " + series.size() + " runs is " + RegressionReport.value(Check.P95, median),
            interval, null);
      }
    }
    return new Verdict(name, Check.P95, b, c, false, "p95 grew beyond noise, by more than " + worth + alone, interval, null);
  }

  private static Verdict ko(String name, EntryStats was, EntryStats is, Rules rules) {
    double before = was.koPercent();
    double now = is.koPercent();
    if (now <= before || now <= rules.maxKoPercent()) {
      return new Verdict(name, Check.KO, before, now, true, "");
    }
    double p = ComparisonStats.fisherGreater(was.ko(), was.count(), is.ko(), is.count());
    if (p >= rules.alpha()) {
      return new Verdict(
          name, Check.KO, before, now, true,
          "within noise (Fisher's exact test, one-sided, p >= " + probability(rules.alpha()) + ")", null, p);
    }
    return new Verdict(
        name, Check.KO, before, now, false,
        "KO share rose above " + format(rules.maxKoPercent()) + "%, beyond noise (Fisher's exact test, p < " + probability(rules.alpha()) + ")",
        null, p);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String percent(double value) {
    return String.format(Locale.ROOT, "%+.0f %%", value);
  }

  static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
  }

  /** A small probability, to three digits: 0.025. */
  static String probability(double p) {
    return new java.math.BigDecimal(p).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
