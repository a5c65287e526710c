package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * Masked softmax and log-softmax over the last axis. Entries where the mask is zero are left out of
 * the normalisation and output exactly 0 (in both forms) with exactly zero gradient; a row with no
 * valid entry outputs zeros, never NaN. Values at masked positions are never read, so padding may hold
 * anything (even NaN) without changing a valid output.
 */
public final class Softmax extends Op.Unary {
  /** Backend kernels; rows are x's last axis, the mask is read through {@code maskStrides}. */
  public interface Kernels {
    /**
     * out = softmax (or log-softmax when {@code log}) of each row of x over its valid entries; 0 at
     * masked entries and across fully masked rows. {@code mask} may be null (all valid); otherwise
     * element (i0, …, ik) of x is valid when mask[Σ i_d · maskStrides[d]] ≠ 0.
     */
    void forward(boolean log, Tensor x, Tensor mask, long[] maskStrides, Tensor out);

    /**
     * Input gradient from the saved output: softmax gx = y ⊙ (g − Σ g y); log-softmax
     * gx = g − softmax · Σ g; both summed over valid entries, and exactly 0 at masked ones.
     */
    void backward(boolean log, Tensor out, Tensor mask, long[] maskStrides, Tensor g, Tensor gx);
  }

  private final boolean log;
  private final Tensor x;
  private final Tensor mask;
  private final long[] maskStrides;
  private Tensor out;

  private Softmax(boolean log, Tensor x, Tensor mask, long[] maskStrides) {
    this.log = log;
    this.x = x;
    this.mask = mask;
    this.maskStrides = maskStrides;
  }

  public static Tensor softmax(Tensor x) {
    return apply(false, x, null);
  }

  /** Softmax over the last axis of x restricted to entries where {@code mask} (broadcast) ≠ 0. */
  public static Tensor softmax(Tensor x, Tensor mask) {
    return apply(false, x, mask);
  }

  public static Tensor logSoftmax(Tensor x) {
    return apply(true, x, null);
  }

  /** Log-softmax over the last axis of x's valid entries; 0 at masked entries. */
  public static Tensor logSoftmax(Tensor x, Tensor mask) {
    return apply(true, x, mask);
  }

  private static Tensor apply(boolean log, Tensor x, Tensor mask) {
    String name = log ? "logSoftmax" : "softmax";
    Masks.requireFloating(name, x);
    if (x.rank() == 0) {
      throw new IllegalArgumentException(name + " needs at least one axis, got " + x);
    }
    Softmax op = new Softmax(log, x, mask, Masks.strides(mask, x, name));
    op.out = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).forward(log, x, mask, op.maskStrides, op.out);
    return op.record(op.out, x, mask);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).backward(log, out, mask, maskStrides, g, gx);
    grads.add(x, gx);
  }
}
