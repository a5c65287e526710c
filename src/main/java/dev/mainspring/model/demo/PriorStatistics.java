package dev.mainspring.model.demo;

import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.sim.prior.DemographyPrior;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The prior's summary statistics of the decoder's target y_k = log10 N_e(t_k) (MODEL.md, Stage 4):
 * the per-k mean and standard deviation that standardise y, and the ridge Gaussian
 * N(m, Σ + ridge·I) of standardised y that the KL term pulls the flow towards.
 *
 * <p>{@link #standard()} fits them to {@value #STANDARD_DRAWS} demographies of the full prior
 * (phase 3) drawn from the fixed seed {@value #STANDARD_SEED}, so training and inference recompute
 * identical constants instead of storing them in checkpoints. Everything is double precision and
 * single-threaded, so the result is bit-for-bit reproducible.
 *
 * <p>The ridge is not optional: grid times after the oldest possible size change always share one
 * size, so their columns of Σ are (nearly) identical and Σ alone is singular.
 */
public final class PriorStatistics {
  public static final long STANDARD_SEED = 0x4D41494E53505249L;
  public static final int STANDARD_DRAWS = 20_000;
  public static final double RIDGE = 0.01;

  private final double[] mean;
  private final double[] std;
  private final double[] zMean;
  private final double[][] covariance;
  private final double[][] cholesky;
  private final double[][] inverseCholesky;
  private final double logDet;

  private PriorStatistics(double[] mean, double[] std, double[] zMean, double[][] covariance,
      double ridge) {
    this.mean = mean;
    this.std = std;
    this.zMean = zMean;
    this.covariance = covariance;
    int k = mean.length;
    double[][] regularised = new double[k][k];
    for (int i = 0; i < k; i++) {
      regularised[i] = covariance[i].clone();
      regularised[i][i] += ridge;
    }
    this.cholesky = cholesky(regularised);
    this.inverseCholesky = invertLower(cholesky);
    double ld = 0;
    for (int i = 0; i < k; i++) {
      ld += 2 * Math.log(cholesky[i][i]);
    }
    this.logDet = ld;
  }

  private static final class Holder {
    static final PriorStatistics STANDARD = fit(draw(STANDARD_SEED, STANDARD_DRAWS), RIDGE);
  }

  /** The constants the decoder uses (fitted once per JVM, on first use). */
  public static PriorStatistics standard() {
    return Holder.STANDARD;
  }

  /**
   * {@code count} draws of y = log10 N_e on the model's grid from the full prior (phase 3), in
   * order, from one generator seeded with {@code seed}. The values are the float targets the
   * simulator stores ({@link Demography#logNeGrid()}), widened.
   */
  public static double[][] draw(long seed, int count) {
    if (count < 2) {
      throw new IllegalArgumentException("prior statistics need at least 2 draws, got " + count);
    }
    UniformRandomProvider rng = Seeds.rng(seed);
    double[][] y = new double[count][];
    for (int i = 0; i < count; i++) {
      float[] g = DemographyPrior.sample(CurriculumPhase.PHASE3, rng).logNeGrid();
      y[i] = new double[g.length];
      for (int k = 0; k < g.length; k++) {
        y[i][k] = g[k];
      }
    }
    return y;
  }

  /**
   * Fits the statistics to draws y [count][K]: mean and std per k (population std, dividing by
   * count), then mean and covariance (dividing by count) of z = (y − mean)/std, and the Cholesky
   * factor of covariance + ridge·I.
   */
  public static PriorStatistics fit(double[][] y, double ridge) {
    int n = y.length;
    if (n < 2) {
      throw new IllegalArgumentException("prior statistics need at least 2 draws, got " + n);
    }
    if (!(ridge >= 0)) {
      throw new IllegalArgumentException("ridge must be >= 0, got " + ridge);
    }
    int k = y[0].length;
    double[] mean = new double[k];
    for (double[] row : y) {
      if (row.length != k) {
        throw new IllegalArgumentException("every draw needs " + k + " grid values, got "
            + row.length);
      }
      for (int j = 0; j < k; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < k; j++) {
      mean[j] /= n;
    }
    double[] std = new double[k];
    for (double[] row : y) {
      for (int j = 0; j < k; j++) {
        double d = row[j] - mean[j];
        std[j] += d * d;
      }
    }
    for (int j = 0; j < k; j++) {
      std[j] = Math.sqrt(std[j] / n);
      if (!(std[j] > 0)) {
        throw new IllegalArgumentException("grid point " + j + " has zero spread in the draws: "
            + "cannot standardise");
      }
    }
    double[] zMean = new double[k];
    double[][] z = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        z[i][j] = (y[i][j] - mean[j]) / std[j];
        zMean[j] += z[i][j];
      }
    }
    for (int j = 0; j < k; j++) {
      zMean[j] /= n;
    }
    double[][] cov = new double[k][k];
    double[] d = new double[k];
    for (double[] row : z) {
      for (int j = 0; j < k; j++) {
        d[j] = row[j] - zMean[j];
      }
      for (int a = 0; a < k; a++) {
        double da = d[a];
        double[] ca = cov[a];
        for (int b = 0; b <= a; b++) {
          ca[b] += da * d[b];
        }
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b <= a; b++) {
        cov[a][b] /= n;
        cov[b][a] = cov[a][b];
      }
    }
    return new PriorStatistics(mean, std, zMean, cov, ridge);
  }

  /** Lower Cholesky factor L with L·Lᵀ = a; a must be symmetric positive definite. */
  static double[][] cholesky(double[][] a) {
    int k = a.length;
    double[][] l = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int p = 0; p < j; p++) {
          s -= l[i][p] * l[j][p];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("matrix is not positive definite (pivot " + i
                + " is " + s + ")");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }

  /** L⁻¹ of a lower-triangular L by forward substitution (it is lower-triangular too). */
  static double[][] invertLower(double[][] l) {
    int k = l.length;
    double[][] inv = new double[k][k];
    for (int c = 0; c < k; c++) {
      for (int i = c; i < k; i++) {
        double s = i == c ? 1.0 : 0.0;
        for (int p = c; p < i; p++) {
          s -= l[i][p] * inv[p][c];
        }
        inv[i][c] = s / l[i][i];
      }
    }
    return inv;
  }

  /** K, the number of grid points. */
  public int dim() {
    return mean.length;
  }

  /** Prior mean of y_k. */
  public double[] mean() {
    return mean.clone();
  }

  /** Prior standard deviation of y_k. */
  public double[] std() {
    return std.clone();
  }

  /** Mean m of standardised y (zero up to rounding, by construction; kept for exactness). */
  public double[] standardisedMean() {
    return zMean.clone();
  }

  /** Covariance Σ of standardised y, without the ridge. */
  public double[][] standardisedCovariance() {
    return deepClone(covariance);
  }

  /** Lower Cholesky factor L of Σ + ridge·I. */
  public double[][] cholesky() {
    return deepClone(cholesky);
  }

  /** L⁻¹: log N(z; m, LLᵀ) = −½|L⁻¹(z − m)|² − ½ log det − (K/2) log 2π. */
  public double[][] inverseCholesky() {
    return deepClone(inverseCholesky);
  }

  /** log det(Σ + ridge·I). */
  public double logDet() {
    return logDet;
  }

  private static double[][] deepClone(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
