package dev.mainspring.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's three "when to stop" rules, checked after each validation:
 * <ol>
 *   <li>{@code plateau}: the validation loss has not improved (by the relative margin
 *       {@code minImprovement}) on its best for {@code plateauWindow} validations;
 *   <li>{@code calibrated}: the 90% gamma-interval coverage is within {@code tolerance} of 0.9 in
 *       every time bin that has data (the seed's "within 5% of the nominal level across all time
 *       scales"). We read 5% as 5 percentage points, |c − 0.9| ≤ 0.05, not 5% of 0.9 (0.045):
 *       coverage is itself a proportion, whose tolerances are stated in points (a 90% interval
 *       covering 85–95%), and the 0.005 between the readings is below what a 1,000-example
 *       validation set resolves (binomial s.e. of a 0.9 coverage ≈ 0.0095 even pooled over bins);
 *   <li>{@code ne_stalled}: the N_e RMSE has not improved on its best for {@code stallWindow}
 *       validations.
 * </ol>
 * The windows count validations; {@link #of} converts the config's windows in steps (the seed's
 * "plateaus for 50k steps") to ceil(steps / validateEvery) validations, at least one, so a
 * window is never shorter than the steps it names. The seed calls training complete when all three
 * hold. The history (one value per validation) is
 * part of a checkpoint so that a resumed run judges the same windows.
 */
public final class StoppingRules {
  public static final String PLATEAU = "plateau";
  public static final String CALIBRATED = "calibrated";
  public static final String NE_STALLED = "ne_stalled";

  private final int plateauWindow;
  private final int stallWindow;
  private final double tolerance;
  private final double minImprovement;
  private final List<Double> valLoss = new ArrayList<>();
  private final List<Double> neRmse = new ArrayList<>();

  public StoppingRules(int plateauWindow, int stallWindow, double tolerance, double minImprovement) {
    this.plateauWindow = plateauWindow;
    this.stallWindow = stallWindow;
    this.tolerance = tolerance;
    this.minImprovement = minImprovement;
  }

  /** The rules of a resolved config (validateEvery known), windows converted from steps. */
  public static StoppingRules of(TrainConfig c) {
    if (c.validateEvery() < 1) {
      throw new IllegalArgumentException("stopping rules need validateEvery resolved, got " + c.validateEvery());
    }
    return new StoppingRules(validations(c.plateauSteps(), c.validateEvery()),
        validations(c.stallSteps(), c.validateEvery()), c.calibrationTolerance(), c.minImprovement());
  }

  /** The number of validations, {@code validateEvery} steps apart, that span {@code steps} steps. */
  static int validations(int steps, int validateEvery) {
    return Math.max(1, Math.ceilDiv(steps, validateEvery));
  }

  public int plateauWindow() {
    return plateauWindow;
  }

  public int stallWindow() {
    return stallWindow;
  }

  /** Records a validation and returns which rules hold now (in the order above). */
  public Map<String, Boolean> update(double validationLoss, double neRmseValue, double[] coverageByBin) {
    valLoss.add(validationLoss);
    neRmse.add(neRmseValue);
    Map<String, Boolean> out = new LinkedHashMap<>();
    out.put(PLATEAU, stalled(valLoss, plateauWindow));
    out.put(CALIBRATED, calibrated(coverageByBin, tolerance));
    out.put(NE_STALLED, stalled(neRmse, stallWindow));
    return out;
  }

  /**
   * True when none of the last {@code window} values improved on the best value before them by
   * the relative margin (lower is better; NaN never improves). Needs window + 1 values.
   */
  boolean stalled(List<Double> values, int window) {
    if (values.size() <= window) {
      return false;
    }
    int split = values.size() - window;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < split; i++) {
      best = Math.min(best, nanToInf(values.get(i)));
    }
    for (int i = split; i < values.size(); i++) {
      double v = values.get(i);
      if (v < best - minImprovement * Math.abs(best)) {
        return false;
      }
    }
    return true;
  }

  private static double nanToInf(double v) {
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
  }

  /**
   * Every bin with data within {@code tol} of 0.9, an absolute tolerance in coverage units (see
   * the class comment), and at least one bin with data.
   */
  static boolean calibrated(double[] coverageByBin, double tol) {
    int seen = 0;
    for (double c : coverageByBin) {
      if (Double.isNaN(c)) {
        continue;
      }
      seen++;
      if (Math.abs(c - 0.9) > tol) {
        return false;
      }
    }
    return seen > 0;
  }

  public static boolean all(Map<String, Boolean> rules) {
    return !rules.isEmpty() && rules.values().stream().allMatch(Boolean::booleanValue);
  }

  public List<Double> validationLossHistory() {
    return List.copyOf(valLoss);
  }

  public List<Double> neRmseHistory() {
    return List.copyOf(neRmse);
  }

  /** Restores the histories saved in a checkpoint. */
  public void restore(List<Double> losses, List<Double> rmses) {
    valLoss.clear();
    valLoss.addAll(losses);
    neRmse.clear();
    neRmse.addAll(rmses);
  }
}
