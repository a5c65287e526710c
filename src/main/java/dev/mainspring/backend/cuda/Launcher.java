package dev.mainspring.backend.cuda;

import dev.mainspring.bindings.cuda.CudaException;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;

/**
 * Queues our own kernels for the CUDA backend's kernel families: device addresses of tensors, one
 * reusable argument buffer per thread, grids for element counts. With {@code -Dmainspring.cuda.sync=true}
 * every launch is followed by a synchronisation, so a fault inside a kernel is reported with that
 * kernel's name instead of at the next transfer (slow; for debugging).
 */
public final class Launcher {
  /** Threads per block for element-wise (grid-stride) kernels. */
  public static final int BLOCK = 256;

  private static final boolean SYNC_EACH = Boolean.getBoolean("mainspring.cuda.sync");

  private final CudaBackend backend;
  private final DeviceRuntime runtime;
  private final ThreadLocal<KernelArgs> args = ThreadLocal.withInitial(KernelArgs::new);

  Launcher(CudaBackend backend, DeviceRuntime runtime) {
    this.backend = backend;
    this.runtime = runtime;
  }

  public CudaBackend backend() {
    return backend;
  }

  /** This thread's argument buffer, cleared. */
  public KernelArgs args() {
    return args.get().clear();
  }

  /** The device address of a tensor's first element (its storage plus its view offset). */
  public static long ptr(Tensor t) {
    if (!(t.storage() instanceof CudaStorage s)) {
      throw new IllegalArgumentException(t + " is not on the CUDA backend");
    }
    return s.pointer() + t.offset() * t.dtype().bytes();
  }

  /** {@link #ptr} or 0 (a null pointer the kernel tests for) when {@code t} is null. */
  public static long ptrOrNull(Tensor t) {
    return t == null ? 0L : ptr(t);
  }

  /** Adds a {@code double} kernel parameter. */
  public static KernelArgs f64(KernelArgs a, double v) {
    return a.f64(v);
  }

  /** Throws a clear error unless every tensor is F32 (the device kernels are single precision). */
  public static void requireF32(String op, Tensor... ts) {
    for (Tensor t : ts) {
      if (t != null && t.dtype() != DType.F32) {
        throw new UnsupportedOperationException(op + " on the cuda backend runs in F32 only, got " + t
            + " (F64 is for gradient checks on the cpu backend)");
      }
    }
  }

  /** Launches a grid-stride kernel over {@code n} elements. Nothing is queued when n is 0. */
  public void elementwise(String module, String name, long n, KernelArgs a) {
    if (n == 0) {
      return;
    }
    launch(module, name, runtime.gridFor(n, BLOCK), BLOCK, 0, a);
  }

  /** Launches {@code module/name} with an explicit 1-D grid. */
  public void launch(String module, String name, int grid, int block, int sharedBytes, KernelArgs a) {
    if (grid == 0) {
      return;
    }
    backend.bindThread();
    runtime.launch(module, name, grid, block, sharedBytes, a);
    if (SYNC_EACH) {
      try {
        runtime.synchronize();
      } catch (CudaException e) {
        throw new KernelFailedException(module + "/" + name, "kernel " + module + "/" + name + " (grid " + grid
            + ", block " + block + ") failed: " + e.getMessage(), e);
      }
    }
  }

  /** Blocks for a grid-stride kernel over n elements on this device. */
  public int gridFor(long n, int blockThreads) {
    return runtime.gridFor(n, blockThreads);
  }
}
