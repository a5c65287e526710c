package dev.mainspring.model;

import dev.mainspring.model.dating.DatingGnn;
import dev.mainspring.model.demo.DemographicDecoder;
import dev.mainspring.model.encoder.GenomicEncoder;
import dev.mainspring.model.topology.BreakpointHead;
import dev.mainspring.model.topology.TopologyDecoder;
import dev.mainspring.nn.Module;
import dev.mainspring.sim.Seeds;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import dev.mainspring.tensor.ops.WindowedMismatch;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The four-stage network (MODEL.md): genomic encoder → topology decoder (copying attention with
 * Gumbel-softmax hard targets and a breakpoint head) → dating GNN on the per-site copying trees →
 * demographic decoder (conditional flow over log10 N_e), with the ARG threaded from hard targets and predicted times for the
 * differentiable SFS.
 *
 * <p>Parameters are F32 unless the model is built inside {@code Parameter.inDType(F64)} (gradient
 * checks); every batch tensor follows the parameters' dtype and backend (whichever backend is current).
 */
public final class MainspringModel extends Module {
  private final ModelConfig config;
  private final GenomicEncoder encoder;
  private final TopologyDecoder decoder;
  private final BreakpointHead breakpoints;
  private final DatingGnn dating;
  private final DemographicDecoder demography;
  private final DType dtype;
  private final Backend backend;
  // Off only in gradient checks: finite differences see the hard targets as piecewise constant, so
  // they agree with the exact gradient of the rest of the model, not with the straight-through one.
  private boolean straightThrough = true;
  /** Stream tag of the KL term's base draws (distinct from the Gumbel noise of the same seed). */
  private static final long DEMO_STREAM = 0x44454D4FL;

  /** A freshly initialised model; the same (config, seed) gives the same weights. */
  public MainspringModel(ModelConfig config, long seed) {
    this.config = config;
    UniformRandomProvider rng = Seeds.rng(seed);
    encoder = register("encoder", new GenomicEncoder(config.width(), config.heads(), config.blocks(),
        config.window(), rng));
    decoder = register("decoder", new TopologyDecoder(config.width(), rng));
    breakpoints = register("breakpoints", new BreakpointHead(config.width(), rng));
    dating = register("dating", new DatingGnn(config.width(), config.gnnRounds(), rng));
    demography = register("demography", new DemographicDecoder(config.width(), config.contextWidth(),
        config.flowLayers(), config.flowHidden(), rng));
    dtype = parameters().get(0).value().dtype();
    backend = parameters().get(0).value().backend();
  }

  /** Whether the hard targets pass the soft sample's gradient back (training: always). */
  void straightThrough(boolean on) {
    straightThrough = on;
  }

  public ModelConfig config() {
    return config;
  }

  /** Everything one forward pass produces that the losses and predictions read. */
  private record Forward(BatchTensors batch, Tensor z, Tensor logits, GumbelSoftmax.Sample sample,
      Tensor alpha, Tensor beta, Tensor joinTimes, DatingGnn.Output gnn, ThreadedTrees trees,
      Tensor expectedSfs, Tensor breakpointLogits, Tensor context) {}

  private Forward forward(Batch batch, boolean noise, double tau, long noiseSeed) {
    BatchTensors bt = new BatchTensors(batch, dtype, backend);
    int b = bt.batch;
    int s = bt.maxSites;
    Tensor z = encoder.forward(bt.genotypes, bt.siteFeatures, bt.siteMask, bt.scaledPositions);
    Tensor zSites = F.permute(z, 0, 2, 1, 3);
    Tensor[] scales = new Tensor[TopologyDecoder.SCALES.length];
    for (int k = 0; k < scales.length; k++) {
      scales[k] = WindowedMismatch.apply(bt.genotypes, bt.siteMask, config.window() * TopologyDecoder.SCALES[k]);
    }
    Tensor mismatch = scales[0];
    Tensor logits = decoder.logits(zSites, scales);
    GumbelSoftmax.Sample sample = noise
        ? gumbel(logits, bt, tau, noiseSeed)
        : F.gumbelArgmax(logits, bt.causalMask, 1.0);
    Tensor adjacency = straightThrough ? sample.hard() : sample.hard().copy();
    DatingGnn.Output gnn = dating.forward(zSites, adjacency, mismatch, bt.validSiteMajor);
    Tensor alpha = F.permute(gnn.alpha(), 0, 2, 1);
    Tensor beta = F.permute(gnn.beta(), 0, 2, 1);
    double[] scale = bt.timeScale.clone();
    Tensor timeScale = Tensor.of(bt.genotypes.backend(), dtype, scale, b, 1, 1);
    // Point estimate: the Gamma mean s·α/β in generations.
    Tensor joinTimes = F.mul(F.div(alpha, beta), timeScale);
    ThreadedTrees trees = ThreadedTrees.of(bt, sample.hard(), joinTimes);
    Tensor expectedSfs = DifferentiableSfs.apply(trees.parents, joinTimes, bt.span, bt.mu);
    Tensor bp = s >= 2 ? breakpoints.logits(z) : null;
    // Mean-pooled GNN states over the valid entries (i ≥ 1, real sites) feed Stage 4's context.
    Tensor pooledSum = F.sum(F.mul(gnn.states(), bt.validSiteMajor).reshape(b, -1, config.width()), 1, false);
    Tensor pooled = F.div(pooledSum, bt.validCount.reshape(b, 1));
    Tensor context = demography.context(joinTimes, bt.validSampleMajor, pooled, bt.observations);
    return new Forward(bt, z, logits, sample, alpha, beta, joinTimes, gnn, trees, expectedSfs, bp, context);
  }

