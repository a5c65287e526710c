package dev.mainspring.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SbcRanksTest {
  @Test
  void ranksCountDrawsBelowTheTruth() {
    SbcRanks s = new SbcRanks(new int[] {0, 1}, 3);
    // Grid of two times; three draws.
    s.add(new float[] {2f, 0f}, new double[][] {{1, 1}, {3, 2}, {1.5, 3}});
    assertArrayEquals(new long[] {0, 0, 1, 0}, s.rankCounts()[0], "1 and 1.5 are below 2");
    assertArrayEquals(new long[] {1, 0, 0, 0}, s.rankCounts()[1], "nothing below 0");
    assertArrayEquals(new long[] {0, 1}, s.binned(0, 2));
  }

  @Test
  void calibratedPosteriorGivesUniformRanksAndNarrowOneAUShape() {
    // Truth ~ N(0,1); calibrated posterior = the prior itself; overconfident = N(0, 0.2²).
    SplittableRandom rnd = new SplittableRandom(4);
    SbcRanks good = new SbcRanks(new int[] {0}, 19);
    SbcRanks narrow = new SbcRanks(new int[] {0}, 19);
    for (int e = 0; e < 2000; e++) {
      float truth = (float) gauss(rnd);
      double[][] a = new double[19][1];
      double[][] b = new double[19][1];
      for (int d = 0; d < 19; d++) {
        a[d][0] = gauss(rnd);
        b[d][0] = 0.2 * gauss(rnd);
      }
      good.add(new float[] {truth}, a);
      narrow.add(new float[] {truth}, b);
    }
    // 5 bins, 4 degrees of freedom: the 0.999 quantile is 18.47.
    assertTrue(good.chiSquare(0, 5) < 18.47, "uniform ranks: " + good.chiSquare(0, 5));
    assertTrue(narrow.chiSquare(0, 5) > 100, "U shape: " + narrow.chiSquare(0, 5));
    long[] u = narrow.binned(0, 5);
    assertTrue(u[0] > u[2] && u[4] > u[2], java.util.Arrays.toString(u));
    assertEquals(2000, good.examples());
  }

  static double gauss(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
