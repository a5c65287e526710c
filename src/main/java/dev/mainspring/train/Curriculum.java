package dev.mainspring.train;

import dev.mainspring.model.LossWeights;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.List;

/**
 * The seed's four curriculum phases over a run of T steps: which demography prior the training
 * examples come from and the λ weights of the loss, by step. Phase k+1 starts at step
 * round(f_k·T) for the boundary fractions f (seed: 0.1, 0.3, 0.8, i.e. 100k/300k/800k of 1M), and
 * step t is in phase 1 + #{k : t ≥ start_k}, as the seed's {@code sum(step >= b)}.
 */
public final class Curriculum {
  /** One phase: its number (1..4), its prior, its λ weights and its first step. */
  public record Phase(int number, CurriculumPhase prior, LossWeights weights, long firstStep) {
    public String label() {
      return prior.label();
    }
  }

  /** The seed's λ table (λ_time, λ_SFS, λ_demo) for phases 1..4. */
  public static final List<LossWeights> SEED_WEIGHTS = List.of(
      new LossWeights(1.0, 0.1, 0.0),
      new LossWeights(1.0, 0.5, 0.1),
      new LossWeights(1.0, 1.0, 1.0),
      new LossWeights(1.0, 1.0, 1.0));

  private static final CurriculumPhase[] PRIORS = CurriculumPhase.values();

  private final long total;
  private final long[] starts = new long[4];

  public Curriculum(long totalSteps, List<Double> boundaries) {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("curriculum needs at least one step, got " + totalSteps);
    }
    if (boundaries.size() != 3) {
      throw new IllegalArgumentException("need 3 phase boundaries, got " + boundaries);
    }
    this.total = totalSteps;
    for (int k = 0; k < 3; k++) {
      starts[k + 1] = Math.round(boundaries.get(k) * totalSteps);
      if (starts[k + 1] < starts[k]) {
        throw new IllegalArgumentException("phase boundaries must increase, got " + boundaries);
      }
    }
  }

  public long totalSteps() {
    return total;
  }

  /** First step of phase {@code number} (1..4); equal to T when the phase never runs. */
  public long start(int number) {
    return Math.min(starts[number - 1], total);
  }

  /** The phase step {@code t} trains in. */
  public Phase at(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("step must be ≥ 0, got " + t);
    }
    int k = 0;
    for (int b = 1; b < 4; b++) {
      if (t >= starts[b]) {
        k = b;
      }
    }
    return new Phase(k + 1, PRIORS[k], SEED_WEIGHTS.get(k), starts[k]);
  }
}
