package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.TreeIterator;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Windows threaded from the true targets must concatenate to the true local trees at every site,
 * with the data's samples, sites and genotypes, as a valid tree sequence.
 */
class ArgConcatenatorTest {
  @Test
  void trueTargetsPerWindowConcatenateToTheTrueTrees() {
    int n = 8;
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config
        .fixed(n, 3e5, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, 2));
    TrainingExample ex = sim.simulate(11, 0);
    Haplotypes h = haplotypes(ex);
    // 70 kb windows (the last is shorter), at most 60 sites each: some windows are split.
    List<Window> windows = Windowing.split(h.positions(), h.sequenceLength(), 7e4, 60);
    assertTrue(Inference.countSplit(windows) > 0, "the test should split some window");
    List<ArgConcatenator.Piece> pieces = new ArrayList<>();
    for (Window w : windows) {
      if (w.sites() > 0) {
        pieces.add(new ArgConcatenator.Piece(w, threadTruth(ex, h, w)));
      }
    }
    TreeSequence ts = ArgConcatenator.concatenate(h, pieces);
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    assertEquals(ex.sequenceLength, ts.sequenceLength);
    assertEquals(n, ts.numSamples());
    assertEquals(n / 2, ts.numIndividuals());
    assertArrayEquals(ex.positions, ts.sitePosition);
    int[][] g = Genotypes.matrix(ts);
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < ex.S; l++) {
        assertEquals(ex.genotype(i, l), g[i][l]);
      }
    }
    TreeIterator truth = ex.tables.trees();
    TreeIterator got = ts.trees();
    truth.next();
    got.next();
    for (int l = 0; l < ex.S; l++) {
      double x = ex.positions[l];
      while (x >= truth.right()) {
        truth.next();
      }
      while (x >= got.right()) {
        got.next();
      }
      assertEquals(clades(truth, ex.tables.samples()), clades(got, ts.samples()), "site " + l);
    }
  }

  @Test
  void windowsWithoutSitesTakeTheTreeOnTheirLeftAndStatesComeFromTheData() {
    int n = 4;
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config
        .fixed(n, 4e4, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, 1));
    TrainingExample ex = sim.simulate(3, 1);
    Haplotypes h = haplotypes(ex);
    String[] ref = new String[ex.S];
    String[] alt = new String[ex.S];
    java.util.Arrays.fill(ref, "C");
    java.util.Arrays.fill(alt, "T");
    // Put the chromosome in a longer one, whose tail [4e4, 1e5) has no sites.
    Haplotypes longer = new Haplotypes("1", 1e5, h.individuals(), h.ploidy(), h.positions(), h.genotypes(), ref, alt,
        h.skipped());
    List<Window> windows = Windowing.split(longer.positions(), longer.sequenceLength(), 4e4, 0);
    assertEquals(0, windows.get(2).sites());
    TreeSequence ts = ArgConcatenator.concatenate(longer, List.of(new ArgConcatenator.Piece(windows.get(0),
        threadTruth(ex, longer, windows.get(0)))));
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    assertEquals("C", ts.ancestralState(0));
    assertEquals("T", ts.derivedState(0));
    // One window of data: its last tree covers the empty tail up to 1e5.
    TreeIterator it = ts.trees();
    double lastLeft = 0;
    int trees = 0;
    while (it.next()) {
      lastLeft = it.left();
      trees++;
    }
    assertTrue(lastLeft < 4e4, "the last tree starts inside the window with data: " + lastLeft);
    assertEquals(threadTruth(ex, longer, windows.get(0)).numTrees(), trees);
  }

  static Haplotypes haplotypes(TrainingExample ex) {
    int n = ex.n;
    byte[] siteMajor = new byte[n * ex.S];
    for (int l = 0; l < ex.S; l++) {
      for (int i = 0; i < n; i++) {
        siteMajor[l * n + i] = (byte) ex.genotype(i, l);
      }
    }
    String[] ref = new String[ex.S];
    String[] alt = new String[ex.S];
    java.util.Arrays.fill(ref, "0");
    java.util.Arrays.fill(alt, "1");
    int individuals = ex.tables.numIndividuals() > 0 ? ex.tables.numIndividuals() : n;
    int[] ploidy = new int[individuals];
    java.util.Arrays.fill(ploidy, n / individuals);
    String[] names = new String[individuals];
    for (int k = 0; k < individuals; k++) {
      names[k] = "tsk_" + k;
    }
    return new Haplotypes("1", ex.sequenceLength, names, ploidy, ex.positions, siteMajor, ref, alt, java.util.Map.of());
  }

  /** The window's tree sequence threaded from the true targets, times and switches. */
  static TreeSequence threadTruth(TrainingExample ex, Haplotypes h, Window w) {
    int n = ex.n;
    int s = w.sites();
    int[] tg = new int[n * s];
    float[] tm = new float[n * s];
    byte[] sw = new byte[n * s];
    double[] p = new double[s];
    for (int l = 0; l < s; l++) {
      int site = w.first() + l;
      p[l] = h.positions()[site] - w.start();
      for (int i = 0; i < n; i++) {
        tg[i * s + l] = ex.target[i * ex.S + site];
        tm[i * s + l] = ex.joinTime[i * ex.S + site];
        sw[i * s + l] = l == 0 ? 0 : ex.switchFlag[i * ex.S + site];
      }
    }
    byte[] g = Windowing.observation(h, w, 1e-8, 1e-8).genotypes();
    return ThreadingArgBuilder.build(n, w.length(), p, tg, tm, sw, g);
  }

  static Set<BitSet> clades(TreeIterator t, int[] samples) {
    Set<BitSet> out = new HashSet<>();
    java.util.Map<Integer, BitSet> below = new java.util.HashMap<>();
    for (int i = 0; i < samples.length; i++) {
      for (int v = t.parent(samples[i]); v != -1; v = t.parent(v)) {
        below.computeIfAbsent(v, k -> new BitSet()).set(i);
      }
    }
    out.addAll(below.values());
    return out;
  }
}
