package dev.mainspring.sim;

import static dev.mainspring.sim.Moments.harmonic;
import static dev.mainspring.sim.Moments.harmonic2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The simulator against coalescent theory (fixed seeds, |z| < 4 against standard errors) and
 * tskit's validity rules. Times are in generations with msprime's diploid scaling: a pair
 * coalesces at rate 1/(2N).
 */
class HudsonSimulatorTest {
  private static final double N = 10_000;

  private final HudsonSimulator sim = new HudsonSimulator();
  private final TreeIterator trees = new TreeIterator();

  private TreeStats run(int n, Demography d, RateMap map, long seed) {
    AncestryTables t = sim.simulate(new int[] {n}, d, map, Seeds.rng(seed));
    return TreeStats.of(t, trees);
  }

  @Test
  void tmrcaAndTotalBranchLengthMatchKingmanWithoutRecombination() {
    int n = 10;
    int reps = 20_000;
    Moments tmrca = new Moments();
    Moments tbl = new Moments();
    RateMap noRec = RateMap.uniform(1e5, 0);
    for (int r = 0; r < reps; r++) {
      TreeStats s = run(n, Demography.constant(N), noRec, 1000 + r);
      assertEquals(1, s.numTrees);
      tmrca.add(s.tmrcaFirstTree);
      tbl.add(s.branchLengthFirstTree);
    }
    double varT = 0;
    for (int k = 2; k <= n; k++) {
      double m = 4 * N / (k * (k - 1.0));
      varT += m * m;
    }
    tmrca.assertMeanKnownVariance(4 * N * (1 - 1.0 / n), varT, "E[T_MRCA]");
    tbl.assertMeanKnownVariance(4 * N * harmonic(n), 16 * N * N * harmonic2(n), "E[total branch length]");
    // The spread matters too: the sample variance of T_MRCA against theory (SE of a variance
    // estimate ~ sqrt(2/R) * var for near-exponential data; a generous bound).
    Moments.assertZ(tmrca.variance(), varT, varT * Math.sqrt(8.0 / reps), "Var[T_MRCA]");
  }

  @Test
  void firstTreeKeepsKingmanMarginalUnderRecombination() {
    int n = 8;
    int reps = 6_000;
    double length = 1e5;
    RateMap map = RateMap.uniform(length, 20 / (4 * N * length)); // rho = 4NrG = 20
    Moments tmrca = new Moments();
    Moments tbl = new Moments();
    Moments numTrees = new Moments();
    for (int r = 0; r < reps; r++) {
      TreeStats s = run(n, Demography.constant(N), map, 50_000 + r);
      tmrca.add(s.tmrcaFirstTree);
      tbl.add(s.branchLengthFirstTree);
      numTrees.add(s.numTrees);
    }
    tmrca.assertMean(4 * N * (1 - 1.0 / n), "E[T_MRCA] of the first tree");
    tbl.assertMean(4 * N * harmonic(n), "E[total branch length] of the first tree");
    assertTrue(numTrees.mean() > 10, "recombination must break the sequence into many trees");
  }

  @Test
  void expectedNumberOfTreesForTwoSamples() {
    double length = 1e5;
    double rho = 10; // 4 N r G
    RateMap map = RateMap.uniform(length, rho / (4 * N * length));
    Moments trees2 = new Moments();
    for (int r = 0; r < 6_000; r++) {
      trees2.add(run(2, Demography.constant(N), map, 90_000 + r).numTrees);
    }
    trees2.assertMean(1 + rho * 2 / 3, "E[number of trees], n = 2");
  }

  @Test
  void segregatingSitesAndSiteFrequencySpectrum() {
    int n = 10;
    double length = 1e5;
    double mu = 1.25e-8;
    double theta = 4 * N * mu * length;
    RateMap map = RateMap.uniform(length, 1e-8);
    InfiniteSites mutations = new InfiniteSites();
    Moments segregating = new Moments();
    Moments[] sfs = new Moments[n];
    for (int k = 1; k < n; k++) {
      sfs[k] = new Moments();
    }
    int[] counts = new int[n + 1];
    for (int r = 0; r < 2_000; r++) {
      AncestryTables t = sim.simulate(new int[] {n}, Demography.constant(N), map, Seeds.rng(7000 + r));
      int sites = mutations.place(t, mu, Seeds.rng(8000 + r));
      segregating.add(sites);
      java.util.Arrays.fill(counts, 0);
      TreeSequence ts = TreeSequence.fromSimulation(t, mutations, 1, 1);
      int[][] g = Genotypes.matrix(ts);
      for (int l = 0; l < sites; l++) {
        int c = 0;
        for (int i = 0; i < n; i++) {
          c += g[i][l];
        }
        counts[c]++;
      }
      assertEquals(0, counts[0] + counts[n], "every infinite-sites mutation segregates");
      for (int k = 1; k < n; k++) {
        sfs[k].add(counts[k]);
      }
    }
    segregating.assertMean(theta * harmonic(n), "E[S]");
    for (int k = 1; k < n; k++) {
      sfs[k].assertMean(theta / k, "E[SFS_" + k + "]");
    }
  }

