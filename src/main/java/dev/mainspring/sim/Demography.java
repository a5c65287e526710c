package dev.mainspring.sim;

import java.util.Arrays;

/**
 * A piecewise-constant population-size history in msprime's conventions: epoch {@code k} starts
 * at {@code startTime[k]} generations ago ({@code startTime[0] = 0}) and has {@code size[k]}
 * diploid individuals, so a pair of lineages in one deme coalesces at rate {@code 1/(2 size)} per
 * generation. With {@code demes = 2} it is a symmetric island model: both demes follow the same
 * size history and each lineage migrates to the other deme at {@code migrationRate} per generation
 * (backwards in time).
 */
public final class Demography {
  /** Times of the model's N_e grid: t_k = 10^(1 + 5k/31) generations, k = 0..31 (MODEL.md). */
  public static final int GRID_POINTS = 32;

  private final double[] startTime;
  private final double[] size;
  private final int demes;
  private final double migrationRate;

  public Demography(double[] startTime, double[] size, int demes, double migrationRate) {
    if (startTime.length == 0 || startTime.length != size.length) {
      throw new IllegalArgumentException("need one size per epoch start time");
    }
    if (startTime[0] != 0) {
      throw new IllegalArgumentException("the first epoch must start at time 0, got " + startTime[0]);
    }
    for (int k = 0; k < size.length; k++) {
      if (!(size[k] > 0) || !Double.isFinite(size[k])) {
        throw new IllegalArgumentException("population sizes must be positive and finite, got " + size[k]);
      }
      if (k > 0 && !(startTime[k] > startTime[k - 1]) || !Double.isFinite(startTime[k])) {
        throw new IllegalArgumentException("epoch start times must be finite and strictly increasing, got "
            + Arrays.toString(startTime));
      }
    }
    if (demes != 1 && demes != 2) {
      throw new IllegalArgumentException("one or two demes are supported, got " + demes);
    }
    if (!(migrationRate >= 0) || !Double.isFinite(migrationRate)) {
      throw new IllegalArgumentException("migration rate must be finite and >= 0, got " + migrationRate);
    }
    this.startTime = startTime.clone();
    this.size = size.clone();
    this.demes = demes;
    this.migrationRate = demes == 1 ? 0 : migrationRate;
  }

  public static Demography constant(double size) {
    return new Demography(new double[] {0}, new double[] {size}, 1, 0);
  }

  public static Demography epochs(double[] startTime, double[] size) {
    return new Demography(startTime, size, 1, 0);
  }

  public int epochs() {
    return size.length;
  }

  public double startTime(int k) {
    return startTime[k];
  }

  public double size(int k) {
    return size[k];
  }

  public double[] startTimes() {
    return startTime.clone();
  }

  public double[] sizes() {
    return size.clone();
  }

  public int demes() {
    return demes;
  }

  public double migrationRate() {
    return migrationRate;
  }

  /** The same size history split into a two-deme island model. */
  public Demography withIsland(double migrationRate) {
    return new Demography(startTime, size, 2, migrationRate);
  }

  /** N(t) of each deme: the size of the epoch containing t (right-continuous, as the seed's ne_func). */
  public double sizeAt(double t) {
    int k = Arrays.binarySearch(startTime, t);
    if (k < 0) {
      k = -k - 2;
    }
    return size[Math.max(0, k)];
  }

  /** {@code ∫_0^t 1/(2 N(s)) ds}: the pair-coalescence hazard of one deme up to time t. */
  public double pairHazard(double t) {
    double h = 0;
    for (int k = 0; k < size.length && startTime[k] < t; k++) {
      double end = k + 1 < size.length ? Math.min(startTime[k + 1], t) : t;
      h += (end - startTime[k]) / (2 * size[k]);
    }
    return h;
  }

  public static double gridTime(int k) {
    return Math.pow(10, 1 + 5.0 * k / 31);
  }

  /** y_k = log10 N(t_k) on the model's 32-point grid. */
  public float[] logNeGrid() {
    float[] y = new float[GRID_POINTS];
    for (int k = 0; k < GRID_POINTS; k++) {
      y[k] = (float) Math.log10(sizeAt(gridTime(k)));
    }
    return y;
  }

  @Override
  public String toString() {
    return "Demography{start=" + Arrays.toString(startTime) + ", size=" + Arrays.toString(size)
        + (demes == 2 ? ", island m=" + migrationRate : "") + "}";
  }
}
