package io.hubload.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a run with a baseline, entry by entry, the way a nightly capacity check should: an
 * entry regresses when its p95 grew by more than its tolerance and by more than the noise floor,
 * or when its KO share rose above the threshold.
 *
 * <p>Entries present on one side only: a step (a group, or a top-level entry such as "spawn to
 * ready") the baseline had and the run lacks regresses, as it is no longer measured, usually
 * because an earlier step broke; a request the run lacks passes with a note, as some requests
 * only happen on some paths (a leftover server to stop, a redirect, a token to revoke). An entry
 * the baseline lacks is new: it passes unless its KO share is above the threshold.
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
        boolean step = before.group() || !name.contains(" / ");
        String reason =
            step
                ? "in the baseline, not in this run: no longer measured"
                : "not in this run: a request this run's path did not need";
        verdicts.add(new Verdict(name, Check.P95, (double) before.p95(), null, !step, reason));
        verdicts.add(new Verdict(name, Check.KO, before.koPercent(), null, !step, reason));
        continue;
      }
      if (before == null) {
        verdicts.add(new Verdict(name, Check.P95, null, (double) now.p95(), true, "new: nothing to compare with"));
        boolean failing = now.koPercent() > rules.maxKoPercent();
        verdicts.add(
            new Verdict(
                name,
                Check.KO,
                null,
                now.koPercent(),
                !failing,
                failing ? "new, with a KO share above " + format(rules.maxKoPercent()) + "%" : "new: nothing to compare with"));
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
