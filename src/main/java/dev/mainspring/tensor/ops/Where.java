package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * x where the mask is valid (≠ 0), a constant elsewhere; the gradient passes at valid entries and is
 * exactly 0 at the others. Note the sense: our masks mark valid entries, so this keeps x where the
 * mask is set — the opposite of torch's {@code masked_fill}, which fills where its mask is set.
 */
public final class Where extends Op.Unary {
  /** Backend kernel; one serves both directions (backward is the same select with fill 0). */
  public interface Kernels {
    /** out = mask ≠ 0 ? x : fill, mask read through maskStrides (x's rank, 0 on broadcast axes). */
    void select(Tensor mask, long[] maskStrides, Tensor x, double fill, Tensor out);
  }

  private final Tensor x;
  private final Tensor mask;
  private final long[] maskStrides;

  private Where(Tensor x, Tensor mask, long[] maskStrides) {
    this.x = x;
    this.mask = mask;
    this.maskStrides = maskStrides;
  }

  /** x at entries where {@code mask} (broadcast to x's shape) ≠ 0, {@code fill} (may be ±∞) elsewhere. */
  public static Tensor apply(Tensor mask, Tensor x, double fill) {
    Masks.requireFloating("where", x);
    if (mask == null) {
      throw new IllegalArgumentException("where needs a mask");
    }
    Where op = new Where(x, mask, Masks.strides(mask, x, "where"));
    Tensor out = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).select(mask, op.maskStrides, x, fill, out);
    return op.record(out, x, mask);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(g);
    g.backend().kernels(Kernels.class).select(mask, maskStrides, g, 0.0, gx);
    grads.add(x, gx);
  }
}
