package io.hubload.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a run with a baseline, entry by entry, the way a nightly capacity check should: an
 * entry regresses when its p95 grew by more than its tolerance and by more than the noise floor,
 * or when its KO share rose above the threshold. An entry the baseline had and the run lacks
 * regresses too (it is no longer measured, usually because an earlier step broke); an entry the
 * baseline lacks is new and passes.
 */
public final class Comparison {

  /**
   * @param tolerancePercent how much a p95 may grow, in percent of the baseline's
   * @param tolerances per-entry overrides of that tolerance, by entry name
   * @param floorMs changes of a p95 smaller than this are noise, whatever their percentage
   * @param maxKoPercent an entry fails when its KO share rises and ends above this
   */
  public record Rules(double tolerancePercent, Map<String, Double> tolerances, long floorMs, double maxKoPercent) {

    double toleranceFor(String entry) {
      return tolerances.getOrDefault(entry, tolerancePercent);
    }
  }

  /** The two checks made of each entry. */
  public enum Check {
    P95("p95"),
    KO("KO share");

    public final String label;

    Check(String label) {
      this.label = label;
    }
  }

  /**
   * One check of one entry.
   *
   * @param baseline the baseline's value (ms for p95, percent for KO), null when it lacks the entry
   * @param current the run's value, null when it lacks the entry
   * @param reason why it failed, or a note; empty for a plain pass
   */
  public record Verdict(String entry, Check check, Double baseline, Double current, boolean passed, String reason) {

    /** The change in percent of the baseline, when both values exist and the baseline is not 0. */
    public Double changePercent() {
      if (baseline == null || current == null || baseline == 0) {
        return null;
      }
      return (current - baseline) * 100 / baseline;
    }
  }

  private Comparison() {}

  public static List<Verdict> compare(RunSummary baseline, RunSummary current, Rules rules) {
    Set<String> names = new LinkedHashSet<>();
    baseline.entries().forEach(e -> names.add(e.name()));
    current.entries().forEach(e -> names.add(e.name()));
    List<Verdict> verdicts = new ArrayList<>();
    for (String name : names) {
      EntryStats before = baseline.entry(name).orElse(null);
      EntryStats now = current.entry(name).orElse(null);
      if (now == null) {
        String reason = "in the baseline, not in this run: no longer measured";
        verdicts.add(new Verdict(name, Check.P95, (double) before.p95(), null, false, reason));
        verdicts.add(new Verdict(name, Check.KO, before.koPercent(), null, false, reason));
        continue;
      }
      if (before == null) {
        String note = "new: nothing to compare with";
        verdicts.add(new Verdict(name, Check.P95, null, (double) now.p95(), true, note));
        verdicts.add(new Verdict(name, Check.KO, null, now.koPercent(), true, note));
        continue;
      }
      verdicts.add(p95(name, before, now, rules));
      verdicts.add(ko(name, before, now, rules));
    }
    return verdicts;
  }

  private static Verdict p95(String name, EntryStats before, EntryStats now, Rules rules) {
    double tolerance = rules.toleranceFor(name);
    long grewMs = now.p95() - before.p95();
    double limit = before.p95() * (1 + tolerance / 100);
    if (now.p95() <= limit) {
      return new Verdict(name, Check.P95, (double) before.p95(), (double) now.p95(), true, "");
    }
    if (grewMs < rules.floorMs()) {
      return new Verdict(
          name, Check.P95, (double) before.p95(), (double) now.p95(), true,
          "within the noise floor (" + grewMs + " ms < " + rules.floorMs() + " ms)");
    }
    return new Verdict(
        name, Check.P95, (double) before.p95(), (double) now.p95(), false,
        "p95 grew by more than " + format(tolerance) + "% and " + rules.floorMs() + " ms");
  }

  private static Verdict ko(String name, EntryStats before, EntryStats now, Rules rules) {
    double was = before.koPercent();
    double is = now.koPercent();
    if (is > was && is > rules.maxKoPercent()) {
      return new Verdict(name, Check.KO, was, is, false, "KO share rose above " + format(rules.maxKoPercent()) + "%");
    }
    return new Verdict(name, Check.KO, was, is, true, "");
  }

  static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.2f", value);
  }
}
