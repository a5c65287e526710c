package dev.mainspring.infer;

import dev.mainspring.data.Observation;
import dev.mainspring.model.Batch;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.Prediction;
import dev.mainspring.model.Predictor;
import dev.mainspring.sim.TreeSequence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * infer's pipeline after reading: cut the chromosome into model windows, run the model on batches
 * of windows, thread each window's ARG and join them into one tree sequence, and combine the
 * windows' N_e posteriors.
 */
public final class Inference {
  private Inference() {}

  /**
   * @param batchSize windows per forward pass
   * @param posteriorSamples flow samples per window for the N_e posterior
   * @param seed seeds the flow samples (window k of a batch gets its own stream inside the model)
   * @param mu mutation rate per bp per generation the data is read with
   * @param rho recombination rate per bp per generation
   */
  public record Options(int batchSize, int posteriorSamples, long seed, double mu, double rho) {
    public Options {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      if (posteriorSamples < 2) {
        throw new IllegalArgumentException("posterior samples must be at least 2 (a 5-95% band needs two), got "
            + posteriorSamples);
      }
    }

    public static Options defaults(ModelConfig config) {
      return new Options(16, 1000, 1, config.mu(), config.rho());
    }
  }

  /**
   * @param windows every window, including those without sites
   * @param emptyWindows windows without sites (no trees there)
   * @param splitWindows model-length windows split further because they held more than maxSites
   */
  public record Result(TreeSequence trees, NeCurve ne, List<Window> windows, int emptyWindows, int splitWindows) {}

  /** The windows that will be run: sequence length G and maxSites of the model. */
  public static List<Window> windows(Haplotypes h, ModelConfig config) {
    return Windowing.split(h.positions(), h.sequenceLength(), config.sequenceLength(), config.maxSites());
  }

  /** Checks the data fits the model before any work: genome count and at least one window with sites. */
  public static void requireCompatible(Haplotypes h, ModelConfig config) {
    int n = h.genomes();
    if (n != config.samples()) {
      throw new IllegalArgumentException("the data has " + n + " genomes (" + h.individuals().length
          + " individuals) but the model was trained for n = " + config.samples() + " genomes; select "
          + (n > config.samples() ? "a subset of" : "more") + " samples (e.g. bcftools view -s) or use a model "
          + "trained for n = " + n);
    }
  }

  /**
   * @param progress called with the number of windows finished so far after each batch
   */
  public static Result run(MainspringModel model, Haplotypes h, Options options, IntConsumer progress) {
    return run(model::predict, model.config(), h, options, progress);
  }

  /** {@link #run(MainspringModel, Haplotypes, Options, IntConsumer)} with any predictor for the config. */
  public static Result run(Predictor model, ModelConfig config, Haplotypes h, Options options, IntConsumer progress) {
    requireCompatible(h, config);
    List<Window> windows = windows(h, config);
    List<Window> used = new ArrayList<>();
    for (Window w : windows) {
      if (w.sites() > 0) {
        used.add(w);
      }
    }
    if (used.isEmpty()) {
      throw new IllegalArgumentException("no window has sites");
    }
    List<ArgConcatenator.Piece> pieces = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    double[] weights = new double[used.size()];
    for (int from = 0; from < used.size(); from += options.batchSize()) {
      List<Window> chunk = used.subList(from, Math.min(used.size(), from + options.batchSize()));
      List<Observation> obs = new ArrayList<>();
      for (Window w : chunk) {
        obs.add(Windowing.observation(h, w, options.mu(), options.rho()));
      }
      List<Prediction> out = model.predict(Batch.ofObservations(obs), options.posteriorSamples(),
          options.seed() + from);
      if (out.size() != chunk.size()) {
        throw new IllegalStateException("model returned " + out.size() + " predictions for " + chunk.size() + " windows");
      }
      for (int k = 0; k < chunk.size(); k++) {
        requireFinite(out.get(k), chunk.get(k));
      }
      List<TreeSequence> trees = ArgThreading.threadAll(obs, out);
      for (int k = 0; k < chunk.size(); k++) {
        Window w = chunk.get(k);
        pieces.add(new ArgConcatenator.Piece(w, trees.get(k)));
        weights[predictions.size()] = w.length();
        predictions.add(out.get(k));
      }
      progress.accept(from + chunk.size());
    }
    TreeSequence trees = ArgConcatenator.concatenate(h, pieces);
    return new Result(trees, NeCurve.combine(predictions, weights), windows, windows.size() - used.size(),
        countSplit(windows));
  }

  /** Model-length windows that were cut into more than one piece. */
  public static int countSplit(List<Window> windows) {
    int split = 0;
    for (int k = 1; k < windows.size(); k++) {
      if (windows.get(k).block() == windows.get(k - 1).block()
          && (k == 1 || windows.get(k - 2).block() != windows.get(k).block())) {
        split++;
      }
    }
    return split;
  }

  private static void requireFinite(Prediction p, Window w) {
    for (int i = 1; i < p.n(); i++) {
      for (int l = 0; l < p.S(); l++) {
        float t = p.joinTime()[i * p.S() + l];
        if (!(t > 0) || !Float.isFinite(t)) {
          throw new IllegalStateException("the model gave join time " + t + " for sample " + i + " at site " + l
              + " of window " + w.index() + " [" + w.start() + ", " + w.end() + "); the checkpoint may be damaged");
        }
      }
    }
  }
}
