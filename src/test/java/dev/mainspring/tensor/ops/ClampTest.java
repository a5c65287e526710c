package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClampTest {
  private final Rand rand = new Rand(131);

  @Test
  void valuesAndPassThroughGradientInsideTheBounds() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(new double[] {-3, -1, 0.5, 1, 2.5}, 5).requiresGrad(true);
      Tensor y = Clamp.apply(x, -1, 2);
      assertArrayEquals(new double[] {-1, -1, 0.5, 1, 2}, y.toDoubleArray(), 0.0);
      Autograd.backward(Reduce.sumAll(y));
      // Bounds included, as PyTorch: x = −1 sits on the lower bound and passes the gradient.
      assertArrayEquals(new double[] {0, 1, 1, 1, 0}, x.grad().toDoubleArray(), 0.0);
      x.clearGrad();
      Tensor z = rand.param(4, 6);
      GradCheck.check(in -> Clamp.apply(in[0], -0.73, 0.81), z);
      GradCheck.check(in -> Clamp.apply(in[0], Double.NEGATIVE_INFINITY, 0.2), z);
    }
  }

  @Test
  void invertedBoundsAreRefused() {
    try (Scope s = Scope.open()) {
      assertThrows(IllegalArgumentException.class, () -> Clamp.apply(rand.f32(2), 1, 0));
    }
  }
}
