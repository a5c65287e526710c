package dev.mainspring.train;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.nn.Parameter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training run: the seed's loop over T steps with the curriculum, τ annealing and cosine lr,
 * on-the-fly batches ({@link BatchStream}), a validation every N steps, checkpoints every M steps
 * and at the end, and the stopping conditions: the end of T, the time limit, a stop request
 * (Ctrl-C), the seed's stopping rules (when asked to stop on them) and a non-finite loss. Every
 * stop except the last saves a checkpoint first; a non-finite loss saves nothing, so the last
 * good checkpoint stays the newest.
 *
 * <p>Resuming from a checkpoint after s steps restores weights, AdamW moments and the trainer
 * state and restarts the data stream at example s·B, so on the CPU the run continues with exactly
 * the losses the uninterrupted run had (the kernels are deterministic).
 */
public final class Trainer {
  public enum Status { COMPLETED, TIME_LIMIT, INTERRUPTED, STOPPING_RULES, NON_FINITE }

  /**
   * How a run ended.
   *
   * @param lastCheckpoint the newest step checkpoint (null if none was ever written)
   * @param lastValidation the last validation done in this session (null if none)
   */
  public record Outcome(Status status, long stepsDone, Path lastCheckpoint, ValidationMetrics lastValidation,
      String message) {}

  /** Test seams: run code before a step, or stop before one as Ctrl-C would. */
  public interface Hooks {
    default void beforeStep(long step, MainspringModel model) {}

    default boolean stopBefore(long step) {
      return false;
    }

    Hooks NONE = new Hooks() {};
  }

  private final TrainConfig config;
  private final Path out;
  private final PrintStream log;
  private final Hooks hooks;
  private final long startNanos;
  private final MainspringModel model;
  private final AdamW optimizer;
  private final CheckpointStore store;
  private final StoppingRules rules;
  private volatile boolean stopRequested;
  private double bestNeRmse = Double.POSITIVE_INFINITY;
  private long bestStep = -1;
  private Path lastCheckpoint;
  private double validationSeconds;

  /**
   * @param config a resolved config ({@link TrainConfig#resolved()})
   * @param startNanos when the session started (System.nanoTime), for the time limit
   */
  public Trainer(TrainConfig config, Path out, PrintStream log, Hooks hooks, long startNanos) throws IOException {
    if (!config.resolved()) {
      throw new IllegalArgumentException("trainer needs a config with its step count resolved");
    }
    this.config = config;
    this.out = out;
    this.log = log;
    this.hooks = hooks;
    this.startNanos = startNanos;
    this.model = new MainspringModel(config.model(), config.seed());
    this.optimizer = TrainStep.optimizer(model, config);
    this.store = new CheckpointStore(out, config.keep());
    this.rules = StoppingRules.of(config);
  }

  public MainspringModel model() {
    return model;
  }

  /** Asks the loop to checkpoint and stop before its next step (the Ctrl-C handler calls this). */
  public void requestStop() {
    stopRequested = true;
  }

