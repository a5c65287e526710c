package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MinMaxTest {
  private final Rand rand = new Rand(141);

  @Test
  void broadcastValuesMatchNaive() {
    try (Scope s = Scope.open()) {
      double[] av = rand.normal(3 * 4);
      double[] bv = rand.normal(2 * 1 * 4);
      Tensor a = Tensor.of(Backends.cpu(), DType.F32, av, 3, 4);
      Tensor b = Tensor.of(Backends.cpu(), DType.F32, bv, 2, 1, 4);
      float[] mx = MinMax.maximum(a, b).toFloatArray();
      float[] mn = MinMax.minimum(a, b).toFloatArray();
      for (int i = 0; i < 2; i++) {
        for (int r = 0; r < 3; r++) {
          for (int j = 0; j < 4; j++) {
            float x = (float) av[r * 4 + j];
            float y = (float) bv[i * 4 + j];
            assertEquals(Math.max(x, y), mx[(i * 3 + r) * 4 + j], 0f);
            assertEquals(Math.min(x, y), mn[(i * 3 + r) * 4 + j], 0f);
          }
        }
      }
    }
  }

  @Test
  void gradientGoesToTheChosenOperandAndTiesToTheFirst() {
    try (Scope s = Scope.open()) {
      Tensor a = rand.param(2, 3, 4);
      Tensor b = rand.param(3, 1);
      GradCheck.check(in -> MinMax.maximum(in[0], in[1]), a, b);
      GradCheck.check(in -> MinMax.minimum(in[0], in[1]), a, b);
      Tensor x = Tensor.of(new double[] {1, 5, 2}, 3).requiresGrad(true);
      Tensor y = Tensor.of(new double[] {1, 4, 3}, 3).requiresGrad(true);
      Autograd.backward(Reduce.sumAll(MinMax.maximum(x, y)));
      assertArrayEquals(new double[] {1, 1, 0}, x.grad().toDoubleArray(), 0.0);
      assertArrayEquals(new double[] {0, 0, 1}, y.grad().toDoubleArray(), 0.0);
      x.clearGrad();
      y.clearGrad();
    }
  }
}
