package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.Prediction;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline after reading with a stand-in predictor (nearest-Hamming targets, times from the
 * mismatch count, a breakpoint every 7th site), so it is tested apart from the network: every
 * window is predicted once, in batches, and the result is a valid tree sequence with the data's
 * samples, sites and genotypes.
 */
class InferenceTest {
  static final ModelConfig CONFIG = new ModelConfig("test", 8, 3e4, 1.25e-8, 1e-8, 40, 16, 2, 1, 8, 1, 2, 32, 32);

  /** Hamming copying; join time s·(1 + windowed mismatches)/n; N_e median = log10 of the window's S. */
  static List<Prediction> standIn(Batch batch, List<Integer> sizes) {
    List<Prediction> out = new ArrayList<>();
    sizes.add(batch.size());
    for (Observation o : batch.observations()) {
      int n = o.n();
      int s = o.S();
      double[] d = new double[n * s];
      for (int k = 0; k < d.length; k++) {
        d[k] = o.genotypes()[k];
      }
      int[] target;
      try (Scope sc = Scope.open()) {
        target = HammingCopyingBaseline.apply(Tensor.of(d, 1, n, s), null, CONFIG.window()).toIntArray();
      }
      float[] time = new float[n * s];
      float[] b = new float[n * s];
      for (int i = 1; i < n; i++) {
        for (int l = 0; l < s; l++) {
          int mism = 0;
          for (int k = Math.max(0, l - 3); k <= Math.min(s - 1, l + 3); k++) {
            mism += o.genotypes()[i * s + k] != o.genotypes()[target[i * s + l] * s + k] ? 1 : 0;
          }
          time[i * s + l] = (float) (o.timeScale() * (1 + mism) / n);
          b[i * s + l] = l % 7 == 3 ? 0.9f : 0.1f;
        }
      }
      double[] grid = new double[32];
      double[] med = new double[32];
      for (int k = 0; k < 32; k++) {
        grid[k] = Math.pow(10, 1 + 5.0 * k / 31);
        med[k] = Math.log10(Math.max(s, 1));
      }
      out.add(new Prediction(n, s, target, new float[n * s], new float[n * s], o.timeScale(), time, b,
          new double[n - 1], grid, med, med, med));
    }
    return out;
  }

  @Test
  void simulatedChromosomeGivesAValidArgWithTheSameSamplesSitesAndGenotypes() {
    TrainingExample ex = new ExampleSimulator(ExampleSimulator.Config
        .fixed(8, 2e5, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, 2)).simulate(4, 0);
    Haplotypes h = TreeSequenceHaplotypes.of(ex.tables);
    List<Integer> batchSizes = new ArrayList<>();
    List<Integer> progress = new ArrayList<>();
    Inference.Result r = Inference.run((batch, samples, seed) -> standIn(batch, batchSizes), CONFIG, h,
        new Inference.Options(3, 10, 1, CONFIG.mu(), CONFIG.rho()), progress::add);
    TreeSequence ts = r.trees();
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    assertEquals(ex.sequenceLength, ts.sequenceLength);
    assertEquals(8, ts.numSamples());
    assertArrayEquals(ex.positions, ts.sitePosition);
    int[][] g = Genotypes.matrix(ts);
    for (int i = 0; i < 8; i++) {
      for (int l = 0; l < ex.S; l++) {
        assertEquals(ex.genotype(i, l), g[i][l], "genome " + i + " site " + l);
      }
    }
    long used = r.windows().stream().filter(w -> w.sites() > 0).count();
    assertEquals(used, batchSizes.stream().mapToInt(Integer::intValue).sum(), "each window predicted once");
    assertTrue(batchSizes.stream().allMatch(b -> b <= 3));
    assertEquals((int) used, progress.get(progress.size() - 1));
    assertTrue(r.splitWindows() > 0, "200 kb at this rate has more than 40 sites per 30 kb window");
    // N_e: the length-weighted mean of the windows' log10 S.
    double num = 0;
    double den = 0;
    for (var w : r.windows()) {
      if (w.sites() > 0) {
        num += w.length() * Math.log10(w.sites());
        den += w.length();
      }
    }
    assertEquals(num / den, r.ne().log10Median()[5], 1e-9);
    // Join runs keep nodes across sites: far fewer nodes than one per sample per site.
    assertTrue(ts.numNodes() < 8 + 7 * ex.S / 2, ts.numNodes() + " nodes for " + ex.S + " sites");
  }

  @Test
  void wrongGenomeCountAndBadModelOutputAreClearErrors() {
    TrainingExample ex = new ExampleSimulator(ExampleSimulator.Config
        .fixed(6, 5e4, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, 2)).simulate(4, 0);
    Haplotypes h = TreeSequenceHaplotypes.of(ex.tables);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Inference.run(
        (b, s, seed) -> List.of(), CONFIG, h, Inference.Options.defaults(CONFIG), k -> {}));
    assertTrue(e.getMessage().contains("6 genomes (3 individuals) but the model was trained for n = 8"),
        e.getMessage());
    TrainingExample ex8 = new ExampleSimulator(ExampleSimulator.Config
        .fixed(8, 5e4, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, 2)).simulate(4, 0);
    Haplotypes h8 = TreeSequenceHaplotypes.of(ex8.tables);
    IllegalStateException nan = assertThrows(IllegalStateException.class, () -> Inference.run((b, s, seed) -> {
      List<Prediction> p = standIn(b, new ArrayList<>());
      p.get(0).joinTime()[p.get(0).S() + 1] = Float.NaN;
      return p;
    }, CONFIG, h8, Inference.Options.defaults(CONFIG), k -> {}));
    assertTrue(nan.getMessage().contains("join time NaN for sample 1 at site 1 of window 0"), nan.getMessage());
  }
}
