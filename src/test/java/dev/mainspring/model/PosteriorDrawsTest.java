package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.Observation;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The raw draws are the ones predict summarises: same seed, same samples, same quantiles. */
class PosteriorDrawsTest {
  @Test
  void drawsReproducePredictsSummary() {
    ModelConfig c = ModelConfig.preset("smoke");
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config.prior(c.samples(), c.sequenceLength(), c.mu(),
        c.rho(), CurriculumPhase.PHASE3).withMaxSites(c.maxSites()));
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; obs.size() < 3; i++) {
      var ex = sim.simulate(8, i);
      if (ex.S > 1) {
        obs.add(ex.observation());
      }
    }
    MainspringModel m = new MainspringModel(c, 2);
    try {
      Batch b = Batch.ofObservations(obs);
      int samples = 101; // odd: the median is one draw
      List<Prediction> p = m.predict(b, samples, 77);
      List<double[][]> d = m.posteriorDraws(b, samples, 77);
      assertEquals(3, d.size());
      for (int e = 0; e < 3; e++) {
        assertEquals(samples, d.get(e).length);
        for (int k = 0; k < 32; k++) {
          double[] col = new double[samples];
          for (int r = 0; r < samples; r++) {
            col[r] = d.get(e)[r][k];
          }
          Arrays.sort(col);
          assertEquals(p.get(e).log10NeMedian()[k], col[50], 1e-12, "example " + e + " k " + k);
          assertEquals(p.get(e).log10NeLo()[k], col[5], 1e-12);
          assertEquals(p.get(e).log10NeHi()[k], col[95], 1e-12);
        }
      }
    } finally {
      m.release();
    }
  }
}
