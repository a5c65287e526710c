package dev.mainspring.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.Moments;
import dev.mainspring.sim.TreeIterator;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.sim.prior.Departures;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Training examples: targets against their definition, the data contract, crops, determinism. */
class ExampleSimulatorTest {
  private static final ExampleSimulator.Config PHASE3 =
      ExampleSimulator.Config.prior(12, 5e4, 1.25e-8, 1e-8, CurriculumPhase.PHASE3).withTables(true, 1);

  @Test
  void targetsFollowTheirDefinitionInTheTrueTrees() {
    ExampleSimulator sim = new ExampleSimulator(PHASE3);
    int checkedSites = 0;
    for (int k = 0; k < 12; k++) {
      TrainingExample ex = sim.simulate(7, k);
      TreeSequence ts = ex.tables;
      assertEquals(List.of(), TreeSequenceValidator.check(ts));
      assertEquals(ex.S, ts.numSites());
      int[][] g = Genotypes.matrix(ts);
      int n = ex.n;
      int[] previousJoin = new int[n];
      TreeIterator it = ts.trees();
      it.next();
      for (int l = 0; l < ex.S; l++) {
        assertEquals(ts.sitePosition[l], ex.positions[l]);
        while (ex.positions[l] >= it.right()) {
          it.next();
        }
        for (int i = 0; i < n; i++) {
          assertEquals(g[i][l], ex.genotype(i, l), "genotype " + i + "," + l);
        }
        for (int i = 1; i < n; i++) {
          // Literal definition: climb from leaf i to the first node above some j < i.
          int u = it.parent(i);
          while (minLeafBelow(it, u) > i - 1) {
            u = it.parent(u);
          }
          List<Integer> expected = new ArrayList<>();
          for (int j = 0; j < i; j++) {
            if (isBelow(it, j, u)) {
              expected.add(j);
            }
          }
          List<Integer> actual = new ArrayList<>();
          for (int j = 0; j < n; j++) {
            if (ex.inTargetSet(i, j, l)) {
              actual.add(j);
            }
          }
          assertEquals(expected, actual, "J* of sample " + i + " at site " + l);
          assertEquals(expected.get(0), ex.target[i * ex.S + l]);
          assertEquals((float) ts.nodeTime[u], ex.joinTime[i * ex.S + l]);
          assertEquals(l > 0 && previousJoin[i] != u ? 1 : 0, ex.switchFlag[i * ex.S + l], "b* " + i + "," + l);
          previousJoin[i] = u;
        }
        assertEquals(-1, ex.target[l]);
        checkedSites++;
      }
    }
    assertTrue(checkedSites > 300, "enough sites checked: " + checkedSites);
  }

  private static int minLeafBelow(TreeIterator it, int u) {
    if (it.leftChild(u) == -1) {
      return u;
    }
    int m = Integer.MAX_VALUE;
    for (int c = it.leftChild(u); c != -1; c = it.rightSib(c)) {
      m = Math.min(m, minLeafBelow(it, c));
    }
    return m;
  }

  private static boolean isBelow(TreeIterator it, int j, int u) {
    for (int v = j; v != -1; v = it.parent(v)) {
      if (v == u) {
        return true;
      }
    }
    return false;
  }

  @Test
  void derivedQuantitiesFollowTheContract() {
    ExampleSimulator sim = new ExampleSimulator(PHASE3);
    TrainingExample ex = sim.simulate(3, 1);
    assertTrue(ex.S > 10);
    double total = 0;
    for (int l = 0; l < ex.S; l++) {
      total += ex.span[l];
      assertTrue(ex.positions[l] >= 0 && ex.positions[l] < ex.sequenceLength);
      if (l > 0) {
        assertTrue(ex.positions[l] > ex.positions[l - 1]);
        assertEquals((ex.positions[l - 1] + ex.positions[l]) / 2, spanStart(ex, l), 1e-6);
      }
    }
    assertEquals(ex.sequenceLength, total, 1e-6);
    double[] sfs = new double[ex.n - 1];
    for (int l = 0; l < ex.S; l++) {
      int c = 0;
      for (int i = 0; i < ex.n; i++) {
        c += ex.genotype(i, l);
      }
      sfs[c - 1]++;
    }
    assertArrayEquals(sfs, ex.sfs);
    double an = 0;
    for (int k = 1; k < ex.n; k++) {
      an += 1.0 / k;
    }
    assertEquals(2 * ex.S / (an * 4 * ex.mu * ex.sequenceLength), ex.timeScale, 1e-9 * ex.timeScale);
    Demography d = Demography.epochs(ex.epochStart, ex.epochSize);
    assertArrayEquals(d.logNeGrid(), ex.logNeGrid);
    for (int k = 0; k < 32; k++) {
      assertEquals((float) Math.log10(d.sizeAt(Math.pow(10, 1 + 5.0 * k / 31))), ex.logNeGrid[k]);
    }
  }

