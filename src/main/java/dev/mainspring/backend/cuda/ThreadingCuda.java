package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;

/**
 * The threading ARG builder's per-site parent arrays on the device ({@code cuda/threading.cu}), one
 * thread per site, exactly {@code data.ThreadingArgBuilder.parents} (ties ordered by (time, node id)).
 * The result is in the layout {@code DifferentiableSfs} reads, so hard targets and join times become a
 * spectrum without leaving the GPU.
 */
public final class ThreadingCuda {
  private ThreadingCuda() {}

  /**
   * Parents [B, S, 2n-1] (I32, −1 at the root) from targets (I32) and join times (F32), both [B, n, S]
   * with row 0 ignored. An invalid target (outside [0, i)) or time (not positive and finite) is thrown
   * at the next synchronisation.
   */
  public static Tensor parents(Tensor targets, Tensor times) {
    if (targets.rank() != 3 || !java.util.Arrays.equals(targets.shape(), times.shape())) {
      throw new IllegalArgumentException("threading: targets and times must both be [B, n, S], got " + targets
          + " and " + times);
    }
    if (targets.dtype() != DType.I32 || times.dtype() != DType.F32) {
      throw new IllegalArgumentException("threading: targets must be I32 and times F32, got " + targets + " and "
          + times);
    }
    if (!(targets.backend() instanceof CudaBackend backend) || times.backend() != backend) {
      throw new IllegalArgumentException("threading: both inputs must be on the cuda backend: " + targets + ", "
          + times);
    }
    int batch = targets.dim(0);
    int n = targets.dim(1);
    int sites = targets.dim(2);
    if (n < 2) {
      throw new IllegalArgumentException("threading: needs at least 2 samples, got " + targets);
    }
    Tensor out = Tensor.empty(backend, DType.I32, batch, sites, 2 * n - 1);
    Launcher l = backend.launcher();
    l.elementwise("threading", "ms_threading_parents", (long) batch * sites, l.args().ptr(ptr(targets))
        .ptr(ptr(times)).ptr(ptr(out)).ptr(backend.errorWord()).i32(batch).i32(n).i32(sites));
    return out;
  }
}
