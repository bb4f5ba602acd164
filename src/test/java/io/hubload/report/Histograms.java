package io.hubload.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a Prometheus histogram recorded between two scrapes: for each series (its labels, grouped
 * as the caller says), the count, the sum, and quantiles estimated from the buckets by linear
 * interpolation, as Prometheus's histogram_quantile does. Bucket bounds limit the precision: a
 * p95 between the 10 s and 15 s bounds is an estimate within those.
 */
public final class Histograms {

  /** One series' share of the histogram between the scrapes. */
  public record Delta(long count, double sumSeconds, TreeMap<Double, Double> buckets) {

    /** The q-quantile (0..1) in seconds, estimated from the buckets; NaN when empty. */
    public double quantile(double q) {
      if (count == 0 || buckets.isEmpty()) {
        return Double.NaN;
      }
      double rank = q * count;
      double previousBound = 0;
      double previousCount = 0;
      for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
        if (bucket.getValue() >= rank) {
          if (bucket.getKey().isInfinite()) {
            return previousBound; // above the last finite bound: the best known is that bound
          }
          double inBucket = bucket.getValue() - previousCount;
          if (inBucket <= 0) {
            return bucket.getKey();
          }
          return previousBound + (bucket.getKey() - previousBound) * (rank - previousCount) / inBucket;
        }
        previousBound = bucket.getKey();
        previousCount = bucket.getValue();
      }
      return previousBound;
    }

    public double meanSeconds() {
      return count == 0 ? Double.NaN : sumSeconds / count;
    }
  }

  private Histograms() {}

  /**
   * The histogram {@code name} between two scrapes, per group of series. {@code groupBy} names a
   * series from its labels (without "le"); series with the same name are added together.
   */
  public static Map<String, Delta> delta(
      List<PrometheusText.Sample> before,
      List<PrometheusText.Sample> after,
      String name,
      Function<Map<String, String>, String> groupBy) {
    Map<String, double[]> counts = new LinkedHashMap<>(); // group -> {count, sum}
    Map<String, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
    accumulate(after, name, groupBy, counts, buckets, +1);
    accumulate(before, name, groupBy, counts, buckets, -1);
    Map<String, Delta> deltas = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> group : counts.entrySet()) {
      long count = Math.round(group.getValue()[0]);
      if (count > 0) {
        deltas.put(
            group.getKey(),
            new Delta(count, group.getValue()[1], buckets.getOrDefault(group.getKey(), new TreeMap<>())));
      }
    }
    return deltas;
  }

  /** Outcomes that JupyterHub 5 gave as a spawn's status and 6.0 moved to its reason label. */
  private static final java.util.Set<String> REASONS_THAT_WERE_STATUSES = java.util.Set.of("throttled", "too-many-users", "already-pending");

  /**
   * A spawn's or stop's group, named alike on every release: its {@code status}, or for
   * JupyterHub 6's {@code reason} label, the reason where 5.x had it as the status ("throttled"
   * on both) and "status reason" otherwise ("error exited").
   */
  public static String statusAndReason(Map<String, String> labels) {
    String status = labels.getOrDefault("status", "?");
    String reason = labels.getOrDefault("reason", "");
    if (reason.isEmpty()) {
      return status;
    }
    return REASONS_THAT_WERE_STATUSES.contains(reason) ? reason : status + " " + reason;
  }

  private static void accumulate(
      List<PrometheusText.Sample> samples,
      String name,
      Function<Map<String, String>, String> groupBy,
      Map<String, double[]> counts,
      Map<String, TreeMap<Double, Double>> buckets,
      int sign) {
    for (PrometheusText.Sample sample : samples) {
      Map<String, String> labels = new LinkedHashMap<>(sample.labels());
      String le = labels.remove("le");
      String group = groupBy.apply(labels);
      if (sample.name().equals(name + "_count")) {
        counts.computeIfAbsent(group, g -> new double[2])[0] += sign * sample.value();
      } else if (sample.name().equals(name + "_sum")) {
        counts.computeIfAbsent(group, g -> new double[2])[1] += sign * sample.value();
      } else if (sample.name().equals(name + "_bucket") && le != null) {
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.computeIfAbsent(group, g -> new TreeMap<>()).merge(bound, sign * sample.value(), Double::sum);
      }
    }
  }

  /** A delta as summary.json shows it: count, mean and estimated p50, p95, p99 in ms. */
  public static Map<String, Object> describe(Delta delta) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", delta.count());
    out.put("meanMs", ms(delta.meanSeconds()));
    out.put("p50Ms", ms(delta.quantile(0.50)));
    out.put("p95Ms", ms(delta.quantile(0.95)));
    out.put("p99Ms", ms(delta.quantile(0.99)));
    return out;
  }

  private static Object ms(double seconds) {
    return Double.isNaN(seconds) ? null : Math.round(seconds * 1000);
  }

  /** Keeps the names of the groups, largest count first, at most {@code limit}. */
  public static List<String> largest(Map<String, Delta> deltas, int limit) {
    List<String> names = new ArrayList<>(deltas.keySet());
    names.sort((a, b) -> Long.compare(deltas.get(b).count(), deltas.get(a).count()));
    return names.subList(0, Math.min(limit, names.size()));
  }
}
