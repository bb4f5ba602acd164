package io.hubload.report;

import java.util.Arrays;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The statistics of the regression check, small enough to read: a bootstrap interval of the change
 * of a percentile between two runs, resampled from their histograms; Fisher's exact test of two KO
 * shares; and the normal and Student t quantiles they need.
 */
public final class ComparisonStats {

  /** Resamples of a bootstrap at 95 %: enough for its 2.5 % and 97.5 % points to move by under 1 %. */
  public static final int RESAMPLES = 4000;

  /**
   * Resamples for an interval whose tails are each {@code tail} (0.025 at 95 %): 4,000, or enough
   * for 20 resamples beyond each end of a farther interval, at most 200,000.
   */
  public static int resamples(double tail) {
    return (int) Math.min(200_000, Math.max(RESAMPLES, Math.ceil(20 / tail)));
  }

  /** The bootstrap's seed: the same two runs give the same interval, every time. */
  public static final long SEED = 23;

  private ComparisonStats() {}

  /**
   * An empirical distribution: the distinct values, ascending, and how many samples are at or below
   * each.
   */
  public record Distribution(long[] values, long[] cumulative) {

    public long n() {
      return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    }

    /** The samples themselves, e.g. {@code of(120, 130, 4000)}. */
    public static Distribution of(long... samples) {
      long[] sorted = samples.clone();
      Arrays.sort(sorted);
      Histogram histogram = new Histogram(Mergeable.DIGITS);
      for (long s : sorted) {
        histogram.recordValue(s);
      }
      return of(histogram, sorted.length == 0 ? 0 : sorted[0], sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /**
     * A histogram's values (each bucket as the value HdrHistogram reports for it, as the summary's
     * percentiles are), kept within the exact minimum and maximum.
     */
    public static Distribution of(Histogram histogram, long min, long max) {
      int distinct = 0;
      for (HistogramIterationValue ignored : histogram.recordedValues()) {
        distinct++;
      }
      long[] values = new long[distinct];
      long[] cumulative = new long[distinct];
      int i = 0;
      long total = 0;
      for (HistogramIterationValue v : histogram.recordedValues()) {
        total += v.getCountAtValueIteratedTo();
        values[i] = Math.max(min, Math.min(max, histogram.highestEquivalentValue(v.getValueIteratedTo())));
        cumulative[i] = total;
        i++;
      }
      return new Distribution(values, cumulative);
    }

    /** The percentile as HdrHistogram (and so summary.json) takes it: the sample of rank ceil(p n / 100). */
    public long percentile(double percentile) {
      return atCount(rank(percentile, n()));
    }

    /** The smallest value with at least {@code count} samples at or below it. */
    long atCount(double count) {
      int i = 0;
      int lo = 0;
      int hi = cumulative.length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] >= count) {
          i = mid;
          hi = mid - 1;
        } else {
          lo = mid + 1;
        }
      }
      return values[i];
    }
  }

  /** The rank of a percentile in n samples, as HdrHistogram's getValueAtPercentile counts it. */
  static long rank(double percentile, long n) {
    return Math.max(1, Math.min(n, (long) Math.ceil(percentile / 100.0 * n)));
  }

  /**
   * The bootstrap distribution of {@code ln((after + 1) / (before + 1))}, the log of the ratio of a
   * percentile in a resample of one run to that in a resample of the other (1 ms added to each, so
   * that a 0 ms figure divides), sorted. Each resample draws as many samples as the run had, with
   * replacement, from its histogram.
   *
   * <p>Exact and fast: the percentile of a resample is its r-th smallest sample, and the r-th
   * smallest of n uniform numbers is Beta(r, n - r + 1); so one Beta draw, mapped through the
   * empirical distribution, is the percentile of one whole resample.
   */
  public static double[] logRatios(Distribution before, Distribution after, double percentile, int resamples, long seed) {
    Random random = new Random(seed);
    long rb = rank(percentile, before.n());
    long ra = rank(percentile, after.n());
    double[] ratios = new double[resamples];
    for (int i = 0; i < resamples; i++) {
      double b = resampled(random, before, rb);
      double a = resampled(random, after, ra);
      ratios[i] = Math.log((a + 1) / (b + 1));
    }
    Arrays.sort(ratios);
    return ratios;
  }

  /** The sample of rank r in one resample of the distribution (n draws with replacement). */
  static long resampled(Random random, Distribution distribution, long rank) {
    long n = distribution.n();
    return distribution.atCount(beta(random, rank, n - rank + 1) * n);
  }

  /** The point of a sorted sample below which a share {@code q} (0..1) lies. */
  public static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  }

  /** A Beta(a, b) draw, as two Gamma draws. */
  static double beta(Random random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  /** A Gamma(shape, 1) draw for shape at least 1 (Marsaglia and Tsang, 2000). */
  static double gamma(Random random, double shape) {
    if (!(shape >= 1)) {
      throw new IllegalArgumentException("a Gamma shape under 1: " + shape); // would never return
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /**
   * Fisher's exact test, one-sided: the probability, with the two runs' totals and the KOs of both
   * together fixed, that the current run had at least {@code koAfter} of them by chance alone.
   */
  public static double fisherGreater(long koBefore, long nBefore, long koAfter, long nAfter) {
    long kos = koBefore + koAfter;
    long total = nBefore + nAfter;
    double p = 0;
    for (long k = koAfter; k <= Math.min(kos, nAfter); k++) {
      p += Math.exp(logChoose(nAfter, k) + logChoose(nBefore, kos - k) - logChoose(total, kos));
    }
    return Math.min(1, p);
  }

  static double logChoose(long n, long k) {
    if (k < 0 || k > n) {
      return Double.NEGATIVE_INFINITY;
    }
    return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  }

  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** ln Γ(x) for x at least 1 (Lanczos, g = 7): relative error about 1e-15. */
  static double logGamma(double x) {
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }

  /** The standard normal's quantile (Acklam's rational approximation: error under 1.2e-9). */
  public static double normalQuantile(double p) {
    double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
    double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - 0.02425) {
      return -normalQuantile(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  /**
   * Student's t quantile with {@code df} degrees of freedom: exact for 1 and 2, else the
   * Cornish-Fisher expansion (within 0.2 % at 3 degrees of freedom for 95 %, closer above).
   */
  public static double tQuantile(double p, int df) {
    if (df == 1) {
      return Math.tan(Math.PI * (p - 0.5));
    }
    if (df == 2) {
      return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    }
    double z = normalQuantile(p);
    double z3 = z * z * z;
    double z5 = z3 * z * z;
    double z7 = z5 * z * z;
    double v = df;
    double z9 = z7 * z * z;
    return z
        + (z3 + z) / (4 * v)
        + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
        + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v);
  }
}
