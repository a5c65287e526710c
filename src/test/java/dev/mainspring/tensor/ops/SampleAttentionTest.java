package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

class SampleAttentionTest {
  private final Rand rand = new Rand(17);

  /** Valid sites with a few padded ones: the last two sites of example 1, site 3 of example 0. */
  static double[] mask(int B, int S) {
    double[] m = new double[B * S];
    java.util.Arrays.fill(m, 1.0);
    m[3] = 0;
    if (B > 1) {
      m[2 * S - 1] = 0;
      m[2 * S - 2] = 0;
    }
    return m;
  }

  private static Tensor t(DType dt, double[] v, int... shape) {
    return Tensor.of(Backends.cpu(), dt, v, shape);
  }

  private static void close(double[] want, double[] got, double tol, String what) {
    assertEquals(want.length, got.length, what + " length");
    for (int e = 0; e < want.length; e++) {
      double err = Math.abs(want[e] - got[e]);
      if (err > tol * (1 + Math.abs(want[e]))) {
        throw new AssertionError(what + ": element " + e + " expected " + want[e] + " but got "
            + got[e]);
      }
    }
  }

  @Test
  void forwardMatchesNaiveInBothPrecisions() {
    int[][] shapes = {{2, 5, 11, 6, 2}, {2, 5, 11, 6, 3}, {1, 9, 4, 32, 2}, {2, 7, 3, 24, 2},
        {1, 70, 2, 16, 1}};
    for (int[] sh : shapes) {
      int B = sh[0];
      int n = sh[1];
      int S = sh[2];
      int d = sh[3];
      int H = sh[4];
      double[] q = rand.normal(B * n * S * d);
      double[] k = rand.normal(B * n * S * d);
      double[] v = rand.normal(B * n * S * d);
      double[] m = S > 3 ? mask(B, S) : null;
      for (boolean causal : new boolean[] {false, true}) {
        double[] want = NaiveAttention.sample(q, k, v, m, B, n, S, d, H, causal);
        for (DType dt : new DType[] {DType.F64, DType.F32}) {
          try (Scope s = Scope.open()) {
            Tensor mt = m == null ? null : t(dt, m, B, S);
            double[] got = SampleAttention.apply(t(dt, q, B, n, S, d), t(dt, k, B, n, S, d),
                t(dt, v, B, n, S, d), mt, H, causal).toDoubleArray();
            close(want, got, dt == DType.F64 ? 1e-12 : 2e-5,
                dt + " causal=" + causal + " shape " + java.util.Arrays.toString(sh));
          }
        }
      }
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    int B = 2;
    int n = 5;
    int S = 11;
    int d = 6;
    for (int heads : new int[] {2, 3}) {
      for (boolean causal : new boolean[] {false, true}) {
        try (Scope s = Scope.open()) {
          Tensor mask = Tensor.of(mask(B, S), B, S);
          Tensor q = rand.param(B, n, S, d);
          Tensor k = rand.param(B, n, S, d);
          Tensor v = rand.param(B, n, S, d);
          GradCheck.check(in -> SampleAttention.apply(in[0], in[1], in[2], mask, heads, causal),
              q, k, v);
        }
      }
    }
  }

  @Test
  void paddedSitesGiveZeroOutputZeroGradientAndNoInfluence() {
    int B = 2;
    int n = 5;
    int S = 11;
    int d = 6;
    int H = 3;
    double[] m = mask(B, S);
    double[] q = rand.normal(B * n * S * d);
    double[] k = rand.normal(B * n * S * d);
    double[] v = rand.normal(B * n * S * d);
    double[] g = rand.normal(B * n * S * d);
    double[] q2 = q.clone();
    double[] k2 = k.clone();
    double[] v2 = v.clone();
    double[] g2 = g.clone();
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < n; i++) {
        for (int l = 0; l < S; l++) {
          if (m[b * S + l] == 0) {
            for (int c = 0; c < d; c++) {
              int e = NaiveAttention.at(b, i, l, c, n, S, d);
              q2[e] = 100 * rand.nextDouble();
              k2[e] = -50 * rand.nextDouble();
              v2[e] = 1e3 * rand.nextDouble();
              g2[e] = rand.nextDouble();
            }
          }
        }
      }
    }
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      for (boolean causal : new boolean[] {false, true}) {
        Result r1 = run(dt, q, k, v, g, m, B, n, S, d, H, causal);
        Result r2 = run(dt, q2, k2, v2, g2, m, B, n, S, d, H, causal);
        for (int e = 0; e < r1.out.length; e++) {
          int site = (e / (S * d) / n) * S + (e / d) % S;
          if (m[site] == 0) {
            assertTrue(r1.out[e] == 0 && r2.out[e] == 0, "padded output " + e);
            for (double[] gr : new double[][] {r1.gq, r1.gk, r1.gv, r2.gq, r2.gk, r2.gv}) {
              assertTrue(gr[e] == 0, dt + " padded gradient " + e + " is " + gr[e]);
            }
          } else {
            assertEquals(r1.out[e], r2.out[e], 0.0, "valid output changed by padding at " + e);
            assertEquals(r1.gq[e], r2.gq[e], 0.0, "valid gq changed by padding at " + e);
            assertEquals(r1.gk[e], r2.gk[e], 0.0);
            assertEquals(r1.gv[e], r2.gv[e], 0.0);
          }
        }
      }
    }
  }

  record Result(double[] out, double[] gq, double[] gk, double[] gv) {}

  static Result run(DType dt, double[] q, double[] k, double[] v, double[] g, double[] m, int B,
      int n, int S, int d, int H, boolean causal) {
    try (Scope s = Scope.open()) {
      Tensor qt = t(dt, q, B, n, S, d).requiresGrad(true);
      Tensor kt = t(dt, k, B, n, S, d).requiresGrad(true);
      Tensor vt = t(dt, v, B, n, S, d).requiresGrad(true);
      Tensor out = SampleAttention.apply(qt, kt, vt, m == null ? null : t(dt, m, B, S), H, causal);
      Autograd.backward(out, t(dt, g, B, n, S, d));
      Result r = new Result(out.toDoubleArray(), qt.grad().toDoubleArray(),
          kt.grad().toDoubleArray(), vt.grad().toDoubleArray());
      qt.clearGrad();
      kt.clearGrad();
      vt.clearGrad();
      return r;
    }
  }

  @Test
  void causalRowsSeeOnlyEarlierRows() {
    int B = 1;
    int n = 6;
    int S = 4;
    int d = 8;
    int H = 2;
    double[] q = rand.normal(B * n * S * d);
    double[] k = rand.normal(B * n * S * d);
    double[] v = rand.normal(B * n * S * d);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      // Changing row r's keys and values may only change rows after r.
      for (int r = 0; r < n; r++) {
        double[] k2 = k.clone();
        double[] v2 = v.clone();
        for (int l = 0; l < S; l++) {
          for (int c = 0; c < d; c++) {
            k2[NaiveAttention.at(0, r, l, c, n, S, d)] += 1.5;
            v2[NaiveAttention.at(0, r, l, c, n, S, d)] -= 2.0;
          }
        }
        double[] o1 = forward(dt, q, k, v, B, n, S, d, H);
        double[] o2 = forward(dt, q, k2, v2, B, n, S, d, H);
        for (int i = 0; i < n; i++) {
          for (int l = 0; l < S; l++) {
            for (int c = 0; c < d; c++) {
              int e = NaiveAttention.at(0, i, l, c, n, S, d);
              if (i == 0) {
                assertTrue(o1[e] == 0, "row 0 has no key and must output 0");
              } else if (i <= r) {
                assertEquals(o1[e], o2[e], 0.0, "row " + i + " saw row " + r);
              }
            }
          }
        }
        if (r < n - 1) {
          int e = NaiveAttention.at(0, r + 1, 0, 0, n, S, d);
          assertNotEquals(o1[e], o2[e], "row " + (r + 1) + " must see row " + r);
        }
      }
    }
  }

  private static double[] forward(DType dt, double[] q, double[] k, double[] v, int B, int n,
      int S, int d, int H) {
    try (Scope s = Scope.open()) {
      return SampleAttention.apply(t(dt, q, B, n, S, d), t(dt, k, B, n, S, d),
          t(dt, v, B, n, S, d), null, H, true).toDoubleArray();
    }
  }

  @Test
  void permutingSamplesPermutesOutputsAndGradients() {
    int B = 2;
    int n = 7;
    int S = 5;
    int d = 32;
    int H = 2;
    int[] perm = {3, 0, 6, 1, 5, 2, 4};
    double[] q = rand.normal(B * n * S * d);
    double[] k = rand.normal(B * n * S * d);
    double[] v = rand.normal(B * n * S * d);
    double[] g = rand.normal(B * n * S * d);
    double[] m = mask(B, S);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      Result r1 = run(dt, q, k, v, g, m, B, n, S, d, H, false);
      Result r2 = run(dt, permute(q, perm, B, n, S * d), permute(k, perm, B, n, S * d),
          permute(v, perm, B, n, S * d), permute(g, perm, B, n, S * d), m, B, n, S, d, H, false);
      double tol = dt == DType.F64 ? 1e-12 : 1e-5;
      close(permute(r1.out, perm, B, n, S * d), r2.out, tol, dt + " permuted output");
      close(permute(r1.gq, perm, B, n, S * d), r2.gq, tol, dt + " permuted gq");
      close(permute(r1.gk, perm, B, n, S * d), r2.gk, tol, dt + " permuted gk");
      close(permute(r1.gv, perm, B, n, S * d), r2.gv, tol, dt + " permuted gv");
    }
  }

  /** Row perm[i] of x becomes row i. */
  private static double[] permute(double[] x, int[] perm, int B, int n, int rowSize) {
    double[] y = new double[x.length];
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(x, (b * n + perm[i]) * rowSize, y, (b * n + i) * rowSize, rowSize);
      }
    }
    return y;
  }

  @Test
  void f32GradientsAgreeWithF64() {
    int B = 2;
    int n = 9;
    int S = 6;
    for (int[] dh : new int[][] {{32, 2}, {24, 2}, {6, 3}}) {
      int d = dh[0];
      int H = dh[1];
      double[] q = rand.normal(B * n * S * d);
      double[] k = rand.normal(B * n * S * d);
      double[] v = rand.normal(B * n * S * d);
      double[] g = rand.normal(B * n * S * d);
      double[] m = mask(B, S);
      for (boolean causal : new boolean[] {false, true}) {
        Result r64 = run(DType.F64, q, k, v, g, m, B, n, S, d, H, causal);
        Result r32 = run(DType.F32, q, k, v, g, m, B, n, S, d, H, causal);
        String what = "d=" + d + " H=" + H + " causal=" + causal;
        close(r64.out, r32.out, 2e-5, what + " out");
        close(r64.gq, r32.gq, 1e-4, what + " gq");
        close(r64.gk, r32.gk, 1e-4, what + " gk");
        close(r64.gv, r32.gv, 1e-4, what + " gv");
      }
    }
  }

  @Test
  void rejectsBadShapes() {
    try (Scope s = Scope.open()) {
      Tensor q = Tensor.zeros(DType.F32, 2, 3, 4, 6);
      Tensor k = Tensor.zeros(DType.F32, 2, 3, 4, 6);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SampleAttention.apply(q, k, k, null, 4, false));
      assertTrue(e.getMessage().contains("4 heads"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> SampleAttention.apply(q, Tensor.zeros(DType.F32, 2, 3, 5, 6), k, null, 2, false));
      assertTrue(e.getMessage().contains("k (like q)"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> SampleAttention.apply(q, k, k, Tensor.zeros(DType.F32, 2, 5), 2, false));
      assertTrue(e.getMessage().contains("site mask"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class,
          () -> SampleAttention.apply(q, k, k, Tensor.zeros(DType.F64, 2, 4), 2, false));
      assertTrue(e.getMessage().contains("mask is F64"), e.getMessage());
    }
  }
}
