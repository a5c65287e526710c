package dev.mainspring.tensor.ops;

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

class SoftmaxTest {
  private final Rand rand = new Rand(21);

  /** 0/1 values with roughly {@code pValid} ones, and row {@code fullyMaskedRow} all zero. */
  private double[] mask(int rows, int len, double pValid, int fullyMaskedRow) {
    double[] m = new double[rows * len];
    for (int i = 0; i < m.length; i++) {
      m[i] = rand.nextDouble() < pValid ? 1 : 0;
    }
    if (fullyMaskedRow >= 0) {
      java.util.Arrays.fill(m, fullyMaskedRow * len, (fullyMaskedRow + 1) * len, 0.0);
    }
    return m;
  }

  /** Naive masked (log-)softmax of each row; m is indexed like x (already broadcast). */
  static double[] naive(boolean log, double[] x, double[] m, int len) {
    double[] out = new double[x.length];
    for (int r = 0; r < x.length / len; r++) {
      double mx = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < len; j++) {
        if (m == null || m[r * len + j] != 0) {
          mx = Math.max(mx, x[r * len + j]);
        }
      }
      double s = 0;
      for (int j = 0; j < len; j++) {
        if (m == null || m[r * len + j] != 0) {
          s += Math.exp(x[r * len + j] - mx);
        }
      }
      for (int j = 0; j < len; j++) {
        boolean valid = m == null || m[r * len + j] != 0;
        out[r * len + j] = !valid ? 0 : log ? x[r * len + j] - mx - Math.log(s)
            : Math.exp(x[r * len + j] - mx) / s;
      }
    }
    return out;
  }

  @Test
  void valuesMatchNaiveWithPerEntryMaskBroadcastOverAMiddleAxis() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      for (boolean log : new boolean[] {false, true}) {
        try (Scope s = Scope.open()) {
          double[] xv = rand.normal(3 * 5 * 7);
          double[] mv = mask(3, 7, 0.6, 1); // [3, 1, 7]: a key-padding style mask
          Tensor x = Tensor.of(Backends.cpu(), dt, xv, 3, 5, 7);
          Tensor m = Tensor.of(Backends.cpu(), dt, mv, 3, 1, 7);
          double[] full = new double[xv.length];
          for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 5; r++) {
              System.arraycopy(mv, i * 7, full, (i * 5 + r) * 7, 7);
            }
          }
          double[] want = naive(log, xv, full, 7);
          double[] got = (log ? Softmax.logSoftmax(x, m) : Softmax.softmax(x, m)).toDoubleArray();
          for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], dt == DType.F64 ? 1e-14 : 2e-6, dt + " log=" + log + " @" + i);
            if (full[i] == 0) {
              assertEquals(0.0, got[i], 0.0, "masked entries output exactly 0");
            }
          }
        }
      }
    }
  }

  @Test
  void rowMaskBroadcastAlongTheLastAxisZeroesWholeRows() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] xv = rand.normal(4 * 3 * 6);
        double[] mv = {1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1}; // [4, 3, 1]: per-row flags
        Tensor x = Tensor.of(Backends.cpu(), dt, xv, 4, 3, 6);
        Tensor m = Tensor.of(Backends.cpu(), dt, mv, 4, 3, 1);
        double[] got = Softmax.softmax(x, m).toDoubleArray();
        double[] plain = naive(false, xv, null, 6);
        for (int r = 0; r < 12; r++) {
          for (int j = 0; j < 6; j++) {
            double want = mv[r] == 0 ? 0.0 : plain[r * 6 + j];
            assertEquals(want, got[r * 6 + j], dt == DType.F64 ? 1e-15 : 1e-6);
          }
        }
      }
    }
  }

  @Test
  void gradientsWithAndWithoutMasksAtOddSizes() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 3, 5);
      Tensor perEntry = Tensor.of(mask(2, 5, 0.6, 0), 2, 1, 5);
      Tensor perRow = Tensor.of(new double[] {1, 0, 1, 1, 1, 0}, 2, 3, 1);
      // Broadcasting aligns trailing axes: a [B, L] mask over [B, 3, L] must come as [B, 1, L].
      Tensor misaligned = Tensor.of(new double[] {1, 1, 0, 1, 0, 1, 1, 1, 0, 1}, 2, 5);
      GradCheck.check(in -> Softmax.softmax(in[0]), x);
      GradCheck.check(in -> Softmax.logSoftmax(in[0]), x);
      for (Tensor m : new Tensor[] {perEntry, perRow}) {
        GradCheck.check(in -> Softmax.softmax(in[0], m), x);
        GradCheck.check(in -> Softmax.logSoftmax(in[0], m), x);
      }
      // A [3, 5] mask broadcasts over the leading axis of [2, 3, 5].
      Tensor trailing = Tensor.of(mask(3, 5, 0.5, 2), 3, 5);
      GradCheck.check(in -> Softmax.logSoftmax(in[0], trailing), x);
      assertThrows(IllegalArgumentException.class, () -> Softmax.softmax(x, misaligned));
    }
  }

  @Test
  void maskedEntriesGetExactlyZeroGradientAndPaddingIsNeverRead() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      for (boolean log : new boolean[] {false, true}) {
        try (Scope s = Scope.open()) {
          double[] xv = rand.normal(6 * 9);
          double[] mv = mask(6, 9, 0.5, 4);
          double[] poisoned = xv.clone();
          for (int i = 0; i < mv.length; i++) {
            if (mv[i] == 0) {
              poisoned[i] = i % 2 == 0 ? Double.NaN : 1e30;
            }
          }
          Tensor m = Tensor.of(Backends.cpu(), dt, mv, 6, 9);
          Tensor clean = Tensor.of(Backends.cpu(), dt, xv, 6, 9);
          Tensor x = Tensor.of(Backends.cpu(), dt, poisoned, 6, 9).requiresGrad(true);
          Tensor y = log ? Softmax.logSoftmax(x, m) : Softmax.softmax(x, m);
          double[] a = y.toDoubleArray();
          double[] b = (log ? Softmax.logSoftmax(clean, m) : Softmax.softmax(clean, m)).toDoubleArray();
          for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 0.0, "padding changed output " + i);
          }
          Autograd.backward(y, Tensor.of(Backends.cpu(), dt, rand.normal(54), 6, 9));
          double[] g = x.grad().toDoubleArray();
          for (int i = 0; i < g.length; i++) {
            assertTrue(Double.isFinite(g[i]), "gradient " + i + " is " + g[i]);
            if (mv[i] == 0) {
              assertEquals(0, Double.compare(g[i], 0.0), "masked gradient " + i + " = " + g[i]);
            }
          }
          for (int j = 0; j < 9; j++) {
            assertEquals(0.0, a[4 * 9 + j], 0.0, "fully masked row outputs zeros");
          }
          x.clearGrad();
        }
      }
    }
  }

  @Test
  void f32FastPathGradientMatchesF64Reference() {
    for (boolean log : new boolean[] {false, true}) {
      try (Scope s = Scope.open()) {
        int rows = 37;
        int len = 61;
        double[] xv = rand.normal(rows * len);
        double[] mv = mask(rows, len, 0.7, 5);
        double[] gv = rand.normal(rows * len);
        double[][] grads = new double[2][];
        double[][] outs = new double[2][];
        DType[] types = {DType.F64, DType.F32};
        for (int k = 0; k < 2; k++) {
          Tensor x = Tensor.of(Backends.cpu(), types[k], xv, rows, len).requiresGrad(true);
          Tensor m = Tensor.of(Backends.cpu(), types[k], mv, rows, len);
          Tensor y = log ? Softmax.logSoftmax(x, m) : Softmax.softmax(x, m);
          outs[k] = y.toDoubleArray();
          Autograd.backward(y, Tensor.of(Backends.cpu(), types[k], gv, rows, len));
          grads[k] = x.grad().toDoubleArray();
          x.clearGrad();
        }
        for (int i = 0; i < xv.length; i++) {
          assertEquals(outs[0][i], outs[1][i], 2e-6 * (1 + Math.abs(outs[0][i])));
          assertEquals(grads[0][i], grads[1][i], 2e-5 * (1 + Math.abs(grads[0][i])));
        }
      }
    }
  }

  @Test
  void maskOfAnotherDtypeIsRefused() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(2, 3);
      Tensor m = Tensor.of(new double[] {1, 0, 1}, 3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Softmax.softmax(x, m));
      assertTrue(e.getMessage().contains("dtype"), e.getMessage());
    }
  }
}
