package dev.mainspring.train;

import dev.mainspring.model.ModelConfig;
import java.util.List;

/**
 * Everything one training run is a function of (with the seed): the model, the seed's optimiser
 * and curriculum settings, validation, checkpoints and stopping rules. Written to the output
 * folder as config.json and into every checkpoint, so {@code --resume} runs the same schedule.
 * JSON reading, overriding and writing: {@link TrainConfigJson}. Presets: {@link #preset}.
 *
 * @param model architecture and data shape (ModelConfig presets)
 * @param steps total optimiser steps T; 0 = estimate from {@code timeLimitMinutes} by timing a few
 *     probe steps before training ({@link StepBudget}); schedules and curriculum need T up front
 * @param batchSize examples per step
 * @param lr peak learning rate (seed: 3e-4)
 * @param weightDecay AdamW decoupled weight decay (seed: 1e-2), applied to matrices only
 * @param clip global gradient-norm clip (seed: 1.0)
 * @param warmupFraction linear warm-up as a fraction of T, capped at {@code maxWarmupSteps}
 * @param maxWarmupSteps cap of the warm-up
 * @param lrMin the rate the cosine ends at (seed: torch's CosineAnnealingLR default 0)
 * @param tauMax Gumbel-softmax temperature at step 0 (seed: 5.0)
 * @param tauMin temperature reached at step T (seed: 0.05)
 * @param phaseBoundaries fractions of T where phases 2, 3 and 4 start (seed: 0.1, 0.3, 0.8)
 * @param validateEvery steps between validations; 0 = T/4 rounded up (resolved with T): four
 *     validations, the last at the end, keep a 10-minute CPU run's validation cost near 10%
 * @param validationSize held-out examples (seed: 1,000 at base)
 * @param posteriorSamples flow samples per validation example for the N_e posterior summary
 * @param checkpointEvery steps between checkpoints; 0 = T/4 rounded up (resolved with T)
 * @param keep how many of the latest step checkpoints to keep (the best is kept as well)
 * @param seed run seed: weights, data stream, Gumbel noise and the validation set derive from it
 * @param threads simulation worker threads
 * @param timeLimitMinutes stop cleanly (checkpoint, final validation, plots) after this long;
 *     0 = no limit
 * @param device cpu, cuda or auto
 * @param plateauSteps stopping rule 1: steps without a better validation loss (the seed's 50k);
 *     judged over the last ceil(plateauSteps / validateEvery) validations, at least one
 *     ({@link StoppingRules#of}). Configs before this field named it plateauWindow and counted
 *     validations; {@link TrainConfigJson} converts them
 * @param calibrationTolerance stopping rule 2: every time bin's 90% coverage within this of 0.9, in
 *     coverage units (0.05: the seed's "within 5%" read as 5 percentage points; {@link StoppingRules})
 * @param stallSteps stopping rule 3: steps without a better N_e RMSE, converted to validations as
 *     plateauSteps (formerly stallWindow, in validations)
 * @param minImprovement relative improvement that counts as better for rules 1 and 3
 * @param stopOnRules stop when all three rules hold (the seed's "training is complete"; on in
 *     base, off in smoke and small); otherwise they are only reported
 * @param progress draw a progress bar on stderr
 * @param plots write PNG plots at the end
 */
