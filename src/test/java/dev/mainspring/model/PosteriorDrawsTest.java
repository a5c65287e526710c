package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.Observation;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The raw draws are the ones predict summarises: same seed, same samples, same quantiles; and the
 * one-pass predictWithDraws gives exactly what predict and posteriorDraws give with the same seeds.
 */
class PosteriorDrawsTest {
  static List<Observation> observations(ModelConfig c) {
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config.prior(c.samples(), c.sequenceLength(), c.mu(),
        c.rho(), CurriculumPhase.PHASE3).withMaxSites(c.maxSites()));
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; obs.size() < 3; i++) {
      var ex = sim.simulate(8, i);
      if (ex.S > 1) {
        obs.add(ex.observation());
      }
    }
    return obs;
  }

  @Test
  void drawsReproducePredictsSummary() {
    ModelConfig c = ModelConfig.preset("smoke");
    List<Observation> obs = observations(c);
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

  @Test
  void onePassEqualsPredictThenPosteriorDraws() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel m = new MainspringModel(c, 3);
    try {
      Batch b = Batch.ofObservations(observations(c));
      List<Prediction> p = m.predict(b, 64, 11);
      List<double[][]> d = m.posteriorDraws(b, 19, 12345);
      MainspringModel.PredictionsWithDraws both = m.predictWithDraws(b, 64, 11, 19, 12345);
      assertEquals(p.size(), both.predictions().size());
      for (int e = 0; e < p.size(); e++) {
        Prediction x = p.get(e);
        Prediction y = both.predictions().get(e);
        assertEquals(x.n(), y.n());
        assertEquals(x.S(), y.S());
        assertEquals(x.timeScale(), y.timeScale());
        assertArrayEquals(x.target(), y.target());
        assertArrayEquals(x.gammaShape(), y.gammaShape());
        assertArrayEquals(x.gammaRate(), y.gammaRate());
        assertArrayEquals(x.joinTime(), y.joinTime());
        assertArrayEquals(x.breakpointProb(), y.breakpointProb());
        assertArrayEquals(x.expectedSfs(), y.expectedSfs());
        assertArrayEquals(x.gridTimes(), y.gridTimes());
        assertArrayEquals(x.log10NeMedian(), y.log10NeMedian());
        assertArrayEquals(x.log10NeLo(), y.log10NeLo());
        assertArrayEquals(x.log10NeHi(), y.log10NeHi());
        assertArrayEquals(d.get(e), both.draws().get(e), "draws of dataset " + e);
      }
      assertEquals(d.size(), both.draws().size());
      assertEquals(List.of(), m.predictWithDraws(b, 64, 11, 0, 12345).draws(), "0 draws: none sampled");
    } finally {
      m.release();
    }
  }
}
