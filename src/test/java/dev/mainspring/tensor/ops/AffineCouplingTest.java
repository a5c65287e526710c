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

class AffineCouplingTest {
  private final Rand rand = new Rand(21);

  @Test
  void valuesMatchTheFormulasInBothDirections() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] x = rand.normal(3 * 5);
        double[] sh = rand.normal(3 * 5);
        double[] raw = rand.uniform(3 * 5, -8, 8); // well past the bound
        Tensor xt = Tensor.of(Backends.cpu(), dt, x, 3, 5);
        Tensor st = Tensor.of(Backends.cpu(), dt, sh, 3, 5);
        Tensor rt = Tensor.of(Backends.cpu(), dt, raw, 3, 5);
        AffineCoupling.Result f = AffineCoupling.forward(xt, st, rt);
        AffineCoupling.Result inv = AffineCoupling.inverse(xt, st, rt);
        double[] z = f.out().toDoubleArray();
        double[] ld = f.logdet().toDoubleArray();
        double[] xi = inv.out().toDoubleArray();
        double[] ldi = inv.logdet().toDoubleArray();
        double tol = dt == DType.F64 ? 1e-12 : 1e-5;
        for (int r = 0; r < 3; r++) {
          double sum = 0;
          for (int c = 0; c < 5; c++) {
            int i = r * 5 + c;
            double ls = 2 * Math.tanh(raw[i] / 2);
            assertTrue(Math.abs(ls) <= 2.0);
            sum += ls;
            assertEquals(x[i] * Math.exp(ls) + sh[i], z[i], tol * 10);
            assertEquals((x[i] - sh[i]) * Math.exp(-ls), xi[i], tol * 10);
          }
          assertEquals(sum, ld[r], tol);
          assertEquals(-sum, ldi[r], tol);
        }
      }
    }
  }

  @Test
  void inverseUndoesForward() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(4, 2, 7);
      Tensor sh = rand.param(4, 2, 7);
      Tensor raw = rand.param(-6.0, 6.0, 4, 2, 7);
      AffineCoupling.Result f = AffineCoupling.forward(x, sh, raw);
      assertEquals(2, f.logdet().rank()); // [4, 2]: summed over the last axis only
      AffineCoupling.Result back = AffineCoupling.inverse(f.out(), sh, raw);
      double[] want = x.toDoubleArray();
      double[] got = back.out().toDoubleArray();
      for (int i = 0; i < want.length; i++) {
        assertEquals(want[i], got[i], 1e-12);
      }
      double[] a = f.logdet().toDoubleArray();
      double[] b = back.logdet().toDoubleArray();
      for (int i = 0; i < a.length; i++) {
        assertEquals(-a[i], b[i], 1e-12);
      }
    }
  }

  @Test
  void gradientsOfEachOutputAndBothTogether() {
    for (AffineCoupling.Direction dir : AffineCoupling.Direction.values()) {
      try (Scope s = Scope.open()) {
        Tensor x = rand.param(3, 4);
        Tensor sh = rand.param(3, 4);
        Tensor raw = rand.param(-3.0, 3.0, 3, 4);
        GradCheck.check(in -> AffineCoupling.apply(dir, in[0], in[1], in[2]).out(), x, sh, raw);
        GradCheck.check(in -> AffineCoupling.apply(dir, in[0], in[1], in[2]).logdet(), x, sh, raw);
        GradCheck.check(in -> {
          AffineCoupling.Result r = AffineCoupling.apply(dir, in[0], in[1], in[2]);
          return Arith.add(Reduce.sum(Elementwise.square(r.out()), 1, false),
              Arith.scale(r.logdet(), 1.7));
        }, x, sh, raw);
      }
    }
  }

  @Test
  void gradientOfALogdetOnlyLossReachesOnlyTheRawLogScale() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 3);
      Tensor sh = rand.param(2, 3);
      Tensor raw = rand.param(2, 3);
      Autograd.backward(Reduce.sumAll(AffineCoupling.forward(x, sh, raw).logdet()));
      assertAllZero(x.grad());
      assertAllZero(sh.grad());
      double[] gr = raw.grad().toDoubleArray();
      double[] rv = raw.toDoubleArray();
      for (int i = 0; i < gr.length; i++) {
        double t = Math.tanh(rv[i] / 2);
        assertEquals(1 - t * t, gr[i], 1e-12);
      }
      x.clearGrad();
      sh.clearGrad();
      raw.clearGrad();
    }
  }

  /** A missing gradient or an all-zero one: the logdet does not depend on x or the shift. */
  private static void assertAllZero(Tensor g) {
    if (g != null) {
      for (double v : g.toDoubleArray()) {
        assertEquals(0.0, v, 0.0);
      }
    }
  }

  @Test
  void mismatchedShapesAreRejected() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> AffineCoupling.forward(x, rand.param(2, 4), rand.param(2, 3)));
      assertTrue(e.getMessage().contains("shift"), e.getMessage());
    }
  }
}
