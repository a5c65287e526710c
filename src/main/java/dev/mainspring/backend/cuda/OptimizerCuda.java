package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The optimiser's device kernels ({@code cuda/optim.cu}): the AdamW update in the CPU's F32
 * arithmetic order, the deterministic sum of squares gradient clipping needs, and in-place scaling.
 * {@code train} owns the kernel-family interfaces ({@code AdamW.Kernels}, {@code GradClip.Kernels}) and
 * backends must not depend on it, so training registers thin adapters over these methods for the
 * "cuda" backend (as {@code TrainKernels} does for the CPU).
 */
public final class OptimizerCuda {
  /** Elements per block of the sum of squares' first stage. */
  private static final long CHUNK = 1 << 14;

  private final CudaBackend backend;
  private final Launcher l;

  public OptimizerCuda(CudaBackend backend) {
    this.backend = backend;
    this.l = backend.launcher();
  }

  /**
   * In place over all elements: p ← p·(1 − lr·wd); m ← β1·m + (1 − β1)·g; v ← β2·v + (1 − β2)·g²;
   * p ← p − stepSize·m / (√v / sqrtBc2 + eps) — {@code AdamW.Kernels.step}.
   */
  public void adamwStep(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double weightDecay, double beta1,
      double beta2, double eps, double stepSize, double sqrtBc2) {
    Launcher.requireF32("adamw", p, g, m, v);
    long n = p.numel();
    if (g.numel() != n || m.numel() != n || v.numel() != n) {
      throw new IllegalArgumentException("AdamW state does not match " + p);
    }
    l.elementwise("optim", "ms_adamw_step", n, l.args().ptr(ptr(p)).ptr(ptr(g)).ptr(ptr(m)).ptr(ptr(v))
        .f32((float) (1 - lr * weightDecay)).f32((float) beta2).f32((float) (1 - beta1)).f32((float) (1 - beta2))
        .f32((float) stepSize).f32((float) sqrtBc2).f32((float) eps).i64(n));
  }

  /** Σ g² accumulated in double in an order fixed by the size; reads the value back (one synchronisation). */
  public double sumOfSquares(Tensor g) {
    return sumOfSquares(List.of(g));
  }

  /**
   * Σ g² over all of {@code gs} with one read back: each tensor's chunk sums go to one device array
   * and are added in order there (gradient clipping over a model's ~100 gradients would otherwise
   * synchronise with the host once per gradient). Deterministic for given sizes.
   */
  public double sumOfSquares(List<Tensor> gs) {
    long total = 0;
    for (Tensor g : gs) {
      Launcher.requireF32("sumOfSquares", g);
      total += chunks(g.numel());
    }
    if (total == 0) {
      return 0.0;
    }
    DeviceBlock partial = backend.scratch(total * Double.BYTES);
    DeviceBlock result = backend.scratch(Double.BYTES);
    try {
      long at = 0;
      for (Tensor g : gs) {
        long n = g.numel();
        long chunks = chunks(n);
        if (n > 0) {
          l.launch("optim", "ms_sum_squares_partial", (int) Math.min(chunks, 1 << 20), 256, 0,
              l.args().ptr(ptr(g)).ptr(partial.pointer() + at * Double.BYTES).i64(n).i64(CHUNK));
        }
        at += chunks;
      }
      l.launch("optim", "ms_sum_squares_combine", 1, 32, 0,
          l.args().ptr(partial.pointer()).ptr(result.pointer()).i64(total));
      double[] out = new double[1];
      backend.downloadRaw(MemorySegment.ofArray(out), result.pointer());
      return out[0];
    } finally {
      backend.release(partial);
      backend.release(result);
    }
  }

  /** Chunk sums a tensor of n elements contributes (none when empty). */
  private static long chunks(long n) {
    return (n + CHUNK - 1) / CHUNK;
  }

  /** g ← g·factor in place (in double, as on the CPU). */
  public void scale(Tensor g, double factor) {
    Launcher.requireF32("scale", g);
    long n = g.numel();
    l.elementwise("optim", "ms_scale_inplace", n, l.args().ptr(ptr(g)).f64(factor).i64(n));
  }
}