  /** Trains from step 0, or from {@code resume} (a step checkpoint of this run) when not null. */
  public Outcome run(Path resume, List<TrainingExample> validationSet) throws IOException, InterruptedException {
    long start = 0;
    if (resume != null) {
      TrainerState s = CheckpointStore.restore(resume, model, optimizer, config);
      start = s.step();
      bestNeRmse = s.bestNeRmse();
      bestStep = s.bestStep();
      rules.restore(s.validationLosses(), s.neRmses());
      lastCheckpoint = resume;
      log.printf(Locale.ROOT, "resuming at step %d of %d from %s%n", start, config.steps(), resume);
    }
    long total = config.steps();
    Curriculum curriculum = new Curriculum(total, config.phaseBoundaries());
    TauSchedule taus = new TauSchedule(config.tauMax(), config.tauMin(), total);
    CosineSchedule lrs = new CosineSchedule(config.lr(), total, config.warmupSteps(), config.lrMin());
    Validator validator = new Validator(validationSet, config.posteriorSamples(), config.model().window(),
        config.seed());
    TrainStep trainStep = new TrainStep(model, optimizer, config.clip());
    ValidationMetrics lastValidation = null;
    StepMetrics last = null;
    long done = start;
    try (MetricsLog metrics = MetricsLog.open(out, start);
        BatchStream data = new BatchStream(config.model(), curriculum, config.batchSize(), config.seed(), start,
            total, config.threads(), 2);
        Progress bar = Progress.open(config.progress(), start, total, log)) {
      for (long step = start; step < total; step++) {
        if (stopRequested || hooks.stopBefore(step)) {
          save(done);
          return new Outcome(Status.INTERRUPTED, done, lastCheckpoint, lastValidation,
              "stopped on request after step " + done + "; checkpoint " + lastCheckpoint);
        }
        if (timeUp()) {
          if (last != null && (lastValidation == null || !validatedAt(done))) {
            lastValidation = validate(validator, metrics, last, taus.tau(done - 1));
          }
          save(done);
          return new Outcome(Status.TIME_LIMIT, done, lastCheckpoint, lastValidation, String.format(Locale.ROOT,
              "time limit of %.1f min reached after %d of %d steps (curriculum phase %d); checkpoint %s",
              config.timeLimitMinutes(), done, total, curriculum.at(done - 1 < 0 ? 0 : done - 1).number(),
              lastCheckpoint));
        }
        hooks.beforeStep(step, model);
        BatchStream.StepBatch b = data.take();
        long t0 = System.nanoTime();
        double tau = taus.tau(step);
        double lr = lrs.lr(step);
        TrainStep.Result r;
        try {
          r = trainStep.run(b.batch(), b.phase().weights(), tau, lr, DataSeeds.gumbel(config.seed(), step));
        } catch (RuntimeException e) {
          // Non-finite weights often fail inside the forward pass (a NaN join time cannot be threaded)
          // before any loss exists: report that as the divergence it is, anything else as the bug it is.
          String bad = firstNonFinite();
          if (bad == null) {
            throw e;
          }
          return new Outcome(Status.NON_FINITE, done, lastCheckpoint, lastValidation, String.format(Locale.ROOT,
              "non-finite weights in %s at step %d (phase %d; the forward pass failed: %s): stopped. The last good "
                  + "checkpoint is %s", bad, step, b.phase().number(), e.getMessage(), lastGood()));
        }
        if (!r.applied()) {
          String what = r.loss().finite() ? String.format(Locale.ROOT, "gradient norm %s", r.gradNorm())
              : "loss";
          return new Outcome(Status.NON_FINITE, done, lastCheckpoint, lastValidation, String.format(Locale.ROOT,
              "non-finite %s at step %d (phase %d, τ=%.4g, lr=%.4g; total=%s topo=%s time=%s sfs=%s demo=%s): "
                  + "stopped without updating the weights. The last good checkpoint is %s", what, step,
              b.phase().number(), tau, lr, r.loss().total(), r.loss().topo(), r.loss().time(), r.loss().sfs(),
              r.loss().demo(), lastGood()));
        }
        done = step + 1;
        double stepMs = (System.nanoTime() - t0 + b.waitNanos()) / 1e6;
        last = new StepMetrics(step, b.phase().number(), tau, lr, r.loss(), r.gradNorm(),
            config.batchSize() / (stepMs / 1000), b.waitNanos() / 1e6, stepMs);
        boolean validate = done % config.validateEvery() == 0 || done == total;
        metrics.step(last, null);
        bar.step(done, last);
        if (validate) {
          lastValidation = validate(validator, metrics, last, tau);
        }
        Map<String, Boolean> holding = lastRules;
        if (done % config.checkpointEvery() == 0 || done == total) {
          save(done);
        }
        if (validate && config.stopOnRules() && StoppingRules.all(holding)) {
          if (lastSavedStep != done) {
            save(done);
          }
          return new Outcome(Status.STOPPING_RULES, done, lastCheckpoint, lastValidation,
              "the seed's stopping rules all hold after step " + done + " (validation loss plateaued, calibrated "
                  + "within " + config.calibrationTolerance() + " in every time bin, N_e RMSE stalled)");
        }
      }
    }
    return new Outcome(Status.COMPLETED, done, lastCheckpoint, lastValidation,
        "trained " + total + " steps; checkpoint " + lastCheckpoint);
  }

