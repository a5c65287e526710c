package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.ModelConfig;
import org.junit.jupiter.api.Test;

class UsableExamplesTest {
  @Test
  void siteLessExamplesGetADeterministicReplacement() {
    Curriculum.Phase phase1 = new Curriculum(10, TrainConfig.SEED_BOUNDARIES).at(0);
    ExampleSimulator sim = new ExampleSimulator(BatchStream.simulatorConfig(ModelConfig.preset("smoke"), phase1));
    int replaced = 0;
    for (long k = 0; k < 100; k++) {
      TrainingExample ex = sim.simulate(5, k);
      TrainingExample u = UsableExamples.of(ex, sim, 5, k);
      assertTrue(u.S >= 1);
      if (ex.S >= 1) {
        assertSame(ex, u);
      } else {
        replaced++;
        TrainingExample again = UsableExamples.of(sim.simulate(5, k), new ExampleSimulator(sim.config()), 5, k);
        assertEquals(u.seed, again.seed);
        assertArrayEquals(u.genotypes, again.genotypes);
      }
    }
    assertTrue(replaced > 0, "the smoke preset's phase 1 makes site-less examples (N_e down to 100 on 20 kb)");
  }
}
