package dev.mainspring.train;

/**
 * Learning rate by step: an optional linear warm-up, then cosine annealing from the base rate to
 * {@code etaMin}. Without warm-up, lr(t) = etaMin + (base − etaMin)·(1 + cos(π·t / T))/2 — the
 * closed form of torch.optim.lr_scheduler.CosineAnnealingLR with T_max = T after t scheduler steps
 * (like torch, it is periodic past T). With W warm-up steps, lr(t) = base·(t + 1)/W for t < W, and
 * the cosine then runs over the remaining T − W steps.
 */
public final class CosineSchedule {
  private final double base;
  private final long total;
  private final long warmup;
  private final double etaMin;

  /**
   * @param base peak learning rate
   * @param totalSteps T: steps until the rate reaches etaMin (warm-up included)
   * @param warmupSteps W ≥ 0 (0: none)
   * @param etaMin the final rate
   */
  public CosineSchedule(double base, long totalSteps, long warmupSteps, double etaMin) {
    if (totalSteps < 1 || warmupSteps < 0 || warmupSteps >= totalSteps) {
      throw new IllegalArgumentException("cosine schedule needs 0 ≤ warm-up < total steps, got "
          + warmupSteps + " and " + totalSteps);
    }
    this.base = base;
    this.total = totalSteps;
    this.warmup = warmupSteps;
    this.etaMin = etaMin;
  }

  /** The rate for step t (0-based: the rate of the first step is lr(0)). */
  public double lr(long t) {
    if (t < 0) {
      throw new IllegalArgumentException("step must be ≥ 0, got " + t);
    }
    if (t < warmup) {
      return base * (t + 1) / warmup;
    }
    double progress = (double) (t - warmup) / (total - warmup);
    return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * progress)) / 2;
  }
}
