package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ElementwiseTest {
  private final Rand rand = new Rand(11);

  @ParameterizedTest
  @EnumSource(Elementwise.Fn.class)
  void gradientMatchesFiniteDifferences(Elementwise.Fn fn) {
    try (Scope s = Scope.open()) {
      // Domains: positive for log/sqrt/gamma functions; away from 0 for abs/relu kinks.
      Tensor x = switch (fn) {
        case LOG, SQRT -> rand.param(0.2, 3.0, 3, 7);
        case LOG1P -> rand.param(-0.5, 3.0, 3, 7);
        case LGAMMA, DIGAMMA -> rand.param(0.05, 30.0, 3, 7);
        case ABS, RELU -> rand.param(0.1, 2.0, 3, 7);
        default -> rand.param(-4.0, 4.0, 3, 7);
      };
      GradCheck.check(in -> Elementwise.apply(fn, in[0]), x);
    }
  }

  @Test
  void specialFunctionsMatchKnownValues() {
    assertEquals(Math.log(24.0), ElementwiseMath.lgamma(5.0), 1e-13);
    assertEquals(0.5 * Math.log(Math.PI), ElementwiseMath.lgamma(0.5), 1e-13);
    assertEquals(Math.log(Math.sqrt(Math.PI) * 4.0 / 3.0), ElementwiseMath.lgamma(-1.5), 1e-12);
    double eulerGamma = 0.5772156649015329;
    assertEquals(-eulerGamma, ElementwiseMath.digamma(1.0), 1e-13);
    assertEquals(-eulerGamma - 2 * Math.log(2), ElementwiseMath.digamma(0.5), 1e-13);
    assertEquals(1.0 - eulerGamma + 0.5, ElementwiseMath.digamma(3.0), 1e-13);
    assertEquals(Math.PI * Math.PI / 6, ElementwiseMath.trigamma(1.0), 1e-12);
    assertEquals(Math.PI * Math.PI / 2, ElementwiseMath.trigamma(0.5), 1e-12);
    assertEquals(Math.log1p(Math.exp(3.0)), ElementwiseMath.softplus(3.0), 1e-15);
    assertEquals(25.0, ElementwiseMath.softplus(25.0), 0.0);
  }

  @Test
  void geluIsTheTanhApproximation() {
    double x = 0.7;
    double want = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    assertEquals(want, ElementwiseMath.apply(Elementwise.Fn.GELU, x), 1e-15);
  }

  @Test
  void f32GeluFastPathMatchesTheDoubleReference() {
    int count = 20_000; // several parallel chunks
    float[] v = new float[count];
    float[] g = new float[count];
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < count; i++) {
      v[i] = (float) r.nextDouble(-30, 30) * (i % 3 == 0 ? 0.1f : 1f);
      g[i] = (float) r.nextDouble(-1, 1);
    }
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(v, count).requiresGrad(true);
      Tensor y = Elementwise.gelu(x);
      dev.mainspring.tensor.Autograd.backward(y, Tensor.of(g, count));
      float[] out = y.toFloatArray();
      float[] gx = x.grad().toFloatArray();
      for (int i = 0; i < count; i++) {
        double want = ElementwiseMath.apply(Elementwise.Fn.GELU, v[i]);
        double wantGrad = g[i] * ElementwiseMath.derivative(Elementwise.Fn.GELU, v[i], want);
        assertEquals(want, out[i], 2e-6 * (1 + Math.abs(want)), "gelu(" + v[i] + ")");
        assertEquals(wantGrad, gx[i], 2e-6 * (1 + Math.abs(wantGrad)), "gelu'(" + v[i] + ")");
      }
    }
  }
}
