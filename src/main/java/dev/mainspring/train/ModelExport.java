package dev.mainspring.train;

import dev.mainspring.model.MainspringModel;
import java.nio.file.Path;

/** Writes the inference-ready model (for {@code infer}) with the inference side's ModelStore. */
final class ModelExport {
  private ModelExport() {}

  /** Returns the folder written, or null while the store is not available in this build. */
  static Path save(Path dir, MainspringModel model) {
    return null; // replaced by ModelStore.save(dir, model) when branch infer is merged
  }
}