  private static double spanStart(TrainingExample ex, int l) {
    double s = 0;
    for (int k = 0; k < l; k++) {
      s += ex.span[k];
    }
    return s;
  }

  @Test
  void cropReexpressesAWindow() {
    ExampleSimulator sim = new ExampleSimulator(PHASE3);
    TrainingExample full = null;
    for (int k = 0; full == null || full.S < 120; k++) {
      full = sim.simulate(11, k);
    }
    int w = 40;
    TrainingExample c = full.crop(w);
    assertEquals(w, c.S);
    int a = -1;
    for (int l = 0; l < full.S; l++) {
      if (full.positions[l] == c.positions[0] + c.windowStart) {
        a = l;
      }
    }
    assertTrue(a >= 0, "window start found");
    double lo = a == 0 ? 0 : (full.positions[a - 1] + full.positions[a]) / 2;
    double hi = a + w == full.S ? full.sequenceLength : (full.positions[a + w - 1] + full.positions[a + w]) / 2;
    assertEquals(lo, c.windowStart, 1e-9);
    assertEquals(hi - lo, c.sequenceLength, 1e-9);
    double total = 0;
    for (int l = 0; l < w; l++) {
      total += c.span[l];
      assertEquals(full.positions[a + l] - lo, c.positions[l], 1e-9);
      for (int i = 0; i < c.n; i++) {
        assertEquals(full.genotype(i, a + l), c.genotype(i, l));
        assertEquals(full.joinTime[i * full.S + a + l], c.joinTime[i * w + l]);
        assertEquals(full.target[i * full.S + a + l], c.target[i * w + l]);
        assertEquals(l == 0 ? 0 : full.switchFlag[i * full.S + a + l], c.switchFlag[i * w + l]);
        for (int j = 0; j < c.n; j++) {
          assertEquals(full.inTargetSet(i, j, a + l), c.inTargetSet(i, j, l));
        }
      }
    }
    assertEquals(c.sequenceLength, total, 1e-6);
    assertArrayEquals(TrainingExample.siteFrequencySpectrum(c.genotypes, c.n, w), c.sfs);
    assertEquals(TrainingExample.timeScale(w, c.n, c.mu, c.sequenceLength), c.timeScale);
    assertEquals(List.of(), TreeSequenceValidator.check(c.tables));
    int[][] g = Genotypes.matrix(c.tables);
    for (int l = 0; l < w; l++) {
      for (int i = 0; i < c.n; i++) {
        assertEquals(g[i][l], c.genotype(i, l));
      }
    }
    assertArrayEquals(c.positions, full.crop(w).positions, "crop is deterministic");
    assertEquals(full, full.crop(full.S));
  }

  @Test
  void simulatingWithMaxSitesEqualsCroppingTheFullExample() {
    // N = 2e4 gives ~300 sites, so the 50-site window is a real crop; all departures are on.
    ExampleSimulator.Config full = ExampleSimulator.Config.fixed(12, 1e5, 1.25e-8, 1e-8, Demography.constant(2e4))
        .withDepartures(Departures.DEFAULT.always()).withTables(true, 1);
    ExampleSimulator whole = new ExampleSimulator(full);
    ExampleSimulator windowed = new ExampleSimulator(full.withMaxSites(50));
    int cropped = 0;
    for (int k = 0; k < 8; k++) {
      TrainingExample expected = whole.simulate(13, k).crop(50);
      TrainingExample got = windowed.simulate(13, k);
      cropped += got.S == 50 && got.errorRate > 0 ? 1 : 0;
      assertSame(expected, got);
      assertArrayEquals(expected.span, got.span);
      assertArrayEquals(expected.sfs, got.sfs);
      assertEquals(expected.timeScale, got.timeScale);
      assertEquals(expected.windowStart, got.windowStart);
      assertArrayEquals(expected.tables.edgeLeft, got.tables.edgeLeft);
      assertArrayEquals(expected.tables.sitePosition, got.tables.sitePosition);
    }
    assertEquals(8, cropped);
  }

