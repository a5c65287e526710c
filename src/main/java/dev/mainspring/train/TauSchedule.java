package dev.mainspring.train;

/**
 * Gumbel-softmax temperature by step, the seed's exponential annealing
 * τ(t) = τ_max·(τ_min/τ_max)^(t/T): 5.0 at step 0 down to 0.05 at step T. (The seed's prose says
 * τ = 1 at the end of phase 1; its formula gives 3.1 there. MODEL.md says follow the formula.)
 */
public final class TauSchedule {
  private final double max;
  private final double min;
  private final long total;

  public TauSchedule(double tauMax, double tauMin, long totalSteps) {
    if (!(tauMax > 0) || !(tauMin > 0) || tauMin > tauMax || totalSteps < 1) {
      throw new IllegalArgumentException("need 0 < tauMin ≤ tauMax and T ≥ 1, got " + tauMin + ", " + tauMax
          + ", " + totalSteps);
    }
    this.max = tauMax;
    this.min = tauMin;
    this.total = totalSteps;
  }

  public double tau(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("step must be ≥ 0, got " + t);
    }
    return max * Math.pow(min / max, (double) t / total);
  }
}
