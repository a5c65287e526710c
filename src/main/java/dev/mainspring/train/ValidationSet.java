package dev.mainspring.train;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.ExampleStream;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed held-out set: examples 0..V-1 of the run's validation stream, a stream of its own so
 * it never overlaps the training examples. Always drawn from the full prior (phase 3, 1-7 size
 * changes, no departures) whatever phase training is in: the numbers then measure one thing over
 * the whole run (a set that changed at phase boundaries would make the curves jump and the
 * plateau and stall rules compare different questions), and it is the distribution the Watterson
 * and Hamming baselines, and users' data, are about. The true tree sequences are kept for the
 * Robinson–Foulds diagnostic.
 */
public final class ValidationSet {
  public static final CurriculumPhase PRIOR = CurriculumPhase.PHASE3;

  private ValidationSet() {}

  public static ExampleSimulator.Config simulatorConfig(ModelConfig model) {
    return ExampleSimulator.Config.prior(model.samples(), model.sequenceLength(), model.mu(), model.rho(), PRIOR)
        .withMaxSites(model.maxSites()).withTables(true, 1);
  }

  public static List<TrainingExample> build(ModelConfig model, long seed, int size, int threads) {
    List<TrainingExample> out = new ArrayList<>(size);
    long stream = DataSeeds.validationData(seed);
    ExampleSimulator replacements = new ExampleSimulator(simulatorConfig(model));
    try (ExampleStream s = new ExampleStream(simulatorConfig(model), stream, 0, threads, Math.max(threads, 2))) {
      for (int k = 0; k < size; k++) {
        out.add(UsableExamples.of(s.next(), replacements, stream, k));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while simulating the validation set", e);
    }
    return List.copyOf(out);
  }
}
