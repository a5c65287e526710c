package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GammaDistributionTest {
  @Test
  void incompleteGammaAtKnownValues() {
    // a = 1: the exponential CDF.
    for (double x : new double[] {1e-8, 0.3, 1.0, 4.0, 30.0}) {
      assertEquals(-Math.expm1(-x), GammaDistribution.regularizedP(1, x), 1e-14 * -Math.expm1(-x));
      assertEquals(Math.exp(-x), GammaDistribution.regularizedQ(1, x), 1e-14 * Math.exp(-x));
    }
    // a = 1/2: P(1/2, z²/2) = P(|Z| < z) for a standard normal Z.
    assertEquals(0.6826894921370859, GammaDistribution.regularizedP(0.5, 0.5), 1e-14);
    assertEquals(0.9544997361036416, GammaDistribution.regularizedP(0.5, 2.0), 1e-14);
    assertEquals(0.9973002039367398, GammaDistribution.regularizedP(0.5, 4.5), 1e-14);
    // Integer a: Q(n, x) = e^{−x} Σ_{k<n} x^k / k! (a Poisson tail), on both sides of x = a + 1.
    for (int n : new int[] {2, 5, 30}) {
      for (double x : new double[] {0.5, 3.0, 12.0, 40.0}) {
        double term = Math.exp(-x);
        double q = 0;
        for (int k = 0; k < n; k++) {
          q += term;
          term *= x / (k + 1);
        }
        assertEquals(q, GammaDistribution.regularizedQ(n, x), 1e-13 * q + 1e-300, "n=" + n + " x=" + x);
        assertEquals(1 - q, GammaDistribution.regularizedP(n, x), 1e-13);
      }
    }
  }

  @Test
  void quantilesAtKnownChiSquareValues() {
    // χ²_k = Gamma(k/2, rate 1/2); reference quantiles from standard tables (R's qchisq).
    assertEquals(3.841458820694124, GammaDistribution.quantile(0.5, 0.5, 0.95), 1e-12);
    assertEquals(0.003932140000019522, GammaDistribution.quantile(0.5, 0.5, 0.05), 1e-15);
    assertEquals(-2 * Math.log(0.05), GammaDistribution.quantile(1.0, 0.5, 0.95), 1e-13);
    assertEquals(18.307038053275146, GammaDistribution.quantile(5.0, 0.5, 0.95), 1e-11);
    assertEquals(3.940299136119770, GammaDistribution.quantile(5.0, 0.5, 0.05), 1e-12);
    assertEquals(2.365973884375338, GammaDistribution.quantile(1.5, 0.5, 0.5), 1e-12);
    assertEquals(124.3421134, GammaDistribution.quantile(50.0, 0.5, 0.95), 1e-6);
  }

  @Test
  void inverseRoundTripsOverShapesTheModelCanEmit() {
    // The dating head emits α = softplus(·) + 1e-3, so shapes span small to large.
    for (double a : new double[] {1e-3, 0.02, 0.3, 1.0, 2.5, 17.0, 300.0, 5e4}) {
      for (double p : new double[] {1e-6, 0.05, 0.3, 0.5, 0.95, 1 - 1e-6}) {
        double x = GammaDistribution.inverseRegularizedP(a, p);
        if (x == 0) {
          // Only allowed where the quantile is below the smallest double.
          assertTrue(GammaDistribution.regularizedP(a, Double.MIN_VALUE) >= p * 0.999,
              "a=" + a + " p=" + p);
          continue;
        }
        assertTrue(Double.isFinite(x) && x > 0, "a=" + a + " p=" + p + " x=" + x);
        double back = p <= 0.5 ? GammaDistribution.regularizedP(a, x)
            : 1 - GammaDistribution.regularizedQ(a, x);
        double tail = p <= 0.5 ? p : 1 - p;
        double err = p <= 0.5 ? back - p : GammaDistribution.regularizedQ(a, x) - tail;
        assertEquals(0.0, err, 1e-9 * tail, "a=" + a + " p=" + p + " x=" + x);
        assertTrue(back >= 0 && back <= 1);
      }
    }
  }

  @Test
  void ninetyPercentIntervalOfARateScaledGamma() {
    double shape = 4.0;
    double rate = 0.25;
    double[] ci = GammaDistribution.centralInterval(shape, rate, 0.9);
    assertEquals(0.05, GammaDistribution.cdf(shape, rate, ci[0]), 1e-12);
    assertEquals(0.95, GammaDistribution.cdf(shape, rate, ci[1]), 1e-12);
    assertTrue(ci[0] < GammaDistribution.mean(shape, rate) && GammaDistribution.mean(shape, rate) < ci[1]);
    // Rate scales the quantile: Gamma(a, b) = Gamma(a, 1) / b.
    assertEquals(GammaDistribution.quantile(shape, 1.0, 0.95) / rate, ci[1], 1e-12 * ci[1]);
  }

  @Test
  void edgesAndBadArguments() {
    assertEquals(0.0, GammaDistribution.inverseRegularizedP(2, 0), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, GammaDistribution.inverseRegularizedP(2, 1), 0.0);
    assertEquals(0.0, GammaDistribution.regularizedP(3, 0), 0.0);
    assertThrows(IllegalArgumentException.class, () -> GammaDistribution.regularizedP(0, 1));
    assertThrows(IllegalArgumentException.class, () -> GammaDistribution.regularizedP(1, -1));
    assertThrows(IllegalArgumentException.class, () -> GammaDistribution.quantile(1, 0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> GammaDistribution.quantile(1, 1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> GammaDistribution.centralInterval(1, 1, 1));
  }
}
