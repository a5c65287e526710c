package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.topology.TopologyDecoder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An untrained decoder is exactly the multi-scale nearest-haplotype copier TopologyDecoder's
 * javadoc describes: every predicted target minimises Σ_s p_s·M^s_ij(l) over j &lt; i, with the
 * mismatch counts M^s computed here directly.
 */
class MultiScaleCopyingTest {
  private static final double[] PENALTY = {1.0, 1.0 / 20, 1.0 / 200};

  @Test
  void untrainedTargetsMinimiseTheMultiScaleMismatch() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 5);
    List<TrainingExample> examples = SmokeExamples.of(c, 3, 17);
    List<Observation> obs = examples.stream().map(TrainingExample::observation).toList();
    List<Prediction> predictions = model.predict(Batch.ofObservations(obs), 8, 1);
    int checked = 0;
    int decidedByWideScales = 0;
    for (int b = 0; b < obs.size(); b++) {
      Observation o = obs.get(b);
      Prediction p = predictions.get(b);
      for (int l = 0; l < o.S(); l++) {
        for (int i = 1; i < o.n(); i++) {
          double best = Double.MAX_VALUE;
          int bestFine = Integer.MAX_VALUE;
          for (int j = 0; j < i; j++) {
            best = Math.min(best, score(o, i, j, l, c.window()));
            bestFine = Math.min(bestFine, mismatch(o, i, j, l, c.window()));
          }
          int chosen = p.target()[i * o.S() + l];
          double got = score(o, i, chosen, l, c.window());
          assertTrue(got <= best + 1e-3, "site " + l + " row " + i + ": chose " + chosen + " with score " + got
              + ", best is " + best);
          int ties = 0;
          for (int j = 0; j < i; j++) {
            ties += mismatch(o, i, j, l, c.window()) == bestFine ? 1 : 0;
          }
          decidedByWideScales += ties > 1 ? 1 : 0;
          checked++;
        }
      }
    }
    assertTrue(checked > 100);
    // The wider scales matter: many choices are ties at w alone.
    assertTrue(decidedByWideScales > checked / 10, decidedByWideScales + " of " + checked);
  }

  private static int mismatch(Observation o, int i, int j, int l, int half) {
    int m = 0;
    for (int q = Math.max(0, l - half); q <= Math.min(o.S() - 1, l + half); q++) {
      if (o.genotypes()[i * o.S() + q] != o.genotypes()[j * o.S() + q]) {
        m++;
      }
    }
    return m;
  }

  private static double score(Observation o, int i, int j, int l, int w) {
    double s = 0;
    for (int k = 0; k < TopologyDecoder.SCALES.length; k++) {
      s += PENALTY[k] * mismatch(o, i, j, l, w * TopologyDecoder.SCALES[k]);
    }
    return s;
  }
}
