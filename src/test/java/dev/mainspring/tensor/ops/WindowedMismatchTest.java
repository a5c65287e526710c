package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowedMismatchTest {
  /**
   * Genotypes with realistic redundancy: each row copies an earlier row and flips a few sites, so
   * many pairs are identical over whole windows (ties for the baseline).
   */
  static double[] genotypes(int b, int n, int s, SplittableRandom rnd, double flip) {
    double[] d = new double[b * n * s];
    for (int e = 0; e < b; e++) {
      for (int l = 0; l < s; l++) {
        d[(e * n) * s + l] = rnd.nextInt(2);
      }
      for (int i = 1; i < n; i++) {
        int src = rnd.nextInt(i);
        for (int l = 0; l < s; l++) {
          double v = d[(e * n + src) * s + l];
          d[(e * n + i) * s + l] = rnd.nextDouble() < flip ? 1 - v : v;
        }
      }
    }
    return d;
  }

  /** Site mask with a padded tail per example and a few invalid sites inside. */
  static double[] mask(int b, int s, SplittableRandom rnd) {
    double[] m = new double[b * s];
    for (int e = 0; e < b; e++) {
      int len = s - rnd.nextInt(Math.max(1, s / 3));
      for (int l = 0; l < s; l++) {
        m[e * s + l] = l < len && rnd.nextDouble() > 0.1 ? 1 : 0;
      }
    }
    return m;
  }

  static int bruteCount(double[] d, double[] m, int n, int s, int e, int i, int j, int l, int w) {
    int c = 0;
    for (int q = Math.max(0, l - w); q <= Math.min(s - 1, l + w); q++) {
      if ((m == null || m[e * s + q] != 0) && d[(e * n + i) * s + q] != d[(e * n + j) * s + q]) {
        c++;
      }
    }
    return c;
  }

  @Test
  void matchesBruteForceForEveryWindowAndDtype() {
    SplittableRandom rnd = new SplittableRandom(5);
    int b = 3;
    int n = 6;
    int s = 37;
    double[] d = genotypes(b, n, s, rnd, 0.2);
    double[] m = mask(b, s, rnd);
    for (int w : new int[] {0, 1, 4, 17, 100}) {
      for (DType dt : new DType[] {DType.F32, DType.F64, DType.I32}) {
        for (boolean withMask : new boolean[] {true, false}) {
          try (Scope sc = Scope.open()) {
            Tensor dT = Tensor.of(Backends.cpu(), dt, d, b, n, s);
            Tensor mT = withMask ? Tensor.of(Backends.cpu(), dt, m, b, s) : null;
            Tensor out = WindowedMismatch.apply(dT, mT, w);
            assertArrayEquals(new int[] {b, s, n, n}, out.shape());
            assertEquals(dt, out.dtype());
            double[] got = out.toDoubleArray();
            for (int e = 0; e < b; e++) {
              for (int l = 0; l < s; l++) {
                for (int i = 0; i < n; i++) {
                  for (int j = 0; j < n; j++) {
                    int want = bruteCount(d, withMask ? m : null, n, s, e, i, j, l, w);
                    assertEquals(want, got[((e * s + l) * n + i) * n + j], 0.0,
                        "w=" + w + " " + dt + " mask=" + withMask + " b=" + e + " l=" + l
                            + " i=" + i + " j=" + j);
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void longSequenceSplitIntoManyTasksAgreesWithBruteForce() {
    // Enough sites that each example is cut into several sliding-window tasks.
    SplittableRandom rnd = new SplittableRandom(8);
    int b = 1;
    int n = 4;
    int s = 400;
    int w = 3;
    double[] d = genotypes(b, n, s, rnd, 0.3);
    double[] m = mask(b, s, rnd);
    try (Scope sc = Scope.open()) {
      double[] got = WindowedMismatch.apply(Tensor.of(Backends.cpu(), DType.F32, d, b, n, s),
          Tensor.of(Backends.cpu(), DType.F32, m, b, s), w).toDoubleArray();
      for (int l = 0; l < s; l++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            assertEquals(bruteCount(d, m, n, s, 0, i, j, l, w), got[(l * n + i) * n + j], 0.0);
          }
        }
      }
    }
  }

  @Test
  void badArgumentsAreClearErrors() {
    try (Scope sc = Scope.open()) {
      Tensor d = Tensor.of(new double[12], 1, 3, 4);
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> WindowedMismatch.apply(d, null, -1)).getMessage().contains("window"));
      assertTrue(assertThrows(IllegalArgumentException.class,
          () -> WindowedMismatch.apply(d, Tensor.of(new double[3], 1, 3), 2)).getMessage()
          .contains("mask"));
    }
  }
}
