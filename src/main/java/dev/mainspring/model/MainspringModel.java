package dev.mainspring.model;

import dev.mainspring.nn.Module;
import java.util.List;

/**
 * The four-stage network (MODEL.md). Contract used by training and inference; the model issue
 * implements it.
 */
public final class MainspringModel extends Module {
  private final ModelConfig config;

  /** A freshly initialised model; the same (config, seed) gives the same weights. */
  public MainspringModel(ModelConfig config, long seed) {
    this.config = config;
  }

  public ModelConfig config() {
    return config;
  }

  /**
   * Forward pass with Gumbel-softmax hard targets at temperature {@code tau} (noise from
   * {@code noiseSeed}) and all losses; the batch must hold training examples.
   */
  public LossTerms losses(Batch batch, LossWeights weights, double tau, long noiseSeed) {
    throw new UnsupportedOperationException("model forward pass: issue 6");
  }

  /**
   * Inference without gradients: argmax targets, gamma posteriors, expected SFS and the N_e
   * posterior summarised from {@code posteriorSamples} flow samples drawn with {@code seed}.
   */
  public List<Prediction> predict(Batch batch, int posteriorSamples, long seed) {
    throw new UnsupportedOperationException("model inference: issue 6");
  }
}
