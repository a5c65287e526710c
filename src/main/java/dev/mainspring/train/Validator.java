package dev.mainspring.train;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.LossTerms;
import dev.mainspring.model.LossWeights;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.Prediction;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one validation on the held-out set: the mean loss terms (full-prior weights λ = 1, 1, 1 at
 * the current τ, fixed Gumbel noise, no gradients) and inference ({@link MainspringModel#predict})
 * scored by the seed's diagnostics against both baselines ({@link ValidationDiagnostics}, the one
 * call site of the eval package). Each chunk of examples runs in its own scope, so a validation
 * leaves no tensors behind.
 */
public final class Validator {
  /** Full-prior weights: the same for every validation, so losses compare along the run. */
  public static final LossWeights WEIGHTS = new LossWeights(1.0, 1.0, 1.0);
  /** Examples per forward pass. */
  static final int CHUNK = 16;
  /** How many posteriors the plots show. */
  static final int PLOTTED = 4;

  private final List<TrainingExample> examples;
  private final int posteriorSamples;
  private final long noiseSeed;
  private final int window;

  /** @param window the model's band half-width (the Hamming baseline copies within the same window) */
  public Validator(List<TrainingExample> examples, int posteriorSamples, int window, long seed) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("validation set is empty");
    }
    this.examples = List.copyOf(examples);
    this.posteriorSamples = posteriorSamples;
    this.noiseSeed = DataSeeds.validationNoise(seed);
    this.window = window;
  }

  public int size() {
    return examples.size();
  }

  public ValidationMetrics run(MainspringModel model, double tau) {
    Passes p = lossesAndPredictions(model, tau);
    return ValidationDiagnostics.score(examples, p.predictions(), window, noiseSeed, p.loss(), PLOTTED);
  }

  /** The mean validation losses and the predictions, before scoring. */
  record Passes(LossValues loss, List<Prediction> predictions) {}

  Passes lossesAndPredictions(MainspringModel model, double tau) {
    LossValues sum = LossValues.ZERO;
    List<Prediction> predictions = new ArrayList<>(examples.size());
    for (int from = 0; from < examples.size(); from += CHUNK) {
      List<TrainingExample> chunk = examples.subList(from, Math.min(examples.size(), from + CHUNK));
      Batch batch = Batch.ofExamples(chunk);
      try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
        LossTerms t = model.losses(batch, WEIGHTS, tau, noiseSeed + from);
        sum = sum.weightedSum(1, LossValues.of(t), chunk.size());
      }
      try (Scope s = Scope.open()) {
        predictions.addAll(model.predict(batch, posteriorSamples, noiseSeed + from));
      }
    }
    return new Passes(sum.weightedSum(1.0 / examples.size(), LossValues.ZERO, 0), predictions);
  }
}
