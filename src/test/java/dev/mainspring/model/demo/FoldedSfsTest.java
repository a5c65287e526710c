package dev.mainspring.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.data.Observation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FoldedSfsTest {
  /** n genomes, one site per entry of {@code derived}, site l carried by the first derived[l]. */
  private static Observation withCounts(int n, int... derived) {
    int s = derived.length;
    byte[] g = new byte[n * s];
    for (int l = 0; l < s; l++) {
      for (int i = 0; i < derived[l]; i++) {
        g[i * s + l] = 1;
      }
    }
    double[] pos = new double[s];
    for (int l = 0; l < s; l++) {
      pos[l] = l;
    }
    return new Observation(n, s, g, pos, s + 1.0, 1e-8, 1e-8);
  }

  @Test
  void smallSamplesSpreadTheirFewClassesOverTheBins() {
    // n = 10: classes m = 1..5 land in bins 0, 3, 6, 9, 12. Counts 0 and 10 are not segregating.
    double[] got = FoldedSfs.of(withCounts(10, 1, 9, 2, 5, 0, 10, 7, 6), 16);
    double[] want = new double[16];
    want[0] = 2 / 6.0; // c = 1 and its mirror c = 9
    want[3] = 1 / 6.0; // m = 2
    want[12] = 1 / 6.0; // m = 5
    want[6] = 1 / 6.0; // c = 7 → m = 3
    want[9] = 1 / 6.0; // c = 6 → m = 4
    assertArrayEquals(want, got, 1e-15);
  }

  @Test
  void largeSamplesGroupContiguousClassesIntoEveryBin() {
    for (int n : new int[] {32, 33, 40, 50, 101}) {
      int classes = n / 2;
      int prev = 0;
      boolean[] hit = new boolean[16];
      for (int m = 1; m <= classes; m++) {
        int b = FoldedSfs.bin(m, n, 16);
        assertEquals(true, b == prev || b == prev + 1, "bins are contiguous, n=" + n + " m=" + m);
        prev = b;
        hit[b] = true;
      }
      assertEquals(0, FoldedSfs.bin(1, n, 16));
      assertEquals(15, FoldedSfs.bin(classes, n, 16));
      for (int b = 0; b < 16; b++) {
        assertEquals(true, hit[b], "n=" + n + " bin " + b);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> FoldedSfs.bin(0, 10, 16));
    assertThrows(IllegalArgumentException.class, () -> FoldedSfs.bin(6, 10, 16));
  }

  @Test
  void foldingIgnoresPolarisationAndSumsToOne() {
    int n = 20;
    int s = 50;
    SplittableRandom r = new SplittableRandom(3);
    int[] c = new int[s];
    int[] flipped = new int[s];
    for (int l = 0; l < s; l++) {
      c[l] = r.nextInt(1, n);
      flipped[l] = n - c[l];
    }
    double[] a = FoldedSfs.of(withCounts(n, c), 16);
    assertArrayEquals(a, FoldedSfs.of(withCounts(n, flipped), 16), 0);
    double sum = 0;
    for (double v : a) {
      sum += v;
    }
    assertEquals(1, sum, 1e-12);
    assertArrayEquals(new double[16], FoldedSfs.of(withCounts(n), 16), 0);
    assertArrayEquals(new double[16], FoldedSfs.of(withCounts(n, 0, n), 16), 0);
  }
}
