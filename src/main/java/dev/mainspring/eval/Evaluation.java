package dev.mainspring.eval;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.Prediction;
import dev.mainspring.model.Predictor;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * evaluate's work: simulate a held-out set at the model's configuration from a curriculum prior,
 * predict it in batches, and compute the diagnostics and the SBC ranks of the N_e posterior.
 *
 * <p>SBC needs raw posterior draws, not the summary {@code predict} returns; they come from a
 * {@link DrawSampler} (the model's flow posterior). L = 19 draws by default: ranks 0..19 take 20
 * values, binned by 4 into 5 bins.
 */
public final class Evaluation {
  /** Grid times checked by SBC: t = 10, ~100, ~1e3, ~1e4, ~1e5 and 1e6 generations (k = 0, 6, 12, 19, 25, 31). */
  public static final int[] SBC_GRID = {0, 6, 12, 19, 25, 31};

  private Evaluation() {}

  /** L posterior draws of log10 N_e on the grid per dataset of a batch: [dataset][draw][k]. */
  @FunctionalInterface
  public interface DrawSampler {
    List<double[][]> draws(Batch batch, int draws, long seed);
  }

  /** A batch's predictions and, when {@code draws} > 0, its SBC draws (in one forward pass for the model). */
  @FunctionalInterface
  interface BatchInference {
    MainspringModel.PredictionsWithDraws infer(Batch batch, int posteriorSamples, long seed, int draws, long drawSeed);
  }

  public record Options(CurriculumPhase prior, int count, long seed, int batchSize, int posteriorSamples,
      int sbcDraws) {
    public Options {
      if (count < 1) {
        throw new IllegalArgumentException("need at least one held-out example, got " + count);
      }
      if (batchSize < 1 || posteriorSamples < 2 || sbcDraws < 0) {
        throw new IllegalArgumentException("batch size must be >= 1, posterior samples >= 2 and SBC draws >= 0");
      }
    }
  }

  /**
   * @param withoutSites held-out examples without segregating sites, left out (nothing to infer from)
   * @param sbc null when no SBC draws were asked for
   */
  public record Result(DiagnosticsReport diagnostics, SbcRanks sbc, int withoutSites, ModelConfig config,
      Options options, double seconds) {}

  /** The held-out simulator: the model's n, G, rates and crop, and the chosen prior; no departures unless phase 4. */
  public static ExampleSimulator heldOut(ModelConfig c, CurriculumPhase prior) {
    return new ExampleSimulator(ExampleSimulator.Config.prior(c.samples(), c.sequenceLength(), c.mu(), c.rho(), prior)
        .withMaxSites(c.maxSites()));
  }

  /** @param progress called with the number of examples done */
  public static Result run(MainspringModel model, Options o, IntConsumer progress) {
    return run(model::predictWithDraws, model.config(), o, progress);
  }

  /** {@link #run(MainspringModel, Options, IntConsumer)} with any predictor and sampler for config {@code c}. */
  public static Result run(Predictor model, DrawSampler sampler, ModelConfig c, Options o, IntConsumer progress) {
    return run((b, samples, seed, draws, drawSeed) -> new MainspringModel.PredictionsWithDraws(
        model.predict(b, samples, seed), draws == 0 ? List.of() : sampler.draws(b, draws, drawSeed)), c, o, progress);
  }

  static Result run(BatchInference model, ModelConfig c, Options o, IntConsumer progress) {
    long start = System.nanoTime();
    ExampleSimulator sim = heldOut(c, o.prior());
    List<TrainingExample> examples = new ArrayList<>();
    List<Prediction> predictions = new ArrayList<>();
    SbcRanks sbc = o.sbcDraws() > 0 ? new SbcRanks(SBC_GRID, o.sbcDraws()) : null;
    int withoutSites = 0;
    int done = 0;
    List<TrainingExample> pending = new ArrayList<>();
    for (int i = 0; i < o.count(); i++) {
      TrainingExample ex = sim.simulate(o.seed(), i);
      if (ex.S == 0) {
        withoutSites++;
      } else {
        pending.add(ex);
      }
      if (pending.size() == o.batchSize() || (i == o.count() - 1 && !pending.isEmpty())) {
        predictBatch(model, pending, o, done, predictions, sbc);
        examples.addAll(pending);
        done += pending.size();
        pending.clear();
      }
      progress.accept(i + 1);
    }
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no held-out example had sites");
    }
    DiagnosticsReport d = Diagnostics.compute(examples, predictions, c.window(), o.seed());
    return new Result(d, sbc, withoutSites, c, o, (System.nanoTime() - start) / 1e9);
  }

  private static void predictBatch(BatchInference model, List<TrainingExample> batch, Options o, int offset,
      List<Prediction> predictions, SbcRanks sbc) {
    List<Observation> obs = batch.stream().map(TrainingExample::observation).toList();
    Batch b = Batch.ofObservations(obs);
    // A seed per batch for the draws that the summary's seed does not use.
    long drawSeed = dev.mainspring.sim.Seeds.example(o.seed() ^ 0x5BCL, offset);
    MainspringModel.PredictionsWithDraws p = model.infer(b, o.posteriorSamples(), o.seed() + offset,
        sbc == null ? 0 : o.sbcDraws(), drawSeed);
    predictions.addAll(p.predictions());
    if (sbc == null) {
      return;
    }
    List<double[][]> draws = p.draws();
    if (draws.size() != batch.size()) {
      throw new IllegalStateException("sampler gave draws for " + draws.size() + " of " + batch.size() + " datasets");
    }
    for (int e = 0; e < batch.size(); e++) {
      sbc.add(batch.get(e).logNeGrid, draws.get(e));
    }
  }
}