  /**
   * Gumbel-softmax samples drawn per example over its own sites, from the stream (noiseSeed,
   * example seed): an example's noise, and so its losses, do not depend on its batchmates or on
   * padding (the op's noise is indexed by flat position, which padding would shift).
   */
  private static GumbelSoftmax.Sample gumbel(Tensor logits, BatchTensors bt, double tau, long noiseSeed) {
    int s = bt.maxSites;
    int n = bt.n;
    List<Tensor> hard = new ArrayList<>();
    List<Tensor> soft = new ArrayList<>();
    for (int b = 0; b < bt.batch; b++) {
      int se = bt.sites[b];
      Tensor own = F.slice(F.slice(logits, 0, b, b + 1), 1, 0, se);
      Tensor mask = F.slice(F.slice(bt.causalMask, 0, b, b + 1), 1, 0, se);
      GumbelSoftmax.Sample x = F.gumbelSoftmax(own, mask, tau, Seeds.stream(noiseSeed, bt.exampleIds[b]), 0);
      Tensor h = x.hard();
      Tensor q = x.soft();
      if (se < s) {
        Tensor pad = Tensor.zeros(logits.backend(), logits.dtype(), 1, s - se, n, n);
        h = F.concat(1, h, pad);
        q = F.concat(1, q, pad);
      }
      hard.add(h);
      soft.add(q);
    }
    return bt.batch == 1 ? new GumbelSoftmax.Sample(hard.get(0), soft.get(0))
        : new GumbelSoftmax.Sample(F.concat(hard, 0), F.concat(soft, 0));
  }

  /**
   * Forward pass with Gumbel-softmax hard targets at temperature {@code tau} (noise from
   * {@code noiseSeed}) and all losses; the batch must hold training examples.
   */
  public LossTerms losses(Batch batch, LossWeights weights, double tau, long noiseSeed) {
    if (batch.examples() == null) {
      throw new IllegalArgumentException("losses need a training batch (Batch.ofExamples)");
    }
    if (!(tau > 0)) {
      throw new IllegalArgumentException("Gumbel temperature must be > 0, got " + tau);
    }
    Forward f = forward(batch, true, tau, noiseSeed);
    BatchTensors bt = f.batch();
    Tensor topo = F.meanAll(F.add(ModelLosses.copying(f.logits(), bt),
        ModelLosses.breakpoints(f.breakpointLogits(), bt)));
    Tensor time = F.meanAll(ModelLosses.time(f.alpha(), f.beta(), bt));
    Tensor sfs = F.meanAll(ModelLosses.sfs(f.expectedSfs(), bt));
    Tensor demo = F.meanAll(demography.loss(f.context(), demography.wattersonAnchor(bt.observations),
        bt.targets.log10Ne, Seeds.stream(noiseSeed, DEMO_STREAM), bt.exampleIds));
    Tensor total = F.add(F.add(topo, F.scale(time, weights.time())),
        F.add(F.scale(sfs, weights.sfs()), F.scale(demo, weights.demo())));
    return new LossTerms(total, topo, time, sfs, demo, entropy(f.sample().soft(), bt));
  }

