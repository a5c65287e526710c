package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReduceTest {
  private final Rand rand = new Rand(3);

  @Test
  void valuesAlongEachAxis() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3, 4, 5);
      double[] v = x.toDoubleArray();
      for (int axis = 0; axis < 3; axis++) {
        double[] sum = Reduce.sum(x, axis, false).toDoubleArray();
        double[] mean = Reduce.mean(x, axis, true).toDoubleArray();
        double[] max = Reduce.max(x, axis, false).toDoubleArray();
        int[] dims = {3, 4, 5};
        int o = 0;
        for (int i = 0; i < 3; i++) {
          for (int j = 0; j < 4; j++) {
            for (int k = 0; k < 5; k++) {
              int[] idx = {i, j, k};
              if (idx[axis] != 0) {
                continue;
              }
              double t = 0;
              double m = Double.NEGATIVE_INFINITY;
              for (int r = 0; r < dims[axis]; r++) {
                idx[axis] = r;
                double val = v[(idx[0] * 4 + idx[1]) * 5 + idx[2]];
                t += val;
                m = Math.max(m, val);
              }
              assertEquals(t, sum[o], 1e-12);
              assertEquals(t / dims[axis], mean[o], 1e-12);
              assertEquals(m, max[o], 0.0);
              o++;
            }
          }
        }
      }
    }
  }

  @Test
  void gradients() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3, 4, 5);
      for (int axis = 0; axis < 3; axis++) {
        int ax = axis;
        GradCheck.check(in -> Reduce.sum(in[0], ax, false), x);
        GradCheck.check(in -> Reduce.mean(in[0], ax, true), x);
        GradCheck.check(in -> Reduce.max(in[0], ax, false), x);
      }
      GradCheck.check(in -> Reduce.sumAll(in[0]), x);
    }
  }

  @Test
  void maxGradientGoesToTheFirstMaximumOnly() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(new double[] {1, 3, 3, 2}, 4).requiresGrad(true);
      dev.mainspring.tensor.Autograd.backward(Reduce.max(x.reshape(1, 4), 1, false).reshape(1));
      assertArrayEquals(new double[] {0, 1, 0, 0}, x.grad().toDoubleArray());
      x.clearGrad();
    }
  }
}
