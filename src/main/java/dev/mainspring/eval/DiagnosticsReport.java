package dev.mainspring.eval;

/**
 * The validation diagnostics of the seed's training chapter, with the baselines, over one
 * set of examples ({@link Diagnostics#compute}). Every "fraction" is in [0, 1] and NaN when there
 * was nothing to count.
 *
 * @param count examples
 * @param neRmse RMSE of the posterior median of log10 N_e against the truth over all grid points
 *     and examples
 * @param neRmseWatterson the same for the constant Watterson estimate log10 N_W, N_W = s/2
 * @param neRmsePerTime per grid time t_k (k = 0..31), over examples
 * @param neRmsePerTimeWatterson the Watterson baseline per grid time
 * @param gridTimes the grid times t_k in generations
 * @param targetAcc fraction of (i ≥ 1, l) whose predicted copying target is in J*_i(l)
 * @param targetAccHamming the same for nearest-Hamming copying in the model's window
 * @param coverage90 fraction of true join times inside the central 90% interval of the predicted
 *     Gamma posterior
 * @param coverage90ByBin the same per {@link TimeBins} bin of the true join time (NaN if empty)
 * @param binCounts join times per bin
 * @param levels the nominal levels of {@link #coverage} (0.5, 0.8, 0.9, 0.95)
 * @param coverage empirical coverage of the central interval at each level, over all join times
 * @param coverageByBin [level][bin] empirical coverage
 * @param rfDistance mean normalised Robinson–Foulds distance of predicted vs true local trees at
 *     the sampled sites
 * @param rfTrees local trees compared
 * @param sfsResidual per frequency class k = 1..n-1 (index k-1): mean over examples of
 *     (ŝ_k − s_k)/sqrt(max(s_k, 1))
 */
public record DiagnosticsReport(int count, double neRmse, double neRmseWatterson, double[] neRmsePerTime,
    double[] neRmsePerTimeWatterson, double[] gridTimes, double targetAcc, double targetAccHamming, double coverage90,
    double[] coverage90ByBin, long[] binCounts, double[] levels, double[] coverage, double[][] coverageByBin,
    double rfDistance, long rfTrees, double[] sfsResidual) {}
