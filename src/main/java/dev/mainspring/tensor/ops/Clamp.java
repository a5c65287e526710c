package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * Elementwise clamp to [min, max] (either bound may be infinite). The gradient passes through where
 * min ≤ x ≤ max (bounds included, as PyTorch) and is 0 where the value was clipped.
 */
public final class Clamp extends Op.Unary {
  /** Backend kernels. */
  public interface Kernels {
    /** out = min(max(x, lo), hi). */
    void forward(Tensor x, double lo, double hi, Tensor out);

    /** gx = lo ≤ x ≤ hi ? g : 0. */
    void backward(Tensor x, double lo, double hi, Tensor g, Tensor gx);
  }

  private final Tensor x;
  private final double lo;
  private final double hi;

  private Clamp(Tensor x, double lo, double hi) {
    this.x = x;
    this.lo = lo;
    this.hi = hi;
  }

  public static Tensor apply(Tensor x, double min, double max) {
    Masks.requireFloating("clamp", x);
    if (!(min <= max)) {
      throw new IllegalArgumentException("clamp needs min ≤ max, got [" + min + ", " + max + "]");
    }
    Tensor out = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).forward(x, min, max, out);
    return new Clamp(x, min, max).record(out, x);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).backward(x, lo, hi, g, gx);
    grads.add(x, gx);
  }
}
