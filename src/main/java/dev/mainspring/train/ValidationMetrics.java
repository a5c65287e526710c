package dev.mainspring.train;

import java.util.List;

/**
 * One validation: mean loss terms on the held-out set and the seed's diagnostics with both
 * baselines (from dev.mainspring.eval.Diagnostics), plus a few posteriors for the plots.
 *
 * @param count validation examples
 * @param loss mean loss terms under the full-prior weights (λ = 1, 1, 1) at the current τ
 * @param neRmse RMSE of the posterior median log10 N_e(t) on the grid
 * @param neRmseWatterson the same for the constant Watterson estimate (baseline)
 * @param targetAcc fraction of (i ≥ 1, site) whose argmax copying target is in J*
 * @param targetAccHamming the same for nearest-Hamming copying in the window (baseline)
 * @param coverage90 fraction of true join times inside the gamma 90% interval
 * @param coverage90ByBin that fraction per true-time bin (NaN where a bin is empty)
 * @param binLabels a label per bin, e.g. "[1e4,1e5)"
 * @param rfDistance mean normalised Robinson–Foulds distance of local trees at sampled sites
 * @param sfsResidual per frequency class k = 1..n-1: mean over examples of (ŝ_k − s_k)/sqrt(max(s_k, 1))
 * @param posteriors a few examples' N_e posteriors against their truth
 */
public record ValidationMetrics(int count, LossValues loss, double neRmse, double neRmseWatterson, double targetAcc,
    double targetAccHamming, double coverage90, double[] coverage90ByBin, List<String> binLabels, double rfDistance,
    double[] sfsResidual, List<PosteriorExample> posteriors) {

  /** One example's N_e(t) posterior summary and its true trajectory on the grid. */
  public record PosteriorExample(double[] gridTimes, double[] truthLog10Ne, double[] median, double[] lo,
      double[] hi) {}
}
