package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * Elementwise binary cross-entropy on logits z against targets y ∈ [0, 1], in the stable form
 * max(z, 0) − z·y + log1p(e^{−|z|}) (no overflow for any z). Gradients: σ(z) − y for z, −z for y.
 * Masked entries (mask = 0) are 0 with zero gradient and are never read.
 */
public final class BceWithLogits extends Op.Unary {
  /** Backend kernels; logits, targets and out share one shape, the mask is read via maskStrides. */
  public interface Kernels {
    /** out = max(z,0) − z·y + log1p(exp(−|z|)) at valid entries, 0 at masked ones. */
    void forward(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides, Tensor out);

    /** gz = g·(σ(z) − y), gy = −g·z at valid entries, 0 at masked ones; either may be null. */
    void backward(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides, Tensor g,
        Tensor gLogits, Tensor gTargets);
  }

  private final Tensor logits;
  private final Tensor targets;
  private final Tensor mask;
  private final long[] maskStrides;

  private BceWithLogits(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides) {
    this.logits = logits;
    this.targets = targets;
    this.mask = mask;
    this.maskStrides = maskStrides;
  }

  /** Per-element BCE of logits against targets of the same shape; mask may be null. */
  public static Tensor apply(Tensor logits, Tensor targets, Tensor mask) {
    Masks.requireFloating("bceWithLogits", logits);
    Masks.sameBackendAndDtype("bceWithLogits", logits, targets);
    targets.requireShape(logits.shape(), "bceWithLogits targets (the shape of the logits)");
    BceWithLogits op = new BceWithLogits(logits, targets, mask,
        Masks.strides(mask, logits, "bceWithLogits"));
    Tensor out = Tensor.emptyLike(logits);
    logits.backend().kernels(Kernels.class).forward(logits, targets, mask, op.maskStrides, out);
    return op.record(out, logits, targets, mask);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gz = needsGrad(logits) ? Tensor.emptyLike(logits) : null;
    Tensor gy = needsGrad(targets) ? Tensor.emptyLike(targets) : null;
    logits.backend().kernels(Kernels.class).backward(logits, targets, mask, maskStrides, g, gz, gy);
    grads.add(logits, gz);
    grads.add(targets, gy);
  }
}
