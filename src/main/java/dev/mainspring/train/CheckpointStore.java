package dev.mainspring.train;

import dev.mainspring.io.Checkpoint;
import dev.mainspring.io.InvalidFileException;
import dev.mainspring.io.SafeTensors;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.nn.Module;
import dev.mainspring.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checkpoints/ folder of a run: {@code step-00001234.ckpt} after that many steps (the last
 * {@code keep} are kept, older ones deleted after each save) and {@code best.ckpt}, the state at
 * the validation with the lowest N_e RMSE. Why N_e RMSE rather than the validation loss: it is the
 * number the run is judged by (the bar against the Watterson baseline), and the loss mixes
 * terms whose weights and temperature change along the curriculum, so losses from different steps
 * do not compare. Each file is a {@link TrainingCheckpoint} (weights, AdamW moments, step, RNG
 * state, config and trainer state), written atomically.
 */
public final class CheckpointStore {
  public static final String DIR = "checkpoints";
  public static final String BEST = "best.ckpt";
  private static final Pattern STEP_FILE = Pattern.compile("step-(\\d+)\\.ckpt");

  private final Path dir;
  private final int keep;

  public CheckpointStore(Path runDir, int keep) throws IOException {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1, got " + keep);
    }
    this.dir = runDir.resolve(DIR);
    this.keep = keep;
    Files.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  public static String fileName(long step) {
    return String.format("step-%08d.ckpt", step);
  }

  /** Saves the state after {@code state.step()} steps, then deletes all but the last {@code keep}. */
  public Path save(Module model, AdamW optimizer, TrainConfig config, TrainerState state) throws IOException {
    Path file = dir.resolve(fileName(state.step()));
    write(file, model, optimizer, config, state);
    rotate();
    return file;
  }

  /** Replaces best.ckpt. */
  public Path saveBest(Module model, AdamW optimizer, TrainConfig config, TrainerState state) throws IOException {
    Path file = dir.resolve(BEST);
    write(file, model, optimizer, config, state);
    return file;
  }

  private static void write(Path file, Module model, AdamW optimizer, TrainConfig config, TrainerState state)
      throws IOException {
    TrainingCheckpoint.save(file, model, optimizer,
        TrainerState.rngState(config.seed(), state.step() * config.batchSize()), state.toJson(config));
  }

  /** Deletes step checkpoints beyond the newest {@code keep}. */
  void rotate() throws IOException {
    List<Path> files = stepFiles(dir);
    for (int i = 0; i + keep < files.size(); i++) {
      Files.deleteIfExists(files.get(i));
    }
  }

  /** The step checkpoints in {@code dir}, oldest first. */
  public static List<Path> stepFiles(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> STEP_FILE.matcher(p.getFileName().toString()).matches()).forEach(out::add);
    }
    out.sort((a, b) -> Long.compare(stepOf(a), stepOf(b)));
    return out;
  }

  static long stepOf(Path p) {
    Matcher m = STEP_FILE.matcher(p.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a step checkpoint: " + p);
    }
    return Long.parseLong(m.group(1));
  }

  /** The newest step checkpoint of a run folder, if any. */
  public static Optional<Path> latest(Path runDir) throws IOException {
    List<Path> files = stepFiles(runDir.resolve(DIR));
    return files.isEmpty() ? Optional.empty() : Optional.of(files.get(files.size() - 1));
  }

  /** The config and state saved in a checkpoint, without loading its tensors into a model. */
  public static TrainerState.Saved peek(Path file) throws IOException {
    try (SafeTensors.Reader r = SafeTensors.open(file)) {
      String json = r.metadata().get("config");
      if (json == null) {
        throw new InvalidFileException(file, "metadata lacks the run's 'config': not a training checkpoint");
      }
      return TrainerState.fromJson(json);
    }
  }

  /**
   * The model a training checkpoint holds (weights only; the optimiser state is not read), so a run's
   * best.ckpt or any step checkpoint can be used for inference directly.
   */
  public static MainspringModel model(Path file) throws IOException {
    ModelConfig config = peek(file).config().model();
    MainspringModel model = new MainspringModel(config, 0);
    Map<String, Tensor> live = TrainingCheckpoint.tensors(model);
    try (Checkpoint ck = Checkpoint.load(file, live)) {
      ck.copyParametersInto(live);
    }
    return model;
  }

  /**
   * Loads a checkpoint into {@code model} and {@code optimizer} and returns its trainer state,
   * checking that its RNG state is this run's (seed and example index at its step).
   */
  public static TrainerState restore(Path file, Module model, AdamW optimizer, TrainConfig config)
      throws IOException {
    TrainingCheckpoint.Restored r = TrainingCheckpoint.restore(file, model, optimizer);
    TrainerState state = TrainerState.fromJson(r.config()).state();
    ByteBuffer rng = ByteBuffer.wrap(r.rngState());
    long seed = rng.getLong();
    long next = rng.getLong();
    if (seed != config.seed() || next != state.step() * config.batchSize()) {
      throw new IllegalArgumentException(file + " holds data-stream state (seed " + seed + ", example " + next
          + ") that does not match its config (seed " + config.seed() + ", example "
          + state.step() * config.batchSize() + ")");
    }
    return state;
  }
}