public record TrainConfig(
    ModelConfig model,
    int steps,
    int batchSize,
    double lr,
    double weightDecay,
    double clip,
    double warmupFraction,
    int maxWarmupSteps,
    double lrMin,
    double tauMax,
    double tauMin,
    List<Double> phaseBoundaries,
    int validateEvery,
    int validationSize,
    int posteriorSamples,
    int checkpointEvery,
    int keep,
    long seed,
    int threads,
    double timeLimitMinutes,
    String device,
    int plateauSteps,
    double calibrationTolerance,
    int stallSteps,
    double minImprovement,
    boolean stopOnRules,
    boolean progress,
    boolean plots) {

  public TrainConfig {
    if (model == null) {
      throw new IllegalArgumentException("config needs a model");
    }
    phaseBoundaries = phaseBoundaries == null ? null : List.copyOf(phaseBoundaries);
  }

  /**
   * A preset's configuration. Batch sizes: base 16 (the seed's), small 4 (the 10-minute CPU
   * run), smoke 2 (tests). {@code small} runs on a 10-minute budget with T estimated from the
   * measured step time; {@code base} is the seed's 1M steps.
   */
  public static TrainConfig preset(String name) {
    ModelConfig m = ModelConfig.preset(name);
    return switch (name) {
      // smoke and small only report the stopping rules: their budget (40 steps; 10 CPU minutes) ends
      // long before the seed's rules could mean "converged". base stops on them, as the seed does.
      case "smoke" -> new TrainConfig(m, 40, 2, 3e-4, 1e-2, 1.0, 0.01, 2000, 0.0, 5.0, 0.05, SEED_BOUNDARIES,
          20, 8, 64, 20, 2, 1, 1, 0, "auto", 60, 0.05, 60, 1e-3, false, false, true);
      // 48 validation examples with 128 posterior samples: a validation costs about as much as 15
      // training steps at n = 20, S ≤ 300 on 2 cores, so four of them take ~10% of the budget.
      // lr 1e-3, not the seed's 3e-4: the seed's rate is for 1M steps; a 10-minute CPU run has a
      // few hundred, and at 3e-4 the N_e posterior had not left the prior by the end (RMSE 0.829
      // vs Watterson 0.817 after 210 steps) while 1e-3 beat it (0.804 after 278; BENCHMARKS.md).
      // Rule windows of 150 steps: about two validations of a run of a few hundred steps.
      case "small" -> new TrainConfig(m, 0, 4, 1e-3, 1e-2, 1.0, 0.01, 2000, 0.0, 5.0, 0.05, SEED_BOUNDARIES,
          0, 48, 128, 0, 2, 1, 1, 10, "auto", 150, 0.05, 150, 1e-3, false, true, true);
      // The seed's 50k-step plateau: 10 validations 5000 steps apart.
      case "base" -> new TrainConfig(m, 1_000_000, 16, 3e-4, 1e-2, 1.0, 0.01, 2000, 0.0, 5.0, 0.05,
          SEED_BOUNDARIES, 5000, 1000, 1000, 5000, 3, 1, Math.max(1, Runtime.getRuntime().availableProcessors() - 2),
          0, "auto", 50_000, 0.05, 50_000, 1e-3, true, true, true);
      default -> throw new IllegalArgumentException("unknown preset '" + name + "': choose smoke, small or base");
    };
  }

  /** Validations per run when validateEvery is 0. */
  public static final int DEFAULT_VALIDATIONS = 4;

  /** The seed's phase boundaries: 100k, 300k and 800k of 1M steps. */
  public static final List<Double> SEED_BOUNDARIES = List.of(0.1, 0.3, 0.8);

  /**
   * Warm-up steps W = min(maxWarmupSteps, round(warmupFraction·T)). Why a warm-up at all (the
   * seed's CosineAnnealingLR has none): Adam's second-moment estimate rests on a handful of
   * gradients in the first steps, and with the Gumbel temperature at its highest those gradients
   * are at their noisiest; a short linear ramp keeps the first updates from undoing the
   * initialisation (the mismatch bias starts the decoder at the Hamming baseline). 1% keeps it
   * short enough that a 10-minute run loses nothing measurable; the cap keeps base at 0.2%.
   */
  public int warmupSteps() {
    return (int) Math.min(maxWarmupSteps, Math.round(warmupFraction * steps));
  }

  /** This configuration with T fixed and the step-derived settings resolved. */
  public TrainConfig withSteps(int total) {
    if (total < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + total);
    }
    int every = validateEvery > 0 ? validateEvery : ceilDiv(total, DEFAULT_VALIDATIONS);
    int ck = checkpointEvery > 0 ? checkpointEvery : ceilDiv(total, 4);
    return new TrainConfig(model, total, batchSize, lr, weightDecay, clip, warmupFraction, maxWarmupSteps, lrMin,
        tauMax, tauMin, phaseBoundaries, every, validationSize, posteriorSamples, ck, keep, seed, threads,
        timeLimitMinutes, device, plateauSteps, calibrationTolerance, stallSteps, minImprovement, stopOnRules,
        progress, plots);
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** True once T is known. */
  public boolean resolved() {
    return steps > 0 && validateEvery > 0 && checkpointEvery > 0;
  }

  /**
   * Checks every setting and returns this; a problem throws IllegalArgumentException naming the
   * field, its value and what it must be.
   */
  public TrainConfig validate() {
    require(steps >= 0, "steps", steps, "≥ 0 (0: estimate from timeLimitMinutes)");
    require(steps > 0 || timeLimitMinutes > 0, "steps", steps,
        "> 0 when there is no time limit (steps are estimated only from a time budget)");
    require(batchSize >= 1, "batchSize", batchSize, "≥ 1");
    require(lr > 0 && Double.isFinite(lr), "lr", lr, "a positive number");
    require(weightDecay >= 0 && Double.isFinite(weightDecay), "weightDecay", weightDecay, "≥ 0");
    require(clip > 0 && Double.isFinite(clip), "clip", clip, "a positive number");
    require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction", warmupFraction, "in [0, 1)");
    require(maxWarmupSteps >= 0, "maxWarmupSteps", maxWarmupSteps, "≥ 0");
    require(lrMin >= 0 && lrMin <= lr, "lrMin", lrMin, "in [0, lr]");
    require(tauMax > 0 && tauMin > 0 && tauMin <= tauMax && Double.isFinite(tauMax), "tauMin/tauMax",
        tauMin + "/" + tauMax, "positive with tauMin ≤ tauMax");
    require(phaseBoundaries != null && phaseBoundaries.size() == 3, "phaseBoundaries", phaseBoundaries,
        "three fractions (starts of phases 2, 3 and 4)");
    double prev = 0;
    for (double b : phaseBoundaries) {
      require(b > prev && b <= 1, "phaseBoundaries", phaseBoundaries,
          "increasing fractions in (0, 1] (1 skips the phases from there on)");
      prev = b;
    }
    require(validateEvery >= 0, "validateEvery", validateEvery, "≥ 0 (0: T/4)");
    require(validationSize >= 1, "validationSize", validationSize, "≥ 1");
    require(posteriorSamples >= 2, "posteriorSamples", posteriorSamples, "≥ 2");
    require(checkpointEvery >= 0, "checkpointEvery", checkpointEvery, "≥ 0 (0: T/4)");
    require(keep >= 1, "keep", keep, "≥ 1");
    require(threads >= 1, "threads", threads, "≥ 1");
    require(timeLimitMinutes >= 0 && Double.isFinite(timeLimitMinutes), "timeLimitMinutes", timeLimitMinutes,
        "≥ 0 (0: none)");
    require(device != null && (device.equals("cpu") || device.equals("cuda") || device.equals("auto")), "device",
        device, "cpu, cuda or auto");
    require(plateauSteps >= 1, "plateauSteps", plateauSteps, "≥ 1");
    require(calibrationTolerance > 0 && calibrationTolerance < 1, "calibrationTolerance", calibrationTolerance,
        "in (0, 1)");
    require(stallSteps >= 1, "stallSteps", stallSteps, "≥ 1");
    require(minImprovement >= 0 && minImprovement < 1, "minImprovement", minImprovement, "in [0, 1)");
    if (steps > 0) {
      require(warmupSteps() < steps, "warmupFraction", warmupFraction, "small enough that warm-up < steps");
    }
    return this;
  }

  private static void require(boolean ok, String field, Object value, String what) {
    if (!ok) {
      throw new IllegalArgumentException("config field '" + field + "' is " + value + "; it must be " + what);
    }
  }
}
