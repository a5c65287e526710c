package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThreadingParentsTest {
  /** Random inputs in the op's layouts: one-hot hard [B, S, n, n], times [B, n, S], mask [B, S]. */
  static final class Inputs {
    final int b;
    final int n;
    final int s;
    final float[] hard;
    final float[] times;
    final float[] mask;
    final int[] targets; // [B, n, S], what the one-hot rows encode

    /**
     * @param levels distinct join-time values (few: ties are common), or 0 for continuous times
     * @param padFraction share of padded sites; their hard rows are zero and times invalid
     */
    Inputs(int b, int n, int s, long seed, int levels, double padFraction) {
      this.b = b;
      this.n = n;
      this.s = s;
      SplittableRandom rng = new SplittableRandom(seed);
      hard = new float[b * s * n * n];
      times = new float[b * n * s];
      mask = new float[b * s];
      targets = new int[b * n * s];
      for (int e = 0; e < b; e++) {
        for (int l = 0; l < s; l++) {
          boolean pad = l > 0 && rng.nextDouble() < padFraction;
          mask[e * s + l] = pad ? 0 : 1;
          targets[(e * n) * s + l] = -1;
          for (int i = 0; i < n; i++) {
            int row = ((e * s + l) * n + i) * n;
            int at = (e * n + i) * s + l;
            if (pad) {
              // Neither a target nor a valid time: padding must not be read.
              times[at] = i % 2 == 0 ? 0f : Float.NaN;
              continue;
            }
            // Row 0 and entries j >= i are outside the causal mask: junk there must be ignored.
            for (int j = i; j < n; j++) {
              hard[row + j] = rng.nextInt(3) == 0 ? 1f : 0f;
            }
            if (i == 0) {
              times[at] = rng.nextInt(2) == 0 ? -1f : Float.NaN;
              continue;
            }
            int j = rng.nextInt(i);
            hard[row + j] = 1f;
            targets[at] = j;
            times[at] = levels > 0 ? 0.5f * (1 + rng.nextInt(levels)) : (float) rng.nextDouble(1e-3, 10.0);
          }
        }
      }
    }

    /** The builder's parents of site (e, l). */
    int[] expected(int e, int l) {
      int[] tg = new int[n];
      float[] tm = new float[n];
      for (int i = 1; i < n; i++) {
        tg[i] = targets[(e * n + i) * s + l];
        tm[i] = times[(e * n + i) * s + l];
      }
      return ThreadingArgBuilder.parents(tg, tm);
    }

    int[] run(DType dtype, boolean withMask) {
      try (Scope scope = Scope.open()) {
        Tensor h = Tensor.of(Backends.cpu(), dtype, toDouble(hard), b, s, n, n);
        Tensor t = Tensor.of(Backends.cpu(), dtype, toDouble(times), b, n, s);
        Tensor m = withMask ? Tensor.of(Backends.cpu(), dtype, toDouble(mask), b, s) : null;
        return ThreadingParents.apply(h, t, m).toIntArray();
      }
    }
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      d[k] = v[k];
    }
    return d;
  }

  private static void assertMatchesBuilder(Inputs in, int[] got) {
    int nodes = 2 * in.n - 1;
    assertEquals(in.b * in.s * nodes, got.length);
    int[] padded = new int[nodes];
    Arrays.fill(padded, -1);
    for (int e = 0; e < in.b; e++) {
      for (int l = 0; l < in.s; l++) {
        int[] row = Arrays.copyOfRange(got, (e * in.s + l) * nodes, (e * in.s + l + 1) * nodes);
        int[] want = in.mask[e * in.s + l] == 0 ? padded : in.expected(e, l);
        assertArrayEquals(want, row, "site (" + e + ", " + l + ") of B=" + in.b + " n=" + in.n + " S=" + in.s);
      }
    }
  }

  @Test
  void equalsTheBuilderOnRandomSitesWithTiedTimesAndPadding() {
    long seed = 1;
    for (int n : new int[] {2, 3, 5, 8, 16, 33}) {
      for (int levels : new int[] {1, 2, 3, 0}) {
        Inputs in = new Inputs(3, n, 40, seed++, levels, 0.2);
        assertMatchesBuilder(in, in.run(DType.F32, true));
      }
    }
  }

  @Test
  void f64InputsGiveTheTreesOfTheirF32Values() {
    Inputs in = new Inputs(2, 9, 30, 77, 3, 0.3);
    assertArrayEquals(in.run(DType.F32, true), in.run(DType.F64, true));
  }

  @Test
  void withoutAMaskEverySiteIsThreaded() {
    Inputs in = new Inputs(2, 7, 25, 11, 2, 0.0);
    int[] got = in.run(DType.F32, false);
    assertMatchesBuilder(in, got);
    assertArrayEquals(in.run(DType.F32, true), got);
  }

  @Test
  void aRowWithoutATargetIsNamed() {
    Inputs in = new Inputs(2, 5, 4, 3, 0, 0.0);
    int row = ((1 * 4 + 2) * 5 + 3) * 5;
    Arrays.fill(in.hard, row, row + 3, 0f); // j < 3 all zero; junk at j >= 3 must not count
    in.hard[row + 3] = 1f;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.run(DType.F32, true));
    assertTrue(e.getMessage().contains("example 1, site 2: sample 3 has no hard target"), e.getMessage());
  }

  @Test
  void aBadJoinTimeIsNamed() {
    for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
      Inputs in = new Inputs(1, 4, 3, 9, 0, 0.0);
      in.times[(0 * 4 + 2) * 3 + 1] = bad;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> in.run(DType.F32, true));
      assertTrue(e.getMessage().contains("example 0, site 1: join time of sample 2 must be positive and finite"),
          e.getMessage());
    }
  }

  @Test
  void shapesAreChecked() {
    try (Scope scope = Scope.open()) {
      Tensor t = Tensor.zeros(Backends.cpu(), DType.F32, 2, 4, 3);
      Tensor wrongHard = Tensor.zeros(Backends.cpu(), DType.F32, 2, 3, 4, 3);
      assertThrows(IllegalArgumentException.class, () -> ThreadingParents.apply(wrongHard, t, null));
      Tensor h = Tensor.zeros(Backends.cpu(), DType.F32, 2, 3, 4, 4);
      Tensor wrongMask = Tensor.zeros(Backends.cpu(), DType.F32, 2, 4);
      assertThrows(IllegalArgumentException.class, () -> ThreadingParents.apply(h, t, wrongMask));
      Tensor one = Tensor.zeros(Backends.cpu(), DType.F32, 2, 1, 3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ThreadingParents.apply(Tensor.zeros(Backends.cpu(), DType.F32, 2, 3, 1, 1), one, null));
      assertTrue(e.getMessage().contains("at least 2 samples"), e.getMessage());
    }
  }
}
