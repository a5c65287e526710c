package dev.mainspring.train;

import dev.mainspring.model.Batch;
import dev.mainspring.model.LossTerms;
import dev.mainspring.model.LossWeights;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Scope;
import java.util.List;

/**
 * One optimiser step, the seed's loop body: losses → backward → clip the global gradient norm →
 * AdamW → zero the gradients. Everything the forward and backward allocate lives in one scope that
 * closes with the step, so memory stays flat over a run (parameters, gradients and moments live
 * outside every scope). A non-finite loss or gradient norm leaves the weights untouched.
 */
public final class TrainStep {
  /** The step's losses, the pre-clip gradient norm, and whether the weights were updated. */
  public record Result(LossValues loss, double gradNorm, boolean applied) {}

  private final MainspringModel model;
  private final AdamW optimizer;
  private final List<Parameter> params;
  private final double clip;

  public TrainStep(MainspringModel model, AdamW optimizer, double clip) {
    this.model = model;
    this.optimizer = optimizer;
    this.params = model.parameters();
    this.clip = clip;
  }

  public Result run(Batch batch, LossWeights weights, double tau, double lr, long noiseSeed) {
    try (Scope s = Scope.open()) {
      LossTerms terms = model.losses(batch, weights, tau, noiseSeed);
      LossValues loss = LossValues.of(terms);
      if (!loss.finite()) {
        return new Result(loss, Double.NaN, false);
      }
      Autograd.backward(terms.total());
      GradClip.Result norm = GradClip.clipGlobalNorm(params, clip);
      if (!norm.finite()) {
        model.zeroGrad();
        return new Result(loss, norm.norm(), false);
      }
      optimizer.setLr(lr);
      optimizer.step();
      model.zeroGrad();
      return new Result(loss, norm.norm(), true);
    }
  }

  /**
   * AdamW as the seed prescribes (lr, weight decay 1e-2), with one deliberate departure: the seed
   * decays every parameter, we decay matrices only. Decay pulls a parameter towards 0, which is the
   * neutral value of a weight matrix but not of the rank ≤ 1 parameters: LayerNorm gains start at
   * 1, and the mismatch-penalty weights c_s (TopologyDecoder) and the encoder's distance-decay
   * rates a_h are softplus-parameterised, so c → 0 means a penalty of softplus(0) = ln 2, not 0.
   * The c_s start at softplus⁻¹(1, 1/20, 1/200) so that the untrained decoder is the
   * multi-scale nearest-haplotype copier; over the base run's 1M steps decay alone would multiply c
   * by about exp(−Σ lr_t·wd) ≈ 0.22, moving the 1/200 tie-break weight to ≈ 0.27 and undoing that
   * initialisation wherever the gradient is weak. Biases are left alone as usual for transformers.
   */
  public static AdamW optimizer(MainspringModel model, TrainConfig c) {
    return AdamW.builder().lr(c.lr()).weightDecay(c.weightDecay()).decayIf(AdamW.DECAY_MATRICES)
        .build(model.namedParameters());
  }
}
