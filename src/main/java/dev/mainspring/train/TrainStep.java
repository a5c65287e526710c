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

  /** The optimiser the seed prescribes: AdamW, decay on matrices only (not biases or LayerNorm gains). */
  public static AdamW optimizer(MainspringModel model, TrainConfig c) {
    return AdamW.builder().lr(c.lr()).weightDecay(c.weightDecay()).decayIf(AdamW.DECAY_MATRICES)
        .build(model.namedParameters());
  }
}
