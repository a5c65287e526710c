package dev.mainspring.eval;

import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.JoinRuns;
import dev.mainspring.model.Prediction;
import dev.mainspring.sim.Seeds;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.GammaDistribution;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Computes the diagnostics shared by training validation and {@code evaluate}: model predictions
 * against the truth of the examples they were made from, beside the two baselines (a
 * constant Watterson N_e; nearest-Hamming copying). Predictions must be for exactly these
 * examples, in order (same n and S).
 */
public final class Diagnostics {
  /** Nominal levels of the calibration curve. */
  public static final double[] LEVELS = {0.5, 0.8, 0.9, 0.95};
  /** Local trees compared per example for the Robinson–Foulds distance (fewer if it has fewer sites). */
  public static final int RF_SITES = 20;
  /**
   * Band half-width of the Hamming baseline when the caller does not give the model's: the base
   * preset's w. Prefer {@link #compute(List, List, int, long)} with the model's config window.
   */
  public static final int DEFAULT_WINDOW = 64;
  private static final long RF_STREAM = 0x52465349L;

  private Diagnostics() {}

  /** {@link #compute(List, List, int, long)} with the Hamming baseline's window {@link #DEFAULT_WINDOW}. */
  public static DiagnosticsReport compute(List<TrainingExample> truth, List<Prediction> predictions, long seed) {
    return compute(truth, predictions, DEFAULT_WINDOW, seed);
  }

  /**
   * @param window band half-width w of the Hamming baseline: the model's {@code ModelConfig.window()}
   * @param seed picks the sites of the Robinson–Foulds comparison
   */
  public static DiagnosticsReport compute(List<TrainingExample> truth, List<Prediction> predictions, int window,
      long seed) {
    if (truth.size() != predictions.size()) {
      throw new IllegalArgumentException(truth.size() + " examples but " + predictions.size() + " predictions");
    }
    if (truth.isEmpty()) {
      throw new IllegalArgumentException("no examples to evaluate");
    }
    int grid = truth.get(0).logNeGrid.length;
    int maxClasses = 0;
    for (TrainingExample ex : truth) {
      maxClasses = Math.max(maxClasses, ex.n - 1);
    }
    double[] neSq = new double[grid];
    double[] neSqW = new double[grid];
    long hits = 0;
    long hitsHamming = 0;
    long targets = 0;
    int levels = LEVELS.length;
    long[][] covered = new long[levels][TimeBins.COUNT];
    long[] binCounts = new long[TimeBins.COUNT];
    double rfSum = 0;
    long rfTrees = 0;
    double[] sfsSum = new double[maxClasses];
    long[] sfsCount = new long[maxClasses];
    double[] gridTimes = predictions.get(0).gridTimes().clone();

    for (int e = 0; e < truth.size(); e++) {
      TrainingExample ex = truth.get(e);
      Prediction p = predictions.get(e);
      requireMatch(e, ex, p, grid);
      int n = ex.n;
      int s = ex.S;
      double logNw = Math.log10(ex.timeScale / 2);
      for (int k = 0; k < grid; k++) {
        double d = p.log10NeMedian()[k] - ex.logNeGrid[k];
        double dw = logNw - ex.logNeGrid[k];
        neSq[k] += d * d;
        neSqW[k] += dw * dw;
      }
      int[] hamming = hammingTargets(ex, window);
      for (int i = 1; i < n; i++) {
        for (int l = 0; l < s; l++) {
          int at = i * s + l;
          targets++;
          if (ex.inTargetSet(i, p.target()[at], l)) {
            hits++;
          }
          if (ex.inTargetSet(i, hamming[at], l)) {
            hitsHamming++;
          }
          double t = ex.joinTime[at];
          int bin = TimeBins.of(t);
          binCounts[bin]++;
          // t lies in the central interval [F⁻¹((1−c)/2), F⁻¹((1+c)/2)] of GammaDistribution.centralInterval
          // iff (1−c)/2 ≤ F(t/s) ≤ (1+c)/2 (F continuous and increasing): one CDF instead of 2 inverses per level.
          double u = GammaDistribution.cdf(p.gammaShape()[at], p.gammaRate()[at], t / p.timeScale());
          for (int q = 0; q < levels; q++) {
            double tail = 0.5 * (1 - LEVELS[q]);
            if (tail <= u && u <= 1 - tail) {
              covered[q][bin]++;
            }
          }
        }
      }
      if (s > 0 && n > 2) {
        UniformRandomProvider rng = Seeds.rng(Seeds.stream(Seeds.example(seed, e), RF_STREAM));
        // The predicted trees are the ones infer writes: join times merged over runs (PredictedArg).
        float[] runTimes = JoinRuns.smooth(n, s, p.target(), p.joinTime(), p.breakpointProb()).joinTime();
        for (int l : sampleSites(s, RF_SITES, rng)) {
          rfSum += RobinsonFoulds.normalised(tree(ex.target, ex.joinTime, n, s, l),
              tree(p.target(), runTimes, n, s, l), n);
          rfTrees++;
        }
      }
      for (int k = 1; k < n; k++) {
        double obs = ex.sfs[k - 1];
        sfsSum[k - 1] += (p.expectedSfs()[k - 1] - obs) / Math.sqrt(Math.max(obs, 1));
        sfsCount[k - 1]++;
      }
    }

    int m = truth.size();
    double[] perTime = new double[grid];
    double[] perTimeW = new double[grid];
    double all = 0;
    double allW = 0;
    for (int k = 0; k < grid; k++) {
      perTime[k] = Math.sqrt(neSq[k] / m);
      perTimeW[k] = Math.sqrt(neSqW[k] / m);
      all += neSq[k];
      allW += neSqW[k];
    }
    long joinTimes = 0;
    for (long c : binCounts) {
      joinTimes += c;
    }
    double[] coverage = new double[levels];
    double[][] coverageByBin = new double[levels][TimeBins.COUNT];
    for (int q = 0; q < levels; q++) {
      long sum = 0;
      for (int b = 0; b < TimeBins.COUNT; b++) {
        sum += covered[q][b];
        coverageByBin[q][b] = ratio(covered[q][b], binCounts[b]);
      }
      coverage[q] = ratio(sum, joinTimes);
    }
    int at90 = indexOfLevel(0.9);
    double[] sfsResidual = new double[maxClasses];
    for (int k = 0; k < maxClasses; k++) {
      sfsResidual[k] = sfsCount[k] == 0 ? Double.NaN : sfsSum[k] / sfsCount[k];
    }
    return new DiagnosticsReport(m, Math.sqrt(all / (m * (double) grid)), Math.sqrt(allW / (m * (double) grid)),
        perTime, perTimeW, gridTimes, ratio(hits, targets), ratio(hitsHamming, targets), coverage[at90],
        coverageByBin[at90].clone(), binCounts, LEVELS.clone(), coverage, coverageByBin,
        rfTrees == 0 ? Double.NaN : rfSum / rfTrees, rfTrees, sfsResidual);
  }

