package dev.mainspring.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.ElementwiseMath;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Reduce;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class NnTest {
  private static UniformRandomProvider rng(long seed) {
    return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
  }

  @Test
  void linearComputesXTimesWPlusB() {
    Linear lin = new Linear(5, 3, rng(1));
    double[] w = lin.weight().value().toDoubleArray();
    double[] b = lin.bias().value().toDoubleArray();
    try (Scope s = Scope.open()) {
      Tensor x = new Rand(2).f32(2, 4, 5);
      double[] xv = x.toDoubleArray();
      Tensor y = lin.forward(x);
      assertArrayEquals(new int[] {2, 4, 3}, y.shape());
      double[] yv = y.toDoubleArray();
      for (int r = 0; r < 8; r++) {
        for (int j = 0; j < 3; j++) {
          double want = b[j];
          for (int p = 0; p < 5; p++) {
            want += xv[r * 5 + p] * w[p * 3 + j];
          }
          assertEquals(want, yv[r * 3 + j], 1e-5);
        }
      }
      // a single vector in, a single vector out
      Tensor one = lin.forward(x.view(8, 5).rows(0, 1).view(5));
      assertArrayEquals(new int[] {3}, one.shape());
      assertEquals(yv[2], one.toDoubleArray()[2], 1e-6);
    }
    lin.release();
  }

  @Test
  void linearInitialisationIsPyTorchsAndSeeded() {
    int in = 64;
    Linear lin = new Linear(in, 300, rng(7));
    double bound = 1 / Math.sqrt(in);
    double[] w = lin.weight().value().toDoubleArray();
    double sum = 0;
    double sq = 0;
    for (double x : w) {
      assertTrue(Math.abs(x) <= bound, "weight " + x + " outside ±" + bound);
      sum += x;
      sq += x * x;
    }
    // Uniform(-b, b): mean 0, variance b²/3; allow 5 standard errors.
    int n = w.length;
    double var = bound * bound / 3;
    assertEquals(0, sum / n, 5 * Math.sqrt(var / n));
    assertEquals(var, sq / n, 5 * Math.sqrt((bound * bound * bound * bound / 5 - var * var) / n));
    for (double x : lin.bias().value().toDoubleArray()) {
      assertTrue(Math.abs(x) <= bound);
    }
    Linear same = new Linear(in, 300, rng(7));
    Linear other = new Linear(in, 300, rng(8));
    assertArrayEquals(w, same.weight().value().toDoubleArray());
    assertFalse(java.util.Arrays.equals(w, other.weight().value().toDoubleArray()));
    lin.release();
    same.release();
    other.release();
  }

  /** A module with a nested child and its own parameter, to check naming. */
  static final class Block extends Module {
    final Mlp mlp;
    final Parameter scale;

    Block(UniformRandomProvider rng) {
      this.scale = register(Parameter.create("scale", Init.ones(), rng, 3));
      this.mlp = register("mlp", new Mlp(rng, 4, 8, 3));
    }
  }

  @Test
  void parametersAreNamedByTheirPathInRegistrationOrder() {
    Block b = new Block(rng(3));
    assertEquals(List.of("scale", "mlp.0.weight", "mlp.0.bias", "mlp.1.weight", "mlp.1.bias"),
        List.copyOf(b.namedParameters().keySet()));
    assertEquals(3 + 4 * 8 + 8 + 8 * 3 + 3, b.numParameters());
    assertSame(b.scale, b.parameters().get(0));
    assertThrows(IllegalArgumentException.class,
        () -> b.register(Parameter.create("scale", Init.zeros(), rng(1), 1)));
    assertThrows(IllegalArgumentException.class, () -> b.register("a.b", new Mlp(rng(1), 1, 1)));
    b.release();
  }

  @Test
  void mlpIsLinearGeluLinear() {
    Mlp mlp = new Mlp(rng(4), 3, 6, 2);
    Linear l0 = mlp.layers().get(0);
    Linear l1 = mlp.layers().get(1);
    try (Scope s = Scope.open()) {
      Tensor x = new Rand(5).f32(7, 3);
      double[] want = l1.forward(Elementwise.gelu(l0.forward(x))).toDoubleArray();
      double[] got = mlp.forward(x).toDoubleArray();
      assertArrayEquals(want, got, 0.0);
      // and GELU really sits between them
      double[] h = l0.forward(x).toDoubleArray();
      double[] g = Elementwise.gelu(l0.forward(x)).toDoubleArray();
      assertEquals(ElementwiseMath.apply(Elementwise.Fn.GELU, h[0]), g[0], 1e-6);
    }
    mlp.release();
  }

  @Test
  void parametersOutliveScopesAndGradientsAccumulateAndZeroInPlace() {
    Linear lin;
    try (Scope s = Scope.open()) {
      lin = new Linear(3, 2, rng(9));
    }
    Tensor x;
    double[] xv = {1, 2, 3, -1, 0.5, 4};
    try (Scope s = Scope.open()) {
      x = Tensor.of(new float[] {1, 2, 3, -1, 0.5f, 4}, 2, 3);
      Autograd.backward(Reduce.sumAll(lin.forward(x)));
    }
    // d(Σ y)/dW[p, j] = Σ_r x[r, p]; d/db[j] = rows
    double[] gw = lin.weight().grad().toDoubleArray();
    for (int p = 0; p < 3; p++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(xv[p] + xv[3 + p], gw[p * 2 + j], 1e-6);
      }
    }
    assertArrayEquals(new double[] {2, 2}, lin.bias().grad().toDoubleArray(), 0.0);
    Tensor gradTensor = lin.weight().grad();
    lin.zeroGrad();
    assertSame(gradTensor, lin.weight().grad(), "zeroGrad keeps the gradient's memory");
    assertArrayEquals(new double[6], lin.weight().grad().toDoubleArray(), 0.0);
    lin.release();
  }
}
