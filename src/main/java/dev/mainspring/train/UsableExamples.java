package dev.mainspring.train;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.sim.Seeds;

/**
 * Replaces examples the model cannot take: one with no segregating site carries no signal and the
 * model refuses it (a small population on a short genome, common at the smoke preset). Example k's
 * replacement is drawn from a stream of its own, seeded by (run seed, k), so the data stay a
 * function of (seed, k) and a resumed run draws the same replacements.
 */
final class UsableExamples {
  static final int MAX_TRIES = 1000;
  private static final long REPLACEMENT = 0x5245504CL;

  private UsableExamples() {}

  static boolean usable(TrainingExample ex) {
    return ex.S >= 1;
  }

  /** {@code ex} (example {@code index} of the stream {@code runSeed}) or its replacement. */
  static TrainingExample of(TrainingExample ex, ExampleSimulator sim, long runSeed, long index) {
    if (usable(ex)) {
      return ex;
    }
    long stream = Seeds.mix(runSeed ^ Seeds.mix(REPLACEMENT + index));
    for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
      TrainingExample r = sim.simulate(stream, attempt);
      if (usable(r)) {
        return r;
      }
    }
    throw new IllegalStateException("example " + index + " and " + MAX_TRIES + " replacements have no segregating "
        + "site: the prior (sizes, sequence length " + sim.config().length() + " bp, mu " + sim.config().mu()
        + ") yields no data");
  }
}
