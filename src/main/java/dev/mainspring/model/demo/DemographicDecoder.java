package dev.mainspring.model.demo;

import dev.mainspring.data.Observation;
import dev.mainspring.model.flow.ConditionalAffineFlow;
import dev.mainspring.nn.Linear;
import dev.mainspring.nn.Mlp;
import dev.mainspring.nn.Module;
import dev.mainspring.nn.Parameter;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Seeds;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Clamp;
import dev.mainspring.tensor.ops.Concat;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Index;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.Reduce;
import dev.mainspring.tensor.ops.Slice;
import dev.mainspring.tensor.ops.SoftHistogram;
import dev.mainspring.tensor.ops.Where;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Stage 4 of MODEL.md: the demographic decoder. It summarises what the earlier stages inferred
 * into a context c and models the posterior of y = log10 N_e(t_k) on the 32-point grid
 * ({@link #gridTimes()}) with a conditional normalizing flow over standardised y.
 *
 * <ul>
 *   <li>{@link #context}: [soft histogram of log10 join times (32 bins over [0, 6]), pooled GNN
 *       states, log10 N_W, log S, folded SFS (16 bins, {@link FoldedSfs})] → MLP → c.
 *   <li>{@link #loss}: −log q(y*|c)/K + 0.01·KL(q(·|c) ‖ prior Gaussian), per example.
 *   <li>{@link #posterior}: median and 5–95% band of log10 N_e(t_k) from flow samples.
 * </ul>
 *
 * <p>The flow works in standardised space z = (y − μ_k)/σ_k with the prior's constants
 * ({@link PriorStatistics#standard()}). The coupling networks' last layers start at zero, so an
 * untrained flow is exactly the identity: q(·|c) starts as N(0, I) in standardised space, the
 * prior's marginals.
 */
public final class DemographicDecoder extends Module {
  /** K, the grid size. */
  public static final int GRID = Demography.GRID_POINTS;
  /** Bins of the join-time histogram, over log10 t ∈ [{@value #HIST_LO}, {@value #HIST_HI}]. */
  public static final int HIST_BINS = 32;
  public static final double HIST_LO = 0;
  public static final double HIST_HI = 6;
  /** Bins of the folded SFS. */
  public static final int SFS_BINS = 16;
  /** Weight of the KL term and number of Monte-Carlo samples per example (MODEL.md). */
  public static final double KL_WEIGHT = 0.01;
  public static final int KL_SAMPLES = 4;
  /** Fixed seed of the flow's coordinate shuffles: part of the architecture, not of a run. */
  static final long PERMUTATION_SEED = 0x444D4F47L;

  // Join times below this (generations) are clamped before the log: keeps log finite for
  // degenerate predictions; real coalescence times are orders of magnitude larger.
  private static final double MIN_JOIN_TIME = 1e-3;
  private static final double LN10 = Math.log(10);
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int gnnWidth;
  private final int contextWidth;
  private final ConditionalAffineFlow flow;
  private final Mlp contextNet;
  private final List<Mlp> couplingNets = new ArrayList<>();
  private final PriorStatistics prior;
  // How forward passes read parameters: their F32 values, or F64 copies in gradient checks.
  private Function<Parameter, Tensor> values = Parameter::value;

  /**
   * @param gnnWidth width of the pooled GNN states passed to {@link #context}
   * @param contextWidth width of c (MODEL.md: 128)
   * @param flowLayers number of coupling layers (MODEL.md: 8)
   * @param flowHidden width of the coupling networks' two hidden layers (MODEL.md: 128)
   * @param rng initialises the parameters
   */
  public DemographicDecoder(int gnnWidth, int contextWidth, int flowLayers, int flowHidden,
      UniformRandomProvider rng) {
    if (gnnWidth < 1 || contextWidth < 1 || flowLayers < 1 || flowHidden < 1) {
      throw new IllegalArgumentException("demographic decoder needs positive sizes, got gnnWidth "
          + gnnWidth + ", contextWidth " + contextWidth + ", flowLayers " + flowLayers
          + ", flowHidden " + flowHidden);
    }
    this.gnnWidth = gnnWidth;
    this.contextWidth = contextWidth;
    this.prior = PriorStatistics.standard();
    this.flow = new ConditionalAffineFlow(GRID, flowLayers, PERMUTATION_SEED);
    int in = HIST_BINS + gnnWidth + 2 + SFS_BINS;
    this.contextNet = register("context", new Mlp(rng, in, contextWidth, contextWidth));
    int kept = flow.keptSize();
    int changed = flow.transformedSize();
    for (int l = 0; l < flowLayers; l++) {
      Mlp net = register("coupling" + l,
          new Mlp(rng, kept + contextWidth, flowHidden, flowHidden, 2 * changed));
      Linear last = net.layers().get(net.layers().size() - 1);
      zero(last.weight());
      zero(last.bias());
      couplingNets.add(net);
    }
  }

  private static void zero(Parameter p) {
    Tensor v = p.value();
    v.backend().fill(v.storage(), v.offset(), v.numel(), 0.0);
  }

  /** The grid t_k = 10^(1 + 5k/31) generations, k = 0..31: the simulator's (Demography.gridTime). */
  public static double[] gridTimes() {
    double[] t = new double[GRID];
    for (int k = 0; k < GRID; k++) {
      t[k] = Demography.gridTime(k);
    }
    return t;
  }

  public int contextWidth() {
    return contextWidth;
  }

  /** The flow's layout (its coupling networks are this module's). */
  public ConditionalAffineFlow flow() {
    return flow;
  }

  /** The prior constants the decoder standardises with. */
  public PriorStatistics prior() {
    return prior;
  }

  /**
   * Makes forward passes read parameters through {@code f} instead of their own values. Tests use
   * it to run gradient checks in F64 against F64 copies of the F32 parameters.
   */
  void readParametersThrough(Function<Parameter, Tensor> f) {
    this.values = f == null ? Parameter::value : f;
  }

  private Tensor run(Mlp mlp, Tensor x) {
    List<Linear> layers = mlp.layers();
    Tensor h = x;
    for (int i = 0; i < layers.size(); i++) {
      Linear lin = layers.get(i);
      h = Arith.add(MatMul.apply(h, values.apply(lin.weight())), values.apply(lin.bias()));
      if (i + 1 < layers.size()) {
        h = Elementwise.gelu(h);
      }
    }
    return h;
  }

  // ---- context ------------------------------------------------------------------------------

  /**
   * The context c [B, contextWidth].
   *
   * @param joinTimes predicted join times in generations [B, n, S] (differentiable; valid entries
   *     must be positive)
   * @param mask [B, n, S], 1 for valid entries (i ≥ 1 and an unpadded site), 0 elsewhere (those
   *     entries may hold anything)
   * @param pooledStates mean-pooled GNN states [B, gnnWidth] (differentiable)
   * @param observations the B datasets, for log10 N_W, log S and the folded SFS
   */
  public Tensor context(Tensor joinTimes, Tensor mask, Tensor pooledStates,
      List<Observation> observations) {
    if (joinTimes.rank() != 3) {
      throw new IllegalArgumentException("join times must be [B, n, S], got " + joinTimes);
    }
    int b = joinTimes.dim(0);
    mask.requireShape(joinTimes.shape(), "demographic decoder mask");
    pooledStates.requireShape(new int[] {b, gnnWidth}, "pooled GNN states");
    if (observations.size() != b) {
      throw new IllegalArgumentException("need one observation per batch row: " + b + " rows, "
          + observations.size() + " observations");
    }
    if (joinTimes.dtype() != pooledStates.dtype() || mask.dtype() != joinTimes.dtype()) {
      throw new IllegalArgumentException("join times, mask and pooled states must share a dtype: "
          + joinTimes + ", " + mask + ", " + pooledStates);
    }
    // Padded entries may hold garbage (even NaN): replace them before the log so neither the
    // value nor the gradient sees them.
    Tensor safe = Clamp.apply(Where.apply(mask, joinTimes, 1.0), MIN_JOIN_TIME,
        Double.MAX_VALUE);
    Tensor log10t = Arith.scale(Elementwise.log(safe), 1 / LN10);
    double width = (HIST_HI - HIST_LO) / HIST_BINS;
    // SoftHistogram averages unnormalised kernels over the valid entries; rescale so an entry well
    // inside the range contributes total mass ≈ 1 (a distribution over bins).
    Tensor hist = Arith.scale(SoftHistogram.apply(log10t, mask, HIST_LO, HIST_HI, HIST_BINS, width),
        1 / Math.sqrt(2 * Math.PI));
    double[] scalars = new double[b * 2];
    double[] sfs = new double[b * SFS_BINS];
    for (int i = 0; i < b; i++) {
      Observation o = observations.get(i);
      scalars[2 * i] = Math.log10(o.timeScale() / 2);
      scalars[2 * i + 1] = Math.log(Math.max(o.S(), 1));
      System.arraycopy(FoldedSfs.of(o, SFS_BINS), 0, sfs, i * SFS_BINS, SFS_BINS);
    }
    Backend be = joinTimes.backend();
    DType dt = joinTimes.dtype();
    Tensor features = Concat.apply(List.of(hist, pooledStates, Tensor.of(be, dt, scalars, b, 2),
        Tensor.of(be, dt, sfs, b, SFS_BINS)), 1);
    return run(contextNet, features);
  }

  // ---- flow ---------------------------------------------------------------------------------

  /** The coupling networks conditioned on c [B, contextWidth]: MLP([kept, c]) → (shift, raw). */
  ConditionalAffineFlow.Conditioner conditioner(Tensor context) {
    int changed = flow.transformedSize();
    return (layer, kept) -> {
      Tensor out = run(couplingNets.get(layer), Concat.apply(List.of(kept, context), 1));
      return new ConditionalAffineFlow.Params(Slice.apply(out, 1, 0, changed),
          Slice.apply(out, 1, changed, 2 * changed));
    };
  }

  /** Standardises log10 N_e targets [B][K] with the prior's constants, as a tensor like c. */
  Tensor standardise(float[][] log10Ne, Tensor like) {
    double[] mu = prior.mean();
    double[] sd = prior.std();
    double[] z = new double[log10Ne.length * GRID];
    for (int i = 0; i < log10Ne.length; i++) {
      if (log10Ne[i].length != GRID) {
        throw new IllegalArgumentException("log10 N_e targets need " + GRID + " grid values, row "
            + i + " has " + log10Ne[i].length);
      }
      for (int k = 0; k < GRID; k++) {
        z[i * GRID + k] = (log10Ne[i][k] - mu[k]) / sd[k];
      }
    }
    return Tensor.of(like.backend(), like.dtype(), z, log10Ne.length, GRID);
  }

  /** log N(z; m, Σ + ridge·I) per row of z [R, K], through L⁻¹ as a constant matmul. */
  Tensor priorLogProb(Tensor z) {
    double[][] inv = prior.inverseCholesky();
    double[] flat = new double[GRID * GRID];
    for (int i = 0; i < GRID; i++) {
      System.arraycopy(inv[i], 0, flat, i * GRID, GRID);
    }
    Tensor invL = Tensor.of(z.backend(), z.dtype(), flat, GRID, GRID);
    Tensor m = Tensor.of(z.backend(), z.dtype(), prior.standardisedMean(), GRID);
    // Rows of (z − m)·L⁻ᵀ are L⁻¹(z_r − m).
    Tensor w = MatMul.apply(Arith.sub(z, m), invL, false, true);
    Tensor sq = Reduce.sum(Elementwise.square(w), 1, false);
    return Arith.affine(sq, -0.5, -0.5 * (prior.logDet() + GRID * LOG_2PI));
  }

  /** Standard normal base draws [rows, K] from {@code seed}, as a tensor like {@code like}. */
  static Tensor baseDraws(long seed, int rows, Tensor like) {
    UniformRandomProvider rng = Seeds.rng(seed);
    var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] eps = new double[rows * GRID];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = gauss.sample();
    }
    return Tensor.of(like.backend(), like.dtype(), eps, rows, GRID);
  }

  /**
   * Base draws laid out like {@link #tile}: row k·B + e is draw k of example e, whose draws come from
   * the stream (seed, exampleIds[e]).
   */
  private static Tensor exampleDraws(long seed, long[] exampleIds, int samples, Tensor like) {
    int b = exampleIds.length;
    double[] eps = new double[samples * b * GRID];
    for (int e = 0; e < b; e++) {
      var gauss = ZigguratSampler.NormalizedGaussian.of(Seeds.rng(Seeds.stream(seed, exampleIds[e])));
      for (int k = 0; k < samples; k++) {
        int row = k * b + e;
        for (int j = 0; j < GRID; j++) {
          eps[row * GRID + j] = gauss.sample();
        }
      }
    }
    return Tensor.of(like.backend(), like.dtype(), eps, samples * b, GRID);
  }

  private static long[] rowIds(int rows) {
    long[] ids = new long[rows];
    for (int r = 0; r < rows; r++) {
      ids[r] = r;
    }
    return ids;
  }

  /** Rows of c repeated: row r of the result is c[r mod B] ({@code copies} blocks of B rows). */
  private static Tensor tile(Tensor context, int copies) {
    int b = context.dim(0);
    int[] idx = new int[copies * b];
    for (int r = 0; r < idx.length; r++) {
      idx[r] = r % b;
    }
    return Index.select(context, Tensor.of(context.backend(), idx, idx.length));
  }

  /**
   * The {@value #KL_SAMPLES}-sample Monte-Carlo estimate of KL(q(·|c) ‖ N(m, Σ + ridge·I)) per
   * example [B]: mean over reparameterised samples z = f⁻¹(ε; c) of log q(z|c) − log p(z).
   */
  Tensor klEstimate(Tensor context, int samples, long seed) {
    return klEstimate(context, null, samples, seed);
  }

  /** As above, for the flow over z − anchor: samples are shifted back before the prior density. */
  Tensor klEstimate(Tensor context, double[][] anchor, int samples, long seed) {
    return klEstimate(context, anchor, samples, seed, rowIds(context.dim(0)));
  }

  /**
   * As above with example b's draws from its own stream (seed, exampleIds[b]), so an example's KL
   * estimate, like its Gumbel noise, does not depend on its batchmates or its row in the batch.
   */
  Tensor klEstimate(Tensor context, double[][] anchor, int samples, long seed, long[] exampleIds) {
    int b = context.dim(0);
    if (exampleIds.length != b) {
      throw new IllegalArgumentException("need one example id per batch row: " + b + " rows, " + exampleIds.length
          + " ids");
    }
    Tensor tiled = tile(context, samples);
    ConditionalAffineFlow.Sample s = flow.sample(exampleDraws(seed, exampleIds, samples, context),
        conditioner(tiled));
    Tensor y = anchor == null ? s.y() : Arith.add(s.y(), tile(anchorTensor(anchor, context), samples));
    Tensor diff = Arith.sub(s.logProb(), priorLogProb(y));
    return Reduce.mean(diff.reshape(samples, b), 0, false);
  }

  /**
   * The constant Watterson estimate per example in standardised units, a_k = (log10 N_W − μ_k)/σ_k,
   * [B][K]. The anchored methods run the flow over z − a, so an untrained decoder's posterior is
   * centred on the Watterson baseline instead of the prior mean (the same idea as the copying
   * decoder starting at nearest-haplotype copying): with the flow centred on the prior, ten
   * minutes of CPU training left the N_e RMSE on one seed's validation set above the Watterson
   * baseline (0.876 vs 0.838), the posterior having learned little beyond the prior. The shift is a
   * constant (unit Jacobian), so densities are unchanged and the flow can still undo it through c,
   * which carries log10 N_W.
   */
  public double[][] wattersonAnchor(List<Observation> observations) {
    double[] mu = prior.mean();
    double[] sd = prior.std();
    double[][] a = new double[observations.size()][GRID];
    for (int i = 0; i < a.length; i++) {
      double logNw = Math.log10(observations.get(i).timeScale() / 2);
      for (int k = 0; k < GRID; k++) {
        a[i][k] = (logNw - mu[k]) / sd[k];
      }
    }
    return a;
  }

  private static Tensor anchorTensor(double[][] anchor, Tensor like) {
    double[] flat = new double[anchor.length * GRID];
    for (int i = 0; i < anchor.length; i++) {
      System.arraycopy(anchor[i], 0, flat, i * GRID, GRID);
    }
    return Tensor.of(like.backend(), like.dtype(), flat, anchor.length, GRID);
  }

  private static void requireAnchor(double[][] anchor, int rows) {
    if (anchor != null && (anchor.length != rows || Arrays.stream(anchor).anyMatch(r -> r.length != GRID))) {
      throw new IllegalArgumentException("need one " + GRID + "-point anchor per batch row (" + rows + ")");
    }
  }

  // ---- loss and posterior -------------------------------------------------------------------

  /**
   * L_demo per example [B] = −log q(y*|c)/K + 0.01·KL, y* the standardised truth, KL the
   * {@value #KL_SAMPLES}-sample estimate with base draws from {@code seed}.
   *
   * @param context c [B, contextWidth] from {@link #context}
   * @param log10NeTruth [B][32] true log10 N_e on the grid (TrainingExample.logNeGrid)
   * @param seed seeds the KL's base draws (vary it per step)
   */
  public Tensor loss(Tensor context, float[][] log10NeTruth, long seed) {
    return loss(context, null, log10NeTruth, seed);
  }

  /** {@link #loss} with the flow over z − anchor ({@link #wattersonAnchor}); null: no anchor. */
  public Tensor loss(Tensor context, double[][] anchor, float[][] log10NeTruth, long seed) {
    return loss(context, anchor, log10NeTruth, seed, rowIds(context.dim(0)));
  }

  /** As above, example b's KL draws from the stream (seed, exampleIds[b]) (see {@link #klEstimate}). */
  public Tensor loss(Tensor context, double[][] anchor, float[][] log10NeTruth, long seed, long[] exampleIds) {
    requireContext(context);
    if (log10NeTruth.length != context.dim(0)) {
      throw new IllegalArgumentException("need one target per batch row: " + context.dim(0)
          + " rows, " + log10NeTruth.length + " targets");
    }
    requireAnchor(anchor, context.dim(0));
    Tensor z = standardise(log10NeTruth, context);
    if (anchor != null) {
      z = Arith.sub(z, anchorTensor(anchor, context));
    }
    Tensor nll = Arith.scale(flow.logProb(z, conditioner(context)), -1.0 / GRID);
    Tensor kl = klEstimate(context, anchor, KL_SAMPLES, seed, exampleIds);
    return Arith.add(nll, Arith.scale(kl, KL_WEIGHT));
  }

  /** Posterior summary of log10 N_e(t_k) for one dataset: pointwise median and 5% / 95% quantiles. */
  public record Summary(double[] median, double[] lo05, double[] hi95) {}

  /**
   * Posterior summaries per example from {@code samples} flow samples each (no tape). Base draws
   * come from {@code seed}, example b from its own stream, so a summary does not depend on the
   * rest of the batch.
   */
  public List<Summary> posterior(Tensor context, int samples, long seed) {
    return posterior(context, null, samples, seed);
  }

  /** {@link #posterior} of the flow over z − anchor ({@link #wattersonAnchor}); null: no anchor. */
  public List<Summary> posterior(Tensor context, double[][] anchor, int samples, long seed) {
    requireContext(context);
    requireAnchor(anchor, context.dim(0));
    if (samples < 2) {
      throw new IllegalArgumentException("posterior summaries need at least 2 samples, got "
          + samples);
    }
    List<Summary> out = new ArrayList<>(context.dim(0));
    // The summary of exactly the draws draws() returns, so evaluate's SBC and predict agree.
    for (double[][] d : draws(context, anchor, samples, seed)) {
      double[] median = new double[GRID];
      double[] lo = new double[GRID];
      double[] hi = new double[GRID];
      double[] col = new double[samples];
      for (int k = 0; k < GRID; k++) {
        for (int r = 0; r < samples; r++) {
          col[r] = d[r][k];
        }
        Arrays.sort(col);
        median[k] = quantile(col, 0.5);
        lo[k] = quantile(col, 0.05);
        hi[k] = quantile(col, 0.95);
      }
      out.add(new Summary(median, lo, hi));
    }
    return out;
  }

  /**
   * Raw posterior draws of log10 N_e(t_k) per example, [draw][k] (no tape), for calibration checks
   * such as SBC that need draws rather than {@link #posterior}'s summary. Example b's draws come
   * from its own stream of {@code seed}, as there.
   */
  public List<double[][]> draws(Tensor context, int samples, long seed) {
    return draws(context, null, samples, seed);
  }

  /** {@link #draws} of the flow over z − anchor ({@link #wattersonAnchor}); null: no anchor. */
  public List<double[][]> draws(Tensor context, double[][] anchor, int samples, long seed) {
    requireContext(context);
    requireAnchor(anchor, context.dim(0));
    if (samples < 1) {
      throw new IllegalArgumentException("need at least 1 draw, got " + samples);
    }
    int b = context.dim(0);
    double[] mu = prior.mean();
    double[] sd = prior.std();
    List<double[][]> out = new ArrayList<>(b);
    try (Tape.NoGrad ng = Tape.noGrad()) {
      for (int i = 0; i < b; i++) {
        double[] y;
        try (Scope s = Scope.open()) {
          int[] idx = new int[samples];
          Arrays.fill(idx, i);
          Tensor row = Index.select(context, Tensor.of(context.backend(), idx, samples));
          Tensor eps = baseDraws(Seeds.stream(seed, i), samples, context);
          y = flow.sample(eps, conditioner(row)).y().toDoubleArray();
        }
        double[][] d = new double[samples][GRID];
        for (int r = 0; r < samples; r++) {
          for (int k = 0; k < GRID; k++) {
            d[r][k] = (y[r * GRID + k] + (anchor == null ? 0 : anchor[i][k])) * sd[k] + mu[k];
          }
        }
        out.add(d);
      }
    }
    return out;
  }

  /** The p-quantile of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private void requireContext(Tensor context) {
    if (context.rank() != 2 || context.dim(1) != contextWidth) {
      throw new IllegalArgumentException("context must be [B, " + contextWidth + "], got "
          + context);
    }
  }
}
