package dev.mainspring.train;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.MainspringModel;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a time budget into a step count T, which the curriculum, the τ and lr schedules need up
 * front. Before training, a throwaway copy of the model (same config and seed, so the same
 * initial weights) takes {@value #PROBE_STEPS} steps on full-prior batches from a stream of their
 * own; the first {@value #WARMUP_STEPS} are dropped (JIT compilation, first allocations) and the
 * median of the rest is the step time. A validation of {@value #VALIDATION_WARMUP} examples warms
 * that path up (the first one pays for compilation and the model's one-off set-up), then one of
 * {@value #VALIDATION_TIMED} is timed and scaled to the validation set. Then T solves
 * T·step + V·validation = budget − elapsed − reserve, with V validations (four by default, or
 * T / validateEvery) and a reserve for checkpoints and plots.
 * The run then trains exactly T steps; the time limit still stops it cleanly should it run slow.
 */
public final class StepBudget {
  static final int PROBE_STEPS = 8;
  static final int WARMUP_STEPS = 3;
  static final int VALIDATION_WARMUP = 4;
  static final int VALIDATION_TIMED = 8;
  /** Seconds set aside for checkpoints, the model export and the plots. */
  static final double RESERVE_SECONDS = 15;

  /** What the probe measured and the T it chose. */
  public record Estimate(int steps, double stepSeconds, double validationSeconds) {}

  private StepBudget() {}

  /**
   * T for {@code config} within {@code limitSeconds}, {@code elapsedSeconds} of which are gone.
   *
   * @param validations number of validations the run will do
   */
  public static int steps(double limitSeconds, double elapsedSeconds, double stepSeconds, double validationSeconds,
      int validations) {
    return steps(limitSeconds, elapsedSeconds, stepSeconds, validationSeconds, validations, 0);
  }

  /**
   * As above, plus one validation every {@code validateEvery} steps (0: none besides the fixed
   * {@code validations}).
   */
  static int steps(double limitSeconds, double elapsedSeconds, double stepSeconds, double validationSeconds,
      int validations, int validateEvery) {
    double left = limitSeconds - elapsedSeconds - validations * validationSeconds - RESERVE_SECONDS;
    double perStep = stepSeconds + (validateEvery > 0 ? validationSeconds / validateEvery : 0);
    int t = (int) Math.floor(left / perStep);
    if (t < 1) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "a %.1f-minute budget leaves no time to train: one step takes %.2f s and a validation %.1f s; "
              + "give more time (--time-limit) or a step count (--steps)", limitSeconds / 60, stepSeconds,
          validationSeconds));
    }
    return t;
  }

  /** Times probe steps and a validation chunk, and returns T for the config's time limit. */
  public static Estimate estimate(TrainConfig config, List<TrainingExample> validation, double elapsedSeconds) {
    double[] times = new double[PROBE_STEPS - WARMUP_STEPS];
    MainspringModel probe = new MainspringModel(config.model(), config.seed());
    AdamW opt = TrainStep.optimizer(probe, config);
    Curriculum full = new Curriculum(1, List.of(1e-9, 2e-9, 1.0)); // every step in phase 3
    TrainStep step = new TrainStep(probe, opt, config.clip());
    double validationSeconds;
    try (BatchStream data = new BatchStream(config.model(), full, config.batchSize(), config.seed() ^ 0x50524F4245L,
        0, PROBE_STEPS, config.threads(), 2)) {
      for (int i = 0; i < PROBE_STEPS; i++) {
        BatchStream.StepBatch b = data.take();
        long t0 = System.nanoTime();
        step.run(b.batch(), b.phase().weights(), config.tauMax(), config.lr(), i);
        if (i >= WARMUP_STEPS) {
          times[i - WARMUP_STEPS] = (System.nanoTime() - t0) / 1e9;
        }
      }
      int w = Math.min(VALIDATION_WARMUP, validation.size());
      int timed = Math.min(VALIDATION_TIMED, validation.size());
      new Validator(validation.subList(0, w), config.posteriorSamples(), config.model().window(), config.seed())
          .run(probe, config.tauMax());
      Validator v = new Validator(validation.subList(validation.size() - timed, validation.size()),
          config.posteriorSamples(), config.model().window(), config.seed());
      long t0 = System.nanoTime();
      v.run(probe, config.tauMax());
      validationSeconds = (System.nanoTime() - t0) / 1e9 * validation.size() / timed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing probe steps", e);
    } finally {
      opt.release();
      probe.release();
    }
    Arrays.sort(times);
    double stepSeconds = times[times.length / 2];
    int t = config.validateEvery() > 0
        ? steps(config.timeLimitMinutes() * 60, elapsedSeconds, stepSeconds, validationSeconds, 1,
            config.validateEvery())
        : steps(config.timeLimitMinutes() * 60, elapsedSeconds, stepSeconds, validationSeconds,
            TrainConfig.DEFAULT_VALIDATIONS);
    return new Estimate(t, stepSeconds, validationSeconds);
  }
}
