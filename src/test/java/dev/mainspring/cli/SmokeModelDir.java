package dev.mainspring.cli;

import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;

/** Untrained `smoke` weights saved as a model directory, the input the infer and evaluate tests need. */
final class SmokeModelDir {
  private SmokeModelDir() {}

  static Path save(Path dir, long seed) throws IOException {
    MainspringModel model = new MainspringModel(ModelConfig.preset("smoke"), seed);
    ModelStore.save(dir, model);
    model.release();
    return dir;
  }
}
