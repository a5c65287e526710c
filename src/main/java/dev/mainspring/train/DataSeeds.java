package dev.mainspring.train;

import dev.mainspring.sim.Seeds;

/**
 * Every random stream of a run derives from its one seed, by counter rather than by a generator
 * that advances: training example k is {@code simulate(trainingData(seed), k)} with k = step·B + b,
 * the Gumbel noise of step t is {@code gumbel(seed, t)}, and the validation set is examples
 * 0..V-1 of {@code validationData(seed)}. So the "RNG state" a checkpoint must hold is only the
 * seed and the step, and a resumed run draws exactly what the uninterrupted run would have.
 */
public final class DataSeeds {
  private static final long TRAIN = 0x545241494EL;
  private static final long VALIDATION = 0x56414C4944L;
  private static final long GUMBEL = 0x47554D42454CL;
  private static final long PREDICT = 0x50524544L;

  private DataSeeds() {}

  public static long trainingData(long seed) {
    return Seeds.mix(seed ^ Seeds.mix(TRAIN));
  }

  public static long validationData(long seed) {
    return Seeds.mix(seed ^ Seeds.mix(VALIDATION));
  }

  /** Gumbel-softmax noise seed of training step {@code step}. */
  public static long gumbel(long seed, long step) {
    return Seeds.example(Seeds.mix(seed ^ Seeds.mix(GUMBEL)), step);
  }

  /** Noise of validation passes: fixed, so validations differ only by the weights. */
  public static long validationNoise(long seed) {
    return Seeds.mix(seed ^ Seeds.mix(PREDICT));
  }

  /** Index of example {@code slot} of step {@code step} in the training stream. */
  public static long exampleIndex(long step, int batchSize, int slot) {
    return step * batchSize + slot;
  }
}
