package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GumbelSoftmaxTest {
  private final Rand rand = new Rand(91);
  private static final long SEED = 2024;
  private static final long OFFSET = 17;

  /** Rows of length len; row 2 fully masked, the rest ~70% valid with at least one valid entry. */
  private double[] mask(int rows, int len) {
    double[] m = new double[rows * len];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < len; j++) {
        m[r * len + j] = r == 2 ? 0 : (j == r % len || rand.nextDouble() < 0.7 ? 1 : 0);
      }
    }
    return m;
  }

  private static double[] noisyScaled(double[] logits, double tau) {
    double[] z = new double[logits.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = (logits[i] + GumbelSoftmax.noise(SEED, OFFSET, i)) / tau;
    }
    return z;
  }

  @Test
  void hardIsOneHotAtTheNoisyArgmaxOfValidEntries() {
    int rows = 6;
    int len = 9;
    double[] lv = rand.normal(rows * len);
    double[] mv = mask(rows, len);
    double[] z = noisyScaled(lv, 0.7);
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        GumbelSoftmax.Sample smp = GumbelSoftmax.sample(Tensor.of(Backends.cpu(), dt, lv, rows, len),
            Tensor.of(Backends.cpu(), dt, mv, rows, len), 0.7, SEED, OFFSET);
        double[] hard = smp.hard().toDoubleArray();
        double[] soft = smp.soft().toDoubleArray();
        double[] ref = SoftmaxTest.naive(false, z, mv, len);
        for (int r = 0; r < rows; r++) {
          int arg = -1;
          for (int j = 0; j < len; j++) {
            if (mv[r * len + j] != 0 && (arg < 0 || z[r * len + j] > z[r * len + arg])) {
              arg = j;
            }
          }
          double ones = 0;
          for (int j = 0; j < len; j++) {
            int i = r * len + j;
            assertEquals(j == arg ? 1.0 : 0.0, hard[i], 0.0, dt + " row " + r + " entry " + j);
            assertEquals(ref[i], soft[i], dt == DType.F64 ? 1e-14 : 1e-6);
            ones += hard[i];
          }
          assertEquals(r == 2 ? 0.0 : 1.0, ones, 0.0, "one-hot unless the row is fully masked");
        }
      }
    }
  }

  @Test
  void straightThroughGradientEqualsTheComposedSoftmaxGradient() {
    try (Scope s = Scope.open()) {
      int rows = 5;
      int len = 7;
      double tau = 0.45;
      double[] lv = rand.normal(rows * len);
      double[] mv = mask(rows, len);
      double[] gOut = rand.normal(rows * len);
      double[] noise = new double[lv.length];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = GumbelSoftmax.noise(SEED, OFFSET, i);
      }
      Tensor mask = Tensor.of(mv, rows, len);
      Tensor logits = rand.param(rows, len);
      Tensor seed = Tensor.of(gOut, rows, len);
      Autograd.backward(GumbelSoftmax.sample(logits, mask, tau, SEED, OFFSET).hard(), seed);
      double[] viaHard = logits.grad().toDoubleArray();
      logits.clearGrad();
      Tensor z = Arith.scale(Arith.add(logits, Tensor.of(noise, rows, len)), 1 / tau);
      Autograd.backward(Softmax.softmax(z, mask), seed);
      double[] composed = logits.grad().toDoubleArray();
      logits.clearGrad();
      assertArrayEquals(composed, viaHard, 1e-12);
      for (int i = 0; i < mv.length; i++) {
        if (mv[i] == 0) {
          assertEquals(0, Double.compare(0.0, viaHard[i]), "masked gradient " + i);
        }
      }
    }
  }

  @Test
  void softSampleGradientCheckAndSummedOutputs() {
    try (Scope s = Scope.open()) {
      Tensor mask = Tensor.of(mask(4, 5), 4, 5);
      Tensor logits = rand.param(4, 5);
      GradCheck.check(in -> GumbelSoftmax.sample(in[0], mask, 0.8, SEED, OFFSET).soft(), logits);
      GradCheck.check(in -> GumbelSoftmax.deterministic(in[0], null, 2.0).soft(), logits);
      // Gradients reaching both outputs add up before the soft Jacobian.
      Tensor g1 = rand.param(4, 5);
      Tensor g2 = rand.param(4, 5);
      GumbelSoftmax.Sample smp = GumbelSoftmax.sample(logits, mask, 0.8, SEED, OFFSET);
      Tensor loss = Reduce.sumAll(Arith.add(Arith.mul(smp.hard(), g1), Arith.mul(smp.soft(), g2)));
      Autograd.backward(loss);
      double[] both = logits.grad().toDoubleArray();
      logits.clearGrad();
      Autograd.backward(GumbelSoftmax.sample(logits, mask, 0.8, SEED, OFFSET).soft(),
          Arith.add(g1, g2));
      assertArrayEquals(logits.grad().toDoubleArray(), both, 1e-14);
      logits.clearGrad();
    }
  }

  @Test
  void deterministicModeIsTheArgmaxOfTheLogits() {
    try (Scope s = Scope.open()) {
      double[] lv = {0.1, 2.0, -1.0, 3.0, /* row 2 */ 5.0, 1.0, 4.0, 4.5};
      double[] mv = {1, 1, 1, 0, /* row 2 */ 0, 1, 1, 1};
      GumbelSoftmax.Sample smp = GumbelSoftmax.deterministic(Tensor.of(lv, 2, 4),
          Tensor.of(mv, 2, 4), 1.5);
      assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 0, 1}, smp.hard().toDoubleArray(), 0.0);
      double[] scaled = new double[lv.length];
      for (int i = 0; i < lv.length; i++) {
        scaled[i] = lv[i] / 1.5;
      }
      assertArrayEquals(SoftmaxTest.naive(false, scaled, mv, 4), smp.soft().toDoubleArray(), 1e-15);
    }
  }

  @Test
  void argmaxFrequenciesFollowSoftmaxOfLogitsAtAnyTemperature() {
    // Gumbel-max: argmax(logits + g) ~ Categorical(softmax(logits)), whatever τ scales it by.
    double[] logits = {0.5, -1.0, 1.2, 0.0, -0.3};
    double[] p = SoftmaxTest.naive(false, logits, null, 5);
    int rows = 20_000;
    double[] lv = new double[rows * 5];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(logits, 0, lv, r * 5, 5);
    }
    float[] previous = null;
    for (double tau : new double[] {0.1, 1.0, 5.0}) {
      try (Scope s = Scope.open()) {
        Tensor hard = GumbelSoftmax.sample(Tensor.of(Backends.cpu(), DType.F32, lv, rows, 5), null,
            tau, 77, 0).hard();
        float[] h = hard.toFloatArray();
        if (previous != null) {
          assertArrayEquals(previous, h, 0f, "the hard sample does not depend on τ");
        }
        previous = h;
        double[] counts = new double[5];
        for (int i = 0; i < h.length; i++) {
          counts[i % 5] += h[i];
        }
        for (int k = 0; k < 5; k++) {
          double se = Math.sqrt(rows * p[k] * (1 - p[k]));
          assertEquals(rows * p[k], counts[k], 4.5 * se, "category " + k + " at τ=" + tau);
        }
      }
    }
  }

  @Test
  void paddingIsNeverRead() {
    for (DType dt : new DType[] {DType.F64, DType.F32}) {
      try (Scope s = Scope.open()) {
        double[] lv = rand.normal(4 * 6);
        double[] mv = mask(4, 6);
        double[] poisoned = lv.clone();
        for (int i = 0; i < mv.length; i++) {
          if (mv[i] == 0) {
            poisoned[i] = i % 2 == 0 ? Double.NaN : 1e30;
          }
        }
        Tensor m = Tensor.of(Backends.cpu(), dt, mv, 4, 6);
        GumbelSoftmax.Sample clean = GumbelSoftmax.sample(Tensor.of(Backends.cpu(), dt, lv, 4, 6), m,
            0.3, SEED, OFFSET);
        GumbelSoftmax.Sample dirty = GumbelSoftmax.sample(
            Tensor.of(Backends.cpu(), dt, poisoned, 4, 6), m, 0.3, SEED, OFFSET);
        assertArrayEquals(clean.hard().toDoubleArray(), dirty.hard().toDoubleArray(), 0.0);
        assertArrayEquals(clean.soft().toDoubleArray(), dirty.soft().toDoubleArray(), 0.0);
      }
    }
  }

  @Test
  void temperatureMustBePositive() {
    try (Scope s = Scope.open()) {
      Tensor l = rand.f32(2, 3);
      assertThrows(IllegalArgumentException.class, () -> GumbelSoftmax.sample(l, null, 0, 1, 1));
      assertThrows(IllegalArgumentException.class,
          () -> GumbelSoftmax.deterministic(l, null, Double.NaN));
    }
  }
}
