package dev.mainspring.infer;

import dev.mainspring.model.Prediction;
import java.util.List;

/**
 * The N_e(t) posterior summary written by infer: per grid time, the median and the 5% and 95%
 * quantiles of log10 N_e.
 *
 * <p>Combining windows. Each window gives its own posterior for the same population history. We
 * report the length-weighted mean of the windows' log10 quantiles: the median is then a robust
 * average of per-window estimates, and the band is the typical single window's 90% band. This is
 * deliberately conservative: treating windows as independent evidence and multiplying their
 * posteriors would shrink the band like 1/sqrt(windows), but neighbouring windows share genealogy
 * and the flow's posteriors are not exact likelihoods, so that product would be overconfident.
 */
public record NeCurve(double[] gridTimes, double[] log10Median, double[] log10Lo, double[] log10Hi) {

  public static NeCurve combine(List<Prediction> predictions, double[] weights) {
    if (predictions.isEmpty()) {
      throw new IllegalArgumentException("no windows to combine");
    }
    if (weights.length != predictions.size()) {
      throw new IllegalArgumentException(predictions.size() + " predictions but " + weights.length + " weights");
    }
    double[] grid = predictions.get(0).gridTimes().clone();
    int k = grid.length;
    double[] med = new double[k];
    double[] lo = new double[k];
    double[] hi = new double[k];
    double total = 0;
    for (int w = 0; w < predictions.size(); w++) {
      Prediction p = predictions.get(w);
      if (p.gridTimes().length != k) {
        throw new IllegalArgumentException("window " + w + " has a grid of " + p.gridTimes().length + " times, not " + k);
      }
      double wt = weights[w];
      if (!(wt > 0)) {
        throw new IllegalArgumentException("weights must be positive, got " + wt);
      }
      total += wt;
      for (int t = 0; t < k; t++) {
        med[t] += wt * p.log10NeMedian()[t];
        lo[t] += wt * p.log10NeLo()[t];
        hi[t] += wt * p.log10NeHi()[t];
      }
    }
    for (int t = 0; t < k; t++) {
      med[t] /= total;
      lo[t] /= total;
      hi[t] /= total;
    }
    return new NeCurve(grid, med, lo, hi);
  }

  /** CSV with header {@code time_generations,ne_median,ne_q05,ne_q95} (diploid sizes, not logs). */
  public String csv() {
    StringBuilder b = new StringBuilder("time_generations,ne_median,ne_q05,ne_q95\n");
    for (int t = 0; t < gridTimes.length; t++) {
      b.append(num(gridTimes[t])).append(',').append(num(Math.pow(10, log10Median[t]))).append(',')
          .append(num(Math.pow(10, log10Lo[t]))).append(',').append(num(Math.pow(10, log10Hi[t]))).append('\n');
    }
    return b.toString();
  }

  private static String num(double x) {
    return String.format(java.util.Locale.ROOT, "%.6g", x);
  }
}
