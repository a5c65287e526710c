package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Philox;
import dev.mainspring.tensor.Tensor;

/**
 * Inverted dropout with counter-based noise: element i is dropped when
 * {@code Philox.uniform(seed, offset, i) < p} (compared in double) and kept ones are scaled by
 * 1/(1−p). The mask is a pure function of (seed, offset, i), so it is never stored: backward
 * regenerates it, and a CUDA kernel following {@link Philox}'s layout drops the same elements.
 */
public final class Dropout extends Op.Unary {
  /** Backend kernel. Dropout is linear in its input, so one kernel serves forward and backward. */
  public interface Kernels {
    /** out[i] = in[i] / (1 − p) if Philox.uniform(seed, offset, i) ≥ p, else 0 (p < 1). */
    void apply(Tensor in, double p, long seed, long offset, Tensor out);
  }

  private final Tensor x;
  private final double p;
  private final long seed;
  private final long offset;

  private Dropout(Tensor x, double p, long seed, long offset) {
    this.x = x;
    this.p = p;
    this.seed = seed;
    this.offset = offset;
  }

  /**
   * Dropout of x with drop probability p ∈ [0, 1]. When not {@code training} or p = 0 it returns x
   * itself; p = 1 gives zeros. Use a fresh {@code offset} (or seed) for every call.
   */
  public static Tensor apply(Tensor x, double p, long seed, long offset, boolean training) {
    Masks.requireFloating("dropout", x);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("dropout probability must be in [0, 1], got " + p);
    }
    if (!training || p == 0) {
      return x;
    }
    Tensor out = Tensor.emptyLike(x);
    Dropout op = new Dropout(x, p, seed, offset);
    op.run(x, out);
    return op.record(out, x);
  }

  private void run(Tensor in, Tensor out) {
    if (p == 1) {
      out.backend().fill(out.storage(), out.offset(), out.numel(), 0.0);
    } else {
      in.backend().kernels(Kernels.class).apply(in, p, seed, offset, out);
    }
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(g);
    run(g, gx);
    grads.add(x, gx);
  }

  /** The keep decision shared by every backend: uniform u kept when u ≥ p. */
  public static boolean keep(float u, double p) {
    return u >= p;
  }

  /** Convenience for tests and references: whether element i of (seed, offset) is kept. */
  public static boolean kept(long seed, long offset, long i, double p) {
    return keep(Philox.uniform(seed, offset, i), p);
  }
}
