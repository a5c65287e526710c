package dev.mainspring.model;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.List;

/** Simulated training examples shaped like a preset's (fixed seeds, so tests are reproducible). */
final class SmokeExamples {
  private SmokeExamples() {}

  static List<TrainingExample> of(ModelConfig c, int count, long seed) {
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config
        .prior(c.samples(), c.sequenceLength(), c.mu(), c.rho(), CurriculumPhase.PHASE1).withMaxSites(c.maxSites()));
    List<TrainingExample> out = new ArrayList<>();
    for (int k = 0; out.size() < count; k++) {
      TrainingExample e = sim.simulate(seed, k);
      if (e.S >= 2) {
        out.add(e);
      }
    }
    return out;
  }
}
