package dev.mainspring.train;

import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;

/** Writes the inference-ready model (what {@code infer} loads) with the inference side's ModelStore. */
final class ModelExport {
  private ModelExport() {}

  static Path save(Path dir, MainspringModel model) throws IOException {
    ModelStore.save(dir, model);
    return dir;
  }
}