  /**
   * Mean entropy (nats) of the soft copying distributions over valid (i ≥ 1, real site) rows: the
   * recipe's "Gumbel-softmax entropy", read as the entropy of the soft sample the decoder hands on
   * (it "should decrease as τ anneals"), so it falls with τ as well as with the logits' confidence. Reduced
   * on the batch's backend and read as one number: the soft tensor is [B, S, n, n], too big to bring
   * to the host every training step on a GPU.
   */
  private static double entropy(Tensor soft, BatchTensors bt) {
    long rows = 0;
    for (int b = 0; b < bt.batch; b++) {
      rows += (long) bt.sites[b] * (bt.n - 1);
    }
    if (rows == 0) {
      return 0;
    }
    try (Tape.NoGrad ng = Tape.noGrad()) {
      // q·log max(q, tiny): 0·log 0 counts 0; rows i = 0 and padding are masked out by where.
      Tensor qLogQ = F.mul(soft, F.log(F.clamp(soft, 1e-30, 1.0)));
      return -F.sumAll(F.where(bt.validSiteMajor, qLogQ, 0.0)).item() / rows;
    }
  }

  /**
   * Inference without gradients: argmax targets, gamma posteriors, expected SFS and the N_e
   * posterior summarised from {@code posteriorSamples} flow samples drawn with {@code seed}.
   */
  public List<Prediction> predict(Batch batch, int posteriorSamples, long seed) {
    try (Tape.NoGrad ng = Tape.noGrad(); Scope scope = Scope.open()) {
      return predictions(forward(batch, false, 1.0, 0), posteriorSamples, seed);
    }
  }

  /**
   * {@link #predict} and {@link #posteriorDraws} of one batch from a single forward pass (the pass
   * draws no noise, so it is the same in both): the same values as the two calls with the same seeds,
   * at the cost of one pass. {@code draws} 0: no draws.
   */
  public PredictionsWithDraws predictWithDraws(Batch batch, int posteriorSamples, long seed, int draws,
      long drawSeed) {
    try (Tape.NoGrad ng = Tape.noGrad(); Scope scope = Scope.open()) {
      Forward f = forward(batch, false, 1.0, 0);
      List<Prediction> predictions = predictions(f, posteriorSamples, seed);
      return new PredictionsWithDraws(predictions, draws == 0 ? List.of() : draws(f, draws, drawSeed));
    }
  }

  /** Per dataset of a batch, its prediction and its raw N_e posterior draws ([dataset][draw][k]). */
  public record PredictionsWithDraws(List<Prediction> predictions, List<double[][]> draws) {}

  private List<Prediction> predictions(Forward f, int posteriorSamples, long seed) {
    List<Prediction> out = new ArrayList<>();
    BatchTensors bt = f.batch();
    int n = bt.n;
    int s = bt.maxSites;
    float[] alpha = f.alpha().toFloatArray();
    float[] beta = f.beta().toFloatArray();
    float[] join = f.joinTimes().toFloatArray();
    float[] bp = f.breakpointLogits() == null ? null : f.breakpointLogits().toFloatArray();
    double[] sfs = f.expectedSfs().toDoubleArray();
    List<DemographicDecoder.Summary> ne = demography.posterior(f.context(), demography.wattersonAnchor(f.batch().observations), posteriorSamples, seed);
    double[] grid = DemographicDecoder.gridTimes();
    for (int b = 0; b < bt.batch; b++) {
      int se = bt.sites[b];
      float[] shape = new float[n * se];
      float[] rate = new float[n * se];
      float[] time = new float[n * se];
      float[] prob = new float[n * se];
      for (int i = 1; i < n; i++) {
        for (int l = 0; l < se; l++) {
          int at = (b * n + i) * s + l;
          shape[i * se + l] = alpha[at];
          rate[i * se + l] = beta[at];
          time[i * se + l] = join[at];
          if (l >= 1) {
            double logit = bp[(b * n + i) * (s - 1) + l - 1];
            prob[i * se + l] = (float) (1 / (1 + Math.exp(-logit)));
          }
        }
      }
      double[] expected = java.util.Arrays.copyOfRange(sfs, b * (n - 1), (b + 1) * (n - 1));
      DemographicDecoder.Summary sum = ne.get(b);
      out.add(new Prediction(n, se, f.trees().targets()[b], shape, rate, bt.timeScale[b], time, prob, expected,
          grid.clone(), sum.median(), sum.lo05(), sum.hi95()));
    }
    return out;
  }

  /**
   * Raw posterior draws of log10 N_e(t_k) per dataset ([draw][k]) for calibration checks (SBC in
   * evaluate); {@link #predict} returns their summary.
   */
  public List<double[][]> posteriorDraws(Batch batch, int draws, long seed) {
    try (Tape.NoGrad ng = Tape.noGrad(); Scope scope = Scope.open()) {
      return draws(forward(batch, false, 1.0, 0), draws, seed);
    }
  }

  private List<double[][]> draws(Forward f, int draws, long seed) {
    return demography.draws(f.context(), demography.wattersonAnchor(f.batch().observations), draws, seed);
  }
}