  @Test
  void examplesAreIdenticalForAnyThreadCount() throws Exception {
    ExampleSimulator.Config config = ExampleSimulator.Config.prior(10, 3e4, 1.25e-8, 1e-8, CurriculumPhase.PHASE4)
        .withMaxSites(60);
    int count = 24;
    List<TrainingExample> one = new ArrayList<>();
    ExampleSimulator single = new ExampleSimulator(config);
    for (int k = 0; k < count; k++) {
      one.add(single.simulate(99, k));
    }
    // Two workers, each with its own simulator, taking examples in a scrambled order.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<TrainingExample>>> parts = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int worker = w;
        parts.add(pool.submit(() -> {
          ExampleSimulator mine = new ExampleSimulator(config);
          List<TrainingExample> out = new ArrayList<>();
          for (int k = count - 1 - worker; k >= 0; k -= 2) {
            out.add(mine.simulate(99, k));
          }
          return out;
        }));
      }
      for (int w = 0; w < 2; w++) {
        List<TrainingExample> got = parts.get(w).get();
        for (int m = 0; m < got.size(); m++) {
          assertSame(one.get(count - 1 - w - 2 * m), got.get(m));
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void streamHandsOutExamplesInIndexOrder() throws Exception {
    ExampleSimulator.Config config = ExampleSimulator.Config.prior(8, 2e4, 1.25e-8, 1e-8, CurriculumPhase.PHASE3);
    ExampleSimulator single = new ExampleSimulator(config);
    try (ExampleStream stream = new ExampleStream(config, 5, 100, 2, 3)) {
      for (int k = 100; k < 115; k++) {
        assertSame(single.simulate(5, k), stream.next());
      }
    }
  }

  private static void assertSame(TrainingExample a, TrainingExample b) {
    assertEquals(a.seed, b.seed);
    assertEquals(a.S, b.S);
    assertEquals(a.sequenceLength, b.sequenceLength);
    assertEquals(a.rho, b.rho);
    assertArrayEquals(a.genotypes, b.genotypes);
    assertArrayEquals(a.positions, b.positions);
    assertArrayEquals(a.joinTime, b.joinTime);
    assertArrayEquals(a.target, b.target);
    assertArrayEquals(a.leafRank, b.leafRank);
    assertArrayEquals(a.rankLo, b.rankLo);
    assertArrayEquals(a.rankHi, b.rankHi);
    assertArrayEquals(a.switchFlag, b.switchFlag);
    assertArrayEquals(a.logNeGrid, b.logNeGrid);
    assertArrayEquals(a.epochSize, b.epochSize);
  }

  @Test
  void phaseFourDepartures() {
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config
        .prior(16, 1e5, 1.25e-8, 1e-8, CurriculumPhase.PHASE4).withDepartures(Departures.DEFAULT.always())
        .withTables(true, 2));
    double flips = 0;
    double expectedFlips = 0;
    double variance = 0;
    for (int k = 0; k < 30; k++) {
      TrainingExample ex = sim.simulate(5, k);
      assertEquals(2, ex.demes);
      assertEquals(2, ex.tables.numPopulations());
      for (int u = 0; u < ex.n; u++) {
        assertEquals(0, ex.tables.nodePopulation[u], "all samples come from deme 0");
      }
      assertTrue(ex.migrationRate > 0);
      assertTrue(ex.hotspots >= 1);
      assertEquals(1e-8, ex.rho, 1e-20, "a hotspot map keeps rho as its mean rate");
      assertTrue(ex.errorRate >= 1e-4 && ex.errorRate <= 1e-2);
      int[][] truth = Genotypes.matrix(ex.tables);
      for (int i = 0; i < ex.n; i++) {
        for (int l = 0; l < ex.S; l++) {
          flips += truth[i][l] != ex.genotype(i, l) ? 1 : 0;
        }
      }
      double cells = (double) ex.n * ex.S;
      expectedFlips += ex.errorRate * cells;
      variance += ex.errorRate * (1 - ex.errorRate) * cells;
      assertEquals(List.of(), TreeSequenceValidator.check(ex.tables));
    }
    Moments.assertZ(flips, expectedFlips, Math.sqrt(variance), "genotype error flips");
  }

  @Test
  void phasesDrawTheirNumberOfSizeChanges() {
    int[][] seen = new int[5][9];
    for (CurriculumPhase phase : CurriculumPhase.values()) {
      ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config.prior(4, 1e3, 1e-8, 0, phase));
      for (int k = 0; k < 300; k++) {
        seen[phase.ordinal() + 1][sim.simulate(1, k).epochStart.length - 1]++;
      }
    }
    assertEquals(300, seen[1][0], "phase 1: constant size");
    assertEquals(300, seen[2][1] + seen[2][2], "phase 2: one or two changes");
    assertTrue(seen[2][1] > 100 && seen[2][2] > 100);
    for (int k = 1; k <= 7; k++) {
      assertTrue(seen[3][k] > 15, "phase 3 draws K = " + k);
    }
    assertEquals(0, seen[3][0] + seen[3][8]);
  }
}
