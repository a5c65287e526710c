package dev.mainspring.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FTest {
  private final Rand rand = new Rand(151);

  @Test
  void aSmallMaskedModelWrittenWithTheFacadeIsDifferentiable() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(2, 3, 4);
      Tensor w = rand.param(4, 5);
      Tensor b = rand.param(5);
      Tensor gamma = rand.param(5);
      Tensor beta = rand.param(5);
      Tensor mask = Tensor.of(new double[] {1, 0, 1, 1, 1, 0}, 2, 3, 1);
      Tensor idx = Tensor.of(new int[] {0, 2, 1, 1}, 4);
      GradCheck.check(in -> {
        Tensor h = F.layerNorm(F.gelu(F.add(F.matmul(in[0], in[1]), in[2])), in[3], in[4], 1e-5);
        Tensor p = F.logSoftmax(F.transpose(h, 1, 2), F.permute(mask, 0, 2, 1));
        Tensor rows = F.indexSelect(F.reshape(F.slice(p, 1, 1, 5, 2), 4, 3), idx);
        return F.concat(List.of(F.sum(rows, 0, true), F.clamp(F.neg(rows), -1, 1)), 0);
      }, x, w, b, gamma, beta);
    }
  }

  @Test
  void delegatesToTheOps() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3, 4);
      assertArrayEquals(dev.mainspring.tensor.ops.Softmax.softmax(x).toDoubleArray(),
          F.softmax(x).toDoubleArray(), 0.0);
      assertArrayEquals(dev.mainspring.tensor.ops.Elementwise.softplus(x).toDoubleArray(),
          F.softplus(x).toDoubleArray(), 0.0);
    }
  }
}
