package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.backend.cuda.Launcher.ptrOrNull;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.ThreadingParents;

/**
 * The threading ARG builder's per-site parent arrays on the device ({@code cuda/threading.cu}), one
 * thread per site, exactly {@code data.ThreadingArgBuilder.parents} (ties ordered by (time, node id)).
 * The result is in the layout {@code DifferentiableSfs} reads, so hard targets and join times become a
 * spectrum without leaving the GPU. As {@link ThreadingParents}' kernel it reads the one-hot hard
 * sample directly (the two device kernels share the walk).
 */
public final class ThreadingCuda implements ThreadingParents.Kernels {
  private final Launcher l;

  ThreadingCuda(Launcher l) {
    this.l = l;
  }

  @Override
  public void parents(Tensor hard, Tensor times, Tensor siteMask, Tensor out) {
    Launcher.requireF32("threading", hard, times, siteMask);
    int batch = times.dim(0);
    int n = times.dim(1);
    int sites = times.dim(2);
    l.elementwise("threading", "ms_threading_parents_onehot", (long) batch * sites, l.args().ptr(ptr(hard))
        .ptr(ptr(times)).ptr(ptrOrNull(siteMask)).ptr(ptr(out)).ptr(l.backend().errorWord()).i32(batch).i32(n)
        .i32(sites));
  }

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