  private static void requireMatch(int e, TrainingExample ex, Prediction p, int grid) {
    if (p.n() != ex.n || p.S() != ex.S) {
      throw new IllegalArgumentException("prediction " + e + " is for n=" + p.n() + ", S=" + p.S()
          + " but its example has n=" + ex.n + ", S=" + ex.S);
    }
    if (ex.logNeGrid.length != grid || p.log10NeMedian().length != grid) {
      throw new IllegalArgumentException("example " + e + ": N_e grids differ in length (" + ex.logNeGrid.length
          + " true, " + p.log10NeMedian().length + " predicted, expected " + grid + ")");
    }
    if (p.expectedSfs().length < ex.n - 1) {
      throw new IllegalArgumentException("prediction " + e + ": expected SFS has " + p.expectedSfs().length
          + " classes, need " + (ex.n - 1));
    }
  }

  private static int[] hammingTargets(TrainingExample ex, int window) {
    if (ex.S == 0) {
      return new int[0];
    }
    double[] d = new double[ex.n * ex.S];
    for (int k = 0; k < d.length; k++) {
      d[k] = ex.genotypes[k];
    }
    try (Scope sc = Scope.open()) {
      Tensor g = Tensor.of(Backends.cpu(), DType.F32, d, 1, ex.n, ex.S);
      return HammingCopyingBaseline.apply(g, null, window).toIntArray();
    }
  }

  /** The local tree at site l threaded from per-sample targets and join times [i*S + l]. */
  static int[] tree(int[] target, float[] joinTime, int n, int s, int l) {
    int[] tg = new int[n];
    float[] tm = new float[n];
    for (int i = 1; i < n; i++) {
      tg[i] = target[i * s + l];
      tm[i] = joinTime[i * s + l];
    }
    return ThreadingArgBuilder.parents(tg, tm);
  }

  /** Up to k distinct sites of s, uniformly (partial Fisher–Yates), in increasing order. */
  static int[] sampleSites(int s, int k, UniformRandomProvider rng) {
    int[] all = new int[s];
    for (int l = 0; l < s; l++) {
      all[l] = l;
    }
    int take = Math.min(k, s);
    for (int a = 0; a < take; a++) {
      int b = a + rng.nextInt(s - a);
      int tmp = all[a];
      all[a] = all[b];
      all[b] = tmp;
    }
    int[] out = java.util.Arrays.copyOf(all, take);
    java.util.Arrays.sort(out);
    return out;
  }

  private static int indexOfLevel(double level) {
    for (int q = 0; q < LEVELS.length; q++) {
      if (LEVELS[q] == level) {
        return q;
      }
    }
    throw new IllegalStateException("no level " + level);
  }

  private static double ratio(long num, long den) {
    return den == 0 ? Double.NaN : num / (double) den;
  }
}
