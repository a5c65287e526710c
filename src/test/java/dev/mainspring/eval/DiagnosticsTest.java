package dev.mainspring.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.HandBuiltExamples;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Prediction;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics on one hand-built example, n = 4 and S = 2, with every answer worked out below.
 *
 * <pre>
 * site 0, true tree ((0,1),(2,3)): targets 1→0, 2→0, 3→2; times 500, 2000, 1000
 *   J*_1 = {0}, J*_2 = {0,1}, J*_3 = {2}
 * site 1, true tree (((0,1),2),3): targets 1→0, 2→0, 3→0; times 10, 5000, 50000
 *   J*_1 = {0}, J*_2 = {0,1}, J*_3 = {0,1,2}
 * genotypes: rows 0..3 = (1,0), (1,0), (0,0), (0,1)
 * </pre>
 */
class DiagnosticsTest {
  static final int N = 4;
  static final int S = 2;
  static final double MU = 1e-8;
  static final double G = 1000;

  static TrainingExample example() {
    byte[] g = {1, 0, 1, 0, 0, 0, 0, 1};
    int[] target = {-1, -1, 0, 0, 0, 0, 2, 0};
    float[] time = {0, 0, 500, 10, 2000, 5000, 1000, 50000};
    float[] logNe = new float[32];
    for (int k = 0; k < 32; k++) {
      logNe[k] = k < 16 ? 4f : 5f;
    }
    return HandBuiltExamples.of(N, G, MU, new double[] {100, 600}, g, target, time, logNe);
  }

  /** Gamma(1, 1) everywhere (an exponential on t/s) with s = 1000. */
  static Prediction prediction(int[] target, float[] joinTime) {
    float[] ones = new float[N * S];
    Arrays.fill(ones, 1f);
    double[] grid = new double[32];
    double[] median = new double[32];
    for (int k = 0; k < 32; k++) {
      grid[k] = Math.pow(10, 1 + 5.0 * k / 31);
      median[k] = 4.5;
    }
    return new Prediction(N, S, target, ones, ones, 1000, joinTime, new float[N * S], new double[] {3, 1, 4}, grid,
        median, median, median);
  }

  static final float[] TRUE_TIMES = {0, 0, 500, 10, 2000, 5000, 1000, 50000};
  // Wrong only at site 0 for sample 3 (1 ∉ {2}); 2→1 and 3→1 at site 1 are in the target sets.
  static final int[] PREDICTED = {-1, -1, 0, 0, 1, 1, 1, 1};