  @Test
  void pairCoalescenceTimeFollowsThreeEpochHistory() {
    Demography d = Demography.epochs(new double[] {0, 2_000, 6_000}, new double[] {10_000, 1_000, 30_000});
    RateMap map = RateMap.uniform(5e4, 1e-8); // recombination must not disturb the marginal tree
    int reps = 20_000;
    double[] checkpoints = {500, 2_000, 2_500, 4_000, 6_000, 20_000, 60_000};
    long[] survivors = new long[checkpoints.length];
    Moments t2 = new Moments();
    for (int r = 0; r < reps; r++) {
      double t = run(2, d, map, 300_000 + r).tmrcaFirstTree;
      t2.add(t);
      for (int c = 0; c < checkpoints.length; c++) {
        if (t > checkpoints[c]) {
          survivors[c]++;
        }
      }
    }
    for (int c = 0; c < checkpoints.length; c++) {
      double p = Math.exp(-d.pairHazard(checkpoints[c]));
      Moments.assertProportion(survivors[c], reps, p, "P(T_2 > " + checkpoints[c] + ")");
    }
    t2.assertMean(expectedPairTime(d), "E[T_2]");
  }

  /** E[T_2] = ∫ P(T_2 > t) dt, epoch by epoch. */
  private static double expectedPairTime(Demography d) {
    double e = 0;
    for (int k = 0; k < d.epochs(); k++) {
      double a = d.startTime(k);
      double lambda = 1 / (2 * d.size(k));
      double survivalAtA = Math.exp(-d.pairHazard(a));
      double width = k + 1 < d.epochs() ? d.startTime(k + 1) - a : Double.POSITIVE_INFINITY;
      e += survivalAtA * (1 - Math.exp(-lambda * width)) / lambda;
    }
    return e;
  }

  @Test
  void islandModelPairTimes() {
    // Symmetric two-deme island model: two genomes from one deme coalesce after 2 * 2N generations
    // on average whatever the migration rate; from different demes, 1/(2m) later.
    double m = 1e-4;
    Demography d = Demography.constant(N).withIsland(m);
    RateMap map = RateMap.uniform(1e4, 0);
    Moments within = new Moments();
    Moments between = new Moments();
    for (int r = 0; r < 10_000; r++) {
      within.add(TreeStats.of(sim.simulate(new int[] {2, 0}, d, map, Seeds.rng(r)), trees).tmrcaFirstTree);
      between.add(TreeStats.of(sim.simulate(new int[] {1, 1}, d, map, Seeds.rng(~r)), trees).tmrcaFirstTree);
    }
    within.assertMean(4 * N, "E[T_within], island model");
    between.assertMean(4 * N + 1 / (2 * m), "E[T_between], island model");
  }

  @Test
  void everyOutputIsAValidTreeSequence() {
    InfiniteSites mutations = new InfiniteSites();
    RateMap hot = new RateMap(new double[] {0, 20_000, 22_000, 60_000, 61_000, 100_000},
        new double[] {1e-8, 5e-7, 1e-8, 1e-6, 1e-8});
    for (int r = 0; r < 150; r++) {
      Demography d = switch (r % 3) {
        case 0 -> Demography.constant(N);
        case 1 -> Demography.epochs(new double[] {0, 1_000, 5_000}, new double[] {N, 500, 30_000});
        default -> Demography.constant(5_000).withIsland(1e-4);
      };
      int[] samples = r % 3 == 2 ? (r % 2 == 0 ? new int[] {10, 0} : new int[] {5, 5}) : new int[] {2 + r % 30};
      RateMap map = r % 2 == 0 ? hot : RateMap.uniform(1e5, 1e-8);
      AncestryTables t = sim.simulate(samples, d, map, Seeds.rng(r));
      mutations.place(t, 1e-8, Seeds.rng(r + 1000));
      TreeSequence ts = TreeSequence.fromSimulation(t, mutations, 1, d.demes());
      assertEquals(java.util.List.of(), TreeSequenceValidator.check(ts), "replicate " + r);
    }
  }

  @Test
  void sameSeedSameTablesAndPoolsCarryNoState() {
    Demography d = Demography.constant(N);
    RateMap map = RateMap.uniform(1e5, 1e-8);
    TreeSequence a = TreeSequence.fromSimulation(sim.simulate(new int[] {20}, d, map, Seeds.rng(5)), null, 1, 1);
    sim.simulate(new int[] {40}, Demography.constant(100), RateMap.uniform(3e5, 1e-8), Seeds.rng(6));
    TreeSequence b = TreeSequence.fromSimulation(sim.simulate(new int[] {20}, d, map, Seeds.rng(5)), null, 1, 1);
    TreeSequence c = TreeSequence.fromSimulation(
        new HudsonSimulator().simulate(new int[] {20}, d, map, Seeds.rng(5)), null, 1, 1);
    for (TreeSequence other : new TreeSequence[] {b, c}) {
      assertArrayEquals(a.nodeTime, other.nodeTime);
      assertArrayEquals(a.edgeLeft, other.edgeLeft);
      assertArrayEquals(a.edgeRight, other.edgeRight);
      assertArrayEquals(a.edgeParent, other.edgeParent);
      assertArrayEquals(a.edgeChild, other.edgeChild);
    }
  }

  @Test
  void rejectsImpossibleConfigurations() {
    RateMap map = RateMap.uniform(1e4, 1e-8);
    assertThrows(IllegalArgumentException.class,
        () -> sim.simulate(new int[] {1}, Demography.constant(N), map, Seeds.rng(1)));
    assertThrows(IllegalArgumentException.class,
        () -> sim.simulate(new int[] {1, 1}, Demography.constant(N).withIsland(0), map, Seeds.rng(1)));
    assertThrows(IllegalArgumentException.class, () -> Demography.constant(0));
    assertThrows(IllegalArgumentException.class,
        () -> Demography.epochs(new double[] {0, 5, 5}, new double[] {1, 2, 3}));
  }
}
