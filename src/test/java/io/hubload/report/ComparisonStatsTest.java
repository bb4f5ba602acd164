package io.hubload.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The regression check's statistics against cases whose answers are known. */
class ComparisonStatsTest {

  @Test
  void theResampledMaximumOfThreeSamplesHasItsKnownDistribution() {
    // A p95 of 3 samples is their maximum. In a resample of {10, 20, 30}, the maximum is 30 unless
    // all three draws missed it: 1 - (2/3)^3 = 19/27; 20 with (2/3)^3 - (1/3)^3 = 7/27; 10 with 1/27.
    ComparisonStats.Distribution d = ComparisonStats.Distribution.of(10, 20, 30);
    assertEquals(30, d.percentile(95));
    Random random = new Random(1);
    int draws = 60_000;
    int[] seen = new int[3];
    for (int i = 0; i < draws; i++) {
      seen[(int) ComparisonStats.resampled(random, d, ComparisonStats.rank(95, 3)) / 10 - 1]++;
    }
    assertEquals(1.0 / 27, seen[0] / (double) draws, 0.005);
    assertEquals(7.0 / 27, seen[1] / (double) draws, 0.005);
    assertEquals(19.0 / 27, seen[2] / (double) draws, 0.005);
  }

  @Test
  void theBetaShortcutAgreesWithResamplingSampleBySample() {
    // 200 spawn-like times; the p95 of 4,000 plain resamples (draw 200, sort, take the rank) and of
    // the shortcut have the same distribution: compare their 2.5 %, 50 % and 97.5 % points.
    Random data = new Random(7);
    long[] samples = new long[200];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = Math.round(Math.exp(8 + 0.4 * data.nextGaussian()));
    }
    ComparisonStats.Distribution d = ComparisonStats.Distribution.of(samples);
    long rank = ComparisonStats.rank(95, samples.length);
    Random random = new Random(3);
    double[] plain = new double[4000];
    double[] shortcut = new double[4000];
    for (int i = 0; i < plain.length; i++) {
      long[] resample = new long[samples.length];
      for (int j = 0; j < resample.length; j++) {
        resample[j] = samples[random.nextInt(samples.length)];
      }
      Arrays.sort(resample);
      plain[i] = resample[(int) rank - 1];
      shortcut[i] = ComparisonStats.resampled(random, d, rank);
    }
    Arrays.sort(plain);
    Arrays.sort(shortcut);
    for (double q : new double[] {0.025, 0.5, 0.975}) {
      double a = ComparisonStats.quantile(plain, q);
      double b = ComparisonStats.quantile(shortcut, q);
      assertEquals(a, b, a * 0.03, "the " + q + " point");
    }
  }

  @Test
  void aConstantSlowdownHasAnIntervalOfOnePoint() {
    long[] before = new long[50];
    long[] after = new long[50];
    Arrays.fill(before, 100);
    Arrays.fill(after, 150);
    double[] ratios =
        ComparisonStats.logRatios(
            ComparisonStats.Distribution.of(before), ComparisonStats.Distribution.of(after), 95, 1000, 1);
    assertEquals(Math.log(151.0 / 101), ratios[0], 1e-12);
    assertEquals(Math.log(151.0 / 101), ratios[ratios.length - 1], 1e-12);
  }

  @Test
  void theSameSeedGivesTheSameInterval() {
    ComparisonStats.Distribution a = ComparisonStats.Distribution.of(100, 120, 130, 150, 400, 90, 95, 101, 180, 220);
    ComparisonStats.Distribution b = ComparisonStats.Distribution.of(110, 125, 135, 150, 300, 99, 95, 100, 170, 260);
    assertArrayEquals(
        ComparisonStats.logRatios(a, b, 95, 4000, ComparisonStats.SEED),
        ComparisonStats.logRatios(a, b, 95, 4000, ComparisonStats.SEED));
  }

  @Test
  void percentilesAreHdrHistogramsAndSoTheSummarys() {
    Random random = new Random(11);
    for (int n : new int[] {1, 3, 20, 100, 777, 5000}) {
      Histogram histogram = new Histogram(Mergeable.DIGITS);
      for (int i = 0; i < n; i++) {
        histogram.recordValue((long) Math.exp(5 + 4 * random.nextDouble()));
      }
      ComparisonStats.Distribution d = ComparisonStats.Distribution.of(histogram, histogram.getMinValue(), histogram.getMaxValue());
      for (double p : new double[] {50, 75, 95, 99}) {
        assertEquals(
            Math.min(histogram.getMaxValue(), histogram.getValueAtPercentile(p)), d.percentile(p), n + " samples, p" + p);
      }
      assertEquals(n, d.n());
    }
  }

  @Test
  void fishersTestGivesTheKnownPValues() {
    // R: fisher.test(matrix(c(3, 1, 1, 3), 2), alternative = "greater")$p.value = 0.2429 (the tea
    // tasting): 17/70.
    assertEquals(17.0 / 70, ComparisonStats.fisherGreater(1, 4, 3, 4), 1e-12);
    // 0 KO of 100, then 3 of 100: 100*99*98 / (200*199*198).
    assertEquals(100.0 * 99 * 98 / (200.0 * 199 * 198), ComparisonStats.fisherGreater(0, 100, 3, 100), 1e-12);
    // No rise at all: p = 1.
    assertEquals(1.0, ComparisonStats.fisherGreater(5, 100, 0, 100), 1e-12);
    // Against exact arithmetic, larger counts.
    for (long[] c : new long[][] {{1, 100, 10, 100}, {5, 2000, 20, 2000}, {0, 20, 3, 20}, {40, 5000, 70, 4000}}) {
      assertEquals(exact(c[0], c[1], c[2], c[3]), ComparisonStats.fisherGreater(c[0], c[1], c[2], c[3]), 1e-9, Arrays.toString(c));
    }
  }

  /** P(X >= koAfter), X hypergeometric, in exact integers. */
  private static double exact(long koBefore, long nBefore, long koAfter, long nAfter) {
    long kos = koBefore + koAfter;
    BigInteger sum = BigInteger.ZERO;
    for (long k = koAfter; k <= Math.min(kos, nAfter); k++) {
      sum = sum.add(choose(nAfter, k).multiply(choose(nBefore, kos - k)));
    }
    return new BigDecimal(sum).divide(new BigDecimal(choose(nBefore + nAfter, kos)), MathContext.DECIMAL64).doubleValue();
  }

  private static BigInteger choose(long n, long k) {
    if (k < 0 || k > n) {
      return BigInteger.ZERO;
    }
    BigInteger result = BigInteger.ONE;
    for (long i = 1; i <= k; i++) {
      result = result.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    }
    return result;
  }

  @Test
  void quantilesOfTheNormalAndStudentsT() {
    assertEquals(1.959964, ComparisonStats.normalQuantile(0.975), 1e-6);
    assertEquals(-2.326348, ComparisonStats.normalQuantile(0.01), 1e-6);
    assertEquals(2.228139, ComparisonStats.tQuantile(0.975, 10), 0.005);
    assertEquals(3.182446, ComparisonStats.tQuantile(0.975, 3), 0.006);
    assertEquals(2.262157, ComparisonStats.tQuantile(0.975, 9), 0.001);
    assertEquals(4.302653, ComparisonStats.tQuantile(0.975, 2), 1e-6);
    assertEquals(12.7062, ComparisonStats.tQuantile(0.975, 1), 1e-4);
  }
}
