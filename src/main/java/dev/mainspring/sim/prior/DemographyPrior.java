package dev.mainspring.sim.prior;

import dev.mainspring.sim.Demography;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The seed's {@code sample_demography}: K size changes with K ~ U{minChanges..maxChanges} (the
 * seed's {@code rng.integers(1, 8)}, i.e. 1..7), change times ~ Exp(mean 5000 generations) sorted
 * with 0 prepended, and K+1 sizes 10^U(2, 5). Phase 1 (K = 0) is a constant size from the same
 * size prior.
 */
public final class DemographyPrior {
  public static final double MEAN_CHANGE_TIME = 5000;
  public static final double LOG10_SIZE_MIN = 2;
  public static final double LOG10_SIZE_MAX = 5;

  private DemographyPrior() {}

  public static Demography sample(CurriculumPhase phase, UniformRandomProvider rng) {
    return sample(phase.minChanges, phase.maxChanges, rng);
  }

  public static Demography sample(int minChanges, int maxChanges, UniformRandomProvider rng) {
    int k = minChanges + rng.nextInt(maxChanges - minChanges + 1);
    double[] times = new double[k + 1];
    for (int i = 1; i <= k; i++) {
      times[i] = -MEAN_CHANGE_TIME * Math.log(1.0 - rng.nextDouble());
    }
    Arrays.sort(times, 1, k + 1);
    for (int i = 1; i <= k; i++) {
      // Ties (or a draw of exactly 0) have probability ~2^-53; nudge so epochs stay well defined.
      if (times[i] <= times[i - 1]) {
        times[i] = Math.nextUp(times[i - 1]);
      }
    }
    double[] sizes = new double[k + 1];
    for (int i = 0; i <= k; i++) {
      sizes[i] = Math.pow(10, LOG10_SIZE_MIN + (LOG10_SIZE_MAX - LOG10_SIZE_MIN) * rng.nextDouble());
    }
    return Demography.epochs(times, sizes);
  }
}
