package dev.mainspring.train;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One {@code train} invocation end to end: the validation set, the step budget (when T comes from a
 * time limit), config.json, the {@link Trainer}, then the inference model export and the plots.
 * The CLI parses options into a {@link TrainConfig} and hands over here.
 */
public final class TrainingSession {
  public static final String CONFIG = "config.json";
  public static final String MODEL_DIR = "model";

  /** The outcome, the config the run used (T resolved), and the files written at the end. */
  public record Result(Trainer.Outcome outcome, TrainConfig config, List<Path> plots, Path modelDir) {}

  private TrainingSession() {}

  /**
   * Runs {@code config} into {@code out}, or continues the run in {@code out} from
   * {@code resumeCheckpoint} (then {@code config} must be the checkpoint's). {@code onStart} gets the
   * trainer before the first step (to wire Ctrl-C).
   */
  public static Result run(TrainConfig config, Path out, Path resumeCheckpoint, PrintStream log, Trainer.Hooks hooks,
      Consumer<Trainer> onStart) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Files.createDirectories(out);
    if (resumeCheckpoint == null && Files.exists(out.resolve(CONFIG))) {
      throw new IllegalArgumentException(out + " already holds a run (" + CONFIG + "); continue it with --resume "
          + out + " or choose another --out");
    }
    long t0 = System.nanoTime();
    List<TrainingExample> validation = ValidationSet.build(config.model(), config.seed(), config.validationSize(),
        config.threads());
    log.printf(Locale.ROOT, "validation set: %d full-prior examples (%.1f s)%n", validation.size(),
        (System.nanoTime() - t0) / 1e9);
    TrainConfig resolved = config;
    if (!config.resolved()) {
      if (config.steps() == 0) {
        StepBudget.Estimate e = StepBudget.estimate(config, validation, (System.nanoTime() - start) / 1e9);
        log.printf(Locale.ROOT, "time budget %.1f min: a step takes %.3f s, a validation %.1f s → T = %d steps%n",
            config.timeLimitMinutes(), e.stepSeconds(), e.validationSeconds(), e.steps());
        resolved = config.withSteps(e.steps());
      } else {
        resolved = config.withSteps(config.steps());
      }
    }
    resolved.validate();
    if (resumeCheckpoint == null) {
      AtomicFiles.write(out.resolve(CONFIG), TrainConfigJson.write(resolved).getBytes(StandardCharsets.UTF_8));
    }
    Trainer trainer = new Trainer(resolved, out, log, hooks, start);
    try {
      onStart.accept(trainer);
      Trainer.Outcome outcome = trainer.run(resumeCheckpoint, validation);
      log.println(outcome.message());
      Path modelDir = null;
      if (outcome.status() != Trainer.Status.NON_FINITE) {
        modelDir = ModelExport.save(out.resolve(MODEL_DIR), trainer.model());
      }
      List<Path> plots = List.of();
      if (resolved.plots()) {
        plots = Plots.write(out, MetricsHistory.read(out),
            outcome.lastValidation() == null ? List.of() : outcome.lastValidation().posteriors());
      }
      return new Result(outcome, resolved, plots, modelDir);
    } finally {
      trainer.release();
    }
  }
}
