package dev.mainspring.eval;

/**
 * The join-time bins of the calibration diagnostics: bin k = [10^k, 10^{k+1}) generations for
 * k = 0..5. Times below 1 generation fall in bin 0 and times at or above 10^6 in bin 5, so every
 * join time is counted somewhere (both extremes are rare under the training prior: coalescences
 * within one generation, or older than a million).
 */
public final class TimeBins {
  public static final int COUNT = 6;

  private TimeBins() {}

  public static int of(double generations) {
    if (!(generations >= 10)) {
      return 0; // includes NaN-free times below 10 and sub-generation ones
    }
    int k = (int) Math.floor(Math.log10(generations));
    return Math.min(k, COUNT - 1);
  }

  /** "[1e3, 1e4)" style label of bin k. */
  public static String label(int k) {
    String hi = k == COUNT - 1 ? "inf" : "1e" + (k + 1);
    return "[1e" + k + ", " + hi + ")";
  }

  public static double lower(int k) {
    return Math.pow(10, k);
  }
}
