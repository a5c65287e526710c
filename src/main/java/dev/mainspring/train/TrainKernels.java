package dev.mainspring.train;

import dev.mainspring.tensor.Backend;

/**
 * Finds the optimiser kernel families on a backend, registering the CPU implementations on first
 * use (they live here, beside their interfaces, because backends must not depend on training).
 * Another backend registers its own with {@code backend.register(AdamW.Kernels.class, ...)}.
 */
final class TrainKernels {
  private TrainKernels() {}

  static <K> K get(Backend backend, Class<K> family) {
    try {
      return backend.kernels(family);
    } catch (UnsupportedOperationException missing) {
      if (!backend.name().equals("cpu")) {
        throw missing;
      }
      synchronized (TrainKernels.class) {
        backend.register(AdamW.Kernels.class, new AdamWCpu());
        backend.register(GradClip.Kernels.class, new GradClipCpu());
      }
      return backend.kernels(family);
    }
  }
}
