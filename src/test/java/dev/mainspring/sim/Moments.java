package dev.mainspring.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Running mean and variance for the statistical tests, and the z-test they all use: a fixed seed
 * makes each test deterministic, and |z| < 4 against the standard error keeps a correct
 * simulator's chance of failing a check near 6e-5.
 */
public final class Moments {
  private long n;
  private double mean;
  private double m2;

  public void add(double x) {
    n++;
    double d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }

  public long count() {
    return n;
  }

  public double mean() {
    return mean;
  }

  public double variance() {
    return n > 1 ? m2 / (n - 1) : 0;
  }

  /** Standard error of the mean from the sample variance. */
  public double standardError() {
    return Math.sqrt(variance() / n);
  }

  /** Asserts |mean - expected| < 4 standard errors, using the sample standard error. */
  public void assertMean(double expected, String what) {
    assertZ(mean, expected, standardError(), what);
  }

  /** Asserts |mean - expected| < 4 standard errors, with the variance known from theory. */
  public void assertMeanKnownVariance(double expected, double variance, String what) {
    assertZ(mean, expected, Math.sqrt(variance / n), what);
  }

  public static void assertZ(double observed, double expected, double se, String what) {
    double z = (observed - expected) / se;
    assertTrue(Math.abs(z) < 4, String.format("%s: observed %.6g, expected %.6g, se %.3g, z = %.2f",
        what, observed, expected, se, z));
  }

  /** Binomial z-test of an observed proportion. */
  public static void assertProportion(long hits, long trials, double p, String what) {
    double se = Math.sqrt(p * (1 - p) / trials);
    assertZ(hits / (double) trials, p, se, what);
  }

  public static double harmonic(int n) {
    double a = 0;
    for (int k = 1; k < n; k++) {
      a += 1.0 / k;
    }
    return a;
  }

  public static double harmonic2(int n) {
    double b = 0;
    for (int k = 1; k < n; k++) {
      b += 1.0 / ((double) k * k);
    }
    return b;
  }
}
