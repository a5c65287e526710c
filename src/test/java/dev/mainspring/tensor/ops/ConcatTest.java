package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatTest {
  private final Rand rand = new Rand(61);

  @Test
  void valuesAlongEachAxis() {
    for (int axis = 0; axis < 3; axis++) {
      try (Scope s = Scope.open()) {
        int[] sa = {2, 3, 4};
        int[] sb = {2, 3, 4};
        sb[axis] = 1;
        int[] sc = {2, 3, 4};
        sc[axis] = 2;
        Tensor a = rand.param(sa);
        Tensor b = rand.param(sb);
        Tensor c = rand.param(sc);
        Tensor out = Concat.apply(List.of(a, b, c), axis);
        int[] os = out.shape();
        assertEquals(sa[axis] + 1 + 2, os[axis]);
        double[] got = out.toDoubleArray();
        Tensor[] parts = {a, b, c};
        int o = 0;
        for (int i = 0; i < os[0]; i++) {
          for (int j = 0; j < os[1]; j++) {
            for (int k = 0; k < os[2]; k++) {
              int[] idx = {i, j, k};
              int p = 0;
              while (idx[axis] >= parts[p].dim(axis)) {
                idx[axis] -= parts[p].dim(axis);
                p++;
              }
              int[] ps = parts[p].shape();
              double want = parts[p].toDoubleArray()[(idx[0] * ps[1] + idx[1]) * ps[2] + idx[2]];
              assertEquals(want, got[o++], 0.0);
            }
          }
        }
      }
    }
  }

  @Test
  void gradientsReachEveryInputThatWantsOne() {
    try (Scope s = Scope.open()) {
      Tensor a = rand.param(3, 2, 5);
      Tensor b = rand.param(3, 4, 5);
      GradCheck.check(in -> Concat.apply(List.of(in[0], in[1], in[0]), 1), a, b);
      GradCheck.check(in -> Concat.apply(List.of(in[0], in[1]), -2), a, b);
      Tensor constant = Tensor.of(new double[15], 3, 1, 5);
      Autograd.backward(Concat.apply(List.of(constant, a), 1), rand.param(3, 3, 5));
      assertNull(constant.grad());
      assertTrue(a.grad() != null);
      a.clearGrad();
    }
  }

  @Test
  void integerTensorsConcatenate() {
    try (Scope s = Scope.open()) {
      Tensor a = Tensor.of(new int[] {1, 2, 3, 4}, 2, 2);
      Tensor b = Tensor.of(new int[] {9, 8}, 2, 1);
      assertArrayEquals(new int[] {1, 2, 9, 3, 4, 8}, Concat.apply(List.of(a, b), 1).toIntArray());
    }
  }

  @Test
  void mismatchedShapesAreNamed() {
    try (Scope s = Scope.open()) {
      Tensor a = rand.f32(2, 3);
      Tensor b = rand.f32(3, 3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Concat.apply(List.of(a, b), 1));
      assertTrue(e.getMessage().contains("[3, 3]") && e.getMessage().contains("[2, 3]"),
          e.getMessage());
    }
  }
}
