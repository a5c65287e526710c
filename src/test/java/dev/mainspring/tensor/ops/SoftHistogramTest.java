package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SoftHistogramTest {
  private final Rand rand = new Rand(31);

  private static double[] naive(double[] x, double[] m, int b, int per, double lo, double hi,
      int bins, double sigma) {
    double[] h = new double[b * bins];
    for (int e = 0; e < b; e++) {
      double mass = 0;
      for (int q = 0; q < per; q++) {
        mass += m == null ? 1 : m[e * per + q];
      }
      for (int k = 0; k < bins; k++) {
        double c = lo + (k + 0.5) * (hi - lo) / bins;
        double s = 0;
        for (int q = 0; q < per; q++) {
          double w = m == null ? 1 : m[e * per + q];
          if (w != 0) {
            double d = x[e * per + q] - c;
            s += w * Math.exp(-d * d / (2 * sigma * sigma));
          }
        }
        h[e * bins + k] = mass == 0 ? 0 : s / mass;
      }
    }
    return h;
  }

  /** A 0/1 mask with some zeros, and one example (the last) entirely masked. */
  private double[] mask(int b, int per) {
    double[] m = new double[b * per];
    for (int i = 0; i < m.length; i++) {
      m[i] = i / per == b - 1 ? 0 : (rand.nextDouble() < 0.3 ? 0 : 1);
    }
    return m;
  }

  @Test
  void valuesMatchNaive() {
    int b = 3;
    int n = 4;
    int s = 9;
    double[] x = rand.uniform(b * n * s, -0.5, 6.5);
    double[] m = mask(b, n * s);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      for (boolean withMask : new boolean[] {true, false}) {
        try (Scope sc = Scope.open()) {
          Tensor xt = Tensor.of(Backends.cpu(), dt, x, b, n, s);
          Tensor mt = withMask ? Tensor.of(Backends.cpu(), dt, m, b, n, s) : null;
          double[] got = SoftHistogram.apply(xt, mt, 0, 6, 32, 6.0 / 32).toDoubleArray();
          double[] want = naive(x, withMask ? m : null, b, n * s, 0, 6, 32, 6.0 / 32);
          assertArrayEquals(want, got, dt == DType.F64 ? 1e-13 : 1e-6);
        }
      }
    }
  }

  @Test
  void valuesMatchNaiveForNarrowAndWideKernelsAndFarAwayValues() {
    double[] x = {-1e3, -3, -0.01, 0, 0.37, 1.5, 2.999, 3.0, 5.99, 6, 6.2, 40, 1e3, 1e300};
    for (double sigma : new double[] {0.02, 0.1875, 1.0, 25.0}) {
      try (Scope sc = Scope.open()) {
        double[] got = SoftHistogram.apply(Tensor.of(x, 2, 7), null, 0, 6, 32, sigma)
            .toDoubleArray();
        double[] want = naive(x, null, 2, 7, 0, 6, 32, sigma);
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got[i], 1e-13 * Math.max(1e-3, want[i]), "sigma " + sigma);
        }
      }
    }
  }

  @Test
  void aPointMassNearlyFillsItsOwnBinWhenTheKernelIsNarrow() {
    try (Scope sc = Scope.open()) {
      Tensor x = Tensor.of(new double[] {SoftHistogram.centre(0, 6, 6, 2)}, 1, 1);
      double[] h = SoftHistogram.apply(x, null, 0, 6, 6, 0.1).toDoubleArray();
      assertEquals(1.0, h[2], 1e-15);
      assertTrue(h[1] < 1e-20 && h[3] < 1e-20);
      assertEquals(2.5, SoftHistogram.centre(0, 6, 6, 2), 0.0);
    }
  }

  @Test
  void gradientCheckWithMaskAndAnEmptyExample() {
    try (Scope sc = Scope.open()) {
      Tensor x = rand.param(-0.5, 6.5, 3, 2, 7);
      Tensor m = Tensor.of(mask(3, 14), 3, 2, 7);
      GradCheck.check(in -> SoftHistogram.apply(in[0], in[1], 0, 6, 12, 0.5), x, m);
      GradCheck.check(in -> SoftHistogram.apply(in[0], null, 0, 6, 12, 0.5), x);
    }
  }

  @Test
  void maskedEntriesMayHoldGarbageAndGetZeroGradient() {
    try (Scope sc = Scope.open()) {
      double[] xv = {1.0, Double.NaN, 2.5, Double.POSITIVE_INFINITY};
      Tensor x = Tensor.of(xv, 1, 4).requiresGrad(true);
      Tensor m = Tensor.of(new double[] {1, 0, 1, 0}, 1, 4);
      Tensor h = SoftHistogram.apply(x, m, 0, 6, 8, 0.75);
      double[] clean = naive(new double[] {1.0, 2.5}, null, 1, 2, 0, 6, 8, 0.75);
      assertArrayEquals(clean, h.toDoubleArray(), 1e-14);
      Autograd.backward(Reduce.sumAll(Arith.mul(h, Tensor.of(rand.normal(8), 1, 8))));
      double[] g = x.grad().toDoubleArray();
      assertEquals(0.0, g[1], 0.0);
      assertEquals(0.0, g[3], 0.0);
      assertTrue(g[0] != 0.0 && g[2] != 0.0);
      x.clearGrad();
    }
  }

  @Test
  void badArgumentsAreClearErrors() {
    try (Scope sc = Scope.open()) {
      Tensor x = rand.param(2, 3);
      assertThrows(IllegalArgumentException.class, () -> SoftHistogram.apply(x, null, 1, 0, 4, 1));
      assertThrows(IllegalArgumentException.class,
          () -> SoftHistogram.apply(x, Tensor.of(new double[3], 3), 0, 1, 4, 1));
    }
  }
}
