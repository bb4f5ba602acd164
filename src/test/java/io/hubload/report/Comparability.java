package io.hubload.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What makes two runs' numbers comparable, fact by fact: the same simulation, load profile (with
 * its parameters: the users, the ramp...), session (its browser tab included: a tab's traffic is
 * load), workload, hub release and auth mode. Runs alike in all of these form a series: the
 * regression check takes its default baseline and its run-to-run noise from the run's series, and
 * trend.html draws one line per series.
 *
 * <p>Two subsets matter: {@link #RUN} (what was run) must match for any comparison at all, even
 * with a baseline given by name, as comparing another hub release or auth mode is then the point;
 * {@link #KEYS} (all of them) must match for a run to be in the same series.
 *
 * <p>Where more facts belong: the capacity search's service levels (slo.*), once summary.json
 * carries them, make runs of other service levels incomparable too: add their key to {@link #KEYS}
 * and its value in {@link #of}.
 *
 * @param facts each key of {@link #KEYS} and its value as text ("null" when the summary lacks it)
 */
public record Comparability(Map<String, String> facts) {

  public static final String SIMULATION = "simulation";
  public static final String PROFILE = "profile";
  public static final String SESSION = "session";
  public static final String WORKLOAD = "workload";
  public static final String HUB_RELEASE = "hub release";
  public static final String AUTH = "auth mode";
  public static final String SERVICE_LEVELS = "service levels";

  /** What was run: runs that differ in these are never compared. */
  public static final List<String> RUN = List.of(SIMULATION, PROFILE, SESSION, WORKLOAD, SERVICE_LEVELS);

  /**
   * Everything that makes runs one series. A capacity search's service levels are among them: its
   * verdict is a level of its climb judged against those limits, another question under others.
   */
  public static final List<String> KEYS = List.of(SIMULATION, PROFILE, SESSION, WORKLOAD, SERVICE_LEVELS, HUB_RELEASE, AUTH);

  public static Comparability of(RunSummary summary) {
    RunFacts run = summary.run();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(SIMULATION, text(run.simulation()));
    RunFacts.Profile p = run.profile();
    facts.put(PROFILE, p == null ? "null" : "\"" + p.description() + "\"");
    RunFacts.Session s = run.session();
    facts.put(
        SESSION,
        s == null ? "null" : "{behaviour=" + s.behaviour() + ", min=" + s.min() + ", max=" + s.max() + ", tab=" + s.tab() + "}");
    facts.put(WORKLOAD, text(run.workload()));
    facts.put(HUB_RELEASE, run.hub() == null ? "null" : text(run.hub().version()));
    facts.put(AUTH, run.hub() == null ? "null" : text(run.hub().auth()));
    facts.put(SERVICE_LEVELS, summary.capacity() == null ? "none" : String.valueOf(summary.capacity().limits()));
    return new Comparability(facts);
  }

  /** "hub release 5.5.4 vs 6.1.1; auth mode form vs token": the facts in {@code keys} that differ. */
  public String differences(Comparability other, List<String> keys) {
    List<String> differ = new ArrayList<>();
    for (String key : keys) {
      String was = facts.get(key);
      String is = other.facts.get(key);
      if (!Objects.equals(was, is)) {
        differ.add(key + " " + was + " vs " + is);
      }
    }
    return String.join("; ", differ);
  }

  /** Whether the two runs are of one series: every key alike. */
  public boolean sameSeries(Comparability other) {
    return differences(other, KEYS).isEmpty();
  }

  /** A short name of the series, for a chart's legend: "ramp: 20 users arriving over 1m, api tab, 6.1.1, form". */
  public static String label(RunSummary summary) {
    RunFacts run = summary.run();
    List<String> parts = new ArrayList<>();
    parts.add(run.profile() == null || run.profile().description() == null ? "?" : run.profile().description());
    if (run.session() != null && run.session().tab() != null) {
      parts.add(run.session().tab() + " tab");
    }
    if (run.hub() != null) {
      parts.add(run.hub().version() == null ? "hub ?" : "hub " + run.hub().version());
      if (run.hub().auth() != null) {
        parts.add(run.hub().auth());
      }
    }
    return String.join(", ", parts);
  }

  private static String text(String value) {
    return String.valueOf(value);
  }
}
