package dev.mainspring.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorExpTest {
  private static float[] expOf(float[] x) {
    float[] y = new float[x.length];
    int l = FloatVector.SPECIES_PREFERRED.length();
    for (int i = 0; i < x.length; i += l) {
      VectorExp.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i)).intoArray(y, i);
    }
    return y;
  }

  @Test
  void withinTwoUlpsOfMathExpOverTheWholeRange() {
    assumeTrue(VectorSupport.available());
    int l = FloatVector.SPECIES_PREFERRED.length();
    float[] x = new float[l * 4096];
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rng.nextDouble() * 175 - 87);
    }
    float[] y = expOf(x);
    for (int i = 0; i < x.length; i++) {
      float ref = (float) Math.exp(x[i]);
      assertTrue(Math.abs(y[i] - ref) <= 2 * Math.ulp(ref), "exp(" + x[i] + ") = " + y[i] + " vs " + ref);
    }
  }

  @Test
  void edgesUnderflowOverflowAndNan() {
    assumeTrue(VectorSupport.available());
    int l = FloatVector.SPECIES_PREFERRED.length();
    float[] x = new float[l];
    float[] probe = {0f, Float.NEGATIVE_INFINITY, -100f, 100f, Float.POSITIVE_INFINITY, Float.NaN, 88.3f, -87.3f};
    for (int i = 0; i < l; i++) {
      x[i] = probe[i % probe.length];
    }
    float[] y = expOf(x);
    for (int i = 0; i < l; i++) {
      float ref = (float) Math.exp(x[i]);
      if (x[i] < -87.34f) {
        // Subnormal results are flushed to zero by design (softmax weights that small are zero).
        assertEquals(0f, y[i], "exp(" + x[i] + ")");
        assertTrue(ref < Float.MIN_NORMAL);
      } else if (Float.isNaN(ref) || Float.isInfinite(ref)) {
        assertEquals(ref, y[i], "exp(" + x[i] + ")");
      } else {
        assertTrue(Math.abs(y[i] - ref) <= 2 * Math.ulp(ref), "exp(" + x[i] + ") = " + y[i] + " vs " + ref);
      }
    }
  }

  @Test
  void lanesSumInLaneOrder() {
    assumeTrue(VectorSupport.available());
    int l = FloatVector.SPECIES_PREFERRED.length();
    float[] v = new float[l];
    float expected = 0f;
    for (int i = 0; i < l; i++) {
      v[i] = (i % 2 == 0 ? 1e8f : 1f) / (i + 1);
      expected += v[i];
    }
    assertEquals(expected, VectorExp.sumLanes(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, v, 0)));
  }
}
