package dev.mainspring.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhiloxTest {
  /** Random123's tests/kat_vectors, the three philox4x32 10 lines: counter, key, expected. */
  @Test
  void knownAnswerVectorsOfRandom123() {
    int[][] ctr = {{0, 0, 0, 0}, {-1, -1, -1, -1},
        {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}};
    int[][] key = {{0, 0}, {-1, -1}, {0xa4093822, 0x299f31d0}};
    int[][] want = {{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
        {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}};
    for (int t = 0; t < 3; t++) {
      int[] out = new int[4];
      Philox.block(ctr[t][0], ctr[t][1], ctr[t][2], ctr[t][3], key[t][0], key[t][1], out);
      assertArrayEquals(want[t], out, "vector " + t);
    }
  }

  @Test
  void layoutMapsElementIndexOffsetAndSeedToCounterAndKey() {
    long seed = 0x299f31d0_a4093822L;
    long offset = 0x03707344_13198a2eL;
    int[] out = new int[4];
    // Block index → counter words 0-1, offset → words 2-3, seed → key: the third known answer.
    Philox.block(seed, offset, 0x85a308d3_243f6a88L, out);
    assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, out);
    // Element i is word i % 4 of block i / 4.
    long i = 0x0000_1234_5678_9abeL;
    Philox.block((int) (i >>> 2), (int) (i >>> 34), (int) offset, (int) (offset >>> 32),
        (int) seed, (int) (seed >>> 32), out);
    assertEquals(out[2], Philox.bits(seed, offset, i));
    assertEquals(out[3], Philox.bits(seed, offset, i + 1));
  }

  @Test
  void uniformsAreStrictlyInsideTheUnitIntervalAndExact() {
    assertEquals(0x1.0p-24f, Philox.toUniform(0));
    assertEquals(1f - 0x1.0p-24f, Philox.toUniform(-1));
    assertTrue(Philox.toUniform(-1) < 1f);
    float[] bulk = new float[13];
    Philox.uniforms(7, 3, 5, bulk, 13); // starts mid-block
    for (int i = 0; i < 13; i++) {
      assertEquals(Philox.uniform(7, 3, 5 + i), bulk[i], 0f);
    }
  }

  @Test
  void uniformMomentsAndStreamIndependence() {
    int n = 200_000;
    float[] a = new float[n];
    float[] b = new float[n];
    Philox.uniforms(42, 0, 0, a, n);
    Philox.uniforms(42, 1, 0, b, n);
    double mean = 0;
    double var = 0;
    double cov = 0;
    for (int i = 0; i < n; i++) {
      mean += a[i];
    }
    mean /= n;
    for (int i = 0; i < n; i++) {
      var += (a[i] - mean) * (a[i] - mean);
      cov += (a[i] - 0.5) * (b[i] - 0.5);
    }
    var /= n;
    cov /= n;
    // Standard errors: mean sqrt(1/12n), variance ~sqrt(1/180n), covariance 1/(12 sqrt n).
    assertEquals(0.5, mean, 5 * Math.sqrt(1.0 / 12 / n));
    assertEquals(1.0 / 12, var, 5 * Math.sqrt(1.0 / 180 / n));
    assertEquals(0.0, cov, 5.0 / 12 / Math.sqrt(n));
  }
}
