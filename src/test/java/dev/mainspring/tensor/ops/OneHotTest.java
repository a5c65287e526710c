package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OneHotTest {
  @Test
  void encodesIndicesAndLeavesPaddingRowsZero() {
    try (Scope s = Scope.open()) {
      Tensor out = OneHot.apply(Tensor.of(new int[] {2, 0, -1, 1}, 2, 2), 3, DType.F32);
      assertArrayEquals(new int[] {2, 2, 3}, out.shape());
      assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0}, out.toFloatArray(), 0f);
      assertArrayEquals(new double[] {0, 1}, OneHot.apply(Tensor.of(new int[] {1}, 1), 2, DType.F64)
          .toDoubleArray(), 0.0);
    }
  }

  @Test
  void outOfRangeClassesAreRefused() {
    try (Scope s = Scope.open()) {
      assertThrows(IllegalArgumentException.class,
          () -> OneHot.apply(Tensor.of(new int[] {0, 3}, 2), 3, DType.F32));
      assertThrows(IllegalArgumentException.class,
          () -> OneHot.apply(Tensor.of(new int[] {-2}, 1), 3, DType.F32));
      assertThrows(IllegalArgumentException.class,
          () -> OneHot.apply(Tensor.of(new int[] {0}, 1), 3, DType.I32));
    }
  }
}
