package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Philox;
import dev.mainspring.tensor.Tensor;

/**
 * Gumbel-softmax over the last axis with a straight-through hard one-hot, restricted to valid (mask ≠
 * 0) entries. With z = (logits + γ)/τ, γ_i = −log(−log u_i) and u_i = {@code Philox.uniform(seed,
 * offset, i)} for flat element index i: the soft sample is softmax(z) and the hard sample the one-hot
 * of the first argmax of z. The forward value to use is {@link Sample#hard()}; the gradient of either
 * output flows back through the soft sample's Jacobian (straight-through). The deterministic form
 * (inference) uses γ = 0, so hard is the argmax of the logits. Masked entries and fully masked rows
 * are 0 in both outputs and get exactly zero gradient.
 */
public final class GumbelSoftmax extends Op {
  /** Both outputs: the one-hot used forward and the relaxed sample behind its gradient. */
  public record Sample(Tensor hard, Tensor soft) {}

  /** Backend kernels; rows are the last axis, the mask is read through {@code maskStrides}. */
  public interface Kernels {
    /**
     * soft = masked softmax of z = (logits + γ)/τ with γ from {@link GumbelSoftmax#noise} (γ = 0 when
     * {@code !noise}), hard = one-hot of the first argmax of z over valid entries; both 0 at masked
     * entries and across fully masked rows. A mask of null means all valid.
     */
    void forward(Tensor logits, Tensor mask, long[] maskStrides, double tau, boolean noise, long seed,
        long offset, Tensor hard, Tensor soft);

    /** gx = soft ⊙ (g − Σ_valid g·soft) / τ, exactly 0 at masked entries. */
    void backward(Tensor soft, Tensor mask, long[] maskStrides, double tau, Tensor g, Tensor gx);
  }

  private final Tensor logits;
  private final Tensor mask;
  private final long[] maskStrides;
  private final double tau;
  private Tensor soft;

  private GumbelSoftmax(Tensor logits, Tensor mask, long[] maskStrides, double tau) {
    this.logits = logits;
    this.mask = mask;
    this.maskStrides = maskStrides;
    this.tau = tau;
  }

  /** A Gumbel-softmax sample at temperature τ > 0 with noise from stream (seed, offset). */
  public static Sample sample(Tensor logits, Tensor mask, double tau, long seed, long offset) {
    return apply(logits, mask, tau, true, seed, offset);
  }

  /** The noise-free form for inference: hard is the argmax of the logits, soft = softmax(logits/τ). */
  public static Sample deterministic(Tensor logits, Tensor mask, double tau) {
    return apply(logits, mask, tau, false, 0, 0);
  }

  /** The Gumbel noise γ = −log(−log u) of flat element {@code index}: the reference every backend follows. */
  public static double noise(long seed, long offset, long index) {
    return -Math.log(-Math.log(Philox.uniform(seed, offset, index)));
  }

  private static Sample apply(Tensor logits, Tensor mask, double tau, boolean noise, long seed,
      long offset) {
    Masks.requireFloating("gumbelSoftmax", logits);
    if (logits.rank() == 0) {
      throw new IllegalArgumentException("gumbelSoftmax needs at least one axis, got " + logits);
    }
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("gumbelSoftmax temperature must be finite and > 0, got "
          + tau);
    }
    GumbelSoftmax op = new GumbelSoftmax(logits, mask, Masks.strides(mask, logits, "gumbelSoftmax"),
        tau);
    Tensor hard = Tensor.emptyLike(logits);
    op.soft = Tensor.emptyLike(logits);
    logits.backend().kernels(Kernels.class).forward(logits, mask, op.maskStrides, tau, noise, seed,
        offset, hard, op.soft);
    op.record(new Tensor[] {hard, op.soft}, logits, mask);
    return new Sample(hard, op.soft);
  }

  @Override
  protected void backward(Tensor[] gradOutputs, Gradients grads) {
    Tensor g = gradOutputs[0];
    if (g == null) {
      g = gradOutputs[1];
    } else if (gradOutputs[1] != null) {
      g = Arith.add(g, gradOutputs[1]);
    }
    Tensor gx = Tensor.emptyLike(logits);
    logits.backend().kernels(Kernels.class).backward(soft, mask, maskStrides, tau, g, gx);
    grads.add(logits, gx);
  }
}
