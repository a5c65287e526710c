package dev.mainspring.eval;

/**
 * Simulation-based calibration (Talts et al. 2018) of the N_e posterior at chosen grid times: for
 * each held-out example, the rank of the true log10 N_e(t_k) among L posterior draws (the number
 * of draws below it, 0..L). For a calibrated posterior the ranks are uniform on 0..L; a U shape
 * means an overconfident posterior, a hump an underconfident one, a slope a bias. Ranks are binned
 * into {@code bins} equal groups of rank values, and the chi-square statistic against uniform is
 * reported beside each histogram.
 */
public final class SbcRanks {
  private final int[] gridIndex;
  private final int draws;
  private final long[][] rankCounts;
  private int examples;

  /**
   * @param gridIndex the grid times k to check
   * @param draws L, posterior draws per example
   */
  public SbcRanks(int[] gridIndex, int draws) {
    if (draws < 1) {
      throw new IllegalArgumentException("need at least one posterior draw, got " + draws);
    }
    this.gridIndex = gridIndex.clone();
    this.draws = draws;
    this.rankCounts = new long[gridIndex.length][draws + 1];
  }

  /**
   * Adds one example.
   *
   * @param truth true log10 N_e on the whole grid
   * @param posterior draws [d][k] of log10 N_e on the whole grid
   */
  public void add(float[] truth, double[][] posterior) {
    if (posterior.length != draws) {
      throw new IllegalArgumentException("expected " + draws + " draws, got " + posterior.length);
    }
    for (int g = 0; g < gridIndex.length; g++) {
      int k = gridIndex[g];
      int rank = 0;
      for (double[] d : posterior) {
        if (d[k] < truth[k]) {
          rank++;
        }
      }
      rankCounts[g][rank]++;
    }
    examples++;
  }

  public int[] gridIndex() {
    return gridIndex.clone();
  }

  public int draws() {
    return draws;
  }

  public int examples() {
    return examples;
  }

  /** counts[g][r]: examples whose truth at grid time g had rank r. */
  public long[][] rankCounts() {
    long[][] out = new long[rankCounts.length][];
    for (int g = 0; g < out.length; g++) {
      out[g] = rankCounts[g].clone();
    }
    return out;
  }

  /** Ranks 0..L grouped into {@code bins} bins of (nearly) equal width; bins must divide L + 1. */
  public long[] binned(int g, int bins) {
    int values = draws + 1;
    if (bins < 1 || values % bins != 0) {
      throw new IllegalArgumentException(bins + " bins do not divide " + values + " rank values");
    }
    long[] out = new long[bins];
    int width = values / bins;
    for (int r = 0; r < values; r++) {
      out[r / width] += rankCounts[g][r];
    }
    return out;
  }

  /** Pearson chi-square of the binned ranks against uniform (bins − 1 degrees of freedom). */
  public double chiSquare(int g, int bins) {
    long[] b = binned(g, bins);
    double expected = examples / (double) bins;
    double chi = 0;
    for (long c : b) {
      chi += (c - expected) * (c - expected) / expected;
    }
    return chi;
  }
}
