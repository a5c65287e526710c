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

class SliceTest {
  private final Rand rand = new Rand(51);

  @Test
  void valuesAlongEveryAxisWithSteps() {
    int[] dims = {4, 5, 7};
    double[] xv = rand.normal(4 * 5 * 7);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      for (int axis = 0; axis < 3; axis++) {
        for (int step : new int[] {1, 2, 3}) {
          try (Scope s = Scope.open()) {
            int from = 1;
            int to = dims[axis];
            Tensor out = Slice.apply(Tensor.of(Backends.cpu(), dt, xv, dims), axis, from, to, step);
            int count = (to - from + step - 1) / step;
            assertEquals(count, out.dim(axis));
            double[] got = out.toDoubleArray();
            int[] os = out.shape();
            int o = 0;
            for (int i = 0; i < os[0]; i++) {
              for (int j = 0; j < os[1]; j++) {
                for (int k = 0; k < os[2]; k++) {
                  int[] src = {i, j, k};
                  src[axis] = from + src[axis] * step;
                  double want = xv[(src[0] * 5 + src[1]) * 7 + src[2]];
                  assertEquals(dt == DType.F32 ? (float) want : want, got[o++], 0.0);
                }
              }
            }
          }
        }
      }
    }
  }

  @Test
  void gradientsAndExactZerosWhereTheSliceSkipped() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3, 7, 2);
      GradCheck.check(in -> Slice.apply(in[0], 1, 2, 7, 2), x);
      GradCheck.check(in -> Slice.apply(in[0], -1, 1, 2), x);
      GradCheck.check(in -> Slice.apply(in[0], 0, 0, 3), x);
      Autograd.backward(Slice.apply(x, 1, 1, 6, 3), rand.param(3, 2, 2)); // rows 1 and 4 of axis 1
      double[] g = x.grad().toDoubleArray();
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 7; j++) {
          for (int k = 0; k < 2; k++) {
            if (j != 1 && j != 4) {
              assertEquals(0.0, g[(i * 7 + j) * 2 + k], 0.0);
            }
          }
        }
      }
      x.clearGrad();
    }
  }

  @Test
  void emptySliceAndIntegerData() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(new int[] {1, 2, 3, 4, 5, 6}, 2, 3);
      assertArrayEquals(new int[] {2, 5}, Slice.apply(x, 1, 1, 2).toIntArray());
      assertArrayEquals(new int[] {2, 0}, Slice.apply(x, 1, 2, 2).shape());
    }
  }

  @Test
  void badBoundsAreExplained() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(2, 3);
      assertThrows(IllegalArgumentException.class, () -> Slice.apply(x, 1, 2, 4));
      assertThrows(IllegalArgumentException.class, () -> Slice.apply(x, 1, 2, 1));
      assertThrows(IllegalArgumentException.class, () -> Slice.apply(x, 1, 0, 3, 0));
      assertThrows(IllegalArgumentException.class, () -> Slice.apply(x, 2, 0, 1));
    }
  }
}
