package dev.mainspring.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both implementations behind the F32 fast paths against double-precision references. */
class FloatMathTest {
  private static final FloatMath.Impl[] IMPLS = {new FloatMath.Scalar(), FloatMath.IMPL};

  @Test
  void reductionsAndTranscendentalsMatchDoubleReferences() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (FloatMath.Impl fm : IMPLS) {
      for (int n : new int[] {1, 7, 16, 33, 100}) { // below, at and past vector lengths, with tails
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = (float) rnd.nextDouble(-5, 5);
          b[i] = (float) rnd.nextDouble(-5, 5);
        }
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double dot = 0;
        double ssd = 0;
        for (int i = 0; i < n; i++) {
          max = Math.max(max, a[i]);
          sum += a[i];
          dot += (double) a[i] * b[i];
          ssd += (a[i] - 0.25) * (a[i] - 0.25);
        }
        String what = fm.getClass().getSimpleName() + " n=" + n;
        assertEquals(max, fm.max(a, n), 0.0, what);
        assertEquals(sum, fm.sum(a, n), 1e-5 * (1 + Math.abs(sum)), what);
        assertEquals(dot, fm.dot(a, b, n), 1e-5 * (1 + Math.abs(dot)), what);
        assertEquals(ssd, fm.sumSquaredDeviation(a, n, 0.25f), 1e-5 * (1 + ssd), what);
        float[] e = a.clone();
        fm.expShifted(e, n, 1.5f);
        float[] u = new float[n];
        for (int i = 0; i < n; i++) {
          u[i] = (float) rnd.nextDouble(1e-7, 1 - 1e-7);
        }
        float[] gum = u.clone();
        fm.gumbel(gum, n);
        for (int i = 0; i < n; i++) {
          assertEquals(Math.exp(a[i] - 1.5), e[i], 1e-6 * Math.exp(a[i] - 1.5), what);
          double g = -Math.log(-Math.log(u[i]));
          assertEquals(g, gum[i], 2e-6 * (1 + Math.abs(g)), what + " u=" + u[i]);
        }
      }
      float[] inf = {Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY};
      fm.expShifted(inf, 3, 0f);
      assertEquals(0f, inf[0], 0f);
      assertEquals(1f, inf[1], 1e-7f);
    }
  }
}
