package dev.mainspring.bench;

import dev.mainspring.backend.cuda.CudaBackend;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;

/**
 * The backend a kernel bench runs on, chosen by its {@code backend} parameter ({@code -p backend=cuda},
 * or {@code -p backend=cpu,cuda} for both in one run). A CUDA launch returns before the kernel has run,
 * so every cuda benchmark op ends with {@link #sync()}: JMH then times the kernels, not their launches.
 * On the CPU {@link #sync()} does nothing, so the CPU path times what it always did.
 */
final class BenchDevice {
  private final Backend backend;
  private final boolean cuda;

  private BenchDevice(Backend backend, boolean cuda) {
    this.backend = backend;
    this.cuda = cuda;
  }

  /**
   * The backend named {@code name}, also made the process default so that tensors an op creates
   * without naming a backend land on the same device (JMH forks a JVM per parameter set, so this
   * does not leak between runs). Throws when cuda is asked for and cannot run here.
   */
  static BenchDevice select(String name) {
    switch (name) {
      case "cpu" -> {
        Backend cpu = Backends.cpu();
        Backends.setCurrent(cpu);
        return new BenchDevice(cpu, false);
      }
      case "cuda" -> {
        String why = CudaBackend.unavailableReason();
        if (why != null) {
          throw new IllegalStateException("-p backend=cuda: CUDA cannot run here: " + why);
        }
        Backend gpu = CudaBackend.shared();
        Backends.setCurrent(gpu);
        return new BenchDevice(gpu, true);
      }
      default -> throw new IllegalArgumentException("-p backend=" + name
          + ": unknown backend (expected cpu or cuda)");
    }
  }

  Backend backend() {
    return backend;
  }

  boolean isCuda() {
    return cuda;
  }

  /** Waits for the device to finish the op's kernels (and reports a kernel's error); no-op on the CPU. */
  void sync() {
    if (cuda) {
      backend.synchronize();
    }
  }

  /** The device kernels run F32 only (F64 stays on the CPU, see CudaBackend); a clear error otherwise. */
  void requireSupported(DType dtype) {
    if (!backend.supports(dtype)) {
      throw new IllegalArgumentException("-p dtype=" + dtype + ": the " + backend.name()
          + " backend has no " + dtype + " kernels; pass -p dtype=F32");
    }
  }
}
