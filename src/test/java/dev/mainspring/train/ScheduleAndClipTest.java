package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.nn.Parameter;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ScheduleAndClipTest {
  @Test
  void cosineWithoutWarmupIsTorchsCosineAnnealingLR() {
    // CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001): lr after t scheduler steps
    // (values from torch's closed form, computed separately; past T_max it is periodic).
    CosineSchedule s = new CosineSchedule(0.1, 10, 0, 0.001);
    assertEquals(0.1, s.lr(0), 1e-15);
    assertEquals(0.09757729755661011, s.lr(1), 1e-15);
    assertEquals(0.07959536998847742, s.lr(3), 1e-15);
    assertEquals(0.0505, s.lr(5), 1e-15);
    assertEquals(0.021404630011522586, s.lr(7), 1e-15);
    assertEquals(0.001, s.lr(10), 1e-15);
    assertEquals(0.021404630011522575, s.lr(13), 1e-15);
  }

  @Test
  void linearWarmupThenCosine() {
    CosineSchedule s = new CosineSchedule(3e-4, 1000, 100, 0.0);
    assertEquals(3e-6, s.lr(0), 1e-18); // first step: 1/W of the peak
    assertEquals(1.5e-4, s.lr(49), 1e-18);
    assertEquals(3e-4, s.lr(99), 1e-18); // warm-up ends at the peak
    assertEquals(3e-4, s.lr(100), 1e-18); // and the cosine starts there
    assertEquals(1.5e-4, s.lr(550), 1e-15);
    assertEquals(9.138513314410623e-10, s.lr(999), 1e-20);
    assertEquals(0.0, s.lr(1000), 1e-20);
    assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(1, 10, 10, 0));
  }

  private static Parameter param(double... values) {
    return Parameter.create("p", (s, r) -> values.clone(),
        RandomSource.XO_RO_SHI_RO_128_PP.create(1), values.length);
  }

  @Test
  void clippingScalesAllGradientsByTheGlobalNorm() {
    Parameter a = param(0, 0, 0);
    Parameter b = param(0, 0);
    Parameter untouched = param(1); // never gets a gradient
    double[] ga = {3, 0, -4};
    double[] gb = {12, 0};
    AdamWTest.setGradients(List.of(a, b), List.of(ga, gb));
    GradClip.Result r = GradClip.clipGlobalNorm(List.of(a, b, untouched), 6.5);
    assertEquals(13.0, r.norm(), 1e-12); // √(9 + 16 + 144)
    assertTrue(r.finite());
    assertTrue(r.clipped());
    double f = 6.5 / (13.0 + 1e-6);
    assertEquals(f, r.factor(), 1e-15);
    assertArrayEquals(new double[] {3 * f, 0, -4 * f}, a.grad().toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {12 * f, 0}, b.grad().toDoubleArray(), 1e-6);

    // Under the threshold nothing changes, and the norm is still reported.
    AdamWTest.setGradients(List.of(a, b), List.of(ga, gb));
    GradClip.Result under = GradClip.clipGlobalNorm(List.of(a, b), 100);
    assertEquals(13.0, under.norm(), 1e-12);
    assertFalse(under.clipped());
    assertArrayEquals(gb, b.grad().toDoubleArray(), 0.0);
    a.release();
    b.release();
    untouched.release();
  }

  @Test
  void nonFiniteNormIsReportedAndGradientsAreLeftAlone() {
    Parameter a = param(0, 0);
    AdamWTest.setGradients(List.of(a), List.of(new double[] {Double.POSITIVE_INFINITY, 1}));
    GradClip.Result r = GradClip.clipGlobalNorm(List.of(a), 1.0);
    assertFalse(r.finite());
    assertEquals(1.0, a.grad().toDoubleArray()[1], 0.0);
    a.release();
  }
}