  @Test
  void handComputedMetrics() {
    DiagnosticsReport r = Diagnostics.compute(List.of(example()), List.of(prediction(PREDICTED, TRUE_TIMES)), 0, 7);
    assertEquals(1, r.count());

    // N_e: median 4.5 against truth 4 (first 16) and 5 (last 16): 0.5 everywhere.
    assertEquals(0.5, r.neRmse(), 1e-12);
    for (double e : r.neRmsePerTime()) {
      assertEquals(0.5, e, 1e-12);
    }
    // Watterson: a_4 = 11/6, N_W = S / (a_n 4 mu G) = 2 / (11/6 · 4e-5) = 27272.72..., log10 = 4.435729.
    double logNw = 4.4357285;
    assertEquals(logNw, Math.log10(2 / (11.0 / 6 * 4 * MU * G)), 1e-6);
    assertEquals(logNw - 4, r.neRmsePerTimeWatterson()[0], 1e-6);
    assertEquals(5 - logNw, r.neRmsePerTimeWatterson()[31], 1e-6);
    assertEquals(Math.sqrt((Math.pow(logNw - 4, 2) + Math.pow(5 - logNw, 2)) / 2), r.neRmseWatterson(), 1e-6);

    // Targets: 5 of 6 right. Hamming with w = 0: sample 3 at site 0 copies row 2 (the only
    // match), right; at site 1 every j < 3 differs from it and all are in J*_3: 6 of 6.
    assertEquals(5.0 / 6, r.targetAcc(), 1e-12);
    assertEquals(1.0, r.targetAccHamming(), 1e-12);

    // Coverage, Gamma(1,1) on t/1000, scaled times x = 0.5, 2, 1 (site 0) and 0.01, 5, 50 (site 1).
    // Central intervals: 50% [0.2877, 1.386], 80% [0.1054, 2.303], 90% [0.0513, 2.996], 95% [0.0253, 3.689].
    assertArrayEquals(new double[] {0.5, 0.8, 0.9, 0.95}, r.levels());
    assertArrayEquals(new double[] {2.0 / 6, 3.0 / 6, 3.0 / 6, 3.0 / 6}, r.coverage(), 1e-12);
    assertEquals(0.5, r.coverage90(), 1e-12);
    // Bins: 10 → [1e1,1e2), 500 → [1e2,1e3), 1000, 2000, 5000 → [1e3,1e4), 50000 → [1e4,1e5).
    assertArrayEquals(new long[] {0, 1, 1, 3, 1, 0}, r.binCounts());
    double nan = Double.NaN;
    assertArrayEquals(new double[] {nan, 0, 1, 2.0 / 3, 0, nan}, r.coverage90ByBin(), 1e-12);
    // At 50% in [1e3,1e4): x = 2 and 5 out, x = 1 in.
    assertEquals(1.0 / 3, r.coverageByBin()[0][3], 1e-12);

    // RF: site 0 predicted 1→0 (500), 2→1 (2000), 3→1 (1000) threads to clades {0,1}, {0,1,3}
    // against the true {0,1}, {2,3}: 2 / 4. Site 1 predicted tree is the true caterpillar: 0.
    assertEquals(2, r.rfTrees());
    assertEquals(0.25, r.rfDistance(), 1e-12);

    // SFS: observed s = (1, 1, 0) (site 1 is a singleton, site 0 a doubleton); predicted (3, 1, 4).
    assertArrayEquals(new double[] {2, 0, 4}, r.sfsResidual(), 1e-12);
  }

  @Test
  void perfectPredictionScoresPerfectly() {
    TrainingExample ex = example();
    DiagnosticsReport r = Diagnostics.compute(List.of(ex, ex), List.of(prediction(ex.target, TRUE_TIMES),
        prediction(ex.target, TRUE_TIMES)), 0, 1);
    assertEquals(1.0, r.targetAcc());
    assertEquals(0.0, r.rfDistance());
    assertEquals(4, r.rfTrees());
    assertEquals(2, r.count());
  }

  @Test
  void sitesForRfAreDistinctSortedAndCapped() {
    int[] few = Diagnostics.sampleSites(5, 20, dev.mainspring.sim.Seeds.rng(3));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, few);
    int[] some = Diagnostics.sampleSites(1000, 20, dev.mainspring.sim.Seeds.rng(3));
    assertEquals(20, some.length);
    for (int k = 1; k < some.length; k++) {
      assertTrue(some[k] > some[k - 1]);
    }
  }

  @Test
  void timeBinsFollowPowersOfTen() {
    assertEquals(0, TimeBins.of(0.3));
    assertEquals(0, TimeBins.of(9.99));
    assertEquals(1, TimeBins.of(10));
    assertEquals(3, TimeBins.of(1000));
    assertEquals(4, TimeBins.of(99999));
    assertEquals(5, TimeBins.of(1e5));
    assertEquals(5, TimeBins.of(1e8));
  }

  @Test
  void mismatchedInputsAreRejected() {
    TrainingExample ex = example();
    assertThrows(IllegalArgumentException.class, () -> Diagnostics.compute(List.of(ex), List.of(), 0, 1));
    Prediction wrongS = new Prediction(N, 3, new int[12], new float[12], new float[12], 1, new float[12],
        new float[12], new double[3], new double[32], new double[32], new double[32], new double[32]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Diagnostics.compute(List.of(ex), List.of(wrongS), 0, 1));
    assertTrue(e.getMessage().contains("S=3"), e.getMessage());
  }
}
