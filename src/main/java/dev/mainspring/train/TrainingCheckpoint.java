package dev.mainspring.train;

import dev.mainspring.io.Checkpoint;
import dev.mainspring.nn.Module;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Saves and restores a module, its AdamW state, the step, RNG state and config in one file. */
public final class TrainingCheckpoint {
  /** What a restore hands back besides the weights and optimiser state it installed. */
  public record Restored(long step, byte[] rngState, String config) {}

  private TrainingCheckpoint() {}

  public static void save(Path file, Module model, AdamW optimizer, byte[] rngState,
      String configJson) throws IOException {
    Checkpoint.save(file, tensors(model), optimizer.firstMoments(), optimizer.secondMoments(),
        optimizer.stepCount(), rngState, configJson);
  }

  /** Loads {@code file} into the model and optimiser (which must match it) and returns the rest. */
  public static Restored restore(Path file, Module model, AdamW optimizer) throws IOException {
    Map<String, Tensor> live = tensors(model);
    try (Checkpoint ck = Checkpoint.load(file, live)) {
      ck.copyParametersInto(live);
      optimizer.restore(ck.step(), ck.firstMoments(), ck.secondMoments());
      return new Restored(ck.step(), ck.rngState(), ck.config());
    }
  }

  /** The model's parameters by name, as checkpoints store them. */
  static Map<String, Tensor> tensors(Module model) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      out.put(e.getKey(), e.getValue().value());
    }
    return out;
  }
}
