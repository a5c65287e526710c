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

    // The training JSONL keys (issue 7); empty bins are null.
    java.util.Map<String, Object> m = r.metrics();
    assertEquals(0.5, m.get("ne_rmse"));
    assertEquals(r.neRmseWatterson(), m.get("ne_rmse_watterson"));
    assertEquals(5.0 / 6, m.get("target_acc"));
    assertEquals(1.0, m.get("target_acc_hamming"));
    assertEquals(0.5, m.get("coverage90"));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> bins = (java.util.Map<String, Object>) m.get("coverage90_by_bin");
    assertEquals(java.util.Arrays.asList("[1e0, 1e1)", "[1e1, 1e2)", "[1e2, 1e3)", "[1e3, 1e4)", "[1e4, 1e5)",
        "[1e5, inf)"), java.util.List.copyOf(bins.keySet()));
    assertEquals(null, bins.get("[1e0, 1e1)"));
    assertEquals(2.0 / 3, bins.get("[1e3, 1e4)"));
  }

  @Test
  void coverageAgreesWithCentralIntervalsOfRandomGammas() {
    // The CDF shortcut against GammaDistribution.centralInterval on random shapes, rates and times.
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    TrainingExample ex = example();
    for (int trial = 0; trial < 50; trial++) {
      float[] shape = new float[N * S];
      float[] rate = new float[N * S];
      for (int k = 0; k < N * S; k++) {
        shape[k] = (float) (0.2 + 10 * rnd.nextDouble());
        rate[k] = (float) (0.1 + 5 * rnd.nextDouble());
      }
      Prediction base = prediction(PREDICTED, TRUE_TIMES);
      Prediction p = new Prediction(N, S, PREDICTED, shape, rate, base.timeScale(), TRUE_TIMES, base.breakpointProb(),
          base.expectedSfs(), base.gridTimes(), base.log10NeMedian(), base.log10NeLo(), base.log10NeHi());
      DiagnosticsReport r = Diagnostics.compute(List.of(ex), List.of(p), 0, 1);
      for (int q = 0; q < 4; q++) {
        int inside = 0;
        for (int i = 1; i < N; i++) {
          for (int l = 0; l < S; l++) {
            int at = i * S + l;
            double[] ci = dev.mainspring.tensor.ops.GammaDistribution.centralInterval(shape[at], rate[at],
                Diagnostics.LEVELS[q]);
            double x = TRUE_TIMES[at] / 1000.0;
            inside += ci[0] <= x && x <= ci[1] ? 1 : 0;
          }
        }
        assertEquals(inside / 6.0, r.coverage()[q], 1e-12, "trial " + trial + " level " + q);
      }
    }
  }

  @Test
  void robinsonFouldsScoresTheTreesInferWrites() {
    // n = 3. Sample 1 copies 0 at both sites (true times 10, 1000), sample 2 copies 0 (100, 100):
    // true clades {0,1} at site 0 and {0,2} at site 1. Without a predicted breakpoint, infer merges
    // sample 1's run into one ancestor at the mean time 505, so its site-0 tree has clade {0,2}.
    int[] target = {-1, -1, 0, 0, 0, 0};
    float[] time = {0, 0, 10, 1000, 100, 100};
    TrainingExample ex = HandBuiltExamples.of(3, G, MU, new double[] {100, 600}, new byte[] {1, 0, 1, 0, 0, 1},
        target, time, new float[32]);
    float[] ones = new float[6];
    Arrays.fill(ones, 1f);
    double[] grid = new double[32];
    for (int k = 0; k < 32; k++) {
      grid[k] = Math.pow(10, 1 + 5.0 * k / 31);
    }
    double[] med = new double[32];
    Prediction merged = new Prediction(3, 2, target, ones, ones, 1000, time, new float[6], new double[2], grid, med,
        med, med);
    assertEquals(0.5, Diagnostics.compute(List.of(ex), List.of(merged), 0, 1).rfDistance(), 1e-12);
    float[] b = new float[6];
    b[1 * 2 + 1] = 0.9f; // the breakpoint head sees sample 1's change of ancestor at site 1
    Prediction split = new Prediction(3, 2, target, ones, ones, 1000, time, b, new double[2], grid, med, med, med);
    assertEquals(0.0, Diagnostics.compute(List.of(ex), List.of(split), 0, 1).rfDistance(), 1e-12);
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
