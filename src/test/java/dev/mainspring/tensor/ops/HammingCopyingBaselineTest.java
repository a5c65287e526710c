package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HammingCopyingBaselineTest {
  private static boolean valid(double[] m, int s, int e, int l) {
    return m == null || m[e * s + l] != 0;
  }

  private static boolean differ(double[] d, double[] m, int n, int s, int e, int i, int j, int l) {
    return valid(m, s, e, l) && d[(e * n + i) * s + l] != d[(e * n + j) * s + l];
  }

  /** The documented rule, literally: fewest mismatches, then longest stretch, then smallest j. */
  private static int brute(double[] d, double[] m, int n, int s, int e, int i, int l, int w) {
    if (i == 0 || !valid(m, s, e, l)) {
      return -1;
    }
    int best = -1;
    int bestM = 0;
    int bestRun = 0;
    for (int j = 0; j < i; j++) {
      int mm = WindowedMismatchTest.bruteCount(d, m, n, s, e, i, j, l, w);
      int left = l - 1;
      while (left >= 0 && !differ(d, m, n, s, e, i, j, left)) {
        left--;
      }
      int right = l + 1;
      while (right < s && !differ(d, m, n, s, e, i, j, right)) {
        right++;
      }
      int run = 0;
      for (int q = left + 1; q < right; q++) {
        run += valid(m, s, e, q) ? 1 : 0;
      }
      if (best < 0 || mm < bestM || mm == bestM && run > bestRun) {
        best = j;
        bestM = mm;
        bestRun = run;
      }
    }
    return best;
  }

  @Test
  void matchesBruteForceIncludingPaddingAndWindowEdges() {
    SplittableRandom rnd = new SplittableRandom(13);
    int b = 3;
    int n = 7;
    int s = 41;
    double[] d = WindowedMismatchTest.genotypes(b, n, s, rnd, 0.08);
    double[] m = WindowedMismatchTest.mask(b, s, rnd);
    for (int w : new int[] {0, 2, 9, 60}) {
      for (boolean withMask : new boolean[] {true, false}) {
        try (Scope sc = Scope.open()) {
          Tensor out = HammingCopyingBaseline.apply(
              Tensor.of(Backends.cpu(), DType.F32, d, b, n, s),
              withMask ? Tensor.of(Backends.cpu(), DType.F32, m, b, s) : null, w);
          assertEquals(DType.I32, out.dtype());
          assertArrayEquals(new int[] {b, n, s}, out.shape());
          int[] got = out.toIntArray();
          for (int e = 0; e < b; e++) {
            for (int i = 0; i < n; i++) {
              for (int l = 0; l < s; l++) {
                assertEquals(brute(d, withMask ? m : null, n, s, e, i, l, w),
                    got[(e * n + i) * s + l], "w=" + w + " mask=" + withMask + " b=" + e + " i=" + i
                        + " l=" + l);
              }
            }
          }
        }
      }
    }
  }

  @Test
  void tiesGoToTheLongerIdenticalStretchThenTheSmallerIndex() {
    // Row 2 matches rows 0 and 1 on the window around site 3 (w = 1), but row 0 differs from it
    // at site 1 and row 1 only at site 0: row 1's identical stretch is longer.
    double[] d = {
      1, 1, 0, 0, 0, 0, 0, // row 0
      1, 0, 0, 0, 0, 0, 0, // row 1
      0, 0, 0, 0, 0, 0, 0, // row 2
      0, 0, 0, 0, 0, 0, 0, // row 3: identical to row 2 everywhere
    };
    try (Scope sc = Scope.open()) {
      int[] got = HammingCopyingBaseline.apply(Tensor.of(d, 1, 4, 7), null, 1).toIntArray();
      assertEquals(1, got[2 * 7 + 3], "longer stretch wins the tie");
      assertEquals(2, got[3 * 7 + 3], "an exact copy beats everything");
      // Row 1 at site 4: row 0 is its only candidate.
      assertEquals(0, got[7 + 4]);
      for (int l = 0; l < 7; l++) {
        assertEquals(-1, got[l], "row 0 has no target");
      }
    }
    // Fully tied keys (rows 0 and 1 identical): the smaller index.
    double[] twins = {1, 0, 1, 1, 0, 1, 0, 0, 0};
    try (Scope sc = Scope.open()) {
      int[] got = HammingCopyingBaseline.apply(Tensor.of(twins, 1, 3, 3), null, 1).toIntArray();
      for (int l = 0; l < 3; l++) {
        assertEquals(0, got[2 * 3 + l]);
      }
    }
  }

  @Test
  void paddedSitesGetNoTarget() {
    SplittableRandom rnd = new SplittableRandom(2);
    double[] d = WindowedMismatchTest.genotypes(2, 5, 12, rnd, 0.2);
    double[] m = WindowedMismatchTest.mask(2, 12, rnd);
    try (Scope sc = Scope.open()) {
      int[] got = HammingCopyingBaseline.apply(Tensor.of(d, 2, 5, 12), Tensor.of(m, 2, 12), 3)
          .toIntArray();
      int padded = 0;
      for (int e = 0; e < 2; e++) {
        for (int l = 0; l < 12; l++) {
          for (int i = 1; i < 5; i++) {
            int j = got[(e * 5 + i) * 12 + l];
            if (m[e * 12 + l] == 0) {
              assertEquals(-1, j);
              padded++;
            } else {
              assertTrue(j >= 0 && j < i);
            }
          }
        }
      }
      assertTrue(padded > 0);
    }
  }
}
