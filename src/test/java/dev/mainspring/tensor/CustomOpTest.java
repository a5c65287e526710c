package dev.mainspring.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.backend.cpu.CpuBuf;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.Reduce;
import org.junit.jupiter.api.Test;

class CustomOpTest {
  /** The README's example, verbatim: y = x · σ(β·x), a scaled swish. */
  static CustomOp scaledSwish(double beta) {
    return CustomOp.define("scaled-swish")
        .forward((in, out) -> {
          CpuBuf x = CpuBuf.of(in[0]);
          CpuBuf y = CpuBuf.of(out);
          for (long i = 0; i < x.size(); i++) {
            double v = x.get(i);
            y.set(i, v / (1 + Math.exp(-beta * v)));
          }
        })
        .backward((in, out, gradOut, gradIn) -> {
          CpuBuf x = CpuBuf.of(in[0]);
          CpuBuf g = CpuBuf.of(gradOut);
          CpuBuf gx = CpuBuf.of(gradIn[0]);
          for (long i = 0; i < x.size(); i++) {
            double v = x.get(i);
            double s = 1 / (1 + Math.exp(-beta * v));
            gx.set(i, g.get(i) * (s + beta * v * s * (1 - s)));
          }
        });
  }

  private final Rand rand = new Rand(17);

  @Test
  void readmeExampleComputesScaledSwishAndPassesItsGradientCheck() {
    CustomOp swish = scaledSwish(1.5);
    try (Scope s = Scope.open()) {
      Tensor x = rand.f32(3, 5);
      double[] xv = x.toDoubleArray();
      double[] y = swish.apply(x).toDoubleArray();
      for (int i = 0; i < xv.length; i++) {
        assertEquals(xv[i] / (1 + Math.exp(-1.5 * xv[i])), y[i], 1e-6);
      }
      GradCheck.Result r = swish.gradCheck(rand.param(4, 7));
      assertTrue(r.ok() && r.entriesChecked() == 28);
    }
  }

  @Test
  void aWrongBackwardIsCaught() {
    double beta = 1.5;
    CustomOp wrong = scaledSwish(beta).backward((in, out, gradOut, gradIn) -> {
      CpuBuf x = CpuBuf.of(in[0]);
      CpuBuf g = CpuBuf.of(gradOut);
      CpuBuf gx = CpuBuf.of(gradIn[0]);
      for (long i = 0; i < x.size(); i++) {
        double v = x.get(i);
        double s = 1 / (1 + Math.exp(-beta * v));
        gx.set(i, g.get(i) * (s + v * s * (1 - s))); // forgot the β of the chain rule
      }
    });
    try (Scope s = Scope.open()) {
      AssertionError e = assertThrows(AssertionError.class, () -> wrong.gradCheck(rand.param(6)));
      assertTrue(e.getMessage().contains("gradient check failed"), e.getMessage());
    }
  }

  @Test
  void worksInsideLargerGraphsWithSeveralInputs() {
    // out = a ⊙ b masked by m (m is data, not differentiated)
    CustomOp maskedProduct = CustomOp.define("masked-product")
        .forward((in, out) -> {
          CpuBuf a = CpuBuf.of(in[0]);
          CpuBuf b = CpuBuf.of(in[1]);
          CpuBuf m = CpuBuf.of(in[2]);
          CpuBuf o = CpuBuf.of(out);
          for (long i = 0; i < o.size(); i++) {
            o.set(i, m.get(i) != 0 ? a.get(i) * b.get(i) : 0.0);
          }
        })
        .backward((in, out, gradOut, gradIn) -> {
          assertNull(gradIn[2], "the mask needs no gradient");
          CpuBuf a = CpuBuf.of(in[0]);
          CpuBuf b = CpuBuf.of(in[1]);
          CpuBuf m = CpuBuf.of(in[2]);
          CpuBuf g = CpuBuf.of(gradOut);
          for (long i = 0; i < g.size(); i++) {
            if (m.get(i) != 0) {
              CpuBuf.of(gradIn[0]).set(i, g.get(i) * b.get(i));
              CpuBuf.of(gradIn[1]).set(i, g.get(i) * a.get(i));
            }
          }
        });
    try (Scope s = Scope.open()) {
      Tensor a = rand.param(3, 4);
      Tensor b = rand.param(3, 4);
      Tensor w = rand.param(4, 2);
      Tensor mask = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0}, 3, 4);
      GradCheck.check(in -> Reduce.sum(Elementwise.tanh(MatMul.apply(
          maskedProduct.apply(in[0], Elementwise.sigmoid(in[1]), mask), in[2])), 0, false), a, b, w);
      // padded entries get exactly zero gradient
      Autograd.backward(Reduce.sumAll(maskedProduct.apply(a, b, mask)));
      double[] ga = a.grad().toDoubleArray();
      assertEquals(0.0, ga[1], 0.0);
      assertEquals(0.0, ga[11], 0.0);
    }
  }

  @Test
  void missingKernelsAreClearErrors() {
    CustomOp op = CustomOp.define("half").forward((in, out) -> {
      CpuBuf x = CpuBuf.of(in[0]);
      CpuBuf y = CpuBuf.of(out);
      for (long i = 0; i < x.size(); i++) {
        y.set(i, x.get(i) / 2);
      }
    }).outputShape(shapes -> shapes[0]);
    try (Scope s = Scope.open()) {
      Tensor x = rand.param(3);
      Tensor y = op.apply(x);
      assertEquals(x.toDoubleArray()[2] / 2, y.toDoubleArray()[2], 1e-15);
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Autograd.backward(Reduce.sumAll(op.apply(x))));
      assertTrue(e.getMessage().contains("no backward kernel"), e.getMessage());
    }
    assertTrue(CustomOp.define("x").kernels("cuda", null, null).toString().contains("cuda"));
  }
}
