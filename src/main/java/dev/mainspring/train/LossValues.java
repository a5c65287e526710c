package dev.mainspring.train;

import dev.mainspring.model.LossTerms;

/** The loss terms of one step (or a validation mean) as plain numbers, for logs and checks. */
public record LossValues(double total, double topo, double time, double sfs, double demo, double entropy) {
  public static LossValues of(LossTerms t) {
    return new LossValues(t.total().item(), t.topo().item(), t.time().item(), t.sfs().item(), t.demo().item(),
        t.entropy());
  }

  public boolean finite() {
    return Double.isFinite(total) && Double.isFinite(topo) && Double.isFinite(time) && Double.isFinite(sfs)
        && Double.isFinite(demo);
  }

  /** This weighted by w plus {@code other} weighted by v (for running means over batches). */
  public LossValues weightedSum(double w, LossValues other, double v) {
    return new LossValues(w * total + v * other.total, w * topo + v * other.topo, w * time + v * other.time,
        w * sfs + v * other.sfs, w * demo + v * other.demo, w * entropy + v * other.entropy);
  }

  public static final LossValues ZERO = new LossValues(0, 0, 0, 0, 0, 0);
}
