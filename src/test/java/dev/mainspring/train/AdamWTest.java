package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.nn.Init;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Reduce;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** AdamW against the update written out in double, step by step. */
class AdamWTest {
  /** Gives every parameter exactly the gradient {@code g} (through autodiff of Σ p·g). */
  static void setGradients(List<Parameter> params, List<double[]> grads) {
    try (Scope s = Scope.open()) {
      for (int i = 0; i < params.size(); i++) {
        Parameter p = params.get(i);
        p.zeroGrad();
        Tensor g = Tensor.of(Backends.cpu(), p.value().dtype(), grads.get(i), p.shape());
        Autograd.backward(Reduce.sumAll(Arith.mul(p.value(), g)));
      }
    }
  }

  private static Parameter param(String name, double[] values, int... shape) {
    return Parameter.create(name, (s, r) -> values.clone(),
        RandomSource.XO_RO_SHI_RO_128_PP.create(1), shape);
  }

  @Test
  void matchesHandComputedStepsWithDecoupledDecayAndBiasCorrection() {
    Parameter w = param("w", new double[] {0.5, -1.25, 2.0, 0.0}, 2, 2);
    Parameter b = param("b", new double[] {0.1, -0.3}, 2);
    Map<String, Parameter> named = new LinkedHashMap<>();
    named.put("layer.weight", w);
    named.put("layer.bias", b);
    double lr = 0.01;
    double b1 = 0.8;
    double b2 = 0.95;
    double eps = 1e-6;
    double wd = 0.1;
    AdamW opt = AdamW.builder().lr(lr).betas(b1, b2).eps(eps).weightDecay(wd)
        .decayIf(AdamW.DECAY_MATRICES).build(named);

    double[][] p = {{0.5, -1.25, 2.0, 0.0}, {0.1, -0.3}};
    double[][] m = {new double[4], new double[2]};
    double[][] v = {new double[4], new double[2]};
    double[][][] grads = {
      {{0.3, -0.2, 1.5, 0.0}, {-0.7, 0.05}},
      {{-0.1, 0.4, 0.9, 2.0}, {0.2, 0.0}},
      {{0.0, -3.0, 0.25, -0.5}, {1.0, -1.0}},
      {{1.2, 0.6, -0.8, 0.1}, {-0.4, 0.3}},
    };
    for (int t = 1; t <= grads.length; t++) {
      if (t == 3) {
        opt.setLr(lr / 2); // a schedule changing the rate between steps
      }
      double rate = t >= 3 ? lr / 2 : lr;
      setGradients(List.of(w, b), List.of(grads[t - 1]));
      opt.step();
      for (int k = 0; k < 2; k++) {
        double decay = k == 0 ? wd : 0.0; // biases (rank 1) are not decayed
        for (int i = 0; i < p[k].length; i++) {
          double g = grads[t - 1][k][i];
          p[k][i] *= 1 - rate * decay;
          m[k][i] = b1 * m[k][i] + (1 - b1) * g;
          v[k][i] = b2 * v[k][i] + (1 - b2) * g * g;
          double mHat = m[k][i] / (1 - Math.pow(b1, t));
          double denom = Math.sqrt(v[k][i]) / Math.sqrt(1 - Math.pow(b2, t)) + eps;
          p[k][i] -= rate * mHat / denom;
        }
      }
      double[][] got = {w.value().toDoubleArray(), b.value().toDoubleArray()};
      for (int k = 0; k < 2; k++) {
        for (int i = 0; i < p[k].length; i++) {
          assertEquals(p[k][i], got[k][i], 2e-6 * (1 + Math.abs(p[k][i])),
              "step " + t + " param " + k + "[" + i + "]");
        }
      }
    }
    assertEquals(4, opt.stepCount());
    double[] mw = opt.firstMoments().get("layer.weight").toDoubleArray();
    double[] vb = opt.secondMoments().get("layer.bias").toDoubleArray();
    for (int i = 0; i < 4; i++) {
      assertEquals(m[0][i], mw[i], 1e-6);
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(v[1][i], vb[i], 1e-6);
    }
    opt.release();
    w.release();
    b.release();
  }

  @Test
  void firstStepMovesEachWeightByAboutTheLearningRate() {
    // With bias correction, step 1 is lr·g/(|g| + eps·…) = ±lr for any gradient size.
    Parameter w = param("w", new double[] {1, 1, 1}, 3);
    AdamW opt = AdamW.builder().lr(0.05).weightDecay(0).build(Map.of("w", w));
    setGradients(List.of(w), List.of(new double[] {1e-3, -7.0, 250.0}));
    opt.step();
    double[] got = w.value().toDoubleArray();
    assertEquals(0.95, got[0], 1e-4);
    assertEquals(1.05, got[1], 1e-6);
    assertEquals(0.95, got[2], 1e-6);
    opt.release();
    w.release();
  }

  @Test
  void stepsAllocateNothingAfterTheFirst() {
    Parameter w = Parameter.create("w", Init.normal(1), RandomSource.XO_RO_SHI_RO_128_PP.create(2),
        64, 32);
    AdamW opt = AdamW.builder().build(Map.of("w", w));
    setGradients(List.of(w), List.of(new double[64 * 32]));
    opt.step();
    var before = Backends.cpu().memoryStats();
    for (int i = 0; i < 10; i++) {
      opt.step();
    }
    var after = Backends.cpu().memoryStats();
    assertEquals(before.bytesInUse(), after.bytesInUse());
    assertEquals(before.systemAllocations(), after.systemAllocations());
    opt.release();
    w.release();
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> AdamW.builder().betas(1.0, 0.9).build(Map.of()));
    assertThrows(IllegalArgumentException.class, () -> AdamW.builder().eps(0).build(Map.of()));
  }
}
