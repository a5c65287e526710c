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

class LayerNormTest {
  private final Rand rand = new Rand(31);

  static double[] naive(double[] x, double[] gamma, double[] beta, int d, double eps) {
    double[] out = new double[x.length];
    for (int r = 0; r < x.length / d; r++) {
      double m = 0;
      for (int j = 0; j < d; j++) {
        m += x[r * d + j];
      }
      m /= d;
      double v = 0;
      for (int j = 0; j < d; j++) {
        v += (x[r * d + j] - m) * (x[r * d + j] - m);
      }
      v /= d;
      for (int j = 0; j < d; j++) {
        out[r * d + j] = (x[r * d + j] - m) / Math.sqrt(v + eps) * gamma[j] + beta[j];
      }
    }
    return out;
  }

  @Test
  void valuesMatchNaiveInBothPrecisions() {
    int d = 7;
    double[] xv = rand.normal(5 * 3 * d);
    for (int i = 0; i < xv.length; i++) {
      xv[i] = 3 + 2 * xv[i]; // an offset and scale LayerNorm must remove
    }
    double[] gv = rand.normal(d);
    double[] bv = rand.normal(d);
    double[] want = naive(xv, gv, bv, d, 1e-5);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] got = LayerNorm.apply(Tensor.of(Backends.cpu(), dt, xv, 5, 3, d),
            Tensor.of(Backends.cpu(), dt, gv, d), Tensor.of(Backends.cpu(), dt, bv, d), 1e-5)
            .toDoubleArray();
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got[i], dt == DType.F64 ? 1e-13 : 5e-6, dt + " @" + i);
        }
      }
    }
  }

  @Test
  void gradientsForXGammaAndBeta() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 3, 7);
      Tensor gamma = rand.param(7);
      Tensor beta = rand.param(7);
      GradCheck.check(in -> LayerNorm.apply(in[0], in[1], in[2], 1e-5), x, gamma, beta);
      GradCheck.check(in -> LayerNorm.apply(in[0], in[1], in[2], 0.3), x, gamma, beta);
    }
  }

  @Test
  void paddedRowsGetZeroGradientAndLeaveParameterGradientsUnchanged() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        int d = 9;
        double[] xv = rand.normal(4 * d);
        double[] gv = rand.normal(4 * d);
        java.util.Arrays.fill(gv, 3 * d, 4 * d, 0.0); // row 3 is padding: nothing flows into it
        java.util.Arrays.fill(xv, 2 * d, 3 * d, 0.0); // row 2 is a constant (zero-variance) row
        Tensor gamma = Tensor.of(Backends.cpu(), dt, rand.normal(d), d).requiresGrad(true);
        Tensor beta = Tensor.of(Backends.cpu(), dt, rand.normal(d), d).requiresGrad(true);
        Tensor x = Tensor.of(Backends.cpu(), dt, xv, 4, d).requiresGrad(true);
        Tensor y = LayerNorm.apply(x, gamma, beta, 1e-5);
        double[] yv = y.toDoubleArray();
        double[] bvals = beta.toDoubleArray();
        for (int j = 0; j < d; j++) {
          assertEquals(bvals[j], yv[2 * d + j], 1e-6, "a constant row normalises to beta");
        }
        Autograd.backward(y, Tensor.of(Backends.cpu(), dt, gv, 4, d));
        double[] gx = x.grad().toDoubleArray();
        for (double v : gx) {
          assertTrue(Double.isFinite(v));
        }
        for (int j = 0; j < d; j++) {
          assertEquals(0.0, Math.abs(gx[3 * d + j]), 0.0, "padded row gradient must be exactly 0");
        }
        double[] gGammaPadded = gamma.grad().toDoubleArray();
        double[] gBetaPadded = beta.grad().toDoubleArray();
        gamma.clearGrad();
        beta.clearGrad();
        x.clearGrad();
        // The same three valid rows alone give identical parameter gradients.
        Tensor x3 = Tensor.of(Backends.cpu(), dt, java.util.Arrays.copyOf(xv, 3 * d), 3, d);
        Autograd.backward(LayerNorm.apply(x3, gamma, beta, 1e-5),
            Tensor.of(Backends.cpu(), dt, java.util.Arrays.copyOf(gv, 3 * d), 3, d));
        assertArrayEquals(gamma.grad().toDoubleArray(), gGammaPadded, 0.0);
        assertArrayEquals(beta.grad().toDoubleArray(), gBetaPadded, 0.0);
        gamma.clearGrad();
        beta.clearGrad();
      }
    }
  }

  @Test
  void f32FastPathGradientsMatchF64AndAreReproducible() {
    int rows = 613; // several parallel chunks
    int d = 33;
    double[] xv = rand.normal(rows * d);
    double[] gv = rand.normal(rows * d);
    double[] gam = rand.normal(d);
    double[] bet = rand.normal(d);
    double[][][] res = new double[3][][];
    DType[] types = {DType.F64, DType.F32, DType.F32};
    for (int k = 0; k < 3; k++) {
      try (Scope s = Scope.open()) {
        Tensor x = Tensor.of(Backends.cpu(), types[k], xv, rows, d).requiresGrad(true);
        Tensor g = Tensor.of(Backends.cpu(), types[k], gam, d).requiresGrad(true);
        Tensor b = Tensor.of(Backends.cpu(), types[k], bet, d).requiresGrad(true);
        Autograd.backward(LayerNorm.apply(x, g, b, 1e-5),
            Tensor.of(Backends.cpu(), types[k], gv, rows, d));
        res[k] = new double[][] {x.grad().toDoubleArray(), g.grad().toDoubleArray(),
            b.grad().toDoubleArray()};
        x.clearGrad();
        g.clearGrad();
        b.clearGrad();
      }
    }
    for (int t = 0; t < 3; t++) {
      assertArrayEquals(res[1][t], res[2][t], 0.0, "F32 run-to-run");
      for (int i = 0; i < res[0][t].length; i++) {
        assertEquals(res[0][t][i], res[1][t][i], 2e-4 * (1 + Math.abs(res[0][t][i])));
      }
    }
  }

  @Test
  void parameterShapesAreChecked() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 5);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LayerNorm.apply(x, rand.param(4), rand.param(5), 1e-5));
      assertTrue(e.getMessage().contains("gamma"), e.getMessage());
    }
  }
}
