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
    double rfDistance, long rfTrees, double[] sfsResidual) {

  /**
   * The metrics as JSON-ready values, under the keys issue 7 fixes for the training metrics JSONL
   * ({@code ne_rmse}, {@code ne_rmse_watterson}, {@code target_acc}, {@code target_acc_hamming},
   * {@code coverage90}, {@code coverage90_by_bin}) and the rest beside them. NaN (nothing to
   * count) becomes null; per-bin values are keyed by {@link TimeBins#label}.
   */
  public java.util.Map<String, Object> metrics() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("count", count);
    m.put("ne_rmse", num(neRmse));
    m.put("ne_rmse_watterson", num(neRmseWatterson));
    m.put("target_acc", num(targetAcc));
    m.put("target_acc_hamming", num(targetAccHamming));
    m.put("coverage90", num(coverage90));
    m.put("coverage90_by_bin", byBin(coverage90ByBin));
    m.put("join_times_by_bin", byBin(binCounts));
    m.put("rf_distance", num(rfDistance));
    m.put("rf_trees", rfTrees);
    java.util.Map<String, Object> levelsMap = new java.util.LinkedHashMap<>();
    for (int q = 0; q < levels.length; q++) {
      java.util.Map<String, Object> one = new java.util.LinkedHashMap<>();
      one.put("overall", num(coverage[q]));
      one.put("by_bin", byBin(coverageByBin[q]));
      levelsMap.put(String.valueOf(levels[q]), one);
    }
    m.put("coverage", levelsMap);
    m.put("grid_times", gridTimes);
    m.put("ne_rmse_per_time", nums(neRmsePerTime));
    m.put("ne_rmse_per_time_watterson", nums(neRmsePerTimeWatterson));
    m.put("sfs_residual", nums(sfsResidual));
    return m;
  }

  private static Object num(double x) {
    return Double.isFinite(x) ? x : null;
  }

  private static Object[] nums(double[] x) {
    Object[] out = new Object[x.length];
    for (int k = 0; k < x.length; k++) {
      out[k] = num(x[k]);
    }
    return out;
  }

  private static java.util.Map<String, Object> byBin(double[] x) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int b = 0; b < x.length; b++) {
      m.put(TimeBins.label(b), num(x[b]));
    }
    return m;
  }

  private static java.util.Map<String, Object> byBin(long[] x) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int b = 0; b < x.length; b++) {
      m.put(TimeBins.label(b), x[b]);
    }
    return m;
  }
}
