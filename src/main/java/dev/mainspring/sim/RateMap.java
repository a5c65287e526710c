package dev.mainspring.sim;

import java.util.Arrays;

/**
 * A piecewise-constant recombination rate along {@code [0, L)} (per bp per generation), as
 * msprime's {@code RateMap}: {@code position[0] = 0 < position[1] < ... < position[m] = L} with
 * {@code rate[k]} on {@code [position[k], position[k+1])}. The simulator needs the mass (integral
 * of the rate) between two positions and the inverse: the position at which a given fraction of
 * the mass between two positions is reached. A single-interval map takes the arithmetic fast path.
 */
public final class RateMap {
  private final double[] position;
  private final double[] rate;
  private final double[] cumulative; // mass from 0 to position[k]
  private final boolean uniform;
  private final double uniformRate;

  public RateMap(double[] position, double[] rate) {
    if (position.length != rate.length + 1 || rate.length == 0) {
      throw new IllegalArgumentException("a rate map needs m+1 positions for m rates");
    }
    if (position[0] != 0) {
      throw new IllegalArgumentException("a rate map starts at position 0");
    }
    for (int k = 0; k < rate.length; k++) {
      if (!(position[k + 1] > position[k]) || !Double.isFinite(position[k + 1])) {
        throw new IllegalArgumentException("rate map positions must be finite and increasing");
      }
      if (!(rate[k] >= 0) || !Double.isFinite(rate[k])) {
        throw new IllegalArgumentException("rates must be finite and >= 0, got " + rate[k]);
      }
    }
    this.position = position.clone();
    this.rate = rate.clone();
    cumulative = new double[position.length];
    for (int k = 0; k < rate.length; k++) {
      cumulative[k + 1] = cumulative[k] + rate[k] * (position[k + 1] - position[k]);
    }
    uniform = rate.length == 1;
    uniformRate = rate[0];
  }

  public static RateMap uniform(double sequenceLength, double rate) {
    if (!(sequenceLength > 0) || !Double.isFinite(sequenceLength)) {
      throw new IllegalArgumentException("sequence length must be positive, got " + sequenceLength);
    }
    return new RateMap(new double[] {0, sequenceLength}, new double[] {rate});
  }

  public double sequenceLength() {
    return position[position.length - 1];
  }

  public boolean isUniform() {
    return uniform;
  }

  /** Total mass divided by length: the rate a uniform map would need for the same mass. */
  public double meanRate() {
    return uniform ? uniformRate : cumulative[cumulative.length - 1] / sequenceLength();
  }

  public double totalMass() {
    return cumulative[cumulative.length - 1];
  }

  public double[] positions() {
    return position.clone();
  }

  public double[] rates() {
    return rate.clone();
  }

  /** Mass from 0 to {@code x}. */
  public double cumulativeMass(double x) {
    if (uniform) {
      return uniformRate * x;
    }
    int k = interval(x);
    return cumulative[k] + rate[k] * (x - position[k]);
  }

  /** Mass of {@code [a, b)}. */
  public double mass(double a, double b) {
    if (uniform) {
      return uniformRate * (b - a);
    }
    return cumulativeMass(b) - cumulativeMass(a);
  }

  /**
   * The position in {@code [a, b]} at which the mass from {@code a} reaches {@code fraction} of
   * the mass of {@code [a, b)}.
   */
  public double positionAt(double a, double b, double fraction) {
    if (uniform) {
      return a + fraction * (b - a);
    }
    double ma = cumulativeMass(a);
    double target = ma + fraction * (cumulativeMass(b) - ma);
    // Last interval whose starting cumulative mass is <= target, skipping zero-rate stretches.
    int k = Arrays.binarySearch(cumulative, target);
    if (k < 0) {
      k = -k - 2;
    }
    k = Math.max(0, Math.min(k, rate.length - 1));
    while (k < rate.length - 1 && rate[k] == 0) {
      k++;
    }
    double x = rate[k] == 0 ? position[k] : position[k] + (target - cumulative[k]) / rate[k];
    return Math.max(a, Math.min(b, x));
  }

  private int interval(double x) {
    int k = Arrays.binarySearch(position, x);
    if (k < 0) {
      k = -k - 2;
    }
    return Math.max(0, Math.min(k, rate.length - 1));
  }
}
