package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Philox;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {
  private final Rand rand = new Rand(81);

  @Test
  void dropsExactlyThePhiloxChosenElementsAndScalesTheRest() {
    double p = 0.3;
    int n = 100_003;
    double[] xv = rand.uniform(n, 0.5, 2.0); // never 0, so a zero output means dropped
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] y = Dropout.apply(Tensor.of(Backends.cpu(), dt, xv, n), p, 1234, 99, true)
            .toDoubleArray();
        int dropped = 0;
        for (int i = 0; i < n; i++) {
          boolean drop = Philox.uniform(1234, 99, i) < p;
          double x = dt == DType.F32 ? (float) xv[i] : xv[i];
          double want = drop ? 0.0 : x / (1 - p);
          assertEquals(want, y[i], dt == DType.F32 ? 1e-6 * want : 1e-15 * want, "element " + i);
          dropped += drop ? 1 : 0;
        }
        // The mask statistic: Binomial(n, p), within 5 standard errors.
        assertEquals(p * n, dropped, 5 * Math.sqrt(n * p * (1 - p)));
      }
    }
  }

  @Test
  void keptScaledMeanIsPreserved() {
    try (Scope s = Scope.open()) {
      int n = 200_000;
      double p = 0.5;
      Tensor ones = Tensor.full(Backends.cpu(), DType.F32, 1.0, n);
      double mean = Reduce.meanAll(Dropout.apply(ones, p, 5, 0, true)).item();
      // Each output is 0 or 2: mean 1, standard deviation 1.
      assertEquals(1.0, mean, 5 / Math.sqrt(n));
    }
  }

  @Test
  void streamsDifferByOffsetAndRepeatForTheSameKey() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(4096);
      float[] a = Dropout.apply(x, 0.5, 7, 0, true).toFloatArray();
      float[] b = Dropout.apply(x, 0.5, 7, 0, true).toFloatArray();
      float[] c = Dropout.apply(x, 0.5, 7, 1, true).toFloatArray();
      float[] d = Dropout.apply(x, 0.5, 8, 0, true).toFloatArray();
      assertArrayEquals(a, b, 0f);
      int diffC = 0;
      int diffD = 0;
      for (int i = 0; i < a.length; i++) {
        diffC += (a[i] == 0) != (c[i] == 0) ? 1 : 0;
        diffD += (a[i] == 0) != (d[i] == 0) ? 1 : 0;
      }
      // Independent masks at p = 0.5 disagree on half the entries.
      assertEquals(2048, diffC, 5 * 32);
      assertEquals(2048, diffD, 5 * 32);
    }
  }

  @Test
  void gradientIsTheSameMaskAndScale() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3, 7, 5);
      GradCheck.check(in -> Dropout.apply(in[0], 0.4, 11, 3, true), x);
      Tensor y = Dropout.apply(x, 0.4, 11, 3, true);
      Autograd.backward(y, Tensor.full(Backends.cpu(), DType.F64, 1.0, 3, 7, 5));
      double[] g = x.grad().toDoubleArray();
      for (int i = 0; i < g.length; i++) {
        double want = Dropout.kept(11, 3, i, 0.4) ? 1 / 0.6 : 0.0;
        assertEquals(want, g[i], 1e-15);
      }
      x.clearGrad();
    }
  }

  @Test
  void evaluationAndEdgeProbabilities() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(10);
      assertSame(x, Dropout.apply(x, 0.5, 1, 1, false));
      assertSame(x, Dropout.apply(x, 0.0, 1, 1, true));
      assertArrayEquals(new float[10], Dropout.apply(x, 1.0, 1, 1, true).toFloatArray(), 0f);
      assertThrows(IllegalArgumentException.class, () -> Dropout.apply(x, 1.5, 1, 1, true));
      assertThrows(IllegalArgumentException.class, () -> Dropout.apply(x, Double.NaN, 1, 1, true));
      assertNotEquals(0, Dropout.apply(x, 0.1, 1, 1, true).toFloatArray().length);
    }
  }
}
