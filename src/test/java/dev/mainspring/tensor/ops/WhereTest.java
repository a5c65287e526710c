package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WhereTest {
  private final Rand rand = new Rand(121);

  @Test
  void keepsValidEntriesAndFillsTheRestWithABroadcastMask() {
    try (Scope s = Scope.open()) {
      double[] xv = rand.normal(2 * 3 * 4);
      double[] mv = {1, 0, 1, 1, 0, 1, 1, 0}; // [2, 1, 4]
      Tensor x = Tensor.of(Backends.cpu(), DType.F32, xv, 2, 3, 4);
      Tensor m = Tensor.of(Backends.cpu(), DType.F32, mv, 2, 1, 4);
      float[] got = Where.apply(m, x, Double.NEGATIVE_INFINITY).toFloatArray();
      for (int b = 0; b < 2; b++) {
        for (int r = 0; r < 3; r++) {
          for (int j = 0; j < 4; j++) {
            int i = (b * 3 + r) * 4 + j;
            float want = mv[b * 4 + j] != 0 ? (float) xv[i] : Float.NEGATIVE_INFINITY;
            assertEquals(want, got[i], 0f);
          }
        }
      }
    }
  }

  @Test
  void gradientPassesOnlyAtValidEntries() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3, 5);
      Tensor m = Tensor.of(new double[] {1, 0, 1, 1, 0}, 5);
      GradCheck.check(in -> Where.apply(m, in[0], -7.0), x);
      Autograd.backward(Where.apply(m, x, 0.0), Tensor.full(Backends.cpu(), DType.F64, 2.0, 3, 5));
      double[] g = x.grad().toDoubleArray();
      for (int i = 0; i < 15; i++) {
        assertEquals(i % 5 == 1 || i % 5 == 4 ? 0.0 : 2.0, g[i], 0.0);
      }
      x.clearGrad();
    }
  }

  @Test
  void maskShapeIsChecked() {
    try (Scope s = Scope.open()) {
      assertThrows(IllegalArgumentException.class,
          () -> Where.apply(Tensor.of(new double[] {1, 0, 1}, 3), rand.param(2, 4), 0));
      assertArrayEquals(new int[] {2, 4}, Where.apply(Tensor.of(new double[] {1}, 1),
          rand.param(2, 4), 0).shape());
    }
  }
}
