package dev.mainspring.cli;

import dev.mainspring.backend.cuda.CudaBackend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.train.CheckpointStore;
import dev.mainspring.train.TrainConfig;
import dev.mainspring.train.TrainConfigJson;
import dev.mainspring.train.Trainer;
import dev.mainspring.train.TrainerState;
import dev.mainspring.train.TrainingSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: the seed's recipe as a command. Settings come from the preset, then the
 * {@code --config} file, then the options; {@code --resume} continues a run with the settings
 * saved in its checkpoint.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Train the model by inverting simulations: on-the-fly examples, the seed's four-phase curriculum, "
            + "Gumbel annealing, AdamW with a cosine schedule, validation against the Watterson and Hamming "
            + "baselines, checkpoints, metrics (CSV, JSONL) and plots.",
        "With no options: the small preset on a 10-minute budget, on CUDA if usable, else on the CPU."})
final class TrainCommand implements Callable<Integer> {
  static final int EXIT_INTERRUPTED = 130;
  static final int EXIT_NON_FINITE = 3;

  @Spec CommandSpec spec;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "smoke (seconds, tests), small (CPU, 10-minute budget) or base (the seed's, for a GPU) "
          + "(default: ${DEFAULT-VALUE}).")
  String preset = "small";

  @Option(names = "--steps", paramLabel = "T",
      description = "Total steps; the curriculum and schedules scale with it (default: the preset's; small: "
          + "estimated from the time limit).")
  Integer steps;

  @Option(names = "--time-limit", paramLabel = "MINUTES",
      description = "Stop cleanly (final validation, checkpoint, plots) after this long; without --steps the "
          + "step count is estimated to fit it; 0 = none (default: the preset's: small 10, others none).")
  Double timeLimit;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/train-<preset>-<time>).")
  Path out;

  @Option(names = "--device", paramLabel = "DEV", description = "cpu, cuda or auto: CUDA when it can run here, else the CPU (default: auto).")
  String device;

  @Option(names = "--seed", description = "Run seed: weights, data, noise and validation set (default: 1).")
  Long seed;

  @Option(names = "--config", paramLabel = "FILE",
      description = "JSON object overriding config fields (names as in config.json), applied after the preset and "
          + "before the options. The recipe's other settings live there: model sizes and data under \"model\" "
          + "(samples, sequenceLength, mu, rho, maxSites, width, heads, blocks, window, gnnRounds, flowLayers, "
          + "flowHidden, contextWidth); the τ schedule (tauMax, tauMin); phaseBoundaries (fractions of T where "
          + "phases 2, 3 and 4 start); weightDecay, clip, warmupFraction, lrMin; validationSize, "
          + "posteriorSamples; the stopping rules (plateauSteps, stallSteps, calibrationTolerance, "
          + "minImprovement). Example: {\"model\": {\"samples\": 50}, \"tauMin\": 0.1}.")
  Path configFile;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the run in DIR from its newest checkpoint, exactly as if uninterrupted.")
  Path resume;

  @Option(names = "--batch-size", paramLabel = "B", description = "Examples per step (default: the preset's: "
      + "smoke 2, small 4, base 16, the seed's).")
  Integer batchSize;

  @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate of the cosine schedule (default: "
      + "the preset's: 3e-4, the seed's; small 1e-3).")
  Double lr;

  @Option(names = "--no-phase4", description = "Skip the optional phase 4 (robustness): phase 3 runs to the end "
      + "of T; the phase boundaries become (phase 2, phase 3, 1).")
  boolean noPhase4;

  @Option(names = "--validate-every", paramLabel = "N", description = "Steps between validations, and one at the "
      + "end (default: the preset's: smoke 20, small T/4 rounded up, base 5000).")
  Integer validateEvery;

  @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints, and one at the "
      + "end (default: the preset's: smoke 20, small T/4 rounded up, base 5000).")
  Integer checkpointEvery;

  @Option(names = "--keep", paramLabel = "K", description = "Step checkpoints to keep besides the best (default: preset's).")
  Integer keep;

  @Option(names = "--threads", paramLabel = "N", description = "Simulation worker threads (default: preset's).")
  Integer threads;

  @Option(names = "--stop-on-rules", negatable = true, description = "Stop when the seed's three stopping rules "
      + "all hold; --no-stop-on-rules only reports them. May change on --resume (default: the preset's: base on, "
      + "smoke and small off).")
  Boolean stopOnRules;

  @Option(names = "--no-progress", description = "No progress bar; instead a log line every max(1, min(1000, T/100)) "
      + "steps with the loss terms, τ, lr and examples/s, as the seed's loop prints every 1000.")
  boolean noProgress;

  @Option(names = "--no-plots", description = "No PNG plots at the end.")
  boolean noPlots;

  @Override
  public Integer call() {
    PrintStream log = System.err;
    TrainConfig config;
    Path dir;
    Path checkpoint = null;
    try {
      if (resume != null) {
        dir = resume;
        checkpoint = resumeCheckpoint(resume);
        config = resumedConfig(checkpoint);
      } else {
        config = freshConfig();
        dir = out != null ? out : Path.of("runs", "train-" + preset + "-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      }
      config = config.validate();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    log.println(DeviceChoice.resolve(config.device()));
    log.println("output: " + dir.toAbsolutePath());
    CountDownLatch done = new CountDownLatch(1);
    Trainer[] running = new Trainer[1];
    Thread hook = new Thread(() -> {
      // Ctrl-C: the loop checkpoints before its next step; hold the JVM until the run has wrapped up.
      Trainer t = running[0];
      if (t != null) {
        System.err.println("\ninterrupt: saving a checkpoint and stopping…");
        t.requestStop();
        try {
          done.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "train-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      TrainingSession.Result r = TrainingSession.run(config, dir, checkpoint, log, Trainer.Hooks.NONE,
          t -> running[0] = t);
      report(log, r, dir);
      return switch (r.outcome().status()) {
        case INTERRUPTED -> EXIT_INTERRUPTED;
        case NON_FINITE -> EXIT_NON_FINITE;
        default -> 0;
      };
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot write training output in " + dir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("training interrupted");
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting (Ctrl-C): the hook is running and returns once done counts down.
      }
    }
  }

  private static void report(PrintStream log, TrainingSession.Result r, Path dir) {
    log.println("metrics: " + dir.resolve("metrics.csv") + ", " + dir.resolve("metrics.jsonl"));
    if (r.outcome().lastCheckpoint() != null) {
      log.println("checkpoint: " + r.outcome().lastCheckpoint());
    }
    if (r.modelDir() != null) {
      log.println("model: " + r.modelDir());
    }
    Path best = dir.resolve(CheckpointStore.DIR).resolve(CheckpointStore.BEST);
    if (Files.isRegularFile(best)) {
      log.println("best: " + best + " (lowest validation N_e RMSE; infer and evaluate take it as --checkpoint)");
    }
    for (Path p : r.plots()) {
      log.println("plot: " + p);
    }
  }

  TrainConfig freshConfig() {
    TrainConfig c;
    try {
      c = TrainConfig.preset(preset);
    } catch (IllegalArgumentException e) {
      throw new UserError("--preset: " + e.getMessage());
    }
    if (configFile != null) {
      String json;
      try {
        json = Files.readString(configFile, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UserError("--config: no such file: " + configFile);
      } catch (IOException e) {
        throw new UserError("--config: cannot read " + configFile + ": " + e.getMessage());
      }
      try {
        c = TrainConfigJson.override(c, json);
      } catch (IllegalArgumentException e) {
        throw new UserError("--config " + configFile + ": " + e.getMessage());
      }
    }
    List<String> patch = new ArrayList<>();
    if (batchSize != null) {
      positive("--batch-size", batchSize);
      patch.add("\"batchSize\":" + batchSize);
    }
    if (lr != null) {
      if (!(lr > 0) || !Double.isFinite(lr)) {
        throw new UserError("--lr must be a positive number, got " + lr);
      }
      patch.add("\"lr\":" + lr);
    }
    if (noPhase4) {
      // The last boundary at 1 puts phase 4's start at step T: phase 3 runs to the end.
      List<Double> b = c.phaseBoundaries();
      if (b == null || b.size() != 3) {
        throw new UserError("--no-phase4 needs the config's three phase boundaries, got " + b);
      }
      patch.add("\"phaseBoundaries\":[" + b.get(0) + "," + b.get(1) + ",1.0]");
    }
    if (steps != null) {
      positive("--steps", steps);
      patch.add("\"steps\":" + steps);
    }
    if (validateEvery != null) {
      positive("--validate-every", validateEvery);
      patch.add("\"validateEvery\":" + validateEvery);
    }
    if (checkpointEvery != null) {
      positive("--checkpoint-every", checkpointEvery);
      patch.add("\"checkpointEvery\":" + checkpointEvery);
    }
    if (keep != null) {
      positive("--keep", keep);
      patch.add("\"keep\":" + keep);
    }
    if (seed != null) {
      patch.add("\"seed\":" + seed);
    }
    patch.addAll(sessionPatch());
    return TrainConfigJson.override(c, "{" + String.join(",", patch) + "}");
  }

  /**
   * Options that may change on --resume: they do not change the loss curve. The stopping rules are
   * judged and recorded at every validation whatever stopOnRules says (their histories are in the
   * checkpoint), so turning it on or off only decides whether the run ends when they hold.
   */
  private List<String> sessionPatch() {
    List<String> patch = new ArrayList<>();
    if (stopOnRules != null) {
      patch.add("\"stopOnRules\":" + stopOnRules);
    }
    if (timeLimit != null) {
      if (!(timeLimit >= 0) || !Double.isFinite(timeLimit)) {
        throw new UserError("--time-limit must be ≥ 0 minutes (0: none), got " + timeLimit);
      }
      patch.add("\"timeLimitMinutes\":" + timeLimit);
    }
    if (device != null) {
      if (!device.equals("cpu") && !device.equals("cuda") && !device.equals("auto")) {
        throw new UserError("--device must be cpu, cuda or auto, got '" + device + "'");
      }
      patch.add("\"device\":\"" + device + "\"");
    }
    if (threads != null) {
      positive("--threads", threads);
      patch.add("\"threads\":" + threads);
    }
    if (noProgress) {
      patch.add("\"progress\":false");
    }
    if (noPlots) {
      patch.add("\"plots\":false");
    }
    return patch;
  }

  private static void positive(String option, int v) {
    if (v < 1) {
      throw new UserError(option + " must be at least 1, got " + v);
    }
  }

  private Path resumeCheckpoint(Path dirToResume) {
    if (!Files.isDirectory(dirToResume)) {
      throw new UserError("--resume: no such run folder: " + dirToResume);
    }
    List<String> conflicting = new ArrayList<>();
    String[][] given = {
        {"--steps", str(steps)}, {"--seed", str(seed)}, {"--config", str(configFile)}, {"--out", str(out)},
        {"--validate-every", str(validateEvery)}, {"--checkpoint-every", str(checkpointEvery)},
        {"--keep", str(keep)}, {"--batch-size", str(batchSize)}, {"--lr", str(lr)},
        {"--no-phase4", noPhase4 ? "on" : null}};
    for (String[] g : given) {
      if (g[1] != null) {
        conflicting.add(g[0]);
      }
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
      conflicting.add("--preset");
    }
    if (!conflicting.isEmpty()) {
      throw new UserError("--resume continues a run with the settings saved in its checkpoint; "
          + String.join(", ", conflicting) + " cannot change them (only --time-limit, --device, --threads, "
          + "--[no-]stop-on-rules, --no-progress and --no-plots can)");
    }
    try {
      return CheckpointStore.latest(dirToResume).orElseThrow(() -> new UserError("--resume: " + dirToResume
          + " has no checkpoints in " + CheckpointStore.DIR + "/ to resume from"));
    } catch (IOException e) {
      throw new UserError("--resume: cannot list " + dirToResume + ": " + e.getMessage());
    }
  }

  TrainConfig resumedConfig(Path checkpoint) {
    TrainerState.Saved saved;
    try {
      saved = CheckpointStore.peek(checkpoint);
    } catch (IOException e) {
      throw new UserError("--resume: cannot read " + checkpoint + ": " + e.getMessage());
    }
    List<String> patch = sessionPatch();
    return TrainConfigJson.override(saved.config(), "{" + String.join(",", patch) + "}");
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  /**
   * Installs the backend the run trains on and returns one log line saying which and why: cpu; cuda
   * (refused with the reason when it cannot run here); auto = cuda when usable, else cpu.
   */
  static final class DeviceChoice {
    private DeviceChoice() {}

    static String resolve(String device) {
      if (device.equals("cpu")) {
        Backends.setCurrent(Backends.cpu());
        return "device: cpu";
      }
      String why = cudaUnavailable();
      if (why == null) {
        Backends.setCurrent(CudaBackend.shared());
        return "device: cuda (" + CudaBackend.describeDevice() + ")" + (device.equals("auto") ? ", chosen by auto" : "");
      }
      if (device.equals("cuda")) {
        throw new UserError("--device cuda: the CUDA backend cannot run here: " + why + "; use --device cpu");
      }
      Backends.setCurrent(Backends.cpu());
      return "device: auto → cpu (CUDA cannot run here: " + why + ")";
    }

    private static String cudaUnavailable() {
      try {
        return CudaBackend.unavailableReason();
      } catch (RuntimeException | LinkageError e) {
        return "the CUDA probe failed: " + e;
      }
    }
  }
}
