package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BceWithLogitsTest {
  private final Rand rand = new Rand(111);

  @Test
  void matchesTheTextbookFormulaAndStaysFiniteAtExtremeLogits() {
    double[] z = rand.uniform(40, -6, 6);
    double[] y = rand.uniform(40, 0, 1);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] got = BceWithLogits.apply(Tensor.of(Backends.cpu(), dt, z, 8, 5),
            Tensor.of(Backends.cpu(), dt, y, 8, 5), null).toDoubleArray();
        for (int i = 0; i < z.length; i++) {
          double zi = dt == DType.F32 ? (float) z[i] : z[i];
          double yi = dt == DType.F32 ? (float) y[i] : y[i];
          double p = 1 / (1 + Math.exp(-zi));
          double want = -(yi * Math.log(p) + (1 - yi) * Math.log(1 - p));
          assertEquals(want, got[i], dt == DType.F64 ? 1e-12 : 1e-5);
        }
      }
    }
    try (Scope s = Scope.open()) {
      double[] got = BceWithLogits.apply(Tensor.of(new double[] {1000, -1000, 1000, -1000}, 4),
          Tensor.of(new double[] {1, 0, 0, 1}, 4), null).toDoubleArray();
      assertEquals(0.0, got[0], 1e-300);
      assertEquals(0.0, got[1], 1e-300);
      assertEquals(1000.0, got[2], 1e-12);
      assertEquals(1000.0, got[3], 1e-12);
    }
  }

  @Test
  void gradientsForLogitsAndTargetsWithAMask() {
    try (Scope s = Scope.open()) {
      Tensor z = rand.param(3, 4);
      Tensor y = rand.param(0.0, 1.0, 3, 4);
      Tensor mask = Tensor.of(new double[] {1, 1, 0, 1}, 4);
      GradCheck.check(in -> BceWithLogits.apply(in[0], in[1], null), z, y);
      GradCheck.check(in -> BceWithLogits.apply(in[0], in[1], mask), z, y);
    }
  }

  @Test
  void maskedEntriesAreZeroAndGetNoGradient() {
    try (Scope s = Scope.open()) {
      Tensor z = Tensor.of(new double[] {0.3, Double.NaN, -2, 1e308}, 4).requiresGrad(true);
      Tensor y = Tensor.of(new double[] {1, Double.NaN, 0, 1}, 4);
      Tensor mask = Tensor.of(new double[] {1, 0, 1, 0}, 4);
      Tensor loss = BceWithLogits.apply(z, y, mask);
      double[] v = loss.toDoubleArray();
      assertEquals(0.0, v[1], 0.0);
      assertEquals(0.0, v[3], 0.0);
      Autograd.backward(Reduce.sumAll(loss));
      double[] g = z.grad().toDoubleArray();
      assertEquals(0.0, g[1], 0.0);
      assertEquals(0.0, g[3], 0.0);
      assertEquals(ElementwiseMath.sigmoid(0.3) - 1, g[0], 1e-15);
      assertTrue(g[2] > 0);
      z.clearGrad();
    }
  }
}
