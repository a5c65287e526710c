package dev.mainspring.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.Reduce;
import org.junit.jupiter.api.Test;

class AutogradTest {
  private final Rand rand = new Rand(99);

  @Test
  void leafGradientsAccumulateAcrossBackwardCalls() {
    Tensor w = Tensor.of(new double[] {2.0}, 1).requiresGrad(true);
    try (Scope s = Scope.open()) {
      Autograd.backward(Arith.mul(w, w)); // d(w²)/dw = 4
      Autograd.backward(Arith.scale(w, 3)); // + 3
    }
    assertEquals(7.0, w.grad().item(), 1e-15);
    w.release();
  }

  @Test
  void noGradRecordsNothing() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3);
      try (Tape.NoGrad ng = Tape.noGrad()) {
        Tensor y = Elementwise.exp(x);
        assertTrue(!y.requiresGrad());
        assertEquals(0, Tape.size());
      }
    }
  }

  @Test
  void scopeReleasesEverythingItAllocated() {
    var backend = Backends.cpu();
    long before = backend.memoryStats().bytesInUse();
    try (Scope s = Scope.open()) {
      Tensor a = rand.param(64, 64);
      Tensor b = rand.param(64, 64);
      Tensor loss = Reduce.sumAll(Elementwise.tanh(MatMul.apply(a, b)));
      Autograd.backward(loss);
      assertTrue(backend.memoryStats().bytesInUse() > before);
      a.clearGrad();
      b.clearGrad();
    }
    assertEquals(before, backend.memoryStats().bytesInUse());
    assertEquals(0, Tape.size());
  }

  @Test
  void keptTensorSurvivesItsScope() {
    Tensor kept;
    try (Scope outer = Scope.open()) {
      try (Scope inner = Scope.open()) {
        kept = inner.keep(Tensor.of(new double[] {1, 2, 3}, 3));
      }
      assertEquals(6.0, Reduce.sumAll(kept).item(), 0.0);
    }
    assertTrue(kept.storage().isReleased());
  }

  @Test
  void useAfterReleaseIsAClearError() {
    Tensor t;
    try (Scope s = Scope.open()) {
      t = Tensor.of(new double[] {1}, 1);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, t::item);
    assertTrue(e.getMessage().contains("released"), e.getMessage());
  }

  @Test
  void compositeFunctionGradient() {
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(4, 6);
      Tensor w = rand.param(6, 3);
      Tensor b = rand.param(3);
      GradCheck.check(in -> Reduce.mean(Elementwise.gelu(
          Arith.add(MatMul.apply(in[0], in[1]), in[2])), 0, false), x, w, b);
    }
  }

  @Test
  void backwardWithoutGradientIsExplained() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(new double[] {1, 2}, 2);
      assertThrows(IllegalStateException.class, () -> Autograd.backward(Reduce.sumAll(x)));
      assertNull(x.grad());
    }
  }
}
