package dev.mainspring.train;

import dev.mainspring.backend.cuda.CudaBackend;
import dev.mainspring.backend.cuda.OptimizerCuda;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Tensor;
import java.util.List;

/**
 * Finds the optimiser kernel families on a backend, registering the CPU implementations on first
 * use (the interfaces live here because backends must not depend on training; the CUDA kernels
 * live in backend.cuda and are adapted here).
 */
final class TrainKernels {
  private TrainKernels() {}

  static <K> K get(Backend backend, Class<K> family) {
    try {
      return backend.kernels(family);
    } catch (UnsupportedOperationException missing) {
      synchronized (TrainKernels.class) {
        if (backend.name().equals("cpu")) {
          backend.register(AdamW.Kernels.class, new AdamWCpu());
          backend.register(GradClip.Kernels.class, new GradClipCpu());
        } else if (backend instanceof CudaBackend cuda) {
          OptimizerCuda kernels = new OptimizerCuda(cuda);
          backend.register(AdamW.Kernels.class, kernels::adamwStep);
          backend.register(GradClip.Kernels.class, new GradClip.Kernels() {
            @Override
            public double sumOfSquares(Tensor g) {
              return kernels.sumOfSquares(g);
            }

            @Override
            public double sumOfSquares(List<Tensor> gs) {
              return kernels.sumOfSquares(gs);
            }

            @Override
            public void scale(Tensor g, double factor) {
              kernels.scale(g, factor);
            }
          });
        } else {
          throw missing;
        }
      }
      return backend.kernels(family);
    }
  }
}
