package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.encoder.GenomicEncoder;
import dev.mainspring.sim.Seeds;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenomicEncoderTest {
  private static final int WIDTH = 16;

  private static double[] encode(GenomicEncoder enc, List<Observation> obs) {
    BatchTensors bt = new BatchTensors(Batch.ofObservations(obs), DType.F32, dev.mainspring.tensor.Backends.cpu());
    return enc.forward(bt.genotypes, bt.siteFeatures, bt.siteMask, bt.scaledPositions).toDoubleArray();
  }

  @Test
  void permutingSamplesPermutesTheirEncodings() {
    ModelConfig c = ModelConfig.preset("smoke");
    Observation o = SmokeExamples.of(c, 1, 51).get(0).observation();
    int n = o.n();
    int s = o.S();
    int[] perm = {3, 0, 7, 5, 1, 6, 2, 4};
    byte[] g = new byte[n * s];
    for (int i = 0; i < n; i++) {
      System.arraycopy(o.genotypes(), perm[i] * s, g, i * s, s);
    }
    Observation permuted = new Observation(n, s, g, o.positions(), o.sequenceLength(), o.mu(), o.rho());
    GenomicEncoder enc = new GenomicEncoder(WIDTH, 2, 2, 4, Seeds.rng(9));
    try (Scope scope = Scope.open()) {
      double[] z = encode(enc, List.of(o));
      double[] zp = encode(enc, List.of(permuted));
      int row = s * WIDTH;
      double maxDiff = 0;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < row; k++) {
          maxDiff = Math.max(maxDiff, Math.abs(zp[i * row + k] - z[perm[i] * row + k]));
        }
      }
      assertTrue(maxDiff < 1e-5, "row i of the permuted encoding must be row perm[i]: max diff " + maxDiff);
      // And the encoding is not trivially row-independent: rows differ.
      double spread = 0;
      for (int k = 0; k < row; k++) {
        spread = Math.max(spread, Math.abs(z[k] - z[row + k]));
      }
      assertTrue(spread > 1e-2);
    }
  }

  @Test
  void paddingLeavesRealSitesUnchanged() {
    ModelConfig c = ModelConfig.preset("smoke");
    List<TrainingExample> ex = SmokeExamples.of(c, 2, 61);
    Observation shortOne = ex.get(0).S < ex.get(1).S ? ex.get(0).observation() : ex.get(1).observation();
    Observation longOne = ex.get(0).S < ex.get(1).S ? ex.get(1).observation() : ex.get(0).observation();
    GenomicEncoder enc = new GenomicEncoder(WIDTH, 2, 2, 4, Seeds.rng(9));
    try (Scope scope = Scope.open()) {
      double[] alone = encode(enc, List.of(shortOne));
      double[] padded = encode(enc, List.of(shortOne, longOne));
      int s = shortOne.S();
      int max = longOne.S();
      for (int i = 0; i < shortOne.n(); i++) {
        for (int l = 0; l < s; l++) {
          for (int k = 0; k < WIDTH; k++) {
            assertEquals(alone[(i * s + l) * WIDTH + k], padded[(i * max + l) * WIDTH + k], 1e-5);
          }
        }
      }
    }
  }
}