  private String lastGood() {
    return lastCheckpoint == null ? "none (no checkpoint was written yet)" : lastCheckpoint.toString();
  }

  /** The name of the first parameter holding a NaN or ±∞, or null. */
  private String firstNonFinite() {
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      for (float f : e.getValue().value().toFloatArray()) {
        if (!Float.isFinite(f)) {
          return e.getKey();
        }
      }
    }
    return null;
  }

  private Map<String, Boolean> lastRules = Map.of();
  private long lastValidatedStep = -1;

  private boolean validatedAt(long done) {
    return lastValidatedStep == done;
  }

  private boolean timeUp() {
    if (config.timeLimitMinutes() <= 0) {
      return false;
    }
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    // Leave room for the closing validation, checkpoint and plots.
    return elapsed + validationSeconds + StepBudget.RESERVE_SECONDS >= config.timeLimitMinutes() * 60;
  }

  private ValidationMetrics validate(Validator validator, MetricsLog metrics, StepMetrics at, double tau)
      throws IOException {
    long t0 = System.nanoTime();
    ValidationMetrics v = validator.run(model, tau);
    validationSeconds = (System.nanoTime() - t0) / 1e9;
    long done = at.step() + 1;
    lastValidatedStep = done;
    lastRules = rules.update(v.loss().total(), v.neRmse(), v.coverage90ByBin());
    metrics.evaluation(at, v, lastRules, validationSeconds);
    boolean best = Double.isFinite(v.neRmse()) && v.neRmse() < bestNeRmse;
    if (best) {
      bestNeRmse = v.neRmse();
      bestStep = done;
      store.saveBest(model, optimizer, config, state(done));
    }
    if (config.progress()) {
      log.println(); // the progress bar's line ends without a newline
    }
    log.println(describe(done, at.phase(), v, lastRules, best)
        + String.format(Locale.ROOT, " (%.1f s)", validationSeconds));
    return v;
  }

  /** One line per validation: the model's numbers beside both baselines, and the stopping rules. */
  static String describe(long step, int phase, ValidationMetrics v, Map<String, Boolean> rules, boolean best) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "after %d steps (phase %d) validation on %d: loss %.4f | N_e RMSE %.3f (Watterson %.3f) | target acc %.3f "
            + "(Hamming %.3f) | coverage90 %.3f [", step, phase, v.count(), v.loss().total(), v.neRmse(),
        v.neRmseWatterson(), v.targetAcc(), v.targetAccHamming(), v.coverage90()));
    for (int i = 0; i < v.coverage90ByBin().length; i++) {
      sb.append(i == 0 ? "" : " ").append(v.binLabels().size() > i ? v.binLabels().get(i) + ":" : "")
          .append(String.format(Locale.ROOT, "%.2f", v.coverage90ByBin()[i]));
    }
    sb.append(String.format(Locale.ROOT, "] | RF %.3f", v.rfDistance()));
    if (best) {
      sb.append(" | best so far");
    }
    StringBuilder holding = new StringBuilder();
    rules.forEach((k, on) -> {
      if (on) {
        holding.append(holding.isEmpty() ? "" : ", ").append(k);
      }
    });
    if (!holding.isEmpty()) {
      sb.append(" | stopping rules holding: ").append(holding);
    }
    return sb.toString();
  }

  private TrainerState state(long done) {
    return new TrainerState(done, bestNeRmse, bestStep, rules.validationLossHistory(), rules.neRmseHistory());
  }

  private long lastSavedStep = -1;

  private void save(long done) throws IOException {
    lastCheckpoint = store.save(model, optimizer, config, state(done));
    lastSavedStep = done;
  }

  /** Frees the model and optimiser state. */
  public void release() {
    optimizer.release();
    model.release();
  }
}
