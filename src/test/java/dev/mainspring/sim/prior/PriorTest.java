package dev.mainspring.sim.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.sim.AncestryTables;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.HudsonSimulator;
import dev.mainspring.sim.Moments;
import dev.mainspring.sim.RateMap;
import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.TreeIterator;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The seed's demography prior, the curriculum phases and the phase-4 departures. */
class PriorTest {

  @Test
  void sampleDemographyMatchesTheSeed() {
    UniformRandomProvider rng = Seeds.rng(42);
    int reps = 20_000;
    long[] k = new long[9];
    Moments times = new Moments();
    Moments logSizes = new Moments();
    for (int r = 0; r < reps; r++) {
      Demography d = DemographyPrior.sample(CurriculumPhase.PHASE3, rng);
      int changes = d.epochs() - 1;
      k[changes]++;
      assertEquals(0, d.startTime(0));
      for (int e = 1; e < d.epochs(); e++) {
        assertTrue(d.startTime(e) > d.startTime(e - 1), "sorted");
        times.add(d.startTime(e));
      }
      for (int e = 0; e < d.epochs(); e++) {
        double y = Math.log10(d.size(e));
        assertTrue(y >= 2 && y < 5);
        logSizes.add(y);
      }
    }
    assertEquals(0, k[0] + k[8]);
    for (int c = 1; c <= 7; c++) {
      Moments.assertProportion(k[c], reps, 1 / 7.0, "P(K = " + c + ")");
    }
    // Unsorted, the change times are i.i.d. Exp(mean 5000): mean 5000, sd 5000.
    times.assertMeanKnownVariance(5000, 5000.0 * 5000, "mean change time");
    logSizes.assertMeanKnownVariance(3.5, 9 / 12.0, "mean log10 size");
  }

  @Test
  void phasesParse() {
    assertEquals(CurriculumPhase.PHASE2, CurriculumPhase.parse("phase2"));
    assertEquals(CurriculumPhase.PHASE4, CurriculumPhase.parse(" 4"));
    assertThrows(IllegalArgumentException.class, () -> CurriculumPhase.parse("phase5"));
  }

  @Test
  void hotspotMapsKeepTheMeanRateAndConcentrateTreeChanges() {
    double length = 1e5;
    double rho = 2e-8;
    double size = 10_000;
    Departures hot = Departures.DEFAULT.withProbabilities(0, 0, 1);
    ScenarioSampler sampler = new ScenarioSampler(2, length, rho, null, Demography.constant(size), hot);
    HudsonSimulator sim = new HudsonSimulator();
    TreeIterator trees = new TreeIterator();
    // For two samples the expected number of tree changes in an interval is (2/3) 4N x its
    // recombination mass (the n = 2 result, locally): hotspots must get their share.
    Moments excess = new Moments();
    double hotShare = 0;
    int reps = 800;
    for (int r = 0; r < reps; r++) {
      UniformRandomProvider rng = Seeds.rng(r);
      Scenario sc = sampler.sample(rng);
      RateMap map = sc.recombination();
      assertEquals(rho, map.meanRate(), 1e-12 * rho);
      assertTrue(sc.hotspots() >= 1);
      double[] pos = map.positions();
      double[] rate = map.rates();
      double background = Double.POSITIVE_INFINITY;
      for (double x : rate) {
        background = Math.min(background, x);
      }
      double hotMass = 0;
      for (int k = 0; k < rate.length; k++) {
        if (rate[k] > background * 1.5) {
          hotMass += rate[k] * (pos[k + 1] - pos[k]);
        }
      }
      hotShare += hotMass / map.totalMass() / reps;
      AncestryTables t = sim.simulate(sc.samplesPerDeme(), sc.demography(), map, rng);
      trees.reset(t);
      int inHot = 0;
      while (trees.next()) {
        double x = trees.left();
        if (x > 0) {
          int k = java.util.Arrays.binarySearch(pos, x);
          k = k < 0 ? -k - 2 : k;
          if (rate[k] > background * 1.5) {
            inHot++;
          }
        }
      }
      excess.add(inHot - 2.0 / 3 * 4 * size * hotMass);
    }
    assertTrue(hotShare > 0.2, "hotspots hold a large share of the mass: " + hotShare);
    excess.assertMean(0, "tree changes inside hotspots minus expectation");
  }
}
