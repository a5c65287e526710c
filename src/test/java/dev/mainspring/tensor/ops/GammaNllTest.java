package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GammaNllTest {
  private final Rand rand = new Rand(101);

  @Test
  void valuesMatchTheGammaLogDensity() {
    double[] x = {0.5, 2.0, 1e-3, 7.5};
    double[] a = {1.0, 3.0, 0.2, 40.0};
    double[] b = {2.0, 0.5, 1.5, 6.0};
    // Γ(3) = 2 and Γ(1) = 1 give closed forms for the first two.
    double[] want = {
        -(Math.log(2) - 2 * 0.5),
        -(3 * Math.log(0.5) + 2 * Math.log(2.0) - 0.5 * 2.0 - Math.log(2)),
        -(0.2 * Math.log(1.5) - 0.8 * Math.log(1e-3) - 1.5e-3 - ElementwiseMath.lgamma(0.2)),
        -(40 * Math.log(6) + 39 * Math.log(7.5) - 45 - ElementwiseMath.lgamma(40))};
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] got = GammaNll.apply(Tensor.of(Backends.cpu(), dt, x, 4),
            Tensor.of(Backends.cpu(), dt, a, 4), Tensor.of(Backends.cpu(), dt, b, 4), null)
            .toDoubleArray();
        for (int i = 0; i < 4; i++) {
          assertEquals(want[i], got[i], dt == DType.F64 ? 1e-12 * (1 + Math.abs(want[i])) : 1e-4);
        }
      }
    }
  }

  @Test
  void gradientsForShapeAndRate() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(rand.uniform(15, 0.05, 5.0), 3, 5);
      Tensor alpha = rand.param(0.05, 20.0, 3, 5);
      Tensor beta = rand.param(0.1, 4.0, 3, 5);
      GradCheck.check(in -> GammaNll.apply(x, in[0], in[1], null), alpha, beta);
      Tensor mask = Tensor.of(new double[] {1, 0, 1}, 3, 1);
      GradCheck.check(in -> GammaNll.apply(x, in[0], in[1], mask), alpha, beta);
      assertNull(x.grad());
    }
  }

  @Test
  void maskedEntriesAreZeroWithZeroGradientWhateverThePaddingHolds() {
    try (Scope s = Scope.open()) {
      // Padding holds x = 0 (log 0 = −∞), α = −1 and β = NaN: none of it may leak.
      double[] xv = {1.0, 0.0, 2.0, 0.0};
      double[] av = {2.0, -1.0, 0.7, -1.0};
      double[] bv = {1.0, Double.NaN, 3.0, Double.NaN};
      Tensor mask = Tensor.of(new double[] {1, 0, 1, 0}, 4);
      Tensor alpha = Tensor.of(av, 4).requiresGrad(true);
      Tensor beta = Tensor.of(bv, 4).requiresGrad(true);
      Tensor nll = GammaNll.apply(Tensor.of(xv, 4), alpha, beta, mask);
      double[] v = nll.toDoubleArray();
      assertEquals(0.0, v[1], 0.0);
      assertEquals(0.0, v[3], 0.0);
      assertEquals(-(0 - 1.0) + ElementwiseMath.lgamma(2.0), v[0], 1e-14);
      Autograd.backward(Reduce.sumAll(nll));
      double[] ga = alpha.grad().toDoubleArray();
      double[] gb = beta.grad().toDoubleArray();
      assertEquals(0.0, ga[1], 0.0);
      assertEquals(0.0, gb[3], 0.0);
      assertEquals(ElementwiseMath.digamma(0.7) - Math.log(3.0) - Math.log(2.0), ga[2], 1e-14);
      assertEquals(2.0 - 0.7 / 3.0, gb[2], 1e-14);
      alpha.clearGrad();
      beta.clearGrad();
    }
  }

  @Test
  void shapesMustAgree() {
    try (Scope s = Scope.open()) {
      assertThrows(IllegalArgumentException.class,
          () -> GammaNll.apply(rand.f32(3), rand.f32(3), rand.f32(1), null));
    }
  }
}
